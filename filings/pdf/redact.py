"""True redaction: remove what lies inside regions from the file itself.

``redact_pdf`` rewrites the content stream of every page that has regions:
glyphs whose box touches a region are cut out of their text-showing operator
and replaced by the equivalent positioning offset, so every other glyph stays
exactly where it was and the public version stays searchable. Image pixels
inside a region are blanked in the image data; images, and paths or subpaths
of vector art, lying wholly inside a region are dropped; annotations over a
region are dropped; a black box (optionally labelled) is drawn over each
region. The result is
sanitized and then must pass ``verify_redaction``. A page the engine cannot
handle, or that fails verification, is replaced by a picture of itself with
the regions burned in (its text layer is lost, and the result says so).
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import tempfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageDraw

from filings.pdf.fonts import FontMetrics, UnsupportedFont, load_font
from filings.pdf.geometry import (
    IDENTITY,
    Matrix,
    PageBoxes,
    Region,
    UnreadablePdf,
    from_pdfplumber,
    mul,
)
from filings.pdf.sanitize import sanitize_pdf
from filings.pdf.verify import (
    LABEL_FONT,
    OriginalReading,
    VerificationReport,
    label_layout,
    page_boxes,
    region_frame,
    verify_redaction,
)

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

RASTER_DPI = 200
# Glyphs closer than this to a region go too: the engine's glyph boxes and an
# extractor's may differ by a fraction of a point, and a sliver of a secret
# glyph left visible next to the box is still a leak.
GLYPH_MARGIN = 0.25
_PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}
_PATH_OPS = {"m", "l", "c", "v", "y", "h", "re"}
_TEXT_STATE_OPS = {"BT", "Tf", "Tc", "Tw", "Tz", "TL", "Ts", "Td", "TD", "Tm", "T*"}
_SHOW_OPS = {"Tj", "TJ", "'", '"'}
_FILL_OPS = {"f", "F", "f*", "B", "B*", "b", "b*"}
_STROKE_OPS = {"S", "s", "B", "B*", "b", "b*"}
# Colour operators other than scn/SCN: each sets a colour that is no pattern.
_COLOUR_OPS = ("cs", "CS", "sc", "SC", "g", "G", "rg", "RG", "k", "K")
# What makes a pattern cell more than a texture: text, pictures, forms, or
# patterns of its own.
_CONTENT_OPS = {"Tj", "TJ", "'", '"', "Do", "BI", "scn", "SCN", "sh"}
_UNDECODABLE_FILTERS = {"/JBIG2Decode", "/CCITTFaxDecode", "/JPXDecode"}
_IMAGE_KEYS = (
    "/Type",
    "/Subtype",
    "/Width",
    "/Height",
    "/ColorSpace",
    "/BitsPerComponent",
    "/ImageMask",
    "/Decode",
    "/Intent",
    "/Interpolate",
)


class RedactionFailed(Exception):
    """The output could not be proved free of the redacted material."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Unsupported(Exception):
    """A construct the engine cannot rewrite safely; rasterise the page."""


def _tj_offset(item: object) -> float | None:
    """A TJ array element's positioning number, or None for a string."""
    if isinstance(item, (pikepdf.String, bytes)):
        return None
    try:
        return float(item)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise _Unsupported("TJ array with a non-number element") from exc


@dataclass
class PageReport:
    page: int
    regions: int
    glyphs_removed: int = 0
    images_removed: int = 0
    images_blanked: int = 0
    paths_removed: int = 0
    annotations_removed: int = 0
    rasterized: bool = False
    raster_reason: str | None = None
    # Indexes (among this page's regions) of regions over nothing at all.
    empty_regions: list[int] = field(default_factory=list)
    covered: set[int] = field(default_factory=set, repr=False)

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "covered"}


@dataclass
class RedactionResult:
    pdf: bytes
    raster_pages: list[int]  # pages redone as images: they lost their text layer
    verified: bool
    pages: list[PageReport]  # one per page that had regions
    page_count: int = 0
    verification: VerificationReport | None = None
    # The caller's regions that lay over no character, image or drawing in
    # the original (in the caller's coordinates): a hint that they were
    # measured wrongly, since redacting nothing "passes" trivially.
    empty_regions: list[Region] = field(default_factory=list)


# --------------------------------------------------------------------------- maths


def invert(m: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    det = a * d - b * c
    if abs(det) < 1e-12:
        raise _Unsupported("singular transformation matrix")
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(e * ia + f * ic), -(e * ib + f * id_))


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def rect_box(m: Matrix, x0: float, y0: float, x1: float, y1: float) -> Box:
    """Axis-aligned box (in the target frame) of a rectangle mapped through m."""
    a, b, c, d, e, f = m
    if b == 0 and c == 0:
        # Unrotated, unskewed (nearly every glyph): the same floats as the
        # general case below, without its lists.
        xa, xb, ya, yb = a * x0 + e, a * x1 + e, d * y0 + f, d * y1 + f
        return (min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))
    pts = [apply(m, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def _matrix(operands: Sequence[object]) -> Matrix:
    if len(operands) != 6:
        raise _Unsupported("matrix operator without six operands")
    return tuple(float(v) for v in operands)  # type: ignore[return-value]


def _boxes_touch(box: Box, regions: Sequence[Box]) -> bool:
    x0, top, x1, bottom = box
    return any(
        x0 < r[2] and x1 > r[0] and top < r[3] and bottom > r[1] for r in regions
    )


def _box_inside(box: Box, regions: Sequence[Box]) -> bool:
    x0, top, x1, bottom = box
    return any(
        x0 >= r[0] and x1 <= r[2] and top >= r[1] and bottom <= r[3] for r in regions
    )


# --------------------------------------------------------------- content rewriting


@dataclass
class _TextState:
    font: FontMetrics | None = None
    size: float = 0.0
    char_space: float = 0.0
    word_space: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0
    # Whether the current fill / stroke colour is a tiling pattern whose cell
    # shows text or images (graphics state, not text state, but saved and
    # inherited the same way).
    fill_pattern_content: bool = False
    stroke_pattern_content: bool = False

    def copy(self) -> _TextState:
        return _TextState(**self.__dict__)


@dataclass
class _Stats:
    glyphs_removed: int = 0
    images_removed: int = 0
    images_blanked: int = 0
    paths_removed: int = 0


@dataclass
class _Stream:
    """One content stream being rewritten, with copy-on-write resources."""

    resources: pikepdf.Dictionary
    copied: bool = False

    def writable_xobjects(self) -> pikepdf.Dictionary:
        if not self.copied:
            self.resources = pikepdf.Dictionary(dict(self.resources.items()))
            self.copied = True
        xobjects = self.resources.get("/XObject")
        fresh = pikepdf.Dictionary(dict(xobjects.items()) if xobjects else {})
        self.resources.XObject = fresh
        return fresh


class _Rewriter:
    """Rewrites content streams of one page against that page's regions."""

    def __init__(
        self, pdf: pikepdf.Pdf, regions: Sequence[Box], font_cache: dict
    ) -> None:
        self.pdf = pdf
        self.regions = [
            (
                r[0] - GLYPH_MARGIN,
                r[1] - GLYPH_MARGIN,
                r[2] + GLYPH_MARGIN,
                r[3] + GLYPH_MARGIN,
            )
            for r in regions
        ]
        self.exact_regions = list(regions)
        self.font_cache = font_cache
        self.stats = _Stats()
        # Indexes of the regions over a glyph, image or painted path: a region
        # over nothing was probably measured in the wrong coordinates.
        self.covered: set[int] = set()
        self.depth = 0
        self.name_counter = 0
        self.pattern_cache: dict[object, bool] = {}

    # The public entry: returns new instructions and whether anything changed.
    def rewrite(
        self,
        instructions: list,
        scope: _Stream,
        ctm: Matrix,
        text_state: _TextState | None = None,
    ) -> tuple[list, bool]:
        self.depth += 1
        if self.depth > 12:
            raise _Unsupported("Form XObjects nested too deeply")
        try:
            return self._rewrite(instructions, scope, ctm, text_state or _TextState())
        finally:
            self.depth -= 1

    def _rewrite(self, instructions: list, scope: _Stream, ctm: Matrix, ts: _TextState):
        out: list = []
        changed = False
        stack: list[tuple[Matrix, _TextState]] = []
        tm = tlm = IDENTITY
        # Where pdfplumber places text in the original and in the output (see
        # _show_op): (Tm, Tlm) as pdfminer has them, None while they agree
        # with the specification's.
        views: list[tuple[Matrix, Matrix] | None] = [None, None]
        path: list[tuple[object, list[tuple[float, float]]]] = []
        clipping = False
        for inst in instructions:
            if isinstance(inst, pikepdf.ContentStreamInlineImage):
                keep = self._inline_image(ctm)
                if keep:
                    out.append(inst)
                else:
                    changed = True
                continue
            operands, op_obj = inst.operands, inst.operator
            op = str(op_obj)
            if op in _PATH_OPS:
                path.append((inst, self._points(op, operands, ctm)))
                continue
            if op in ("W", "W*"):
                clipping = True
                path.append((inst, []))
                continue
            if op in _PAINT_OPS:
                if clipping or op == "n":
                    kept = [i for i, _ in path]
                else:
                    patterned = (op in _FILL_OPS and ts.fill_pattern_content) or (
                        op in _STROKE_OPS and ts.stroke_pattern_content
                    )
                    kept = self._paint_kept(path, patterned)
                if len(kept) != len(path):
                    changed = True
                if kept:
                    out.extend(kept)
                    out.append(inst)
                path, clipping = [], False
                continue
            if path:
                # A path not closed by a painting operator: keep it as written.
                out.extend(i for i, _ in path)
                path, clipping = [], False
            if op == "q":
                stack.append((ctm, ts.copy()))
            elif op == "Q":
                if not stack:
                    # An unbalanced Q would pop the state our boxes rely on.
                    changed = True
                    continue
                ctm, ts = stack.pop()
            elif op == "cm":
                ctm = mul(_matrix(operands), ctm)
            elif op in _TEXT_STATE_OPS:
                tm, tlm = self._text_state(op, operands, scope, ts, tm, tlm)
                for n, view in enumerate(views):
                    if view is None:
                        continue
                    # BT and Tm set the position outright: the readings agree.
                    if op not in ("BT", "Tm"):
                        view = self._text_state(op, operands, scope, ts, *view)
                    views[n] = None if op in ("BT", "Tm") or view == (tm, tlm) else view
            elif op in _SHOW_OPS:
                emitted, removed, tm, tlm = self._show_op(
                    inst, op, ts, tm, tlm, ctm, views
                )
                if removed and (ts.fill_pattern_content or ts.stroke_pattern_content):
                    raise _Unsupported(
                        "text painted with a pattern holding text or images"
                    )
                changed = changed or emitted is not None
                out.extend(emitted if emitted is not None else [inst])
                continue
            elif op == "Do":
                replacement = self._do(operands, scope, ctm, ts)
                if replacement is not inst_unchanged:
                    changed = True
                    if replacement is not None:
                        out.append(replacement)
                    continue
            elif op in ("scn", "SCN", *_COLOUR_OPS):
                self._colour(op, operands, scope, ts)
            elif op == "BDC":
                stripped = _strip_marked_text(operands)
                if stripped is not None:
                    out.append(stripped)
                    changed = True
                    continue
            elif op in ("d0", "d1", "BX", "EX"):
                pass
            out.append(inst)
        if path:
            out.extend(i for i, _ in path)
        if stack:
            changed = True
            out.extend(_instruction("Q") for _ in stack)
        return out, changed

    # ------------------------------------------------------------------ text

    def _text_state(
        self,
        op: str,
        operands: list,
        scope: _Stream,
        ts: _TextState,
        tm: Matrix,
        tlm: Matrix,
    ) -> tuple[Matrix, Matrix]:
        """Apply a text state or text positioning operator; return (Tm, Tlm)."""
        if op == "BT":
            return IDENTITY, IDENTITY
        if op == "Tf":
            if len(operands) != 2:
                raise _Unsupported("Tf without font and size")
            ts.font = self._font(scope, operands[0])
            ts.size = float(operands[1])
        elif op == "Tc":
            ts.char_space = float(operands[0])
        elif op == "Tw":
            ts.word_space = float(operands[0])
        elif op == "Tz":
            ts.scale = float(operands[0]) / 100.0
        elif op == "TL":
            ts.leading = float(operands[0])
        elif op == "Ts":
            ts.rise = float(operands[0])
        elif op in ("Td", "TD"):
            tx, ty = float(operands[0]), float(operands[1])
            if op == "TD":
                ts.leading = -ty
            tlm = mul((1, 0, 0, 1, tx, ty), tlm)
            return tlm, tlm
        elif op == "Tm":
            tlm = _matrix(operands)
            return tlm, tlm
        elif op == "T*":
            tlm = mul((1, 0, 0, 1, 0, -ts.leading), tlm)
            return tlm, tlm
        return tm, tlm

    def _show_op(
        self,
        inst: pikepdf.ContentStreamInstruction,
        op: str,
        ts: _TextState,
        tm: Matrix,
        tlm: Matrix,
        ctm: Matrix,
        views: list[tuple[Matrix, Matrix] | None],
    ) -> tuple[list | None, bool, Matrix, Matrix]:
        """Place a text-showing operator's glyphs.

        Returns the instructions replacing it (None when it stays as it is),
        whether any glyph was removed, and the new (Tm, Tlm); updates
        ``views``, where pdfplumber places text in the original and in the
        output (None where that agrees with the specification).

        pdfplumber (pdfminer) places text a little differently from the PDF
        specification: it adds the character spacing before each glyph but
        the first, so the text after a text-showing operator that starts with
        a glyph starts one character spacing early (until the next line), and
        a TJ that starts with a number has all its glyphs one character
        spacing late; and its " operator does not move to the next line, so
        its text, and all text after it up to the next BT or Tm, shows a line
        too high. What pdfplumber shows inside a region must go, whether in
        the original (a region measured with pdfplumber) or in the output (the
        gate reads it so): a glyph goes if its box touches a region where it
        is, or where pdfplumber shows it in either file.

        Removed glyphs become positioning offsets, written so that pdfminer
        places every other glyph as it did: offsets that would start a TJ
        that started with a glyph go in a TJ of their own; and ' and " become
        explicit Tw, Tc, T* and TJ (every ", so that the output reads right).
        """
        operands = inst.operands
        original, output = views
        if op == '"':
            ts.word_space = float(operands[0])
            ts.char_space = float(operands[1])
            if original is None:
                original = (tm, tlm)
        elif op == "'" and original is not None:
            line = mul((1, 0, 0, 1, 0, -ts.leading), original[1])
            original = (line, line)
        if op in ("'", '"'):
            tlm = mul((1, 0, 0, 1, 0, -ts.leading), tlm)
            tm = tlm
            if output is not None:
                line = mul((1, 0, 0, 1, 0, -ts.leading), output[1])
                output = (line, line)
        seq = operands[-1]
        items = list(seq) if op == "TJ" else [seq]
        starts_with_text = bool(items) and isinstance(items[0], pikepdf.String | bytes)
        spacing = ts.char_space * ts.scale
        lead = 0.0 if starts_with_text else spacing
        also = [
            mul((1, 0, 0, 1, lead, 0), view[0] if view is not None else tm)
            for view in (original, output)
            if view is not None or lead
        ]
        new_items, advance, glyphs, kept = self._show(items, ts, tm, ctm, also)
        for n, (view, shown) in enumerate(((original, glyphs), (output, kept))):
            drift = spacing if shown and starts_with_text else 0.0
            if view is not None or drift:
                start = view if view is not None else (tm, tlm)
                view = (mul((1, 0, 0, 1, advance - drift, 0), start[0]), start[1])
            views[n] = view
        tm = mul((1, 0, 0, 1, advance, 0), tm)
        removed = new_items is not None
        if not removed:
            if op != '"':
                return None, False, tm, tlm
            new_items = items
        emitted = []
        if op == '"':
            emitted.append(_instruction("Tw", operands[0]))
            emitted.append(_instruction("Tc", operands[1]))
        if op in ("'", '"'):
            emitted.append(_instruction("T*"))
        numbers = 0
        while numbers < len(new_items) and not isinstance(
            new_items[numbers], pikepdf.String | bytes
        ):
            numbers += 1
        if starts_with_text and 0 < numbers < len(new_items):
            emitted.append(_instruction("TJ", pikepdf.Array(new_items[:numbers])))
            new_items = new_items[numbers:]
        emitted.append(_instruction("TJ", pikepdf.Array(new_items)))
        return emitted, removed, tm, tlm

    def _font(self, scope: _Stream, name: object) -> FontMetrics:
        fonts = scope.resources.get("/Font")
        font = fonts.get(str(name)) if isinstance(fonts, pikepdf.Dictionary) else None
        if font is None:
            raise _Unsupported(f"font {name} is not in the page resources")
        key = font.objgen if font.is_indirect else id(font)
        if key not in self.font_cache:
            try:
                self.font_cache[key] = load_font(font)
            except UnsupportedFont as exc:
                self.font_cache[key] = exc
        metrics = self.font_cache[key]
        if isinstance(metrics, UnsupportedFont):
            raise _Unsupported(str(metrics))
        return metrics

    def _show(
        self,
        items: list,
        ts: _TextState,
        tm: Matrix,
        ctm: Matrix,
        also: Sequence[Matrix] = (),
    ):
        """Place each glyph; return (new TJ items or None if untouched, the
        advance, the number of glyphs, the number kept).

        ``also``: other text matrices at which the same glyphs count as inside
        a region too (where pdfplumber shows them).
        """
        font = ts.font
        if font is None:
            raise _Unsupported("text shown before any Tf")
        size, scale = ts.size, ts.scale
        trm = mul(tm, ctm)
        alts = [mul(m, ctm) for m in also if m != tm]
        lo = font.descent * size / 1000.0 + ts.rise
        hi = lo + size
        if all(self._band_clear(m, lo, hi) for m in (trm, *alts)):
            # Quick reject: the operator's line passes by every region.
            advance, glyphs = self._advance(items, ts)
            return None, advance, glyphs, glyphs
        x = 0.0
        new_items: list = []
        run = bytearray()
        pending = 0.0  # removed advance, in text space units (already scaled)
        removed_any = False
        glyphs = removed = 0

        def flush_run() -> None:
            if run:
                new_items.append(pikepdf.String(bytes(run)))
                run.clear()

        for item in items:
            number = _tj_offset(item)
            if number is not None:
                x -= number / 1000.0 * size * scale
                flush_run()
                if pending:
                    pending -= number / 1000.0 * size * scale
                else:
                    new_items.append(number)
                continue
            data = bytes(item)
            for code in font.codes(data):
                glyphs += 1
                w0 = font.width(code) / 1000.0
                advance = w0 * size + ts.char_space
                if font.is_word_space(code):
                    advance += ts.word_space
                advance *= scale
                box = rect_box(trm, x, lo, x + w0 * size * scale, hi)
                for alt in alts:
                    if _boxes_touch(box, self.regions):
                        break
                    box = rect_box(alt, x, lo, x + w0 * size * scale, hi)
                if _boxes_touch(box, self.regions):
                    self._cover(box, self.regions)
                    removed_any = True
                    removed += 1
                    self.stats.glyphs_removed += 1
                    flush_run()
                    pending += advance
                else:
                    if pending:
                        new_items.append(self._offset(pending, size, scale))
                        pending = 0.0
                    run.extend(code)
                x += advance
        flush_run()
        if pending:
            new_items.append(self._offset(pending, size, scale))
        return (new_items if removed_any else None), x, glyphs, glyphs - removed

    def _band_clear(self, trm: Matrix, lo: float, hi: float) -> bool:
        """Whether upright text between heights lo and hi (text space) lies
        above or below every region, wherever along the line it is."""
        _a, b, c, d, _e, f = trm
        if b != 0 or c != 0:
            return False
        y0, y1 = d * lo + f, d * hi + f
        top, bottom = (y0, y1) if y0 <= y1 else (y1, y0)
        return not any(r[1] < bottom and r[3] > top for r in self.regions)

    @staticmethod
    def _advance(items: list, ts: _TextState) -> tuple[float, int]:
        """How far a text-showing operator moves the pen, and its glyph count:
        _show's arithmetic, glyph by glyph in the same order (the same floats),
        without its per-glyph calls."""
        font = ts.font
        assert font is not None
        size, scale = ts.size, ts.scale
        char_space, word_space = ts.char_space, ts.word_space
        widths, default = font.widths, font.default_width
        two_bytes = font.bytes_per_code == 2
        x = 0.0
        glyphs = 0
        for item in items:
            number = _tj_offset(item)
            if number is not None:
                x -= number / 1000.0 * size * scale
                continue
            data = bytes(item)
            if two_bytes:
                if len(data) % 2:
                    raise _Unsupported(f"{font.name}: string of odd length")
                codes: Iterable[int] = (
                    data[i] << 8 | data[i + 1] for i in range(0, len(data), 2)
                )
            else:
                codes = data
            for code in codes:
                glyphs += 1
                advance = widths.get(code, default) / 1000.0 * size + char_space
                if code == 32 and not two_bytes:
                    advance += word_space
                x += advance * scale
        return x, glyphs

    @staticmethod
    def _offset(advance: float, size: float, scale: float) -> float:
        if abs(size * scale) < 1e-9:
            raise _Unsupported("zero font size or scale; cannot express an offset")
        return round(-advance * 1000.0 / (size * scale), 4)

    # --------------------------------------------------------------- objects

    def _do(self, operands: list, scope: _Stream, ctm: Matrix, ts: _TextState):
        name = str(operands[0]) if operands else ""
        xobjects = scope.resources.get("/XObject")
        xobject = (
            xobjects.get(name) if isinstance(xobjects, pikepdf.Dictionary) else None
        )
        if not isinstance(xobject, pikepdf.Stream):
            return inst_unchanged
        subtype = str(xobject.get("/Subtype", ""))
        if subtype == "/Image":
            return self._image(xobject, scope, ctm)
        if subtype == "/Form":
            # A form starts from the graphics state, text state included, of its Do.
            return self._form(xobject, scope, ctm, ts.copy())
        return inst_unchanged

    def _form(self, form: pikepdf.Stream, scope: _Stream, ctm: Matrix, ts: _TextState):
        matrix = _matrix(list(form.get("/Matrix", [1, 0, 0, 1, 0, 0])))
        form_ctm = mul(matrix, ctm)
        bbox = form.get("/BBox")
        if bbox is not None and len(bbox) == 4:
            box = rect_box(form_ctm, *(float(v) for v in bbox))
            if not _boxes_touch(box, self.regions):
                return inst_unchanged
        resources = form.get("/Resources")
        if not isinstance(resources, pikepdf.Dictionary):
            resources = scope.resources
        try:
            instructions = pikepdf.parse_content_stream(form)
        except pikepdf.PdfError as exc:
            raise _Unsupported(f"broken Form XObject content: {exc}") from exc
        inner = _Stream(resources=resources)
        new_instructions, changed = self.rewrite(instructions, inner, form_ctm, ts)
        if not changed:
            return inst_unchanged
        # The form may be shared with other pages or other placements: copy it.
        data = pikepdf.unparse_content_stream(new_instructions)
        copy = pikepdf.Stream(self.pdf, data)
        for key, value in form.items():
            if key not in ("/Length", "/Filter", "/DecodeParms"):
                copy[key] = value
        copy.Resources = inner.resources
        return self._replace(scope, copy)

    def _replace(self, scope: _Stream, xobject: pikepdf.Object):
        xobjects = scope.writable_xobjects()
        self.name_counter += 1
        new_name = f"/RdX{self.name_counter}"
        while new_name in xobjects:
            self.name_counter += 1
            new_name = f"/RdX{self.name_counter}"
        xobjects[new_name] = self.pdf.make_indirect(xobject)
        return _instruction("Do", pikepdf.Name(new_name))

    def _cover(self, box: Box, regions: Sequence[Box]) -> None:
        x0, top, x1, bottom = box
        self.covered.update(
            i
            for i, r in enumerate(regions)
            if x0 < r[2] and x1 > r[0] and top < r[3] and bottom > r[1]
        )

    def _image(self, image: pikepdf.Stream, scope: _Stream, ctm: Matrix):
        box = rect_box(ctm, 0, 0, 1, 1)
        if not _boxes_touch(box, self.exact_regions):
            return inst_unchanged
        self._cover(box, self.exact_regions)
        if _box_inside(box, self.exact_regions):
            self.stats.images_removed += 1
            return None
        self.stats.images_blanked += 1
        return self._replace(scope, self._blanked_image(image, ctm))

    def _blanked_image(self, image: pikepdf.Stream, ctm: Matrix) -> pikepdf.Stream:
        filters = image.get("/Filter")
        names = {
            str(f)
            for f in (filters if isinstance(filters, pikepdf.Array) else [filters])
        }
        if names & _UNDECODABLE_FILTERS:
            raise _Unsupported(f"image filter {sorted(names & _UNDECODABLE_FILTERS)}")
        # Decode the pixels alone: pikepdf would composite a soft mask into RGBA.
        bare = pikepdf.Stream(self.pdf, image.read_raw_bytes())
        for key, value in image.items():
            if key not in ("/Length", "/SMask", "/Mask"):
                bare[key] = value
        try:
            pil = pikepdf.PdfImage(bare).as_pil_image()
        except Exception as exc:  # pikepdf raises many kinds for odd images
            raise _Unsupported(f"image cannot be decoded: {exc}") from exc
        if pil.mode not in ("1", "L", "P", "RGB", "CMYK"):
            raise _Unsupported(f"image mode {pil.mode} not supported")
        pil = self._paint_regions(pil, ctm)
        blanked = pikepdf.Stream(self.pdf, pil.tobytes())
        # Only what draws the pixels: /Alternates, /OPI or /Metadata could keep
        # the unredacted picture.
        for key in _IMAGE_KEYS:
            if key in image:
                blanked[key] = image[key]
        blanked.BitsPerComponent = 1 if pil.mode == "1" else 8
        if "/ImageMask" not in image and pil.mode != "P":
            blanked.ColorSpace = image.get("/ColorSpace", pikepdf.Name.DeviceGray)
        if pil.mode == "1" and "/ImageMask" not in image:
            blanked.ColorSpace = pikepdf.Name.DeviceGray
        smask = image.get("/SMask")
        if isinstance(smask, pikepdf.Stream):
            blanked.SMask = self._blanked_image(smask, ctm)
        mask = image.get("/Mask")
        if isinstance(mask, pikepdf.Array):
            blanked.Mask = mask  # colour-key masking holds no pixels
        elif isinstance(mask, pikepdf.Stream):
            blanked.Mask = self._blanked_image(mask, ctm)
        if "/DCTDecode" in names and pil.mode in ("L", "RGB"):
            # A scanned page stays a JPEG; Flate would make it ten times larger.
            # The region's pixels are already black before compression.
            encoded = io.BytesIO()
            pil.save(encoded, format="JPEG", quality=92)
            blanked.write(encoded.getvalue(), filter=pikepdf.Name.DCTDecode)
        else:
            blanked.write(
                zlib.compress(pil.tobytes(), 6), filter=pikepdf.Name.FlateDecode
            )
        return blanked

    def _paint_regions(self, pil: Image.Image, ctm: Matrix) -> Image.Image:
        pil = pil.copy()
        width, height = pil.size
        to_unit = invert(ctm)
        draw = ImageDraw.Draw(pil)
        fill = {"1": 0, "L": 0, "P": 0, "RGB": (0, 0, 0), "CMYK": (0, 0, 0, 255)}[
            pil.mode
        ]
        for r in self.exact_regions:
            corners = ((r[0], r[1]), (r[2], r[1]), (r[2], r[3]), (r[0], r[3]))
            polygon = []
            for px, py in corners:
                u, v = apply(to_unit, px, py)
                polygon.append((u * width, (1.0 - v) * height))
            draw.polygon(polygon, fill=fill, outline=fill)
        return pil

    def _inline_image(self, ctm: Matrix) -> bool:
        box = rect_box(ctm, 0, 0, 1, 1)
        if not _boxes_touch(box, self.exact_regions):
            return True
        self._cover(box, self.exact_regions)
        if _box_inside(box, self.exact_regions):
            self.stats.images_removed += 1
            return False
        raise _Unsupported("inline image partly inside a region")

    # ----------------------------------------------------------------- paths

    def _colour(self, op: str, operands: list, scope: _Stream, ts: _TextState) -> None:
        """Track whether fill and stroke paint with a pattern that has content."""
        content = False
        if op in ("scn", "SCN") and operands and isinstance(operands[-1], pikepdf.Name):
            patterns = scope.resources.get("/Pattern")
            pattern = (
                patterns.get(str(operands[-1]))
                if isinstance(patterns, pikepdf.Dictionary)
                else None
            )
            content = self._pattern_has_content(pattern)
        if op in ("scn", "cs", "sc", "g", "rg", "k"):
            ts.fill_pattern_content = content
        else:
            ts.stroke_pattern_content = content

    def _pattern_has_content(self, pattern: object) -> bool:
        """A tiling pattern whose cell shows text, images or other patterns.

        Nothing reads the text of a pattern cell (neither extractor reports
        it), so the gate cannot know to look for it: a page painting such a
        pattern over a region is drawn as an image instead.
        """
        if not isinstance(pattern, pikepdf.Stream):
            return False
        key = pattern.objgen if pattern.is_indirect else id(pattern)
        if key not in self.pattern_cache:
            try:
                instructions = pikepdf.parse_content_stream(pattern)
            except pikepdf.PdfError:
                self.pattern_cache[key] = True
            else:
                self.pattern_cache[key] = any(
                    isinstance(inst, pikepdf.ContentStreamInlineImage)
                    or str(inst.operator) in _CONTENT_OPS
                    for inst in instructions
                )
        return self.pattern_cache[key]

    def _paint_kept(self, path: list, patterned: bool = False) -> list:
        """The path's instructions less every subpath lying wholly inside a region.

        Dropping such a subpath changes the painting only inside that region
        (which the box covers), yet takes its shape out of the file: text
        turned into outlines is one path of many glyph subpaths. A path
        painted with a pattern that shows text or images may not touch a
        region at all (the pattern's cell would keep its text).
        """
        subpaths: list[list] = []
        for inst, points in path:
            if str(inst.operator) in ("m", "re") or not subpaths:
                subpaths.append([])
            subpaths[-1].append((inst, points))
        kept = []
        for subpath in subpaths:
            points = [p for _, pts in subpath for p in pts]
            box = _points_box(points) if points else None
            if box is not None and _boxes_touch(box, self.exact_regions):
                self._cover(box, self.exact_regions)
                if patterned:
                    raise _Unsupported(
                        "a pattern holding text or images is painted over a region"
                    )
                if _box_inside(box, self.exact_regions):
                    self.stats.paths_removed += 1
                    continue
            kept.extend(inst for inst, _ in subpath)
        return kept

    @staticmethod
    def _points(op: str, operands: list, ctm: Matrix) -> list[tuple[float, float]]:
        """The path operator's points, control points included, in region space."""
        try:
            values = [float(v) for v in operands]
        except (TypeError, ValueError) as exc:
            raise _Unsupported(f"path operator {op} with bad operands") from exc
        if op == "re" and len(values) == 4:
            x, y, w, h = values
            corners = ((x, y), (x + w, y), (x, y + h), (x + w, y + h))
            return [apply(ctm, px, py) for px, py in corners]
        return [
            apply(ctm, values[i], values[i + 1]) for i in range(0, len(values) - 1, 2)
        ]


inst_unchanged = object()


def _instruction(op: str, *operands: object) -> pikepdf.ContentStreamInstruction:
    return pikepdf.ContentStreamInstruction(list(operands), pikepdf.Operator(op))


def _points_box(points: list[tuple[float, float]]) -> Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _strip_marked_text(operands: list):
    """Drop /ActualText, /Alt and /E from an inline marked-content dictionary.

    They repeat the text of the glyphs they wrap, which may be redacted ones.
    """
    if len(operands) != 2 or not isinstance(operands[1], pikepdf.Dictionary):
        return None
    props = operands[1]
    keys = [k for k in ("/ActualText", "/Alt", "/E") if k in props]
    if not keys:
        return None
    kept = pikepdf.Dictionary({k: v for k, v in props.items() if k not in keys})
    return _instruction("BDC", operands[0], kept)


# ------------------------------------------------------------------- pages


_LABEL_RESOURCE = "/RdLabel"


Coordinates = Literal["pdfplumber", "visible"]
# progress(stage, done, total): see redact_pdf.
Progress = Callable[[str, int, int], None]
EMPTY_REGION_WARNING = (
    "covers no character, image or drawing in the original: "
    "are its coordinates measured as pdfplumber measures them?"
)


def redact_pdf(
    pdf: bytes,
    regions: Sequence[Region],
    *,
    label: str | None = None,
    coordinates: Coordinates = "pdfplumber",
    progress: Progress | None = None,
) -> RedactionResult:
    """Remove everything inside the regions; return only verified output.

    ``progress(stage, done, total)``, if given, hears how far the work is:
    "rewriting" and then "checking" each page with regions (again for pages
    redone as images).

    ``coordinates`` says how the regions were measured: ``"pdfplumber"`` (the
    toolkit's public convention: points from the top of the MediaBox, as
    pdfplumber reports them) or ``"visible"`` (from the top-left corner of the
    page as displayed, CropBox and /Rotate applied: what ``layout`` and
    ``locate`` report and the app stores). They agree on pages whose MediaBox
    starts at 0,0 and which have no narrower CropBox.

    A file encrypted with only an owner password (it opens without one, and
    merely asks viewers to restrict printing or copying) is decrypted first:
    the public version is written unencrypted. Raises UnreadablePdf for
    malformed input or input that needs a password to open, ValueError for a
    region off the document, and RedactionFailed when even rasterised pages
    cannot be proved clean.
    """
    pdf = decrypted(pdf)
    page_count, boxes = _check_input(pdf, {r.page for r in regions})
    asked = list(regions)
    _regions_by_page(asked, page_count)
    if coordinates == "pdfplumber":
        visible = [from_pdfplumber(r, boxes[r.page]) for r in asked]
    elif coordinates == "visible":
        visible = asked
    else:
        raise ValueError(f"unknown coordinates {coordinates!r}")
    by_page = _regions_by_page(visible, page_count)
    # The gate reads the original's region pages (in a child process on two
    # cores) while the engine builds the output, and once for all attempts.
    with _start_reading(pdf, visible) as reading:
        result = _redact_verified(
            pdf, visible, by_page, label, page_count, reading, progress
        )
    # Which of the caller's regions covered nothing (same order, same numbers).
    positions: dict[int, list[int]] = {}
    for index, region in enumerate(visible):
        positions.setdefault(region.page, []).append(index)
    result.empty_regions = [
        asked[positions[report.page][i]]
        for report in result.pages
        for i in report.empty_regions
    ]
    return result


def _start_reading(
    pdf: bytes, regions: Sequence[Region]
) -> contextlib.AbstractContextManager:
    try:
        return OriginalReading(pdf, regions)
    except (pikepdf.PdfError, ValueError):
        # verify_redaction reads the original itself and reports the failure.
        return contextlib.nullcontext()


def _redact_verified(
    pdf: bytes,
    regions: Sequence[Region],
    by_page: dict[int, list[Region]],
    label: str | None,
    page_count: int,
    reading: OriginalReading | None,
    progress: Progress | None = None,
) -> RedactionResult:
    forced: dict[int, str] = {}
    # Per page, the regions the first full rewrite found over something.
    covered: dict[int, set[int]] = {}
    for _attempt in range(3):
        try:
            output, reports = _build(pdf, by_page, label, forced, covered, progress)
        except (pikepdf.PdfError, pypdfium2.PdfiumError, OSError) as exc:
            raise RedactionFailed(
                f"the redacted PDF could not be written: {exc}"
            ) from exc
        raster = [r.page for r in reports if r.rasterized]
        verification = verify_redaction(
            pdf,
            output,
            regions,
            raster_pages=raster,
            label=label,
            reading=reading,
            progress=progress,
        )
        if verification.passed:
            return RedactionResult(
                pdf=output,
                raster_pages=raster,
                verified=True,
                pages=reports,
                page_count=page_count,
                verification=verification,
            )
        if verification.document_failures:
            raise RedactionFailed("; ".join(verification.document_failures))
        retry = {
            page: "failed verification: " + "; ".join(reasons[:3])
            for page, reasons in verification.page_failures.items()
            if page not in raster
        }
        if not retry:
            raise RedactionFailed(verification.summary())
        forced.update(retry)
    raise RedactionFailed(verification.summary())


LOCKED_MESSAGE = (
    "the PDF is encrypted with a password needed to open it, so it cannot be "
    "read; ask the filer for a copy without one"
)


def decrypted(pdf: bytes) -> bytes:
    """The PDF itself, or, if it is encrypted with only an owner password
    (opening it needs none), an unencrypted copy. UnreadablePdf if it needs a
    password to be opened, is empty or is not a PDF."""
    if not pdf:
        raise UnreadablePdf("the file is empty")
    try:
        with pikepdf.open(io.BytesIO(pdf)) as document:
            if not document.is_encrypted:
                return pdf
            buffer = io.BytesIO()
            # Saved without encryption, with an /ID that depends on the content
            # only, so that decrypting twice gives the same bytes.
            document.save(buffer, deterministic_id=True)
            return buffer.getvalue()
    except pikepdf.PasswordError as exc:
        raise UnreadablePdf(LOCKED_MESSAGE) from exc
    except pikepdf.PdfError as exc:
        raise UnreadablePdf(f"not a readable PDF: {exc}") from exc


def _check_input(pdf: bytes, pages: set[int]) -> tuple[int, dict[int, PageBoxes]]:
    """The page count, and the boxes of the given pages that exist."""
    if not pdf:
        raise UnreadablePdf("the file is empty")
    try:
        with pikepdf.open(io.BytesIO(pdf)) as document:
            if document.is_encrypted:
                raise UnreadablePdf(LOCKED_MESSAGE)
            count = len(document.pages)
            boxes = {
                n: page_boxes(document.pages[n - 1]) for n in pages if 1 <= n <= count
            }
    except pikepdf.PasswordError as exc:
        raise UnreadablePdf(LOCKED_MESSAGE) from exc
    except pikepdf.PdfError as exc:
        raise UnreadablePdf(f"not a readable PDF: {exc}") from exc
    if count == 0:
        raise UnreadablePdf("the PDF has no pages")
    return count, boxes


def _regions_by_page(
    regions: Sequence[Region], page_count: int
) -> dict[int, list[Region]]:
    by_page: dict[int, list[Region]] = {}
    for region in regions:
        if not all(
            math.isfinite(v) for v in (region.x0, region.top, region.x1, region.bottom)
        ):
            raise ValueError(f"region has a coordinate that is not a number: {region}")
        if region.page > page_count:
            raise ValueError(
                f"region on page {region.page}, but the PDF has {page_count} pages"
            )
        by_page.setdefault(region.page, []).append(region)
    return by_page


def _build(
    pdf: bytes,
    by_page: dict[int, list[Region]],
    label: str | None,
    forced: dict[int, str],
    covered: dict[int, set[int]],
    progress: Progress | None = None,
) -> tuple[bytes, list[PageReport]]:
    """The redacted document (sanitized, not yet verified) and a report per page.

    ``covered`` keeps, per page, which regions lay over anything when the
    page's content was last rewritten in full; a page never rewritten in full
    (rasterised at once) reports no region as empty.
    """
    reports: list[PageReport] = []
    font_cache: dict = {}
    rendered: pypdfium2.PdfDocument | None = None
    with pikepdf.open(io.BytesIO(pdf)) as document:
        try:
            for done, number in enumerate(sorted(by_page)):
                if progress is not None:
                    progress("rewriting", done, len(by_page))
                page = document.pages[number - 1]
                frame = region_frame(page)
                boxes = [(r.x0, r.top, r.x1, r.bottom) for r in by_page[number]]
                report = PageReport(page=number, regions=len(boxes))
                reason = forced.get(number)
                if reason is None:
                    reason = _redact_content(
                        document, page, frame, boxes, font_cache, report
                    )
                    if reason is None:
                        covered[number] = report.covered
                report.annotations_removed = _remove_annotations(
                    page, frame, boxes, report
                )
                if number in covered:
                    hit = covered[number] | report.covered
                    report.empty_regions = [
                        i for i in range(len(boxes)) if i not in hit
                    ]
                if reason is not None:
                    if rendered is None:
                        rendered = pypdfium2.PdfDocument(pdf)
                    _rasterize(document, page, rendered[number - 1], frame, boxes)
                    report.rasterized, report.raster_reason = True, reason
                _draw_boxes(document, page, frame, boxes, label)
                reports.append(report)
        finally:
            if rendered is not None:
                rendered.close()
        buffer = io.BytesIO()
        # A fixed /ID: rendering the same input twice gives the same bytes.
        document.save(buffer, deterministic_id=True)
    return sanitize_pdf(buffer.getvalue()), reports


def _redact_content(
    document: pikepdf.Pdf,
    page: pikepdf.Page,
    frame: Matrix,
    boxes: list[Box],
    font_cache: dict,
    report: PageReport,
) -> str | None:
    """Rewrite the page's content in place; return a reason to rasterise instead."""
    resources = page.obj.get("/Resources")
    if not isinstance(resources, pikepdf.Dictionary):
        resources = pikepdf.Dictionary()
    rewriter = _Rewriter(document, boxes, font_cache)
    scope = _Stream(resources=resources)
    try:
        instructions = pikepdf.parse_content_stream(page)
        new_instructions, _changed = rewriter.rewrite(instructions, scope, frame)
        # Balanced by the rewriter, then wrapped, so that the boxes drawn after
        # it start from the default graphics state (no inherited Tc, Tr, alpha).
        data = b"q\n" + pikepdf.unparse_content_stream(new_instructions) + b"\nQ"
    except _Unsupported as exc:
        return str(exc)
    except Exception as exc:  # a broken stream must not crash the whole job
        return f"content stream could not be rewritten: {type(exc).__name__}: {exc}"
    page.obj.Contents = document.make_stream(data)
    page.obj.Resources = scope.resources
    stats = rewriter.stats
    report.glyphs_removed = stats.glyphs_removed
    report.images_removed = stats.images_removed
    report.images_blanked = stats.images_blanked
    report.paths_removed = stats.paths_removed
    report.covered = rewriter.covered
    return None


def _rasterize(
    document: pikepdf.Pdf,
    page: pikepdf.Page,
    rendered: pypdfium2.PdfPage,
    frame: Matrix,
    boxes: list[Box],
) -> None:
    """Replace the page's content with a picture of it, regions burned in black."""
    bitmap = rendered.render(
        scale=RASTER_DPI / 72.0, may_draw_forms=False, draw_annots=False
    )
    picture = bitmap.to_pil().convert("RGB")
    width, height = picture.size
    to_user = invert(frame)

    def to_device(x: float, y: float) -> tuple[float, float]:
        dx, dy = pdfium_c.c_int(), pdfium_c.c_int()
        pdfium_c.FPDF_PageToDevice(rendered.raw, 0, 0, width, height, 0, x, y, dx, dy)
        return float(dx.value), float(dy.value)

    draw = ImageDraw.Draw(picture)
    for x0, top, x1, bottom in boxes:
        corners = [
            apply(to_user, x, y)
            for x, y in ((x0, top), (x1, top), (x1, bottom), (x0, bottom))
        ]
        polygon = [to_device(x, y) for x, y in corners]
        xs = [p[0] for p in polygon]
        ys = [p[1] for p in polygon]
        # Grow by a pixel so rounding can never leave a sliver of the secret.
        draw.rectangle(
            (min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1), fill=(0, 0, 0)
        )
    encoded = io.BytesIO()
    picture.save(encoded, format="JPEG", quality=90)
    image = pikepdf.Stream(document, encoded.getvalue())
    image.Type = pikepdf.Name.XObject
    image.Subtype = pikepdf.Name.Image
    image.Width, image.Height = width, height
    image.ColorSpace = pikepdf.Name.DeviceRGB
    image.BitsPerComponent = 8
    image.Filter = pikepdf.Name.DCTDecode
    placement = _device_to_user_matrix(rendered, width, height)
    page.obj.Resources = pikepdf.Dictionary(
        XObject=pikepdf.Dictionary(RdPage=document.make_indirect(image))
    )
    ops = "q {} {} {} {} {} {} cm /RdPage Do Q\n".format(
        *(f"{v:.4f}" for v in placement)
    )
    page.obj.Contents = document.make_stream(ops.encode())
    for key in ("/Group", "/PieceInfo", "/Thumb", "/Annots"):
        if key in page.obj:
            del page.obj[key]


def _device_to_user_matrix(
    rendered: pypdfium2.PdfPage, width: int, height: int
) -> Matrix:
    """The cm that paints a full-page picture exactly where pdfium rendered it."""

    def to_user(px: int, py: int) -> tuple[float, float]:
        ux, uy = pdfium_c.c_double(), pdfium_c.c_double()
        pdfium_c.FPDF_DeviceToPage(rendered.raw, 0, 0, width, height, 0, px, py, ux, uy)
        return ux.value, uy.value

    top_left = to_user(0, 0)
    top_right = to_user(width, 0)
    bottom_left = to_user(0, height)
    return (
        top_right[0] - top_left[0],
        top_right[1] - top_left[1],
        top_left[0] - bottom_left[0],
        top_left[1] - bottom_left[1],
        bottom_left[0],
        bottom_left[1],
    )


def _remove_annotations(
    page: pikepdf.Page, frame: Matrix, boxes: list[Box], report: PageReport
) -> int:
    annots = page.obj.get("/Annots")
    if not isinstance(annots, pikepdf.Array):
        return 0
    kept = pikepdf.Array()
    removed = 0
    for annot in annots:
        rect = annot.get("/Rect") if isinstance(annot, pikepdf.Dictionary) else None
        if rect is not None and len(rect) == 4:
            box = rect_box(frame, *(float(v) for v in rect))
            if _boxes_touch(box, boxes):
                report.covered.update(
                    i for i, r in enumerate(boxes) if _boxes_touch(box, [r])
                )
                removed += 1
                continue
        kept.append(annot)
    page.obj.Annots = kept
    return removed


def _draw_boxes(
    document: pikepdf.Pdf,
    page: pikepdf.Page,
    frame: Matrix,
    boxes: list[Box],
    label: str | None,
) -> None:
    to_user = invert(frame)
    ops: list[str] = []
    for x0, top, x1, bottom in boxes:
        corners = [
            apply(to_user, x, y)
            for x, y in ((x0, top), (x1, top), (x1, bottom), (x0, bottom))
        ]
        path = " ".join(
            f"{x:.4f} {y:.4f} {'m' if i == 0 else 'l'}"
            for i, (x, y) in enumerate(corners)
        )
        ops.append(f"q 0 g {path} h f Q")
    if label:
        # Labels after every box, so an overlapping box never hides a label
        # (a box drawn over text looks like a bad redaction to any checker).
        for box in boxes:
            ops.extend(_label_ops(label, box, to_user))
        _add_label_font(document, page)
    existing = page.obj.get("/Contents")
    data = existing.read_bytes() if isinstance(existing, pikepdf.Stream) else b""
    page.obj.Contents = document.make_stream(
        data + b"\n" + "\n".join(ops).encode("latin-1") + b"\n"
    )


def _label_ops(label: str, box: Box, to_user: Matrix) -> list[str]:
    layout = label_layout(label, box)
    if layout is None:
        return []
    size, baseline_x, baseline_y = layout
    # Upright on screen: text space x to the right, y up the displayed page.
    tm = mul((1, 0, 0, -1, baseline_x, baseline_y), to_user)
    text = label.encode("cp1252", errors="replace")
    literal = text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    matrix = " ".join(f"{v:.4f}" for v in tm)
    return [
        f"q 1 g BT 0 Tc 0 Tw 100 Tz 0 Ts 0 Tr {_LABEL_RESOURCE} {size:.4f} Tf "
        f"{matrix} Tm (" + literal.decode("latin-1") + ") Tj ET Q"
    ]


def _add_label_font(document: pikepdf.Pdf, page: pikepdf.Page) -> None:
    resources = page.obj.get("/Resources")
    resources = pikepdf.Dictionary(dict(resources.items()) if resources else {})
    fonts = resources.get("/Font")
    fonts = pikepdf.Dictionary(dict(fonts.items()) if fonts else {})
    fonts[_LABEL_RESOURCE] = document.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name("/" + LABEL_FONT),
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )
    resources.Font = fonts
    page.obj.Resources = resources


# ------------------------------------------------------------------ files


def regions_from_json(data: object) -> list[Region]:
    """Regions from ``{"regions": [{"page": 1, "x0": .., ...}]}``; ValueError if not."""
    if not isinstance(data, dict) or not isinstance(data.get("regions"), list):
        raise ValueError('expected an object like {"regions": [{"page": 1, ...}]}')
    if not data["regions"]:
        raise ValueError("the regions list is empty: nothing to redact")
    return [Region.from_dict(item) for item in data["regions"]]


def write_redacted(
    source: Path,
    target: Path,
    regions: Sequence[Region],
    *,
    label: str | None = None,
    coordinates: Coordinates = "pdfplumber",
) -> RedactionResult:
    """Redact ``source`` into ``target``; ``target`` appears only when verified.

    The output is written to a temporary file beside the target and renamed
    over it, so a crash or a failed verification never leaves a partial file.
    """
    result = redact_pdf(
        source.read_bytes(), regions, label=label, coordinates=coordinates
    )
    if not result.verified:  # redact_pdf raises first; this guards the contract
        raise RedactionFailed("the output was not verified")
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(result.pdf)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return result
