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
