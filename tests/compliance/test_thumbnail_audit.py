"""Thumbnails of a proposed redacted version are restricted: every one served
is audited, like the page images of the region preview."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from filings import compliance
from filings.intake import read_upload
from filings.models import AuditEvent
from tests.compliance import builders

pytestmark = pytest.mark.django_db


def test_each_thumbnail_of_a_proposed_version_is_audited(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    upload = read_upload(SimpleUploadedFile("p.pdf", builders.good_version()))
    with django_capture_on_commit_callbacks(execute=True):
        submission = compliance.submit(sealed.due, upload, user=cast.plaintiff_counsel)
    response = cast.client("defendant_counsel").get(
        f"/redactions/submissions/{submission.pk}/pages/1.png",
        REMOTE_ADDR="10.9.8.7",
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(
        action=AuditEvent.Action.VIEW, object_id=str(submission.file_id)
    )
    assert event.actor == cast.defendant_counsel
    assert event.case == cast.case
    assert event.client_address == "10.9.8.7"
    assert event.details["page_image"] == 1
    assert event.details["submission"] == submission.pk
