"""Benchmark the public-PDF inspector and the compliance comparison.

    .venv/bin/python bench/inspector.py

Prints pages/s on a clean ~100-page filing (WeasyPrint, pleading-like prose),
then runs a corpus of realistic filings each carrying one known defect (and a
few clean controls) and checks that every defect is found and no control
is flagged. Results go into docs/benchmarks/inspect.md by hand.
"""

from __future__ import annotations

import os
import sys

# This file is named like the standard library's `inspect`, and Python puts
# the script's folder first on sys.path: drop it before anything imports
# `inspect`, and put the project root there instead.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]
sys.path.insert(0, os.path.dirname(_HERE))

import io  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

import pikepdf  # noqa: E402
from pikepdf import Array, Dictionary, Name, String  # noqa: E402

from filings.pdf.compare import check_compliance  # noqa: E402
from filings.pdf.inspect import extract_words, inspect_pdf  # noqa: E402
from tests.pdf import inspect_factory as f  # noqa: E402

VOCABULARY = [
    "court",
    "motion",
    "seal",
    "document",
    "party",
    "confidential",
    "exhibit",
    "declaration",
    "order",
    "public",
    "access",
    "trade",
    "secret",
    "plaintiff",
    "defendant",
    "record",
    "hearing",
    "counsel",
    "filed",
    "pricing",
    "agreement",
    "supplier",
    "rebate",
    "customer",
    "schedule",
    "showing",
    "particularized",
    "harm",
    "good",
    "cause",
    "compelling",
    "reasons",
    "narrowly",
    "tailored",
    "redaction",
    "paragraph",
    "deposition",
    "testimony",
    "marketing",
    "strategy",
    "revenue",
    "forecast",
    "witness",
    "summary",
    "judgment",
]


def filing_html(paragraphs: int, seed: int) -> str:
    rng = random.Random(seed)
    body = []
    for n in range(1, paragraphs + 1):
        words = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(60, 110)))
        body.append(f"<p>{n}. {words.capitalize()}.</p>")
    return (
        "<style>@page { size: letter; margin: 1in } body { font: 12pt/2 serif }"
        " h2 { bookmark-level: none; text-align: center }</style>"
        "<h2>MEMORANDUM OF POINTS AND AUTHORITIES</h2>" + "".join(body)
    )


def pages_per_second(pdf: bytes, runs: int = 3) -> tuple[int, float, float]:
    """Pages, best wall-clock pages/s and best CPU pages/s over a few runs."""
    best_wall = best_cpu = float("inf")
    pages = 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        report = inspect_pdf(pdf)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        pages = report.pages
        assert report.verdict == "pass", report.findings[:3]
    return pages, pages / best_wall, pages / best_cpu


# --- the corpus: one defect per filing ------------------------------------------


def _word_box(
    pdf: bytes, page: int, nth: int, count: int
) -> tuple[float, float, float, float]:
    """User-space box (x, y, w, h) around `count` words starting at the nth on a page."""
    words = [w for w in extract_words(pdf) if w.page == page][nth : nth + count]
    line = [w for w in words if w.line == words[0].line]
    x0, x1 = min(w.x0 for w in line), max(w.x1 for w in line)
    top, bottom = min(w.top for w in line), max(w.bottom for w in line)
    return x0 - 2, 792 - bottom - 2, x1 - x0 + 4, bottom - top + 4


def _overlay(base: bytes, page: int, content: str, helvetica: bool = False) -> bytes:
    with pikepdf.open(io.BytesIO(base)) as pdf:
        target = pdf.pages[page - 1]
        if helvetica:
            font = pdf.make_indirect(
                Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
            )
            target.obj.Resources.Font[Name("/FBench")] = font
            content = content.replace("/F1 ", "/FBench ")
        target.contents_add(pdf.make_stream(content.encode("latin-1")), prepend=False)
        return f.to_bytes(pdf)


def _edit(base: bytes, change: Callable[[pikepdf.Pdf], None]) -> bytes:
    with pikepdf.open(io.BytesIO(base)) as pdf:
        change(pdf)
        return f.to_bytes(pdf)


def corpus(base: bytes) -> list[tuple[str, bytes, set[str]]]:
    """(name, pdf, kinds that must be found) — an empty set means a clean control."""
    x, y, w, h = _word_box(base, 2, 40, 6)
    items: list[tuple[str, bytes, set[str]]] = [
        ("clean filing", base, set()),
        ("box over whitespace", _overlay(base, 2, f.box(72, 40, 200, 20)), set()),
        (
            "white text on a dark banner",
            _overlay(
                base,
                1,
                f.box(60, 20, 400, 24) + f.text(72, 27, "PUBLIC BANNER", gray=1),
                helvetica=True,
            ),
            set(),
        ),
        (
            "black box over words",
            _overlay(base, 2, f.box(x, y, w, h)),
            {"text_under_box"},
        ),
        (
            "labelled box over words",
            _overlay(
                base,
                2,
                f.box(x, y, w, h) + f.text(x + 4, y + 5, "REDACTED", gray=1, size=9),
                helvetica=True,
            ),
            {"text_under_box"},
        ),
        (
            "white-out box",
            _overlay(base, 2, f.box(x, y, w, h, gray=1)),
            {"text_under_box"},
        ),
        (
            "white text",
            _overlay(
                base, 3, f.text(72, 40, "HIDDEN WHITE WORDS", gray=1), helvetica=True
            ),
            {"hidden_text"},
        ),
        (
            "invisible text",
            _overlay(
                base, 3, f.text(72, 40, "INVISIBLE WORDS", mode=3), helvetica=True
            ),
            {"hidden_text"},
        ),
        (
            "near-black on black",
            _overlay(
                base,
                3,
                f.box(60, 30, 300, 30) + f.text(72, 40, "DARK WORDS", gray=0.1),
                helvetica=True,
            ),
            {"hidden_text"},
        ),
        (
            "dark highlight annotation",
            _edit(
                base,
                lambda pdf: f.add_annotation(
                    pdf, 1, **f.highlight(x, y, x + w, y + h, (0, 0, 0))
                ),
            ),
            {"text_under_annotation"},
        ),
        (
            "white text box pasted over words",
            _edit(
                base,
                lambda pdf: f.add_pasted_text_box(
                    pdf, 1, x, y, x + w, y + h, "Omitted"
                ),
            ),
            {"text_under_annotation"},
        ),
        (
            "unapplied Redact annotation",
            _edit(
                base,
                lambda pdf: f.add_annotation(
                    pdf, 1, Subtype=Name.Redact, Rect=Array([x, y, x + w, y + h])
                ),
            ),
            {"unapplied_redaction"},
        ),
        (
            "embedded file",
            _edit(
                base, lambda pdf: f.add_embedded_file(pdf, "unredacted.docx", b"secret")
            ),
            {"embedded_file"},
        ),
        (
            "associated file (/AF)",
            _edit(
                base, lambda pdf: f.add_associated_file(pdf, "source.docx", b"secret")
            ),
            {"embedded_file"},
        ),
        (
            "title metadata",
            _edit(
                base,
                lambda pdf: pdf.docinfo.__setitem__(
                    "/Title", "Nightingale pricing (sealed)"
                ),
            ),
            {"metadata"},
        ),
        (
            "SSN in metadata",
            _edit(
                base,
                lambda pdf: pdf.docinfo.__setitem__("/Subject", "claimant 123-45-6789"),
            ),
            {"ssn"},
        ),
        (
            "sticky note",
            _edit(
                base,
                lambda pdf: f.add_annotation(
                    pdf,
                    0,
                    Subtype=Name.Text,
                    Rect=Array([500, 700, 520, 720]),
                    Contents=String("remove the rebate"),
                ),
            ),
            {"annotation"},
        ),
        (
            "form field value",
            _edit(base, lambda pdf: f.add_form_field(pdf, 0, "client", "Jane Roe")),
            {"form_field"},
        ),
        (
            "JavaScript",
            _edit(base, lambda pdf: f.add_javascript(pdf, "app.alert(1)")),
            {"javascript"},
        ),
        (
            "bookmark of a redacted heading",
            _edit(
                base, lambda pdf: f.add_outline(pdf, ["Project Nightingale pricing"])
            ),
            {"bookmark"},
        ),
        (
            "SSN on a page",
            _overlay(base, 4, f.text(72, 40, "SSN 123-45-6789"), helvetica=True),
            {"ssn"},
        ),
        (
            "date of birth",
            _overlay(base, 4, f.text(72, 40, "DOB: 04/12/1979"), helvetica=True),
            {"date_of_birth"},
        ),
        (
            "account number",
            _overlay(base, 4, f.text(72, 40, "Account No. 0012345678"), helvetica=True),
            {"account_number"},
        ),
        (
            "card number",
            _overlay(
                base, 4, f.text(72, 40, "Card 4111-1111-1111-1111"), helvetica=True
            ),
            {"card_number"},
        ),
        ("earlier revision", _earlier_revision(), {"earlier_revision"}),
        (
            "title repeating the heading",
            _edit(
                base,
                lambda pdf: pdf.docinfo.__setitem__(
                    "/Title", "Memorandum of Points and Authorities"
                ),
            ),
            set(),
        ),
        (
            "bookmark of a visible heading",
            _edit(
                base,
                lambda pdf: f.add_outline(
                    pdf, ["MEMORANDUM OF POINTS AND AUTHORITIES"]
                ),
            ),
            set(),
        ),
        (
            "marker line under a label as wide as the words",
            _overlay(
                base,
                2,
                f"q 0 G {h} w {x} {y + h / 2} m {x + w} {y + h / 2} l S Q\n"
                + f.text(x + 2, y + 4, "REDACTED" * 6, gray=1, size=9),
                helvetica=True,
            ),
            {"text_under_box"},
        ),
        (
            "text squeezed flat (Tz 0)",
            _overlay(
                base,
                3,
                "BT 0 g 0 Tz /F1 12 Tf 72 40 Td (SQUEEZED WORDS) Tj ET\n",
                helvetica=True,
            ),
            {"hidden_text"},
        ),
        (
            "custom XMP property",
            _edit(base, _custom_xmp),
            {"metadata"},
        ),
    ]
    return items


def _custom_xmp(pdf: pikepdf.Pdf) -> None:
    packet = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf='
        '"http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        'xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"><pdfx:Note>Nightingale pricing'
        "</pdfx:Note></rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    pdf.Root.Metadata = pdf.make_stream(
        packet.encode(), Type=Name.Metadata, Subtype=Name.XML
    )


def _earlier_revision() -> bytes:
    first = f.build(
        f.text(72, 700, "Public words") + f.text(72, 600, "Nightingale rebate")
    )
    return f.incremental_update(first, 0, f.text(72, 700, "Public words"))


def run_corpus(base: bytes) -> tuple[int, int, float, list[str]]:
    """Filings checked, pages, pages/s, and a line for every miss or false alarm."""
    items = corpus(base)
    problems = []
    pages = 0
    elapsed = 0.0
    for name, pdf, expected in items:
        start = time.perf_counter()
        report = inspect_pdf(pdf)
        elapsed += time.perf_counter() - start
        pages += report.pages
        found = {x.kind for x in report.findings}
        if expected and not expected <= found:
            problems.append(f"MISSED {name}: expected {expected}, found {found}")
        if not expected and report.verdict != "pass":
            problems.append(f"FALSE ALARM {name}: {report.findings[:2]}")
        if expected and report.verdict == "pass":
            problems.append(f"PASSED A DEFECT {name}")
    return len(items), pages, pages / elapsed, problems


def retypeset_speed() -> tuple[int, int, float, str]:
    """A pleading against the same pleading typed again with ¶¶ 100-160 replaced
    by "[REDACTED]": pages of each, seconds, verdict. The words do not all
    match as they are, so both files' layout is analysed to set the line,
    page and paragraph numbers aside."""
    from filings.pdf.inspect import page_count
    from filings.pdf.locate import locate_in_pdf
    from filings.pdf.pleading import NumberedParagraph, render_pleading
    from tests.pdf import pleading_factory

    numbers = range(1, 361)
    original = render_pleading(pleading_factory.complaint(numbers))
    sections = pleading_factory.complaint(numbers).sections
    public = render_pleading(
        pleading_factory.filing(
            [
                NumberedParagraph(s.number, "[REDACTED]")
                if isinstance(s, NumberedParagraph) and 100 <= s.number <= 160
                else s
                for s in sections
            ]
        )
    )
    regions = locate_in_pdf(original, "¶¶ 100-160").regions
    start = time.perf_counter()
    report = check_compliance(original, public, regions)
    seconds = time.perf_counter() - start
    return page_count(original), page_count(public), seconds, report.verdict


def compare_speed(pdf: bytes) -> tuple[float, str]:
    """Seconds to compare a filing with itself: every word aligns, so it passes."""
    start = time.perf_counter()
    report = check_compliance(pdf, pdf, [])
    return time.perf_counter() - start, report.verdict


# --- a scanned filing with an OCR text layer -------------------------------------

SCAN_DPI = 200


def scanned_filing(pages: int, blackout_page: int | None = None) -> bytes:
    """JPEG page images at 200 dpi under an invisible OCR layer, as scanners write.

    On `blackout_page` one line's pixels are blacked out while its OCR text
    stays: the classic scanned bad redaction.
    """
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=33)  # ~12 pt at 200 dpi
    rng = random.Random(3)
    pdf = pikepdf.new()
    helvetica = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )
    width, height = int(8.5 * SCAN_DPI), 11 * SCAN_DPI
    to_pt = 72 / SCAN_DPI
    for number in range(1, pages + 1):
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        ocr = []
        for row in range(24):
            line = " ".join(rng.choice(VOCABULARY) for _ in range(9))
            px, py = 200, 200 + row * 75
            draw.text((px, py), line, font=font, fill=0)
            if number == blackout_page and row == 10:
                # A felt marker across the whole line, as a clerk draws one:
                # dark, but never one even black.
                for bar_y in range(py - 15, py + 55):
                    for bar_x in range(150, width - 150, 2):
                        ink = 20 + rng.randint(-20, 30) + (60 if bar_x % 20 < 4 else 0)
                        draw.line((bar_x, bar_y, bar_x + 1, bar_y), fill=ink)
            baseline = 792 - (py + 30) * to_pt
            ocr.append(f.text(px * to_pt, baseline, line, mode=3, size=11))
        jpeg = io.BytesIO()
        image.save(jpeg, format="JPEG", quality=70)
        scan = pdf.make_stream(
            jpeg.getvalue(),
            Type=Name.XObject,
            Subtype=Name.Image,
            Width=width,
            Height=height,
            ColorSpace=Name.DeviceGray,
            BitsPerComponent=8,
            Filter=Name.DCTDecode,
        )
        page = pdf.add_blank_page(page_size=(612, 792))
        page.obj.Resources = Dictionary(
            Font=Dictionary(F1=helvetica), XObject=Dictionary(Scan=scan)
        )
        content = f.image("Scan", 0, 0, 612, 792) + "".join(ocr)
        page.obj.Contents = pdf.make_stream(content.encode("latin-1"))
    return f.to_bytes(pdf)


def main() -> None:
    build_start = time.perf_counter()
    clean = f.html_pdf(filing_html(paragraphs=260, seed=7))
    print(f"built the clean filing in {time.perf_counter() - build_start:.1f} s")
    pages, wall, cpu = pages_per_second(clean)
    print(
        f"clean filing: {pages} pages, {wall:.1f} pages/s wall, {cpu:.1f} pages/s CPU"
    )

    base = f.html_pdf(filing_html(paragraphs=14, seed=11))
    count, corpus_pages, rate, problems = run_corpus(base)
    print(f"corpus: {count} filings, {corpus_pages} pages, {rate:.1f} pages/s")
    for line in problems:
        print("  " + line)
    print(
        f"corpus: {'all defects found, no false alarms' if not problems else 'PROBLEMS'}"
    )

    scanned = scanned_filing(20)
    scan_pages, scan_wall, scan_cpu = pages_per_second(scanned)
    print(
        f"scanned filing: {scan_pages} pages, {scan_wall:.1f} pages/s wall, "
        f"{scan_cpu:.1f} pages/s CPU"
    )
    report = inspect_pdf(scanned_filing(3, blackout_page=2))
    hits = [(x.kind, x.page) for x in report.findings]
    print(f"scanned filing with a blacked-out line under its OCR layer: {hits}")

    seconds, verdict = compare_speed(clean)
    print(
        f"compare the {pages}-page filing with itself: {seconds:.2f} s, "
        f"{2 * pages / seconds:.0f} pages/s read (verdict {verdict})"
    )
    before, after, seconds, verdict = retypeset_speed()
    print(
        f"compare a {before}-page pleading with its {after}-page re-typeset "
        f"redacted version: {seconds:.2f} s, {(before + after) / seconds:.0f} "
        f"pages/s read (verdict {verdict})"
    )


if __name__ == "__main__":
    main()
