"""The regions order entry uses: granted items' boxes to remove, denied ones to keep."""

from __future__ import annotations

import re

from filings.pdf.geometry import Region
from sealing import regions
from sealing.models import Ruling
from tests.regions.conftest import covered_words

TOKEN = re.compile(r"^p(\d+)w\d+$")


def paragraphs_in(pdf, found) -> set[int]:
    return {int(m.group(1)) for w in covered_words(pdf, found) if (m := TOKEN.match(w))}


def test_approved_and_denied_regions_follow_the_rulings(filed, complaint_pdf):
    granted = filed.item("¶ 5", ruling=Ruling.GRANTED)
    in_part = filed.item("¶ 7", listed_as=2, ruling=Ruling.GRANTED_IN_PART)
    denied = filed.item("¶ 9", listed_as=3, ruling=Ruling.DENIED)
    without_prejudice = filed.item(
        "¶ 11", listed_as=4, ruling=Ruling.DENIED_WITHOUT_PREJUDICE
    )
    pending = filed.item("¶ 13", listed_as=5)
    for item in (granted, in_part, denied, without_prejudice, pending):
        regions.locate_item(item)

    approved = regions.approved_regions(filed.document)
    refused = regions.denied_regions(filed.document)

    assert all(isinstance(r, Region) for r in approved + refused)
    assert paragraphs_in(complaint_pdf, approved) == {5, 7}
    assert paragraphs_in(complaint_pdf, refused) == {9, 11}


def test_approved_regions_are_the_adjusted_ones(filed):
    item = filed.item("¶ 5", ruling=Ruling.GRANTED)
    regions.locate_item(item)
    box = {"page": 1, "x0": 100.0, "top": 100.0, "x1": 200.0, "bottom": 130.0}

    regions.adjust_regions(item, [box], filed.cast.clerk)

    assert regions.approved_regions(filed.document) == [
        Region(1, 100.0, 100.0, 200.0, 130.0)
    ]


def test_items_not_fully_located_are_named_for_order_entry(filed):
    whole = filed.item("¶ 5", ruling=Ruling.GRANTED)
    partial = filed.item("¶ 6; ¶ 99", listed_as=2, ruling=Ruling.GRANTED)
    never = filed.item("¶ 7", listed_as=3, ruling=Ruling.GRANTED)
    regions.locate_item(whole)
    regions.locate_item(partial)

    problems = regions.unlocated_items(filed.document, regions.APPROVED_RULINGS)

    assert problems == [partial, never]
