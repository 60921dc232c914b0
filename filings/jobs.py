"""Background jobs of the filings app. Each takes primary keys only, records its
status on the object it processes, and re-raises on failure so that rq keeps the
traceback too."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from filings.models import AuditEvent, DocumentFile, PageLayout, ProcessingStatus
from filings.pdf.facts import read_facts
from filings.pdf.layout import analyze
from filings.pdf.pdfium import pdfium_lock

logger = logging.getLogger(__name__)


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
            status=ProcessingStatus.FAILED, error_message=str(exc)[:2000]
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
