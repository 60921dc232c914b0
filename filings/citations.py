"""Lists of items in a sealing request, and docket references resolved to documents.

Django-free: the intake form, the triage screens and the command line all call
these functions with plain text and a plain mapping of the docket.

A clerk pastes the list of items from a motion or a proposed order; each item
names documents by docket reference ("#94-1", "ECF No. 94-1", "Dkt. 94") and the
portions to seal. Every line ends up either parsed or reported as an error, so
nothing a party asked for disappears silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from filings.pdf.portions import (
    MAX_REF_SPAN,
    REF_PREFIX,
    PortionSyntaxError,
    Target,
    parse_targets,
    strip_enumerator,
)

# --- Pasted lists of items --------------------------------------------------


@dataclass(frozen=True)
class ParsedItem:
    """An item that was read: where it starts, its text as pasted, its targets."""

    line_number: int  # 1-based line of the paste where the item starts
    text: str
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class ItemError:
    """An item that could not be read, and why, for the clerk to correct."""

    line_number: int
    text: str
    reason: str


@dataclass(frozen=True)
class ItemListResult:
    lines: tuple[ParsedItem, ...]
    errors: tuple[ItemError, ...]

    @property
    def targets(self) -> list[Target]:
        return [target for item in self.lines for target in item.targets]


# Text copied from pleading paper carries the margin's line numbers (1-28),
# sometimes after a list bullet: "- 7 1. Complaint (#1), ...".
_PLEADING_NUMBER = re.compile(r"^\s*(?:[-*\u2022]\s+)?(?P<number>\d{1,2})(?:\s+|$)")
_MAX_PLEADING_LINE = 28
# "...customers); and" closes an item in the courts' lists; an abbreviation
# such as "Decl." at the end of a line does not.
_CLOSED = re.compile(r"(?:;\s*(?:and|or)?|[)\d]\.)$")
# Words after which an item cannot have ended: the next line continues it.
_OPEN_ENDINGS = {"and", "or", "of", "to", "the", "in", "at", "for", "by", "with"}


def _strip_pleading_numbers(lines: list[str]) -> list[str]:
    """Drop margin line numbers when most lines carry them, mostly in sequence.

    A note typed under the pasted list ("entered by the clerk") has no margin
    number; it must not stop the numbers being removed from the other lines.
    """
    numbered = {}
    for index, line in enumerate(lines):
        match = _PLEADING_NUMBER.match(line)
        if match and 1 <= int(match["number"]) <= _MAX_PLEADING_LINE:
            numbered[index] = int(match["number"])
    filled = sum(1 for line in lines if not _is_blank(line))
    numbers = list(numbered.values())
    steps = sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b == a + 1)
    if len(numbers) < 3 or len(numbers) * 5 < filled * 4 or steps * 2 < len(numbers):
        return lines
    return [
        _PLEADING_NUMBER.sub("", line, count=1) if index in numbered else line
        for index, line in enumerate(lines)
    ]


def _is_blank(line: str) -> bool:
    # "..." placeholder lines and stray punctuation carry no item.
    return not any(char.isalnum() for char in line)


def _ends_at_blank_line(item_text: str) -> bool:
    """Whether a blank line after the item so far ends it (else: a page break)."""
    stripped = item_text.rstrip()
    if item_text.count("(") > item_text.count(")"):
        return False
    return _CLOSED.search(stripped) is not None or stripped.endswith(")")


def _continues(item_text: str, line: str) -> bool:
    """Whether ``line`` wraps the item so far, in a list without numbering."""
    if item_text.count("(") > item_text.count(")"):
        return True
    stripped = item_text.rstrip()
    if _CLOSED.search(stripped):
        return False
    words = stripped.split()
    if stripped.endswith((",", "-", "&")) or (words and words[-1] in _OPEN_ENDINGS):
        return True
    first = line.lstrip()[:1]
    return first.islower() or first in "(),;¶"


@dataclass
class _Item:
    line_number: int
    raw: list[str]
    body: list[str]


def _gather_items(text: str) -> list[_Item]:
    raw_lines = text.splitlines()
    lines = _strip_pleading_numbers(raw_lines)
    numbered = any(strip_enumerator(line)[1] for line in lines if not _is_blank(line))
    items: list[_Item] = []
    current: _Item | None = None
    after_blank = False
    for number, (raw, line) in enumerate(zip(raw_lines, lines, strict=True), 1):
        if _is_blank(line):
            after_blank = True
            continue
        body, enumerated = strip_enumerator(line)
        if current is None or enumerated:
            wraps = False
        elif after_blank:
            # A page break of pleading paper can fall inside an item.
            wraps = not _ends_at_blank_line(" ".join(current.body))
        else:
            wraps = numbered or _continues(" ".join(current.body), body)
        after_blank = False
        if wraps:
            current.raw.append(raw)
            current.body.append(body.strip())
            continue
        current = _Item(number, [raw], [body.strip()])
        items.append(current)
    return items


def parse_item_list(text: str) -> ItemListResult:
    """Read a pasted list of items, one per line or numbered, wrapped or not.

    Each item becomes a ParsedItem or an ItemError with the reason; the
    result accounts for every non-blank line of the paste.
    """
    parsed, errors = [], []
    for item in _gather_items(text):
        original = "\n".join(item.raw)
        try:
            targets = parse_targets(" ".join(item.body))
        except PortionSyntaxError as error:
            errors.append(ItemError(item.line_number, original, str(error)))
            continue
        parsed.append(ParsedItem(item.line_number, original, tuple(targets)))
    return ItemListResult(tuple(parsed), tuple(errors))


# --- Docket references against the docket -----------------------------------


class UnresolvedReference(ValueError):
    """A docket reference that names no document on this docket."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class AmbiguousReference(UnresolvedReference):
    """A reference like "33-34" that names different documents on two readings."""


_REF = re.compile(
    rf"^\s*(?:{REF_PREFIX})?\s*(?P<entry>\d+)(?:\s*-\s*(?P<att>\d+))?"
    r"(?:\s*(?:-|\bthrough\b|\bthru\b|\bto\b|\u2013|\u2014)\s*#?\s*"
    r"(?P<entry2>\d+)\s*-\s*(?P<att2>\d+))?\s*$",
    re.IGNORECASE,
)

Document = tuple[int, int | None]


def _describe_attachments(attachments: set[int]) -> str:
    if not attachments:
        return "it has no attachments"
    return f"its attachments are {', '.join(str(n) for n in sorted(attachments))}"


def _attachment_range(
    entry: int, first: int, last: int, docket: Mapping[int, set[int]]
) -> list[Document]:
    if last < first or last - first >= MAX_REF_SPAN:
        raise UnresolvedReference(
            f"attachments {entry}-{first} through {entry}-{last} are not a range"
        )
    if entry not in docket:
        raise UnresolvedReference(f"there is no docket entry {entry}")
    missing = [n for n in range(first, last + 1) if n not in docket[entry]]
    if missing:
        listed = ", ".join(f"{entry}-{n}" for n in missing)
        raise UnresolvedReference(
            f"entry {entry} has no attachment {listed} "
            f"({_describe_attachments(docket[entry])})"
        )
    return [(entry, n) for n in range(first, last + 1)]


def _entry_or_attachment(
    entry: int, second: int, docket: Mapping[int, set[int]]
) -> list[Document]:
    """ "33-34": attachment 34 of entry 33, or entries 33 through 34."""
    as_attachment = entry in docket and second in docket[entry]
    span = range(entry, second + 1)
    as_entries = entry < second <= entry + MAX_REF_SPAN and all(
        n in docket for n in span
    )
    if as_attachment and as_entries:
        raise AmbiguousReference(
            f"'{entry}-{second}' is ambiguous: entry {entry} has an attachment "
            f"{second}, and entries {entry} through {second} also exist; "
            "the filer must say which documents are meant"
        )
    if as_attachment:
        return [(entry, second)]
    if as_entries:
        return [(n, None) for n in span]
    if entry not in docket:
        raise UnresolvedReference(f"there is no docket entry {entry}")
    reason = (
        f"entry {entry} has no attachment {second} "
        f"({_describe_attachments(docket[entry])})"
    )
    if second > entry:
        absent = [str(n) for n in span if n not in docket]
        reason += f", and there is no docket entry {', '.join(absent)}"
    raise UnresolvedReference(reason)


def resolve_docket_ref(
    ref: str, docket: Mapping[int, set[int]]
) -> list[tuple[int, int | None]]:
    """The documents ``ref`` names on ``docket`` as (entry, attachment or None).

    ``docket`` maps each entry number to the numbers of its attachments.
    Raises UnresolvedReference when the reference names nothing on the docket
    and AmbiguousReference when it could name two different sets of documents.
    """
    match = _REF.match(ref)
    if match is None:
        raise UnresolvedReference(f"could not read docket reference {ref!r}")
    entry = int(match["entry"])
    if match["entry2"] is not None:
        if match["att"] is None or int(match["entry2"]) != entry:
            raise UnresolvedReference(
                f"{ref!r}: a range must run through attachments of one entry, "
                "like '64-1 through 64-5'"
            )
        return _attachment_range(entry, int(match["att"]), int(match["att2"]), docket)
    if match["att"] is not None:
        return _entry_or_attachment(entry, int(match["att"]), docket)
    if entry not in docket:
        raise UnresolvedReference(f"there is no docket entry {entry}")
    return [(entry, None)]
