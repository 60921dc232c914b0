"""The line the item page shows about its regions (the partial the lead includes)."""

from __future__ import annotations

import re

from django.template.loader import render_to_string

from sealing import regions


def summary(item) -> str:
    html = render_to_string("sealing/partials/item_regions.html", {"item": item})
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_before_locating_it_offers_the_preview(short_filed):
    item = short_filed.item("¶ 2")

    assert summary(item).startswith("Regions: not located yet.")


def test_counts_pages_unresolved_reasons_and_who_adjusted_by_hand(short_filed):
    item = short_filed.item("¶ 2; ¶ 99")
    location = regions.locate_item(item)
    [box] = [r.to_dict() for r in location.active_regions]
    regions.adjust_regions(
        item, [{**box, "x1": box["x1"] - 50}], short_filed.cast.clerk
    )

    text = summary(item)

    assert f"Regions: 1 on p. {box['page']}, adjusted by hand by clerk on" in text
    assert "1 unresolved: ¶ 99 : ¶ 99 is not in the document (its numbered" in text
    assert f'href="/regions/items/{item.pk}/"' in render_to_string(
        "sealing/partials/item_regions.html", {"item": item}
    )


def test_motion_locate_button_is_for_clerks_only(short_filed):
    clerk_html = render_to_string(
        "sealing/regions/partials/motion_locate.html",
        {"motion": short_filed.motion, "is_clerk": True},
    )
    counsel_html = render_to_string(
        "sealing/regions/partials/motion_locate.html",
        {"motion": short_filed.motion, "is_clerk": False},
    )

    assert f'action="/regions/motions/{short_filed.motion.pk}/locate/"' in clerk_html
    assert "form" not in counsel_html
