"""The redaction engine on PDFs built here, each carrying a known secret."""

from __future__ import annotations

import io
import time
import zlib

import pdfplumber
import pikepdf
import pytest
from PIL import Image

from filings.pdf.geometry import Region, UnreadablePdf
from filings.pdf.redact import redact_pdf
from tests.pdf.redact_factory import (
    SERIF_TTF,
    all_texts,
    build_pdf,
    decoded_streams,
    html_pdf,
    pdftotext,
    plumber_region,
    plumber_words,
    rgb_image,
    text_ops,
    text_pdf,
    word_region,
)


def assert_gone(pdf: bytes, secret: str) -> None:
    for extractor, text in all_texts(pdf).items():
        assert secret not in text, f"{extractor} still finds {secret!r}"
    assert secret.encode() not in decoded_streams(pdf)


def positions(pdf: bytes, page: int = 1) -> dict[str, tuple[float, float]]:
    return {
        w["text"]: (round(w["x0"], 1), round(w["top"], 1))
        for w in plumber_words(pdf, page)
    }


def assert_kept_in_place(before: bytes, after: bytes, words: list[str]) -> None:
    old, new = positions(before), positions(after)
    for word in words:
        assert word in new, f"{word!r} vanished"
        assert abs(old[word][0] - new[word][0]) <= 1
        assert abs(old[word][1] - new[word][1]) <= 1


LINE = "Public words then SECRETWORD and more public"


def test_secret_word_is_removed_and_neighbours_stay_in_place():
    pdf = text_pdf([(72, 700, LINE), (72, 680, "Second line stays")])
    result = redact_pdf(pdf, [word_region(pdf, "SECRETWORD")])
    assert result.verified and result.raster_pages == []
    assert result.pages[0].glyphs_removed >= len("SECRETWORD")
    assert_gone(result.pdf, "SECRETWORD")
    assert_kept_in_place(pdf, result.pdf, ["Public", "then", "more", "public", "line"])


def test_kerned_tj_array_keeps_following_glyphs_in_place():
    content = (
        b"BT /F1 11 Tf 1.5 Tc 2 Tw 90 Tz 72 700 Td "
        b"[(Kerned)-120.5(AV)80( text )-300(HIDDENFIGURE)45.25( after)] TJ ET"
    )
    pdf = build_pdf([content])
    result = redact_pdf(pdf, [word_region(pdf, "HIDDENFIGURE")])
    assert_gone(result.pdf, "HIDDENFIGURE")
    assert result.raster_pages == []
    assert_kept_in_place(pdf, result.pdf, ["after"])


def test_word_split_by_region_edge_keeps_the_outside_glyphs():
    pdf = text_pdf([(72, 700, "ABCDEFGHIJ rest")])
    word = word_region(pdf, "ABCDEFGHIJ")
    middle = (word.x0 + word.x1) / 2
    result = redact_pdf(pdf, [Region(1, middle, word.top, word.x1 + 1, word.bottom)])
    text = all_texts(result.pdf)["pdfplumber"]
    assert "ABC" in text and "HIJ" not in text and "rest" in text


def test_quote_operators_and_leading_are_tracked():
    content = (
        b"BT /F1 12 Tf 14 TL 72 700 Td (first line) Tj (CONFIDENTIALNAME here) ' ET"
    )
    pdf = build_pdf([content])
    result = redact_pdf(pdf, [word_region(pdf, "CONFIDENTIALNAME")])
    assert_gone(result.pdf, "CONFIDENTIALNAME")
    assert_kept_in_place(pdf, result.pdf, ["here", "first", "line"])
    assert result.raster_pages == []


def test_weasyprint_type0_identity_h_text_is_removed():
    pdf = html_pdf(
        "<p>The licence fee is ZEBRAFEE per unit, payable quarterly.</p>"
        "<p>Nothing else on this line is sealed.</p>"
    )
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        fonts = list(doc.pages[0].Resources.Font.values())
        assert fonts[0].Subtype == "/Type0" and fonts[0].Encoding == "/Identity-H"
    result = redact_pdf(pdf, [word_region(pdf, "ZEBRAFEE")], label="REDACTED")
    assert result.raster_pages == []
    assert_gone(result.pdf, "ZEBRAFEE")
    assert_kept_in_place(pdf, result.pdf, ["licence", "payable", "sealed."])
    assert SERIF_TTF  # the fonts WeasyPrint embeds come from Liberation


def test_standard_fonts_in_other_families():
    for family in ("Times-Roman", "Courier-Bold"):
        pdf = text_pdf([(72, 700, LINE)], font=family)
        result = redact_pdf(pdf, [word_region(pdf, "SECRETWORD")])
        assert result.raster_pages == [], family
        assert_gone(result.pdf, "SECRETWORD")
        assert_kept_in_place(pdf, result.pdf, ["more", "public"])


def _shared_form_pdf() -> bytes:
    def prepare(pdf: pikepdf.Pdf) -> None:
        form = pikepdf.Stream(
            pdf, b"BT /F1 12 Tf 0 0 Td (Letterhead FORMSECRET end) Tj ET"
        )
        form.Type = pikepdf.Name.XObject
        form.Subtype = pikepdf.Name.Form
        form.BBox = [0, -5, 400, 20]
        form.Resources = pikepdf.Dictionary(
            Font=pikepdf.Dictionary(F1=pdf.pages[0].Resources.Font.F1)
        )
        form = pdf.make_indirect(form)
        for page in pdf.pages:
            page.Resources.XObject = pikepdf.Dictionary(Fm1=form)

    body = b"q 1 0 0 1 72 700 cm /Fm1 Do Q " + text_ops([(72, 600, "body text")])
    return build_pdf([body, body], prepare=prepare)


def test_shared_form_xobject_is_copied_before_it_changes():
    pdf = _shared_form_pdf()
    region = word_region(pdf, "FORMSECRET", page=1)
    result = redact_pdf(pdf, [region])
    assert result.raster_pages == []
    with pdfplumber.open(io.BytesIO(result.pdf)) as doc:
        first = doc.pages[0].extract_text()
        second = doc.pages[1].extract_text()
    assert "FORMSECRET" not in first and "Letterhead" in first and "end" in first
    # The other page uses the same form and was not redacted.
    assert "FORMSECRET" in second


def _image_pdf() -> bytes:
    def prepare(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].Resources.XObject = pikepdf.Dictionary(
            Big=rgb_image(pdf, (100, 100), (200, 30, 30)),
            Small=rgb_image(pdf, (10, 10), (30, 200, 30)),
        )

    content = (
        b"q 200 0 0 200 100 400 cm /Big Do Q q 20 0 0 20 320 500 cm /Small Do Q "
        b"q 0 0 1 rg 330 505 5 5 re f Q"
    )
    return build_pdf([content], prepare=prepare)


def test_image_pixels_under_a_region_are_blanked_and_inner_images_dropped():
    pdf = _image_pdf()
    # Covers the right half of Big (x 200..300) and all of Small and the square.
    region = Region(1, 200, 250, 360, 400)
    result = redact_pdf(pdf, [region])
    report = result.pages[0]
    assert report.images_blanked == 1
    assert report.images_removed == 1
    assert report.paths_removed == 1
    with pikepdf.open(io.BytesIO(result.pdf)) as doc:
        images = [
            pikepdf.PdfImage(x).as_pil_image()
            for x in doc.pages[0].Resources.XObject.values()
        ]
    assert len(images) == 1
    picture = images[0].convert("RGB")
    assert picture.getpixel((10, 50)) == (200, 30, 30)  # left half untouched
    assert picture.getpixel((90, 50)) == (0, 0, 0)  # right half blanked
    assert isinstance(picture, Image.Image)


def test_rotated_page_with_offset_media_box():
    lines = [(120, 500, LINE)]
    pdf = text_pdf(
        lines, mediabox=(50, 60, 662, 852), cropbox=(60, 70, 650, 840), rotate=90
    )
    # Measured as pdfplumber measures, the toolkit's public convention.
    region = plumber_region(pdf, "SECRETWORD")
    result = redact_pdf(pdf, [region], label="SEALED")
    assert result.raster_pages == [] and result.empty_regions == []
    assert_gone(result.pdf, "SECRETWORD")
    assert_kept_in_place(pdf, result.pdf, ["Public", "then", "more"])


def test_region_covering_the_whole_page():
    pdf = text_pdf([(72, 700, "ALLSECRET text"), (72, 100, "FOOTSECRET")])
    result = redact_pdf(pdf, [Region(1, 0, 0, 612, 792)], label="REDACTED")
    assert_gone(result.pdf, "ALLSECRET")
    assert_gone(result.pdf, "FOOTSECRET")
    assert result.verified


def test_encrypted_input_is_refused_with_a_clear_error():
    pdf = text_pdf([(72, 700, LINE)])
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        buffer = io.BytesIO()
        doc.save(buffer, encryption=pikepdf.Encryption(owner="o", user="u"))
    with pytest.raises(UnreadablePdf, match="encrypted"):
        redact_pdf(buffer.getvalue(), [Region(1, 0, 0, 10, 10)])


def test_garbage_input_is_unreadable():
    with pytest.raises(UnreadablePdf):
        redact_pdf(b"%PDF-1.7\nthis is not really a pdf", [Region(1, 0, 0, 10, 10)])


def test_region_beyond_the_last_page_is_rejected():
    pdf = text_pdf([(72, 700, LINE)])
    with pytest.raises(ValueError, match="page 3"):
        redact_pdf(pdf, [Region(3, 0, 0, 10, 10)])


def test_unterminated_string_in_content_stream_still_redacts():
    content = text_ops([(72, 700, LINE)]) + b"\nBT /F1 12 Tf (unterminated ] TJ 5 Tz ET"
    pdf = build_pdf([content])
    result = redact_pdf(pdf, [word_region(pdf, "SECRETWORD")])
    assert_gone(result.pdf, "SECRETWORD")


def test_malformed_content_stream_falls_back_to_a_raster_page():
    content = text_ops([(72, 700, LINE)]) + b"\nBT /F1 12 Tf /Bogus (x) Td (y) Tj ET"
    pdf = build_pdf([content])
    region = word_region(pdf, "SECRETWORD")
    result = redact_pdf(pdf, [region])
    assert result.raster_pages == [1]
    assert result.pages[0].raster_reason
    assert_gone(result.pdf, "SECRETWORD")


def test_type3_font_page_is_rasterised():
    def prepare(pdf: pikepdf.Pdf) -> None:
        glyph = pdf.make_stream(b"500 0 0 0 500 500 d1 0 0 500 500 re f")
        font = pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type3,
            FontBBox=[0, 0, 500, 500],
            FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
            CharProcs=pikepdf.Dictionary(box=glyph),
            Encoding=pikepdf.Dictionary(Differences=[65, pikepdf.Name.box]),
            FirstChar=65,
            LastChar=65,
            Widths=[500],
        )
        pdf.pages[0].Resources.Font.T3 = pdf.make_indirect(font)

    content = text_ops([(72, 700, LINE)]) + b"\nBT /T3 12 Tf 72 650 Td (AAA) Tj ET"
    pdf = build_pdf([content], prepare=prepare)
    result = redact_pdf(pdf, [word_region(pdf, "SECRETWORD")])
    assert result.raster_pages == [1]
    assert "Type3" in (result.pages[0].raster_reason or "")
    assert_gone(result.pdf, "SECRETWORD")


def test_annotation_over_a_region_and_hidden_data_are_removed():
    def prepare(pdf: pikepdf.Pdf) -> None:
        note = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Text,
            Rect=[100, 690, 120, 710],
            Contents=pikepdf.String("NOTESECRET"),
        )
        pdf.pages[0].Annots = pdf.make_indirect(
            pikepdf.Array([pdf.make_indirect(note)])
        )
        pdf.docinfo["/Title"] = "TITLESECRET"

    pdf = build_pdf([text_ops([(72, 700, LINE)])], prepare=prepare)
    result = redact_pdf(pdf, [word_region(pdf, "SECRETWORD")])
    data = decoded_streams(result.pdf)
    assert b"NOTESECRET" not in data and b"TITLESECRET" not in data


def test_white_text_under_a_black_box_is_removed_too():
    content = (
        text_ops([(72, 700, LINE)])
        + b"\nq 1 g BT 3 Tr /F1 12 Tf 200 650 Td (INVISIBLESECRET) Tj ET Q"
    )
    pdf = build_pdf([content])
    region = word_region(pdf, "INVISIBLESECRET")
    result = redact_pdf(pdf, [region])
    assert_gone(result.pdf, "INVISIBLESECRET")
    assert "SECRETWORD" in all_texts(result.pdf)["pdfplumber"]


def test_label_is_drawn_inside_the_box():
    pdf = text_pdf([(72, 700, LINE)])
    region = word_region(pdf, "SECRETWORD")
    result = redact_pdf(pdf, [region], label="REDACTED")
    with pdfplumber.open(io.BytesIO(result.pdf)) as doc:
        page = doc.pages[0]
        label = [c for c in page.chars if c["fontname"] == "Helvetica-Bold"]
        boxes = [r for r in page.rects if r["non_stroking_color"] in ((0,), [0], 0)]
    assert "".join(c["text"] for c in label) == "REDACTED"
    assert all(region.x0 <= c["x0"] and c["x1"] <= region.x1 for c in label)
    assert boxes, "no black box drawn"


# ------------------------------------------------------------------ command


def _write(tmp_path, pdf: bytes, regions: list[Region]):
    import json

    source = tmp_path / "sealed.pdf"
    source.write_bytes(pdf)
    spec = tmp_path / "regions.json"
    spec.write_text(json.dumps({"regions": [r.to_dict() for r in regions]}))
    return source, spec


def test_redact_command_writes_verified_output_and_prints_summary(tmp_path):
    import json

    from django.core.management import call_command

    pdf = build_pdf([text_ops([(72, 700, LINE)]), text_ops([(72, 700, "page two")])])
    source, spec = _write(tmp_path, pdf, [word_region(pdf, "SECRETWORD")])
    target = tmp_path / "public.pdf"
    out = io.StringIO()
    call_command(
        "redact",
        str(source),
        str(target),
        regions=str(spec),
        label="REDACTED",
        stdout=out,
    )
    summary = json.loads(out.getvalue())
    assert summary == {
        "pages": 2,
        "regions": 1,
        "raster_pages": [],
        "verified": True,
        "warnings": [],
    }
    assert_gone(target.read_bytes(), "SECRETWORD")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_redact_command_leaves_no_file_when_input_is_unreadable(tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    source, spec = _write(tmp_path, b"%PDF-1.4 garbage", [Region(1, 0, 0, 5, 5)])
    target = tmp_path / "public.pdf"
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("redact", str(source), str(target), regions=str(spec))
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["regions.json", "sealed.pdf"]


def test_redact_command_rejects_bad_regions_file(tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    pdf = text_pdf([(72, 700, LINE)])
    source, spec = _write(tmp_path, pdf, [])
    spec.write_text('{"regions": [{"page": 1, "x0": 5}]}')
    with pytest.raises(CommandError, match="not a region"):
        call_command("redact", str(source), str(tmp_path / "o.pdf"), regions=str(spec))
    assert not (tmp_path / "o.pdf").exists()


def test_redact_command_locates_portions_first(tmp_path):
    import json

    from django.core.management import call_command

    from filings.pdf.pleading import render_pleading
    from tests.pdf.pleading_factory import complaint

    pdf = render_pleading(complaint(range(1, 6), words=20))
    source = tmp_path / "complaint.pdf"
    source.write_bytes(pdf)
    target = tmp_path / "public.pdf"
    out = io.StringIO()
    call_command("redact", str(source), str(target), portions="¶ 3", stdout=out)
    assert json.loads(out.getvalue())["verified"] is True
    text = all_texts(target.read_bytes())["pdftotext"]
    assert "p3w5" not in text and "p3w20" not in text
    assert "p2w20" in text and "p4w1" in text


# ------------------------------------------------------ constructs that raster


def test_jbig2_image_partly_under_a_region_rasterises_the_page():
    def prepare(pdf: pikepdf.Pdf) -> None:
        image = pikepdf.Stream(pdf, b"\x00" * 64)
        image.Type = pikepdf.Name.XObject
        image.Subtype = pikepdf.Name.Image
        image.Width, image.Height = 16, 16
        image.ColorSpace = pikepdf.Name.DeviceGray
        image.BitsPerComponent = 1
        image.Filter = pikepdf.Name.JBIG2Decode
        pdf.pages[0].Resources.XObject = pikepdf.Dictionary(
            Scan=pdf.make_indirect(image)
        )

    content = text_ops([(72, 700, LINE)]) + b"\nq 300 0 0 100 150 650 cm /Scan Do Q"
    pdf = build_pdf([content], prepare=prepare)
    result = redact_pdf(pdf, [word_region(pdf, "SECRETWORD")])
    assert result.raster_pages == [1]
    assert "JBIG2" in (result.pages[0].raster_reason or "")
    assert_gone(result.pdf, "SECRETWORD")


def test_vertical_writing_rasterises_the_page():
    def prepare(pdf: pikepdf.Pdf) -> None:
        cid_font = pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.CIDFontType2,
            BaseFont=pikepdf.Name("/LiberationSerif"),
            CIDSystemInfo=pikepdf.Dictionary(
                Registry=pikepdf.String("Adobe"),
                Ordering=pikepdf.String("Identity"),
                Supplement=0,
            ),
            DW=1000,
        )
        font = pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type0,
            BaseFont=pikepdf.Name("/LiberationSerif"),
            Encoding=pikepdf.Name("/Identity-V"),
            DescendantFonts=[pdf.make_indirect(cid_font)],
        )
        pdf.pages[0].Resources.Font.V1 = pdf.make_indirect(font)

    content = (
        text_ops([(72, 700, LINE)]) + b"\nBT /V1 12 Tf 500 600 Td <00410042> Tj ET"
    )
    pdf = build_pdf([content], prepare=prepare)
    result = redact_pdf(pdf, [word_region(pdf, "SECRETWORD")])
    assert result.raster_pages == [1]
    assert "vertical" in (result.pages[0].raster_reason or "")
    assert_gone(result.pdf, "SECRETWORD")


def test_raster_page_keeps_the_unredacted_look_outside_the_region():
    content = text_ops([(72, 700, LINE)]) + b"\nBT /F1 12 Tf /Bogus (x) Td ET"
    pdf = build_pdf([content])
    region = word_region(pdf, "SECRETWORD")
    result = redact_pdf(pdf, [region])
    assert result.raster_pages == [1]
    import pypdfium2

    document = pypdfium2.PdfDocument(result.pdf)
    picture = document[0].render(scale=1).to_pil().convert("L")
    document.close()
    inside = picture.getpixel((int((region.x0 + region.x1) / 2), int(region.top + 4)))
    blank = picture.getpixel((500, 400))
    assert inside < 40 and blank > 215


def test_image_under_a_region_on_a_rotated_page_and_its_soft_mask_are_blanked():
    def prepare(pdf: pikepdf.Pdf) -> None:
        image = rgb_image(pdf, (50, 50), (10, 120, 250))
        mask = pikepdf.Stream(pdf, zlib.compress(bytes([200]) * 2500))
        mask.Type = pikepdf.Name.XObject
        mask.Subtype = pikepdf.Name.Image
        mask.Width, mask.Height = 50, 50
        mask.ColorSpace = pikepdf.Name.DeviceGray
        mask.BitsPerComponent = 8
        mask.Filter = pikepdf.Name.FlateDecode
        image.SMask = pdf.make_indirect(mask)
        pdf.pages[0].Resources.XObject = pikepdf.Dictionary(Photo=image)

    pdf = build_pdf(
        [b"q 200 0 0 200 100 300 cm /Photo Do Q"], rotate=90, prepare=prepare
    )
    # Displayed page: rotated 90 clockwise; the image spans x 300..500 there.
    result = redact_pdf(pdf, [Region(1, 300, 100, 400, 400)])
    assert result.pages[0].images_blanked == 1 and result.raster_pages == []
    with pikepdf.open(io.BytesIO(result.pdf)) as doc:
        (image,) = doc.pages[0].Resources.XObject.values()
        pixels = pikepdf.PdfImage(image).as_pil_image().convert("RGB")
        mask = pikepdf.PdfImage(image.SMask).as_pil_image()
    colours = {
        pixels.getpixel((x, y)) for x in range(0, 50, 7) for y in range(0, 50, 7)
    }
    assert (0, 0, 0) in colours and (10, 120, 250) in colours
    alphas = {mask.getpixel((x, y)) for x in range(0, 50, 7) for y in range(0, 50, 7)}
    assert alphas == {0, 200}


# ------------------------------------------------------------------ the gate


def test_page_that_fails_verification_is_redone_as_an_image(monkeypatch):
    from filings.pdf import redact

    # An engine that forgets to remove anything: the gate must catch it.
    monkeypatch.setattr(redact, "_boxes_touch", lambda box, regions: False)
    pdf = text_pdf([(72, 700, LINE)])
    result = redact_pdf(pdf, [word_region(pdf, "SECRETWORD")])
    assert result.raster_pages == [1]
    assert "failed verification" in (result.pages[0].raster_reason or "")
    assert_gone(result.pdf, "SECRETWORD")


def test_output_that_cannot_be_verified_is_never_returned(monkeypatch):
    from filings.pdf import redact
    from filings.pdf.redact import RedactionFailed
    from filings.pdf.verify import VerificationReport

    def always_leaky(*args, **kwargs):
        return VerificationReport(page_failures={1: ["pdfium finds 'SECRETWORD'"]})

    monkeypatch.setattr(redact, "verify_redaction", always_leaky)
    pdf = text_pdf([(72, 700, LINE)])
    with pytest.raises(RedactionFailed, match="SECRETWORD"):
        redact_pdf(pdf, [word_region(pdf, "SECRETWORD")])


def test_owner_password_only_file_is_decrypted_and_redacted():
    pdf = text_pdf([(72, 700, LINE), (72, 680, "Second line stays")])
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        buffer = io.BytesIO()
        doc.save(
            buffer,
            encryption=pikepdf.Encryption(
                owner="owner", user="", allow=pikepdf.Permissions(extract=False)
            ),
        )
    locked = buffer.getvalue()
    result = redact_pdf(locked, [word_region(pdf, "SECRETWORD")])
    assert result.raster_pages == []
    with pikepdf.open(io.BytesIO(result.pdf)) as doc:
        assert not doc.is_encrypted
    assert_gone(result.pdf, "SECRETWORD")
    assert_kept_in_place(pdf, result.pdf, ["Public", "then", "more", "Second"])
    assert redact_pdf(locked, [word_region(pdf, "SECRETWORD")]).pdf == result.pdf


def test_redact_command_explains_a_file_that_needs_a_password(tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    pdf = text_pdf([(72, 700, LINE)])
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        buffer = io.BytesIO()
        doc.save(buffer, encryption=pikepdf.Encryption(owner="o", user="u"))
    source, spec = _write(tmp_path, buffer.getvalue(), [word_region(pdf, "SECRETWORD")])
    target = tmp_path / "public.pdf"
    with pytest.raises(CommandError, match="password needed to open it"):
        call_command("redact", str(source), str(target), regions=str(spec))
    assert not target.exists()


def test_cid_width_ranges_and_standard_encoding_differences():
    from filings.pdf.fonts import _cid_widths, load_font

    widths = _cid_widths(pikepdf.Array([3, [250, 333], 10, 12, 500]))
    assert widths == {3: 250, 4: 333, 10: 500, 11: 500, 12: 500}
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type1,
        BaseFont=pikepdf.Name.Helvetica,
        Encoding=pikepdf.Dictionary(
            BaseEncoding=pikepdf.Name.WinAnsiEncoding,
            Differences=[65, pikepdf.Name("/W")],
        ),
    )
    metrics = load_font(font)
    assert metrics.width(b"A") == 944  # Helvetica's W, through /Differences
    assert metrics.width(b"B") == 667


def test_scanned_jpeg_under_a_region_stays_a_jpeg_with_the_region_black():
    def prepare(pdf: pikepdf.Pdf) -> None:
        scan = Image.new("L", (200, 100), 230)
        encoded = io.BytesIO()
        scan.save(encoded, format="JPEG")
        image = pikepdf.Stream(pdf, encoded.getvalue())
        image.Type = pikepdf.Name.XObject
        image.Subtype = pikepdf.Name.Image
        image.Width, image.Height = 200, 100
        image.ColorSpace = pikepdf.Name.DeviceGray
        image.BitsPerComponent = 8
        image.Filter = pikepdf.Name.DCTDecode
        pdf.pages[0].Resources.XObject = pikepdf.Dictionary(
            Scan=pdf.make_indirect(image)
        )

    # The scan fills x 100..500, y 400..600; invisible OCR text sits on it.
    content = (
        b"q 400 0 0 200 100 400 cm /Scan Do Q "
        b"BT 3 Tr /F1 12 Tf 120 500 Td (OCRSECRET visible) Tj ET"
    )
    pdf = build_pdf([content], prepare=prepare)
    region = word_region(pdf, "OCRSECRET")
    result = redact_pdf(pdf, [region])
    assert result.raster_pages == [] and result.pages[0].images_blanked == 1
    assert_gone(result.pdf, "OCRSECRET")
    with pikepdf.open(io.BytesIO(result.pdf)) as doc:
        (image,) = doc.pages[0].Resources.XObject.values()
        assert image.Filter == "/DCTDecode"
        pixels = pikepdf.PdfImage(image).as_pil_image()
    # Region centre, in image pixels (2 points per pixel, origin top-left).
    px = int(((region.x0 + region.x1) / 2 - 100) / 2)
    py = int(((region.top + region.bottom) / 2 - (792 - 600)) / 2)
    assert pixels.getpixel((px, py)) < 30
    assert pixels.getpixel((190, 90)) > 200


def test_overlapping_labelled_regions_and_raised_text():
    content = (
        b"BT /F1 12 Tf 72 700 Td (Intro ) Tj 3 Ts (RAISEDSECRET) Tj 0 Ts ( outro) Tj ET"
    )
    pdf = build_pdf([content])
    word = word_region(pdf, "RAISEDSECRET")
    half = (word.x0 + word.x1) / 2
    regions = [
        Region(1, word.x0, word.top, half + 5, word.bottom),
        Region(1, half - 5, word.top, word.x1, word.bottom),
    ]
    result = redact_pdf(pdf, regions, label="SEALED")
    assert result.raster_pages == []
    assert_gone(result.pdf, "RAISEDSECRET")
    assert_kept_in_place(pdf, result.pdf, ["Intro", "outro"])


def test_region_with_a_coordinate_that_is_not_a_number_is_rejected():
    pdf = text_pdf([(72, 700, LINE)])
    with pytest.raises(ValueError, match="not a number"):
        redact_pdf(pdf, [Region(1, float("nan"), 0, 10, 10)])


def test_actual_text_repeating_a_redacted_word_is_dropped():
    content = (
        text_ops([(72, 700, LINE)])
        + b"\n/Span <</ActualText (ACTUALSECRET)>> BDC "
        + b"BT /F1 12 Tf 72 650 Td (ACTUALSECRET) Tj ET EMC"
    )
    pdf = build_pdf([content])
    assert b"ACTUALSECRET" in decoded_streams(pdf)
    result = redact_pdf(pdf, [word_region(pdf, "ACTUALSECRET")])
    assert result.raster_pages == []
    assert_gone(result.pdf, "ACTUALSECRET")


def test_overlapping_labelled_boxes_pass_the_bad_redaction_inspector():
    from filings.pdf.inspect import inspect_pdf

    pdf = text_pdf([(72, 700, LINE), (72, 686, "second SECRETLINE here")])
    first = word_region(pdf, "SECRETWORD")
    second = word_region(pdf, "SECRETLINE")
    # One box over both lines and one over the first word: they overlap.
    union = Region(1, second.x0, first.top, first.x1, second.bottom)
    result = redact_pdf(pdf, [union, first], label="REDACTED")
    assert inspect_pdf(result.pdf).findings == []


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_raster_fallback_burns_the_box_where_the_region_is_displayed(rotate):
    import pypdfium2

    # Text turned against /Rotate so that it reads upright on screen.
    a, b, c, d = {90: (0, 1, -1, 0), 180: (-1, 0, 0, -1), 270: (0, -1, 1, 0)}[rotate]
    content = (
        f"BT /F1 12 Tf {a} {b} {c} {d} 350 450 Tm ({LINE}) Tj ET\n"
        "BT /F1 12 Tf /Bogus (x) Td ET"
    ).encode()
    pdf = build_pdf(
        [content], rotate=rotate, mediabox=(0, 0, 700, 880), cropbox=(50, 40, 662, 832)
    )
    region = word_region(pdf, "SECRETWORD")
    result = redact_pdf(pdf, [region], coordinates="visible")
    assert result.raster_pages == [1]
    document = pypdfium2.PdfDocument(result.pdf)
    # Region coordinates are the displayed page's: pixels at scale 1.
    picture = document[0].render(scale=1).to_pil().convert("L")
    document.close()
    centre = ((region.x0 + region.x1) / 2, (region.top + region.bottom) / 2)
    assert picture.getpixel(centre) < 40
    outside = (centre[0] + (region.x1 - region.x0), centre[1] + 100)
    assert picture.getpixel(outside) > 215


def test_page_pdfminer_cannot_read_is_redone_as_an_image():
    clean = text_pdf([(72, 700, LINE)])
    region = word_region(clean, "SECRETWORD")
    # PDFium and qpdf shrug this off; pdfminer stops reading the page.
    broken = build_pdf([text_ops([(72, 700, LINE)]) + b"\n[[[ <<< >>"])
    result = redact_pdf(broken, [region])
    assert result.raster_pages == [1]
    assert "pdfminer" in (result.pages[0].raster_reason or "")
    assert "SECRETWORD" not in all_texts(result.pdf)["pdfium"]
    assert "SECRETWORD" not in all_texts(result.pdf)["pdftotext"]


def test_redact_command_refuses_portions_it_cannot_find(tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from filings.pdf.pleading import render_pleading
    from tests.pdf.pleading_factory import complaint

    source = tmp_path / "complaint.pdf"
    source.write_bytes(render_pleading(complaint(range(1, 4), words=10)))
    target = tmp_path / "public.pdf"
    with pytest.raises(CommandError, match="99"):
        call_command("redact", str(source), str(target), portions="¶¶ 2, 99")
    assert not target.exists()


def test_subpaths_inside_a_region_leave_a_path_that_crosses_it():
    # One filled path of three squares, as text turned into outlines would be.
    content = b"0 0 1 rg 100 600 10 10 re 300 600 10 10 re 500 600 10 10 re f"
    pdf = build_pdf([content])
    region = Region(1, 290, 792 - 615, 320, 792 - 595)
    result = redact_pdf(pdf, [region])
    assert result.pages[0].paths_removed == 1
    with pikepdf.open(io.BytesIO(result.pdf)) as doc:
        ops = pikepdf.parse_content_stream(doc.pages[0])
    squares = [
        [float(v) for v in inst.operands]
        for inst in ops
        if str(inst.operator) == "re" and float(inst.operands[2]) == 10
    ]
    assert squares == [[100, 600, 10, 10], [500, 600, 10, 10]]


def test_redacting_twice_gives_the_same_bytes_even_without_a_file_id():
    pdf = html_pdf("<p>The licence fee is ZEBRAFEE per unit.</p>")
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert "/ID" not in doc.trailer  # WeasyPrint writes none: qpdf must fix one
    region = word_region(pdf, "ZEBRAFEE")
    first = redact_pdf(pdf, [region], label="REDACTED").pdf
    time.sleep(1.1)  # qpdf's default /ID hashes the time, to the second
    assert redact_pdf(pdf, [region], label="REDACTED").pdf == first


# ------------------------------------------------------------- coordinates


def test_pdfplumber_coordinates_convert_to_the_visible_corner_and_back():
    from filings.pdf.geometry import PageBoxes, from_pdfplumber, to_pdfplumber

    cropped = PageBoxes(mediabox=(0, 0, 612, 792), cropbox=(50, 50, 562, 742))
    pdf = text_pdf([(100, 700, "Marker")], cropbox=(50, 50, 562, 742))
    measured = plumber_region(pdf, "Marker")
    assert measured.x0 == pytest.approx(100) and measured.top == pytest.approx(
        82.5, abs=0.1
    )
    visible = from_pdfplumber(measured, cropped)
    assert (visible.x0, visible.top) == pytest.approx((50, measured.top - 50))
    assert visible == word_region(pdf, "Marker")
    back = to_pdfplumber(visible, cropped)
    assert (back.x0, back.top, back.x1, back.bottom) == pytest.approx(
        (measured.x0, measured.top, measured.x1, measured.bottom)
    )


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_region_measured_by_pdfplumber_on_a_cropped_page_is_removed(rotate):
    # Text turned against /Rotate, so that it reads upright on screen.
    a, b, c, d = {0: (1, 0, 0, 1), 90: (0, 1, -1, 0), 180: (-1, 0, 0, -1)}.get(
        rotate, (0, -1, 1, 0)
    )
    content = f"BT /F1 12 Tf {a} {b} {c} {d} 300 420 Tm ({LINE}) Tj ET"
    pdf = build_pdf(
        [content.encode()],
        mediabox=(0, 0, 612, 792),
        cropbox=(50, 50, 562, 742),
        rotate=rotate,
    )
    result = redact_pdf(pdf, [plumber_region(pdf, "SECRETWORD")])
    assert result.raster_pages == [] and result.empty_regions == []
    assert result.pages[0].glyphs_removed >= len("SECRETWORD")
    assert_gone(result.pdf, "SECRETWORD")
    assert_kept_in_place(pdf, result.pdf, ["Public", "then", "more"])


def test_redact_command_takes_regions_as_pdfplumber_measures_them(tmp_path):
    import json

    from django.core.management import call_command

    pdf = text_pdf([(100, 700, LINE)], cropbox=(50, 50, 562, 742))
    source, spec = _write(tmp_path, pdf, [plumber_region(pdf, "SECRETWORD")])
    target = tmp_path / "public.pdf"
    out = io.StringIO()
    call_command("redact", str(source), str(target), regions=str(spec), stdout=out)
    assert json.loads(out.getvalue())["warnings"] == []
    assert_gone(target.read_bytes(), "SECRETWORD")


def test_redact_command_warns_about_a_region_over_nothing(tmp_path):
    import json

    from django.core.management import call_command

    pdf = build_pdf([text_ops([(72, 700, LINE)]), text_ops([(72, 700, "page two")])])
    blank = Region(2, 300, 400, 400, 420)
    source, spec = _write(tmp_path, pdf, [word_region(pdf, "SECRETWORD"), blank])
    target = tmp_path / "public.pdf"
    out = io.StringIO()
    call_command("redact", str(source), str(target), regions=str(spec), stdout=out)
    summary = json.loads(out.getvalue())
    assert summary["verified"] is True
    assert [(w["region"], w["page"]) for w in summary["warnings"]] == [(2, 2)]
    assert "covers no character" in summary["warnings"][0]["warning"]


def test_pattern_cell_with_text_painted_over_a_region_rasterises_the_page():
    def prepare(doc: pikepdf.Pdf) -> None:
        page = doc.pages[0]
        cell = doc.make_stream(b"BT /F1 9 Tf 0 3 Td (PATTERNTEXT) Tj ET")
        cell.Type, cell.PatternType, cell.PaintType = pikepdf.Name.Pattern, 1, 1
        cell.TilingType, cell.BBox, cell.XStep, cell.YStep = 1, [0, 0, 80, 14], 80, 14
        cell.Resources = pikepdf.Dictionary(Font=page.Resources.Font)
        page.Resources.Pattern = pikepdf.Dictionary(P0=cell)
        page.contents_add(
            doc.make_stream(b"q /Pattern cs /P0 scn 100 600 200 14 re f Q")
        )

    pdf = build_pdf([text_ops([(72, 700, LINE)])], prepare=prepare)
    # Over the patterned bar: nothing extracts the cell's text, so only the
    # engine knows it is there.
    result = redact_pdf(pdf, [Region(1, 150, 792 - 616, 200, 792 - 602)])
    assert result.raster_pages == [1]
    assert "pattern" in result.pages[0].raster_reason
    assert b"PATTERNTEXT" not in decoded_streams(result.pdf)


# ------------------------------------- pdfminer's quirks need no raster


@pytest.mark.parametrize("char_space", [0.5, 1.5, 2])
def test_first_word_of_a_line_with_character_spacing_stays_text(char_space):
    content = (
        f"BT /F1 12 Tf 72 700 Td (Heading public) Tj ET BT /F1 12 Tf {char_space} Tc "
        "72 650 Td (SECRETWORD and the rest of the line) Tj ET"
    ).encode()
    pdf = build_pdf([content])
    result = redact_pdf(pdf, [word_region(pdf, "SECRETWORD")])
    assert result.raster_pages == [], result.pages[0].raster_reason
    assert_gone(result.pdf, "SECRETWORD")
    assert_kept_in_place(pdf, result.pdf, ["and", "rest", "line", "Heading"])


def test_a_whole_operator_removed_before_more_text_on_its_line_stays_text():
    content = (
        b"BT /F1 12 Tf 2 Tc 72 700 Td (Intro ) Tj (SECRETWORD) Tj ( outro text) Tj ET"
    )
    pdf = build_pdf([content])
    result = redact_pdf(pdf, [word_region(pdf, "SECRETWORD")])
    assert result.raster_pages == [], result.pages[0].raster_reason
    assert_gone(result.pdf, "SECRETWORD")


QUOTED = (
    b"BT /F1 12 Tf 14 TL 72 700 Td (Line one) Tj"
    b' 2 1 (Alpha SECRETWORD Omega) " (and more) Tj ET'
)


def test_double_quote_text_goes_where_pdfplumber_shows_it():
    # pdfplumber shows the text of " one line too high (pdfminer forgets the
    # move to the next line); a region measured there must still remove it.
    pdf = build_pdf([QUOTED])
    region = word_region(pdf, "SECRETWORD")
    assert region.top < 792 - 700  # on the first line, by pdfplumber
    result = redact_pdf(pdf, [region])
    assert result.raster_pages == [], result.pages[0].raster_reason
    assert_gone(result.pdf, "SECRETWORD")
    texts = all_texts(result.pdf)
    assert all("Alpha" in t and "Omega" in t and "more" in t for t in texts.values())


def test_double_quote_text_goes_where_it_is_drawn():
    from filings.pdf.layout import analyze

    pdf = build_pdf([QUOTED])
    words = [w for line in analyze(pdf).pages[0].lines for w in line.words]
    (word,) = [w for w in words if w.text == "SECRETWORD"]
    assert word.top > 792 - 700  # on the second line, by PDFium
    region = Region(1, word.x0, word.top, word.x1, word.bottom)
    result = redact_pdf(pdf, [region], coordinates="visible")
    assert result.raster_pages == [], result.pages[0].raster_reason
    assert_gone(result.pdf, "SECRETWORD")
    # Written out as Tw, Tc, T* and TJ, which pdfplumber reads where it is.
    assert plumber_region(result.pdf, "Alpha").top > 792 - 700


def test_redacted_words_spelled_like_pdf_keys_do_not_fail_the_gate():
    # Object streams spell their objects' keys (/Count, /Flags, /Length, /Type,
    # /First ...); a sentence using those words must still redact cleanly.
    sentence = "Count flags length type first filter"
    pdf = html_pdf(f"<p>Public words. {sentence} and more public words.</p>")
    regions = [word_region(pdf, word) for word in sentence.split()]
    result = redact_pdf(pdf, regions, coordinates="visible")
    text = pdftotext(result.pdf)
    assert "Public words." in text
    for word in sentence.split():
        assert word not in text
