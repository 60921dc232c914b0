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
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
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
    Document,
    DocumentFile,
    ProcessingStatus,
    RedactionRun,
)
from filings.pdf.geometry import Region
from filings.pdf.pdfium import pdfium_lock
from filings.pdf.redact import RedactionFailed, redact_pdf

DEFAULT_LABEL = "REDACTED"
PREVIEW_PREFIX = "previews"


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


def enqueue_run(run_id: int) -> None:
    import django_rq

    from filings.jobs import render_public_version

    django_rq.get_queue("default").enqueue(
        render_public_version, run_id, job_timeout=1800
    )


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
    with pdfium_lock():
        result = redact_pdf(data, regions, label=run.label or None)
    if not result.verified:  # redact_pdf raises first; this guards the contract
        raise RedactionFailed("the output was not verified")
    digest = hashlib.sha256(result.pdf).hexdigest()
    report = {
        "sha256": digest,
        "size": len(result.pdf),
        "pages": result.page_count,
        "page_reports": [p.to_dict() for p in result.pages],
    }
    if run.preview:
        return _finish_preview(run, result.pdf, digest, report, result.raster_pages)
    return _publish(run, result.pdf, digest, report, result.raster_pages)


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
    run.save(
        update_fields=[
            "status",
            "finished_at",
            "report",
            "raster_pages",
            "result",
            "error_message",
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
    """Runs are court business: staff see them all, nobody else any."""
    if not access.is_court_staff(user):
        return []
    return list(
        document.redaction_runs.select_related("requested_by", "result").order_by(
            "-requested_at", "-pk"
        )[:20]
    )
