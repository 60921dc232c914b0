"""Hidden data is stripped from every public version."""

from __future__ import annotations

import io

import pikepdf
import pytest

from filings.pdf.geometry import UnreadablePdf
from filings.pdf.sanitize import sanitize_pdf
from filings.pdf.verify import hidden_data
from tests.pdf.redact_factory import build_pdf, decoded_streams, text_ops


def _loaded_pdf() -> bytes:
    """A filing carrying every kind of hidden data, each holding LEAKMARK."""

    def prepare(pdf: pikepdf.Pdf) -> None:
        page = pdf.pages[0]
        pdf.docinfo["/Title"] = "LEAKMARK title"
        pdf.Root.Metadata = pdf.make_stream(b"<x:xmpmeta>LEAKMARK xmp</x:xmpmeta>")
        note = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Text,
                Rect=[10, 10, 20, 20],
                Contents=pikepdf.String("LEAKMARK sticky note"),
            )
        )
        field = pdf.make_indirect(
            pikepdf.Dictionary(
                FT=pikepdf.Name.Tx, T=pikepdf.String("f"), V=pikepdf.String("LEAKMARK")
            )
        )
        page.Annots = pikepdf.Array([note])
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]))
        attachment = pdf.make_stream(b"LEAKMARK attached original")
        attachment.Type = pikepdf.Name.EmbeddedFile
        spec = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Filespec,
                F=pikepdf.String("original.docx"),
                EF=pikepdf.Dictionary(F=attachment),
            )
        )
        script = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("LEAKMARK"))
        )
        pdf.Root.Names = pikepdf.Dictionary(
            EmbeddedFiles=pikepdf.Dictionary(Names=[pikepdf.String("a"), spec]),
            JavaScript=pikepdf.Dictionary(Names=[pikepdf.String("j"), script]),
        )
        pdf.Root.AF = pikepdf.Array([spec])
        pdf.Root.OpenAction = script
        page.AA = pikepdf.Dictionary(O=script)
        outline = pdf.make_indirect(
            pikepdf.Dictionary(Title=pikepdf.String("LEAKMARK"))
        )
        pdf.Root.Outlines = pdf.make_indirect(
            pikepdf.Dictionary(First=outline, Last=outline, Count=1)
        )
        page.PieceInfo = pikepdf.Dictionary(
            App=pikepdf.Dictionary(Private=pikepdf.String("LEAKMARK"))
        )
        page.Thumb = pdf.make_stream(b"LEAKMARK thumbnail")
        picture = pdf.make_stream(b"\x00" * 4)
        picture.Type, picture.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        picture.Width, picture.Height, picture.BitsPerComponent = 2, 2, 8
        picture.ColorSpace = pikepdf.Name.DeviceGray
        original_scan = pdf.make_stream(b"LEAKMARK unredacted alternate image")
        picture.Alternates = [pikepdf.Dictionary(Image=original_scan)]
        page.Resources.XObject = pikepdf.Dictionary(Im1=picture)
        pdf.Root.Dests = pikepdf.Dictionary(
            LEAKMARK=pikepdf.Array([page.obj, pikepdf.Name.Fit])
        )

    content = text_ops([(72, 700, "Public text")]) + b" q 2 0 0 2 9 9 cm /Im1 Do Q"
    return build_pdf([content], prepare=prepare)


def test_every_kind_of_hidden_data_is_removed():
    pdf = _loaded_pdf()
    assert b"LEAKMARK" in decoded_streams(pdf)
    clean = sanitize_pdf(pdf)
    assert b"LEAKMARK" not in decoded_streams(clean)
    with pikepdf.open(io.BytesIO(clean)) as doc:
        assert hidden_data(doc) == []
        assert "/Dests" not in doc.Root
        assert "/Info" not in doc.trailer


def test_earlier_revisions_are_not_kept():
    pdf = text_pdf_with_revision()
    assert pdf.count(b"%%EOF") == 2
    clean = sanitize_pdf(pdf)
    assert clean.count(b"%%EOF") == 1
    assert b"OLDREVISION" not in decoded_streams(clean)
    assert b"OLDREVISION" not in clean


def text_pdf_with_revision() -> bytes:
    """An incremental update that replaced the page content; the old stays behind."""
    original = build_pdf([text_ops([(72, 700, "OLDREVISION")])])
    with pikepdf.open(io.BytesIO(original)) as doc:
        old_content = doc.pages[0].Contents.objgen
        new = doc.make_stream(text_ops([(72, 700, "Current text")]))
        doc.pages[0].Contents = new
        out = io.BytesIO()
        doc.save(out, compress_streams=False)
    updated = out.getvalue()
    # Glue the old file in front, as an incremental save does.
    assert old_content
    return original + updated[updated.index(b"\n") + 1 :]


def test_visible_text_survives_sanitizing():
    clean = sanitize_pdf(_loaded_pdf())
    from tests.pdf.redact_factory import plumber_text

    assert "Public text" in plumber_text(clean)


def test_encrypted_file_is_refused():
    pdf = build_pdf([text_ops([(72, 700, "x")])])
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        buffer = io.BytesIO()
        doc.save(buffer, encryption=pikepdf.Encryption(owner="o", user="u"))
    with pytest.raises(UnreadablePdf, match="encrypted"):
        sanitize_pdf(buffer.getvalue())
