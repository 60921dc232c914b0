"""Builders for the small PDFs the inspector and comparison tests read.

Raw content streams give full control over drawing order, colours and render
modes, which is exactly what a bad redaction gets wrong. Coordinates here are
PDF user space (origin bottom-left) on a US Letter page, 612 x 792 points.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence

import pikepdf
from pikepdf import Array, Dictionary, Name, String

PAGE_HEIGHT = 792


def text(
    x: float,
    y: float,
    s: str,
    *,
    size: float = 12,
    gray: float = 0,
    mode: int = 0,
    rgb: tuple[float, float, float] | None = None,
) -> str:
    """Show `s` at (x, y) in Helvetica; `mode` is the render mode (3 = invisible)."""
    colour = f"{rgb[0]} {rgb[1]} {rgb[2]} rg" if rgb else f"{gray} g"
    escaped = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"BT {colour} {mode} Tr /F1 {size} Tf {x} {y} Td ({escaped}) Tj ET\n"


def box(
    x: float,
    y: float,
    w: float,
    h: float,
    *,
    gray: float = 0,
    rgb: tuple[float, float, float] | None = None,
) -> str:
    """A filled rectangle; (x, y) is its lower-left corner."""
    colour = f"{rgb[0]} {rgb[1]} {rgb[2]} rg" if rgb else f"{gray} g"
    return f"q {colour} {x} {y} {w} {h} re f Q\n"


def line(x0: float, y0: float, x1: float, y1: float, *, width: float = 0.75) -> str:
    return f"q 0 G {width} w {x0} {y0} m {x1} {y1} l S Q\n"


def image(name: str, x: float, y: float, w: float, h: float) -> str:
    return f"q {w} 0 0 {h} {x} {y} cm /{name} Do Q\n"


def paragraph(
    x: float,
    y: float,
    words: Sequence[str],
    *,
    per_line: int = 10,
    leading: float = 16,
    size: float = 11,
) -> str:
    """Lines of text, `per_line` words each, downward from baseline y."""
    out = []
    for n in range(0, len(words), per_line):
        out.append(
            text(
                x,
                y - leading * (n // per_line),
                " ".join(words[n : n + per_line]),
                size=size,
            )
        )
    return "".join(out)


def new_pdf(pages: Iterable[str]) -> pikepdf.Pdf:
    """A PDF whose pages draw the given content streams with /F1 = Helvetica."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type1,
            BaseFont=Name.Helvetica,
            Encoding=Name.WinAnsiEncoding,
        )
    )
    for content in pages:
        page = pdf.add_blank_page(page_size=(612, PAGE_HEIGHT))
        page.obj.Resources = Dictionary(Font=Dictionary(F1=font))
        page.obj.Contents = pdf.make_stream(content.encode("latin-1"))
    return pdf


def to_bytes(pdf: pikepdf.Pdf, **save_options: object) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **save_options)
    return out.getvalue()


def build(*pages: str) -> bytes:
    return to_bytes(new_pdf(pages))


def add_gray_image(
    pdf: pikepdf.Pdf, page_index: int, name: str, width: int, height: int, pixels: bytes
) -> None:
    """Register an 8-bit grayscale image XObject on a page under /name."""
    assert len(pixels) == width * height
    img = pdf.make_stream(
        pixels,
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=width,
        Height=height,
        ColorSpace=Name.DeviceGray,
        BitsPerComponent=8,
    )
    resources = pdf.pages[page_index].obj.Resources
    if Name.XObject not in resources:
        resources.XObject = Dictionary()
    resources.XObject[Name("/" + name)] = img


def uniform_pixels(width: int, height: int, value: int) -> bytes:
    return bytes([value]) * (width * height)


def text_like_pixels(width: int, height: int) -> bytes:
    """A scanned-looking pattern: dark strokes on white, with plenty of contrast."""
    rows = []
    for y in range(height):
        rows.append(
            bytes(0 if (x // 3 + y // 4) % 3 == 0 else 255 for x in range(width))
        )
    return b"".join(rows)


def add_annotation(pdf: pikepdf.Pdf, page_index: int, **entries: object) -> None:
    annot = pdf.make_indirect(Dictionary(Type=Name.Annot, **entries))
    page = pdf.pages[page_index].obj
    if Name.Annots not in page:
        page.Annots = Array()
    page.Annots.append(annot)


def highlight(
    x0: float, y0: float, x1: float, y1: float, rgb: tuple[float, float, float]
) -> dict[str, object]:
    """Entries of a Highlight annotation over the box, with an appearance stream."""
    return {
        "Subtype": Name.Highlight,
        "Rect": Array([x0, y0, x1, y1]),
        "QuadPoints": Array([x0, y1, x1, y1, x0, y0, x1, y0]),
        "C": Array(list(rgb)),
    }


def with_appearance(
    pdf: pikepdf.Pdf,
    entries: dict[str, object],
    rgb: tuple[float, float, float],
    multiply: bool,
) -> dict[str, object]:
    """Give an annotation a filled appearance over its /Rect, as viewers draw them."""
    x0, y0, x1, y1 = (float(v) for v in entries["Rect"])  # type: ignore[attr-defined]
    blend = "/GS0 gs " if multiply else ""
    stream = pdf.make_stream(
        f"{blend}{rgb[0]} {rgb[1]} {rgb[2]} rg 0 0 {x1 - x0} {y1 - y0} re f".encode(),
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, x1 - x0, y1 - y0]),
        Resources=Dictionary(ExtGState=Dictionary(GS0=Dictionary(BM=Name.Multiply))),
    )
    return {**entries, "AP": Dictionary(N=stream)}


def add_pasted_text_box(
    pdf: pikepdf.Pdf,
    page_index: int,
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    words: str,
) -> None:
    """A FreeText annotation with a white fill and new words, as Acrobat's
    "Add Text Box" makes one when a user pastes it over text to hide it."""
    width, height = x1 - x0, y1 - y0
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )
    appearance = pdf.make_stream(
        f"1 g 0 0 {width} {height} re f 0 g BT /Fa 9 Tf 4 6 Td ({words}) Tj ET".encode(),
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, width, height]),
        Resources=Dictionary(Font=Dictionary(Fa=font)),
    )
    add_annotation(
        pdf,
        page_index,
        Subtype=Name.FreeText,
        Rect=Array([x0, y0, x1, y1]),
        Contents=String(words),
        AP=Dictionary(N=appearance),
    )


def add_outline(pdf: pikepdf.Pdf, titles: Sequence[str]) -> None:
    with pdf.open_outline() as outline:
        for title in titles:
            outline.root.append(pikepdf.OutlineItem(title, 0))


def add_embedded_file(pdf: pikepdf.Pdf, name: str, data: bytes) -> None:
    pdf.attachments[name] = pikepdf.AttachedFileSpec(pdf, data, mime_type="text/plain")


def add_associated_file(pdf: pikepdf.Pdf, name: str, data: bytes) -> None:
    """A PDF 2.0 associated file (/AF) on the catalog, not listed in /EmbeddedFiles."""
    ef = pdf.make_stream(data, Type=Name.EmbeddedFile)
    spec = pdf.make_indirect(
        Dictionary(
            Type=Name.Filespec,
            F=String(name),
            UF=String(name),
            EF=Dictionary(F=ef),
            AFRelationship=Name.Source,
        )
    )
    pdf.Root.AF = Array([spec])


def add_javascript(pdf: pikepdf.Pdf, script: str) -> None:
    pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=String(script))


def add_form_field(pdf: pikepdf.Pdf, page_index: int, name: str, value: str) -> None:
    field = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            FT=Name.Tx,
            T=String(name),
            V=String(value),
            Rect=Array([72, 100, 300, 120]),
            P=pdf.pages[page_index].obj,
        )
    )
    page = pdf.pages[page_index].obj
    if Name.Annots not in page:
        page.Annots = Array()
    page.Annots.append(field)
    pdf.Root.AcroForm = Dictionary(Fields=Array([field]))


def incremental_update(original: bytes, page_index: int, new_content: str) -> bytes:
    """Append an incremental update that replaces one page's content stream.

    The earlier revision stays in the file, as Acrobat's "Save" leaves it.
    """
    with pikepdf.open(io.BytesIO(original)) as pdf:
        page = pdf.pages[page_index].obj
        page_num, page_gen = page.objgen
        size = int(pdf.trailer.Size)
        root_ref = pdf.Root.objgen
        entries = [
            f"{key} {page[key].unparse(resolved=False).decode('latin-1')}"
            for key in page.keys()  # noqa: SIM118 - pikepdf needs keys()
        ]
        page_text = "<< " + " ".join(entries) + " >>"
    content_num = size
    stream = new_content.encode("latin-1")
    page_text = re.sub(
        r"/Contents \d+ \d+ R", f"/Contents {content_num} 0 R", page_text
    )
    startxref = re.findall(rb"startxref\s+(\d+)", original)[-1].decode()
    body = bytearray(original if original.endswith(b"\n") else original + b"\n")
    offsets = {}
    offsets[page_num] = len(body)
    body += f"{page_num} {page_gen} obj\n{page_text}\nendobj\n".encode("latin-1")
    offsets[content_num] = len(body)
    body += f"{content_num} 0 obj\n<< /Length {len(stream)} >>\nstream\n".encode()
    body += stream + b"\nendstream\nendobj\n"
    xref_at = len(body)
    body += b"xref\n"
    for num in sorted(offsets):
        gen = page_gen if num == page_num else 0
        body += f"{num} 1\n{offsets[num]:010d} {gen:05d} n \n".encode()
    body += (
        f"trailer\n<< /Size {content_num + 1} /Root {root_ref[0]} {root_ref[1]} R "
        f"/Prev {startxref} >>\nstartxref\n{xref_at}\n%%EOF\n"
    ).encode()
    return bytes(body)


def html_pdf(html: str) -> bytes:
    """A realistic page through WeasyPrint (fonts, line breaking, margins)."""
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf()


# --- Scans with an OCR text layer, as a copier and an OCR tool make them --------

SCAN_DPI = 150


def scanned_with_ocr(
    html: str,
    *,
    blackout: str | None = None,
    streaks: bool = False,
    quality: int = 85,
    seed: int = 7,
) -> bytes:
    """A page of `html` as a noisy JPEG scan under an invisible OCR layer.

    With `blackout`, the line holding that phrase is blacked out with a felt
    marker first: dark, noisy and (with `streaks`) streaked with paler ink,
    as a marker is on paper. The OCR layer still holds the line's words.
    """
    import random

    import pypdfium2
    from PIL import Image, ImageDraw, ImageFilter

    from filings.pdf.inspect import extract_words

    source = html_pdf(html)
    words = extract_words(source)
    scale = SCAN_DPI / 72
    document = pypdfium2.PdfDocument(source)
    try:
        scan = document[0].render(scale=scale, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    rng = random.Random(seed)
    # Paper is never white and toner is never black on a copier.
    scan = scan.point(lambda v: 20 + v * 218 // 255)
    if blackout is not None:
        target = blackout.split()
        line = next(w.line for i, w in enumerate(words) if _starts(words, i, target))
        bar = [w for w in words if w.line == line]
        draw = ImageDraw.Draw(scan)
        x0 = min(w.x0 for w in bar) * scale - 6
        x1 = max(w.x1 for w in bar) * scale + 6
        top = min(w.top for w in bar) * scale - 3
        bottom = max(w.bottom for w in bar) * scale + 3
        for y in range(int(top), int(bottom)):
            for x in range(int(x0), int(x1)):
                ink = 25 + rng.randint(-25, 30)
                if streaks and (x // 5) % 4 == 0:
                    ink += 70  # a paler streak where the felt ran dry
                draw.point((x, y), fill=ink)
    scan = scan.filter(ImageFilter.GaussianBlur(0.6))
    scan = Image.eval(scan, lambda v: max(0, min(255, v + rng.randint(-6, 6))))
    encoded = io.BytesIO()
    scan.save(encoded, format="JPEG", quality=quality)
    pdf = new_pdf(
        [
            image("Scan", 0, 0, 612, PAGE_HEIGHT)
            + "".join(
                text(w.x0, PAGE_HEIGHT - w.bottom + 2, w.text, size=11, mode=3)
                for w in words
            )
        ]
    )
    stream = pdf.make_stream(
        encoded.getvalue(),
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=scan.width,
        Height=scan.height,
        ColorSpace=Name.DeviceGray,
        BitsPerComponent=8,
        Filter=Name.DCTDecode,
    )
    pdf.pages[0].obj.Resources.XObject = Dictionary(Scan=stream)
    return to_bytes(pdf)


def _starts(words: Sequence, index: int, target: list[str]) -> bool:
    return [w.text for w in words[index : index + len(target)]] == target


def with_unused_stream(original: bytes, content: str) -> bytes:
    """The file saved anew (one revision) with one more content stream that
    nothing refers to, as an editor leaves the old content of a page.

    qpdf drops unreferenced objects when it writes, so the file is written
    by hand from an uncompressed save.
    """
    with pikepdf.open(io.BytesIO(original)) as pdf:
        root = pdf.Root.objgen[0]
        plain = to_bytes(
            pdf,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            compress_streams=False,
        )
    body = plain[: plain.rindex(b"xref")]
    offsets = {
        int(m.group(1)): m.start() for m in re.finditer(rb"(?m)^(\d+) 0 obj", body)
    }
    number = max(offsets) + 1
    stream = content.encode("latin-1")
    offsets[number] = len(body)
    body += b"%d 0 obj\n<< /Length %d >>\nstream\n" % (number, len(stream))
    body += stream + b"\nendstream\nendobj\n"
    xref = len(body)
    table = b"xref\n0 %d\n0000000000 65535 f \n" % (number + 1)
    table += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, number + 1))
    trailer = b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        number + 1,
        root,
        xref,
    )
    return body + table + trailer
