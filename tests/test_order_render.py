"""The order on a motion to seal, rendered as PDF and as .docx.

The sample order follows the seed order (shared/seeds/001): two standards,
two grounds each, items granted and denied, footnotes for grounds not reached.
"""

from __future__ import annotations

import functools
import io
import re
import subprocess
import zipfile
from collections.abc import Iterable
from datetime import date

import docx
import pdfplumber
import pytest
from pdfplumber.utils import extract_text, extract_words

from sealing.orders import (
    LINE_PITCH_PT,
    LINES_PER_PAGE,
    PAGE_LEFT_MARGIN_PT,
    PAGE_TOP_MARGIN_PT,
    PLAIN_MARGIN_PT,
    GroundSection,
    OrderDataError,
    OrderDocument,
    OrderItem,
    Run,
    StandardSection,
    parse_inline,
    plain_text,
    render_order_docx,
    render_order_html,
    render_order_pdf,
)

GOOD_CAUSE_STANDARD = (
    "The public has a general right to inspect and copy judicial records. "
    "*Nixon v. Warner Commc'ns, Inc.*, 435 U.S. 589, 597 (1978). A party seeking "
    "to seal materials attached to a non-dispositive motion must make a "
    "particularized showing of good cause under Fed. R. Civ. P. 26(c). "
    "*Kamakana v. City and County of Honolulu*, 447 F.3d 1172, 1180 (9th Cir. 2006)."
)
COMPELLING_STANDARD = (
    "Where a party seeks to seal documents attached to a dispositive motion, it "
    "must show compelling reasons supported by specific factual findings that "
    "outweigh the general history of access and the public policies favoring "
    "disclosure. *Pintos v. Pac. Creditors Ass'n*, 565 F.3d 1106, 1115 n.4 "
    "(9th Cir. 2009); *Dish Network L.L.C. v. Sonicview USA, Inc.*, 2009 WL "
    "2224596, *6 (S.D. Cal. July 23, 2009)."
)
PI_NOTE = (
    "Requests for injunctive relief involve significant discussion of the merits "
    "of the case and give the public insight into how the Court evaluates them. "
    "The Court therefore treats the papers supporting and opposing the motion for "
    "a preliminary injunction as dispositive for purposes of sealing.\n\n"
    "The parties must therefore show compelling reasons to seal material "
    "included in or attached to those papers."
)
BROAD_HARM = (
    "broad allegations of harm unsubstantiated by specific examples; the "
    "paragraphs accuse Plaintiff of statements to third parties and disclose "
    "no trade secret"
)


def _item(number: int, title: str, ref: str, portions: str, reason: str, **kw):
    return OrderItem(number, title, ref, portions, reason, **kw)


def sample_order(**changes: object) -> OrderDocument:
    """A realistic draft order modelled on the seed; keyword arguments override."""
    trade_secrets_nd = GroundSection(
        heading="Trade Secret Materials",
        findings=[
            "The parties request that portions of several non-dispositive filings "
            "be redacted because they contain information related to Selling "
            "Source's proprietary business operations and trade secrets.",
            "The Court finds that the material consists of detailed information "
            "regarding the parties' business operations, customer agreements and "
            "security measures, and that there is good cause to redact the "
            "following documents:",
        ],
        granted=[
            _item(
                1,
                "*Complaint*",
                "#1",
                "¶¶ 25-26, 31-34, 37-39",
                "discusses Selling Source's business model and customer agreements",
            ),
            _item(
                2,
                "License Agreement, Exhibit A to *Complaint*",
                "#1-1",
                "",
                "proprietary commercial practices & structure of client agreements",
            ),
            _item(
                3,
                "*Mem. of Points and Auth. in Support of Motion to Compel*",
                "#86",
                "pp. 4 n.4 and 5:17-6:14",
                "discusses arrangements with specific customers",
            ),
            _item(
                4,
                "*Carl Michael Lane Deposition Transcript*",
                "#129-3",
                "pp. 19:17-20:2, 21:2-6, 21:19-23",
                "discusses corporate structure and purchase agreement details",
            ),
        ],
        granted_conclusion=(
            "The Court will seal the documents discussed above upon the parties' "
            "filing of redacted versions."
        ),
        denied=[
            _item(1, "*Answer and Counterclaims*", "#94", "¶¶ 65 and 71", BROAD_HARM),
        ],
        denial_discussion=[
            "The mere fact that the production of records may lead to a litigant's "
            "embarrassment will not, without more, compel the Court to seal its "
            "records. *Kamakana*, 447 F.3d at 1179."
        ],
    )
    inaccurate_nd = GroundSection(
        heading="Materials Containing Inaccurate Allegations",
        findings=(
            "The parties agree that a statement in the emergency motion is "
            "factually inaccurate and could cast a non-party in a false light. "
            "There is good cause to redact it:"
        ),
        granted=[
            _item(
                1,
                "*Emergency Motion to Compel Defendants to Appear for Deposition*",
                "#180",
                "p. 5 ln 16",
                "admittedly false allegation naming a non-party",
            ),
        ],
        denied=[
            _item(
                1,
                "*Declaration of Natalie Dempsey*",
                "#140-2",
                "¶ 9",
                "the parties do not say which statement is inaccurate",
            ),
        ],
        footnotes=["The parties' joint stipulation (#186 at 17) concedes the point."],
    )
    trade_secrets_d = GroundSection(
        heading="Trade Secret Materials",
        findings=(
            "Disclosure of the following material could reasonably result in "
            "infringement of the trade secrets of Selling Source and its "
            "customers, which outweighs the public interest in understanding the "
            "judicial process. There are compelling reasons to redact:"
        ),
        granted=[
            _item(
                1,
                "*Memorandum of Points and Authorities in Support of the Motion "
                "for TRO*",
                "#12",
                "pp. 4:2-23; 4:26; 6:22-25; 8:4-9",
                "proprietary business operations and customer base",
            ),
            _item(
                2,
                "*Defendants' Opp. to Order to Show Cause on Preliminary Injunction*",
                "#62",
                "pp. 1:8-2:5, 2:18-25, 3:7-11, 3:21-5:18, 5:20-6:26, 7:1-11:15, "
                "12:11-15, 12:24-13:6, 13:14-16, 14:3-11, 14:13-15:15, 15:26-16:2, "
                "16:6-25, 17:9-16, 17:25-27, 18:5-8, 23:16-24, 24:27-25:6",
                "corporate structure, agreements with customers and profit strategy",
                footnote=(
                    "The parties additionally argue that the same portions contain "
                    "factually incorrect allegations. (#186 at 10). Because the "
                    "Court has found compelling reasons to seal this material, it "
                    "does not address that argument."
                ),
            ),
            _item(
                3,
                "*Transcript of TRO Hearing*",
                "#103",
                "",
                "discusses financial condition and profit strategy",
                footnote=(
                    "The parties also argue the transcript contains inaccurate "
                    "allegations. (#186 at 13). The Court does not reach it."
                ),
            ),
            _item(
                4,
                "Exhibits attached to *Decl. of Curtis Pope*",
                "#64-1, 64-2, 64-3, 64-4, 64-5, 64-6",
                "",
                "contracts detailing business operations and network access",
            ),
        ],
        granted_conclusion=(
            "The Court will seal the filings discussed above upon the parties' "
            "filing of redacted versions."
        ),
        denied=[
            _item(
                1,
                "*Decl. of Curtis Pope*",
                "#64",
                "¶¶ 2-3",
                "states only the declarant's title and employer",
            ),
        ],
    )
    libel_d = GroundSection(
        heading="Materials Containing Inaccurate Allegations",
        findings=(
            "Where material includes admittedly false allegations that could "
            "realistically be used for libelous purposes, there are compelling "
            "reasons to seal it. The Court will redact:"
        ),
        granted=[
            _item(
                1,
                "*Decl. of Alton Irby*",
                "#15",
                "¶¶ 8-12 and 16-21",
                "factually incorrect material about customer relationships",
            ),
            _item(
                2,
                "*Defendants' Limited Opp. to Ex Parte Motion for TRO*",
                "#33-34",
                "pp. 5:18-6:2 and 6:25-26",
                "incorrect material about a specific client",
            ),
        ],
        denied=[
            _item(
                1,
                "*Reply in Support of TRO Motion*",
                "#89",
                "pp. 15:11-15",
                "the statement is argument, not an allegation of fact",
            ),
        ],
    )
    fields: dict[str, object] = {
        "court_name": "UNITED STATES DISTRICT COURT",
        "court_district_line": "DISTRICT OF NEVADA",
        "case_number": "2:09-cv-01491-JCM-GWF",
        "caption_parties": [
            "SELLING SOURCE, LLC,",
            "",
            "                    Plaintiff,",
            "vs.",
            "",
            "RED RIVER VENTURES, LLC, et al.,",
            "",
            "                    Defendants.",
        ],
        "title": "ORDER",
        "subject": "Joint Motion to Seal and/or Redact Portions of Record (#186)",
        "introduction": [
            "This matter is before the Court on the parties' Joint Motion to Seal "
            "and/or Redact Portions of Record (#186), filed on April 1, 2011. The "
            "parties ask the Court to seal or redact portions of numerous filings."
        ],
        "discussion_paragraphs": [GOOD_CAUSE_STANDARD],
        "standard_sections": [
            StandardSection(
                heading="Request to Seal Non-Dispositive Documents and Exhibits",
                legal_standard_paragraphs=[
                    "A particularized showing of good cause suffices to seal "
                    "documents attached to non-dispositive motions. *Kamakana*, "
                    "447 F.3d at 1180."
                ],
                ground_sections=[trade_secrets_nd, inaccurate_nd],
            ),
            StandardSection(
                heading="Request to Seal Dispositive Documents and Exhibits",
                legal_standard_paragraphs=[COMPELLING_STANDARD],
                treated_as_dispositive_note=PI_NOTE,
                ground_sections=[trade_secrets_d, libel_d],
            ),
        ],
        "ordering_paragraphs": [
            "IT IS HEREBY ORDERED that the parties' Joint Motion to Seal and/or "
            "Redact Portions of Record (#186) is **granted in part and denied in "
            "part** as stated above.",
            "IT IS FURTHER ORDERED that the parties shall file redacted versions of "
            "the filings at issue within fourteen (14) days of this order. Once the "
            "redacted versions have been filed, the Court will order the original "
            "filings sealed.",
        ],
        "dated": date(2011, 4, 29),
        "judge_name": "George Foley, Jr.",
        "judge_title": "United States Magistrate Judge",
        "draft": True,
        "undecided": [
            "Exhibit 7 to *Decl. of Roger Croteau* (#65-7): the designating "
            "party's supporting declaration is not yet due."
        ],
        "pleading_paper": True,
    }
    fields.update(changes)
    return OrderDocument(**fields)  # type: ignore[arg-type]


def signed_order(**changes: object) -> OrderDocument:
    """The sample as the judge signs it: final, nothing undecided."""
    fields: dict[str, object] = {
        "draft": False,
        "undecided": [],
        "signature": "/s/ George Foley, Jr.",
        "pleading_paper": False,
    }
    fields.update(changes)
    return sample_order(**fields)


# --- reading the rendered files ------------------------------------------------

BODY_BOTTOM_PT = PAGE_TOP_MARGIN_PT + LINES_PER_PAGE * LINE_PITCH_PT
Chars = tuple[dict, ...]


@functools.lru_cache(maxsize=8)
def _pdf_chars(pdf_bytes: bytes) -> tuple[Chars, ...]:
    """The characters of each page; parsed once per PDF, shared by the tests."""
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            assert (page.width, page.height) == (612, 792), "not US Letter"
        return tuple(tuple(page.chars) for page in pdf.pages)


def _text(chars: Iterable[dict]) -> str:
    return " ".join(extract_text(list(chars)).split())


def _body(chars: Chars, left: float) -> list[dict]:
    """12 pt characters inside the text block: no margin numbers, header, page
    number, footnotes or footnote calls."""
    return [
        c
        for c in chars
        if c["size"] > 11
        and c["x0"] >= left - 1
        and c["top"] >= PAGE_TOP_MARGIN_PT - 1
        and c["bottom"] <= BODY_BOTTOM_PT + 1
    ]


def _footnote_chars(chars: Chars) -> list[dict]:
    return [c for c in chars if 9.5 <= c["size"] <= 10.5]


def _margin_words(chars: Chars) -> list[str]:
    """What is printed left of the text block of pleading paper."""
    return _text(c for c in chars if c["x1"] < PAGE_LEFT_MARGIN_PT - 10).split()


def _body_text(pdf_bytes: bytes, *, pleading: bool = False) -> str:
    left = PAGE_LEFT_MARGIN_PT if pleading else PLAIN_MARGIN_PT
    return " ".join(_text(_body(chars, left)) for chars in _pdf_chars(pdf_bytes))


def _all_text(pdf_bytes: bytes) -> str:
    return " ".join(_text(chars) for chars in _pdf_chars(pdf_bytes))


def _item_citation(item: OrderItem) -> str:
    """The item as the order prints it, up to its parenthetical reason."""
    text = f"{plain_text(item.document_title)} ({item.docket_ref})"
    if item.portions:
        text += f", {item.portions}"
    return text


def _docx_text(docx_bytes: bytes) -> str:
    document = docx.Document(io.BytesIO(docx_bytes))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for cell in table._cells:
            lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def draft_pdf() -> bytes:
    return render_order_pdf(sample_order())


@pytest.fixture(scope="module")
def signed_pdf() -> bytes:
    return render_order_pdf(signed_order())


@pytest.fixture(scope="module")
def signed_docx() -> bytes:
    return render_order_docx(signed_order())


# --- PDF -------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["draft_pdf", "signed_pdf"])
def test_pdf_text_layer_cites_every_item_once_in_section_order(
    which: str, request: pytest.FixtureRequest
) -> None:
    order = sample_order()
    text = _body_text(request.getfixturevalue(which), pleading=which == "draft_pdf")
    position = 0
    for section, ground, _ruling, item in order.items():
        citation = _item_citation(item)
        assert text.count(citation) == 1, citation
        found = text.index(citation)
        assert found > position, f"{citation} is out of order"
        position = found
        assert _heading_span(text, section, ground, order) == _span_of(found, text)


def _heading_span(
    text: str, section: StandardSection, ground: GroundSection, order: OrderDocument
) -> tuple[int, int]:
    """Where the text under the given ground heading starts and ends."""
    starts = []
    for s_index, each in enumerate(order.standard_sections):
        at = text.index(f"{'I' * (s_index + 1)}. {plain_text(each.heading)}")
        for g_index, sub in enumerate(each.ground_sections):
            at = text.index(f"{'AB'[g_index]}. {plain_text(sub.heading)}", at)
            starts.append((at, sub is ground and each is section))
    starts.append((text.index("Accordingly,"), False))
    return next(
        (at, starts[n + 1][0]) for n, (at, own) in enumerate(starts[:-1]) if own
    )


def _span_of(position: int, text: str) -> tuple[int, int]:
    """The span between the ground headings (or the conclusion) around a spot."""
    labels = [m.start() for m in re.finditer(r"\b[AB]\. [A-Z]", text)]
    labels.append(text.index("Accordingly,"))
    before = max(at for at in labels if at < position)
    after = min(at for at in labels if at > position)
    return before, after


def test_pdf_states_each_denial_with_its_reason(signed_pdf: bytes) -> None:
    text = _body_text(signed_pdf)
    denied = [item for *_, ruling, item in sample_order().items() if ruling == "denied"]
    assert len(denied) == 4
    for item in denied:
        assert f"{_item_citation(item)} ({plain_text(item.reason)})" in text


def test_pdf_footnote_prints_at_the_foot_of_the_page_citing_its_item(
    signed_pdf: bytes,
) -> None:
    pages = _pdf_chars(signed_pdf)
    page = next(p for p in pages if "(#62)" in _text(_body(p, PLAIN_MARGIN_PT)))
    notes = _footnote_chars(page)
    assert "same portions contain factually incorrect allegations" in _text(notes)
    body_bottom = max(c["bottom"] for c in _body(page, PLAIN_MARGIN_PT))
    assert min(c["top"] for c in notes) > body_bottom


def test_pleading_paper_numbers_lines_1_to_28_on_every_page(draft_pdf: bytes) -> None:
    pages = _pdf_chars(draft_pdf)
    assert len(pages) >= 3
    for chars in pages:
        assert _margin_words(chars) == [str(n) for n in range(1, LINES_PER_PAGE + 1)]


def test_without_pleading_paper_the_margin_is_empty(signed_pdf: bytes) -> None:
    for chars in _pdf_chars(signed_pdf):
        assert [c for c in chars if c["x0"] < PLAIN_MARGIN_PT - 5] == []


def test_every_body_line_sits_on_a_numbered_line(draft_pdf: bytes) -> None:
    for number, chars in enumerate(_pdf_chars(draft_pdf), start=1):
        grid = sorted(
            {round(c["bottom"], 2) for c in chars if c["x1"] < PAGE_LEFT_MARGIN_PT - 10}
        )
        assert len(grid) == LINES_PER_PAGE
        baselines = {round(c["bottom"], 2) for c in _body(chars, PAGE_LEFT_MARGIN_PT)}
        off_grid = [b for b in baselines if min(abs(b - g) for g in grid) > 0.5]
        assert off_grid == [], f"page {number}: {off_grid}"


def test_pdf_is_set_in_liberation_serif(signed_pdf: bytes) -> None:
    fonts = {c["fontname"].split("+")[-1] for c in _pdf_chars(signed_pdf)[0]}
    assert fonts
    assert all(name.replace("-", "").startswith("LiberationSerif") for name in fonts)


def test_draft_pdf_shows_undecided_items_and_no_signature(draft_pdf: bytes) -> None:
    first = _text(_pdf_chars(draft_pdf)[0])
    assert "DRAFT — UNDECIDED ITEMS" in first
    assert "Exhibit 7 to Decl. of Roger Croteau (#65-7)" in first
    assert "DRAFT — NOT FOR FILING" in first
    everything = _all_text(draft_pdf)
    assert "/s/" not in everything
    assert "GEORGE FOLEY, JR." in everything


def test_signed_pdf_has_signature_and_date_and_no_draft_marks(
    signed_pdf: bytes,
) -> None:
    text = _body_text(signed_pdf)
    assert "DATED this 29th day of April, 2011." in text
    assert text.endswith(
        "/s/ George Foley, Jr. GEORGE FOLEY, JR. UNITED STATES MAGISTRATE JUDGE"
    )
    assert "DRAFT" not in _all_text(signed_pdf)


def test_caption_centres_the_court_and_sets_parties_left_of_case_number(
    signed_pdf: bytes,
) -> None:
    words = extract_words(list(_pdf_chars(signed_pdf)[0]))

    def word(text: str) -> dict:
        return next(w for w in words if w["text"] == text)

    centre = (word("UNITED")["x0"] + word("COURT")["x1"]) / 2
    assert abs(centre - 306) < 2  # the middle of a page with one-inch margins
    parties, number = word("SELLING"), word("2:09-cv-01491-JCM-GWF")
    assert parties["x1"] < 306 < number["x0"]
    assert abs(parties["top"] - number["top"]) < 1
    assert parties["top"] > word("COURT")["top"]


# --- escaping and markup -------------------------------------------------------

HOSTILE = "ACME <script>alert('x')</script> & Sons,"


def test_text_is_escaped_not_interpreted() -> None:
    order = signed_order(
        caption_parties=[HOSTILE, "Plaintiff,"],
        ordering_paragraphs=["IT IS ORDERED that R&D <b>notes</b> stay sealed."],
    )
    html = render_order_html(order)
    assert "<script>" not in html and "<b>notes" not in html
    assert "ACME &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Sons," in html
    text = _all_text(render_order_pdf(order))
    assert "ACME <script>alert('x')</script> & Sons," in text
    assert "R&D <b>notes</b> stay sealed." in text
    assert HOSTILE in _docx_text(render_order_docx(order))


def test_markup_italicises_case_names_but_keeps_star_pages() -> None:
    runs = parse_inline("*Dish Network*, 2009 WL 2224596, *6; see *Id.* at **granted**")
    assert runs == (
        Run("Dish Network", italic=True),
        Run(", 2009 WL 2224596, *6; see "),
        Run("Id.", italic=True),
        Run(" at "),
        Run("granted", bold=True),
    )
    html = render_order_html(signed_order())
    assert "<em>Kamakana v. City and County of Honolulu</em>" in html
    assert "<strong>granted in part and denied in part</strong>" in html


# --- DOCX ------------------------------------------------------------------------


def test_docx_lists_the_same_items_with_reasons(signed_docx: bytes) -> None:
    text = _docx_text(signed_docx)
    for _section, _ground, _ruling, item in sample_order().items():
        citation = _item_citation(item)
        assert text.count(f"{item.number}.\t{citation}") == 1, citation
        assert f"{citation} ({plain_text(item.reason)})" in text
    assert "DISTRICT OF NEVADA" in text
    assert "Case No. 2:09-cv-01491-JCM-GWF" in text


def test_docx_is_signed_and_dated(signed_docx: bytes) -> None:
    document = docx.Document(io.BytesIO(signed_docx))
    texts = [p.text for p in document.paragraphs]
    assert "DATED this 29th day of April, 2011." in texts
    signature_at = texts.index("/s/ George Foley, Jr.")
    assert texts[signature_at + 1 : signature_at + 3] == [
        "GEORGE FOLEY, JR.",
        "UNITED STATES MAGISTRATE JUDGE",
    ]
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 12)


def test_docx_footnotes_are_real_word_footnotes(signed_docx: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(signed_docx)) as package:
        body = package.read("word/document.xml").decode()
        notes = package.read("word/footnotes.xml").decode()
        types = package.read("[Content_Types].xml").decode()
    assert re.findall(r'w:footnoteReference w:id="(\d+)"', body) == ["1", "2", "3"]
    assert "footnotes+xml" in types
    assert "The parties' joint stipulation (#186 at 17) concedes the point." in notes
    assert "The Court does not reach it." in notes


def test_draft_docx_has_undecided_box_and_blank_signature() -> None:
    text = _docx_text(render_order_docx(sample_order()))
    assert "DRAFT — UNDECIDED ITEMS" in text
    assert "Exhibit 7 to Decl. of Roger Croteau (#65-7)" in text
    assert "/s/" not in text


def _header_line_numbers(docx_bytes: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as package:
        headers = [
            package.read(name).decode()
            for name in package.namelist()
            if name.startswith("word/header")
        ]
    boxes = [b for h in headers for b in re.findall(r"<w:txbxContent>.*?</w:", h)]
    numbers = re.findall(r"<w:t>(\d+)</w:t>", "".join(headers))
    return numbers if boxes else []


def test_docx_on_pleading_paper_numbers_28_lines_in_the_header() -> None:
    pleading = render_order_docx(signed_order(pleading_paper=True))
    assert _header_line_numbers(pleading) == [str(n) for n in range(1, 29)]
    assert _header_line_numbers(render_order_docx(signed_order())) == []


# LibreOffice is installed by `make` (scripts/bootstrap.sh): the .docx must open in it.
def test_docx_converts_cleanly_in_libreoffice(tmp_path) -> None:
    source = tmp_path / "order.docx"
    source.write_bytes(render_order_docx(signed_order(pleading_paper=True)))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
        + [str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = _pdf_chars((tmp_path / "order.pdf").read_bytes())
    text = " ".join(_text(chars) for chars in pages)
    assert "Answer and Counterclaims (#94), ¶¶ 65 and 71" in text
    assert "/s/ George Foley, Jr." in text
    assert "(#186 at 13)" in text  # in a footnote
    for chars in pages:
        assert _margin_words(chars) == [str(n) for n in range(1, LINES_PER_PAGE + 1)]


# --- bad input ---------------------------------------------------------------------


def test_final_order_may_not_leave_items_undecided() -> None:
    with pytest.raises(OrderDataError, match="undecided"):
        sample_order(draft=False)


def test_draft_may_not_carry_a_signature() -> None:
    with pytest.raises(OrderDataError, match="signature"):
        sample_order(signature="/s/ George Foley, Jr.", undecided=[])


def test_item_needs_a_reason() -> None:
    with pytest.raises(OrderDataError, match="reason"):
        OrderItem(1, "*Complaint*", "#1", "¶ 3", "  ")


def test_item_numbers_must_increase() -> None:
    item = OrderItem(2, "*Complaint*", "#1", "¶ 3", "trade secrets")
    with pytest.raises(OrderDataError, match="increase"):
        GroundSection("Trade Secrets", ["Findings."], granted=[item, item])


def test_font_name_cannot_break_out_of_the_stylesheet() -> None:
    with pytest.raises(OrderDataError, match="font_family"):
        sample_order(font_family='Serif"; } body { display: none')


def test_blank_lines_separate_paragraphs_and_line_breaks_reflow() -> None:
    order = sample_order(introduction="This matter is before\nthe Court.\n\nSecond.")
    assert order.introduction == ("This matter is before\nthe Court.", "Second.")
    html = render_order_html(order)
    assert '<p class="text first-text">This matter is before the Court.</p>' in html
    text = _docx_text(render_order_docx(order))
    assert "This matter is before the Court.\nSecond.\n" in text


def test_undated_order_leaves_the_date_blank() -> None:
    html = render_order_html(sample_order(dated=None))
    assert "DATED this ____ day of ______________, ______." in html


def test_docx_is_the_same_bytes_whenever_it_is_rendered(monkeypatch) -> None:
    import time

    order = signed_order()
    first = render_order_docx(order)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 86_400 * 3 + 17)
    assert render_order_docx(order) == first


def test_docx_properties_name_the_court_not_the_library() -> None:
    properties = docx.Document(
        io.BytesIO(render_order_docx(signed_order()))
    ).core_properties
    assert properties.author == signed_order().court_name
    assert "python-docx" not in (properties.last_modified_by or "")
    assert properties.created == properties.modified


def test_docx_carries_no_thumbnail_and_names_no_program() -> None:
    import zipfile

    data = render_order_docx(signed_order())

    package = zipfile.ZipFile(io.BytesIO(data))
    names = package.namelist()
    assert not [name for name in names if "thumbnail" in name]
    assert b"thumbnail" not in package.read("_rels/.rels")
    assert b"jpeg" not in package.read("[Content_Types].xml")
    app = package.read("docProps/app.xml")
    for leftover in (b"Microsoft", b"Macintosh", b"Normal.dotm", b"AppVersion"):
        assert leftover not in app
    assert b"extended-properties" in package.read("_rels/.rels")
    assert docx.Document(io.BytesIO(data)).paragraphs  # still opens
    assert render_order_docx(signed_order()) == data
