"""While a draft order is with the judge, nothing it is built from may change:
the judge signs what he reviewed. Returning the draft gives the items back."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sealing import order_flow, triage
from sealing.models import ItemChange, Ruling
from sealing.order_models import DraftOrder, DraftStatus
from tests.orders.conftest import build_motion

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(cast):
    return build_motion(cast)


def _send(built, status: str = DraftStatus.SENT_TO_JUDGE) -> DraftOrder:
    return DraftOrder.objects.create(
        motion=built.motion, version=1, status=status, created_by=built.cast.clerk
    )


def _first(built):
    return built.item("1", "¶¶ 25-26", "trade_secret")


@pytest.mark.parametrize("status", [DraftStatus.SENT_TO_JUDGE, DraftStatus.RENDERING])
def test_rulings_cannot_change_while_the_draft_is_with_the_judge(built, status):
    _send(built, status)
    item = _first(built)

    with pytest.raises(triage.WorkflowError, match="ask for it back"):
        triage.update_items(
            None, [item], {"ruling": Ruling.DENIED, "ruling_reason": "Not shown."}
        )

    item.refresh_from_db()
    assert item.ruling == Ruling.GRANTED
    assert not ItemChange.objects.filter(item=item, field="ruling_reason").exists()


def test_no_item_can_be_added_while_the_draft_is_with_the_judge(built):
    _send(built)

    with pytest.raises(triage.WorkflowError, match="with the judge"):
        triage.add_items(None, built.motion, "Complaint (#1), ¶ 9", ground="privacy")


def test_filing_facts_that_would_change_its_items_are_refused(built):
    _send(built)
    complaint = built.entries[1]

    with pytest.raises(triage.WorkflowError, match="ask for it back"):
        triage.change_filing_facts(
            None, complaint, nature="pleading", dispositive=True, merits_related=None
        )

    complaint.refresh_from_db()
    assert complaint.dispositive is None
    assert _first(built).standard == "good_cause"


def test_the_clerk_regains_the_items_when_the_judge_returns_the_draft(
    built, django_capture_on_commit_callbacks
):
    cast = built.cast
    with django_capture_on_commit_callbacks(execute=False):
        draft = order_flow.create_draft(None, built.motion, actor=cast.clerk)
        order_flow.send_to_judge(None, draft, actor=cast.clerk)
    item = _first(built)
    with pytest.raises(triage.WorkflowError):
        triage.update_items(None, [item], {"note": "Check ¶ 26."})

    order_flow.return_to_clerk(None, draft, "Reconsider ¶ 26.", actor=cast.judge)
    changed = triage.update_items(None, [item], {"note": "Check ¶ 26."})

    assert changed == 1


def test_the_motion_page_says_the_draft_is_with_the_judge_and_offers_no_controls(
    built,
):
    _send(built)
    client = built.cast.client("clerk")
    url = reverse("sealing:motion", kwargs={"pk": built.motion.pk})

    page = client.get(url).content.decode()
    item = _first(built)
    response = client.post(
        reverse("sealing:item", kwargs={"pk": built.motion.pk, "item_pk": item.pk}),
        {f"item-{item.pk}-ground": "trade_secret", f"item-{item.pk}-ruling": "denied"},
        follow=True,
    )

    assert "The draft order is with the judge; ask for it back" in page
    assert 'class="item-form"' not in page
    assert "bulk-form" not in page
    assert "Add items from a list" not in page
    assert "ask for it back to change rulings" in response.content.decode()
    item.refresh_from_db()
    assert item.ruling == Ruling.GRANTED


def test_pasting_is_refused_while_the_draft_is_with_the_judge(built):
    _send(built)
    client = built.cast.client("clerk")
    url = reverse("sealing:paste_items", kwargs={"pk": built.motion.pk})

    response = client.post(
        url, {"text": "Complaint (#1), ¶ 9", "ground": "privacy", "step": "save"}
    )

    assert "ask for it back to change rulings" in response.content.decode()
    assert not built.motion.items.filter(portions_text="¶ 9").exists()


def test_rulings_fingerprint_changes_with_what_the_order_states(built):
    motion = built.motion
    item = _first(built)
    first = triage.rulings_fingerprint(motion)

    assert triage.rulings_fingerprint(motion) == first
    triage.update_items(None, [item], {"note": "A working note only."})
    assert triage.rulings_fingerprint(motion) == first

    for changes in (
        {"ruling": Ruling.DENIED, "ruling_reason": "Not shown."},
        {"ruling_reason": "Not shown at all."},
        {"findings": {"specific_harm": {"met": True, "note": "New facts."}}},
        {"ground": "privacy"},
    ):
        before = triage.rulings_fingerprint(motion)
        triage.update_items(None, [item], changes)
        assert triage.rulings_fingerprint(motion) != before, changes


def test_rulings_fingerprint_changes_when_an_item_is_added(built):
    before = triage.rulings_fingerprint(built.motion)

    triage.add_items(None, built.motion, "Complaint (#1), ¶ 9", ground="privacy")

    assert triage.rulings_fingerprint(built.motion) != before
    assert len(before) == 64


def test_items_of_a_decided_motion_cannot_change_from_its_page(built):
    triage.move_motion(None, built.motion, "decided")
    item = _first(built)
    client = built.cast.client("clerk")

    response = client.post(
        reverse("sealing:item", kwargs={"pk": built.motion.pk, "item_pk": item.pk}),
        {
            f"item-{item.pk}-ground": "trade_secret",
            f"item-{item.pk}-ruling": "denied",
            f"item-{item.pk}-ruling_reason": "Changed after signing.",
        },
        follow=True,
    )

    assert "can no longer be changed" in response.content.decode()
    item.refresh_from_db()
    assert item.ruling == Ruling.GRANTED
