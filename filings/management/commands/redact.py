"""Truly redact regions of a PDF and write the verified public version.

    python manage.py redact IN.pdf OUT.pdf --regions REGIONS.json [--label REDACTED]
    python manage.py redact IN.pdf OUT.pdf --portions "¶¶ 25-26; p. 4 n.4"

REGIONS.json looks like {"regions": [{"page": 1, "x0": 72, "top": 90,
"x1": 300, "bottom": 104}]}: 1-based PDF pages, PDF points as pdfplumber
measures them (x from the left of the MediaBox, top from its top edge; on a
page with a CropBox this is not the visible corner). OUT.pdf is written only
when the output passes verification; a JSON summary is printed, with a warning
for each region that lay over nothing at all in the original (most likely
measured another way). Otherwise the command exits non-zero with the reason
and leaves no output file.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from filings.pdf.geometry import Region, UnreadablePdf
from filings.pdf.redact import (
    EMPTY_REGION_WARNING,
    RedactionFailed,
    regions_from_json,
    write_redacted,
)


class Command(BaseCommand):
    help = "Remove the text, images and drawings inside regions of a PDF, verified."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the PDF to redact")
        parser.add_argument("target", help="where to write the public version")
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--regions", help="JSON file of regions to remove")
        group.add_argument("--portions", help="portions, e.g. '¶¶ 25-26; p. 4 n.4'")
        parser.add_argument("--label", help="text printed on each box, e.g. REDACTED")

    def handle(self, *args, **options):
        source, target = Path(options["source"]), Path(options["target"])
        if source.resolve() == target.resolve():
            raise CommandError("refusing to overwrite the original with its redaction")
        if not target.parent.is_dir():
            raise CommandError(f"no such directory: {target.parent}")
        try:
            if options["regions"]:
                regions = _regions_file(Path(options["regions"]))
                coordinates = "pdfplumber"
            else:
                # The locator measures from the visible corner, as the app does.
                regions = _regions_for_portions(source, options["portions"])
                coordinates = "visible"
            result = write_redacted(
                source,
                target,
                regions,
                label=options["label"],
                coordinates=coordinates,
            )
        except OSError as error:
            raise CommandError(f"{error.filename}: {error.strerror or error}") from None
        except UnreadablePdf as error:
            raise CommandError(f"{source} cannot be read: {error}") from None
        except (ValueError, RedactionFailed) as error:
            raise CommandError(f"not redacted: {error}") from None
        summary = {
            "pages": result.page_count,
            "regions": len(regions),
            "raster_pages": result.raster_pages,
            "verified": result.verified,
            "warnings": [
                {
                    "region": number,
                    "page": region.page,
                    "warning": "the region " + EMPTY_REGION_WARNING,
                }
                for number, region in enumerate(regions, start=1)
                if any(region is empty for empty in result.empty_regions)
            ],
        }
        self.stdout.write(json.dumps(summary))


def _regions_file(path: Path) -> list[Region]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path} is not JSON: {error}") from None
    return regions_from_json(data)


def _regions_for_portions(source: Path, portions: str) -> list[Region]:
    from filings.pdf.layout import analyze
    from filings.pdf.locate import locate
    from filings.pdf.portions import parse_portions

    result = locate(analyze(source.read_bytes()), parse_portions(portions))
    if result.unresolved:
        reasons = "; ".join(f"{u.portion}: {u.reason}" for u in result.unresolved)
        raise ValueError(f"cannot locate every portion ({reasons})")
    if not result.regions:
        raise ValueError("the portions cover nothing in this PDF")
    return result.regions
