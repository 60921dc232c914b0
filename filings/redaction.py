"""Rendering a document's public redacted version from approved regions.

A clerk asks for a run (a preview, or the public version itself); the run is
queued once the request commits; the job renders it with ``redact_pdf``, whose
verification gate must pass before anything is stored.

Where the result goes, and why:

- A *published* run (``preview=False``) stores a new ``DocumentFile`` in the
  role "public redacted", in the same transaction that marks the run done. The
  file is written into storage first, but its row (the only way any view can
  reach it) exists only once that transaction commits, so a crash half-way
  leaves nothing visible.
- A *preview* must never become public. A ``DocumentFile`` would be reachable
  through the docket's access rules (public_redacted is public to everyone,
  "highlighted" is open to counsel where the court allows sealed access), so a
  preview is instead kept in storage under ``previews/`` with its path in the
  run's report, and served only by ``compliance_views.run_preview`` to court
  staff. Nothing else in the product knows that path.

Rendering is deterministic: the same source and regions give the same bytes,
so a second published run finds the file the first one stored (same sha256)
and links to it instead of storing a duplicate.

When an order is entered, ``queue_for_order`` queues the public version of
every document it seals, from the approved regions (``sealing.order_flow``
calls it as the order takes effect). A running job records its stage and
pages done (and thereby a heartbeat); a worker killed outright cannot record
anything, so ``fail_stale_runs`` marks a run failed, with the reason, when its
heartbeat is long silent or its rq job is gone or failed; ``run_again`` queues
a failed run afresh.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from filings import access
from filings.intake import store_file
from filings.models import (
    AuditEvent,
    DocketEntry,
    Document,
    DocumentFile,
    ProcessingStatus,
    PublicVersionDue,
    RedactionRun,
    RunStage,
)
from filings.pdf.geometry import Region
from filings.pdf.pdfium import pdfium_lock
from filings.pdf.redact import RedactionFailed, redact_pdf

DEFAULT_LABEL = "REDACTED"
PREVIEW_PREFIX = "previews"
JOB_TIMEOUT = 1800  # seconds rq lets one rendering run
# A working run silent this long has lost its worker: the job records its
# progress (and so a heartbeat) at least every few seconds while it works.
STALE_AFTER = timedelta(minutes=10)
# A queued or working run is not judged before this: its job may not be in
# Redis yet.
JOB_GRACE = timedelta(minutes=1)
# The job writes its progress at most this often (seconds).
PROGRESS_EVERY = 1.0
ACTIVE = (ProcessingStatus.QUEUED, ProcessingStatus.WORKING)

logger = logging.getLogger(__name__)


def original_of(document: Document) -> DocumentFile | None:
    """The newest original version: the file regions were located on."""
    return (
        document.files.filter(role=DocumentFile.Role.ORIGINAL)
        .order_by("-uploaded_at", "-pk")
        .first()
    )


def clean_regions(regions: Iterable[Mapping[str, Any] | Region]) -> list[dict]:
    """Regions as stored JSON; ValidationError naming the first bad one."""
    cleaned: list[dict] = []
    for n, item in enumerate(regions, start=1):
        try:
            region = item if isinstance(item, Region) else Region.from_dict(item)
        except (ValueError, TypeError, AttributeError) as exc:
            raise ValidationError(f"Region {n} is not a region: {exc}") from None
        cleaned.append(region.to_dict())
    if not cleaned:
        raise ValidationError("There are no regions to redact.")
    return cleaned


def request_public_version(
    document: Document,
    regions: Iterable[Mapping[str, Any] | Region],
    *,
    requested_by: Any,
    preview: bool,
    request: HttpRequest | None = None,
    label: str = DEFAULT_LABEL,
) -> RedactionRun:
    """Queue a rendering of ``document``'s public version; court staff only."""
    if not access.is_court_staff(requested_by):
        raise PermissionDenied("Only court staff may render public versions.")
    stored = clean_regions(regions)
    source = original_of(document)
    if source is None:
        raise ValidationError("The document has no original to redact.")
    pages = source.page_count
    if pages and any(r["page"] > pages for r in stored):
        raise ValidationError(f"A region lies past the original's last page ({pages}).")
    with transaction.atomic():
        run = RedactionRun.objects.create(
            document=document,
            source=source,
            regions=stored,
            label=label[:60],
            preview=preview,
            requested_by=requested_by,
        )
        access.record(
            request,
            AuditEvent.Action.REDACT,
            run,
            case=document.entry.case,
            actor=requested_by,
            stage="requested",
            preview=preview,
            regions=len(stored),
            document=document.docket_ref,
        )
        transaction.on_commit(lambda: enqueue_run(run.pk))
    return run


def queue_for_order(entry: DocketEntry, *, actor: Any) -> list[RedactionRun]:
    """Queue the public version of each document the entered order seals, from
    the regions it approved (on the newest original); idempotent per order.

    Called inside the transaction that enters the order: the runs are
    queued once it commits. A document sealed whole (no regions) or with no
    original gets none.
    """
    runs = []
    dues = PublicVersionDue.objects.filter(order_entry=entry).select_related(
        "document__entry__case"
    )
    for due in dues:
        document = due.document
        source = original_of(document)
        if not due.regions or source is None:
            continue
        if document.redaction_runs.filter(order_entry=entry).exists():
            continue
        run = RedactionRun.objects.create(
            document=document,
            source=source,
            regions=clean_regions(due.regions),
            label=DEFAULT_LABEL,
            preview=False,
            requested_by=actor,
            order_entry=entry,
        )
        access.record(
            None,
            AuditEvent.Action.REDACT,
            run,
            case=document.entry.case,
            actor=actor,
            stage="requested",
            order=entry.number,
            regions=len(run.regions),
            document=document.docket_ref,
        )
        transaction.on_commit(lambda pk=run.pk: enqueue_run(pk))
        runs.append(run)
    return runs


RUN_NOT_QUEUED = (
    "Not queued: the job queue could not be reached. Nothing was rendered; it is "
    "queued again once the queue is back (manage.py requeue_processing), or run "
    "it again."
)


def enqueue_run(run_id: int) -> bool:
    """Queue the rendering now (after the request committed); when the queue
    cannot be reached the run is marked failed with the reason."""
    from filings.jobs import enqueue_now, render_public_version

    # The job's id is chosen here and kept first: the queue may run the job at
    # once (tests), and fail_stale_runs judges a run by its job.
    job_id = f"redaction-run-{run_id}-{uuid.uuid4().hex}"
    RedactionRun.objects.filter(pk=run_id).update(job_id=job_id)
    return enqueue_now(
        render_public_version,
        run_id,
        job_id=job_id,
        job_timeout=JOB_TIMEOUT,
        not_queued=lambda: RedactionRun.objects.filter(
            pk=run_id, status=ProcessingStatus.QUEUED
        ).update(
            status=ProcessingStatus.FAILED,
            error_message=RUN_NOT_QUEUED,
            finished_at=timezone.now(),
        ),
    )


def requeue_run(run: RedactionRun) -> bool:
    """Queue again a run that was never queued; False for any other (a run that
    failed while rendering is run again by the clerk, as a new run)."""
    changed = RedactionRun.objects.filter(
        pk=run.pk, status=ProcessingStatus.FAILED, error_message=RUN_NOT_QUEUED
    ).update(
        # No job id until enqueue_run sets the new one: fail_stale_runs must
        # not judge the run by its old job meanwhile.
        status=ProcessingStatus.QUEUED,
        error_message="",
        finished_at=None,
        job_id="",
    )
    if not changed:
        return False
    access.record(
        None,
        AuditEvent.Action.REDACT,
        run,
        case=run.document.entry.case,
        stage="queued again",
    )
    transaction.on_commit(lambda: enqueue_run(run.pk))
    return True


def unqueued_runs():
    return RedactionRun.objects.filter(
        status=ProcessingStatus.FAILED, error_message=RUN_NOT_QUEUED
    ).select_related("document__entry")


def run_again(
    run: RedactionRun, *, requested_by: Any, request: HttpRequest | None = None
) -> RedactionRun:
    """Queue a failed run afresh: the same document, regions, label and kind."""
    if run.status != ProcessingStatus.FAILED:
        raise ValidationError("Only a failed run can be run again.")
    return request_public_version(
        run.document,
        run.regions,
        requested_by=requested_by,
        preview=run.preview,
        request=request,
        label=run.label,
    )


def fail_stale_runs(
    runs: Iterable[RedactionRun] | None = None, *, now: datetime | None = None
) -> list[RedactionRun]:
    """Mark failed, with the reason, the queued or working runs whose job is
    gone: its rq job vanished or failed, or (working) its heartbeat has been
    silent for STALE_AFTER. Returns the runs marked."""
    now = now or timezone.now()
    if runs is None:
        runs = RedactionRun.objects.filter(status__in=ACTIVE)
    marked = []
    for run in runs:
        if run.status not in ACTIVE:
            continue
        reason = _stale_reason(run, now)
        if reason is None:
            continue
        # Only if nothing changed meanwhile: a job finishing now wins.
        changed = RedactionRun.objects.filter(
            pk=run.pk, status=run.status, heartbeat_at=run.heartbeat_at
        ).update(status=ProcessingStatus.FAILED, error_message=reason, finished_at=now)
        if not changed:
            continue
        run.status, run.error_message, run.finished_at = (
            ProcessingStatus.FAILED,
            reason,
            now,
        )
        access.record(
            None,
            AuditEvent.Action.REDACT,
            run,
            case=run.document.entry.case,
            stage="failed: job lost",
            reason=reason,
        )
        marked.append(run)
    return marked


def _stale_reason(run: RedactionRun, now: datetime) -> str | None:
    last = run.heartbeat_at or run.started_at or run.requested_at
    if now - last < JOB_GRACE:
        # Just queued or just heard from: the job may not be in Redis yet.
        return None
    job_status = _job_status(run.job_id)
    if job_status == "gone":
        return (
            "The rendering job was lost from the queue before it finished "
            "(the queue was emptied or its worker killed). Run it again."
        )
    if job_status in ("failed", "stopped", "canceled"):
        return (
            f"The worker stopped the rendering job ({job_status}) before it "
            "could record why: it was probably killed (out of memory or "
            "time). Run it again."
        )
    if run.status == ProcessingStatus.WORKING and now - last > STALE_AFTER:
        when = timezone.localtime(last).strftime("%b %d, %Y %H:%M")
        return (
            f"The rendering job has given no sign of life since {when}: "
            "its worker was probably killed. Run it again."
        )
    return None


def _job_status(job_id: str) -> str | None:
    """The rq job's status, "gone" if the queue no longer knows it, or None
    when that cannot be told (no job id yet, or Redis unreachable)."""
    if not job_id:
        return None
    import django_rq
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    from filings.jobs import QUEUE_UNREACHABLE

    try:
        job = Job.fetch(job_id, connection=django_rq.get_connection("default"))
        status = job.get_status(refresh=False)
    except NoSuchJobError:
        return "gone"
    except QUEUE_UNREACHABLE:
        logger.warning("cannot ask Redis about job %s", job_id, exc_info=True)
        return None
    return str(getattr(status, "value", status)) if status is not None else None


def render_run(run: RedactionRun) -> RedactionRun:
    """Render, verify and store one run; raise with the reason if it fails.

    Nothing is stored unless ``redact_pdf`` verified the output.
    """
    source = run.source
    with source.file.open("rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != source.sha256:
        raise RedactionFailed(
            "the stored original does not match the checksum recorded at upload"
        )
    regions = [Region.from_dict(r) for r in run.regions]
    pages = len({r.page for r in regions})
    now = timezone.now()
    run.started_at = run.heartbeat_at = now
    run.stage, run.pages_done, run.pages_total = RunStage.REWRITING, 0, pages
    RedactionRun.objects.filter(pk=run.pk).update(
        started_at=now,
        heartbeat_at=now,
        stage=RunStage.REWRITING,
        pages_done=0,
        pages_total=pages,
    )
    # Stored regions are measured from the page's visible corner, as the
    # locator and the region editor measure them.
    with pdfium_lock():
        result = redact_pdf(
            data,
            regions,
            label=run.label or None,
            coordinates="visible",
            progress=_progress_of(run.pk),
        )
    if not result.verified:  # redact_pdf raises first; this guards the contract
        raise RedactionFailed("the output was not verified")
    digest = hashlib.sha256(result.pdf).hexdigest()
    report = {
        "sha256": digest,
        "size": len(result.pdf),
        "pages": result.page_count,
        "page_reports": [p.to_dict() for p in result.pages],
        "empty_regions": [r.to_dict() for r in result.empty_regions],
    }
    if run.preview:
        return _finish_preview(run, result.pdf, digest, report, result.raster_pages)
    return _publish(run, result.pdf, digest, report, result.raster_pages)


def _progress_of(run_id: int) -> Callable[[str, int, int], None]:
    """A progress callback that records stage, pages and heartbeat on the run,
    at most every PROGRESS_EVERY seconds (and at each new stage)."""
    last: dict[str, Any] = {"at": 0.0, "stage": None}

    def record(stage: str, done: int, total: int) -> None:
        clock = time.monotonic()
        if stage == last["stage"] and clock - last["at"] < PROGRESS_EVERY:
            return
        last.update(at=clock, stage=stage)
        RedactionRun.objects.filter(pk=run_id, status=ProcessingStatus.WORKING).update(
            stage=stage,
            pages_done=done,
            pages_total=total,
            heartbeat_at=timezone.now(),
        )

    return record


def _finish_preview(
    run: RedactionRun, pdf: bytes, digest: str, report: dict, raster: list[int]
) -> RedactionRun:
    case_id = run.document.entry.case_id
    name = f"{PREVIEW_PREFIX}/{case_id}/run-{run.pk}-{digest[:16]}.pdf"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(pdf))
    report["preview_path"] = name
    with transaction.atomic():
        _mark_done(run, report=report, raster=raster, result=None)
    return run


def _publish(
    run: RedactionRun, pdf: bytes, digest: str, report: dict, raster: list[int]
) -> RedactionRun:
    document = run.document
    with transaction.atomic():
        # Two runs finishing at once must not both store the same bytes.
        Document.objects.select_for_update().filter(pk=document.pk).first()
        existing = (
            document.files.filter(role=DocumentFile.Role.PUBLIC_REDACTED, sha256=digest)
            .order_by("pk")
            .first()
        )
        report["reused_existing_file"] = existing is not None
        file = existing or store_file(
            document,
            DocumentFile.Role.PUBLIC_REDACTED,
            pdf,
            uploaded_by=run.requested_by,
        )
        _mark_done(run, report=report, raster=raster, result=file)
    return run


def _mark_done(
    run: RedactionRun, *, report: dict, raster: list[int], result: DocumentFile | None
) -> None:
    run.status = ProcessingStatus.DONE
    run.finished_at = timezone.now()
    run.report = report
    run.raster_pages = raster
    run.result = result
    run.error_message = ""
    run.stage = ""
    run.pages_done = run.pages_total
    run.save(
        update_fields=[
            "status",
            "finished_at",
            "report",
            "raster_pages",
            "result",
            "error_message",
            "stage",
            "pages_done",
        ]
    )
    access.record(
        None,
        AuditEvent.Action.REDACT,
        run,
        case=run.document.entry.case,
        stage="preview rendered" if run.preview else "published",
        file=result.pk if result else None,
        sha256=report["sha256"],
        raster_pages=raster,
    )


def preview_bytes(run: RedactionRun) -> bytes | None:
    """The preview's PDF, or None when the run has none (yet)."""
    name = (run.report or {}).get("preview_path")
    if not run.preview or run.status != ProcessingStatus.DONE or not name:
        return None
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def runs_visible_to(user: Any, document: Document) -> list[RedactionRun]:
    """Runs are court business: staff see them all, nobody else any. A run
    whose job was lost is marked failed first, so that it shows as such."""
    if not access.is_court_staff(user):
        return []
    fail_stale_runs(document.redaction_runs.filter(status__in=ACTIVE))
    return list(
        document.redaction_runs.select_related(
            "requested_by", "result", "order_entry"
        ).order_by("-requested_at", "-pk")[:20]
    )
