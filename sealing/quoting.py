"""Sealed material quoted in an order's public text.

Part of an order is written from the clerk's notes, and the judge may rewrite
any section; either may quote what the order seals ("a review threshold of
0.7425"). Before a draft goes to the judge, and before an order is signed, the
text the public will read (the order itself, or a sealed order's public
version) is compared with the words of the granted portions: the located
regions of the granted items, read from the page layouts of the sealed
originals. Two kinds of match are reported, each with the section it is in:

- a run of four or more consecutive words that occurs inside the granted
  regions and nowhere public (runs of function words alone are ignored);
- a figure of three or more characters (a number, an amount, an address) that
  occurs only inside the granted regions.

"Public" is what anyone can read before the order is entered: the case's
public documents, the motion's own list of items, and the wording the order
takes from the court's standards. The unredacted rest of a lodged filing is not
public until its redacted version is filed, so a figure repeated there still
counts as sealed: a sealed value the parties failed to redact elsewhere is a
reason to look, not a licence to print it.

Granted items whose portions were never located cannot be checked; they are
listed so that the page can say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from filings.models import Access, Document
from filings.pdf.geometry import Region
from filings.pdf.layout import DocumentLayout
from sealing import regions, standards
from sealing.models import LocationStatus, MotionToSeal, Ruling, SealingItem
from sealing.orders import OrderDocument, plain_text, section_label

RUN = 4  # consecutive sealed words that make a match
MIN_FIGURE = 3  # characters of a figure that make a match
GRANTING = (Ruling.GRANTED, Ruling.GRANTED_IN_PART)
# Words that carry nothing on their own: a run needs two words besides these.
FUNCTION_WORDS = frozenset((
    "a", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can",
    "could", "did", "do", "does", "each", "for", "from", "had", "has", "have", "he",
    "her", "his", "if", "in", "into", "is", "it", "its", "may", "more", "must", "no",
    "not", "of", "on", "or", "our", "shall", "she", "should", "so", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "to", "under", "upon", "was", "we", "were", "when", "where", "which", "who",
    "will", "with", "would", "you", "your",
))  # fmt: skip
_EDGES = "\"'\u201c\u201d\u2018\u2019()[]{}<>.,;:!?*\u2014\u2013"
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class Match:
    """A stretch of the order's public text found in the sealed portions."""

    section: str
    phrase: str
    kind: str  # "words" or "figure"
    sealed_in: str  # where it is sealed: "#30"

    def __str__(self) -> str:
        what = "sealed words" if self.kind == "words" else "a sealed figure"
        return (
            f"\u201c{self.phrase}\u201d ({what} from #{self.sealed_in}) in "
            f"{self.section}"
        )


@dataclass
class SealedText:
    """What the granted portions say that the public cannot read."""

    runs: dict[tuple[str, ...], str] = field(default_factory=dict)
    figures: dict[str, str] = field(default_factory=dict)
    unlocated: list[SealingItem] = field(default_factory=list)


# --- Words ---------------------------------------------------------------------


def normal(word: str) -> str:
    """A word as compared: lower case, without quotes or punctuation around it."""
    return word.replace("\u2019", "'").strip(_EDGES).lower()


def figure(word: str) -> str | None:
    """The figure a word states ("$318,000" -> "318000"), or None: it must hold a
    digit and three characters; a bare year says nothing sealed."""
    text = normal(word).lstrip("$#").rstrip("%")
    if not any(c.isdigit() for c in text):
        return None
    text = text.replace(",", "")
    if len(text) < MIN_FIGURE or _YEAR.fullmatch(text):
        return None
    return text


def _words(text: str) -> list[str]:
    return [w for w in (normal(raw) for raw in plain_text(text).split()) if w]


def _runs(words: Sequence[str]) -> Iterator[tuple[str, ...]]:
    for start in range(len(words) - RUN + 1):
        yield tuple(words[start : start + RUN])


def _telling(run: tuple[str, ...]) -> bool:
    return sum(word not in FUNCTION_WORDS for word in run) >= 2


# --- The sealed portions ----------------------------------------------------------


def _inside(word_box: tuple[float, float, float, float], boxes: list[Region]) -> bool:
    x0, top, x1, bottom = word_box
    x, y = (x0 + x1) / 2, (top + bottom) / 2
    return any(b.x0 <= x <= b.x1 and b.top <= y <= b.bottom for b in boxes)


def _stretches(
    layout: DocumentLayout, sealed: Sequence[Region]
) -> tuple[list[list[str]], list[str]]:
    """The words inside the ``sealed`` regions, as runs of consecutive words in
    reading order, and every word outside them."""
    inside: list[list[str]] = []
    outside: list[str] = []
    by_page: dict[int, list[Region]] = {}
    for region in sealed:
        by_page.setdefault(region.page, []).append(region)
    for page in layout.pages:
        boxes = by_page.get(page.number, [])
        current: list[str] = []
        for line in page.lines:
            for word in line.words:
                text = normal(word.text)
                if not text:
                    continue
                if boxes and _inside((word.x0, word.top, word.x1, word.bottom), boxes):
                    current.append(text)
                    continue
                outside.append(text)
                if current:
                    inside.append(current)
                    current = []
        if current:
            inside.append(current)
    return inside, outside


def _located(item: SealingItem) -> tuple[DocumentLayout | None, list[Region]]:
    """The layout the item was located on and its boxes; of an item granted in
    part, only the boxes of the portions granted (the rest becomes public)."""
    location = (
        item.region_locations.filter(status=LocationStatus.LOCATED)
        .select_related("file")
        .first()
    )
    if location is None or location.file is None:
        return None, []
    if item.ruling == Ruling.GRANTED_IN_PART and item.granted_portions:
        boxes = regions.part_regions(item).granted
    else:
        boxes = [
            Region(row.page, row.x0, row.top, row.x1, row.bottom)
            for row in location.active_regions
        ]
    return location.file.load_layout() if boxes else None, boxes


def _public_words(motion: MotionToSeal) -> list[list[str]]:
    """Texts anyone can read before the order is entered, as word lists."""
    texts: list[list[str]] = []
    documents = Document.objects.filter(
        entry__case=motion.case, access=Access.PUBLIC
    ).prefetch_related("files")
    for document in documents:
        original = regions.current_original(document)
        layout = original.load_layout() if original is not None else None
        if layout is not None:
            texts.append([normal(w.text) for page in layout.pages for w in page.words])
    for item in motion.items.all():
        texts.append(_words(item.source_text))
        texts.append(_words(item.stated_reason))
        texts.append(_words(item.target_description))
    texts.append(_words(motion.title))
    profile = standards.get_profile(motion.case.court.circuit_profile)
    texts.extend(_words(text) for text in profile.standard_texts.values())
    return texts


def sealed_text(motion: MotionToSeal) -> SealedText:
    """The runs and figures of the motion's granted portions that are not public."""
    public = _public_words(motion)
    public_runs = {run for words in public for run in _runs(words)}
    public_figures = {f for words in public for w in words if (f := figure(w))}
    found = SealedText()
    items = (
        motion.items.not_withdrawn()
        .filter(ruling__in=GRANTING)
        .select_related("target__entry")
    )
    layouts: dict[int, tuple[DocumentLayout | None, list[Region]]] = {}
    for item in items.order_by("pk"):
        layout, boxes = _located(item)
        if layout is None:
            found.unlocated.append(item)
            continue
        layouts[item.pk] = (layout, boxes)
        ref = item.target.docket_ref
        inside, _ = _stretches(layout, boxes)
        for words in inside:
            for run in _runs(words):
                if run not in public_runs and _telling(run):
                    found.runs.setdefault(run, ref)
            for word in words:
                value = figure(word)
                if value and value not in public_figures:
                    found.figures.setdefault(value, ref)
    return found


# --- The order's text -----------------------------------------------------------------


def order_passages(order: OrderDocument) -> list[tuple[str, str]]:
    """Every text of the order with the name of the section it is in."""
    passages = [("the introduction", text) for text in order.introduction]
    for s_index, section in enumerate(order.standard_sections):
        s_label = f"section {section_label(s_index)} ({plain_text(section.heading)})"
        passages += [
            (f"{s_label}, legal standard", text)
            for text in section.legal_standard_paragraphs
        ]
        passages += [
            (f"{s_label}, why the papers are treated as dispositive", text)
            for text in section.dispositive_paragraphs
        ]
        for g_index, ground in enumerate(section.ground_sections):
            label = (
                f"section {section_label(s_index)}.{chr(ord('A') + g_index)} "
                f"({plain_text(ground.heading)})"
            )
            passages += [(f"{label}, findings", text) for text in ground.findings]
            passages += [(f"{label}, footnote", text) for text in ground.footnotes]
            for ruling, items in (
                ("granted", ground.granted),
                ("denied", ground.denied),
            ):
                for item in items:
                    where = f"{label}, {ruling} item {item.number}"
                    passages.append((where, item.reason))
                    if item.footnote:
                        passages.append((f"{where}, footnote", item.footnote))
            if ground.granted_conclusion:
                passages.append((f"{label}, findings", ground.granted_conclusion))
            passages += [
                (f"{label}, why the request is denied", text)
                for text in ground.denial_discussion
            ]
    passages += [
        ("the ordering paragraphs", text) for text in order.ordering_paragraphs
    ]
    return passages


def docx_passages(paragraphs: Iterable[str]) -> list[tuple[str, str]]:
    return [
        (f"paragraph {number} of the uploaded .docx", text)
        for number, text in enumerate(paragraphs, start=1)
        if text.strip()
    ]


def find(passages: Iterable[tuple[str, str]], sealed: SealedText) -> list[Match]:
    """The stretches of ``passages`` that say what the sealed portions say."""
    matches: list[Match] = []
    for section, text in passages:
        raw = [w for w in plain_text(text).split() if normal(w)]
        words = [normal(w) for w in raw]
        covered: set[int] = set()
        start = 0
        while start <= len(words) - RUN:
            run = tuple(words[start : start + RUN])
            if run not in sealed.runs:
                start += 1
                continue
            end = start + RUN
            while end < len(words) and tuple(words[end - RUN + 1 : end + 1]) in (
                sealed.runs
            ):
                end += 1
            phrase = " ".join(raw[start:end]).strip(_EDGES)
            matches.append(Match(section, phrase, "words", sealed.runs[run]))
            covered.update(range(start, end))
            start = end
        for position, word in enumerate(raw):
            value = figure(word)
            if position in covered or value is None or value not in sealed.figures:
                continue
            matches.append(
                Match(section, word.strip(_EDGES), "figure", sealed.figures[value])
            )
    return list(dict.fromkeys(matches))


def describe(matches: Sequence[Match], *, limit: int = 5) -> str:
    shown = "; ".join(str(m) for m in matches[:limit])
    more = f"; and {len(matches) - limit} more" if len(matches) > limit else ""
    return f"{shown}{more}"


__all__ = [
    "Match",
    "SealedText",
    "describe",
    "docx_passages",
    "find",
    "order_passages",
    "sealed_text",
]
