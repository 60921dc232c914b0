"""Re-deriving standards after a filing's facts change: a ruling made under the old
standard is cleared and the item sent back for review; decided motions are left as
ruled, and the page says so."""

from __future__ import annotations

import pytest
from django.urls import reverse

from filings.models import DocketEntry
from sealing import triage
from sealing.models import ItemChange, MotionState, Ruling, SealingItem
from tests import factories
from tests.sealing.conftest import ITEM_LIST

pytestmark = pytest.mark.django_db


def _make_fuller_dispositive(docket, **kwargs):
    return triage.change_filing_facts(
        None,
        docket.entries[135],
        nature="tro_pi",
        dispositive=True,
        merits_related=None,
        **kwargs,
    )


def _fuller_item(motion) -> SealingItem:
    return SealingItem.objects.get(motion=motion, target__entry__number=135)


def test_a_changed_standard_clears_the_ruling_and_asks_for_review(cast, motion, docket):
    items = triage.add_items(None, motion, ITEM_LIST, ground="trade_secret")
    factories.grant(items)
    triage.update_items(None, items, {"recommendation": Ruling.GRANTED})
    triage.move_motion(None, motion, MotionState.UNDER_REVIEW)

    result = _make_fuller_dispositive(docket, actor=cast.clerk)

    (change,) = result.changes
    assert change.cleared == "ruling (Granted) and recommendation (Granted)"
    fuller = _fuller_item(motion)
    assert (fuller.standard, fuller.ruling, fuller.recommendation) == (
        "compelling_reasons",
        "",
        "",
    )
    assert "from Good cause" in fuller.review_needed
    assert "to Compelling reasons" in fuller.review_needed
    kept = ItemChange.objects.filter(item=fuller, field="ruling").last()
    assert (kept.before, kept.after, kept.actor) == ("granted", "", cast.clerk)
    assert "facts of #135 changed" in kept.context
    others = SealingItem.objects.filter(motion=motion).exclude(pk=fuller.pk)
    assert set(others.values_list("ruling", flat=True)) == {"granted"}
    assert not others.exclude(review_needed="").exists()
    with pytest.raises(triage.WorkflowError, match="1 item still needs a ruling"):
        triage.move_motion(None, motion, MotionState.DECIDED)

    factories.grant([fuller])

    fuller.refresh_from_db()
    assert fuller.review_needed == ""
    assert ItemChange.objects.filter(item=fuller, field="review_needed").count() == 2


def test_an_unruled_item_changes_standard_without_review(motion, docket):
    triage.add_items(None, motion, ITEM_LIST, ground="trade_secret")

    result = _make_fuller_dispositive(docket)

    assert [change.cleared for change in result.changes] == [""]
    assert _fuller_item(motion).review_needed == ""


def test_the_motion_page_lists_the_cleared_rulings(cast, motion, docket):
    items = triage.add_items(None, motion, ITEM_LIST, ground="trade_secret")
    factories.grant(items)
    entry = docket.entries[135]
    prefix = f"entry-{entry.pk}"

    response = cast.client("clerk").post(
        reverse("sealing:filing_facts", kwargs={"pk": motion.pk, "entry_pk": entry.pk}),
        {f"{prefix}-nature": "tro_pi", f"{prefix}-dispositive": "yes"},
        follow=True,
    )

    page = response.content.decode()
    assert "1 of them lost their ruling or recommendation and need review" in page
    assert "Ruling (Granted) cleared" in page
    assert "Needs review:" in page
    assert 'data-count="review">1<' in page


def _decided(motion, docket) -> None:
    items = triage.add_items(None, motion, ITEM_LIST, ground="trade_secret")
    triage.move_motion(None, motion, MotionState.UNDER_REVIEW)
    factories.grant(items)
    triage.move_motion(None, motion, MotionState.DECIDED)


def _second_motion(cast) -> object:
    entry = factories.make_entry(
        cast.case, 200, kind=DocketEntry.Kind.MOTION_TO_SEAL, text="MOTION to Seal"
    )
    second = triage.open_motion(
        None, entry=entry, title="Second Motion", movants=[cast.defendant]
    )
    triage.add_items(None, second, "Fuller Decl. (#135), p. 7", ground="privacy")
    return second


def test_items_of_a_decided_motion_keep_the_standard_they_were_ruled_under(
    cast, motion, docket
):
    _decided(motion, docket)
    second = _second_motion(cast)
    decided_item = _fuller_item(motion)

    result = _make_fuller_dispositive(docket)

    assert [change.item.motion_id for change in result.changes] == [second.pk]
    assert result.left_decided == [(decided_item, "compelling_reasons")]
    decided_item.refresh_from_db()
    assert (decided_item.standard, decided_item.ruling) == ("good_cause", "granted")
    assert decided_item.review_needed == ""
    assert not ItemChange.objects.filter(
        item=decided_item, field__in=["standard", "standard_explanation"]
    ).exists()


def test_facts_are_not_changed_from_a_decided_motions_page(cast, motion, docket):
    _decided(motion, docket)
    entry = docket.entries[135]
    prefix = f"entry-{entry.pk}"
    client = cast.client("clerk")

    page = client.get(reverse("sealing:motion", kwargs={"pk": motion.pk}))
    response = client.post(
        reverse("sealing:filing_facts", kwargs={"pk": motion.pk, "entry_pk": entry.pk}),
        {f"{prefix}-nature": "tro_pi", f"{prefix}-dispositive": "yes"},
        follow=True,
    )

    assert "Record and re-derive" not in page.content.decode()
    assert "This motion is decided" in page.content.decode()
    assert "The motion is decided: its items keep" in response.content.decode()
    entry.refresh_from_db()
    assert entry.nature == "other"


def test_changing_facts_from_an_open_motion_says_what_decided_motions_kept(
    cast, motion, docket
):
    _decided(motion, docket)
    second = _second_motion(cast)
    entry = docket.entries[135]
    prefix = f"entry-{entry.pk}"

    response = cast.client("clerk").post(
        reverse("sealing:filing_facts", kwargs={"pk": second.pk, "entry_pk": entry.pk}),
        {f"{prefix}-nature": "tro_pi", f"{prefix}-dispositive": "yes"},
        follow=True,
    )

    page = " ".join(response.content.decode().split())
    assert (
        "1 item of decided motion #186 would now fall under another standard; "
        "it keeps the standard it was ruled under" in page
    )
