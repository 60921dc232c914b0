"""The public-version job: queued when an order is entered, its progress shown,
and a run whose worker was killed found out, marked failed and run again."""

from __future__ import annotations

from datetime import timedelta

import django_rq
import pytest
from django.db import transaction
from django.utils import timezone
from rq import SimpleWorker
from rq.job import Job, JobStatus

from filings import redaction
from filings.jobs import render_public_version
from filings.models import (
    AuditEvent,
    DocketEntry,
    DocumentFile,
    ProcessingStatus,
    RedactionRun,
)
from tests import factories
from tests.compliance import builders
from tests.compliance.builders import APPROVED, SECRET
from tests.pdf.redact_factory import plumber_text

pytestmark = pytest.mark.django_db


def _order_sealing(cast, sealed) -> DocketEntry:
    entry = factories.make_entry(
        cast.case, kind=DocketEntry.Kind.ORDER, text="ORDER granting motion to seal"
    )
    sealed.due.order_entry = entry
    sealed.due.save(update_fields=["order_entry"])
    return entry


def test_entering_an_order_publishes_each_sealed_documents_public_version(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    entry = _order_sealing(cast, sealed)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        (run,) = redaction.queue_for_order(entry, actor=cast.judge)
    run.refresh_from_db()
    assert run.status == ProcessingStatus.DONE, run.error_message
    assert run.order_entry == entry and not run.preview
    assert run.regions == [APPROVED.to_dict()]
    assert run.job_id.startswith(f"redaction-run-{run.pk}-")
    assert (run.pages_done, run.pages_total, run.stage) == (1, 1, "")
    public = sealed.document.files.get(role=DocumentFile.Role.PUBLIC_REDACTED)
    assert run.result == public
    with public.file.open("rb") as handle:
        assert SECRET not in plumber_text(handle.read())
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.REDACT, details__order=entry.number
    ).exists()
    # Entering the same order's effects again queues nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        assert redaction.queue_for_order(entry, actor=cast.judge) == []
    assert sealed.document.redaction_runs.count() == 1


def test_a_document_sealed_whole_gets_no_run(cast, django_capture_on_commit_callbacks):
    sealed = builders.sealed_document_with_due(cast)
    entry = _order_sealing(cast, sealed)
    sealed.due.regions = []
    sealed.due.save(update_fields=["regions"])
    with django_capture_on_commit_callbacks(execute=True):
        assert redaction.queue_for_order(entry, actor=cast.judge) == []


def test_the_job_records_its_stage_and_pages_as_it_goes(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    seen = []
    real = redaction.redact_pdf

    def watching(*args, progress, **kwargs):
        def record(stage, done, total):
            progress(stage, done, total)
            seen.append(
                RedactionRun.objects.values_list(
                    "stage", "pages_done", "pages_total"
                ).get()
            )

        return real(*args, progress=record, **kwargs)

    monkeypatch.setattr(redaction, "redact_pdf", watching)
    monkeypatch.setattr(redaction, "PROGRESS_EVERY", 0)
    with django_capture_on_commit_callbacks(execute=True):
        run = redaction.request_public_version(
            sealed.document, [APPROVED], requested_by=cast.clerk, preview=True
        )
    assert ("rewriting", 0, 1) in seen
    assert ("checking", 1, 1) in seen
    run.refresh_from_db()
    assert run.status == ProcessingStatus.DONE
    assert run.started_at is not None and run.heartbeat_at >= run.started_at


def test_the_runs_page_shows_progress(cast):
    sealed = builders.sealed_document_with_due(cast)
    RedactionRun.objects.create(
        document=sealed.document,
        source=redaction.original_of(sealed.document),
        regions=[APPROVED.to_dict()] * 3,
        status=ProcessingStatus.WORKING,
        heartbeat_at=timezone.now(),
        stage="checking",
        pages_done=2,
        pages_total=7,
    )
    page = cast.client("clerk").get(
        f"/redactions/documents/{sealed.document.pk}/runs/partial/"
    )
    assert "checking pages, 2 of 7 pages" in page.content.decode()


def _stuck_run(sealed, *, status=ProcessingStatus.WORKING, silent_for, job_id=""):
    long_ago = timezone.now() - silent_for
    run = RedactionRun.objects.create(
        document=sealed.document,
        source=redaction.original_of(sealed.document),
        regions=[APPROVED.to_dict()],
        preview=True,
        status=status,
        job_id=job_id,
        started_at=long_ago if status == ProcessingStatus.WORKING else None,
        heartbeat_at=long_ago if status == ProcessingStatus.WORKING else None,
    )
    RedactionRun.objects.filter(pk=run.pk).update(requested_at=long_ago)
    run.refresh_from_db()
    return run


def test_a_run_whose_worker_was_killed_is_marked_failed_and_can_run_again(
    cast, django_capture_on_commit_callbacks
):
    sealed = builders.sealed_document_with_due(cast)
    stuck = _stuck_run(sealed, silent_for=redaction.STALE_AFTER + timedelta(minutes=1))
    fresh = _stuck_run(sealed, silent_for=timedelta(minutes=2))
    page = cast.client("clerk").get(f"/redactions/documents/{sealed.document.pk}/runs/")
    assert "no sign of life" in page.content.decode()
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == ProcessingStatus.FAILED
    assert "worker was probably killed" in stuck.error_message
    assert stuck.finished_at is not None
    assert fresh.status == ProcessingStatus.WORKING
    assert "Run again" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("clerk").post(f"/redactions/runs/{stuck.pk}/again/")
    assert response.status_code == 302
    again = sealed.document.redaction_runs.exclude(pk__in=[stuck.pk, fresh.pk]).get()
    assert again.status == ProcessingStatus.DONE, again.error_message
    assert again.regions == stuck.regions and again.preview


def test_a_run_whose_rq_job_vanished_is_marked_failed(cast):
    sealed = builders.sealed_document_with_due(cast)
    lost = _stuck_run(
        sealed,
        status=ProcessingStatus.QUEUED,
        silent_for=timedelta(minutes=5),
        job_id="redaction-run-lost",
    )
    assert redaction.fail_stale_runs() == [lost]
    lost.refresh_from_db()
    assert lost.status == ProcessingStatus.FAILED
    assert "lost from the queue" in lost.error_message


def test_only_a_failed_run_runs_again(cast, django_capture_on_commit_callbacks):
    sealed = builders.sealed_document_with_due(cast)
    with django_capture_on_commit_callbacks(execute=True):
        run = redaction.request_public_version(
            sealed.document, [APPROVED], requested_by=cast.clerk, preview=True
        )
    run.refresh_from_db()
    with pytest.raises(redaction.ValidationError):
        redaction.run_again(run, requested_by=cast.clerk)


def test_a_job_the_real_worker_lost_is_found_out(
    settings, cast, django_capture_on_commit_callbacks
):
    """Through a real queue on the private Redis: the job is taken by a worker
    that dies without a word (rq marks it failed when it notices); the run,
    left "working", is marked failed once looked at."""
    settings.RQ_QUEUES["default"]["ASYNC"] = True
    try:
        queue = django_rq.get_queue("default")
        queue.empty()
        sealed = builders.sealed_document_with_due(cast)
        with django_capture_on_commit_callbacks(execute=True):
            run = redaction.request_public_version(
                sealed.document, [APPROVED], requested_by=cast.clerk, preview=True
            )
        run.refresh_from_db()
        assert queue.count == 1 and run.status == ProcessingStatus.QUEUED
        job = Job.fetch(run.job_id, connection=queue.connection)
        # The worker took it and was killed: what rq records for such a job.
        queue.remove(job)
        job.set_status(JobStatus.FAILED)
        RedactionRun.objects.filter(pk=run.pk).update(
            status=ProcessingStatus.WORKING,
            heartbeat_at=timezone.now() - timedelta(minutes=2),
        )
        (marked,) = redaction.fail_stale_runs()
        assert marked.pk == run.pk
        assert "(failed)" in marked.error_message

        # Run again, this time with a worker that lives.
        with django_capture_on_commit_callbacks(execute=True):
            again = redaction.run_again(marked, requested_by=cast.clerk)
        assert SimpleWorker([queue], connection=queue.connection).work(burst=True)
        again.refresh_from_db()
        assert again.status == ProcessingStatus.DONE, again.error_message
        assert Job.fetch(again.job_id, connection=queue.connection).is_finished
    finally:
        settings.RQ_QUEUES["default"]["ASYNC"] = False


def test_the_job_itself_still_reports_a_failure_with_its_reason(cast):
    sealed = builders.sealed_document_with_due(cast)
    run = RedactionRun.objects.create(
        document=sealed.document,
        source=redaction.original_of(sealed.document),
        regions=[{"page": 9, "x0": 1, "top": 1, "x1": 2, "bottom": 2}],
    )
    with pytest.raises(ValueError, match="page 9"):
        render_public_version(run.pk)
    run.refresh_from_db()
    assert run.status == ProcessingStatus.FAILED and "page 9" in run.error_message
