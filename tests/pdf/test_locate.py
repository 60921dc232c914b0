"""Locating portions: exactly the cited words fall inside the regions.

The words are read back with pdfplumber, independently of the layout code,
and a word counts as covered when its centre lies inside a region on its page.
"""

from __future__ import annotations

import io
import json
import re

import pdfplumber
import pikepdf
import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from filings.pdf.geometry import (
    Region,
    from_pdfplumber,
    read_page_boxes,
    to_pdfplumber,
)
from filings.pdf.layout import DocumentLayout, analyze
from filings.pdf.locate import locate, locate_in_pdf
from filings.pdf.pleading import (
    BODY_LEFT_PT,
    BODY_TOP_PT,
    LINE_PITCH_PT,
    Heading,
    Paragraph,
    Quote,
    render_pleading,
)
from filings.pdf.portions import (
    Footnote,
    Lines,
    Pages,
    Paragraphs,
    WholeDocument,
    parse_portions,
)
from tests.pdf.pleading_factory import (
    BODY_SIZE_FOOTNOTES_CSS,
    complaint,
    cropped_copy,
    encrypted,
    filing,
    legend_css,
    numbered_paragraph,
    render_with_css,
    rotated_copy,
    text_pages,
    tokens,
    with_scanned_page,
)

WORDS = 50
FOOTNOTES = {3: [tokens("fn1", 12)], 12: [tokens("fn2", 30)]}
TOKEN = re.compile(r"^(p\d+|fn\d+|intro)w\d+$")


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_pleading(complaint(range(1, 41), words=WORDS, footnotes=FOOTNOTES))


@pytest.fixture(scope="module")
def doc(pdf) -> DocumentLayout:
    return analyze(pdf)


@pytest.fixture(scope="module")
def words(pdf) -> list[dict]:
    """Every word of the PDF with its 1-based page and pleading row."""
    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            for word in page.extract_words(extra_attrs=["size"]):
                middle = (word["top"] + word["bottom"]) / 2
                row = (middle - BODY_TOP_PT) / LINE_PITCH_PT + 0.5
                found.append({**word, "page": number, "row": row})
    return found


def covered(words: list[dict], regions: list[Region]) -> list[dict]:
    return [
        w
        for w in words
        if any(
            r.page == w["page"]
            and r.contains_point((w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2)
            for r in regions
        )
    ]


def texts(words: list[dict]) -> set[str]:
    return {w["text"] for w in words}


def tokens_of(prefix: str, count: int) -> set[str]:
    return {f"{prefix}w{i}" for i in range(1, count + 1)}


def on_rows(words, page: int, first: int, last: int) -> list[dict]:
    """Body words on pleading rows first..last of a page (the oracle)."""
    return [
        w
        for w in words
        if w["page"] == page
        and w["x0"] >= BODY_LEFT_PT - 1
        and abs(w["size"] - 10) > 0.5  # footnote text is 10 pt; calls are 8
        and first - 0.2 <= w["row"] <= last + 0.2
    ]


def locate_one(doc, portion):
    result = locate(doc, [portion])
    assert result.unresolved == []
    return result.regions


def test_line_range_within_a_page_covers_exactly_those_lines(doc, words):
    regions = locate_one(doc, Lines(2, 5, 2, 9))
    assert [r.page for r in regions] == [2]
    inside = covered(words, regions)
    assert inside == on_rows(words, 2, 5, 9)
    assert len(inside) > 30


def test_line_range_never_covers_the_margin_numbers(doc, words):
    regions = locate_one(doc, Lines(2, 1, 2, 28))
    assert all(w["x0"] >= BODY_LEFT_PT - 1 for w in covered(words, regions))
    margin = doc.page(2).margin_numbers[0]
    assert regions[0].x0 > margin.x1


def test_line_range_across_pages_covers_the_tail_and_the_head(doc, words):
    regions = locate_one(doc, Lines(1, 20, 3, 4))
    assert [r.page for r in regions] == [1, 2, 3]
    expected = on_rows(words, 1, 20, 28) + on_rows(words, 2, 1, 28)
    expected += on_rows(words, 3, 1, 4)
    assert covered(words, regions) == expected


def test_single_line_covers_one_line(doc, words):
    (region,) = locate_one(doc, Lines(3, 7, 3, 7))
    inside = covered(words, [region])
    assert inside == on_rows(words, 3, 7, 7)
    assert {round(w["row"]) for w in inside} == {7}


def test_paragraph_crossing_a_page_break_gets_one_region_per_page(doc, words):
    paragraph = next(p for p in doc.paragraphs if p.end_page > p.start_page)
    n = paragraph.number
    regions = locate_one(doc, Paragraphs(n, n))
    assert [r.page for r in regions] == [paragraph.start_page, paragraph.end_page]
    inside = texts(covered(words, regions))
    assert inside == tokens_of(f"p{n}", WORDS) | {f"{n}."}
    # The paragraph's last line is short; the next paragraph starts below it.
    assert f"p{n + 1}w1" not in inside and f"p{n - 1}w{WORDS}" not in inside


def test_paragraph_range_covers_its_paragraphs_and_their_footnote_call(doc, words):
    regions = locate_one(doc, Paragraphs(3, 4))
    inside = texts(covered(words, regions))
    expected = tokens_of("p3", WORDS) | tokens_of("p4", WORDS) | {"3.", "4."}
    assert inside - {"1"} == expected  # "1" is the raised call of footnote 1
    assert not any(t.startswith("fn") for t in inside)


def test_footnote_covers_its_text_and_nothing_of_the_body(doc, words):
    note = doc.footnotes[1]
    printed = doc.page(note.page).printed_number
    regions = locate_one(doc, Footnote(printed, 2))
    inside = covered(words, regions)
    assert texts(inside) == tokens_of("fn2", 30) | {"2"}
    assert all(w["size"] < 11 for w in inside)


def test_page_range_and_whole_document_cover_whole_pages(doc, words):
    regions = locate_one(doc, Pages(2, 3))
    assert regions == [Region(2, 0, 0, 612, 792), Region(3, 0, 0, 612, 792)]
    assert covered(words, regions) == [w for w in words if w["page"] in (2, 3)]
    everything = locate_one(doc, WholeDocument())
    assert [r.page for r in everything] == [p.number for p in doc.pages]
    assert covered(words, everything) == words


@pytest.mark.parametrize(
    ("portion", "reason"),
    [
        (Lines(2, 29, 2, 29), "page 2 has 28 numbered lines; there is no line 29"),
        (Lines(2, 9, 2, 5), "runs backwards"),
        (Pages(12, 12), "no page is numbered 12"),
        (Paragraphs(99, 99), "¶ 99 is not in the document"),
        (Paragraphs(39, 41), "¶¶ 41 are not in the document"),
        (Footnote(2, 7), "there is no footnote 7"),
    ],
)
def test_portions_that_do_not_exist_are_unresolved_with_a_reason(doc, portion, reason):
    result = locate(doc, [portion])
    assert result.regions == []
    (unresolved,) = result.unresolved
    assert reason.replace("¶¶ 41 are", "¶ 41 is") in unresolved.reason


def test_footnote_cited_on_the_wrong_page_says_where_it_is(doc):
    note = doc.footnotes[0]
    wrong = doc.page(note.page).printed_number + 1
    (unresolved,) = locate(doc, [Footnote(wrong, 1)]).unresolved
    assert unresolved.portion == f"p. {wrong} n.1"
    assert f"footnote 1 is on page {wrong - 1}" in unresolved.reason


def test_resolved_portions_are_kept_when_others_fail(doc):
    result = locate(doc, [Paragraphs(99, 99), Paragraphs(5, 5)])
    assert [u.portion for u in result.unresolved] == ["¶ 99"]
    assert result.regions == locate_one(doc, Paragraphs(5, 5))


def test_page_beyond_the_end_of_a_document_without_printed_numbers():
    doc = analyze(render_pleading(complaint(range(1, 4), page_number_style="none")))
    assert doc.numbering == "pdf_index"
    (unresolved,) = locate(doc, [Pages(12, 12)]).unresolved
    assert unresolved.reason == "page 12 does not exist: the document has 1 page"
    assert locate(doc, [Lines(1, 3, 1, 4)]).unresolved == []


def test_cover_page_citations_use_the_printed_numbers():
    pdf = render_pleading(complaint(range(1, 12), words=WORDS, cover=True))
    doc = analyze(pdf)
    (region,) = locate_one(doc, Lines(1, 1, 1, 2))
    assert region.page == 2
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = document.pages[1].crop((region.x0, region.top, region.x1, region.bottom))
        assert text.extract_text().startswith("Jane Roe")
    assert [r.page for r in locate_one(doc, Pages(1, 2))] == [2, 3]
    (unresolved,) = locate(doc, [Pages(0, 0)]).unresolved
    assert "no page is numbered 0" in unresolved.reason


def test_document_without_line_numbers_refuses_page_line_citations():
    pdf = render_pleading(complaint(range(1, 6), words=WORDS, line_numbers=False))
    doc = analyze(pdf)
    result = locate(doc, [Lines(1, 3, 1, 5), Paragraphs(2, 2)])
    (unresolved,) = result.unresolved
    assert "no pleading line numbers" in unresolved.reason
    assert len(result.regions) >= 1


def test_text_on_an_image_only_page_is_refused_with_the_reason():
    pleading = render_pleading(complaint(range(1, 4), page_number_style="none"))
    doc = analyze(with_scanned_page(pleading))
    assert doc.numbering == "pdf_index" and doc.has_line_numbers
    scanned = len(doc.pages)
    result = locate(doc, [Lines(scanned, 1, scanned, 5), Footnote(scanned, 3)])
    assert result.regions == []
    assert all(
        "scanned image with no text layer" in u.reason for u in result.unresolved
    )
    assert locate(doc, [Pages(scanned, scanned)]).regions == [
        Region(scanned, 0, 0, 612, 792)
    ]


def test_rotated_page_regions_are_in_displayed_coordinates(pdf, doc):
    rotated = analyze(rotated_copy(pdf, 2))
    assert rotated.page(2).rotation == 90
    for portion in (Lines(2, 5, 2, 9), Paragraphs(6, 6)):
        got = locate_one(rotated, portion)
        want = locate_one(doc, portion)
        assert len(got) == len(want)
        for a, b in zip(got, want, strict=True):
            assert a.page == b.page
            assert abs(a.x0 - b.x0) < 0.1 and abs(a.bottom - b.bottom) < 0.1


def test_locate_in_pdf_parses_the_court_notation(pdf, doc):
    result = locate_in_pdf(pdf, "¶¶ 3-4; p. 2:5-9; ¶ 99")
    expected = locate(doc, parse_portions("¶¶ 3-4; p. 2:5-9; ¶ 99"))
    assert result == expected
    assert [u.portion for u in result.unresolved] == ["¶ 99"]


def test_command_prints_regions_and_unresolved_as_json(pdf, tmp_path, capsys):
    path = tmp_path / "complaint.pdf"
    path.write_bytes(pdf)
    call_command("locate_portions", str(path), "p. 2:5-9; ¶ 99")
    output = json.loads(capsys.readouterr().out)
    assert output["regions"] == [
        r.to_dict() for r in locate_one(analyze(pdf), Lines(2, 5, 2, 9))
    ]
    assert output["regions"][0]["page"] == 2
    assert output["unresolved"][0]["portion"] == "¶ 99"


@pytest.mark.parametrize(
    ("content", "portions", "message"),
    [
        (b"not a pdf at all", "¶ 1", "cannot be read"),
        (None, "¶ 1", "encrypted"),
        (b"%PDF", "4-32", "has no marker"),
    ],
)
def test_command_exits_2_for_unreadable_files_and_portions(
    pdf, tmp_path, content, portions, message
):
    path = tmp_path / "filing.pdf"
    path.write_bytes(encrypted(pdf, "secret") if content is None else content)
    with pytest.raises(CommandError, match=message) as error:
        call_command("locate_portions", str(path), portions)
    assert error.value.returncode == 2


def test_single_spaced_quote_between_numbers_is_inside_the_range():
    def row(n: float) -> float:  # baseline of pleading row n
        return BODY_TOP_PT + LINE_PITCH_PT * n - 8

    margin = [(80, row(n), str(n)) for n in range(1, 29)]
    body = [
        (108, row(2), "before"),
        (108, row(3), "alpha"),
        (144, row(3.5), "quoteone"),
        (144, row(4), "quotetwo"),
        (108, row(5), "after"),
    ]
    pdf = text_pages([margin + body])
    regions = locate_one(analyze(pdf), Lines(1, 3, 1, 4))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        words = [{**w, "page": 1} for w in document.pages[0].extract_words()]
    assert texts(covered(words, regions)) == {"alpha", "quoteone", "quotetwo"}


def test_footnote_carried_over_to_the_next_page_is_covered_there_too():
    body = [(72, 100 + 24 * i, f"body{i} text of the brief") for i in range(20)]
    pdf = text_pages(
        [
            body + [(72, 700, "3 noteA noteB", 9), (72, 711, "noteC noteD", 9)],
            body + [(72, 700, "noteE noteF", 9), (72, 711, "4 other note", 9)],
        ]
    )
    doc = analyze(pdf)
    regions = locate_one(doc, Footnote(1, 3))
    assert [r.page for r in regions] == [1, 2]
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        words = [
            {**w, "page": n}
            for n, page in enumerate(document.pages, start=1)
            for w in page.extract_words()
        ]
    assert texts(covered(words, regions)) == {
        "3", "noteA", "noteB", "noteC", "noteD", "noteE", "noteF",
    }  # fmt: skip
    assert [n.number for n in doc.footnotes] == [3, 4]


def test_small_print_legend_on_every_page_is_not_a_footnote_carried_on():
    body = [(72, 100 + 24 * i, f"body{i} text of the brief") for i in range(20)]
    legend = (72, 760, "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER", 8)
    pdf = text_pages(
        [
            body + [(72, 700, "1 noteA noteB", 9), legend],
            body + [legend],
            body + [legend],
        ]
    )
    doc = analyze(pdf)
    regions = locate_one(doc, Footnote(1, 1))
    assert [r.page for r in regions] == [1]
    assert regions[0].bottom < 720
    assert {
        line.kind for p in doc.pages for line in p.lines if "CONFIDENTIAL" in line.text
    } == {"furniture"}


def test_page_number_printed_twice_is_ambiguous_not_guessed():
    pdf = text_pages([[(72, 300, f"text{n}"), (300, 770, str(n))] for n in (1, 2, 1)])
    (unresolved,) = locate(analyze(pdf), [Pages(1, 1)]).unresolved
    assert "appears more than once" in unresolved.reason
    assert "PDF pages 1, 3" in unresolved.reason


def test_paragraph_numbers_restarting_in_counterclaims_are_ambiguous():
    pdf = render_pleading(complaint([1, 2, 3, 1, 2, 3], words=20))
    doc = analyze(pdf)
    assert [p.number for p in doc.paragraphs] == [1, 2, 3, 1, 2, 3]
    result = locate(doc, [Paragraphs(2, 2)])
    assert result.regions == []
    assert "more than once" in result.unresolved[0].reason


def test_block_quote_inside_a_paragraph_is_part_of_it_but_headings_are_not():
    sections = [
        numbered_paragraph(1, 20),
        Quote(tokens("quote", 30)),
        numbered_paragraph(2, 20),
        Heading("PRAYER FOR RELIEF"),
        numbered_paragraph(3, 20),
        Paragraph(tokens("wherefore", 20)),
    ]
    pdf = render_pleading(filing(sections))
    doc = analyze(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        words = [
            {**w, "page": n}
            for n, page in enumerate(document.pages, start=1)
            for w in page.extract_words()
        ]
    first = texts(covered(words, locate_one(doc, Paragraphs(1, 1))))
    assert first == tokens_of("p1", 20) | tokens_of("quote", 30) | {"1."}
    second = texts(covered(words, locate_one(doc, Paragraphs(2, 2))))
    assert second == tokens_of("p2", 20) | {"2."}
    last = texts(covered(words, locate_one(doc, Paragraphs(3, 3))))
    assert last == tokens_of("p3", 20) | {"3."}


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_page_line_range_covers_exactly_its_lines(doc, words, data):
    pages = len(doc.pages)
    first_page = data.draw(st.integers(1, pages))
    last_page = data.draw(st.integers(first_page, min(pages, first_page + 2)))
    first_line = data.draw(st.integers(1, 28))
    low = first_line if last_page == first_page else 1
    last_line = data.draw(st.integers(low, 28))
    result = locate(doc, [Lines(first_page, first_line, last_page, last_line)])
    expected = []
    for page in range(first_page, last_page + 1):
        top = first_line if page == first_page else 1
        bottom = last_line if page == last_page else 28
        expected += on_rows(words, page, top, bottom)
    if not expected:
        assert result.regions == [] and result.unresolved
        return
    assert covered(words, result.regions) == expected


# --- Layouts real filings have that the plain fixture does not -----------------


def read_words(pdf: bytes) -> list[dict]:
    """Every word with its page; a raised footnote call is a word of its own."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [
            {**w, "page": n}
            for n, page in enumerate(document.pages, start=1)
            for w in page.extract_words(extra_attrs=["size"])
        ]


def touched(words: list[dict], regions: list[Region]) -> set[str]:
    """Words any part of which a region overlaps."""
    return {
        w["text"]
        for w in words
        if any(
            r.page == w["page"]
            and r.intersects(w["x0"], w["top"], w["x1"], w["bottom"])
            for r in regions
        )
    }


def paragraph_words(pdf: bytes, portions: str) -> set[str]:
    """Exactly the words the regions of ``portions`` cover, entirely resolved."""
    result = locate_in_pdf(pdf, portions)
    assert result.unresolved == []
    words = read_words(pdf)
    inside = texts(covered(words, result.regions))
    assert touched(words, result.regions) == inside, "a region clips another word"
    return inside


@pytest.mark.parametrize(
    "where", ["top-center", "bottom-left"], ids=["header", "footer"]
)
def test_full_size_legend_in_the_page_margin_is_never_part_of_a_paragraph(where):
    pdf = render_with_css(complaint(range(1, 21), words=WORDS), legend_css(where))
    doc = analyze(pdf)
    assert [p.number for p in doc.paragraphs] == list(range(1, 21))
    assert any(p.end_page > p.start_page for p in doc.paragraphs)
    for n in range(1, 21):
        assert paragraph_words(pdf, f"¶ {n}") == tokens_of(f"p{n}", WORDS) | {f"{n}."}
    legend = [
        line for p in doc.pages for line in p.lines if "CONFIDENTIAL" in line.text
    ]
    assert len(legend) == len(doc.pages)
    assert {line.kind for line in legend} == {"furniture"}


PER_LINE = 9  # words a line of a plain page, wide enough not to look centred


def plain_paragraph(number: int, top: float, lines: int = 3) -> list[tuple]:
    """¶ ``number`` on plain pages: its number indented half an inch, the rest
    at the margin, words ``p{number}w{i}``, double-spaced."""
    words = [f"p{number}w{i}" for i in range(1, PER_LINE * lines + 1)]
    return [
        (108 if k == 0 else 72, top + 24 * k, f"{number}. " * (k == 0) + row)
        for k in range(lines)
        for row in [" ".join(words[PER_LINE * k : PER_LINE * (k + 1)])]
    ]


def test_quoted_numbered_clause_inside_a_paragraph_is_not_a_paragraph():
    quote = [
        (108, 204, "12. Confidentiality. q12w1 q12w2"),
        (108, 228, "q12w3 q12w4"),
        (72, 252, "p5x1 p5x2"),
    ]
    first = plain_paragraph(4, 60, 3) + plain_paragraph(5, 132, 3) + quote
    first += plain_paragraph(6, 276, 3) + plain_paragraph(7, 348, 3)
    second = []
    for k, n in enumerate(range(8, 14)):
        second += plain_paragraph(n, 60 + 72 * k, 3)
    pdf = text_pages([first, second])
    assert [p.number for p in analyze(pdf).paragraphs] == list(range(4, 14))
    assert paragraph_words(pdf, "¶ 5") == tokens_of("p5", 3 * PER_LINE) | {
        "5.", "12.", "Confidentiality.", "q12w1", "q12w2", "q12w3", "q12w4",
        "p5x1", "p5x2",
    }  # fmt: skip
    assert paragraph_words(pdf, "¶ 12") == tokens_of("p12", 3 * PER_LINE) | {"12."}
    for n in range(6, 12):
        assert paragraph_words(pdf, f"¶ {n}") == tokens_of(f"p{n}", 3 * PER_LINE) | {
            f"{n}."
        }


def test_wrapped_line_starting_with_the_next_number_does_not_open_it():
    wrapped = [(72, 204, "25. p24x1 p24x2"), (72, 228, "p24x3")]
    page = plain_paragraph(23, 60, 3) + plain_paragraph(24, 132, 3) + wrapped
    page += plain_paragraph(25, 252, 3) + plain_paragraph(26, 324, 3)
    pdf = text_pages([page])
    assert paragraph_words(pdf, "¶ 24") == tokens_of("p24", 3 * PER_LINE) | {
        "24.", "25.", "p24x1", "p24x2", "p24x3",
    }  # fmt: skip
    assert paragraph_words(pdf, "¶ 25") == tokens_of("p25", 3 * PER_LINE) | {"25."}


def test_the_same_next_number_opening_two_lines_is_reported_not_guessed():
    quote = [(108, 204, "6. Term. q6w1 q6w2"), (72, 228, "p5x1 p5x2")]
    page = plain_paragraph(4, 60, 3) + plain_paragraph(5, 132, 3) + quote
    for k, n in enumerate(range(6, 9)):
        page += plain_paragraph(n, 252 + 72 * k, 3)
    pdf = text_pages([page])
    result = locate_in_pdf(pdf, "¶ 5; ¶ 6")
    assert result.regions == []
    assert [u.portion for u in result.unresolved] == ["¶ 5", "¶ 6"]
    assert all("two lines" in u.reason for u in result.unresolved)
    assert "open with the number 6" in result.unresolved[1].reason
    assert paragraph_words(pdf, "¶ 4") == tokens_of("p4", 3 * PER_LINE) | {"4."}
    assert paragraph_words(pdf, "¶ 7") == tokens_of("p7", 3 * PER_LINE) | {"7."}


def test_block_quote_longer_than_a_page_stays_inside_its_paragraph():
    sections = [numbered_paragraph(n, 40) for n in range(1, 6)]
    sections += [Quote(tokens("quote", 300))]
    sections += [numbered_paragraph(n, 40) for n in range(6, 9)]
    pdf = render_pleading(filing(sections))
    assert paragraph_words(pdf, "¶ 5") == (
        tokens_of("p5", 40) | tokens_of("quote", 300) | {"5."}
    )
    assert paragraph_words(pdf, "¶ 6") == tokens_of("p6", 40) | {"6."}


def test_long_unnumbered_text_between_paragraphs_is_reported_not_dropped():
    sections = [numbered_paragraph(n, 40) for n in range(1, 6)]
    sections += [Paragraph(tokens("loose", 250))]
    sections += [numbered_paragraph(n, 40) for n in range(6, 9)]
    pdf = render_pleading(filing(sections))
    (unresolved,) = locate_in_pdf(pdf, "¶ 5").unresolved
    assert "unnumbered lines" in unresolved.reason
    assert "between ¶ 5 and ¶ 6" in unresolved.reason
    assert paragraph_words(pdf, "¶ 4") == tokens_of("p4", 40) | {"4."}
    assert paragraph_words(pdf, "¶ 6") == tokens_of("p6", 40) | {"6."}


def test_hanging_indent_paragraphs_are_found():
    page = []
    for n in range(1, 9):
        top = 60 + 72 * (n - 1)
        page += [(72, top, f"{n}."), (108, top, f"p{n}w1 p{n}w2 p{n}w3")]
        page += [(108, top + 24, f"p{n}w4 p{n}w5"), (108, top + 48, f"p{n}w6")]
    pdf = text_pages([page])
    assert [p.number for p in analyze(pdf).paragraphs] == list(range(1, 9))
    assert paragraph_words(pdf, "¶ 3") == tokens_of("p3", 6) | {"3."}
    assert paragraph_words(pdf, "¶¶ 7-8") == (
        tokens_of("p7", 6) | tokens_of("p8", 6) | {"7.", "8."}
    )


def test_document_without_recognisable_paragraphs_says_so():
    pdf = text_pages([[(72, 100 + 24 * i, f"plain{i} text") for i in range(10)]])
    (unresolved,) = locate_in_pdf(pdf, "¶ 3").unresolved
    assert unresolved.reason.startswith("no numbered paragraphs were recognised")


def test_paragraph_running_over_a_scanned_page_is_reported():
    pdf = render_pleading(
        complaint(range(1, 21), words=WORDS, page_number_style="none")
    )
    crossing = next(p for p in analyze(pdf).paragraphs if p.end_page > p.start_page)
    scanned = with_scanned_page(pdf, at=crossing.start_page + 1)
    n = crossing.number
    result = locate_in_pdf(scanned, f"¶ {n}; ¶ {n - 1}")
    (unresolved,) = result.unresolved
    assert unresolved.portion == f"¶ {n}"
    assert f"runs over page {crossing.start_page + 1}, a scanned image" in (
        unresolved.reason
    )
    assert texts(covered(read_words(scanned), result.regions)) == tokens_of(
        f"p{n - 1}", WORDS
    ) | {f"{n - 1}."}


def test_paragraph_ending_at_the_foot_before_a_scanned_page_is_reported():
    first = plain_paragraph(1, 60, 3) + plain_paragraph(2, 636, 3)  # to 684 pt
    last = plain_paragraph(3, 60, 3)
    pdf = with_scanned_page(text_pages([first, last]), at=2)
    (unresolved,) = locate_in_pdf(pdf, "¶ 2").unresolved
    assert "ends at the foot of page 1" in unresolved.reason
    assert "page 2 after it is a scanned image" in unresolved.reason
    assert paragraph_words(pdf, "¶ 1") == tokens_of("p1", 3 * PER_LINE) | {"1."}
    assert paragraph_words(pdf, "¶ 3") == tokens_of("p3", 3 * PER_LINE) | {"3."}


def brief_page(prefix: str, lines: int) -> list[tuple]:
    return [
        (72, 80 + 16 * i, f"{prefix}{i} body text of the brief") for i in range(lines)
    ]


def test_footnote_is_not_carried_onto_small_print_ending_the_next_page():
    pdf = text_pages(
        [
            brief_page("a", 30) + [(72, 620, "1 fn1w1 fn1w2 fn1w3", 10)],
            brief_page("b", 20)
            + [(90, 420, "qx1 qx2 small quotation", 10), (90, 432, "qy1 qy2", 10)],
        ]
    )
    regions = locate_one(analyze(pdf), Footnote(1, 1))
    assert texts(covered(read_words(pdf), regions)) == {"1", "fn1w1", "fn1w2", "fn1w3"}
    # The small quotation is body text a page:line or page citation reaches.
    quote = [line for line in analyze(pdf).page(2).lines if "qx1" in line.text]
    assert quote[0].kind == "body"


def test_continuation_line_opening_with_the_next_number_is_not_a_new_note():
    notes_one = [(72, 620, "1 fn1w1 fn1w2", 10), (72, 632, "fn1w3 fn1w4", 10)]
    notes_two = [
        (72, 596, "2 percent fn1w5", 10),
        (72, 608, "fn1w6", 10),
        (72, 626, "2 fn2w1 fn2w2", 10),
        (72, 638, "fn2w3", 10),
    ]
    pdf = text_pages([brief_page("a", 30) + notes_one, brief_page("b", 30) + notes_two])
    doc = analyze(pdf)
    words = read_words(pdf)
    first = covered(words, locate_one(doc, Footnote(1, 1)))
    assert {(w["page"], w["text"]) for w in first} == {
        (1, "1"), (1, "fn1w1"), (1, "fn1w2"), (1, "fn1w3"), (1, "fn1w4"),
        (2, "2"), (2, "percent"), (2, "fn1w5"), (2, "fn1w6"),
    }  # fmt: skip
    second = covered(words, locate_one(doc, Footnote(2, 2)))
    assert texts(second) == {"2", "fn2w1", "fn2w2", "fn2w3"}


@pytest.fixture(scope="module")
def body_size_notes() -> bytes:
    notes = {3: [tokens("fna", 30)], 8: [tokens("fnb", 20)]}
    return render_with_css(
        complaint(range(1, 21), words=WORDS, footnotes=notes), BODY_SIZE_FOOTNOTES_CSS
    )


def test_footnotes_at_body_size_are_found_below_their_rule(body_size_notes):
    doc = analyze(body_size_notes)
    assert [(n.number, n.text) for n in doc.footnotes] == [
        (1, tokens("fna", 30)),
        (2, tokens("fnb", 20)),
    ]
    words = read_words(body_size_notes)
    for note, prefix, count in (
        (doc.footnotes[0], "fna", 30),
        (doc.footnotes[1], "fnb", 20),
    ):
        printed = doc.page(note.page).printed_number
        regions = locate_one(doc, Footnote(printed, note.number))
        assert texts(covered(words, regions)) == tokens_of(prefix, count) | {
            str(note.number)
        }


def test_paragraphs_never_cover_a_footnote_at_body_size(body_size_notes):
    doc = analyze(body_size_notes)
    words = read_words(body_size_notes)
    assert [p.number for p in doc.paragraphs] == list(range(1, 21))
    for n in range(1, 21):
        regions = locate_one(doc, Paragraphs(n, n))
        inside = texts(covered(words, regions))
        assert inside - {"1", "2"} == tokens_of(f"p{n}", WORDS) | {f"{n}."}
        assert not touched(words, regions) & (
            tokens_of("fna", 30) | tokens_of("fnb", 20)
        )


def test_quoted_clause_numbered_one_does_not_restart_the_numbering():
    quote = [(108, 204, "1. Definitions. q1w1 q1w2"), (72, 228, "p5x1 p5x2")]
    page = plain_paragraph(4, 60, 3) + plain_paragraph(5, 132, 3) + quote
    page += plain_paragraph(6, 252, 3) + plain_paragraph(7, 324, 3)
    pdf = text_pages([page])
    assert [p.number for p in analyze(pdf).paragraphs] == [4, 5, 6, 7]
    assert paragraph_words(pdf, "¶ 5") == tokens_of("p5", 3 * PER_LINE) | {
        "5.", "1.", "Definitions.", "q1w1", "q1w2", "p5x1", "p5x2",
    }  # fmt: skip


# --- pdfplumber's coordinates at the command line ---------------------------------


def one_word_page(media: list, crop: list | None, rotate: int, matrix: str) -> bytes:
    """A page showing the word "Sealed", placed by the text matrix ``matrix``."""
    document = pikepdf.new()
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type1,
        BaseFont=pikepdf.Name.Helvetica,
    )
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=media,
        Rotate=rotate,
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        Contents=document.make_stream(
            f"BT /F1 12 Tf {matrix} Tm (Sealed) Tj ET".encode()
        ),
    )
    if crop is not None:
        page.CropBox = crop
    document.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


BOX_CASES = {
    # The issue's example: a crop box inset in a media box at the origin.
    "crop-box-inset": ([0, 0, 612, 792], [50, 50, 562, 742], 0, "1 0 0 1 100 700"),
    "media-box-off-origin": ([20, 30, 632, 822], None, 0, "1 0 0 1 100 500"),
    "both-off-origin": ([20, 30, 632, 822], [60, 70, 600, 800], 0, "1 0 0 1 100 500"),
    # Turned pages, the word drawn so that it displays upright.
    "rotate-90": ([20, 30, 812, 642], [40, 50, 792, 622], 90, "0 1 -1 0 300 200"),
    "rotate-180": ([20, 30, 812, 642], [40, 50, 792, 622], 180, "-1 0 0 -1 600 300"),
    "rotate-270": ([20, 30, 812, 642], [40, 50, 792, 622], 270, "0 -1 1 0 300 500"),
}


@pytest.mark.parametrize("case", list(BOX_CASES))
def test_regions_convert_to_and_from_pdfplumbers_coordinates(case):
    pdf = one_word_page(*BOX_CASES[case])
    (word,) = analyze(pdf).page(1).words
    ours = Region(1, word.x0, word.top, word.x1, word.bottom)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        (theirs,) = document.pages[0].extract_words()
    theirs = {"page": 1, **{k: theirs[k] for k in ("x0", "top", "x1", "bottom")}}
    boxes = read_page_boxes(pdf)

    converted = to_pdfplumber(ours, boxes).to_dict()
    back = from_pdfplumber(theirs, boxes).to_dict()

    for key in ("x0", "top", "x1", "bottom"):
        # PDFium's and pdfminer's glyph boxes differ by a fraction of a point.
        assert abs(converted[key] - theirs[key]) < 0.5, (key, converted, theirs)
        assert abs(back[key] - getattr(ours, key)) < 0.5, (key, back, ours)
    round_trip = from_pdfplumber(to_pdfplumber(ours, boxes), boxes[0])
    assert round_trip.to_dict() == pytest.approx(ours.to_dict())


def test_issue_example_glyph_is_where_pdfplumber_says():
    pdf = one_word_page(*BOX_CASES["crop-box-inset"])
    (word,) = analyze(pdf).page(1).words
    converted = to_pdfplumber(
        Region(1, word.x0, word.top, word.x1, word.bottom), read_page_boxes(pdf)
    )
    assert converted.x0 == pytest.approx(100, abs=0.01)
    assert converted.top == pytest.approx(82.5, abs=0.5)
    assert (word.x0, round(word.top)) == (50, 33)  # from the crop box's corner


def test_command_prints_pdfplumbers_coordinates_on_a_cropped_page(
    pdf, tmp_path, capsys
):
    cropped = cropped_copy(pdf, 2)  # media box [0 0 712 892], crop box [50 40 ...]
    path = tmp_path / "cropped.pdf"
    path.write_bytes(cropped)

    call_command("locate_portions", str(path), "p. 2:5-9")

    regions = [
        Region.from_dict(r) for r in json.loads(capsys.readouterr().out)["regions"]
    ]
    with pdfplumber.open(io.BytesIO(cropped)) as document:
        page = document.pages[1]
        words = [{**w, "page": 2} for w in page.extract_words(extra_attrs=["size"])]
    original = [w for w in read_words(pdf) if w["page"] == 2]
    expected = [
        w["text"]
        for w in original
        if 5 - 0.2 <= row_of(w) <= 9 + 0.2 and w["x0"] >= BODY_LEFT_PT - 1
    ]
    assert [w["text"] for w in covered(words, regions)] == expected
    assert len(expected) > 30


def row_of(word: dict) -> float:
    return ((word["top"] + word["bottom"]) / 2 - BODY_TOP_PT) / LINE_PITCH_PT + 0.5
