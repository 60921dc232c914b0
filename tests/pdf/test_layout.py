"""Layout analysis: lines, pleading numbers, printed pages, paragraphs, footnotes."""

from __future__ import annotations

import io
import json

import pdfplumber
import pytest

from filings.pdf.geometry import UnreadablePdf
from filings.pdf.layout import DocumentLayout, analyze
from filings.pdf.pleading import BODY_TOP_PT, LINE_PITCH_PT, render_pleading
from tests.pdf.pleading_factory import (
    complaint,
    cropped_copy,
    encrypted,
    rotated_copy,
    text_pages,
    tokens,
    with_scanned_page,
)

FOOTNOTES = {3: [tokens("fn1", 12)], 12: [tokens("fn2", 30)]}
WORDS = 50  # four or five lines a paragraph, so some cross a page break


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_pleading(complaint(range(1, 41), words=WORDS, footnotes=FOOTNOTES))


@pytest.fixture(scope="module")
def doc(pdf) -> DocumentLayout:
    return analyze(pdf)


def row_of(top: float, bottom: float) -> float:
    """The pleading row a box sits on, from the generator's own geometry."""
    return ((top + bottom) / 2 - BODY_TOP_PT) / LINE_PITCH_PT + 0.5


def test_margin_numbers_one_to_twenty_eight_on_every_page(doc):
    assert len(doc.pages) >= 4
    for page in doc.pages:
        assert [m.number for m in page.margin_numbers] == list(range(1, 29))


def test_margin_numbers_are_not_part_of_the_text_lines(doc):
    for page in doc.pages:
        assert all(line.x0 > page.margin_numbers[0].x1 for line in page.lines)


def test_each_body_line_carries_the_number_of_the_row_it_sits_on(doc):
    numbered = 0
    for page in doc.pages:
        for line in page.lines:
            if line.kind == "body":
                assert line.number == round(row_of(line.top, line.bottom)), line.text
                numbered += 1
    assert numbered > 80


def test_footnote_and_page_number_lines_carry_no_line_number(doc):
    kinds = {line.kind for page in doc.pages for line in page.lines}
    assert kinds == {"body", "footnote", "furniture"}
    for page in doc.pages:
        for line in page.lines:
            if line.kind != "body":
                assert line.number is None


def test_printed_page_numbers_are_read_from_the_footer(doc):
    assert doc.numbering == "printed"
    assert [p.printed_number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
    assert {p.printed_source for p in doc.pages} == {"own"}


def test_numbered_paragraphs_are_found_in_order_with_their_first_and_last_lines(doc):
    assert [p.number for p in doc.paragraphs] == list(range(1, 41))
    for paragraph in doc.paragraphs:
        first = doc.page(paragraph.start_page).lines[paragraph.start_line]
        last = doc.page(paragraph.end_page).lines[paragraph.end_line]
        assert first.text.startswith(f"{paragraph.number}. p{paragraph.number}w1 ")
        assert f"p{paragraph.number}w{WORDS}" in last.text


def test_a_paragraph_crossing_a_page_break_ends_on_the_next_page(doc):
    crossing = [p for p in doc.paragraphs if p.end_page > p.start_page]
    assert crossing
    paragraph = crossing[0]
    next_page = doc.page(paragraph.end_page)
    assert all(
        line.text.split()[0].startswith(f"p{paragraph.number}w")
        for line in next_page.lines[: paragraph.end_line + 1]
    )


def test_footnotes_are_found_with_their_number_text_and_box(doc):
    notes = doc.footnotes
    assert [n.number for n in notes] == [1, 2]
    assert notes[0].text == tokens("fn1", 12)
    assert notes[1].text == tokens("fn2", 30)
    page = doc.page(notes[1].page)
    body_bottom = max(line.bottom for line in page.lines if line.kind == "body")
    assert notes[1].top > body_bottom
    assert notes[1].bottom - notes[1].top > 20  # thirty words wrap onto two lines


def test_pdfplumber_and_pdfium_backends_agree_on_word_boxes(pdf, doc):
    slow = analyze(pdf, backend="pdfplumber")
    for fast_page, slow_page in zip(doc.pages[:2], slow.pages[:2], strict=True):
        fast_words, slow_words = list(fast_page.words), list(slow_page.words)
        assert [w.text for w in fast_words] == [w.text for w in slow_words]
        for a, b in zip(fast_words, slow_words, strict=True):
            assert abs(a.x0 - b.x0) < 0.5 and abs(a.top - b.top) < 0.5, (a, b)
    assert [p.number for p in slow.paragraphs] == list(range(1, 41))


def test_word_boxes_match_pdfplumber(pdf, doc):
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        plumber = document.pages[1].extract_words(extra_attrs=["size"])
    ours = {(w.text, round(w.x0)): w for w in doc.page(2).words}
    for word in plumber:
        if word["x0"] < 100:
            continue  # the margin numbers, kept apart from the text
        mine = ours[(word["text"], round(word["x0"]))]
        assert abs(mine.top - word["top"]) < 0.3
        assert abs(mine.bottom - word["bottom"]) < 0.3
        assert abs(mine.x1 - word["x1"]) < 0.3


def test_layout_survives_a_json_round_trip(doc):
    stored = json.dumps(doc.to_dict())
    again = DocumentLayout.from_dict(json.loads(stored))
    assert again.to_dict() == doc.to_dict()
    assert again.paragraphs == doc.paragraphs
    assert len(stored) / len(doc.pages) < 20_000


def test_cover_page_shifts_printed_numbers_off_the_pdf_index():
    doc = analyze(render_pleading(complaint(range(1, 12), cover=True)))
    assert doc.numbering == "printed"
    assert doc.pages[0].printed_number is None
    assert not doc.pages[0].margin_numbers
    assert [p.printed_number for p in doc.pages[1:]] == list(range(1, len(doc.pages)))
    assert [p.number for p in doc.pages_printed_as(1)] == [2]


@pytest.mark.parametrize(
    ("style", "footer"), [("plain", "2"), ("page-of", "Page 2 of")]
)
def test_plain_and_page_of_footers_are_printed_numbers(style, footer):
    doc = analyze(render_pleading(complaint(range(1, 12), page_number_style=style)))
    furniture = [line for line in doc.page(2).lines if line.kind == "furniture"]
    assert furniture[0].text.startswith(footer)
    assert doc.page(2).printed_number == 2


def test_document_without_line_numbers_still_has_paragraphs():
    doc = analyze(render_pleading(complaint(range(1, 12), line_numbers=False)))
    assert not doc.has_line_numbers
    assert all(line.number is None for page in doc.pages for line in page.lines)
    assert [p.number for p in doc.paragraphs] == list(range(1, 12))


def test_own_page_number_wins_over_the_ecf_stamp():
    stamp = "Case 2:10-cv-01234-ABC-GWF Document 94 Filed 05/01/11 Page {} of 40"
    pdf = text_pages(
        [
            [(72, 30, stamp.format(5)), (72, 300, "Body text here."), (300, 770, "1")],
            [(72, 30, stamp.format(6)), (72, 300, "More body text.")],
        ]
    )
    doc = analyze(pdf)
    assert (doc.pages[0].printed_number, doc.pages[0].printed_source) == (1, "own")
    # Stamps and the document's own numbers are never mixed.
    assert (doc.pages[1].printed_number, doc.pages[1].printed_source) == (None, None)
    assert doc.numbering == "printed"


def test_ecf_stamp_numbers_pages_when_the_document_prints_none():
    stamp = "Case 2:10-cv-01234-ABC-GWF Document 94 Filed 05/01/11 Page {} of 40"
    pdf = text_pages(
        [[(72, 30, stamp.format(n)), (72, 300, "Body text.")] for n in (5, 6)]
    )
    doc = analyze(pdf)
    assert [(p.printed_number, p.printed_source) for p in doc.pages] == [
        (5, "stamp"),
        (6, "stamp"),
    ]
    assert [p.number for p in doc.pages_printed_as(6)] == [2]


def test_document_printing_no_numbers_falls_back_to_the_pdf_index():
    doc = analyze(text_pages([[(72, 300, "One page.")], [(72, 300, "Two.")]]))
    assert doc.numbering == "pdf_index"
    assert [p.number for p in doc.pages_printed_as(2)] == [2]
    assert doc.pages_printed_as(3) == []


def test_scanned_page_is_flagged_image_only(pdf):
    doc = analyze(with_scanned_page(pdf))
    scanned = doc.pages[-1]
    assert scanned.image_only and not scanned.has_text_layer
    assert not doc.pages[0].image_only


@pytest.mark.parametrize(
    "reshape",
    [
        lambda pdf, n: rotated_copy(pdf, n, 90),
        lambda pdf, n: rotated_copy(pdf, n, 180),
        lambda pdf, n: rotated_copy(pdf, n, 270),
        cropped_copy,
    ],
    ids=["rotate-90", "rotate-180", "rotate-270", "cropped"],
)
def test_rotated_and_cropped_pages_are_measured_as_displayed(pdf, doc, reshape):
    reshaped = analyze(reshape(pdf, 2)).page(2)
    original = doc.page(2)
    assert (reshaped.width, reshaped.height) == (612, 792)
    assert [m.number for m in reshaped.margin_numbers] == list(range(1, 29))
    for a, b in zip(reshaped.words, original.words, strict=True):
        assert a.text == b.text
        assert abs(a.x0 - b.x0) < 0.05 and abs(a.top - b.top) < 0.05
    assert [line.number for line in reshaped.lines] == [
        line.number for line in original.lines
    ]


def test_rotated_page_maps_back_to_user_space(pdf):
    page = analyze(rotated_copy(pdf, 1)).page(1)
    assert page.rotation == 90
    # The top-left corner of the displayed page is user-space (0, 0) once the
    # landscape media box is turned a quarter clockwise.
    assert page.to_user_space(0, 0) == (0, 0)
    assert page.to_user_space(612, 792) == (792, 612)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"hello, this is not a pdf",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage",
    ],
)
def test_unreadable_input_is_refused(data):
    with pytest.raises(UnreadablePdf):
        analyze(data)


@pytest.mark.parametrize("user_password", ["", "secret"])
def test_encrypted_pdf_is_refused(pdf, user_password):
    with pytest.raises(UnreadablePdf, match="encrypted"):
        analyze(encrypted(pdf, user_password))


def test_paragraph_numbers_in_pilcrow_and_flush_left_styles():
    pdf = text_pages(
        [
            [
                (108, 100, "¶ 7 The first paragraph opens indented"),
                (72, 124, "and runs on at the left edge."),
                (72, 148, "8. The next number opens flush left"),
                (72, 172, "and runs on, and a wrapped year"),
                (72, 196, "2010. does not open a paragraph."),
                (72, 220, "Still the eighth paragraph."),
            ]
        ]
    )
    doc = analyze(pdf)
    assert [(p.number, p.start_line, p.end_line) for p in doc.paragraphs] == [
        (7, 0, 1),
        (8, 2, 5),
    ]


def test_footer_with_a_title_before_the_page_number():
    pdf = text_pages([[(72, 300, "Body text."), (72, 770, "MOTION TO SEAL - 4")]] * 2)
    assert [p.printed_number for p in analyze(pdf).pages] == [4, 4]


def test_doubt_about_a_paragraph_survives_a_json_round_trip():
    def paragraph(number: int, top: float) -> list[tuple]:
        return [(108, top, f"{number}. p{number}w1"), (72, top + 24, f"p{number}w2")]

    page = paragraph(4, 60) + paragraph(5, 108) + [(108, 156, "6. Term. q6w1")]
    page += paragraph(6, 180) + paragraph(7, 228) + paragraph(8, 276)
    doc = analyze(text_pages([page]))
    doubted = {p.number: p.doubt for p in doc.paragraphs if p.doubt}
    assert set(doubted) == {5, 6}
    again = DocumentLayout.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert again.paragraphs == doc.paragraphs


def test_a_long_document_read_half_in_a_forked_child_gives_the_same_layout(
    pdf, doc, monkeypatch
):
    from filings.pdf import forking, layout

    pages = len(doc.pages)
    monkeypatch.setattr(layout, "PARALLEL_MIN_PAGES", 4)
    calls = []
    serial_part = layout._layouts_between

    def spy(data, first, stop, sizes):
        calls.append((first, stop))
        return serial_part(data, first, stop, sizes)

    monkeypatch.setattr(layout, "_layouts_between", spy)
    forks = forking.can_fork()
    parallel = analyze(pdf)
    # In this process only the first half was read; the child read the rest.
    assert calls == ([(0, pages // 2)] if forks else [(0, None)])
    assert parallel.to_dict() == doc.to_dict()
    assert [p.number for p in parallel.pages] == list(range(1, pages + 1))
