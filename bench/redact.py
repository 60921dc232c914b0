"""Benchmark true redaction against PyMuPDF's apply_redactions, and check leaks.

    .venv/bin/python bench/redact.py

Two inputs: a 100-page brief (WeasyPrint, embedded subset TrueType fonts) with
one region on every page, and a 500-page exhibit (standard-14 text) with
regions on 5% of its pages. PyMuPDF (AGPL, never a project dependency) is
installed into a throwaway virtualenv under /tmp and run as a subprocess.
Both outputs are checked for the redacted words with pypdfium2, poppler's
pdftotext and a scan of every decoded stream, and for words lost outside the
regions.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Scripts in bench/ are named like stdlib modules (bench/inspect.py); keep this
# folder off the import path and put the project root on it instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import io  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import venv  # noqa: E402

import pdfplumber  # noqa: E402
import pikepdf  # noqa: E402
import pypdfium2  # noqa: E402

from filings.pdf.geometry import Region  # noqa: E402
from filings.pdf.redact import _build, redact_pdf  # noqa: E402

VENV = Path("/tmp/redact-bench-pymupdf")
PYMUPDF_SCRIPT = """
import json, sys, time
import pymupdf
source, target, spec = sys.argv[1], sys.argv[2], sys.argv[3]
regions = json.load(open(spec))
start = time.perf_counter()
doc = pymupdf.open(source)
by_page = {}
for r in regions:
    by_page.setdefault(r["page"], []).append(r)
for number, items in by_page.items():
    page = doc[number - 1]
    for r in items:
        page.add_redact_annot(pymupdf.Rect(r["x0"], r["top"], r["x1"], r["bottom"]),
                              fill=(0, 0, 0))
    page.apply_redactions()
doc.save(target, garbage=4, deflate=True)
print(time.perf_counter() - start)
"""
WORDS = [
    "the",
    "court",
    "finds",
    "that",
    "plaintiff",
    "has",
    "shown",
    "good",
    "cause",
    "to",
    "seal",
    "the",
    "exhibits",
    "because",
    "they",
    "contain",
    "confidential",
    "pricing",
    "terms",
    "and",
    "customer",
    "lists",
]


def pymupdf_python() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        venv.create(VENV, with_pip=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "pymupdf"], check=True
        )
    return python


def secret(page: int) -> str:
    return f"Sealedterm{page:04d}x"


def brief(pages: int) -> bytes:
    import weasyprint

    paragraphs = []
    for page in range(1, pages + 1):
        body = " ".join(WORDS * 6)
        paragraphs.append(
            f"<p style='page-break-after: always'>{body} {secret(page)} {body}</p>"
        )
    html = (
        "<style>@page{size:letter;margin:72pt} body{font-family:'Liberation Serif';"
        "font-size:12pt;line-height:2}</style>" + "".join(paragraphs)
    )
    return weasyprint.HTML(string=html).write_pdf()


def exhibit(pages: int) -> bytes:
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )
    for page in range(1, pages + 1):
        lines = []
        for line in range(45):
            text = " ".join(WORDS[(line + i) % len(WORDS)] for i in range(12))
            if line == 20:
                text = f"{text} {secret(page)} end"
            lines.append(f"BT /F1 10 Tf 60 {740 - line * 15} Td ({text}) Tj ET")
        pdf.pages.append(
            pikepdf.Page(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Page,
                    MediaBox=[0, 0, 612, 792],
                    Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
                    Contents=pdf.make_stream("\n".join(lines).encode()),
                )
            )
        )
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def regions_for(pdf: bytes, pages: list[int]) -> list[Region]:
    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number in pages:
            for word in document.pages[number - 1].extract_words():
                if word["text"] == secret(number):
                    found.append(
                        Region(
                            number, word["x0"], word["top"], word["x1"], word["bottom"]
                        )
                    )
    if len(found) != len(pages):
        raise SystemExit("bench input lacks its secrets")
    return found


def leaks(pdf: bytes, regions: list[Region]) -> dict[str, int]:
    secrets = {secret(r.page) for r in regions}
    document = pypdfium2.PdfDocument(pdf)
    pdfium = []
    for page in document:
        textpage = page.get_textpage()
        pdfium.append(textpage.get_text_range())
        textpage.close()
    document.close()
    poppler = subprocess.run(
        ["/usr/bin/pdftotext", "-q", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8", "replace")
    streams = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for obj in document.objects:
            if isinstance(obj, pikepdf.Stream):
                streams.append(obj.read_bytes())
    blob = b"\n".join(streams)
    pdfium_text = "\n".join(pdfium)
    return {
        "pdfium": sum(s in pdfium_text for s in secrets),
        "pdftotext": sum(s in poppler for s in secrets),
        "streams": sum(s.encode() in blob for s in secrets),
    }


def lost_words(original: bytes, redacted: bytes, regions: list[Region]) -> int:
    """Words wholly outside the regions, on region pages, missing or moved > 1 pt."""
    lost = 0
    with (
        pdfplumber.open(io.BytesIO(original)) as before,
        pdfplumber.open(io.BytesIO(redacted)) as after,
    ):
        for number in sorted({r.page for r in regions}):
            boxes = [r for r in regions if r.page == number]
            kept = {
                (w["text"], round(w["x0"]), round(w["top"]))
                for w in after.pages[number - 1].extract_words()
            }
            for w in before.pages[number - 1].extract_words():
                if any(
                    r.intersects(
                        w["x0"] - 1, w["top"] - 1, w["x1"] + 1, w["bottom"] + 1
                    )
                    for r in boxes
                ):
                    continue
                near = any(
                    (w["text"], round(w["x0"]) + dx, round(w["top"]) + dy) in kept
                    for dx in (-1, 0, 1)
                    for dy in (-1, 0, 1)
                )
                lost += not near
    return lost


def run_pymupdf(
    python: Path, pdf: bytes, regions: list[Region]
) -> tuple[float, float, bytes]:
    with tempfile.TemporaryDirectory() as work:
        source, target = Path(work, "in.pdf"), Path(work, "out.pdf")
        spec, script = Path(work, "regions.json"), Path(work, "redact.py")
        source.write_bytes(pdf)
        spec.write_text(json.dumps([r.to_dict() for r in regions]))
        script.write_text(PYMUPDF_SCRIPT)
        start = time.perf_counter()
        done = subprocess.run(
            [str(python), str(script), str(source), str(target), str(spec)],
            capture_output=True,
            check=True,
            text=True,
        )
        wall = time.perf_counter() - start
        return float(done.stdout.strip()), wall, target.read_bytes()


def bench(name: str, pdf: bytes, pages: list[int], python: Path) -> dict:
    regions = regions_for(pdf, pages)
    load = os.getloadavg()[0]
    start, cpu = time.perf_counter(), _cpu_seconds()
    result = redact_pdf(pdf, regions, label="REDACTED")
    ours = time.perf_counter() - start
    # The gate may read the original in a child process: count its CPU too.
    ours_cpu = _cpu_seconds() - cpu
    # The engine and sanitizer alone, without the mandatory verification gate.
    by_page: dict[int, list[Region]] = {}
    for region in regions:
        by_page.setdefault(region.page, []).append(region)
    start = time.perf_counter()
    _build(pdf, by_page, "REDACTED", {})
    engine = time.perf_counter() - start
    inner, wall, theirs = run_pymupdf(python, pdf, regions)
    row = {
        "input": name,
        "pages": len(pypdfium2.PdfDocument(pdf)),
        "regions": len(regions),
        "load_1min": round(load, 1),
        "ours_s": round(ours, 2),
        "ours_cpu_s": round(ours_cpu, 2),
        "ours_engine_only_s": round(engine, 2),
        "pymupdf_s": round(inner, 2),
        "pymupdf_wall_s": round(wall, 2),
        "ratio": round(ours / inner, 1),
        "ratio_to_wall": round(ours / wall, 1),
        "raster_pages": len(result.raster_pages),
        "ours_leaks": leaks(result.pdf, regions),
        "pymupdf_leaks": leaks(theirs, regions),
        "ours_lost_words": lost_words(pdf, result.pdf, regions),
        "pymupdf_lost_words": lost_words(pdf, theirs, regions),
        "ours_bytes": len(result.pdf),
        "pymupdf_bytes": len(theirs),
    }
    print(json.dumps(row), flush=True)
    return row


def _cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def main() -> None:
    python = pymupdf_python()
    brief_pdf = brief(100)
    bench("100-page brief, 1 region per page", brief_pdf, list(range(1, 101)), python)
    exhibit_pdf = exhibit(500)
    bench(
        "500-page exhibit, regions on 5%", exhibit_pdf, list(range(1, 501, 20)), python
    )


if __name__ == "__main__":
    main()
