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
import difflib
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
# Faint text this large (points), or set at an angle (a shear or turn of more
# than TILT), is a watermark or a stamp across the page: seen, not hidden.
WATERMARK_SIZE = 18.0
TILT = 0.1
# Earlier revisions read at most (each costs a full text extraction).
MAX_REVISIONS = 8
# Form XObjects nest; a file nesting them deeper than this is hostile.
MAX_FORM_DEPTH = 12
# A box thinner than this is a rule, an underline or a table border.
MIN_COVER_SIZE = 3.0
# A fill at least this opaque (of 255) hides what lies under it; 0.9 black
# over black text leaves less contrast than MIN_CONTRAST.
OPAQUE_ALPHA = 230
# A blended or translucent fill darker than this still hides text (Multiply
# of black is black); a lighter one is a highlight.
DARK_COVER = 0.3
# A filled shape covering at least this share of its bounding box is solid (a
# box, a rounded bar, a blot); glyph outlines and logos cover far less.
SOLID_SHARE = 0.8
# Shapes with more segments than this are drawings, not covers.
MAX_SHAPE_SEGMENTS = 200
# Thin strips stacked closer than this (points) are one box.
STRIP_GAP = 0.6
# Text smaller than this (points) cannot be seen at all; below MICRO_TEXT a
# reader needs a magnifier.
UNSEEN_TEXT = 0.5
MICRO_TEXT = 3.0
# Invisible (OCR) text over pixels darker than DARK_LEVEL for at least
# DARK_SHARE of its area sits over a blacked-out scan: scanned text is mostly
# paper, a marker bar mostly ink, however noisy the scan.
DARK_LEVEL = 128
DARK_SHARE = 0.7
# Words a redaction tool writes on its boxes. In the comparison they are not
# "altered text"; the inspector lets none of them off (see _hidden_words).
REDACTION_LABELS = frozenset(
    {"redacted", "redaction", "sealed", "withheld", "confidential"}
)
# A copy of text pdfium drops as a duplicate lies at most this far (points)
# from the text it repeats.
DUPLICATE_SHIFT = 3.0
_LABEL_PUNCTUATION = ".,;:!?\"'()[]{}“”‘’«»—–-*§¶<>"


@dataclass(frozen=True)
class Finding:
    kind: str
    page: int | None  # 1-based PDF page index; None for document-wide data
    bbox: BBox | None  # x0, top, x1, bottom in points from the page's top-left
    text: str
    severity: Severity
    message: str
    # Which file `page` and `bbox` are on: text missing from the public
    # version can only be shown where it is in the original.
    file: Literal["public", "original"] = "public"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "page": self.page,
            "bbox": [round(v, 2) for v in self.bbox] if self.bbox else None,
            "text": self.text,
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
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
    """What a page paints, in order: text objects, opaque covers, unseen text."""

    order_of_text: dict[int, int]  # text object address -> painting position
    covers: list[Cover]
    texts: list[DrawnText]
    # Text objects drawn at size zero or squeezed flat (horizontal scale 0, a
    # degenerate text matrix): pdfium reads nothing from them, other
    # extractors read their strings.
    collapsed: list[BBox]
    # Text objects in a render mode that paints nothing (3 invisible, 7 clip).
    invisible: set[int] = field(default_factory=set)


def _drawing_order(page: pdfium.PdfPage) -> Painting:
    """Map each text object to its painting position, and list opaque covers."""
    frame = PageFrame.of(page)
    objects: list[tuple[Any, Matrix]] = []
    _walk_objects(page.raw, None, objects)
    order_of_text: dict[int, int] = {}
    covers: list[Cover] = []
    strips: list[Cover] = []
    texts: list[DrawnText] = []
    collapsed: list[BBox] = []
    invisible: set[int] = set()
    ll, bb, rr, tt = (ctypes.c_float() for _ in range(4))
    size = ctypes.c_float()
    placed = pdfium_c.FS_MATRIX()
    for order, (obj, to_page) in enumerate(objects):
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            address = _address(obj)
            order_of_text[address] = order
            drawn = DrawnText(order, obj, to_page, frame)
            texts.append(drawn)
            if pdfium_c.FPDFTextObj_GetTextRenderMode(obj) in (3, 7):
                invisible.add(address)
            pdfium_c.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
            pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(placed))
            width, height = _scales(_matrix(placed), to_page)
            if min(width, height) * size.value < UNSEEN_TEXT:
                collapsed.append(drawn.bbox() or (0.0, 0.0, 0.0, 0.0))
            continue
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            if pdfium_c.FPDFPageObj_HasTransparency(obj):
                continue
            if not pdfium_c.FPDFPageObj_GetBounds(obj, ll, bb, rr, tt):
                continue
            left, bottom, right, top = _bounds_on_page(
                (ll.value, bb.value, rr.value, tt.value), to_page
            )
            if right - left >= MIN_COVER_SIZE and top - bottom >= MIN_COVER_SIZE:
                bbox = frame.box(left, bottom, right, top)
                covers.append(Cover(order, "image", bbox, -1.0))
            continue
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            for cover in _path_covers(obj, order, to_page, frame):
                x0, top, x1, bottom = cover.bbox
                thin = min(x1 - x0, bottom - top) < MIN_COVER_SIZE
                (strips if thin else covers).append(cover)
    covers.extend(_merged_strips(strips))
    covers.sort(key=lambda c: c.order)
    return Painting(order_of_text, covers, texts, collapsed, invisible)


def _matrix(m: Any) -> Matrix:
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _scales(placed: Matrix, to_page: Matrix) -> tuple[float, float]:
    """How much an object's matrix stretches a unit across and a unit up."""
    a, b, c, d, _e, _f = mul(placed, to_page)
    return math.hypot(a, b), math.hypot(c, d)


def _path_covers(
    obj: Any, order: int, to_page: Matrix, frame: PageFrame
) -> list[Cover]:
    """The path as a cover: a solid opaque fill, or a stroke wide enough to hide
    text (a marker line drawn with an 18-point pen), or nothing.

    Covers thinner than MIN_COVER_SIZE are returned too, to be merged with the
    strips stacked next to them; the caller sorts them out.
    """
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fillmode, stroke):
        return []
    filled = fillmode.value != pdfium_c.FPDF_FILLMODE_NONE
    if not filled and not stroke.value:
        return []
    count = pdfium_c.FPDFPath_CountSegments(obj)
    if count < 2 or count > MAX_SHAPE_SEGMENTS:
        return []
    transparent = bool(pdfium_c.FPDFPageObj_HasTransparency(obj))
    placed = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(placed))
    matrix = mul(_matrix(placed), to_page)
    points = _path_points(obj, count)
    if not points:
        return []
    covers = []
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if filled and pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        gray = _gray(r.value, g.value, b.value)
        if _hides(a.value, gray, transparent) and _solid(points):
            box = _points_box(points, matrix, 0.0)
            covers.append(Cover(order, "box", frame.box(*box), gray))
    if (
        not covers
        and stroke.value
        and pdfium_c.FPDFPageObj_GetStrokeColor(obj, r, g, b, a)
    ):
        gray = _gray(r.value, g.value, b.value)
        width = ctypes.c_float()
        pdfium_c.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(width))
        pen = width.value * math.sqrt(
            abs(matrix[0] * matrix[3] - matrix[1] * matrix[2])
        )
        box = _points_box(points, matrix, pen / 2)
        # A pen as wide as the shape it draws fills it: a marker line, not
        # a table border or the outline of a box.
        if (
            _hides(a.value, gray, transparent)
            and pen >= MIN_COVER_SIZE
            and pen >= 0.5 * min(box[2] - box[0], box[3] - box[1])
        ):
            covers.append(Cover(order, "box", frame.box(*box), gray))
    return covers


def _gray(r: int, g: int, b: int) -> float:
    return (0.299 * r + 0.587 * g + 0.114 * b) / 255


def _hides(alpha: int, gray: float, transparent: bool) -> bool:
    """Whether paint of this opacity and gray hides what lies under it.

    A blended or translucent fill (Multiply, 0.99 opacity) still hides text
    when it is dark and nearly opaque; a light one is a highlight.
    """
    if alpha < OPAQUE_ALPHA:
        return False
    return not transparent or gray < DARK_COVER


def _path_points(obj: Any, count: int) -> list[list[tuple[float, float]]]:
    """The path's points (curve control points included), one list per subpath."""
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[float, float]]] = []
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            return []
        if (
            pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_MOVETO
            or not subpaths
        ):
            subpaths.append([])
        subpaths[-1].append((x.value, y.value))
    return subpaths


def _solid(subpaths: list[list[tuple[float, float]]]) -> bool:
    """Does the filled shape cover most of its bounding box?

    The control polygon stands in for the curves, which is close enough for
    a rounded bar; the signed areas of the subpaths cancel where a glyph
    outline winds the other way round a hole.
    """
    xs = [p[0] for sub in subpaths for p in sub]
    ys = [p[1] for sub in subpaths for p in sub]
    extent = (max(xs) - min(xs)) * (max(ys) - min(ys))
    if extent <= 0:
        return False
    area = 0.0
    for sub in subpaths:
        area += sum(
            x0 * y1 - x1 * y0
            for (x0, y0), (x1, y1) in zip(sub, sub[1:] + sub[:1], strict=True)
        )
    return abs(area) / 2 >= SOLID_SHARE * extent


def _points_box(
    subpaths: list[list[tuple[float, float]]], matrix: Matrix, grow: float
) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) on the page of the points, grown by `grow`."""
    xs = [p[0] for sub in subpaths for p in sub]
    ys = [p[1] for sub in subpaths for p in sub]
    left, bottom, right, top = _bounds_on_page(
        (min(xs), min(ys), max(xs), max(ys)), matrix
    )
    return (left - grow, bottom - grow, right + grow, top + grow)


def _merged_strips(strips: list[Cover]) -> list[Cover]:
    """Thin strips stacked edge to edge, as one box.

    A bar built of 1-point strips hides text as well as a box does; table
    rules and underlines lie a line apart and stay thin.
    """
    merged: list[Cover] = []
    for vertical in (False, True):
        group = sorted(
            (_strip_key(c, vertical) for c in strips if _is_vertical(c) == vertical),
            key=lambda k: (round(k[0]), round(k[1]), k[2]),
        )
        run: list[Cover] = []
        last: tuple[float, float, float, float, Cover] | None = None
        for key in group:
            if last is not None and (
                abs(key[0] - last[0]) > 1
                or abs(key[1] - last[1]) > 1
                or key[2] - last[3] > STRIP_GAP
            ):
                merged.extend(_one_box(run))
                run = []
            run.append(key[4])
            last = key
        merged.extend(_one_box(run))
    return merged


def _strip_key(
    cover: Cover, vertical: bool
) -> tuple[float, float, float, float, Cover]:
    """(start, end) along the strip's long side, (start, end) across, the strip."""
    x0, top, x1, bottom = cover.bbox
    if vertical:
        return (top, bottom, x0, x1, cover)
    return (x0, x1, top, bottom, cover)


def _is_vertical(cover: Cover) -> bool:
    x0, top, x1, bottom = cover.bbox
    return x1 - x0 < bottom - top


def _one_box(run: list[Cover]) -> list[Cover]:
    if len(run) < 2:
        return []
    box = (
        min(c.bbox[0] for c in run),
        min(c.bbox[1] for c in run),
        max(c.bbox[2] for c in run),
        max(c.bbox[3] for c in run),
    )
    if min(box[2] - box[0], box[3] - box[1]) < MIN_COVER_SIZE:
        return []
    gray = sum(c.gray for c in run) / len(run)
    return [Cover(max(c.order for c in run), "box", box, gray)]


def _contains(bbox: BBox, x: float, y: float) -> bool:
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


# --------------------------------------------------------------------------
# Pixels: what a reader actually sees at each word


# Each gray value mapped to 1 if it counts as dark, for counting in C.
_DARK_PIXELS = bytes(1 if value < DARK_LEVEL else 0 for value in range(256))


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

    @property
    def page_box(self) -> BBox:
        """The displayed page (its crop box), in points."""
        return (0.0, 0.0, self.width / RENDER_SCALE, self.height / RENDER_SCALE)

    def dark_share(self, bbox: BBox) -> float:
        """Share of the pixels inside a top-left page box darker than DARK_LEVEL."""
        fx0, fy0, fx1, fy1 = self._pixel_box(bbox)
        px0, px1 = max(0, int(fx0)), min(self.width, int(fx1 + 0.999))
        py0, py1 = max(0, int(fy0)), min(self.height, int(fy1 + 0.999))
        if px1 <= px0 or py1 <= py0:
            return 0.0
        dark = sum(
            self.buffer[row * self.stride + px0 : row * self.stride + px1]
            .translate(_DARK_PIXELS)
            .count(1)
            for row in range(py0, py1)
        )
        return dark / ((px1 - px0) * (py1 - py0))

    def zoomed_contrast(self, bbox: BBox) -> tuple[int, int]:
        """The same, rendering just this box at high resolution.

        At 72 dpi a period or a thin gray footnote glyph blurs into a pixel or
        two of light gray; a second look at ~430 dpi tells faint from absent.
        Only what lies on the page is rendered: pdfium draws content beyond
        the crop box too, which no viewer shows.
        """
        x0, top, x1, bottom = bbox
        # A period or a stem fills its own tight box with ink: take in a
        # little of the page around so the ink has something to differ from.
        if x1 - x0 < SMALL_GLYPH:
            x0, x1 = x0 - GLYPH_MARGIN, x1 + GLYPH_MARGIN
        if bottom - top < SMALL_GLYPH:
            top, bottom = top - GLYPH_MARGIN, bottom + GLYPH_MARGIN
        clipped = _clip((x0, top, x1, bottom), self.page_box)
        if clipped is None:
            return (255, 255)
        x0, top, x1, bottom = clipped
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
    # A light colour (a yellow or orange highlight), for telling a highlight
    # drawn opaque by mistake from a cover.
    light: bool = False


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
) -> tuple[list[tuple[Word, str, Severity, str]], Painting]:
    """Each word a reader cannot see, with the finding kind, severity and reason;
    and what the page paints, for the text pdfium itself cannot read."""
    painting = _drawing_order(page)
    if not text.words:
        return [], painting
    cover_index = CoverIndex(painting.covers, painting.texts)
    raster = render_page(page)
    # Only pages with annotations that could cover text pay a second render.
    bare = render_page(page, annotations=False) if marks.drawn else None
    hidden: list[tuple[Word, str, Severity, str]] = []
    shown: set[tuple[str, int, int]] = set()
    off_page: list[Word] = []
    lines_on_page: set[int] = set()
    page_box = raster.page_box
    for word in text.words:
        # Only the part of the word on the page counts.
        core = _clip(_core(word.bbox), page_box)
        if core is None:
            off_page.append(word)
            continue
        lines_on_page.add(word.line)
        if not any(ch.isalnum() for ch in word.text):
            continue  # a hidden period or dash reveals nothing
        # No word is let off for what it says: "confidential" or "sealed" under
        # a box may be part of the sealed sentence. A label painted on top of
        # the box is visible and so never reported in the first place.
        verdict = _cover_verdict(
            textpage, word, core, painting, cover_index, marks, raster, bare
        )
        if verdict is None:
            shown.add(_spot(word))
        else:
            hidden.append((word, *verdict))
    hidden.extend(
        (word, *_off_page_verdict(word, lines_on_page))
        for word in off_page
        if any(ch.isalnum() for ch in word.text)
    )
    # Some writers draw a word, paint a box, then draw the word again on top:
    # the buried copy repeats what every reader sees.
    return [h for h in hidden if _spot(h[0]) not in shown], painting


def _off_page_verdict(word: Word, lines_on_page: set[int]) -> tuple[str, Severity, str]:
    """A word wholly outside the page (its crop box): no viewer shows it.

    Placed there on its own, it hides text; at the end of a line that starts
    on the page, it is a table or a line run past the edge, which a person
    should look at.
    """
    if word.line in lines_on_page:
        return (
            "hidden_text",
            "review",
            "a line runs past the edge of the page: its end is in the file but "
            "no viewer shows it",
        )
    return (
        "hidden_text",
        "fail",
        "text is placed outside the page: no viewer shows it, but it can be copied",
    )


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
    core: BBox,
    painting: Painting,
    covers: CoverIndex,
    marks: PageMarks,
    raster: Raster,
    bare: Raster | None,
) -> tuple[str, Severity, str] | None:
    """Why a reader cannot see the word, or None; `core` is the middle of its
    box (see _core), clipped to the page."""
    lo, hi = raster.contrast(core)
    if hi - lo < MIN_CONTRAST:
        lo, hi = raster.zoomed_contrast(core)
    invisible = hi - lo < MIN_CONTRAST
    cx, cy = word.center
    # The word's text object is looked up only when something may cover the
    # word or the page has invisible text: most words need neither.
    candidates = covers.at(cx, cy)
    obj = (
        pdfium_c.FPDFText_GetTextObject(textpage, word.first_char)
        if candidates or painting.invisible
        else None
    )
    cover = _painted_over(
        textpage, word, obj, candidates, painting.order_of_text, covers
    )
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
        if mark.subtype == "Highlight" and mark.light:
            # A light highlight whose appearance forgot the Multiply blend:
            # viewers that honour it hide the words, others show them.
            return (
                "text_under_annotation",
                "review",
                "a highlight is painted opaque over the text; some viewers hide "
                "the words under it",
            )
        return (
            "text_under_annotation",
            "fail",
            f"a {mark.subtype} annotation is drawn over text still in the file",
        )
    if cover is not None:
        return _under_image(cover, core, invisible, raster)
    unpainted = bool(obj) and _address(obj) in painting.invisible
    if unpainted and raster.dark_share(core) >= DARK_SHARE:
        # Scan noise gives a marker bar the contrast of a page; how dark it
        # is tells it from scanned text, which is mostly paper.
        return (
            "hidden_text",
            "fail",
            "invisible text (an OCR layer?) over blacked-out pixels",
        )
    size = _size_verdict(textpage, word)
    if not invisible or (size is not None and size[1] == "fail"):
        return size
    if hi < 100:
        reason = (
            "invisible text (an OCR layer?) over blacked-out pixels"
            if unpainted
            else "text over a dark area shows no contrast"
        )
    elif unpainted:
        reason = "text is drawn invisibly (render mode 3) over a blank area"
    elif hi - lo >= FAINT_CONTRAST:
        if _watermark(textpage, word):
            return None  # a light watermark or stamp is seen, not hidden
        # Faint but visible, at the size of the text around it: a person
        # should look rather than the filing be rejected.
        return ("faint_text", "review", "text is barely visible (a watermark?)")
    else:
        reason = "text shows no contrast against the page (white or hidden text)"
    return ("hidden_text", "fail", reason)


def _under_image(
    cover: Cover, core: BBox, invisible: bool, raster: Raster
) -> tuple[str, Severity, str]:
    """Text with an image painted over it.

    Dark pixels over the words hide them (a black image, a scan with the
    line blacked out) even where a baked-in label gives contrast. Light
    pixels hide them only when the image is blank paper (an image whiteout);
    a picture with something on it (a signature on its white background) is
    worth a look, not a rejection.
    """
    if raster.dark_share(core) >= DARK_SHARE:
        return (
            "text_under_image",
            "fail",
            "text is still in the file under a dark image painted over it",
        )
    if invisible:
        lo, hi = raster.contrast(_clip(cover.bbox, raster.page_box) or cover.bbox)
        if hi - lo < MIN_CONTRAST:
            return (
                "text_under_image",
                "fail",
                "text is still in the file under a blank image painted over it",
            )
        return (
            "text_under_image",
            "review",
            "a picture (a signature?) is painted over text; check the text is "
            "meant to be covered",
        )
    return (
        "text_under_image",
        "review",
        "a text layer lies under an image; check that it only repeats the image",
    )


def _watermark(textpage: pdfium.PdfTextPage, word: Word) -> bool:
    """Is this faint word set like a watermark or a stamp: larger than any
    body text, or at an angle? Faint text at the size of the page's own text
    is still worth a look."""
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFText_GetMatrix(textpage, word.first_char, ctypes.byref(matrix)):
        return False
    size = pdfium_c.FPDFText_GetFontSize(textpage, word.first_char)
    across = math.hypot(matrix.a, matrix.b)
    up = math.hypot(matrix.c, matrix.d)
    if min(across, up) * size >= WATERMARK_SIZE:
        return True
    return abs(matrix.b) > TILT * across or abs(matrix.c) > TILT * up


def _size_verdict(
    textpage: pdfium.PdfTextPage, word: Word
) -> tuple[str, Severity, str] | None:
    """Visible in the pixels, but too small or too squeezed for a reader."""
    height, width = word.bottom - word.top, word.x1 - word.x0
    if height >= MICRO_TEXT + 1 and width >= 0.5 * len(word.text):
        return None  # the common case: no need to ask pdfium
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFText_GetMatrix(textpage, word.first_char, ctypes.byref(matrix)):
        return None
    size = pdfium_c.FPDFText_GetFontSize(textpage, word.first_char)
    across = math.hypot(matrix.a, matrix.b) * size
    up = math.hypot(matrix.c, matrix.d) * size
    smallest = min(across, up)
    if smallest < UNSEEN_TEXT:
        return (
            "hidden_text",
            "fail",
            f"text is drawn {smallest:.2f} points {'wide' if across < up else 'high'}: "
            "no reader can see it, but it can be copied",
        )
    if smallest < MICRO_TEXT:
        return (
            "micro_text",
            "review",
            f"text is drawn {smallest:.1f} points {'wide' if across < up else 'high'}, "
            "too small to read without magnification",
        )
    return None


def _clip(bbox: BBox, frame: BBox) -> BBox | None:
    """The part of a box inside another, or None when they do not overlap."""
    x0, top = max(bbox[0], frame[0]), max(bbox[1], frame[1])
    x1, bottom = min(bbox[2], frame[2]), min(bbox[3], frame[3])
    if x1 <= x0 or bottom <= top:
        return None
    return (x0, top, x1, bottom)


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
    obj: Any,
    candidates: list[Cover],
    order_of_text: dict[int, int],
    covers: CoverIndex,
) -> Cover | None:
    if not candidates:
        return None
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
    The copy on top must hold the whole word: "RED" buried under a "REDACTED"
    label is not shown by it.
    """
    cx, cy = word.center
    buried = texts[order].bbox()
    wanted = _bare_word(word.text)
    for drawn in texts.values():
        if drawn.order <= cover_order:
            continue
        box = drawn.bbox()
        if box is None or not _contains(box, cx, cy):
            continue
        shown = _object_text(drawn.handle, textpage)
        if wanted and wanted in {_bare_word(w) for w in shown.split()}:
            return True
        if not shown and buried and _same_extent(box, buried):
            return True
    return False


def _same_extent(box: BBox, other: BBox) -> bool:
    """Boxes of the same text in the same font and size, a little apart.

    pdfium reads nothing from a copy it took for a duplicate of text drawn
    just before, within about a character of it.
    """
    width, height = box[2] - box[0], box[3] - box[1]
    return (
        abs(width - (other[2] - other[0])) < 1.0
        and abs(height - (other[3] - other[1])) < 1.0
        and abs(box[0] - other[0]) <= DUPLICATE_SHIFT
        and abs(box[1] - other[1]) <= DUPLICATE_SHIFT
    )


def _bare_word(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip(_LABEL_PUNCTUATION)


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

# Hyphens, dashes and dots a number may be written with (PDF text brings en
# dashes, non-breaking hyphens and minus signs as often as hyphens).
_DASH = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
_SEP = rf"[{_DASH}. ]"
_SSN = re.compile(
    rf"(?<![\dA-Za-z{_DASH}])(?<!\d\.)(\d{{3}}){_SEP}(\d{{2}}){_SEP}(\d{{4}})"
    rf"(?![\d{_DASH}])(?!\.\d)"
)
# Nine digits in a row are a Social Security or taxpayer number only after a
# label saying so; alone they are as likely a Bates or claim number.
_NUMBER_WORD = r"(?:no\.?|num(?:ber)?\.?|#)"
_SSN_BARE = re.compile(
    rf"(?i)\b(?:SSN|S\.S\.N\.?|SS\s?#|social\s+security(?:\s+{_NUMBER_WORD})?)"
    rf"\s*(?:[:#]|is|was|of)?\s*(\d{{9}})(?![\d{_DASH}])"
)
_TIN = re.compile(rf"(?<![\dA-Za-z{_DASH}])\d{{2}}[{_DASH}]\d{{7}}(?![\d{_DASH}])")
_TIN_BARE = re.compile(
    rf"(?i)\b(?:F?EIN|I?TIN|employer\s+identification(?:\s+{_NUMBER_WORD})?|"
    rf"taxpayer\s+identification(?:\s+{_NUMBER_WORD})?|tax\s+id(?:\s+{_NUMBER_WORD})?)"
    rf"\s*(?:[:#]|is|was|of)?\s*(\d{{9}})(?![\d{_DASH}])"
)
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_FULL_DATE = (
    rf"(?:\d{{1,2}}[/.{_DASH}]\d{{1,2}}[/.{_DASH}](?:\d{{4}}|\d{{2}})|"
    rf"\d{{4}}[{_DASH}]\d{{2}}[{_DASH}]\d{{2}}|"
    rf"{_MONTHS}\s+{_DAY},?\s+\d{{4}}|"
    rf"{_DAY}\s+(?:day\s+)?(?:of\s+)?{_MONTHS},?\s+\d{{4}})"
)
# Between a label and its number: no line break, and no end of a sentence
# ("born of a merger. On March 3, 2019 it filed"). A period after a short
# word is an abbreviation ("Acct. No.", "Nev."), not the end of a sentence.
_NO_SENTENCE_END = r"(?!(?:(?<=[A-Za-z]{5})\.|[!?;])\s+(?-i:[A-Z]))"
_DOB = re.compile(
    rf"(?i)\b(?:D\.?O\.?B\.?|date\s+of\s+birth|birth\s*date|born(?:\s+on)?)\b"
    rf"(?:{_NO_SENTENCE_END}[^\n\d]){{0,25}}?({_FULL_DATE})"
)
_ACCOUNT = re.compile(
    r"(?i)\b(?:account|acct|a/c|card|checking|savings)\b"
    rf"(?:{_NO_SENTENCE_END}[^\n]){{0,30}}?"
    rf"((?<![\d])\d[\d{_DASH} ]{{3,}}\d)(?![\d])"
)
# Years and ranges of years ("fiscal years 2019-2020") are not account numbers.
_YEARS = re.compile(rf"^(?:19|20)\d\d(?:\s*[{_DASH}]\s*(?:(?:19|20)\d\d|\d\d))?$")
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
    for m in _SSN_BARE.finditer(text):
        if not m.group(1).startswith("000") and fresh(m.start(1), m.end(1)):
            yield ("ssn", m.start(1), m.end(1), _mask(m.group(1)))
    for m in _TIN.finditer(text):
        if fresh(m.start(), m.end()):
            yield ("tin", m.start(), m.end(), _mask(m.group(0)))
    for m in _TIN_BARE.finditer(text):
        if fresh(m.start(1), m.end(1)):
            yield ("tin", m.start(1), m.end(1), _mask(m.group(1)))
    for m in _DOB.finditer(text):
        if fresh(m.start(1), m.end(1)):
            yield ("date_of_birth", m.start(1), m.end(1), "[full date of birth]")
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if digits[0] in "23456" and _luhn_valid(digits) and fresh(m.start(), m.end()):
            yield ("card_number", m.start(), m.end(), _mask(m.group(0)))
    for m in _ACCOUNT.finditer(text):
        number = m.group(1).strip()
        if _YEARS.match(number):
            continue
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
# XMP properties that only ever hold dates, identifiers, versions or tool
# names (by local name, whatever their prefix).
_QUIET_XMP = frozenset(
    {
        "createdate", "modifydate", "metadatadate", "creatortool", "producer",
        "pdfversion", "trapped", "format", "documentid", "instanceid",
        "originaldocumentid", "versionid", "renditionclass", "action", "when",
        "softwareagent", "changed", "part", "conformance", "amd", "xmptk",
        "npages", "colormode", "icctitle", "hasvisibletransparency",
        "hasvisibleoverprint", "rev", "level", "marked",
    }
)  # fmt: skip
# XMP namespaces that only describe the file itself (PDF/A and PDF/UA
# conformance, references between versions, page sizes, thumbnails' format).
_QUIET_PREFIXES = frozenset(
    {"pdfaid", "pdfuaid", "stref", "xmptpg", "stdim", "xmpgimg", "pdfaextension"}
)
# Values that are dates, identifiers, numbers, MIME types or flags.
_QUIET_VALUE = re.compile(
    r"(?i)^(?:\d{4}(?:-\d\d(?:-\d\d(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?)?)?"
    r"|D:\d{4,14}.*|(?:uuid|xmp\.[a-z]+|adobe:docid:\w+):[\w:./-]*"
    r"|[0-9a-f-]{32,36}|[\d.,]+|true|false|[a-z]+/[\w.+-]+|x-default|/\w+"
    r"|from [a-z]+/[\w.+-]+ to [a-z]+/[\w.+-]+)$"
)
_XML_TOKEN = re.compile(
    r"<!--(?P<comment>.*?)-->|<!\[CDATA\[(?P<cdata>.*?)\]\]>|<\?.*?\?>|<!.*?>"
    r"|<(?P<close>/)?(?P<tag>[^\s/>]+)(?P<attrs>[^>]*?)(?P<empty>/)?>"
    r"|(?P<text>[^<]+)",
    re.S,
)
_XML_ATTR = re.compile(r"([^\s=]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
# Structure of RDF itself, never a property: text inside names its parent.
_RDF_CONTAINERS = frozenset(
    {"rdf:li", "rdf:alt", "rdf:seq", "rdf:bag", "rdf:description", "rdf:rdf",
     "x:xmpmeta", "x:xapmeta", "rdf:value"}
)  # fmt: skip
_SKIPPED_ATTRS = re.compile(r"(?i)^(?:xmlns(?::.*)?|xml:lang|rdf:about|rdf:parsetype)$")
# A packet larger than this is read only this far (XMP is a few kilobytes).
MAX_XMP = 1_000_000


def xmp_values(packet: str) -> list[tuple[str, str]]:
    """(property, value) for every text node and attribute value of an XMP packet.

    Custom namespaces, xmpMM:History entries and the attribute form
    (``<rdf:Description pdfx:Secret="…"/>``) are read as well as the usual
    Dublin Core fields; dates, identifiers and tool names are left out. A
    tokenizer rather than an XML parser: the packet is untrusted input
    (entity expansion) and a damaged one must still be read as far as it goes.
    """
    values: list[tuple[str, str]] = []
    stack: list[str] = []

    def named() -> str:
        return next(
            (n for n in reversed(stack) if n.lower() not in _RDF_CONTAINERS), ""
        )

    def add(name: str, raw: str) -> None:
        value = " ".join(_unescape_xml(raw).split())
        if not value or _quiet_xmp(name, value):
            return
        values.append((f"XMP {name or 'packet'}", value))

    for m in _XML_TOKEN.finditer(packet[:MAX_XMP]):
        if m.group("comment") is not None:
            add("comment", m.group("comment"))
        elif m.group("cdata") is not None:
            add(named(), m.group("cdata"))
        elif m.group("text") is not None:
            add(named(), m.group("text"))
        elif m.group("tag") is not None:
            tag = m.group("tag")
            if m.group("close"):
                if tag in stack:
                    del stack[len(stack) - 1 - stack[::-1].index(tag) :]
                continue
            for attr in _XML_ATTR.finditer(m.group("attrs") or ""):
                if not _SKIPPED_ATTRS.match(attr.group(1)):
                    add(attr.group(1), attr.group(2) or attr.group(3) or "")
            if not m.group("empty") and not (m.group("attrs") or "").endswith("/"):
                stack.append(tag)
    return values


def _quiet_xmp(name: str, value: str) -> bool:
    prefix, _, local = name.lower().rpartition(":")
    return (
        local in _QUIET_XMP
        or prefix in _QUIET_PREFIXES
        or bool(_QUIET_VALUE.match(value))
        or bool(_TOOL_VALUE.match(value))
    )


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
        # Findings about a value that may be shown on the pages too (a title,
        # an author, a link): dropped when a reader sees the same text, or
        # (for metadata, loosely) every word of it on the first page.
        self.unless_visible: list[tuple[Finding, str, bool]] = []
        self.marks: dict[int, PageMarks] = {}
        self.metadata_text: list[tuple[str, str]] = []  # (field, value)
        # Text kept in the file that no page shows (unused content streams):
        # (where, text), judged against the pages' words once they are read.
        self.unused_text: list[tuple[str, str]] = []
        self._all_dictionaries: list[pikepdf.Dictionary] | None = None

    def collect(self) -> HiddenData:
        steps = (
            ("metadata", self._metadata),
            ("annotations", self._annotations),
            ("form fields", self._forms),
            ("attached files", self._embedded_files),
            ("scripts", self._javascript),
            ("page extras", self._page_extras),
            ("other metadata", self._object_metadata),
            ("unused objects", self._orphans),
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
                RecursionError,
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

    def _note(self, finding: Finding, value: str, *, loose: bool = False) -> None:
        """A finding to keep only if `value` is not text a reader sees anyway."""
        self.unless_visible.append((finding, value, loose))

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
                    self._note(
                        Finding(
                            "metadata",
                            None,
                            None,
                            f"{key[1:]}: {value}",
                            "review",
                            f"the document information has a {key[1:]} no page "
                            "shows; check it reveals nothing sealed",
                        ),
                        value,
                        loose=True,
                    )
        stream = self.doc.Root.get("/Metadata")
        if isinstance(stream, pikepdf.Stream):
            self._xmp(stream, "the XMP metadata")

    def _xmp(self, stream: pikepdf.Stream, owner: str) -> None:
        try:
            packet = stream.read_bytes()[:MAX_XMP].decode("utf-8", "replace")
        except pikepdf.PdfError:
            return
        said = {value for _name, value in self.metadata_text}
        for name, value in xmp_values(packet):
            # Writers mirror the information dictionary into XMP: say it once.
            if value in said:
                continue
            said.add(value)
            self.metadata_text.append((f"{owner} ({name})", value))
            self._note(
                Finding(
                    "metadata",
                    None,
                    None,
                    f"{name}: {value}",
                    "review",
                    f"{owner} has {name}; check it reveals nothing sealed",
                ),
                value,
                loose=True,
            )

    def _object_metadata(self) -> None:
        """XMP packets of pages, images and forms, besides the document's own."""
        owners: dict[tuple[int, int], str] = {}
        for number, page in enumerate(self.doc.pages, start=1):
            stream = page.obj.get("/Metadata")
            if isinstance(stream, pikepdf.Stream) and stream.is_indirect:
                owners[stream.objgen] = f"page {number}'s XMP metadata"
        document = self.doc.Root.get("/Metadata")
        mine = document.objgen if isinstance(document, pikepdf.Stream) else None
        for obj in self.doc.objects:
            if not isinstance(obj, pikepdf.Stream) or obj.objgen == mine:
                continue
            if obj.stream_dict.get("/Type") != pikepdf.Name.Metadata:
                continue
            owner = owners.get(obj.objgen, "the XMP metadata of an image or form")
            self._xmp(obj, owner)
        for page in self.doc.pages:
            # A direct (not indirect) packet on a page is not in doc.objects.
            stream = page.obj.get("/Metadata")
            if isinstance(stream, pikepdf.Stream) and not stream.is_indirect:
                self._xmp(stream, "a page's XMP metadata")

    def _page_extras(self) -> None:
        """Page thumbnails and applications' private data (/PieceInfo)."""
        thumbs = [
            number
            for number, page in enumerate(self.doc.pages, start=1)
            if "/Thumb" in page.obj
        ]
        if thumbs:
            self.findings.append(
                Finding(
                    "thumbnail",
                    thumbs[0],
                    None,
                    "",
                    "review",
                    f"the file keeps thumbnail images of page(s) "
                    f"{', '.join(map(str, thumbs[:20]))}; a thumbnail may show the "
                    "page as it was before it was redacted",
                )
            )
        holders = [("the document", self.doc.Root)] + [
            (f"page {n}", page.obj) for n, page in enumerate(self.doc.pages, start=1)
        ]
        for where, holder in holders:
            piece = holder.get("/PieceInfo")
            if not isinstance(piece, pikepdf.Dictionary):
                continue
            strings = [v for v in _strings_in(piece) if not _QUIET_VALUE.match(v)]
            for value in strings:
                self.metadata_text.append((f"private data of {where}", value))
            self.findings.append(
                Finding(
                    "private_data",
                    None,
                    None,
                    " | ".join(strings)[:500],
                    "review",
                    f"{where} carries an application's private data (/PieceInfo), "
                    "which viewers do not show",
                )
            )

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
        if subtype == "Link":
            self._link(number, annot, bbox)
            return
        if subtype in ("Popup", "Widget"):
            return
        flags = int(_number(annot.get("/F", 0), default=0))
        if flags & (ANNOT_HIDDEN | ANNOT_NO_VIEW):
            # Not drawn, so the pixels say nothing; its appearance may still
            # hold words anyone can extract.
            shown = _appearance_text(annot)
            if shown:
                self.findings.append(
                    Finding(
                        "annotation",
                        number,
                        bbox,
                        shown,
                        "review",
                        f"a hidden {subtype} annotation holds text no viewer shows",
                    )
                )
                self.metadata_text.append((f"annotation on page {number}", shown))
        else:
            marks = self.marks.setdefault(number, PageMarks())
            if subtype != "Text" and bbox:  # a sticky note's icon is not a cover
                shade = _dark_rgb(annot.get("/C"))
                light = shade is not None and shade >= 0.5
                marks.drawn.append(DarkMark(bbox, subtype, light))
            if subtype in ("Highlight", "Square", "Ink", "Polygon", "Circle", "Stamp"):
                color = (
                    annot.get("/IC")
                    if subtype in ("Square", "Circle", "Polygon")
                    else None
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

    def _link(self, number: int, annot: pikepdf.Dictionary, bbox: BBox | None) -> None:
        """A link's target (a web address, a file) names what it points at: a
        document management system's path often names the sealed original."""
        action = annot.get("/A")
        if not isinstance(action, pikepdf.Dictionary):
            return
        target = action.get("/URI")
        if target is None:
            spec = action.get("/F")
            target = (
                spec.get("/UF", spec.get("/F"))
                if isinstance(spec, pikepdf.Dictionary)
                else spec
            )
        value = _text_of(target) if target is not None else ""
        if not value:
            return
        self.metadata_text.append((f"a link on page {number}", value))
        # Pages print "jane@firm.example" and "uscourts.gov/rules" for the
        # links "mailto:jane@firm.example" and "https://www.uscourts.gov/rules/".
        printed = re.sub(r"(?i)^(?:mailto:|[a-z]+://)(?:www\.)?", "", value).rstrip("/")
        self._note(
            Finding(
                "link",
                number,
                bbox,
                value,
                "review",
                "a link points somewhere no page names; check the address reveals "
                "nothing sealed",
            ),
            printed,
        )

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
            name = _text_of(item.get("/T", ""))
            values: list[str] = []
            for key, what in (
                ("/V", ""),
                ("/DV", " (default)"),
                ("/RV", " (rich text)"),
            ):
                value = _field_text(item.get(key))
                if value and value not in values:
                    values.append(value)
                    label = f"{name}{what}"
                    self.findings.append(
                        Finding(
                            "form_field",
                            None,
                            None,
                            f"{label}: {value}",
                            "review",
                            "a form field holds a value; check it reveals nothing "
                            "sealed",
                        )
                    )
                    self.metadata_text.append((f"form field {label}", value))

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

    def _orphans(self) -> None:
        """Objects no page or catalog refers to, still readable in the bytes.

        An editor that saves over a file may leave the old content stream of
        an edited page in it; nothing displays it, any tool extracts it.
        """
        reached = _reachable(self.doc)
        for obj in self.doc.objects:
            if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                continue
            if obj.objgen in reached or obj.objgen == (0, 0):
                continue
            kind = obj.get("/Type")
            if kind in (pikepdf.Name.XRef, pikepdf.Name.ObjStm) or "/Linearized" in obj:
                continue
            where = f"unused object {obj.objgen[0]}"
            if isinstance(obj, pikepdf.Stream):
                shown = _shown_strings(obj)
                if shown:
                    self.unused_text.append((where, shown))
                continue
            strings = [v for v in _strings_in(obj) if not _QUIET_VALUE.match(v)]
            if strings:
                text = " | ".join(strings)[:500]
                self.metadata_text.append((where, text))
                self.findings.append(
                    Finding(
                        "unused_object",
                        None,
                        None,
                        text,
                        "review",
                        f"{where} is in the file but nothing refers to it; "
                        "save the file anew",
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


# Annotation flags (PDF 32000-1, 12.5.3): not displayed at all.
ANNOT_HIDDEN = 2
ANNOT_NO_VIEW = 32
# Strings read out of one structure, at most (a hostile file may nest many).
MAX_STRINGS = 200
# Content streams larger than this are not parsed for unused text.
MAX_UNUSED_STREAM = 2_000_000


def _reachable(doc: pikepdf.Pdf) -> set[tuple[int, int]]:
    """Object numbers reachable from the trailer."""
    reached: set[tuple[int, int]] = set()
    stack: list[Any] = [doc.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream | pikepdf.Array):
            if obj.is_indirect:
                if obj.objgen in reached:
                    continue
                reached.add(obj.objgen)
            if isinstance(obj, pikepdf.Stream):
                stack.extend(obj.stream_dict.values())
            elif isinstance(obj, pikepdf.Dictionary):
                stack.extend(obj.values())
            else:
                stack.extend(obj)
    return reached


def _strings_in(obj: Any) -> list[str]:
    """Text strings in a dictionary or array and the direct objects inside it."""
    found: list[str] = []
    stack: list[Any] = [obj]
    seen: set[tuple[int, int]] = set()
    while stack and len(found) < MAX_STRINGS:
        item = stack.pop()
        if isinstance(item, pikepdf.String):
            value = _text_of(item)
            if any(ch.isalnum() for ch in value):
                found.append(value)
            continue
        if not isinstance(item, pikepdf.Dictionary | pikepdf.Array):
            continue
        if item.is_indirect and item is not obj:
            if item.objgen in seen:
                continue
            seen.add(item.objgen)
        stack.extend(item.values() if isinstance(item, pikepdf.Dictionary) else item)
    return found[::-1]


def _field_text(value: Any) -> str:
    """A form field value: a string, or a stream holding the text; the markup
    of rich text (XHTML) left out."""
    if isinstance(value, pikepdf.String):
        text = _text_of(value)
    elif isinstance(value, pikepdf.Stream):
        try:
            text = value.read_bytes()[:MAX_XMP].decode("utf-8", "replace")
        except pikepdf.PdfError:
            return ""
    else:
        return ""
    return " ".join(_unescape_xml(re.sub(r"<[^>]+>", " ", text)).split())


def _appearance_text(annot: pikepdf.Dictionary) -> str:
    appearance = annot.get("/AP")
    if not isinstance(appearance, pikepdf.Dictionary):
        return ""
    normal = appearance.get("/N")
    if isinstance(normal, pikepdf.Dictionary) and not isinstance(
        normal, pikepdf.Stream
    ):
        # Appearance states (on / off): read them all.
        return " ".join(
            _shown_strings(v) for v in normal.values() if isinstance(v, pikepdf.Stream)
        ).strip()
    return _shown_strings(normal) if isinstance(normal, pikepdf.Stream) else ""


def _shown_strings(stream: pikepdf.Stream) -> str:
    """The strings a content stream shows (Tj, TJ, ' and "), decoded as text.

    Without the fonts' encodings this is exact for the simple fonts editors
    use and garbled for two-byte ones; it says whether there is text at all.
    """
    try:
        if int(stream.stream_dict.get("/Length", 0)) > MAX_UNUSED_STREAM:
            return ""
        instructions = pikepdf.parse_content_stream(stream)
    except (pikepdf.PdfError, ValueError, TypeError):
        return ""
    parts: list[str] = []
    for operands, operator in instructions:
        op = str(operator)
        if op in ("Tj", "'", '"'):
            strings = [operands[-1]] if operands else []
        elif op == "TJ" and operands and isinstance(operands[0], pikepdf.Array):
            strings = [x for x in operands[0] if isinstance(x, pikepdf.String)]
        else:
            continue
        text = "".join(
            bytes(x).decode("latin-1") for x in strings if isinstance(x, pikepdf.String)
        )
        if text.strip():
            parts.append(text)
    shown = " ".join(" ".join(parts).split())
    return shown if any(ch.isalnum() for ch in shown) else ""


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


def _bookmark_findings(
    doc: pikepdf.Pdf, shown: VisibleText
) -> tuple[list[str], list[Finding]]:
    """Every bookmark title, and a finding for each that no page shows.

    A bookmark repeating a visible heading is how a PDF's outline works and
    no finding at all; one naming a heading no page shows may repeat a
    redacted one.
    """
    try:
        with doc.open_outline() as outline:
            titles = [item.title for item in _walk_outline(outline.root)]
    except (pikepdf.PdfError, pikepdf.OutlineStructureError, RecursionError):
        return [], [
            Finding(
                "bookmark",
                None,
                None,
                "",
                "review",
                "the bookmarks cannot be read; check them by hand",
            )
        ]
    findings = [
        Finding(
            "bookmark",
            None,
            None,
            title,
            "fail",
            "a bookmark's title does not appear on any page: it may repeat a "
            "redacted heading",
        )
        for title in titles
        if title.strip() and not shown.shows(title)
    ]
    return titles, findings


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


def _revision_findings(pdf: bytes, final: list[list[str]]) -> list[Finding]:
    """Earlier revisions kept by incremental saves, with the passages they hold
    that the final version lacks.

    Compared page by page as sequences of words, so a removed sentence whose
    words all occur elsewhere in the final version ("Acme shall pay the
    rebate") is still found, and reported as the sentence it was.
    """
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
            words = extract_words(pdf[:end])
        except UnreadablePdf:
            continue
        passages = _removed_passages(words, final)
        lost = sum(len(p.split()) for p in passages)
        if passages:
            findings.append(
                Finding(
                    "earlier_revision",
                    None,
                    None,
                    " … ".join(passages)[:1000],
                    "fail",
                    f"an earlier revision kept in the file (first {end} bytes) holds "
                    f"{lost} word(s) the final version lacks",
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


def _removed_passages(words: list[Word], final: list[list[str]]) -> list[str]:
    """Runs of an earlier revision's words that the final version's same page
    does not have, as text."""
    by_page: dict[int, list[Word]] = {}
    for word in words:
        by_page.setdefault(word.page, []).append(word)
    passages: list[str] = []
    for number, page_words in sorted(by_page.items()):
        before = [normalize_text(w.text) for w in page_words]
        after = final[number - 1] if number <= len(final) else []
        matcher = difflib.SequenceMatcher(None, before, after)
        kept = [False] * len(before)
        for block in matcher.get_matching_blocks():
            kept[block.a : block.a + block.size] = [True] * block.size
        run: list[str] = []
        for word, seen in zip(page_words, kept, strict=True):
            if seen:
                passages.extend(_passage(run))
                run = []
            else:
                run.append(word.text)
        passages.extend(_passage(run))
    return passages


def _passage(run: list[str]) -> list[str]:
    text = " ".join(run)
    return [text] if any(ch.isalnum() for ch in text) else []


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
            read = _inspect_pages(pdf, doc, hidden)
        finally:
            doc.close()
        shown = VisibleText(read.visible)
        findings = read.findings
        findings.extend(hidden.findings)
        # A title, an author or a link a reader sees on the pages anyway
        # reveals nothing: only what no page shows is worth a look.
        findings.extend(
            f
            for f, value, loose in hidden.unless_visible
            if not (shown.shows(value) or (loose and shown.on_first_page(value)))
        )
        findings.extend(_unused_text_findings(hidden.unused_text, read.all_words))
        titles, bookmarks = _bookmark_findings(structure, shown)
        findings.extend(bookmarks)
    finally:
        structure.close()
    labelled = hidden.metadata_text + [("a bookmark", title) for title in titles]
    labelled += [(where, text) for where, text in hidden.unused_text]
    for name, value in labelled:
        for kind, _start, _end, masked_value in find_identifiers(value):
            findings.append(
                Finding(
                    kind,
                    None,
                    None,
                    masked_value,
                    "fail",
                    f"{name} holds {_IDENTIFIER_NAMES[kind]} (Fed. R. Civ. P. 5.2)",
                )
            )
    findings.extend(_revision_findings(pdf, read.words))
    return Report(findings=masked(findings), pages=page_count)


class VisibleText:
    """The words readers see on the pages, for asking whether a title, a
    bookmark or a link only repeats them.

    Compared without spaces and punctuation ("I.Request to Seal" is the
    heading "I. Request to Seal"), or, for short values, word by word, so
    that "Art" is not found inside "party".
    """

    # Values squashed to fewer characters than this must match whole words.
    MIN_SQUASHED = 8

    def __init__(self, pages: list[str]) -> None:
        joined = " ".join(pages)
        self.squashed = _squashed(joined)
        self.words = " " + " ".join(re.findall(r"\w+", normalize_text(joined))) + " "
        first = pages[0] if pages else ""
        self.first_page = set(re.findall(r"\w+", normalize_text(first)))

    def on_first_page(self, value: str) -> bool:
        """Every word of `value` is on the first page, in any order: a title
        put together from the caption ("ORDER — Case No. 2:09-cv-01491")."""
        words = re.findall(r"\w+", normalize_text(value))
        return bool(words) and all(w in self.first_page for w in words)

    def shows(self, value: str) -> bool:
        squashed = _squashed(value)
        if not squashed:
            return True  # punctuation alone reveals nothing
        if len(squashed) >= self.MIN_SQUASHED and squashed in self.squashed:
            return True
        words = re.findall(r"\w+", normalize_text(value))
        return " " + " ".join(words) + " " in self.words


def _unused_text_findings(
    unused: list[tuple[str, str]], page_words: set[str]
) -> list[Finding]:
    findings = []
    for where, text in unused:
        words = set(normalize_text(text).split())
        lost = {w for w in words - page_words if any(ch.isalnum() for ch in w)}
        findings.append(
            Finding(
                "unused_object",
                None,
                None,
                text[:500],
                "fail" if lost else "review",
                f"{where} is a content stream no page draws; it holds "
                + (
                    f"{len(lost)} word(s) no page shows"
                    if lost
                    else "text that repeats the pages"
                )
                + ": save the file anew",
            )
        )
    return findings


def _frames(doc: pdfium.PdfDocument) -> list[PageFrame]:
    frames = []
    for index in range(len(doc)):
        page = _load_page(doc, index)
        try:
            frames.append(PageFrame.of(page))
        finally:
            page.close()
    return frames


@dataclass
class PagesRead:
    """What reading every page found, and the text the other checks compare."""

    findings: list[Finding]
    visible: list[str]  # per page, the words a reader sees
    words: list[list[str]]  # per page, every word of the text layer, normalised

    @property
    def visible_text(self) -> str:
        return normalize_text(" ".join(self.visible))

    @property
    def all_words(self) -> set[str]:
        return {w for page in self.words for w in page}


def _inspect_pages(
    pdf: bytes, doc: pdfium.PdfDocument, hidden: HiddenData
) -> PagesRead:
    read = PagesRead([], [], [])
    collapsed: dict[int, tuple[list[BBox], set[str]]] = {}
    for index in range(len(doc)):
        page = _load_page(doc, index)
        textpage = page.get_textpage()
        try:
            text = read_page_text(page, textpage, index + 1)
            hidden_words, painting = _hidden_words(
                page, textpage, text, hidden.marks.get(index + 1, PageMarks())
            )
        finally:
            textpage.close()
            page.close()
        read.findings.extend(_group_hidden(hidden_words))
        if painting.collapsed:
            reported = {_squashed(w.text) for w, *_ in hidden_words}
            collapsed[index + 1] = (painting.collapsed, reported)
        read.findings.extend(_identifier_findings(text))
        concealed = {id(w) for w, *_ in hidden_words}
        read.visible.append(
            " ".join(w.text for w in text.words if id(w) not in concealed)
        )
        read.words.append([normalize_text(w.text) for w in text.words])
    if collapsed:
        read.findings.extend(_collapsed_text(pdf, collapsed))
    return read


def _squashed(value: str) -> str:
    """Letters and digits only, casefolded: "I.Request" and "I. Request" agree."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKC", value).casefold() if ch.isalnum()
    )


def _collapsed_text(
    pdf: bytes, pages: dict[int, tuple[list[BBox], set[str]]]
) -> list[Finding]:
    """Text pdfium cannot read, read with pdfminer (through pdfplumber).

    Text drawn at size zero, with horizontal scaling 0 or through a
    degenerate text matrix paints nothing and pdfium's text layer leaves it
    out, but pdfminer, pdftotext and search engines read its strings. Only
    pages where pdfium found such text objects are read a second time.
    """
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    message = (
        "text is drawn at size zero or squeezed flat: no reader sees it, but "
        "other tools extract its words"
    )
    findings = []
    try:
        with pdfplumber.open(io.BytesIO(pdf), pages=sorted(pages)) as doc:
            for page in doc.pages:
                boxes, reported = pages[page.page_number]
                flat = page.filter(
                    lambda obj: (
                        obj.get("object_type") != "char"
                        or min(obj["x1"] - obj["x0"], obj["bottom"] - obj["top"])
                        < UNSEEN_TEXT
                    )
                )
                words = [
                    w["text"]
                    for w in flat.extract_words()
                    if _squashed(w["text"]) and _squashed(w["text"]) not in reported
                ]
                if words:
                    findings.append(
                        Finding(
                            "hidden_text",
                            page.page_number,
                            _union(boxes),
                            " ".join(words),
                            "fail",
                            message,
                        )
                    )
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError):
        # pdfminer cannot read what pdfium could: say what pdfium saw.
        findings.extend(
            Finding("hidden_text", number, _union(boxes), "", "fail", message)
            for number, (boxes, _reported) in sorted(pages.items())
        )
    return findings


def _union(boxes: list[BBox]) -> BBox:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
