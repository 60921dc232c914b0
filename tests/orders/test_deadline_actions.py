"""After the redaction deadline: denied material becomes public, overdue
redacted versions are listed, and nothing else is touched."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from filings.models import Access, AuditEvent, DocketEntry, PublicVersionDue
from sealing import deadline_actions, order_flow, triage
from sealing.models import MotionState, Ruling
from tests import factories
from tests.orders.conftest import (
    DENIAL_REASON,
    GRANT_FINDINGS,
    OrderMotion,
    build_motion,
)

pytestmark = pytest.mark.django_db

SIGNED_ON = date(2026, 11, 7)
DUE = date(2026, 11, 23)  # 14 days fall on Saturday the 21st; moved to Monday
DAY_AFTER = date(2026, 11, 24)
# #24 is named only by the denied opposition item; #12 has ¶ 52 granted and
# ¶¶ 65 and 71 denied, so it stays sealed.
DENIED_REF = "24"


def _rule(built: OrderMotion, denial: str) -> None:
    items = list(built.motion.items.select_related("target__entry"))
    denied = [
        item
        for item in items
        if item.target.docket_ref == DENIED_REF
        or item.portions_text in ("¶ 65", "¶ 71")
    ]
    granted = [item for item in items if item not in denied]
    triage.update_items(
        None, denied, {"ruling": denial, "ruling_reason": DENIAL_REASON}
    )
    # The clerk's notes first; granting answers every finding, keeping them.
    triage.update_items(None, granted, {"findings": GRANT_FINDINGS})
    factories.grant(granted)


def _enter_order(cast, run, *, denial: str = Ruling.DENIED) -> OrderMotion:
    built = build_motion(cast, rule=False)
    _rule(built, denial)
    _sign(built, run)
    return built


def _sign(built: OrderMotion, run) -> None:
    cast = built.cast
    with run(execute=False):
        draft = order_flow.create_draft(None, built.motion, actor=cast.clerk)
    with run(execute=True):
        order_flow.send_to_judge(None, draft, actor=cast.clerk)
    draft.refresh_from_db()
    with run(execute=True):
        order_flow.approve(None, draft, actor=cast.judge, signed_on=SIGNED_ON)


@pytest.fixture
def entered(cast, django_capture_on_commit_callbacks) -> OrderMotion:
    return _enter_order(cast, django_capture_on_commit_callbacks)


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("apply_deadlines", *args, stdout=out)
    return out.getvalue()


def _unseal_events():
    return AuditEvent.objects.filter(
        action=AuditEvent.Action.UNSEAL, object_type="filings.Document"
    )


def _second_motion(built: OrderMotion, ruling: str = "") -> None:
    """A later motion to seal naming page 3 of the opposition (#24)."""
    cast = built.cast
    entry = factories.make_entry(
        cast.case,
        60,
        text="MOTION to Seal",
        nature="procedural",
        dispositive=False,
        kind=DocketEntry.Kind.MOTION_TO_SEAL,
        filer=cast.defendant,
    )
    motion = triage.open_motion(
        None, entry=entry, title="Motion to Seal", movants=[cast.defendant]
    )
    items = triage.add_items(
        None,
        motion,
        "1. Opposition to Motion for Temporary Restraining Order (#24), p. 3:1-4 "
        "(the non-party's customer list).\n",
        ground="trade_secret",
    )
    if ruling:
        triage.move_motion(None, motion, MotionState.UNDER_REVIEW)
        if ruling == Ruling.GRANTED:
            factories.grant(items)
        else:
            triage.update_items(
                None, items, {"ruling": ruling, "ruling_reason": DENIAL_REASON}
            )


def test_entered_order_has_one_denied_and_granted_documents(entered):
    # The situation the other tests rely on.
    assert entered.document(DENIED_REF).access == Access.PROVISIONALLY_SEALED
    assert entered.document("12").access == Access.SEALED
    dues = PublicVersionDue.objects.values_list("document__entry__number", flat=True)
    assert sorted(set(dues)) == [1, 12, 20]
    assert set(PublicVersionDue.objects.values_list("due_on", flat=True)) == {DUE}


def test_nothing_changes_on_or_before_the_deadline(entered):
    output = _run("--today", DUE.isoformat())

    assert entered.document(DENIED_REF).access == Access.PROVISIONALLY_SEALED
    assert not _unseal_events().exists()
    assert "Made public (sealing denied; deadline passed): none" in output
    assert "Overdue redacted public versions: none" in output


def test_after_the_deadline_denied_document_becomes_public_with_an_audit_event(
    entered,
):
    output = _run("--today", DAY_AFTER.isoformat())

    assert entered.document(DENIED_REF).access == Access.PUBLIC
    for granted in ("1", "12", "20", "20-1"):
        assert entered.document(granted).access == Access.SEALED, granted
    event = _unseal_events().get()
    assert event.object_id == str(entered.document(DENIED_REF).pk)
    assert event.case == entered.cast.case
    assert event.details["order"] == 46
    assert event.details["reason"] == "sealing denied; deadline passed"
    assert event.details["before"] == Access.PROVISIONALLY_SEALED
    assert "Made public (sealing denied; deadline passed): 1" in output
    assert "#24 Response In Opposition To Tro (order #46" in output


def test_overdue_public_versions_are_listed_not_changed(entered):
    output = _run("--today", DAY_AFTER.isoformat())

    assert "Overdue redacted public versions: 4" in output
    assert "due 11/23/2026, 1 day overdue" in output
    assert set(PublicVersionDue.objects.values_list("status", flat=True)) == {
        PublicVersionDue.Status.DUE
    }
    PublicVersionDue.objects.filter(document=entered.document("1")).update(
        status=PublicVersionDue.Status.ACCEPTED
    )
    overdue = deadline_actions.overdue_public_versions(DAY_AFTER)
    assert sorted(d.document.docket_ref for d in overdue) == ["12", "20", "20-1"]
    assert not deadline_actions.overdue_public_versions(DUE).exists()


def test_with_the_court_setting_off_denied_material_awaits_the_court(
    cast, django_capture_on_commit_callbacks
):
    court = cast.case.court
    court.denied_material_becomes_public = False
    court.save(update_fields=["denied_material_becomes_public"])
    built = _enter_order(cast, django_capture_on_commit_callbacks)

    output = _run("--today", DAY_AFTER.isoformat())

    assert built.document(DENIED_REF).access == Access.PROVISIONALLY_SEALED
    assert not _unseal_events().exists()
    assert "Awaiting the court's decision" in output
    assert (
        "#24 Response In Opposition To Tro (order #46"
        in output.split("Awaiting the court's decision")[1]
    )


def test_running_twice_changes_nothing_the_second_time(entered):
    _run("--today", DAY_AFTER.isoformat())
    events = AuditEvent.objects.count()

    output = _run("--today", DAY_AFTER.isoformat())

    assert AuditEvent.objects.count() == events
    assert _unseal_events().count() == 1
    assert entered.document(DENIED_REF).access == Access.PUBLIC
    assert "Made public (sealing denied; deadline passed): none" in output


def test_dry_run_prints_what_it_would_do_and_changes_nothing(entered):
    events = AuditEvent.objects.count()

    output = _run("--today", DAY_AFTER.isoformat(), "--dry-run")

    assert "(dry run)" in output
    assert "Would make public (sealing denied; deadline passed): 1" in output
    assert entered.document(DENIED_REF).access == Access.PROVISIONALLY_SEALED
    assert AuditEvent.objects.count() == events


def test_document_sealed_by_another_motions_grant_stays_sealed(entered):
    _second_motion(entered, ruling=Ruling.GRANTED)

    output = _run("--today", DAY_AFTER.isoformat())

    assert entered.document(DENIED_REF).access == Access.PROVISIONALLY_SEALED
    assert not _unseal_events().exists()
    assert "sealed by the order on another motion (motion #60)" in output


def test_document_named_by_an_undecided_motion_stays_sealed(entered):
    _second_motion(entered)

    output = _run("--today", DAY_AFTER.isoformat())

    assert entered.document(DENIED_REF).access == Access.PROVISIONALLY_SEALED
    assert "still undecided" in output


def test_denied_without_prejudice_becomes_public_when_no_narrower_request_came(
    cast, django_capture_on_commit_callbacks
):
    built = _enter_order(
        cast, django_capture_on_commit_callbacks, denial=Ruling.DENIED_WITHOUT_PREJUDICE
    )

    _run("--today", DUE.isoformat())
    assert built.document(DENIED_REF).access == Access.PROVISIONALLY_SEALED
    _run("--today", DAY_AFTER.isoformat())
    assert built.document(DENIED_REF).access == Access.PUBLIC


def test_denied_without_prejudice_waits_for_the_narrower_request(
    cast, django_capture_on_commit_callbacks
):
    built = _enter_order(
        cast, django_capture_on_commit_callbacks, denial=Ruling.DENIED_WITHOUT_PREJUDICE
    )
    # Even once the narrower request is itself denied, its own order's
    # deadline governs, not this one.
    _second_motion(built, ruling=Ruling.DENIED)

    output = _run("--today", DAY_AFTER.isoformat())

    assert built.document(DENIED_REF).access == Access.PROVISIONALLY_SEALED
    assert "a narrower motion to seal naming it has been filed" in output


def test_a_plain_denial_is_not_held_by_a_later_denied_motion(entered):
    _second_motion(entered, ruling=Ruling.DENIED)

    _run("--today", DAY_AFTER.isoformat())

    assert entered.document(DENIED_REF).access == Access.PUBLIC


def test_bad_date_is_a_clear_error():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        _run("--today", "24/11/2026")


def test_fully_denied_motion_uses_the_deadline_the_order_states(
    cast, django_capture_on_commit_callbacks
):
    # No item granted: no public version is due, so the deadline is the one the
    # order computes from its date.
    built = build_motion(cast, rule=False)
    triage.update_items(
        None,
        list(built.motion.items.all()),
        {"ruling": Ruling.DENIED, "ruling_reason": DENIAL_REASON},
    )
    _sign(built, django_capture_on_commit_callbacks)
    draft = order_flow.current_draft(built.motion)
    assert not PublicVersionDue.objects.exists()
    assert deadline_actions.order_deadline(draft) == DUE

    _run("--today", DUE.isoformat())
    assert built.document("1").access == Access.PROVISIONALLY_SEALED
    _run("--today", DAY_AFTER.isoformat())

    for ref in ("1", "12", "20", "20-1", "24"):
        assert built.document(ref).access == Access.PUBLIC, ref
    assert _unseal_events().count() == 5
