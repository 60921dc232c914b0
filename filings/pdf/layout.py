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

import ctypes
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from statistics import median
from typing import Any, Literal

import pypdfium2
import pypdfium2.raw as pdfium_c

from filings.pdf.geometry import UnreadablePdf

Backend = Literal["pdfium", "pdfplumber"]
LineKind = Literal["body", "footnote", "furniture"]
Numbering = Literal["printed", "pdf_index"]
NumberSource = Literal["own", "stamp"]

# Pleading paper numbers 28 lines; a few local rules allow more. Beyond this a
# column of small numbers in the margin is something else (a table, a list).
MAX_MARGIN_NUMBER = 40
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

    def to_list(self) -> list[int]:
        return [
            self.number, self.start_page, self.start_line,
            self.end_page, self.end_line,
        ]  # fmt: skip

    @classmethod
    def from_list(cls, data: list[Any]) -> ParagraphLayout:
        return cls(*(int(v) for v in data))


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


def _pdfium_pages(pdf: bytes) -> Iterator[_RawPage]:
    document = _open_pdfium(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                yield _pdfium_page(page)
            finally:
                page.close()
    finally:
        document.close()


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
    return _RawPage(width, height, rotation, crop, chars, has_images)  # type: ignore[arg-type]


def _has_images(page: pypdfium2.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))


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
    return _RawPage(width, height, rotation, (cx0, cy0, cx1, cy1), chars, has_images)


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


@dataclass(slots=True)
class _FootnoteState:
    """What reading footnotes carries from one page to the next."""

    last_number: int = 0
    # The note that ran to the foot of the previous page, which small lines
    # at the top of this page's footnote area may carry on.
    open_note: int | None = None


def _mark_footnotes(page: PageLayout, body_size: float, state: _FootnoteState) -> None:
    """Find footnotes at the foot of the page.

    Footnote text is smaller than the body and sits below the last body line;
    each note opens with its number (often raised). Numbers must run on from
    the previous note, which keeps a year or a count opening a continuation
    line from being taken for a new note.
    """
    body = [
        line
        for line in page.lines
        if line.kind == "body" and line.size >= FOOTNOTE_SIZE_RATIO * body_size
    ]
    floor = max((line.bottom for line in body), default=0.0)
    current: list[int] = []  # line indexes of the note being read
    # Small lines before the first number carry on the note left open at the
    # foot of the page before; they belong to it, or a redaction of that note
    # would stop short.
    number = state.open_note
    continued = True
    for index, line in enumerate(page.lines):
        if line.kind != "body" or line.size >= FOOTNOTE_SIZE_RATIO * body_size:
            continue
        if line.top < floor - 1:
            continue
        line.kind = "footnote"
        opening = _footnote_opening(line)
        last = state.last_number
        if opening is not None and (last == 0 or last < opening <= last + 5):
            if number is not None and current:
                page.footnotes.append(_footnote(page, number, current, continued))
            number, current, state.last_number = opening, [index], opening
            continued = False
        elif number is not None:
            current.append(index)
    if number is not None and current:
        page.footnotes.append(_footnote(page, number, current, continued))
    state.open_note = number if current else None


def _mark_repeated_furniture(pages: list[PageLayout], body_size: float) -> None:
    """Small print repeated at the same place on several pages is furniture.

    A confidentiality legend or a footer title in small type sits where
    footnotes do; taken for one, it would be read as a footnote carried on
    from page to page. Footnotes never repeat word for word.
    """
    seen: Counter[tuple[str, int]] = Counter()
    candidates = []
    for page in pages:
        for line in page.lines:
            if _is_small_print(line, page, body_size):
                key = (re.sub(r"\d+", "#", line.text), round(line.top / 4))
                seen[key] += 1
                candidates.append((key, line))
    for key, line in candidates:
        if seen[key] > 1:
            line.kind = "furniture"


def _is_small_print(line: TextLine, page: PageLayout, body_size: float) -> bool:
    middle = (line.top + line.bottom) / 2
    return (
        line.kind == "body"
        and line.number is None
        and line.size < FOOTNOTE_SIZE_RATIO * body_size
        and min(middle, page.height - middle) <= FURNITURE_BAND * page.height
    )


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


def _text_left(page: PageLayout) -> float | None:
    """The left edge of running text: where most body lines begin."""
    edges = Counter(round(line.x0) for line in page.lines if line.kind == "body")
    if not edges:
        return None
    return float(edges.most_common(1)[0][0])


def _paragraph_opening(line: TextLine) -> int | None:
    if len(line.words) < 2 or line.bold:
        return None
    first = line.words[0].text
    if first == "¶" and len(line.words) > 2:
        first = line.words[1].text
    elif not (first[0].isdigit() or first.startswith("¶")):
        return None
    elif not first.endswith(".") and not first.startswith("¶"):
        return None  # "25" alone is a number in the text, "25." opens a paragraph
    match = _PARAGRAPH_NUMBER.match(first)
    if match is None:
        return None
    return int(match.group(1))


def _opens_paragraph(line: TextLine, text_left: float, last_number: int) -> int | None:
    """The paragraph number this line opens, or None.

    Indented numbers open a paragraph when they run on from the last one (or
    restart at 1, as counterclaims do). A number flush with the text's left
    edge could as well be a wrapped "2010." and must be the very next number.
    """
    number = _paragraph_opening(line)
    if number is None:
        return None
    indent = line.x0 - text_left
    if INDENT_MIN <= indent <= INDENT_MAX:
        return number if number > last_number or number == 1 else None
    if abs(indent) <= 3 and number == last_number + 1:
        return number
    return None


# Unnumbered lines between two numbered paragraphs (a block quote, a list)
# belong to the first of them, up to this many; more is a section of its own.
MAX_ABSORBED_LINES = 15


@dataclass(slots=True)
class _OpenParagraph:
    number: int
    start: tuple[int, int]  # page, line index
    end: tuple[int, int]
    # Lines after a break (an indented line, a blank line's space) that are
    # kept only if the next thing is another numbered paragraph.
    pending: list[tuple[int, int]] = field(default_factory=list)

    def closed(self) -> ParagraphLayout:
        return ParagraphLayout(self.number, *self.start, *self.end)


def _find_paragraphs(pages: list[PageLayout]) -> list[ParagraphLayout]:
    """Numbered paragraphs from their number to the end of their last line.

    A paragraph runs on through lines at the text's left edge. An indented
    line or a blank line's space may end it or may be a block quote inside
    it: those lines are kept if the next numbered paragraph follows them
    (leaving a quote out would leave it unredacted), and dropped if a heading
    or the end of the numbered paragraphs comes first (a prayer for relief or
    a signature block is not part of the last paragraph).
    """
    flow: list[tuple[PageLayout, int, float, float]] = []  # page, line, left, right
    for page in pages:
        left = _text_left(page)
        if left is None:
            continue
        right = max(line.x1 for line in page.lines if line.kind == "body")
        flow.extend(
            (page, i, left, right)
            for i, line in enumerate(page.lines)
            if line.kind == "body"
        )
    pitch = _typical_pitch(flow)
    paragraphs: list[ParagraphLayout] = []
    last_number = 0
    current: _OpenParagraph | None = None
    previous: tuple[PageLayout, TextLine] | None = None
    for page, index, left, right in flow:
        line = page.lines[index]
        number = _opens_paragraph(line, left, last_number)
        if number is not None:
            if current is not None:
                if current.pending and len(current.pending) <= MAX_ABSORBED_LINES:
                    current.end = current.pending[-1]
                paragraphs.append(current.closed())
            place = (page.number, index)
            current, last_number = _OpenParagraph(number, place, place), number
        elif current is None:
            pass
        elif _is_heading(line, left, right):
            paragraphs.append(current.closed())
            current = None
        elif not current.pending and _continues(line, left, previous, page, pitch):
            current.end = (page.number, index)
        else:
            current.pending.append((page.number, index))
        previous = (page, line)
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


def _typical_pitch(flow: list[tuple[PageLayout, int, float, float]]) -> float:
    gaps = []
    for (page_a, i, *_), (page_b, j, *_) in zip(flow, flow[1:], strict=False):
        if page_a is page_b:
            gaps.append(page_b.lines[j].bottom - page_a.lines[i].bottom)
    return median(gaps) if gaps else 0.0


def _continues(
    line: TextLine,
    text_left: float,
    previous: tuple[PageLayout, TextLine] | None,
    page: PageLayout,
    pitch: float,
) -> bool:
    """Whether a line carries on the paragraph above it.

    Running lines start at the text's left edge; an indented or centred line
    is a new paragraph or a heading, and a blank line's worth of space on the
    same page ends the paragraph too.
    """
    if abs(line.x0 - text_left) > 3:
        return False
    if previous is None or previous[0] is not page:
        return True
    gap = line.bottom - previous[1].bottom
    return pitch <= 0 or gap <= 1.6 * pitch


# --- Putting it together ---------------------------------------------------------------


def analyze(pdf: bytes, *, backend: Backend = "pdfium") -> DocumentLayout:
    """Read the layout of every page of ``pdf``.

    Raises UnreadablePdf for empty, malformed or encrypted input.
    """
    raw_pages = _pdfium_pages(pdf) if backend == "pdfium" else _pdfplumber_pages(pdf)
    pages: list[PageLayout] = []
    sizes: Counter[float] = Counter()
    try:
        for number, raw in enumerate(raw_pages, start=1):
            pages.append(_page_layout(number, raw, sizes))
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
    for page in pages:
        _mark_footnotes(page, body_size, footnotes)
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
    )
