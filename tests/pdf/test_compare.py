"""The public version against the sealed original and the approved regions."""

from __future__ import annotations

import functools
import io

import pikepdf
import pytest

from filings.pdf.compare import (
    WINDOW,
    check_compliance,
    check_public_version,
    normalize_word,
    regions_from_json,
)
from filings.pdf.geometry import Region, UnreadablePdf
from filings.pdf.locate import locate_in_pdf
from filings.pdf.pleading import Heading, NumberedParagraph, Paragraph, render_pleading
from filings.pdf.redact import redact_pdf
from tests.pdf import inspect_factory as f
from tests.pdf import pleading_factory


def words(sentence: str) -> list[str]:
    return sentence.split()


AGREED = words("The parties agree that the following terms govern the supply contract")
SEALED = words("Acme pays forty two dollars per widget under the secret rebate")
REFUSED = words("The court denied sealing of paragraph seventy one about the audit")

# Lines are 16 points apart; the sealed paragraph is one line at baseline 650.
ORIGINAL = f.build(
    f.paragraph(72, 700, AGREED, per_line=12)
    + f.paragraph(72, 650, SEALED, per_line=12)
    + f.paragraph(72, 600, REFUSED, per_line=12)
)
APPROVED = [Region(page=1, x0=70, top=792 - 665, x1=560, bottom=792 - 640)]
BLACK_BOX = f.box(70, 640, 490, 25)


def public(*parts: str) -> bytes:
    return f.build("".join(parts))


def agreed(x: float = 72, y: float = 700, per_line: int = 12) -> str:
    return f.paragraph(x, y, AGREED, per_line=per_line)


def refused(x: float = 72, y: float = 600, per_line: int = 12) -> str:
    return f.paragraph(x, y, REFUSED, per_line=per_line)


def test_true_redaction_of_exactly_the_approved_region_passes():
    report = check_compliance(
        ORIGINAL, public(agreed(), BLACK_BOX, refused()), APPROVED
    )
    assert report.verdict == "pass", report.findings
    assert report.approved_words == len(SEALED)
    assert report.kept_words == len(AGREED) + len(REFUSED)


def test_approved_text_left_under_a_box_is_under_redaction():
    pub = public(
        agreed(), f.paragraph(72, 650, SEALED, per_line=12), BLACK_BOX, refused()
    )
    report = check_compliance(ORIGINAL, pub, APPROVED)
    assert report.verdict == "fail"
    (finding,) = report.findings
    assert finding.kind == "under_redaction"
    assert finding.text == " ".join(SEALED)
    assert finding.page == 1
    assert APPROVED[0].intersects(*finding.bbox)


def test_part_of_the_approved_region_left_visible_is_under_redaction():
    pub = public(agreed(), f.text(72, 650, "Acme pays forty two dollars"), refused())
    report = check_compliance(ORIGINAL, pub, APPROVED)
    assert [(x.kind, x.text) for x in report.findings] == [
        ("under_redaction", "Acme pays forty two dollars")
    ]


def test_paragraph_the_judge_refused_to_seal_missing_is_over_redaction():
    pub = public(agreed(), BLACK_BOX, f.box(70, 590, 490, 25))
    report = check_compliance(ORIGINAL, pub, APPROVED)
    assert report.verdict == "fail"
    (finding,) = report.findings
    assert finding.kind == "over_redaction"
    assert finding.text == " ".join(REFUSED)
    assert finding.page == 1
    assert 792 - 615 < finding.bbox[1] < finding.bbox[3] < 792 - 590


def test_over_redaction_names_the_page_it_happened_on():
    original = f.build(
        agreed(), agreed() + f.text(72, 500, "Keep this sentence public")
    )
    pub = f.build(agreed(), agreed())
    report = check_compliance(original, pub, [])
    assert [(x.kind, x.page, x.text) for x in report.findings] == [
        ("over_redaction", 2, "Keep this sentence public")
    ]


def test_re_typeset_public_version_with_a_label_passes():
    # New margins, new line breaks, the label where the secret was.
    pub = public(
        agreed(x=90, y=720, per_line=5),
        f.text(90, 650, "[REDACTED]"),
        refused(x=90, y=600, per_line=4),
    )
    report = check_compliance(ORIGINAL, pub, APPROVED)
    assert report.verdict == "pass", report.findings


def test_label_of_any_wording_inside_the_approved_region_passes():
    label = f.text(80, 650, "Redacted per order, ECF No. 45", gray=1)
    report = check_compliance(
        ORIGINAL, public(agreed(), BLACK_BOX, label, refused()), APPROVED
    )
    assert report.verdict == "pass", report.findings


def test_re_typeset_version_whose_page_breaks_moved_passes():
    # Larger type pushes the refused paragraph onto a second page.
    first = f.paragraph(72, 700, AGREED, per_line=4, size=16, leading=24)
    second = f.paragraph(72, 700, REFUSED, per_line=4, size=16, leading=24)
    report = check_compliance(ORIGINAL, f.build(first, second), APPROVED)
    assert report.verdict == "pass", report.findings


def test_label_word_that_also_occurs_in_the_sealed_text_is_not_a_leak():
    original = f.build(
        agreed() + f.text(72, 650, "the confidential rebate schedule") + refused()
    )
    pub = public(
        agreed(), BLACK_BOX, f.text(250, 652, "CONFIDENTIAL", gray=1), refused()
    )
    report = check_compliance(original, pub, APPROVED)
    assert report.verdict == "pass", report.findings


def test_re_typeset_version_that_drops_refused_text_still_fails():
    pub = public(agreed(x=90, y=720, per_line=5), f.text(90, 600, "The court denied"))
    report = check_compliance(ORIGINAL, pub, APPROVED)
    assert [x.kind for x in report.findings] == ["over_redaction"]
    assert report.findings[0].text.startswith("sealing of paragraph")


def test_re_typeset_version_that_moves_the_secret_elsewhere_is_under_redaction():
    pub = public(
        agreed(x=90, y=720, per_line=5), f.paragraph(90, 500, SEALED), refused()
    )
    report = check_compliance(ORIGINAL, pub, APPROVED)
    assert [x.kind for x in report.findings] == ["under_redaction"]


def test_changed_word_outside_the_regions_is_altered_text():
    pub = public(agreed(), BLACK_BOX, f.text(72, 600, "The court granted sealing"))
    report = check_compliance(ORIGINAL, pub, APPROVED)
    altered = {x.text for x in report.findings if x.kind == "altered_text"}
    assert altered == {"denied", "granted"}


def test_added_sentence_is_altered_text():
    pub = public(
        agreed(), BLACK_BOX, refused(), f.text(72, 500, "A new sentence appears")
    )
    report = check_compliance(ORIGINAL, pub, APPROVED)
    assert [(x.kind, x.text) for x in report.findings] == [
        ("altered_text", "A new sentence appears")
    ]


def test_word_hyphenated_across_lines_matches_the_whole_word():
    original = f.build(
        f.text(72, 700, "the parties filed the confiden-")
        + f.text(72, 684, "tial exhibits today")
    )
    pub = f.build(f.text(72, 700, "the parties filed the confidential exhibits today"))
    assert check_compliance(original, pub, []).verdict == "pass"


def test_word_straddling_the_region_edge_may_go_either_way():
    original = f.build(f.text(72, 700, "keep straddling secret"))
    # "straddling" starts inside the region and ends outside; its centre is out.
    region = Region(page=1, x0=100, top=792 - 715, x1=125, bottom=792 - 695)
    assert check_compliance(
        original, f.build(f.text(72, 700, "keep")), [region]
    ).verdict == (
        "fail"  # "secret" is entirely outside and missing
    )
    assert (
        check_compliance(
            original, f.build(f.text(72, 700, "keep secret")), [region]
        ).verdict
        == "pass"
    )


def test_region_on_a_page_the_original_lacks_is_an_error():
    with pytest.raises(ValueError, match="page 3"):
        check_compliance(ORIGINAL, ORIGINAL, [Region(3, 0, 0, 10, 10)])


def test_unreadable_original_is_reported_as_such():
    with pytest.raises(UnreadablePdf, match="original"):
        check_compliance(b"", ORIGINAL, APPROVED)


def test_unreadable_public_version_is_reported_as_such():
    with pytest.raises(UnreadablePdf, match="public version"):
        check_compliance(ORIGINAL, b"not a pdf", APPROVED)


def test_check_public_version_adds_inspection_findings_to_the_comparison():
    pub = public(
        agreed(), f.paragraph(72, 650, SEALED, per_line=12), BLACK_BOX, refused()
    )
    kinds = {x.kind for x in check_public_version(pub, ORIGINAL, APPROVED).findings}
    assert kinds == {"text_under_box", "under_redaction"}


def test_check_public_version_without_original_only_inspects():
    pub = public(agreed(), BLACK_BOX, refused())
    assert check_public_version(pub).verdict == "pass"


def test_regions_from_json_reads_the_documented_shape():
    regions = regions_from_json(
        '{"regions": [{"page": 2, "x0": 72, "top": 100, "x1": 300, "bottom": 140.5}]}'
    )
    assert regions == [Region(2, 72.0, 100.0, 300.0, 140.5)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("not json", "not JSON"),
        ('{"pages": []}', '"regions" list'),
        ('{"regions": [{"page": 1}]}', "region 1"),
        (
            '{"regions": [{"page": 0, "x0": 1, "top": 1, "x1": 2, "bottom": 2}]}',
            "region 1",
        ),
    ],
)
def test_regions_from_json_rejects_bad_input_clearly(data, message):
    with pytest.raises(ValueError, match=message):
        regions_from_json(data)


def test_normalize_word_ignores_case_and_punctuation():
    assert normalize_word("“Confidential,”") == "confidential"
    assert normalize_word("¶¶") == ""


def with_signature(content: str) -> bytes:
    """The page plus a signature-like picture at the foot, outside every region."""
    pdf = f.new_pdf([content + f.image("Sig", 72, 300, 150, 40)])
    f.add_gray_image(pdf, 0, "Sig", 150, 40, f.text_like_pixels(150, 40))
    return f.to_bytes(pdf)


def test_picture_removed_outside_the_regions_asks_for_review():
    original = with_signature(agreed() + f.paragraph(72, 650, SEALED, per_line=12))
    pub = f.build(agreed() + BLACK_BOX)
    report = check_compliance(original, pub, APPROVED)
    assert report.verdict == "review"
    (finding,) = report.findings
    assert finding.kind == "altered_graphics"
    x0, top, x1, bottom = finding.bbox
    assert 60 <= x0 < 90 and 200 < x1 <= 240
    assert 792 - 350 <= top < bottom <= 792 - 290


def test_picture_kept_and_region_redacted_passes():
    original = with_signature(agreed() + f.paragraph(72, 650, SEALED, per_line=12))
    pub = with_signature(agreed() + BLACK_BOX)
    assert check_compliance(original, pub, APPROVED).verdict == "pass"


# A filing that only cycles through a few words gives the sequence alignment
# nothing unique to hold on to: the hostile (or merely repetitive) upload.
CYCLE = words(
    "court finds parties agreed schedule rebates supplier pricing customer "
    "exhibit motion seal"
)
LINES, PER_LINE, SEALED_LINE, REFUSED_LINE = 25, 11, 10, 20


def cycling_line(page: int, line: int) -> str:
    start = ((page - 1) * LINES + line) * PER_LINE
    return " ".join(CYCLE[(start + k) % len(CYCLE)] for k in range(PER_LINE))


def cycling_page(page: int, dropped: tuple[int, ...] = ()) -> str:
    # True redaction: every kept line stays where it was.
    kept = [n for n in range(LINES) if n not in dropped]
    return "".join(f.text(72, 740 - 16 * n, cycling_line(page, n)) for n in kept)


def cycling_regions(pages: int) -> list[Region]:
    # The sealed line's baseline is 740 - 16 * SEALED_LINE; 12-point type.
    top = 792 - 740 + 16 * SEALED_LINE - 10
    return [Region(n, 66, top, 560, top + 14) for n in range(1, pages + 1)]


def test_repetitive_100_page_filing_finds_its_leak_and_its_cut_in_bounded_work():
    pages, leak, cut = 100, 33, 66
    original = f.build(*(cycling_page(n) for n in range(1, pages + 1)))
    pub = f.build(
        *(
            cycling_page(n)
            if n == leak
            else cycling_page(
                n, (SEALED_LINE, REFUSED_LINE) if n == cut else (SEALED_LINE,)
            )
            for n in range(1, pages + 1)
        )
    )
    report = check_compliance(original, pub, cycling_regions(pages))
    assert [(x.kind, x.page, x.text) for x in report.findings] == [
        ("under_redaction", leak, cycling_line(leak, SEALED_LINE)),
        ("over_redaction", cut, cycling_line(cut, REFUSED_LINE)),
    ]
    assert report.approved_words == pages * PER_LINE
    # difflib over the whole filing compares about words x words (27,500
    # words, so 750 million); the alignment stays within two windows a word.
    words_of_both = 2 * pages * LINES * PER_LINE
    assert report.alignment_work < 2 * WINDOW * words_of_both


def test_repetitive_re_typeset_filing_that_drops_a_line_is_over_redaction():
    pages, cut = 30, 20

    def line(page: int, n: int) -> str:
        return (
            f"Acme rebate {page} percent" if n == SEALED_LINE else cycling_line(page, n)
        )

    original = f.build(
        *(
            "".join(f.text(72, 740 - 16 * n, line(page, n)) for n in range(LINES))
            for page in range(1, pages + 1)
        )
    )

    def re_typeset(page: int) -> str:
        dropped = (SEALED_LINE, REFUSED_LINE) if page == cut else (SEALED_LINE,)
        kept = [line(page, n) for n in range(LINES) if n not in dropped]
        return f.paragraph(72, 740, " ".join(kept).split(), per_line=9)

    # New line breaks, so hardly a word is where it was: only the sequence
    # tells which of the look-alike lines went missing.
    pub = f.build(*(re_typeset(page) for page in range(1, pages + 1)))
    report = check_compliance(original, pub, cycling_regions(pages))
    assert [x.kind for x in report.findings] == ["over_redaction"]
    (finding,) = report.findings
    assert finding.page == cut
    assert len(finding.text.split()) == PER_LINE
    words_of_both = 2 * pages * LINES * PER_LINE
    assert report.alignment_work < 2 * WINDOW * words_of_both


def test_identical_lines_are_told_apart_by_their_place_on_the_page():
    # Every line says the same: only where the words sit tells which line
    # was redacted, which left in and which cut.
    same = " ".join(CYCLE[:PER_LINE])

    def page(dropped: tuple[int, ...] = ()) -> str:
        return "".join(
            f.text(72, 740 - 16 * n, same) for n in range(LINES) if n not in dropped
        )

    original = f.build(page(), page(), page())
    pub = f.build(page((SEALED_LINE,)), page(), page((SEALED_LINE, REFUSED_LINE)))
    report = check_compliance(original, pub, cycling_regions(3))
    refused_top = 792 - 740 + 16 * REFUSED_LINE - 10
    assert [(x.kind, x.page) for x in report.findings] == [
        ("under_redaction", 2),
        ("over_redaction", 3),
    ]
    assert cycling_regions(3)[1].intersects(*report.findings[0].bbox)
    assert refused_top < report.findings[1].bbox[1] < refused_top + 14


# --- re-typeset pleadings: page furniture is not text ---------------------------
#
# A filer who redacts in the word processor and prints the pleading again gets
# a shorter filing: the redacted paragraphs become "[REDACTED]" or go, the
# text flows up, the last page goes. Margin line numbers, printed page numbers
# and the paragraph numbers kept before "[REDACTED]" then no longer match the
# original's; none of them is text the order sealed or kept.

APPROVED_PARAGRAPHS = range(10, 26)
REFUSED_PARAGRAPH = 30


@functools.cache
def pleading_original() -> bytes:
    return render_pleading(pleading_factory.complaint(range(1, 41)))


@functools.cache
def pleading_regions() -> tuple[Region, ...]:
    result = locate_in_pdf(pleading_original(), "¶¶ 10-25")
    assert not result.unresolved
    return tuple(result.regions)


def re_typeset(
    *,
    placeholder: str | None = "[REDACTED]",
    line_numbers: bool = True,
    also_drop: tuple[int, ...] = (),
    keep: tuple[int, ...] = (),
) -> bytes:
    """The complaint typed again with the approved paragraphs redacted.

    `placeholder` replaces each approved paragraph's text (None drops the
    paragraph, number and all); `also_drop` drops other paragraphs too;
    `keep` leaves approved ones in.
    """
    paragraphs = []
    for n in range(1, 41):
        if n in also_drop:
            continue
        if n in APPROVED_PARAGRAPHS and n not in keep:
            if placeholder is not None:
                paragraphs.append(NumberedParagraph(n, placeholder))
            continue
        paragraphs.append(pleading_factory.numbered_paragraph(n))
    sections = [
        Heading("INTRODUCTION"),
        Paragraph(pleading_factory.tokens("intro", 40)),
        Heading("ALLEGATIONS"),
        *paragraphs,
    ]
    return render_pleading(pleading_factory.filing(sections, line_numbers=line_numbers))


def page_total(pdf: bytes) -> int:
    from filings.pdf.inspect import page_count

    return page_count(pdf)


@pytest.mark.parametrize(
    "options",
    [
        pytest.param({}, id="placeholders-on-pleading-paper"),
        pytest.param({"placeholder": None}, id="paragraphs-dropped"),
        pytest.param({"line_numbers": False}, id="placeholders-on-plain-paper"),
    ],
)
def test_re_typeset_pleading_that_got_shorter_passes(options):
    public = re_typeset(**options)
    assert page_total(public) < page_total(pleading_original())
    report = check_compliance(pleading_original(), public, pleading_regions())
    assert report.verdict == "pass", [(x.kind, x.page, x.text) for x in report.findings]


def test_re_typeset_pleading_that_drops_a_refused_paragraph_names_its_text():
    public = re_typeset(also_drop=(REFUSED_PARAGRAPH,))
    report = check_compliance(pleading_original(), public, pleading_regions())
    assert [x.kind for x in report.findings] == ["over_redaction"]
    assert report.findings[0].text == pleading_factory.tokens(
        f"p{REFUSED_PARAGRAPH}", 30
    )


def test_re_typeset_pleading_that_keeps_an_approved_paragraph_names_its_text():
    public = re_typeset(keep=(12,))
    report = check_compliance(pleading_original(), public, pleading_regions())
    assert [(x.kind, x.text) for x in report.findings] == [
        ("under_redaction", pleading_factory.tokens("p12", 30))
    ]


# --- pictures inside the approved regions -----------------------------------------


def with_chart(pdf: bytes, region: Region) -> bytes:
    """A bar-chart-like picture drawn inside the region (and on top of nothing)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        page = document.pages[region.page - 1]
        height = float(page.mediabox[3])
        bars = bytes(
            0 if (x // 4) % 2 == 0 and y > x % 17 else 255
            for y in range(20)
            for x in range(60)
        )
        page.Resources.XObject = page.Resources.get("/XObject", pikepdf.Dictionary())
        page.Resources.XObject.Chart = document.make_stream(
            bars,
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Image,
            Width=60,
            Height=20,
            ColorSpace=pikepdf.Name.DeviceGray,
            BitsPerComponent=8,
        )
        x, y = region.x1 - 130, height - region.bottom + 4
        # The page's own content may leave its matrix changed: isolate it.
        page.contents_add(document.make_stream(b"q"), prepend=True)
        page.contents_add(
            document.make_stream(f"Q q 120 0 0 40 {x} {y} cm /Chart Do Q".encode())
        )
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def test_chart_left_inside_an_approved_region_is_under_redaction():
    region = pleading_regions()[0]
    original = with_chart(pleading_original(), region)
    text_only = redact_pdf(pleading_original(), pleading_regions()).pdf
    report = check_compliance(
        original, with_chart(text_only, region), pleading_regions()
    )
    assert [(x.kind, x.page) for x in report.findings] == [
        ("under_redaction", region.page)
    ]
    assert region.intersects(*report.findings[0].bbox)


def test_chart_inside_an_approved_region_truly_redacted_passes():
    original = with_chart(pleading_original(), pleading_regions()[0])
    public = redact_pdf(original, pleading_regions(), label="REDACTED").pdf
    report = check_compliance(original, public, pleading_regions())
    assert report.verdict == "pass", report.findings


def test_chart_outside_the_regions_kept_with_the_text_redacted_passes():
    # A picture the order did not seal is not under-redaction.
    region = pleading_regions()[-1]
    outside = Region(
        region.page, region.x0, region.bottom + 60, region.x1, region.bottom + 110
    )
    original = with_chart(pleading_original(), outside)
    public = redact_pdf(original, pleading_regions()).pdf
    assert check_compliance(original, public, pleading_regions()).verdict == "pass"
