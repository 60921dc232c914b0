"""Page images for the region previews: pages per second, and bytes per page.

Run: .venv/bin/python bench/page_images.py [PAGES]

Builds a complaint on pleading paper (default 100 pages), then times what
``sealing.jobs.render_page_images`` does per page: PDFium renders the page at
``RENDER_SCALE`` and Pillow encodes the PNG (storage writes are left out: they
depend on the deployment's storage).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Keep bench/ (whose scripts are named like standard modules) off the path.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import io  # noqa: E402
import os  # noqa: E402
import time  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sealing.test_settings")

import django  # noqa: E402

django.setup()

import pypdfium2  # noqa: E402

from filings.pdf.pleading import (  # noqa: E402
    Filing,
    Heading,
    NumberedParagraph,
    render_pleading,
)
from sealing.jobs import RENDER_SCALE  # noqa: E402

TEXT = (
    "Defendant disclosed the confidential pricing formula, the customer list and "
    "the security protocols to a competitor without authorisation, causing harm. "
)


def build(pages: int) -> bytes:
    sections = [Heading("ALLEGATIONS")] + [
        NumberedParagraph(n, TEXT * (1 + n % 3)) for n in range(1, int(pages * 6.3))
    ]
    return render_pleading(
        Filing(
            court="UNITED STATES DISTRICT COURT\nDISTRICT OF NEVADA",
            case_number="2:10-cv-01234-ABC-GWF",
            caption_left=["ACME CORP.,", "Plaintiff,", "v.", "WIDGET LLC,"],
            title="FIRST AMENDED COMPLAINT",
            sections=sections,
        )
    )


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    started = time.perf_counter()
    pdf = build(pages)
    print(f"built the PDF in {time.perf_counter() - started:.1f} s")
    document = pypdfium2.PdfDocument(pdf)
    count = len(document)
    sizes = []
    wall, cpu = time.perf_counter(), time.process_time()
    for index in range(count):
        page = document[index]
        image = page.render(scale=RENDER_SCALE, may_draw_forms=False).to_pil()
        page.close()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=False)
        sizes.append(len(buffer.getvalue()))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    document.close()
    print(
        f"{count} pages rendered at scale {RENDER_SCALE} and encoded as PNG: "
        f"{wall:.2f} s wall ({count / wall:.1f} pages/s), "
        f"{cpu:.2f} s CPU ({count / cpu:.1f} pages/s)"
    )
    print(f"PNG size: {sum(sizes) / len(sizes) / 1024:.0f} KiB a page on average")


if __name__ == "__main__":
    main()
