"""The region preview of an item: page images with its boxes, locating, and the
clerk's adjustments saved as JSON."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from filings import access
from filings.models import Access, AuditEvent, DocumentFile, ProcessingStatus
from sealing import jobs, permissions, regions
from sealing.models import ItemLocation, ItemRegion, PageRendering, SealingItem

MAX_BODY_BYTES = 200_000


@require_safe
def item_preview(request: HttpRequest, pk: int) -> HttpResponse:
    item = regions.get_item_or_404(request, pk)
    if regions.needs_locating(item) and not regions.kept_by_hand(item):
        # Opening the preview is the natural moment to locate: the clerk came to
        # see the boxes, and locating from the stored layout takes moments.
        # Boxes adjusted by hand on an earlier version are kept beside the new
        # ones, and the new ones flagged for review (see regions.locate_item).
        regions.locate_item(item, request=request)
    location = regions.current_location(item)
    file = regions.shown_file(item)
    context = {
        "item": item,
        "motion": item.motion,
        "case": item.motion.case,
        "location": location,
        "file": file,
        "can_adjust": regions.can_adjust(request.user),
        "rendering": None,
        "rendered_count": 0,
        "replaced_boxes": _replaced_boxes(location),
        "earlier_located": _earlier_located(item, location),
    }
    if file is not None and file.status == ProcessingStatus.DONE:
        jobs.enqueue_rendering(file.pk)
        context.update(_pages_context(request, file, location))
        context["rendering"] = PageRendering.objects.filter(file=file).first()
    response = render(request, "sealing/regions/item.html", context)
    # Where the sealed text sits on the page is itself sensitive.
    response["Cache-Control"] = "private, no-store"
    return response


def _replaced_boxes(location: ItemLocation | None) -> list[ItemRegion]:
    if location is None or not location.is_located:
        return []
    return list(location.replaced_boxes())


def _earlier_located(
    item: SealingItem, location: ItemLocation | None
) -> ItemLocation | None:
    """The last successful locating, when the latest attempt failed (a new
    version still being processed): its boxes are what stands meanwhile."""
    if location is None or location.is_located:
        return None
    return regions.last_located(item)


def _pages_context(
    request: HttpRequest, file: DocumentFile, location: ItemLocation | None
) -> dict:
    boxes: dict[int, list] = {}
    superseded: dict[int, list] = {}
    if location is not None and location.is_located and location.file_id == file.pk:
        for region in location.active_regions:
            boxes.setdefault(region.page, []).append(region)
        for region in location.replaced_boxes():
            superseded.setdefault(region.page, []).append(region)
    shown = _requested_page(request)
    rendered = set(file.page_images.values_list("page", flat=True))
    large, thumbnails = [], []
    for page in file.pages.only("number", "width", "height", "printed_number").order_by(
        "number"
    ):
        page.boxes = boxes.get(page.number, [])
        page.superseded = superseded.get(page.number, [])
        page.rendered = page.number in rendered
        if page.boxes or page.superseded or page.number == shown:
            large.append(page)
        else:
            thumbnails.append(page)
    return {
        "large_pages": large,
        "thumbnails": thumbnails,
        "rendered_count": len(rendered),
        "box_pages": _box_pages_label([page for page in large if page.boxes]),
    }


def _box_pages_label(pages: list) -> str:
    """ "PDF page 3 (printed 2)", so that a citation to printed page 2 is
    recognisable on the third page of the file."""
    if not pages:
        return ""
    named = [
        f"{page.number} (printed {page.printed_number})"
        if page.printed_number and page.printed_number != page.number
        else str(page.number)
        for page in pages
    ]
    return ("PDF page " if len(named) == 1 else "PDF pages ") + ", ".join(named)


def _requested_page(request: HttpRequest) -> int | None:
    try:
        return int(request.GET.get("page", ""))
    except ValueError:
        return None


@require_safe
def rendering_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress partial the preview polls while its page images render."""
    item = regions.get_item_or_404(request, pk)
    file = regions.shown_file(item)
    if file is None:
        raise Http404("No file.")
    return render(
        request,
        "sealing/regions/partials/rendering.html",
        {
            "item": item,
            "file": file,
            "rendering": PageRendering.objects.filter(file=file).first(),
            "rendered_count": file.page_images.count(),
        },
    )


@require_POST
def locate_item(request: HttpRequest, pk: int) -> HttpResponse:
    """Locate the item from its citation; boxes a clerk adjusted by hand are
    replaced only once the clerk confirms it on the page this shows first."""
    item = regions.get_item_or_404(request, pk)
    _require_clerk(request)
    try:
        location = regions.locate_item(
            item,
            user=request.user,
            request=request,
            replace_adjusted=request.POST.get("confirm") == "replace",
        )
    except regions.AdjustedByHand:
        located = regions.last_located(item)
        response = render(
            request,
            "sealing/regions/relocate_confirm.html",
            {
                "item": item,
                "motion": item.motion,
                "location": located,
                "boxes": located.active_regions.count() if located else 0,
            },
        )
        response["Cache-Control"] = "private, no-store"
        return response
    if location.is_located:
        count = location.active_regions.count()
        messages.success(
            request,
            f"Located {count} region{'s' if count != 1 else ''}"
            + (
                f"; {len(location.unresolved)} unresolved."
                if location.unresolved
                else "."
            ),
        )
    else:
        messages.error(request, location.message)
    return redirect("regions:item", pk=item.pk)


@require_POST
def locate_motion(request: HttpRequest, pk: int) -> HttpResponse:
    motion = permissions.get_motion_or_404(request, pk)
    _require_clerk(request)
    # The job leaves the same items alone; counted here to tell the clerk now.
    kept = sum(1 for item in motion.items.all() if regions.kept_by_hand(item))
    not_queued: list[bool] = []
    jobs.enqueue_locating(motion.pk, not_queued=lambda: not_queued.append(True))
    if not_queued:
        messages.error(
            request,
            "The job queue cannot be reached, so nothing is being located; try "
            "again in a few minutes.",
        )
    else:
        access.record(
            request,
            AuditEvent.Action.RECORD,
            motion,
            case=motion.case,
            locate="all items",
            kept_by_hand=kept,
        )
        message = "Locating the portions of every item of the motion."
        if kept:
            message += (
                f" {kept} item{'s' if kept != 1 else ''} whose boxes were adjusted "
                f"by hand {'are' if kept != 1 else 'is'} kept as adjusted; to "
                "replace an item's boxes with ones located from its citation, use "
                "“Re-locate from the citation” on its preview."
            )
        messages.success(request, message)
    back = motion.items.filter(pk=_int(request.POST.get("item"))).first()
    if back is not None:
        return redirect("regions:item", pk=back.pk)
    return redirect("sealing:motion", pk=motion.pk)


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


@require_POST
def adjust(request: HttpRequest, pk: int) -> JsonResponse:
    item = regions.get_item_or_404(request, pk)
    _require_clerk(request)
    if len(request.body) > MAX_BODY_BYTES:
        return JsonResponse({"error": "Too many boxes in one save."}, status=400)
    try:
        payload = json.loads(request.body)
        boxes = payload["regions"]
    except (ValueError, KeyError, TypeError):
        return JsonResponse(
            {"error": 'Send JSON of the form {"regions": [...]}.'}, status=400
        )
    try:
        location = regions.adjust_regions(item, boxes, request.user, request)
    except regions.RegionError as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(
        {
            "regions": [region.to_dict() for region in location.active_regions],
            "adjusted_by_hand": location.adjusted_by_hand,
        }
    )


@require_POST
def mark_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    item = regions.get_item_or_404(request, pk)
    _require_clerk(request)
    try:
        regions.mark_reviewed(item, request.user, request)
    except regions.RegionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The regions are marked reviewed.")
    return redirect("regions:item", pk=item.pk)


def _require_clerk(request: HttpRequest) -> None:
    if not regions.can_adjust(request.user):
        raise PermissionDenied("Only the clerk locates and adjusts regions.")


@require_safe
def page_image(request: HttpRequest, pk: int, page: int) -> HttpResponse:
    """One rendered page: exactly as secret as the file it shows."""
    file = access.get_file_or_404(request, pk)
    image = file.page_images.filter(page=page).first()
    if image is None:
        raise Http404("That page has not been rendered.")
    if access.file_level(file) != Access.PUBLIC:
        access.record(
            request,
            AuditEvent.Action.VIEW,
            file,
            case=file.document.entry.case,
            role=file.role,
            page_image=page,
        )
    try:
        # A page image is small; reading it whole closes the file at once.
        with image.image.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise Http404("The page image is missing.") from None
    response = HttpResponse(data, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response
