"""The bulk action records what the order needs for a whole group: the findings
and their notes, the ruling and its reason; a refusal names the items once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sealing import triage
from sealing.models import ItemChange, MotionState, Ruling, SealingItem

pytestmark = pytest.mark.django_db

KEY = "good_cause--trade_secret"
LIST = "\n".join(f"{n}. Complaint (#1), ¶ {n + 10} (prices)" for n in range(1, 17))
HARM = "a competitor could undercut Lumina's bids with these prices"


@pytest.fixture
def items(motion):
    listed = triage.add_items(None, motion, LIST, ground="trade_secret")
    triage.move_motion(None, motion, MotionState.UNDER_REVIEW)
    return listed


def _bulk(cast, motion, items, **fields):
    data = {
        "group": KEY,
        f"bulk-{KEY}-items": [str(item.pk) for item in items],
        **{f"bulk-{KEY}-{name}": value for name, value in fields.items()},
    }
    return cast.client("clerk").post(
        reverse("sealing:bulk", kwargs={"pk": motion.pk}), data, follow=True
    )


def test_findings_notes_typed_once_go_on_every_ticked_item(cast, motion, items):
    response = _bulk(cast, motion, items[:-1], findings="yes", note_specific_harm=HARM)

    assert "15 items updated; 1 left out" in response.content.decode()
    for item in items[:-1]:
        item.refresh_from_db()
        assert item.findings["specific_harm"] == {"met": True, "note": HARM}
        assert item.findings["narrowly_tailored"]["met"] is True
        change = ItemChange.objects.get(item=item, field="findings")
        assert change.after["specific_harm"]["note"] == HARM
        assert change.context.startswith("bulk action")
    items[-1].refresh_from_db()
    assert items[-1].findings == {}


def test_a_note_alone_keeps_the_answers_recorded(cast, motion, items):
    _bulk(cast, motion, items, findings="no")

    response = _bulk(cast, motion, items, note_declaration="Lane Decl. ¶¶ 4-9")

    assert "16 items updated" in response.content.decode()
    item = SealingItem.objects.get(pk=items[0].pk)
    assert item.findings["declaration"] == {"met": False, "note": "Lane Decl. ¶¶ 4-9"}
    assert item.findings["specific_harm"] == {"met": False, "note": ""}


def test_the_reason_typed_for_a_bulk_grant_is_kept(cast, motion, items):
    reason = "the price lists are trade secrets under the Lane declaration"

    _bulk(cast, motion, items, recommendation="granted", ruling_reason=reason)
    assert set(
        SealingItem.objects.filter(motion=motion).values_list("ruling", "ruling_reason")
    ) == {("", reason)}
    _bulk(cast, motion, items, findings="yes", ruling="granted", ruling_reason=reason)

    assert set(
        SealingItem.objects.filter(motion=motion).values_list("ruling", "ruling_reason")
    ) == {(Ruling.GRANTED, reason)}


def test_a_refused_bulk_grant_names_the_items_once(cast, motion, items):
    response = _bulk(cast, motion, items, ruling="granted")

    page = response.content.decode()
    assert page.count("cannot be granted until every finding is met") == 1
    assert "Items 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 and 16 " in page
    assert not SealingItem.objects.filter(motion=motion, ruling="granted").exists()


def test_refusals_from_the_workflow_are_consolidated_too(motion, items):
    with pytest.raises(triage.WorkflowError) as refused:
        triage.update_items(None, items, {"ruling": Ruling.GRANTED})

    (message,) = refused.value.messages
    assert message.startswith("Items 1, 2, 3")
    assert "and 16 cannot be granted until every finding is met" in message


def test_the_group_form_offers_a_note_for_each_finding(cast, motion, items):
    page = cast.client("clerk").get(reverse("sealing:motion", kwargs={"pk": motion.pk}))

    html = page.content.decode()
    assert f'name="bulk-{KEY}-note_specific_harm"' in html
    assert f'name="bulk-{KEY}-note_particularized_showing"' in html
