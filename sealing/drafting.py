"""The order on a motion to seal, built from the clerk's rulings.

``build_order(motion, ...)`` reads the motion's items and returns the
``sealing.orders.OrderDocument`` the renderers print, in the shape of the seed
order (shared/seeds/001): one section per legal standard actually applied, one
subsection per ground, the granted items as a numbered list with a short
parenthetical reason, the denied items with the reason for the denial, a
footnote where the same material was also asked for on a second ground the
Court need not reach, and the ordering paragraphs with the redaction deadline
counted under Fed. R. Civ. P. 6(a).

The texts the judge may rewrite in the browser are the ``editable_sections``;
a draft version stores only the texts that differ from the built ones
(``DraftOrder.content``), so a ruling changed later still shows in every
section nobody rewrote. Those texts name the redaction deadline by the fields
``[period]`` and ``[due date]``, filled in only when the order is printed: a
text edited on Monday and signed on Wednesday states Wednesday's deadline, the
one the docket gets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.utils import timezone

from filings.models import Access, Case, Court, DocketEntry, Document, Party
from sealing import deadlines, standards, triage
from sealing.models import MotionToSeal, Ruling, SealingItem
from sealing.orders import (
    GroundSection,
    OrderDocument,
    OrderItem,
    StandardSection,
    plain_text,
)
from sealing.triage import split_granted_in_part

GRANTING = frozenset({Ruling.GRANTED, Ruling.GRANTED_IN_PART})
DENYING = frozenset({Ruling.DENIED, Ruling.DENIED_WITHOUT_PREJUDICE})

# Sections appear from the lower standard to the higher, as in the seed order.
STANDARD_ORDER: tuple[str, ...] = (
    standards.Standard.NO_PRESUMPTION,
    standards.Standard.GOOD_CAUSE,
    standards.Standard.PRESUMPTION_WEIGHED,
    standards.Standard.COMMON_LAW_ACCESS,
    standards.Standard.COMPELLING_REASONS,
    standards.Standard.BONA_FIDE_CONFIDENTIALITY,
    standards.Standard.FIRST_AMENDMENT,
    standards.Standard.TRADITIONALLY_SECRET,
)
GROUND_ORDER: tuple[str, ...] = tuple(standards.Ground)

STANDARD_HEADINGS: Mapping[str, str] = {
    standards.Standard.GOOD_CAUSE: (
        "Request to Seal Non-Dispositive Documents and Exhibits"
    ),
    standards.Standard.COMPELLING_REASONS: (
        "Request to Seal Dispositive Documents and Exhibits"
    ),
}
# What the Court finds under each standard, as the lead-in to a granted list says.
STANDARD_FINDING: Mapping[str, str] = {
    standards.Standard.GOOD_CAUSE: "good cause",
    standards.Standard.COMPELLING_REASONS: "compelling reasons",
}
# The same, as the subject of "there is/are": good cause is singular.
STANDARD_EXISTS: Mapping[str, str] = {
    standards.Standard.GOOD_CAUSE: "there is good cause",
    standards.Standard.COMPELLING_REASONS: "there are compelling reasons",
}
GROUND_HEADINGS: Mapping[str, str] = {
    standards.Ground.TRADE_SECRET: "Trade Secret and Proprietary Business Materials",
    standards.Ground.PRIVILEGE: "Privileged Communications",
    standards.Ground.PRIVACY: "Personal Privacy",
    standards.Ground.DEFAMATORY: "Materials Containing Inaccurate Allegations",
    standards.Ground.LAW_ENFORCEMENT: "Law-Enforcement Interests",
    standards.Ground.PREVIOUSLY_SEALED: "Materials Previously Sealed",
    standards.Ground.OTHER: "Other Grounds",
}
GROUND_SUBJECT: Mapping[str, str] = {
    standards.Ground.TRADE_SECRET: (
        "trade secrets and confidential business information"
    ),
    standards.Ground.PRIVILEGE: "privileged communications",
    standards.Ground.PRIVACY: "private personal information",
    standards.Ground.DEFAMATORY: (
        "admittedly inaccurate allegations that could be used for libelous purposes"
    ),
    standards.Ground.LAW_ENFORCEMENT: "law-enforcement information",
    standards.Ground.PREVIOUSLY_SEALED: "material the Court has already sealed",
    standards.Ground.OTHER: "material the parties ask to keep confidential",
}
# What the balance protects, under good cause: "the interest in ... outweighs".
GROUND_INTEREST: Mapping[str, str] = {
    standards.Ground.TRADE_SECRET: (
        "protecting trade secrets and proprietary business information"
    ),
    standards.Ground.PRIVILEGE: "protecting privileged communications",
    standards.Ground.PRIVACY: "protecting personal privacy",
    standards.Ground.DEFAMATORY: (
        "keeping admittedly inaccurate allegations from being used to defame"
    ),
    standards.Ground.LAW_ENFORCEMENT: "protecting law-enforcement interests",
    standards.Ground.PREVIOUSLY_SEALED: "keeping sealed what the Court has sealed",
    standards.Ground.OTHER: "keeping this material confidential",
}
# What disclosure could bring about, under compelling reasons (Pintos, 565 F.3d
# at 1116: the factors the court weighs).
GROUND_HARM: Mapping[str, str] = {
    standards.Ground.TRADE_SECRET: "infringement of trade secrets",
    standards.Ground.PRIVILEGE: "the disclosure of privileged communications",
    standards.Ground.PRIVACY: "an unwarranted invasion of personal privacy",
    standards.Ground.DEFAMATORY: (
        "the use of the material for scandalous or libelous purposes"
    ),
    standards.Ground.LAW_ENFORCEMENT: "harm to law-enforcement interests",
    standards.Ground.PREVIOUSLY_SEALED: (
        "the disclosure of material the Court has already sealed"
    ),
    standards.Ground.OTHER: "the harm found above",
}
# Why the list is sealed, closing the lead-in to it.
GROUND_PURPOSE: Mapping[str, str] = {
    standards.Ground.TRADE_SECRET: "to prevent infringement upon trade secrets",
    standards.Ground.PRIVILEGE: "to protect privileged communications",
    standards.Ground.PRIVACY: "to protect personal privacy",
    standards.Ground.DEFAMATORY: (
        "to prevent the material from being used for scandalous or libelous purposes"
    ),
    standards.Ground.LAW_ENFORCEMENT: "to protect law-enforcement interests",
    standards.Ground.PREVIOUSLY_SEALED: "to keep sealed what the Court has sealed",
}
STANDARD_FILINGS: Mapping[str, str] = {
    standards.Standard.GOOD_CAUSE: "non-dispositive filings",
    standards.Standard.COMPELLING_REASONS: "dispositive filings",
}
# Checklist answers whose notes weigh the material against the public's access,
# and answers about the form of the request or the category of reason (which the
# ground already names) rather than about the material; the notes of every other
# answer state facts about the material.
BALANCING_FINDINGS = frozenset(
    {
        "outweighs_public_interest",
        "countervailing_interests",
        "compelling_countervailing_interest",
        "pansy_factors",
        "higher_values",
    }
)
FORM_FINDINGS = frozenset(
    {
        "reason_category",
        "declaration",
        "narrowly_tailored",
        "document_by_document",
        "separated_from_public_papers",
        "third_parties_heard",
        "judicial_document",
    }
)
# Printed where the clerk has recorded nothing the Court could find; a draft
# carrying it cannot go to the judge or be signed.
FINDINGS_TO_COMPLETE = "[FINDINGS TO BE COMPLETED"
_NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "twenty-one",
    "twenty-two",
    "twenty-three",
    "twenty-four",
    "twenty-five",
    "twenty-six",
    "twenty-seven",
    "twenty-eight",
    "twenty-nine",
    "thirty",
]


class DraftingError(ValueError):
    """The motion cannot make an order yet; says why."""


@dataclass(frozen=True)
class EditableSection:
    """One text of the order the judge may rewrite: key, label, built text,
    and the stretches of the built text that describe no sealed material
    (empty when the section has no sealed specifics to leave out)."""

    key: str
    label: str
    text: str
    public: tuple[str, ...] = ()


@dataclass
class _Ground:
    standard: str
    ground: str
    granted: list[SealingItem] = field(default_factory=list)
    denied: list[SealingItem] = field(default_factory=list)
    # item pk -> footnote text for alternative grounds the Court need not reach
    alternatives: dict[int, list[str]] = field(default_factory=dict)


@dataclass
class _Plan:
    """The items sorted into the order's sections, before any wording."""

    grounds: list[_Ground]
    undecided: list[SealingItem]
    not_reached: list[SealingItem]

    def standards(self) -> list[str]:
        return list(dict.fromkeys(g.standard for g in self.grounds))


# --- Reading the motion ------------------------------------------------------


def motion_items(motion: MotionToSeal) -> list[SealingItem]:
    items = list(
        motion.items.not_withdrawn()
        .select_related("target__entry")
        .order_by("listed_as", "pk")
    )
    for item in items:
        item.motion = motion
    return items


def undecided_items(motion: MotionToSeal) -> list[SealingItem]:
    """Items without a ruling: they block sending the draft to the judge."""
    return [item for item in motion_items(motion) if not item.ruling]


def _rank(order: Sequence[str], value: str) -> int:
    return order.index(value) if value in order else len(order)


def _plan(items: Iterable[SealingItem]) -> _Plan:
    decided = [item for item in items if item.ruling]
    undecided = [item for item in items if not item.ruling]
    decided.sort(
        key=lambda item: (
            _rank(STANDARD_ORDER, item.standard),
            _rank(GROUND_ORDER, item.ground),
            item.listed_as,
            item.pk,
        )
    )
    by_key: dict[tuple[str, str], _Ground] = {}
    # An item granted in full carries the ruling on its portions; an item on
    # another ground whose portions lie within them (the same lines, or some of
    # them) is listed no second time but becomes a footnote to it.
    grants: dict[int, list[SealingItem]] = {}
    not_reached: list[SealingItem] = []
    placed: dict[int, _Ground] = {}
    for item in decided:
        earlier = next(
            (
                grant
                for grant in grants.get(item.target_id, ())
                if grant.ground != item.ground and covers(grant.portions, item.portions)
            ),
            None,
        )
        if earlier is not None:
            placed[earlier.pk].alternatives.setdefault(earlier.pk, []).append(
                alternative_footnote(earlier, item)
            )
            not_reached.append(item)
            continue
        group = by_key.setdefault(
            (item.standard, item.ground), _Ground(item.standard, item.ground)
        )
        if item.ruling == Ruling.GRANTED_IN_PART:
            # The part granted is listed with the grants, the rest with the denials.
            granted_part, denied_part = split_granted_in_part(item)
            group.granted.append(granted_part)
            if denied_part is not None:
                group.denied.append(denied_part)
        elif item.ruling in GRANTING:
            group.granted.append(item)
            if item.ruling == Ruling.GRANTED:
                grants.setdefault(item.target_id, []).append(item)
        else:
            group.denied.append(item)
        placed[item.pk] = group
    return _Plan(list(by_key.values()), undecided, not_reached)


def alternative_footnote(granted: SealingItem, other: SealingItem) -> str:
    """The seed's footnote for a ground the Court need not reach."""
    movants, plural = _movants_noun(other.motion)
    finding = STANDARD_FINDING.get(granted.standard, "sufficient grounds")
    subject = GROUND_SUBJECT.get(other.ground, "material of another kind")
    reached = GROUND_SUBJECT.get(granted.ground, "material of another kind")
    same = other.portions_text.strip() == granted.portions_text.strip()
    portions = "the same portions" if same else cited_portions(other.portions_text)
    if not portions:
        portions = "the whole"
    title = italic_title(_item_title(other))
    return (
        f"{_capitalized(movants)} additionally argue{'' if plural else 's'} that "
        f"{portions} of the {title} (#{other.target.docket_ref}) should be sealed "
        f"as {subject}. Because the Court has found {finding} to seal this "
        f"material as {reached}, the Court need not reach that argument."
    )


# --- Which material a portion covers ------------------------------------------

_PAST_LAST_LINE = 10_000
Span = tuple[tuple[int, int], tuple[int, int]]


def _material(
    portions: Sequence[Mapping[str, Any]],
) -> tuple[bool, list[Span], list[Span]]:
    """Parsed portions as (whole document?, text spans, paragraph spans): a
    text span runs from (page, line) to (page, line); a whole page from before
    its footnotes to past its last line; footnote n of a page sits at line
    -2-n, so that lines never cover it and its page always does."""
    if not portions:
        return True, [], []
    text: list[Span] = []
    paragraphs: list[Span] = []
    for portion in portions:
        kind = portion.get("kind")
        if kind == "document":
            return True, [], []
        if kind == "pages":
            text.append(
                (
                    (portion["first"], -_PAST_LAST_LINE),
                    (portion["last"], _PAST_LAST_LINE),
                )
            )
        elif kind == "lines":
            text.append(
                (
                    (portion["first_page"], portion["first_line"]),
                    (portion["last_page"], portion["last_line"]),
                )
            )
        elif kind == "footnote":
            note = (portion["page"], -2 - portion["number"])
            text.append((note, note))
        elif kind == "paragraphs":
            paragraphs.append(((portion["first"], 0), (portion["last"], 0)))
    return False, _merged(text), _merged(paragraphs)


def _merged(spans: list[Span]) -> list[Span]:
    """Overlapping or adjacent spans joined, so that "2:5-10, 2:11-15" covers
    "2:8-12" as a court would read it."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged:
            last_start, last_end = merged[-1]
            adjacent = (last_end[0], last_end[1] + 1) >= start or (
                last_end[1] == _PAST_LAST_LINE
                and start == (last_end[0] + 1, -_PAST_LAST_LINE)
            )
            if adjacent:
                merged[-1] = (last_start, max(last_end, end))
                continue
        merged.append((start, end))
    return merged


def covers(
    outer: Sequence[Mapping[str, Any]], inner: Sequence[Mapping[str, Any]]
) -> bool:
    """Whether the portions ``outer`` include every part of ``inner``."""
    outer_whole, outer_text, outer_paragraphs = _material(outer)
    if outer_whole:
        return True
    inner_whole, inner_text, inner_paragraphs = _material(inner)
    if inner_whole:
        return False

    def within(spans: list[Span], pool: list[Span]) -> bool:
        return all(
            any(start >= o_start and end <= o_end for o_start, o_end in pool)
            for start, end in spans
        )

    return within(inner_text, outer_text) and within(inner_paragraphs, outer_paragraphs)


# --- Texts ------------------------------------------------------------------------


def _long(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def number_words(days: int) -> str:
    """ "fourteen (14)" as orders write periods."""
    if 0 <= days < len(_NUMBER_WORDS):
        return f"{_NUMBER_WORDS[days]} ({days})"
    return f"{days}"


def redaction_due_date(court: Court, order_date: date, days: int | None = None) -> date:
    """When redacted versions are due: ``days`` (the period the order states),
    else court.redaction_days, counted under Rule 6(a)."""
    return deadlines.due_date(
        order_date,
        court.redaction_days if days is None else days,
        state=court.holiday_state or None,
    )


# The deadline as the section texts name it. The order fills these in from the
# day it is dated, so a stored text never carries the deadline of the day it was
# written.
PERIOD_FIELD = "[period]"
DUE_DATE_FIELD = "[due date]"


def long_due_date(day: date) -> str:
    """ "Wednesday, December 23, 2026", as the ordering paragraphs state it."""
    return f"{day:%A}, {_long(day)}"


def fill_deadline_fields(
    text: str, court: Court, order_date: date, days: int | None = None
) -> str:
    """``text`` with the deadline fields counted from ``order_date``: over
    ``days`` when the order states its own period, else the court's."""
    if PERIOD_FIELD not in text and DUE_DATE_FIELD not in text:
        return text
    days = court.redaction_days if days is None else days
    due = redaction_due_date(court, order_date, days)
    return text.replace(PERIOD_FIELD, f"{number_words(days)} days").replace(
        DUE_DATE_FIELD, long_due_date(due)
    )


# --- Periods and dates as the judge may write them -----------------------------

_NUMBER_WORD = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
# "fourteen (14) days", "twenty-one days", "(21) days", "21 days", "21 calendar days"
_STATED_PERIOD = re.compile(
    rf"(?:\b(?P<word>{_NUMBER_WORD})\s*)?"
    r"(?:\(\s*(?P<paren>\d{1,3})\s*\)|(?P<digits>\b\d{1,3}))?"
    r"\s*(?:calendar\s+)?days?\b",
    re.IGNORECASE,
)


def stated_periods(text: str) -> list[tuple[str, int | None]]:
    """Every period of days written out in ``text``, as written and as read
    (None when its words and figures disagree: "fourteen (21) days")."""
    found: list[tuple[str, int | None]] = []
    for match in _STATED_PERIOD.finditer(" ".join(text.split())):
        word, figure = (
            match.group("word"),
            match.group("paren") or match.group("digits"),
        )
        if word is None and figure is None:
            continue
        values = set()
        if word is not None:
            values.add(_NUMBER_WORDS.index(word.lower()))
        if figure is not None:
            values.add(int(figure))
        found.append(
            (match.group(0).strip(), values.pop() if len(values) == 1 else None)
        )
    return found


class PeriodConflict(ValueError):
    """The order states more than one period for the redacted versions."""


def ordered_period(texts: Iterable[str]) -> int | None:
    """The period for redacted versions the ordering paragraphs state in days,
    None when they leave it to the field (the court's default). Only paragraphs
    about redacted versions are read, so that another period ordered elsewhere
    is not taken for it. Raises PeriodConflict when they state two."""
    stated = [
        found
        for text in texts
        if "redacted" in text.lower()
        for found in stated_periods(text)
    ]
    if not stated:
        return None
    unread = [written for written, days in stated if days is None]
    if unread:
        raise PeriodConflict(
            f"The period \u201c{unread[0]}\u201d says two different numbers of days."
        )
    values = list(dict.fromkeys(days for _, days in stated if days is not None))
    if len(values) > 1:
        written = _and_list([f"\u201c{w}\u201d" for w, _ in stated])
        raise PeriodConflict(
            f"The order states {written} as the period for the redacted versions; "
            "it must state one."
        )
    return values[0]


def period_days(court: Court, texts: Iterable[str]) -> int:
    """The period the docket uses: the one the order states, else the court's."""
    try:
        stated = ordered_period(texts)
    except PeriodConflict:
        stated = None
    return court.redaction_days if stated is None else stated


_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# "Dec." and "Sept." as well as "December"; the full names first.
_MONTH = (
    r"(?P<{name}>"
    + "|".join(_MONTH_NAMES)
    + "|"
    + "|".join(m[:3] for m in _MONTH_NAMES)
    + r"|Sept)\.?"
)
_WEEKDAY = (
    r"(?:(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?,?\s+)?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_STATED_DATE = re.compile(
    "|".join(
        (
            # "Wednesday, December 23, 2026", "Dec. 23, 2026", "December 23rd 2026"
            rf"{_WEEKDAY}\b{_MONTH.format(name='month')}\s+(?P<day>\d{{1,2}})"
            rf"{_ORDINAL},?\s+(?P<year>\d{{4}})\b",
            # "23 December 2026", "the 23rd day of December, 2026"
            rf"\b(?P<day2>\d{{1,2}}){_ORDINAL}\s+(?:day\s+of\s+)?"
            rf"{_MONTH.format(name='month2')},?\s+(?P<year2>\d{{4}})\b",
            # "12/23/2026", "12-23-2026", "12.23.2026", "12/23/26"
            r"\b(?P<m>\d{1,2})(?P<sep>[/.-])(?P<d>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})\b",
            # "2026-12-23"
            r"\b(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b",
        )
    ),
    re.IGNORECASE,
)


def _month_number(name: str) -> int:
    return next(
        number
        for number, month in enumerate(_MONTH_NAMES, start=1)
        if month.lower().startswith(name.lower().rstrip(".")[:3])
    )


def _weekday_matches(written: str | None, day: date) -> bool:
    if not written:
        return True
    return f"{day:%A}".lower().startswith(written.lower().rstrip(".,")[:3])


def stated_dates(text: str) -> list[tuple[str, date | None]]:
    """Every date written out in ``text``, as written and as read (None when it
    is no calendar day, or its weekday is not that day's)."""
    found: list[tuple[str, date | None]] = []
    for match in _STATED_DATE.finditer(" ".join(text.split())):
        groups = match.groupdict()
        try:
            if groups["month"]:
                day = date(
                    int(groups["year"]),
                    _month_number(groups["month"]),
                    int(groups["day"]),
                )
            elif groups["month2"]:
                day = date(
                    int(groups["year2"]),
                    _month_number(groups["month2"]),
                    int(groups["day2"]),
                )
            elif groups["m"]:
                year = int(groups["y"])
                day = date(
                    year + 2000 if year < 100 else year,
                    int(groups["m"]),
                    int(groups["d"]),
                )
            else:
                day = date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
        except ValueError:
            found.append((match.group(0), None))
            continue
        weekday = groups["weekday"]
        found.append((match.group(0), day if _weekday_matches(weekday, day) else None))
    return found


def deadline_disagreement(
    texts: Iterable[str], due: date, *, order_date: date
) -> str | None:
    """The first deadline the ordering paragraphs state that is not ``due``, the
    one the docket will show; None when they agree (or state none). Dates up to
    ``order_date`` are history ("the motion filed on ..."), not deadlines."""
    for text in texts:
        for written, day in stated_dates(text):
            if day is None or (day > order_date and day != due):
                return written
    return None


def _movants_possessive(motion: MotionToSeal) -> str:
    movants = list(motion.movants.all())
    if motion.joint or len(movants) > 1:
        return "the parties\u2019"
    if movants:
        name = movants[0].name
        return f"{name}\u2019" if name.endswith("s") else f"{name}\u2019s"
    return "the movant\u2019s"


def _movants_noun(motion: MotionToSeal) -> tuple[str, bool]:
    """Who moves, as the subject of a sentence, and whether it is plural."""
    movants = list(motion.movants.all())
    if motion.joint or len(movants) > 1:
        return "the parties", True
    return (movants[0].name, False) if movants else ("the movant", False)


def _movants_subject(motion: MotionToSeal) -> str:
    movants = list(motion.movants.all())
    if motion.joint or len(movants) > 1:
        return "The parties ask"
    return f"{movants[0].name} asks" if movants else "The movant asks"


def caption_parties(case: Case) -> list[str]:
    """The left column of the caption: plaintiffs, "vs.", defendants."""
    # In the order they were entered: the first of each side leads the caption.
    parties = list(case.parties.order_by("pk"))
    plaintiffs = [p for p in parties if p.role == Party.Role.PLAINTIFF]
    defendants = [p for p in parties if p.role == Party.Role.DEFENDANT]
    if not plaintiffs and not defendants:
        return [case.caption.upper()]

    # "Plaintiff," runs on to "vs."; "Defendants." ends the caption.
    def side(group: list[Party], role: str, end: str) -> list[str]:
        if not group:
            return []
        names = group[0].name.upper() + (", et al.," if len(group) > 1 else ",")
        label = role + ("s" if len(group) > 1 else "")
        return [names, "", f"                    {label}{end}", ""]

    lines = side(plaintiffs, "Plaintiff", ",") + ["vs.", ""]
    lines += side(defendants, "Defendant", ".")
    return lines[:-1] if lines and lines[-1] == "" else lines


def introduction_text(motion: MotionToSeal, items: Sequence[SealingItem]) -> str:
    documents = len({item.target_id for item in items})
    filed = motion.entry.filed_on
    plural = "filing" if documents == 1 else "filings"
    return (
        f"This matter is before the Court on {_movants_possessive(motion)} "
        f"{motion.title} (#{motion.entry.number}), filed on {_long(filed)}. "
        f"{_movants_subject(motion)} the Court to seal or redact portions of "
        f"{documents} {plural} on the docket."
    )


def _entries_by_pk(case: Case) -> dict[int, DocketEntry]:
    return {entry.pk: entry for entry in case.entries.all()}


def _governing(entry: DocketEntry, entries: Mapping[int, DocketEntry]) -> DocketEntry:
    """The filing whose character decides the standard: a declaration filed in
    support of a motion takes the motion's, unless its own facts were recorded."""
    seen = {entry.pk}
    current = entry
    while (
        current.nature == standards.FilingNature.OTHER
        and current.dispositive is None
        and current.merits_related is None
        and current.relates_to_id in entries
        and current.relates_to_id not in seen
    ):
        seen.add(current.relates_to_id)
        current = entries[current.relates_to_id]
    return current


def dispositive_note(
    motion: MotionToSeal,
    items: Sequence[SealingItem],
    entries: Mapping[int, DocketEntry],
    main_titles: Mapping[int, str],
    *,
    standard_text: str,
) -> str | None:
    """Why papers such as TRO papers are judged as dispositive, said once.

    As the seed order does, one paragraph names every paper that seeks or
    opposes injunctive relief (the motion itself included) and applies the
    higher standard to them and the declarations and exhibits filed with them.
    The clerk's recorded basis is its reason; the general reason is given only
    where the legal standard above does not already give it. Other filings with
    a recorded basis follow; the items' own explanations are the last resort.
    """
    governing: dict[int, DocketEntry] = {}
    by_entry: dict[int, list[SealingItem]] = {}
    for item in items:
        entry = _governing(
            entries.get(item.target.entry_id, item.target.entry), entries
        )
        governing.setdefault(entry.pk, entry)
        by_entry.setdefault(entry.pk, []).append(item)
    ordered = sorted(governing.values(), key=lambda e: e.number)
    injunction = [e for e in ordered if e.nature == standards.FilingNature.TRO_PI]
    others = [e for e in ordered if e not in injunction and e.dispositive_basis.strip()]
    sentences: list[str] = []
    if injunction:
        movants, plural = _movants_noun(motion)
        papers = [
            f"{italic_title(_entry_title(e, by_entry[e.pk], main_titles))} "
            f"(#{e.number})"
            for e in injunction
        ]
        sentences.append(
            f"{_capitalized(movants)} ask{'' if plural else 's'} the Court to seal "
            "material in papers that request injunctive relief or argue whether it "
            f"should be granted: {_and_list(papers, ';')}."
        )
        bases = [e.dispositive_basis.strip() for e in injunction]
        sentences.extend(_sentence(b) for b in dict.fromkeys(b for b in bases if b))
        lower = standard_text.lower()
        explained = "restraining order" in lower or "injunction" in lower
        if not explained and not any(bases):
            sentences.append(
                "Requests for injunctive relief, and papers opposing them, involve "
                "significant discussion of the merits of the case and give the "
                "public insight into how the Court evaluates them."
            )
        sentences.append(
            "The Court therefore applies the compelling reasons standard to these "
            "papers and to the declarations and exhibits filed with them."
            if not explained
            else "As stated above, the Court applies the compelling reasons "
            "standard to these papers and to the declarations and exhibits filed "
            "with them."
        )
    for entry in others:
        title = italic_title(_entry_title(entry, by_entry[entry.pk], main_titles))
        sentences.append(
            f"As to the {title} (#{entry.number}), "
            f"{_as_clause(_sentence(entry.dispositive_basis.strip()))}"
        )
    if not sentences:
        sentences.extend(
            dict.fromkeys(
                item.standard_explanation.strip()
                for item in items
                if item.standard_explanation.strip()
                and any(
                    word in item.standard_explanation.lower()
                    for word in ("dispositive", "merits", "injunctive")
                )
            )
        )
    return " ".join(sentences) or None


def _sentence(text: str) -> str:
    """``text`` as a sentence: capitalised, with its full stop."""
    text = " ".join(text.split())
    return _capitalized(text) + ("" if text[-1:] in ".!?" else ".")


def _entry_title(
    entry: DocketEntry, items: Sequence[SealingItem], main_titles: Mapping[int, str]
) -> str:
    """The filing's title: as the movant named its main document, else as the
    docket describes it."""
    for item in items:
        if item.target.entry_id == entry.pk and item.target.attachment_number == 0:
            return _item_title(item)
    return main_titles.get(entry.pk) or entry.text


def findings_text(motion: MotionToSeal, group: _Ground, filings: Sequence[str]) -> str:
    """The findings of one ground, from the clerk's recorded notes (see
    ``findings_parts``)."""
    return findings_parts(motion, group, filings)[0]


def findings_parts(
    motion: MotionToSeal, group: _Ground, filings: Sequence[str]
) -> tuple[str, tuple[str, ...]]:
    """The findings of one ground, from the clerk's recorded notes, and the
    stretches of it that say nothing about the sealed material (the request,
    the stock balance, the lead-in to the list), which the public version of a
    sealed order keeps.

    As the seed order does: what the movants ask and where (the filings); what
    the Court finds the material to be and what its disclosure would do ("Based
    on the content of this material, the Court finds that ..."); the balance
    against the public's access; and the lead-in to the list of granted items.
    Without a single recorded fact for the granted items, the facts are a
    marker that keeps the draft from the judge, not words pretending to be
    findings.
    """
    movants, plural = _movants_noun(motion)
    items = [*group.granted, *group.denied]
    subject = GROUND_SUBJECT.get(group.ground, "confidential material")
    kind = STANDARD_FILINGS.get(group.standard, "filings")
    kind = kind if len(filings) > 1 else kind.removesuffix("s")
    # The motion is cited where the request is named, not after the list, whose
    # last filing already ends in a docket number.
    request = (
        f"In the motion (#{motion.entry.number}), {movants} "
        f"ask{'' if plural else 's'} the Court to seal material in the following "
        f"{kind} as {subject}: {_and_list(filings, ';')}."
    )
    declarations = _declarations(items)
    if declarations:
        request += f" The request is supported by the {_and_list(declarations)}."
    if not group.granted:
        return request, (request,)
    facts = _notes(group.granted, kind="facts")
    # Why the Court grants although a finding of the checklist is not met.
    overrides = [
        _sentence(text)
        for text in dict.fromkeys(
            " ".join(item.findings_override.split())
            for item in group.granted
            if item.findings_override.strip()
        )
    ]
    # A grant's reason too long for its parenthetical is stated with the findings.
    reasons = [
        f"As to the {italic_title(_item_title(item))} (#{item.target.docket_ref})"
        f"{', ' + cited if (cited := cited_portions(item.portions_text)) else ''}, "
        f"{standards.in_court_style(_as_clause(_sentence(item.ruling_reason)))}"
        for item in group.granted
        if item.ruling_reason.strip() and not _short_reason(item.ruling_reason)
    ]
    if facts:
        findings = " ".join(
            [
                "Based on the content of this material, the Court finds "
                f"{_that_clauses(facts)}",
                *overrides,
                *reasons,
            ]
        )
    elif overrides or reasons:
        findings = " ".join([*overrides, *reasons])
    else:
        findings = (
            f"**{FINDINGS_TO_COMPLETE}: what the material is and the specific harm "
            "its disclosure would cause, as found from the material and the "
            "declarations. Record them as findings notes on the motion page, or "
            "write them here.]**"
        )
    balance_notes = _notes(group.granted, kind="balance")
    balance = _balance(motion, group, balance_notes)
    findings += " " + balance
    purpose = GROUND_PURPOSE.get(group.ground)
    purpose = f" {purpose}" if purpose else ""
    have = "have" if plural else "has"
    if group.standard == standards.Standard.GOOD_CAUSE:
        lead_in = (
            f"Accordingly, the Court finds that {movants} {have} demonstrated that "
            "a particularized harm would result from public disclosure of the "
            f"following material and that there is good cause to redact it{purpose}:"
        )
    else:
        exists = STANDARD_EXISTS.get(group.standard, "there are sufficient grounds")
        lead_in = (
            f"Accordingly, the Court finds that {movants} {have} demonstrated that "
            f"a particularized harm would result from public disclosure and that "
            f"{exists} to redact the following material{purpose}:"
        )
    public = (request, lead_in) if balance_notes else (request, balance, lead_in)
    return "\n\n".join((request, f"{findings} {lead_in}")), public


def denial_text(
    motion: MotionToSeal,
    group: _Ground,
    profile: standards.Profile,
    main_titles: Mapping[int, str],
    *,
    granted_under_standard: bool = False,
) -> str:
    """Why the request is denied on this ground, said once, as the seed explains
    its denial of ¶¶ 65 and 71: which material, that the showing fails the
    standard and why (the Court's ruling reason, else the clerk's notes on the
    findings not met), with the authority, and what the denial means. The list
    above gives each denied item with its short parenthetical; the reasons are
    stated here and nowhere else."""
    movants, plural = _movants_noun(motion)
    finding = STANDARD_FINDING.get(group.standard, "sufficient grounds")
    by_entry: dict[int, list[SealingItem]] = {}
    for item in group.denied:
        by_entry.setdefault(item.target.entry_id, []).append(item)
    places = []
    for entry_items in by_entry.values():
        entry = entry_items[0].target.entry
        title = italic_title(_entry_title(entry, entry_items, main_titles))
        places.append(
            f"{_portions_together(entry_items)} of the {title} (#{entry.number})"
        )
    where = _and_list(places, ";")
    reasons = list(
        dict.fromkeys(
            " ".join(i.ruling_reason.split()).rstrip(" ;")
            for i in group.denied
            if i.ruling_reason.strip()
        )
    )
    if reasons:
        why = " ".join(_sentence(reason) for reason in reasons)
        because = f": {standards.in_court_style(_as_clause(why))}"
    else:
        unmet = _unmet_notes(group.denied)
        # A colon takes the clerk's notes whether they are clauses or phrases.
        listed = _and_list([_as_clause(note) for note in unmet], ";")
        because = f": {standards.in_court_style(listed)}." if unmet else "."
    have = "have" if plural else "has"
    opening = (
        f"While {movants} {have} shown {finding} to seal other material, the "
        f"Court finds that {'their' if plural else 'the'} showing"
        if granted_under_standard
        else "The Court finds that the showing"
    )
    sentences = [
        f"{opening} as to {where} does not satisfy the {finding} standard{because}"
    ]
    if group.standard == standards.Standard.GOOD_CAUSE:
        cited = _cites(profile, "Beckman", f"See {BECKMAN_SHORT}.", already=reasons)
    else:
        cited = _cites(profile, "Kamakana", f"See {KAMAKANA_SHORT}.", already=reasons)
    if cited:
        sentences.append(cited)
    sentences.append(_denial_conclusion(group.denied))
    return " ".join(sentences)


# One short form of each authority the denials cite, after the full citation in
# the legal standard.
BECKMAN_SHORT = "Beckman Indus., 966 F.2d at 476"
KAMAKANA_SHORT = "Kamakana, 447 F.3d at 1179"
NARROWER_REQUEST = (
    "without prejudice to a narrower request supported by a particularized showing"
)


def _denial_conclusion(items: Sequence[SealingItem]) -> str:
    """What the denial means, by the recorded rulings: a plain denial, or one
    without prejudice to a narrower request."""
    narrower = [i for i in items if i.ruling == Ruling.DENIED_WITHOUT_PREJUDICE]
    one_document = len({i.target_id for i in items}) == 1

    def what(group: Sequence[SealingItem]) -> str:
        if one_document:
            return _portions_together(group)
        return _and_list(
            [f"{_portions_together([i])} of #{i.target.docket_ref}" for i in group]
        )

    everything = what(items) if one_document else "this material"
    if not narrower:
        return f"The request is therefore denied as to {everything}."
    if len(narrower) == len(items):
        return (
            f"The request is therefore denied as to {everything}, {NARROWER_REQUEST}."
        )
    return (
        f"The request is therefore denied as to {everything}; the denial as to "
        f"{what(narrower)} is {NARROWER_REQUEST}."
    )


def _cites(
    profile: standards.Profile, name: str, citation: str, *, already: Sequence[str]
) -> str:
    """``citation`` when the court's profile carries the authority it names and
    the Court's reasons (``already``) do not cite it themselves."""
    if any(name in text for text in already):
        return ""
    carried = any(name in a.citation for a in profile.authorities)
    return standards.in_court_style(citation) if carried else ""


def _answers(item: SealingItem) -> list[tuple[str, Any]]:
    """The item's findings in the order of its standard's checklist (then any
    others by name), whatever order the database kept the JSON keys in."""
    answers = item.findings or {}
    checklist = triage.finding_codes(
        item.motion.case.court.circuit_profile, item.standard
    )
    codes = [c for c in checklist if c in answers]
    codes += sorted(c for c in answers if c not in checklist)
    return [(code, answers[code]) for code in codes]


def _unmet_notes(items: Sequence[SealingItem]) -> list[str]:
    notes: dict[str, None] = {}
    for item in items:
        for _code, answer in _answers(item):
            if isinstance(answer, Mapping) and answer.get("met") is False:
                note = " ".join(str(answer.get("note") or "").split()).rstrip(" .;")
                if note:
                    notes.setdefault(note, None)
    return list(notes)


_PARAGRAPHS = re.compile(r"¶¶?\s*(?P<numbers>\d[\d\s,\-\u2013and]*)")


def _portions_together(items: Sequence[SealingItem]) -> str:
    """The items' portions of one document as one citation: "¶¶ 65 and 71"."""
    portions = [i.portions_text.strip() for i in items]
    if any(p in ("", "entire document") for p in portions):
        return "the whole"
    numbers = [_PARAGRAPHS.fullmatch(p) for p in portions]
    if all(numbers):
        parts = [m.group("numbers").strip() for m in numbers if m]
        single = len(parts) == 1 and not re.search(r"[-\u2013,]|and", parts[0])
        return f"{'¶' if single else '¶¶'} {_and_list(parts)}"
    return _and_list([cited_portions(p) for p in portions])


def _balance(motion: MotionToSeal, group: _Ground, notes: Sequence[str]) -> str:
    """The public's interest weighed: the clerk's notes when there are any."""
    if group.standard == standards.Standard.GOOD_CAUSE:
        interest = GROUND_INTEREST.get(group.ground, "keeping this material sealed")
        text = (
            f"{_capitalized(_movants_possessive(motion))} interest in {interest} "
            "outweighs the general public interest in these filings"
        )
        return f"{text}, because {_clauses(notes)}" if notes else f"{text}."
    if notes:
        return (
            "Weighing the public\u2019s interest in understanding the judicial process "
            f"against the harm disclosure would cause, the Court finds "
            f"{_that_clauses(notes)}"
        )
    harm = GROUND_HARM.get(group.ground, "the harm found above")
    return (
        "The Court finds that the public\u2019s interest in understanding the judicial "
        "process is outweighed by the possibility that disclosure of this material "
        f"could reasonably result in {harm}."
    )


def _notes(items: Sequence[SealingItem], *, kind: str) -> list[str]:
    """The clerk's notes on findings that were met (or left open), distinct, in
    the order of the items; ``kind`` "facts" or "balance"."""
    notes: dict[str, None] = {}
    for item in items:
        for code, answer in _answers(item):
            if not isinstance(answer, Mapping) or answer.get("met") is False:
                continue
            if code in FORM_FINDINGS:
                continue
            if (code in BALANCING_FINDINGS) != (kind == "balance"):
                continue
            note = " ".join(str(answer.get("note") or "").split()).rstrip(" .;")
            if note:
                notes.setdefault(note, None)
    return list(notes)


# Words that open a clause rather than name someone: lower-cased after "that".
_CLAUSE_OPENERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "these",
        "those",
        "that",
        "its",
        "their",
        "his",
        "her",
        "it",
        "they",
        "each",
        "every",
        "all",
        "both",
        "such",
        "no",
        "any",
        "none",
        "only",
        "disclosure",
        "release",
        "publication",
        "public",
        "nothing",
        "broad",
        "there",
        "neither",
        "some",
        "most",
        "many",
        "several",
        "one",
        "two",
        "without",
        "because",
        "although",
        "only",
        "confidential",
        "detailed",
        "internal",
        "proprietary",
    ]
)


def _as_clause(note: str) -> str:
    first, _, rest = note.partition(" ")
    # "A" has no lower-case letters after its capital, and is lowered all the same.
    if (
        first.lower() in _CLAUSE_OPENERS
        and first[:1].isupper()
        and (first[1:].islower() or len(first) == 1)
    ):
        return f"{first.lower()} {rest}".strip()
    return note


def _is_one_clause(note: str) -> bool:
    return not re.search(r"[.!?]\s+[A-Z]", note)


def _clauses(notes: Sequence[str]) -> str:
    """ "a; b; and c." from notes; notes of several sentences follow as written."""
    single = [_as_clause(note) for note in notes if _is_one_clause(note)]
    several = [note for note in notes if not _is_one_clause(note)]
    text = _and_list(single, ";") + "." if single else ""
    return " ".join([text, *(f"{note}." for note in several)]).strip()


def _that_clauses(notes: Sequence[str]) -> str:
    """ "that a; that b; and that c." for the Court's findings."""
    single = [f"that {_as_clause(n)}" for n in notes if _is_one_clause(n)]
    several = [note for note in notes if not _is_one_clause(note)]
    if not single:
        return "as follows. " + " ".join(f"{note}." for note in several)
    return " ".join([_and_list(single, ";") + ".", *(f"{n}." for n in several)])


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _and_list(values: Sequence[str], separator: str = ",") -> str:
    """ "a and b", "a, b and c"; with ";" as courts list citations: "a; b; and c"."""
    values = list(values)
    if len(values) <= 1:
        return "".join(values)
    if separator == ";" and (len(values) > 2 or any("," in v for v in values)):
        return "; ".join(values[:-1]) + "; and " + values[-1]
    return ", ".join(values[:-1]) + " and " + values[-1]


_EXHIBIT = re.compile(
    r"(?P<exhibit>(?:Exhibits?|Exs?\.|Attachments?)\b.*?\bto )(?P<filing>.+)"
)


def italic_title(title: str) -> str:
    """A filing's title as a court prints it: in italics. An exhibit is no
    filing of its own, so only the paper it is attached to is italicised:
    "Exhibit 1 to *Raman Declaration*". Titles holding markup stay as written."""
    title = title.strip()
    if not title or "*" in title:
        return title
    match = _EXHIBIT.fullmatch(title)
    if match:
        return f"{match.group('exhibit')}*{match.group('filing')}*"
    return f"*{title}*"


def _filings(items: Sequence[SealingItem], main_titles: Mapping[int, str]) -> list[str]:
    """The filings the items belong to, in docket order: "*Complaint* (#1)"."""
    entries = {item.target.entry.pk: item.target.entry for item in items}
    return [
        f"{italic_title(_entry_title(entry, items, main_titles))} (#{entry.number})"
        for entry in sorted(entries.values(), key=lambda e: e.number)
    ]


def _item_title(item: SealingItem) -> str:
    return (item.target_description or item.target.description or "Document").strip()


def _parenthetical(text: str) -> str:
    """A reason as it sits inside parentheses after an item: one clause, no
    capital to open it (unless a name) and no full stop to close it."""
    return _as_clause(" ".join(text.split()).rstrip(" .;"))


def _short_reason(text: str) -> str:
    """A ruling reason short enough for a parenthetical: one clause, no
    citation of its own; empty when it is longer (it is then stated in the
    text around the list)."""
    text = " ".join(text.split()).rstrip(" .;")
    return _parenthetical(text) if text and _is_one_clause(text) else ""


def _order_item(number: int, item: SealingItem, footnotes: Sequence[str]) -> OrderItem:
    """The item as listed: title, docket number, portions and a short
    parenthetical. A grant gives the Court's reason when it fits a parenthetical,
    else the movant's; a denial gives the movant's, since the Court's reasons
    follow the list once for all the items denied."""
    stated = _parenthetical(item.stated_reason)
    ruled = _short_reason(item.ruling_reason)
    # The part granted of an item granted in part is listed as a grant of its
    # own (its rest with the denials).
    split = item.ruling == Ruling.GRANTED_IN_PART and bool(item.granted_portions)
    if item.ruling == Ruling.GRANTED or split:
        reason = ruled or stated
    elif item.ruling == Ruling.GRANTED_IN_PART:
        reason = (
            f"{stated}; granted in part: {ruled}"
            if stated and ruled
            else (stated or ruled)
        )
    else:
        reason = stated or ruled
        if item.ruling == Ruling.DENIED_WITHOUT_PREJUDICE:
            reason = "; ".join(
                filter(None, (reason, "denied without prejudice to a narrower request"))
            )
    return OrderItem(
        number=number,
        document_title=italic_title(_item_title(item)),
        docket_ref=f"#{item.target.docket_ref}",
        portions=cited_portions(item.portions_text),
        reason=standards.in_court_style(reason) if reason else "no reason stated",
        footnote=" ".join(footnotes) or None,
    )


_SEVERAL_PINPOINTS = re.compile(r"(?<![\w.])p\. (?=[^;]*,)")


def cited_portions(text: str) -> str:
    """An item's portions as the order cites them: "pp." before several
    pinpoints ("pp. 2:5-10, 2:13-15"), nothing for the entire document."""
    text = text.strip()
    if text == "entire document":
        return ""
    return _SEVERAL_PINPOINTS.sub("pp. ", text)


def undecided_line(item: SealingItem) -> str:
    portions = item.portions_text.strip()
    where = "" if portions in ("", "entire document") else f", {portions}"
    return f"{_item_title(item)} (#{item.target.docket_ref}){where}: no ruling yet"


def _outcome(items: Sequence[SealingItem]) -> str:
    rulings = {item.ruling for item in items if item.ruling}
    if rulings and rulings <= {Ruling.GRANTED}:
        return "**granted**"
    if rulings and rulings <= DENYING:
        return "**denied**"
    return "**granted in part and denied in part**"


def _originals_verb(granted: Sequence[SealingItem]) -> str:
    public = _filed_publicly(granted)
    if not public:
        return "shall remain sealed"
    if len(public) == len(granted):
        return "shall be sealed"
    return "shall remain sealed, or be sealed if they were filed publicly"


def ordering_text(motion: MotionToSeal, items: Sequence[SealingItem]) -> str:
    court = motion.case.court
    paragraphs = [
        f"IT IS HEREBY ORDERED that {_movants_possessive(motion)} {motion.title} "
        f"(#{motion.entry.number}) is {_outcome(items)} as stated above."
    ]
    granted = [item for item in items if item.ruling in GRANTING]
    whole = sealed_whole(granted)
    partial = [item for item in granted if item.target_id not in whole]
    if partial:
        others = ", other than those sealed in their entirety," if whole else ","
        paragraphs.append(
            "IT IS FURTHER ORDERED that the parties shall file redacted versions of "
            f"the filings at issue{others} in accordance with the Court\u2019s "
            "directions above and redacting only the portions the Court has ordered "
            f"sealed, within {PERIOD_FIELD} of this order, that is, no later than "
            f"{DUE_DATE_FIELD}. The original, unredacted filings "
            f"{_originals_verb(partial)}, and the redacted versions shall be the "
            "public record of them."
        )
    if whole:
        entire = [item for item in granted if item.target_id in whole]
        verb = _originals_verb(entire)
        one = len(whole) == 1
        paragraphs.append(
            f"IT IS FURTHER ORDERED that the filing{'' if one else 's'} sealed in "
            f"{'its' if one else 'their'} entirety above ({_refs(entire)}) {verb}; "
            f"no redacted version{' of it is' if one else 's of them are'} to be "
            "filed."
        )
    if any(item.ruling in DENYING for item in items):
        if court.denied_material_becomes_public:
            paragraphs.append(
                "IT IS FURTHER ORDERED that the material as to which the motion is "
                "denied shall become part of the public record after "
                f"{DUE_DATE_FIELD}, unless the Court orders otherwise."
            )
        else:
            paragraphs.append(
                "IT IS FURTHER ORDERED that the material as to which the motion is "
                "denied shall remain provisionally sealed pending further order of "
                "the Court."
            )
    return "\n\n".join(paragraphs)


# --- The order ------------------------------------------------------------------


def _declarations(items: Sequence[SealingItem]) -> list[str]:
    return list(
        dict.fromkeys(
            item.declaration_text.strip()
            for item in items
            if item.declaration_text.strip()
        )
    )


def _section_key(kind: str, *parts: str) -> str:
    return ":".join((kind, *parts))


def built_sections(
    motion: MotionToSeal, *, items: Sequence[SealingItem] | None = None
) -> list[EditableSection]:
    """The order's editable texts as built from the rulings, in reading order."""
    items = list(items) if items is not None else motion_items(motion)
    plan = _plan(items)
    profile = standards.get_profile(motion.case.court.circuit_profile)
    entries = _entries_by_pk(motion.case)
    main_titles = dict(
        Document.objects.filter(
            entry__case=motion.case, attachment_number=0
        ).values_list("entry_id", "description")
    )
    sections = [
        EditableSection(
            "introduction", "Introduction", introduction_text(motion, items)
        )
    ]
    for standard in plan.standards():
        label = _standard_heading(standard)
        sections.append(
            EditableSection(
                _section_key("standard", standard),
                f"{label}: legal standard",
                _standard_text(profile, standard),
            )
        )
        section_items = [
            item
            for group in plan.grounds
            if group.standard == standard
            for item in (*group.granted, *group.denied)
        ]
        note = (
            dispositive_note(
                motion,
                section_items,
                entries,
                main_titles,
                standard_text=_standard_text(profile, standard),
            )
            if standard == standards.Standard.COMPELLING_REASONS
            else None
        )
        if note:
            sections.append(
                EditableSection(
                    _section_key("dispositive", standard),
                    f"{label}: why these papers are treated as dispositive",
                    note,
                )
            )
        for group in plan.grounds:
            if group.standard != standard:
                continue
            text, public = findings_parts(
                motion, group, _filings([*group.granted, *group.denied], main_titles)
            )
            sections.append(
                EditableSection(
                    _section_key("findings", standard, group.ground),
                    f"{label} \u2014 {_ground_heading(group.ground)}: findings",
                    text,
                    public if group.granted else (),
                )
            )
            if group.denied:
                sections.append(
                    EditableSection(
                        _section_key("denial", standard, group.ground),
                        f"{label} \u2014 {_ground_heading(group.ground)}: why the "
                        "request is denied",
                        denial_text(
                            motion,
                            group,
                            profile,
                            main_titles,
                            granted_under_standard=any(
                                g.granted
                                for g in plan.grounds
                                if g.standard == standard
                            ),
                        ),
                    )
                )
    sections.append(
        EditableSection("ordering", "Ordering paragraphs", ordering_text(motion, items))
    )
    return sections


def _standard_text(profile: standards.Profile, standard: str) -> str:
    if not standard:
        return "The standard that governs these items has not yet been determined."
    code = standards.Standard(standard)
    return profile.standard_texts.get(code) or code.label


def _standard_heading(standard: str) -> str:
    if standard in STANDARD_HEADINGS:
        return STANDARD_HEADINGS[standard]
    if not standard:
        return "Items Whose Standard Is Not Yet Determined"
    return f"Request to Seal: {standards.Standard(standard).label}"


def _ground_heading(ground: str) -> str:
    return GROUND_HEADINGS.get(ground, standards.Ground(ground).label)


def editable_sections(
    motion: MotionToSeal, content: Mapping[str, str]
) -> list[EditableSection]:
    """The editable texts as the version reads: its own where it has one."""
    return [
        EditableSection(s.key, s.label, content.get(s.key, s.text))
        for s in built_sections(motion)
    ]


def changed_content(
    motion: MotionToSeal, submitted: Mapping[str, str]
) -> dict[str, str]:
    """The submitted texts that differ from the built ones (what a version stores)."""
    content: dict[str, str] = {}
    for section in built_sections(motion):
        text = submitted.get(section.key)
        if text is None:
            continue
        text = text.replace("\r\n", "\n").strip()
        if not text:
            raise DraftingError(f"“{section.label}” cannot be empty.")
        if text != section.text.strip():
            content[section.key] = text
    return content


REDACTED = "[REDACTED]"


def _filed_publicly(items: Iterable[SealingItem]) -> list[SealingItem]:
    """Granted items whose document was public before the order: the order
    seals it, where a lodged one stays sealed."""
    return [item for item in items if item.target.access == Access.PUBLIC]


def _sealed_verb(items: Sequence[SealingItem]) -> str:
    """ "shall remain sealed", "shall be sealed", or both, by how each original
    was filed."""
    public = _filed_publicly(items)
    if not public:
        return "shall remain sealed"
    if len(public) == len(items):
        return "shall be sealed"
    refs = _and_list(list(dict.fromkeys(f"#{i.target.docket_ref}" for i in public)))
    return f"shall remain sealed, and {refs}, filed publicly, shall be sealed"


def seals_whole(item: SealingItem) -> bool:
    """A grant of the entire document: it stays sealed in its entirety, and no
    redacted version of it is filed (a granted-in-part item leaves part public)."""
    return item.ruling == Ruling.GRANTED and _material(item.portions)[0]


def sealed_whole(items: Iterable[SealingItem]) -> set[int]:
    """The documents (pks) the items seal in their entirety."""
    return {item.target_id for item in items if seals_whole(item)}


def _refs(items: Iterable[SealingItem]) -> str:
    return _and_list(list(dict.fromkeys(f"#{i.target.docket_ref}" for i in items)))


def _entirely(items: Sequence[SealingItem]) -> str:
    """ "*Exhibit 1* (#20-2) shall remain sealed in its entirety." for documents
    sealed whole, as the seed says of exhibits sealed whole."""
    documents = list({item.target_id: item for item in items}.values())
    sentences = []
    for public in (False, True):
        group = [i for i in documents if (i.target.access == Access.PUBLIC) == public]
        if not group:
            continue
        names = _and_list(
            [f"{italic_title(_item_title(i))} (#{i.target.docket_ref})" for i in group]
        )
        verb = "shall be sealed" if public else "shall remain sealed"
        whose = "its" if len(group) == 1 else "their"
        sentences.append(f"{names} {verb} in {whose} entirety.")
    return " ".join(sentences)


def granted_conclusion(
    items: Sequence[SealingItem], whole: set[int] | None = None
) -> str:
    """After each granted list: what becomes of the originals listed. Those
    sealed in their entirety stay so; of the others, redacted versions are
    filed."""
    whole = sealed_whole(items) if whole is None else whole
    entire = [item for item in items if item.target_id in whole]
    partial = [item for item in items if item.target_id not in whole]
    sentences = [_entirely(entire)] if entire else []
    if partial:
        sentences.append(
            f"The {'other ' if entire else ''}original filings listed above "
            f"{_sealed_verb(partial)}; the parties shall file redacted versions of "
            "them as ordered below."
        )
    return " ".join(sentences)


# What the public version of a sealed order leaves out of a text: all of it,
# only the sealed specifics (the sentences written from the clerk's notes about
# the material), or nothing.
LEAVE_OUT_ALL = "all"
LEAVE_OUT_SPECIFICS = "specifics"
LEAVE_OUT_NOTHING = "none"
LEAVE_OUT_LABELS: Mapping[str, str] = {
    LEAVE_OUT_SPECIFICS: "the findings about the sealed material",
    LEAVE_OUT_ALL: "the whole text",
    LEAVE_OUT_NOTHING: "nothing",
}


@dataclass(frozen=True)
class PublicChoice:
    """One text of a sealed order that its public version may leave out:
    a section ("introduction", "findings:...") or an item's parenthetical
    ("item:<pk>"), with what the clerk chose (``mode``), the default, and the
    choices it allows."""

    key: str
    label: str
    text: str
    mode: str
    default: str
    modes: tuple[str, ...]

    @property
    def redact(self) -> bool:
        return self.mode != LEAVE_OUT_NOTHING


def leave_out_mode(value: object) -> str | None:
    """A stored choice as a mode: true and false as the clerk's page first
    stored them, or the mode's name; None for anything else."""
    if value is True:
        return LEAVE_OUT_ALL
    if value is False:
        return LEAVE_OUT_NOTHING
    return value if value in LEAVE_OUT_LABELS else None


def _default_redactions(plan: _Plan) -> dict[str, str]:
    """What the public version leaves out unless the clerk says otherwise: the
    sealed specifics of the findings (what the clerk's notes say the material
    is and what its disclosure would do) and the parentheticals describing the
    material granted. The request, which filings were sealed and the lead-in
    to the list stay, as do denials and their reasons (material about to become
    public), the legal standard and the ordering paragraphs."""
    modes: dict[str, str] = {}
    for group in plan.grounds:
        if group.granted:
            key = _section_key("findings", group.standard, group.ground)
            modes[key] = LEAVE_OUT_SPECIFICS
        modes.update((f"item:{item.pk}", LEAVE_OUT_ALL) for item in group.granted)
    return modes


def _chosen_modes(
    plan: _Plan, stored: Mapping[str, object], keys: Iterable[str]
) -> dict[str, str]:
    defaults = _default_redactions(plan)
    return {
        key: leave_out_mode(stored.get(key)) or defaults.get(key, LEAVE_OUT_NOTHING)
        for key in {*keys, *defaults}
    }


def public_text(text: str, public: Sequence[str]) -> str:
    """``text`` with everything but the ``public`` stretches read as
    "[REDACTED]": the sentences an edit added or changed are left out too."""
    kept_paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text):
        pieces: list[str] = []
        position = 0
        while position < len(paragraph):
            found = [
                (at, -len(piece), piece)
                for piece in public
                if piece and (at := paragraph.find(piece, position)) >= 0
            ]
            at, _, piece = min(found) if found else (len(paragraph), 0, "")
            if paragraph[position:at].strip() and pieces[-1:] != [REDACTED]:
                pieces.append(REDACTED)
            if piece:
                pieces.append(piece)
            position = at + len(piece)
        if pieces:
            kept_paragraphs.append(" ".join(pieces))
    return "\n\n".join(kept_paragraphs)


def public_choices(
    motion: MotionToSeal, content: Mapping[str, str], stored: Mapping[str, object]
) -> list[PublicChoice]:
    """Every text the clerk may leave out of the public version, in reading
    order, with what the clerk chose (``stored``) or else the default."""
    items = motion_items(motion)
    plan = _plan(items)
    defaults = _default_redactions(plan)
    whole = (LEAVE_OUT_NOTHING, LEAVE_OUT_ALL)

    def choice(
        key: str, label: str, text: str, modes: tuple[str, ...] = whole
    ) -> PublicChoice:
        default = defaults.get(key, LEAVE_OUT_NOTHING)
        mode = leave_out_mode(stored.get(key))
        return PublicChoice(
            key, label, text, mode if mode in modes else default, default, modes
        )

    choices = [
        choice(
            s.key,
            s.label,
            content.get(s.key, s.text),
            (LEAVE_OUT_SPECIFICS, *whole) if s.public else whole,
        )
        for s in built_sections(motion, items=items)
    ]
    for group in plan.grounds:
        listed = [
            _order_item(n, item, ())
            for n, item in enumerate([*group.granted, *group.denied], start=1)
        ]
        for item, order_item in zip(
            [*group.granted, *group.denied], listed, strict=True
        ):
            where = f", {order_item.portions}" if order_item.portions else ""
            ruling = "granted" if item in group.granted else "denied"
            choices.append(
                choice(
                    f"item:{item.pk}",
                    f"{plain_text(order_item.document_title)} "
                    f"({order_item.docket_ref}){where} \u2014 {ruling}",
                    order_item.reason,
                )
            )
    return choices


def build_order(
    motion: MotionToSeal,
    *,
    content: Mapping[str, str] | None = None,
    order_date: date | None = None,
    signature: str | None = None,
    signing_judge_name: str | None = None,
    signing_judge_title: str | None = None,
    public_redacted: bool = False,
    public_redactions: Mapping[str, bool] | None = None,
) -> OrderDocument:
    """The order on ``motion`` as it stands: a draft, or signed when ``signature``
    is given (then nothing may be undecided).

    ``public_redacted`` prints the public version of an order that quotes sealed
    material: what the clerk chose to leave out of each section and item
    parenthetical (``public_redactions``, key to a mode; see ``public_choices``
    for the keys and the defaults) reads "[REDACTED]", by default only the
    findings' sealed specifics and the granted items' parentheticals. Which
    documents were sealed, the conclusions and the deadlines stay public.
    """
    content = dict(content or {})
    order_date = order_date or timezone.localdate()
    case = motion.case
    court = case.court
    items = motion_items(motion)
    plan = _plan(items)
    built = built_sections(motion, items=items)
    written = {s.key: content.get(s.key, s.text) for s in built}
    # The judge may state another period than the court's: the due date follows.
    days = period_days(court, [written["ordering"]])
    texts = {
        key: fill_deadline_fields(text, court, order_date, days)
        for key, text in written.items()
    }
    redacted: set[str] = set()
    if public_redacted:
        modes = _chosen_modes(plan, public_redactions or {}, texts)
        redacted = {key for key, mode in modes.items() if mode == LEAVE_OUT_ALL}
        public = {
            s.key: [fill_deadline_fields(p, court, order_date, days) for p in s.public]
            for s in built
        }
        for key, text in texts.items():
            if modes.get(key) == LEAVE_OUT_ALL:
                texts[key] = REDACTED
            elif modes.get(key) == LEAVE_OUT_SPECIFICS:
                texts[key] = public_text(text, public.get(key, ())) or REDACTED
    whole = sealed_whole(items)
    sections = []
    for standard in plan.standards():
        grounds = []
        for group in plan.grounds:
            if group.standard != standard:
                continue
            grounds.append(
                _ground_section(group, texts, redacted=redacted, whole=whole)
            )
        sections.append(
            StandardSection(
                heading=_standard_heading(standard),
                legal_standard_paragraphs=[texts[_section_key("standard", standard)]],
                ground_sections=grounds,
                treated_as_dispositive_note=texts.get(
                    _section_key("dispositive", standard)
                ),
            )
        )
    judge = case.assigned_judge
    signed = signature is not None
    return OrderDocument(
        court_name=court.name.upper(),
        court_district_line=court.district.upper(),
        case_number=case.number,
        caption_parties=caption_parties(case),
        title="ORDER",
        subject=f"{motion.title} (#{motion.entry.number})",
        introduction=[texts["introduction"]],
        standard_sections=sections,
        ordering_paragraphs=[texts["ordering"]],
        judge_name=signing_judge_name
        or (judge.name if judge else "United States Judge"),
        judge_title=signing_judge_title
        or (judge.title if judge else "United States District Judge"),
        dated=order_date if signed else None,
        signature=signature,
        draft=not signed,
        undecided=[undecided_line(item) for item in plan.undecided],
        pleading_paper=court.pleading_paper,
        font_family=court.order_font,
    )


def _ground_section(
    group: _Ground, texts: Mapping[str, str], *, redacted: set[str], whole: set[int]
) -> GroundSection:
    def listed(n: int, item: SealingItem) -> OrderItem:
        entry = _order_item(n, item, group.alternatives.get(item.pk, ()))
        return _redacted_item(entry) if f"item:{item.pk}" in redacted else entry

    granted = [listed(n, item) for n, item in enumerate(group.granted, start=1)]
    denied = [listed(n, item) for n, item in enumerate(group.denied, start=1)]
    findings = texts[_section_key("findings", group.standard, group.ground)]
    denial = texts.get(_section_key("denial", group.standard, group.ground))
    lead_in = {"denied_lead_in": denied_lead_in(group)} if denied else {}
    return GroundSection(
        heading=_ground_heading(group.ground),
        findings=[findings],
        granted=granted,
        denied=denied,
        **lead_in,
        granted_conclusion=(
            granted_conclusion(group.granted, whole) if granted else None
        ),
        denial_discussion=[denial] if denied and denial else (),
    )


def denied_lead_in(group: _Ground) -> str:
    """The sentence before the list of items denied on a ground."""
    movants, plural = _movants_noun(group.denied[0].motion)
    finding = STANDARD_FINDING.get(group.standard, "sufficient grounds")
    return (
        f"{_capitalized(movants)} {'have' if plural else 'has'} not shown {finding} "
        "to seal the following material, and the request is denied as to it:"
    )


def _redacted_item(item: OrderItem) -> OrderItem:
    """The item without its parenthetical; the footnote, which names only the
    ground not reached, stays."""
    return replace(item, reason=REDACTED)


def listed_items(order: OrderDocument) -> list[tuple[str, str, str, str]]:
    """(standard heading, ground heading, granted/denied, docket ref + portions)
    for every item the order lists; tests and the preview use it."""
    return [
        (section.heading, ground.heading, ruling, f"{item.docket_ref} {item.portions}")
        for section, ground, ruling, item in order.items()
    ]


__all__ = [
    "DUE_DATE_FIELD",
    "PERIOD_FIELD",
    "DraftingError",
    "EditableSection",
    "LEAVE_OUT_ALL",
    "LEAVE_OUT_LABELS",
    "LEAVE_OUT_NOTHING",
    "LEAVE_OUT_SPECIFICS",
    "PublicChoice",
    "alternative_footnote",
    "build_order",
    "built_sections",
    "caption_parties",
    "changed_content",
    "PeriodConflict",
    "deadline_disagreement",
    "editable_sections",
    "fill_deadline_fields",
    "listed_items",
    "number_words",
    "ordered_period",
    "period_days",
    "leave_out_mode",
    "public_choices",
    "public_text",
    "redaction_due_date",
    "sealed_whole",
    "seals_whole",
    "stated_dates",
    "stated_periods",
    "undecided_items",
]
