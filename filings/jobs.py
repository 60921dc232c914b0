"""Background jobs of the filings app. Each takes primary keys only, records its
status on the object it processes, and re-raises on failure so that rq keeps the
traceback too.

Also the one way any job of the project is queued (``enqueue_after_commit``):
after the transaction that saved its object commits, and, when the queue
cannot be reached, recorded on that object instead of failing the request that
saved it (``manage.py requeue_processing`` queues it again later).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from redis.exceptions import RedisError

from filings.models import AuditEvent, DocumentFile, PageLayout, ProcessingStatus
from filings.pdf.facts import read_facts
from filings.pdf.layout import analyze
from filings.pdf.pdfium import pdfium_lock

logger = logging.getLogger(__name__)

# What reaching an unreachable queue raises (refused, timed out, name not found).
QUEUE_UNREACHABLE = (RedisError, OSError)
# Pending in the queue: a job in one of these states needs no queueing again.
PENDING_JOB_STATES = {"queued", "started", "deferred", "scheduled"}


def enqueue_after_commit(
    job: Callable[..., Any],
    *args: Any,
    not_queued: Callable[[], Any] | None = None,
    job_id: str | None = None,
    job_timeout: int = 900,
) -> None:
    """Queue ``job(*args)`` once the current transaction commits (at once outside
    one). See ``enqueue_now`` for what happens when the queue is unreachable."""
    transaction.on_commit(
        lambda: enqueue_now(
            job, *args, not_queued=not_queued, job_id=job_id, job_timeout=job_timeout
        )
    )


def enqueue_now(
    job: Callable[..., Any],
    *args: Any,
    not_queued: Callable[[], Any] | None = None,
    job_id: str | None = None,
    job_timeout: int = 900,
) -> bool:
    """Queue ``job(*args)`` now; False if the queue could not be reached.

    The object the job works on is already saved, so an unreachable queue must
    not fail the request that saved it (a 500 after the commit would tell the
    user it failed when it did not): ``not_queued`` records on the object that
    it was not queued, with a reason its page shows, and
    ``manage.py requeue_processing`` finds it there once the queue is back.
    """
    import django_rq

    try:
        # "auto": enqueue now; the caller already waited for the commit.
        django_rq.get_queue("default", commit_mode="auto").enqueue(
            job, *args, job_id=job_id, job_timeout=job_timeout
        )
    except QUEUE_UNREACHABLE:
        logger.exception("could not queue %s%r", job.__name__, args)
        if not_queued is not None:
            not_queued()
        return False
    return True


def job_pending(job_id: str) -> bool:
    """Whether the queue holds job ``job_id`` waiting or running, so queueing it
    again would run it twice. Raises if the queue cannot be reached."""
    import django_rq

    job = django_rq.get_queue("default", commit_mode="auto").fetch_job(job_id)
    if job is None:
        return False
    status = job.get_status()
    return str(getattr(status, "value", status)) in PENDING_JOB_STATES


def process_file(file_id: int) -> None:
    """Page count, text layer and per-page layout of one stored file. Idempotent."""
    DocumentFile.objects.filter(pk=file_id).update(
        status=ProcessingStatus.WORKING, error_message=""
    )
    file = DocumentFile.objects.select_related("document__entry").get(pk=file_id)
    try:
        with file.file.open("rb") as handle:
            data = handle.read()
        facts = read_facts(data)
        if facts.sha256 != file.sha256:
            raise RuntimeError(
                "The stored file does not match the checksum recorded at upload."
            )
        with pdfium_lock():
            layout = analyze(data)
        summary = layout.to_dict()
        page_dicts = summary.pop("pages")
        with transaction.atomic():
            for page, page_layout, page_dict in zip(
                facts.pages, layout.pages, page_dicts, strict=True
            ):
                PageLayout.objects.update_or_create(
                    file=file,
                    number=page.number,
                    defaults={
                        "width": page_layout.width,
                        "height": page_layout.height,
                        "rotation": page.rotation,
                        "has_text": page.has_text,
                        "printed_number": page_layout.printed_number,
                        "layout": page_dict,
                    },
                )
            DocumentFile.objects.filter(pk=file_id).update(
                status=ProcessingStatus.DONE,
                processed_at=timezone.now(),
                page_count=facts.page_count,
                text_pages=facts.text_pages,
                has_text_layer=facts.text_pages == facts.page_count,
                layout_summary=summary,
            )
            AuditEvent.objects.create(
                action=AuditEvent.Action.PROCESS,
                object_type=file._meta.label,
                object_id=str(file.pk),
                case_id=file.document.entry.case_id,
                details={"pages": facts.page_count, "text_pages": facts.text_pages},
            )
    except Exception as exc:
        logger.exception("processing file %s failed", file_id)
        DocumentFile.objects.filter(pk=file_id).update(
            status=ProcessingStatus.FAILED, error_message=_reason(exc)
        )
        raise


def _reason(exc: Exception) -> str:
    """The sentence a clerk or filer reads when a job fails."""
    return (getattr(exc, "reason", None) or str(exc) or type(exc).__name__)[:2000]


def render_public_version(run_id: int) -> None:
    """Render one redaction run (see filings.redaction). Publishes only verified output."""
    from filings import redaction
    from filings.models import RedactionRun

    RedactionRun.objects.filter(pk=run_id).update(
        status=ProcessingStatus.WORKING, error_message=""
    )
    run = RedactionRun.objects.select_related("document__entry", "source").get(
        pk=run_id
    )
    try:
        redaction.render_run(run)
    except Exception as exc:
        logger.exception("redaction run %s failed", run_id)
        RedactionRun.objects.filter(pk=run_id).update(
            status=ProcessingStatus.FAILED,
            error_message=_reason(exc),
            finished_at=timezone.now(),
        )
        raise


def check_submission(submission_id: int) -> None:
    """Check one uploaded redacted version against the order (filings.compliance)."""
    from filings import compliance
    from filings.models import RedactedSubmission

    submission = RedactedSubmission.objects.select_related(
        "due__document__entry", "file"
    ).get(pk=submission_id)
    try:
        compliance.run_check(submission)
    except Exception as exc:
        logger.exception("checking submission %s failed", submission_id)
        RedactedSubmission.objects.filter(pk=submission_id).update(
            status=RedactedSubmission.Status.CHECK_FAILED,
            error_message=_reason(exc),
        )
        raise
