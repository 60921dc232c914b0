"""The verification gate: prove a redacted PDF leaks nothing from its regions.

Checks, page by page, with two independent extractors — pdfplumber's (its
pdfminer.six engine and word extractor, read without pdfplumber's per-object
bookkeeping; see ``plumber_chars``) and pypdfium2 (Google's PDFium):

- no character either extractor reports lies inside a region (the label drawn
  on the box excepted);
- no word that was inside a region in the original (as either extractor reads
  it: PDFium reports a marked-content /ActualText in place of its glyphs)
  occurs in the output's text, or as a whole word, in any case, in any string
  of any object, any decoded stream (only image pixels, font programs and ICC
  profiles, recognised by their content, are skipped) or the joined strings
  of any content-like stream (page content, Form XObjects, tiling patterns,
  Type 3 glyphs) — unless the same whole word also occurs outside the regions
  in the original. Words under four characters are left to the text checks
  unless they hold three digits (see ``scanned``);
- every character outside the regions is still there, within a point of
  where the PDF specification places it (pdfplumber's places drift with the
  character spacing and are a line off after a " operator; the gate knows
  both, see ``_CharCollector.render_string`` and ``_Interpreter``);
- nothing outside ``sanitize``'s allow-lists is present (``hidden_data``).

Speed without blind spots: every page is read once per extractor and
document; pdfminer's characters are collected without its layout objects
(``_CharCollector``, same floats); on two cores the original's redacted pages
are read in a forked child while this process reads the output; and a page
without regions whose content, resources and boxes hash the same as the
original's (``unchanged_pages``) is not re-read by PDFium, since it can only
show exempt words. Every decoded stream is still scanned.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import dataclasses
import hashlib
import io
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, overload

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfminer import pdfinterp, psparser
from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfexceptions import PDFObjectNotFound
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager, PDFTextState
from pdfminer.pdfpage import LITERAL_PAGE, PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import dict_value
from pdfminer.psexceptions import PSException
from pdfminer.utils import apply_matrix_rect
from pdfplumber.utils import extract_words

from filings.pdf.forking import can_fork
from filings.pdf.geometry import Matrix, PageBoxes, Region, mul
from filings.pdf.sanitize import disallowed


class _WithoutDebug:
    """A logger whose debug() does nothing. pdfminer logs every token and
    object it reads at debug level: the calls alone cost some 5 % of its time
    even with debug logging off. Other levels go to pdfminer's logger."""

    def __init__(self, logger: object) -> None:
        self._logger = logger

    def debug(self, *args: object, **kwargs: object) -> None:
        return None

    def __getattr__(self, name: str) -> object:
        return getattr(self._logger, name)


for _module in (psparser, pdfinterp):
    if not isinstance(_module.log, _WithoutDebug):
        _module.log = _WithoutDebug(_module.log)  # type: ignore[assignment]

# Characters this far outside every region must survive in place.
SURVIVAL_MARGIN = 1.0
POSITION_TOLERANCE = 1.0
# A TJ offset this wide (thousandths of an em) separates words.
WIDE_GAP = 300
_UNREADABLE = (
    pikepdf.PdfError,
    pypdfium2.PdfiumError,
    PSException,
    ValueError,
    KeyError,
    TypeError,
)
_EDGE_PUNCTUATION = "\"'`.,;:!?()[]{}<>«»“”‘’*_|"


@dataclass
class VerificationReport:
    page_failures: dict[int, list[str]] = field(default_factory=dict)
    document_failures: list[str] = field(default_factory=list)
    pages_checked: int = 0

    @property
    def passed(self) -> bool:
        return not self.page_failures and not self.document_failures

    def fail_page(self, page: int, reason: str) -> None:
        self.page_failures.setdefault(page, []).append(reason)

    def summary(self) -> str:
        parts = list(self.document_failures)
        for page, reasons in sorted(self.page_failures.items()):
            parts.append(f"page {page}: " + "; ".join(reasons))
        return "; ".join(parts) or "verified"


# ------------------------------------------------------------------ page frame


def _inherited(page: pikepdf.Dictionary, key: str) -> object:
    node: object = page
    for _ in range(64):
        if not isinstance(node, pikepdf.Dictionary):
            return None
        if key in node:
            return node[key]
        node = node.get("/Parent")
    return None


def _box(page: pikepdf.Page, key: str) -> tuple[float, float, float, float] | None:
    box = _inherited(page.obj, key)
    if not isinstance(box, pikepdf.Array) or len(box) != 4:
        return None
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _rotation(page: pikepdf.Page) -> int:
    return int(_inherited(page.obj, "/Rotate") or 0) % 360


def page_boxes(page: pikepdf.Page) -> PageBoxes:
    """The boxes and turn that place a page on screen (inherited ones too)."""
    media = _box(page, "/MediaBox") or (0, 0, 612, 792)
    return PageBoxes(
        mediabox=media,
        cropbox=_box(page, "/CropBox") or media,
        rotation=_rotation(page),
    )


def region_frame(page: pikepdf.Page) -> Matrix:
    """Matrix from the page's user space to region coordinates.

    Regions are measured in points from the top-left corner of the page as
    displayed: the CropBox (else the MediaBox), turned by /Rotate. That is what
    ``filings.pdf.layout`` reports, and what pdfplumber reports whenever the
    MediaBox starts at 0,0 and no CropBox narrows it (``from_pdfplumber``
    converts in the other cases).
    """
    cx0, cy0, cx1, cy1 = page_boxes(page).cropbox
    rotate = _rotation(page)
    if rotate == 90:
        return (0, 1, 1, 0, -cy0, -cx0)
    if rotate == 180:
        return (-1, 0, 0, 1, cx1, -cy0)
    if rotate == 270:
        return (0, -1, -1, 0, cy1, cx1)
    return (1, 0, 0, -1, -cx0, cy1)


def pdfplumber_frame(page: pikepdf.Page) -> Matrix:
    """Matrix from user space to the coordinates pdfplumber reports for the page.

    Mirrors pdfminer's rotation of the MediaBox and pdfplumber's flip and
    offsets exactly (including its odd treatment of a MediaBox not at 0,0).
    """
    x0, y0, x1, y1 = _box(page, "/MediaBox") or (0, 0, 612, 792)
    rotate = _rotation(page)
    nx0, ny0, ny1 = (y0, x0, x1) if rotate in (90, 270) else (x0, y0, y1)
    return mul(_pdfminer_ctm(page), (1, 0, 0, -1, nx0, ny1 - 2 * ny0))


def _pdfminer_ctm(page: pikepdf.Page) -> Matrix:
    """The matrix pdfminer starts each page with (PDFPageInterpreter.process_page)."""
    x0, y0, x1, y1 = _box(page, "/MediaBox") or (0, 0, 612, 792)
    rotate = _rotation(page)
    if rotate == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotate == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotate == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def pdfplumber_shift(page: pikepdf.Page) -> tuple[float, float]:
    """What to add to pdfplumber's (x, top) on this page to get region coordinates."""
    a, b, c, d, e, f = pdfplumber_frame(page)
    # The user-space point pdfplumber puts at (0, 0), in region coordinates.
    det = a * d - b * c
    ux, uy = (-d * e + c * f) / det, (b * e - a * f) / det
    return _apply(region_frame(page), ux, uy)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


# ------------------------------------------------------------------ words


LABEL_FONT = "Helvetica-Bold"


@dataclass(frozen=True)
class LabelGlyph:
    """Where the engine prints one character of a box's label (region coordinates)."""

    char: str
    x0: float
    x1: float
    top: float
    bottom: float


def label_layout(
    label: str, box: tuple[float, float, float, float]
) -> tuple[float, float, float] | None:
    """(font size, baseline x, baseline y) of a label centred in a box, or None.

    Shared by the engine, which prints the label, and the gate, which must
    tell the label's characters from leaked ones by their exact places.
    """
    x0, top, x1, bottom = box
    units = sum(_label_widths(label)) / 1000.0
    width, height = x1 - x0, bottom - top
    if units <= 0:
        return None
    size = min(0.7 * height, 0.9 * width / units, 24.0)
    if size < 4:
        return None
    return size, x0 + (width - units * size) / 2, top + height / 2 + 0.3 * size


def label_glyphs(
    label: str | None, box: tuple[float, float, float, float]
) -> list[LabelGlyph]:
    if not label:
        return []
    layout = label_layout(label, box)
    if layout is None:
        return []
    size, x, baseline = layout
    glyphs = []
    encoded = label.encode("cp1252", errors="replace")
    for byte, width in zip(encoded, _label_widths(label), strict=True):
        advance = width * size / 1000.0
        char = bytes([byte]).decode("cp1252", errors="replace")
        glyphs.append(
            LabelGlyph(char, x, x + advance, baseline - size, baseline + 0.3 * size)
        )
        x += advance
    return glyphs


def _label_widths(label: str) -> list[float]:
    widths = FONT_METRICS[LABEL_FONT][1]
    encoded = label.encode("cp1252", errors="replace")
    return [
        float(widths.get(bytes([b]).decode("cp1252", errors="replace"), 600))
        for b in encoded
    ]


def _is_label(char: dict, glyphs: list[LabelGlyph]) -> bool:
    """A character exactly where a label glyph is printed, and the same character."""
    return any(
        g.char == char["text"]
        and abs(char["x0"] - g.x0) <= 0.05
        and char["top"] >= g.top - 1
        and char["bottom"] <= g.bottom + 1
        for g in glyphs
    )


def words_of(text: str) -> list[str]:
    """Whitespace-separated words with edge punctuation stripped."""
    return [w for w in (raw.strip(_EDGE_PUNCTUATION) for raw in text.split()) if w]


@dataclass
class _Original:
    # Page -> the words inside its regions, by either extractor, case-folded.
    secrets: dict[int, set[str]]
    survivors: dict[int, list[dict] | None]  # None: unknown, the page must be an image
    # Whether a redacted word occurs outside the regions on the region pages
    # (the first evidence that it is public anyway) is worked out only for
    # words the output shows: ``reading.evidence``; PDFium's reading of pages
    # pdfminer could not read is at hand.
    reading: OriginalReading
    pdfium_outside: str = ""

    def exempt(self, words: set[str]) -> set[str]:
        """The words that occur, as whole words, outside the regions on the
        region pages."""
        found = whole_words_in(words, self.pdfium_outside)
        return found | self.reading.evidence(words - found)


def _read_original(
    original: bytes, by_page: dict[int, list[Region]], reading: OriginalReading
) -> _Original:
    parts = reading.result()
    outside_parts: list[str] = []
    pages = parts.pages
    if parts.unreadable:
        # Which words sat in the regions, by PDFium; which glyphs should
        # survive is unknown, so these pages can only pass as images.
        for number, chars in _pdfium_chars(original, parts.unreadable).items():
            pages[number] = _page_reading(chars, by_page[number], survivors=False)
            outside_parts.extend(_outside_texts(chars, by_page[number]))
    secrets: dict[int, set[str]] = {}
    survivors: dict[int, list[dict] | None] = {}
    for number in sorted(pages):
        reading_of_page = pages[number]
        inside = reading_of_page.inside | parts.pdfium_inside.get(number, set())
        secrets[number] = {w.casefold() for w in inside}
        survivors[number] = reading_of_page.survivors
    return _Original(secrets, survivors, reading, "\n".join(outside_parts).casefold())


_TOKEN = re.compile(r"\w+")


class WholeWords:
    """Whole-word search in a text ("Falcon" is not in "Falconridge", but is
    in "Falcon's" and in "Falcon-class")."""

    def __init__(self, text: str) -> None:
        self.text = text
        # A word of letters and digits only is there as a whole word exactly
        # when it is one of the text's runs of letters and digits.
        self.tokens = set(_TOKEN.findall(text))

    def among(self, words: Iterable[str]) -> set[str]:
        found = set()
        for word in words:
            if _TOKEN.fullmatch(word):
                if word in self.tokens:
                    found.add(word)
            elif re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", self.text):
                found.add(word)
        return found


def whole_words_in(words: Iterable[str], text: str) -> set[str]:
    """The words occurring in ``text`` as whole words."""
    return WholeWords(text).among(words)


@dataclass
class _OriginalParts:
    """The original as read for the gate (small enough to pass between processes)."""

    pages: dict[int, _PageReading]  # pdfminer's reading of the region pages
    unreadable: dict[int, str]  # region pages pdfminer cannot interpret, and why
    # PDFium's words inside the regions of each region page: /ActualText and
    # glyphs pdfminer does not see included.
    pdfium_inside: dict[int, set[str]]
    by_page: dict[int, list[Region]]


@dataclass
class _PageReading:
    """What the gate needs from one page of the original (small, to pickle)."""

    inside: set[str]  # words inside the regions
    survivors: list[dict] | None  # None: unknown, the page must be an image


# Characters this close (vertically) to a region are on a line that may cross it.
_BAND = 4.0


def _page_reading(
    chars: list[dict], regions: list[Region], *, survivors: bool = True
) -> _PageReading:
    reading = _PageReading(set(), None)
    # The words on the lines by the regions: pdfplumber groups characters
    # into words line by line, so the lines that cross a region give the
    # words it touches as the whole page would.
    near = _near(chars, regions)
    for word in extract_words(near, return_chars=True):
        if any(_char_touches(c, regions) for c in word["chars"]):
            reading.inside.update(words_of(word["text"]))
    # Where pdfplumber misplaces text (after a " operator), a word is
    # redacted if a region is over it there too: regions may be measured so.
    shown = _shown(near)
    if shown is not near:
        for word in extract_words(_near(shown, regions)):
            box = (word["x0"], word["top"], word["x1"], word["bottom"])
            if any(r.intersects(*box) for r in regions):
                reading.inside.update(words_of(word["text"]))
    if survivors:
        widened = _widened(regions, SURVIVAL_MARGIN)
        reading.survivors = [
            c for c in chars if c["text"].strip() and not _char_touches(c, widened)
        ]
    return reading


def _near(chars: list[dict], regions: Sequence[Region]) -> list[dict]:
    """The characters whose line may cross a region (wherever they are
    shown or placed): all of them unless every one is upright, as lines of
    turned text do not run across the page."""
    if not all(c["upright"] for c in chars):
        return chars
    bands = [(r.top - _BAND, r.bottom + _BAND) for r in regions]
    near = []
    for c in chars:
        boxes = [(c["top"], c["bottom"])]
        for key in ("shown_at", "placed_at"):
            if key in c:
                boxes.append((c[key][1], c[key][3]))
        if any(top < b1 and bottom > b0 for top, bottom in boxes for b0, b1 in bands):
            near.append(c)
    return near


def _outside_texts(chars: list[dict], regions: list[Region]) -> list[str]:
    """pdfplumber's words on a page that touch no region."""
    return [
        word["text"]
        for word in extract_words(chars, return_chars=True)
        if not any(_char_touches(c, regions) for c in word["chars"])
    ]


def _evidence(
    chars: dict[int, list[dict]], by_page: dict[int, list[Region]], words: set[str]
) -> set[str]:
    """Which words occur, as whole words, outside the regions of the pages."""
    if not words:
        return set()
    texts = [t for n, c in chars.items() for t in _outside_texts(c, by_page[n])]
    return whole_words_in(words, "\n".join(texts).casefold())


def plumber_chars(
    pdf: bytes,
    pages: Iterable[int],
    errors: dict[int, str] | None = None,
    on_page: Callable[[int], None] | None = None,
) -> dict[int, list[dict]]:
    """pdfplumber's characters of some pages, in region coordinates.

    Read with pdfminer.six, pdfplumber's own engine, directly: pdfplumber's
    per-object bookkeeping costs twice the parsing itself, and the gate reads
    every redacted page twice. Each char is a dict with pdfplumber's keys
    (text, x0, top, x1, bottom, doctop, upright), so pdfplumber's word
    extractor applies unchanged; tests hold the boxes equal to pdfplumber's.

    A page pdfminer cannot interpret raises, unless ``errors`` is given: then
    the page is left out and ``errors[page]`` says why.
    """
    frames, objids = _pdfminer_frames(pdf, pages, objids=True)
    chars, unreadable = _pdfminer_chars(pdf, frames, on_page, objids)
    if unreadable and errors is None:
        number, reason = next(iter(unreadable.items()))
        raise ValueError(f"page {number}: {reason}")
    if errors is not None:
        errors.update(unreadable)
    return chars


@overload
def _pdfminer_frames(
    pdf: bytes, pages: Iterable[int], *, objids: Literal[False] = False
) -> dict[int, Matrix]: ...


@overload
def _pdfminer_frames(
    pdf: bytes, pages: Iterable[int], *, objids: Literal[True]
) -> tuple[dict[int, Matrix], dict[int, int]]: ...


def _pdfminer_frames(
    pdf: bytes, pages: Iterable[int], *, objids: bool = False
) -> dict[int, Matrix] | tuple[dict[int, Matrix], dict[int, int]]:
    """Per page, the matrix from pdfminer's device space to region coordinates
    (and, with ``objids``, each page's object number)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        wanted = {n: document.pages[n - 1] for n in set(pages)}
        frames = {
            n: mul(_invert(_pdfminer_ctm(page)), region_frame(page))
            for n, page in wanted.items()
        }
        if not objids:
            return frames
        return frames, {n: page.obj.objgen[0] for n, page in wanted.items()}


def _pdfminer_chars(
    pdf: bytes,
    frames: dict[int, Matrix],
    on_page: Callable[[int], None] | None = None,
    objids: dict[int, int] | None = None,
) -> tuple[dict[int, list[dict]], dict[int, str]]:
    """Characters of the pages in ``frames``, and why any page could not be read.

    Uses pdfminer.six only (no pikepdf), so that it can run in a forked process.
    ``objids`` (each page's object number, for a file qpdf wrote) lets pdfminer
    go straight to those pages instead of through the whole page tree.
    """
    found: dict[int, list[dict]] = {}
    unreadable: dict[int, str] = {}
    if not frames:
        return found, unreadable
    reader = _PdfminerPages(pdf, objids)
    for number in sorted(frames):
        try:
            found[number] = reader.chars(number, frames[number])
        except _UNREADABLE as exc:
            unreadable[number] = f"pdfminer cannot interpret the page: {exc}"
        if on_page is not None:
            on_page(len(found) + len(unreadable))
    return found, unreadable


class _PdfminerPages:
    """One pdfminer reading of a document, its pages read on demand."""

    def __init__(self, pdf: bytes, objids: dict[int, int] | None = None) -> None:
        self.resources = PDFResourceManager(caching=True)
        self.device = _CharCollector(self.resources)
        self.interpreter = _Interpreter(self.resources, self.device)
        self.document = PDFDocument(PDFParser(io.BytesIO(pdf)))
        direct = _pages_at(self.document, objids) if objids else None
        self._pages: dict[int, PDFPage] = dict(direct or ())
        # Without object numbers (or if they do not lead to pages), walk the
        # page tree as pdfplumber does.
        self._walk = (
            None if direct else enumerate(PDFPage.create_pages(self.document), start=1)
        )

    def _page(self, number: int) -> PDFPage:
        while number not in self._pages and self._walk is not None:
            try:
                found, page = next(self._walk)
            except StopIteration:
                self._walk = None
                break
            self._pages[found] = page
        if number not in self._pages:
            raise ValueError(f"pdfminer finds no page {number}")
        return self._pages.pop(number)

    def chars(self, number: int, frame: Matrix) -> list[dict]:
        """The page's characters in region coordinates; raises _UNREADABLE."""
        page = self._page(number)
        device = self.device
        device.frame = frame
        device.quoted = False
        self.interpreter.process_page(page)
        chars = device.chars
        if device.quoted:
            _add_shown_places(page, frame, self.resources, chars)
        return chars


def _pages_at(
    document: PDFDocument, objids: dict[int, int]
) -> list[tuple[int, PDFPage]] | None:
    """pdfminer's pages at these object numbers, with the attributes they
    inherit, as PDFPage.create_pages builds them; None if any object is not a
    page of the document's page tree (then walk the tree)."""
    try:
        root = document.catalog.get("Pages")
        root_id = getattr(root, "objid", None)
        found = []
        for number, objid in sorted(objids.items()):
            attrs = dict_value(document.getobj(objid)).copy()
            if attrs.get("Type") is not LITERAL_PAGE:
                return None
            node, seen = attrs, {objid}
            while True:
                parent = node.get("Parent")
                parent_id = getattr(parent, "objid", None)
                if parent_id is None or parent_id in seen or len(seen) > 64:
                    return None
                seen.add(parent_id)
                node = dict_value(parent)
                for key, value in node.items():
                    if key in PDFPage.INHERITABLE_ATTRS and key not in attrs:
                        attrs[key] = value
                if parent_id == root_id:
                    break
            for key, value in document.catalog.items():
                if key in PDFPage.INHERITABLE_ATTRS and key not in attrs:
                    attrs[key] = value
            found.append((number, PDFPage(document, objid, attrs, None)))
        return found
    except (PSException, PDFObjectNotFound, TypeError, KeyError, ValueError):
        return None


def _add_shown_places(
    page: PDFPage, frame: Matrix, resources: PDFResourceManager, chars: list[dict]
) -> None:
    """Read a page that uses " again, as pdfplumber does, and give each
    character that pdfplumber shows elsewhere its ``shown_at`` box."""
    device = _CharCollector(resources)
    device.frame = frame
    PDFPageInterpreter(resources, device).process_page(page)
    if len(device.chars) != len(chars):
        raise ValueError('the two readings of a page with a " operator differ')
    for char, shown in zip(chars, device.chars, strict=True):
        box = (shown["x0"], shown["top"], shown["x1"], shown["bottom"])
        if max(abs(a - b) for a, b in zip(box, _box_of_char(char), strict=True)) > 0.01:
            char["shown_at"] = box


def _box_of_char(char: dict) -> tuple[float, float, float, float]:
    return (char["x0"], char["top"], char["x1"], char["bottom"])


# Fewer pages than this to read with pdfminer: forking costs more than it saves.
PARALLEL_MIN_PAGES = 8


class OriginalReading:
    """pdfminer's reading of the original's region pages, in a forked child if
    worth it; started early, kept for every verification of the same job.

    The gate reads the same pages of the original and of the output. On two
    cores the original is read (and reduced to its words and surviving
    characters) in a child process while this one builds and reads the
    output; the child then also checks a share of the output's region pages
    (``share``), against the reading it keeps; a page retried as an image
    reuses the same reading. ``result`` gives the ``_OriginalParts`` or
    raises ValueError.
    """

    def __init__(self, original: bytes, regions: Sequence[Region]) -> None:
        self.original = original
        self.by_page = _by_page(regions)
        self._outcome: _OriginalParts | str | None
        self._outcome = None
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._future: concurrent.futures.Future | None = None
        # pikepdf here: the child runs only pdfminer and PDFium, each on a
        # document of its own opened after the fork.
        frames = _pdfminer_frames(original, self.by_page)
        visible = _visible_frames(original, self.by_page)
        self._args = (original, frames, visible, self.by_page)
        self._token = os.urandom(8).hex()
        # The original's characters, when read in this process.
        self._chars: dict[int, list[dict]] = {}
        self._claims: Any = None
        if len(frames) >= PARALLEL_MIN_PAGES and can_fork():
            try:
                context = multiprocessing.get_context("fork")
                # [next page from the front, next page from the back] of the
                # output's region pages, shared with the child (see share).
                self._claims = context.Array("l", [0, -1])
                self._pool = concurrent.futures.ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=context,
                    initializer=_set_claims,
                    initargs=(self._claims,),
                )
                self._future = self._pool.submit(
                    _read_in_child, self._token, *self._args
                )
            except (OSError, RuntimeError):
                self.close()

    def evidence(self, words: set[str]) -> set[str]:
        """Which of these (case-folded) words occur, as whole words, outside
        the regions on the region pages of the original: from the child's
        reading, kept there, or from this process's."""
        if not words:
            return set()
        if self._outcome is None:
            self.result()
        if self._pool is not None and not self._chars:
            try:
                return self._pool.submit(
                    _evidence_in_child, self._token, words
                ).result()
            except Exception:  # a dead child: read the pages here
                self.close()
        if not self._chars:
            frames = self._args[1]
            self._chars, _unreadable = _pdfminer_chars(self.original, frames)
        return _evidence(self._chars, self.by_page, words)

    def matches(self, original: bytes, regions: Sequence[Region]) -> bool:
        same_pdf = original is self.original or original == self.original
        return same_pdf and _by_page(regions) == self.by_page

    def share(
        self,
        redacted: bytes,
        pages: list[int],
        frames: dict[int, Matrix],
        objids: dict[int, int],
        label: str | None,
        rasterized: set[int],
    ) -> concurrent.futures.Future | None:
        """Let the child, once it has read the original, check the output's
        region pages from the last one backwards while this process checks
        them from the first one on (``claims``), until they meet: neither
        core waits for the other. None without a child."""
        if self._pool is None or self._claims is None or not pages:
            return None
        with self._claims.get_lock():
            self._claims[0], self._claims[1] = 0, len(pages) - 1
        try:
            return self._pool.submit(
                _check_in_child,
                self._token,
                redacted,
                pages,
                frames,
                objids,
                self.by_page,
                label,
                rasterized,
            )
        except (OSError, RuntimeError):
            with self._claims.get_lock():
                self._claims[1] = -1
            return None

    def claims(self, pages: list[int], shared: bool) -> Iterator[int]:
        """The pages this process checks: all of them, or (``shared``) those
        it claims from the front before the child's claims meet them."""
        if not shared:
            yield from pages
            return
        while True:
            with self._claims.get_lock():
                index = self._claims[0]
                if index > self._claims[1]:
                    return
                self._claims[0] = index + 1
            yield pages[index]

    def result(self) -> _OriginalParts:
        if self._outcome is None and self._future is not None:
            try:
                self._outcome = self._future.result()
            except (OSError, RuntimeError):
                # The child died (out of memory?), which breaks the pool (a
                # RuntimeError): read here instead, as without a child.
                self._outcome = None
                self.close()
        if self._outcome is None:
            self._outcome = _read_or_reason(*self._args, keep=self._chars)
        if isinstance(self._outcome, str):
            raise ValueError(self._outcome)
        # A copy: the caller adds pages it reads otherwise.
        return dataclasses.replace(
            self._outcome,
            pages=dict(self._outcome.pages),
            unreadable=dict(self._outcome.unreadable),
            pdfium_inside=dict(self._outcome.pdfium_inside),
        )

    def close(self) -> None:
        """Stop the child, if any (waits for it); the reading, if done, stays."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool, self._future = None, None

    def __enter__(self) -> OriginalReading:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _by_page(regions: Iterable[Region]) -> dict[int, list[Region]]:
    by_page: dict[int, list[Region]] = {}
    for region in regions:
        by_page.setdefault(region.page, []).append(region)
    return by_page


# In the child: its reading of each original, for the output pages it checks,
# and the claims it shares with its parent.
_CHILD_READINGS: dict[str, _OriginalParts] = {}
_CHILD_CLAIMS: list[Any] = []


def _set_claims(claims: Any) -> None:
    _CHILD_CLAIMS[:] = [claims]


def _claim_from_back(pages: list[int]) -> Iterator[int]:
    claims = _CHILD_CLAIMS[0]
    while True:
        with claims.get_lock():
            index = claims[1]
            if index < claims[0]:
                return
            claims[1] = index - 1
        yield pages[index]


_CHILD_CHARS: dict[str, dict[int, list[dict]]] = {}


def _read_in_child(token: str, *args: object) -> _OriginalParts | str:
    chars: dict[int, list[dict]] = {}
    outcome = _read_or_reason(*args, keep=chars)  # type: ignore[arg-type]
    if isinstance(outcome, _OriginalParts):
        _CHILD_READINGS[token] = outcome
        _CHILD_CHARS[token] = chars
    return outcome


def _evidence_in_child(token: str, words: set[str]) -> set[str]:
    return _evidence(_CHILD_CHARS[token], _CHILD_READINGS[token].by_page, words)


@dataclass
class _Shared:
    """What the child found on the output pages it checked (small, to pickle)."""

    failures: dict[int, list[str]]
    words: dict[int, set[str]]
    unreadable: dict[int, str]


def _check_in_child(
    token: str,
    redacted: bytes,
    pages: list[int],
    frames: dict[int, Matrix],
    objids: dict[int, int],
    by_page: dict[int, list[Region]],
    label: str | None,
    rasterized: set[int],
) -> _Shared:
    """Output pages checked as ``_read_output_pages`` and
    ``_check_against_original`` check them (characters inside regions, words,
    survivors), against the child's own reading of the original: those it
    claims from the back of ``pages``."""
    original = _CHILD_READINGS[token]
    reader = _PdfminerPages(redacted, objids)
    report = VerificationReport()
    words: dict[int, set[str]] = {}
    unreadable: dict[int, str] = {}
    for number in _claim_from_back(pages):
        try:
            page_chars = reader.chars(number, frames[number])
        except _UNREADABLE as exc:
            unreadable[number] = f"pdfminer cannot interpret the page: {exc}"
            continue
        _check_plumber_inside(number, page_chars, by_page[number], label, report)
        words[number] = _plumber_words(page_chars)
        if number not in rasterized:
            reading = original.pages.get(number)
            expected = reading.survivors if reading is not None else None
            _check_survivors(number, page_chars, expected, report)
    return _Shared(report.page_failures, words, unreadable)


def _read_or_reason(
    pdf: bytes,
    frames: dict[int, Matrix],
    visible: dict[int, Matrix],
    by_page: dict[int, list[Region]],
    keep: dict[int, list[dict]] | None = None,
) -> _OriginalParts | str:
    """The original read and reduced to what the gate needs, or why the
    document cannot be read as a plain message (pdfminer's exceptions need not
    survive the trip between processes). ``keep`` receives the characters."""
    try:
        chars, unreadable = _pdfminer_chars(pdf, frames)
        if keep is not None:
            keep.update(chars)
        pages = {n: _page_reading(c, by_page[n]) for n, c in chars.items()}
        parts = _OriginalParts(pages, unreadable, {}, by_page)
        document = pypdfium2.PdfDocument(pdf)
        try:
            for number in sorted(by_page):
                parts.pdfium_inside[number] = _pdfium_words_inside(
                    document[number - 1], by_page[number], visible[number]
                )
        finally:
            document.close()
    except _UNREADABLE as exc:
        return f"{type(exc).__name__}: {exc}"
    return parts


def _pdfium_words_inside(
    page: pypdfium2.PdfPage, regions: list[Region], frame: Matrix
) -> set[str]:
    """PDFium's words with a character centred inside a region.

    PDFium reports a marked-content /ActualText in place of the glyphs it
    covers, and may see glyphs pdfminer does not: both are redacted words.
    """
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range()
        if len(text) != count:
            text = "".join(textpage.get_text_range(i, 1) or " " for i in range(count))
        inside: set[int] = set()
        a, b, c, d, e, f = frame
        upright = b == 0 and c == 0
        band_top = min(r.top for r in regions) - 1e-6
        band_bottom = max(r.bottom for r in regions) + 1e-6
        for i, (x0, top, x1, bottom) in enumerate(_loose_boxes(textpage, count)):
            ux, uy = (x0 + x1) / 2, (top + bottom) / 2
            if upright:
                # The centre's height first: most characters are on other lines.
                cy = d * uy + f
                if cy < band_top or cy > band_bottom:
                    continue
            if not text[i].strip():
                continue
            cx, cy = _apply(frame, ux, uy)
            if any(r.contains_point(cx, cy) for r in regions):
                inside.add(i)
    finally:
        textpage.close()
    words: set[str] = set()
    for match in re.finditer(r"\S+", text):
        if any(i in inside for i in range(match.start(), match.end())):
            words.update(words_of(match.group()))
    return words


def _loose_boxes(
    textpage: pypdfium2.PdfTextPage, count: int
) -> Iterable[tuple[float, float, float, float]]:
    """Each character's loose box (left, bottom, right, top) in user space,
    straight from PDFium (pypdfium2's get_charbox allocates per call)."""
    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    get = pdfium_c.FPDFText_GetLooseCharBox
    raw = textpage.raw
    for i in range(count):
        get(raw, i, ref)
        yield rect.left, rect.bottom, rect.right, rect.top


def _visible_frames(pdf: bytes, pages: Iterable[int]) -> dict[int, Matrix]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return {n: region_frame(document.pages[n - 1]) for n in set(pages)}


class _Interpreter(PDFPageInterpreter):
    """pdfminer's interpreter, but for its " operator, which forgets to move to
    the next line (ISO 32000-2 9.4.3: " is Tw, Tc, then '): pdfplumber shows
    that text, and all text after it up to the next BT or Tm, a line too high.
    ``_pdfminer_chars`` reads a page with a " both ways: characters where
    they are (the places that must survive) and, as ``shown_at``, where
    pdfplumber shows them (which count as inside a region too). The engine
    writes every " on a page it redacts out as Tw, Tc, T* and TJ."""

    def do__w(self, aw: object, ac: object, s: object) -> None:
        if isinstance(self.device, _CharCollector):
            self.device.quoted = True
        self.do_Tw(aw)
        self.do_Tc(ac)
        self.do_T_a()
        self.do_TJ([s])

    # A new line: pdfminer's lag behind the specification starts again.
    def do_BT(self) -> None:
        super().do_BT()
        self._new_line()

    def do_Td(self, tx: object, ty: object) -> None:
        super().do_Td(tx, ty)
        self._new_line()

    def do_TD(self, tx: object, ty: object) -> None:
        super().do_TD(tx, ty)
        self._new_line()

    # pdfminer counts a handler's parameters to know how many operands it takes.
    def do_Tm(
        self, a: object, b: object, c: object, d: object, e: object, f: object
    ) -> None:
        super().do_Tm(a, b, c, d, e, f)
        self._new_line()

    def do_T_a(self) -> None:
        super().do_T_a()
        self._new_line()

    def _new_line(self) -> None:
        if isinstance(self.device, _CharCollector):
            self.device.lag = 0.0


def _shown(chars: list[dict]) -> list[dict]:
    """The characters where pdfplumber shows them (see ``_Interpreter``)."""
    if not any("shown_at" in c for c in chars):
        return chars
    return [
        {**c, **dict(zip(("x0", "top", "x1", "bottom"), c["shown_at"], strict=True))}
        if "shown_at" in c
        else c
        for c in chars
    ]


def _char_touches(char: dict, regions: Sequence[Region]) -> bool:
    """A character inside a region where pdfplumber shows it or where it is
    (the engine removes a glyph touching a region either way)."""
    x0, top, x1, bottom = char["x0"], char["top"], char["x1"], char["bottom"]
    # Region.intersects, inlined: this runs for every character of a page.
    for r in regions:
        if (
            x0 < r.x1 - 0.01
            and x1 > r.x0 + 0.01
            and top < r.bottom - 0.01
            and bottom > r.top + 0.01
        ):
            return True
    if "shown_at" not in char and "placed_at" not in char:
        return False
    boxes = [char[key] for key in ("shown_at", "placed_at") if key in char]
    return any(r.intersects(*box) for box in boxes for r in regions)


def _placed(char: dict) -> tuple[float, float]:
    """(x0, top) where the specification places a character."""
    if "placed_at" in char:
        return char["placed_at"][0], char["placed_at"][1]
    return char["x0"], char["top"]


class _CharCollector(PDFTextDevice):
    """pdfminer's characters as pdfplumber-style dicts, in region coordinates.

    Computes each box exactly as pdfminer's ``LTChar`` does (same arithmetic,
    so the same floats), without building layout objects for characters,
    paths and images that the gate never looks at: those objects cost more
    than the parsing.
    """

    def __init__(self, resources: PDFResourceManager) -> None:
        super().__init__(resources)
        self.frame: Matrix = (1, 0, 0, 1, 0, 0)
        self.chars: list[dict] = []
        self.quoted = False  # the page used the " operator
        # How far pdfminer's pen lags behind the specification's on this line
        # (text space): it adds the character spacing between glyphs, not
        # after each, so every text-showing operator that starts with a glyph
        # leaves it one character spacing behind.
        self.lag = 0.0
        self._glyphs: dict[tuple[PDFFont, int], tuple[str, float]] = {}

    def begin_page(self, page: PDFPage, ctm: Matrix) -> None:
        self.chars = []
        self.lag = 0.0

    def render_string(
        self,
        textstate: PDFTextState,
        seq: list,
        ncs: object,
        graphicstate: object,
    ) -> None:
        """pdfplumber's characters, each also ``placed_at`` where the PDF
        specification places it when that differs: pdfminer's lag, less the
        character spacing it adds before the first glyph of a TJ that starts
        with a number."""
        start = len(self.chars)
        super().render_string(textstate, seq, ncs, graphicstate)
        font = textstate.font
        if font is None or font.is_vertical():
            return
        spacing = textstate.charspace * textstate.scaling * 0.01
        starts_with_text = bool(seq) and isinstance(seq[0], bytes)
        shift = self.lag - (0.0 if starts_with_text else spacing)
        glyphs = len(self.chars) - start
        if glyphs and starts_with_text:
            self.lag += spacing
        if not glyphs or abs(shift) < 1e-9:
            return
        a, b, _c, _d, _e, _f = mul(textstate.matrix, self.ctm)
        fa, fb, fc, fd, _fe, _ff = self.frame
        dx, dy = a * shift, b * shift
        rx, ry = fa * dx + fc * dy, fb * dx + fd * dy
        for char in self.chars[start:]:
            char["placed_at"] = (
                char["x0"] + rx,
                char["top"] + ry,
                char["x1"] + rx,
                char["bottom"] + ry,
            )

    def render_char(
        self,
        matrix: Matrix,
        font: PDFFont,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: object,
        graphicstate: object,
    ) -> float:
        glyph = self._glyphs.get((font, cid))
        if glyph is None:
            # Text and width depend only on the font and the code: look them
            # up once per document, not once per character shown.
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = f"(cid:{cid})"
            glyph = self._glyphs[font, cid] = (text, font.char_width(cid))
        text, width = glyph
        adv = width * fontsize * scaling
        if font.is_vertical():
            vx, vy = font.char_disp(cid)  # type: ignore[misc]
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bbox = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
        else:
            descent = font.get_descent() * fontsize
            bbox = (0, descent + rise, adv, descent + rise + fontsize)
        a, b, c, d, e, f = matrix
        if b == 0 and c == 0:
            # Upright text (nearly all of it): pdfminer's apply_matrix_rect
            # reduced to the terms that are not zero, so the same floats.
            bx0, by0, bx1, by1 = bbox
            xa, xb, ya, yb = a * bx0 + e, a * bx1 + e, d * by0 + f, d * by1 + f
            device_box = (min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))
        else:
            device_box = apply_matrix_rect(matrix, bbox)
        fa, fb, fc, fd, fe, ff = self.frame
        if fb == 0 and fc == 0:
            # _rect, inlined for upright pages: the same floats.
            dx0, dy0, dx1, dy1 = device_box
            xa, xb, ya, yb = fa * dx0 + fe, fa * dx1 + fe, fd * dy0 + ff, fd * dy1 + ff
            x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
            top, bottom = (ya, yb) if ya <= yb else (yb, ya)
        else:
            x0, top, x1, bottom = _rect(self.frame, *device_box)
        char = {
            "text": text,
            "x0": x0,
            "top": top,
            "x1": x1,
            "bottom": bottom,
            "doctop": top,
            "upright": a * d * scaling > 0 and b * c <= 0,
        }
        self.chars.append(char)
        return adv


def _pdfium_chars(pdf: bytes, pages: Iterable[int]) -> dict[int, list[dict]]:
    """PDFium's characters of some pages as pdfplumber-style dicts (region coordinates)."""
    wanted = sorted(pages)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        frames = {n: region_frame(document.pages[n - 1]) for n in wanted}
    found: dict[int, list[dict]] = {}
    document = pypdfium2.PdfDocument(pdf)
    try:
        for number in wanted:
            textpage = document[number - 1].get_textpage()
            try:
                chars = []
                for i in range(textpage.count_chars()):
                    text = textpage.get_text_range(i, 1)
                    box = textpage.get_charbox(i, loose=True)
                    x0, top, x1, bottom = _rect(frames[number], *box)
                    chars.append(
                        {
                            "text": text,
                            "x0": x0,
                            "top": top,
                            "x1": x1,
                            "bottom": bottom,
                            "doctop": top,
                            "upright": True,
                        }
                    )
                found[number] = chars
            finally:
                textpage.close()
    finally:
        document.close()
    return found


def _rect(m: Matrix, x0: float, y0: float, x1: float, y1: float) -> tuple[float, ...]:
    a, b, c, d, e, f = m
    if b == 0 and c == 0:
        # Upright pages (most of them): the same floats as the general case,
        # a tenth of the work.
        xa, xb, ya, yb = a * x0 + e, a * x1 + e, d * y0 + f, d * y1 + f
        return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)
    xs, ys = zip(
        *(_apply(m, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))),
        strict=True,
    )
    return min(xs), min(ys), max(xs), max(ys)


def _invert(m: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    det = a * d - b * c
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(e * ia + f * ic), -(e * ib + f * id_))


def _widened(regions: Sequence[Region], margin: float) -> list[Region]:
    return [
        Region(r.page, r.x0 - margin, r.top - margin, r.x1 + margin, r.bottom + margin)
        for r in regions
    ]


def _pdfium_text(page: pypdfium2.PdfPage) -> str:
    textpage = page.get_textpage()
    try:
        return textpage.get_text_range()
    finally:
        textpage.close()


# ------------------------------------------------------------ unchanged pages

# Everything a page's text is made of: its content, the resources it draws
# with (fonts, Form XObjects, images, recursively) and the boxes and turn that
# place it. /Contents and /UserUnit are not inherited from the page tree.
_OWN_TEXT_KEYS = ("/Contents", "/UserUnit")
_INHERITED_TEXT_KEYS = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
_MAX_DEPTH = 64


class _NoFingerprint(Exception):
    """An object graph too deep or circular to fingerprint: read the page instead."""


def unchanged_pages(original: bytes, redacted: bytes, pages: Iterable[int]) -> set[int]:
    """Pages whose text is provably the same in both PDFs: byte-identical.

    A page qualifies when its decoded content streams, all the resources they
    can use (fonts and their programs, Form XObjects and their own resources,
    images) and its boxes and rotation hash the same in both files, compared
    by content, not by object number. Any extractor then reads the same
    characters at the same places from both, so re-reading the output page
    proves nothing the original's reading did not already tell. Anything
    unusual (cycles, unreadable streams) leaves the page out: it is read.
    """
    wanted = sorted(set(pages))
    if not wanted:
        return set()
    before, after = (
        _page_fingerprints(original, wanted),
        _page_fingerprints(redacted, wanted),
    )
    return {
        n for n in wanted if before.get(n) is not None and before.get(n) == after.get(n)
    }


def _page_fingerprints(pdf: bytes, pages: list[int]) -> dict[int, bytes | None]:
    memo: dict[tuple[int, int], bytes] = {}
    found: dict[int, bytes | None] = {}
    with pikepdf.open(io.BytesIO(pdf)) as document:
        count = len(document.pages)
        for number in pages:
            if number > count:
                continue
            page = document.pages[number - 1].obj
            digest = hashlib.sha256()
            try:
                for key in _OWN_TEXT_KEYS:
                    digest.update(key.encode() + _digest(page.get(key), memo, []))
                for key in _INHERITED_TEXT_KEYS:
                    value = _inherited(page, key)
                    digest.update(key.encode() + _digest(value, memo, []))
            except (_NoFingerprint, *_UNREADABLE):
                found[number] = None
                continue
            found[number] = digest.digest()
    return found


def _digest(obj: object, memo: dict, path: list) -> bytes:
    """A content hash of an object and all it refers to (memoised per object)."""
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        key = obj.objgen
        if key in memo:
            return memo[key]
        if key in path or len(path) > _MAX_DEPTH:
            raise _NoFingerprint(f"object {key[0]} contains itself")
        path.append(key)
        try:
            memo[key] = _direct_digest(obj, memo, path)
        finally:
            path.pop()
        return memo[key]
    return _direct_digest(obj, memo, path)


def _direct_digest(obj: object, memo: dict, path: list) -> bytes:
    digest = hashlib.sha256()
    if isinstance(obj, pikepdf.Stream):
        data, skipped = _stream_data(obj)
        digest.update(b"stream" + _dict_digest(obj, memo, path, skipped))
        digest.update(hashlib.sha256(data).digest())
    elif isinstance(obj, pikepdf.Dictionary):
        digest.update(b"dict" + _dict_digest(obj, memo, path, ()))
    elif isinstance(obj, pikepdf.Array):
        digest.update(b"array")
        for item in obj:
            digest.update(_digest(item, memo, path))
    elif isinstance(obj, pikepdf.String):
        digest.update(b"string" + bytes(obj))
    else:
        # Names, numbers, booleans and null, by type and value.
        digest.update(f"{type(obj).__name__}:{obj}".encode())
    return digest.digest()


# Filters that only change how bytes are stored, never what they say.
_LOSSLESS_FILTERS = {
    "/FlateDecode",
    "/Fl",
    "/LZWDecode",
    "/LZW",
    "/ASCII85Decode",
    "/A85",
    "/ASCIIHexDecode",
    "/AHx",
    "/RunLengthDecode",
    "/RL",
}


def _stream_data(stream: pikepdf.Stream) -> tuple[bytes, tuple[str, ...]]:
    """A stream's decoded bytes if only lossless filters apply (its /Filter then
    does not matter), else its raw bytes, to be hashed with its /Filter."""
    filters = stream.get("/Filter")
    names = list(filters) if isinstance(filters, pikepdf.Array) else [filters]
    if all(f is None or str(f) in _LOSSLESS_FILTERS for f in names):
        try:
            return b"decoded:" + stream.read_bytes(), (
                "/Length",
                "/Filter",
                "/DecodeParms",
                "/DL",
            )
        except pikepdf.PdfError:
            pass
    return b"raw:" + stream.read_raw_bytes(), ("/Length",)


def _dict_digest(
    obj: pikepdf.Dictionary | pikepdf.Stream,
    memo: dict,
    path: list,
    skipped: tuple[str, ...],
) -> bytes:
    digest = hashlib.sha256()
    for key in sorted(obj.keys()):
        # /Parent points back up the page tree; /Length only measures.
        if key == "/Parent" or key in skipped:
            continue
        digest.update(key.encode() + b"=" + _digest(obj.get(key), memo, path))
    return digest.digest()


# ------------------------------------------------------------------ the gate


def verify_redaction(
    original: bytes,
    redacted: bytes,
    regions: Sequence[Region],
    *,
    raster_pages: Iterable[int] = (),
    label: str | None = None,
    reading: OriginalReading | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> VerificationReport:
    """Check a redacted PDF against its original and regions; never raises on leaks.

    ``reading``, started before the output was built, saves reading the
    original again (it is ignored unless made from the same original and
    regions); the caller closes it. ``progress("checking", done, total)``
    hears of each region page read.
    """
    report = VerificationReport()
    by_page = _by_page(regions)
    rasterized = set(raster_pages)
    own_reading = reading is None or not reading.matches(original, regions)
    try:
        if own_reading:
            reading = OriginalReading(original, regions)
    except _UNREADABLE as exc:
        report.document_failures.append(f"the original cannot be read: {exc}")
        return report
    assert reading is not None
    try:
        return _verify(
            original, redacted, by_page, rasterized, label, reading, progress, report
        )
    finally:
        if own_reading:
            reading.close()


def _verify(
    original: bytes,
    redacted: bytes,
    by_page: dict[int, list[Region]],
    rasterized: set[int],
    label: str | None,
    reading: OriginalReading,
    progress: Callable[[str, int, int], None] | None,
    report: VerificationReport,
) -> VerificationReport:
    output = _Output()
    prepared: list[_Scannable] = []
    try:
        try:
            # The output's own checks run while the original is read elsewhere
            # (in the child, on two cores), which then helps with the output.
            pages = sorted(by_page)
            frames, objids = _pdfminer_frames(redacted, pages, objids=True)
            shared = reading.share(redacted, pages, frames, objids, label, rasterized)
            _check_output_pdfium(original, redacted, by_page, label, output)
            prepared = _prepare_scan(redacted, output.untouched, report)
            reader = _PdfminerPages(redacted, objids)
            mine = reading.claims(pages, shared is not None)
            _read_output_pages(reader, frames, by_page, mine, label, output, progress)
            if shared is not None:
                _merge_shared(output, shared, reader, frames, by_page, label)
        except _UNREADABLE as exc:
            output.failure = exc
        before = _read_original(original, by_page, reading)
    except _UNREADABLE as exc:
        report.document_failures.append(f"the original cannot be read: {exc}")
        return report
    for number, reasons in output.report.page_failures.items():
        for reason in reasons:
            report.fail_page(number, reason)
    secrets = set().union(*before.secrets.values())
    label_words = {w.casefold() for w in words_of(label or "")}
    # Redacted words that are public anyway: the same whole word occurs
    # outside the regions in the original (case aside), or in the label.
    # Looked for on the region pages first; on the other pages (read then)
    # only for words the output shows.
    suspects = secrets - label_words
    try:
        if output.failure is not None:
            raise ValueError(str(output.failure))
        hits = _check_against_original(output, before, rasterized, suspects, report)
        hits += _scan(prepared, suspects)
        found = {w for hit in hits for w in hit.words}
        if found:
            public = before.exempt(found)
            if found - public:
                elsewhere = _elsewhere_text(original, by_page)
                public |= whole_words_in(found - public, elsewhere)
            for hit in hits:
                hit.report(report, public)
    except _UNREADABLE as exc:
        report.document_failures.append(f"the output cannot be read back: {exc}")
    report.pages_checked = len(by_page)
    return report


def _merge_shared(
    output: _Output,
    shared: concurrent.futures.Future,
    reader: _PdfminerPages,
    frames: dict[int, Matrix],
    by_page: dict[int, list[Region]],
    label: str | None,
) -> None:
    """Take the child's findings on its output pages; if the child failed,
    check every page not checked here instead, never skip one."""
    try:
        found: _Shared | None = shared.result()
    except Exception:  # a dead child, or one that lost its reading
        found = None
    if found is None:
        pages = [n for n in sorted(by_page) if n not in output.chars]
        pages = [n for n in pages if n not in output.unread]
        _read_output_pages(reader, frames, by_page, pages, label, output)
        return
    for number, reasons in found.failures.items():
        for reason in reasons:
            output.report.fail_page(number, reason)
    for number, reason in found.unreadable.items():
        output.report.fail_page(
            number, f"the output page cannot be read back: {reason}"
        )
    output.plumber_words.update(found.words)


@dataclass
class _Hit:
    """Redacted words found in the output, before the exemption is known."""

    words: set[str]
    where: str  # e.g. "pdfplumber text still has"
    pages: list[int]  # empty: the document as a whole

    def report(self, report: VerificationReport, public: set[str]) -> None:
        words = sorted(self.words - public)[:5]
        if not words:
            return
        if not self.pages:
            report.document_failures.append(f"{self.where} {words}")
        for number in self.pages:
            report.fail_page(number, f"{self.where} {words}")


def _elsewhere_text(original: bytes, by_page: dict[int, list[Region]]) -> str:
    """PDFium's text of the original's pages without regions, case-folded."""
    document = pypdfium2.PdfDocument(original)
    try:
        return "\n".join(
            _pdfium_text(document[index])
            for index in range(len(document))
            if index + 1 not in by_page
        ).casefold()
    finally:
        document.close()


@dataclass
class _Output:
    """What the gate learnt from the output before comparing with the original."""

    report: VerificationReport = field(default_factory=VerificationReport)
    chars: dict[int, list[dict]] = field(default_factory=dict)  # pdfminer's
    plumber_words: dict[int, set[str]] = field(default_factory=dict)
    pdfium_words: dict[int, set[str]] = field(default_factory=dict)
    # Pages without regions proved identical to the original's.
    untouched: set[int] = field(default_factory=set)
    unread: set[int] = field(default_factory=set)  # pdfminer could not read them
    failure: Exception | None = None


def _check_output_pdfium(
    original: bytes,
    redacted: bytes,
    by_page: dict[int, list[Region]],
    label: str | None,
    output: _Output,
) -> None:
    """Read the output with PDFium: its words on every page that may differ
    from the original's, and any character inside a region."""
    with pikepdf.open(io.BytesIO(redacted)) as document:
        frames = {n: region_frame(document.pages[n - 1]) for n in by_page}
    pdf = pypdfium2.PdfDocument(redacted)
    try:
        # A page without regions that is byte-identical to the original's
        # shows only words the original shows outside the regions, which are
        # exempt: reading it again could find nothing.
        output.untouched = untouched = unchanged_pages(
            original, redacted, (n for n in range(1, len(pdf) + 1) if n not in by_page)
        )
        for index in range(len(pdf)):
            number = index + 1
            if number in untouched:
                continue
            textpage = pdf[index].get_textpage()
            try:
                text = textpage.get_text_range()
                output.pdfium_words[number] = set(words_of(text.casefold()))
                if number in by_page:
                    _check_pdfium_chars(
                        textpage,
                        text,
                        by_page[number],
                        frames[number],
                        label,
                        output.report,
                    )
            finally:
                textpage.close()
    finally:
        pdf.close()


def _read_output_pages(
    reader: _PdfminerPages,
    frames: dict[int, Matrix],
    by_page: dict[int, list[Region]],
    pages: Iterable[int],
    label: str | None,
    output: _Output,
    progress: Callable[[str, int, int], None] | None = None,
) -> None:
    """pdfminer's reading of some region pages of the output: characters
    inside regions, and words."""
    for number in pages:
        try:
            chars = reader.chars(number, frames[number])
        except _UNREADABLE as exc:
            output.report.fail_page(
                number,
                f"the output page cannot be read back: pdfminer cannot "
                f"interpret the page: {exc}",
            )
            output.unread.add(number)
            continue
        _check_plumber_inside(number, chars, by_page[number], label, output.report)
        output.plumber_words[number] = _plumber_words(chars)
        output.chars[number] = chars
        if progress is not None:
            progress("checking", len(output.chars), len(by_page))


def _plumber_words(chars: list[dict]) -> set[str]:
    """pdfplumber's words of a page, case-folded (where it shows the
    characters, and where they are when that differs)."""
    shown = _shown(chars)
    return {
        w.casefold()
        for group in {id(chars): chars, id(shown): shown}.values()
        for word in extract_words(group)
        for w in words_of(word["text"])
    }


def _check_against_original(
    output: _Output,
    before: _Original,
    rasterized: set[int],
    secrets: set[str],
    report: VerificationReport,
) -> list[_Hit]:
    """Characters outside the regions moved or lost; and the redacted words
    (case-folded) in the output's text layer, to be reported unless exempt."""
    hits = []
    for number, words in output.plumber_words.items():
        if words & secrets:
            hits.append(_Hit(words & secrets, "pdfplumber text still has", [number]))
        if number not in rasterized and number in output.chars:
            _check_survivors(
                number, output.chars[number], before.survivors[number], report
            )
    for number, words in output.pdfium_words.items():
        if words & secrets:
            hits.append(_Hit(words & secrets, "pdfium text still has", [number]))
    return hits


def _check_plumber_inside(
    number: int,
    chars: list[dict],
    regions: list[Region],
    label: str | None,
    report: VerificationReport,
) -> None:
    glyphs = [g for r in regions for g in label_glyphs(label, _box_of(r))]
    for region in regions:
        inside = [
            c
            for c in chars
            if c["text"].strip()
            and _char_touches(c, [region])
            and not _is_label(c, glyphs)
        ]
        inside.sort(key=lambda c: (round(c["top"]), c["x0"]))
        leaked = "".join(c["text"] for c in inside)
        if leaked:
            report.fail_page(
                number, f"pdfplumber finds {leaked[:40]!r} inside {region.to_dict()}"
            )


def _check_survivors(
    number: int,
    chars: list[dict],
    expected: list[dict] | None,
    report: VerificationReport,
) -> None:
    if expected is None:
        report.fail_page(
            number, "the original page cannot be read by pdfminer; redo it as an image"
        )
        return
    missing = _missing_survivors(expected, chars)
    if missing:
        report.fail_page(number, missing)


def _check_pdfium_chars(
    textpage: pypdfium2.PdfTextPage,
    text: str,
    regions: list[Region],
    frame: Matrix,
    label: str | None,
    report: VerificationReport,
) -> None:
    # pdfium's character boxes are in user space; map them like pdfplumber.
    count = textpage.count_chars()
    glyphs = [g for r in regions for g in label_glyphs(label, _box_of(r))]
    per_region: dict[int, list[str]] = {}
    same = len(text) == count
    a, b, c, d, e, f = frame
    upright = b == 0 and c == 0
    # (A hair wider than the regions: the exact test below rounds otherwise.)
    band_top = min(r.top for r in regions) - 1e-6
    band_bottom = max(r.bottom for r in regions) + 1e-6
    for i, (left, bottom, right, top) in enumerate(_loose_boxes(textpage, count)):
        if upright:
            # The centre's height first: most characters are on other lines.
            cy = d * (bottom + top) / 2 + f
            if cy < band_top or cy > band_bottom:
                continue
        char = text[i] if same else textpage.get_text_range(i, 1)
        if not char.strip():
            continue
        x0, y0, x1, y1 = _rect(frame, left, bottom, right, top)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        hits = [n for n, region in enumerate(regions) if region.contains_point(cx, cy)]
        # Most characters lie outside every region; only those inside need the
        # (slower) test for being a glyph of the printed label.
        if not hits or any(
            g.char == char and abs(x0 - g.x0) <= 0.3 and g.top <= cy <= g.bottom
            for g in glyphs
        ):
            continue
        for n in hits:
            per_region.setdefault(n, []).append(char)
    for n, chars in per_region.items():
        leaked = "".join(chars)
        if leaked:
            report.fail_page(
                regions[0].page,
                f"pdfium finds {leaked[:40]!r} inside {regions[n].to_dict()}",
            )


def _box_of(region: Region) -> tuple[float, float, float, float]:
    return (region.x0, region.top, region.x1, region.bottom)


def _missing_survivors(expected: list[dict], chars: list[dict]) -> str | None:
    """Characters outside the regions that vanished or moved more than a point
    (where the specification places them: pdfminer's own lag may differ
    where the engine took out a whole text-showing operator)."""
    exact: set[tuple[str, float, float]] = {
        (c["text"], *(_placed(c) if "placed_at" in c else (c["x0"], c["top"])))
        for c in chars
    }
    index: dict[tuple[str, int], list[tuple[float, float]]] | None = None
    missing = []
    for c in expected:
        x0, top = _placed(c) if "placed_at" in c else (c["x0"], c["top"])
        # Untouched glyphs come back at exactly the same place: a set lookup.
        if (c["text"], x0, top) in exact:
            continue
        if index is None:
            index = {}
            for text, x, y in exact:
                index.setdefault((text, round(y)), []).append((x, y))
        candidates = [
            pos
            for dy in (-1, 0, 1)
            for pos in index.get((c["text"], round(top) + dy), [])
        ]
        if not any(
            abs(x - x0) <= POSITION_TOLERANCE and abs(y - top) <= POSITION_TOLERANCE
            for x, y in candidates
        ):
            missing.append(c)
    if not missing:
        return None
    first = missing[0]
    return (
        f"{len(missing)} characters outside the regions moved or vanished "
        f"(first {first['text']!r} at {first['x0']:.1f},{first['top']:.1f})"
    )


# ------------------------------------------------------------ objects and data


# Words shorter than this are scanned for in streams and strings only when they
# hold three digits or more (a figure, a date, part of an account number):
# short words ("the", "Inc", "CEO") occur by chance in binary data and inside
# other text. The text layer is checked for redacted words of every length.
MIN_SCANNED_WORD = 4
MIN_SCANNED_DIGITS = 3


def scanned(word: str) -> bool:
    """Whether the raw scan looks for a redacted word (see MIN_SCANNED_WORD)."""
    return (
        len(word) >= MIN_SCANNED_WORD
        or sum(c.isdigit() for c in word) >= MIN_SCANNED_DIGITS
    )


_ASCII_TOKEN = re.compile(rb"[0-9a-z]+")


class WordScan:
    """Whole-word, case-insensitive search for redacted words in raw bytes:
    as UTF-8, UTF-16BE and Latin-1, a match not flanked by a letter or digit.

    A form made of letters and digits only is found whole exactly when it is
    one of the data's runs of letters and digits (a set lookup); other forms
    (with punctuation, or UTF-16) are searched for and their edges checked.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._tokens: dict[bytes, set[str]] = {}
        self._others: list[tuple[bytes, str, re.Pattern[bytes]]] = []
        for word in sorted(set(words)):
            for encoding in ("utf-8", "utf-16-be", "latin-1"):
                try:
                    form = word.encode(encoding).lower()
                except UnicodeEncodeError:
                    continue
                if _ASCII_TOKEN.fullmatch(form):
                    self._tokens.setdefault(form, set()).add(word)
                else:
                    pattern = re.compile(
                        b"(?<![0-9a-z])" + re.escape(form) + b"(?![0-9a-z])"
                    )
                    self._others.append((form, word, pattern))

    def __bool__(self) -> bool:
        return bool(self._tokens or self._others)

    def find(self, data: bytes, *, lowered: bool = False) -> set[str]:
        if not data or not self:
            return set()
        if not lowered:
            data = data.lower()
        found: set[str] = set()
        if self._tokens:
            for token in set(_ASCII_TOKEN.findall(data)) & self._tokens.keys():
                found |= self._tokens[token]
        for form, word, pattern in self._others:
            if word not in found and form in data and pattern.search(data):
                found.add(word)
        return found


@dataclass
class _Scannable:
    """What the scan reads of one object: its strings and decoded data, and
    for content-like streams their strings parsed and joined, lower-cased."""

    number: int
    pages: list[int]  # the pages drawing with it, if it is content-like
    data: bytes
    # Of a content-like stream, its strings alone: a figure among the raw
    # bytes there is an operand (a coordinate, a kerning offset), not text.
    strings: bytes | None = None


def _prepare_scan(
    redacted: bytes, untouched: set[int], report: VerificationReport
) -> list[_Scannable]:
    """Report hidden data; decode what the scan will read (before the
    redacted words are known, while the child is still busy).

    Every string and every decoded stream is read, but for image pixels and
    true font programs and ICC profiles (recognised by their content, not by
    their keys). The strings of every content-like stream a page draws with
    (its content, Form XObjects, tiling patterns, Type 3 glyphs) are parsed
    and joined (hex and escaped strings decoded, TJ pieces and consecutive
    show operators joined), except streams only pages proved unchanged use.
    """
    prepared = []
    with pikepdf.open(io.BytesIO(redacted)) as document:
        report.document_failures.extend(hidden_data(document))
        reach = _content_reach(document)
        for obj in document.objects:
            strings = [b"\n".join(_all_strings(obj))]
            raw = b""
            pages = None
            if isinstance(obj, pikepdf.Stream):
                raw = _scannable_data(obj, _decoded(obj))
                pages = reach.get(obj.objgen)
                if pages is not None and not pages <= untouched:
                    strings.append(_content_strings(obj))
            data = b"\n".join(p for p in (*strings, raw) if p)
            if data:
                prepared.append(
                    _Scannable(
                        obj.objgen[0],
                        sorted(pages or ()),
                        data.lower(),
                        b"\n".join(strings).lower() if pages is not None else None,
                    )
                )
    return prepared


_FIGURE = re.compile(r"[-+]?[0-9]*\.?[0-9]+")


def _scan(prepared: list[_Scannable], secrets: set[str]) -> list[_Hit]:
    """Every redacted word found in an object. A redacted figure ("100") is
    looked for in a content-like stream's strings only: "72 100 Td" places
    text at 100 points, which says nothing of what was redacted. (A page
    proved unchanged, whose strings are not parsed, shows only exempt words.)
    """
    words = [w for w in secrets if scanned(w)]
    scan = WordScan(w for w in words if not _FIGURE.fullmatch(w))
    figures = WordScan(w for w in words if _FIGURE.fullmatch(w))
    hits: list[_Hit] = []
    if not scan and not figures:
        return hits
    for item in prepared:
        found = scan.find(item.data, lowered=True)
        in_strings = item.data if item.strings is None else item.strings
        found |= figures.find(in_strings, lowered=True)
        if not found:
            continue
        if item.pages:
            where = f"content (object {item.number}) holds redacted words"
        else:
            where = f"object {item.number} holds redacted words"
        hits.append(_Hit(found, where, item.pages))
    return hits


def _content_reach(document: pikepdf.Pdf) -> dict[tuple[int, int], set[int]]:
    """Every content-like stream a page draws with, and the pages drawing it:
    page content, Form XObjects, tiling patterns, Type 3 glyph procedures and
    soft-mask groups, through resources at any depth."""
    reach: dict[tuple[int, int], set[int]] = {}
    memo: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for number, page in enumerate(document.pages, start=1):
        streams: set[tuple[int, int]] = set()
        contents = page.obj.get("/Contents")
        items = contents if isinstance(contents, pikepdf.Array) else [contents]
        streams.update(
            s.objgen for s in items if isinstance(s, pikepdf.Stream) and s.is_indirect
        )
        streams |= _resource_streams(page.obj.get("/Resources"), memo, 0)
        for key in streams:
            reach.setdefault(key, set()).add(number)
    return reach


def _resource_streams(
    resources: object, memo: dict, depth: int
) -> set[tuple[int, int]]:
    if not isinstance(resources, pikepdf.Dictionary) or depth > 16:
        return set()
    if resources.is_indirect and resources.objgen in memo:
        return memo[resources.objgen]
    found: set[tuple[int, int]] = set()
    if resources.is_indirect:
        memo[resources.objgen] = found  # a cycle stops here
    drawn: list[object] = []
    for category in ("/XObject", "/Pattern"):
        entries = resources.get(category)
        if isinstance(entries, pikepdf.Dictionary):
            drawn.extend(value for _key, value in entries.items())
    states = resources.get("/ExtGState")
    if isinstance(states, pikepdf.Dictionary):
        for _key, state in states.items():
            mask = (
                state.get("/SMask") if isinstance(state, pikepdf.Dictionary) else None
            )
            if isinstance(mask, pikepdf.Dictionary):
                drawn.append(mask.get("/G"))
    fonts = resources.get("/Font")
    if isinstance(fonts, pikepdf.Dictionary):
        for _key, font in fonts.items():
            if not isinstance(font, pikepdf.Dictionary):
                continue
            procs = font.get("/CharProcs")
            if isinstance(procs, pikepdf.Dictionary):
                found.update(
                    p.objgen
                    for _key, p in procs.items()
                    if isinstance(p, pikepdf.Stream) and p.is_indirect
                )
                found |= _resource_streams(font.get("/Resources"), memo, depth + 1)
    for stream in drawn:
        if not isinstance(stream, pikepdf.Stream) or stream.get("/Subtype") == "/Image":
            continue
        if stream.is_indirect:
            found.add(stream.objgen)
        found |= _resource_streams(stream.get("/Resources"), memo, depth + 1)
    return found


_TEXT_BREAKS = {"BT", "ET", "Td", "TD", "Tm", "T*", "'", '"'}


def _content_strings(stream: pikepdf.Stream) -> bytes:
    """The strings of a content stream, decoded, for the scan: each operand
    string; each TJ array joined across kerning (split at wide gaps); and runs
    of consecutive text-showing operators joined, so that a word split over
    several strings is seen whole."""
    try:
        instructions = pikepdf.parse_content_stream(stream)
    except pikepdf.PdfError:
        return b""
    pieces: list[bytes] = []
    run = bytearray()
    for inst in instructions:
        if isinstance(inst, pikepdf.ContentStreamInlineImage):
            continue
        op = str(inst.operator)
        if op in _TEXT_BREAKS and run:
            pieces.append(bytes(run))
            run.clear()
        for operand in inst.operands:
            if isinstance(operand, pikepdf.String):
                pieces.append(bytes(operand))
                if op in ("Tj", "'", '"'):
                    run += bytes(operand)
            elif isinstance(operand, pikepdf.Array):
                joined = _joined_pieces(operand)
                pieces.append(joined)
                if op == "TJ":
                    run += joined
            elif isinstance(operand, pikepdf.Dictionary):
                pieces.append(b" ".join(_all_strings(operand)))
    if run:
        pieces.append(bytes(run))
    return b"\n".join(pieces)


def _joined_pieces(array: pikepdf.Array) -> bytes:
    """A TJ array's strings joined across kerning, split across wide gaps.

    "(SEC) -20 (RET)" shows one word; "(W) -3450 (001)" is a gap where the
    engine removed glyphs, and joining across it would invent words.
    """
    out = bytearray()
    for item in array:
        if isinstance(item, pikepdf.String):
            out += bytes(item)
        elif isinstance(item, int | float | Decimal) and abs(float(item)) >= WIDE_GAP:
            out += b" "
    return bytes(out)


_FONT_MAGIC = (b"\x00\x01\x00\x00", b"true", b"OTTO", b"ttcf", b"typ1")


def _scannable_data(stream: pikepdf.Stream, data: bytes) -> bytes:
    """What of a decoded stream the scan reads: none of an image's pixels or a
    font program; of an ICC profile only what follows the profile; the rest
    whole. Decided by the data itself: a stream's /N, /Length1 or /Subtype
    says nothing about what it holds."""
    if stream.get("/Subtype") == "/Image":
        return b""
    if stream.get("/Type") in ("/ObjStm", "/XRef"):
        # The file's own structure: an object stream's objects are read one by
        # one like any other, and its bytes spell their keys (/Count, /Flags,
        # /Length ...), which would match redacted words of the same spelling.
        return b""
    if _is_font_program(data):
        return b""
    profile = _icc_profile_size(data)
    if profile:
        return data[profile:]
    return data


def _is_font_program(data: bytes) -> bool:
    """TrueType/OpenType, bare CFF, or Type 1 (its clear-text part starts so)."""
    if data[:4] in _FONT_MAGIC:
        return True
    if data.startswith((b"%!PS-AdobeFont", b"%!FontType1")):
        return True
    # CFF: major version 1, header size 4, offset size 1 to 4.
    return len(data) > 4 and data[:3] == b"\x01\x00\x04" and 1 <= data[3] <= 4


def _icc_profile_size(data: bytes) -> int:
    """The declared size of the ICC profile the data starts with, else 0."""
    if len(data) < 128 or data[36:40] != b"acsp":
        return 0
    size = int.from_bytes(data[:4], "big")
    return size if 128 <= size <= len(data) else 0


def _decoded(stream: pikepdf.Stream) -> bytes:
    try:
        return stream.read_bytes()
    except pikepdf.PdfError:
        return stream.read_raw_bytes()


def _all_strings(obj: object, depth: int = 0) -> list[bytes]:
    if depth > 20:
        return []
    if isinstance(obj, pikepdf.String):
        return [bytes(obj)]
    found: list[bytes] = []
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        for key, value in obj.items():
            if key == "/Parent" or (
                isinstance(value, pikepdf.Object) and value.is_indirect
            ):
                continue
            found.extend(_all_strings(value, depth + 1))
    elif isinstance(obj, pikepdf.Array):
        for value in obj:
            if isinstance(value, pikepdf.Object) and value.is_indirect:
                continue
            found.extend(_all_strings(value, depth + 1))
    return found


def hidden_data(document: pikepdf.Pdf) -> list[str]:
    """Names of the hidden-data carriers still present in a PDF: the usual
    suspects by name, then every key outside ``sanitize``'s allow-lists, any
    attached file and any object not reached through allowed keys."""
    found: list[str] = []
    info = document.trailer.get("/Info")
    if isinstance(info, pikepdf.Dictionary) and len(info.keys()) > 0:
        found.append("document information dictionary")
    root = document.Root
    for key in ("/Metadata", "/AcroForm", "/OpenAction", "/AA", "/Outlines", "/AF"):
        if key in root:
            found.append(f"catalog {key}")
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key in ("/EmbeddedFiles", "/JavaScript"):
            if key in names:
                found.append(f"name tree {key}")
    for number, page in enumerate(document.pages, start=1):
        for key in ("/Annots", "/AA", "/PieceInfo", "/Thumb", "/AF"):
            value = page.obj.get(key)
            if value is not None and not (
                isinstance(value, pikepdf.Array) and len(value) == 0
            ):
                found.append(f"page {number} {key}")
    found.extend(disallowed(document))
    return found
