"""The workflow of a motion to seal across the models.

Opening a motion, listing its items from pasted text, deriving each item's
standard from its filing's facts under the court's profile, recording findings,
recommendations and rulings (one item or a whole group at a time), re-deriving
when a filing's facts change, and moving the motion through its states. Every
change is kept as an ``ItemChange`` or ``MotionStateChange`` and audited through
``filings.access.record``; views only collect input and call these functions.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from filings import access
from filings.citations import UnresolvedReference, parse_item_list, resolve_docket_ref
from filings.models import AuditEvent, Case, DocketEntry, Document, Party
from filings.pdf.portions import (
    Footnote,
    Lines,
    Pages,
    Paragraphs,
    Portion,
    PortionSyntaxError,
    WholeDocument,
    format_portions,
    parse_portions,
    parse_targets,
    portions_within,
    subtract_portions,
)
from sealing import deadlines, standards
from sealing.models import (
    DECIDED_STATES,
    ItemChange,
    MotionState,
    MotionStateChange,
    MotionToSeal,
    Ruling,
    SealingItem,
    recording_item_changes,
)
from sealing.order_models import AWAITING_JUDGE

# --- States -------------------------------------------------------------------

NEXT_STATES: Mapping[str, tuple[str, ...]] = {
    MotionState.LODGED: (
        MotionState.AWAITING_DESIGNATING_PARTY,
        MotionState.RESPONSE_WINDOW,
        MotionState.UNDER_REVIEW,
    ),
    MotionState.AWAITING_DESIGNATING_PARTY: (
        MotionState.RESPONSE_WINDOW,
        MotionState.UNDER_REVIEW,
    ),
    MotionState.RESPONSE_WINDOW: (MotionState.UNDER_REVIEW,),
    MotionState.UNDER_REVIEW: (MotionState.DECIDED,),
    MotionState.DECIDED: (MotionState.REDACTIONS_DUE, MotionState.CLOSED),
    MotionState.REDACTIONS_DUE: (MotionState.CLOSED,),
    MotionState.CLOSED: (),
}
# Motions whose items follow their filings' facts: once decided, an item keeps the
# standard it was ruled under.
REDERIVED_STATES = (
    MotionState.LODGED,
    MotionState.AWAITING_DESIGNATING_PARTY,
    MotionState.RESPONSE_WINDOW,
    MotionState.UNDER_REVIEW,
)
# Days each state's deadline runs from the day the motion enters it. The
# designating party's 7 days and the 4-day response window follow common local
# rules; the redaction period is the court's own setting.
STATE_PERIOD_DAYS: Mapping[str, int] = {
    MotionState.AWAITING_DESIGNATING_PARTY: 7,
    MotionState.RESPONSE_WINDOW: 4,
}


class WorkflowError(ValidationError):
    """A step the workflow refuses, with the reason for the user."""


# States the workflow enters itself: only the judge's signed order decides a
# motion, and entering it starts the redaction period.
WORKFLOW_STATES = frozenset({MotionState.DECIDED, MotionState.REDACTIONS_DUE})
BY_ORDER_ONLY = (
    "Only the judge's signed order decides a motion: prepare the draft order and "
    "send it to the judge."
)


def allowed_next_states(motion: MotionToSeal) -> tuple[str, ...]:
    return NEXT_STATES[motion.state]


def manual_next_states(motion: MotionToSeal) -> tuple[str, ...]:
    """The states a clerk may move the motion to by hand."""
    return tuple(
        state for state in allowed_next_states(motion) if state not in WORKFLOW_STATES
    )


def suggested_next_state(motion: MotionToSeal) -> str:
    """The state a motion usually goes to next, among those a clerk may choose.

    A designating party that is not a movant must be heard first; a joint
    motion has no one to oppose it, so it goes straight to review.
    """
    choices = manual_next_states(motion)
    if not choices:
        return ""
    if motion.state == MotionState.LODGED and motion.designating_party_id:
        wanted = MotionState.AWAITING_DESIGNATING_PARTY
    elif motion.joint or motion.state == MotionState.RESPONSE_WINDOW:
        wanted = MotionState.UNDER_REVIEW
    else:
        wanted = MotionState.RESPONSE_WINDOW
    return wanted if wanted in choices else choices[0]


def period_days(motion: MotionToSeal, state: str) -> int | None:
    if state == MotionState.REDACTIONS_DUE:
        return motion.case.court.redaction_days
    return STATE_PERIOD_DAYS.get(state)


def default_deadline(motion: MotionToSeal, state: str, start: date) -> date | None:
    """The due date a state's period ends on, rolled forward under Rule 6(a)."""
    days = period_days(motion, state)
    if days is None:
        return None
    holiday_state = motion.case.court.holiday_state or None
    return deadlines.due_date(start, days, state=holiday_state)


@transaction.atomic
def move_motion(
    request: HttpRequest | None,
    motion: MotionToSeal,
    to_state: str,
    *,
    deadline: date | None = None,
    note: str = "",
    actor: Any = None,
    by_hand: bool = False,
    at: datetime | None = None,
) -> MotionStateChange:
    """Move ``motion`` to ``to_state``; the deadline defaults to the state's period.

    ``by_hand``: the clerk chose the state, which may not be one the workflow
    enters itself (WORKFLOW_STATES). ``at``: when, if not now (loading a
    record of earlier moves, as the demo does).
    """
    if by_hand and to_state in WORKFLOW_STATES:
        raise WorkflowError(BY_ORDER_ONLY)
    if to_state not in allowed_next_states(motion):
        raise WorkflowError(
            f"A motion that is {motion.get_state_display().lower()} cannot move to "
            f"“{MotionState(to_state).label}”."
        )
    if to_state == MotionState.DECIDED:
        undecided = motion.items.not_withdrawn().filter(ruling="").count()
        if undecided:
            raise WorkflowError(
                f"{undecided} item{'s' if undecided != 1 else ''} still "
                f"need{'s' if undecided == 1 else ''} a ruling before the motion is "
                "decided."
            )
        profile = motion.case.court.circuit_profile
        granted = (
            motion.items.not_withdrawn()
            .filter(ruling__in=GRANTING)
            .select_related("target")
        )
        problems = [
            (item, problem)
            for item in granted
            if (
                problem := grant_problem(
                    item,
                    profile,
                    findings=item.findings,
                    override=item.findings_override,
                )
            )
        ]
        if problems:
            raise WorkflowError(grant_refusals(problems))
    actor = actor or _actor(request)
    now = at or timezone.now()
    if deadline is None:
        deadline = default_deadline(motion, to_state, timezone.localdate(now))
    change = MotionStateChange.objects.create(
        motion=motion,
        from_state=motion.state,
        to_state=to_state,
        actor=actor,
        deadline=deadline,
        note=note,
        at=now,
    )
    before = motion.state
    motion.state = to_state
    # The header's "since" and the state history read the same moment.
    motion.state_changed_at = change.at
    motion.next_deadline = deadline
    motion.save(update_fields=["state", "state_changed_at", "next_deadline"])
    access.record(
        request,
        AuditEvent.Action.RECORD,
        motion,
        case=motion.case,
        actor=actor,
        field="state",
        before=before,
        after=to_state,
        deadline=deadline.isoformat() if deadline else None,
        note=note,
    )
    return change


def _actor(request: HttpRequest | None) -> Any:
    if request is not None and request.user.is_authenticated:
        return request.user
    return None


# --- Opening a motion ---------------------------------------------------------


@transaction.atomic
def open_motion(
    request: HttpRequest | None,
    *,
    entry: DocketEntry,
    title: str,
    movants: Sequence[Party],
    joint: bool = False,
    designating_party: Party | None = None,
    actor: Any = None,
    at: datetime | None = None,
) -> MotionToSeal:
    """Register the motion filed as ``entry``; it starts lodged (``at``, if not
    now)."""
    case = entry.case
    if not movants:
        raise WorkflowError("A motion needs at least one movant.")
    if any(party.case_id != case.pk for party in movants):
        raise WorkflowError("Every movant must be a party to the case.")
    if designating_party is not None and designating_party.case_id != case.pk:
        raise WorkflowError("The designating party must be a party to the case.")
    if MotionToSeal.objects.filter(entry=entry).exists():
        raise WorkflowError(f"Docket entry {entry.number} is already a motion to seal.")
    actor = actor or _actor(request)
    now = at or timezone.now()
    motion = MotionToSeal.objects.create(
        case=case,
        entry=entry,
        title=title.strip(),
        joint=joint,
        designating_party=designating_party,
        state=MotionState.LODGED,
        state_changed_at=now,
        created_by=actor,
    )
    motion.movants.set(movants)
    MotionStateChange.objects.create(
        motion=motion, from_state="", to_state=MotionState.LODGED, actor=actor, at=now
    )
    access.record(
        request,
        AuditEvent.Action.FILE,
        motion,
        case=case,
        actor=actor,
        entry=entry.number,
        movants=[party.name for party in movants],
        joint=joint,
    )
    return motion


# --- Standards ----------------------------------------------------------------


def _has_own_facts(entry: DocketEntry) -> bool:
    return (
        entry.nature != standards.FilingNature.OTHER
        or entry.dispositive is not None
        or entry.merits_related is not None
        or not entry.judicial_document
        or entry.traditionally_secret
    )


def governing_entry(
    entry: DocketEntry, entries: Mapping[int, DocketEntry]
) -> DocketEntry:
    """The filing whose facts decide the standard for ``entry``'s documents.

    A declaration or exhibit filed in support of a motion takes the motion's
    character (the seed order treats the declarations supporting the TRO motion as
    dispositive) unless the clerk recorded facts for the entry itself.
    ``entries`` maps primary keys to the case's entries already loaded.
    """
    seen = {entry.pk}
    current = entry
    while not _has_own_facts(current) and current.relates_to_id in entries:
        if current.relates_to_id in seen:
            break
        seen.add(current.relates_to_id)
        current = entries[current.relates_to_id]
    return current


def asks_judicial_document(profile_code: str) -> bool:
    """Whether the profile's decision table turns on the judicial-document question."""
    profile = standards.get_profile(profile_code)
    return any(
        rule.check == standards.Check.NOT_JUDICIAL_DOCUMENT for rule in profile.rules
    )


def facts_of(entry: DocketEntry) -> standards.FilingFacts:
    return standards.FilingFacts(
        nature=entry.nature,
        dispositive=entry.dispositive,
        merits_related=entry.merits_related,
        judicial_document=entry.judicial_document,
        traditionally_secret=entry.traditionally_secret,
    )


def facts_dict(entry: DocketEntry) -> dict[str, Any]:
    return {
        "entry": entry.number,
        "nature": entry.nature,
        "dispositive": entry.dispositive,
        "merits_related": entry.merits_related,
        "judicial_document": entry.judicial_document,
        "traditionally_secret": entry.traditionally_secret,
    }


@dataclass(frozen=True)
class Derived:
    standard: str
    explanation: str
    facts: dict[str, Any]


def derive(
    profile_code: str,
    target: Document,
    entries: Mapping[int, DocketEntry],
    description: str = "",
) -> Derived:
    """The standard for an item naming ``target``; a missing fact is said, not guessed."""
    governing = governing_entry(target.entry, entries)
    name = _document_name(target, governing, description)
    try:
        determination = standards.determine(
            profile_code, facts_of(governing), document=name
        )
    except (standards.MissingFact, ValueError) as problem:
        return Derived("", str(problem), facts_dict(governing))
    explanation = determination.explanation
    if governing.dispositive_basis:
        explanation = f"{explanation} {governing.dispositive_basis}"
    return Derived(determination.standard.value, explanation, facts_dict(governing))


def _document_name(target: Document, governing: DocketEntry, description: str) -> str:
    label = description or target.description or "the document"
    name = f"{label} (#{target.docket_ref})"
    if governing.pk != target.entry_id:
        name += f", filed in support of #{governing.number},"
    return name


def case_entries(case: Case) -> dict[int, DocketEntry]:
    return {entry.pk: entry for entry in case.entries.all()}


@dataclass(frozen=True)
class StandardChange:
    item: SealingItem
    before: str
    after: str
    # What the change undid, e.g. "ruling Granted, recommendation Granted".
    cleared: str = ""

    @property
    def before_label(self) -> str:
        return standard_label(self.before)

    @property
    def after_label(self) -> str:
        return standard_label(self.after)


def standard_label(code: str) -> str:
    if not code:
        return "Not yet determined"
    return standards.Standard(code).label


def _apply_derivation(item: SealingItem, derived: Derived) -> None:
    """Store ``derived`` on a new item (changes go through record_item_changes)."""
    item.standard = derived.standard
    item.standard_explanation = derived.explanation
    item.standard_facts = derived.facts


@transaction.atomic
def change_filing_facts(
    request: HttpRequest | None,
    entry: DocketEntry,
    *,
    nature: str,
    dispositive: bool | None,
    merits_related: bool | None,
    judicial_document: bool | None = None,
    traditionally_secret: bool | None = None,
    basis: str = "",
    actor: Any = None,
) -> Rederivation:
    """Record what a filing is, then re-derive every open item it governs.

    ``judicial_document`` and ``traditionally_secret`` (the circuits' threshold
    questions) stay as recorded when not given. Returns the items whose standard
    changed, so the clerk sees the effect.
    """
    if judicial_document is None:
        judicial_document = entry.judicial_document
    if traditionally_secret is None:
        traditionally_secret = entry.traditionally_secret
    try:
        standards.FilingFacts(
            nature=nature,
            dispositive=dispositive,
            merits_related=merits_related,
            judicial_document=judicial_document,
            traditionally_secret=traditionally_secret,
        )
    except ValueError as problem:
        raise WorkflowError(str(problem)) from None
    actor = actor or _actor(request)
    before = {
        "nature": entry.nature,
        "dispositive": entry.dispositive,
        "merits_related": entry.merits_related,
        "judicial_document": entry.judicial_document,
        "traditionally_secret": entry.traditionally_secret,
        "dispositive_basis": entry.dispositive_basis,
    }
    after = {
        "nature": nature,
        "dispositive": dispositive,
        "merits_related": merits_related,
        "judicial_document": judicial_document,
        "traditionally_secret": traditionally_secret,
        "dispositive_basis": basis.strip(),
    }
    if before == after:
        return Rederivation()
    DocketEntry.objects.filter(pk=entry.pk).update(**after)
    for name, value in after.items():
        setattr(entry, name, value)
    access.record(
        request,
        AuditEvent.Action.RECORD,
        entry,
        case=entry.case,
        actor=actor,
        field="filing facts",
        before=before,
        after=after,
    )
    return rederive_case(
        request, entry.case, context=f"facts of #{entry.number} changed", actor=actor
    )


@dataclass(frozen=True)
class Rederivation:
    """What re-deriving a case's standards did, and what it left alone."""

    changes: list[StandardChange] = field(default_factory=list)
    # Items of decided motions whose standard the facts would now change: they
    # keep the standard they were ruled under, as (item, standard now derived).
    left_decided: list[tuple[SealingItem, str]] = field(default_factory=list)


def require_open_for_rederivation(motion: MotionToSeal) -> None:
    if motion.state not in REDERIVED_STATES:
        raise WorkflowError(
            "The motion is decided: its items keep the standards they were ruled "
            "under, so the facts of its filings are not changed from its page."
        )
    if draft_with_judge(motion):
        raise WorkflowError(WITH_THE_JUDGE)


def rederive_case(
    request: HttpRequest | None,
    case: Case,
    *,
    context: str,
    actor: Any = None,
    replaced_profile: str = "",
) -> Rederivation:
    """Re-derive the standard of every item of the case's motions not yet decided.

    An item whose standard changes after a recommendation or ruling loses both (its
    history keeps them) and is marked for review: findings and ruling were made
    under the other standard. So does one whose standard keeps its name but asks
    other findings under the court's new profile (``replaced_profile``, the one
    the court applied before). Items of decided motions are left as ruled and
    reported.
    """
    entries = case_entries(case)
    items = list(
        SealingItem.objects.filter(motion__case=case).select_related(
            "target", "motion__case", "motion__entry"
        )
    )
    profile = case.court.circuit_profile
    edits, left_decided = [], []
    cleared: dict[int, str] = {}
    for item in items:
        item.target.entry = entries[item.target.entry_id]
        derived = derive(profile, item.target, entries, item.target_description)
        if item.motion.state not in REDERIVED_STATES:
            if derived.standard != item.standard:
                left_decided.append((item, derived.standard))
            continue
        values: dict[str, Any] = {
            "standard": derived.standard,
            "standard_explanation": derived.explanation,
            "standard_facts": derived.facts,
        }
        other_findings = bool(replaced_profile) and finding_codes(
            replaced_profile, item.standard
        ) != finding_codes(profile, derived.standard)
        restandardized = derived.standard != item.standard or other_findings
        if restandardized and (item.ruling or item.recommendation):
            cleared[item.pk] = _ruled_as(item)
            values |= {
                "recommendation": "",
                "ruling": "",
                "ruling_reason": "",
                "granted_portions": "",
                "findings_override": "",
                "review_needed": _review_note(item, derived.standard, context),
            }
        edits.append((item, values))
    before = {item.pk: item.standard for item, _ in edits}
    changed = record_item_changes(request, edits, context=context, actor=actor)
    return Rederivation(
        changes=[
            StandardChange(
                item, before[item.pk], item.standard, cleared.get(item.pk, "")
            )
            for item in changed
            if item.standard != before[item.pk]
        ],
        left_decided=left_decided,
    )


def _review_note(item: SealingItem, standard: str, context: str) -> str:
    ruled = _ruled_as(item)
    verb = "were" if " and " in ruled else "was"
    if standard == item.standard:
        return (
            f"The findings {standard_label(standard)} asks for changed ({context}); "
            f"the {ruled} made on the old findings {verb} cleared. Complete the "
            "findings and rule again."
        )[:500]
    return (
        f"The standard changed from {standard_label(item.standard)} to "
        f"{standard_label(standard)} ({context}); the {ruled} made under the old "
        f"standard {verb} cleared. Check the findings and rule again."
    )[:500]


def finding_codes(profile_code: str, standard: str) -> tuple[str, ...]:
    """The codes of the checklist a standard carries under a profile, in order."""
    if not standard:
        return ()
    findings = standards.get_profile(profile_code).findings
    return tuple(f.code for f in findings.get(standards.Standard(standard), ()))


def profile_change_problem(court: Any) -> str:
    """Why the court's standards profile cannot change now; empty when it can.

    Changing it re-derives the standards of every open motion's items, so no
    draft order built on the old ones may be with the judge.
    """
    with_judge = list(
        MotionToSeal.objects.filter(
            case__court=court, draft_orders__status__in=AWAITING_JUDGE
        )
        .select_related("entry", "case")
        .distinct()
    )
    if not with_judge:
        return ""
    named = "; ".join(
        f"{motion.case.number} #{motion.entry.number}" for motion in with_judge
    )
    return (
        f"Draft orders built on the current standards are with the judge ({named}): "
        "ask for them back before changing the court's standards."
    )


@transaction.atomic
def circuit_profile_changed(
    request: HttpRequest | None, court: Any, *, previous: str, actor: Any = None
) -> list[StandardChange]:
    """The court now applies another circuit's standards (already saved): record
    it, and re-derive the items of every motion not yet decided, each change kept
    in the item's history. Returns the items whose standard changed."""
    actor = actor or _actor(request)
    access.record(
        request,
        AuditEvent.Action.RECORD,
        court,
        actor=actor,
        field="circuit_profile",
        before=previous,
        after=court.circuit_profile,
    )
    context = (
        f"standards changed to {standards.get_profile(court.circuit_profile).name}"
    )
    changes: list[StandardChange] = []
    cases = Case.objects.filter(
        court=court, motions_to_seal__state__in=REDERIVED_STATES
    ).distinct()
    for case in cases:
        case.court = court
        result = rederive_case(
            request, case, context=context, actor=actor, replaced_profile=previous
        )
        changes.extend(result.changes)
    return changes


def _ruled_as(item: SealingItem) -> str:
    parts = []
    if item.ruling:
        parts.append(f"ruling ({item.get_ruling_display()})")
    if item.recommendation:
        parts.append(f"recommendation ({item.get_recommendation_display()})")
    return " and ".join(parts)


# --- Items from pasted text ---------------------------------------------------


@dataclass(frozen=True)
class LineProblem:
    """A pasted line that cannot become an item, and why."""

    line_number: int
    text: str
    reason: str


@dataclass(frozen=True)
class ProposedItem:
    listed_as: int
    line_number: int
    source_text: str
    target: Document
    description: str
    portions: tuple[Portion, ...]
    reason: str
    # How the line was read where the docket decided it, e.g. "#33-34" as two
    # entries, so the user sees it before anything is saved.
    read_as: str = ""

    @property
    def portions_text(self) -> str:
        return format_portions(self.portions)


@dataclass
class ItemListReading:
    items: list[ProposedItem] = field(default_factory=list)
    problems: list[LineProblem] = field(default_factory=list)
    lines_read: int = 0

    @property
    def line_count(self) -> int:
        return len({item.listed_as for item in self.items})


def _docket_of(
    case: Case,
) -> tuple[dict[int, set[int]], dict[tuple[int, int], Document]]:
    documents = Document.objects.filter(entry__case=case).select_related("entry")
    docket: dict[int, set[int]] = {}
    by_ref: dict[tuple[int, int], Document] = {}
    for document in documents:
        attachments = docket.setdefault(document.entry.number, set())
        if document.attachment_number:
            attachments.add(document.attachment_number)
        by_ref[(document.entry.number, document.attachment_number)] = document
    return docket, by_ref


def read_item_list(
    motion: MotionToSeal, text: str, *, ground: str, first_number: int | None = None
) -> ItemListReading:
    """Read a pasted list against the case's docket and the motion; nothing is saved.

    Every line ends up either as proposed items or as a problem with the reason;
    a reference that could name two sets of documents is a problem, never a guess,
    and so is a line repeating another, or an item the motion already lists under
    the same ground.
    """
    if first_number is None:
        first_number = (motion.items.aggregate(n=Max("listed_as"))["n"] or 0) + 1
    reading = ItemListReading()
    result = parse_item_list(text)
    reading.problems.extend(
        LineProblem(error.line_number, error.text, error.reason)
        for error in result.errors
    )
    docket, by_ref = _docket_of(motion.case)
    listed_before = _listed_items(motion, ground)
    listed_here: dict[tuple[int, tuple[Portion, ...]], int] = {}
    listed = first_number
    for line in sorted(result.lines, key=lambda parsed: parsed.line_number):
        reading.lines_read += 1
        proposed, reason = _resolve_line(line.targets, docket, by_ref)
        keys = [(document.pk, target.portions) for target, document, _ in proposed]
        reason = reason or _repeated(keys, proposed, listed_here, listed_before)
        if reason:
            reading.problems.append(LineProblem(line.line_number, line.text, reason))
            continue
        for key in keys:
            listed_here.setdefault(key, line.line_number)
        for target, document, read_as in proposed:
            reading.items.append(
                ProposedItem(
                    listed_as=listed,
                    line_number=line.line_number,
                    source_text=" ".join(line.text.split()),
                    target=document,
                    description=target.description,
                    portions=target.portions,
                    reason=target.reason,
                    read_as=read_as,
                )
            )
        listed += 1
    reading.problems.sort(key=lambda problem: problem.line_number)
    return reading


def _listed_items(
    motion: MotionToSeal, ground: str
) -> dict[tuple[int, tuple[Portion, ...]], int]:
    """The motion's items under ``ground``, by (document, portions): their number."""
    return {
        (target_id, tuple(portion_from_dict(p) for p in portions)): listed_as
        for target_id, portions, listed_as in motion.items.not_withdrawn()
        .filter(ground=ground)
        .values_list("target_id", "portions", "listed_as")
    }


def _repeated(
    keys: list[tuple[int, tuple[Portion, ...]]],
    proposed: list[tuple[Any, Document, str]],
    listed_here: Mapping[tuple[int, tuple[Portion, ...]], int],
    listed_before: Mapping[tuple[int, tuple[Portion, ...]], int],
) -> str:
    """Why a line duplicates an earlier line or an item already listed, if it does."""
    for key, (target, document, _) in zip(keys, proposed, strict=True):
        named = f"#{document.docket_ref} {format_portions(target.portions)}"
        if key in listed_here:
            return f"repeats line {listed_here[key]} ({named}): a duplicate"
        if key in listed_before:
            return (
                f"{named} is already item {listed_before[key]} of this motion on the "
                "same ground: a duplicate"
            )
    return ""


# A description that names an exhibit ("Exhibit 2 to the Fuller Decl.", "Ex. A",
# "Exhibits attached to ..."), not "Ex Parte".
_NAMES_EXHIBIT = re.compile(
    r"\b(?:exhibits?|attachments?|appendi(?:x|ces))\b"
    r"|\bexh?s?\.|\bexs?\s+(?:[a-z]|\d+)\b",
    re.IGNORECASE,
)


def _resolve_line(
    targets: Iterable[Any],
    docket: Mapping[int, set[int]],
    by_ref: Mapping[tuple[int, int], Document],
) -> tuple[list[tuple[Any, Document, str]], str]:
    found = []
    for target in targets:
        if target.docket_ref is None:
            return [], (
                "names no docket entry: add the docket number, e.g. '(#94-1)' or "
                "'ECF No. 94-1'"
            )
        try:
            refs = resolve_docket_ref(target.docket_ref, docket)
        except UnresolvedReference as problem:
            return [], f"#{target.docket_ref}: {problem.reason}"
        problem = _exhibit_of_main_document(target, refs, docket)
        if problem:
            return [], problem
        read_as = _read_as(target.docket_ref, refs)
        for number, attachment in refs:
            document = by_ref.get((number, attachment or 0))
            if document is None:
                return [], f"#{number} has no main document on the docket"
            problem = _exhibit_not_docketed(target, document)
            if problem:
                return [], problem
            found.append((target, document, read_as))
    return found, ""


def _exhibit_not_docketed(target: Any, document: Document) -> str:
    """ "Exhibit 1 to the Declaration (#27)" where #27 has no attachments: the
    exhibit is not on the docket as an attachment, and reading the line as all
    of #27 would seal the declaration too.

    An entry that is itself exhibits ("APPENDIX of exhibits") is the document
    named; pages of the main document name exhibits bound into it.
    """
    if document.attachment_number or not _NAMES_EXHIBIT.search(target.description):
        return ""
    if all(isinstance(p, Pages | Lines) for p in target.portions):
        return ""
    if _NAMES_EXHIBIT.search(f"{document.description} {document.entry.text}"):
        return ""
    number = document.entry.number
    return (
        f"#{target.docket_ref}: the line names an exhibit (“{target.description}”) "
        f"but entry {number} has no attachments, so the exhibit is not on the "
        "docket as an attachment; cite its pages in the main document (e.g. "
        f"'#{number} at 4-32'), or ask the filer to file it as an attachment"
    )


def _exhibit_of_main_document(
    target: Any, refs: list[tuple[int, int | None]], docket: Mapping[int, set[int]]
) -> str:
    """A line naming an exhibit must not fall back on the main document.

    "Exhibit 2 to the Fuller Decl. (#135)" where #135 has attachments names one of
    them, and which one is for the filer to say. Pages of the main document
    ("#135 at 4-32") name exhibits bound into it, as the seed order does.
    """
    if not _NAMES_EXHIBIT.search(target.description):
        return ""
    if all(isinstance(p, Pages | Lines) for p in target.portions):
        return ""
    for number, attachment in refs:
        if attachment is None and docket.get(number):
            attachments = sorted(docket[number])
            return (
                f"#{target.docket_ref}: the line names an exhibit "
                f"(“{target.description}”) but #{number} is the main document, and "
                f"entry {number} has attachments "
                f"{', '.join(f'{number}-{n}' for n in attachments)}; name the "
                f"attachment (e.g. '#{number}-{attachments[0]}'), or cite the "
                f"exhibit's pages in the main document (e.g. '#{number} at 4-32')"
            )
    return ""


def _read_as(ref: str, refs: list[tuple[int, int | None]]) -> str:
    if "-" not in ref or len(refs) < 2 or any(att for _, att in refs):
        return ""
    first, last = refs[0][0], refs[-1][0]
    second = ref.split("-", 1)[1]
    return (
        f"#{ref} read as docket entries {first} through {last}: entry {first} has "
        f"no attachment {second}"
    )


def reading_digest(reading: ItemListReading, *, ground: str, declaration: str) -> str:
    """A fingerprint of how a list was read, so what is saved is what was shown."""
    shown = [
        (
            item.listed_as,
            item.target.pk,
            [portion.to_dict() for portion in item.portions],
            item.description,
            item.reason,
        )
        for item in reading.items
    ]
    payload = json.dumps([shown, ground, declaration.strip()], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


class DeclarationProblem(WorkflowError):
    """The declaration relied on cites a document the docket does not have."""


def resolve_declaration(case: Case, text: str) -> Document | None:
    """The docketed declaration a citation such as "Lane Decl. (#187) ¶¶ 3-9" names.

    A citation that names no docket entry, or several, stays text only; one that
    names a document this docket lacks is refused with the reason.
    """
    if not text.strip():
        return None
    try:
        targets = parse_targets(text)
    except PortionSyntaxError:
        return None
    refs = [target.docket_ref for target in targets if target.docket_ref]
    if len(refs) != 1:
        return None
    docket, by_ref = _docket_of(case)
    try:
        found = resolve_docket_ref(refs[0], docket)
    except UnresolvedReference as problem:
        raise DeclarationProblem(f"#{refs[0]}: {problem.reason}") from None
    if len(found) != 1:
        return None
    number, attachment = found[0]
    return by_ref.get((number, attachment or 0))


class ItemListProblems(WorkflowError):
    def __init__(self, reading: ItemListReading):
        self.reading = reading
        super().__init__(
            f"{len(reading.problems)} line{'s' if len(reading.problems) != 1 else ''} "
            "could not be read; nothing was added."
        )


class ReadingChanged(WorkflowError):
    """The list reads differently from what the user confirmed; nothing is saved."""

    def __init__(self, reading: ItemListReading):
        self.reading = reading
        super().__init__(
            "The list reads differently from what you confirmed (the text or the "
            "docket changed); nothing was added. Check how it reads now and save "
            "again."
        )


@transaction.atomic
def add_items(
    request: HttpRequest | None,
    motion: MotionToSeal,
    text: str,
    *,
    ground: str,
    declaration_text: str = "",
    confirmed: str | None = None,
    actor: Any = None,
) -> list[SealingItem]:
    """Create the items a pasted list names, all or none.

    Raises ItemListProblems listing every line that could not be read or resolved;
    then nothing is saved, so the user fixes those lines and submits again. With
    ``confirmed`` (the reading_digest of the reading the user was shown), raises
    ReadingChanged when the list no longer reads that way.
    """
    standards.Ground(ground)
    require_open_for_triage(motion)
    actor = actor or _actor(request)
    reading = read_item_list(motion, text, ground=ground)
    if reading.problems:
        raise ItemListProblems(reading)
    if not reading.items:
        raise WorkflowError("The text lists no items.")
    if confirmed is not None and confirmed != reading_digest(
        reading, ground=ground, declaration=declaration_text
    ):
        raise ReadingChanged(reading)
    declaration = resolve_declaration(motion.case, declaration_text)
    entries = case_entries(motion.case)
    profile = motion.case.court.circuit_profile
    items = []
    for proposed in reading.items:
        target = proposed.target
        if target.entry_id not in entries:
            raise WorkflowError(f"#{target.docket_ref} is not a document of this case.")
        target.entry = entries[target.entry_id]
        item = SealingItem(
            motion=motion,
            listed_as=proposed.listed_as,
            source_text=proposed.source_text,
            target=target,
            target_description=proposed.description[:300],
            portions=[portion.to_dict() for portion in proposed.portions],
            portions_text=format_portions(proposed.portions)[:500],
            ground=ground,
            stated_reason=proposed.reason,
            declaration=declaration,
            declaration_text=declaration_text.strip()[:300],
            created_by=actor,
        )
        _apply_derivation(item, derive(profile, target, entries, proposed.description))
        items.append(item)
    created = SealingItem.objects.bulk_create(items)
    access.record(
        request,
        AuditEvent.Action.FILE,
        motion,
        case=motion.case,
        actor=actor,
        field="items",
        added=[
            {
                "id": item.pk,
                "target": item.target.docket_ref,
                "portions": item.portions_text,
            }
            for item in created
        ],
        ground=ground,
    )
    return created


def portion_from_dict(data: Mapping[str, Any]) -> Portion:
    kind = data.get("kind")
    if kind == "document":
        return WholeDocument()
    if kind == "pages":
        return Pages(data["first"], data["last"])
    if kind == "lines":
        return Lines(
            data["first_page"], data["first_line"], data["last_page"], data["last_line"]
        )
    if kind == "paragraphs":
        return Paragraphs(data["first"], data["last"])
    if kind == "footnote":
        return Footnote(data["page"], data["number"])
    raise ValueError(f"unknown portion kind {kind!r}")


# --- The court's side of an item ----------------------------------------------

# Fields an item edit may change, and the audit action each one is recorded under.
COURT_FIELDS: Mapping[str, str] = {
    "ground": AuditEvent.Action.RECORD,
    "findings": AuditEvent.Action.RECORD,
    "findings_override": AuditEvent.Action.RULE,
    "recommendation": AuditEvent.Action.RECORD,
    "ruling": AuditEvent.Action.RULE,
    "ruling_reason": AuditEvent.Action.RULE,
    "granted_portions": AuditEvent.Action.RULE,
    "note": AuditEvent.Action.RECORD,
    "declaration_text": AuditEvent.Action.RECORD,
}


def checklist(item: SealingItem, profile_code: str) -> tuple[standards.Finding, ...]:
    """The findings the clerk must complete for the item's standard."""
    if not item.standard:
        return ()
    profile = standards.get_profile(profile_code)
    return profile.findings.get(standards.Standard(item.standard), ())


def clean_findings(
    item: SealingItem, profile_code: str, submitted: Mapping[str, Mapping[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Findings keyed by checklist code; answers recorded under an earlier standard
    are kept, since the history must show them."""
    findings = {code: dict(value) for code, value in item.findings.items()}
    for finding in checklist(item, profile_code):
        answer = submitted.get(finding.code)
        if answer is None:
            continue
        earlier = findings.get(finding.code, {})
        # A note alone (the bulk action's) keeps the answer recorded.
        met = answer["met"] if "met" in answer else earlier.get("met")
        if met not in (True, False, None):
            raise WorkflowError(
                f"Finding {finding.code}: met must be yes, no or blank."
            )
        note = answer["note"] if "note" in answer else earlier.get("note", "")
        findings[finding.code] = {"met": met, "note": str(note).strip()}
    return findings


def answer_every_finding(
    items: Iterable[SealingItem], profile_code: str, *, met: bool | None, note: str = ""
) -> dict[str, dict[str, Any]]:
    """One answer for every finding on the items' checklists, for update_items.

    Without ``note`` each finding keeps the note already recorded.
    """
    answer: dict[str, Any] = {"met": met, **({"note": note} if note else {})}
    return {
        finding.code: dict(answer)
        for item in items
        for finding in checklist(item, profile_code)
    }


# A ruling that seals something: the Court must have made its findings first.
GRANTING = frozenset({Ruling.GRANTED, Ruling.GRANTED_IN_PART})


def finding_name(finding: standards.Finding) -> str:
    """The checklist line's opening words: "Specific harm identified"."""
    return re.split(r":|,| \(|;", finding.text, maxsplit=1)[0].rstrip(". ")


def item_label(item: SealingItem) -> str:
    return f"item {item.listed_as} (#{item.target.docket_ref} {item.portions_text})"


def grant_refusal(
    item: SealingItem,
    profile_code: str,
    *,
    findings: Mapping[str, Mapping[str, Any]],
    override: str,
) -> str:
    """Why ``item`` cannot be granted with these findings; empty when it can."""
    problem = grant_problem(item, profile_code, findings=findings, override=override)
    return f"{item_label(item)} {problem}" if problem else ""


def grant_problem(
    item: SealingItem,
    profile_code: str,
    *,
    findings: Mapping[str, Mapping[str, Any]],
    override: str,
) -> str:
    """What stands in the way of granting ``item``, as the rest of a sentence
    naming it ("cannot be granted until ..."); empty when it can be granted.

    A court must make specific findings before it seals (Kamakana, 447 F.3d at
    1178-79; Pintos, 565 F.3d at 1116): the standard must be known and every
    finding of its checklist met, unless the clerk records why the Court grants
    anyway (``override``).
    """
    if not item.standard:
        return (
            "cannot be granted: its standard is not determined yet; record the "
            "facts of its filing first."
        )
    listed = checklist(item, profile_code)
    if not listed:
        profile = standards.get_profile(profile_code)
        return (
            f"cannot be granted: its standard ({standard_label(item.standard)}) is "
            f"not one the court's standards ({profile.name}) apply, so there are no "
            "findings to make; derive its standard again from the facts of its "
            "filing."
        )
    if substantive_override(override):
        return ""
    unanswered, unmet = [], []
    for finding in listed:
        met = findings.get(finding.code, {}).get("met")
        if met is None:
            unanswered.append(finding_name(finding))
        elif met is False:
            unmet.append(finding_name(finding))
    if not unanswered and not unmet:
        return ""
    missing = []
    if unanswered:
        missing.append(f"not yet answered: {'; '.join(unanswered)}")
    if unmet:
        missing.append(f"not met: {'; '.join(unmet)}")
    if override.strip():
        return (
            f"cannot be granted until every finding is met ({' — '.join(missing)}): "
            f"“{override.strip()}” is not a reason the order can state; "
            f"{OVERRIDE_RULE}."
        )
    return (
        f"cannot be granted until every finding is met ({' — '.join(missing)}). "
        "Record the findings, or write why the Court grants anyway."
    )


def items_named(items: Sequence[SealingItem]) -> str:
    """ "item 3 (#12 ¶ 4)" for one item; "Items 1, 2 and 5" for several."""
    if len(items) == 1:
        return item_label(items[0])
    numbers = list(dict.fromkeys(str(item.listed_as) for item in items))
    listed = (
        f"{', '.join(numbers[:-1])} and {numbers[-1]}"
        if len(numbers) > 1
        else numbers[0]
    )
    return f"Items {listed}"


def grant_refusals(problems: Sequence[tuple[SealingItem, str]]) -> list[str]:
    """One sentence per distinct problem (from grant_problem), naming every item
    it holds for by number, rather than the same sentence once per item."""
    grouped: dict[str, list[SealingItem]] = {}
    for item, problem in problems:
        grouped.setdefault(problem, []).append(item)
    return [f"{items_named(items)} {problem}" for problem, items in grouped.items()]


# A reason to grant without every finding met stands in the order for the
# findings themselves: a word or a mark is not one.
OVERRIDE_MIN_WORDS = 5
OVERRIDE_RULE = (
    f"write why the Court grants anyway in at least {OVERRIDE_MIN_WORDS} words"
)


def substantive_override(override: str) -> bool:
    """Whether ``override`` says something: at least OVERRIDE_MIN_WORDS words."""
    return len(re.findall(r"[^\W\d_]{2,}", override)) >= OVERRIDE_MIN_WORDS


# --- Granted in part -----------------------------------------------------------


def requested_portions(item: SealingItem) -> list[Portion]:
    return [portion_from_dict(data) for data in item.portions]


def clean_granted_portions(item: SealingItem, text: str) -> str:
    """The part of ``item`` the Court grants, in the court's notation.

    Raises WorkflowError unless ``text`` reads as portions that lie within the
    portions requested and leave some of them to deny.
    """
    text = " ".join(text.split())
    if not text:
        return ""
    try:
        granted = parse_portions(text)
    except PortionSyntaxError as problem:
        raise WorkflowError(
            f"{item_label(item)}: the granted portions cannot be read: "
            f"{problem.reason}."
        ) from None
    written = format_portions(granted)
    requested = requested_portions(item)
    if not portions_within(granted, requested):
        raise WorkflowError(
            f"{item_label(item)}: the granted portions ({written}) must lie within "
            f"the portions requested ({item.portions_text}), written the same way "
            "(paragraphs as ¶¶, lines as page:line)."
        )
    if subtract_portions(requested, granted) == []:
        raise WorkflowError(
            f"{item_label(item)}: {written} is all that was requested; rule the "
            "item granted, not granted in part."
        )
    return written


def granted_and_denied_text(item: SealingItem) -> tuple[str, str]:
    """For an item granted in part: what the Court seals and what it denies.

    Both in the court's notation ("¶¶ 31-32", "¶¶ 33-34"); where the rest cannot
    be written exactly (it would need the lines of a page), it is said as the
    request other than the part granted.
    """
    granted, rest = _granted_and_rest(item)
    granted_text = format_portions(granted)
    if rest is None:
        return granted_text, f"{item.portions_text} other than {granted_text}"
    return granted_text, format_portions(rest) if rest else ""


def _granted_and_rest(item: SealingItem) -> tuple[list[Portion], list[Portion] | None]:
    granted = granted_portions_of(item)
    return granted, subtract_portions(requested_portions(item), granted)


def granted_portions_of(item: SealingItem) -> list[Portion]:
    """What an order granting ``item`` seals: the granted part, or all of it."""
    if item.ruling == Ruling.GRANTED_IN_PART and item.granted_portions:
        return parse_portions(item.granted_portions)
    return requested_portions(item)


def sealed_portions_text(item: SealingItem) -> str:
    """What an order granting ``item`` seals, in the court's notation: the
    portions granted of an item granted in part, else its portions."""
    if item.ruling == Ruling.GRANTED_IN_PART and item.granted_portions:
        return granted_and_denied_text(item)[0]
    return item.portions_text


def split_granted_in_part(
    item: SealingItem,
) -> tuple[SealingItem, SealingItem | None]:
    """An item granted in part as two for the order: the part granted (its
    ruling kept) and the rest, denied; unsaved copies. Any other item comes back
    as it is, with None."""
    if item.ruling != Ruling.GRANTED_IN_PART or not item.granted_portions:
        return item, None
    granted_text, denied_text = granted_and_denied_text(item)
    granted_list, rest = _granted_and_rest(item)
    granted = copy.copy(item)
    granted.portions = [portion.to_dict() for portion in granted_list]
    granted.portions_text = granted_text
    if not denied_text:
        return granted, None
    denied = copy.copy(item)
    if rest is not None:
        denied.portions = [portion.to_dict() for portion in rest]
    denied.portions_text = denied_text
    denied.ruling = Ruling.DENIED
    return granted, denied


def _granted_part_values(item: SealingItem, values: dict[str, Any]) -> str:
    """Check and normalize the granted portions an edit leaves on ``item``.

    A ruling other than granted in part clears them; granted in part needs them.
    """
    ruling = values.get("ruling", item.ruling)
    if ruling != Ruling.GRANTED_IN_PART:
        if "ruling" in values and item.granted_portions:
            values["granted_portions"] = ""
        return ""
    text = values.get("granted_portions", item.granted_portions)
    if not text.strip():
        return (
            f"{item_label(item)} is granted in part: say which of its portions "
            "the Court grants."
        )
    try:
        values["granted_portions"] = clean_granted_portions(item, text)
    except WorkflowError as problem:
        return " ".join(problem.messages)
    return ""


def _check_ruling(changes: Mapping[str, Any]) -> None:
    for name in ("recommendation", "ruling"):
        value = changes.get(name)
        if value and value not in Ruling.values:
            raise WorkflowError(f"Unknown {name} {value!r}.")
    if "ground" in changes:
        standards.Ground(changes["ground"])


@transaction.atomic
def update_items(
    request: HttpRequest | None,
    items: Sequence[SealingItem],
    changes: Mapping[str, Any],
    *,
    context: str = "",
    actor: Any = None,
) -> int:
    """Apply the same changes to ``items``; each changed field is kept and audited.

    ``changes`` holds any of COURT_FIELDS; for ``findings`` a mapping of checklist
    code to {'met', 'note'} merged into each item's own findings. Returns how many
    items changed.
    """
    unknown = set(changes) - set(COURT_FIELDS)
    if unknown:
        raise WorkflowError(f"These fields cannot be changed here: {sorted(unknown)}.")
    _check_ruling(changes)
    withdrawn = [item for item in items if item.withdrawn]
    if withdrawn:
        raise WorkflowError(
            f"{items_named(withdrawn)} {'is' if len(withdrawn) == 1 else 'are'} "
            "withdrawn: restore it first to change it."
        )
    edits, refusals, problems = [], [], []
    profiles: dict[int, str] = {}
    for item in items:
        if item.motion_id not in profiles:
            profiles[item.motion_id] = item.motion.case.court.circuit_profile
        profile = profiles[item.motion_id]
        values = dict(changes)
        if "findings" in values:
            values["findings"] = clean_findings(item, profile, values["findings"])
        if item.review_needed and (
            values.get("ruling") or values.get("recommendation")
        ):
            values["review_needed"] = ""
        if {"ruling", "findings", "findings_override"} & set(values):
            problem = _problem_after(item, profile, values)
            if problem:
                problems.append((item, problem))
        if {"ruling", "granted_portions"} & set(values):
            refusal = _granted_part_values(item, values)
            if refusal:
                refusals.append(refusal)
        edits.append((item, values))
    refusals = [*grant_refusals(problems), *refusals]
    if refusals:
        raise WorkflowError(refusals)
    changed = record_item_changes(request, edits, context=context, actor=actor)
    return len(changed)


def _problem_after(item: SealingItem, profile: str, values: Mapping[str, Any]) -> str:
    """Why the item, with ``values`` applied, would be granted without findings."""
    if values.get("ruling", item.ruling) not in GRANTING:
        return ""
    return grant_problem(
        item,
        profile,
        findings=values.get("findings", item.findings),
        override=values.get("findings_override", item.findings_override),
    )


# The audit action each recorded field is filed under.
HISTORY_ACTIONS: Mapping[str, str] = {
    **COURT_FIELDS,
    "standard": AuditEvent.Action.RECORD,
    "standard_explanation": AuditEvent.Action.RECORD,
    "standard_facts": AuditEvent.Action.RECORD,
    "review_needed": AuditEvent.Action.RECORD,
    "withdrawn": AuditEvent.Action.RECORD,
    "withdrawal_reason": AuditEvent.Action.RECORD,
}


def record_item_changes(
    request: HttpRequest | None,
    edits: Sequence[tuple[SealingItem, Mapping[str, Any]]],
    *,
    context: str = "",
    actor: Any = None,
) -> list[SealingItem]:
    """The one place an existing item's court-side fields change.

    Each (item, values) pair sets those fields on the item; every field whose value
    differs is saved, kept as an ItemChange row and audited under its motion.
    A changed standard also records the one it replaced. Returns the items that
    changed.
    """
    actor = actor or _actor(request)
    now = timezone.now()
    history: list[ItemChange] = []
    changed: list[SealingItem] = []
    fields: set[str] = set()
    audit: dict[tuple[int, str], list[dict[str, Any]]] = {}
    motions: dict[int, MotionToSeal] = {}
    checked: set[int] = set()
    for item, values in edits:
        item_changed = False
        for name, value in values.items():
            before = getattr(item, name)
            if before == value:
                continue
            if item.motion_id not in checked:
                # Checked before anything is written: a refusal leaves no trace.
                _refuse_with_judge(item.motion, elsewhere=True)
                checked.add(item.motion_id)
            if name == "standard":
                item.previous_standard = before
                item.standard_changed_at = now
                fields |= {"previous_standard", "standard_changed_at"}
            setattr(item, name, value)
            fields.add(name)
            item_changed = True
            history.append(
                ItemChange(
                    item=item,
                    actor=actor,
                    field=name,
                    before=before,
                    after=value,
                    context=context,
                )
            )
            audit.setdefault((item.motion_id, HISTORY_ACTIONS[name]), []).append(
                {"item": item.pk, "field": name, "before": before, "after": value}
            )
        if item_changed:
            changed.append(item)
            if item.motion_id not in motions:
                motions[item.motion_id] = item.motion
    if not changed:
        return []
    with recording_item_changes():
        SealingItem.objects.bulk_update(changed, sorted(fields))
    ItemChange.objects.bulk_create(history)
    for (motion_id, action), entries in audit.items():
        motion = motions[motion_id]
        access.record(
            request,
            action,
            motion,
            case=motion.case,
            actor=actor,
            changes=entries,
            context=context,
        )
    return changed


WITH_THE_JUDGE = "The draft order is with the judge; ask for it back to change rulings."


def draft_with_judge(motion: MotionToSeal) -> bool:
    """Whether a draft order on ``motion`` awaits the judge (or its files for him).

    The judge signs what he reviewed: while a draft is with him, nothing the order
    is built from may change. Returning the draft gives the clerk the items back.
    """
    return motion.draft_orders.filter(status__in=AWAITING_JUDGE).exists()


def require_open_for_triage(motion: MotionToSeal) -> None:
    if motion.state in DECIDED_STATES:
        raise WorkflowError(
            "The motion is decided and its order entered; its items can no longer "
            "be changed."
        )
    if draft_with_judge(motion):
        raise WorkflowError(WITH_THE_JUDGE)


def _refuse_with_judge(motion: MotionToSeal, *, elsewhere: bool) -> None:
    if not draft_with_judge(motion):
        return
    if not elsewhere:
        raise WorkflowError(WITH_THE_JUDGE)
    raise WorkflowError(
        f"This would change items of {motion.title} (#{motion.entry.number}), "
        "whose draft order is with the judge; ask for it back first."
    )


@transaction.atomic
def withdraw_item(
    request: HttpRequest | None, item: SealingItem, reason: str, *, actor: Any = None
) -> None:
    """The movant withdrew ``item`` (or it was listed by mistake): it stays, with
    its history, but the counts, the order and the redactions leave it out."""
    require_open_for_triage(item.motion)
    reason = " ".join(reason.split())
    if item.withdrawn:
        raise WorkflowError(f"{item_label(item)} is already withdrawn.")
    if not reason:
        raise WorkflowError(
            "Say why the item is withdrawn, e.g. the movant's notice of withdrawal "
            "or that it was listed by mistake."
        )
    record_item_changes(
        request,
        [(item, {"withdrawn": True, "withdrawal_reason": reason})],
        context="withdrawn",
        actor=actor,
    )


@transaction.atomic
def restore_item(
    request: HttpRequest | None, item: SealingItem, reason: str, *, actor: Any = None
) -> None:
    """Undo a withdrawal: the item is back, with the findings and ruling it had."""
    require_open_for_triage(item.motion)
    reason = " ".join(reason.split())
    if not item.withdrawn:
        raise WorkflowError(f"{item_label(item)} is not withdrawn.")
    if not reason:
        raise WorkflowError("Say why the item is restored.")
    record_item_changes(
        request,
        [(item, {"withdrawn": False, "withdrawal_reason": ""})],
        context=f"restored: {reason}"[:200],
        actor=actor,
    )


# The fields of an item the order is built from, for rulings_fingerprint.
ORDER_FIELDS = (
    "listed_as",
    "target_id",
    "target_description",
    "portions",
    "portions_text",
    "ground",
    "stated_reason",
    "declaration_text",
    "standard",
    "standard_explanation",
    "standard_facts",
    "findings",
    "findings_override",
    "ruling",
    "ruling_reason",
    "granted_portions",
    "withdrawn",
)


def rulings_fingerprint(motion: MotionToSeal) -> str:
    """A stable hash of everything of the motion's items that the order states.

    Two calls give the same hash exactly when no item was added and none of the
    fields an order is built from (portions, ground, standard, findings, ruling
    and reasons) changed in between: approval compares it with the one taken when
    the draft went to the judge.
    """
    rows = list(motion.items.order_by("pk").values("pk", *ORDER_FIELDS))
    payload = json.dumps(
        [motion.case.court.circuit_profile, rows],
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


# --- Reading a motion ---------------------------------------------------------

# Groups appear from the lower standard to the higher, as the seed order does.
STANDARD_ORDER = (
    standards.Standard.NO_PRESUMPTION,
    standards.Standard.GOOD_CAUSE,
    standards.Standard.PRESUMPTION_WEIGHED,
    standards.Standard.COMMON_LAW_ACCESS,
    standards.Standard.COMPELLING_REASONS,
    standards.Standard.BONA_FIDE_CONFIDENTIALITY,
    standards.Standard.FIRST_AMENDMENT,
    standards.Standard.TRADITIONALLY_SECRET,
)
GROUND_ORDER = tuple(standards.Ground)


@dataclass
class GroundGroup:
    standard: str
    ground: str
    items: list[SealingItem]

    @property
    def key(self) -> str:
        return f"{self.standard or 'undetermined'}--{self.ground}"

    @property
    def label(self) -> str:
        return standards.Ground(self.ground).label


@dataclass
class StandardGroup:
    standard: str
    grounds: list[GroundGroup]

    @property
    def label(self) -> str:
        return standard_label(self.standard)

    @property
    def item_count(self) -> int:
        return sum(len(group.items) for group in self.grounds)


def group_items(
    items: Iterable[SealingItem], *, by_standard: bool = True
) -> list[StandardGroup]:
    """Items by standard, then by ground, in the order the seed order uses.

    Without ``by_standard`` (for readers who do not see the court's analysis) the
    items are grouped by ground alone, under one group with no standard.
    """
    by_key: dict[tuple[str, str], list[SealingItem]] = {}
    for item in items:
        if item.withdrawn:
            continue  # listed on their own, with a way to restore them
        standard = item.standard if by_standard else ""
        by_key.setdefault((standard, item.ground), []).append(item)
    standard_rank = {code.value: rank for rank, code in enumerate(STANDARD_ORDER)}
    ground_rank = {code.value: rank for rank, code in enumerate(GROUND_ORDER)}
    groups: list[StandardGroup] = []
    for standard, ground in sorted(
        by_key,
        key=lambda key: (
            standard_rank.get(key[0], len(standard_rank)),
            ground_rank.get(key[1], len(ground_rank)),
        ),
    ):
        if not groups or groups[-1].standard != standard:
            groups.append(StandardGroup(standard, []))
        groups[-1].grounds.append(
            GroundGroup(standard, ground, by_key[(standard, ground)])
        )
    return groups


@dataclass(frozen=True)
class Counts:
    total: int
    by_standard: list[tuple[str, int]]
    by_ruling: list[tuple[str, str, int]]  # (ruling, label, count)
    undecided: int
    recommended: int
    findings_complete: int
    needs_review: int
    withdrawn: int = 0


def count_items(items: Sequence[SealingItem], profile_code: str) -> Counts:
    withdrawn = sum(1 for item in items if item.withdrawn)
    items = [item for item in items if not item.withdrawn]
    standards_count = Counter(item.standard for item in items)
    rulings = Counter(item.ruling for item in items if item.ruling)
    complete = sum(
        1
        for item in items
        if item.standard
        and all(
            item.findings.get(finding.code, {}).get("met") is not None
            for finding in checklist(item, profile_code)
        )
    )
    return Counts(
        total=len(items),
        by_standard=[
            (standard_label(code), standards_count[code])
            for code in [*(s.value for s in STANDARD_ORDER), ""]
            if standards_count[code]
        ],
        by_ruling=[(value, label, rulings[value]) for value, label in Ruling.choices],
        undecided=sum(1 for item in items if not item.ruling),
        recommended=sum(1 for item in items if item.recommendation),
        findings_complete=complete,
        needs_review=sum(1 for item in items if item.review_needed),
        withdrawn=withdrawn,
    )


def motion_outcome(items: Sequence[SealingItem]) -> str:
    """The motion's overall result from its items' rulings ('' while any is open)."""
    items = [item for item in items if not item.withdrawn]
    rulings = {item.ruling for item in items}
    if not items or "" in rulings:
        return ""
    if rulings == {Ruling.GRANTED}:
        return Ruling.GRANTED.label
    if rulings <= {Ruling.DENIED, Ruling.DENIED_WITHOUT_PREJUDICE}:
        return Ruling.DENIED.label
    return Ruling.GRANTED_IN_PART.label
