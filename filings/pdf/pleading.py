"""Court filings on pleading paper, generated with WeasyPrint from plain data.

Pleading paper (Cal. and Nev. local rules and many others): US Letter, a
12-point serif face, double-spaced text, and the numbers 1-28 down the left
margin of every page beside a vertical rule. Page:line citations
("pp. 1:18-2:21") only mean something when every text line sits exactly on one
numbered line, so the body's line height equals the spacing of the margin
numbers and nothing in the body (borders, padding, superscripts) is allowed to
add height.

The tests, the demo data and the benchmarks build their filings here, so the
text of each block is known exactly and lands on predictable lines.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

LINES_PER_PAGE = 28
LINE_PITCH_PT = 24.0  # double-spaced 12-point text
BODY_TOP_PT = 72.0  # first numbered line starts one inch from the top
BODY_LEFT_PT = 108.0  # text starts an inch and a half from the left edge
BODY_RIGHT_MARGIN_PT = 72.0
PAGE_WIDTH_PT = 612.0
PAGE_HEIGHT_PT = 792.0
# 28 lines of 24 pt fill 672 pt; what is left of the page is the bottom margin,
# where the printed page number goes.
BODY_BOTTOM_MARGIN_PT = PAGE_HEIGHT_PT - BODY_TOP_PT - LINES_PER_PAGE * LINE_PITCH_PT
PARAGRAPH_INDENT_PT = 36.0

SERIF = '"Liberation Serif", "Times New Roman", serif'

PageNumberStyle = Literal["dashed", "plain", "page-of", "none"]


@dataclass(frozen=True)
class Heading:
    """A bold, centred heading on its own line(s)."""

    text: str


@dataclass(frozen=True)
class Paragraph:
    """Running text with an indented first line; footnote calls go at its end."""

    text: str
    footnotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class NumberedParagraph:
    """A complaint-style paragraph opening with its number ("25.").

    The number is given rather than counted so that tests and demo data know
    which paragraph is which, and so that numbering can skip or restart as it
    does in real pleadings (counterclaims restart at 1).
    """

    number: int
    text: str
    footnotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    """A block quotation, indented on both sides and still double-spaced.

    Real pleadings often single-space quotations; keeping them on the grid
    keeps every line of the generated filing citable by page and line.
    """

    text: str


@dataclass(frozen=True)
class PageBreak:
    """Start the next block at line 1 of a new page."""


Block = Heading | Paragraph | NumberedParagraph | Quote | PageBreak


@dataclass(frozen=True)
class Cover:
    """A cover sheet: no line numbers, no printed page number.

    The printed numbering starts at 1 on the page after it, so the printed
    number differs from the PDF page index, as it does in many real filings.
    """

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Filing:
    court: str
    case_number: str
    caption_left: Sequence[str]  # the parties, one line each
    title: str
    counsel_block: Sequence[str] = ()
    sections: Sequence[Block] = field(default_factory=list)
    cover: Cover | None = None
    line_numbers: bool = True
    page_number_style: PageNumberStyle = "dashed"


def render_pleading(filing: Filing) -> bytes:
    """The filing as PDF bytes."""
    # Imported here so that modules which only need the data model (and the
    # parts of the toolkit that never render) do not pay WeasyPrint's import.
    import weasyprint

    document = weasyprint.HTML(string=pleading_html(filing))
    return document.write_pdf()


def pleading_html(filing: Filing) -> str:
    """The HTML WeasyPrint renders; exposed for debugging layouts."""
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{_esc(filing.title)}</title>",
        f"<style>{_stylesheet(filing)}</style></head><body>",
    ]
    if filing.cover is not None:
        parts.append(_cover_html(filing.cover))
    parts.append(_caption_html(filing))
    parts.extend(_block_html(block) for block in filing.sections)
    parts.append("</body></html>")
    return "".join(parts)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _page_number_content(style: PageNumberStyle) -> str:
    if style == "plain":
        return "counter(page)"
    if style == "none":
        return "none"
    if style == "page-of":
        return '"Page " counter(page) " of " counter(pages)'
    return '"- " counter(page) " -"'


def _stylesheet(filing: Filing) -> str:
    numbers = "\\A ".join(str(n) for n in range(1, LINES_PER_PAGE + 1))
    margin_numbers = (
        f"""
        @left-top {{
            content: "{numbers}";
            white-space: pre;
            font: 12pt/{LINE_PITCH_PT}pt {SERIF};
            text-align: right;
            vertical-align: top;
            padding-right: 6pt;
            margin-right: 14pt;
            border-right: 1pt solid black;
        }}"""
        if filing.line_numbers
        else ""
    )
    page_number = _page_number_content(filing.page_number_style)
    return f"""
    @page {{
        size: letter;
        margin: {BODY_TOP_PT}pt {BODY_RIGHT_MARGIN_PT}pt {BODY_BOTTOM_MARGIN_PT}pt
            {BODY_LEFT_PT}pt;
        {margin_numbers}
        @bottom-center {{
            content: {page_number};
            font: 12pt/14pt {SERIF};
            vertical-align: middle;
        }}
        @footnote {{
            border-top: 0.5pt solid black;
            padding-top: 4pt;
            margin-top: 6pt;
        }}
    }}
    @page cover {{
        /* The page after the cover is printed page 1. */
        counter-reset: page 0;
        @left-top {{ content: none; border: none; }}
        @bottom-center {{ content: none; }}
    }}
    html {{ font: 12pt/{LINE_PITCH_PT}pt {SERIF}; }}
    body {{ margin: 0; }}
    p, h1, h2, div, table, td {{ margin: 0; padding: 0; }}
    blockquote {{ margin: 0 {PARAGRAPH_INDENT_PT}pt; padding: 0; }}
    .cover {{ page: cover; break-after: page; text-align: center; }}
    .cover p {{ text-indent: 0; }}
    .counsel p {{ text-indent: 0; }}
    .court {{ text-align: center; font-weight: bold; }}
    table.caption {{ border-collapse: collapse; width: 100%; }}
    table.caption td {{ vertical-align: top; }}
    td.parties {{ width: 52%; }}
    td.paren {{ width: 4%; }}
    td.number {{ padding-left: 6pt; }}
    h2 {{ font-size: 12pt; font-weight: bold; text-align: center; }}
    p.text, p.numbered {{ text-indent: {PARAGRAPH_INDENT_PT}pt; text-align: left; }}
    span.paragraph-number {{ display: inline-block; width: {PARAGRAPH_INDENT_PT}pt;
        text-indent: 0; }}
    .fn {{
        float: footnote;
        font-size: 10pt;
        line-height: 12pt;
        text-indent: 0;
        font-weight: normal;
    }}
    /* A raised call must not make its line taller, or the grid slips. */
    .fn::footnote-call {{
        font-size: 8pt;
        line-height: 0;
        vertical-align: 4pt;
    }}
    .fn::footnote-marker {{
        content: counter(footnote) " ";
    }}
    """


def _cover_html(cover: Cover) -> str:
    lines = "".join(f"<p>{_esc(line)}</p>" for line in cover.lines)
    return f"<div class='cover'>{lines}</div>"


def _caption_html(filing: Filing) -> str:
    counsel = "".join(f"<p>{_esc(line)}</p>" for line in filing.counsel_block)
    # A blank line separates counsel from the court's name, as on real filings.
    spacer = "<p>&#160;</p>" if filing.counsel_block else ""
    court = "<br>".join(_esc(line) for line in filing.court.splitlines())
    parties = "<br>".join(_esc(line) for line in filing.caption_left)
    parens = "<br>".join(")" for _ in range(max(len(filing.caption_left), 3)))
    return (
        f"<div class='counsel'>{counsel}{spacer}</div>"
        f"<p class='court'>{court}</p><p>&#160;</p>"
        "<table class='caption'><tr>"
        f"<td class='parties'>{parties}</td>"
        f"<td class='paren'>{parens}</td>"
        f"<td class='number'>Case No. {_esc(filing.case_number)}<br><br>"
        f"<b>{_esc(filing.title)}</b></td>"
        "</tr></table><p>&#160;</p>"
    )


def _footnotes_html(footnotes: Sequence[str]) -> str:
    return "".join(f"<span class='fn'>{_esc(note)}</span>" for note in footnotes)


def _block_html(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h2>{_esc(block.text)}</h2>"
    if isinstance(block, NumberedParagraph):
        return (
            "<p class='numbered'>"
            f"<span class='paragraph-number'>{block.number}.</span>"
            f"{_esc(block.text)}{_footnotes_html(block.footnotes)}</p>"
        )
    if isinstance(block, Paragraph):
        return (
            f"<p class='text'>{_esc(block.text)}{_footnotes_html(block.footnotes)}</p>"
        )
    if isinstance(block, Quote):
        return f"<blockquote>{_esc(block.text)}</blockquote>"
    if isinstance(block, PageBreak):
        return "<div style='break-before: page'></div>"
    raise TypeError(f"not a pleading block: {block!r}")
