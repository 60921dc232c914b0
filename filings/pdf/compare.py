"""Check a public version against the sealed original and the approved regions.

The sealing order approves regions of the original. The public version
complies when (1) no approved region's text is left in it, anywhere in its
text layer, hidden or not (under-redaction); (2) every word outside the
approved regions is still there, including the paragraphs the judge refused to
seal (over-redaction); and (3) nothing else changed (altered text).

The public version may have been re-typeset (a redacted Word file saved again
as PDF), so words are aligned by sequence first (difflib over normalised words)
and only then, for what the sequence leaves unmatched, by position on the page.
"""

from __future__ import annotations

import bisect
import difflib
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pypdfium2 as pdfium

from filings.pdf.geometry import Region, UnreadablePdf
from filings.pdf.inspect import (
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

# Words a redaction tool writes on its boxes; they may appear in the public
# version without being "altered text" (any words written inside an approved
# region count as its label too).
REDACTION_LABELS = frozenset(
    {"redacted", "redaction", "sealed", "withheld", "confidential"}
)
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

    before = tokens_of(original_words)
    after = tokens_of(public_words)
    places = [_place(t, regions_by_page) for t in before]
    alignment = _align(before, after)
    report = ComplianceReport(
        approved_words=sum(p == "inside" for p in places),
        kept_words=sum(p == "outside" for p in places),
    )
    report.findings.extend(_under_redaction(before, after, places, alignment))
    report.findings.extend(
        _missing_and_altered(before, after, places, alignment, regions_by_page)
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
    report.findings = masked(report.findings)
    return report


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


def _align(before: list[Token], after: list[Token]) -> Alignment:
    a = [t.norm for t in before]
    b = [t.norm for t in after]
    pairs = _matched_pairs(a, b)
    partner: dict[int, int] = {}
    block_size: dict[int, int] = {}
    for block in _blocks(pairs):
        for i, j in block:
            partner[i] = j
            block_size[i] = len(block)
    opcodes = _opcodes(pairs, len(a), len(b))
    _match_by_position(before, after, partner)
    return Alignment(partner, block_size, opcodes)


# Runs of this many words that occur once in each version anchor the
# alignment, so difflib only works on the short gaps between anchors: on a
# 100-page brief difflib alone is quadratic in the words of repetitive prose.
ANCHOR = 4


def _matched_pairs(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Monotonic (i, j) pairs of equal words, as difflib would find them."""
    pairs: list[tuple[int, int]] = []
    next_i = next_j = 0
    for i, j in [*_anchors(a, b), (len(a), len(b))]:
        if i < next_i or j < next_j:
            continue  # overlaps the anchor before it
        gap = difflib.SequenceMatcher(None, a[next_i:i], b[next_j:j], autojunk=False)
        for block in gap.get_matching_blocks():
            pairs.extend(
                (next_i + block.a + k, next_j + block.b + k) for k in range(block.size)
            )
        if i == len(a) and j == len(b):
            break
        pairs.extend((i + k, j + k) for k in range(ANCHOR))
        next_i, next_j = i + ANCHOR, j + ANCHOR
    return pairs


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
    """Pair leftover words that sit at the same spot with the same text."""
    taken = set(partner.values())
    spare: dict[tuple[int, str], list[int]] = {}
    for j, token in enumerate(after):
        if j not in taken:
            spare.setdefault((token.page, token.norm), []).append(j)
    for i, token in enumerate(before):
        if i in partner:
            continue
        for j in spare.get((token.page, token.norm), []):
            if j in taken:
                continue
            if _same_spot(token, after[j]):
                partner[i] = j
                taken.add(j)
                break


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
    )
    return findings


def _runs(
    tokens: list[Token],
    indexes: list[int],
    kind: str,
    severity: Literal["fail"],
    message: str,
) -> list[Finding]:
    """One finding per run of consecutive tokens on one page."""
    findings: list[Finding] = []
    run: list[int] = []
    for i in sorted(set(indexes)):
        if run and (i != run[-1] + 1 or tokens[i].page != tokens[run[-1]].page):
            findings.append(_finding(tokens, run, kind, severity, message))
            run = []
        run.append(i)
    if run:
        findings.append(_finding(tokens, run, kind, severity, message))
    return findings


def _finding(
    tokens: list[Token],
    run: list[int],
    kind: str,
    severity: Literal["fail"],
    message: str,
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
