"""The verification gate: prove a redacted PDF leaks nothing from its regions.

Checks, page by page, with two independent extractors — pdfplumber's (its
pdfminer.six engine and word extractor, read without pdfplumber's per-object
bookkeeping; see ``plumber_chars``) and pypdfium2 (Google's PDFium):

- no character either extractor reports lies inside a region (the label drawn
  on the box excepted);
- no word that was inside a region in the original occurs in the output's
  text, in any string of any content stream, or in any other decoded stream or
  string object — unless the same word also occurs outside the regions;
- every character outside the regions is still there, within a point;
- none of the hidden data ``sanitize_pdf`` removes is present.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pikepdf
import pypdfium2
from pdfminer.converter import PDFPageAggregator
from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.layout import LTChar, LTContainer
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.psexceptions import PSException
from pdfplumber.utils import extract_words

from filings.pdf.geometry import Region

Matrix = tuple[float, float, float, float, float, float]

# Characters this far outside every region must survive in place.
SURVIVAL_MARGIN = 1.0
POSITION_TOLERANCE = 1.0
# Shorter words are too common to scan raw streams for without false alarms.
MIN_SCANNED_WORD = 4
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


def region_frame(page: pikepdf.Page) -> Matrix:
    """Matrix from the page's user space to region coordinates.

    Regions are measured in points from the top-left corner of the page as
    displayed: the CropBox (else the MediaBox), turned by /Rotate. That is what
    ``filings.pdf.layout`` reports, and what pdfplumber reports whenever the
    MediaBox starts at 0,0 and no CropBox narrows it (``pdfplumber_shift``
    converts in the other cases).
    """
    box = _box(page, "/CropBox") or _box(page, "/MediaBox") or (0, 0, 612, 792)
    cx0, cy0, cx1, cy1 = box
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
    return _mul(_pdfminer_ctm(page), (1, 0, 0, -1, nx0, ny1 - 2 * ny0))


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
    # pdfplumber's frame is region_frame plus a translation, for every /Rotate.
    x, y = _apply(region_frame(page), *_unapply((a, b, c, d, e, f), 0.0, 0.0))
    return x, y


def _unapply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    det = a * d - b * c
    x, y = x - e, y - f
    return ((d * x - c * y) / det, (-b * x + a * y) / det)


def _mul(m1: Matrix, m2: Matrix) -> Matrix:
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


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
    secrets: dict[int, set[str]]  # page -> words inside regions
    outside_words: set[str]
    outside_text: str
    survivors: dict[int, list[dict] | None]  # None: unknown, the page must be an image


def _read_original(original: bytes, by_page: dict[int, list[Region]]) -> _Original:
    secrets: dict[int, set[str]] = {}
    outside_words: set[str] = set()
    outside_parts: list[str] = []
    survivors: dict[int, list[dict] | None] = {}
    unreadable: dict[int, str] = {}
    pages = plumber_chars(original, by_page, errors=unreadable)
    if unreadable:
        # Which words sat in the regions, by PDFium; which glyphs should
        # survive is unknown, so these pages can only pass as images.
        pages.update(_pdfium_chars(original, unreadable))
        survivors.update(dict.fromkeys(unreadable))
    for number, chars in pages.items():
        regions = by_page[number]
        inside: set[str] = set()
        for word in extract_words(chars):
            box = (word["x0"], word["top"], word["x1"], word["bottom"])
            if any(r.intersects(*box) for r in regions):
                inside.update(words_of(word["text"]))
            else:
                outside_words.update(words_of(word["text"]))
                outside_parts.append(word["text"])
        secrets[number] = inside
        if number not in unreadable:
            survivors[number] = [
                c
                for c in chars
                if c["text"].strip() and not _near_any(c, regions, SURVIVAL_MARGIN)
            ]
    pdf = pypdfium2.PdfDocument(original)
    try:
        for index in range(len(pdf)):
            if index + 1 in by_page:
                continue
            text = _pdfium_text(pdf[index])
            outside_words.update(words_of(text))
            outside_parts.append(text)
    finally:
        pdf.close()
    return _Original(secrets, outside_words, "\n".join(outside_parts), survivors)


def plumber_chars(
    pdf: bytes, pages: Iterable[int], errors: dict[int, str] | None = None
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
    wanted = set(pages)
    found: dict[int, list[dict]] = {}
    with pikepdf.open(io.BytesIO(pdf)) as document:
        frames = {
            n: _mul(
                _invert(_pdfminer_ctm(document.pages[n - 1])),
                region_frame(document.pages[n - 1]),
            )
            for n in wanted
        }
    parser = PDFParser(io.BytesIO(pdf))
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=None)
    interpreter = PDFPageInterpreter(resources, device)
    for number, page in enumerate(PDFPage.create_pages(PDFDocument(parser)), start=1):
        if number not in wanted:
            continue
        try:
            interpreter.process_page(page)
        except _UNREADABLE as exc:
            if errors is None:
                raise
            errors[number] = f"pdfminer cannot interpret the page: {exc}"
            wanted.discard(number)
            continue
        frame = frames[number]
        chars = []
        for item in _layout_chars(device.get_result()):
            x0, top, x1, bottom = _rect(frame, item.x0, item.y0, item.x1, item.y1)
            chars.append(
                {
                    "text": item.get_text(),
                    "x0": x0,
                    "top": top,
                    "x1": x1,
                    "bottom": bottom,
                    "doctop": top,
                    "upright": item.upright,
                }
            )
        found[number] = chars
        if len(found) == len(wanted):
            break
    return found


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


def _layout_chars(container: LTContainer) -> Iterator[LTChar]:
    for item in container:
        if isinstance(item, LTChar):
            yield item
        elif isinstance(item, LTContainer):
            yield from _layout_chars(item)


def _rect(m: Matrix, x0: float, y0: float, x1: float, y1: float) -> tuple[float, ...]:
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


def _near_any(char: dict, regions: Sequence[Region], margin: float) -> bool:
    return any(
        Region(
            r.page, r.x0 - margin, r.top - margin, r.x1 + margin, r.bottom + margin
        ).intersects(char["x0"], char["top"], char["x1"], char["bottom"])
        for r in regions
    )


def _pdfium_text(page: pypdfium2.PdfPage) -> str:
    textpage = page.get_textpage()
    try:
        return textpage.get_text_range()
    finally:
        textpage.close()


# ------------------------------------------------------------------ the gate


def verify_redaction(
    original: bytes,
    redacted: bytes,
    regions: Sequence[Region],
    *,
    raster_pages: Iterable[int] = (),
    label: str | None = None,
) -> VerificationReport:
    """Check a redacted PDF against its original and regions; never raises on leaks."""
    report = VerificationReport()
    by_page: dict[int, list[Region]] = {}
    for region in regions:
        by_page.setdefault(region.page, []).append(region)
    rasterized = set(raster_pages)
    try:
        before = _read_original(original, by_page)
    except _UNREADABLE as exc:
        report.document_failures.append(f"the original cannot be read: {exc}")
        return report
    label_words = set(words_of(label or ""))
    exempt = before.outside_words | label_words
    try:
        unreadable: dict[int, str] = {}
        chars = plumber_chars(redacted, by_page, errors=unreadable)
        for number, reason in unreadable.items():
            report.fail_page(number, f"the output page cannot be read back: {reason}")
        _check_extractors(
            redacted, chars, by_page, before, rasterized, label, exempt, report
        )
        _check_objects(redacted, before, exempt, report)
    except _UNREADABLE as exc:
        report.document_failures.append(f"the output cannot be read back: {exc}")
    report.pages_checked = len(by_page)
    return report


def _check_extractors(
    redacted: bytes,
    output_chars: dict[int, list[dict]],
    by_page: dict[int, list[Region]],
    before: _Original,
    rasterized: set[int],
    label: str | None,
    exempt: set[str],
    report: VerificationReport,
) -> None:
    all_secrets = set().union(*before.secrets.values()) - exempt
    with pikepdf.open(io.BytesIO(redacted)) as document:
        frames = {n: region_frame(document.pages[n - 1]) for n in by_page}
    for number, chars in output_chars.items():
        _check_plumber_page(
            number,
            chars,
            by_page[number],
            before,
            rasterized,
            label,
            all_secrets,
            report,
        )
    pdf = pypdfium2.PdfDocument(redacted)
    try:
        for index in range(len(pdf)):
            number = index + 1
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
                found = sorted(set(words_of(text)) & all_secrets)
                if found:
                    report.fail_page(number, f"pdfium text still has {found[:5]}")
                if number in by_page:
                    _check_pdfium_chars(
                        textpage, text, by_page[number], frames[number], label, report
                    )
            finally:
                textpage.close()
    finally:
        pdf.close()


def _check_plumber_page(
    number: int,
    chars: list[dict],
    regions: list[Region],
    before: _Original,
    rasterized: set[int],
    label: str | None,
    secrets: set[str],
    report: VerificationReport,
) -> None:
    glyphs = [g for r in regions for g in label_glyphs(label, _box_of(r))]
    for region in regions:
        inside = [
            c
            for c in chars
            if c["text"].strip()
            and region.intersects(c["x0"], c["top"], c["x1"], c["bottom"])
            and not _is_label(c, glyphs)
        ]
        inside.sort(key=lambda c: (round(c["top"]), c["x0"]))
        leaked = "".join(c["text"] for c in inside)
        if leaked:
            report.fail_page(
                number, f"pdfplumber finds {leaked[:40]!r} inside {region.to_dict()}"
            )
    words = {w for word in extract_words(chars) for w in words_of(word["text"])}
    found = sorted(words & secrets)
    if found:
        report.fail_page(number, f"pdfplumber text still has {found[:5]}")
    if number not in rasterized:
        expected = before.survivors[number]
        if expected is None:
            report.fail_page(
                number,
                "the original page cannot be read by pdfminer; redo it as an image",
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
    for i in range(count):
        char = text[i] if len(text) == count else textpage.get_text_range(i, 1)
        if not char.strip():
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        x0, y0, x1, y1 = _rect(frame, left, bottom, right, top)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        if any(
            g.char == char and abs(x0 - g.x0) <= 0.3 and g.top <= cy <= g.bottom
            for g in glyphs
        ):
            continue
        for n, region in enumerate(regions):
            if region.contains_point(cx, cy):
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
    """Characters outside the regions that vanished or moved more than a point."""
    index: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for c in chars:
        index.setdefault((c["text"], round(c["top"])), []).append((c["x0"], c["top"]))
    missing = []
    for c in expected:
        candidates = [
            pos
            for dy in (-1, 0, 1)
            for pos in index.get((c["text"], round(c["top"]) + dy), [])
        ]
        if not any(
            abs(x - c["x0"]) <= POSITION_TOLERANCE
            and abs(top - c["top"]) <= POSITION_TOLERANCE
            for x, top in candidates
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


def _check_objects(
    redacted: bytes, before: _Original, exempt: set[str], report: VerificationReport
) -> None:
    scanned = {
        w
        for words in before.secrets.values()
        for w in words
        if len(w) >= MIN_SCANNED_WORD
        and w not in exempt
        and w not in before.outside_text
    }
    with pikepdf.open(io.BytesIO(redacted)) as document:
        report.document_failures.extend(hidden_data(document))
        if not scanned:
            return
        needles = _needles(scanned)
        content_ids: set[tuple[int, int]] = set()
        for number, page in enumerate(document.pages, start=1):
            for stream in _content_streams(page.obj, content_ids):
                found = _strings_hit(stream, needles)
                if found:
                    report.fail_page(number, f"content stream strings hold {found}")
        for obj in document.objects:
            if isinstance(obj, pikepdf.Stream) and obj.objgen in content_ids:
                continue
            found = _object_hit(obj, needles)
            if found:
                report.document_failures.append(
                    f"object {obj.objgen[0]} holds redacted words {found}"
                )


def _needles(words: set[str]) -> dict[str, tuple[bytes, ...]]:
    return {
        w: (w.encode("utf-8"), w.encode("utf-16-be"), w.encode("latin-1", "ignore"))
        for w in words
    }


def _content_streams(
    page: pikepdf.Dictionary, seen: set[tuple[int, int]]
) -> list[pikepdf.Stream]:
    streams: list[pikepdf.Stream] = []
    contents = page.get("/Contents")
    items = contents if isinstance(contents, pikepdf.Array) else [contents]
    streams.extend(s for s in items if isinstance(s, pikepdf.Stream))
    _forms(page.get("/Resources"), streams, seen)
    for s in streams:
        if s.is_indirect:
            seen.add(s.objgen)
    return streams


def _forms(resources: object, streams: list, seen: set) -> None:
    if not isinstance(resources, pikepdf.Dictionary):
        return
    xobjects = resources.get("/XObject")
    if not isinstance(xobjects, pikepdf.Dictionary):
        return
    for _name, xobject in xobjects.items():
        if (
            not isinstance(xobject, pikepdf.Stream)
            or xobject.get("/Subtype") != "/Form"
        ):
            continue
        if xobject.is_indirect and xobject.objgen in seen:
            continue
        if xobject.is_indirect:
            seen.add(xobject.objgen)
        streams.append(xobject)
        _forms(xobject.get("/Resources"), streams, seen)


def _strings_hit(stream: pikepdf.Stream, needles: dict) -> list[str]:
    """Redacted words in the string operands of a content stream (TJ pieces joined)."""
    try:
        instructions = pikepdf.parse_content_stream(stream)
    except pikepdf.PdfError:
        return _raw_hit(_decoded(stream), needles)
    pieces: list[bytes] = []
    for inst in instructions:
        if isinstance(inst, pikepdf.ContentStreamInlineImage):
            continue
        for operand in inst.operands:
            if isinstance(operand, pikepdf.String):
                pieces.append(bytes(operand))
            elif isinstance(operand, pikepdf.Array):
                pieces.append(_joined_pieces(operand))
            elif isinstance(operand, pikepdf.Dictionary):
                pieces.append(b" ".join(_all_strings(operand)))
    return _raw_hit(b"\n".join(pieces), needles)


def _joined_pieces(array: pikepdf.Array) -> bytes:
    """A TJ array's strings joined across kerning, split across wide gaps.

    "(SEC) -20 (RET)" shows one word; "(W) -3450 (001)" is a gap where the
    engine removed glyphs, and joining across it would invent words.
    """
    out = bytearray()
    for item in array:
        if isinstance(item, pikepdf.String):
            out += bytes(item)
        elif abs(float(item)) >= WIDE_GAP:
            out += b" "
    return bytes(out)


def _object_hit(obj: object, needles: dict) -> list[str]:
    data = b"\n".join(_all_strings(obj))
    if isinstance(obj, pikepdf.Stream) and not _is_binary_program(obj):
        data += b"\n" + _decoded(obj)
    return _raw_hit(data, needles)


def _is_binary_program(stream: pikepdf.Stream) -> bool:
    """Images, font programs, ICC profiles and CMaps: never the filing's words,
    and full of vendor strings ("Adobe", "Copyright") that would raise false
    alarms."""
    if stream.get("/Subtype") in ("/Image", "/Type1C", "/CIDFontType0C", "/OpenType"):
        return True
    if any(k in stream for k in ("/Length1", "/Length2", "/Length3", "/N")):
        return True
    return b"begincmap" in _decoded(stream)[:4096]


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


def _raw_hit(data: bytes, needles: dict[str, tuple[bytes, ...]]) -> list[str]:
    return sorted(w for w, forms in needles.items() if any(f in data for f in forms))


def hidden_data(document: pikepdf.Pdf) -> list[str]:
    """Names of the hidden-data carriers still present in a PDF."""
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
    return found
