"""Portions of a document named in a sealing request, and the parser for them.

A portion uses the document's own pagination (the printed page number), never
the PDF page index; the locator resolves it against the page layout.
"""

from __future__ import annotations

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
