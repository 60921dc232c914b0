"""From the clerk's last ruling to the judge's signature, in a real browser.

Set SEALING_SCREENSHOTS=/some/dir to keep a screenshot of each screen.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from filings.models import DocketEntry
from sealing.models import Ruling
from sealing.order_models import DraftStatus
from tests.conftest import log_in
from tests.orders.conftest import build_motion, rule_all

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name: str) -> None:
    folder = os.environ.get("SEALING_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def test_clerk_rules_last_item_drafts_sends_and_judge_signs_the_order(
    cast, live_server, browser
):
    built = build_motion(cast, rule=False)
    rule_all(built, leave_open=1)
    motion = built.motion
    last = motion.items.get(ruling="")

    clerk = browser.new_context(viewport={"width": 1280, "height": 900})
    page = clerk.new_page()
    page.set_default_timeout(20000)
    log_in(page, live_server, cast.clerk.username)

    # The clerk's last ruling, on the motion page.
    page.goto(f"{live_server.url}/motions/{motion.pk}/")
    page.locator(f"#controls-{last.pk} > summary").click()
    page.select_option(f"#id_item-{last.pk}-ruling", Ruling.GRANTED)
    page.click(f"#controls-{last.pk} button[type=submit]")
    page.wait_for_url(f"**/motions/{motion.pk}/**")
    last.refresh_from_db()
    assert last.ruling == Ruling.GRANTED

    # The draft order: prepared, rendered, previewed, sent.
    page.goto(f"{live_server.url}/orders/motions/{motion.pk}/")
    page.click("#prepare-draft")
    page.wait_for_selector("#order-status.status-done")
    assert page.locator(".preview img").count() >= 3
    image = page.request.get(
        live_server.url + page.locator(".preview img").first.get_attribute("src")
    )
    assert image.ok and image.headers["content-type"] == "image/png"
    assert not page.locator(".undecided").count()
    _shot(page, "order-draft")
    page.click("#send-to-judge")
    page.wait_for_selector("[data-order-status=sent_to_judge]")
    clerk.close()

    # The judge's queue and signature.
    judge = browser.new_context(viewport={"width": 1280, "height": 900})
    page = judge.new_page()
    page.set_default_timeout(20000)
    log_in(page, live_server, cast.judge.username)
    page.goto(f"{live_server.url}/orders/")
    page.click(f"text={motion.title} (#45)")
    page.wait_for_selector("#order-status.status-done")
    _shot(page, "order-review")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("#approve-sign")
    page.wait_for_selector("[data-order-status=entered]")
    assert "entered on the docket as entry 46" in page.locator(".messages").inner_text()

    # The order is on the public docket.
    page.click("[data-entry='46']")
    page.wait_for_url(f"**/cases/{cast.case.pk}/")
    _shot(page, "order-on-docket")
    assert "ORDER granting in part and denying in part" in page.content()
    judge.close()

    draft = motion.draft_orders.get()
    assert draft.status == DraftStatus.ENTERED
    assert DocketEntry.objects.get(case=cast.case, number=46).kind == "order"
