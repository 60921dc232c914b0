"""Glyph codes and advance widths of PDF fonts, as the redaction engine needs them.

The engine must know where every glyph of a text-showing operator lands, so it
splits each string into character codes the way a viewer does (one byte per
code for simple fonts, two bytes for Type0 fonts with an Identity CMap) and
looks up each code's advance width: ``/Widths`` for simple fonts, ``/W`` and
``/DW`` for CID fonts, and the Adobe metrics of the standard 14 fonts (bundled
with pdfminer.six) when a simple font carries no widths.

Vertical box extents follow pdfminer's model (from the font's descent to one em
above it) so that the engine, the verifier and pdfplumber agree on which glyph
touches which region.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf
from pdfminer.encodingdb import EncodingDB
from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.psparser import PSLiteral


class UnsupportedFont(Exception):
    """A font the engine cannot measure reliably; the page must be rasterised."""


# Encodings whose multi-byte layout the engine understands.
_IDENTITY_CMAPS = {"/Identity-H": False, "/Identity-V": True}


@dataclass
class FontMetrics:
    """What the engine needs to place the glyphs of one font."""

    name: str
    bytes_per_code: int
    widths: dict[int, float] = field(default_factory=dict)  # code -> 1/1000 em
    default_width: float = 0.0
    descent: float = 0.0  # 1/1000 em, never positive

    def codes(self, data: bytes) -> list[bytes]:
        """Split a string operand into the raw bytes of each character code."""
        step = self.bytes_per_code
        if step == 1:
            return [data[i : i + 1] for i in range(len(data))]
        if len(data) % step:
            raise UnsupportedFont(f"{self.name}: string of odd length for 2-byte codes")
        return [data[i : i + step] for i in range(0, len(data), step)]

    def width(self, code: bytes) -> float:
        return self.widths.get(int.from_bytes(code, "big"), self.default_width)

    def is_word_space(self, code: bytes) -> bool:
        # Tw applies to the single-byte code 32 only (PDF 32000-1, 9.3.3).
        return code == b" "


def load_font(font: pikepdf.Object) -> FontMetrics:
    """Metrics of a font dictionary; raises UnsupportedFont for Type 3 and friends."""
    if not isinstance(font, pikepdf.Dictionary):
        raise UnsupportedFont("font resource is not a dictionary")
    subtype = str(font.get("/Subtype", ""))
    name = _base_name(font)
    if subtype == "/Type0":
        return _load_type0(font, name)
    if subtype in ("/Type1", "/TrueType", "/MMType1"):
        return _load_simple(font, name)
    raise UnsupportedFont(f"{name}: {subtype or 'untyped'} fonts are not supported")


def _base_name(font: pikepdf.Dictionary) -> str:
    base = str(font.get("/BaseFont", "/unnamed"))[1:]
    # A subset font is named like ABCDEF+Helvetica.
    if len(base) > 7 and base[6] == "+" and base[:6].isupper():
        base = base[7:]
    return base


def _descent(font: pikepdf.Dictionary, fallback: float = 0.0) -> float:
    descriptor = font.get("/FontDescriptor")
    value = fallback
    if isinstance(descriptor, pikepdf.Dictionary) and "/Descent" in descriptor:
        value = float(descriptor.Descent)
    return -abs(value)


def _load_simple(font: pikepdf.Dictionary, name: str) -> FontMetrics:
    afm = FONT_METRICS.get(name)
    widths: dict[int, float] = {}
    default = 0.0
    descriptor = font.get("/FontDescriptor")
    if isinstance(descriptor, pikepdf.Dictionary) and "/MissingWidth" in descriptor:
        default = float(descriptor.MissingWidth)
    if "/Widths" in font:
        first = int(font.get("/FirstChar", 0))
        for offset, width in enumerate(font.Widths):
            widths[first + offset] = float(width)
    elif afm is not None:
        widths = _standard_widths(font, name, afm[1])
    else:
        raise UnsupportedFont(f"{name}: simple font without /Widths")
    afm_descent = float(afm[0].get("Descent", 0)) if afm else 0.0
    return FontMetrics(
        name=name,
        bytes_per_code=1,
        widths=widths,
        default_width=default,
        descent=_descent(font, afm_descent),
    )


def _standard_widths(
    font: pikepdf.Dictionary, name: str, afm_widths: dict[str, int]
) -> dict[int, float]:
    """Widths of a standard-14 font by code, through its encoding's glyph names."""
    if name in ("Symbol", "ZapfDingbats"):
        # Their AFM widths are keyed by the font's own built-in encoding.
        raise UnsupportedFont(f"{name}: symbolic standard font without /Widths")
    encoding = font.get("/Encoding")
    base = "StandardEncoding"
    differences: list[object] | None = None
    if isinstance(encoding, pikepdf.Name):
        base = str(encoding)[1:]
    elif isinstance(encoding, pikepdf.Dictionary):
        base = str(encoding.get("/BaseEncoding", "/StandardEncoding"))[1:]
        if "/Differences" in encoding:
            differences = [
                PSLiteral(str(item)[1:])
                if isinstance(item, pikepdf.Name)
                else int(item)
                for item in encoding.Differences
            ]
    cid2unicode = EncodingDB.get_encoding(base, differences)
    return {
        code: float(afm_widths[char])
        for code, char in cid2unicode.items()
        if char in afm_widths
    }


def _load_type0(font: pikepdf.Dictionary, name: str) -> FontMetrics:
    encoding = font.get("/Encoding")
    encoding_name = str(encoding) if isinstance(encoding, pikepdf.Name) else ""
    if encoding_name not in _IDENTITY_CMAPS:
        raise UnsupportedFont(f"{name}: CMap {encoding_name or 'stream'} not supported")
    if _IDENTITY_CMAPS[encoding_name]:
        raise UnsupportedFont(f"{name}: vertical writing is not supported")
    descendants = font.get("/DescendantFonts")
    if not isinstance(descendants, pikepdf.Array) or len(descendants) != 1:
        raise UnsupportedFont(f"{name}: Type0 font without one descendant font")
    cid_font = descendants[0]
    widths = _cid_widths(cid_font.get("/W", pikepdf.Array()))
    return FontMetrics(
        name=name,
        bytes_per_code=2,
        widths=widths,
        default_width=float(cid_font.get("/DW", 1000)),
        descent=_descent(cid_font),
    )


def _cid_widths(w: pikepdf.Array) -> dict[int, float]:
    """Expand a CID font's /W array: ``c [w1 w2 ...]`` and ``cfirst clast w``."""
    widths: dict[int, float] = {}
    items = list(w)
    i = 0
    while i < len(items):
        first = int(items[i])
        if i + 1 < len(items) and isinstance(items[i + 1], pikepdf.Array):
            for offset, width in enumerate(items[i + 1]):
                widths[first + offset] = float(width)
            i += 2
        elif i + 2 < len(items):
            last, width = int(items[i + 1]), float(items[i + 2])
            if last - first > 65535:
                raise UnsupportedFont("absurd /W range")
            for cid in range(first, last + 1):
                widths[cid] = width
            i += 3
        else:
            raise UnsupportedFont("truncated /W array")
    return widths
