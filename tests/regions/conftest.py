"""A sealed complaint on pleading paper, processed, and a motion to seal parts of it."""

from __future__ import annotations

from dataclasses import dataclass

import pdfplumber
import pytest
from django.contrib.auth.models import User

from filings.jobs import process_file
from filings.models import Access, DocketEntry, Document, DocumentFile
from filings.pdf.pleading import render_pleading
from filings.pdf.portions import format_portions, parse_portions
from sealing import triage
from sealing.models import MotionToSeal, SealingItem
from tests import factories
from tests.conftest import Cast
from tests.pdf.pleading_factory import complaint

WORDS = 50


@pytest.fixture(scope="session")
def complaint_pdf() -> bytes:
    """40 numbered paragraphs of 50 traceable words (``p25w3``), about 7 pages."""
    return render_pleading(complaint(range(1, 41), words=WORDS))


@pytest.fixture(scope="session")
def unnumbered_pdf() -> bytes:
    """The same kind of complaint without printed page numbers."""
    return render_pleading(
        complaint(range(1, 11), words=WORDS, page_number_style="none")
    )


@pytest.fixture(scope="session")
def short_pdf() -> bytes:
    """Five numbered paragraphs over two pages, for tests that only need a page."""
    return render_pleading(complaint(range(1, 6), words=40))


@dataclass
class Filed:
    cast: Cast
    document: Document
    file: DocumentFile
    motion: MotionToSeal

    def item(
        self, portions: str, *, listed_as: int = 1, ruling: str = ""
    ) -> SealingItem:
        return add_item(self.motion, self.document, portions, listed_as, ruling)


def add_item(
    motion: MotionToSeal,
    document: Document,
    portions: str,
    listed_as: int = 1,
    ruling: str = "",
) -> SealingItem:
    parsed = parse_portions(portions)
    return SealingItem.objects.create(
        motion=motion,
        listed_as=listed_as,
        source_text=f"Complaint (#{document.docket_ref}), {portions}",
        target=document,
        portions=[portion.to_dict() for portion in parsed],
        portions_text=format_portions(parsed),
        ground="trade_secret",
        ruling=ruling,
    )


def file_document(
    cast: Cast,
    pdf: bytes,
    *,
    access: str = Access.PROVISIONALLY_SEALED,
    process: bool = True,
    uploaded_by: User | None = None,
) -> tuple[Document, DocumentFile]:
    entry = factories.make_entry(cast.case, filer=cast.plaintiff, text="COMPLAINT")
    document = Document.objects.create(
        entry=entry, description="Complaint", access=access
    )
    file = factories.add_file(document, pdf, uploaded_by=uploaded_by)
    if process:
        process_file(file.pk)
        file.refresh_from_db()
    return document, file


def open_motion(cast: Cast) -> MotionToSeal:
    entry = factories.make_entry(
        cast.case,
        filer=cast.plaintiff,
        kind=DocketEntry.Kind.MOTION_TO_SEAL,
        text="MOTION to seal",
    )
    return triage.open_motion(
        None, entry=entry, title="Motion to Seal", movants=[cast.plaintiff]
    )


@pytest.fixture
def filed(cast: Cast, complaint_pdf: bytes) -> Filed:
    document, file = file_document(cast, complaint_pdf)
    return Filed(cast, document, file, open_motion(cast))


def words_on_pages(pdf: bytes) -> list[tuple[int, str, float, float]]:
    """(page, text, centre x, centre y) of every word, read by pdfplumber."""
    import io

    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, 1):
            for word in page.extract_words():
                found.append(
                    (
                        number,
                        word["text"],
                        (word["x0"] + word["x1"]) / 2,
                        (word["top"] + word["bottom"]) / 2,
                    )
                )
    return found


def covered_words(pdf: bytes, regions) -> set[str]:
    """Words whose centre lies inside one of ``regions`` on its page."""
    return {
        text
        for page, text, x, y in words_on_pages(pdf)
        if any(
            r.page == page and r.x0 <= x <= r.x1 and r.top <= y <= r.bottom
            for r in regions
        )
    }


@pytest.fixture
def short_filed(cast: Cast, short_pdf: bytes) -> Filed:
    document, file = file_document(cast, short_pdf)
    return Filed(cast, document, file, open_motion(cast))
