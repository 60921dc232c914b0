"""Hidden data is stripped from every public version."""

from __future__ import annotations

import io
import zipfile

import pikepdf
import pytest

from filings.pdf.geometry import UnreadablePdf
from filings.pdf.redact import redact_pdf
from filings.pdf.sanitize import disallowed, sanitize_pdf
from filings.pdf.verify import hidden_data, verify_redaction
from tests.pdf.redact_factory import (
    all_texts,
    build_pdf,
    decoded_streams,
    html_pdf,
    pdfium_text,
    pdftotext,
    text_ops,
    word_region,
)


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


def test_owner_password_only_file_comes_out_unencrypted():
    pdf = build_pdf([text_ops([(72, 700, "Public text")])])
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        buffer = io.BytesIO()
        doc.save(buffer, encryption=pikepdf.Encryption(owner="o", user=""))
    clean = sanitize_pdf(buffer.getvalue())
    with pikepdf.open(io.BytesIO(clean)) as doc:
        assert not doc.is_encrypted
        assert disallowed(doc) == []


def test_encrypted_file_is_refused():
    pdf = build_pdf([text_ops([(72, 700, "x")])])
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        buffer = io.BytesIO()
        doc.save(buffer, encryption=pikepdf.Encryption(owner="o", user="u"))
    with pytest.raises(UnreadablePdf, match="encrypted"):
        sanitize_pdf(buffer.getvalue())


# ----------------------------------------------- allow-lists, not deny-lists

LINE = "Public words then SECRETWORD and more public"


def _secret_pdf(prepare=None, **kwargs) -> bytes:
    return build_pdf(
        [text_ops([(72, 700, "Heading public"), (72, 650, LINE)])],
        prepare=prepare,
        **kwargs,
    )


def _recoverable(pdf: bytes, secret: str = "SECRETWORD") -> list[str]:
    """Every place the secret can be read back: text, streams, zip members and
    PDFs hidden inside streams (each read with pdftotext)."""
    found = [name for name, text in all_texts(pdf).items() if secret in text]
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for obj in doc.objects:
            if not isinstance(obj, pikepdf.Stream):
                continue
            data = obj.read_bytes()
            if secret.encode() in data:
                found.append(f"object {obj.objgen[0]}")
            if data.startswith(b"%PDF") and secret in pdftotext(data):
                found.append(f"PDF inside object {obj.objgen[0]}")
            if data.startswith(b"PK"):
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    if any(
                        secret.encode() in archive.read(n) for n in archive.namelist()
                    ):
                        found.append(f"zip inside object {obj.objgen[0]}")
    return found


def test_original_embedded_under_a_private_page_key_is_dropped():
    original = _secret_pdf()
    with pikepdf.open(io.BytesIO(original)) as doc:
        attached = doc.make_stream(original)  # compressed when saved
        attached.Type = pikepdf.Name.EmbeddedFile
        doc.pages[0].obj["/DMSOriginal"] = doc.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Filespec,
                F=pikepdf.String("original.pdf"),
                EF=pikepdf.Dictionary(F=attached),
            )
        )
        buffer = io.BytesIO()
        doc.save(buffer, compress_streams=True)
    pdf = buffer.getvalue()
    result = redact_pdf(pdf, [word_region(pdf, "SECRETWORD")])
    assert _recoverable(result.pdf) == []
    with pikepdf.open(io.BytesIO(result.pdf)) as doc:
        assert "/DMSOriginal" not in doc.pages[0].obj


def test_hybrid_pdf_source_document_is_dropped():
    """LibreOffice's "hybrid PDF" keeps the zipped ODF source in the catalog."""
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", f"<text:p>{LINE}</text:p>")

    def prepare(pdf: pikepdf.Pdf) -> None:
        pdf.Root.AdditionalStreams = pikepdf.Array(
            [
                pikepdf.String("application/vnd.oasis.opendocument.text"),
                pdf.make_stream(source.getvalue()),
            ]
        )
        pdf.trailer.AdditionalStreams = pdf.Root.AdditionalStreams

    pdf = _secret_pdf(prepare)
    result = redact_pdf(pdf, [word_region(pdf, "SECRETWORD")])
    assert _recoverable(result.pdf) == []


def test_actual_text_in_a_named_property_list_is_dropped_and_the_name_resolves():
    def prepare(pdf: pikepdf.Pdf) -> None:
        page = pdf.pages[0]
        page.Resources.Properties = pikepdf.Dictionary(
            MC0=pdf.make_indirect(
                pikepdf.Dictionary(ActualText=pikepdf.String("PLUGHSECRET"))
            )
        )
        page.Contents = pdf.make_stream(
            text_ops([(72, 700, "Heading public")])
            + b"\nBT /F1 12 Tf 72 650 Td (Public words then ) Tj"
            + b" /Span /MC0 BDC (SECRETWORD) Tj EMC ( and more public) Tj ET"
        )

    pdf = _secret_pdf(prepare)
    result = redact_pdf(pdf, [word_region(pdf, "SECRETWORD")])
    assert _recoverable(result.pdf, "PLUGHSECRET") == []
    with pikepdf.open(io.BytesIO(result.pdf)) as doc:
        assert dict(doc.pages[0].Resources.Properties.MC0.items()) == {}


def test_output_intent_profile_with_text_is_dropped():
    def prepare(pdf: pikepdf.Pdf) -> None:
        profile = pdf.make_stream(b"plain text: SECRETWORD")
        profile.N = 3
        pdf.Root.OutputIntents = pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.OutputIntent,
                    S=pikepdf.Name.GTS_PDFA1,
                    DestOutputProfile=profile,
                )
            ]
        )

    pdf = _secret_pdf(prepare)
    result = redact_pdf(pdf, [word_region(pdf, "SECRETWORD")])
    assert _recoverable(result.pdf) == []


def test_private_catalog_string_is_dropped():
    def prepare(pdf: pikepdf.Pdf) -> None:
        pdf.Root.ProjectNotes = pikepdf.String("Codename: SECRETWORD, target Q3")
        pdf.Root.Templates = pikepdf.Dictionary(Note=pikepdf.String("SECRETWORD"))
        pdf.Root.DPartRoot = pikepdf.Dictionary(Note=pikepdf.String("SECRETWORD"))

    pdf = _secret_pdf(prepare)
    result = redact_pdf(pdf, [word_region(pdf, "SECRETWORD")])
    assert _recoverable(result.pdf) == []


def test_only_allowed_keys_survive_and_the_check_agrees():
    pdf = _loaded_pdf()
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert disallowed(doc)
    clean = sanitize_pdf(pdf)
    with pikepdf.open(io.BytesIO(clean)) as doc:
        assert disallowed(doc) == []
        assert set(doc.Root.keys()) <= {"/Type", "/Pages"}
        assert set(doc.pages[0].obj.keys()) <= {
            "/Type",
            "/Parent",
            "/MediaBox",
            "/Resources",
            "/Contents",
        }


@pytest.mark.parametrize(
    "smuggle",
    [
        lambda pdf, stream: pdf.pages[0].obj.__setitem__("/Private", stream),
        lambda pdf, stream: pdf.pages[0].Resources.Font.F1.__setitem__("/X", stream),
        lambda pdf, stream: pdf.Root.__setitem__(
            "/Names", pikepdf.Dictionary(Dests=pikepdf.Array([stream]))
        ),
    ],
)
def test_the_gate_fails_on_a_key_outside_the_allow_lists(smuggle):
    pdf = _secret_pdf()
    region = word_region(pdf, "SECRETWORD")
    clean = redact_pdf(pdf, [region]).pdf
    with pikepdf.open(io.BytesIO(clean)) as doc:
        stream = doc.make_stream(b"innocent bytes")
        stream.Type = pikepdf.Name.EmbeddedFile
        smuggle(doc, doc.make_indirect(stream))
        buffer = io.BytesIO()
        doc.save(buffer)
        assert any("embedded file" in f for f in disallowed(doc))
    report = verify_redaction(pdf, buffer.getvalue(), [region])
    assert any("not allowed" in f for f in report.document_failures)


def test_optional_content_and_embedded_truetype_fonts_survive():
    pdf = html_pdf("<p>Public words in an embedded font</p>")

    def prepare(doc: pikepdf.Pdf) -> None:
        layer = doc.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.OCG, Name=pikepdf.String("Notes"))
        )
        doc.Root.OCProperties = pikepdf.Dictionary(
            OCGs=[layer], D=pikepdf.Dictionary(OFF=[layer], Creator="x")
        )
        doc.pages[0].Resources.Properties = pikepdf.Dictionary(L0=layer)

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        prepare(doc)
        buffer = io.BytesIO()
        doc.save(buffer)
    clean = sanitize_pdf(buffer.getvalue())
    assert pdfium_text(clean) == pdfium_text(pdf)
    with pikepdf.open(io.BytesIO(clean)) as doc:
        assert disallowed(doc) == []
        config = doc.Root.OCProperties.D
        assert list(config.keys()) == ["/OFF"]
        assert doc.pages[0].Resources.Properties.L0.Name == "Notes"
