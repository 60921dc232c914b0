"""An item pasted by mistake, or withdrawn by the movant, is withdrawn by the
clerk with a reason: kept with its history, left out of the counts, the order
and the redactions, and it can be restored."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sealing import drafting, regions, triage
from sealing.models import ItemChange, MotionState, Ruling, SealingItem
from sealing.views.queue import queue_rows
from tests import factories
from tests.orders.conftest import build_motion

pytestmark = pytest.mark.django_db

REASON = "Listed by mistake: the notice of errata (#46) withdraws it"


@pytest.fixture
def built(cast):
    return build_motion(cast)


def _mistake(built) -> SealingItem:
    return built.item("12", "¶ 52")


def test_a_withdrawn_item_is_kept_with_its_history_and_left_out(built):
    motion = built.motion
    item = _mistake(built)
    total = motion.items.count()

    triage.withdraw_item(None, item, REASON, actor=built.cast.clerk)

    item.refresh_from_db()
    assert item.withdrawn and item.withdrawal_reason == REASON
    assert item.ruling == Ruling.GRANTED  # kept, as ruled, in its history
    assert ItemChange.objects.filter(item=item, field="withdrawn").get().after is True
    assert motion.items.count() == total
    items = list(motion.items.all())
    counts = triage.count_items(items, built.cast.court.circuit_profile)
    assert (counts.total, counts.withdrawn) == (total - 1, 1)
    grouped = [i for s in triage.group_items(items) for g in s.grounds for i in g.items]
    assert item not in grouped
    order = drafting.build_order(motion, order_date=date(2026, 11, 6))
    assert "#12 ¶ 52" not in [ref for *_, ref in drafting.listed_items(order)]


def test_a_withdrawn_item_is_not_ruled_on_or_redacted(built):
    item = _mistake(built)
    triage.withdraw_item(None, item, REASON)

    assert item not in drafting.motion_items(built.motion)
    assert item not in list(regions._items_ruled(item.target, [Ruling.GRANTED]))
    with pytest.raises(triage.WorkflowError, match="withdrawn: restore it first"):
        triage.update_items(None, [item], {"ruling": Ruling.DENIED})


def test_an_undecided_withdrawn_item_does_not_keep_the_motion_open(cast, motion):
    (kept, mistake) = triage.add_items(
        None,
        motion,
        "1. Complaint (#1), ¶ 7\n2. Complaint (#1), ¶ 8",
        ground="trade_secret",
    )
    triage.move_motion(None, motion, MotionState.UNDER_REVIEW)
    factories.grant([kept])

    triage.withdraw_item(None, mistake, REASON)
    triage.move_motion(None, motion, MotionState.DECIDED)

    motion.refresh_from_db()
    assert motion.state == MotionState.DECIDED


def test_a_withdrawn_item_can_be_restored_as_it_was(built):
    item = _mistake(built)
    triage.withdraw_item(None, item, REASON)

    with pytest.raises(triage.WorkflowError, match="Say why"):
        triage.restore_item(None, item, " ")
    triage.restore_item(None, item, "The errata was about another exhibit.")

    item.refresh_from_db()
    assert not item.withdrawn and item.withdrawal_reason == ""
    assert item.ruling == Ruling.GRANTED
    assert item in drafting.motion_items(built.motion)
    assert ItemChange.objects.filter(item=item, field="withdrawn").count() == 2


def test_withdrawing_needs_a_reason_and_an_open_motion(built):
    item = _mistake(built)

    with pytest.raises(triage.WorkflowError, match="Say why the item is withdrawn"):
        triage.withdraw_item(None, item, "")
    from sealing.order_models import DraftOrder, DraftStatus

    DraftOrder.objects.create(
        motion=built.motion, version=1, status=DraftStatus.SENT_TO_JUDGE
    )
    with pytest.raises(triage.WorkflowError, match="with the judge"):
        triage.withdraw_item(None, item, REASON)


def test_the_clerk_withdraws_and_restores_from_the_motion_page(built):
    motion = built.motion
    item = _mistake(built)
    client = built.cast.client("clerk")
    page_url = reverse("sealing:motion", kwargs={"pk": motion.pk})
    kwargs = {"pk": motion.pk, "item_pk": item.pk}

    before = client.get(page_url).content.decode()
    response = client.post(
        reverse("sealing:withdraw_item", kwargs=kwargs), {"reason": REASON}, follow=True
    )
    after = response.content.decode()

    assert reverse("sealing:withdraw_item", kwargs=kwargs) in before
    assert "Item 2 (Answer and Counterclaims, #12) withdrawn." in after
    assert 'id="withdrawn"' in after and REASON in after
    assert reverse("sealing:restore_item", kwargs=kwargs) in after
    assert "1 item withdrawn" in after

    client.post(
        reverse("sealing:restore_item", kwargs=kwargs), {"reason": "Pasted twice."}
    )
    item.refresh_from_db()
    assert not item.withdrawn


def test_the_queue_counts_only_items_not_withdrawn(built):
    motion = built.motion
    total = motion.items.count()
    triage.withdraw_item(None, _mistake(built), REASON)

    rows = queue_rows(
        [
            {
                "pk": motion.pk,
                "title": motion.title,
                "entry__number": motion.entry.number,
                "joint": True,
                "case_id": motion.case_id,
                "case__number": "",
                "case__caption": "",
                "state": motion.state,
                "case__assigned_judge__name": "",
                "filed_on": motion.filed_on,
                "next_deadline": None,
            }
        ],
        show_case=False,
        show_open=True,
    )

    assert f">{total - 1}<" in rows
    assert f">{total}<" not in rows


def test_a_withdrawn_denial_does_not_make_its_document_public(motion):
    from sealing import deadline_actions

    (item,) = triage.add_items(None, motion, "Complaint (#1), ¶ 7", ground="privacy")
    triage.update_items(
        None, [item], {"ruling": Ruling.DENIED, "ruling_reason": "Not shown."}
    )
    assert deadline_actions._denied_documents(motion)

    triage.withdraw_item(None, item, REASON)

    assert deadline_actions._denied_documents(motion) == {}
