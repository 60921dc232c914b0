"""The inspector on PDFs built with known secrets, and on controls that must pass."""

from __future__ import annotations

import io

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from filings.pdf.geometry import UnreadablePdf
from filings.pdf.inspect import Finding, Report, find_identifiers, inspect_pdf
from tests.pdf import inspect_factory as f

BODY = f.text(72, 720, "Plaintiff moves to seal the exhibits listed below")


def kinds(report: Report) -> set[str]:
    return {finding.kind for finding in report.findings}


def only(report: Report, kind: str) -> Finding:
    matches = [x for x in report.findings if x.kind == kind]
    assert len(matches) == 1, report.findings
    return matches[0]


def assert_passes(pdf: bytes) -> None:
    report = inspect_pdf(pdf)
    assert report.verdict == "pass", report.findings


# --- bad redactions ---------------------------------------------------------


def test_black_box_drawn_over_live_text_fails_with_the_text_and_its_box():
    pdf = f.build(BODY + f.text(72, 700, "SECRET PLAN") + f.box(70, 695, 100, 20))
    report = inspect_pdf(pdf)
    assert report.verdict == "fail"
    finding = only(report, "text_under_box")
    assert finding.text == "SECRET PLAN"
    assert finding.page == 1
    x0, top, x1, bottom = finding.bbox
    assert 70 <= x0 < 80 and 80 < x1 <= 170
    assert 792 - 715 <= top < bottom <= 792 - 695


def test_white_text_box_annotation_pasted_over_text_fails():
    pdf = f.new_pdf([BODY + f.text(72, 600, "PASTED OVER SECRET")])
    f.add_pasted_text_box(pdf, 0, 70, 594, 250, 614, "Confidential")
    report = inspect_pdf(f.to_bytes(pdf))
    assert only(report, "text_under_annotation").text == "PASTED OVER SECRET"


def test_box_with_a_white_redacted_label_over_live_text_fails():
    # The label gives the pixels contrast; the drawing order still shows the
    # secret was painted over rather than removed.
    pdf = f.build(
        BODY
        + f.text(72, 700, "SECRET PLAN")
        + f.box(70, 695, 100, 20)
        + f.text(80, 700, "REDACTED", gray=1)
    )
    report = inspect_pdf(pdf)
    assert only(report, "text_under_box").text == "SECRET PLAN"
    assert "REDACTED" not in " ".join(x.text for x in report.findings)


def test_white_box_over_text_whiteout_fails():
    pdf = f.build(
        BODY + f.text(72, 700, "WHITED OUT") + f.box(70, 695, 100, 20, gray=1)
    )
    assert only(inspect_pdf(pdf), "text_under_box").text == "WHITED OUT"


def test_white_text_on_white_page_fails_as_hidden_text():
    pdf = f.build(BODY + f.text(72, 600, "HIDDEN WHITE", gray=1))
    finding = only(inspect_pdf(pdf), "hidden_text")
    assert finding.text == "HIDDEN WHITE"
    assert finding.severity == "fail"


def test_nearly_white_text_fails_but_a_light_gray_watermark_passes():
    report = inspect_pdf(
        f.build(
            BODY
            + f.text(72, 600, "ALMOST WHITE", gray=0.97)
            + f.text(72, 400, "DRAFT", gray=0.85, size=40)
        )
    )
    assert [(x.kind, x.text, x.severity) for x in report.findings] == [
        ("hidden_text", "ALMOST WHITE", "fail"),
    ]


WATERMARKED = """<style>@page {{ size: letter; margin: 1in }}
  body {{ font: 12pt 'Liberation Serif' }}
  .wm {{ position: fixed; top: 4in; left: 1in; font-size: {size}pt;
         color: rgba(0, 0, 0, 0.08); {turn} }}</style>
<p>Pricing terms are set out in the agreement filed under seal.</p>
<div class=wm>DRAFT</div>"""


@pytest.mark.parametrize(
    ("size", "turn"),
    [(60, "transform: rotate(-30deg)"), (60, ""), (14, "transform: rotate(-30deg)")],
)
def test_a_light_draft_watermark_at_eight_percent_opacity_passes(size, turn):
    import weasyprint

    html = WATERMARKED.format(size=size, turn=turn)
    assert_passes(weasyprint.HTML(string=html).write_pdf())


def test_faint_text_at_body_size_still_asks_for_a_look():
    pdf = f.build(BODY + f.text(72, 400, "Faint small words", gray=0.9, size=12))
    assert [(x.kind, x.severity) for x in inspect_pdf(pdf).findings] == [
        ("faint_text", "review")
    ]


def test_large_text_invisible_against_the_page_still_fails():
    pdf = f.build(BODY + f.text(72, 400, "HIDDEN TERMS", gray=0.97, size=40))
    assert only(inspect_pdf(pdf), "hidden_text").severity == "fail"


def test_invisible_render_mode_text_on_blank_page_fails():
    pdf = f.build(BODY + f.text(72, 600, "INVISIBLE SECRET", mode=3))
    finding = only(inspect_pdf(pdf), "hidden_text")
    assert finding.text == "INVISIBLE SECRET"
    assert "render mode 3" in finding.message


def test_text_drawn_at_size_zero_fails():
    # pdfium reads nothing from it; pdfminer and others read the words.
    pdf = f.build(BODY + f.text(72, 600, "ZERO SIZE SECRET", size=0))
    finding = only(inspect_pdf(pdf), "hidden_text")
    assert (finding.page, finding.severity) == (1, "fail")
    assert "size zero" in finding.message


def test_near_black_text_on_a_black_box_drawn_first_fails():
    pdf = f.build(
        BODY + f.box(60, 590, 200, 30) + f.text(72, 600, "DARK SECRET", gray=0.08)
    )
    finding = only(inspect_pdf(pdf), "hidden_text")
    assert finding.text == "DARK SECRET"


def test_black_image_painted_over_text_fails():
    pdf = f.new_pdf(
        [BODY + f.text(72, 600, "UNDER IMAGE") + f.image("Im1", 70, 590, 110, 25)]
    )
    f.add_gray_image(pdf, 0, "Im1", 8, 8, f.uniform_pixels(8, 8, 0))
    finding = only(inspect_pdf(f.to_bytes(pdf)), "text_under_image")
    assert (finding.text, finding.severity) == ("UNDER IMAGE", "fail")


def test_text_under_a_patterned_image_asks_for_review():
    pdf = f.new_pdf(
        [BODY + f.text(72, 600, "UNDER PICTURE") + f.image("Im1", 70, 590, 120, 25)]
    )
    f.add_gray_image(pdf, 0, "Im1", 120, 25, f.text_like_pixels(120, 25))
    report = inspect_pdf(f.to_bytes(pdf))
    assert report.verdict == "review"
    assert only(report, "text_under_image").text == "UNDER PICTURE"


def test_black_highlight_annotation_over_text_fails():
    pdf = f.new_pdf([BODY + f.text(72, 600, "HIGHLIGHTED SECRET")])
    f.add_annotation(pdf, 0, **f.highlight(70, 595, 220, 612, (0, 0, 0)))
    report = inspect_pdf(f.to_bytes(pdf))
    assert report.verdict == "fail"
    assert only(report, "text_under_annotation").text == "HIGHLIGHTED SECRET"


def test_black_highlight_marks_only_its_quadrilaterals():
    # A highlight over the end of one line and the start of the next: its
    # /Rect spans both lines whole, its /QuadPoints do not.
    pdf = f.new_pdf(
        [
            BODY
            + f.text(72, 600, "open words SECRET")
            + f.text(72, 584, "TAIL more open")
        ]
    )
    quads = [
        140,
        612,
        250,
        612,
        140,
        597,
        250,
        597,
        70,
        596,
        110,
        596,
        70,
        581,
        110,
        581,
    ]
    f.add_annotation(
        pdf,
        0,
        Subtype=Name.Highlight,
        Rect=Array([70, 581, 250, 612]),
        QuadPoints=Array(quads),
        C=Array([0, 0, 0]),
    )
    report = inspect_pdf(f.to_bytes(pdf))
    hidden = [x.text for x in report.findings if x.kind == "text_under_annotation"]
    assert hidden == ["SECRET TAIL"]


def test_black_square_annotation_with_appearance_over_text_fails():
    pdf = f.new_pdf([BODY + f.text(72, 600, "SQUARED SECRET")])
    entries = {
        "Subtype": Name.Square,
        "Rect": Array([70, 595, 220, 612]),
        "C": Array([0, 0, 0]),
    }
    entries["IC"] = Array([0, 0, 0])
    f.add_annotation(
        pdf, 0, **f.with_appearance(pdf, entries, (0, 0, 0), multiply=False)
    )
    assert (
        only(inspect_pdf(f.to_bytes(pdf)), "text_under_annotation").text
        == "SQUARED SECRET"
    )


# Covers that are not filled rectangles, each with a white label wide enough
# to give every covered word contrast: only the drawing order tells.
COVERED = f.text(72, 600, "Price 4.75% to Zenith")
FULL_LABEL = f.text(74, 600, "REDACTEDREDACTED", gray=1)


def rounded_bar(x: float, y: float, w: float, h: float, r: float = 4) -> str:
    k = 0.5523 * r
    return (
        f"q 0 g {x + r} {y} m {x + w - r} {y} l "
        f"{x + w - r + k} {y} {x + w} {y + r - k} {x + w} {y + r} c "
        f"{x + w} {y + h - r} l {x + w} {y + h - r + k} {x + w - r + k} {y + h} "
        f"{x + w - r} {y + h} c {x + r} {y + h} l {x + r - k} {y + h} {x} "
        f"{y + h - r + k} {x} {y + h - r} c {x} {y + r} l {x} {y + r - k} "
        f"{x + r - k} {y} {x + r} {y} c f Q\n"
    )


def multiply_box_page(gray: float) -> bytes:
    pdf = f.new_pdf(
        [BODY + COVERED + f"q /Mul gs {gray} g 70 594 130 20 re f Q\n" + FULL_LABEL]
    )
    pdf.pages[0].obj.Resources.ExtGState = Dictionary(Mul=Dictionary(BM=Name.Multiply))
    return f.to_bytes(pdf)


@pytest.mark.parametrize(
    "cover",
    [
        pytest.param("q 0 G 18 w 70 604 m 200 604 l S Q\n", id="marker-line"),
        pytest.param(rounded_bar(70, 594, 130, 20), id="rounded-bar"),
        pytest.param(
            "".join(f.box(70, 594 + n, 130, 1) for n in range(20)), id="1pt-strips"
        ),
        pytest.param("q 0 g 70 594 130 20 re f Q\n", id="box"),
    ],
)
def test_dark_cover_under_a_label_spanning_every_word_fails_with_the_words(cover):
    report = inspect_pdf(f.build(BODY + COVERED + cover + FULL_LABEL))
    assert only(report, "text_under_box").text == "Price 4.75% to Zenith"


def test_black_box_blended_with_multiply_under_a_full_label_fails():
    assert only(inspect_pdf(multiply_box_page(0)), "text_under_box").text == (
        "Price 4.75% to Zenith"
    )


def test_nearly_opaque_black_box_under_a_full_label_fails():
    pdf = f.new_pdf(
        [BODY + COVERED + "q /Half gs 0 g 70 594 130 20 re f Q\n" + FULL_LABEL]
    )
    pdf.pages[0].obj.Resources.ExtGState = Dictionary(Half=Dictionary(ca=0.97))
    assert only(inspect_pdf(f.to_bytes(pdf)), "text_under_box").severity == "fail"


def test_yellow_box_blended_with_multiply_over_text_passes():
    # A highlight drawn as page content: the words show through.
    assert_passes(multiply_box_page(0.9))


@pytest.mark.parametrize(
    "drawing",
    [
        pytest.param("q 0 G 1 w 66 592 200 24 re S Q\n", id="frame-round-text"),
        pytest.param("q 0 g 60 603 500 2 re f Q\n", id="2pt-rule-through-text"),
        pytest.param(
            f.box(72, 597, 120, 0.8) + f.box(72, 595.5, 120, 0.8), id="double-underline"
        ),
        pytest.param("q 0 G 2 w 72 604 m 190 604 l S Q\n", id="strikethrough"),
        pytest.param(
            "q 0 G 0.5 w 72 590 m 80 620 l 90 590 l 100 620 l 110 590 l S Q\n",
            id="zigzag-flourish",
        ),
    ],
)
def test_rules_frames_and_strikethroughs_over_text_pass(drawing):
    assert_passes(f.build(BODY + f.text(72, 600, "Exhibit 4 is public") + drawing))


def test_ring_outline_drawn_over_text_passes():
    # A glyph-like outline with a hole is not solid, however large.
    ring = (
        "q 0 g 60 590 m 200 590 l 200 620 l 60 620 l h "
        "62 592 m 62 618 l 198 618 l 198 592 l h f Q\n"
    )
    assert_passes(f.build(BODY + f.text(72, 600, "Circled words") + ring))


@pytest.mark.parametrize("label", ["REDACTED", "[REDACTED]"])
def test_a_box_over_the_label_it_shows_again_on_top_passes(label):
    # Some tools write the label, then paint the box, then the label again.
    pdf = f.build(
        BODY
        + f.text(72, 600, label)
        + f.box(70, 595, 90, 16)
        + f.text(74, 600, "REDACTED", gray=1)
    )
    assert_passes(pdf)


def test_sealed_words_that_look_like_labels_under_a_box_fail_with_every_word():
    pdf = f.build(
        BODY
        + f.text(72, 600, "The confidential sealed terms")
        + f.box(70, 595, 200, 20)
    )
    finding = only(inspect_pdf(pdf), "text_under_box")
    assert finding.text == "The confidential sealed terms"


@pytest.mark.parametrize("words", ["Redacted withheld", "REDACTION", "SEALED"])
def test_label_words_alone_under_a_box_fail(words):
    pdf = f.build(BODY + f.text(72, 600, words) + f.box(70, 595, 200, 20))
    assert only(inspect_pdf(pdf), "text_under_box").text == words


def test_label_words_under_a_box_with_a_label_on_top_fail_with_every_word():
    pdf = f.build(
        BODY
        + f.text(72, 600, "The confidential sealed terms")
        + f.box(70, 595, 200, 20)
        + f.text(80, 600, "REDACTED", gray=1)
    )
    report = inspect_pdf(pdf)
    assert only(report, "text_under_box").text == "The confidential sealed terms"


def test_a_different_label_on_top_does_not_excuse_the_word_under_the_box():
    pdf = f.build(
        BODY
        + f.text(72, 600, "SEALED")
        + f.box(70, 595, 90, 16)
        + f.text(74, 600, "REDACTED", gray=1)
    )
    assert only(inspect_pdf(pdf), "text_under_box").text == "SEALED"


def test_part_of_a_label_on_top_does_not_excuse_a_shorter_word_under_it():
    pdf = f.build(
        BODY
        + f.text(74, 600, "RED ACT")
        + f.box(70, 595, 90, 16)
        + f.text(74, 600, "REDACTED", gray=1)
    )
    assert only(inspect_pdf(pdf), "text_under_box").text == "RED ACT"


def test_a_visible_white_label_painted_on_a_box_over_nothing_passes():
    pdf = f.build(BODY + f.box(70, 595, 200, 20) + f.text(80, 600, "REDACTED", gray=1))
    assert_passes(pdf)


def test_a_label_word_under_a_box_is_reported_with_the_words_beside_it():
    pdf = f.build(
        BODY + f.text(72, 600, "REDACTED Acme rebate") + f.box(70, 595, 150, 16)
    )
    assert only(inspect_pdf(pdf), "text_under_box").text == "REDACTED Acme rebate"


# --- text pdfium cannot see, and text too small to see --------------------------


@pytest.mark.parametrize(
    "shown",
    [
        pytest.param(
            "BT 0 g 0 Tz /F1 12 Tf 72 600 Td (Acme pays Zenith) Tj ET\n", id="Tz0"
        ),
        pytest.param(
            "BT 0 g /F1 12 Tf 0 0 0 0 72 600 Tm (Acme pays Zenith) Tj ET\n",
            id="zero-Tm",
        ),
        pytest.param(
            "BT 0 g /F1 12 Tf 0 0 0 12 72 600 Tm (Acme pays Zenith) Tj ET\n",
            id="flat-Tm",
        ),
    ],
)
def test_text_squeezed_flat_that_pdfium_drops_fails_with_its_words(shown):
    # pdfium leaves it out of the text layer; pdfminer and pdftotext read it.
    finding = only(inspect_pdf(f.build(BODY + shown)), "hidden_text")
    assert (finding.text, finding.severity) == ("Acme pays Zenith", "fail")


def test_text_drawn_at_size_zero_names_its_words():
    pdf = f.build(BODY + f.text(72, 600, "ZERO SIZE SECRET", size=0))
    assert only(inspect_pdf(pdf), "hidden_text").text == "ZERO SIZE SECRET"


def test_text_placed_beside_the_page_fails():
    finding = only(
        inspect_pdf(f.build(BODY + f.text(700, 600, "Acme pays Zenith"))),
        "hidden_text",
    )
    assert finding.text == "Acme pays Zenith"
    assert "outside the page" in finding.message


def test_text_outside_the_crop_box_fails():
    pdf = f.new_pdf([BODY + f.text(72, 30, "Below the crop")])
    pdf.pages[0].obj.CropBox = Array([0, 72, 612, 792])
    assert only(inspect_pdf(f.to_bytes(pdf)), "hidden_text").text == "Below the crop"


def test_a_line_running_past_the_edge_of_the_page_asks_for_review():
    report = inspect_pdf(f.build(BODY + f.text(560, 600, "Overhanging words run on")))
    assert report.verdict == "review"
    assert only(report, "hidden_text").text == "words run on"


def test_a_word_straddling_the_edge_is_judged_by_the_part_on_the_page():
    assert_passes(f.build(BODY + f.text(590, 600, "Overhanging")))


@pytest.mark.parametrize("size", [0.5, 1, 2])
def test_micro_text_asks_for_review(size):
    report = inspect_pdf(f.build(BODY + f.text(72, 600, "Acme pays Zenith", size=size)))
    assert report.verdict == "review"
    assert only(report, "micro_text").text == "Acme pays Zenith"


@pytest.mark.parametrize(
    "shown",
    [
        pytest.param(f.text(72, 600, "Acme pays Zenith", size=0.3), id="0.3pt"),
        pytest.param(
            "q 0.01 0 0 0.01 72 600 cm " + f.text(0, 0, "Acme pays Zenith") + "Q\n",
            id="tiny-cm",
        ),
        pytest.param(
            "BT 0 g 1 Tz /F1 12 Tf 72 600 Td (Acme pays Zenith) Tj ET\n", id="Tz1"
        ),
    ],
)
def test_text_too_small_or_narrow_to_see_fails(shown):
    finding = only(inspect_pdf(f.build(BODY + shown)), "hidden_text")
    assert finding.text == "Acme pays Zenith"


# --- images and annotations over text --------------------------------------------


def signature_page(background: int, strokes: bool) -> bytes:
    """An image with a white background pasted over the typed signature line."""
    width, height = 60, 15
    pixels = bytearray([background]) * (width * height)
    if strokes:
        # The signature's strokes cross "Jane Roe"; "/s/" lies under paper.
        for x in range(30, 58):
            pixels[(7 + (x // 6) % 3) * width + x] = 30
    pdf = f.new_pdf(
        [
            f.text(72, 640, "Respectfully submitted,")
            + f.text(72, 600, "/s/ Jane Roe")
            + f.image("Sig", 70, 590, 120, 30)
        ]
    )
    f.add_gray_image(pdf, 0, "Sig", width, height, bytes(pixels))
    return f.to_bytes(pdf)


def test_signature_image_with_a_white_background_over_the_typed_name_is_review():
    report = inspect_pdf(signature_page(255, strokes=True))
    assert report.verdict == "review"
    assert {x.kind for x in report.findings} == {"text_under_image"}


def test_blank_white_image_pasted_over_text_fails():
    finding = only(inspect_pdf(signature_page(255, strokes=False)), "text_under_image")
    assert (finding.text, finding.severity) == ("/s/ Jane Roe", "fail")


def test_opaque_light_highlight_appearance_over_text_asks_for_review():
    pdf = f.new_pdf([BODY + f.text(72, 600, "Highlighted for the court")])
    entries = f.highlight(70, 595, 230, 612, (1, 0.8, 0))
    f.add_annotation(
        pdf, 0, **f.with_appearance(pdf, entries, (1, 0.8, 0), multiply=False)
    )
    report = inspect_pdf(f.to_bytes(pdf))
    assert report.verdict == "review"
    assert only(report, "text_under_annotation").severity == "review"


def form_page(content: str, placement: str, **page: object) -> bytes:
    """A page whose content is drawn through one placed form XObject."""
    pdf = f.new_pdf([placement + " /Fm0 Do Q\n"])
    resources = pdf.pages[0].obj.Resources
    form = pdf.make_stream(
        content.encode("latin-1"),
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, 792, 792]),
        Matrix=Array([1, 0, 0, 1, 5, 5]),
        Resources=resources,
    )
    resources.XObject = Dictionary(Fm0=form)
    for key, value in page.items():
        pdf.pages[0].obj[Name("/" + key)] = value
    return f.to_bytes(pdf)


LABELLED_BOX = (
    f.text(72, 600, "FORM SECRET")
    + f.box(70, 595, 110, 20)
    + f.text(80, 600, "REDACTED", gray=1)
)


def test_labelled_box_inside_a_placed_form_xobject_fails():
    pdf = form_page(BODY + LABELLED_BOX, "q 1 0 0 1 10 20 cm")
    finding = only(inspect_pdf(pdf), "text_under_box")
    assert finding.text == "FORM SECRET"
    assert 87 <= finding.bbox[0] < 90  # 72 + 5 (form matrix) + 10 (placement)


def test_labelled_box_on_a_page_stored_landscape_and_turned_fails():
    # As scanners write it: landscape media box, content turned a quarter
    # and /Rotate 90 to show it upright.
    pdf = form_page(
        BODY + LABELLED_BOX,
        "q 0 1 -1 0 792 0 cm",
        MediaBox=Array([0, 0, 792, 612]),
        Rotate=90,
    )
    assert only(inspect_pdf(pdf), "text_under_box").text == "FORM SECRET"


def test_rounded_blot_over_text_fails_as_a_box():
    # A solid curved shape hides what lies under it as well as a box does.
    blot = "q 0 g 60 602 m 60 625 220 625 220 602 c 220 580 60 580 60 602 c f Q\n"
    pdf = f.build(BODY + f.text(72, 600, "BLOTTED SECRET") + blot)
    finding = only(inspect_pdf(pdf), "text_under_box")
    assert finding.text == "BLOTTED SECRET"


def scanned_page(blackout: bool) -> bytes:
    """A 'scan' with an invisible OCR layer on top, as OCR tools produce."""
    width, height = 240, 40
    pixels = bytearray(f.text_like_pixels(width, height))
    if blackout:
        for y in range(height):
            for x in range(100, width):
                pixels[y * width + x] = 0
    content = (
        f.image("Scan", 72, 590, 240, 40)
        + f.text(74, 600, "OCR WORDS", mode=3, size=14)
        + f.text(176, 600, "BLACKED OUT", mode=3, size=14)
    )
    pdf = f.new_pdf([BODY + content])
    f.add_gray_image(pdf, 0, "Scan", width, height, bytes(pixels))
    return f.to_bytes(pdf)


def test_ocr_layer_over_blacked_out_scan_pixels_fails():
    finding = only(inspect_pdf(scanned_page(blackout=True)), "hidden_text")
    assert finding.text == "BLACKED OUT"
    assert "OCR" in finding.message


def test_ocr_word_poking_out_of_a_marker_bar_still_fails():
    # The bar covers the middle of the line; descenders and ascenders of the
    # OCR layer's glyph boxes stick out above and below it.
    content = f.image("Bar", 70, 599, 150, 9) + f.text(
        74, 600, "Typography jumps", mode=3
    )
    pdf = f.new_pdf([BODY + content])
    f.add_gray_image(pdf, 0, "Bar", 4, 4, f.uniform_pixels(4, 4, 0))
    assert only(inspect_pdf(f.to_bytes(pdf)), "hidden_text").text == "Typography jumps"


def test_ocr_layer_over_an_untouched_scan_passes():
    assert_passes(scanned_page(blackout=False))


SCANNED_DECLARATION = """
<style>@page { size: letter; margin: 1in }
  body { font: 12pt/2 'Liberation Serif' } h1 { font-size: 14pt }</style>
<h1>DECLARATION OF PRIYA RAMAN</h1>
<p>I, Priya Raman, declare as follows. The supplier agreement sets the rebate
schedule for every customer in the territory.</p>
<p><b>Acme pays Zenith a rebate of 4.75 percent</b> on every order placed before
the end of the quarter.</p>
<p>The remaining terms of the agreement are public and appear in the exhibits
filed with the motion.</p>
"""


@pytest.mark.parametrize(("streaks", "quality"), [(False, 90), (False, 40), (True, 85)])
def test_ocr_layer_over_a_marker_blacked_line_of_a_noisy_scan_fails(streaks, quality):
    # Scan noise and a felt marker's streaks give the bar the contrast of a
    # printed page; how dark it is gives it away.
    pdf = f.scanned_with_ocr(
        SCANNED_DECLARATION,
        blackout="Acme pays Zenith",
        streaks=streaks,
        quality=quality,
    )
    finding = only(inspect_pdf(pdf), "hidden_text")
    assert finding.text.startswith("Acme pays Zenith a rebate of 4.75 percent")
    assert "OCR" in finding.message


def test_ocr_layer_over_a_noisy_scan_of_bold_and_plain_text_passes():
    assert_passes(f.scanned_with_ocr(SCANNED_DECLARATION))


def test_unapplied_redact_annotation_fails():
    pdf = f.new_pdf([BODY + f.text(72, 600, "MARKED ONLY")])
    f.add_annotation(pdf, 0, Subtype=Name.Redact, Rect=Array([70, 595, 170, 612]))
    finding = only(inspect_pdf(f.to_bytes(pdf)), "unapplied_redaction")
    assert finding.page == 1 and finding.severity == "fail"


def test_box_over_text_on_a_rotated_page_fails():
    pdf = f.new_pdf([BODY + f.text(72, 600, "TURNED SECRET") + f.box(70, 595, 120, 20)])
    pdf.pages[0].obj.Rotate = 90
    assert only(inspect_pdf(f.to_bytes(pdf)), "text_under_box").text == "TURNED SECRET"


def test_hidden_text_on_a_rotated_page_fails_and_visible_text_passes():
    pdf = f.new_pdf([BODY + f.text(72, 600, "PALE SECRET", gray=1)])
    pdf.pages[0].obj.Rotate = 270
    report = inspect_pdf(f.to_bytes(pdf))
    assert only(report, "hidden_text").text == "PALE SECRET"


def test_boxes_are_measured_from_the_top_left_of_the_crop_box():
    # Like every Region of the toolkit: as the page is displayed.
    pdf = f.new_pdf(
        [BODY + f.text(72, 600, "CROPPED SECRET") + f.box(70, 595, 120, 20)]
    )
    pdf.pages[0].obj.CropBox = Array([36, 36, 576, 756])
    x0, top, x1, bottom = only(inspect_pdf(f.to_bytes(pdf)), "text_under_box").bbox
    assert 36 <= x0 < 38  # 72 - 36
    assert 756 - 612 < top < bottom <= 756 - 598


def test_findings_name_the_page_they_are_on():
    pdf = f.build(
        BODY, BODY + f.text(72, 600, "PAGE TWO SECRET") + f.box(70, 595, 150, 20)
    )
    assert only(inspect_pdf(pdf), "text_under_box").page == 2


# --- controls that must not cry wolf -----------------------------------------


def test_white_text_on_a_dark_banner_passes():
    assert_passes(
        f.build(f.box(60, 590, 300, 30) + f.text(72, 600, "Banner Heading", gray=1))
    )


@pytest.mark.parametrize("rgb", [(1, 1, 0), (0, 1, 0), (0.5, 0.8, 1), (1, 0.6, 0.8)])
def test_highlight_annotations_in_reader_colours_pass(rgb):
    pdf = f.new_pdf([BODY + f.text(72, 600, "Highlighted for the court")])
    entries = f.highlight(70, 595, 230, 612, rgb)
    f.add_annotation(pdf, 0, **f.with_appearance(pdf, entries, rgb, multiply=True))
    assert_passes(f.to_bytes(pdf))


def test_sticky_note_icon_over_a_word_is_only_a_note_to_review():
    pdf = f.new_pdf([BODY + f.text(72, 600, "Annotated word")])
    f.add_annotation(
        pdf,
        0,
        Subtype=Name.Text,
        Rect=Array([70, 594, 90, 614]),
        Contents=String("see the declaration"),
    )
    report = inspect_pdf(f.to_bytes(pdf))
    assert [(x.kind, x.severity) for x in report.findings] == [("annotation", "review")]


def test_table_borders_and_underlines_pass():
    cells = ""
    for row in range(3):
        y = 600 - row * 20
        cells += f.text(76, y + 5, f"Exhibit {row + 1}") + f.text(
            206, y + 5, "Declaration"
        )
        cells += f.line(72, y, 332, y)
    grid = (
        f.line(72, 640, 72, 580)
        + f.line(202, 640, 202, 580)
        + f.line(332, 640, 332, 580)
    )
    underline = f.text(72, 700, "Underlined heading") + f.box(72, 697, 100, 0.8)
    assert_passes(f.build(BODY + cells + grid + underline))


@pytest.mark.parametrize("size", [4, 6, 8])
def test_small_gray_footnote_text_and_punctuation_pass(size):
    footnote = f.text(
        72, 100, "1 See id. at 4, n.4 ; ' - l i | Ex. H at -410", size=size, gray=0.6
    )
    assert_passes(f.build(BODY + footnote))


def test_word_buried_under_a_box_but_drawn_again_on_top_passes():
    # Some writers paint a highlight between two copies of the same words.
    words = f.text(72, 600, "Shown twice", gray=0)
    assert_passes(f.build(BODY + words + f.box(70, 595, 100, 20, gray=0.8) + words))


def test_black_box_over_whitespace_passes():
    assert_passes(f.build(BODY + f.box(72, 500, 300, 40)))


def test_true_redaction_with_a_white_label_and_nothing_under_it_passes():
    pdf = f.build(
        BODY
        + f.text(72, 700, "The remaining public words stay searchable")
        + f.box(70, 595, 120, 20)
        + f.text(80, 600, "REDACTED", gray=1)
    )
    assert_passes(pdf)


def test_realistic_weasyprint_filing_passes():
    html = """
    <style>@page { size: letter; margin: 1in } body { font: 12pt/2 serif }
      h2 { background: #222; color: white; padding: 4pt; bookmark-level: none }
      td { border: 1px solid black; padding: 3pt } u { text-decoration: underline }
      .redacted { background: black; color: white; display: inline-block; width: 120pt }
    </style>
    <h2>MEMORANDUM IN SUPPORT OF MOTION TO SEAL</h2>
    <p>The <u>parties</u> jointly move to seal the <mark>exhibits</mark> in the table below.</p>
    <p style="font-size: 8pt; color: #666">1 See Kamakana, 447 F.3d at 1178-79; id. n.4.</p>
    <table><tr><td>Exhibit</td><td>Reason</td></tr><tr><td>94-1</td><td>Trade secret</td>
    </tr></table>
    <p>The revenue figure is <span class="redacted">REDACTED</span> as ordered.</p>
    """
    assert_passes(f.html_pdf(html))


# --- hidden data -------------------------------------------------------------


def test_document_title_asks_for_review_and_tool_names_do_not():
    pdf = f.new_pdf([BODY])
    pdf.docinfo["/Title"] = "Acme rebate schedule (confidential)"
    pdf.docinfo["/Producer"] = "Microsoft Word for Microsoft 365"
    report = inspect_pdf(f.to_bytes(pdf))
    assert report.verdict == "review"
    assert only(report, "metadata").text == "Title: Acme rebate schedule (confidential)"


def test_producer_and_creator_alone_pass():
    pdf = f.new_pdf([BODY])
    pdf.docinfo["/Producer"] = "WeasyPrint 70.0"
    pdf.docinfo["/Creator"] = "Acrobat PDFMaker 23"
    pdf.docinfo["/Author"] = "Microsoft Office User"
    assert_passes(f.to_bytes(pdf))


def test_title_keeping_the_original_file_name_asks_for_review():
    pdf = f.new_pdf([BODY])
    pdf.docinfo["/Title"] = "Microsoft Word - Nightingale pricing UNREDACTED.docx"
    pdf.docinfo["/SourceModified"] = "D:20250101000000"
    report = inspect_pdf(f.to_bytes(pdf))
    assert [x.text for x in report.findings] == [
        "Title: Microsoft Word - Nightingale pricing UNREDACTED.docx"
    ]


def test_xmp_title_asks_for_review():
    pdf = f.new_pdf([BODY])
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = "Draft with the sealed numbers"
    report = inspect_pdf(f.to_bytes(pdf))
    xmp = [x for x in report.findings if "XMP" in x.message]
    assert report.verdict == "review"
    assert "Draft with the sealed numbers" in " ".join(x.text for x in xmp)


def test_ssn_in_metadata_fails():
    pdf = f.new_pdf([BODY])
    pdf.docinfo["/Keywords"] = "claimant 123-45-6789"
    report = inspect_pdf(f.to_bytes(pdf))
    assert report.verdict == "fail"
    assert only(report, "ssn").page is None
    assert only(report, "metadata").text == "Keywords: claimant XXX-XX-6789"


def test_sticky_note_contents_ask_for_review():
    pdf = f.new_pdf([BODY])
    f.add_annotation(
        pdf,
        0,
        Subtype=Name.Text,
        Rect=Array([500, 700, 520, 720]),
        Contents=String("remove the rebate figure before filing"),
    )
    report = inspect_pdf(f.to_bytes(pdf))
    assert report.verdict == "review"
    assert only(report, "annotation").text == "remove the rebate figure before filing"


def test_form_field_value_asks_for_review():
    pdf = f.new_pdf([BODY])
    f.add_form_field(pdf, 0, "client", "Jane Roe")
    report = inspect_pdf(f.to_bytes(pdf))
    assert only(report, "form_field").text == "client: Jane Roe"


def test_embedded_file_fails():
    pdf = f.new_pdf([BODY])
    f.add_embedded_file(pdf, "unredacted.txt", b"the whole secret")
    report = inspect_pdf(f.to_bytes(pdf))
    assert report.verdict == "fail"
    assert only(report, "embedded_file").text == "unredacted.txt"


def test_associated_file_without_a_name_tree_fails():
    pdf = f.new_pdf([BODY])
    f.add_associated_file(pdf, "source.docx", b"the whole secret")
    assert only(inspect_pdf(f.to_bytes(pdf)), "embedded_file").severity == "fail"


def test_javascript_asks_for_review():
    pdf = f.new_pdf([BODY])
    f.add_javascript(pdf, "app.alert('hi')")
    report = inspect_pdf(f.to_bytes(pdf))
    assert report.verdict == "review"
    assert "javascript" in kinds(report)


def test_bookmark_repeating_a_visible_heading_is_no_finding():
    pdf = f.new_pdf([BODY + f.text(72, 650, "Argument")])
    f.add_outline(pdf, ["Argument"])
    assert_passes(f.to_bytes(pdf))


def test_bookmark_naming_a_heading_absent_from_the_pages_fails():
    pdf = f.new_pdf([BODY + f.text(72, 650, "Argument")])
    f.add_outline(pdf, ["Argument", "Project Nightingale pricing"])
    report = inspect_pdf(f.to_bytes(pdf))
    failing = [x for x in report.findings if x.severity == "fail"]
    assert [(x.kind, x.text) for x in failing] == [
        ("bookmark", "Project Nightingale pricing")
    ]


def test_ssn_in_a_bookmark_title_fails():
    pdf = f.new_pdf([BODY + f.text(72, 650, "Claimant XXX-XX-6789")])
    f.add_outline(pdf, ["Claimant 123-45-6789"])
    report = inspect_pdf(f.to_bytes(pdf))
    assert only(report, "ssn").text == "XXX-XX-6789"
    assert only(report, "bookmark").text == "Claimant XXX-XX-6789"
    assert "123-45-6789" not in str(report.to_dict())


def test_earlier_revision_holding_removed_text_fails():
    first = f.build(BODY + f.text(72, 600, "Nightingale rebate schedule"))
    updated = f.incremental_update(first, 0, BODY + f.box(70, 595, 200, 20))
    report = inspect_pdf(updated)
    assert report.verdict == "fail"
    assert only(report, "earlier_revision").text == "Nightingale rebate schedule"


def test_many_revisions_are_sampled_and_the_first_one_still_read():
    data = f.build(BODY + f.text(72, 600, "Nightingale rebate"))
    for n in range(12):
        data = f.incremental_update(data, 0, BODY + f.text(72, 560, f"save {n}"))
    findings = [x for x in inspect_pdf(data).findings if x.kind == "earlier_revision"]
    assert len(findings) == 8
    assert any("Nightingale" in x.text for x in findings if x.severity == "fail")


def test_earlier_revision_with_nothing_removed_asks_for_review():
    first = f.build(BODY)
    updated = f.incremental_update(first, 0, BODY + f.text(72, 600, "Added later"))
    report = inspect_pdf(updated)
    assert report.verdict == "review"
    assert only(report, "earlier_revision").severity == "review"


def test_earlier_revision_whose_removed_words_all_remain_elsewhere_fails():
    # Every word of the removed sentence is still on the page; the sentence
    # is not.
    kept = f.text(72, 720, "Acme shall pay the rebate in 2026") + f.text(
        72, 680, "The parties agree that the rebate is confidential"
    )
    first = f.build(kept + f.text(72, 700, "Acme shall pay the rebate"))
    updated = f.incremental_update(first, 0, kept + f.box(70, 695, 200, 20))
    finding = only(inspect_pdf(updated), "earlier_revision")
    assert (finding.text, finding.severity) == ("Acme shall pay the rebate", "fail")


def test_unused_content_stream_holding_text_no_page_shows_fails():
    # As an editor leaves the page's old content when it saves over it.
    pdf = f.with_unused_stream(
        f.build(BODY + f.box(70, 595, 200, 20)),
        f.text(72, 600, "Acme pays Zenith 4.75"),
    )
    assert b"startxref" in pdf and pdf.count(b"%%EOF") == 1
    finding = only(inspect_pdf(pdf), "unused_object")
    assert (finding.text, finding.severity) == ("Acme pays Zenith 4.75", "fail")


def test_unused_content_stream_repeating_the_page_asks_for_review():
    pdf = f.with_unused_stream(f.build(BODY), BODY)
    assert only(inspect_pdf(pdf), "unused_object").severity == "review"


# --- hidden data: XMP, forms, pages' extras, annotations, links ---------------


def with_xmp(inner: str, *, description_attrs: str = "") -> bytes:
    pdf = f.new_pdf([BODY])
    packet = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 5.6">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        'xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" '
        'xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" '
        f'xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/" {description_attrs}>'
        f"{inner}</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    pdf.Root.Metadata = pdf.make_stream(
        packet.encode(), Type=Name.Metadata, Subtype=Name.XML
    )
    return f.to_bytes(pdf)


@pytest.mark.parametrize(
    ("inner", "attrs", "expected"),
    [
        pytest.param(
            "<pdfx:SealedNote>Acme pays Zenith 4.75 percent</pdfx:SealedNote>",
            "",
            "XMP pdfx:SealedNote: Acme pays Zenith 4.75 percent",
            id="custom-property",
        ),
        pytest.param(
            "<xmpMM:History><rdf:Seq><rdf:li>saved from UNREDACTED Nightingale.docx"
            "</rdf:li></rdf:Seq></xmpMM:History>",
            "",
            "XMP xmpMM:History: saved from UNREDACTED Nightingale.docx",
            id="history",
        ),
        pytest.param(
            "",
            'pdfx:Secret="Acme pays Zenith 4.75 percent"',
            "XMP pdfx:Secret: Acme pays Zenith 4.75 percent",
            id="attribute-form",
        ),
    ],
)
def test_every_xmp_text_node_and_attribute_asks_for_review(inner, attrs, expected):
    report = inspect_pdf(with_xmp(inner, description_attrs=attrs))
    assert report.verdict == "review"
    assert only(report, "metadata").text == expected


def test_ssn_in_a_custom_xmp_property_fails():
    report = inspect_pdf(with_xmp("<pdfx:Employee>SSN 123-45-6789</pdfx:Employee>"))
    assert only(report, "ssn").text == "XXX-XX-6789"
    assert "123-45-6789" not in str(report.to_dict())


def test_xmp_of_dates_identifiers_and_tools_passes():
    inner = (
        "<xmp:CreateDate>2026-01-02T10:11:12-08:00</xmp:CreateDate>"
        "<xmp:CreatorTool>Microsoft Word for Microsoft 365</xmp:CreatorTool>"
        "<pdf:Producer>Adobe PDF Library 23.1</pdf:Producer>"
        "<xmpMM:DocumentID>uuid:6f1c2a3e-0000-4b1c-9d2e-1234567890ab</xmpMM:DocumentID>"
        "<xmpMM:History><rdf:Seq><rdf:li rdf:parseType='Resource'>"
        "<stEvt:action>converted</stEvt:action>"
        "<stEvt:parameters>from application/msword to application/pdf"
        "</stEvt:parameters><stEvt:when>2026-01-02T10:11:12-08:00</stEvt:when>"
        "</rdf:li></rdf:Seq></xmpMM:History>"
    )
    assert_passes(with_xmp(inner, description_attrs='dc:format="application/pdf"'))


def with_form_field(**entries: object) -> bytes:
    pdf = f.new_pdf([BODY])
    field = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            FT=Name.Tx,
            T=String("notes"),
            Rect=Array([0, 0, 0, 0]),
            **{
                k: (pdf.make_stream(v) if isinstance(v, bytes) else v)
                for k, v in entries.items()
            },
        )
    )
    pdf.pages[0].obj.Annots = Array([field])
    pdf.Root.AcroForm = Dictionary(Fields=Array([field]))
    return f.to_bytes(pdf)


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        pytest.param(
            {"DV": String("Acme pays 4.75")},
            ["notes (default): Acme pays 4.75"],
            id="default-value",
        ),
        pytest.param(
            {"V": b"Acme pays 4.75"}, ["notes: Acme pays 4.75"], id="stream-value"
        ),
        pytest.param(
            {"RV": String("<body><p>Acme pays <b>4.75</b></p></body>")},
            ["notes (rich text): Acme pays 4.75"],
            id="rich-text",
        ),
    ],
)
def test_form_field_defaults_stream_values_and_rich_text_ask_for_review(
    entries, expected
):
    report = inspect_pdf(with_form_field(**entries))
    assert [x.text for x in report.findings if x.kind == "form_field"] == expected


def test_page_thumbnail_asks_for_review():
    pdf = f.new_pdf([BODY])
    pdf.pages[0].obj.Thumb = pdf.make_stream(
        bytes(100), Width=10, Height=10, ColorSpace=Name.DeviceGray, BitsPerComponent=8
    )
    report = inspect_pdf(f.to_bytes(pdf))
    assert report.verdict == "review"
    assert only(report, "thumbnail").page == 1


def test_private_application_data_asks_for_review_with_its_text():
    pdf = f.new_pdf([BODY])
    pdf.pages[0].obj.PieceInfo = Dictionary(
        Illustrator=Dictionary(
            Private=Dictionary(Note=String("Acme pays Zenith 4.75 percent")),
            LastModified=String("D:20260101000000"),
        )
    )
    report = inspect_pdf(f.to_bytes(pdf))
    assert only(report, "private_data").text == "Acme pays Zenith 4.75 percent"


XMP_DESCRIPTION = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>Acme pays '
    b"Zenith 4.75 percent</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"
)


def test_page_level_xmp_asks_for_review():
    pdf = f.new_pdf([BODY])
    pdf.pages[0].obj.Metadata = pdf.make_stream(
        XMP_DESCRIPTION, Type=Name.Metadata, Subtype=Name.XML
    )
    finding = only(inspect_pdf(f.to_bytes(pdf)), "metadata")
    assert finding.text == "XMP dc:description: Acme pays Zenith 4.75 percent"
    assert "page 1" in finding.message


def test_xmp_of_an_image_asks_for_review():
    pdf = f.new_pdf([BODY + f.image("Im1", 300, 300, 50, 50)])
    f.add_gray_image(pdf, 0, "Im1", 4, 4, f.text_like_pixels(4, 4))
    pdf.pages[0].obj.Resources.XObject.Im1.Metadata = pdf.make_stream(
        XMP_DESCRIPTION, Type=Name.Metadata, Subtype=Name.XML
    )
    finding = only(inspect_pdf(f.to_bytes(pdf)), "metadata")
    assert "Acme pays Zenith" in finding.text


def test_hidden_annotation_whose_appearance_holds_text_asks_for_review():
    pdf = f.new_pdf([BODY])
    appearance = pdf.make_stream(
        b"BT 0 g /Helv 12 Tf 2 4 Td (Acme pays Zenith 4.75) Tj ET",
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, 260, 18]),
    )
    f.add_annotation(
        pdf,
        0,
        Subtype=Name.FreeText,
        F=2,
        Rect=Array([70, 600, 330, 618]),
        AP=Dictionary(N=appearance),
    )
    report = inspect_pdf(f.to_bytes(pdf))
    assert report.verdict == "review"
    assert only(report, "annotation").text == "Acme pays Zenith 4.75"


def with_link(uri: str, page_text: str = "") -> bytes:
    pdf = f.new_pdf([BODY + page_text])
    f.add_annotation(
        pdf,
        0,
        Subtype=Name.Link,
        Rect=Array([72, 716, 150, 730]),
        A=Dictionary(S=Name.URI, URI=String(uri)),
    )
    return f.to_bytes(pdf)


def test_link_to_an_address_no_page_shows_asks_for_review():
    uri = "https://dms.example/matters/UNREDACTED-Nightingale-pricing.docx"
    report = inspect_pdf(with_link(uri))
    assert report.verdict == "review"
    assert only(report, "link").text == uri


@pytest.mark.parametrize(
    ("uri", "printed"),
    [
        (
            "https://www.uscourts.gov/rules-policies",
            "https://www.uscourts.gov/rules-policies",
        ),
        ("https://www.uscourts.gov/rules-policies/", "uscourts.gov/rules-policies"),
        ("mailto:jane.roe@firm.example", "jane.roe@firm.example"),
    ],
)
def test_link_whose_address_is_printed_on_the_page_passes(uri, printed):
    assert_passes(with_link(uri, f.text(72, 600, f"See {printed}.", size=9)))


# --- titles and bookmarks that only repeat the pages ---------------------------


def test_title_printed_on_the_first_page_is_no_finding():
    pdf = f.new_pdf([BODY + f.text(72, 650, "JOINT MOTION TO SEAL OR REDACT")])
    pdf.docinfo["/Title"] = "Joint Motion to Seal or Redact"
    assert_passes(f.to_bytes(pdf))


def test_title_made_of_the_captions_words_is_no_finding():
    pdf = f.new_pdf(
        [BODY + f.text(300, 650, "Case No. 2:26-cv-01234") + f.text(72, 600, "ORDER")]
    )
    pdf.docinfo["/Title"] = "ORDER — Case No. 2:26-cv-01234"
    assert_passes(f.to_bytes(pdf))


@pytest.mark.parametrize(
    "heading",
    [
        "<h2><span style='display:inline-block;width:30pt'>I.</span>Request to Seal"
        " Documents</h2>",
        "<h2 style='text-transform:uppercase'>Request to seal documents</h2>",
        "<h2>Request to Seal &amp; Redact Documents</h2>",
    ],
)
def test_bookmarks_of_numbered_or_styled_headings_are_no_finding(heading):
    assert_passes(f.html_pdf(f"{heading}<p>Body text.</p>"))


def test_pleading_filing_of_the_app_passes():
    from filings.pdf.pleading import render_pleading
    from tests.pdf import pleading_factory

    assert_passes(render_pleading(pleading_factory.complaint(range(1, 12))))


# --- personal identifiers (Fed. R. Civ. P. 5.2) -------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Claimant SSN 123-45-6789 on file", "ssn"),
        ("Employer EIN 12-3456789 on file", "tin"),
        ("Date of birth: 03/14/1985", "date_of_birth"),
        ("She was born on March 14, 1985 in Reno", "date_of_birth"),
        ("Payments to Account No. 123456789 stopped", "account_number"),
        ("Charged to 4111 1111 1111 1111 twice", "card_number"),
        ("Social Security No. 123456789 per the record", "ssn"),
        ("SSN: 123.45.6789 per the record", "ssn"),
        ("Harrow Group EIN 123456789 was used", "tin"),
        ("Jane Roe was born on March 3rd, 1980.", "date_of_birth"),
        ("born on the 3rd day of March, 1980", "date_of_birth"),
        ("Acct. No. 12345678 at First Bank", "account_number"),
        ("First Bank checking 1234567890 (the account)", "account_number"),
    ],
)
def test_identifier_shown_in_full_on_a_page_fails(line, kind):
    report = inspect_pdf(f.build(BODY + f.text(72, 600, line)))
    assert report.verdict == "fail"
    finding = only(report, kind)
    assert finding.page == 1
    assert finding.bbox is not None and 72 <= finding.bbox[0] < 400


def test_ssn_written_with_en_dashes_fails():
    # Word processors turn hyphens between digits into en dashes.
    report = inspect_pdf(f.html_pdf("<p>Claimant SSN: 123\u201345\u20136789.</p>"))
    assert only(report, "ssn").text == "XXX\u2013XX\u20136789"


@pytest.mark.parametrize(
    "line",
    [
        "Claimant SSN XXX-XX-6789 on file",
        "She was born in 1985",
        "Payments to the account ending in 6789 stopped",
        "Reference 1234 5678 9012 3456 is not a card",
        "Case No. 2:10-cv-01234-ABC-GWF, ECF No. 94-1",
        "Call 775-555-0123 before March 14, 2011",
        "The account for fiscal years 2019-2020 was audited.",
        "Harrow was born of a merger. On March 3, 2019 it filed.",
        "See LUM-0001234 and Bates 123456789 at 12-13.",
        "Version 1.123.45.6789 of the schedule",
    ],
)
def test_identifiers_rule_5_2_allows_pass(line):
    assert_passes(f.build(BODY + f.text(72, 600, line)))


def test_identifier_findings_show_only_the_last_four_digits():
    report = inspect_pdf(f.build(BODY + f.text(72, 600, "SSN 123-45-6789")))
    assert only(report, "ssn").text == "XXX-XX-6789"


def test_find_identifiers_gives_offsets_into_the_text():
    text = "Acct: 0012345678 and SSN 987-65-4321"
    found = {kind: text[start:end] for kind, start, end, _ in find_identifiers(text)}
    assert found == {"account_number": "0012345678", "ssn": "987-65-4321"}


# --- unreadable input --------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"not a pdf at all", b"%PDF-1.7\n%%EOF\n"])
def test_empty_or_malformed_input_is_unreadable(data):
    with pytest.raises(UnreadablePdf):
        inspect_pdf(data)


def test_encrypted_pdf_is_unreadable():
    out = io.BytesIO()
    f.new_pdf([BODY]).save(out, encryption=pikepdf.Encryption(owner="o", user="u"))
    with pytest.raises(UnreadablePdf, match="encrypted"):
        inspect_pdf(out.getvalue())


def test_report_to_dict_lists_verdict_and_findings():
    report = inspect_pdf(f.build(BODY + f.text(72, 600, "GONE", gray=1)))
    data = report.to_dict()
    assert data["verdict"] == "fail"
    assert data["findings"][0]["kind"] == "hidden_text"
    assert len(data["findings"][0]["bbox"]) == 4


# --- hostile structure ----------------------------------------------------------


def test_eof_marker_inside_a_stream_is_not_an_earlier_revision():
    pdf = f.new_pdf([BODY + "% %%EOF\n" + f.text(72, 600, "after the marker")])
    data = f.to_bytes(pdf, compress_streams=False)
    assert data.count(b"%%EOF") == 2
    assert_passes(data)


def test_malformed_annotation_entries_do_not_stop_the_inspection():
    pdf = f.new_pdf([BODY + f.text(72, 600, "SECRET UNDER") + f.box(70, 595, 120, 20)])
    f.add_annotation(
        pdf, 0, Subtype=Name.Highlight, Rect=Array([1, 2]), CA=Name.Bogus, C=String("x")
    )
    report = inspect_pdf(f.to_bytes(pdf))
    assert only(report, "text_under_box").text == "SECRET UNDER"


def test_deeply_nested_forms_are_survived_and_still_checked_by_pixels():
    pdf = f.new_pdf([BODY + f.text(72, 600, "DEEP SECRET") + "q /Fm0 Do Q\n"])
    inner = pdf.make_stream(
        b"0 g 70 590 150 25 re f",
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, 612, 792]),
    )
    for _ in range(30):
        inner = pdf.make_stream(
            b"q /Fm Do Q",
            Type=Name.XObject,
            Subtype=Name.Form,
            BBox=Array([0, 0, 612, 792]),
            Resources=Dictionary(XObject=Dictionary(Fm=inner)),
        )
    pdf.pages[0].obj.Resources.XObject = Dictionary(Fm0=inner)
    assert only(inspect_pdf(f.to_bytes(pdf)), "hidden_text").text == "DEEP SECRET"
