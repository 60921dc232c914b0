"""Background job that renders a draft order's PDF and .docx.

Takes the draft's primary key only, records its status on the draft, and
re-raises on failure so that rq keeps the traceback too. Running it twice
renders the same order again; the draft's file fields change only once both
files are fully stored, so a crash half-way leaves the earlier files in place.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from rq.worker import Worker

from filings.models import AuditEvent, ProcessingStatus
from sealing import drafting, triage
from sealing.order_models import DraftOrder, DraftStatus
from sealing.orders import render_order_docx, render_order_pdf

logger = logging.getLogger(__name__)


def pdf_page_count(data: bytes) -> int:
    import pypdfium2

    from filings.pdf.pdfium import pdfium_lock

    with pdfium_lock():
        document = pypdfium2.PdfDocument(data)
        try:
            return len(document)
        finally:
            document.close()


class ConversionUnavailable(RuntimeError):
    """LibreOffice is not installed, or could not convert the document."""


def docx_to_pdf(data: bytes, *, timeout: int = 120) -> bytes:
    """A .docx as PDF through LibreOffice (headless), for uploaded revisions:
    only a word processor lays out a document the chambers edited freely."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        raise ConversionUnavailable(
            "LibreOffice (soffice) is not installed on this server, so an uploaded "
            ".docx cannot be turned into a PDF here."
        )
    # One LibreOffice profile, reused (creating one costs seconds) and locked:
    # two instances must never run on the same profile at once.
    profile = Path(tempfile.gettempdir()) / f"sealing-soffice-{os.getuid()}"
    with (
        open(f"{profile}.lock", "w") as lock,
        tempfile.TemporaryDirectory(prefix="order-docx-") as folder,
    ):
        fcntl.flock(lock, fcntl.LOCK_EX)
        source = Path(folder) / "order.docx"
        source.write_bytes(data)
        try:
            subprocess.run(
                [
                    binary,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    folder,
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=timeout,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ConversionUnavailable(
                f"LibreOffice could not convert the .docx: {exc}"
            ) from None
        result = Path(folder) / "order.pdf"
        if not result.exists():
            raise ConversionUnavailable("LibreOffice produced no PDF from the .docx.")
        return result.read_bytes()


def _render_files(draft: DraftOrder) -> tuple[bytes, bytes, int]:
    """PDF and .docx of a version, and how many items it leaves undecided."""
    order_date = draft.order_date or timezone.localdate()
    order = drafting.build_order(
        draft.motion, content=draft.content, order_date=order_date
    )
    if draft.uploaded_docx:
        # The chambers' revision is the text of this version: preview it as is.
        with draft.uploaded_docx.open("rb") as handle:
            docx = handle.read()
        return docx_to_pdf(docx), docx, len(order.undecided)
    return render_order_pdf(order), render_order_docx(order), len(order.undecided)


def _store(field: FieldFile, extension: str, data: bytes) -> None:
    """Store rendered bytes under a name derived from them, so that rendering the
    same version twice reuses the stored file instead of leaving a copy behind."""
    digest = hashlib.sha256(data).hexdigest()[:16]
    name = field.field.generate_filename(field.instance, f"draft-{digest}.{extension}")
    if field.storage.exists(name):
        field.name = name
    else:
        field.save(f"draft-{digest}.{extension}", ContentFile(data), save=False)


def render_order(draft_id: int) -> None:
    """Render both files of one draft version from the motion's rulings."""
    DraftOrder.objects.filter(pk=draft_id).update(
        render_status=ProcessingStatus.WORKING, error_message=""
    )
    draft = DraftOrder.objects.select_related(
        "motion__case__court", "motion__case__assigned_judge", "motion__entry"
    ).get(pk=draft_id)
    try:
        # Read before building: a ruling changed while the files are made then
        # shows as a difference at signing, never as files that hide it.
        fingerprint = triage.rulings_fingerprint(draft.motion)
        pdf, docx, undecided = _render_files(draft)
        pages = pdf_page_count(pdf)
        _store(draft.pdf, "pdf", pdf)
        _store(draft.docx, "docx", docx)
        with transaction.atomic():
            updated = {
                "pdf": draft.pdf.name,
                "docx": draft.docx.name,
                "page_count": pages,
                "undecided_count": undecided,
                "rulings_fingerprint": fingerprint,
                "render_status": ProcessingStatus.DONE,
                "rendered_at": timezone.now(),
            }
            DraftOrder.objects.filter(pk=draft_id).update(**updated)
            # A version sent to the judge reaches the queue once its files exist.
            DraftOrder.objects.filter(pk=draft_id, status=DraftStatus.RENDERING).update(
                status=DraftStatus.SENT_TO_JUDGE
            )
            AuditEvent.objects.create(
                action=AuditEvent.Action.PROCESS,
                object_type=draft._meta.label,
                object_id=str(draft.pk),
                case_id=draft.motion.case_id,
                details={
                    "rendered": "draft order",
                    "version": draft.version,
                    "pages": pages,
                    "undecided": undecided,
                },
            )
    except Exception as exc:
        logger.exception("rendering draft order %s failed", draft_id)
        DraftOrder.objects.filter(pk=draft_id).update(
            render_status=ProcessingStatus.FAILED, error_message=str(exc)[:2000]
        )
        raise


def preload_renderers() -> None:
    """Import WeasyPrint and python-docx and lay out one tiny page, so that the
    fonts are found once in the worker rather than in every forked job."""
    import docx  # noqa: F401
    import weasyprint

    weasyprint.HTML(string="<p style='font-family: Liberation Serif'>.</p>").write_pdf()


class PreloadingWorker(Worker):
    """An rq worker that loads the order renderers before it forks jobs:

        python manage.py rqworker default --worker-class sealing.order_jobs.PreloadingWorker

    Each job still runs in its own forked process, but starts with the
    renderers and the font cache already in memory (about 2 s saved per order).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        preload_renderers()


RENDER_NOT_QUEUED = (
    "Not queued: the job queue could not be reached. The draft is saved; its "
    "files are prepared once the queue is back (manage.py requeue_processing)."
)


def enqueue_render(draft_id: int) -> bool:
    """Queue the rendering now (after the draft committed); when the queue cannot
    be reached the draft says so instead of waiting for ever."""
    from filings.jobs import enqueue_now

    return enqueue_now(
        render_order,
        draft_id,
        job_timeout=300,
        not_queued=lambda: DraftOrder.objects.filter(
            pk=draft_id, render_status=ProcessingStatus.QUEUED
        ).update(
            render_status=ProcessingStatus.FAILED, error_message=RENDER_NOT_QUEUED
        ),
    )


def requeue_render(draft: DraftOrder) -> bool:
    """Queue again the rendering of a draft that was never queued."""
    changed = DraftOrder.objects.filter(
        pk=draft.pk,
        render_status=ProcessingStatus.FAILED,
        error_message=RENDER_NOT_QUEUED,
    ).update(render_status=ProcessingStatus.QUEUED, error_message="")
    if changed:
        transaction.on_commit(lambda: enqueue_render(draft.pk))
    return bool(changed)


def unqueued_renders():
    return DraftOrder.objects.filter(
        render_status=ProcessingStatus.FAILED, error_message=RENDER_NOT_QUEUED
    )


FORMATS = ("pdf", "docx")


def render_current_draft(motion_id: int, fmt: str) -> bytes:
    """The motion's order as its current draft reads (or as built from the
    rulings when there is no draft yet), undecided items marked; for the
    render_order command."""
    from sealing.models import MotionToSeal

    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; use one of: {', '.join(FORMATS)}.")
    try:
        motion = MotionToSeal.objects.select_related(
            "case__court", "case__assigned_judge", "entry"
        ).get(pk=motion_id)
    except MotionToSeal.DoesNotExist:
        raise LookupError(f"There is no motion to seal with id {motion_id}.") from None
    draft = motion.draft_orders.order_by("-version").first()
    order = drafting.build_order(
        motion,
        content=draft.content if draft else {},
        order_date=(draft.order_date if draft else None) or timezone.localdate(),
    )
    return render_order_pdf(order) if fmt == "pdf" else render_order_docx(order)
