"""What happens when an order's redaction deadline has passed.

An entered order on a motion to seal says that material whose sealing was
denied becomes public after the redaction deadline unless the court orders
otherwise (the court setting ``denied_material_becomes_public``). This module
finds, as of a given day, each entered order whose deadline has passed and each
document whose items on that motion were all denied, and makes the document
public with an audit event -- unless something else keeps it sealed:

- any item on the document was granted (or granted in part) by this motion;
- another motion's item on the document was granted, or is still undecided;
- the court's setting is off (the document then awaits the court's decision);
- an item was denied without prejudice to a narrower request and another
  motion to seal naming the document was filed later (that request decides).

It also lists the redacted public versions that are overdue: still ``due`` on
a day after their ``due_on``. Overdue is derived, never stored.

Running it again the same day changes nothing: an unsealed document is public,
and only provisionally sealed documents are ever considered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from filings import access
from filings.models import Access, Document, PublicVersionDue
from sealing import drafting
from sealing.models import MotionToSeal, Ruling, SealingItem
from sealing.order_models import DraftOrder, DraftStatus

UNSEAL_REASON = "sealing denied; deadline passed"


@dataclass(frozen=True)
class DocumentDecision:
    """One provisionally sealed document whose sealing an entered order denied."""

    document: Document
    order: DraftOrder
    deadline: date
    reason: str = ""

    @property
    def order_number(self) -> int:
        return self.order.entry.number

    def describe(self) -> str:
        case = self.document.entry.case
        text = (
            f"{case.number} #{self.document.docket_ref} {self.document.description} "
            f"(order #{self.order_number}, deadline {self.deadline:%m/%d/%Y})"
        )
        return f"{text}: {self.reason}" if self.reason else text


@dataclass
class DeadlineReport:
    """What the deadlines call for as of ``today``, and what was done."""

    today: date
    dry_run: bool
    unsealed: list[DocumentDecision] = field(default_factory=list)
    awaiting_court: list[DocumentDecision] = field(default_factory=list)
    held: list[DocumentDecision] = field(default_factory=list)
    overdue: list[PublicVersionDue] = field(default_factory=list)

    def lines(self) -> list[str]:
        verb = "Would make public" if self.dry_run else "Made public"
        lines = [
            f"Deadlines as of {self.today:%Y-%m-%d}" + (" (dry run)" * self.dry_run)
        ]
        lines += _section(
            f"{verb} (sealing denied; deadline passed)",
            (decision.describe() for decision in self.unsealed),
        )
        lines += _section(
            "Awaiting the court's decision (denied material does not become public "
            "without an order under this court's setting)",
            (decision.describe() for decision in self.awaiting_court),
        )
        lines += _section(
            "Kept provisionally sealed", (decision.describe() for decision in self.held)
        )
        lines += _section(
            "Overdue redacted public versions",
            (overdue_line(due, self.today) for due in self.overdue),
        )
        return lines


def _section(title: str, rows: Iterable[str]) -> list[str]:
    rows = list(rows)
    return [f"{title}: {len(rows) or 'none'}", *(f"  - {row}" for row in rows)]


# --- Reading ---------------------------------------------------------------------


def entered_orders() -> QuerySet[DraftOrder]:
    return (
        DraftOrder.objects.filter(status=DraftStatus.ENTERED, entry__isnull=False)
        .select_related("motion__case__court", "entry")
        .order_by("entry__filed_on", "pk")
    )


def order_deadline(order: DraftOrder) -> date:
    """The order's redaction deadline: its public versions' due date, or the
    date the order itself states (computed as the drafting does)."""
    due = (
        PublicVersionDue.objects.filter(order_entry=order.entry)
        .order_by("due_on")
        .values_list("due_on", flat=True)
        .first()
    )
    if due is not None:
        return due
    if order.redaction_due is not None:
        return order.redaction_due
    signed_on = order.order_date or order.entry.filed_on
    return drafting.redaction_due_date(order.motion.case.court, signed_on)


def overdue_public_versions(today: date) -> QuerySet[PublicVersionDue]:
    """Redacted public versions still due after their due date."""
    return (
        PublicVersionDue.objects.filter(
            status=PublicVersionDue.Status.DUE, due_on__lt=today
        )
        .select_related("document__entry__case", "party", "order_entry")
        .order_by("due_on", "pk")
    )


def is_overdue(due: PublicVersionDue, today: date) -> bool:
    return due.status == PublicVersionDue.Status.DUE and due.due_on < today


def overdue_line(due: PublicVersionDue, today: date) -> str:
    document = due.document
    days = (today - due.due_on).days
    party = due.party.name if due.party else "the filing party"
    order = f"order #{due.order_entry.number}, " if due.order_entry else ""
    return (
        f"{document.entry.case.number} #{document.docket_ref} {document.description}"
        f" ({order}due {due.due_on:%m/%d/%Y}, {days} day{'s' * (days != 1)} "
        f"overdue): {party}"
    )


def _denied_documents(
    motion: MotionToSeal,
) -> dict[int, tuple[Document, list[SealingItem]]]:
    """Documents whose items on this motion were all denied."""
    by_document: dict[int, tuple[Document, list[SealingItem]]] = {}
    for item in motion.items.not_withdrawn().select_related("target__entry__case"):
        by_document.setdefault(item.target_id, (item.target, []))[1].append(item)
    return {
        pk: (document, items)
        for pk, (document, items) in by_document.items()
        if all(item.ruling in drafting.DENYING for item in items)
    }


def _held_by_other_motions(
    document: Document, motion: MotionToSeal, items: list[SealingItem]
) -> str:
    """Why another motion keeps the document sealed, or "" when none does."""
    others = (
        SealingItem.objects.not_withdrawn()
        .filter(target=document)
        .exclude(motion=motion)
    )
    granted = others.filter(ruling__in=drafting.GRANTING).select_related(
        "motion__entry"
    )
    if granted:
        numbers = sorted({item.motion.entry.number for item in granted})
        return (
            "sealed by the order on another motion (motion #"
            + ", #".join(map(str, numbers))
            + ")"
        )
    if others.filter(ruling="").exists():
        return "another motion to seal naming it is still undecided"
    without_prejudice = any(
        item.ruling == Ruling.DENIED_WITHOUT_PREJUDICE for item in items
    )
    if without_prejudice and _later_motions(others, motion):
        return (
            "denied without prejudice, and a narrower motion to seal naming it "
            "has been filed"
        )
    return ""


def _later_motions(others: QuerySet[SealingItem], motion: MotionToSeal) -> bool:
    for other in MotionToSeal.objects.filter(
        pk__in=others.values("motion")
    ).select_related("entry"):
        if (other.filed_on, other.entry.number) > (
            motion.filed_on,
            motion.entry.number,
        ):
            return True
    return False


def review_deadlines(today: date) -> DeadlineReport:
    """What the passed deadlines call for as of ``today``; changes nothing."""
    report = DeadlineReport(today=today, dry_run=True)
    for order in entered_orders():
        deadline = order_deadline(order)
        if deadline >= today:
            continue  # the deadline day itself is still within time
        court = order.motion.case.court
        for document, items in _denied_documents(order.motion).values():
            if document.access != Access.PROVISIONALLY_SEALED:
                continue
            held = _held_by_other_motions(document, order.motion, items)
            if held:
                report.held.append(DocumentDecision(document, order, deadline, held))
            elif not court.denied_material_becomes_public:
                report.awaiting_court.append(
                    DocumentDecision(document, order, deadline)
                )
            else:
                report.unsealed.append(DocumentDecision(document, order, deadline))
    report.overdue = list(overdue_public_versions(today))
    return report


# --- Acting ----------------------------------------------------------------------


def apply_deadlines(
    today: date, *, dry_run: bool = False, actor: Any = None
) -> DeadlineReport:
    """Make public the denied material whose deadline has passed, and report
    the rest. With ``dry_run`` nothing changes."""
    report = review_deadlines(today)
    report.dry_run = dry_run
    if dry_run:
        return report
    done = []
    for decision in report.unsealed:
        if _unseal(decision, today=today, actor=actor):
            done.append(decision)
    report.unsealed = done
    return report


@transaction.atomic
def _unseal(decision: DocumentDecision, *, today: date, actor: Any) -> bool:
    """Make one document public; False when it changed since it was read."""
    return access.change_access(
        None,
        decision.document,
        Access.PUBLIC,
        actor=actor,
        expected=Access.PROVISIONALLY_SEALED,
        order=decision.order_number,
        motion=decision.order.motion.entry.number,
        deadline=decision.deadline.isoformat(),
        as_of=today.isoformat(),
        reason=UNSEAL_REASON,
    )
