"""The workflow: listing items from text, standards, rulings, re-derivation, states."""

from __future__ import annotations

import pytest
from django.urls import reverse

from filings.models import AuditEvent
from sealing import triage
from sealing.forms import StateForm
from sealing.models import (
    ItemChange,
    MotionState,
    Ruling,
    SealingItem,
    UnrecordedItemChange,
)
from tests import factories
from tests.sealing.conftest import ITEM_LIST

pytestmark = pytest.mark.django_db


def test_pasted_list_creates_one_item_per_document_with_parsed_portions(motion, docket):
    items = triage.add_items(None, motion, ITEM_LIST, ground="trade_secret")

    refs = [
        (item.listed_as, item.target.docket_ref, item.portions_text) for item in items
    ]
    assert refs == [
        (1, "1", "¶¶ 25-26, 31-34, 37-39"),
        (2, "1-1", "entire document"),
        (3, "94", "¶¶ 16-33, 37-50, 57-62, 86-87"),
        (4, "94-1", "entire document"),
        (4, "94-2", "entire document"),
        (5, "135", "pp. 4-32"),
    ]
    assert items[0].portions[0] == {"kind": "paragraphs", "first": 25, "last": 26}
    assert items[0].stated_reason == "discusses Selling Source's business model"
    assert all(item.target.entry.case_id == motion.case_id for item in items)


def test_a_bad_line_adds_nothing_and_says_which_line_and_why(motion):
    text = ITEM_LIST + "6. Declaration of Nobody (#999), ¶ 4 (security measures)\n"

    with pytest.raises(triage.ItemListProblems) as raised:
        triage.add_items(None, motion, text, ground="trade_secret")

    problems = raised.value.reading.problems
    assert [problem.line_number for problem in problems] == [6]
    assert "no docket entry 999" in problems[0].reason
    assert SealingItem.objects.filter(motion=motion).count() == 0


def test_reference_to_two_entries_resolves_when_the_first_has_no_such_attachment(
    motion,
):
    items = triage.add_items(
        None,
        motion,
        "Defendants' Limited Opp. (#33-34), p. 5:25-27 (reveals business operations)",
        ground="trade_secret",
    )

    assert [item.target.docket_ref for item in items] == ["33", "34"]
    assert items[0].portions == [
        {
            "kind": "lines",
            "first_page": 5,
            "first_line": 25,
            "last_page": 5,
            "last_line": 27,
        }
    ]


def test_standard_follows_the_filing_and_the_motion_a_declaration_supports(motion):
    items = triage.add_items(
        None,
        motion,
        "Memorandum in Support of TRO (#12), pp. 4:2-23\nDecl. of James Lassart (#13), ¶¶ 2 and 4\n"
        "Complaint (#1), ¶ 7",
        ground="trade_secret",
    )

    memo, declaration, complaint = items
    assert memo.standard == "compelling_reasons"
    assert "injunctive relief" in memo.standard_explanation
    assert declaration.standard == "compelling_reasons"
    assert "filed in support of #12" in declaration.standard_explanation
    assert declaration.standard_facts["entry"] == 12
    assert complaint.standard == "good_cause"


def test_marking_a_filing_dispositive_rederives_its_items_and_shows_what_changed(
    motion, docket, cast
):
    triage.add_items(None, motion, ITEM_LIST, ground="trade_secret")
    fuller = docket.entries[135]

    changes = triage.change_filing_facts(
        None,
        fuller,
        nature="tro_pi",
        dispositive=True,
        merits_related=None,
        basis="The transcript is of the TRO hearing.",
        actor=cast.clerk,
    )

    assert [(c.item.target.docket_ref, c.before, c.after) for c in changes.changes] == [
        ("135", "good_cause", "compelling_reasons")
    ]
    item = SealingItem.objects.get(target__entry=fuller)
    assert item.standard == "compelling_reasons"
    assert item.previous_standard == "good_cause"
    assert item.standard_explanation.endswith("The transcript is of the TRO hearing.")
    history = ItemChange.objects.get(item=item, field="standard")
    assert (history.before, history.after) == ("good_cause", "compelling_reasons")
    assert "facts of #135 changed" in history.context
    unchanged = SealingItem.objects.exclude(pk=item.pk)
    assert set(unchanged.values_list("standard", flat=True)) == {"good_cause"}
    assert not unchanged.exclude(previous_standard="").exists()


def test_refused_facts_are_reported_not_saved(motion, docket):
    with pytest.raises(triage.WorkflowError):
        triage.change_filing_facts(
            None,
            docket.entries[1],
            nature="summary_judgment",
            dispositive=False,
            merits_related=None,
        )
    docket.entries[1].refresh_from_db()
    assert docket.entries[1].nature == "pleading"


def test_bulk_update_applies_to_the_chosen_items_and_keeps_every_change(motion, cast):
    items = triage.add_items(None, motion, ITEM_LIST, ground="trade_secret")
    exception = items[2]
    chosen = [item for item in items if item is not exception]

    changed = triage.update_items(
        None,
        chosen,
        {
            "ruling": Ruling.DENIED,
            "ruling_reason": "Broad allegations of harm.",
            "findings": {"specific_harm": {"met": False}},
        },
        context="bulk",
        actor=cast.clerk,
    )

    assert changed == len(chosen)
    fresh = {item.pk: item for item in SealingItem.objects.filter(motion=motion)}
    assert fresh[exception.pk].ruling == ""
    assert {fresh[item.pk].ruling for item in chosen} == {"denied"}
    assert fresh[chosen[0].pk].findings == {"specific_harm": {"met": False, "note": ""}}
    assert ItemChange.objects.filter(field="ruling").count() == len(chosen)
    event = AuditEvent.objects.filter(action=AuditEvent.Action.RULE).get()
    assert {row["item"] for row in event.details["changes"]} == {i.pk for i in chosen}


def test_findings_outside_the_items_checklist_are_ignored(motion):
    item = triage.add_items(None, motion, "Complaint (#1), ¶ 7", ground="trade_secret")[
        0
    ]

    triage.update_items(None, [item], {"findings": {"no_such_code": {"met": True}}})

    item.refresh_from_db()
    assert item.findings == {}


def test_motion_cannot_be_decided_while_an_item_is_unruled(motion, cast):
    items = triage.add_items(None, motion, ITEM_LIST, ground="trade_secret")
    triage.move_motion(None, motion, MotionState.UNDER_REVIEW, actor=cast.clerk)
    factories.grant(items[:-1])

    with pytest.raises(triage.WorkflowError, match="1 item still needs a ruling"):
        triage.move_motion(None, motion, MotionState.DECIDED)

    triage.update_items(
        None, items[-1:], {"ruling": Ruling.DENIED, "ruling_reason": "Not shown."}
    )
    triage.move_motion(None, motion, MotionState.DECIDED)
    change = triage.move_motion(None, motion, MotionState.REDACTIONS_DUE)
    assert change.deadline is not None
    assert (change.deadline - change.at.date()).days >= cast.court.redaction_days
    assert [c.to_state for c in motion.state_changes.all()] == [
        "lodged",
        "under_review",
        "decided",
        "redactions_due",
    ]


def test_a_state_cannot_be_skipped(motion):
    with pytest.raises(triage.WorkflowError):
        triage.move_motion(None, motion, MotionState.CLOSED)


def test_items_are_grouped_by_standard_then_ground_lower_standard_first(motion):
    triage.add_items(None, motion, "Memorandum (#12), p. 4:2-23", ground="defamatory")
    triage.add_items(
        None, motion, "Memorandum (#12), p. 6:22-25", ground="trade_secret"
    )
    triage.add_items(None, motion, "Complaint (#1), ¶ 7", ground="trade_secret")

    groups = triage.group_items(SealingItem.objects.filter(motion=motion))

    assert [
        (group.standard, [g.ground for g in group.grounds]) for group in groups
    ] == [
        ("good_cause", ["trade_secret"]),
        ("compelling_reasons", ["trade_secret", "defamatory"]),
    ]


def test_a_docketed_declaration_cited_with_the_items_is_linked(motion, docket):
    items = triage.add_items(
        None,
        motion,
        "Complaint (#1), ¶ 7",
        ground="trade_secret",
        declaration_text="Fuller Decl. (#135) ¶¶ 3-9",
    )

    assert items[0].declaration == docket.document("135")
    assert items[0].declaration_text == "Fuller Decl. (#135) ¶¶ 3-9"


def test_a_declaration_citing_a_missing_entry_is_refused(motion):
    with pytest.raises(triage.DeclarationProblem, match="no docket entry 777"):
        triage.add_items(
            None,
            motion,
            "Complaint (#1), ¶ 7",
            ground="trade_secret",
            declaration_text="Lane Decl. (#777) ¶ 4",
        )
    assert not SealingItem.objects.filter(motion=motion).exists()


def test_a_changed_explanation_is_kept_in_the_items_history(motion, docket, cast):
    (item,) = triage.add_items(
        None, motion, "Memorandum in Support of TRO (#12), p. 4", ground="trade_secret"
    )
    memo = docket.entries[12]
    old_explanation = item.standard_explanation

    changes = triage.change_filing_facts(
        None,
        memo,
        nature=memo.nature,
        dispositive=memo.dispositive,
        merits_related=memo.merits_related,
        basis="The memorandum argues the merits of the trade-secret claims.",
        actor=cast.clerk,
    )

    assert changes.changes == []  # the standard itself did not change
    history = ItemChange.objects.get(item=item, field="standard_explanation")
    assert history.before == old_explanation
    assert history.after.endswith("argues the merits of the trade-secret claims.")
    assert history.actor == cast.clerk
    assert "facts of #12 changed" in history.context
    (event,) = [
        event
        for event in AuditEvent.objects.filter(object_type="sealing.MotionToSeal")
        if "facts of #12" in event.details.get("context", "")
    ]
    assert [row["field"] for row in event.details["changes"]] == [
        "standard_explanation"
    ]


def test_court_side_fields_cannot_be_saved_around_the_history(motion):
    (item,) = triage.add_items(
        None, motion, "Complaint (#1), ¶ 7", ground="trade_secret"
    )

    item.ruling = Ruling.DENIED
    with pytest.raises(UnrecordedItemChange):
        item.save()
    with pytest.raises(UnrecordedItemChange):
        item.save(update_fields=["ruling"])
    with pytest.raises(UnrecordedItemChange):
        SealingItem.objects.filter(pk=item.pk).update(standard_explanation="")

    item.refresh_from_db()
    assert item.ruling == ""
    assert not ItemChange.objects.filter(item=item).exists()


def test_the_clerk_cannot_decide_a_motion_by_hand(cast, motion):
    items = triage.add_items(None, motion, ITEM_LIST, ground="trade_secret")
    triage.move_motion(None, motion, MotionState.UNDER_REVIEW)
    factories.grant(items)
    client = cast.client("clerk")
    url = reverse("sealing:move", kwargs={"pk": motion.pk})

    response = client.post(url, {"to_state": MotionState.DECIDED}, follow=True)
    page = client.get(reverse("sealing:motion", kwargs={"pk": motion.pk}))

    motion.refresh_from_db()
    assert motion.state == MotionState.UNDER_REVIEW
    assert "Only the judge&#x27;s signed order decides a motion" in (
        response.content.decode()
    )
    assert StateForm(motion=motion).fields["to_state"].choices == []
    assert "decided when the judge signs the order" in page.content.decode()
    assert 'id="prepare-draft"' in page.content.decode()
    with pytest.raises(triage.WorkflowError, match="Only the judge's signed order"):
        triage.move_motion(None, motion, MotionState.DECIDED, by_hand=True)


@pytest.mark.parametrize(
    ("designating", "joint", "expected"),
    [
        (True, False, MotionState.AWAITING_DESIGNATING_PARTY),
        (False, True, MotionState.UNDER_REVIEW),
        (False, False, MotionState.RESPONSE_WINDOW),
    ],
)
def test_move_to_defaults_to_the_usual_next_state(
    cast, motion, designating, joint, expected
):
    motion.joint = joint
    motion.designating_party_id = cast.defendant.pk if designating else None

    form = StateForm(motion=motion)

    assert form.fields["to_state"].initial == expected
    assert MotionState.DECIDED not in dict(form.fields["to_state"].choices)


def test_a_decided_motion_can_only_be_closed_by_hand(motion):
    motion.state = MotionState.DECIDED

    form = StateForm(motion=motion)

    assert form.fields["to_state"].choices == [("closed", "Closed")]
    assert triage.manual_next_states(motion) == (MotionState.CLOSED,)
