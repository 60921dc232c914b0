"""The access rules as unit tests: one table of (document access, file role, role) -> may see."""

import pytest

from filings import access
from filings.models import Access, DocumentFile
from tests import factories
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

STAFF = {"clerk", "judge"}
COUNSEL = {"plaintiff_counsel", "defendant_counsel"}

# (document access, file role) -> roles that may see the file (the uploader aside)
RULES = {
    (Access.PUBLIC, DocumentFile.Role.ORIGINAL): set(ROLES),
    (Access.RESTRICTED, DocumentFile.Role.ORIGINAL): STAFF | COUNSEL,
    (Access.SEALED, DocumentFile.Role.ORIGINAL): STAFF | COUNSEL,
    (Access.PROVISIONALLY_SEALED, DocumentFile.Role.ORIGINAL): STAFF | COUNSEL,
    (Access.PUBLIC, DocumentFile.Role.UNREDACTED_HIGHLIGHTED): STAFF | COUNSEL,
    (Access.SEALED, DocumentFile.Role.PROPOSED_REDACTED): STAFF | COUNSEL,
    (Access.PROVISIONALLY_SEALED, DocumentFile.Role.PROPOSED_REDACTED): STAFF | COUNSEL,
    (Access.PUBLIC, DocumentFile.Role.PROPOSED_REDACTED): STAFF | COUNSEL,
    (Access.SEALED, DocumentFile.Role.PUBLIC_REDACTED): set(ROLES),
}


def _user(cast, role):
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if role == "public" else getattr(cast, role)


@pytest.mark.parametrize(("level", "file_role"), list(RULES))
@pytest.mark.parametrize("role", ROLES)
def test_file_access_rule(cast, level, file_role, role):
    document = factories.make_document(
        factories.make_entry(cast.case), access=level, role=file_role
    )
    file = document.files.get()
    assert access.can_view_file(_user(cast, role), file) is (
        role in RULES[(level, file_role)]
    )


@pytest.mark.parametrize("role", ROLES)
def test_counsel_lose_sealed_access_where_the_court_does_not_allow_it(cast, role):
    cast.court.counsel_may_view_sealed = False
    cast.court.save()
    document = factories.make_document(
        factories.make_entry(cast.case), access=Access.SEALED
    )
    file = document.files.get()
    assert access.can_view_file(_user(cast, role), file) is (role in STAFF)


@pytest.mark.parametrize("level", [Access.SEALED, Access.PROVISIONALLY_SEALED])
@pytest.mark.parametrize("role", ROLES)
def test_a_proposed_redacted_copy_is_held_at_its_documents_level(cast, level, role):
    """Until the clerk accepts it, a proposed copy may still hold the sealed text
    under its boxes: where the court bars counsel from sealed files, it bars
    them from the proposed copy too, whoever uploaded it."""
    cast.court.counsel_may_view_sealed = False
    cast.court.save()
    document = factories.make_document(
        factories.make_entry(cast.case),
        access=level,
        role=DocumentFile.Role.PROPOSED_REDACTED,
        uploaded_by=cast.defendant_counsel,
    )
    file = document.files.get()
    assert access.can_view_file(_user(cast, role), file) is (role in STAFF)


def _lodged_by_plaintiff_counsel(cast):
    document = factories.make_document(
        factories.make_entry(cast.case),
        access=Access.PROVISIONALLY_SEALED,
        uploaded_by=cast.plaintiff_counsel,
    )
    return document, document.files.get()


def test_the_filer_still_counsel_sees_their_lodged_file_as_the_document_page(cast):
    document, file = _lodged_by_plaintiff_counsel(cast)
    assert access.can_view_file(cast.plaintiff_counsel, file)
    assert access.can_view_document(cast.plaintiff_counsel, document)


def test_the_filer_is_barred_like_other_counsel_where_the_court_bars_counsel(cast):
    cast.court.counsel_may_view_sealed = False
    cast.court.save()
    document, file = _lodged_by_plaintiff_counsel(cast)
    assert not access.can_view_document(cast.plaintiff_counsel, document)
    assert not access.can_view_file(cast.plaintiff_counsel, file)


def test_the_filer_who_withdrew_no_longer_sees_the_sealed_file(cast, client):
    from django.urls import reverse

    from filings.models import CounselOfRecord

    document, file = _lodged_by_plaintiff_counsel(cast)
    appearance = CounselOfRecord.objects.get(user=cast.plaintiff_counsel)
    assert access.end_appearance(None, appearance, actor=cast.clerk)
    client.force_login(cast.plaintiff_counsel)
    response = client.get(reverse("filings:file_download", args=[file.pk]))
    response.close()  # a file response holds its file open until closed
    assert response.status_code == 404


def test_sealed_document_with_public_version_is_visible_but_original_is_not(cast):
    from django.contrib.auth.models import AnonymousUser

    document = factories.make_document(
        factories.make_entry(cast.case), access=Access.SEALED
    )
    public = AnonymousUser()
    assert not access.can_view_document(public, document)
    factories.add_file(
        document, factories.make_pdf("Redacted"), role=DocumentFile.Role.PUBLIC_REDACTED
    )
    assert access.can_view_document(public, document)
    assert access.visible_files(public, document) == [
        document.files.get(role=DocumentFile.Role.PUBLIC_REDACTED)
    ]


def test_only_counsel_of_record_may_file(cast):
    assert access.can_file_in(cast.plaintiff_counsel, cast.case)
    assert not access.can_file_in(cast.outsider, cast.case)
    assert not access.can_file_in(cast.clerk, cast.case)


def test_an_ended_appearance_grants_nothing(cast):
    from django.contrib.auth.models import User

    from filings import compliance
    from filings.models import CounselOfRecord
    from sealing import permissions, triage
    from tests.compliance import builders

    sealed = builders.sealed_document_with_due(cast)
    motion = triage.open_motion(
        None,
        entry=factories.make_entry(cast.case, filer=cast.plaintiff),
        title="Motion to Seal",
        movants=[cast.plaintiff],
    )
    counsel = User.objects.get(pk=cast.plaintiff_counsel.pk)
    assert compliance.may_submit(counsel, sealed.due)
    assert permissions.represents_movant(counsel, motion)

    appearance = CounselOfRecord.objects.get(user=counsel)
    access.end_appearance(None, appearance, actor=cast.clerk)
    counsel = User.objects.get(pk=counsel.pk)  # nothing cached from before
    assert not access.is_counsel(counsel, cast.case)
    assert not access.can_view_file(counsel, sealed.document.files.get())
    assert not compliance.may_submit(counsel, sealed.due)
    assert not compliance.dues_for(counsel).exists()
    assert not permissions.represents_movant(counsel, motion)
    assert not permissions.queue_for(counsel).exists()
