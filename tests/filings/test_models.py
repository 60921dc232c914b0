from datetime import UTC

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


def _append_only_models() -> list:
    from django.apps import apps

    from filings.models import AppendOnlyModel

    return [m for m in apps.get_models() if issubclass(m, AppendOnlyModel)]


def test_the_audit_log_and_every_history_are_append_only_models():
    names = {model.__name__ for model in _append_only_models()}
    assert {"AuditEvent", "ItemChange", "MotionStateChange", "DraftComment"} <= names


@pytest.mark.parametrize("model", _append_only_models(), ids=lambda m: m.__name__)
def test_append_only_rows_cannot_be_updated_in_bulk(model):
    from filings.models import AppendOnlyRefused

    with pytest.raises(AppendOnlyRefused):
        model.objects.all().update(pk=0)
    with pytest.raises(AppendOnlyRefused):
        model.objects.bulk_update([], ["pk"])
    with pytest.raises(AppendOnlyRefused):
        model.objects.all().delete()


def test_an_audit_event_cannot_be_rewritten_by_any_path():
    case = factories.make_case()
    event = AuditEvent.objects.create(
        action=AuditEvent.Action.VIEW, object_type="x", object_id="1", case=case
    )
    with pytest.raises(FilingDeletionRefused):
        AuditEvent.objects.filter(pk=event.pk).update(action="unseal")
    with pytest.raises(FilingDeletionRefused):
        case.audit_events.update(actor=None, object_id="2")
    event.object_id = "2"
    with pytest.raises(FilingDeletionRefused):
        AuditEvent.objects.bulk_update([event], ["object_id"])
    with pytest.raises(FilingDeletionRefused):
        event.save(update_fields=["object_id"])
    event.refresh_from_db()
    assert (event.action, event.object_id) == ("view", "1")


def test_an_audit_event_cannot_be_rewritten_by_a_conflicting_bulk_create():
    event = AuditEvent.objects.create(
        action=AuditEvent.Action.VIEW, object_type="x", object_id="1"
    )
    forged = AuditEvent(pk=event.pk, action="unseal", object_type="x", object_id="1")
    with pytest.raises(FilingDeletionRefused):
        AuditEvent.objects.bulk_create(
            [forged],
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=["action"],
        )
    event.refresh_from_db()
    assert event.action == "view"


@pytest.mark.parametrize("model", _append_only_models(), ids=lambda m: m.__name__)
def test_no_append_only_model_takes_a_rewriting_bulk_create(model):
    from filings.models import AppendOnlyRefused

    with pytest.raises(AppendOnlyRefused):
        model.objects.bulk_create(
            [], update_conflicts=True, unique_fields=["id"], update_fields=["id"]
        )


@pytest.mark.parametrize(
    "name", ["RedactedSubmission", "RedactionRun", "PublicVersionDue"]
)
def test_public_version_records_are_undeletable(name):
    from django.apps import apps

    from filings.models import UndeletableModel

    model = apps.get_model("filings", name)
    assert issubclass(model, UndeletableModel)
    with pytest.raises(FilingDeletionRefused):
        model.objects.all().delete()


def test_a_returned_submission_and_its_reasons_cannot_be_deleted(
    cast, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from filings import compliance
    from filings.intake import read_upload
    from tests.compliance import builders

    sealed = builders.sealed_document_with_due(cast)
    upload = read_upload(SimpleUploadedFile("p.pdf", builders.boxed_version()))
    with django_capture_on_commit_callbacks(execute=True):
        submission = compliance.submit(sealed.due, upload, user=cast.plaintiff_counsel)
    compliance.return_submission(submission, "Text under the box", user=cast.clerk)
    for obj in (submission, sealed.due):
        with pytest.raises(FilingDeletionRefused):
            obj.delete()
    with pytest.raises(FilingDeletionRefused):
        sealed.due.submissions.all().delete()
    submission.refresh_from_db()
    assert submission.return_reason == "Text under the box"


IDENTITY_CHANGES = {
    "sha256": "0" * 64,
    "size": 1,
    "original_name": "other.pdf",
    "file": "cases/elsewhere.pdf",
    "role": DocumentFile.Role.PUBLIC_REDACTED,
}


@pytest.mark.parametrize(("field", "value"), list(IDENTITY_CHANGES.items()))
def test_a_filed_files_identity_cannot_change(field, value):
    from filings.models import FileIdentityChangeRefused

    file = factories.make_document().files.get()
    before = DocumentFile.objects.values(field).get(pk=file.pk)
    with pytest.raises(FileIdentityChangeRefused):
        DocumentFile.objects.filter(pk=file.pk).update(**{field: value})
    setattr(file, field, value)
    with pytest.raises(FileIdentityChangeRefused):
        file.save()
    with pytest.raises(FileIdentityChangeRefused):
        file.save(update_fields=[field])
    with pytest.raises(FileIdentityChangeRefused):
        DocumentFile.objects.bulk_update([file], [field])
    with pytest.raises(FileIdentityChangeRefused):
        DocumentFile.objects.bulk_create(
            [file], update_conflicts=True, unique_fields=["id"], update_fields=[field]
        )
    assert DocumentFile.objects.values(field).get(pk=file.pk) == before


def test_who_uploaded_a_file_and_when_cannot_change(cast):
    from datetime import datetime

    from filings.models import FileIdentityChangeRefused

    file = factories.make_document(uploaded_by=cast.plaintiff_counsel).files.get()
    with pytest.raises(FileIdentityChangeRefused):
        DocumentFile.objects.filter(pk=file.pk).update(uploaded_by=cast.outsider)
    with pytest.raises(FileIdentityChangeRefused):
        DocumentFile.objects.filter(pk=file.pk).update(uploaded_by_id=None)
    file.uploaded_at = datetime(2001, 1, 1, tzinfo=UTC)
    with pytest.raises(FileIdentityChangeRefused):
        file.save()
    file.refresh_from_db()
    assert file.uploaded_by == cast.plaintiff_counsel


def test_a_filed_files_processing_fields_still_change():
    from filings.models import ProcessingStatus

    file = factories.make_document().files.get()
    DocumentFile.objects.filter(pk=file.pk).update(
        status=ProcessingStatus.FAILED, error_message="lost", page_count=3
    )
    file.refresh_from_db()
    file.status = ProcessingStatus.DONE
    file.save()
    file.error_message = ""
    file.save(update_fields=["error_message"])
    file.refresh_from_db()
    assert (file.status, file.page_count, file.error_message) == ("done", 3, "")


def test_access_cannot_change_through_a_conflicting_bulk_create():
    from filings.models import AccessChangeRefused

    document = factories.make_document(access=Access.SEALED)
    document.access = Access.PUBLIC
    with pytest.raises(AccessChangeRefused):
        Document.objects.bulk_create(
            [document],
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=["access"],
        )
    document.refresh_from_db()
    assert document.access == Access.SEALED
