"""The layout of a filed PDF: words, text lines, and the numbering courts cite.

A sealing request names portions in the document's own terms: printed page
numbers, pleading line numbers ("pp. 4:2-23"), paragraph numbers ("¶¶ 25-26")
and footnotes ("p. 4 n.4"). ``analyze`` reads those back out of a PDF so that
``locate`` can turn a portion into boxes on pages.

Coordinates are PDF points from the top-left corner of the page's visible box
(the crop box) in the orientation a viewer displays it, so a /Rotate 90 page
is measured as the landscape page the reader sees. Vertical extents of glyphs
follow pdfminer's model (from the font's descent to one em above it), which is
what pdfplumber reports and what the redaction engine removes, so a box that
covers a word here covers the same word there.

Characters come from PDFium (pypdfium2) by default. pdfplumber gives the same
boxes but is an order of magnitude slower (see docs/benchmarks/layout.md); it
stays available as ``backend="pdfplumber"`` for cross-checking.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import itertools
import multiprocessing
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from operator import itemgetter
from statistics import median
from typing import Any, Literal

import pypdfium2
import pypdfium2.raw as pdfium_c

from filings.pdf.forking import can_fork
from filings.pdf.geometry import Matrix, UnreadablePdf, mul

Backend = Literal["pdfium", "pdfplumber"]
LineKind = Literal["body", "footnote", "furniture"]
Numbering = Literal["printed", "pdf_index"]
NumberSource = Literal["own", "stamp"]

# Pleading paper numbers 28 lines; a few local rules allow more. Beyond this a
# column of small numbers in the margin is something else (a table, a list).
MAX_MARGIN_NUMBER = 40
# From this many pages on, a forked child reads the second half (see can_fork).
PARALLEL_MIN_PAGES = 24
MIN_MARGIN_NUMBERS = 10
# How far (as a fraction of the line pitch) a text line's centre may sit from
# a margin number's centre and still be that numbered line.
LINE_NUMBER_TOLERANCE = 0.3
# Header and footer bands where printed page numbers and ECF stamps live.
FURNITURE_BAND = 0.12
FOOTNOTE_SIZE_RATIO = 0.9


def _r(value: float) -> float:
    return round(value, 2)


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    def to_list(self) -> list[Any]:
        return [self.text, _r(self.x0), _r(self.top), _r(self.x1), _r(self.bottom)]

    @classmethod
    def from_list(cls, data: list[Any]) -> Word:
        text, x0, top, x1, bottom = data
        return cls(str(text), float(x0), float(top), float(x1), float(bottom))


@dataclass(slots=True)
class TextLine:
    """Words sharing a baseline, left to right."""

    words: list[Word]
    size: float  # the font size most of its characters use
    bold: bool = False
    kind: LineKind = "body"
    number: int | None = None  # the pleading line number in the margin
    # The box around the words, kept because regions are built from it often.
    x0: float = field(init=False)
    top: float = field(init=False)
    x1: float = field(init=False)
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        if not self.words:
            raise ValueError("a text line has at least one word")
        self.x0 = min(w.x0 for w in self.words)
        self.top = min(w.top for w in self.words)
        self.x1 = max(w.x1 for w in self.words)
        self.bottom = max(w.bottom for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def to_dict(self) -> dict[str, Any]:
        # Most words of a line share its top and bottom; store those once and
        # only the horizontal extent per word (a third of the size).
        common = Counter((_r(w.top), _r(w.bottom)) for w in self.words)
        (top, bottom), _ = common.most_common(1)[0]
        data: dict[str, Any] = {
            "y": [top, bottom],
            "w": [_word_entry(w, top, bottom) for w in self.words],
            "s": _r(self.size),
        }
        if self.bold:
            data["b"] = True
        if self.kind != "body":
            data["k"] = self.kind
        if self.number is not None:
            data["n"] = self.number
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TextLine:
        top, bottom = data["y"]
        return cls(
            words=[
                Word.from_list(w if len(w) == 5 else [w[0], w[1], top, w[2], bottom])
                for w in data["w"]
            ],
            size=float(data["s"]),
            bold=bool(data.get("b", False)),
            kind=data.get("k", "body"),
            number=data.get("n"),
        )


def _word_entry(word: Word, top: float, bottom: float) -> list[Any]:
    if (_r(word.top), _r(word.bottom)) == (top, bottom):
        return [word.text, _r(word.x0), _r(word.x1)]
    return word.to_list()


@dataclass(frozen=True, slots=True)
class MarginNumber:
    """One of the pleading line numbers printed down the left margin."""

    number: int
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def center(self) -> float:
        return (self.top + self.bottom) / 2

    def to_list(self) -> list[Any]:
        return [self.number, _r(self.x0), _r(self.top), _r(self.x1), _r(self.bottom)]

    @classmethod
    def from_list(cls, data: list[Any]) -> MarginNumber:
        number, x0, top, x1, bottom = data
        return cls(int(number), float(x0), float(top), float(x1), float(bottom))


@dataclass(frozen=True, slots=True)
class FootnoteLayout:
    number: int
    page: int  # PDF page index, 1-based
    first_line: int  # indexes into the page's lines
    last_line: int
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    # True for the part of a long note carried over to the top of the next
    # page's footnote area; it has no number of its own on that page.
    continued: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = {
            "number": self.number,
            "page": self.page,
            "lines": [self.first_line, self.last_line],
            "text": self.text,
            "box": [_r(self.x0), _r(self.top), _r(self.x1), _r(self.bottom)],
        }
        if self.continued:
            data["continued"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FootnoteLayout:
        first, last = data["lines"]
        x0, top, x1, bottom = data["box"]
        return cls(
            int(data["number"]), int(data["page"]), int(first), int(last),
            str(data["text"]), float(x0), float(top), float(x1), float(bottom),
            bool(data.get("continued", False)),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class ParagraphLayout:
    """A numbered paragraph from its number to the end of its last line."""

    number: int
    start_page: int  # PDF page index, 1-based
    start_line: int  # index into that page's lines
    end_page: int
    end_line: int
    # Why where the paragraph starts or ends cannot be told for sure (a
    # number opening two lines, a long unnumbered run after it); locating
    # reports such a paragraph unresolved rather than guess its extent.
    doubt: str = ""

    def to_list(self) -> list[Any]:
        data: list[Any] = [
            self.number, self.start_page, self.start_line,
            self.end_page, self.end_line,
        ]  # fmt: skip
        if self.doubt:
            data.append(self.doubt)
        return data

    @classmethod
    def from_list(cls, data: list[Any]) -> ParagraphLayout:
        numbers = (int(v) for v in data[:5])
        return cls(*numbers, doubt=str(data[5]) if len(data) > 5 else "")


@dataclass(slots=True)
class PageLayout:
    number: int  # PDF page index, 1-based
    width: float  # as displayed (after /Rotate)
    height: float
    rotation: int  # /Rotate, degrees clockwise
    crop_box: tuple[float, float, float, float]  # PDF user space, unrotated
    has_text_layer: bool
    # Only looked for on pages without text (to tell a scan from a blank
    # page); False on pages with text whatever they hold.
    has_images: bool
    lines: list[TextLine] = field(default_factory=list)
    margin_numbers: list[MarginNumber] = field(default_factory=list)
    printed_number: int | None = None
    printed_source: NumberSource | None = None
    footnotes: list[FootnoteLayout] = field(default_factory=list)
    # Horizontal rules drawn on the page, (x0, x1, y) as displayed: where a
    # footnote separator may be. Only analysis uses them; they are not stored.
    rules: list[tuple[float, float, float]] = field(default_factory=list)

    @property
    def image_only(self) -> bool:
        return not self.has_text_layer and self.has_images

    @property
    def has_line_numbers(self) -> bool:
        return bool(self.margin_numbers)

    @property
    def words(self) -> Iterator[Word]:
        for line in self.lines:
            yield from line.words

    def lines_numbered(self, first: int, last: int) -> list[TextLine]:
        """Body lines on numbered lines ``first``..``last`` of the margin.

        Chosen by position rather than by each line's own number, so that
        single-spaced text between two numbers (block quotes, a caption) is
        inside the range its neighbours are in rather than silently left out.
        """
        centers = {m.number: m.center for m in self.margin_numbers}
        if first not in centers or last not in centers:
            return []
        pitch = _pitch(self.margin_numbers)
        low, high = centers[first] - pitch / 2, centers[last] + pitch / 2
        return [
            line
            for line in self.lines
            if line.kind == "body" and low <= _line_center(line) < high
        ]

    def to_user_space(self, x: float, top: float) -> tuple[float, float]:
        """A displayed point in this module's coordinates -> PDF user space.

        The redaction engine edits content streams, which live in unrotated
        user space; this is the inverse of the mapping ``analyze`` applies.
        """
        cx0, cy0, cx1, cy1 = self.crop_box
        if self.rotation == 90:
            return cx0 + top, cy0 + x
        if self.rotation == 180:
            return cx1 - x, cy0 + top
        if self.rotation == 270:
            return cx1 - top, cy1 - x
        return cx0 + x, cy1 - top

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "page": self.number,
            "size": [_r(self.width), _r(self.height)],
            "rotation": self.rotation,
            "crop": [_r(v) for v in self.crop_box],
            "text": self.has_text_layer,
            "images": self.has_images,
            "lines": [line.to_dict() for line in self.lines],
        }
        if self.margin_numbers:
            data["margin"] = [m.to_list() for m in self.margin_numbers]
        if self.printed_number is not None:
            data["printed"] = [self.printed_number, self.printed_source]
        if self.footnotes:
            data["footnotes"] = [f.to_dict() for f in self.footnotes]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageLayout:
        printed, source = data.get("printed") or (None, None)
        width, height = data["size"]
        return cls(
            number=int(data["page"]),
            width=float(width),
            height=float(height),
            rotation=int(data["rotation"]),
            crop_box=tuple(float(v) for v in data["crop"]),  # type: ignore[arg-type]
            has_text_layer=bool(data["text"]),
            has_images=bool(data["images"]),
            lines=[TextLine.from_dict(line) for line in data["lines"]],
            margin_numbers=[MarginNumber.from_list(m) for m in data.get("margin", [])],
            printed_number=printed,
            printed_source=source,
            footnotes=[FootnoteLayout.from_dict(f) for f in data.get("footnotes", [])],
        )


@dataclass(slots=True)
class DocumentLayout:
    pages: list[PageLayout]
    paragraphs: list[ParagraphLayout] = field(default_factory=list)
    # "printed" when the pages carry their own numbers (or ECF stamps) and
    # citations resolve against those; "pdf_index" when nothing is printed.
    numbering: Numbering = "pdf_index"
    body_size: float = 12.0

    @property
    def has_line_numbers(self) -> bool:
        return any(page.margin_numbers for page in self.pages)

    @property
    def footnotes(self) -> list[FootnoteLayout]:
        """Each numbered note where it starts (carried-over parts left out)."""
        return [
            note for page in self.pages for note in page.footnotes if not note.continued
        ]

    def page(self, number: int) -> PageLayout:
        """The page at PDF index ``number`` (1-based)."""
        return self.pages[number - 1]

    def pages_printed_as(self, printed: int) -> list[PageLayout]:
        """Pages a citation of page ``printed`` may mean, in the document's terms."""
        if self.numbering == "pdf_index":
            return [self.pages[printed - 1]] if 1 <= printed <= len(self.pages) else []
        return [page for page in self.pages if page.printed_number == printed]

    def label(self, page: PageLayout) -> str:
        """How a clerk would name the page: its printed number when it has one."""
        if self.numbering == "pdf_index":
            return f"page {page.number}"
        if page.printed_number is not None:
            return f"page {page.printed_number}"
        return f"the unnumbered PDF page {page.number}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "numbering": self.numbering,
            "body_size": _r(self.body_size),
            "paragraphs": [p.to_list() for p in self.paragraphs],
            "pages": [page.to_dict() for page in self.pages],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentLayout:
        return cls(
            pages=[PageLayout.from_dict(p) for p in data["pages"]],
            paragraphs=[ParagraphLayout.from_list(p) for p in data["paragraphs"]],
            numbering=data["numbering"],
            body_size=float(data["body_size"]),
        )


# --- Characters ---------------------------------------------------------------

# text, x0, top, x1, bottom, font size, bold; None separates words.
_Char = tuple[str, float, float, float, float, float, bool]


@dataclass(slots=True)
class _RawPage:
    width: float
    height: float
    rotation: int
    crop_box: tuple[float, float, float, float]
    chars: list[_Char | None]
    has_images: bool = False
    rules: list[tuple[float, float, float]] = field(default_factory=list)


def _displayed_box(
    rotation: int,
    crop: tuple[float, float, float, float],
    left: float,
    bottom: float,
    right: float,
    top: float,
) -> tuple[float, float, float, float]:
    """A user-space box -> (x0, top, x1, bottom) as the page is displayed."""
    cx0, cy0, cx1, cy1 = crop
    if rotation == 90:
        return bottom - cy0, left - cx0, top - cy0, right - cx0
    if rotation == 180:
        return cx1 - right, bottom - cy0, cx1 - left, top - cy0
    if rotation == 270:
        return cy1 - top, cx1 - right, cy1 - bottom, cx1 - left
    return left - cx0, cy1 - top, right - cx0, cy1 - bottom


def _open_pdfium(pdf: bytes) -> pypdfium2.PdfDocument:
    if not pdf:
        raise UnreadablePdf("the file is empty")
    if b"%PDF-" not in pdf[:1024]:
        raise UnreadablePdf("the file is not a PDF")
    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadablePdf("the PDF is encrypted (password protected)") from exc
        raise UnreadablePdf(f"the PDF is damaged and cannot be read ({exc})") from exc
    if pdfium_c.FPDF_GetSecurityHandlerRevision(document.raw) != -1:
        document.close()
        # Even without a user password an encrypted file cannot be rewritten
        # faithfully by the redaction engine; it must be filed decrypted.
        raise UnreadablePdf("the PDF is encrypted; file an unencrypted copy")
    if len(document) == 0:
        document.close()
        raise UnreadablePdf("the PDF has no pages")
    return document


def _pdfium_pages(
    pdf: bytes, first: int = 0, stop: int | None = None
) -> Iterator[_RawPage]:
    """The raw pages from index ``first`` up to ``stop`` (the end by default)."""
    document = _open_pdfium(pdf)
    try:
        for index in range(first, len(document) if stop is None else stop):
            page = document[index]
            try:
                yield _pdfium_page(page)
            finally:
                page.close()
    finally:
        document.close()


def _layouts_between(
    pdf: bytes, first: int, stop: int | None, sizes: Counter[float]
) -> list[PageLayout]:
    return [
        _page_layout(index + 1, raw, sizes)
        for index, raw in enumerate(_pdfium_pages(pdf, first, stop), start=first)
    ]


def _layouts_in_child(
    pdf: bytes, first: int
) -> tuple[list[PageLayout], Counter[float]]:
    sizes: Counter[float] = Counter()
    return _layouts_between(pdf, first, None, sizes), sizes


def _pdfium_layouts(pdf: bytes, sizes: Counter[float]) -> list[PageLayout]:
    """Every page's layout; a long document's second half is read by a forked
    child on the other core while this process reads the first (pages are
    independent until the document-wide passes that follow)."""
    document = _open_pdfium(pdf)  # refuses bad input before any child starts
    count = len(document)
    document.close()
    if count < PARALLEL_MIN_PAGES or not can_fork():
        return _layouts_between(pdf, 0, None, sizes)
    half = count // 2
    try:
        pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("fork")
        )
        future = pool.submit(_layouts_in_child, pdf, half)
    except (OSError, RuntimeError):
        return _layouts_between(pdf, 0, None, sizes)
    try:
        pages = _layouts_between(pdf, 0, half, sizes)
        try:
            rest, rest_sizes = future.result()
        except (BrokenProcessPool, OSError):
            # The child died (out of memory, killed): read its half here.
            rest, rest_sizes = _layouts_in_child(pdf, half)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    sizes.update(rest_sizes)
    return pages + rest


def _pdfium_page(page: pypdfium2.PdfPage) -> _RawPage:
    rotation = page.get_rotation() % 360
    crop = tuple(float(v) for v in page.get_cropbox())
    width, height = crop[2] - crop[0], crop[3] - crop[1]
    if rotation in (90, 270):
        width, height = height, width
    textpage = page.get_textpage()
    try:
        chars = _pdfium_chars(textpage.raw, rotation, crop)  # type: ignore[arg-type]
    finally:
        textpage.close()
    has_text = any(c is not None for c in chars)
    # Counting images costs a pass over the page objects; only pages without
    # text need it, to tell a scanned page from a blank one.
    has_images = False if has_text else _has_images(page)
    rules = _pdfium_rules(page.raw, rotation, crop) if has_text else []  # type: ignore[arg-type]
    return _RawPage(width, height, rotation, crop, chars, has_images, rules)  # type: ignore[arg-type]


def _has_images(page: pypdfium2.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))


# --- Rules -------------------------------------------------------------------------

# A footnote separator is at least half an inch long and at most this thick.
RULE_MIN_LENGTH = 36.0
RULE_MAX_THICKNESS = 3.0
_Box = tuple[float, float, float, float]  # x0, top, x1, bottom as displayed


def _pdfium_rules(
    raw: Any, rotation: int, crop: tuple[float, float, float, float]
) -> list[tuple[float, float, float]]:
    """Horizontal rules among the page's vector paths, as displayed."""
    shapes: list[list[_Box]] = []
    _collect_paths(raw, None, rotation, crop, shapes, depth=0)
    return _rules_from_shapes(shapes)


def _collect_paths(
    parent: Any,
    form_matrix: Matrix | None,
    rotation: int,
    crop: tuple[float, float, float, float],
    shapes: list[list[_Box]],
    depth: int,
) -> None:
    if form_matrix is None:
        count = pdfium_c.FPDFPage_CountObjects(parent)
        get = pdfium_c.FPDFPage_GetObject
    else:
        count = pdfium_c.FPDFFormObj_CountObjects(parent)
        get = pdfium_c.FPDFFormObj_GetObject
    matrix = pdfium_c.FS_MATRIX()
    for index in range(count):
        obj = get(parent, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
        own: Matrix = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
        placed = own if form_matrix is None else mul(own, form_matrix)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < 3:  # forms inside forms, as scanners and stampers nest them
                _collect_paths(obj, placed, rotation, crop, shapes, depth + 1)
            continue
        shapes.append(_subpath_boxes(obj, placed, rotation, crop))


def _subpath_boxes(
    path: Any, matrix: Matrix, rotation: int, crop: tuple[float, float, float, float]
) -> list[_Box]:
    """The displayed bounding box of each subpath of a path object."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    boxes: list[_Box] = []
    points: list[tuple[float, float]] = []
    for index in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        if pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_MOVETO:
            if len(points) > 1:
                boxes.append(_points_box(points, rotation, crop))
            points = []
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        px, py = x.value, y.value
        points.append((a * px + c * py + e, b * px + d * py + f))
    if len(points) > 1:
        boxes.append(_points_box(points, rotation, crop))
    return boxes


def _points_box(
    points: list[tuple[float, float]],
    rotation: int,
    crop: tuple[float, float, float, float],
) -> _Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return _displayed_box(rotation, crop, min(xs), min(ys), max(xs), max(ys))


def _rules_from_shapes(shapes: list[list[_Box]]) -> list[tuple[float, float, float]]:
    """(x0, x1, y) of each horizontal rule drawn by ``shapes``.

    A rule is a thin shape, or the thin band between two boxes filled
    even-odd that share three edges: how Cairo (WeasyPrint) draws a border.
    """
    rules = []
    for boxes in shapes:
        for x0, top, x1, bottom in boxes:
            if x1 - x0 >= RULE_MIN_LENGTH and bottom - top <= RULE_MAX_THICKNESS:
                rules.append((x0, x1, (top + bottom) / 2))
        for i, first in enumerate(boxes):
            for second in boxes[i + 1 :]:
                band = _band_between(first, second)
                if band is not None:
                    rules.append(band)
    return sorted(set(rules), key=itemgetter(2))


def _band_between(first: _Box, second: _Box) -> tuple[float, float, float] | None:
    close = 0.5
    if abs(first[0] - second[0]) > close or abs(first[2] - second[2]) > close:
        return None
    if first[2] - first[0] < RULE_MIN_LENGTH:
        return None
    tops, bottoms = (first[1], second[1]), (first[3], second[3])
    if abs(bottoms[0] - bottoms[1]) <= close and 0 < abs(tops[0] - tops[1]) <= 3:
        return first[0], first[2], (tops[0] + tops[1]) / 2
    if abs(tops[0] - tops[1]) <= close and 0 < abs(bottoms[0] - bottoms[1]) <= 3:
        return first[0], first[2], (bottoms[0] + bottoms[1]) / 2
    return None


def _pdfium_chars(
    raw: Any, rotation: int, crop: tuple[float, float, float, float]
) -> list[_Char | None]:
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return []
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    # One UTF-16 unit per character index; decoding the buffer as a string
    # would merge surrogate pairs and shift every index after them.
    text = [chr(unit) for unit in buffer[:count]]
    box = pdfium_c.FS_RECTF()
    box_ref = ctypes.byref(box)
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    chars: list[_Char | None] = []
    append = chars.append
    cx0, _, _, cy1 = crop
    upright = rotation == 0
    last_height = -1.0
    size = 12.0
    bold = False
    in_word = False
    # The hot loop of layout analysis: one ctypes call per character, and the
    # font size, matrix and weight only where they may change (a new word or
    # a glyph box of another height), as each call costs microseconds.
    for index, char in enumerate(text):
        if char.isspace() or char in "\x00\ufffe\uffff":
            if in_word:
                append(None)
            in_word = False
            continue
        get_box(raw, index, box_ref)
        left, low, right, high = box.left, box.bottom, box.right, box.top
        if not in_word or high - low != last_height:
            size, bold = _font_at(raw, index)
            last_height = high - low
        in_word = True
        if upright:
            bottom = cy1 - low
            x0, x1 = left - cx0, right - cx0
        else:
            x0, _, x1, bottom = _displayed_box(rotation, crop, left, low, right, high)
        # pdfminer's glyph box runs from the descent (which PDFium's loose box
        # shares) to one em above it. Measured as displayed, so that a scan
        # stored sideways and turned upright by /Rotate is handled too.
        append((char, x0, bottom - size, x1, bottom, size, bold))
    return chars


def _font_at(raw: Any, index: int) -> tuple[float, bool]:
    """The printed font size and boldness of the character at ``index``.

    PDFium reports the size before the text and graphics matrices (a
    WeasyPrint page says 16 where 12 pt is printed), so scale it.
    """
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(raw, index, ctypes.byref(matrix))
    scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
    size = pdfium_c.FPDFText_GetFontSize(raw, index) * scale
    return size, pdfium_c.FPDFText_GetFontWeight(raw, index) >= 600


def _pdfplumber_pages(pdf: bytes) -> Iterator[_RawPage]:
    import io

    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    _open_pdfium(pdf).close()  # the same refusals as the default backend
    try:
        document = pdfplumber.open(io.BytesIO(pdf))
    except (PDFSyntaxError, ValueError) as exc:
        raise UnreadablePdf(f"the PDF is damaged and cannot be read ({exc})") from exc
    with document:
        for page in document.pages:
            yield _pdfplumber_page(page)
            page.close()


def _pdfplumber_page(page: Any) -> _RawPage:
    # pdfplumber gives its media and crop boxes already turned to the display
    # (x0, top, x1, bottom) and measures characters from the media box; shift
    # them to the crop box, which is what a viewer shows.
    dx = float(page.cropbox[0]) - float(page.mediabox[0])
    dy = float(page.cropbox[1]) - float(page.mediabox[1])
    width = float(page.cropbox[2]) - float(page.cropbox[0])
    height = float(page.cropbox[3]) - float(page.cropbox[1])
    rotation = int(page.rotation or 0) % 360
    cx0, cy0, cx1, cy1 = (float(v) for v in page.page_obj.cropbox)
    chars: list[_Char | None] = []
    previous: dict[str, Any] | None = None
    for char in page.chars:
        text = char["text"]
        if text.isspace():
            if chars and chars[-1] is not None:
                chars.append(None)
            previous = None
            continue
        if previous is not None and char["x0"] - previous["x1"] > 0.3 * char["size"]:
            chars.append(None)  # pdfminer leaves gaps where PDFium adds spaces
        chars.append((
            text, char["x0"] - dx, char["top"] - dy, char["x1"] - dx,
            char["bottom"] - dy, float(char["size"]), "Bold" in char["fontname"],
        ))  # fmt: skip
        previous = char
    has_images = bool(page.images) if not chars else False
    shapes = [
        [(item["x0"] - dx, item["top"] - dy, item["x1"] - dx, item["bottom"] - dy)]
        for item in page.rects + page.lines + page.curves
    ]
    # pdfminer splits a path into its subpaths; the border bands Cairo draws
    # as two boxes filled even-odd are found across neighbouring shapes.
    shapes.append([box for boxes in shapes for box in boxes])
    rules = _rules_from_shapes(shapes) if chars else []
    crop = (cx0, cy0, cx1, cy1)
    return _RawPage(width, height, rotation, crop, chars, has_images, rules)


# --- Words and lines -----------------------------------------------------------


@dataclass(slots=True)
class _WordBuild:
    """A word being assembled, with what line building needs to know."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # of its first character
    chars: int
    bold_chars: int
    center: float  # vertical centre of its first character

    def word(self) -> Word:
        return Word(self.text, self.x0, self.top, self.x1, self.bottom)


_TEXT, _X0, _TOP, _X1, _BOTTOM = (itemgetter(i) for i in range(5))


def _build_word(chars: list[_Char]) -> _WordBuild:
    first = chars[0]
    if len(chars) == 1:
        x0, top, x1, bottom = first[1], first[2], first[3], first[4]
        text = first[0]
    else:
        x0 = min(map(_X0, chars))
        top = min(map(_TOP, chars))
        x1 = max(map(_X1, chars))
        bottom = max(map(_BOTTOM, chars))
        text = "".join(map(_TEXT, chars))
    # Bold only matters for telling all-bold headings apart, so a word that
    # does not start bold need not be counted further.
    bold = sum(1 for c in chars if c[6]) if first[6] else 0
    return _WordBuild(
        text, x0, top, x1, bottom, first[5], len(chars), bold,
        (first[2] + first[4]) / 2,
    )  # fmt: skip


def _words(chars: list[_Char | None]) -> list[_WordBuild]:
    """Split characters into words at spaces, gaps and changes of size or line."""
    words: list[_WordBuild] = []
    current: list[_Char] = []
    previous: _Char | None = None
    for char in chars:
        if char is None:
            if current:
                words.append(_build_word(current))
            current = []
            previous = None
            continue
        if previous is not None:
            size = previous[5]
            gap = char[1] - previous[3]
            if (
                # a superscript footnote call glued to its word
                abs(char[5] - size) > 0.2 * size
                # not on the same baseline
                or abs((char[2] + char[4]) - (previous[2] + previous[4])) > size
                or gap > 0.3 * size
                or gap < -0.5 * size
            ):
                words.append(_build_word(current))
                current = []
        current.append(char)
        previous = char
    if current:
        words.append(_build_word(current))
    return words


def _lines(words: list[_WordBuild]) -> list[TextLine]:
    """Group words into lines by vertical overlap, top to bottom."""
    ordered = sorted(words, key=lambda w: w.center)
    groups: list[list[_WordBuild]] = []
    band_top, band_bottom, band_size = 0.0, -1.0, 0.0
    for word in ordered:
        if groups and band_top <= word.center <= band_bottom:
            groups[-1].append(word)
            if word.size > band_size:
                band_top, band_bottom, band_size = word.top, word.bottom, word.size
            continue
        groups.append([word])
        band_top, band_bottom, band_size = word.top, word.bottom, word.size
    return [_line(group) for group in groups]


def _line(group: list[_WordBuild]) -> TextLine:
    group.sort(key=lambda w: w.x0)
    sizes: Counter[float] = Counter()
    bold = total = 0
    for word in group:
        sizes[round(word.size, 1)] += word.chars
        bold += word.bold_chars
        total += word.chars
    return TextLine(
        words=[w.word() for w in group],
        size=sizes.most_common(1)[0][0],
        bold=bold == total,
    )


# --- Pleading line numbers --------------------------------------------------------


def _split_margin_numbers(
    words: list[_WordBuild], width: float
) -> tuple[list[MarginNumber], list[_WordBuild]]:
    """Pick out the column of 1..28 down the left margin, if the page has one."""
    candidates = [
        w
        for w in words
        if w.chars <= 2
        and w.text.isdigit()
        and w.x1 < 0.3 * width
        and 1 <= int(w.text) <= MAX_MARGIN_NUMBER
    ]
    if len(candidates) < MIN_MARGIN_NUMBERS:
        return [], words
    # Margin numbers are right-aligned to the rule (or left-aligned in some
    # word processors): the biggest group sharing an edge is the column.
    column = max(
        _aligned_column(candidates, lambda w: w.x1),
        _aligned_column(candidates, lambda w: w.x0),
        key=len,
    )
    if not column:
        return [], words
    numbers = [MarginNumber(int(w.text), w.x0, w.top, w.x1, w.bottom) for w in column]
    taken = {id(w) for w in column}
    return numbers, [w for w in words if id(w) not in taken]


def _aligned_column(
    candidates: list[_WordBuild], edge: Callable[[_WordBuild], float]
) -> list[_WordBuild]:
    edges = Counter(round(edge(w)) for w in candidates)
    best_edge, _ = edges.most_common(1)[0]
    column = sorted(
        (w for w in candidates if abs(edge(w) - best_edge) <= 2),
        key=lambda w: w.center,
    )
    values = [int(w.text) for w in column]
    increasing = all(b > a for a, b in zip(values, values[1:], strict=False))
    if len(column) >= MIN_MARGIN_NUMBERS and increasing:
        return column
    return []


def _pitch(margin: list[MarginNumber]) -> float:
    """The distance between numbered lines."""
    steps = [
        (b.center - a.center) / (b.number - a.number)
        for a, b in zip(margin, margin[1:], strict=False)
    ]
    return median(steps) if steps else 0.0


def _number_lines(lines: list[TextLine], margin: list[MarginNumber]) -> None:
    if len(margin) < 2:
        return
    tolerance = LINE_NUMBER_TOLERANCE * _pitch(margin)
    centers = [(m.center, m.number) for m in margin]
    for line in lines:
        middle = _line_center(line)
        center, number = min(centers, key=lambda c: abs(c[0] - middle))
        if abs(center - middle) <= tolerance:
            line.number = number


def _line_center(line: TextLine) -> float:
    """The centre of the line's main text, ignoring raised footnote calls."""
    main = [w for w in line.words if w.bottom - w.top >= 0.8 * line.size]
    main = main or line.words
    return (min(w.top for w in main) + max(w.bottom for w in main)) / 2


# --- Printed page numbers -----------------------------------------------------------

_OWN_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*(\d{1,4})\s*[-–—]?(?:\s+of\s+\d{1,4})?$", re.IGNORECASE
)
_ECF_STAMP = re.compile(r"\bpage\s+(\d{1,4})\s+of\s+\d{1,4}\b", re.IGNORECASE)
_ECF_WORDS = re.compile(r"\b(case|document|filed|dkt|ecf)\b", re.IGNORECASE)
# "PLAINTIFF'S MOTION TO SEAL - 4": a short title then the number.
_TITLED_NUMBER = re.compile(r"\s[-–—]\s*(\d{1,4})$")


def _segments(line: TextLine) -> list[str]:
    """The line's text split where a wide gap separates footer pieces."""
    pieces: list[list[Word]] = [[line.words[0]]]
    for previous, word in zip(line.words, line.words[1:], strict=False):
        if word.x0 - previous.x1 > 2 * line.size:
            pieces.append([])
        pieces[-1].append(word)
    return [" ".join(w.text for w in piece) for piece in pieces]


def _printed_number(page: PageLayout) -> tuple[int, NumberSource] | None:
    """Find the page's printed number among header and footer lines.

    Marks those lines as furniture so they are never mistaken for body text.
    The document's own number wins over an ECF stamp, because pleadings cite
    their own pagination; the stamp counts the pages of the docket entry.
    """
    own: tuple[float, int] | None = None
    stamp: int | None = None
    for line in page.lines:
        middle = (line.top + line.bottom) / 2
        edge_distance = min(middle, page.height - middle)
        if edge_distance > FURNITURE_BAND * page.height or line.number is not None:
            continue
        text = line.text
        match = _ECF_STAMP.search(text)
        if match and _ECF_WORDS.search(text):
            stamp = int(match.group(1))
            line.kind = "furniture"
            continue
        for segment in _segments(line):
            found = _OWN_NUMBER.match(segment) or _TITLED_NUMBER.search(segment)
            if found and (own is None or edge_distance < own[0]):
                own = (edge_distance, int(found.group(1)))
                line.kind = "furniture"
    if own is not None:
        return own[1], "own"
    if stamp is not None:
        return stamp, "stamp"
    return None


# --- Footnotes ---------------------------------------------------------------------

_FOOTNOTE_NUMBER = re.compile(r"^(\d{1,3})[.)]?$")
# How much further above the page's foot than the lowest text of any page a
# note may end and still count as running to the foot, in body sizes.
FOOT_TOLERANCE = 2.5
# Footnotes are single-spaced; at body size, lines spaced like the body text
# below a rule are more body text (after a table, a signature line), not notes.
NOTE_PITCH_RATIO = 0.8


@dataclass(slots=True)
class _FootnoteState:
    """What reading footnotes carries from one page to the next."""

    last_number: int = 0
    # The note that ran to the foot of the previous page, which the lines at
    # the top of this page's footnote area may carry on.
    open_note: int | None = None
    # Whether notes open with a raised number or a plain one, as the first
    # note showed; a line opening the other way is not a note.
    raised_marker: bool | None = None


@dataclass(frozen=True, slots=True)
class _FootnoteContext:
    """What the whole document tells about where its footnotes are."""

    body_size: float
    body_pitch: float  # the usual distance between body lines
    foot_gap: float  # the least space any page leaves below its text
    calls: dict[int, set[int]]  # page -> numbers called in its body text
    text_left: dict[int, float]  # page -> the left edge of its running text

    @property
    def small(self) -> float:
        return FOOTNOTE_SIZE_RATIO * self.body_size


def _footnote_context(pages: list[PageLayout], body_size: float) -> _FootnoteContext:
    gaps = []
    pitches = []
    for page in pages:
        text = [line for line in page.lines if line.kind != "furniture"]
        if text:
            gaps.append(page.height - max(line.bottom for line in text))
        body = [line for line in text if line.size >= FOOTNOTE_SIZE_RATIO * body_size]
        pitches.extend(
            b.bottom - a.bottom
            for a, b in zip(body, body[1:], strict=False)
            if b.bottom - a.bottom > 0.5 * body_size
        )
    return _FootnoteContext(
        body_size=body_size,
        body_pitch=median(pitches) if pitches else 0.0,
        foot_gap=min(gaps, default=0.0),
        calls=_footnote_calls(pages),
        text_left=_text_lefts(pages),
    )


def _footnote_calls(pages: list[PageLayout]) -> dict[int, set[int]]:
    """The footnote numbers called in each page's body text.

    A call is a short number, smaller than the text around it and raised
    above its baseline. The first word of a line is left out: a number
    opening a line is a note's own marker or a paragraph number.
    """
    calls: dict[int, set[int]] = {}
    for page in pages:
        for line in page.lines:
            if line.kind != "body":
                continue
            for word in line.words[1:]:
                if (
                    word.text.isdigit()
                    and len(word.text) <= 3
                    and word.bottom - word.top < 0.8 * line.size
                    and word.bottom < line.bottom - 0.5
                ):
                    calls.setdefault(page.number, set()).add(int(word.text))
    return calls


def _mark_footnotes(
    page: PageLayout, state: _FootnoteState, context: _FootnoteContext
) -> None:
    """Find footnotes at the foot of the page.

    Notes sit below the body text: in smaller type below its last line, or
    at any size below a separator rule. Each opens with its number, raised
    or plain as the document's first note set it; the number runs on from
    the previous note and, where the body marks its calls, matches a call on
    this page or the one before. That keeps a year or a count opening a line
    of a note ("2 percent of …") from being taken for a new one. Lines at
    the top of the area before any number carry on the note left open on the
    page before, only if that note ran to the foot of its page and these
    lines sit where notes do: below a rule, or in a block reaching the foot.
    """
    area, separated = _footnote_area(page, context)
    openings = _note_openings(page, area, state, context)
    first = min(openings, default=len(area))
    carry = (
        state.open_note is not None
        and first > 0
        and (separated or _reaches_foot(page, area, context))
    )
    number = state.open_note if carry else None
    current = list(area[:first]) if carry else []
    continued = carry
    for position in range(first, len(area)):
        if position in openings:
            if number is not None and current:
                page.footnotes.append(_footnote(page, number, current, continued))
            number, current, continued = openings[position], [], False
        current.append(area[position])
    if number is not None and current:
        page.footnotes.append(_footnote(page, number, current, continued))
    # Lines no note claims (small print ending the body) stay body text.
    for index in area[0 if carry else first :]:
        page.lines[index].kind = "footnote"
    last = page.footnotes[-1] if page.footnotes else None
    at_foot = last is not None and (
        page.height - last.bottom
        <= context.foot_gap + FOOT_TOLERANCE * context.body_size
    )
    state.open_note = last.number if last is not None and at_foot else None


def _footnote_area(
    page: PageLayout, context: _FootnoteContext
) -> tuple[list[int], bool]:
    """Indexes of the lines where notes may be, and whether a rule sets them off.

    Below a separator rule, lines of any size; otherwise only lines in
    smaller type below the last full-size line.
    """
    lines = page.lines
    rule = _separator_rule(page, context)
    if rule is not None:
        below = [
            i
            for i, line in enumerate(lines)
            if line.kind == "body" and line.top >= rule
        ]
        full_size = [i for i in below if lines[i].size >= context.small]
        if full_size and _single_spaced(lines, below, context):
            return below, True
    floor = max(
        (
            line.bottom
            for line in lines
            if line.kind == "body" and line.size >= context.small
        ),
        default=0.0,
    )
    small = [
        i
        for i, line in enumerate(lines)
        if line.kind == "body" and line.size < context.small and line.top >= floor - 1
    ]
    return small, rule is not None and bool(small) and lines[small[0]].top >= rule


def _separator_rule(page: PageLayout, context: _FootnoteContext) -> float | None:
    """The lowest rule starting at the text's left edge with body text above
    it and text below it, in the lower two thirds of the page."""
    left = context.text_left.get(page.number)
    if left is None or not page.rules:
        return None
    text = [line for line in page.lines if line.kind != "furniture"]
    for x0, _, y in reversed(page.rules):
        if abs(x0 - left) > 6 or y < page.height / 3:
            continue
        above = any(line.bottom <= y and line.size >= context.small for line in text)
        below = any(line.top >= y for line in text)
        if above and below:
            return y
    return None


def _single_spaced(
    lines: list[TextLine], indexes: list[int], context: _FootnoteContext
) -> bool:
    """Whether the lines are set closer than the body text, as notes are."""
    if len(indexes) < 2:
        return True
    limit = NOTE_PITCH_RATIO * context.body_pitch
    return all(
        lines[b].bottom - lines[a].bottom < limit
        for a, b in zip(indexes, indexes[1:], strict=False)
    )


def _reaches_foot(page: PageLayout, area: list[int], context: _FootnoteContext) -> bool:
    """Whether the lines form one block ending at the foot of the page."""
    if not area:
        return False
    lines = [page.lines[i] for i in area]
    tolerance = FOOT_TOLERANCE * context.body_size
    if page.height - lines[-1].bottom > context.foot_gap + tolerance:
        return False
    return all(
        b.top - a.bottom <= 1.5 * max(a.size, b.size)
        for a, b in zip(lines, lines[1:], strict=False)
    )


def _note_openings(
    page: PageLayout,
    area: list[int],
    state: _FootnoteState,
    context: _FootnoteContext,
) -> dict[int, int]:
    """Positions in ``area`` of the lines opening a note -> the note's number.

    Updates the numbering and marker style in ``state``.
    """
    nearby = context.calls.get(page.number, set()) | context.calls.get(
        page.number - 1, set()
    )
    numbers = [_footnote_opening(page.lines[i]) for i in area]
    openings: dict[int, int] = {}
    for position, number in enumerate(numbers):
        if number is None:
            continue
        line = page.lines[area[position]]
        last = state.last_number
        if not (last == 0 or last < number <= last + 5):
            continue
        if context.calls and number not in nearby:
            continue
        if line.size >= context.small and not context.calls:
            continue  # a body-size note is told from body text by its call
        raised = _raised_marker(line)
        if state.raised_marker is not None and raised != state.raised_marker:
            continue
        note_open = bool(openings) or state.open_note is not None
        if note_open and number in numbers[position + 1 :]:
            continue  # the same number opens a later line: this one runs on a note
        openings[position] = number
        state.last_number, state.raised_marker = number, raised
    return openings


def _raised_marker(line: TextLine) -> bool:
    marker = line.words[0]
    return marker.bottom - marker.top < 0.85 * line.size


_ANY_NUMBER = re.compile(r"\d+")
# Numbers standing on their own ("Page 3 of 9", "- 4 -", a docket number),
# not those inside a word, which token-like text and Bates numbers carry.
_STANDALONE_NUMBER = re.compile(r"(?<![A-Za-z])\d+(?![A-Za-z])")


def _mark_repeated_furniture(pages: list[PageLayout], body_size: float) -> None:
    """Lines repeated at the same place in the header or footer band are furniture.

    A confidentiality legend, a running title or a footer is printed on every
    page, in small type or at body size. In small type it sits where footnotes
    do and would be read as a note carried on from page to page; at body size
    a centred legend looks like a heading and would end the paragraph running
    across the page break, or be swallowed into it. Footnotes and body text
    never repeat word for word at the same place, so small print repeated on
    two pages is furniture; at body size, where a heading may start two pages
    alike, it takes three pages or half of them.
    """
    seen: Counter[tuple[bool, str, int]] = Counter()
    candidates = []
    for page in pages:
        for line in page.lines:
            edge = _band_edge(line, page)
            if edge is None:
                continue
            small = line.size < FOOTNOTE_SIZE_RATIO * body_size
            numbers = _ANY_NUMBER if small else _STANDALONE_NUMBER
            key = (small, numbers.sub("#", line.text), round(edge / 4))
            seen[key] += 1
            candidates.append((key, line))
    pages_with_text = sum(1 for page in pages if page.lines)
    for key, line in candidates:
        count, small = seen[key], key[0]
        if count > 1 if small else count >= 3 or count >= max(2, pages_with_text / 2):
            line.kind = "furniture"


def _band_edge(line: TextLine, page: PageLayout) -> float | None:
    """How far an unnumbered body line sits from the page edge it is near,
    when it is in the header or footer band (signed: negative for the foot)."""
    if line.kind != "body" or line.number is not None:
        return None
    middle = (line.top + line.bottom) / 2
    if middle <= FURNITURE_BAND * page.height:
        return line.top
    if page.height - middle <= FURNITURE_BAND * page.height:
        return -(page.height - line.bottom)
    return None


def _footnote_opening(line: TextLine) -> int | None:
    match = _FOOTNOTE_NUMBER.match(line.words[0].text)
    if match and len(line.words) > 1:
        return int(match.group(1))
    return None


def _footnote(
    page: PageLayout, number: int, indexes: list[int], continued: bool = False
) -> FootnoteLayout:
    lines = [page.lines[i] for i in indexes]
    words = [w for line in lines for w in line.words]
    if not continued:
        words = words[1:]  # the text leaves out the number, as a clerk quotes it
    return FootnoteLayout(
        number=number,
        page=page.number,
        first_line=indexes[0],
        last_line=indexes[-1],
        text=" ".join(w.text for w in words),
        x0=min(line.x0 for line in lines),
        top=min(line.top for line in lines),
        x1=max(line.x1 for line in lines),
        bottom=max(line.bottom for line in lines),
        continued=continued,
    )


# --- Numbered paragraphs -------------------------------------------------------------

_PARAGRAPH_NUMBER = re.compile(r"^(?:¶\s*)?(\d{1,4})\.?$")
INDENT_MIN = 6.0  # points right of the text's left edge that count as indented
INDENT_MAX = 150.0
# Openings more than this far apart (in points of indent) are set differently.
STYLE_TOLERANCE = 4.0
# Openings in sequence that must share a layout before it is the document's
# style, and how many times more of them than of any other layout.
MIN_STYLE_EVIDENCE = 3
STYLE_MAJORITY = 2


def _text_lefts(pages: list[PageLayout]) -> dict[int, float]:
    """The left edge of running text on each page with body text.

    The leftmost place where a good share of the document's body lines
    begin, on every page that has a line there. Not simply where most lines
    begin: in a filing given over to a long block quote, most lines begin
    at the quote's indent. A page with no line at the document's edge (set
    with other margins, or all quotation) has its own.
    """
    own = {
        page.number: Counter(
            round(_text_start(line)) for line in page.lines if line.kind == "body"
        )
        for page in pages
    }
    edge = _left_edge(sum(own.values(), Counter()))
    lefts = {}
    for number, starts in own.items():
        if edge is None or not starts:
            continue
        at_edge = any(abs(start - edge) <= 1 for start in starts)
        lefts[number] = edge if at_edge else _left_edge(starts) or edge
    return lefts


def _left_edge(starts: Counter[int]) -> float | None:
    if not starts:
        return None
    enough = max(2, 0.1 * sum(starts.values()))
    shared = [start for start, count in starts.items() if count >= enough]
    if not shared:
        return float(starts.most_common(1)[0][0])
    return float(min(shared))


def _text_start(line: TextLine) -> float:
    """Where the line's text begins, after a paragraph number set apart in
    the margin (a hanging indent), which is not where running text begins."""
    words = line.words
    skip = 2 if words[0].text == "¶" else 1
    if (
        len(words) > skip
        and _PARAGRAPH_NUMBER.match(words[skip - 1].text)
        and words[skip].x0 - words[skip - 1].x1 > 1.5 * line.size
    ):
        return words[skip].x0
    return line.x0


def _paragraph_opening(line: TextLine) -> tuple[int, bool] | None:
    """The number the line opens with, and whether it is marked "¶"."""
    if len(line.words) < 2 or line.bold:
        return None
    first = line.words[0].text
    if first == "¶" and len(line.words) > 2:
        first = line.words[1].text
        pilcrow = True
    elif not (first[0].isdigit() or first.startswith("¶")):
        return None
    elif not first.endswith(".") and not first.startswith("¶"):
        return None  # "25" alone is a number in the text, "25." opens a paragraph
    else:
        pilcrow = first.startswith("¶")
    match = _PARAGRAPH_NUMBER.match(first)
    if match is None:
        return None
    return int(match.group(1)), pilcrow


@dataclass(frozen=True, slots=True)
class _Opening:
    """A line laid out like the start of a numbered paragraph."""

    at: int  # index into the flow of body lines
    number: int
    indent: float  # of the line from the text's left edge; negative: hanging
    pilcrow: bool

    @property
    def flush(self) -> bool:
        return abs(self.indent) <= 3


@dataclass(frozen=True, slots=True)
class _Style:
    """How the document lays out its paragraph openings."""

    indent: float
    pilcrow: bool

    def fits(self, opening: _Opening) -> bool:
        return (
            opening.pilcrow == self.pilcrow
            and abs(opening.indent - self.indent) <= STYLE_TOLERANCE
        )


def _opening(line: TextLine, text_left: float, at: int) -> _Opening | None:
    """The line as a possible paragraph opening: indented (first-line indent),
    flush with the text, or hanging (the number outdented, the text after it
    aligned with the lines below), or None."""
    found = _paragraph_opening(line)
    if found is None:
        return None
    number, pilcrow = found
    indent = line.x0 - text_left
    if abs(indent) <= 3 or INDENT_MIN <= indent <= INDENT_MAX:
        return _Opening(at, number, indent, pilcrow)
    if -INDENT_MAX <= indent <= -INDENT_MIN:
        text = line.words[2 if line.words[0].text == "¶" else 1]
        if abs(text.x0 - text_left) <= 3:
            return _Opening(at, number, indent, pilcrow)
    return None


def _opening_style(openings: list[_Opening]) -> _Style | None:
    """The layout most openings in sequence share, if the document shows one.

    Only openings next to their neighbour in the numbering vote, so quoted
    clauses and wrapped numbers ("2010.") do not; the style counts only once
    clearly more of them share it than any other layout.
    """
    votes: Counter[tuple[bool, int]] = Counter()
    for index, opening in enumerate(openings):
        before = openings[index - 1].number if index > 0 else None
        after = openings[index + 1].number if index + 1 < len(openings) else None
        if opening.number - 1 == before or opening.number + 1 == after:
            votes[(opening.pilcrow, round(opening.indent / 2))] += 1
    if not votes:
        return None

    def near(key: tuple[bool, int]) -> int:
        pilcrow, bucket = key
        return sum(
            count
            for (p, b), count in votes.items()
            if p == pilcrow and abs(b - bucket) * 2 <= STYLE_TOLERANCE
        )

    # Flush-left openings are the weakest evidence (a wrapped line looks the
    # same), so on a tie an indented or hanging style wins.
    best = max(votes, key=lambda key: (near(key), key[1] != 0))
    count = near(best)
    others = sum(votes.values()) - count
    if count < MIN_STYLE_EVIDENCE or count < STYLE_MAJORITY * others:
        return None
    return _Style(indent=best[1] * 2.0, pilcrow=best[0])


def _select_openings(
    openings: list[_Opening], pages: list[int]
) -> tuple[list[_Opening], dict[int, str]]:
    """The openings that start paragraphs, and doubts about where some end.

    ``pages`` names the page of each flow line, for the doubts' wording.
    Openings must fit the document's style when it has one; otherwise a
    number flush with the text must be the very next number. Each number must
    follow the sequence: the next one, a restart at 1 (counterclaims) that 2
    follows, or a jump ahead when none of the skipped numbers opens a line
    later (a quoted "12. Confidentiality" inside ¶ 5 jumps over 6-11, which
    follow). When the same next number opens two lines before the one after
    it, which is the paragraph cannot be told: both paragraphs it would
    divide get a doubt and are reported rather than guessed.
    """
    style = _opening_style(openings)
    eligible = openings if style is None else [o for o in openings if style.fits(o)]
    chosen: list[_Opening] = []
    doubts: dict[int, str] = {}
    last = 0
    for index, opening in enumerate(eligible):
        number = opening.number
        later = itertools.islice(eligible, index + 1, None)
        if style is None and opening.flush and number != last + 1:
            continue
        if number == last + 1:
            pass
        elif number == 1:
            following = next(later, None)
            if following is not None and following.number != 2:
                continue  # a quoted "1." before the next paragraph, no restart
        elif number <= last or _skipped_follow(last, number, later):
            continue
        twin = _twin(opening, itertools.islice(eligible, index + 1, None))
        if twin is not None:
            where = f"PDF pages {pages[opening.at]} and {pages[twin.at]}"
            if pages[opening.at] == pages[twin.at]:
                where = f"PDF page {pages[opening.at]}"
            doubts[opening.at] = (
                f"two lines open with the number {number} ({where}), so where "
                f"¶ {number} starts cannot be told; cite it by page and line"
            )
            if chosen:
                doubts[chosen[-1].at] = (
                    f"two lines after it open with the number {number} ({where}), "
                    f"so where ¶ {chosen[-1].number} ends cannot be told; cite it "
                    "by page and line"
                )
        chosen.append(opening)
        last = number
    return chosen, doubts


def _skipped_follow(last: int, number: int, later: Iterable[_Opening]) -> bool:
    """Whether a number between ``last`` and ``number`` opens a later line,
    before the numbering restarts."""
    for opening in later:
        if opening.number == 1:
            return False
        if last < opening.number < number:
            return True
    return False


def _twin(opening: _Opening, later: Iterable[_Opening]) -> _Opening | None:
    """A later opening with the same number, before the next number."""
    for other in later:
        if other.number == opening.number + 1 or other.number == 1:
            return None
        if other.number == opening.number:
            return other
    return None


# Unnumbered lines between two numbered paragraphs (a block quote, a list)
# belong to the first of them, up to this many; more may be a section of its
# own, unless every one is indented as a block quote is.
MAX_ABSORBED_LINES = 15


@dataclass(frozen=True, slots=True)
class _FlowLine:
    """A body line in reading order, with the text edges of its page."""

    page: PageLayout
    index: int  # into the page's lines
    left: float
    right: float

    @property
    def line(self) -> TextLine:
        return self.page.lines[self.index]

    @property
    def place(self) -> tuple[int, int]:
        return self.page.number, self.index


@dataclass(slots=True)
class _OpenParagraph:
    number: int
    start: tuple[int, int]  # page, line index
    end: tuple[int, int]
    doubt: str = ""
    # Lines after a break (an indented line, a blank line's space) that are
    # kept only if the next thing is another numbered paragraph.
    pending: list[_FlowLine] = field(default_factory=list)

    def closed(self) -> ParagraphLayout:
        return ParagraphLayout(self.number, *self.start, *self.end, doubt=self.doubt)

    def closed_by(self, next_number: int) -> ParagraphLayout:
        """Closed by the next numbered paragraph: the lines pending between
        them are its own, if few or all indented as a quotation; otherwise
        whether they are cannot be told."""
        pending = self.pending
        quotation = all(item.line.x0 - item.left >= INDENT_MIN for item in pending)
        if pending and (len(pending) <= MAX_ABSORBED_LINES or quotation):
            self.end = pending[-1].place
        elif pending and not self.doubt:
            first, last = pending[0].page.number, pending[-1].page.number
            where = (
                f"PDF page {first}" if first == last else f"PDF pages {first}-{last}"
            )
            self.doubt = (
                f"{len(pending)} unnumbered lines ({where}) come between "
                f"¶ {self.number} and ¶ {next_number}, not all indented as a "
                f"quotation is, so whether they belong to ¶ {self.number} cannot "
                "be told; cite them by page and line"
            )
        return self.closed()


def _find_paragraphs(pages: list[PageLayout]) -> list[ParagraphLayout]:
    """Numbered paragraphs from their number to the end of their last line.

    A paragraph runs on through lines at the text's left edge. An indented
    line or a blank line's space may end it or may be a block quote inside
    it: those lines are kept if the next numbered paragraph follows them
    (leaving a quote out would leave it unredacted), and dropped if a heading
    or the end of the numbered paragraphs comes first (a prayer for relief or
    a signature block is not part of the last paragraph). A long run of such
    lines that a quotation would not explain is neither kept nor dropped in
    silence: the paragraph gets a doubt, and locating reports it.
    """
    flow: list[_FlowLine] = []
    lefts = _text_lefts(pages)
    for page in pages:
        left = lefts.get(page.number)
        if left is None:
            continue
        right = max(line.x1 for line in page.lines if line.kind == "body")
        flow.extend(
            _FlowLine(page, i, left, right)
            for i, line in enumerate(page.lines)
            if line.kind == "body"
        )
    candidates = [
        found
        for at, item in enumerate(flow)
        if (found := _opening(item.line, item.left, at)) is not None
    ]
    chosen, doubts = _select_openings(candidates, [item.page.number for item in flow])
    opens = {opening.at: opening.number for opening in chosen}
    pitch = _typical_pitch(flow)
    paragraphs: list[ParagraphLayout] = []
    current: _OpenParagraph | None = None
    previous: _FlowLine | None = None
    for at, item in enumerate(flow):
        if at in opens:
            if current is not None:
                paragraphs.append(current.closed_by(opens[at]))
            current = _OpenParagraph(
                opens[at], item.place, item.place, doubt=doubts.get(at, "")
            )
        elif current is None:
            pass
        elif _is_heading(item.line, item.left, item.right):
            paragraphs.append(current.closed())
            current = None
        elif not current.pending and _continues(item, previous, pitch):
            current.end = item.place
        else:
            current.pending.append(item)
        previous = item
    if current is not None:
        paragraphs.append(current.closed())
    return paragraphs


def _is_heading(line: TextLine, text_left: float, text_right: float) -> bool:
    """A bold line, or a short line centred between the text's edges.

    Short, because a full line of a block quote, indented the same on both
    sides, is centred too.
    """
    if line.bold:
        return True
    width = text_right - text_left
    middle = (line.x0 + line.x1) / 2
    return (
        line.x1 - line.x0 < 0.7 * width
        and line.x0 - text_left > INDENT_MIN
        and text_right - line.x1 > INDENT_MIN
        and abs(middle - (text_left + text_right) / 2) < 0.05 * width
    )


def _typical_pitch(flow: list[_FlowLine]) -> float:
    gaps = [
        b.line.bottom - a.line.bottom
        for a, b in zip(flow, flow[1:], strict=False)
        if a.page is b.page
    ]
    return median(gaps) if gaps else 0.0


def _continues(item: _FlowLine, previous: _FlowLine | None, pitch: float) -> bool:
    """Whether a line carries on the paragraph above it.

    Running lines start at the text's left edge; an indented or centred line
    is a new paragraph or a heading, and a blank line's worth of space on the
    same page ends the paragraph too.
    """
    if abs(item.line.x0 - item.left) > 3:
        return False
    if previous is None or previous.page is not item.page:
        return True
    gap = item.line.bottom - previous.line.bottom
    return pitch <= 0 or gap <= 1.6 * pitch


# --- Putting it together ---------------------------------------------------------------


def analyze(pdf: bytes, *, backend: Backend = "pdfium") -> DocumentLayout:
    """Read the layout of every page of ``pdf``.

    Raises UnreadablePdf for empty, malformed or encrypted input.
    """
    sizes: Counter[float] = Counter()
    try:
        if backend == "pdfium":
            pages = _pdfium_layouts(pdf, sizes)
        else:
            pages = [
                _page_layout(number, raw, sizes)
                for number, raw in enumerate(_pdfplumber_pages(pdf), start=1)
            ]
    except pypdfium2.PdfiumError as exc:
        raise UnreadablePdf(f"the PDF is damaged and cannot be read ({exc})") from exc
    body_size = sizes.most_common(1)[0][0] if sizes else 12.0
    footnotes = _FootnoteState()
    for page in pages:
        # Numbering first, so that a numbered body line near the foot of the
        # page is never read as the printed page number.
        _number_lines(page.lines, page.margin_numbers)
        printed = _printed_number(page)
        if printed is not None:
            page.printed_number, page.printed_source = printed
    sources = {page.printed_source for page in pages}
    if "own" in sources and "stamp" in sources:
        # The ECF stamp counts the pages of the whole docket entry, the
        # document its own; mixing the two would send a citation to the wrong
        # page. Where the document numbers itself, only its numbers count.
        for page in pages:
            if page.printed_source == "stamp":
                page.printed_number = page.printed_source = None
    _mark_repeated_furniture(pages, body_size)
    context = _footnote_context(pages, body_size)
    for page in pages:
        _mark_footnotes(page, footnotes, context)
        for line in page.lines:
            if line.kind != "body":
                line.number = None
    return DocumentLayout(
        pages=pages,
        paragraphs=_find_paragraphs(pages),
        numbering="printed" if sources - {None} else "pdf_index",
        body_size=body_size,
    )


def _page_layout(number: int, raw: _RawPage, sizes: Counter[float]) -> PageLayout:
    words = _words(raw.chars)
    margin, words = _split_margin_numbers(words, raw.width)
    for word in words:
        sizes[round(word.size, 1)] += word.chars
    return PageLayout(
        number=number,
        width=raw.width,
        height=raw.height,
        rotation=raw.rotation,
        crop_box=raw.crop_box,
        has_text_layer=bool(words) or bool(margin),
        has_images=raw.has_images,
        lines=_lines(words),
        margin_numbers=margin,
        rules=raw.rules,
    )
