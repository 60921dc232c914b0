"""Benchmark the Django-side work of the public-version loop.

    .venv/bin/python bench/checks.py

On a 100-page sealed original with one approved region per page, times:
the clerk's redaction run (redact_pdf, as filings.redaction.render_run calls it),
the submission check (check_public_version against the original, plus the
page sizes the report page needs, as filings.compliance.run_check does), the
intake inspection of a clean public filing, and one report-page thumbnail.
"""

from __future__ import annotations

import os
import random
import sys
import time

# bench/ holds scripts named like standard modules (queue, inspect): keep the
# script's own folder off sys.path and put the project root there instead.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]
sys.path.insert(0, os.path.dirname(_HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sealing.test_settings")

import django  # noqa: E402

django.setup()

import pypdfium2 as pdfium  # noqa: E402

from filings.compliance import THUMBNAIL_SCALE, page_sizes  # noqa: E402
from filings.pdf.compare import check_public_version  # noqa: E402
from filings.pdf.geometry import Region  # noqa: E402
from filings.pdf.inspect import inspect_pdf  # noqa: E402
from filings.pdf.redact import redact_pdf  # noqa: E402
from tests.pdf import inspect_factory as f  # noqa: E402

PAGES = 100


VOCABULARY = [
    "court", "finds", "parties", "agreed", "schedule", "rebates", "supplier",
    "pricing", "customer", "exhibit", "declaration", "motion", "seal", "record",
    "hearing", "counsel", "public", "access", "trade", "secret", "ledger",
]  # fmt: skip


def prose(page: int, words: int = 275) -> list[str]:
    """Varied words, like a filing's prose (seeded, so every run is the same)."""
    rng = random.Random(page)
    return [f"{rng.choice(VOCABULARY)}{rng.randrange(400)}" for _ in range(words)]


def original(pages: int = PAGES, *, line_numbers: bool = False) -> bytes:
    out = []
    for n in range(1, pages + 1):
        # Seven words a line at 14 pt keep every line on the page (wider
        # lines run off its edge, which the inspector rightly reports).
        body = f.paragraph(72, 720, prose(n), per_line=7, leading=14)
        if line_numbers:  # pleading paper: the same 1-28 down every page
            body += "".join(f.text(40, 720 - 16 * i, str(i + 1)) for i in range(28))
        out.append(body + f.text(72, 100, f"SECRET{n:03d} account ledger {n}"))
    return f.build(*out)


def regions_for(pages: int) -> list[Region]:
    # Baseline 100 on a 792-point page: the secret line's top is near 683.
    return [Region(n, 66, 676, 300, 696) for n in range(1, pages + 1)]


def timed(label: str, action, pages: int = PAGES) -> object:
    start = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - start
    print(f"{label:<48} {elapsed:7.2f} s  {pages / elapsed:7.1f} pages/s")
    return result


def main() -> None:
    pdf = original()
    regions = regions_for(PAGES)
    result = timed(
        "redaction run (redact + verify)",
        lambda: redact_pdf(pdf, regions, label="REDACTED", coordinates="visible"),
    )
    public = result.pdf
    print(f"  raster pages: {len(result.raster_pages)}")
    report = timed(
        "submission check (inspect + compare + sizes)",
        lambda: check(public, pdf, regions),
    )
    print(f"  verdict: {report.verdict}, findings: {len(report.findings)}")
    timed("intake inspection of a public filing", lambda: inspect_pdf(public))

    def thumbnail() -> None:
        doc = pdfium.PdfDocument(public)
        doc[0].render(scale=THUMBNAIL_SCALE).to_pil().save(os.devnull, format="PNG")
        doc.close()

    timed("one report-page thumbnail", thumbnail, pages=1)
    # Pleading paper repeats 1-28 on every page; the comparison's alignment
    # slows down on repeated words, so show how it grows.
    for pages in (10, 20, 40):
        sealed = original(pages, line_numbers=True)
        cut = regions_for(pages)
        redacted = redact_pdf(sealed, cut, label="REDACTED", coordinates="visible").pdf
        timed(
            f"submission check, pleading paper, {pages} pages",
            lambda s=sealed, r=redacted, c=cut: check(r, s, c),
            pages=pages,
        )


def check(public: bytes, sealed: bytes, regions: list[Region]):
    page_sizes(public)
    return check_public_version(public, original=sealed, approved=regions)


if __name__ == "__main__":
    main()
