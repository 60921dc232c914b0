"""The admin site: what court staff may change there, and that every change of a
document's access level is audited however it is made."""

import pytest
from django.forms import MultiWidget
from django.urls import reverse

from filings import access
from filings.models import (
    Access,
    AccessChangeRefused,
    AuditEvent,
    Document,
    FilingDeletionRefused,
)
from tests import factories

pytestmark = pytest.mark.django_db


def form_data(response) -> dict:
    """What the admin page's form would post back unchanged, inlines included."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            widget = field.field.widget
            if isinstance(widget, MultiWidget):  # e.g. date and time of date_joined
                for suffix, sub, part in zip(
                    widget.widgets_names,
                    widget.widgets,
                    widget.decompress(value),
                    strict=True,
                ):
                    data[field.html_name + suffix] = sub.format_value(part)
                continue
            if value is True:
                value = "on"
            if isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            else:
                data[field.html_name] = str(value)
    return data


@pytest.fixture
def superuser(db):
    return factories.make_user("chief", is_staff=True, is_superuser=True)


@pytest.fixture
def sealed(cast) -> Document:
    return factories.make_document(
        factories.make_entry(cast.case), access=Access.SEALED, description="Decl."
    )


def _entry_change(client, document: Document, **changes: str):
    url = reverse("admin:filings_docketentry_change", args=[document.entry.pk])
    data = form_data(client.get(url))
    prefix = "documents-0-"
    assert data[prefix + "id"] == str(document.pk)
    data.update({prefix + key: value for key, value in changes.items()})
    return client.post(url, data)


def test_unsealing_in_the_admin_is_audited_with_who_and_why(
    cast, sealed, superuser, client
):
    client.force_login(superuser)
    response = _entry_change(
        client,
        sealed,
        access=Access.PUBLIC,
        access_reason="Order #52 unsealing the declaration",
    )
    assert response.status_code == 302
    sealed.refresh_from_db()
    assert sealed.access == Access.PUBLIC
    event = AuditEvent.objects.get(action=AuditEvent.Action.UNSEAL)
    assert event.actor == superuser
    assert event.object_id == str(sealed.pk)
    assert event.case == cast.case
    assert event.details["before"] == Access.SEALED
    assert event.details["after"] == Access.PUBLIC
    assert event.details["reason"] == "Order #52 unsealing the declaration"


def test_access_change_in_the_admin_needs_a_reason(sealed, superuser, client):
    client.force_login(superuser)
    response = _entry_change(client, sealed, access=Access.PUBLIC)
    assert response.status_code == 200
    assert b"Say why the access level changes" in response.content
    sealed.refresh_from_db()
    assert sealed.access == Access.SEALED
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.UNSEAL).exists()


def test_editing_a_description_in_the_admin_writes_no_access_event(
    sealed, superuser, client
):
    client.force_login(superuser)
    response = _entry_change(client, sealed, description="Declaration of P. Raman")
    assert response.status_code == 302
    sealed.refresh_from_db()
    assert (sealed.description, sealed.access) == (
        "Declaration of P. Raman",
        Access.SEALED,
    )
    assert not AuditEvent.objects.filter(
        action__in=["seal", "unseal", "change_access"]
    ).exists()


def test_access_cannot_change_without_the_audited_function(sealed):
    sealed.access = Access.PUBLIC
    with pytest.raises(AccessChangeRefused):
        sealed.save()
    with pytest.raises(AccessChangeRefused):
        Document.objects.filter(pk=sealed.pk).update(access=Access.PUBLIC)
    with pytest.raises(AccessChangeRefused):
        Document.objects.bulk_update([sealed], ["access"])
    sealed.refresh_from_db()
    assert sealed.access == Access.SEALED


def test_change_access_records_one_event_and_refuses_a_stale_level(cast, sealed):
    assert access.change_access(
        None, sealed, Access.PUBLIC, actor=cast.clerk, reason="order"
    )
    stale = Document.objects.get(pk=sealed.pk)
    stale.access = Access.SEALED  # as read before the change above
    assert not access.change_access(None, stale, Access.RESTRICTED, actor=cast.clerk)
    assert not access.change_access(None, sealed, Access.PUBLIC, actor=cast.clerk)
    sealed.refresh_from_db()
    assert sealed.access == Access.PUBLIC
    assert AuditEvent.objects.filter(object_id=str(sealed.pk)).count() == 1


@pytest.fixture
def staff_clerk(cast):
    """The clerk as the demo sets one up: staff, with the user-setup permissions."""
    from django.contrib.auth.models import Group

    from filings.access import CLERK_GROUP
    from filings.demo import _grant_setup_permissions

    _grant_setup_permissions(Group.objects.get(name=CLERK_GROUP))
    cast.clerk.is_staff = True
    cast.clerk.save(update_fields=["is_staff"])
    return cast.clerk


def _user_change(client, user, **changes):
    url = reverse("admin:auth_user_change", args=[user.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page)
    data.update(changes)
    return client.post(url, data)


def test_clerk_cannot_make_themselves_superuser(staff_clerk, client):
    from django.contrib.auth.models import Group, Permission

    client.force_login(staff_clerk)
    judges = Group.objects.get_or_create(name="judge")[0]
    response = _user_change(
        client,
        staff_clerk,
        first_name="Carla",
        is_superuser="on",
        groups=[str(judges.pk)],
        user_permissions=[str(Permission.objects.get(codename="delete_user").pk)],
    )
    assert response.status_code == 302
    staff_clerk.refresh_from_db()
    assert staff_clerk.first_name == "Carla"  # an ordinary field still changes
    assert not staff_clerk.is_superuser
    assert list(staff_clerk.groups.values_list("name", flat=True)) == ["clerk"]
    assert not staff_clerk.user_permissions.exists()


def test_clerk_cannot_grant_an_attorney_staff_or_the_clerk_group(
    cast, staff_clerk, client
):
    from django.contrib.auth.models import Group

    client.force_login(staff_clerk)
    clerks = Group.objects.get(name="clerk")
    response = _user_change(
        client,
        cast.plaintiff_counsel,
        is_staff="on",
        groups=[str(clerks.pk)],
        email="p@firm.example",
    )
    assert response.status_code == 302
    cast.plaintiff_counsel.refresh_from_db()
    assert cast.plaintiff_counsel.email == "p@firm.example"
    assert not cast.plaintiff_counsel.is_staff
    assert not cast.plaintiff_counsel.groups.exists()


def test_clerk_cannot_change_a_superuser_or_set_their_password(
    staff_clerk, superuser, client
):
    client.force_login(staff_clerk)
    change = reverse("admin:auth_user_change", args=[superuser.pk])
    password = reverse("admin:auth_user_password_change", args=[superuser.pk])
    response = client.post(change, {"username": "chief", "is_active": ""})
    assert response.status_code == 403
    response = client.post(
        password, {"password1": "taken over 12345", "password2": "taken over 12345"}
    )
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.is_active
    assert superuser.check_password("correct horse battery")


def test_superuser_still_grants_privileges(cast, superuser, client):
    client.force_login(superuser)
    response = _user_change(client, cast.plaintiff_counsel, is_staff="on")
    assert response.status_code == 302
    cast.plaintiff_counsel.refresh_from_db()
    assert cast.plaintiff_counsel.is_staff


def test_administration_link_only_for_those_the_admin_lets_in(cast, staff_clerk):
    from django.test import Client

    def sees_link(user) -> bool:
        client = Client()
        client.force_login(user)
        html = client.get(reverse("filings:case_list")).content.decode()
        return reverse("admin:index") in html

    assert sees_link(staff_clerk)
    assert not sees_link(cast.judge)
    assert not sees_link(cast.plaintiff_counsel)


def _set_password(client, user, password: str = "taken over 12345"):
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    return client.post(
        url,
        {"password1": password, "password2": password, "usable_password": "true"},
    )


def _logs_in(username: str, password: str) -> bool:
    from django.test import Client

    response = Client().post(
        reverse("login"), {"username": username, "password": password}
    )
    return response.status_code == 302


def test_clerk_cannot_take_over_the_judges_login(cast, staff_clerk, client):
    client.force_login(staff_clerk)
    response = _set_password(client, cast.judge)
    assert response.status_code == 403
    cast.judge.refresh_from_db()
    assert cast.judge.check_password("correct horse battery")
    assert not _logs_in(cast.judge.username, "taken over 12345")


def test_clerk_cannot_deactivate_or_rename_the_judge(cast, staff_clerk, client):
    client.force_login(staff_clerk)
    change = reverse("admin:auth_user_change", args=[cast.judge.pk])
    page = client.get(change)
    assert page.status_code == 200  # read-only view
    assert b'name="is_active"' not in page.content
    data = form_data(page) if page.context.get("adminform") else {}
    data.update({"username": "judge-renamed", "is_active": ""})
    response = client.post(change, data)
    assert response.status_code == 403
    cast.judge.refresh_from_db()
    assert cast.judge.is_active
    assert cast.judge.username != "judge-renamed"


def test_clerk_cannot_take_over_another_clerk_or_a_privileged_user(
    cast, staff_clerk, client
):
    from django.contrib.auth.models import Permission

    other_clerk = factories.make_user("clerk2", groups=(access.CLERK_GROUP,))
    helper = factories.make_user("helper")
    helper.user_permissions.add(Permission.objects.get(codename="view_case"))
    client.force_login(staff_clerk)
    for user in (other_clerk, helper):
        assert _set_password(client, user).status_code == 403
        user.refresh_from_db()
        assert user.check_password("correct horse battery")


def test_clerk_sets_up_attorney_accounts_and_their_passwords(cast, staff_clerk, client):
    client.force_login(staff_clerk)
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "new.attorney",
            "password1": "first password 2026",
            "password2": "first password 2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    assert _logs_in("new.attorney", "first password 2026")
    attorney = cast.plaintiff_counsel
    assert _set_password(client, attorney, "reset by the clerk 2026").status_code == 302
    assert _logs_in(attorney.username, "reset by the clerk 2026")
    response = _user_change(client, attorney, is_active="")
    assert response.status_code == 302
    attorney.refresh_from_db()
    assert not attorney.is_active


def test_clerk_changes_their_own_password_only_with_the_current_one(
    staff_clerk, client
):
    client.force_login(staff_clerk)
    response = _set_password(client, staff_clerk)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:password_change")
    staff_clerk.refresh_from_db()
    assert staff_clerk.check_password("correct horse battery")
    page = client.get(reverse("admin:auth_user_change", args=[staff_clerk.pk]))
    assert b'name="username"' not in page.content
    assert b'name="is_active"' not in page.content
    assert b'name="first_name"' in page.content


def test_superuser_still_sets_the_judges_password(cast, superuser, client):
    client.force_login(superuser)
    assert _set_password(client, cast.judge, "new judge pass 2026").status_code == 302
    assert _logs_in(cast.judge.username, "new judge pass 2026")


# ------------------------------------------------------------------ appearances


def test_entering_an_appearance_in_the_admin_is_audited(cast, staff_clerk, client):
    from filings.models import CounselOfRecord

    newcomer = factories.make_user("newcomer")
    client.force_login(staff_clerk)
    url = reverse("admin:filings_case_change", args=[cast.case.pk])
    data = form_data(client.get(url))
    n = int(data["counsel-TOTAL_FORMS"])
    data.update(
        {
            "counsel-TOTAL_FORMS": str(n + 1),
            f"counsel-{n}-party": str(cast.defendant.pk),
            f"counsel-{n}-user": str(newcomer.pk),
            f"counsel-{n}-firm": "New Firm LLP",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    appearance = CounselOfRecord.objects.get(user=newcomer)
    assert access.is_counsel(newcomer, cast.case)
    event = AuditEvent.objects.get(action=AuditEvent.Action.APPEAR)
    assert event.actor == staff_clerk
    assert event.case == cast.case
    assert event.object_id == str(appearance.pk)
    assert event.details["user"] == newcomer.pk
    assert event.details["party"] == cast.defendant.pk
    assert event.details["party_name"] == cast.defendant.name


def _ending_form(client, case, user) -> tuple[str, dict]:
    url = reverse("admin:filings_case_change", args=[case.pk])
    data = form_data(client.get(url))
    total = int(data["counsel-TOTAL_FORMS"])
    index = next(
        i for i in range(total) if data.get(f"counsel-{i}-user") == str(user.pk)
    )
    return url, {**data, f"counsel-{index}-end_appearance": "on"}


def test_ending_an_appearance_keeps_it_withdraws_access_and_is_audited(
    cast, staff_clerk, client
):
    from filings.models import CounselOfRecord

    sealed = factories.make_document(
        factories.make_entry(cast.case), access=Access.SEALED
    )
    file = sealed.files.get()
    client.force_login(staff_clerk)
    url, data = _ending_form(client, cast.case, cast.defendant_counsel)
    response = client.post(url, data)
    assert response.status_code == 302

    appearance = CounselOfRecord.objects.get(user=cast.defendant_counsel)
    assert appearance.ended_at is not None  # kept, not erased
    event = AuditEvent.objects.get(action=AuditEvent.Action.END_APPEARANCE)
    assert (event.actor, event.case) == (staff_clerk, cast.case)
    assert event.details["user"] == cast.defendant_counsel.pk
    assert event.details["party"] == cast.defendant.pk

    counsel = cast.client("defendant_counsel")
    assert counsel.get(reverse("filings:file_view", args=[file.pk])).status_code == 404
    assert (
        counsel.get(reverse("filings:new_filing", args=[cast.case.pk])).status_code
        == 403
    )
    page = client.get(url).content.decode()
    assert "ended appearances" in page.lower()


def test_appearances_cannot_be_deleted_or_moved(cast, staff_clerk, client):
    from filings.models import CounselOfRecord

    appearance = CounselOfRecord.objects.get(user=cast.plaintiff_counsel)
    with pytest.raises(FilingDeletionRefused):
        appearance.delete()
    with pytest.raises(FilingDeletionRefused):
        CounselOfRecord.objects.all().delete()
    client.force_login(staff_clerk)
    url, data = _ending_form(client, cast.case, cast.plaintiff_counsel)
    index = next(k for k, v in data.items() if k.endswith("-end_appearance"))
    data.pop(index)
    data[index.replace("end_appearance", "user")] = str(cast.outsider.pk)
    data[index.replace("end_appearance", "DELETE")] = "on"
    response = client.post(url, data)
    assert response.status_code == 200
    assert b"end it and add a new one" in response.content
    assert CounselOfRecord.objects.get(pk=appearance.pk).user == cast.plaintiff_counsel
    assert not access.is_counsel(cast.outsider, cast.case)


def test_an_attorney_may_appear_again_after_an_appearance_ended(cast):
    from filings.models import CounselOfRecord

    appearance = CounselOfRecord.objects.get(user=cast.plaintiff_counsel)
    assert access.end_appearance(None, appearance, actor=cast.clerk)
    assert not access.end_appearance(None, appearance, actor=cast.clerk)
    again = CounselOfRecord.objects.create(
        case=cast.case, party=cast.plaintiff, user=cast.plaintiff_counsel
    )
    assert CounselOfRecord.objects.filter(user=cast.plaintiff_counsel).count() == 2
    assert list(
        CounselOfRecord.objects.active().filter(user=cast.plaintiff_counsel)
    ) == [again]
