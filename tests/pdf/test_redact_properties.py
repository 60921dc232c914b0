"""Random regions over random text: the secret never survives, the rest never moves."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfplumber.utils import extract_words

from filings.pdf.geometry import Region
from filings.pdf.redact import redact_pdf
from filings.pdf.verify import _pdfium_chars
from tests.pdf.redact_factory import (
    all_texts,
    build_pdf,
    decoded_streams,
    html_pdf,
    plumber_words,
)

FONTS = ["Helvetica", "Times-Roman", "Courier", "Helvetica-Bold"]
OPERATORS = ["Tj", "TJ", "'", '"']
WORD = re.compile(r"W\d{3}[a-z]*")


@st.composite
def pages(draw):
    """A page of unique words (W000abc, W001xy, ...) shown with varied operators
    and spacing, written twice: as drawn, and with every " operator spelt out
    as Tw, Tc, T* and Tj (the same page by the PDF specification; pdfplumber
    reads the first version's " text one line too high)."""
    font = draw(st.sampled_from(FONTS))
    size = draw(st.sampled_from([9, 10, 12, 14]))
    char_space = draw(st.sampled_from([0, 0, 0.5, -0.3, 1, 1.5, 2]))
    word_space = draw(st.sampled_from([0, 0, 2, 4]))
    lines = draw(st.integers(min_value=2, max_value=6))
    start = f"BT /F1 {size} Tf {char_space} Tc {word_space} Tw {size + 4} TL 72 700 Td"
    drawn, spelt = [start], [start]
    index = 0
    for _ in range(lines):
        count = draw(st.integers(min_value=2, max_value=7))
        words = []
        for _ in range(count):
            tail = draw(
                st.text(alphabet="abcdefghkmnpqrstuvwxyz", min_size=1, max_size=6)
            )
            words.append(f"W{index:03d}{tail}")
            index += 1
        operator = draw(st.sampled_from(OPERATORS))
        if operator == "TJ":
            kern = draw(st.sampled_from([-150, -40, 30]))
            pieces = " ".join(f"({w} ) {kern}" for w in words)
            ops = [f"[{pieces}] TJ T*"] * 2
        elif operator == "Tj":
            ops = [f"({' '.join(words)}) Tj T*"] * 2
        elif operator == "'":
            ops = [f"({' '.join(words)}) '"] * 2
        else:
            aw = draw(st.sampled_from([0, 1, 3]))
            ac = draw(st.sampled_from([0, 0.5, 1.5, 2]))
            text = " ".join(words)
            ops = [f'{aw} {ac} ({text}) "', f"{aw} Tw {ac} Tc T* ({text}) Tj"]
        drawn.append(ops[0])
        spelt.append(ops[1])
    drawn.append("ET")
    spelt.append("ET")
    rotate = draw(st.sampled_from([0, 0, 90, 180]))
    offset = draw(st.sampled_from([0, 0, 36]))
    mediabox = (offset, offset, 612 + offset, 792 + offset)
    return tuple(
        build_pdf(
            ["\n".join(ops).encode()], font=font, rotate=rotate, mediabox=mediabox
        )
        for ops in (drawn, spelt)
    )


@st.composite
def cases(draw):
    pdf, spelt = draw(pages())
    words = plumber_words(pdf)
    left = min(w["x0"] for w in words)
    right = max(w["x1"] for w in words)
    top = min(w["top"] for w in words)
    bottom = max(w["bottom"] for w in words)
    x0 = draw(st.floats(min_value=left - 5, max_value=right))
    y0 = draw(st.floats(min_value=top - 5, max_value=bottom))
    width = draw(st.floats(min_value=1, max_value=250))
    height = draw(st.floats(min_value=1, max_value=40))
    return pdf, spelt, Region(1, x0, y0, x0 + width, y0 + height)


def _touched(words: list[dict], region: Region) -> set[str]:
    return {
        w["text"]
        for w in words
        if region.intersects(w["x0"], w["top"], w["x1"], w["bottom"])
    }


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(cases())
def test_random_region_removes_every_touched_word_and_keeps_the_rest(case):
    pdf, spelt, region = case
    # Where pdfplumber shows the words, and where they are.
    shown, placed = plumber_words(pdf), plumber_words(spelt)
    result = redact_pdf(pdf, [region], label="REDACTED", coordinates="visible")
    assert result.verified
    # Standard fonts, Tj, TJ, ' and ", character and word spacing: nothing
    # here should need the raster fallback.
    assert result.raster_pages == [], result.pages[0].raster_reason
    touched = _touched(shown, region) | _touched(placed, region)
    texts = all_texts(result.pdf)
    streams = decoded_streams(result.pdf)
    for word in touched:
        for extractor, text in texts.items():
            assert word not in text, f"{extractor} recovers {word}"
        assert word.encode() not in streams
    # Every other glyph stays where it is drawn (PDFium places glyphs as the
    # specification does; pdfplumber's places drift with character spacing,
    # and its " text shows a line too high).
    margin = Region(1, region.x0 - 1, region.top - 1, region.x1 + 1, region.bottom + 1)
    near = {
        atom
        for word in _touched(shown, margin) | _touched(placed, margin)
        for atom in WORD.findall(word)
    }
    after = _glyphs(result.pdf)
    for word in extract_words(_glyphs(pdf), return_chars=True):
        # Extractors may run two words together: judge each word by itself.
        for atom in WORD.finditer(word["text"]):
            chars = word["chars"][atom.start() : atom.end()]
            if atom.group() in near or any(
                margin.intersects(c["x0"], c["top"], c["x1"], c["bottom"])
                for c in chars
            ):
                continue
            for c in chars:
                assert any(
                    a["text"] == c["text"]
                    and abs(a["x0"] - c["x0"]) <= 1
                    and abs(a["top"] - c["top"]) <= 1
                    for a in after
                ), f"{c['text']!r} of {atom.group()} at {c['x0']:.1f},{c['top']:.1f}"


def _glyphs(pdf: bytes) -> list[dict]:
    """PDFium's characters of page 1 (not spaces), in the visible corner's
    coordinates."""
    return [c for c in _pdfium_chars(pdf, [1])[1] if c["text"].strip()]


@st.composite
def html_cases(draw):
    """WeasyPrint pages: subset TrueType fonts shown as Type0 / Identity-H."""
    words = [
        f"W{i:03d}{draw(st.text(alphabet='abcdefghkmnpqrstuvwxyz', min_size=1, max_size=6))}"
        for i in range(draw(st.integers(min_value=8, max_value=40)))
    ]
    font = draw(st.sampled_from(["Liberation Serif", "Liberation Sans"]))
    pdf = html_pdf(f"<p>{' '.join(words)}</p>", font=font)
    found = plumber_words(pdf)
    pick = draw(st.sampled_from(found))
    pad = draw(st.floats(min_value=-2, max_value=30))
    region = Region(1, pick["x0"], pick["top"], pick["x1"] + pad, pick["bottom"])
    return pdf, found, region


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_cases())
def test_random_region_over_embedded_truetype_text(case):
    pdf, words, region = case
    result = redact_pdf(pdf, [region], label="REDACTED")
    assert result.raster_pages == []
    touched = [
        w for w in words if region.intersects(w["x0"], w["top"], w["x1"], w["bottom"])
    ]
    assert touched
    texts = all_texts(result.pdf)
    for word in touched:
        for extractor, text in texts.items():
            assert word["text"] not in text, f"{extractor} recovers {word['text']}"
    after = {w["text"]: w for w in plumber_words(result.pdf)}
    margin = Region(1, region.x0 - 1, region.top - 1, region.x1 + 1, region.bottom + 1)
    for word in words:
        if not margin.intersects(word["x0"], word["top"], word["x1"], word["bottom"]):
            kept = after.get(word["text"])
            assert kept is not None, f"{word['text']} vanished"
            assert abs(kept["x0"] - word["x0"]) <= 1
