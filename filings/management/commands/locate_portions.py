"""Print the regions of a PDF that a sealing request's portions cover, as JSON.

    python manage.py locate_portions complaint.pdf "¶¶ 25-26; pp. 1:18-2:21; p. 4 n.4"

Pages in the output are 1-based PDF page indexes. Coordinates are PDF points
in pdfplumber's convention, so that ``page.crop((x0, top, x1, bottom))`` on
``pdfplumber.open(FILE).pages[page - 1]`` shows the region: x in the page's
user space and ``top``/``bottom`` down from the top of its media box, before
any crop box is applied. (The app itself measures from the top-left of the
displayed crop box; ``filings.pdf.geometry.to_pdfplumber`` converts, and
``from_pdfplumber`` converts back.) Portions that cannot be found are listed
under "unresolved" with the reason, and the exit code is still 0: the file
was read. Exit code 2, with the reason on stderr, when the file cannot be
read or the portions cannot be parsed.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from filings.pdf.geometry import UnreadablePdf, read_page_boxes, to_pdfplumber
from filings.pdf.locate import locate_in_pdf
from filings.pdf.portions import PortionSyntaxError


class Command(BaseCommand):
    help = (
        "Locate portions such as '¶¶ 25-26', 'pp. 1:18-2:21' or 'p. 4 n.4' in a PDF "
        "and print the regions (page, x0, top, x1, bottom) as JSON. Pages are "
        "1-based PDF page indexes; coordinates are PDF points as pdfplumber gives "
        "them (x in the page's user space, top and bottom measured down from the "
        "top of the media box, crop box not applied), so pdfplumber's "
        "page.crop((x0, top, x1, bottom)) shows each region."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the PDF, e.g. complaint.pdf")
        parser.add_argument("portions", help="the portions, e.g. '¶¶ 25-26'")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                f"cannot read {path}: {error.strerror or error}", returncode=2
            ) from None
        try:
            result = locate_in_pdf(data, options["portions"])
        except UnreadablePdf as error:
            raise CommandError(
                f"{path} cannot be read: {error}", returncode=2
            ) from None
        except PortionSyntaxError as error:
            raise CommandError(str(error), returncode=2) from None
        boxes = read_page_boxes(data)
        output = {
            "regions": [to_pdfplumber(r, boxes).to_dict() for r in result.regions],
            "unresolved": [item.to_dict() for item in result.unresolved],
        }
        self.stdout.write(json.dumps(output, ensure_ascii=False))
