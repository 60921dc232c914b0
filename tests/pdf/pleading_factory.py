"""Plain factories for filings on pleading paper with text the tests can trace.

Every word of a numbered paragraph is a token like ``p25w3`` (paragraph 25,
word 3), so a test can tell from a word alone where it came from and whether a
region should have covered it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import pikepdf

from filings.pdf.pleading import (
    Block,
    Cover,
    Filing,
    Heading,
    NumberedParagraph,
    PageNumberStyle,
    Paragraph,
    pleading_html,
)


def tokens(prefix: str, count: int) -> str:
    return " ".join(f"{prefix}w{i}" for i in range(1, count + 1))


def numbered_paragraph(number: int, words: int = 30, **kwargs) -> NumberedParagraph:
    return NumberedParagraph(number, tokens(f"p{number}", words), **kwargs)


def filing(
    sections: Sequence[Block],
    *,
    cover: bool = False,
    line_numbers: bool = True,
    page_number_style: PageNumberStyle = "dashed",
    title: str = "FIRST AMENDED COMPLAINT FOR DAMAGES",
) -> Filing:
    return Filing(
        court="UNITED STATES DISTRICT COURT\nDISTRICT OF NEVADA",
        case_number="2:10-cv-01234-ABC-GWF",
        caption_left=["ACME CORP.,", "Plaintiff,", "v.", "WIDGET LLC,", "Defendant."],
        title=title,
        counsel_block=["Jane Roe (NV Bar No. 1234)", "Attorneys for Plaintiff"],
        sections=list(sections),
        cover=Cover(("SEALED COVER SHEET", "LODGED UNDER SEAL")) if cover else None,
        line_numbers=line_numbers,
        page_number_style=page_number_style,
    )


def complaint(
    numbers: Iterable[int] = range(1, 41),
    *,
    words: int = 30,
    footnotes: dict[int, Sequence[str]] | None = None,
    **kwargs,
) -> Filing:
    """A complaint: an introduction, then numbered paragraphs of token text."""
    footnotes = footnotes or {}
    sections: list[Block] = [
        Heading("INTRODUCTION"),
        Paragraph(tokens("intro", 40)),
        Heading("ALLEGATIONS"),
    ]
    sections.extend(
        numbered_paragraph(n, words, footnotes=tuple(footnotes.get(n, ())))
        for n in numbers
    )
    return filing(sections, **kwargs)


def render_with_css(filing: Filing, css: str) -> bytes:
    """The filing rendered with ``css`` added after the pleading stylesheet,
    for page furniture and footnote styles the generator does not offer."""
    import weasyprint

    html = pleading_html(filing).replace("</style>", f"{css}</style>", 1)
    return weasyprint.HTML(string=html).write_pdf()


LEGEND = "HIGHLY CONFIDENTIAL - FILED UNDER SEAL"


def legend_css(where: str = "top-center", size: int = 12) -> str:
    """A confidentiality legend printed on every page, in a page margin box."""
    return (
        f"@page {{ @{where} {{ content: '{LEGEND}'; "
        f"font: {size}pt 'Liberation Serif'; }} }}"
    )


# Footnotes at body size, as some local rules require: 12 pt, single-spaced,
# below the usual separator rule.
BODY_SIZE_FOOTNOTES_CSS = ".fn { font-size: 12pt; line-height: 14pt; }"


# --- Reshaping rendered filings the way real ones arrive -----------------------


def _rebuilt(pdf: bytes, page_number: int, make_page) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        index = page_number - 1
        form = document.pages[index].as_form_xobject()
        new_page = make_page(document, document.make_indirect(form))
        document.pages.insert(index, new_page)
        del document.pages[index + 1]
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


# How to draw an upright letter page so that /Rotate turns it back upright:
# the media box and the matrix placing the original page in it.
_TURNED = {
    90: ([0, 0, 792, 612], b"0 1 -1 0 792 0"),
    180: ([0, 0, 612, 792], b"-1 0 0 -1 612 792"),
    270: ([0, 0, 792, 612], b"0 -1 1 0 0 612"),
}


def rotated_copy(pdf: bytes, page_number: int, rotate: int = 90) -> bytes:
    """The page stored turned, with /Rotate, so that it still displays upright.

    As scanners and some word processors write it: the content is drawn
    turned the other way and the viewer turns it back.
    """
    media_box, matrix = _TURNED[rotate]

    def make(document: pikepdf.Pdf, form: pikepdf.Object) -> pikepdf.Page:
        return pikepdf.Page(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Page,
                MediaBox=media_box,
                Rotate=rotate,
                Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fx=form)),
                Contents=document.make_stream(b"q " + matrix + b" cm /Fx Do Q"),
            )
        )

    return _rebuilt(pdf, page_number, make)


def cropped_copy(pdf: bytes, page_number: int) -> bytes:
    """The page on a larger media box whose crop box shows the original page."""

    def make(document: pikepdf.Pdf, form: pikepdf.Object) -> pikepdf.Page:
        return pikepdf.Page(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Page,
                MediaBox=[0, 0, 712, 892],
                CropBox=[50, 40, 662, 832],
                Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fx=form)),
                Contents=document.make_stream(b"q 1 0 0 1 50 40 cm /Fx Do Q"),
            )
        )

    return _rebuilt(pdf, page_number, make)


def with_scanned_page(pdf: bytes, at: int | None = None) -> bytes:
    """The filing with a page that is only an image (a scan) inserted as page
    ``at`` (1-based), or at the end."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        pixels = bytes(
            ((x // 8 + y // 8) % 2) * 255 for y in range(64) for x in range(64)
        )
        image = pikepdf.Stream(document, pixels)
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height, image.BitsPerComponent = 64, 64, 8
        image.ColorSpace = pikepdf.Name.DeviceGray
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, 612, 792],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im=image)),
            Contents=document.make_stream(b"q 612 0 0 792 0 0 cm /Im Do Q"),
        )
        if at is None:
            document.pages.append(pikepdf.Page(page))
        else:
            document.pages.insert(at - 1, pikepdf.Page(page))
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def encrypted(pdf: bytes, user: str = "") -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        out = io.BytesIO()
        document.save(out, encryption=pikepdf.Encryption(owner="clerk", user=user))
        return out.getvalue()


def text_pages(pages: Sequence[Sequence[tuple]]) -> bytes:
    """Letter pages of Helvetica text: runs of (x, baseline from top, text[, size]).

    The size is 12 pt unless a run gives its own.
    """
    document = pikepdf.new()
    font = document.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
        )
    )
    for runs in pages:
        ops = []
        for x, baseline, text, *size in runs:
            escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            points = size[0] if size else 12
            ops.append(f"BT /F1 {points} Tf {x} {792 - baseline} Td ({escaped}) Tj ET")
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, 612, 792],
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
            Contents=document.make_stream("\n".join(ops).encode("latin-1")),
        )
        document.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
