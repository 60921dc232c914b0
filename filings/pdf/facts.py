"""First look at an uploaded PDF: is it a PDF we can work with, and what is in it.

Used at intake, before anything is stored, so that a damaged, encrypted or empty
file is refused on the form with a reason the filer can act on.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass

import pikepdf
import pypdfium2

from filings.pdf.geometry import UnreadablePdf
from filings.pdf.pdfium import pdfium_lock

# qpdf repairs damaged files silently; these warnings mean it had to guess.
_DAMAGE_WARNINGS = ("damaged", "reconstruct", "xref not found", "unexpected eof")


@dataclass(frozen=True)
class PageFacts:
    number: int
    width: float
    height: float
    rotation: int
    has_text: bool


@dataclass(frozen=True)
class PdfFacts:
    sha256: str
    size: int
    pages: tuple[PageFacts, ...]

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def text_pages(self) -> int:
        return sum(1 for page in self.pages if page.has_text)


def read_facts(data: bytes) -> PdfFacts:
    """Check that ``data`` is a sound, unencrypted PDF and describe its pages.

    Raises UnreadablePdf with a message meant for the person who uploaded it.
    """
    if not data:
        raise UnreadablePdf("The file is empty.")
    if not data.lstrip()[:5] == b"%PDF-":
        raise UnreadablePdf("The file is not a PDF (it does not start with %PDF-).")
    if b"%%EOF" not in data[-2048:]:
        raise UnreadablePdf(
            "The PDF is incomplete: it does not end with the %%EOF marker, so it was "
            "probably truncated during saving or upload."
        )
    _check_structure(data)
    with pdfium_lock():
        pages = tuple(_page_facts(data))
    return PdfFacts(
        sha256=hashlib.sha256(data).hexdigest(), size=len(data), pages=pages
    )


def _check_structure(data: bytes) -> None:
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if pdf.is_encrypted:
                raise UnreadablePdf(
                    "The PDF is encrypted or has permission restrictions. File an "
                    "unencrypted copy."
                )
            warnings = [w.lower() for w in pdf.get_warnings()]
            if any(marker in w for w in warnings for marker in _DAMAGE_WARNINGS):
                raise UnreadablePdf(
                    "The PDF is damaged (its cross-reference table had to be "
                    "rebuilt). Re-save it from the program that made it and file "
                    "it again."
                )
            if len(pdf.pages) == 0:
                raise UnreadablePdf("The PDF has no pages.")
    except pikepdf.PasswordError:
        raise UnreadablePdf(
            "The PDF is password-protected. File an unencrypted copy."
        ) from None
    except pikepdf.PdfError as exc:
        raise UnreadablePdf(
            f"The PDF is damaged and cannot be read ({_without_stream(exc)})."
        ) from None


def _without_stream(exc: Exception) -> str:
    # qpdf names the file it read; here that is an in-memory stream whose repr
    # ("stream <_io.BytesIO object at 0x7f...>: ") means nothing to the filer.
    return re.sub(r"^(?:stream )?<[^>]* at 0x[0-9a-fA-F]+>:\s*", "", str(exc))


def _page_facts(data: bytes) -> list[PageFacts]:
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise UnreadablePdf(f"The PDF cannot be read ({exc}).") from None
    try:
        facts = []
        for index in range(len(document)):
            page = document[index]
            try:
                width, height = page.get_size()
                text_page = page.get_textpage()
                try:
                    has_text = bool(text_page.get_text_range().strip())
                finally:
                    text_page.close()
                facts.append(
                    PageFacts(
                        number=index + 1,
                        width=round(width, 2),
                        height=round(height, 2),
                        rotation=page.get_rotation(),
                        has_text=has_text,
                    )
                )
            finally:
                page.close()
        return facts
    finally:
        document.close()
