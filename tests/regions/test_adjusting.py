"""A clerk's adjustments: new rows with who and when, never overwritten."""

from __future__ import annotations

import json

import pytest

from filings.models import AuditEvent
from sealing import regions
from sealing.models import ItemRegion, RegionSource


@pytest.fixture
def filed(short_filed):
    return short_filed


@pytest.fixture
def located(filed):
    item = filed.item("¶¶ 4-5")
    location = regions.locate_item(item)
    return item, location


def boxes_of(location):
    return [region.to_dict() for region in location.active_regions]


def test_moving_a_box_supersedes_it_and_keeps_the_others(filed, located):
    item, location = located
    boxes = boxes_of(location)
    moved = {**boxes[0], "x0": 200.0, "x1": 300.0}
    untouched = boxes[1:]

    regions.adjust_regions(item, [moved, *untouched], filed.cast.clerk)

    location.refresh_from_db()
    old = ItemRegion.objects.get(pk=moved["id"])
    assert old.superseded_at is not None
    new = old.superseded_by
    assert (new.page, new.x0, new.x1, new.top) == (
        moved["page"],
        200.0,
        300.0,
        moved["top"],
    )
    assert new.source == RegionSource.ADJUSTED
    assert new.created_by == filed.cast.clerk
    assert new.portion == "¶¶ 4-5"
    assert {r["id"] for r in boxes_of(location)} == {new.pk} | {
        b["id"] for b in untouched
    }
    assert location.adjusted_by_hand
    assert location.adjusted_by == filed.cast.clerk
    assert location.adjusted_at is not None


def test_deleting_and_adding_boxes(filed, located):
    item, location = located
    before = boxes_of(location)
    added = {"page": 1, "x0": 100, "top": 100, "x1": 200, "bottom": 120}

    regions.adjust_regions(item, [added], filed.cast.clerk)

    now = list(location.active_regions)
    assert len(now) == 1 and now[0].source == RegionSource.ADDED
    assert (now[0].x0, now[0].bottom) == (100.0, 120.0)
    removed = ItemRegion.objects.filter(pk__in=[b["id"] for b in before])
    assert all(r.superseded_at and r.superseded_by is None for r in removed)
    assert ItemRegion.objects.filter(item=item).count() == len(before) + 1


def test_saving_the_same_boxes_changes_nothing(filed, located):
    item, location = located
    before = boxes_of(location)

    regions.adjust_regions(item, before, filed.cast.clerk)

    location.refresh_from_db()
    assert boxes_of(location) == before
    assert not location.adjusted_by_hand


@pytest.mark.parametrize(
    ("box", "message"),
    [
        ({"page": 1, "x0": 500, "top": 10, "x1": 700, "bottom": 40}, "runs off page 1"),
        ({"page": 1, "x0": 10, "top": 700, "x1": 40, "bottom": 900}, "runs off page 1"),
        ({"page": 1, "x0": -5, "top": 10, "x1": 40, "bottom": 40}, "negative"),
        ({"page": 99, "x0": 10, "top": 10, "x1": 40, "bottom": 40}, "page 99"),
        ({"page": 1, "x0": 40, "top": 10, "x1": 10, "bottom": 40}, "inside out"),
        ({"page": 1, "x0": "a", "top": 10, "x1": 40, "bottom": 40}, "needs a page"),
        ({"page": 1.5, "x0": 1, "top": 10, "x1": 40, "bottom": 40}, "needs a page"),
        ({"page": 1, "x0": 1, "top": 10, "x1": 40}, "needs a page"),
        (
            {"id": 999999, "page": 1, "x0": 1, "top": 1, "x1": 40, "bottom": 40},
            "reload",
        ),
    ],
)
def test_bad_boxes_are_refused_and_nothing_changes(filed, located, box, message):
    item, location = located
    before = boxes_of(location)

    with pytest.raises(regions.RegionError, match=message):
        regions.adjust_regions(item, [*before, box], filed.cast.clerk)

    assert boxes_of(location) == before
    assert ItemRegion.objects.filter(item=item).count() == len(before)


def test_adjusting_before_locating_is_refused(filed):
    item = filed.item("¶ 5")

    with pytest.raises(regions.RegionError, match="Locate"):
        regions.adjust_regions(item, [], filed.cast.clerk)


def test_clerk_saves_json_and_the_adjustment_is_audited(filed, located):
    item, location = located
    boxes = boxes_of(location)
    boxes[0]["top"] += 5

    response = filed.cast.client("clerk").post(
        f"/regions/items/{item.pk}/adjust/",
        json.dumps({"regions": boxes}),
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["adjusted_by_hand"] is True
    assert AuditEvent.objects.filter(
        object_type="sealing.SealingItem",
        object_id=str(item.pk),
        actor=filed.cast.clerk,
    ).exists()
    page = filed.cast.client("clerk").get(f"/regions/items/{item.pk}/")
    assert "Adjusted by hand by clerk on" in page.content.decode()


def test_bad_box_in_the_browser_save_gets_a_clear_400(filed, located):
    item, _ = located

    response = filed.cast.client("clerk").post(
        f"/regions/items/{item.pk}/adjust/",
        json.dumps(
            {"regions": [{"page": 99, "x0": 1, "top": 1, "x1": 9, "bottom": 9}]}
        ),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "page 99" in response.json()["error"]


def test_malformed_json_gets_a_400(filed, located):
    item, _ = located

    response = filed.cast.client("clerk").post(
        f"/regions/items/{item.pk}/adjust/", "not json", content_type="application/json"
    )

    assert response.status_code == 400
