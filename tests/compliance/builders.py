"""A sealed original, its approved and refused regions, and public versions of it
done right and wrong, for the compliance tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from filings.models import Access, Document, PublicVersionDue
from filings.pdf.geometry import Region
from filings.pdf.redact import redact_pdf
from tests import factories
from tests.pdf import inspect_factory as pdf

SECRET = "QUILLTHRESHOLD"
KEPT = "Opening"
REFUSED = "Refusedparagraph"

# Baselines 700, 660 and 620 on a Letter page: tops at 80.5, 120.5 and 160.5.
APPROVED = Region(page=1, x0=66, top=118, x1=320, bottom=138)
DENIED = Region(page=1, x0=66, top=158, x1=320, bottom=178)


@cache
def original_pdf() -> bytes:
    return pdf.build(
        pdf.text(72, 700, f"{KEPT} words of the declaration")
        + pdf.text(72, 660, f"{SECRET} margin 0.7425")
        + pdf.text(72, 620, f"{REFUSED} stays public")
        + pdf.text(72, 580, "Closing words of the declaration")
    )


@cache
def good_version() -> bytes:
    """True redaction of the approved region, as the engine makes it."""
    return redact_pdf(original_pdf(), [APPROVED], label="REDACTED").pdf


@cache
def boxed_version() -> bytes:
    """The classic bad redaction: a black box drawn over text that is still there."""
    return pdf.build(
        pdf.text(72, 700, f"{KEPT} words of the declaration")
        + pdf.text(72, 660, f"{SECRET} margin 0.7425")
        + pdf.box(66, 654, 254, 20)
        + pdf.text(72, 620, f"{REFUSED} stays public")
        + pdf.text(72, 580, "Closing words of the declaration")
    )


@cache
def over_redacted_version() -> bytes:
    """Also removes the paragraph the court refused to seal."""
    return redact_pdf(original_pdf(), [APPROVED, DENIED], label="REDACTED").pdf


@dataclass
class Sealed:
    document: Document
    due: PublicVersionDue


def sealed_document_with_due(cast, *, due_on: date | None = None) -> Sealed:
    """A plaintiff's declaration lodged under seal, and the public version it owes."""
    entry = factories.make_entry(cast.case, filer=cast.plaintiff)
    document = factories.make_document(
        entry,
        access=Access.PROVISIONALLY_SEALED,
        description="Declaration of Priya Raman",
        pdf=original_pdf(),
        uploaded_by=cast.plaintiff_counsel,
    )
    due = PublicVersionDue.objects.create(
        document=document,
        party=cast.plaintiff,
        due_on=due_on or date.today() + timedelta(days=14),
        regions=[APPROVED.to_dict()],
        denied_regions=[DENIED.to_dict()],
        portions_text="Page 1, line 2",
    )
    return Sealed(document=document, due=due)
