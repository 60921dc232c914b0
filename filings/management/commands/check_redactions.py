"""Check a PDF meant to be public for bad redactions, hidden data and identifiers.

    python manage.py check_redactions PUBLIC.pdf --json
    python manage.py check_redactions PUBLIC.pdf --original SEALED.pdf --regions R.json
    python manage.py check_redactions PUBLIC.pdf --original SEALED.pdf \
        --portions "¶¶ 25-26"

Coordinates, in REGIONS.json and in each finding's bbox, are PDF points in
pdfplumber's convention, as ``locate_portions`` prints them and ``redact``
reads them: x in the page's user space, ``top`` and ``bottom`` down from the
top of its media box, crop box not applied. A region is measured on the
original; a finding is on the file its "file" names ("public", or "original"
for text the public version lacks).

Exit status: 0 pass or review, 1 fail, 2 a file that cannot be read.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pypdfium2
from django.core.management.base import BaseCommand, CommandError, CommandParser

from filings.pdf.compare import check_public_version, regions_from_json
from filings.pdf.geometry import (
    PageBoxes,
    Region,
    UnreadablePdf,
    from_pdfplumber,
    read_page_boxes,
    to_pdfplumber,
)
from filings.pdf.inspect import Finding, Report
from filings.pdf.locate import locate_in_pdf

EXIT_FAIL = 1
EXIT_UNREADABLE = 2


class Command(BaseCommand):
    help = (
        "Inspect a public PDF for text under boxes, hidden data and identifiers; "
        "with --original, also check it removes exactly the approved regions."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the PDF meant to be public")
        parser.add_argument("--original", help="the sealed, unredacted original")
        approved = parser.add_mutually_exclusive_group()
        approved.add_argument(
            "--regions",
            help='JSON file: {"regions": [{"page": 1, "x0":.., "top":.., "x1":.., '
            '"bottom":..}]} on the original\'s pages, in PDF points as pdfplumber '
            "measures them (as locate_portions prints them)",
        )
        approved.add_argument(
            "--portions",
            help='the approved portions as the order names them, e.g. "¶¶ 25-26"',
        )
        parser.add_argument(
            "--json", action="store_true", help="print the report as JSON"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        public = _read(options["file"])
        original = _read(options["original"]) if options["original"] else None
        if original is None and (options["regions"] or options["portions"]):
            raise CommandError(
                "--regions and --portions need --original", returncode=EXIT_UNREADABLE
            )
        if original is not None and not (options["regions"] or options["portions"]):
            raise CommandError(
                "--original needs --regions or --portions", returncode=EXIT_UNREADABLE
            )
        try:
            approved = _approved_regions(original, options)
            report = check_public_version(public, original, approved)
            boxes = {"public": _page_boxes(public), "original": _page_boxes(original)}
        except UnreadablePdf as exc:
            raise CommandError(
                f"cannot read the PDF: {exc}", returncode=EXIT_UNREADABLE
            ) from exc
        except ValueError as exc:
            raise CommandError(str(exc), returncode=EXIT_UNREADABLE) from exc
        if options["json"]:
            self.stdout.write(
                json.dumps(_json_report(report, boxes), ensure_ascii=False)
            )
        else:
            self._print_summary(report)
        if report.verdict == "fail":
            raise SystemExit(EXIT_FAIL)

    def _print_summary(self, report: Report) -> None:
        self.stdout.write(
            f"verdict: {report.verdict} ({len(report.findings)} finding(s))"
        )
        for f in report.findings:
            where = f"page {f.page}" if f.page else "document"
            shown = f": {f.text[:80]}" if f.text else ""
            self.stdout.write(
                f"  [{f.severity}] {f.kind} on {where} — {f.message}{shown}"
            )


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(
            f"cannot read {path}: {exc.strerror}", returncode=EXIT_UNREADABLE
        ) from exc


def _approved_regions(original: bytes | None, options: dict[str, Any]) -> list[Region]:
    if original is None:
        return []
    if options["regions"]:
        measured = regions_from_json(
            _read(options["regions"]).decode("utf-8", "replace")
        )
        boxes = _page_boxes(original)
        return [from_pdfplumber(region, boxes) for region in measured]
    # The locator measures from the visible corner, as the comparison does.
    return _regions_for_portions(original, options["portions"])


def _page_boxes(pdf: bytes | None) -> list[PageBoxes]:
    if pdf is None:
        return []
    try:
        return read_page_boxes(pdf)
    except pypdfium2.PdfiumError as exc:
        raise UnreadablePdf(str(exc)) from exc


def _regions_for_portions(original: bytes, text: str) -> list[Region]:
    """The approved portions as regions of the original; nothing is guessed."""
    found = locate_in_pdf(original, text)
    if found.unresolved:
        reasons = "; ".join(f"{u.portion}: {u.reason}" for u in found.unresolved)
        raise ValueError(
            f"cannot locate the approved portions in the original ({reasons})"
        )
    return list(found.regions)


def _json_report(report: Report, boxes: dict[str, list[PageBoxes]]) -> dict[str, Any]:
    return {
        "verdict": report.verdict,
        "findings": [
            _in_pdfplumber(f, boxes[f.file]).to_dict() for f in report.findings
        ],
    }


def _in_pdfplumber(finding: Finding, boxes: list[PageBoxes]) -> Finding:
    """The finding with its box measured as pdfplumber measures its file's page."""
    if finding.bbox is None or finding.page is None:
        return finding
    if not 1 <= finding.page <= len(boxes):
        return finding
    try:
        region = to_pdfplumber(Region(finding.page, *finding.bbox), boxes)
    except ValueError:
        return finding  # a degenerate box: nothing to convert
    return replace(finding, bbox=(region.x0, region.top, region.x1, region.bottom))
