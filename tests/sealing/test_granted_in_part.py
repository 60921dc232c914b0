"""Granted in part says which part: the clerk records the portions granted, the
order lists them under the grants and the rest under the denials, and only
their regions are approved for redaction."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from filings.pdf.portions import parse_portions
from sealing import drafting, triage
from sealing.models import ItemChange, Ruling
from tests.orders.conftest import build_motion
from tests.orders.test_drafting import TRADE

pytestmark = pytest.mark.django_db

REASON = "only ¶ 25 states the pricing formula; ¶ 26 is general"


@pytest.fixture
def built(cast):
    return build_motion(cast)


def _complaint_item(built):
    return built.item("1", "¶¶ 25-26", "trade_secret")


def test_granted_in_part_needs_the_portions_granted(built):
    item = _complaint_item(built)

    with pytest.raises(triage.WorkflowError, match="say which of its portions"):
        triage.update_items(
            None,
            [item],
            {"ruling": Ruling.GRANTED_IN_PART, "ruling_reason": REASON},
        )

    item.refresh_from_db()
    assert item.ruling == Ruling.GRANTED


@pytest.mark.parametrize(
    ("granted", "problem"),
    [
        ("¶ 27", "must lie within the portions requested (¶¶ 25-26)"),
        ("p. 3:1-4", "must lie within"),
        ("¶¶ 25-26", "is all that was requested"),
        ("¶¶ 25,", "cannot be read"),
    ],
)
def test_granted_portions_must_be_a_part_of_the_request(built, granted, problem):
    item = _complaint_item(built)

    with pytest.raises(triage.WorkflowError, match=re.escape(problem)):
        triage.update_items(
            None,
            [item],
            {
                "ruling": Ruling.GRANTED_IN_PART,
                "ruling_reason": REASON,
                "granted_portions": granted,
            },
        )


def test_granted_portions_are_kept_in_the_courts_notation_with_their_history(built):
    item = _complaint_item(built)

    triage.update_items(
        None,
        [item],
        {
            "ruling": Ruling.GRANTED_IN_PART,
            "ruling_reason": REASON,
            "granted_portions": "para. 25",
        },
    )
    item.refresh_from_db()
    assert item.granted_portions == "¶ 25"
    assert ItemChange.objects.filter(item=item, field="granted_portions").exists()
    assert triage.granted_and_denied_text(item) == ("¶ 25", "¶ 26")

    triage.update_items(None, [item], {"ruling": Ruling.GRANTED})
    item.refresh_from_db()
    assert item.granted_portions == ""


def test_the_rest_is_said_in_words_where_the_layout_would_be_needed(built):
    item = built.item("20", "p. 1:22-27")
    item.portions = [p.to_dict() for p in parse_portions("pp. 1:22-2:4")]
    item.portions_text = "pp. 1:22-2:4"
    item.ruling = Ruling.GRANTED_IN_PART
    item.granted_portions = "p. 1:22-27"

    assert triage.granted_and_denied_text(item) == (
        "p. 1:22-27",
        "pp. 1:22-2:4 other than p. 1:22-27",
    )


def test_the_order_lists_the_granted_part_with_the_grants_and_the_rest_denied(
    built,
):
    item = _complaint_item(built)
    triage.update_items(
        None,
        [item],
        {
            "ruling": Ruling.GRANTED_IN_PART,
            "ruling_reason": REASON,
            "granted_portions": "¶ 25",
        },
    )

    order = drafting.build_order(built.motion, order_date=date(2026, 11, 6))

    listed = [
        (ruling, ref)
        for _, ground, ruling, ref in drafting.listed_items(order)
        if ground == TRADE and ref.startswith("#1 ")
    ]
    assert ("granted", "#1 ¶ 25") in listed
    assert ("denied", "#1 ¶ 26") in listed
    assert ("granted", "#1 ¶¶ 25-26") not in listed


def test_the_item_form_records_the_granted_portions_and_shows_them(built):
    item = _complaint_item(built)
    client = built.cast.client("clerk")
    prefix = f"item-{item.pk}"
    data = {
        f"{prefix}-ground": "trade_secret",
        f"{prefix}-ruling": Ruling.GRANTED_IN_PART,
        f"{prefix}-ruling_reason": REASON,
        **{
            f"{prefix}-finding_{code}": "yes"
            for code in (
                "particularized_showing",
                "specific_harm",
                "declaration",
                "narrowly_tailored",
            )
        },
    }
    url = reverse("sealing:item", kwargs={"pk": built.motion.pk, "item_pk": item.pk})

    missing = client.post(url, data, follow=True).content.decode()
    client.post(url, {**data, f"{prefix}-granted_portions": "¶ 25"})
    page = client.get(reverse("sealing:motion", kwargs={"pk": built.motion.pk}))

    assert "Say which of the requested portions the Court grants" in missing
    item.refresh_from_db()
    assert item.granted_portions == "¶ 25"
    assert '¶ 25 <span class="muted">(the rest denied)</span>' in page.content.decode()


def test_the_redacted_version_due_names_only_the_portions_granted(
    built, django_capture_on_commit_callbacks
):
    from filings.models import PublicVersionDue
    from sealing import order_flow

    cast = built.cast
    item = built.item("20-1", "¶¶ 2-5")
    triage.update_items(
        None,
        [item],
        {
            "ruling": Ruling.GRANTED_IN_PART,
            "ruling_reason": "only ¶¶ 2-3 describe the weights module",
            "granted_portions": "¶¶ 2-3",
        },
    )
    with django_capture_on_commit_callbacks(execute=False):
        draft = order_flow.create_draft(None, built.motion, actor=cast.clerk)
    with django_capture_on_commit_callbacks(execute=True):
        order_flow.send_to_judge(None, draft, actor=cast.clerk)
    draft.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        order_flow.approve(None, draft, actor=cast.judge, signed_on=date(2026, 11, 6))

    due = PublicVersionDue.objects.get(document=item.target)
    assert due.portions_text == "¶¶ 2-3"
