"""A court's order on a motion to seal: plain data in, PDF or .docx out.

The order is modelled on a magistrate judge's order on a joint motion to seal
(D. Nev. 2011, shared/seeds/001): a caption, an introduction naming the motion
and its docket number, a discussion with one section per legal standard (good
cause, compelling reasons) and, within it, one subsection per ground (trade
secrets, inaccurate allegations ...) listing the items granted and denied, each
with document title, docket number, portions and a short reason; footnotes for
alternative grounds the court did not reach; the ordering paragraphs; the date
and the judge's signature block.

This module knows nothing about the models of motions: whoever builds an
`OrderDocument` (the triage workflow) decides what it says, and the renderers
decide only how it looks. Text fields are plain text. Two bits of inline markup
are understood because orders need them: ``*Kamakana*`` for italics (case
names, document titles) and ``**granted**`` for bold. An asterisk that does not
open a word, such as a Westlaw star page (``2009 WL 2224596, *6``), stays an
asterisk.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

LINES_PER_PAGE = 28
LINE_PITCH_PT = 24.0  # double-spaced 12-point text, one text line per number
PAGE_TOP_MARGIN_PT = 72.0
PAGE_LEFT_MARGIN_PT = 108.0
PAGE_RIGHT_MARGIN_PT = 72.0
# 28 lines of 24 pt below a one-inch top margin leave 48 pt for the page number.
PAGE_BOTTOM_MARGIN_PT = 792.0 - PAGE_TOP_MARGIN_PT - LINES_PER_PAGE * LINE_PITCH_PT
PLAIN_MARGIN_PT = 72.0

DEFAULT_FONT = "Liberation Serif"
# Word users expect Times New Roman; Liberation Serif has the same metrics, so
# a .docx set in Times lays out alike in Word and in LibreOffice.
_DOCX_FONT_FOR = {"Liberation Serif": "Times New Roman"}
_FONT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 \-]{0,63}")

DateStyle = Literal["day_of", "month_day_year"]


class OrderDataError(ValueError):
    """The order data cannot make a coherent order (says which field and why)."""


@dataclass(frozen=True)
class OrderItem:
    """One numbered entry in a list of items granted or denied.

    `number` is the number printed in the list ("1."); the seed order restarts
    at 1 in each list. `docket_ref` is written as the court writes it, without
    the parentheses: "#94-1", "#94-1, 94-2", "#135 at 4-32", "ECF No. 94-1".
    `portions` may be empty when the whole document or exhibit is meant.
    `reason` is the short parenthetical the order gives for the ruling.
    `footnote` is attached after the docket reference, as the seed does for an
    alternative ground the court did not reach.
    """

    number: int
    document_title: str
    docket_ref: str
    portions: str
    reason: str
    footnote: str | None = None

    def __post_init__(self) -> None:
        where = f"item {self.number} ({self.docket_ref!r})"
        if isinstance(self.number, bool) or not isinstance(self.number, int):
            raise OrderDataError(f"{where}: number must be an int")
        if self.number < 1:
            raise OrderDataError(f"{where}: number must be 1 or more")
        _require_text(self.document_title, f"{where}: document_title")
        _require_text(self.docket_ref, f"{where}: docket_ref")
        _require_text(self.reason, f"{where}: reason (the order must say why)")
        if not isinstance(self.portions, str):
            raise OrderDataError(f"{where}: portions must be a string")
        if self.footnote is not None:
            _require_text(self.footnote, f"{where}: footnote")


@dataclass(frozen=True)
class GroundSection:
    """One ground for sealing under one standard ("A. Trade Secret Materials").

    `findings` are the paragraphs before the list of granted items; the last
    one usually ends with the lead-in to the list ("... the following
    documents:"). `footnotes` attach to the end of the findings.
    `granted_conclusion` follows the granted list ("The Court will seal the
    documents discussed above upon the parties' filing of redacted versions.").
    Denied items are listed after `denied_lead_in`, each with its reason, and
    `denial_discussion` paragraphs may explain the denials at more length.
    """

    heading: str
    findings: Sequence[str]
    granted: Sequence[OrderItem] = ()
    denied: Sequence[OrderItem] = ()
    footnotes: Sequence[str] = ()
    granted_conclusion: str | None = None
    denied_lead_in: str = (
        "The parties have not shown that the following portions meet the "
        "standard, and the request is denied as to them:"
    )
    denial_discussion: Sequence[str] = ()

    def __post_init__(self) -> None:
        _require_text(self.heading, "ground heading")
        where = f"ground {self.heading!r}"
        _freeze_texts(self, "findings", where, "paragraphs")
        _freeze_texts(self, "footnotes", where, "entries")
        _freeze_texts(self, "denial_discussion", where, "paragraphs")
        _freeze_items(self, "granted", where)
        _freeze_items(self, "denied", where)
        if not (self.findings or self.granted or self.denied):
            raise OrderDataError(f"{where}: has no findings and no items")
        if self.footnotes and not self.findings:
            raise OrderDataError(f"{where}: footnotes attach to findings; none given")
        if self.denied:
            _require_text(self.denied_lead_in, f"{where}: denied_lead_in")


@dataclass(frozen=True)
class StandardSection:
    """The items judged under one legal standard ("I. Request to Seal
    Non-Dispositive Documents and Exhibits"), with the standard stated first.

    `treated_as_dispositive_note` holds the court's reasons for treating, say,
    preliminary-injunction papers as dispositive; blank lines separate its
    paragraphs.
    """

    heading: str
    legal_standard_paragraphs: Sequence[str]
    ground_sections: Sequence[GroundSection]
    treated_as_dispositive_note: str | None = None

    def __post_init__(self) -> None:
        _require_text(self.heading, "standard heading")
        where = f"standard {self.heading!r}"
        _freeze_texts(self, "legal_standard_paragraphs", where, "paragraphs")
        grounds = tuple(self.ground_sections)
        if not grounds:
            raise OrderDataError(f"{where}: needs at least one ground section")
        for ground in grounds:
            if not isinstance(ground, GroundSection):
                raise OrderDataError(f"{where}: {ground!r} is not a GroundSection")
        object.__setattr__(self, "ground_sections", grounds)
        if self.treated_as_dispositive_note is not None:
            _require_text(self.treated_as_dispositive_note, f"{where}: note")

    @property
    def dispositive_paragraphs(self) -> tuple[str, ...]:
        return _split_paragraphs(self.treated_as_dispositive_note or "")


@dataclass(frozen=True)
class OrderDocument:
    """Everything a renderer needs to print the order; nothing else.

    Caption: `court_name` and `court_district_line` centred; `caption_parties`
    (lines of the left column: leading spaces indent a line, an empty string
    is a blank line); on the right `case_number`, then `title` in bold
    ("ORDER") and `subject` below it ("Joint Motion to Seal ... (#186)").

    A `draft` prints "DRAFT" at the top of every page and, if anything is
    still `undecided`, a box listing those items before the caption. A final
    order (draft=False) may not leave anything undecided. `signature` is the
    e-signature ("/s/ George Foley, Jr.") once the judge signs; a draft is
    never signed. `dated` None leaves the date blank for the judge.
    """

    court_name: str
    court_district_line: str
    case_number: str
    caption_parties: Sequence[str]
    title: str
    introduction: Sequence[str]
    standard_sections: Sequence[StandardSection]
    ordering_paragraphs: Sequence[str]
    judge_name: str
    judge_title: str
    subject: str = ""
    case_number_label: str = "Case No."
    background: Sequence[str] = ()
    discussion_heading: str = "DISCUSSION"
    discussion_paragraphs: Sequence[str] = ()
    conclusion_lead: str = "Accordingly,"
    dated: date | None = None
    date_style: DateStyle = "day_of"
    signature: str | None = None
    draft: bool = True
    undecided: Sequence[str] = ()
    pleading_paper: bool = True
    font_family: str = DEFAULT_FONT

    def __post_init__(self) -> None:
        for name in (
            "court_name",
            "court_district_line",
            "case_number",
            "title",
            "judge_name",
            "judge_title",
        ):
            _require_text(getattr(self, name), f"order: {name}")
        _freeze_texts(self, "caption_parties", "order", "lines")
        _freeze_texts(self, "undecided", "order", "entries")
        for name in (
            "introduction",
            "background",
            "discussion_paragraphs",
            "ordering_paragraphs",
        ):
            _freeze_texts(self, name, "order", "paragraphs")
        if not self.introduction:
            raise OrderDataError("order: introduction must name the motion")
        if not self.ordering_paragraphs:
            raise OrderDataError("order: needs at least one ordering paragraph")
        sections = tuple(self.standard_sections)
        for section in sections:
            if not isinstance(section, StandardSection):
                raise OrderDataError(f"order: {section!r} is not a StandardSection")
        object.__setattr__(self, "standard_sections", sections)
        if self.undecided and not self.draft:
            raise OrderDataError(
                "order: a final order cannot leave items undecided "
                f"({len(self.undecided)} listed); decide them or keep draft=True"
            )
        if self.signature is not None:
            _require_text(self.signature, "signature")
            if self.draft:
                raise OrderDataError("order: a draft cannot carry a signature")
        if self.date_style not in ("day_of", "month_day_year"):
            raise OrderDataError(f"order: unknown date_style {self.date_style!r}")
        if self.dated is not None and not isinstance(self.dated, date):
            raise OrderDataError("order: dated must be a datetime.date or None")
        # The family name goes into a stylesheet; anything but a plain name
        # could break out of the declaration.
        if not _FONT_NAME.fullmatch(self.font_family):
            raise OrderDataError(
                f"order: font_family {self.font_family!r} must be a plain font name"
            )

    def items(self) -> Iterator[tuple[StandardSection, GroundSection, str, OrderItem]]:
        """Every item in reading order, with its section, ground and ruling."""
        for section in self.standard_sections:
            for ground in section.ground_sections:
                for item in ground.granted:
                    yield section, ground, "granted", item
                for item in ground.denied:
                    yield section, ground, "denied", item


def _require_text(value: object, what: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise OrderDataError(f"{what} must be non-empty text, got {value!r}")


TextKind = Literal["paragraphs", "entries", "lines"]


def _freeze_texts(obj: object, name: str, where: str, kind: TextKind) -> None:
    """Store a sequence of strings (or one string) as a tuple of strings.

    "paragraphs": blank lines inside a string also separate paragraphs, so a
    text area's content can be passed as it is. "entries": each string is one
    footnote or one item, whatever its line breaks. "lines": caption lines,
    kept exactly, blank ones included.
    """
    value = getattr(obj, name)
    texts = (value,) if isinstance(value, str) else tuple(value)
    for text in texts:
        if not isinstance(text, str):
            raise OrderDataError(f"{where}: {name} must hold strings, got {text!r}")
        if kind != "lines" and not text.strip():
            raise OrderDataError(f"{where}: {name} has an empty entry")
    if kind == "paragraphs":
        texts = tuple(part for text in texts for part in _split_paragraphs(text))
    object.__setattr__(obj, name, texts)


def _freeze_items(obj: object, name: str, where: str) -> None:
    items = tuple(getattr(obj, name))
    previous = 0
    for item in items:
        if not isinstance(item, OrderItem):
            raise OrderDataError(f"{where}: {name} must hold OrderItems, got {item!r}")
        # Out-of-order numbers would print a list the reader cannot cite.
        if item.number <= previous:
            raise OrderDataError(
                f"{where}: {name} item numbers must increase, "
                f"{item.number} follows {previous}"
            )
        previous = item.number
    object.__setattr__(obj, name, items)


def _split_paragraphs(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"\n\s*\n", text) if part.strip())


# --- inline markup -------------------------------------------------------------

# Bold first, so that "**granted**" is not read as two italic markers. An opening
# asterisk must be followed by a letter, quote or bracket (never a digit or a
# space) and a closing one must follow a non-space: "*6" stays a star page.
_MARKUP = re.compile(
    r"\*\*(?P<bold>[^\s*](?:[^*\n]*?[^\s*])?)\*\*"
    r"|(?<![\w*])\*(?P<italic>[^\s\d*](?:[^*\n]*?[^\s*])?)\*(?!\w)"
)


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style, for both renderers."""

    text: str
    italic: bool = False
    bold: bool = False


def parse_inline(text: str) -> tuple[Run, ...]:
    """Split text with *italic* and **bold** markup into styled runs, with
    runs of white space (line breaks included) reduced to one space."""
    # Line breaks inside a paragraph are the typist's, not the court's: reflow.
    text = " ".join(text.split())
    runs: list[Run] = []
    position = 0
    for match in _MARKUP.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position : match.start()]))
        if match.group("bold") is not None:
            runs.append(Run(match.group("bold"), bold=True))
        else:
            runs.append(Run(match.group("italic"), italic=True))
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:]))
    return tuple(runs)


def plain_text(text: str) -> str:
    """The text as a reader sees it, markup removed."""
    return "".join(run.text for run in parse_inline(text))


def _inline_html(text: str) -> SafeString:
    parts: list[str] = []
    for run in parse_inline(text):
        escaped = conditional_escape(run.text)
        if run.bold:
            parts.append(format_html("<strong>{}</strong>", escaped))
        elif run.italic:
            parts.append(format_html("<em>{}</em>", escaped))
        else:
            parts.append(escaped)
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped above


def _unbreakable_html(text: str) -> SafeString:
    """Escape citation text and keep each hyphenated token on one line.

    A line break after the hyphen of "25-26" or "1:18-2:21" makes the
    citation ambiguous on paper and splits it in the text layer, where a
    clerk searches for it; breaks stay allowed at spaces.
    """
    parts = []
    for token in re.split(r"(\s+)", text):
        if "-" in token:
            parts.append(format_html('<span class="nobr">{}</span>', token))
        else:
            parts.append(conditional_escape(token))
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped above


# --- shared wording ------------------------------------------------------------

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def section_label(index: int) -> str:
    """ "I", "II" ... for standard sections (index from 0)."""
    if index >= len(_ROMAN):
        raise OrderDataError(f"order: too many standard sections ({index + 1})")
    return _ROMAN[index]


def ground_label(index: int) -> str:
    """ "A", "B" ... for ground sections (index from 0)."""
    if index >= 26:
        raise OrderDataError(f"order: too many ground sections ({index + 1})")
    return chr(ord("A") + index)


def item_terminator(position: int, count: int) -> str:
    """Punctuation after an item, as courts write lists: "; ", "; and", "."."""
    if position == count - 1:
        return "."
    if position == count - 2:
        return "; and"
    return ";"


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def date_line(order: OrderDocument) -> str:
    """ "DATED this 29th day of April, 2011." or a blank for the judge."""
    if order.dated is None:
        if order.date_style == "day_of":
            return "DATED this ____ day of ______________, ______."
        return "Dated: ______________________"
    month_year = f"{order.dated:%B}, {order.dated.year}"
    if order.date_style == "day_of":
        return f"DATED this {_ordinal(order.dated.day)} day of {month_year}."
    return f"Dated: {order.dated:%B} {order.dated.day}, {order.dated.year}"


def docx_font(order: OrderDocument) -> str:
    return _DOCX_FONT_FOR.get(order.font_family, order.font_family)


# --- HTML / PDF ----------------------------------------------------------------


def _item_context(items: Sequence[OrderItem]) -> list[dict[str, object]]:
    return [
        {
            "number": item.number,
            "title": _inline_html(item.document_title),
            "docket_ref": _unbreakable_html(item.docket_ref),
            "portions": _unbreakable_html(item.portions) if item.portions else "",
            "reason": _inline_html(item.reason),
            "footnote": _inline_html(item.footnote) if item.footnote else None,
            "terminator": item_terminator(position, len(items)),
        }
        for position, item in enumerate(items)
    ]


def _ground_lists(ground: GroundSection) -> list[dict[str, object]]:
    """The granted list, then the denied list, each with its own framing text.

    The findings lead into the granted list, so it needs no lead-in of its own.
    """
    lists: list[dict[str, object]] = []
    if ground.granted:
        after = [ground.granted_conclusion] if ground.granted_conclusion else []
        lists.append(
            {
                "kind": "granted",
                "lead_in": None,
                "items": _item_context(ground.granted),
                "after": _paragraphs(after),
            }
        )
    if ground.denied:
        lists.append(
            {
                "kind": "denied",
                "lead_in": _inline_html(ground.denied_lead_in),
                "items": _item_context(ground.denied),
                "after": _paragraphs(ground.denial_discussion),
            }
        )
    return lists


def _paragraphs(paragraphs: Sequence[str]) -> list[SafeString]:
    return [_inline_html(paragraph) for paragraph in paragraphs]


def _order_context(order: OrderDocument) -> dict[str, object]:
    sections = []
    for s_index, section in enumerate(order.standard_sections):
        grounds = []
        for g_index, ground in enumerate(section.ground_sections):
            grounds.append(
                {
                    "label": ground_label(g_index),
                    "heading": _inline_html(ground.heading),
                    "findings": _paragraphs(ground.findings),
                    "footnotes": _paragraphs(ground.footnotes),
                    "lists": _ground_lists(ground),
                }
            )
        sections.append(
            {
                "label": section_label(s_index),
                "heading": _inline_html(section.heading),
                "legal_standard": _paragraphs(section.legal_standard_paragraphs),
                "dispositive": _paragraphs(section.dispositive_paragraphs),
                "grounds": grounds,
            }
        )
    return {
        "order": order,
        "caption_parties": [line.rstrip() for line in order.caption_parties],
        "subject": _inline_html(order.subject) if order.subject else "",
        "introduction": _paragraphs(order.introduction),
        "background": _paragraphs(order.background),
        "discussion": _paragraphs(order.discussion_paragraphs),
        "sections": sections,
        "conclusion_lead": _inline_html(order.conclusion_lead),
        "ordering": _paragraphs(order.ordering_paragraphs),
        "date_line": date_line(order),
        "undecided": [_inline_html(text) for text in order.undecided],
        "line_numbers": "\\A ".join(str(n) for n in range(1, LINES_PER_PAGE + 1)),
        "geometry": _page_geometry(order),
    }


def _page_geometry(order: OrderDocument) -> dict[str, float]:
    """Margins in points: pleading paper makes room for the line numbers and
    fills exactly 28 lines; plain paper keeps one inch all round."""
    if order.pleading_paper:
        left, bottom = PAGE_LEFT_MARGIN_PT, PAGE_BOTTOM_MARGIN_PT
    else:
        left, bottom = PLAIN_MARGIN_PT, PLAIN_MARGIN_PT
    return {
        "pitch": LINE_PITCH_PT,
        "top": PAGE_TOP_MARGIN_PT,
        "left": left,
        "right": PAGE_RIGHT_MARGIN_PT,
        "bottom": bottom,
    }


def render_order_html(order: OrderDocument) -> str:
    """The order as the HTML WeasyPrint prints (also usable as a preview)."""
    return render_to_string("sealing/order.html", _order_context(order))


def render_order_pdf(order: OrderDocument) -> bytes:
    """The order as a US Letter PDF with a real text layer."""
    # WeasyPrint is slow to import; pages that only preview HTML skip it.
    import weasyprint

    html = weasyprint.HTML(string=render_order_html(order), base_url=str(_HERE))
    return html.write_pdf()


_HERE = Path(__file__).resolve().parent


# --- DOCX ----------------------------------------------------------------------


def render_order_docx(order: OrderDocument) -> bytes:
    """The order as a Word document that opens alike in Word and LibreOffice.

    Numbers of listed items are typed out (not Word list numbering) so that
    both programs print exactly the numbers the order cites; footnotes are
    real Word footnotes.
    """
    writer = _DocxOrderWriter(order)
    writer.write()
    _set_docx_properties(writer.document, order)
    _neutral_package(writer.document)
    buffer = io.BytesIO()
    writer.document.save(buffer)
    return _with_fixed_zip_times(buffer.getvalue())


# Zip entries carry a modification time; a fixed one (the earliest a zip can
# hold) makes the same order give the same bytes whenever it is rendered.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _set_docx_properties(document: object, order: OrderDocument) -> None:
    """Document properties that say only what the order says, at fixed times.

    python-docx stamps the template's properties with its own name and the
    moment of saving; a court's file should carry neither.
    """
    from datetime import datetime, time

    properties = document.core_properties  # type: ignore[attr-defined]
    stamp = datetime.combine(order.dated or date(2000, 1, 1), time())
    properties.author = order.court_name
    properties.last_modified_by = order.court_name
    properties.title = order.title
    properties.subject = order.case_number
    properties.keywords = ""
    properties.comments = ""
    properties.revision = 1
    properties.created = stamp
    properties.modified = stamp
    properties.last_printed = stamp


# Extended properties that name no program and no template: python-docx's
# template says "Microsoft Macintosh Word", "Normal.dotm" and its own counts.
_NEUTRAL_APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/docPropsVTypes"><DocSecurity>0</DocSecurity>'
    b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    b"</Properties>"
)


# Parts of python-docx's template that an order has no use for: an empty
# bibliography store (customXml) and Word 2010's duplicate of the styles.
_TEMPLATE_LEFTOVERS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
)


def _neutral_package(document: object) -> None:
    """Leave out the template's thumbnail (a picture of some other document)
    and leftover parts, and replace its application properties with neutral
    ones. A part no relationship names is not written."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package  # type: ignore[attr-defined]
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            del package.rels[rel_id]
    rels = document.part.rels  # type: ignore[attr-defined]
    for rel_id, rel in list(rels.items()):
        if rel.reltype in _TEMPLATE_LEFTOVERS:
            del rels[rel_id]
    app = Part(
        PackURI("/docProps/app.xml"),
        CT.OFC_EXTENDED_PROPERTIES,
        _NEUTRAL_APP_XML,
        package,
    )
    package.relate_to(app, RT.EXTENDED_PROPERTIES)


def _with_fixed_zip_times(data: bytes) -> bytes:
    """The same .docx with every zip entry dated `_ZIP_EPOCH`, in the same order."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return buffer.getvalue()


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES_PARTNAME = "/word/footnotes.xml"
_FOOTNOTES_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
)
_FOOTNOTES_RELTYPE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
)
# The paragraph properties that follow <w:pBdr> in the schema's sequence.
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


class _DocxOrderWriter:
    """Writes one order into a fresh python-docx Document."""

    def __init__(self, order: OrderDocument) -> None:
        import docx

        self.order = order
        self.document = docx.Document()
        self.font = docx_font(order)
        # (id, text) of each footnote, numbered in reading order as in the PDF.
        self.footnotes: list[tuple[int, str]] = []

    def write(self) -> None:
        order = self.order
        self._set_up_page()
        self._set_up_styles()
        if order.draft and order.undecided:
            self._undecided_box()
        for line in (order.court_name, order.court_district_line):
            self._paragraph(line, style="Order Court")
        self._paragraph("")
        self._caption()
        self._paragraph("")
        for text in order.introduction:
            self._paragraph(text)
        if order.background:
            self._heading("BACKGROUND", centred=True)
            for text in order.background:
                self._paragraph(text)
        self._heading(order.discussion_heading, centred=True)
        for text in order.discussion_paragraphs:
            self._paragraph(text)
        for s_index, section in enumerate(order.standard_sections):
            self._standard_section(section, s_index)
        self._paragraph(order.conclusion_lead)
        for position, text in enumerate(order.ordering_paragraphs):
            paragraph = self._paragraph(text)
            # The last paragraph stays on the page of the date and signature.
            if position == len(order.ordering_paragraphs) - 1:
                paragraph.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
        self._closing()
        self._write_footnotes_part()

    # -- page and styles -------------------------------------------------------

    def _set_up_page(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Inches, Pt, RGBColor

        section = self.document.sections[0]
        section.page_width = Inches(8.5)
        section.page_height = Inches(11)
        section.top_margin = Pt(PAGE_TOP_MARGIN_PT)
        section.right_margin = Pt(PAGE_RIGHT_MARGIN_PT)
        section.header_distance = Inches(0.4)
        section.footer_distance = Inches(0.25)
        if self.order.pleading_paper:
            section.left_margin = Pt(PAGE_LEFT_MARGIN_PT)
            section.bottom_margin = Pt(PAGE_BOTTOM_MARGIN_PT)
        else:
            section.left_margin = Pt(PLAIN_MARGIN_PT)
            section.bottom_margin = Pt(PLAIN_MARGIN_PT)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._add_field(footer, "PAGE", "1")
        header = section.header.paragraphs[0]
        if self.order.draft:
            header.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = header.add_run("DRAFT \u2014 NOT FOR FILING")
            run.bold = True
            run.font.size = Pt(10)
            run.font.color.rgb = RGBColor(0xAA, 0x00, 0x00)
        if self.order.pleading_paper:
            self._pleading_line_numbers(header)

    @staticmethod
    def _pleading_line_numbers(header: object) -> None:
        """Numbers 1-28 beside a double rule, in a text box fixed to the page.

        Anchored in the header, the box repeats on every page and, unlike
        Word's own line numbering, numbers the 28 lines of the paper rather
        than the lines of text, as pleading paper does. Its lines have the
        body's exact 24 pt pitch and start at the top margin, so they line up.
        """
        from docx.oxml import parse_xml

        emu_per_pt = 12700
        width = int(36 * emu_per_pt)
        height = int(LINES_PER_PAGE * LINE_PITCH_PT * emu_per_pt)
        left = int((PAGE_LEFT_MARGIN_PT - 72) * emu_per_pt)
        top = int(PAGE_TOP_MARGIN_PT * emu_per_pt)
        pitch = int(LINE_PITCH_PT * 20)
        numbers = "".join(
            '<w:p><w:pPr><w:pBdr><w:right w:val="double" w:sz="4" '
            'w:space="8" w:color="000000"/></w:pBdr>'
            f'<w:spacing w:before="0" w:after="0" w:line="{pitch}" '
            'w:lineRule="exact"/><w:jc w:val="right"/></w:pPr>'
            f'<w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t>{number}</w:t></w:r></w:p>'
            for number in range(1, LINES_PER_PAGE + 1)
        )
        drawing = (
            f'<w:r xmlns:w="{_W_NS}" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
            'wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/'
            'wordprocessingShape"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
            'relativeHeight="251659264" behindDoc="1" locked="1" '
            'layoutInCell="1" allowOverlap="1">'
            '<wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="page"><wp:posOffset>{left}'
            "</wp:posOffset></wp:positionH>"
            f'<wp:positionV relativeFrom="page"><wp:posOffset>{top}'
            "</wp:posOffset></wp:positionV>"
            f'<wp:extent cx="{width}" cy="{height}"/>'
            '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            '<wp:docPr id="4001" name="Pleading line numbers"/>'
            "<wp:cNvGraphicFramePr/>"
            "<a:graphic><a:graphicData "
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
            f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/>'
            '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
            "<a:ln><a:noFill/></a:ln></wps:spPr>"
            f"<wps:txbx><w:txbxContent>{numbers}</w:txbxContent></wps:txbx>"
            '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" '
            'rIns="0" bIns="0" anchor="t" anchorCtr="0"><a:noAutofit/>'
            "</wps:bodyPr></wps:wsp></a:graphicData></a:graphic>"
            "</wp:anchor></w:drawing></w:r>"
        )
        header._p.append(parse_xml(drawing))  # type: ignore[attr-defined]

    def _set_up_styles(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Pt, RGBColor

        styles = self.document.styles
        normal = styles["Normal"]
        self._set_font(normal, size=12)
        normal_format = normal.paragraph_format
        # Double spacing as exactly 24 pt, the pitch of pleading paper.
        normal_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        normal_format.line_spacing = Pt(24)
        normal_format.space_before = Pt(0)
        normal_format.space_after = Pt(0)
        for name in ("Header", "Footer"):
            self._set_font(styles[name], size=12)
            # Single-spaced, or the footer outgrows pleading paper's bottom margin.
            styles[name].paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        for name in ("Heading 1", "Heading 2"):
            heading = styles[name]
            self._set_font(heading, size=12, bold=True)
            heading.font.color.rgb = RGBColor(0, 0, 0)
            heading_format = heading.paragraph_format
            heading_format.space_before = Pt(0)
            heading_format.space_after = Pt(0)
            heading_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            heading_format.line_spacing = Pt(24)
            heading_format.keep_with_next = True
        court = styles.add_style("Order Court", WD_STYLE_TYPE.PARAGRAPH)
        court.base_style = normal
        court.font.bold = True
        court.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footnote = styles.add_style("Order Footnote", WD_STYLE_TYPE.PARAGRAPH)
        footnote.base_style = normal
        self._set_font(footnote, size=10)
        footnote.paragraph_format.line_spacing = Pt(12)
        footnote.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def _set_font(self, style: object, *, size: int, bold: bool = False) -> None:
        from docx.oxml.ns import qn
        from docx.shared import Pt

        font = style.font  # type: ignore[attr-defined]
        font.name = self.font
        font.size = Pt(size)
        font.bold = bold
        font.italic = False
        # Theme font attributes win over the named font in Word; drop them so
        # headings print in the order's serif rather than the theme's sans.
        r_fonts = style.element.rPr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
        for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            r_fonts.attrib.pop(qn(f"w:{attribute}"), None)
        for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
            r_fonts.set(qn(f"w:{attribute}"), self.font)

    # -- blocks -----------------------------------------------------------------

    def _paragraph(
        self,
        text: str,
        *,
        style: str | None = None,
        indent_first: bool = True,
        footnotes: Sequence[str] = (),
    ) -> object:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Inches

        paragraph = self.document.add_paragraph(style=style)
        if style is None and text:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            if indent_first:
                paragraph.paragraph_format.first_line_indent = Inches(0.5)
        self._add_runs(paragraph, text)
        for note in footnotes:
            self._footnote_reference(paragraph, note)
        return paragraph

    def _heading(self, text: str, *, centred: bool = False, level: int = 1) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Inches

        paragraph = self.document.add_paragraph(style=f"Heading {level}")
        if centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            # Label at the indent, heading text at the next half inch.
            indent = Inches(0.5 if level == 2 else 0)
            paragraph.paragraph_format.left_indent = indent + Inches(0.5)
            paragraph.paragraph_format.first_line_indent = -Inches(0.5)
            paragraph.paragraph_format.tab_stops.add_tab_stop(indent + Inches(0.5))
        self._add_runs(paragraph, text)

    def _caption(self) -> None:
        from docx.shared import Inches, Pt

        order = self.order
        table = self.document.add_table(rows=1, cols=2)
        table.autofit = False
        text_width = 6.0 if order.pleading_paper else 6.5
        widths = (Inches(text_width * 0.52), Inches(text_width * 0.48))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        left, right = table.rows[0].cells
        for cell, width in zip((left, right), widths, strict=True):
            cell.width = width
        parties = list(order.caption_parties) or [""]
        left.paragraphs[0].add_run(parties[0])
        for line in parties[1:]:
            left.add_paragraph().add_run(line)
        right.paragraphs[0].add_run(f"{order.case_number_label} {order.case_number}")
        right.add_paragraph()
        right.add_paragraph().add_run(order.title).bold = True
        if order.subject:
            self._add_runs(right.add_paragraph(), order.subject)
        for paragraph in right.paragraphs:
            paragraph.paragraph_format.left_indent = Pt(12)

    def _undecided_box(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Inches, RGBColor

        table = self.document.add_table(rows=1, cols=1)
        cell = table.rows[0].cells[0]
        self._box_borders(cell)
        title = cell.paragraphs[0]
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = title.add_run("DRAFT \u2014 UNDECIDED ITEMS")
        run.bold = True
        run.font.color.rgb = RGBColor(0xAA, 0x00, 0x00)
        for number, text in enumerate(self.order.undecided, start=1):
            paragraph = cell.add_paragraph()
            paragraph.paragraph_format.left_indent = Inches(0.5)
            paragraph.paragraph_format.first_line_indent = -Inches(0.5)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Inches(0.5))
            paragraph.add_run(f"{number}.\t")
            self._add_runs(paragraph, text)
        self._paragraph("")

    @staticmethod
    def _box_borders(cell: object) -> None:
        from docx.oxml import parse_xml

        borders = "".join(
            f'<w:{side} w:val="single" w:sz="12" w:space="0" w:color="AA0000"/>'
            for side in ("top", "left", "bottom", "right")
        )
        tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
        tc_pr.append(
            parse_xml(f'<w:tcBorders xmlns:w="{_W_NS}">{borders}</w:tcBorders>')
        )

    def _standard_section(self, section: StandardSection, index: int) -> None:
        self._heading(f"{section_label(index)}.\t{section.heading}")
        for text in section.legal_standard_paragraphs:
            self._paragraph(text)
        for text in section.dispositive_paragraphs:
            self._paragraph(text)
        for g_index, ground in enumerate(section.ground_sections):
            self._ground_section(ground, g_index)

    def _ground_section(self, ground: GroundSection, index: int) -> None:
        self._heading(f"{ground_label(index)}.\t{ground.heading}", level=2)
        last = len(ground.findings) - 1
        for position, text in enumerate(ground.findings):
            notes = ground.footnotes if position == last else ()
            self._paragraph(text, footnotes=notes)
        if ground.granted:
            self._items(ground.granted)
            if ground.granted_conclusion:
                self._paragraph(ground.granted_conclusion)
        if ground.denied:
            lead_in = self._paragraph(ground.denied_lead_in)
            lead_in.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
            self._items(ground.denied)
            for text in ground.denial_discussion:
                self._paragraph(text)

    def _items(self, items: Sequence[OrderItem]) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Inches

        for position, item in enumerate(items):
            paragraph = self.document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt = paragraph.paragraph_format
            fmt.left_indent = Inches(1)
            fmt.first_line_indent = -Inches(0.5)
            fmt.tab_stops.add_tab_stop(Inches(1))
            paragraph.add_run(f"{item.number}.\t")
            self._add_runs(paragraph, item.document_title)
            paragraph.add_run(" (")
            self._add_citation(paragraph, item.docket_ref)
            paragraph.add_run(")")
            if item.portions:
                paragraph.add_run(",")
            if item.footnote:
                self._footnote_reference(paragraph, item.footnote)
            if item.portions:
                paragraph.add_run(" ")
                self._add_citation(paragraph, item.portions)
            paragraph.add_run(" (")
            self._add_runs(paragraph, item.reason)
            paragraph.add_run(f"){item_terminator(position, len(items))}")

    def _closing(self) -> None:
        from docx.shared import Inches

        self._paragraph("").paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
        date_paragraph = self._paragraph(date_line(self.order))
        date_paragraph.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
        self._paragraph("").paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
        lines = (
            self.order.signature or "",
            self.order.judge_name.upper(),
            self.order.judge_title.upper(),
        )
        for position, text in enumerate(lines):
            paragraph = self.document.add_paragraph()
            paragraph.paragraph_format.left_indent = Inches(3)
            paragraph.paragraph_format.keep_with_next = position < len(lines) - 1
            paragraph.add_run(text)
            if position == 0:
                self._bottom_border(paragraph)

    @staticmethod
    def _bottom_border(paragraph: object) -> None:
        from docx.oxml import parse_xml

        p_pr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
        border = parse_xml(
            f'<w:pBdr xmlns:w="{_W_NS}"><w:bottom w:val="single" w:sz="6" '
            'w:space="1" w:color="000000"/></w:pBdr>'
        )
        # Word rejects paragraph properties out of schema order.
        p_pr.insert_element_before(border, *_AFTER_PBDR)

    # -- runs, fields, footnotes ----------------------------------------------------

    @staticmethod
    def _add_runs(paragraph: object, text: str) -> None:
        for piece in parse_inline(text):
            run = paragraph.add_run(piece.text)  # type: ignore[attr-defined]
            if piece.italic:
                run.italic = True
            if piece.bold:
                run.bold = True

    @staticmethod
    def _add_citation(paragraph: object, text: str) -> None:
        """Docket numbers and portions with non-breaking hyphens, so that no
        line ends inside "16:6-25" (python-docx still reads them as "-")."""
        from docx.oxml import OxmlElement

        run = paragraph.add_run()  # type: ignore[attr-defined]
        for position, piece in enumerate(text.split("-")):
            if position:
                run._r.append(OxmlElement("w:noBreakHyphen"))
            if piece:
                run._r.add_t(piece)

    @staticmethod
    def _add_field(paragraph: object, instruction: str, placeholder: str) -> None:
        from docx.oxml import parse_xml

        p = paragraph._p  # type: ignore[attr-defined]
        for xml in (
            '<w:r xmlns:w="{ns}"><w:fldChar w:fldCharType="begin"/></w:r>',
            '<w:r xmlns:w="{ns}"><w:instrText xml:space="preserve"> {instr} '
            "</w:instrText></w:r>",
            '<w:r xmlns:w="{ns}"><w:fldChar w:fldCharType="separate"/></w:r>',
            '<w:r xmlns:w="{ns}"><w:t>{placeholder}</w:t></w:r>',
            '<w:r xmlns:w="{ns}"><w:fldChar w:fldCharType="end"/></w:r>',
        ):
            p.append(
                parse_xml(
                    xml.format(ns=_W_NS, instr=instruction, placeholder=placeholder)
                )
            )

    def _footnote_reference(self, paragraph: object, text: str) -> None:
        from docx.oxml import parse_xml

        note_id = len(self.footnotes) + 1
        self.footnotes.append((note_id, text))
        paragraph._p.append(  # type: ignore[attr-defined]
            parse_xml(
                f'<w:r xmlns:w="{_W_NS}"><w:rPr><w:vertAlign w:val="superscript"/>'
                f'</w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'
            )
        )

    def _write_footnotes_part(self) -> None:
        """Add word/footnotes.xml; python-docx has no footnote API of its own."""
        if not self.footnotes:
            return
        from xml.sax.saxutils import escape

        from docx.opc.packuri import PackURI
        from docx.opc.part import Part
        from docx.oxml import parse_xml

        def run_xml(piece: Run) -> str:
            props = ""  # <w:b/> must precede <w:i/> in the schema
            if piece.bold:
                props += "<w:b/>"
            if piece.italic:
                props += "<w:i/>"
            r_pr = f"<w:rPr>{props}</w:rPr>" if props else ""
            return (
                f'<w:r>{r_pr}<w:t xml:space="preserve">{escape(piece.text)}</w:t></w:r>'
            )

        notes = []
        for note_id, text in self.footnotes:
            runs = "".join(run_xml(piece) for piece in parse_inline(text))
            notes.append(
                f'<w:footnote w:id="{note_id}"><w:p><w:pPr>'
                '<w:pStyle w:val="OrderFootnote"/></w:pPr>'
                '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                '<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>'
                f"{runs}</w:p></w:footnote>"
            )
        xml = (
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<w:footnotes xmlns:w="{_W_NS}">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing '
            'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/>'
            "</w:r></w:p></w:footnote>"
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r>'
            "<w:continuationSeparator/></w:r></w:p></w:footnote>"
            f"{''.join(notes)}</w:footnotes>"
        )
        document_part = self.document.part
        part = Part(
            PackURI(_FOOTNOTES_PARTNAME),
            _FOOTNOTES_CONTENT_TYPE,
            xml.encode("utf-8"),
            document_part.package,
        )
        document_part.relate_to(part, _FOOTNOTES_RELTYPE)
        # Word expects the separators named in the settings, before <w:compat>.
        settings = self.document.settings.element
        footnote_pr = parse_xml(
            f'<w:footnotePr xmlns:w="{_W_NS}"><w:footnote w:id="-1"/>'
            '<w:footnote w:id="0"/></w:footnotePr>'
        )
        compat = settings.find(f"{{{_W_NS}}}compat")
        if compat is not None:
            compat.addprevious(footnote_pr)
        else:
            settings.append(footnote_pr)


__all__ = [
    "GroundSection",
    "OrderDataError",
    "OrderDocument",
    "OrderItem",
    "Run",
    "StandardSection",
    "date_line",
    "parse_inline",
    "plain_text",
    "render_order_docx",
    "render_order_html",
    "render_order_pdf",
]
