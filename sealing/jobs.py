"""Background jobs of the sealing app. Each takes primary keys only, records its
status, and re-raises on failure so that rq keeps the traceback too."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable

import pypdfium2
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from filings.jobs import enqueue_after_commit
from filings.models import DocumentFile, ProcessingStatus
from filings.pdf.pdfium import pdfium_lock
from sealing.models import ItemRegion, PageImage, PageRendering

logger = logging.getLogger(__name__)

# 1.5 × 72 dpi: a US Letter page becomes 918 × 1188 pixels, sharp enough to
# read a 12-point line at full width and small enough to load thirty of.
RENDER_SCALE = 1.5


def page_image_path(sha256: str, page: int) -> str:
    """Derived from the file's content, never its name or the case."""
    return f"page-images/{sha256[:2]}/{sha256}/{page:05d}.png"


def render_page_images(file_id: int) -> None:
    """Render every page of a stored file as a PNG for the previews. Idempotent.

    A page counts as rendered only once its ``PageImage`` row exists, which is
    written after the PNG is fully stored; a crash half-way leaves at most a
    stray file that the next run overwrites and nothing the views would serve.
    """
    rendering, _ = PageRendering.objects.get_or_create(file_id=file_id)
    PageRendering.objects.filter(pk=rendering.pk).update(
        status=ProcessingStatus.WORKING, error_message=""
    )
    try:
        file = DocumentFile.objects.get(pk=file_id)
        done = set(file.page_images.values_list("page", flat=True))
        with file.file.open("rb") as handle:
            data = handle.read()
        with pdfium_lock():
            pdf = pypdfium2.PdfDocument(data)
            count = len(pdf)
        try:
            for index in _rendering_order(file_id, count):
                if index + 1 not in done:
                    _render_page(file, pdf, index)
        finally:
            with pdfium_lock():
                pdf.close()
        PageRendering.objects.filter(pk=rendering.pk).update(
            status=ProcessingStatus.DONE, finished_at=timezone.now()
        )
    except Exception as exc:
        logger.exception("rendering page images of file %s failed", file_id)
        PageRendering.objects.filter(pk=rendering.pk).update(
            status=ProcessingStatus.FAILED,
            error_message=str(exc)[:2000],
            finished_at=timezone.now(),
        )
        raise


def _rendering_order(file_id: int, count: int) -> list[int]:
    """Page indexes, those some item's boxes are on first: the preview shows
    them large, and a clerk waiting on a long exhibit sees them soonest."""
    boxed = set(
        ItemRegion.objects.filter(
            file_id=file_id, superseded_at__isnull=True
        ).values_list("page", flat=True)
    )
    return sorted(range(count), key=lambda index: (index + 1 not in boxed, index))


def _render_page(file: DocumentFile, pdf: pypdfium2.PdfDocument, index: int) -> None:
    # One page at a time under the lock, so that a thumbnail request waits for a
    # page, not for the whole file.
    with pdfium_lock():
        page = pdf[index]
        try:
            bitmap = page.render(scale=RENDER_SCALE, may_draw_forms=False)
            # A copy: the image may share the bitmap's memory, freed on closing.
            image = bitmap.to_pil().copy()
            bitmap.close()
        finally:
            page.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    path = page_image_path(file.sha256, index + 1)
    if default_storage.exists(path):
        # Left by a run that crashed before recording it: ours to replace.
        default_storage.delete(path)
    stored = default_storage.save(path, ContentFile(buffer.getvalue()))
    with transaction.atomic():
        PageImage.objects.update_or_create(
            file=file,
            page=index + 1,
            defaults={
                "image": stored,
                "width_px": image.width,
                "height_px": image.height,
            },
        )


RENDERING_NOT_QUEUED = (
    "the job queue could not be reached; they are queued again when the page is "
    "next opened."
)


def enqueue_rendering(file_id: int) -> bool:
    """Queue the rendering after commit unless it is done or under way (a
    rendering that could not be queued is queued again)."""
    rendering, created = PageRendering.objects.get_or_create(file_id=file_id)
    if not created and rendering.status in {
        ProcessingStatus.QUEUED,
        ProcessingStatus.WORKING,
        ProcessingStatus.DONE,
    }:
        return False
    if not created:
        PageRendering.objects.filter(pk=rendering.pk).update(
            status=ProcessingStatus.QUEUED, error_message=""
        )
    enqueue_after_commit(
        render_page_images,
        file_id,
        not_queued=lambda: PageRendering.objects.filter(
            file_id=file_id, status=ProcessingStatus.QUEUED
        ).update(
            status=ProcessingStatus.FAILED,
            error_message=RENDERING_NOT_QUEUED,
            finished_at=timezone.now(),
        ),
    )
    return True


def locate_items(motion_id: int) -> None:
    """Locate every item of a motion against its target's current original."""
    from sealing.regions import locate_motion

    locate_motion(motion_id)


def enqueue_locating(
    motion_id: int, *, not_queued: Callable[[], object] | None = None
) -> None:
    """Queue locating after commit. Nothing but the clerk's request records that
    it was asked for, so ``not_queued`` is how the caller learns that the queue
    could not be reached (outside a transaction, before this returns)."""
    enqueue_after_commit(locate_items, motion_id, not_queued=not_queued)
