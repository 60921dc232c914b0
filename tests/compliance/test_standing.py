"""Where an upload and its due stand, in the same words on every screen: a
failed check is "not accepted" to the filer and only passing uploads await the
clerk."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from filings import compliance
from filings.intake import read_upload
from tests.compliance import builders

pytestmark = pytest.mark.django_db

NOT_ACCEPTED = "Not accepted — fix and upload again"
AWAITING = "awaiting the clerk"


def _submit(cast, sealed, data, capture):
    upload = read_upload(
        SimpleUploadedFile("public.pdf", data, content_type="application/pdf")
    )
    with capture(execute=True):
        submission = compliance.submit(sealed.due, upload, user=cast.plaintiff_counsel)
    submission.refresh_from_db()
    return submission


@pytest.fixture
def failed(cast, django_capture_on_commit_callbacks):
    sealed = builders.sealed_document_with_due(cast)
    submission = _submit(
        cast, sealed, builders.boxed_version(), django_capture_on_commit_callbacks
    )
    assert submission.verdict == "fail"
    return sealed, submission


def test_after_a_failed_check_the_due_page_says_not_accepted_and_offers_the_upload(
    cast, failed
):
    sealed, submission = failed
    page = cast.client("plaintiff_counsel").get(f"/redactions/due/{sealed.due.pk}/")
    text = page.content.decode()
    assert NOT_ACCEPTED in text
    assert AWAITING not in text.lower()
    assert 'type="file"' in text and "Upload a corrected public version" in text
    assert f"/redactions/submissions/{submission.pk}/" in text


def test_the_report_of_a_failed_check_says_not_accepted_with_the_upload_button(
    cast, failed
):
    _sealed, submission = failed
    page = cast.client("plaintiff_counsel").get(
        f"/redactions/submissions/{submission.pk}/"
    )
    text = page.content.decode()
    assert NOT_ACCEPTED in text
    assert AWAITING not in text.lower()
    assert "Upload a corrected version" in text


def test_the_list_of_dues_says_not_accepted_and_links_the_upload(cast, failed):
    text = cast.client("plaintiff_counsel").get("/redactions/").content.decode()
    assert NOT_ACCEPTED in text
    assert AWAITING not in text.lower()
    assert ">Upload</a>" in text


def test_a_passing_upload_awaits_the_clerk_everywhere(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    submission = _submit(
        cast, sealed, builders.good_version(), django_capture_on_commit_callbacks
    )
    client = cast.client("plaintiff_counsel")
    report = client.get(f"/redactions/submissions/{submission.pk}/").content.decode()
    due = client.get(f"/redactions/due/{sealed.due.pk}/").content.decode()
    dues = client.get("/redactions/").content.decode()
    assert "Awaiting the clerk" in report
    assert "Submitted — awaiting the clerk" in due
    assert "Submitted — awaiting the clerk" in dues
    for text in (report, due, dues):
        assert "Not accepted" not in text


def test_the_clerks_queue_lists_failed_checks_apart_from_those_to_review(
    cast, failed, django_capture_on_commit_callbacks
):
    _sealed, bad = failed
    other = builders.sealed_document_with_due(cast)
    good = _submit(
        cast, other, builders.good_version(), django_capture_on_commit_callbacks
    )
    page = cast.client("clerk").get("/redactions/queue/").content.decode()
    awaiting, rest = page.split("<h2>Not accepted by the check</h2>")
    failed_part, _overdue = rest.split("<h2>Overdue</h2>")
    assert f"/redactions/submissions/{good.pk}/" in awaiting
    assert f"/redactions/submissions/{bad.pk}/" not in awaiting
    assert f"/redactions/submissions/{bad.pk}/" in failed_part
    assert NOT_ACCEPTED in failed_part
    assert list(compliance.awaiting_review()) == [good]
    assert list(compliance.failed_checks()) == [bad]


def test_a_due_past_its_date_with_only_a_failed_upload_is_overdue(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(
        cast, due_on=date.today() - timedelta(days=2)
    )
    _submit(cast, sealed, builders.boxed_version(), django_capture_on_commit_callbacks)
    sealed.due.refresh_from_db()
    assert compliance.is_overdue(sealed.due)


def test_a_returned_upload_reads_returned_with_the_reasons(cast, failed):
    sealed, submission = failed
    compliance.return_submission(submission, "Page 1 still shows it.", user=cast.clerk)
    client = cast.client("plaintiff_counsel")
    due = client.get(f"/redactions/due/{sealed.due.pk}/").content.decode()
    assert "Returned by the clerk — fix and upload again" in due
    assert "Page 1 still shows it." in due
