"""With Redis down, uploading a redacted version and asking for a redaction run
still succeed: the object says it was not queued, the filer may upload again,
and ``requeue_processing`` queues the work once the queue is back."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from filings import compliance, redaction
from filings.models import ProcessingStatus, RedactedSubmission, RedactionRun
from tests.compliance import builders
from tests.compliance.builders import APPROVED

pytestmark = pytest.mark.django_db


def _upload(client, due_pk: int):
    return client.post(
        f"/redactions/due/{due_pk}/",
        {"file": SimpleUploadedFile("public.pdf", builders.good_version())},
    )


def _requeue() -> dict:
    out = StringIO()
    call_command("requeue_processing", stdout=out)
    return json.loads(out.getvalue())


def test_upload_while_the_queue_is_down_says_the_check_was_not_queued(
    cast, outage, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    client = cast.client("plaintiff_counsel")
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, sealed.due.pk)
    assert response.status_code == 302
    submission = RedactedSubmission.objects.get()
    assert submission.status == RedactedSubmission.Status.CHECK_FAILED
    assert submission.error_message == compliance.CHECK_NOT_QUEUED
    page = client.get(response["Location"]).content.decode()
    assert "could not be reached" in page
    assert "data-poll" not in page  # the page no longer waits for ever

    # The filer need not wait for the queue: a corrected upload is accepted.
    with django_capture_on_commit_callbacks(execute=True):
        assert _upload(client, sealed.due.pk).status_code == 302
    submission.refresh_from_db()
    assert submission.status == RedactedSubmission.Status.RETURNED


def test_requeue_checks_what_was_not_queued_once(
    cast, outage, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(cast.client("plaintiff_counsel"), sealed.due.pk)
    assert response.status_code == 302
    submission = RedactedSubmission.objects.get()
    outage.end()
    with django_capture_on_commit_callbacks(execute=True):
        result = _requeue()
    assert result["checks"] == {"queued": [submission.pk], "left_alone": []}
    submission.refresh_from_db()
    assert submission.status == RedactedSubmission.Status.CHECKED  # run at once
    assert submission.verdict == "pass"
    assert _requeue()["checks"] == {"queued": [], "left_alone": []}


def test_a_check_that_ran_and_failed_is_not_queued_again(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(cast.client("plaintiff_counsel"), sealed.due.pk)
    submission = RedactedSubmission.objects.get()
    RedactedSubmission.objects.filter(pk=submission.pk).update(
        status=RedactedSubmission.Status.CHECK_FAILED, error_message="unreadable"
    )
    submission.refresh_from_db()
    assert not compliance.requeue_check(submission)


def test_run_asked_for_while_the_queue_is_down_is_failed_with_the_reason(
    cast, outage, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    clerk = cast.client("clerk")
    url = f"/redactions/documents/{sealed.document.pk}/runs/"
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk.post(url, {"regions": f"[{json.dumps(APPROVED.to_dict())}]"})
    assert response.status_code == 302
    run = RedactionRun.objects.get()
    assert run.status == ProcessingStatus.FAILED
    assert run.error_message == redaction.RUN_NOT_QUEUED
    assert "could not be reached" in clerk.get(url).content.decode()

    outage.end()
    with django_capture_on_commit_callbacks(execute=True):
        assert _requeue()["runs"] == {"queued": [run.pk], "left_alone": []}
    run.refresh_from_db()
    assert run.status == ProcessingStatus.DONE, run.error_message
    assert _requeue()["runs"]["queued"] == []
