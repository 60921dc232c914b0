"""Locating again never throws a clerk's hand adjustments away in silence."""

from __future__ import annotations

import re

import pytest

from filings.jobs import process_file
from filings.pdf.pleading import render_pleading
from sealing import regions
from sealing.models import ItemLocation, Ruling
from tests import factories
from tests.pdf.pleading_factory import complaint
from tests.regions.conftest import covered_words

WORDS = 40  # the short complaint's paragraphs
TOKEN = re.compile(r"^p\d+w\d+$|^\d+\.$")


def paragraph_words(pdf: bytes, location: ItemLocation) -> set[str]:
    """The paragraph tokens and numbers the location's boxes cover."""
    return {w for w in covered_words(pdf, location.active_regions) if TOKEN.match(w)}


def expected(number: int, words: int = WORDS) -> set[str]:
    return {f"p{number}w{i}" for i in range(1, words + 1)} | {f"{number}."}


@pytest.fixture
def narrowed(short_filed, short_pdf):
    """¶ 2 granted, its box narrowed by the clerk to the paragraph's first line."""
    item = short_filed.item("¶ 2", ruling=Ruling.GRANTED)
    location = regions.locate_item(item)
    assert paragraph_words(short_pdf, location) == expected(2)
    first, *rest = [r.to_dict() for r in location.active_regions]
    first["bottom"] = first["top"] + 14
    regions.adjust_regions(item, [first], short_filed.cast.clerk)
    location.refresh_from_db()
    words = paragraph_words(short_pdf, location)
    assert "2." in words and "p2w1" in words and f"p2w{WORDS}" not in words
    return item, location, words


def test_locating_every_item_keeps_the_boxes_adjusted_by_hand(
    short_filed, short_pdf, narrowed, django_capture_on_commit_callbacks
):
    item, location, words = narrowed
    other = short_filed.item("¶ 4", listed_as=2)

    with django_capture_on_commit_callbacks(execute=True):
        response = short_filed.cast.client("clerk").post(
            f"/regions/motions/{short_filed.motion.pk}/locate/",
            {"item": item.pk},
            follow=True,
        )

    assert regions.current_location(item) == location
    assert paragraph_words(short_pdf, location) == words
    assert paragraph_words(short_pdf, regions.current_location(other)) == expected(4)
    assert "1 item whose boxes were adjusted by hand is kept as adjusted" in (
        response.content.decode()
    )


def test_relocating_an_adjusted_item_from_its_citation_asks_first(
    short_filed, short_pdf, narrowed
):
    item, location, words = narrowed
    clerk = short_filed.cast.client("clerk")
    preview = clerk.get(f"/regions/items/{item.pk}/").content.decode()
    assert "Re-locate from the citation…" in preview

    asked = clerk.post(f"/regions/items/{item.pk}/locate/")

    assert asked.status_code == 200
    assert "Replace them with boxes located from the citation" in asked.content.decode()
    assert regions.current_location(item) == location
    assert paragraph_words(short_pdf, location) == words
    with pytest.raises(regions.AdjustedByHand):
        regions.locate_item(item)

    replaced = clerk.post(f"/regions/items/{item.pk}/locate/", {"confirm": "replace"})

    assert replaced.status_code == 302
    again = regions.current_location(item)
    assert again != location and not again.adjusted_by_hand
    assert paragraph_words(short_pdf, again) == expected(2)
    assert not again.needs_review


@pytest.fixture
def new_version(short_filed):
    """A corrected complaint filed after the clerk adjusted the boxes: longer
    paragraphs, so ¶ 2 sits elsewhere on its pages."""
    pdf = render_pleading(complaint(range(1, 6), words=WORDS + 15))
    file = factories.add_file(short_filed.document, pdf, original_name="v2.pdf")
    process_file(file.pk)
    return pdf, file


def test_new_version_keeps_the_hand_adjusted_boxes_in_sight_and_asks_for_review(
    short_filed, narrowed, new_version
):
    item, location, _ = narrowed
    pdf, file = new_version
    adjusted_boxes = [
        (r.page, r.x0, r.top, r.x1, r.bottom) for r in location.active_regions
    ]
    clerk = short_filed.cast.client("clerk")

    page = clerk.get(f"/regions/items/{item.pk}/").content.decode()

    again = regions.current_location(item)
    assert again.file == file and again.replaced == location
    assert again.needs_review
    assert paragraph_words(pdf, again) == expected(2, WORDS + 15)
    superseded = [(r.page, r.x0, r.top, r.x1, r.bottom) for r in again.replaced_boxes()]
    assert superseded == adjusted_boxes
    assert "Review needed." in page
    assert page.count('class="region-superseded"') == len(adjusted_boxes)
    assert regions.unlocated_items(short_filed.document, [Ruling.GRANTED]) == [item]

    clerk.post(f"/regions/items/{item.pk}/reviewed/")

    again.refresh_from_db()
    assert not again.needs_review and again.reviewed_by == short_filed.cast.clerk
    assert regions.unlocated_items(short_filed.document, [Ruling.GRANTED]) == []
    assert (
        "Review needed." not in clerk.get(f"/regions/items/{item.pk}/").content.decode()
    )


def test_locating_every_item_on_a_new_version_flags_the_adjusted_one(
    short_filed, narrowed, new_version
):
    item, location, _ = narrowed
    pdf, _ = new_version

    result = regions.locate_motion(short_filed.motion.pk)

    assert result.kept == []
    [again] = result.located
    assert again.needs_review and again.replaced == location
    assert paragraph_words(pdf, again) == expected(2, WORDS + 15)
    # Adjusting the new boxes is reviewing them.
    boxes = [r.to_dict() for r in again.active_regions]
    boxes[0]["x1"] -= 10
    regions.adjust_regions(item, boxes, short_filed.cast.clerk)
    again.refresh_from_db()
    assert not again.needs_review
