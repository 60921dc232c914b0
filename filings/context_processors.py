from django.http import HttpRequest

from filings import access


def roles(request: HttpRequest) -> dict[str, object]:
    user = request.user
    return {
        "role_name": access.role_name(user),
        "is_court_staff": access.is_court_staff(user),
        "is_clerk": access.is_clerk(user),
        "is_judge": access.is_judge(user),
        "can_administer": access.can_administer(user),
    }
