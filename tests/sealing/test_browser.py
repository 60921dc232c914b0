"""The clerk's triage in a real browser: paste, fix a line, check how the list reads
and save it, rule on a group, see counts.

Set SEALING_SCREENSHOTS=/some/dir to keep a screenshot of each screen.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sealing.models import SealingItem
from tests.conftest import log_in
from tests.sealing.conftest import ITEM_LIST, build_docket, open_joint_motion

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BAD_LINE = "6. Decl. of Stephen Gudelj (#129-9), ¶¶ 4-12 (security measures)"


def _shot(page, name: str) -> None:
    folder = os.environ.get("SEALING_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def _count(page, ruling: str) -> str:
    return page.locator(f"#counts li[data-ruling={ruling}] strong").inner_text()


def test_clerk_pastes_fixes_a_line_rules_on_a_group_and_sees_the_counts(
    cast, live_server, page
):
    motion = open_joint_motion(build_docket(cast))
    log_in(page, live_server, cast.clerk.username)

    page.goto(f"{live_server.url}/motions/{motion.pk}/items/paste/")
    page.fill("#id_text", f"{ITEM_LIST}{BAD_LINE}\n")
    page.select_option("#id_ground", "trade_secret")
    page.click("button:has-text('Read the list')")
    problems = page.locator(".problems")
    assert "Line 6" in problems.inner_text()
    assert "entry 129 has no attachment 9" in problems.inner_text()
    assert page.locator("button:has-text('Save the')").count() == 0
    _shot(page, "paste-problem")

    pasted = page.input_value("#id_text")
    page.fill("#id_text", pasted.replace("#129-9", "#129-4"))
    page.click("button:has-text('Read the list')")
    reading = page.locator("#reading")
    assert "7 items from 6 lines" in reading.inner_text()
    assert "#129-4" in reading.inner_text()
    assert page.input_value("#id_text") == pasted.replace("#129-9", "#129-4")
    _shot(page, "paste-reading")
    page.click("button:has-text('Save the 7 items')")
    page.wait_for_url(f"**/motions/{motion.pk}/")
    assert page.locator("[data-count=total]").inner_text() == "7"
    assert _count(page, "undecided") == "7"

    group = page.locator("#group-good_cause--trade_secret")
    group.locator("details.bulk > summary").click()
    bulk = group.locator("form.bulk-form")
    exception = bulk.locator(".bulk-choices label", has_text="#94 ¶¶ 16-33")
    exception.locator("input").uncheck()
    bulk.get_by_label("Findings").select_option("yes")
    bulk.get_by_label("Ruling", exact=True).select_option("granted")
    _shot(page, "bulk-form")
    bulk.locator("button:has-text('Apply to the ticked items')").click()
    page.wait_for_load_state()

    assert "6 items updated; 1 left out as exceptions." in page.inner_text(".messages")
    assert _count(page, "granted") == "6"
    assert _count(page, "undecided") == "1"
    assert page.locator("[data-count=findings]").inner_text() == "6"

    left_out = SealingItem.objects.get(
        motion=motion, target__entry__number=94, target__attachment_number=0
    )
    item = page.locator(f"#item-{left_out.pk}")
    item.locator("details.court-controls > summary").click()
    item.get_by_label("Ruling", exact=True).select_option("denied")
    item.get_by_label("Reason for the ruling").fill(
        "Broad allegations of harm, unsubstantiated by specific examples."
    )
    item.locator("button:has-text('Save item')").click()
    page.wait_for_load_state()

    assert _count(page, "denied") == "1"
    assert _count(page, "undecided") == "0"
    _shot(page, "motion-after-rulings")
