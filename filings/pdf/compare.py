"""Check a public version against the sealed original and the approved regions.

The sealing order approves regions of the original. The public version
complies when (1) no approved region's text is left in it, anywhere in its
text layer, hidden or not (under-redaction); (2) every word outside the
approved regions is still there, including the paragraphs the judge refused to
seal (over-redaction); and (3) nothing else changed (altered text).

The public version may have been re-typeset (a redacted Word file saved again
as PDF), so words are aligned by sequence first (normalised words) and only
then, for what the sequence leaves unmatched, by position on the page. The
sequence alignment anchors on words unique to both versions and gives difflib
only small windows, so its time stays near-linear even on a filing that
repeats a few words over and over (an upload is checked in a background job).
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pypdfium2 as pdfium

from filings.pdf.geometry import Region, UnreadablePdf
from filings.pdf.inspect import (
    REDACTION_LABELS,
    Finding,
    Report,
    Verdict,
    Word,
    extract_words,
    inspect_pdf,
    masked,
    page_count,
    verdict_of,
)
from filings.pdf.layout import _paragraph_opening as paragraph_opening
from filings.pdf.layout import analyze

# Words a redaction tool writes on its boxes (REDACTION_LABELS, shared with the
# inspector) may appear in the public version without being "altered text";
# any words written inside an approved region count as its label too.

# Two words at the same spot on the same page are the same word, even when the
# text layer lists them in another order.
POSITION_TOLERANCE = 3.0

Place = Literal["inside", "edge", "outside"]


@dataclass
class Token:
    """A normalised word (hyphenated line breaks joined) and the words it came from."""

    norm: str
    words: list[Word]

    @property
    def page(self) -> int:
        return self.words[0].page

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class ComplianceReport:
    findings: list[Finding] = field(default_factory=list)
    approved_words: int = 0  # words of the original inside approved regions
    kept_words: int = 0  # words of the original outside them
    # Elementary comparisons the word alignment made (see _Aligner): near
    # linear in the words, whatever the text repeats.
    alignment_work: int = 0

    @property
    def verdict(self) -> Verdict:
        return verdict_of(self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "approved_words": self.approved_words,
            "kept_words": self.kept_words,
            "findings": [f.to_dict() for f in self.findings],
        }


def normalize_word(text: str) -> str:
    """Casefolded, NFKC, without surrounding punctuation; '' for pure punctuation."""
    value = unicodedata.normalize("NFKC", text).casefold().replace("\u00ad", "")
    return value.strip(".,;:!?\"'()[]{}“”‘’«»—–-*§¶")


def tokens_of(words: Sequence[Word]) -> list[Token]:
    """Tokens in text-layer order, joining a word hyphenated across a line break."""
    tokens: list[Token] = []
    pending: Word | None = None
    for word in words:
        if pending is not None:
            joined = pending.text[:-1] + word.text
            if word.line != pending.line and word.page == pending.page:
                norm = normalize_word(joined)
                if norm:
                    tokens.append(Token(norm, [pending, word]))
                pending = None
                continue
            _append(tokens, pending)
            pending = None
        if word.text.endswith("-") and len(word.text) > 1 and word.text[-2].isalpha():
            pending = word
            continue
        _append(tokens, word)
    if pending is not None:
        _append(tokens, pending)
    return tokens


def _append(tokens: list[Token], word: Word) -> None:
    norm = normalize_word(word.text)
    if norm:
        tokens.append(Token(norm, [word]))


def _place(token: Token, regions_by_page: dict[int, list[Region]]) -> Place:
    regions = regions_by_page.get(token.page, [])
    if not regions:
        return "outside"
    place: Place = "outside"
    for word in token.words:
        cx, cy = word.center
        if any(r.contains_point(cx, cy) for r in regions):
            return "inside"
        if any(r.intersects(*word.bbox) for r in regions):
            place = "edge"
    return place


def check_compliance(
    original: bytes, public: bytes, approved: Sequence[Region]
) -> ComplianceReport:
    """Compare the public version with the original under the approved regions.

    Raises UnreadablePdf if either file cannot be read, and ValueError if a
    region names a page the original does not have.
    """
    try:
        original_words = extract_words(original)
        _check_regions(original, approved)
    except UnreadablePdf as exc:
        raise UnreadablePdf(f"the original: {exc}") from exc
    try:
        public_words = extract_words(public)
    except UnreadablePdf as exc:
        raise UnreadablePdf(f"the public version: {exc}") from exc
    regions_by_page: dict[int, list[Region]] = {}
    for region in approved:
        regions_by_page.setdefault(region.page, []).append(region)

    report = _compare_words(original_words, public_words, regions_by_page)
    if report.findings:
        # Margin line numbers, printed page numbers and paragraph numbers are
        # the page's furniture, not its text: a version re-typeset on other
        # paper, or one page shorter, numbers them differently. Setting them
        # aside needs the layout analysis of both files, which is only worth
        # its time when the words do not all match as they are.
        report = _compare_words(
            _without_furniture(original_words, original),
            _without_furniture(public_words, public),
            regions_by_page,
        )
    report.findings.extend(
        _changed_pictures(
            original,
            public,
            regions_by_page,
            report.findings,
            [*original_words, *public_words],
        )
    )
    report.findings.extend(
        _kept_pictures(original, public, regions_by_page, original_words)
    )
    report.findings = masked(report.findings)
    return report


def _compare_words(
    original_words: list[Word],
    public_words: list[Word],
    regions_by_page: dict[int, list[Region]],
) -> ComplianceReport:
    """Under-redaction, over-redaction and altered text, word by word."""
    before = tokens_of(original_words)
    after = tokens_of(public_words)
    places = [_place(t, regions_by_page) for t in before]
    alignment = _align(before, after)
    report = ComplianceReport(
        approved_words=sum(p == "inside" for p in places),
        kept_words=sum(p == "outside" for p in places),
        alignment_work=alignment.work,
    )
    report.findings.extend(_under_redaction(before, after, places, alignment))
    report.findings.extend(
        _missing_and_altered(before, after, places, alignment, regions_by_page)
    )
    return report


# A word is furniture when its centre lies within this many points of a
# furniture box of the layout analysis (which measures glyphs a little
# differently in height).
FURNITURE_SLACK = 2.0


def _without_furniture(words: list[Word], pdf: bytes) -> list[Word]:
    """The words that are not page furniture: margin line numbers, printed page
    numbers and running headers or footers, and the numbers that open numbered
    paragraphs ("62." stays when the paragraph is replaced by "[REDACTED]")."""
    boxes = _furniture_boxes(pdf)
    if not boxes:
        return words
    return [
        w
        for w in words
        if not any(
            b[0] - FURNITURE_SLACK <= w.center[0] <= b[2] + FURNITURE_SLACK
            and b[1] - FURNITURE_SLACK <= w.center[1] <= b[3] + FURNITURE_SLACK
            for b in boxes.get(w.page, ())
        )
    ]


_PAGE_NUMBERING = re.compile(r"(?i)^(?:page|of|[-–—(]*\d{1,4}[-–—).]*)$")


def _furniture_boxes(pdf: bytes) -> dict[int, list[Box]]:
    try:
        layout = analyze(pdf)
    except UnreadablePdf:
        return {}
    boxes: dict[int, list[Box]] = {}
    for page in layout.pages:
        mine = boxes.setdefault(page.number, [])
        mine.extend((m.x0, m.top, m.x1, m.bottom) for m in page.margin_numbers)
        # Of header and footer lines, only the page numbering ("4", "- 4 -",
        # "Page 4 of 10"): a running title is in both versions anyway, and
        # body text the layout analysis took for a header keeps its words.
        mine.extend(
            (w.x0, w.top, w.x1, w.bottom)
            for line in page.lines
            if line.kind == "furniture"
            for w in line.words
            if _PAGE_NUMBERING.match(w.text)
        )
        # Every line opening with a paragraph number ("25.", "¶ 25"), not only
        # those the paragraph analysis strings together: in a redacted version
        # the numbers no longer run on ("64." then "72.").
        for line in page.lines:
            if line.kind == "body" and paragraph_opening(line) is not None:
                numbered = (
                    line.words[:2] if line.words[0].text == "¶" else line.words[:1]
                )
                mine.extend((w.x0, w.top, w.x1, w.bottom) for w in numbered)
    return boxes


def _check_regions(original: bytes, approved: Sequence[Region]) -> None:
    pages = page_count(original)
    for region in approved:
        if region.page > pages:
            raise ValueError(
                f"an approved region is on page {region.page}, "
                f"but the original has {pages} page(s)"
            )


@dataclass
class Alignment:
    # before index -> after index, and the size of the matching block it is in
    partner: dict[int, int]
    block_size: dict[int, int]
    opcodes: list[tuple[str, int, int, int, int]]
    work: int = 0  # elementary comparisons spent aligning (see _Aligner.work)


def _align(before: list[Token], after: list[Token]) -> Alignment:
    aligner = _Aligner(before, after)
    pairs = aligner.matched_pairs()
    partner: dict[int, int] = {}
    block_size: dict[int, int] = {}
    for block in _blocks(pairs):
        for i, j in block:
            partner[i] = j
            block_size[i] = len(block)
    opcodes = _opcodes(pairs, len(before), len(after))
    _match_by_position(before, after, partner)
    return Alignment(partner, block_size, opcodes, aligner.work)


# Runs of this many words that occur once in each version anchor the
# alignment, so difflib only works on the short gaps between anchors: on a
# 100-page brief difflib alone is quadratic in the words of repetitive prose.
ANCHOR = 4
# difflib gets a gap whole only up to this many cells (words of the original
# times words of the public version); its cost grows with the cells, and on
# text that cycles through a few words it nears cells x words.
WINDOW_CELLS = 160 * 160
# A larger gap is split at words that occur once on each side of it, else at
# words left at the same spot or page by page; this many times over before
# walking it with difflib windows of WINDOW words, half a window at a time.
MAX_DEPTH = 6
WINDOW = 160
# Words of one line compared by position, at most, for each word.
SPOT_CANDIDATES = 64


class _Aligner:
    """Monotonic pairs of equal words, in time near-linear in the words.

    `work` counts the elementary comparisons: the cells of every difflib
    window, the words scanned for anchors and the candidates compared by
    position. It stays within a small multiple of words x WINDOW on any input.
    """

    def __init__(self, before: list[Token], after: list[Token]) -> None:
        self.before, self.after = before, after
        self.a = [t.norm for t in before]
        self.b = [t.norm for t in after]
        self.work = 0

    def matched_pairs(self) -> list[tuple[int, int]]:
        a, b = self.a, self.b
        pairs: list[tuple[int, int]] = []
        next_i = next_j = 0
        self.work += len(a) + len(b)
        for i, j in [*_anchors(a, b), (len(a), len(b))]:
            if i < next_i or j < next_j:
                continue  # overlaps the anchor before it
            pairs.extend(self._gap(next_i, i, next_j, j, depth=0))
            if i == len(a) and j == len(b):
                break
            pairs.extend((i + k, j + k) for k in range(ANCHOR))
            next_i, next_j = i + ANCHOR, j + ANCHOR
        return pairs

    def _gap(
        self, i0: int, i1: int, j0: int, j1: int, depth: int, places: bool = True
    ) -> list[tuple[int, int]]:
        head: list[tuple[int, int]] = []
        tail: list[tuple[int, int]] = []
        if not places:
            # Equal heads and tails pair off cheaply. Not while the spots on
            # the page may still have their say: in look-alike text an equal
            # head runs on past a removed line, pairing each line with the next.
            head, tail, (i0, i1, j0, j1) = self._trim(i0, i1, j0, j1)
        if i0 == i1 or j0 == j1:
            middle: list[tuple[int, int]] = []
        elif (i1 - i0) * (j1 - j0) <= WINDOW_CELLS:
            middle = self._difflib(i0, i1, j0, j1)
        else:
            middle = self._split(i0, i1, j0, j1, depth, places)
        return head + middle + tail

    def _trim(
        self, i0: int, i1: int, j0: int, j1: int
    ) -> tuple[list[tuple[int, int]], list[tuple[int, int]], tuple[int, int, int, int]]:
        """The equal head and tail of a gap, and what remains between them."""
        a, b = self.a, self.b
        head: list[tuple[int, int]] = []
        while i0 < i1 and j0 < j1 and a[i0] == b[j0]:
            head.append((i0, j0))
            i0, j0 = i0 + 1, j0 + 1
        tail: list[tuple[int, int]] = []
        while i0 < i1 and j0 < j1 and a[i1 - 1] == b[j1 - 1]:
            i1, j1 = i1 - 1, j1 - 1
            tail.append((i1, j1))
        self.work += len(head) + len(tail)
        return head, tail[::-1], (i0, i1, j0, j1)

    def _difflib(self, i0: int, i1: int, j0: int, j1: int) -> list[tuple[int, int]]:
        self.work += (i1 - i0) * (j1 - j0)
        matcher = difflib.SequenceMatcher(
            None, self.a[i0:i1], self.b[j0:j1], autojunk=False
        )
        return [
            (i0 + block.a + k, j0 + block.b + k)
            for block in matcher.get_matching_blocks()
            for k in range(block.size)
        ]

    def _split(
        self, i0: int, i1: int, j0: int, j1: int, depth: int, places: bool
    ) -> list[tuple[int, int]]:
        """A gap too large for difflib: anchor it, or walk it window by window.

        `places`: whether words at the same spot may anchor it (not when a
        larger gap already found the spots no better than the sequence).
        """
        if depth >= MAX_DEPTH:
            return self._windows(i0, i1, j0, j1)
        unique = self._unique_words(i0, i1, j0, j1)
        if unique:
            return self._around(unique, i0, i1, j0, j1, depth, places)
        by_spot = self._same_spots(i0, i1, j0, j1) if places else []
        by_sequence = self._by_sequence(i0, i1, j0, j1, depth)
        if by_spot:
            placed = self._around(by_spot, i0, i1, j0, j1, depth, places)
            # True redaction keeps the layout, so the spots decide, unless
            # the sequence pairs more words: then the spots were the chance
            # coincidences of a re-typeset version.
            if len(placed) >= len(by_sequence):
                return placed
        return by_sequence

    def _around(
        self,
        anchors: list[tuple[int, int]],
        i0: int,
        i1: int,
        j0: int,
        j1: int,
        depth: int,
        places: bool,
    ) -> list[tuple[int, int]]:
        """The anchors and what aligns in the gaps between them."""
        pairs: list[tuple[int, int]] = []
        prev_i, prev_j = i0, j0
        for i, j in anchors:
            pairs.extend(self._gap(prev_i, i, prev_j, j, depth + 1, places))
            pairs.append((i, j))
            prev_i, prev_j = i + 1, j + 1
        pairs.extend(self._gap(prev_i, i1, prev_j, j1, depth + 1, places))
        return pairs

    def _by_sequence(
        self, i0: int, i1: int, j0: int, j1: int, depth: int
    ) -> list[tuple[int, int]]:
        """Page by page if both sides span the same pages, else window by window."""
        pages = self._page_breaks(i0, i1, j0, j1)
        if not pages:
            return self._windows(i0, i1, j0, j1)
        pairs: list[tuple[int, int]] = []
        for (a0, b0), (a1, b1) in itertools.pairwise(pages):
            pairs.extend(self._gap(a0, a1, b0, b1, depth + 1, places=False))
        return pairs

    def _page_breaks(self, i0: int, i1: int, j0: int, j1: int) -> list[tuple[int, int]]:
        """Where each page starts on both sides, if the gap spans the same pages.

        With nothing else to go on, page n of the original is compared with
        page n of the public version: a walk through look-alike text that
        lost its way on one page starts afresh on the next.
        """
        pages_a = [t.page for t in self.before[i0:i1]]
        pages_b = [t.page for t in self.after[j0:j1]]
        self.work += len(pages_a) + len(pages_b)
        first, last = pages_a[0], pages_a[-1]
        if first == last or (pages_b[0], pages_b[-1]) != (first, last):
            return []
        return [
            (i0 + bisect.bisect_left(pages_a, n), j0 + bisect.bisect_left(pages_b, n))
            for n in range(first, last + 1)
        ] + [(i1, j1)]

    def _unique_words(
        self, i0: int, i1: int, j0: int, j1: int
    ) -> list[tuple[int, int]]:
        """Patience anchors: words once on each side of the gap, longest chain."""
        self.work += (i1 - i0) + (j1 - j0)
        once_a = _once(self.a, i0, i1)
        once_b = _once(self.b, j0, j1)
        return _longest_increasing(
            sorted((i, once_b[w]) for w, i in once_a.items() if w in once_b)
        )

    def _same_spots(self, i0: int, i1: int, j0: int, j1: int) -> list[tuple[int, int]]:
        """Equal words at the same spot of the same page: a layout true redaction kept.

        Text that only repeats a few words gives the sequence nothing to go
        on; where the public version keeps the original's layout, the place
        on the page tells which repetition is which.
        """
        spots: dict[tuple[int, str], list[tuple[float, int]]] = {}
        for j in range(j0, j1):
            key = (self.after[j].page, self.b[j])
            spots.setdefault(key, []).append((self.after[j].words[0].top, j))
        for spot in spots.values():
            spot.sort()
        self.work += (j1 - j0) + (i1 - i0)
        candidates: list[tuple[int, int]] = []
        for i in range(i0, i1):
            token = self.before[i]
            spot = spots.get((token.page, self.a[i]), [])
            top = token.words[0].top
            # Only the words on about the same line can be at the same spot.
            start = bisect.bisect_left(spot, (top - POSITION_TOLERANCE, -1))
            for _top, j in spot[start : start + SPOT_CANDIDATES]:
                self.work += 1
                if _same_spot(token, self.after[j]):
                    candidates.append((i, j))
                    break
        chain = _longest_increasing(candidates)
        # A re-typeset version puts a few equal words at equal spots by
        # chance; only a layout kept for most of the gap is evidence.
        if len(chain) * 2 < min(i1 - i0, j1 - j0):
            return []
        return chain

    def _windows(self, i0: int, i1: int, j0: int, j1: int) -> list[tuple[int, int]]:
        """difflib on windows of WINDOW words, keeping half a window each step.

        Each step costs at most WINDOW x WINDOW cells and moves the original
        on by half a window, so the gap costs about 2 x WINDOW per word.
        """
        pairs, tail, (i, i1, j, j1) = self._trim(i0, i1, j0, j1)
        while i < i1 and j < j1:
            end_i, end_j = min(i1, i + WINDOW), min(j1, j + WINDOW)
            found = self._difflib(i, end_i, j, end_j)
            if end_i == i1 and end_j == j1:
                pairs.extend(found)
                break
            half = i + (end_i - i + 1) // 2
            kept = [(p, q) for p, q in found if p < half]
            pairs.extend(kept)
            i, j = half, (kept[-1][1] + 1 if kept else j + (end_j - j + 1) // 2)
        return pairs + tail


def _once(words: list[str], start: int, stop: int) -> dict[str, int]:
    """Words occurring once in words[start:stop], with their index."""
    first: dict[str, int] = {}
    repeated: set[str] = set()
    for index in range(start, stop):
        word = words[index]
        if word in first:
            repeated.add(word)
        else:
            first[word] = index
    return {w: i for w, i in first.items() if w not in repeated}


def _anchors(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Starts of word runs unique to both versions, longest increasing chain."""

    def unique_runs(seq: list[str]) -> dict[tuple[str, ...], int]:
        first: dict[tuple[str, ...], int] = {}
        repeated: set[tuple[str, ...]] = set()
        for i in range(len(seq) - ANCHOR + 1):
            run = tuple(seq[i : i + ANCHOR])
            if run in first:
                repeated.add(run)
            else:
                first[run] = i
        return {run: i for run, i in first.items() if run not in repeated}

    in_b = unique_runs(b)
    candidates = sorted(
        (i, in_b[run]) for run, i in unique_runs(a).items() if run in in_b
    )
    return _longest_increasing(candidates)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs increasing in both coordinates (patience sort)."""
    tails: list[int] = []  # j of the smallest tail of each chain length
    tail_index: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for n, (_i, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_index.append(n)
        else:
            tails[k] = j
            tail_index[k] = n
        back[n] = tail_index[k - 1] if k else -1
    chain: list[tuple[int, int]] = []
    n = tail_index[-1] if tail_index else -1
    while n >= 0:
        chain.append(pairs[n])
        n = back[n]
    return chain[::-1]


def _blocks(pairs: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    blocks: list[list[tuple[int, int]]] = []
    for i, j in pairs:
        if blocks and blocks[-1][-1] == (i - 1, j - 1):
            blocks[-1].append((i, j))
        else:
            blocks.append([(i, j)])
    return blocks


def _opcodes(
    pairs: list[tuple[int, int]], len_a: int, len_b: int
) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes for the gaps between matched pairs."""
    codes: list[tuple[str, int, int, int, int]] = []
    prev_i = prev_j = 0
    for i, j in [*pairs, (len_a, len_b)]:
        if i > prev_i and j > prev_j:
            codes.append(("replace", prev_i, i, prev_j, j))
        elif i > prev_i:
            codes.append(("delete", prev_i, i, prev_j, j))
        elif j > prev_j:
            codes.append(("insert", prev_i, i, prev_j, j))
        prev_i, prev_j = i + 1, j + 1
    return codes


def _match_by_position(
    before: list[Token], after: list[Token], partner: dict[int, int]
) -> None:
    """Pair leftover words that sit at the same spot with the same text.

    Leftover words are filed in a grid of POSITION_TOLERANCE cells, so each
    word only looks at the few cells around its spot (at most SPOT_CANDIDATES
    words in each), however many times the page repeats it.
    """
    taken = set(partner.values())
    grid: dict[tuple[int, str, int, int], list[int]] = {}
    for j, token in enumerate(after):
        if j not in taken:
            grid.setdefault(_cell(token), []).append(j)
    for i, token in enumerate(before):
        if i in partner:
            continue
        page, norm, col, row = _cell(token)
        best: tuple[int, list[int]] | None = None
        for dc in (-1, 0, 1):
            for dr in (-1, 0, 1):
                cell = grid.get((page, norm, col + dc, row + dr), [])
                for j in cell[:SPOT_CANDIDATES]:
                    if _same_spot(token, after[j]):
                        if best is None or j < best[0]:
                            best = (j, cell)
                        break
        if best is not None:
            j, cell = best
            partner[i] = j
            cell.remove(j)


def _cell(token: Token) -> tuple[int, str, int, int]:
    first = token.words[0]
    return (
        token.page,
        token.norm,
        int(first.x0 // POSITION_TOLERANCE),
        int(first.top // POSITION_TOLERANCE),
    )


def _under_redaction(
    before: list[Token],
    after: list[Token],
    places: list[Place],
    alignment: Alignment,
) -> list[Finding]:
    leaked: list[int] = []
    for i, place in enumerate(places):
        if place != "inside" or i not in alignment.partner:
            continue
        j = alignment.partner[i]
        if _same_spot(before[i], after[j]):
            leaked.append(i)  # left where it was
            continue
        # A lone common word matched out of context ("per" in a label), or
        # the label's own "CONFIDENTIAL" matching the sealed text's, is not
        # evidence; a run of words or a long word elsewhere is.
        if after[j].norm in REDACTION_LABELS:
            continue
        if alignment.block_size.get(i, 1) >= 2 or len(before[i].norm) >= 6:
            leaked.append(i)
    return _runs(
        before,
        leaked,
        "under_redaction",
        "fail",
        "text of an approved region is still in the public version",
    )


def _same_spot(a: Token, b: Token) -> bool:
    first, second = a.words[0], b.words[0]
    return (
        first.page == second.page
        and abs(first.x0 - second.x0) <= POSITION_TOLERANCE
        and abs(first.top - second.top) <= POSITION_TOLERANCE
    )


def _missing_and_altered(
    before: list[Token],
    after: list[Token],
    places: list[Place],
    alignment: Alignment,
    regions_by_page: dict[int, list[Region]],
) -> list[Finding]:
    matched_after = set(alignment.partner.values())
    # Words written where an approved region was are the redaction's label
    # ("Redacted per ECF No. 45"), whatever they say.
    labels = {
        j for j, token in enumerate(after) if _place(token, regions_by_page) == "inside"
    }
    missing: list[int] = []
    replaced: list[int] = []
    inserted: list[int] = []
    for tag, i1, i2, j1, j2 in alignment.opcodes:
        if tag == "equal":
            continue
        new_words = [
            j
            for j in range(j1, j2)
            if j not in matched_after
            and j not in labels
            and after[j].norm not in REDACTION_LABELS
        ]
        lost = [
            i
            for i in range(i1, i2)
            if places[i] == "outside" and i not in alignment.partner
        ]
        if new_words and lost:
            replaced.extend(lost)
        else:
            missing.extend(lost)
        inserted.extend(new_words)
    findings = _runs(
        before,
        missing,
        "over_redaction",
        "fail",
        "text outside the approved regions is missing from the public version",
    )
    findings += _runs(
        before,
        replaced,
        "altered_text",
        "fail",
        "text outside the approved regions was changed in the public version",
    )
    findings += _runs(
        after,
        inserted,
        "altered_text",
        "fail",
        "the public version has text that is not in the original",
        file="public",
    )
    return findings


def _runs(
    tokens: list[Token],
    indexes: list[int],
    kind: str,
    severity: Literal["fail"],
    message: str,
    file: Literal["public", "original"] = "original",
) -> list[Finding]:
    """One finding per run of consecutive tokens on one page of ``file``."""
    findings: list[Finding] = []
    run: list[int] = []
    for i in sorted(set(indexes)):
        if run and (i != run[-1] + 1 or tokens[i].page != tokens[run[-1]].page):
            findings.append(_finding(tokens, run, kind, severity, message, file))
            run = []
        run.append(i)
    if run:
        findings.append(_finding(tokens, run, kind, severity, message, file))
    return findings


def _finding(
    tokens: list[Token],
    run: list[int],
    kind: str,
    severity: Literal["fail"],
    message: str,
    file: Literal["public", "original"],
) -> Finding:
    words = [w for i in run for w in tokens[i].words]
    return Finding(
        kind=kind,
        page=words[0].page,
        bbox=(
            min(w.x0 for w in words),
            min(w.top for w in words),
            max(w.x1 for w in words),
            max(w.bottom for w in words),
        ),
        text=" ".join(w.text for w in words),
        severity=severity,
        message=message,
        file=file,
    )


def check_public_version(
    public: bytes, original: bytes | None = None, approved: Sequence[Region] = ()
) -> Report:
    """Inspect a public version and, given the original, check it against the order.

    The inspection finds what is hidden in the file itself (boxes over live
    text, metadata, identifiers); the comparison finds what the order did not
    allow (approved text left in, other text taken out or changed).
    """
    report = inspect_pdf(public)
    if original is not None:
        report.findings.extend(check_compliance(original, public, approved).findings)
    return report


def regions_from_json(data: str) -> list[Region]:
    """Read `{"regions": [{"page": 1, "x0": .., "top": .., "x1": .., ...}]}`."""
    try:
        parsed = json.loads(data)
    except json.JSONDecodeError as exc:
        raise ValueError(f"the regions file is not JSON: {exc}") from exc
    items = parsed.get("regions") if isinstance(parsed, dict) else None
    if not isinstance(items, list):
        raise ValueError('the regions file needs a "regions" list')
    regions = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ValueError(f"region {n} is not an object: {item!r}")
        try:
            regions.append(Region.from_dict(item))
        except ValueError as exc:
            raise ValueError(f"region {n}: {exc}") from exc
    return regions


# --------------------------------------------------------------------------
# Pictures and drawings: what the text layer cannot see

# Low resolution is enough to see a photograph, a chart or a signature go.
PICTURE_SCALE = 0.5
# A pixel counts as changed past this grayscale step (0-255); anti-aliasing
# of a re-rendered glyph edge stays below it.
PICTURE_STEP = 96
# Changed pixels (at PICTURE_SCALE) a page may have outside the regions
# before a person should look: about a 10 x 10 point area.
PICTURE_TOLERANCE = 25
# Boxes and labels may spill a little past their region; glyphs past the
# tight boxes of their words.
REGION_MARGIN = 3.0
WORD_MARGIN = 2.0
# Changed pixels this many pixels apart (16 points) belong to one picture.
CLUSTER_CELL = 8


def _changed_pictures(
    original: bytes,
    public: bytes,
    regions_by_page: dict[int, list[Region]],
    findings: Sequence[Finding],
    words: Sequence[Word],
) -> list[Finding]:
    """Areas outside the approved regions and the words that render differently.

    Words are the text check's business; this finds pictures, charts and
    signatures. Only for a public version laid out like the original (same
    pages, same sizes), as true redaction leaves it.
    """
    before = pdfium.PdfDocument(original)
    after = pdfium.PdfDocument(public)
    try:
        if len(before) != len(after):
            return []
        changed = []
        for index in range(len(before)):
            number = index + 1
            allowed = [
                _grown(r, REGION_MARGIN) for r in regions_by_page.get(number, [])
            ]
            allowed += [_grown(w.bbox, WORD_MARGIN) for w in words if w.page == number]
            reported = [f.bbox for f in findings if f.page == number and f.bbox]
            for box in _changed_areas(before[index], after[index], allowed):
                if any(_overlaps(box, other) for other in reported):
                    continue  # that place is already named by a text finding
                changed.append(
                    Finding(
                        "altered_graphics",
                        number,
                        box,
                        "",
                        "review",
                        "the page looks different outside the approved regions: "
                        "a picture, chart or signature removed or changed?",
                    )
                )
        return changed
    finally:
        before.close()
        after.close()


Box = tuple[float, float, float, float]

# Ink (0-255 gray) darker than this is part of a picture; paper lighter than
# PAPER_LEVEL. A pixel whose gray moved less than KEPT_STEP is unchanged.
INK_LEVEL = 128
PAPER_LEVEL = 192
KEPT_STEP = 32
# Of the paper between a picture's strokes, the share still paper in the public
# version when the picture was left in (a box or a label over it darkens it).
KEPT_PAPER = 0.8
# A picture needs this much paper between its strokes to be told from a box.
MIN_PAPER = 10


def _kept_pictures(
    original: bytes,
    public: bytes,
    regions_by_page: dict[int, list[Region]],
    words: Sequence[Word],
) -> list[Finding]:
    """Pictures and drawings inside an approved region left in the public version.

    The text check sees only words; a chart, a photograph or a signature
    inside a region the court sealed must go too. Where the public version
    keeps the original's layout, the region's pixels outside the original's
    words are compared: a picture left in shows the same ink on the same
    paper, a redaction box or a blank shows neither.
    """
    if not regions_by_page:
        return []
    before = pdfium.PdfDocument(original)
    after = pdfium.PdfDocument(public)
    findings = []
    try:
        if len(before) != len(after):
            return []
        for number, regions in sorted(regions_by_page.items()):
            glyphs = [_grown(w.bbox, WORD_MARGIN) for w in words if w.page == number]
            for box in _kept_ink(
                before[number - 1], after[number - 1], regions, glyphs
            ):
                findings.append(
                    Finding(
                        "under_redaction",
                        number,
                        box,
                        "",
                        "fail",
                        "a picture or drawing inside an approved region is still "
                        "in the public version",
                        file="original",
                    )
                )
    finally:
        before.close()
        after.close()
    return findings


def _kept_ink(
    before: pdfium.PdfPage,
    after: pdfium.PdfPage,
    regions: list[Region],
    glyphs: list[Box],
) -> list[Box]:
    one = before.render(scale=PICTURE_SCALE, grayscale=True, draw_annots=True)
    two = after.render(scale=PICTURE_SCALE, grayscale=True, draw_annots=True)
    try:
        if (one.width, one.height) != (two.width, two.height):
            return []  # re-typeset: the text check's business
        width, height, stride = one.width, one.height, one.stride
        first, second = bytes(one.buffer), bytes(two.buffer)
    finally:
        one.close()
        two.close()
    inside = _mask(width, height, [_grown(r, 0.0) for r in regions])
    text = _mask(width, height, glyphs)
    hits: list[tuple[int, int]] = []
    for row in range(height):
        start = row * stride
        for col in range(width):
            k = row * width + col
            if not inside[k] or text[k]:
                continue
            a, b = first[start + col], second[start + col]
            if a < INK_LEVEL and abs(a - b) <= KEPT_STEP:
                hits.append((col, row))
    kept = []
    for blob in _clusters(hits):
        if len(blob) < PICTURE_TOLERANCE:
            continue
        c0, c1 = min(c for c, _ in blob), max(c for c, _ in blob)
        r0, r1 = min(r for _, r in blob), max(r for _, r in blob)
        paper = still = 0
        for row in range(r0, r1 + 1):
            start = row * stride
            for col in range(c0, c1 + 1):
                k = row * width + col
                if inside[k] and not text[k] and first[start + col] >= PAPER_LEVEL:
                    paper += 1
                    still += second[start + col] >= PAPER_LEVEL
        if paper >= MIN_PAPER and still >= KEPT_PAPER * paper:
            kept.append(
                (
                    c0 / PICTURE_SCALE,
                    r0 / PICTURE_SCALE,
                    (c1 + 1) / PICTURE_SCALE,
                    (r1 + 1) / PICTURE_SCALE,
                )
            )
    return kept


def _grown(box: Region | Box, margin: float) -> Box:
    if isinstance(box, Region):
        box = (box.x0, box.top, box.x1, box.bottom)
    x0, top, x1, bottom = box
    return (x0 - margin, top - margin, x1 + margin, bottom + margin)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _changed_areas(
    before: pdfium.PdfPage, after: pdfium.PdfPage, allowed: list[Box]
) -> list[Box]:
    """Boxes (points) of clusters of pixels that changed outside `allowed`."""
    one = before.render(scale=PICTURE_SCALE, grayscale=True, draw_annots=True)
    two = after.render(scale=PICTURE_SCALE, grayscale=True, draw_annots=True)
    try:
        if (one.width, one.height) != (two.width, two.height):
            return []  # another page size: re-typeset, words only
        width, height, stride = one.width, one.height, one.stride
        first, second = bytes(one.buffer), bytes(two.buffer)
    finally:
        one.close()
        two.close()
    if first == second:
        return []
    mask = _mask(width, height, allowed)
    hits: list[tuple[int, int]] = []
    for row in range(height):
        start = row * stride
        a, b = first[start : start + width], second[start : start + width]
        if a == b:
            continue
        free = mask[row * width : (row + 1) * width]
        hits.extend(
            (col, row)
            for col in range(width)
            if not free[col] and abs(a[col] - b[col]) > PICTURE_STEP
        )
    return [
        (
            min(c for c, _ in blob) / PICTURE_SCALE,
            min(r for _, r in blob) / PICTURE_SCALE,
            (max(c for c, _ in blob) + 1) / PICTURE_SCALE,
            (max(r for _, r in blob) + 1) / PICTURE_SCALE,
        )
        for blob in _clusters(hits)
        if len(blob) >= PICTURE_TOLERANCE
    ]


def _clusters(hits: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Changed pixels grouped by touching cells of a coarse grid."""
    cells: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for col, row in hits:
        cells.setdefault((col // CLUSTER_CELL, row // CLUSTER_CELL), []).append(
            (col, row)
        )
    blobs = []
    unvisited = set(cells)
    while unvisited:
        stack = [unvisited.pop()]
        blob: list[tuple[int, int]] = []
        while stack:
            cx, cy = stack.pop()
            blob.extend(cells[(cx, cy)])
            for nx in (cx - 1, cx, cx + 1):
                for ny in (cy - 1, cy, cy + 1):
                    if (nx, ny) in unvisited:
                        unvisited.remove((nx, ny))
                        stack.append((nx, ny))
        blobs.append(blob)
    return blobs


def _mask(width: int, height: int, boxes: list[Box]) -> bytearray:
    """1 for each pixel inside one of the boxes (given in points)."""
    mask = bytearray(width * height)
    for x0, top, x1, bottom in boxes:
        c0, c1 = (
            max(0, int(x0 * PICTURE_SCALE)),
            min(width, int(x1 * PICTURE_SCALE) + 1),
        )
        r0, r1 = (
            max(0, int(top * PICTURE_SCALE)),
            min(height, int(bottom * PICTURE_SCALE) + 1),
        )
        if c1 <= c0:
            continue
        for row in range(r0, r1):
            mask[row * width + c0 : row * width + c1] = b"\x01" * (c1 - c0)
    return mask
