"""The clerk adjusts a region in a real browser and the stored region changes."""

from __future__ import annotations

import os

import pytest

from sealing import jobs, regions
from sealing.models import RegionSource
from tests.conftest import log_in

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_drags_a_region_and_the_moved_box_is_stored(
    short_filed, live_server, page
):
    item = short_filed.item("¶ 2")
    before = list(regions.locate_item(item).active_regions)
    assert len(before) == 1
    jobs.render_page_images(short_filed.file.pk)
    log_in(page, live_server, short_filed.cast.clerk.username)
    problems: list[str] = []  # script errors and CSP refusals
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))

    page.goto(f"{live_server.url}/regions/items/{item.pk}/")
    box = page.locator(".region-box").first
    box.wait_for()
    box.scroll_into_view_if_needed()
    sheet = page.locator(".region-page-large .region-layer").first.bounding_box()
    start = box.bounding_box()
    x, y = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 30, y + 20, steps=5)
    page.mouse.move(x + 60, y + 40, steps=5)
    page.mouse.up()
    page.click("#region-save")
    page.locator(".adjusted").wait_for()

    assert "Adjusted by hand by clerk" in page.locator(".adjusted").inner_text()
    assert problems == []
    [after] = list(regions.current_location(item).active_regions)
    points_per_pixel = 612 / sheet["width"]
    old = before[0]
    assert after.source == RegionSource.ADJUSTED
    assert after.x0 == pytest.approx(old.x0 + 60 * points_per_pixel, abs=1.0)
    assert after.top == pytest.approx(old.top + 40 * points_per_pixel, abs=1.0)
    assert after.x1 - after.x0 == pytest.approx(old.x1 - old.x0, abs=0.05)
    old.refresh_from_db()
    assert old.superseded_by == after


def test_clerk_resizes_draws_and_deletes_boxes(short_filed, live_server, page):
    item = short_filed.item("¶ 2; ¶ 3")
    before = list(regions.locate_item(item).active_regions)
    assert len(before) >= 2
    jobs.render_page_images(short_filed.file.pk)
    log_in(page, live_server, short_filed.cast.clerk.username)

    page.goto(f"{live_server.url}/regions/items/{item.pk}/")
    first = page.locator(".region-box").first
    first.wait_for()
    first.scroll_into_view_if_needed()
    handle = first.locator(".region-handle").bounding_box()
    page.mouse.move(handle["x"] + 6, handle["y"] + 6)
    page.mouse.down()
    page.mouse.move(handle["x"] - 94, handle["y"] + 6, steps=5)
    page.mouse.up()
    page.locator(".region-box").nth(1).locator(".region-delete").click()
    sheet = page.locator(".region-page-large .region-layer").first
    sheet.evaluate("layer => layer.scrollIntoView({block: 'center'})")
    area = sheet.bounding_box()
    # In the left margin, where no box is, half-way down the page.
    start_x, start_y = area["x"] + 20, area["y"] + area["height"] / 2
    page.mouse.move(start_x, start_y)
    page.mouse.down()
    page.mouse.move(start_x + 100, start_y + 40, steps=5)
    page.mouse.up()
    page.click("#region-save")
    page.locator(".adjusted").wait_for()

    now = {r.source: r for r in regions.current_location(item).active_regions}
    assert len(regions.current_location(item).active_regions) == len(before)
    resized = now[RegionSource.ADJUSTED]
    points_per_pixel = 612 / area["width"]
    assert resized.x0 == before[0].x0
    assert resized.x1 == pytest.approx(before[0].x1 - 100 * points_per_pixel, abs=1.0)
    drawn = now[RegionSource.ADDED]
    assert drawn.x0 == pytest.approx(20 * points_per_pixel, abs=1.0)
    assert drawn.bottom - drawn.top == pytest.approx(40 * points_per_pixel, abs=1.0)
    assert drawn.top == pytest.approx(396, abs=1.0)  # half-way down the page
    before[1].refresh_from_db()
    assert before[1].superseded_at is not None and before[1].superseded_by is None


SHEET = "xpath=ancestor::*[contains(concat(' ', @class, ' '), ' region-sheet ')]"


def _overlap(a: dict, b: dict) -> float:
    width = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
    height = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    return max(0.0, width) * max(0.0, height)


def test_the_delete_button_sits_beside_a_box_not_over_its_words(
    short_filed, live_server, page
):
    item = short_filed.item("¶ 2; ¶ 3")
    regions.locate_item(item)
    jobs.render_page_images(short_filed.file.pk)
    log_in(page, live_server, short_filed.cast.clerk.username)
    page.goto(f"{live_server.url}/regions/items/{item.pk}/")
    boxes = page.locator(".region-page-large .region-box")
    boxes.first.wait_for()
    boxes.first.scroll_into_view_if_needed()
    for index in range(boxes.count()):
        box = boxes.nth(index)
        box.scroll_into_view_if_needed()
        sheet = box.locator(SHEET).bounding_box()
        button = box.locator(".region-delete").bounding_box()
        assert _overlap(box.bounding_box(), button) == 0, index
        assert _overlap(sheet, button) == button["width"] * button["height"]

    # A box across the whole page keeps its button inside, where it can be seen.
    layer = page.locator(".region-page-large .region-layer").first
    layer.evaluate("layer => layer.scrollIntoView({block: 'center'})")
    area = layer.bounding_box()
    y = area["y"] + area["height"] * 0.5
    page.mouse.move(area["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(area["x"] + area["width"] - 2, y + 30, steps=5)
    page.mouse.up()
    wide = page.locator(".region-page-large .region-box.region-added").last
    button = wide.locator(".region-delete").bounding_box()
    sheet = wide.locator(SHEET).bounding_box()
    assert _overlap(sheet, button) == button["width"] * button["height"]
