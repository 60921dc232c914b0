import pytest

from filings.models import (
    Access,
    AuditEvent,
    DocketEntry,
    Document,
    DocumentFile,
    FilingDeletionRefused,
)
from tests import factories

pytestmark = pytest.mark.django_db


def test_docket_ref_names_main_document_and_attachments():
    entry = factories.make_entry(factories.make_case(), number=94)
    main = factories.make_document(entry)
    exhibit = factories.make_document(
        entry, attachment_number=1, description="Exhibit A"
    )
    assert main.docket_ref == "94"
    assert exhibit.docket_ref == "94-1"


def test_filings_and_files_cannot_be_deleted_one_by_one_or_in_bulk():
    document = factories.make_document()
    file = document.files.get()
    for obj in (document.entry, document, file):
        with pytest.raises(FilingDeletionRefused):
            obj.delete()
    for model in (DocketEntry, Document, DocumentFile):
        with pytest.raises(FilingDeletionRefused):
            model.objects.all().delete()
    assert DocumentFile.objects.filter(pk=file.pk).exists()


def test_audit_events_are_append_only():
    event = AuditEvent.objects.create(
        action=AuditEvent.Action.VIEW, object_type="x", object_id="1"
    )
    event.details = {"changed": True}
    with pytest.raises(FilingDeletionRefused):
        event.save()
    with pytest.raises(FilingDeletionRefused):
        event.delete()
    with pytest.raises(FilingDeletionRefused):
        AuditEvent.objects.all().delete()


def test_new_version_keeps_the_earlier_one():
    document = factories.make_document()
    factories.add_file(document, factories.make_pdf("Corrected text"))
    assert document.files.filter(role=DocumentFile.Role.ORIGINAL).count() == 2


def test_public_name_never_uses_the_uploaded_file_name():
    document = factories.make_document(access=Access.SEALED)
    file = document.files.get()
    assert "secret-merger-terms" not in file.public_name
    assert file.public_name.endswith(f"ECF-{document.docket_ref}.pdf")
    assert "secret-merger-terms" not in file.file.name
