"""The workflow of regions: locate an item's portions, let a clerk adjust them,
and hand the approved and denied regions to order entry.

Locating reads the layout the processing job stored for the target's current
original; it never reads the PDF itself. A portion that cannot be found is
kept with its reason and gets no box: nothing is guessed. Adjustments are
append-only: the replaced boxes stay, marked superseded, with who and when.

A clerk's adjustments are never replaced in passing: locating every item of a
motion leaves hand-adjusted items as they are, and locating one of them again
from its citation takes an explicit confirmation. When a new version of the
file makes locating again necessary, the new boxes are flagged for review and
the hand-adjusted ones stay on show beside them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from filings import access
from filings.access import User
from filings.models import (
    AuditEvent,
    Document,
    DocumentFile,
    PageLayout,
    ProcessingStatus,
)
from filings.pdf.geometry import Region
from filings.pdf.layout import DocumentLayout
from filings.pdf.locate import locate
from filings.pdf.portions import format_portions
from sealing import permissions
from sealing.models import (
    ItemLocation,
    ItemRegion,
    LocationStatus,
    RegionSource,
    Ruling,
    SealingItem,
)
from sealing.triage import granted_portions_of, portion_from_dict

APPROVED_RULINGS = (Ruling.GRANTED, Ruling.GRANTED_IN_PART)
DENIED_RULINGS = (Ruling.DENIED, Ruling.DENIED_WITHOUT_PREJUDICE)
# A box smaller than this (in points) is a slip of the mouse, not a redaction.
MIN_BOX_POINTS = 1.0
# Browsers convert pixels to points with float noise; this much overshoot of
# the page edge is rounding, not a box off the page.
EDGE_TOLERANCE = 0.05
MAX_BOXES = 500


class RegionError(Exception):
    """A request about regions that cannot be carried out, in the clerk's words."""


class AdjustedByHand(RegionError):
    """Locating again would replace boxes a clerk adjusted on this very file."""


# --- Who may see and do what -------------------------------------------------


def represents_filer(user: User, item: SealingItem) -> bool:
    """Counsel for a movant, or for the party that filed the target document."""
    if not user.is_authenticated:
        return False
    motion = item.motion
    if permissions.represents_movant(user, motion):
        return True
    filer_id = item.target.entry.filer_id
    return (
        filer_id is not None
        and user.appearances.filter(case_id=motion.case_id, party_id=filer_id).exists()
    )


def can_preview(user: User, item: SealingItem) -> bool:
    """Court staff; counsel who filed the motion or the target, if they may see
    the file the preview shows.

    Whether they may see that file is the access rules' decision for it, the
    same one that serves its page images, so the preview and its images
    never disagree.
    """
    if access.is_court_staff(user):
        return True
    if not represents_filer(user, item):
        return False
    file = shown_file(item)
    if file is None:
        return access.can_view_original(user, item.target)
    return access.can_view_file(user, file)


def can_adjust(user: User) -> bool:
    return access.is_clerk(user)


def get_item_or_404(request: HttpRequest, pk: int) -> SealingItem:
    try:
        item = SealingItem.objects.select_related(
            "motion__case__court", "motion__entry", "target__entry__case__court"
        ).get(pk=pk)
    except SealingItem.DoesNotExist:
        raise Http404("No such item.") from None
    if not can_preview(request.user, item):
        raise Http404("No such item.")
    return item


# --- Locating --------------------------------------------------------------------


def current_original(document: Document) -> DocumentFile | None:
    return (
        document.files.filter(role=DocumentFile.Role.ORIGINAL)
        .order_by("-uploaded_at", "-pk")
        .first()
    )


def current_location(item: SealingItem) -> ItemLocation | None:
    return item.region_locations.select_related("file", "adjusted_by").first()


def last_located(item: SealingItem) -> ItemLocation | None:
    """The latest location that found the portions (a failure after it, such
    as a new version still being processed, does not count)."""
    return (
        item.region_locations.filter(status=LocationStatus.LOCATED)
        .select_related("file", "adjusted_by")
        .first()
    )


def shown_file(item: SealingItem) -> DocumentFile | None:
    """The file the preview shows: the one located on, else the current original."""
    location = current_location(item)
    if location is not None and location.is_located:
        return location.file
    return current_original(item.target)


def needs_locating(item: SealingItem) -> bool:
    """Nothing located yet on the target's current original."""
    location = current_location(item)
    if location is None or not location.is_located:
        return True
    original = current_original(item.target)
    return original is not None and location.file_id != original.pk


def kept_by_hand(item: SealingItem) -> bool:
    """Whether a clerk adjusted the item's boxes on its target's current
    original: locating again from the citation would throw that work away."""
    located = last_located(item)
    if located is None or not located.adjusted_by_hand:
        return False
    original = current_original(item.target)
    return original is not None and located.file_id == original.pk


REVIEW_AFTER_NEW_VERSION = (
    "A clerk had adjusted this item's boxes by hand on an earlier version of the "
    "document. A new version was filed, so the portions were located again on it "
    "from the citations. Check the new boxes against the hand-adjusted ones (shown "
    "dashed), adjust them if needed, and mark the regions reviewed."
)


def locate_item(
    item: SealingItem,
    *,
    user: Any = None,
    request: HttpRequest | None = None,
    layouts: dict[int, DocumentLayout | None] | None = None,
    replace_adjusted: bool = False,
) -> ItemLocation:
    """Locate the item's portions on its target's current original.

    A new ItemLocation is always created; the boxes of the previous one are
    marked superseded, so the history of every locating survives. Boxes a
    clerk adjusted on this same file are replaced only with
    ``replace_adjusted`` (the clerk confirmed it); otherwise AdjustedByHand
    is raised and nothing changes. Boxes adjusted on an earlier version are
    replaced, since they are drawn on another file, but the new location
    keeps them as history and asks for review.
    """
    file = current_original(item.target)
    if file is None:
        return _record_failure(
            item, user, LocationStatus.NO_FILE, "The document has no original file."
        )
    earlier = last_located(item)
    adjusted = earlier if earlier is not None and earlier.adjusted_by_hand else None
    if adjusted is not None and adjusted.file_id == file.pk and not replace_adjusted:
        raise AdjustedByHand(
            "A clerk adjusted this item's boxes by hand; locating it again from the "
            "citation would replace them. Confirm to do so."
        )
    new_version = adjusted is not None and adjusted.file_id != file.pk
    layout = _layout_of(file, layouts if layouts is not None else {})
    if layout is None:
        state = file.get_status_display().lower()
        reason = (
            f"The file could not be processed: {file.error_message}"
            if file.status == ProcessingStatus.FAILED
            else f"The file is not processed yet ({state}); locate again when it is."
        )
        return _record_failure(item, user, LocationStatus.NOT_PROCESSED, reason, file)
    try:
        portions = [portion_from_dict(data) for data in item.portions]
    except (KeyError, TypeError, ValueError) as exc:
        return _record_failure(
            item,
            user,
            LocationStatus.FAILED,
            f"The item's portions are unreadable: {exc}",
        )
    with transaction.atomic():
        location = _new_location(
            item,
            user,
            status=LocationStatus.LOCATED,
            file=file,
            numbering=layout.numbering,
            replaced=adjusted if new_version else None,
            review_reason=REVIEW_AFTER_NEW_VERSION if new_version else "",
        )
        unresolved = []
        for portion in portions:
            found = locate(layout, [portion])
            unresolved.extend(u.to_dict() for u in found.unresolved)
            label = format_portions([portion])
            for region in found.regions:
                _add_region(location, region, label, RegionSource.LOCATED, user)
        location.unresolved = unresolved
        location.save(update_fields=["unresolved"])
        access.record(
            request,
            AuditEvent.Action.RECORD,
            item,
            case=item.motion.case,
            actor=user,
            located_on=file.pk,
            regions=location.regions.count(),
            unresolved=len(unresolved),
            replaced_hand_adjusted=adjusted.pk if adjusted is not None else None,
            needs_review=location.needs_review,
        )
    return location


def _layout_of(
    file: DocumentFile, layouts: dict[int, DocumentLayout | None]
) -> DocumentLayout | None:
    # Reading a 300-page layout back takes about a second; a motion's items
    # often share one target, so locating them all reads it once.
    if file.pk not in layouts:
        done = file.status == ProcessingStatus.DONE
        layouts[file.pk] = file.load_layout() if done else None
    return layouts[file.pk]


def _new_location(item: SealingItem, user: Any, **fields: Any) -> ItemLocation:
    now = timezone.now()
    ItemRegion.objects.filter(item=item, superseded_at__isnull=True).update(
        superseded_at=now
    )
    return ItemLocation.objects.create(item=item, located_by=_user(user), **fields)


def _record_failure(
    item: SealingItem,
    user: Any,
    status: str,
    message: str,
    file: DocumentFile | None = None,
) -> ItemLocation:
    # The boxes located earlier stay active: a file still being processed is no
    # reason to forget where the portions were on the previous version.
    latest = item.region_locations.first()
    if (
        latest is not None
        and latest.status == status
        and latest.message == message
        and latest.file_id == (file.pk if file else None)
    ):
        return latest  # opening the preview again must not pile up copies
    return ItemLocation.objects.create(
        item=item, located_by=_user(user), status=status, message=message, file=file
    )


def _user(user: Any) -> Any:
    return user if user is not None and user.is_authenticated else None


def _add_region(
    location: ItemLocation,
    region: Region,
    portion: str,
    source: str,
    user: Any,
) -> ItemRegion:
    return ItemRegion.objects.create(
        location=location,
        item_id=location.item_id,
        file_id=location.file_id,
        page=region.page,
        x0=region.x0,
        top=region.top,
        x1=region.x1,
        bottom=region.bottom,
        portion=portion,
        source=source,
        created_by=_user(user),
    )


@dataclass(frozen=True)
class MotionLocated:
    located: list[ItemLocation]
    kept: list[SealingItem]  # adjusted by hand on the current file, left alone


def locate_motion(motion_id: int, *, user: Any = None) -> MotionLocated:
    """Locate every item of the motion, except those a clerk adjusted by hand
    on their target's current original: those keep their boxes."""
    items = (
        SealingItem.objects.not_withdrawn()
        .filter(motion_id=motion_id)
        .select_related("motion__case", "target")
    )
    layouts: dict[int, DocumentLayout | None] = {}
    located, kept = [], []
    for item in items:
        try:
            if kept_by_hand(item):
                raise AdjustedByHand
            located.append(locate_item(item, user=user, layouts=layouts))
        except AdjustedByHand:  # also when a clerk adjusted it a moment ago
            kept.append(item)
    return MotionLocated(located, kept)


def mark_reviewed(
    item: SealingItem, user: Any, request: HttpRequest | None = None
) -> ItemLocation:
    """The clerk has checked the regions the review reason asked about."""
    location = current_location(item)
    if location is None or not location.needs_review:
        raise RegionError("Nothing about this item's regions awaits review.")
    location.reviewed_by = user
    location.reviewed_at = timezone.now()
    location.save(update_fields=["reviewed_by", "reviewed_at"])
    access.record(
        request,
        AuditEvent.Action.RECORD,
        item,
        case=item.motion.case,
        actor=user,
        reviewed_regions=location.pk,
    )
    return location


# --- Adjusting ---------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """A box the clerk drew: ``replaces`` is the id of the region it came from."""

    region: Region
    replaces: int | None


def adjust_regions(
    item: SealingItem,
    new_regions: Sequence[Mapping[str, Any]],
    user: Any,
    request: HttpRequest | None = None,
) -> ItemLocation:
    """Replace the item's active boxes with ``new_regions`` (the full new set).

    Each entry is ``{"id"?, "page", "x0", "top", "x1", "bottom"}``; an entry with
    the id of an active box and the same coordinates keeps it, with other
    coordinates replaces it; an entry without id adds a box; an active box not
    named is removed. Raises RegionError, changing nothing, for any bad box.
    """
    location = current_location(item)
    if location is None or not location.is_located:
        raise RegionError("Locate the item's portions before adjusting them.")
    pages = {
        page.number: page
        for page in PageLayout.objects.filter(file_id=location.file_id).only(
            "number", "width", "height"
        )
    }
    active = {region.pk: region for region in location.active_regions}
    boxes = _read_boxes(new_regions, pages, active)
    now = timezone.now()
    changed = 0
    with transaction.atomic():
        kept = set()
        for box in boxes:
            old = active.get(box.replaces) if box.replaces is not None else None
            if old is not None and box.replaces not in kept and _same(old, box.region):
                kept.add(old.pk)
                continue
            source = RegionSource.ADJUSTED if old is not None else RegionSource.ADDED
            new = _add_region(
                location, box.region, old.portion if old else "", source, user
            )
            changed += 1
            if old is not None and old.pk not in kept:
                kept.add(old.pk)
                ItemRegion.objects.filter(pk=old.pk).update(
                    superseded_at=now, superseded_by=new
                )
        removed = [pk for pk in active if pk not in kept]
        ItemRegion.objects.filter(pk__in=removed).update(superseded_at=now)
        changed += len(removed)
        if changed:
            location.adjusted_by_hand = True
            location.adjusted_by = user
            location.adjusted_at = now
            fields = ["adjusted_by_hand", "adjusted_by", "adjusted_at"]
            if location.needs_review:
                # Adjusting the boxes is reviewing them.
                location.reviewed_by, location.reviewed_at = user, now
                fields += ["reviewed_by", "reviewed_at"]
            location.save(update_fields=fields)
            access.record(
                request,
                AuditEvent.Action.RECORD,
                item,
                case=item.motion.case,
                actor=user,
                adjusted_regions=[r.to_dict() for r in location.active_regions],
                removed=removed,
            )
    return location


def _read_boxes(
    data: Any, pages: Mapping[int, PageLayout], active: Mapping[int, ItemRegion]
) -> list[Box]:
    if not isinstance(data, list):
        raise RegionError("Send the boxes as a list.")
    if len(data) > MAX_BOXES:
        raise RegionError(f"At most {MAX_BOXES} boxes may be saved for one item.")
    return [_read_box(n, entry, pages, active) for n, entry in enumerate(data, 1)]


def _read_box(
    n: int,
    entry: Any,
    pages: Mapping[int, PageLayout],
    active: Mapping[int, ItemRegion],
) -> Box:
    if not isinstance(entry, Mapping):
        raise RegionError(f"Box {n} is not a box.")
    try:
        page = entry["page"]
        if isinstance(page, bool) or not isinstance(page, int):
            raise TypeError("the page must be a whole number")
        x0, top, x1, bottom = (
            _number(entry[key]) for key in ("x0", "top", "x1", "bottom")
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RegionError(
            f"Box {n} needs a page and x0, top, x1, bottom in points ({exc})."
        ) from None
    sheet = pages.get(page)
    if sheet is None:
        raise RegionError(
            f"Box {n} is on page {page}, but the document has {len(pages)} pages."
        )
    if min(x0, top, x1, bottom) < -EDGE_TOLERANCE:
        raise RegionError(f"Box {n} has a negative coordinate.")
    if x1 > sheet.width + EDGE_TOLERANCE or bottom > sheet.height + EDGE_TOLERANCE:
        raise RegionError(
            f"Box {n} runs off page {page} ({sheet.width:g} × {sheet.height:g} points)."
        )
    x0, top = max(x0, 0.0), max(top, 0.0)
    x1, bottom = min(x1, sheet.width), min(bottom, sheet.height)
    if x1 - x0 < MIN_BOX_POINTS or bottom - top < MIN_BOX_POINTS:
        raise RegionError(
            f"Box {n} is empty or inside out: its right and bottom edges must lie "
            "beyond its left and top edges."
        )
    replaces = entry.get("id")
    if replaces is not None and replaces not in active:
        raise RegionError(
            f"Box {n} replaces a box that is no longer current; reload the page."
        )
    return Box(Region(page, x0, top, x1, bottom), replaces)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("coordinates must be numbers")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError("coordinates must be finite")
    return round(number, 2)


def _same(region: ItemRegion, box: Region) -> bool:
    return (
        all(
            abs(getattr(region, key) - getattr(box, key)) < 0.01
            for key in ("x0", "top", "x1", "bottom")
        )
        and region.page == box.page
    )


# --- For order entry ---------------------------------------------------------------


def active_regions(items: Iterable[SealingItem]) -> list[Region]:
    """The current boxes of ``items``, each from its latest successful locating."""
    regions: list[Region] = []
    for item in items:
        _add_new(regions, _item_boxes(item)[1])
    return regions


def _add_new(regions: list[Region], found: Iterable[Region]) -> None:
    for region in found:
        if region not in regions:
            regions.append(region)


def _item_boxes(item: SealingItem) -> tuple[ItemLocation | None, list[Region]]:
    location = item.region_locations.filter(status=LocationStatus.LOCATED).first()
    if location is None:
        return None, []
    return location, [
        Region(row.page, row.x0, row.top, row.x1, row.bottom)
        for row in location.active_regions
    ]


def _in_part(item: SealingItem) -> bool:
    return item.ruling == Ruling.GRANTED_IN_PART and bool(item.granted_portions)


@dataclass(frozen=True)
class PartRegions:
    """An item granted in part, on its boxes: what is sealed and what is not."""

    granted: list[Region]
    denied: list[Region]
    unresolved: list[str]


def part_regions(
    item: SealingItem, layouts: dict[int, DocumentLayout | None] | None = None
) -> PartRegions:
    """The item's boxes cut to its granted portions (located on the same file),
    and the rest of its boxes, which the order denies.

    The granted portions are located from their citation, then clipped to the
    clerk's boxes, so a box a clerk narrowed stays narrow. What lies outside
    them, band by band down the page, is the denied rest.
    """
    location, boxes = _item_boxes(item)
    if location is None:
        return PartRegions([], [], ["the item's portions are not located"])
    layout = _layout_of(location.file, layouts if layouts is not None else {})
    if layout is None:
        return PartRegions([], [], ["the located file has no layout"])
    found = locate(layout, granted_portions_of(item))
    granted: list[Region] = []
    denied: list[Region] = []
    for box in boxes:
        parts = [
            clipped
            for region in found.regions
            if (clipped := _clip(box, region)) is not None
        ]
        _add_new(granted, parts)
        _add_new(denied, _bands_outside(box, parts))
    return PartRegions(
        granted, denied, [f"{u.portion}: {u.reason}" for u in found.unresolved]
    )


def _clip(box: Region, region: Region) -> Region | None:
    if box.page != region.page or not box.intersects(
        region.x0, region.top, region.x1, region.bottom
    ):
        return None
    return Region(
        box.page,
        max(box.x0, region.x0),
        max(box.top, region.top),
        min(box.x1, region.x1),
        min(box.bottom, region.bottom),
    )


def _bands_outside(box: Region, parts: Sequence[Region]) -> list[Region]:
    """The full-width bands of ``box`` above, between and below ``parts``."""
    bands = []
    top = box.top
    for part in sorted(parts, key=lambda region: region.top):
        if part.top - top >= MIN_BOX_POINTS:
            bands.append(Region(box.page, box.x0, top, box.x1, part.top))
        top = max(top, part.bottom)
    if box.bottom - top >= MIN_BOX_POINTS:
        bands.append(Region(box.page, box.x0, top, box.x1, box.bottom))
    return bands


def _items_ruled(document: Document, rulings: Sequence[str]) -> QuerySet[SealingItem]:
    return (
        SealingItem.objects.not_withdrawn()
        .filter(target=document, ruling__in=rulings)
        .order_by("pk")
    )


def approved_regions(document: Document) -> list[Region]:
    """Boxes of the items granted on ``document``; of an item granted in part,
    only its boxes of the portions granted."""
    regions: list[Region] = []
    layouts: dict[int, DocumentLayout | None] = {}
    for item in _items_ruled(document, APPROVED_RULINGS):
        if _in_part(item):
            _add_new(regions, part_regions(item, layouts).granted)
        else:
            _add_new(regions, _item_boxes(item)[1])
    return regions


def denied_regions(document: Document) -> list[Region]:
    """Boxes of the items denied on ``document``, and of the parts denied of
    items granted in part: text that must stay public."""
    regions = active_regions(_items_ruled(document, DENIED_RULINGS))
    layouts: dict[int, DocumentLayout | None] = {}
    for item in _items_ruled(document, [Ruling.GRANTED_IN_PART]):
        if _in_part(item):
            _add_new(regions, part_regions(item, layouts).denied)
    return regions


def unlocated_items(document: Document, rulings: Sequence[str]) -> list[SealingItem]:
    """Items with those rulings whose portions are not all located, or whose
    boxes await a clerk's review (order entry must not pretend their regions
    are complete)."""
    problems = []
    for item in _items_ruled(document, rulings):
        location = item.region_locations.first()
        if (
            location is None
            or not location.is_located
            or location.unresolved
            or location.needs_review
            or (_in_part(item) and _part_missing(item))
        ):
            problems.append(item)
    return problems


def _part_missing(item: SealingItem) -> bool:
    part = part_regions(item)
    return bool(part.unresolved) or not part.granted
