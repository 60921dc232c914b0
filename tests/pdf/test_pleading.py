"""The generated pleading paper puts every text line on a numbered line."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest

from filings.pdf.pleading import BODY_LEFT_PT, render_pleading
from tests.pdf.pleading_factory import complaint


def margin_number_centers(page: pdfplumber.page.Page) -> dict[int, float]:
    """Line number -> vertical centre, read from the left margin of the page."""
    centers = {}
    for word in page.extract_words():
        if word["x1"] < BODY_LEFT_PT - 10 and word["text"].isdigit():
            centers[int(word["text"])] = (word["top"] + word["bottom"]) / 2
    return centers


def body_words(page: pdfplumber.page.Page) -> list[dict]:
    return [w for w in page.extract_words() if w["x0"] >= BODY_LEFT_PT - 1]


def line_of(word: dict, centers: dict[int, float]) -> int | None:
    middle = (word["top"] + word["bottom"]) / 2
    for number, center in centers.items():
        if abs(center - middle) < 0.5:
            return number
    return None


@pytest.fixture(scope="module")
def pdf() -> pdfplumber.PDF:
    document = pdfplumber.open(io.BytesIO(render_pleading(complaint(range(1, 41)))))
    yield document
    document.close()


def test_every_page_numbers_lines_one_to_twenty_eight(pdf):
    assert len(pdf.pages) > 3
    for page in pdf.pages:
        assert sorted(margin_number_centers(page)) == list(range(1, 29))


def test_every_body_word_sits_on_a_numbered_line(pdf):
    for page in pdf.pages:
        centers = margin_number_centers(page)
        footer_top = max(centers.values()) + 12
        for word in body_words(page):
            if word["top"] > footer_top:
                continue  # the printed page number below line 28
            assert line_of(word, centers) is not None, word


def test_numbered_paragraphs_open_with_their_number_and_run_in_order(pdf):
    seen = []
    for page in pdf.pages:
        for line in page.extract_text_lines():
            match = re.search(r"(?:^|\s)(\d+)\. (p\d+w1)\b", line["text"])
            if match:
                assert match.group(2) == f"p{match.group(1)}w1"
                seen.append(int(match.group(1)))
    assert seen == list(range(1, 41))


def test_paragraph_text_is_extractable_word_for_word(pdf):
    text = " ".join(page.extract_text() for page in pdf.pages)
    for n in (1, 17, 40):
        for i in (1, 15, 30):
            assert f"p{n}w{i}" in text


def test_printed_page_number_is_centred_in_the_footer(pdf):
    page = pdf.pages[2]
    footer = [w for w in page.extract_words() if w["top"] > 750]
    assert " ".join(w["text"] for w in footer) == "- 3 -"
    middle = (footer[0]["x0"] + footer[-1]["x1"]) / 2
    assert abs(middle - page.width / 2 - (BODY_LEFT_PT - 72) / 2) < 20


def test_cover_page_has_no_line_numbers_and_printed_numbers_start_after_it():
    data = render_pleading(complaint(range(1, 5), cover=True))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        cover, first = pdf.pages[0], pdf.pages[1]
        assert margin_number_centers(cover) == {}
        assert "SEALED COVER SHEET" in cover.extract_text()
        assert "- 1 -" in first.extract_text()
        assert "- " not in cover.extract_text()


def test_documents_without_line_numbers_have_an_empty_margin():
    data = render_pleading(complaint(range(1, 5), line_numbers=False))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert margin_number_centers(pdf.pages[0]) == {}
        assert "p3w30" in pdf.pages[0].extract_text()
