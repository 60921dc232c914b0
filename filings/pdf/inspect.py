"""Find bad redactions, hidden data and personal identifiers in a public PDF.

The inspector trusts what the page SHOWS, not how it was drawn: it renders every
page in grayscale at low resolution and looks at the pixels under each word of
the text layer. A word whose box shows no contrast (uniformly dark under a
box, or white on white, or invisible) is text a reader cannot see but anyone
can copy. The drawing order (an opaque box or image painted after the text) is
a second signal; it catches a box whose visible label ("REDACTED") gives the
pixels contrast while the secret words still sit underneath.

Hidden data (metadata, annotations, form values, attachments, scripts,
bookmarks, earlier revisions) is read with pikepdf; identifiers named by
Fed. R. Civ. P. 5.2 are searched in the page text and in the metadata.
"""

from __future__ import annotations

import ctypes
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from filings.pdf.geometry import IDENTITY, Matrix, UnreadablePdf, mul

Severity = Literal["fail", "review"]
Verdict = Literal["pass", "review", "fail"]
BBox = tuple[float, float, float, float]

# Render resolution: 72 dpi keeps 8-point footnote text ~8 px high, enough for
# anti-aliased glyphs to show contrast, and a Letter page renders in a few ms.
RENDER_SCALE = 1.0
# A word box whose darkest and lightest pixels differ by less than this shows
# nothing a reader can see. Black text on white spans ~200; a light-gray
# watermark ~50; near-black on black ~25.
MIN_CONTRAST = 40
# The second look at a word that shows too little contrast at 72 dpi.
ZOOM_SCALE = 6.0
ZOOM_MAX_PIXELS = 2000
# Share of a word's height left out above and below when looking at its pixels.
CORE_INSET = 0.2
# Words narrower or shorter than this (points) are looked at with a margin.
SMALL_GLYPH = 3.0
GLYPH_MARGIN = 0.75
# Share of a word's contrast an annotation must leave for the word to count as
# seen: a yellow highlight leaves ~0.9, a green one ~0.6, a pasted box ~0.
KEPT_CONTRAST = 0.3
# Below this even a light-gray watermark has faded into the page: hidden.
FAINT_CONTRAST = 12
# Earlier revisions read at most (each costs a full text extraction).
MAX_REVISIONS = 8
# Form XObjects nest; a file nesting them deeper than this is hostile.
MAX_FORM_DEPTH = 12
# A box thinner than this is a rule, an underline or a table border.
MIN_COVER_SIZE = 3.0


@dataclass(frozen=True)
class Finding:
    kind: str
    page: int | None  # 1-based PDF page index; None for document-wide data
    bbox: BBox | None  # x0, top, x1, bottom in points from the page's top-left
    text: str
    severity: Severity
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "page": self.page,
            "bbox": [round(v, 2) for v in self.bbox] if self.bbox else None,
            "text": self.text,
            "severity": self.severity,
            "message": self.message,
        }


def verdict_of(findings: Iterable[Finding]) -> Verdict:
    severities = {f.severity for f in findings}
    if "fail" in severities:
        return "fail"
    return "review" if "review" in severities else "pass"


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    pages: int = 0

    @property
    def verdict(self) -> Verdict:
        return verdict_of(self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "pages": self.pages,
            "findings": [f.to_dict() for f in self.findings],
        }


# --------------------------------------------------------------------------
# The text layer, read with pdfium (fast, and it knows each glyph's object)


@dataclass
class Word:
    page: int
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    first_char: int  # index of the word's first character in the pdfium text page
    line: int  # running line number on the page, for grouping findings

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def center(self) -> tuple[float, float]:
        return ((self.x0 + self.x1) / 2, (self.top + self.bottom) / 2)


@dataclass
class PageText:
    """A page's characters as pdfium reads them, with a box for each non-space."""

    number: int
    text: str  # one entry per pdfium char; whitespace normalised to " " / "\n"
    boxes: list[BBox | None]  # top-left boxes, None for whitespace
    words: list[Word]


@dataclass(frozen=True)
class PageFrame:
    """How a page is shown: its crop box, turned by its /Rotate.

    Boxes are reported as the page is displayed, in points from the top-left
    of the crop box, like every Region in the toolkit; at scale 1 these are
    also the pixel coordinates of the rendered page.
    """

    rotation: int
    crop: tuple[float, float, float, float]

    @classmethod
    def of(cls, page: pdfium.PdfPage) -> PageFrame:
        crop = page.get_cropbox()
        return cls(page.get_rotation() % 360, (crop[0], crop[1], crop[2], crop[3]))

    def box(self, left: float, bottom: float, right: float, top: float) -> BBox:
        """A user-space box (PDF points, origin bottom-left) as displayed."""
        cx0, cy0, cx1, cy1 = self.crop
        if self.rotation == 90:
            return (bottom - cy0, left - cx0, top - cy0, right - cx0)
        if self.rotation == 180:
            return (cx1 - right, bottom - cy0, cx1 - left, top - cy0)
        if self.rotation == 270:
            return (cy1 - top, cx1 - right, cy1 - bottom, cx1 - left)
        return (left - cx0, cy1 - top, right - cx0, cy1 - bottom)

    def rect(self, rect: Any) -> BBox | None:
        """A PDF rectangle array (corners in any order) as displayed."""
        try:
            x0, y0, x1, y1 = (float(v) for v in rect)
        except (TypeError, ValueError):
            return None
        return self.box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def read_page_text(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, number: int
) -> PageText:
    frame = PageFrame.of(page)
    count = pdfium_c.FPDFText_CountChars(textpage)
    chars: list[str] = []
    boxes: list[BBox | None] = []
    words: list[Word] = []
    ll, rr, bb, tt = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(ll), ctypes.byref(rr), ctypes.byref(bb), ctypes.byref(tt))
    # Bound once: this loop runs for every character of the document.
    raw = textpage.raw
    get_unicode = pdfium_c.FPDFText_GetUnicode
    get_box = pdfium_c.FPDFText_GetCharBox
    start = -1
    line = 0
    for i in range(count):
        code = get_unicode(raw, i)
        # pdfium reports a hyphen that ends a line as 0x02 and starts the next
        # line without a break: keep the hyphen, then break word and line.
        soft_hyphen = code == 0x2
        ch = "-" if soft_hyphen else _char(code)
        if ch.isspace() or code in (0xFFFE, 0xFFFF):
            if start >= 0:
                words.append(_word(number, chars, boxes, start, i, line))
                start = -1
            if ch in "\r\n":
                line += ch == "\n"
                chars.append("\n")
            else:
                chars.append(" ")
            boxes.append(None)
            continue
        get_box(raw, i, *refs)
        chars.append(ch)
        if rr.value - ll.value < 0.1 or tt.value - bb.value < 0.1:
            boxes.append(frame.box(*_loose_box(raw, i)))
        else:
            boxes.append(frame.box(ll.value, bb.value, rr.value, tt.value))
        if start < 0:
            start = i
        if soft_hyphen:
            words.append(_word(number, chars, boxes, start, i + 1, line))
            start = -1
            line += 1
    if start >= 0:
        words.append(_word(number, chars, boxes, start, count, line))
    return PageText(number=number, text="".join(chars), boxes=boxes, words=words)


def _loose_box(raw: Any, index: int) -> tuple[float, float, float, float]:
    """The character's cell (advance by ascent and descent), for fonts whose
    glyph boxes are empty; still empty for text drawn at size zero."""
    rect = pdfium_c.FS_RECTF()
    pdfium_c.FPDFText_GetLooseCharBox(raw, index, ctypes.byref(rect))
    return (
        rect.left,
        min(rect.bottom, rect.top),
        rect.right,
        max(rect.bottom, rect.top),
    )


def _char(code: int) -> str:
    if code == 0 or code >= 0x110000:
        return " "
    if 0xD800 <= code <= 0xDFFF:
        # Half of a surrogate pair: it cannot be printed or stored on its own.
        return "\ufffd"
    return chr(code)


def _word(
    page: int,
    chars: list[str],
    boxes: list[BBox | None],
    start: int,
    end: int,
    line: int,
) -> Word:
    # A word is a run of non-space characters, so every box in it is set.
    x0s, tops, x1s, bottoms = zip(*boxes[start:end], strict=True)
    return Word(
        page=page,
        text="".join(chars[start:end]),
        x0=min(x0s),
        top=min(tops),
        x1=max(x1s),
        bottom=max(bottoms),
        first_char=start,
        line=line,
    )


def page_count(pdf: bytes) -> int:
    doc = _open_pdfium(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def extract_words(pdf: bytes) -> list[Word]:
    """Every word of the text layer, page by page, in content order."""
    doc = _open_pdfium(pdf)
    try:
        words: list[Word] = []
        for index in range(len(doc)):
            page = _load_page(doc, index)
            textpage = page.get_textpage()
            words.extend(read_page_text(page, textpage, index + 1).words)
            textpage.close()
            page.close()
        return words
    finally:
        doc.close()


# --------------------------------------------------------------------------
# Opening


def _open_pikepdf(pdf: bytes) -> pikepdf.Pdf:
    if b"%PDF-" not in pdf[:1024]:
        raise UnreadablePdf("the file is empty or is not a PDF")
    try:
        doc = pikepdf.open(io.BytesIO(pdf))
    except pikepdf.PasswordError as exc:
        raise UnreadablePdf("the PDF is encrypted with a password") from exc
    except (pikepdf.PdfError, ValueError, OSError) as exc:
        raise UnreadablePdf(f"the PDF is damaged: {exc}") from exc
    if doc.is_encrypted:
        doc.close()
        raise UnreadablePdf("the PDF is encrypted; file an unencrypted copy")
    if len(doc.pages) == 0:
        doc.close()
        raise UnreadablePdf("the PDF has no pages")
    return doc


def _open_pdfium(pdf: bytes) -> pdfium.PdfDocument:
    try:
        doc = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise UnreadablePdf(f"the PDF cannot be read: {exc}") from exc
    if len(doc) == 0:
        doc.close()
        raise UnreadablePdf("the PDF has no pages")
    return doc


def _load_page(doc: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
    try:
        return doc[index]
    except pdfium.PdfiumError as exc:
        raise UnreadablePdf(f"page {index + 1} cannot be read: {exc}") from exc


# --------------------------------------------------------------------------
# Drawing order: what was painted over each glyph after it


@dataclass(frozen=True)
class Cover:
    """An opaque box or image painted at `order`, in top-left page points."""

    order: int
    kind: Literal["box", "image"]
    bbox: BBox
    gray: float  # 0 black .. 1 white; images report -1 (unknown)


def _walk_objects(
    container: Any,
    to_page: Matrix | None,
    out: list[tuple[Any, Matrix]],
    depth: int = 0,
) -> None:
    """Flatten page objects in painting order, descending into form XObjects.

    Each object comes with the matrix from the space its bounds are reported
    in to page space: pdfium reports bounds of objects nested in a form
    XObject in the form's space, before the form's own placement.
    """
    if depth > MAX_FORM_DEPTH:
        return  # hostile nesting; the pixel check still sees the page
    in_form = to_page is not None
    count_fn = (
        pdfium_c.FPDFFormObj_CountObjects if in_form else pdfium_c.FPDFPage_CountObjects
    )
    get_fn = pdfium_c.FPDFFormObj_GetObject if in_form else pdfium_c.FPDFPage_GetObject
    here = to_page or IDENTITY
    for i in range(count_fn(container)):
        obj = get_fn(container, i)
        out.append((obj, here))
        if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_FORM:
            placement = pdfium_c.FS_MATRIX()
            pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(placement))
            form_matrix = (
                placement.a,
                placement.b,
                placement.c,
                placement.d,
                placement.e,
                placement.f,
            )
            _walk_objects(obj, mul(form_matrix, here), out, depth + 1)


def _bounds_on_page(
    bounds: tuple[float, float, float, float], matrix: Matrix
) -> tuple[float, float, float, float]:
    """Axis-aligned (left, bottom, right, top) of a box after `matrix`."""
    if matrix == IDENTITY:
        return bounds
    left, bottom, right, top = bounds
    a, b, c, d, e, f = matrix
    xs, ys = [], []
    for x, y in ((left, bottom), (left, top), (right, bottom), (right, top)):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return min(xs), min(ys), max(xs), max(ys)


def _address(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


@dataclass(frozen=True)
class DrawnText:
    """A text object painted at `order`, for telling a buried copy from a shown one."""

    order: int
    handle: Any
    to_page: Matrix
    frame: PageFrame

    def bbox(self) -> BBox | None:
        ll, bb, rr, tt = (ctypes.c_float() for _ in range(4))
        if not pdfium_c.FPDFPageObj_GetBounds(self.handle, ll, bb, rr, tt):
            return None
        return self.frame.box(
            *_bounds_on_page((ll.value, bb.value, rr.value, tt.value), self.to_page)
        )


@dataclass
class Painting:
    """What a page paints, in order: text objects, opaque covers, unsized text."""

    order_of_text: dict[int, int]  # text object address -> painting position
    covers: list[Cover]
    texts: list[DrawnText]
    # Text objects drawn at font size 0: pdfium reads nothing from them, other
    # extractors read their strings.
    unsized: list[BBox]


def _drawing_order(page: pdfium.PdfPage) -> Painting:
    """Map each text object to its painting position, and list opaque covers."""
    frame = PageFrame.of(page)
    objects: list[tuple[Any, Matrix]] = []
    _walk_objects(page.raw, None, objects)
    order_of_text: dict[int, int] = {}
    covers: list[Cover] = []
    texts: list[DrawnText] = []
    unsized: list[BBox] = []
    ll, bb, rr, tt = (ctypes.c_float() for _ in range(4))
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    size = ctypes.c_float()
    for order, (obj, to_page) in enumerate(objects):
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            order_of_text[_address(obj)] = order
            drawn = DrawnText(order, obj, to_page, frame)
            texts.append(drawn)
            if (
                pdfium_c.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
                and not size.value
            ):
                unsized.append(drawn.bbox() or (0.0, 0.0, 0.0, 0.0))
            continue
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE):
            continue
        if pdfium_c.FPDFPageObj_HasTransparency(obj):
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, ll, bb, rr, tt):
            continue
        left, bottom, right, top = _bounds_on_page(
            (ll.value, bb.value, rr.value, tt.value), to_page
        )
        if right - left < MIN_COVER_SIZE or top - bottom < MIN_COVER_SIZE:
            continue
        bbox = frame.box(left, bottom, right, top)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            covers.append(Cover(order, "image", bbox, -1.0))
            continue
        if not _is_filled_rectangle(obj):
            continue
        pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a)
        if a.value < 255:
            continue
        gray = (0.299 * r.value + 0.587 * g.value + 0.114 * b.value) / 255
        covers.append(Cover(order, "box", bbox, gray))
    return Painting(order_of_text, covers, texts, unsized)


def _is_filled_rectangle(path: Any) -> bool:
    fillmode = ctypes.c_int()
    stroke = ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(path, fillmode, stroke):
        return False
    # A box has a move, three or four lines and maybe a close: curves (glyph
    # outlines, logos) are left to the pixel check.
    return (
        fillmode.value != pdfium_c.FPDF_FILLMODE_NONE
        and pdfium_c.FPDFPath_CountSegments(path) <= 6
    )


def _contains(bbox: BBox, x: float, y: float) -> bool:
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


# --------------------------------------------------------------------------
# Pixels: what a reader actually sees at each word


@dataclass
class Raster:
    page: pdfium.PdfPage
    buffer: bytes
    width: int
    height: int
    stride: int

    def contrast(self, bbox: BBox) -> tuple[int, int]:
        """Darkest and lightest pixel inside a top-left page box."""
        fx0, fy0, fx1, fy1 = self._pixel_box(bbox)
        px0, px1 = max(0, int(fx0)), min(self.width, int(fx1 + 0.999))
        py0, py1 = max(0, int(fy0)), min(self.height, int(fy1 + 0.999))
        if px1 <= px0 or py1 <= py0:
            return (255, 255)
        lo, hi = 255, 0
        for row in range(py0, py1):
            start = row * self.stride
            pixels = self.buffer[start + px0 : start + px1]
            lo = min(lo, min(pixels))
            hi = max(hi, max(pixels))
            if hi - lo >= MIN_CONTRAST:
                break
        return lo, hi

    def zoomed_contrast(self, bbox: BBox) -> tuple[int, int]:
        """The same, rendering just this box at high resolution.

        At 72 dpi a period or a thin gray footnote glyph blurs into a pixel or
        two of light gray; a second look at ~430 dpi tells faint from absent.
        """
        x0, top, x1, bottom = bbox
        # A period or a stem fills its own tight box with ink: take in a
        # little of the page around so the ink has something to differ from.
        if x1 - x0 < SMALL_GLYPH:
            x0, x1 = x0 - GLYPH_MARGIN, x1 + GLYPH_MARGIN
        if bottom - top < SMALL_GLYPH:
            top, bottom = top - GLYPH_MARGIN, bottom + GLYPH_MARGIN
        # The matrix below applies on top of pdfium's display matrix, whose
        # unit is one displayed point: the box needs no conversion.
        fx0, fy0, fx1, fy1 = x0, top, x1, bottom
        zoom = ZOOM_SCALE
        longest = max(fx1 - fx0, fy1 - fy0, 1e-3)
        zoom = min(zoom, ZOOM_MAX_PIXELS / longest)
        width = max(1, math.ceil((fx1 - fx0) * zoom))
        height = max(1, math.ceil((fy1 - fy0) * zoom))
        bitmap = pdfium.PdfBitmap.new_native(width, height, pdfium_c.FPDFBitmap_Gray)
        try:
            bitmap.fill_rect((255, 255, 255, 255), 0, 0, width, height)
            matrix = pdfium_c.FS_MATRIX(zoom, 0, 0, zoom, -fx0 * zoom, -fy0 * zoom)
            clip = pdfium_c.FS_RECTF(0, 0, width, height)
            pdfium_c.FPDF_RenderPageBitmapWithMatrix(
                bitmap,
                self.page,
                ctypes.byref(matrix),
                ctypes.byref(clip),
                pdfium_c.FPDF_ANNOT | pdfium_c.FPDF_GRAYSCALE,
            )
            pixels = bytes(bitmap.buffer)
        finally:
            bitmap.close()
        lo, hi = 255, 0
        for row in range(height):
            line = pixels[row * bitmap.stride : row * bitmap.stride + width]
            lo, hi = min(lo, min(line)), max(hi, max(line))
        return lo, hi

    def kept_contrast(self, bare: Raster, bbox: BBox) -> float:
        """How much of the text's contrast survives the annotations, 0..1.

        `bare` is the page rendered without annotations. The pixels that are
        ink there are compared, here, with those that are paper there: under
        a yellow highlight the ink stays darker than the paper (about 0.9),
        under a white text box pasted over the words it does not (about 0).
        """
        fx0, fy0, fx1, fy1 = self._pixel_box(bbox)
        px0, px1 = max(0, int(fx0)), min(self.width, int(fx1 + 0.999))
        py0, py1 = max(0, int(fy0)), min(self.height, int(fy1 + 0.999))
        before: list[int] = []
        after: list[int] = []
        for row in range(py0, py1):
            start = row * self.stride
            before.extend(bare.buffer[start + px0 : start + px1])
            after.extend(self.buffer[start + px0 : start + px1])
        if not before:
            return 1.0
        middle = (min(before) + max(before)) / 2
        ink = [k for k, v in enumerate(before) if v < middle]
        paper = [k for k, v in enumerate(before) if v >= middle]
        if not ink or not paper:
            return 1.0  # nothing to see without the annotations either

        def gap(values: list[int]) -> float:
            return sum(values[k] for k in paper) / len(paper) - sum(
                values[k] for k in ink
            ) / len(ink)

        return gap(after) / gap(before)

    def _pixel_box(self, bbox: BBox) -> tuple[float, float, float, float]:
        """Displayed points -> pixels of the page rendered at RENDER_SCALE."""
        x0, top, x1, bottom = bbox
        scale = RENDER_SCALE
        return (x0 * scale, top * scale, x1 * scale, bottom * scale)


def render_page(page: pdfium.PdfPage, annotations: bool = True) -> Raster:
    bitmap = page.render(scale=RENDER_SCALE, grayscale=True, draw_annots=annotations)
    try:
        return Raster(
            page, bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride
        )
    finally:
        bitmap.close()


# --------------------------------------------------------------------------
# Bad redactions on one page


@dataclass(frozen=True)
class DarkMark:
    """A dark annotation (highlight, square, ink) in top-left page points."""

    bbox: BBox
    subtype: str


@dataclass
class PageMarks:
    """A page's annotations that may be painted over its text."""

    dark: list[DarkMark] = field(default_factory=list)
    # Any other annotation with an appearance of its own (a white text box,
    # a stamp): the pixels tell whether it hides what lies under it.
    drawn: list[DarkMark] = field(default_factory=list)


def _render_mode(textpage: pdfium.PdfTextPage, char_index: int) -> int:
    obj = pdfium_c.FPDFText_GetTextObject(textpage, char_index)
    if not obj:
        return 0
    return int(pdfium_c.FPDFTextObj_GetTextRenderMode(obj))


def _hidden_words(
    page: pdfium.PdfPage,
    textpage: pdfium.PdfTextPage,
    text: PageText,
    marks: PageMarks,
) -> tuple[list[tuple[Word, str, Severity, str]], list[BBox]]:
    """Each word a reader cannot see, with the finding kind, severity and reason;
    and the boxes of text drawn at size zero, which has no words to show."""
    painting = _drawing_order(page)
    if not text.words:
        return [], painting.unsized
    order_of_text = painting.order_of_text
    cover_index = CoverIndex(painting.covers, painting.texts)
    raster = render_page(page)
    # Only pages with annotations that could cover text pay a second render.
    bare = render_page(page, annotations=False) if marks.drawn else None
    hidden: list[tuple[Word, str, Severity, str]] = []
    shown: set[tuple[str, int, int]] = set()
    for word in text.words:
        if not any(ch.isalnum() for ch in word.text):
            continue  # a hidden period or dash reveals nothing
        verdict = _cover_verdict(
            textpage, word, order_of_text, cover_index, marks, raster, bare
        )
        if verdict is None:
            shown.add(_spot(word))
        else:
            hidden.append((word, *verdict))
    # Some writers draw a word, paint a box, then draw the word again on top:
    # the buried copy repeats what every reader sees.
    return [h for h in hidden if _spot(h[0]) not in shown], painting.unsized


def _spot(word: Word) -> tuple[str, int, int]:
    return (word.text, round(word.x0 / 2), round(word.top / 2))


class CoverIndex:
    """Covers bucketed on a coarse grid, so a page of many boxes stays fast."""

    CELL = 48.0

    def __init__(self, covers: list[Cover], texts: list[DrawnText]) -> None:
        self.texts = {text.order: text for text in texts}
        self.cells: dict[tuple[int, int], list[Cover]] = {}
        for cover in covers:
            x0, top, x1, bottom = cover.bbox
            for cx in range(int(x0 // self.CELL), int(x1 // self.CELL) + 1):
                for cy in range(int(top // self.CELL), int(bottom // self.CELL) + 1):
                    self.cells.setdefault((cx, cy), []).append(cover)

    def at(self, x: float, y: float) -> list[Cover]:
        cell = self.cells.get((int(x // self.CELL), int(y // self.CELL)), [])
        return [c for c in cell if _contains(c.bbox, x, y)]


def _cover_verdict(
    textpage: pdfium.PdfTextPage,
    word: Word,
    order_of_text: dict[int, int],
    covers: CoverIndex,
    marks: PageMarks,
    raster: Raster,
    bare: Raster | None,
) -> tuple[str, Severity, str] | None:
    core = _core(word.bbox)
    lo, hi = raster.contrast(core)
    if hi - lo < MIN_CONTRAST:
        lo, hi = raster.zoomed_contrast(core)
    invisible = hi - lo < MIN_CONTRAST
    cx, cy = word.center
    cover = _painted_over(textpage, word, order_of_text, covers)
    if cover is not None and cover.kind == "box":
        return (
            "text_under_box",
            "fail",
            "text is still in the file under a box drawn over it",
        )
    mark = next((m for m in marks.dark if _contains(m.bbox, cx, cy)), None)
    if mark is not None:
        return (
            "text_under_annotation",
            "fail",
            f"text is still in the file under a dark {mark.subtype} annotation",
        )
    mark = next((m for m in marks.drawn if _contains(m.bbox, cx, cy)), None)
    changed = (
        mark is not None
        and bare is not None
        and raster.kept_contrast(bare, core) < KEPT_CONTRAST
    )
    if mark is not None and changed:
        return (
            "text_under_annotation",
            "fail",
            f"a {mark.subtype} annotation is drawn over text still in the file",
        )
    if cover is not None:
        if invisible:
            return (
                "text_under_image",
                "fail",
                "text is still in the file under an image painted over it",
            )
        return (
            "text_under_image",
            "review",
            "a text layer lies under an image; check that it only repeats the image",
        )
    if not invisible:
        return None
    mode = _render_mode(textpage, word.first_char)
    if hi < 100:
        reason = (
            "invisible text (an OCR layer?) over blacked-out pixels"
            if mode == 3
            else "text over a dark area shows no contrast"
        )
    elif mode == 3:
        reason = "text is drawn invisibly (render mode 3) over a blank area"
    elif hi - lo >= FAINT_CONTRAST:
        # Faint but visible on a light page: a watermark or a stamp, most
        # likely; a person should look rather than the filing be rejected.
        return ("faint_text", "review", "text is barely visible (a watermark?)")
    else:
        reason = "text shows no contrast against the page (white or hidden text)"
    return ("hidden_text", "fail", reason)


def _core(bbox: BBox) -> BBox:
    """The middle of a word's box, where its glyphs carry most of their ink.

    A marker bar or an OCR box rarely lines up with the text layer to the
    point: descenders and accents poking out of the bar must not make a
    covered word look visible.
    """
    x0, top, x1, bottom = bbox
    if bottom - top >= SMALL_GLYPH:
        inset = (bottom - top) * CORE_INSET
        top, bottom = top + inset, bottom - inset
    if x1 - x0 >= SMALL_GLYPH:
        inset = min(1.0, (x1 - x0) * CORE_INSET / 2)
        x0, x1 = x0 + inset, x1 - inset
    return (x0, top, x1, bottom)


def _painted_over(
    textpage: pdfium.PdfTextPage,
    word: Word,
    order_of_text: dict[int, int],
    covers: CoverIndex,
) -> Cover | None:
    cx, cy = word.center
    candidates = covers.at(cx, cy)
    if not candidates:
        return None
    obj = pdfium_c.FPDFText_GetTextObject(textpage, word.first_char)
    order = order_of_text.get(_address(obj)) if obj else None
    if order is None:
        return None
    later = [c for c in candidates if c.order > order]
    if not later:
        return None
    cover = later[-1]
    if _drawn_again(textpage, word, covers.texts, order, cover.order):
        return None
    return cover


def _drawn_again(
    textpage: pdfium.PdfTextPage,
    word: Word,
    texts: dict[int, DrawnText],
    order: int,
    cover_order: int,
) -> bool:
    """Is the same text painted again at the same spot above the cover?

    pdfium keeps one copy of text drawn twice at one spot, so the copy on top
    may read as empty: then it must sit exactly where the buried one does.
    """
    cx, cy = word.center
    buried = texts[order].bbox()
    for drawn in texts.values():
        if drawn.order <= cover_order:
            continue
        box = drawn.bbox()
        if box is None or not _contains(box, cx, cy):
            continue
        shown = _object_text(drawn.handle, textpage)
        if word.text in shown:
            return True
        if (
            not shown
            and buried
            and all(abs(p - q) < 1.0 for p, q in zip(box, buried, strict=True))
        ):
            return True
    return False


def _object_text(handle: Any, textpage: pdfium.PdfTextPage) -> str:
    size = pdfium_c.FPDFTextObj_GetText(handle, textpage, None, 0)
    if size <= 2:
        return ""
    units = (size + 1) // 2
    buffer = (pdfium_c.FPDF_WCHAR * units)()
    pdfium_c.FPDFTextObj_GetText(handle, textpage, buffer, size)
    return bytes(memoryview(buffer)[: units - 1]).decode("utf-16-le", "replace")


def _group_hidden(hidden: list[tuple[Word, str, Severity, str]]) -> list[Finding]:
    """Merge consecutive hidden words of one kind into one finding per passage."""
    findings: list[Finding] = []
    run: list[Word] = []
    key: tuple[str, Severity, str] | None = None

    def flush() -> None:
        if run and key:
            findings.append(
                Finding(
                    kind=key[0],
                    page=run[0].page,
                    bbox=(
                        min(w.x0 for w in run),
                        min(w.top for w in run),
                        max(w.x1 for w in run),
                        max(w.bottom for w in run),
                    ),
                    text=" ".join(w.text for w in run),
                    severity=key[1],
                    message=key[2],
                )
            )

    for word, kind, severity, message in hidden:
        this = (kind, severity, message)
        adjacent = run and word.line - run[-1].line <= 1
        if this != key or not adjacent:
            flush()
            run = []
            key = this
        run.append(word)
    flush()
    return findings


# --------------------------------------------------------------------------
# Personal identifiers (Fed. R. Civ. P. 5.2)

_SSN = re.compile(r"(?<![\dA-Za-z-])(\d{3})[- ](\d{2})[- ](\d{4})(?![\d-])")
_TIN = re.compile(r"(?<![\dA-Za-z-])\d{2}-\d{7}(?![\d-])")
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_FULL_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}})"
)
_DOB = re.compile(
    rf"(?i)\b(?:D\.?O\.?B\.?|date\s+of\s+birth|birth\s*date|born(?:\s+on)?)\b"
    rf"[^\n\d]{{0,25}}?({_FULL_DATE})"
)
_ACCOUNT = re.compile(
    r"(?i)\b(?:account|acct|a/c|card)\b[^\n]{0,30}?((?<![\d])\d[\d\- ]{3,}\d)(?![\d])"
)
_CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")


def _luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _mask(value: str) -> str:
    """Keep only the last four digits, as Rule 5.2 allows: the report leaks nothing."""
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    keep = set(digits[-4:])
    return "".join(
        ch if (not ch.isdigit() or i in keep) else "X" for i, ch in enumerate(value)
    )


def find_identifiers(text: str) -> Iterator[tuple[str, int, int, str]]:
    """(kind, start, end, masked text) for each Rule 5.2 identifier shown in full."""
    seen: list[tuple[int, int]] = []

    def fresh(start: int, end: int) -> bool:
        if any(s < end and start < e for s, e in seen):
            return False
        seen.append((start, end))
        return True

    for m in _SSN.finditer(text):
        if m.group(1) != "000" and fresh(m.start(), m.end()):
            yield ("ssn", m.start(), m.end(), _mask(m.group(0)))
    for m in _TIN.finditer(text):
        if fresh(m.start(), m.end()):
            yield ("tin", m.start(), m.end(), _mask(m.group(0)))
    for m in _DOB.finditer(text):
        if fresh(m.start(1), m.end(1)):
            yield ("date_of_birth", m.start(1), m.end(1), "[full date of birth]")
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if digits[0] in "23456" and _luhn_valid(digits) and fresh(m.start(), m.end()):
            yield ("card_number", m.start(), m.end(), _mask(m.group(0)))
    for m in _ACCOUNT.finditer(text):
        number = m.group(1).strip()
        if sum(ch.isdigit() for ch in number) > 4 and fresh(m.start(1), m.end(1)):
            yield ("account_number", m.start(1), m.end(1), _mask(number))


def mask_identifiers(text: str) -> str:
    """The text with every full Rule 5.2 identifier cut down to what the rule allows.

    Reports are stored and shown to staff; they must not become a second copy
    of the identifiers they warn about.
    """
    spans = sorted(
        (start, end, shown) for _kind, start, end, shown in find_identifiers(text)
    )
    for start, end, shown in reversed(spans):
        text = text[:start] + shown + text[end:]
    return text


def masked(findings: Iterable[Finding]) -> list[Finding]:
    return [
        replace(f, text=mask_identifiers(f.text)) if f.text else f for f in findings
    ]


_IDENTIFIER_NAMES = {
    "ssn": "a full Social Security number",
    "tin": "a full taxpayer identification number",
    "date_of_birth": "a full date of birth",
    "card_number": "a full payment card number",
    "account_number": "a financial account number beyond its last four digits",
}


def _identifier_findings(text: PageText) -> list[Finding]:
    findings = []
    for kind, start, end, shown in find_identifiers(text.text):
        own = [b for b in text.boxes[start:end] if b is not None]
        bbox = (
            (
                min(b[0] for b in own),
                min(b[1] for b in own),
                max(b[2] for b in own),
                max(b[3] for b in own),
            )
            if own
            else None
        )
        findings.append(
            Finding(
                kind,
                text.number,
                bbox,
                shown,
                "fail",
                f"the page shows {_IDENTIFIER_NAMES[kind]} (Fed. R. Civ. P. 5.2)",
            )
        )
    return findings


# --------------------------------------------------------------------------
# Hidden data, read with pikepdf

_INFO_FIELDS = ("/Title", "/Subject", "/Author", "/Keywords")
_TOOL_FIELDS = ("/Creator", "/Producer")
_XMP_FIELDS = ("dc:title", "dc:description", "dc:creator", "dc:subject", "pdf:Keywords")
# Values that name software or a blank template rather than say anything.
_TOOL_VALUE = re.compile(
    r"(?i)^\s*(?:untitled(?: document)?|document\d*|user|owner|admin(?:istrator)?|"
    r"microsoft office user|(?:microsoft®?\s*)?word(?: for microsoft 365)?|"
    r"(?:adobe\s*)?acrobat(?: pro| distiller| pdfmaker)?|adobe pdf library|"
    r"weasyprint|libreoffice|openoffice(?:\.org)?|writer|pdftex|latex|ghostscript|"
    r"quartz pdfcontext|skia/pdf|pikepdf|qpdf|wkhtmltopdf|(?:headless )?chrom(?:e|ium)|"
    r"pdf)(?:[\s,;/-]*v?[\d.]+\w*)*\s*$"
)
# Information keys that only ever hold dates or tool banners.
_QUIET_KEYS = re.compile(r"(?i)^/(?:.*Date|.*Modified|Trapped|PTEX\..*)$")


def _dark_rgb(color: Any) -> float | None:
    """Luminance 0..1 of an annotation colour array, or None if it has none."""
    try:
        values = [float(v) for v in color]
    except (TypeError, ValueError):
        return None
    if len(values) == 1:
        return values[0]
    if len(values) == 3:
        return 0.299 * values[0] + 0.587 * values[1] + 0.114 * values[2]
    if len(values) == 4:
        return max(
            0.0, 1 - max(values[3], (values[0] + values[1] + values[2]) / 3 + values[3])
        )
    return None


def _quad_boxes(quads: Any, frame: PageFrame) -> list[BBox]:
    """One box per quadrilateral: a highlight over parts of two lines marks
    only those parts, though its /Rect spans both lines whole."""
    try:
        values = [float(v) for v in quads]
    except (TypeError, ValueError):
        return []
    boxes = []
    for n in range(0, len(values) - 7, 8):
        xs, ys = values[n : n + 8 : 2], values[n + 1 : n + 8 : 2]
        boxes.append(frame.box(min(xs), min(ys), max(xs), max(ys)))
    return boxes


def _text_of(value: Any) -> str:
    try:
        return str(value).strip()
    except (TypeError, ValueError, UnicodeDecodeError):
        return ""


class HiddenData:
    """What a pikepdf walk of the document finds besides the pages' content."""

    def __init__(self, doc: pikepdf.Pdf, frames: list[PageFrame]) -> None:
        self.doc = doc
        self.frames = frames
        self.findings: list[Finding] = []
        self.marks: dict[int, PageMarks] = {}
        self.metadata_text: list[tuple[str, str]] = []  # (field, value)
        self._all_dictionaries: list[pikepdf.Dictionary] | None = None

    def collect(self) -> HiddenData:
        steps = (
            ("metadata", self._metadata),
            ("annotations", self._annotations),
            ("form fields", self._forms),
            ("attached files", self._embedded_files),
            ("scripts", self._javascript),
        )
        for what, step in steps:
            # A damaged or hostile structure must not stop the inspection,
            # nor pass silently: a person looks at what could not be read.
            try:
                step()
            except (
                pikepdf.PdfError,
                ValueError,
                TypeError,
                AttributeError,
                KeyError,
            ) as exc:
                self.findings.append(
                    Finding(
                        "unreadable_structure",
                        None,
                        None,
                        what,
                        "review",
                        f"the {what} could not be read ({exc}); check them by hand",
                    )
                )
        return self

    def _metadata(self) -> None:
        info = self.doc.trailer.get("/Info")
        if isinstance(info, pikepdf.Dictionary):
            for key in info.keys():  # noqa: SIM118 - pikepdf dictionaries need keys()
                value = _text_of(info[key])
                if not value:
                    continue
                self.metadata_text.append((key[1:], value))
                telling = key in _INFO_FIELDS or not (
                    key in _TOOL_FIELDS or _QUIET_KEYS.match(key)
                )
                if telling and not _TOOL_VALUE.match(value):
                    self.findings.append(
                        Finding(
                            "metadata",
                            None,
                            None,
                            f"{key[1:]}: {value}",
                            "review",
                            f"the document information has a {key[1:]}; check it "
                            "reveals "
                            "nothing sealed",
                        )
                    )
        said = {value for _name, value in self.metadata_text}
        for name, value in self._xmp_values():
            # Writers mirror the information dictionary into XMP: say it once.
            if value in said:
                continue
            self.metadata_text.append((name, value))
            if not _TOOL_VALUE.match(value):
                self.findings.append(
                    Finding(
                        "metadata",
                        None,
                        None,
                        f"{name}: {value}",
                        "review",
                        f"the XMP metadata has {name}; check it reveals nothing sealed",
                    )
                )

    def _xmp_values(self) -> list[tuple[str, str]]:
        stream = self.doc.Root.get("/Metadata")
        if not isinstance(stream, pikepdf.Stream):
            return []
        try:
            xml = stream.read_bytes().decode("utf-8", "replace")
        except pikepdf.PdfError:
            return []
        values = []
        # A regex rather than an XML parser: the packet is untrusted input and
        # we only want the text of a few elements.
        for name in _XMP_FIELDS:
            for m in re.finditer(rf"<{name}\b[^>]*>(.*?)</{name}>", xml, re.S):
                inner = re.sub(r"<[^>]+>", " ", m.group(1))
                inner = " ".join(inner.split())
                if inner:
                    values.append((f"XMP {name}", _unescape_xml(inner)))
        return values

    def _annotations(self) -> None:
        for number, page in enumerate(self.doc.pages, start=1):
            annots = page.obj.get("/Annots")
            if not isinstance(annots, pikepdf.Array):
                continue
            frame = self._frame(number, page)
            for annot in annots:
                if isinstance(annot, pikepdf.Dictionary):
                    self._annotation(number, annot, frame)

    def _frame(self, number: int, page: pikepdf.Page) -> PageFrame:
        if number <= len(self.frames):
            return self.frames[number - 1]
        # pdfium and pikepdf disagree on the page tree: fall back to the
        # media box, unrotated.
        box = [float(v) for v in page.mediabox]
        return PageFrame(0, (box[0], box[1], box[2], box[3]))

    def _annotation(
        self, number: int, annot: pikepdf.Dictionary, frame: PageFrame
    ) -> None:
        subtype = str(annot.get("/Subtype", "/Unknown"))[1:]
        bbox = frame.rect(annot.get("/Rect"))
        contents = _text_of(annot.get("/Contents", ""))
        if subtype == "Redact":
            self.findings.append(
                Finding(
                    "unapplied_redaction",
                    number,
                    bbox,
                    contents,
                    "fail",
                    "a Redact annotation was marked but never applied: the text "
                    "under it is intact",
                )
            )
            return
        if subtype == "FileAttachment":
            name = _text_of(
                annot.get("/FS", {}).get("/UF", "")
                if isinstance(annot.get("/FS"), pikepdf.Dictionary)
                else ""
            )
            self.findings.append(
                Finding(
                    "embedded_file",
                    number,
                    bbox,
                    name,
                    "fail",
                    "a file is attached to the page (as in FTC v. Microsoft)",
                )
            )
            return
        if subtype in ("Link", "Popup", "Widget"):
            return
        marks = self.marks.setdefault(number, PageMarks())
        if subtype != "Text" and bbox:  # a sticky note's icon is not a cover
            marks.drawn.append(DarkMark(bbox, subtype))
        if subtype in ("Highlight", "Square", "Ink", "Polygon", "Circle", "Stamp"):
            color = (
                annot.get("/IC") if subtype in ("Square", "Circle", "Polygon") else None
            )
            luminance = _dark_rgb(color if color is not None else annot.get("/C"))
            opacity = _number(annot.get("/CA", 1.0), default=1.0)
            if luminance is not None and luminance < 0.3 and opacity > 0.8 and bbox:
                for box in _quad_boxes(annot.get("/QuadPoints"), frame) or [bbox]:
                    marks.dark.append(DarkMark(box, subtype))
        if contents:
            self.findings.append(
                Finding(
                    "annotation",
                    number,
                    bbox,
                    contents,
                    "review",
                    f"a {subtype} annotation carries a note that every reader can open",
                )
            )
            self.metadata_text.append((f"annotation on page {number}", contents))

    def _forms(self) -> None:
        acroform = self.doc.Root.get("/AcroForm")
        if not isinstance(acroform, pikepdf.Dictionary):
            return
        fields = acroform.get("/Fields")
        if not isinstance(fields, pikepdf.Array):
            return
        stack = list(fields)
        seen: set[tuple[int, int]] = set()
        while stack:
            item = stack.pop()
            if not isinstance(item, pikepdf.Dictionary):
                continue
            if item.is_indirect:
                if item.objgen in seen:
                    continue
                seen.add(item.objgen)
            kids = item.get("/Kids")
            if isinstance(kids, pikepdf.Array):
                stack.extend(kids)
            value = item.get("/V")
            shown = _text_of(value) if isinstance(value, pikepdf.String) else ""
            if shown:
                name = _text_of(item.get("/T", ""))
                self.findings.append(
                    Finding(
                        "form_field",
                        None,
                        None,
                        f"{name}: {shown}",
                        "review",
                        "a form field holds a value; check it reveals nothing sealed",
                    )
                )
                self.metadata_text.append((f"form field {name}", shown))

    def _embedded_files(self) -> None:
        names = self.doc.Root.get("/Names")
        if isinstance(names, pikepdf.Dictionary) and "/EmbeddedFiles" in names:
            for name in self.doc.attachments:
                self.findings.append(
                    Finding(
                        "embedded_file",
                        None,
                        None,
                        name,
                        "fail",
                        "the PDF carries an attached file (as in FTC v. Microsoft)",
                    )
                )
        if not any(
            f.kind == "embedded_file" for f in self.findings
        ) and self._has_object(
            lambda d: "/EF" in d or d.get("/Type") == pikepdf.Name.EmbeddedFile
        ):
            self.findings.append(
                Finding(
                    "embedded_file",
                    None,
                    None,
                    "",
                    "fail",
                    "the PDF carries an embedded or associated file (/AF)",
                )
            )

    def _javascript(self) -> None:
        if self._has_object(
            lambda d: "/JS" in d or d.get("/S") == pikepdf.Name.JavaScript
        ):
            self.findings.append(
                Finding(
                    "javascript",
                    None,
                    None,
                    "",
                    "review",
                    "the PDF contains JavaScript, which a public filing never needs",
                )
            )

    def _has_object(self, test: Any) -> bool:
        for target in self._dictionaries():
            try:
                if test(target):
                    return True
            except (pikepdf.PdfError, TypeError, ValueError):
                continue
        return False

    def _dictionaries(self) -> list[pikepdf.Dictionary]:
        """Every dictionary in the file, including direct ones nested in others.

        Indirect objects come from the cross-reference table, so objects no
        page refers to any more (still readable in the bytes) are included.
        """
        if self._all_dictionaries is None:
            found: list[pikepdf.Dictionary] = []
            stack: list[Any] = [self.doc.trailer, *self.doc.objects]
            while stack:
                obj = stack.pop()
                if isinstance(obj, pikepdf.Stream):
                    obj = obj.stream_dict
                if isinstance(obj, pikepdf.Dictionary):
                    found.append(obj)
                    children = obj.values()
                elif isinstance(obj, pikepdf.Array):
                    children = list(obj)
                else:
                    continue
                # Indirect children are in doc.objects already.
                stack.extend(
                    c
                    for c in children
                    if isinstance(c, pikepdf.Dictionary | pikepdf.Array)
                    and not c.is_indirect
                )
            self._all_dictionaries = found
        return self._all_dictionaries


def _number(value: Any, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _unescape_xml(value: str) -> str:
    return (
        value.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def _bookmark_findings(doc: pikepdf.Pdf, visible_text: str) -> list[Finding]:
    findings = []
    try:
        with doc.open_outline() as outline:
            titles = [item.title for item in _walk_outline(outline.root)]
    except (pikepdf.PdfError, pikepdf.OutlineStructureError, RecursionError):
        return [
            Finding(
                "bookmark",
                None,
                None,
                "",
                "review",
                "the bookmarks cannot be read; check them by hand",
            )
        ]
    for title in titles:
        if not title.strip():
            continue
        if normalize_text(title) in visible_text:
            findings.append(
                Finding(
                    "bookmark",
                    None,
                    None,
                    title,
                    "review",
                    "a bookmark is kept; it repeats visible text",
                )
            )
        else:
            findings.append(
                Finding(
                    "bookmark",
                    None,
                    None,
                    title,
                    "fail",
                    "a bookmark's title does not appear on any page: it may repeat a "
                    "redacted heading",
                )
            )
    return findings


def _walk_outline(
    items: Iterable[pikepdf.OutlineItem],
) -> Iterator[pikepdf.OutlineItem]:
    for item in items:
        yield item
        yield from _walk_outline(item.children)


def normalize_text(value: str) -> str:
    """Casefolded words separated by single spaces, for containment tests."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


# --------------------------------------------------------------------------
# Earlier revisions kept by incremental saves


def _revision_ends(pdf: bytes) -> list[int]:
    """Byte offsets just past each %%EOF marker, in file order."""
    # Only a marker after "startxref N" ends a revision; "%%EOF" inside a
    # binary stream (an embedded font, say) does not.
    return [m.end() for m in re.finditer(rb"startxref\s+\d+\s+%%EOF[ \t]*\r?\n?", pdf)]


def _revision_findings(pdf: bytes, final_words: set[str]) -> list[Finding]:
    ends = _revision_ends(pdf)
    if len(ends) < 2:
        return []
    linearized = b"/Linearized" in pdf[:2048]
    earlier = ends[1:-1] if linearized else ends[:-1]
    if len(earlier) > MAX_REVISIONS:
        # A form filled in over many saves: read the first, the last and an
        # even spread between, so the time stays bounded.
        step = (len(earlier) - 1) / (MAX_REVISIONS - 1)
        earlier = [earlier[round(k * step)] for k in range(MAX_REVISIONS)]
    findings = []
    for end in earlier:
        try:
            words = {normalize_text(w.text) for w in extract_words(pdf[:end])}
        except UnreadablePdf:
            continue
        lost = sorted(w for w in words - final_words if any(ch.isalnum() for ch in w))
        if lost:
            findings.append(
                Finding(
                    "earlier_revision",
                    None,
                    None,
                    " ".join(lost[:40]),
                    "fail",
                    f"an earlier revision kept in the file (first {end} bytes) holds "
                    f"{len(lost)} word(s) the final version lacks",
                )
            )
        else:
            findings.append(
                Finding(
                    "earlier_revision",
                    None,
                    None,
                    "",
                    "review",
                    "the file keeps an earlier revision (incremental save); save anew",
                )
            )
    return findings


# --------------------------------------------------------------------------
# The whole inspection


def inspect_pdf(pdf: bytes) -> Report:
    """Inspect a PDF meant to be public; raise UnreadablePdf if it cannot be read."""
    structure = _open_pikepdf(pdf)
    try:
        page_count = len(structure.pages)
        doc = _open_pdfium(pdf)
        try:
            hidden = HiddenData(structure, _frames(doc)).collect()
            findings, visible, all_words = _inspect_pages(doc, hidden)
        finally:
            doc.close()
        findings.extend(hidden.findings)
        bookmarks = _bookmark_findings(structure, visible)
        findings.extend(bookmarks)
    finally:
        structure.close()
    labelled = hidden.metadata_text + [("a bookmark", b.text) for b in bookmarks]
    for name, value in labelled:
        for kind, _start, _end, shown in find_identifiers(value):
            findings.append(
                Finding(
                    kind,
                    None,
                    None,
                    shown,
                    "fail",
                    f"{name} holds {_IDENTIFIER_NAMES[kind]} (Fed. R. Civ. P. 5.2)",
                )
            )
    findings.extend(_revision_findings(pdf, all_words))
    return Report(findings=masked(findings), pages=page_count)


def _frames(doc: pdfium.PdfDocument) -> list[PageFrame]:
    frames = []
    for index in range(len(doc)):
        page = _load_page(doc, index)
        try:
            frames.append(PageFrame.of(page))
        finally:
            page.close()
    return frames


def _inspect_pages(
    doc: pdfium.PdfDocument, hidden: HiddenData
) -> tuple[list[Finding], str, set[str]]:
    findings: list[Finding] = []
    visible_parts: list[str] = []
    all_words: set[str] = set()
    for index in range(len(doc)):
        page = _load_page(doc, index)
        textpage = page.get_textpage()
        try:
            text = read_page_text(page, textpage, index + 1)
            hidden_words, unsized = _hidden_words(
                page, textpage, text, hidden.marks.get(index + 1, PageMarks())
            )
        finally:
            textpage.close()
            page.close()
        findings.extend(_group_hidden(hidden_words))
        findings.extend(
            Finding(
                "hidden_text",
                index + 1,
                box,
                "",
                "fail",
                "text is drawn at size zero: no reader sees it, but other tools "
                "extract its words",
            )
            for box in unsized
        )
        findings.extend(_identifier_findings(text))
        concealed = {id(w) for w, *_ in hidden_words}
        visible_parts.append(
            " ".join(w.text for w in text.words if id(w) not in concealed)
        )
        all_words.update(normalize_text(w.text) for w in text.words)
    return findings, normalize_text(" ".join(visible_parts)), all_words
