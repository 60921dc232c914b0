"""Redaction runs and the attorney-to-clerk loop for public versions."""

from __future__ import annotations

from datetime import date, timedelta

import pdfplumber
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from filings import compliance, redaction
from filings.intake import read_upload
from filings.models import (
    Access,
    AuditEvent,
    DocumentFile,
    ProcessingStatus,
    PublicVersionDue,
    RedactedSubmission,
)
from filings.pdf.redact import RedactionFailed
from tests.compliance import builders
from tests.compliance.builders import APPROVED, KEPT, REFUSED, SECRET

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    import io

    with pdfplumber.open(io.BytesIO(data)) as doc:
        return " ".join(page.extract_text() or "" for page in doc.pages)


def _bytes(file: DocumentFile) -> bytes:
    with file.file.open("rb") as handle:
        return handle.read()


def _public_files(document) -> list[DocumentFile]:
    return list(document.files.filter(role=DocumentFile.Role.PUBLIC_REDACTED))


def _run(cast, document, *, preview: bool, capture, regions=None):
    with capture(execute=True):
        run = redaction.request_public_version(
            document,
            regions or [APPROVED.to_dict()],
            requested_by=cast.clerk,
            preview=preview,
        )
    run.refresh_from_db()
    return run


def _upload(data: bytes, name: str = "public.pdf"):
    return read_upload(SimpleUploadedFile(name, data, content_type="application/pdf"))


def _submit(cast, sealed, data: bytes, capture, user=None) -> RedactedSubmission:
    with capture(execute=True):
        submission = compliance.submit(
            sealed.due, _upload(data), user=user or cast.plaintiff_counsel
        )
    submission.refresh_from_db()
    return submission


# ------------------------------------------------------------------ runs


def test_published_run_stores_a_verified_public_version_with_an_audit_event(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    run = _run(
        cast, sealed.document, preview=False, capture=django_capture_on_commit_callbacks
    )
    assert run.status == ProcessingStatus.DONE, run.error_message
    [public] = _public_files(sealed.document)
    assert run.result == public
    text = _text(_bytes(public))
    assert SECRET not in text
    assert KEPT in text and REFUSED in text
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.REDACT,
        object_id=str(run.pk),
        details__stage="published",
    ).exists()


def test_rendering_twice_gives_the_same_bytes_and_stores_no_duplicate(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    first = _run(
        cast, sealed.document, preview=False, capture=django_capture_on_commit_callbacks
    )
    second = _run(
        cast, sealed.document, preview=False, capture=django_capture_on_commit_callbacks
    )
    assert first.report["sha256"] == second.report["sha256"]
    assert second.result_id == first.result_id
    assert second.report["reused_existing_file"] is True
    assert len(_public_files(sealed.document)) == 1


def test_a_preview_is_never_a_document_file_and_only_staff_can_fetch_it(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    run = _run(
        cast, sealed.document, preview=True, capture=django_capture_on_commit_callbacks
    )
    assert run.status == ProcessingStatus.DONE
    assert run.result is None
    assert _public_files(sealed.document) == []
    preview = redaction.preview_bytes(run)
    assert preview is not None and SECRET not in _text(preview)
    url = f"/redactions/runs/{run.pk}/preview.pdf"
    assert cast.client("clerk").get(url).status_code == 200
    assert cast.client("plaintiff_counsel").get(url).status_code == 404
    assert cast.client("public").get(url).status_code == 404


def test_a_crash_after_the_file_is_written_leaves_no_visible_file(
    cast, django_capture_on_commit_callbacks, monkeypatch
):
    sealed = builders.sealed_document_with_due(cast)

    def crash(*args, **kwargs):
        raise RuntimeError("worker killed half-way")

    monkeypatch.setattr(redaction, "_mark_done", crash)
    run = _run(
        cast, sealed.document, preview=False, capture=django_capture_on_commit_callbacks
    )
    assert run.status == ProcessingStatus.FAILED
    assert "worker killed half-way" in run.error_message
    assert _public_files(sealed.document) == []
    assert run.result is None


def test_a_run_that_fails_verification_publishes_nothing_and_says_why(
    cast, django_capture_on_commit_callbacks, monkeypatch
):
    sealed = builders.sealed_document_with_due(cast)

    def refuse(*args, **kwargs):
        raise RedactionFailed("page 1: QUILL still extractable")

    monkeypatch.setattr(redaction, "redact_pdf", refuse)
    run = _run(
        cast, sealed.document, preview=False, capture=django_capture_on_commit_callbacks
    )
    assert run.status == ProcessingStatus.FAILED
    assert run.error_message == "page 1: QUILL still extractable"
    assert _public_files(sealed.document) == []
    response = cast.client("clerk").get(
        f"/redactions/documents/{sealed.document.pk}/runs/partial/"
    )
    assert b"QUILL still extractable" in response.content


def test_only_court_staff_request_runs(cast):
    sealed = builders.sealed_document_with_due(cast)
    with pytest.raises(PermissionDenied):
        redaction.request_public_version(
            sealed.document,
            [APPROVED.to_dict()],
            requested_by=cast.plaintiff_counsel,
            preview=True,
        )


def test_bad_regions_are_refused_with_the_reason(cast):
    sealed = builders.sealed_document_with_due(cast)
    with pytest.raises(ValidationError, match="Region 1"):
        redaction.request_public_version(
            sealed.document, [{"page": 1}], requested_by=cast.clerk, preview=True
        )
    with pytest.raises(ValidationError, match="last page"):
        redaction.request_public_version(
            sealed.document,
            [{"page": 9, "x0": 1, "top": 1, "x1": 2, "bottom": 2}],
            requested_by=cast.clerk,
            preview=True,
        )


# ------------------------------------------------------------------ dues


def test_dues_list_the_parties_the_user_represents_and_flag_overdue(cast):
    late = builders.sealed_document_with_due(
        cast, due_on=date.today() - timedelta(days=1)
    )
    assert list(compliance.dues_for(cast.plaintiff_counsel)) == [late.due]
    assert list(compliance.dues_for(cast.defendant_counsel)) == []
    assert list(compliance.dues_for(cast.outsider)) == []
    assert compliance.is_overdue(late.due)
    page = cast.client("plaintiff_counsel").get("/redactions/")
    assert b"Overdue" in page.content and b"Declaration of Priya Raman" in page.content
    assert late.due in compliance.overdue_dues()


# ------------------------------------------------------------------ submit, check, decide


def test_a_box_over_live_text_fails_the_check_and_cannot_be_accepted(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    submission = _submit(
        cast, sealed, builders.boxed_version(), django_capture_on_commit_callbacks
    )
    assert submission.status == RedactedSubmission.Status.CHECKED
    assert submission.verdict == "fail"
    kinds = {f["kind"] for f in submission.report["findings"]}
    assert {"text_under_box", "under_redaction"} <= kinds
    with pytest.raises(ValidationError, match="check failed"):
        compliance.accept(submission, user=cast.clerk)
    assert _public_files(sealed.document) == []


def test_removing_text_the_court_refused_to_seal_is_named_as_such(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    submission = _submit(
        cast,
        sealed,
        builders.over_redacted_version(),
        django_capture_on_commit_callbacks,
    )
    assert submission.verdict == "fail"
    denied = [
        f
        for f in submission.report["findings"]
        if f["kind"] == "denied_portion_removed"
    ]
    assert denied and REFUSED in denied[0]["text"]


def test_return_then_reupload_then_accept_publishes_and_seals(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    bad = _submit(
        cast, sealed, builders.boxed_version(), django_capture_on_commit_callbacks
    )
    compliance.return_submission(
        bad, "Text is still under the box on page 1.", user=cast.clerk
    )
    bad.refresh_from_db()
    sealed.due.refresh_from_db()
    assert bad.status == RedactedSubmission.Status.RETURNED
    assert sealed.due.status == PublicVersionDue.Status.DUE
    report = cast.client("plaintiff_counsel").get(f"/redactions/submissions/{bad.pk}/")
    assert b"Text is still under the box" in report.content

    good = _submit(
        cast, sealed, builders.good_version(), django_capture_on_commit_callbacks
    )
    assert good.verdict == "pass", good.report
    public = compliance.accept(good, user=cast.clerk)

    sealed.document.refresh_from_db()
    sealed.due.refresh_from_db()
    good.refresh_from_db()
    assert sealed.document.access == Access.SEALED
    assert sealed.due.status == PublicVersionDue.Status.ACCEPTED
    assert good.status == RedactedSubmission.Status.ACCEPTED
    assert public.role == DocumentFile.Role.PUBLIC_REDACTED
    assert public.sha256 == good.file.sha256 and public.pk != good.file.pk
    # Nothing is deleted: both uploads stay as proposed versions.
    assert (
        sealed.document.files.filter(role=DocumentFile.Role.PROPOSED_REDACTED).count()
        == 2
    )
    stages = set(
        AuditEvent.objects.filter(object_id=str(good.pk)).values_list(
            "details__stage", flat=True
        )
    )
    assert {"submitted", "accepted"} <= stages
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.SEAL, object_id=str(sealed.document.pk)
    ).exists()
    # The public docket now serves the redacted version.
    served = cast.client("public").get(f"/files/{public.pk}/download/")
    assert served.status_code == 200
    text = _text(b"".join(served.streaming_content))
    assert SECRET not in text and KEPT in text


def test_after_acceptance_the_public_sees_only_the_redacted_version(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    original = sealed.document.files.get(role=DocumentFile.Role.ORIGINAL)
    good = _submit(
        cast, sealed, builders.good_version(), django_capture_on_commit_callbacks
    )
    public_client = cast.client("public")
    # Before the clerk accepts, nothing of it is public.
    assert public_client.get(f"/documents/{sealed.document.pk}/").status_code == 404
    for url in (f"/files/{good.file.pk}/download/", f"/files/{good.file.pk}/view/"):
        assert public_client.get(url).status_code == 404

    public = compliance.accept(good, user=cast.clerk)

    # The docket links the document, and its page offers the public version.
    docket = public_client.get(f"/cases/{cast.case.pk}/")
    assert f"/documents/{sealed.document.pk}/".encode() in docket.content
    page = public_client.get(f"/documents/{sealed.document.pk}/")
    assert page.status_code == 200
    assert f"/files/{public.pk}/".encode() in page.content
    assert f"/files/{original.pk}/".encode() not in page.content
    assert f"/files/{good.file.pk}/".encode() not in page.content
    for how in ("download", "view"):
        served = public_client.get(f"/files/{public.pk}/{how}/")
        assert served.status_code == 200
        text = _text(b"".join(served.streaming_content))
        assert SECRET not in text and KEPT in text and REFUSED in text
        # The sealed original and the filer's own upload stay out of reach.
        assert public_client.get(f"/files/{original.pk}/{how}/").status_code == 404
        assert public_client.get(f"/files/{good.file.pk}/{how}/").status_code == 404
    # An attorney of another case is the public too.
    outsider = cast.client("outsider")
    assert outsider.get(f"/files/{original.pk}/download/").status_code == 404
    # The sealing and the acceptance are on the record.
    sealed.document.refresh_from_db()
    assert sealed.document.access == Access.SEALED
    seal = AuditEvent.objects.get(
        action=AuditEvent.Action.SEAL, object_id=str(sealed.document.pk)
    )
    assert seal.details["reason"] == "public redacted version accepted"
    assert AuditEvent.objects.filter(
        object_id=str(good.pk),
        details__stage="accepted",
        details__public_file=public.pk,
    ).exists()


def test_no_second_upload_while_one_awaits_the_clerk(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    _submit(cast, sealed, builders.good_version(), django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="awaiting"):
        compliance.submit(
            sealed.due, _upload(builders.good_version()), user=cast.plaintiff_counsel
        )


def test_an_upload_that_failed_its_check_can_be_replaced_without_the_clerk(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    bad = _submit(
        cast, sealed, builders.boxed_version(), django_capture_on_commit_callbacks
    )
    good = _submit(
        cast, sealed, builders.good_version(), django_capture_on_commit_callbacks
    )
    bad.refresh_from_db()
    assert bad.status == RedactedSubmission.Status.RETURNED
    assert "Withdrawn by the filer" in bad.return_reason
    assert list(compliance.awaiting_review()) == [good]


def test_an_upload_for_another_partys_due_is_refused(cast):
    sealed = builders.sealed_document_with_due(cast)
    with pytest.raises(PermissionDenied):
        compliance.submit(
            sealed.due, _upload(builders.good_version()), user=cast.defendant_counsel
        )
    assert not RedactedSubmission.objects.exists()


def test_an_upload_from_an_attorney_of_another_case_is_refused(cast):
    sealed = builders.sealed_document_with_due(cast)
    with pytest.raises(PermissionDenied):
        compliance.submit(
            sealed.due, _upload(builders.good_version()), user=cast.outsider
        )
    response = cast.client("outsider").post(
        f"/redactions/due/{sealed.due.pk}/",
        {"file": SimpleUploadedFile("p.pdf", builders.good_version())},
    )
    assert response.status_code == 404
    assert not RedactedSubmission.objects.exists()


def test_a_non_pdf_upload_is_refused_with_the_reason(cast):
    sealed = builders.sealed_document_with_due(cast)
    response = cast.client("plaintiff_counsel").post(
        f"/redactions/due/{sealed.due.pk}/",
        {"file": SimpleUploadedFile("p.pdf", b"not a pdf at all")},
    )
    assert response.status_code == 200
    assert b"p.pdf" in response.content and b'role="alert"' in response.content
    assert not RedactedSubmission.objects.exists()


def test_recoverable_text_is_shown_to_staff_and_the_filer_only(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    submission = _submit(
        cast, sealed, builders.boxed_version(), django_capture_on_commit_callbacks
    )
    url = f"/redactions/submissions/{submission.pk}/"
    for role in ("clerk", "judge", "plaintiff_counsel"):
        assert SECRET.encode() in cast.client(role).get(url).content, role
    other_side = cast.client("defendant_counsel").get(url)
    assert other_side.status_code == 200
    assert "Text is still in the file under a box" in other_side.content.decode()
    assert SECRET.encode() not in other_side.content


def test_return_needs_reasons(cast, django_capture_on_commit_callbacks):
    sealed = builders.sealed_document_with_due(cast)
    submission = _submit(
        cast, sealed, builders.boxed_version(), django_capture_on_commit_callbacks
    )
    with pytest.raises(ValidationError, match="why"):
        compliance.return_submission(submission, "  ", user=cast.clerk)
    with pytest.raises(PermissionDenied):
        compliance.return_submission(submission, "no", user=cast.plaintiff_counsel)


def test_markers_place_findings_as_percentages_of_the_page(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    submission = _submit(
        cast, sealed, builders.boxed_version(), django_capture_on_commit_callbacks
    )
    [marker, *_] = compliance.markers(submission.report)[1]
    assert 10 < marker.left < 13  # x0 ~ 72 of 612 points
    assert 15 < marker.top < 17  # top ~ 123 of 792 points
    page = cast.client("plaintiff_counsel").get(
        f"/redactions/submissions/{submission.pk}/"
    )
    assert (
        b'class="marker marker-fail"' in page.content and b"style=" not in page.content
    )


def test_the_document_panel_polls_the_runs_for_staff_only(cast):
    from django.template.loader import render_to_string

    sealed = builders.sealed_document_with_due(cast)
    template = "filings/redactions/partials/document_panel.html"
    staff = render_to_string(
        template, {"document": sealed.document, "is_court_staff": True}
    )
    assert (
        f'data-poll="/redactions/documents/{sealed.document.pk}/runs/partial/"' in staff
    )
    assert render_to_string(template, {"document": sealed.document}).strip() == ""


def test_a_run_can_use_the_regions_of_a_due_and_polls_until_done(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    client = cast.client("clerk")
    # Queued but not yet run: the partial keeps polling.
    response = client.post(
        f"/redactions/documents/{sealed.document.pk}/runs/",
        {"due": sealed.due.pk, "publish": "on"},
    )
    assert response.status_code == 302
    partial = client.get(f"/redactions/documents/{sealed.document.pk}/runs/partial/")
    assert b"data-poll" in partial.content
    run = sealed.document.redaction_runs.get()
    assert run.regions == sealed.due.regions and run.preview is False
    from filings.jobs import render_public_version

    render_public_version(run.pk)
    partial = client.get(f"/redactions/documents/{sealed.document.pk}/runs/partial/")
    assert b"data-poll" not in partial.content
    assert b"View public version" in partial.content


def test_a_run_form_without_regions_says_what_is_missing(cast):
    sealed = builders.sealed_document_with_due(cast)
    response = cast.client("clerk").post(
        f"/redactions/documents/{sealed.document.pk}/runs/", {"regions": "[{]"}
    )
    assert response.status_code == 200
    assert b"not JSON" in response.content
    assert not sealed.document.redaction_runs.exists()


def test_the_report_polls_while_the_check_runs_then_reloads(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    # Without running the on-commit callbacks the check has not run yet.
    submission = compliance.submit(
        sealed.due, _upload(builders.good_version()), user=cast.plaintiff_counsel
    )
    url = f"/redactions/submissions/{submission.pk}/status/"
    client = cast.client("plaintiff_counsel")
    assert b"data-poll" in client.get(url).content
    from filings.jobs import check_submission

    check_submission(submission.pk)
    finished = client.get(url).content
    assert b"data-poll" not in finished and b"data-reload-when-done" in finished


def test_the_clerks_queue_lists_submissions_and_overdue_dues(
    cast, django_capture_on_commit_callbacks
):
    waiting = builders.sealed_document_with_due(cast)
    _submit(cast, waiting, builders.good_version(), django_capture_on_commit_callbacks)
    late = builders.sealed_document_with_due(
        cast, due_on=date.today() - timedelta(days=3)
    )
    page = cast.client("clerk").get("/redactions/queue/").content.decode()
    awaiting, overdue = page.split("<h2>Overdue</h2>")
    assert f"#{waiting.document.docket_ref} " in awaiting and "Passed" in awaiting
    assert f"#{late.document.docket_ref} " in overdue and "Overdue" in overdue


def test_a_check_that_cannot_run_is_recorded_with_its_reason(
    cast, django_capture_on_commit_callbacks, monkeypatch
):
    sealed = builders.sealed_document_with_due(cast)

    def broken(*args, **kwargs):
        raise RuntimeError("the original could not be read")

    monkeypatch.setattr(compliance, "check_public_version", broken)
    submission = _submit(
        cast, sealed, builders.good_version(), django_capture_on_commit_callbacks
    )
    assert submission.status == RedactedSubmission.Status.CHECK_FAILED
    assert submission.error_message == "the original could not be read"
    with pytest.raises(ValidationError):
        compliance.accept(submission, user=cast.clerk)
    # The filer need not wait for the clerk to upload again.
    assert compliance.may_upload_now(sealed.due)
