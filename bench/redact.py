"""Benchmark true redaction against PyMuPDF's apply_redactions, fairly, and check leaks.

    .venv/bin/python bench/redact.py [RUNS]

Two inputs: a 100-page brief (WeasyPrint, embedded subset TrueType fonts) with
one region on every page, and a 500-page exhibit (standard-14 text) with
regions on 5% of its pages. PyMuPDF (AGPL, never a project dependency) is
installed into a throwaway virtualenv under /tmp.

Two like-for-like comparisons, each RUNS times (default 5), reporting the
median and range of wall and CPU seconds and the 1-minute load average:

- in-process, warm: each tool redacts the bytes already in memory in a
  process that has done it once before (imports loaded, caches warm): ours in
  this process, PyMuPDF in one process of its virtualenv's Python that times
  its own runs;
- whole command, cold: a fresh Python process per run that imports only the
  toolkit (ours: ``filings.pdf.redact.write_redacted``, no Django) or PyMuPDF,
  reads the input file, writes the output file and exits.

CPU seconds include every process involved (our gate's forked child too).
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
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import venv  # noqa: E402
from dataclasses import dataclass  # noqa: E402

import pdfplumber  # noqa: E402
import pikepdf  # noqa: E402
import pypdfium2  # noqa: E402

from filings.pdf.geometry import Region  # noqa: E402
from filings.pdf.redact import _build, redact_pdf  # noqa: E402
from filings.pdf.verify import plumber_chars  # noqa: E402

VENV = Path("/tmp/redact-bench-pymupdf")
ROOT = _HERE.parent
# PyMuPDF, in process: one warm-up, then RUNS timed runs, each as PyMuPDF is
# used (open the bytes, redact every region page, write the file's bytes).
PYMUPDF_WARM = """
import json, os, sys, time
import pymupdf
source, spec, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(source, "rb").read()
regions = json.load(open(spec))
def redact():
    doc = pymupdf.open(stream=data, filetype="pdf")
    by_page = {}
    for r in regions:
        by_page.setdefault(r["page"], []).append(r)
    for number, items in by_page.items():
        page = doc[number - 1]
        for r in items:
            page.add_redact_annot(
                pymupdf.Rect(r["x0"], r["top"], r["x1"], r["bottom"]), fill=(0, 0, 0)
            )
        page.apply_redactions()
    out = doc.tobytes(garbage=4, deflate=True)
    doc.close()
    return out
redact()
for _ in range(runs):
    t, c = time.perf_counter(), time.process_time()
    redact()
    print(json.dumps([time.perf_counter() - t, time.process_time() - c]), flush=True)
"""
# PyMuPDF, whole command: file in, file out.
PYMUPDF_COLD = """
import json, sys
import pymupdf
source, target, spec = sys.argv[1], sys.argv[2], sys.argv[3]
regions = json.load(open(spec))
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
"""
# Ours, whole command: the toolkit alone (no Django), file in, file out, the
# verification gate included (write_redacted writes nothing unverified).
OURS_COLD = """
import json, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from filings.pdf.geometry import Region
from filings.pdf.redact import write_redacted
source, target, spec = sys.argv[1], sys.argv[2], sys.argv[3]
regions = [Region.from_dict(r) for r in json.load(open(spec))]
write_redacted(Path(source), Path(target), regions, label="REDACTED")
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


@dataclass
class Timing:
    wall: list[float]
    cpu: list[float]
    load: list[float]

    def summary(self) -> dict[str, object]:
        return {
            "wall_median_s": round(statistics.median(self.wall), 3),
            "wall_range_s": [round(min(self.wall), 3), round(max(self.wall), 3)],
            "cpu_median_s": round(statistics.median(self.cpu), 3),
            "cpu_range_s": [round(min(self.cpu), 3), round(max(self.cpu), 3)],
            "load_1min": [round(min(self.load), 1), round(max(self.load), 1)],
        }


def _cpu_seconds() -> float:
    """CPU of this process and of its waited-for children (the gate's fork)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def ours_warm(pdf: bytes, regions: list[Region], runs: int) -> tuple[Timing, object]:
    result = redact_pdf(pdf, regions, label="REDACTED")  # warm-up
    timing = Timing([], [], [])
    for _ in range(runs):
        timing.load.append(os.getloadavg()[0])
        start, cpu = time.perf_counter(), _cpu_seconds()
        result = redact_pdf(pdf, regions, label="REDACTED")
        timing.wall.append(time.perf_counter() - start)
        timing.cpu.append(_cpu_seconds() - cpu)
    return timing, result


def engine_only(pdf: bytes, regions: list[Region]) -> float:
    """The engine and sanitizer alone, without the mandatory verification gate."""
    by_page: dict[int, list[Region]] = {}
    for region in regions:
        by_page.setdefault(region.page, []).append(region)
    start = time.perf_counter()
    _build(pdf, by_page, "REDACTED", {}, {})
    return time.perf_counter() - start


def extractor_floor(redacted: bytes, regions: list[Region]) -> dict[str, float]:
    """The least the mandatory gate must do: read the characters of every page
    with a region, once, with pdfplumber (the issue names it as one of the two
    extractors). Measured with pdfplumber itself and with the gate's lean
    reading of the same pdfminer engine (``plumber_chars``), on the output
    only; the gate also reads the original's region pages."""
    pages = sorted({r.page for r in regions})
    start = time.perf_counter()
    with pdfplumber.open(io.BytesIO(redacted)) as document:
        for number in pages:
            document.pages[number - 1].chars  # noqa: B018 (parses the page)
    plumber = time.perf_counter() - start
    start = time.perf_counter()
    plumber_chars(redacted, pages)
    lean = time.perf_counter() - start
    return {"pdfplumber_s": round(plumber, 3), "gate_reader_s": round(lean, 3)}


def pymupdf_warm(python: Path, work: Path, runs: int) -> Timing:
    script = work / "warm.py"
    script.write_text(PYMUPDF_WARM)
    load = os.getloadavg()[0]
    done = subprocess.run(
        [
            str(python),
            str(script),
            str(work / "in.pdf"),
            str(work / "spec.json"),
            str(runs),
        ],
        capture_output=True,
        check=True,
        text=True,
    )
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return Timing([w for w, _ in rows], [c for _, c in rows], [load])


def cold(command: list[str], work: Path, runs: int, tag: str) -> Timing:
    """Wall and CPU (of the child and all it forks) of fresh processes."""
    timing = Timing([], [], [])
    for n in range(runs):
        target = work / f"{tag}-{n}.pdf"
        timing.load.append(os.getloadavg()[0])
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [*command, str(work / "in.pdf"), str(target), str(work / "spec.json")],
            check=True,
            capture_output=True,
        )
        timing.wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        timing.cpu.append(
            after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        )
    return timing


def bench(name: str, pdf: bytes, pages: list[int], python: Path, runs: int) -> dict:
    # As the regions file has them (two decimals), for every run alike.
    regions = [Region.from_dict(r.to_dict()) for r in regions_for(pdf, pages)]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "in.pdf").write_bytes(pdf)
        (work / "spec.json").write_text(json.dumps([r.to_dict() for r in regions]))
        (work / "ours.py").write_text(OURS_COLD.format(root=str(ROOT)))
        (work / "theirs.py").write_text(PYMUPDF_COLD)
        warm, result = ours_warm(pdf, regions, runs)
        their_warm = pymupdf_warm(python, work, runs)
        our_cold = cold([sys.executable, str(work / "ours.py")], work, runs, "ours")
        their_cold = cold([str(python), str(work / "theirs.py")], work, runs, "theirs")
        ours_file = (work / "ours-0.pdf").read_bytes()
        theirs = (work / f"theirs-{runs - 1}.pdf").read_bytes()
    assert ours_file == result.pdf, "the command and the library gave other bytes"
    row = {
        "input": name,
        "pages": len(pypdfium2.PdfDocument(pdf)),
        "regions": len(regions),
        "runs": runs,
        "in_process_warm": {
            "ours": warm.summary(),
            "pymupdf": their_warm.summary(),
            "ratio_wall": round(
                statistics.median(warm.wall) / statistics.median(their_warm.wall), 1
            ),
            "ratio_cpu": round(
                statistics.median(warm.cpu) / statistics.median(their_warm.cpu), 1
            ),
        },
        "whole_command_cold": {
            "ours": our_cold.summary(),
            "pymupdf": their_cold.summary(),
            "ratio_wall": round(
                statistics.median(our_cold.wall) / statistics.median(their_cold.wall),
                1,
            ),
            "ratio_cpu": round(
                statistics.median(our_cold.cpu) / statistics.median(their_cold.cpu), 1
            ),
        },
        "ours_engine_only_s": round(engine_only(pdf, regions), 3),
        "reading_the_output_once": extractor_floor(result.pdf, regions),
        "raster_pages": len(result.raster_pages),
        "ours_leaks": leaks(result.pdf, regions),
        "pymupdf_leaks": leaks(theirs, regions),
        "ours_lost_words": lost_words(pdf, result.pdf, regions),
        "pymupdf_lost_words": lost_words(pdf, theirs, regions),
        "ours_bytes": len(result.pdf),
        "pymupdf_bytes": len(theirs),
    }
    print(json.dumps(row), flush=True)
    for kind in ("in_process_warm", "whole_command_cold"):
        part = row[kind]
        print(
            f"  {kind}: ours {part['ours']['wall_median_s']} s wall "
            f"({part['ours']['cpu_median_s']} s CPU), PyMuPDF "
            f"{part['pymupdf']['wall_median_s']} s wall "
            f"({part['pymupdf']['cpu_median_s']} s CPU): "
            f"{part['ratio_wall']}x wall, {part['ratio_cpu']}x CPU; "
            f"load {part['ours']['load_1min']}",
            flush=True,
        )
    floor = row["reading_the_output_once"]
    print(
        f"  reading the output's region pages once: pdfplumber "
        f"{floor['pdfplumber_s']} s, the gate's pdfminer reader "
        f"{floor['gate_reader_s']} s (PyMuPDF's whole warm redaction: "
        f"{row['in_process_warm']['pymupdf']['wall_median_s']} s)",
        flush=True,
    )
    return row


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    python = pymupdf_python()
    print(f"cores: {os.cpu_count()}, load: {os.getloadavg()}", flush=True)
    brief_pdf = brief(100)
    bench(
        "100-page brief, 1 region per page",
        brief_pdf,
        list(range(1, 101)),
        python,
        runs,
    )
    exhibit_pdf = exhibit(500)
    bench(
        "500-page exhibit, regions on 5%",
        exhibit_pdf,
        list(range(1, 501, 20)),
        python,
        runs,
    )


if __name__ == "__main__":
    main()
