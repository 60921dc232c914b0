"""The admin site: what court staff may change there, and that every change of a
document's access level is audited however it is made."""

import pytest
from django.urls import reverse

from filings import access
from filings.models import Access, AccessChangeRefused, AuditEvent, Document
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
