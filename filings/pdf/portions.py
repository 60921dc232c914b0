"""Portions of a document named in a sealing request, and the parser for them.

A portion uses the document's own pagination (the printed page number), never
the PDF page index; the locator resolves it against the page layout.

The notation is the courts' own: "¶¶ 25-26, 31-34", "pp. 1:18-2:21, 8:1-12:21",
"p. 4 n.4", "#135 at 4-32", "p. 5 ln 16". Anything that cannot be read without
guessing is a PortionSyntaxError, never a best effort.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal


@dataclass(frozen=True)
class WholeDocument:
    kind: Literal["document"] = "document"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "document"}


@dataclass(frozen=True)
class Pages:
    first: int
    last: int
    kind: Literal["pages"] = "pages"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "pages", "first": self.first, "last": self.last}


@dataclass(frozen=True)
class Lines:
    first_page: int
    first_line: int
    last_page: int
    last_line: int
    kind: Literal["lines"] = "lines"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "lines",
            "first_page": self.first_page,
            "first_line": self.first_line,
            "last_page": self.last_page,
            "last_line": self.last_line,
        }


@dataclass(frozen=True)
class Paragraphs:
    first: int
    last: int
    kind: Literal["paragraphs"] = "paragraphs"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "paragraphs", "first": self.first, "last": self.last}


@dataclass(frozen=True)
class Footnote:
    page: int
    number: int
    kind: Literal["footnote"] = "footnote"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "footnote", "page": self.page, "number": self.number}


Portion = WholeDocument | Pages | Lines | Paragraphs | Footnote


class PortionSyntaxError(ValueError):
    """Portion notation or an item line that cannot be read without guessing.

    ``position`` is the 0-based character offset in ``text`` where reading
    failed, so a form can point at the exact spot.
    """

    def __init__(self, reason: str, text: str = "", position: int | None = None):
        self.reason = reason
        self.text = text
        self.position = position
        if position is None:
            message = f"Could not read {text!r}: {reason}" if text else reason
        else:
            message = (
                f"Could not read {_snippet(text, position)!r} at character "
                f"{position + 1} of {text!r}: {reason}"
            )
        super().__init__(message)


def _snippet(text: str, position: int) -> str:
    rest = text[position:].strip()
    word = rest.split()[0] if rest else ""
    return word or "(end of text)"


# --- Reading the text -------------------------------------------------------

# Every dash a word processor or a PDF text layer produces means a range here.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# Footnote call markers ("(#62),¹") and emphasis marks from pasted rich text
# are not part of the citation; blanking them keeps character offsets stable.
_NOISE = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079*_\u2020\u2021"
_SPACES = "\u00a0\u2007\u202f\u2009\u200a\t"
_CLEAN = str.maketrans(
    {
        **dict.fromkeys(_DASHES, "-"),
        **dict.fromkeys(_NOISE, " "),
        **dict.fromkeys(_SPACES, " "),
        "\u2019": "'",
    }
)


def normalize_citation_text(text: str) -> str:
    """Same length as ``text``: dashes unified, footnote calls and emphasis blanked."""
    return text.translate(_CLEAN)


_TOKEN = re.compile(
    r"(?P<space>\s+)|(?P<para>¶+)|(?P<num>\d+)|(?P<colon>:)|(?P<dash>-)"
    r"|(?P<sep>[,;&])|(?P<word>[A-Za-z]+\.?)|(?P<other>.)"
)

PARA, PAGE, AT, LINE, NOTE = "para", "page", "at", "line", "note"
NUM, COLON, DASH, SEP, WORD, OTHER = "num", "colon", "dash", "sep", "word", "other"
_MARKERS = {PARA, PAGE, AT, LINE, NOTE}

# Marker words (lower case, without the period) -> (kind, plural). Plural
# matters: after "ll. 3" a bare "5" is another line, after "ln 3" it is unclear.
_WORDS: dict[str, tuple[str, bool]] = {
    "at": (AT, False),
    "to": (DASH, False),
    "through": (DASH, False),
    "thru": (DASH, False),
    "and": (SEP, False),
}
for _kind, _singular, _plural in (
    (PARA, "para par paragraph", "paras pars paragraphs"),
    (PAGE, "p pg page", "pp pgs pages"),
    (LINE, "l ln line", "ll lns lines"),
    (NOTE, "n fn note footnote", "nn fns notes footnotes"),
):
    _WORDS |= dict.fromkeys(_singular.split(), (_kind, False))
    _WORDS |= dict.fromkeys(_plural.split(), (_kind, True))

_WHOLE_PHRASES = {
    "entire document",
    "whole document",
    "entire",
    "entirety",
    "in its entirety",
    "in their entirety",
    "in full",
    "all",
    "all pages",
    "entire exhibit",
    "entire transcript",
}

# Numbers beyond this are a typo or garbage, not a page of a court filing.
_MAX_NUMBER = 99_999
# "nn. 1-5000" would expand into thousands of footnotes.
_MAX_FOOTNOTE_SPAN = 100


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    plural: bool = False

    @property
    def value(self) -> int:
        return int(self.text)


def _classify(word: str) -> tuple[str, bool]:
    if word == "In":
        # OCR of pleading paper reads "ln" (line) as "In": "p. 5 In 16".
        return LINE, False
    return _WORDS.get(word.lower().rstrip("."), (WORD, False))


def _tokenize(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or OTHER
        piece = match.group()
        if kind == "space":
            continue
        plural = False
        if kind == "para":
            kind, plural = PARA, len(piece) > 1
        elif kind == "word":
            kind, plural = _classify(piece)
        tokens.append(_Token(kind, piece, match.start(), plural))
    return tokens


# --- The portion grammar ----------------------------------------------------


class _NotAPortion(Exception):
    """The text at this point does not start a portion (used when splitting)."""


class _Parser:
    """Reads portions from tokens; the notation is mode-based like the courts' own.

    A marker ("¶¶", "pp.", "at", "ll.", "n.") sets how the bare numbers after
    it are read until the next marker, so "¶¶ 6-44, 46" is two paragraph
    ranges and "pp. 4:2-23; 4:26" two line ranges.
    """

    def __init__(self, text: str, tokens: list[_Token]):
        self.text = text
        self.tokens = tokens
        self.i = 0
        self.mode: str | None = None
        self.page: int | None = None  # the page that line/footnote numbers belong to
        self.plural = False
        self.since_marker = 0
        self.portions: list[Portion] = []

    # token helpers
    def peek(self, offset: int = 0) -> _Token | None:
        j = self.i + offset
        return self.tokens[j] if j < len(self.tokens) else None

    def kind(self, offset: int = 0) -> str | None:
        tok = self.peek(offset)
        return tok.kind if tok else None

    def fail(self, reason: str, tok: _Token | None = None) -> PortionSyntaxError:
        tok = tok or self.peek()
        position = tok.start if tok else len(self.text.rstrip())
        return PortionSyntaxError(reason, self.text, position)

    def number(self, what: str) -> int:
        tok = self.peek()
        if tok is None or tok.kind != NUM:
            raise self.fail(f"expected a {what} number here")
        if tok.value < 1:
            raise self.fail(f"{what} {tok.text}: {what}s are numbered from 1")
        if tok.value > _MAX_NUMBER:
            raise self.fail(f"{what} {tok.text} is not a plausible {what} number")
        self.i += 1
        return tok.value

    def ordered(self, first: int, last: int, what: str, tok: _Token) -> None:
        if last < first:
            raise self.fail(f"{what} range {first}-{last} runs backwards", tok)

    # grammar
    def parse(self, *, prefix: bool) -> int:
        """Parse items; return the index of the first token not consumed.

        With ``prefix`` the parser stops quietly where the text stops looking
        like portion notation (a description follows); a portion that starts
        but is malformed is still an error.
        """
        end = 0
        while True:
            start = self.i
            try:
                self.item()
            except _NotAPortion as refusal:
                self.i = start
                if not prefix:
                    raise self.fail(str(refusal) or self._why_not_a_portion()) from None
                return end
            end = self.i
            if self.kind() is None:
                return end
            if self.kind() != SEP:
                if prefix:
                    return end
                raise self.fail("expected ',', ';' or 'and' between portions")
            self.separator()
            if self.kind() is None:
                if prefix:
                    return end
                raise self.fail("nothing follows the last separator")

    def separator(self) -> None:
        """One separator: ',', ';', 'and', or ', and' (the serial comma).

        "¶¶ 5, , 6" has an empty portion between its commas: a typo or a portion
        lost in copying, which must be fixed, not skipped.
        """
        first = self.peek()
        assert first is not None
        self.i += 1
        second = self.peek()
        if second is None or second.kind != SEP:
            return
        if first.text in ",;" and second.text.lower() in ("and", "&"):
            self.i += 1
            if self.kind() != SEP:
                return
            second = self.peek()
        raise self.fail(
            "two separators in a row: a portion is missing between them", second
        )

    def _why_not_a_portion(self) -> str:
        tok = self.peek()
        if tok is None:
            return "expected a portion"
        if tok.kind == NUM:
            return (
                f"'{tok.text}' has no marker: write 'p. {tok.text}' for a page "
                f"or '¶ {tok.text}' for a paragraph"
            )
        if tok.kind in _MARKERS:
            return f"'{tok.text}' must be followed by a number"
        return "this is not portion notation (pages, lines, ¶¶ or footnotes)"

    def item(self) -> None:
        tok = self.peek()
        if tok is None:
            raise _NotAPortion
        if tok.kind == AT:
            self.i += 1
            if self.kind() not in (PARA, PAGE, NUM):
                self.i -= 1
                raise _NotAPortion
            if self.kind() == NUM:
                self.set_mode(PAGE, tok)
        tok = self.peek()
        assert tok is not None
        if tok.kind in (PARA, PAGE):
            if self.kind(1) != NUM:
                raise _NotAPortion
            self.i += 1
            self.set_mode(tok.kind, tok)
        elif tok.kind in (LINE, NOTE):
            if self.kind(1) != NUM:
                raise _NotAPortion
            if self.mode not in (LINE, NOTE):
                raise _NotAPortion(
                    f"'{tok.text}' needs a page first, e.g. 'p. 5, {tok.text} 3'"
                )
            self.i += 1
            self.set_mode(tok.kind, tok, page=self.page)
        elif tok.kind != NUM or self.mode is None:
            raise _NotAPortion
        self.since_marker += 1
        if self.mode == PARA:
            self.paragraphs()
        elif self.mode == PAGE:
            self.page_item()
        else:
            self.line_or_note_item()

    def set_mode(self, mode: str, tok: _Token, page: int | None = None) -> None:
        self.mode, self.plural, self.since_marker = mode, tok.plural, 0
        self.page = page

    def paragraphs(self) -> None:
        tok = self.peek()
        first = self.number("paragraph")
        last = first
        if self.kind() == DASH:
            self.i += 1
            last = self.number("paragraph")
            self.ordered(first, last, "paragraph", tok)
        if self.kind() == COLON:
            raise self.fail("a paragraph has no lines; ':' belongs after a page")
        self.portions.append(Paragraphs(first, last))

    def page_item(self) -> None:
        tok = self.peek()
        first = self.number("page")
        self.page = None
        if self.kind() == COLON:
            self.i += 1
            self.page_lines(first, tok)
            return
        last = first
        if self.kind() == DASH:
            self.i += 1
            last = self.number("page")
            if self.kind() == COLON:
                raise self.fail("a page range cannot be followed by ':line'")
            self.ordered(first, last, "page", tok)
        follow = 1 if self.kind() == SEP and self.peek().text == "," else 0
        if self.kind(follow) in (LINE, NOTE) and self.kind(follow + 1) == NUM:
            marker = self.peek(follow)
            if last != first:
                raise self.fail(
                    f"'{marker.text}' needs a single page, not pages {first}-{last}",
                    marker,
                )
            self.i += follow + 1
            self.set_mode(marker.kind, marker, page=first)
            self.since_marker = 1
            self.line_or_note_item()
            return
        self.portions.append(Pages(first, last))

    def page_lines(self, page: int, tok: _Token) -> None:
        first_line = self.number("line")
        last_page, last_line = page, first_line
        if self.kind() == DASH:
            self.i += 1
            end = self.number("line")
            if self.kind() == COLON:
                self.i += 1
                last_page, last_line = end, self.number("line")
            else:
                last_line = end
        if (last_page, last_line) < (page, first_line):
            raise self.fail(
                f"line range {page}:{first_line} to {last_page}:{last_line} "
                "runs backwards",
                tok,
            )
        self.mode = PAGE
        self.portions.append(Lines(page, first_line, last_page, last_line))

    def line_or_note_item(self) -> None:
        tok = self.peek()
        if self.kind(1) == COLON:
            if self.since_marker <= 1:
                raise self.fail("a line or footnote number cannot have ':'", tok)
            # "p. 5 ln 16, 7:3-9": an explicit page:line is never ambiguous.
            self.mode = PAGE
            self.page_item()
            return
        if self.since_marker > 1 and not self.plural:
            what = "line" if self.mode == LINE else "footnote"
            raise self.fail(
                f"after a single {what}, '{tok.text}' could be another {what} "
                f"or a page; write the plural marker or 'p. {tok.text}'"
            )
        what = "line" if self.mode == LINE else "footnote"
        first = self.number(what)
        last = first
        assert self.page is not None
        if self.kind() == DASH:
            self.i += 1
            if self.mode == LINE and self.kind() == PAGE:
                self.lines_to_another_page(self.page, first, tok)
                return
            last = self.number(what)
            self.ordered(first, last, what, tok)
        if self.mode == LINE:
            self.portions.append(Lines(self.page, first, self.page, last))
            return
        if last - first >= _MAX_FOOTNOTE_SPAN:
            raise self.fail(f"footnotes {first}-{last} is not a plausible range", tok)
        self.portions.extend(Footnote(self.page, n) for n in range(first, last + 1))

    def lines_to_another_page(self, page: int, line: int, tok: _Token) -> None:
        """ "page 12, line 3 through page 13, line 4"."""
        self.i += 1
        last_page = self.number("page")
        if self.kind() == SEP and self.peek().text == ",":
            self.i += 1
        if self.kind() != LINE:
            raise self.fail("expected the line on the last page, e.g. 'line 4'")
        self.i += 1
        last_line = self.number("line")
        if (last_page, last_line) < (page, line):
            raise self.fail(
                f"line range {page}:{line} to {last_page}:{last_line} runs backwards",
                tok,
            )
        self.mode, self.page = PAGE, None
        self.portions.append(Lines(page, line, last_page, last_line))


def _is_whole_document(text: str) -> bool:
    words = " ".join(text.lower().replace("(", " ").replace(")", " ").split())
    return words.rstrip(".") in _WHOLE_PHRASES


def parse_portions(text: str) -> list[Portion]:
    """Read portion notation such as "¶¶ 25-26, 31-34; pp. 4:2-23; p. 4 n.4".

    Blank text means the whole document. Anything that cannot be read without
    guessing raises :class:`PortionSyntaxError`.
    """
    clean = normalize_citation_text(text)
    if not clean.strip() or _is_whole_document(clean):
        return [WholeDocument()]
    # A closing period ends the citation in running text ("¶¶ 2-8.").
    body = clean.rstrip()
    if body.endswith(".") and body[:-1].rstrip()[-1:].isdigit():
        body = body[:-1]
    parser = _Parser(clean, _tokenize(body))
    parser.parse(prefix=False)
    _refuse_repeats(parser.portions, clean)
    return list(parser.portions)


def _portion_prefix(text: str) -> tuple[list[Portion], int]:
    """Portions at the start of ``text`` and the offset where they end."""
    tokens = _tokenize(text)
    parser = _Parser(text, tokens)
    end = parser.parse(prefix=True)
    if end == 0:
        return [], 0
    last = tokens[end - 1]
    _refuse_repeats(parser.portions, text[: last.start + len(last.text)])
    return list(parser.portions), last.start + len(last.text)


def _refuse_repeats(portions: Sequence[Portion], text: str) -> None:
    """ "¶¶ 5, 5" names ¶ 5 twice: a typo, or another portion lost in copying,
    which the filer must fix. (Overlapping ranges are the courts' own habit:
    the issue's "pp. 1:18-2:21, 2:18-25" is read as written.)"""
    for index, portion in enumerate(portions):
        if portion in portions[:index]:
            raise PortionSyntaxError(
                f"{format_portions([portion])} is listed twice", text
            )


# --- Writing the court's notation ------------------------------------------


def _page_piece(portion: Pages | Lines) -> str:
    if isinstance(portion, Pages):
        if portion.first == portion.last:
            return str(portion.first)
        return f"{portion.first}-{portion.last}"
    start = f"{portion.first_page}:{portion.first_line}"
    if (portion.first_page, portion.first_line) == (
        portion.last_page,
        portion.last_line,
    ):
        return start
    if portion.first_page == portion.last_page:
        return f"{start}-{portion.last_line}"
    return f"{start}-{portion.last_page}:{portion.last_line}"


def _pages_spanned(group: list[Pages | Lines]) -> set[int]:
    pages: set[int] = set()
    for portion in group:
        if isinstance(portion, Pages):
            pages.update((portion.first, portion.last))
        else:
            pages.update((portion.first_page, portion.last_page))
    return pages


def _range(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def _format_footnotes(group: list[Footnote]) -> list[str]:
    """ "p. 4 nn.4-5" for footnotes 4 and 5 on page 4; one entry per page run."""
    runs: list[tuple[int, list[int]]] = []
    for footnote in group:
        if runs and runs[-1][0] == footnote.page:
            runs[-1][1].append(footnote.number)
        else:
            runs.append((footnote.page, [footnote.number]))
    written = []
    for page, numbers in runs:
        spans: list[list[int]] = []
        for number in numbers:
            if spans and number == spans[-1][1] + 1:
                spans[-1][1] = number
            else:
                spans.append([number, number])
        marker = "n." if len(numbers) == 1 else "nn."
        listed = ", ".join(_range(first, last) for first, last in spans)
        written.append(f"p. {page} {marker}{listed}")
    return written


def _format_group(kind: str, group: list[Any]) -> str:
    if kind == "paragraphs":
        marker = "¶" if len(group) == 1 and group[0].first == group[0].last else "¶¶"
        return f"{marker} " + ", ".join(_range(p.first, p.last) for p in group)
    if kind == "footnote":
        return "; ".join(_format_footnotes(group))
    marker = "p." if len(_pages_spanned(group)) == 1 else "pp."
    return f"{marker} " + ", ".join(_page_piece(p) for p in group)


def format_portions(portions: Sequence[Portion]) -> str:
    """The court's notation for ``portions``; parse_portions reads it back."""
    if not portions:
        raise ValueError("no portions to format")
    if any(isinstance(p, WholeDocument) for p in portions):
        if len(portions) > 1:
            raise ValueError("the whole document cannot be combined with portions")
        return "entire document"
    groups: list[tuple[str, list[Any]]] = []
    for portion in portions:
        kind = "pages" if isinstance(portion, Pages | Lines) else portion.kind
        if groups and groups[-1][0] == kind:
            groups[-1][1].append(portion)
        else:
            groups.append((kind, [portion]))
    return "; ".join(_format_group(kind, group) for kind, group in groups)


# --- Parts of portions ------------------------------------------------------

# A whole page runs from before its footnotes to past any line it can have;
# footnote n of a page sits at line -1 - n, so no line range covers it.
_PAGE_START, _PAGE_END = -1_000_000, 1_000_000
_Point = tuple[int, int]


def _text_span(portion: Portion) -> tuple[_Point, _Point] | None:
    if isinstance(portion, Pages):
        return (portion.first, _PAGE_START), (portion.last, _PAGE_END)
    if isinstance(portion, Lines):
        return (
            (portion.first_page, portion.first_line),
            (portion.last_page, portion.last_line),
        )
    if isinstance(portion, Footnote):
        note = (portion.page, -1 - portion.number)
        return note, note
    return None


def _inside(inner: Portion, outer: Portion) -> bool:
    if isinstance(outer, WholeDocument):
        return True
    if isinstance(inner, WholeDocument):
        return False
    if isinstance(inner, Paragraphs) or isinstance(outer, Paragraphs):
        return (
            isinstance(inner, Paragraphs)
            and isinstance(outer, Paragraphs)
            and outer.first <= inner.first
            and inner.last <= outer.last
        )
    inner_span, outer_span = _text_span(inner), _text_span(outer)
    assert inner_span is not None and outer_span is not None
    return outer_span[0] <= inner_span[0] and inner_span[1] <= outer_span[1]


def portions_within(inner: Sequence[Portion], outer: Sequence[Portion]) -> bool:
    """Whether every portion of ``inner`` lies inside one portion of ``outer``.

    Paragraphs and page:line citations are not compared with each other: which
    lines a paragraph spans is the layout's to say, so a part must be written in
    the notation of the portion it is part of.
    """
    return all(any(_inside(part, whole) for whole in outer) for part in inner)


def subtract_portions(
    outer: Sequence[Portion], inner: Sequence[Portion]
) -> list[Portion] | None:
    """``outer`` without ``inner``, or None when that cannot be written exactly.

    "¶¶ 31-34" without "¶¶ 31-32" is "¶¶ 33-34"; "pp. 1:18-2:21" without
    "p. 1:18-25" would need the number of lines on page 1, which only the
    layout knows, so it gives None.
    """
    rest: list[Portion] = []
    for whole in outer:
        parts = [part for part in inner if _inside(part, whole)]
        pieces = _without(whole, parts)
        if pieces is None:
            return None
        rest.extend(pieces)
    return rest


def _without(whole: Portion, parts: Sequence[Portion]) -> list[Portion] | None:
    if not parts:
        return [whole]
    if isinstance(whole, WholeDocument):
        return None if any(part != whole for part in parts) else []
    if isinstance(whole, Footnote):
        return []
    if isinstance(whole, Paragraphs | Pages):
        if any(type(part) is not type(whole) for part in parts):
            return None  # lines or a footnote of a page: its extent is unknown
        numbers = [(whole.first, whole.last)]
        for part in parts:
            numbers = [
                piece
                for first, last in numbers
                for piece in (
                    (first, min(last, part.first - 1)),
                    (max(first, part.last + 1), last),
                )
                if piece[0] <= piece[1]
            ]
        return [type(whole)(first, last) for first, last in numbers]
    assert isinstance(whole, Lines)
    spans: list[tuple[_Point, _Point]] = [
        ((whole.first_page, whole.first_line), (whole.last_page, whole.last_line))
    ]
    for part in parts:
        assert isinstance(part, Lines)
        start = (part.first_page, part.first_line)
        end = (part.last_page, part.last_line)
        cut: list[tuple[_Point, _Point]] = []
        for first, last in spans:
            if end < first or last < start:
                cut.append((first, last))
                continue
            if first < start:
                if start[1] == 1:
                    return None  # the line before is the last of another page
                cut.append((first, (start[0], start[1] - 1)))
            if end < last:
                if end[0] != last[0]:
                    return None  # the line after may be on the next page
                cut.append(((end[0], end[1] + 1), last))
        spans = cut
    return [Lines(first[0], first[1], last[0], last[1]) for first, last in spans]


# --- Item lines: documents, docket references, portions and reasons ---------


@dataclass(frozen=True)
class Target:
    """One document an item of a sealing request names, and what of it to seal.

    ``docket_ref`` is the reference as normalized ("94-1", "12", "33-34"), or
    None when the item names no docket entry; whether "33-34" is attachment 34
    of entry 33 or entries 33 and 34 is decided against the docket by
    ``filings.citations.resolve_docket_ref``.
    """

    docket_ref: str | None
    portions: tuple[Portion, ...]
    description: str = ""
    reason: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "portions", tuple(self.portions))

    def to_dict(self) -> dict[str, Any]:
        return {
            "docket_ref": self.docket_ref,
            "portions": [portion.to_dict() for portion in self.portions],
            "description": self.description,
            "reason": self.reason,
        }


# "#94-1", "ECF No. 94-1", "ECF Nos. 12, 13", "Dkt. 551", "Dkts. 379, 420",
# "Dkt. No. 318", "Doc. 12", "Docket Entry 7", "D.E. 7".
REF_PREFIX = (
    r"(?:\#|\b(?:ECF|Dkts?|Docs?|Documents?|Docket|D\.\s?E)\.?"
    r"(?:\s*(?:Nos?|Entry|Entries)\.?)?\s*\#?)"
)
_NUMBER_REF = (
    r"(?P<entry>\d+)(?:\s*-\s*(?P<att>\d+))?"
    r"(?:\s*(?:-|\bthrough\b|\bthru\b|\bto\b)\s*\#?\s*"
    r"(?P<entry2>\d+)\s*-\s*(?P<att2>\d+))?(?![\d:])"
)
_FIRST_REF = re.compile(REF_PREFIX + r"\s*" + _NUMBER_REF, re.IGNORECASE)
_NEXT_REF = re.compile(
    r"\s*(?:[,;&]\s*(?:and\s+)?|and\s+)(?:" + REF_PREFIX + r")?\s*" + _NUMBER_REF,
    re.IGNORECASE,
)
# "(See #174)" inside a reason cites the court's earlier order; it is not a target.
_CITING = re.compile(
    r"(?:\bsee(?:\s+also)?|\bcf\.|\bciting|\bquoting)\s*$", re.IGNORECASE
)
# "Exhibit #3" numbers an exhibit, not a docket entry.
_EXHIBIT_NUMBER = re.compile(
    r"\b(?:exhibits?|exhs?\.?|ex\.?|tabs?|no\.?)\s*$", re.IGNORECASE
)
# Longest run of attachments one range may name ("64-1 through 64-200").
MAX_REF_SPAN = 200

_ENUMERATOR = re.compile(
    r"^\s*(?:\(?\d{1,3}[.)]|\([a-zA-Z]{1,4}\)|[a-zA-Z]{1,4}\)"
    r"|(?![pPlLnN]\.)[a-zA-Z]\.|[ivxIVX]{1,5}\."
    r"|[-*\u2022\u00b7\u25aa\u2013\u2014\u2023>])\s+"
)
_TRAILER = re.compile(r"(?:[\s;,.]|\band\s*$|\bor\s*$)+$")
_LEADER = re.compile(r"^(?:[\s;,]|\band\b)+")


def strip_enumerator(line: str) -> tuple[str, bool]:
    """``line`` without a leading "1.", "a)", "(iv)" or bullet; whether it had one."""
    match = _ENUMERATOR.match(line)
    if not match:
        return line, False
    return line[match.end() :], True


def normalize_docket_number(entry: str, attachment: str | None = None) -> str:
    number = str(int(entry))
    return f"{number}-{int(attachment)}" if attachment is not None else number


_DECIMAL_REF = re.compile(r"\.\d+")


def _refuse_decimal_ref(match: re.Match[str], text: str) -> None:
    """ "#94.1" is not how a court writes attachment 1 of entry 94: say so."""
    decimal = _DECIMAL_REF.match(text, match.end())
    if decimal is None:
        return
    written = text[match.start("entry") : decimal.end()]
    suggestion = written.replace(".", "-")
    raise PortionSyntaxError(
        f"'{written}' is not a docket number: an attachment is written with a "
        f"hyphen, e.g. '#{suggestion}'",
        text,
        match.start("entry"),
    )


def _refs_from_match(match: re.Match[str], text: str) -> list[str]:
    _refuse_decimal_ref(match, text)
    entry, att = match["entry"], match["att"]
    if match["entry2"] is None:
        return [normalize_docket_number(entry, att)]
    entry2, att2 = match["entry2"], match["att2"]
    if att is None or int(entry2) != int(entry) or int(att2) < int(att):
        raise PortionSyntaxError(
            "a range of documents must run through attachments of one entry, "
            "like '64-1 through 64-5'",
            text,
            match.start("entry"),
        )
    if int(att2) - int(att) >= MAX_REF_SPAN:
        raise PortionSyntaxError("too many attachments in one range", text)
    return [
        normalize_docket_number(entry, str(n)) for n in range(int(att), int(att2) + 1)
    ]


def _read_refs(text: str, start: int) -> tuple[list[str], int]:
    """Docket references listed from ``start`` ("#94-1, 94-2") and where they end."""
    match = _FIRST_REF.match(text, start)
    assert match is not None
    refs = _refs_from_match(match, text)
    position = match.end()
    while (match := _NEXT_REF.match(text, position)) is not None:
        refs += _refs_from_match(match, text)
        position = match.end()
    return refs, position


def _depths(text: str) -> list[int]:
    """Parenthesis depth of every character; unbalanced parentheses are an error."""
    depths, depth = [], 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
            depths.append(depth)
        elif char == ")":
            depths.append(depth)
            depth -= 1
            if depth < 0:
                raise PortionSyntaxError("')' without a matching '('", text, index)
        else:
            depths.append(depth)
    if depth:
        opening = max(i for i, c in enumerate(text) if c == "(" and depths[i] == 1)
        raise PortionSyntaxError("'(' is never closed", text, opening)
    return depths


def _enclosing_paren(text: str, depths: list[int], index: int) -> tuple[int, int]:
    """Span (start, end exclusive) of the top-level parenthetical holding ``index``."""
    start = index
    while not (text[start] == "(" and depths[start] == 1):
        start -= 1
    end = index
    while not (text[end] == ")" and depths[end] == 1):
        end += 1
    return start, end + 1


def _target_refs(text: str, depths: list[int]) -> list[re.Match[str]]:
    """Reference starts naming targets: outside parentheses or directly inside."""
    found = []
    for match in _FIRST_REF.finditer(text):
        if depths[match.start()] > 1 or _CITING.search(text, 0, match.start()):
            continue
        if match.group().startswith("#") and _EXHIBIT_NUMBER.search(
            text, 0, match.start()
        ):
            continue
        found.append(match)
    return found


@dataclass
class _Block:
    """Docket references written together, with what was said about them."""

    start: int
    end: int
    refs: list[str]
    description: str = ""
    portions: list[Portion] | None = None
    lead: str = ""
    reason: str = ""


def _tail_portions(text: str, whole: str, offset: int) -> list[Portion] | None:
    body = text.strip(" ,;")
    if not body:
        return None
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1]
    try:
        return parse_portions(body)
    except PortionSyntaxError as error:
        position = error.position
        if position is not None:
            position += offset + text.find(body)
        raise PortionSyntaxError(error.reason, whole, position) from None


def _paren_block(text: str, depths: list[int], match: re.Match[str]) -> _Block:
    start, end = _enclosing_paren(text, depths, match.start())
    refs, stop = _read_refs(text, match.start())
    lead = text[start + 1 : match.start()].strip(" ,;")
    lead = re.sub(r"\s+(?:to|of|in|at)$", "", lead)
    tail = text[stop : end - 1]
    body = tail.strip(" ,;")
    if body and not _looks_like_portions(body):
        # "(ECF No. 15-1, Ex. A at 2-3)": the rest describes the document.
        extra, portions = _read_description(body)
        lead = f"{lead}; {extra}" if lead else extra
    else:
        portions = _tail_portions(tail, text, stop)
    return _Block(start, end, refs, portions=portions, lead=lead)


def _blocks(text: str, depths: list[int]) -> list[_Block]:
    blocks: list[_Block] = []
    for match in _target_refs(text, depths):
        if blocks and match.start() < blocks[-1].end:
            continue  # already read as part of the previous reference list
        if depths[match.start()] == 1:
            blocks.append(_paren_block(text, depths, match))
        else:
            refs, stop = _read_refs(text, match.start())
            blocks.append(_Block(match.start(), stop, refs))
    return blocks


def _looks_like_portions(text: str) -> bool:
    if _is_whole_document(text):
        return True
    tokens = _tokenize(text)
    return bool(tokens) and tokens[0].kind in (_MARKERS | {NUM})


def _trailing_portions(text: str) -> tuple[str, list[Portion]] | None:
    """Split "Ex. A at 46:19-49:10" into a description and its portions."""
    for token in _tokenize(text):
        if token.kind not in (PARA, PAGE, AT) or token.start == 0:
            continue
        if text[token.start - 1] not in " ,":
            continue
        try:
            portions = parse_portions(text[token.start :])
        except PortionSyntaxError:
            continue
        return text[: token.start].strip(" ,;"), portions
    return None


def _leading_portions(text: str) -> tuple[str, list[Portion]] | None:
    """Split "¶¶ 65 and 71 of Defendants' Counterclaims" the other way round."""
    portions, end = _portion_prefix(text)
    rest = re.match(r"\s*(?:of|in)\s+(?P<rest>.+)$", text[end:], re.DOTALL)
    if not portions or rest is None:
        return None
    return rest["rest"].strip(), portions


def _starts_like_portions(text: str) -> bool:
    """Whether ``text`` opens with portion notation ("¶¶ 25", "pp. 4:2", "at 4")."""
    tokens = _tokenize(text)[:2]
    if len(tokens) < 2:
        return False
    first, second = tokens
    if first.kind in (PARA, PAGE, LINE, NOTE):
        return second.kind == NUM
    return first.kind == AT and second.kind in (NUM, PARA, PAGE)


def _read_description(text: str) -> tuple[str, list[Portion] | None]:
    body = _LEADER.sub("", text).strip(" ,;")
    split = _leading_portions(body)
    if split is None and _starts_like_portions(body):
        # "¶¶ 25-26 (#1)": the portions come before the reference. They must read
        # as portions in full; reading none would widen the item to the whole
        # document.
        try:
            return "", parse_portions(body)
        except PortionSyntaxError as error:
            raise PortionSyntaxError(
                f"{error.reason} (portions written before the docket reference "
                "must read in full, e.g. '¶¶ 25-26 of the Complaint (#1)')",
                body,
                error.position,
            ) from None
    split = split or _trailing_portions(body) or _inner_portions(body)
    if split is None:
        _refuse_unread_portions(body)
        return body, None
    return split


# Markers that, followed by a number, cite a portion wherever they stand.
_PORTION_MARKERS = (PARA, PAGE, LINE, NOTE)


def _marked_numbers(text: str) -> list[_Token]:
    """Portion markers in ``text`` that a number follows ("¶¶ 65", "p. 5")."""
    tokens = _tokenize(text)
    return [
        token
        for token, following in zip(tokens, tokens[1:], strict=False)
        if token.kind in _PORTION_MARKERS and following.kind == NUM
    ]


def _inner_portions(text: str) -> tuple[str, list[Portion]] | None:
    """Read "Seal ¶¶ 65 and 71 of Defendants' Counterclaims": words, then the
    portions, then the document they are of."""
    for token in _marked_numbers(text):
        if token.start == 0 or token.kind not in (PARA, PAGE):
            continue
        split = _leading_portions(text[token.start :])
        if split is not None and split[0]:
            return split
    return None


def _refuse_unread_portions(text: str) -> None:
    """A description that cites portions which could not be read is refused:
    reading none would widen the item to the whole document."""
    marked = _marked_numbers(text)
    if not marked:
        return
    first = marked[0]
    cited = text[first.start :]
    try:
        parse_portions(cited)
    except PortionSyntaxError as error:
        where = "" if error.position is None else _snippet(cited, error.position)
        reason = f"at '{where}', {error.reason}" if where else error.reason
    else:
        reason = "words stand between the portions and the document they are of"
    raise PortionSyntaxError(
        f"'{first.text}' cites a portion that cannot be read ({reason}); write the "
        "portions after the docket reference, e.g. 'Answer (#94), ¶¶ 65, 71', or "
        "before it as '¶¶ 65 and 71 of the Answer (#94)'",
        text,
        first.start,
    )


def _assign(block: _Block, portions: list[Portion] | None, text: str) -> None:
    if not portions:
        return
    if block.portions:
        raise PortionSyntaxError(
            f"two lists of portions for docket reference {block.refs[0]}", text
        )
    block.portions = portions


def _fill_blocks(text: str, blocks: list[_Block]) -> None:
    """Give each block the description before it and the portions after it."""
    description, portions = _read_description(text[: blocks[0].start])
    blocks[0].description = description
    _assign(blocks[0], portions, text)
    unclaimed = []
    for block, following in zip(blocks, blocks[1:], strict=False):
        gap = text[block.end : following.start]
        body = gap.lstrip(" ,;")
        found, stop = _portion_prefix(body)
        _assign(block, found, text)
        block.reason, rest = _leading_reason(body[stop:])
        description, portions = _read_description(rest)
        following.description = description
        _assign(following, portions, text)
        if found and not rest.strip(" ,;") and text[following.start] == "(":
            unclaimed.append((block, following))
    _fill_tail(text, blocks[-1])
    for block, following in unclaimed:
        if following.portions is None and not following.lead:
            # "Complaint (#1), ¶ 2 and ¶¶ 5-6 (#94)": are ¶¶ 5-6 the Complaint's
            # or #94's? Either reading guesses, and the other leaves #94 whole.
            raise PortionSyntaxError(
                f"the portions between #{block.refs[-1]} and #{following.refs[0]} "
                f"could belong to either; name the document before its portions, "
                f"e.g. 'Answer (#{following.refs[0]}), ¶ 5'",
                text,
                following.start,
            )


def _leading_reason(text: str) -> tuple[str, str]:
    """A parenthetical right after a document is its own reason.

    "Complaint (#1), ¶ 2 (discusses pricing); Answer (#94), ¶ 3 (...)" gives
    each document the reason written after it.
    """
    body = text.lstrip(" ,")
    if not body.startswith("("):
        return "", text
    depth = 0
    for index, char in enumerate(body):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return " ".join(body[1:index].split()), body[index + 1 :]
    return "", text  # unbalanced parentheses were refused earlier


def _fill_tail(text: str, last: _Block) -> None:
    tail = text[last.end :]
    body = tail.strip(" ,;")
    if not body:
        return
    if _looks_like_portions(body) or (body.startswith("(") and body.endswith(")")):
        _assign(last, _tail_portions(tail, text, last.end), text)
        return
    if last.description:
        raise PortionSyntaxError(
            "after the docket reference expected portions or a parenthetical reason",
            text,
            last.end + tail.find(body),
        )
    # "ECF No. 94-1, Exhibit 1 to the Declaration, ¶ 4": description after the ref.
    description, portions = _read_description(body)
    last.description = description
    _assign(last, portions, text)


def _split_reason(text: str, depths: list[int]) -> tuple[str, str]:
    """Take the closing parenthetical off the item as its reason, if it is one."""
    if not text.endswith(")"):
        return text, ""
    start, _ = _enclosing_paren(text, depths, len(text) - 1)
    inner = text[start + 1 : -1]
    if _target_refs(text, depths) and _target_refs(text, depths)[-1].start() > start:
        return text, ""
    if _is_portion_notation(inner):
        return text, ""
    return text[:start].rstrip(" ,;"), " ".join(inner.split())


def _is_portion_notation(text: str) -> bool:
    """Whether all of ``text`` reads as portions ("(pp. 4-32)" is not a reason)."""
    try:
        parse_portions(text)
    except PortionSyntaxError:
        return False
    return bool(text.strip())


def _clean_item(text: str) -> str:
    clean = " ".join(normalize_citation_text(text).split())
    # Blanked emphasis leaves "*Complaint*, Exhibit" as "Complaint , Exhibit".
    clean = re.sub(r"\s+(?=[,;)])|(?<=\()\s+", "", clean)
    clean, _ = strip_enumerator(clean)
    return _TRAILER.sub("", clean)


def parse_targets(text: str) -> list[Target]:
    """Read one item of a sealing request into the documents and portions it names.

    "Complaint (#1), ¶¶ 25-26, 31-34 (discusses ...)" names ¶¶ 25-26 and 31-34
    of docket entry 1, for the reason in the closing parenthetical.
    """
    clean = _clean_item(text)
    if not clean:
        raise PortionSyntaxError("the item is empty", text)
    depths = _depths(clean)
    body, reason = _split_reason(clean, depths)
    depths = depths[: len(body)]
    blocks = _blocks(body, depths)
    if not blocks:
        return [_target_without_ref(body, reason)]
    _fill_blocks(body, blocks)
    targets = []
    for block in blocks:
        description = block.description
        if block.lead:
            description = f"{description} ({block.lead})".strip()
        portions = block.portions or [WholeDocument()]
        for ref in block.refs:
            targets.append(
                Target(ref, tuple(portions), description, block.reason or reason)
            )
    return targets


def _target_without_ref(body: str, reason: str) -> Target:
    if _looks_like_portions(body):
        return Target(None, tuple(parse_portions(body)), "", reason)
    description, portions = _read_description(body)
    if portions is None:
        raise PortionSyntaxError(
            "no docket reference (such as '#94-1', 'ECF No. 94-1' or 'Dkt. 94') "
            "and no portion (such as '¶¶ 2-4' or 'pp. 4-32') found",
            body,
        )
    return Target(None, tuple(portions), description, reason)
