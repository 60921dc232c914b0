"""Builders of small PDFs with known secret text, for the redaction tests."""

from __future__ import annotations

import io
import subprocess
import zlib
from collections.abc import Sequence

import pdfplumber
import pikepdf
import pypdfium2
from PIL import Image

from filings.pdf.geometry import Region
from filings.pdf.verify import pdfplumber_shift

SERIF_TTF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"


def helvetica(pdf: pikepdf.Pdf, base: str = "Helvetica") -> pikepdf.Dictionary:
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name("/" + base),
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )


def text_ops(lines: Sequence[tuple[float, float, str]], size: float = 12) -> bytes:
    """Content that shows each (x, y, text) line in /F1, in PDF user space."""
    parts = []
    for x, y, text in lines:
        literal = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        parts.append(f"BT /F1 {size} Tf {x} {y} Td ({literal}) Tj ET")
    return "\n".join(parts).encode("latin-1")


def build_pdf(
    pages: Sequence[bytes],
    *,
    font: str = "Helvetica",
    mediabox: Sequence[float] = (0, 0, 612, 792),
    cropbox: Sequence[float] | None = None,
    rotate: int = 0,
    xobjects: dict[str, pikepdf.Object] | None = None,
    prepare: object = None,
) -> bytes:
    """A PDF whose pages have the given raw content streams and font /F1."""
    pdf = pikepdf.new()
    f1 = helvetica(pdf, font)
    for content in pages:
        resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=f1))
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=pikepdf.Array(list(mediabox)),
            Resources=resources,
            Contents=pdf.make_stream(content),
        )
        if cropbox is not None:
            page.CropBox = pikepdf.Array(list(cropbox))
        if rotate:
            page.Rotate = rotate
        pdf.pages.append(pikepdf.Page(page))
    if callable(prepare):
        prepare(pdf)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def text_pdf(
    lines: Sequence[tuple[float, float, str]], *, size: float = 12, **kwargs: object
) -> bytes:
    return build_pdf([text_ops(lines, size)], **kwargs)  # type: ignore[arg-type]


def html_pdf(body: str, font: str = "Liberation Serif") -> bytes:
    """WeasyPrint output: subset TrueType fonts as Type0 / Identity-H."""
    import weasyprint

    html = (
        "<html><head><style>@page { size: letter; margin: 72pt }"
        f" body {{ font-family: '{font}'; font-size: 12pt }}</style></head>"
        f"<body>{body}</body></html>"
    )
    return weasyprint.HTML(string=html).write_pdf()


def rgb_image(pdf: pikepdf.Pdf, size: tuple[int, int], color: tuple[int, int, int]):
    picture = Image.new("RGB", size, color)
    stream = pikepdf.Stream(pdf, zlib.compress(picture.tobytes()))
    stream.Type = pikepdf.Name.XObject
    stream.Subtype = pikepdf.Name.Image
    stream.Width, stream.Height = size
    stream.ColorSpace = pikepdf.Name.DeviceRGB
    stream.BitsPerComponent = 8
    stream.Filter = pikepdf.Name.FlateDecode
    return pdf.make_indirect(stream)


# ------------------------------------------------------------------ reading


def word_region(pdf: bytes, text: str, page: int = 1, occurrence: int = 0) -> Region:
    """The region pdfplumber reports for a word, in the coordinates a locator
    produces (from the displayed page's top-left corner); the same numbers as
    pdfplumber's on pages with a MediaBox at 0,0 and no narrower CropBox."""
    box = plumber_region(pdf, text, page, occurrence)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        dx, dy = pdfplumber_shift(document.pages[page - 1])
    return Region(page, box.x0 + dx, box.top + dy, box.x1 + dx, box.bottom + dy)


def plumber_region(pdf: bytes, text: str, page: int = 1, occurrence: int = 0) -> Region:
    """A word's box exactly as pdfplumber measures it (the toolkit's public
    convention, which ``redact_pdf`` takes by default)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        words = [
            w for w in document.pages[page - 1].extract_words() if w["text"] == text
        ]
    if len(words) <= occurrence:
        raise AssertionError(f"{text!r} not found on page {page}")
    w = words[occurrence]
    return Region(page, w["x0"], w["top"], w["x1"], w["bottom"])


def plumber_words(pdf: bytes, page: int = 1) -> list[dict]:
    """pdfplumber's words on a page, in region coordinates."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        dx, dy = pdfplumber_shift(document.pages[page - 1])
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [
            {
                **w,
                "x0": w["x0"] + dx,
                "x1": w["x1"] + dx,
                "top": w["top"] + dy,
                "bottom": w["bottom"] + dy,
            }
            for w in document.pages[page - 1].extract_words()
        ]


def plumber_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(p.extract_text() or "" for p in document.pages)


def pdfium_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        parts = []
        for page in document:
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
        return "\n".join(parts)
    finally:
        document.close()


def pdftotext(pdf: bytes) -> str:
    done = subprocess.run(
        ["/usr/bin/pdftotext", "-q", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return done.stdout.decode("utf-8", "replace")


def decoded_streams(pdf: bytes) -> bytes:
    """Every stream of the file decoded, and every string, concatenated."""
    chunks: list[bytes] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for obj in document.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    chunks.append(obj.read_bytes())
                except pikepdf.PdfError:
                    chunks.append(obj.read_raw_bytes())
        chunks.append(bytes(document.trailer.unparse()))
    return b"\n".join(chunks)


def all_texts(pdf: bytes) -> dict[str, str]:
    return {
        "pdfplumber": plumber_text(pdf),
        "pdfium": pdfium_text(pdf),
        "pdftotext": pdftotext(pdf),
    }
