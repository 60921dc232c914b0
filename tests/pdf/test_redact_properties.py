"""Random regions over random text: the secret never survives, the rest never moves."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filings.pdf.geometry import Region
from filings.pdf.redact import redact_pdf
from tests.pdf.redact_factory import (
    all_texts,
    build_pdf,
    decoded_streams,
    html_pdf,
    plumber_words,
)

FONTS = ["Helvetica", "Times-Roman", "Courier", "Helvetica-Bold"]


@st.composite
def pages(draw):
    """A page of unique words (W000abc, W001xy, ...) shown with varied operators."""
    font = draw(st.sampled_from(FONTS))
    size = draw(st.sampled_from([9, 10, 12, 14]))
    char_space = draw(st.sampled_from([0, 0, 0.5, -0.3]))
    word_space = draw(st.sampled_from([0, 0, 2]))
    kerned = draw(st.booleans())
    lines = draw(st.integers(min_value=2, max_value=6))
    ops = [f"BT /F1 {size} Tf {char_space} Tc {word_space} Tw {size + 4} TL 72 700 Td"]
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
        if kerned:
            kern = draw(st.sampled_from([-150, -40, 30]))
            pieces = " ".join(f"({w} ) {kern}" for w in words)
            ops.append(f"[{pieces}] TJ T*")
        else:
            ops.append(f"({' '.join(words)}) Tj T*")
    ops.append("ET")
    rotate = draw(st.sampled_from([0, 0, 90, 180]))
    offset = draw(st.sampled_from([0, 0, 36]))
    mediabox = (offset, offset, 612 + offset, 792 + offset)
    return build_pdf(
        ["\n".join(ops).encode()], font=font, rotate=rotate, mediabox=mediabox
    )


@st.composite
def cases(draw):
    pdf = draw(pages())
    words = plumber_words(pdf)
    left = min(w["x0"] for w in words)
    right = max(w["x1"] for w in words)
    top = min(w["top"] for w in words)
    bottom = max(w["bottom"] for w in words)
    x0 = draw(st.floats(min_value=left - 5, max_value=right))
    y0 = draw(st.floats(min_value=top - 5, max_value=bottom))
    width = draw(st.floats(min_value=1, max_value=250))
    height = draw(st.floats(min_value=1, max_value=40))
    return pdf, words, Region(1, x0, y0, x0 + width, y0 + height)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(cases())
def test_random_region_removes_every_touched_word_and_keeps_the_rest(case):
    pdf, words, region = case
    result = redact_pdf(pdf, [region], label="REDACTED", coordinates="visible")
    assert result.verified
    touched = [
        w for w in words if region.intersects(w["x0"], w["top"], w["x1"], w["bottom"])
    ]
    texts = all_texts(result.pdf)
    streams = decoded_streams(result.pdf)
    for word in touched:
        for extractor, text in texts.items():
            assert word["text"] not in text, f"{extractor} recovers {word['text']}"
        assert word["text"].encode() not in streams
    # Standard fonts, Tj and TJ: nothing here should need the raster fallback.
    assert result.raster_pages == [], result.pages[0].raster_reason
    after = {w["text"]: w for w in plumber_words(result.pdf)}
    margin = Region(1, region.x0 - 1, region.top - 1, region.x1 + 1, region.bottom + 1)
    for word in words:
        if margin.intersects(word["x0"], word["top"], word["x1"], word["bottom"]):
            continue
        kept = after.get(word["text"])
        assert kept is not None, f"{word['text']} vanished"
        assert abs(kept["x0"] - word["x0"]) <= 1 and abs(kept["top"] - word["top"]) <= 1


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
