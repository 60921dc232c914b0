"""Portions of a sealing request -> regions on the pages of a document.

A portion cites the document's own page numbers ("p. 4 n.4", "pp. 1:18-2:21");
the layout maps those to PDF pages, pleading line numbers and paragraph
numbers. Anything that cannot be found exactly is reported as unresolved with a
reason a clerk can act on. Nothing is guessed: an unresolved portion yields no
region at all, so a wrong citation can never quietly redact the wrong text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from filings.pdf.geometry import Region
from filings.pdf.layout import (
    DocumentLayout,
    FootnoteLayout,
    PageLayout,
    ParagraphLayout,
    TextLine,
    analyze,
)
from filings.pdf.portions import (
    Footnote,
    Lines,
    Pages,
    Paragraphs,
    Portion,
    WholeDocument,
    format_portions,
    parse_portions,
)


@dataclass(frozen=True)
class Unresolved:
    portion: str  # in the court's notation, e.g. "¶ 99"
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"portion": self.portion, "reason": self.reason}


@dataclass(frozen=True)
class LocateResult:
    regions: list[Region] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "regions": [region.to_dict() for region in self.regions],
            "unresolved": [item.to_dict() for item in self.unresolved],
        }


class _Unresolvable(Exception):
    """Raised with the clerk-facing reason a portion cannot be located."""


def locate(layout: DocumentLayout, portions: Sequence[Portion]) -> LocateResult:
    """Regions covering ``portions``; what cannot be found goes to ``unresolved``."""
    regions: list[Region] = []
    unresolved: list[Unresolved] = []
    for portion in portions:
        try:
            found = _locate_one(layout, portion)
        except _Unresolvable as exc:
            unresolved.append(Unresolved(format_portions([portion]), str(exc)))
            continue
        regions.extend(r for r in found if r not in regions)
    return LocateResult(regions, unresolved)


def locate_in_pdf(pdf: bytes, portions_text: str) -> LocateResult:
    """Parse the portion notation and locate it in ``pdf``.

    Raises UnreadablePdf for a file that cannot be read and
    PortionSyntaxError for notation that cannot be read without guessing.
    """
    portions = parse_portions(portions_text)
    return locate(analyze(pdf), portions)


def _locate_one(layout: DocumentLayout, portion: Portion) -> list[Region]:
    if isinstance(portion, WholeDocument):
        return [_whole_page(page) for page in layout.pages]
    if isinstance(portion, Pages):
        return [_whole_page(p) for p in _page_span(layout, portion.first, portion.last)]
    if isinstance(portion, Lines):
        return _lines(layout, portion)
    if isinstance(portion, Paragraphs):
        return _paragraphs(layout, portion)
    if isinstance(portion, Footnote):
        return _footnote(layout, portion)
    raise TypeError(f"not a portion: {portion!r}")


# --- Pages -----------------------------------------------------------------------


def _whole_page(page: PageLayout) -> Region:
    return Region(page.number, 0.0, 0.0, page.width, page.height)


def _printed_range(layout: DocumentLayout) -> str:
    numbers = [p.printed_number for p in layout.pages if p.printed_number is not None]
    return f"{min(numbers)}-{max(numbers)}" if numbers else "none"


def _page(layout: DocumentLayout, printed: int) -> PageLayout:
    """The one page the document itself numbers ``printed``."""
    candidates = layout.pages_printed_as(printed)
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        indexes = ", ".join(str(p.number) for p in candidates)
        raise _Unresolvable(
            f"page {printed} appears more than once in the document's page "
            f"numbering (PDF pages {indexes}), so which one is meant cannot be "
            "told; cite it by paragraph instead"
        )
    count = len(layout.pages)
    if layout.numbering == "pdf_index":
        raise _Unresolvable(
            f"page {printed} does not exist: the document has {count} "
            f"page{'s' if count != 1 else ''}"
        )
    numbers = [p.printed_number for p in layout.pages if p.printed_number is not None]
    if min(numbers) < printed < max(numbers):
        raise _Unresolvable(
            f"no page is numbered {printed}: the printed numbering skips it "
            f"(it runs {_printed_range(layout)} over {count} PDF pages)"
        )
    raise _Unresolvable(
        f"no page is numbered {printed}: the printed page numbers run "
        f"{_printed_range(layout)} over {count} PDF pages"
    )


def _page_span(layout: DocumentLayout, first: int, last: int) -> list[PageLayout]:
    start, end = _page(layout, first), _page(layout, last)
    if end.number < start.number:
        raise _Unresolvable(f"the page range runs backwards ({first} to {last})")
    return layout.pages[start.number - 1 : end.number]


def _require_text(layout: DocumentLayout, page: PageLayout, what: str) -> None:
    if page.image_only:
        raise _Unresolvable(
            f"{layout.label(page)} is a scanned image with no text layer, so its "
            f"{what} cannot be located; seal or redact the whole page instead"
        )
    if not page.has_text_layer:
        raise _Unresolvable(f"{layout.label(page)} is blank")


# --- Page:line ranges ----------------------------------------------------------------


def _lines(layout: DocumentLayout, portion: Lines) -> list[Region]:
    if not layout.has_line_numbers:
        raise _Unresolvable(
            "the document has no pleading line numbers, so page:line citations "
            "cannot be located; cite pages or paragraphs instead"
        )
    pages = _page_span(layout, portion.first_page, portion.last_page)
    if len(pages) == 1 and portion.last_line < portion.first_line:
        raise _Unresolvable(
            f"the line range runs backwards ({portion.first_line} to "
            f"{portion.last_line})"
        )
    _check_line_exists(layout, pages[0], portion.first_line)
    _check_line_exists(layout, pages[-1], portion.last_line)
    regions = []
    for page in pages:
        # A page without line numbers inside the range (an exhibit slip
        # sheet, a scan) cannot be covered line by line; leaving it out would
        # quietly under-redact, so the clerk has to cite it another way.
        _require_text(layout, page, "lines")
        if not page.margin_numbers:
            raise _Unresolvable(
                f"{layout.label(page)}, inside the cited range, has no pleading "
                "line numbers; cite it as a whole page"
            )
        first = portion.first_line if page is pages[0] else 1
        last = portion.last_line if page is pages[-1] else _last_line_number(page)
        region = _cover(page, page.lines_numbered(first, last))
        if region is not None:
            regions.append(region)
    if not regions:
        raise _Unresolvable("the cited lines carry no text")
    return regions


def _last_line_number(page: PageLayout) -> int:
    return max((m.number for m in page.margin_numbers), default=0)


def _check_line_exists(layout: DocumentLayout, page: PageLayout, line: int) -> None:
    _require_text(layout, page, "lines")
    if not page.margin_numbers:
        raise _Unresolvable(f"{layout.label(page)} has no pleading line numbers")
    last = _last_line_number(page)
    if not 1 <= line <= last:
        raise _Unresolvable(
            f"{layout.label(page)} has {last} numbered lines; there is no line {line}"
        )


def _cover(page: PageLayout, lines: Iterable[TextLine]) -> Region | None:
    """One box around the text of ``lines``: the width of their words only."""
    lines = list(lines)
    return _around(page, lines) if lines else None


def _around(page: PageLayout, lines: Sequence[TextLine]) -> Region:
    return Region(
        page.number,
        min(line.x0 for line in lines),
        min(line.top for line in lines),
        max(line.x1 for line in lines),
        max(line.bottom for line in lines),
    )


# --- Numbered paragraphs ---------------------------------------------------------------


def _paragraphs(layout: DocumentLayout, portion: Paragraphs) -> list[Region]:
    if portion.last < portion.first:
        raise _Unresolvable(
            f"the paragraph range runs backwards ({portion.first} to {portion.last})"
        )
    if not layout.paragraphs:
        raise _Unresolvable(
            "no numbered paragraphs were recognised in the document: no line "
            "opens with a paragraph number (“12.” or “¶ 12”) laid out as the "
            "start of a paragraph in sequence; cite pages and lines instead"
            + _image_pages_note(layout)
        )
    by_number: dict[int, list[ParagraphLayout]] = {}
    for paragraph in layout.paragraphs:
        by_number.setdefault(paragraph.number, []).append(paragraph)
    wanted = range(portion.first, portion.last + 1)
    missing = [n for n in wanted if n not in by_number]
    if missing:
        numbers = [p.number for p in layout.paragraphs]
        raise _Unresolvable(
            f"{_paragraph_names(missing)} not in the document (its numbered "
            f"paragraphs run from ¶ {min(numbers)} to ¶ {max(numbers)})"
            + _image_pages_note(layout)
        )
    repeated = [n for n in wanted if len(by_number[n]) > 1]
    if repeated:
        raise _Unresolvable(
            f"{_paragraph_names(repeated)} appear more than once because the "
            "paragraph numbering restarts; cite the page and lines instead"
        )
    doubtful = [by_number[n][0] for n in wanted if by_number[n][0].doubt]
    if doubtful:
        raise _Unresolvable("; ".join(f"¶ {p.number}: {p.doubt}" for p in doubtful[:3]))
    regions = []
    for number in wanted:
        regions.extend(_paragraph_regions(layout, by_number[number][0]))
    return regions


def _paragraph_names(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"¶ {numbers[0]} is"
    shown = ", ".join(str(n) for n in numbers[:8])
    more = ", …" if len(numbers) > 8 else ""
    return f"¶¶ {shown}{more} are"


def _image_pages_note(layout: DocumentLayout) -> str:
    scanned = [layout.label(p) for p in layout.pages if p.image_only]
    if not scanned:
        return ""
    return f"; note that {', '.join(scanned[:5])} are scanned images without text"


def _paragraph_regions(
    layout: DocumentLayout, paragraph: ParagraphLayout
) -> list[Region]:
    """Regions around the paragraph's body lines on every page it spans.

    A page it runs over that is a scanned image has its text where no box
    can be placed from the layout; so has one right after its last line when
    that line ends its page. Either is reported, not skipped.
    """
    regions = []
    for number in range(paragraph.start_page, paragraph.end_page + 1):
        page = layout.page(number)
        if page.image_only:
            raise _Unresolvable(
                f"¶ {paragraph.number} runs over {layout.label(page)}, a scanned "
                "image with no text layer, so its text there cannot be located; "
                "seal or redact that page whole and cite the rest by page and line"
            )
        first = paragraph.start_line if number == paragraph.start_page else 0
        last = paragraph.end_line if number == paragraph.end_page else len(page.lines)
        own = [
            index
            for index in range(first, min(last, len(page.lines) - 1) + 1)
            if page.lines[index].kind == "body"
        ]
        regions.extend(_cover_apart(page, own))
    end = layout.page(paragraph.end_page)
    following = layout.pages[paragraph.end_page : paragraph.end_page + 1]
    body = [i for i, line in enumerate(end.lines) if line.kind == "body"]
    if following and following[0].image_only and body[-1:] == [paragraph.end_line]:
        raise _Unresolvable(
            f"¶ {paragraph.number} ends at the foot of {layout.label(end)} and "
            f"{layout.label(following[0])} after it is a scanned image with no "
            "text layer, which may hold the rest of it; cite it by page and line, "
            "and that page whole"
        )
    return regions


def _cover_apart(page: PageLayout, indexes: list[int]) -> list[Region]:
    """Boxes around the lines ``indexes`` of the page that take in no other line.

    A paragraph's lines usually make one box; a header, a footer or a
    footnote between or beside them (or another paragraph's text) splits it,
    so that nothing outside the paragraph is ever inside its region.
    """
    chosen = set(indexes)
    others = [line for i, line in enumerate(page.lines) if i not in chosen]
    regions: list[Region] = []
    run: list[TextLine] = []
    for index in indexes:
        line = page.lines[index]
        box = _around(page, [*run, line])
        if run and any(_overlaps(box, other) for other in others):
            regions.append(_around(page, run))
            run = []
        run.append(line)
    if run:
        regions.append(_around(page, run))
    return regions


def _overlaps(region: Region, line: TextLine) -> bool:
    """Whether a line's box reaches into the region by more than a hair (lines
    set tight may touch by a fraction of a point)."""
    return (
        min(region.x1, line.x1) - max(region.x0, line.x0) > 1.0
        and min(region.bottom, line.bottom) - max(region.top, line.top) > 1.0
    )


# --- Footnotes ---------------------------------------------------------------------------


def _footnote(layout: DocumentLayout, portion: Footnote) -> list[Region]:
    page = _page(layout, portion.page)
    _require_text(layout, page, "footnotes")
    for note in page.footnotes:
        if note.number == portion.number and not note.continued:
            return [_note_region(note)] + [
                _note_region(rest) for rest in _carried_over(layout, note)
            ]
    elsewhere = [n for n in layout.footnotes if n.number == portion.number]
    if elsewhere:
        found_on = ", ".join(layout.label(layout.page(n.page)) for n in elsewhere)
        raise _Unresolvable(
            f"footnote {portion.number} is on {found_on}, not on {layout.label(page)}"
        )
    if not layout.footnotes:
        raise _Unresolvable("the document has no footnotes")
    on_page = ", ".join(str(n.number) for n in page.footnotes) or "none"
    raise _Unresolvable(
        f"there is no footnote {portion.number} in the document (footnotes on "
        f"{layout.label(page)}: {on_page})"
    )


def _note_region(note: FootnoteLayout) -> Region:
    return Region(note.page, note.x0, note.top, note.x1, note.bottom)


def _carried_over(layout: DocumentLayout, note: FootnoteLayout) -> list[FootnoteLayout]:
    """The parts of a long note continued at the foot of the following pages."""
    parts = []
    for page in layout.pages[note.page :]:
        rest = [n for n in page.footnotes if n.continued and n.number == note.number]
        if not rest:
            break
        parts.extend(rest)
    return parts
