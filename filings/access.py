"""The one place that decides who may see which document and file.

Views never repeat these rules: they call ``get_document_or_404`` and
``get_file_or_404`` (which answer 404, so that someone who may not see a sealed
file cannot even learn that it exists) and ``record`` for the audit trail.

The rules:
- public files: everyone, signed in or not;
- restricted files: court staff and counsel of record in that case;
- sealed and provisionally sealed files: court staff, and counsel of record in
  that same case where the court allows it; never the public, never attorneys
  of other cases;
- a highlighted unredacted copy is treated as sealed whatever its document's
  access; a proposed redacted copy is held at its document's own level (and at
  least restricted), because until the clerk accepts it nobody has checked that
  its boxes cover no live text: it may hold everything the original does. The
  accepted public redacted version (a file of its own) is public;
- having uploaded a file grants nothing more: the attorney who lodged a sealed
  document sees it while counsel of record where the court lets counsel see
  sealed filings, like the document page, and not after withdrawing;
- counsel of record means an appearance that has not ended: an ended one is
  kept on record and grants nothing. Entering and ending appearances (which
  grant and withdraw sealed access) are audited here too.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Model
from django.http import Http404, HttpRequest

from filings.models import (
    Access,
    AuditEvent,
    Case,
    CounselOfRecord,
    Document,
    DocumentFile,
)

CLERK_GROUP = "clerk"
JUDGE_GROUP = "judge"

User = AbstractBaseUser | AnonymousUser


def _groups(user: User) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_sealing_groups", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._sealing_groups = cached
    return cached


def is_clerk(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or CLERK_GROUP in _groups(user))


def is_judge(user: User) -> bool:
    return user.is_authenticated and JUDGE_GROUP in _groups(user)


def is_court_staff(user: User) -> bool:
    return is_clerk(user) or is_judge(user)


def counsel_case_ids(user: User) -> frozenset[int]:
    """Cases in which the user is counsel of record (cached for the request)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_sealing_counsel_cases", None)
    if cached is None:
        cached = frozenset(user.appearances.active().values_list("case_id", flat=True))
        user._sealing_counsel_cases = cached
    return cached


def is_counsel(user: User, case: Case | int) -> bool:
    case_id = case if isinstance(case, int) else case.pk
    return case_id in counsel_case_ids(user)


def role_name(user: User) -> str:
    """A label for the page header."""
    if is_judge(user):
        return "Judge"
    if is_clerk(user):
        return "Clerk"
    if user.is_authenticated and counsel_case_ids(user):
        return "Attorney"
    if user.is_authenticated:
        return "Registered user"
    return "Public"


def _level_allows(user: User, level: str, case: Case) -> bool:
    if level == Access.PUBLIC:
        return True
    if is_court_staff(user):
        return True
    if not is_counsel(user, case):
        return False
    if level == Access.RESTRICTED:
        return True
    return case.court.counsel_may_view_sealed


def file_level(file: DocumentFile) -> str:
    """The access level a file is held at, from its role and its document's access."""
    role = file.role
    if role == DocumentFile.Role.PUBLIC_REDACTED:
        return Access.PUBLIC
    if role == DocumentFile.Role.UNREDACTED_HIGHLIGHTED:
        return Access.SEALED
    if role == DocumentFile.Role.PROPOSED_REDACTED:
        level = file.document.access
        return Access.RESTRICTED if level == Access.PUBLIC else level
    return file.document.access


def can_view_file(user: User, file: DocumentFile) -> bool:
    return _level_allows(user, file_level(file), file.document.entry.case)


def can_view_original(user: User, document: Document) -> bool:
    return _level_allows(user, document.access, document.entry.case)


def can_view_document(
    user: User, document: Document, *, has_public_version: bool | None = None
) -> bool:
    """Whether the document's page may be shown: its original, or a public version."""
    if can_view_original(user, document):
        return True
    if has_public_version is None:
        has_public_version = document.files.filter(
            role=DocumentFile.Role.PUBLIC_REDACTED
        ).exists()
    return has_public_version


def visible_files(user: User, document: Document) -> list[DocumentFile]:
    files = document.files.select_related("uploaded_by").order_by(
        "role", "-uploaded_at"
    )
    return [f for f in files if can_view_file(user, f)]


def can_file_in(user: User, case: Case) -> bool:
    """Attorneys file in the cases where they are counsel of record."""
    return is_counsel(user, case)


def can_administer(user: User) -> bool:
    """Whether the admin site would let the user in (Django's own test)."""
    return user.is_authenticated and user.is_active and user.is_staff


def can_requeue_processing(user: User) -> bool:
    """The clerk's office looks after the processing queue."""
    return is_clerk(user)


def get_document_or_404(request: HttpRequest, pk: int) -> Document:
    try:
        document = Document.objects.select_related(
            "entry__case__court", "entry__filer"
        ).get(pk=pk)
    except Document.DoesNotExist:
        raise Http404("No such document.") from None
    if not can_view_document(request.user, document):
        raise Http404("No such document.")
    return document


def get_file_or_404(request: HttpRequest, pk: int) -> DocumentFile:
    try:
        file = DocumentFile.objects.select_related("document__entry__case__court").get(
            pk=pk
        )
    except DocumentFile.DoesNotExist:
        raise Http404("No such file.") from None
    if not can_view_file(request.user, file):
        raise Http404("No such file.")
    return file


def client_address(request: HttpRequest | None) -> str | None:
    """The address the request came from, for the audit log and log-in throttling.

    Behind the reverse proxy (``BEHIND_PROXY``) it is the address the proxy
    appended to X-Forwarded-For, counted from the right: anything to its left
    was sent by the client and may be forged.
    """
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    if not settings.BEHIND_PROXY:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    count = settings.TRUSTED_PROXY_COUNT
    if count < 1 or len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def record(
    request: HttpRequest | None,
    action: str,
    obj: Model,
    *,
    case: Case | None = None,
    actor: Any = None,
    **details: Any,
) -> AuditEvent:
    """Append an audit event for ``obj``; the actor is the request's user by default.

    A HEAD request passes the same checks as GET and is recorded as one, marked
    "head" (it sent the headers, not the content)."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    if request is not None and request.method == "HEAD":
        details.setdefault("head", True)
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        case=case,
        client_address=client_address(request),
        details=details,
    )


def change_access(
    request: HttpRequest | None,
    document: Document,
    level: str,
    *,
    actor: Any = None,
    expected: str | None = None,
    **details: Any,
) -> bool:
    """Set ``document``'s access level and record who did it and why.

    The only way a document's level changes (the model refuses any other), so
    that no sealing or unsealing escapes the audit log. The change applies only
    if the document is still at ``expected`` (by default the level it was read
    at), so two people acting at once cannot both change it; returns whether it
    changed.
    """
    if level not in Access.values:
        raise ValueError(f"Unknown access level {level!r}.")
    before = document.access if expected is None else expected
    if level == before:
        return False
    with transaction.atomic():
        changed = Document.objects.filter(
            pk=document.pk, access=before
        ).set_access_unaudited(level)
        if not changed:
            return False
        document.access = level
        record(
            request,
            _access_action(before, level),
            document,
            case=document.entry.case,
            actor=actor,
            before=before,
            after=level,
            **details,
        )
    return True


def _access_action(before: str, after: str) -> str:
    if after in {Access.SEALED, Access.PROVISIONALLY_SEALED}:
        return AuditEvent.Action.SEAL
    if after == Access.PUBLIC:
        return AuditEvent.Action.UNSEAL
    return AuditEvent.Action.CHANGE_ACCESS


def record_appearance(
    request: HttpRequest | None, appearance: CounselOfRecord, *, actor: Any = None
) -> AuditEvent:
    """Audit a new appearance: it grants the user what counsel of record see."""
    return record(
        request,
        AuditEvent.Action.APPEAR,
        appearance,
        case=appearance.case,
        actor=actor,
        **_appearance_details(appearance),
    )


def end_appearance(
    request: HttpRequest | None,
    appearance: CounselOfRecord,
    *,
    actor: Any = None,
    reason: str = "",
) -> bool:
    """End an appearance (withdrawal, substitution) and audit it; the record is
    kept. Returns False if it had already ended."""
    from django.utils import timezone

    with transaction.atomic():
        now = timezone.now()
        ended = CounselOfRecord.objects.filter(
            pk=appearance.pk, ended_at__isnull=True
        ).update(ended_at=now)
        if not ended:
            return False
        appearance.ended_at = now
        record(
            request,
            AuditEvent.Action.END_APPEARANCE,
            appearance,
            case=appearance.case,
            actor=actor,
            reason=reason,
            **_appearance_details(appearance),
        )
    return True


def _appearance_details(appearance: CounselOfRecord) -> dict[str, Any]:
    return {
        "user": appearance.user_id,
        "username": appearance.user.get_username(),
        "party": appearance.party_id,
        "party_name": appearance.party.name,
        "firm": appearance.firm,
    }
