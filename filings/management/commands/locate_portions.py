"""Print the regions of a PDF that a sealing request's portions cover, as JSON.

    python manage.py locate_portions complaint.pdf "¶¶ 25-26; pp. 1:18-2:21; p. 4 n.4"

Pages in the output are 1-based PDF page indexes; coordinates are PDF points
from the top-left of the displayed page. Portions that cannot be found are
listed under "unresolved" with the reason, and the exit code is still 0: the
file was read. Exit code 2, with the reason on stderr, when the file cannot be
read or the portions cannot be parsed.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from filings.pdf.geometry import UnreadablePdf
from filings.pdf.locate import locate_in_pdf
from filings.pdf.portions import PortionSyntaxError


class Command(BaseCommand):
    help = (
        "Locate portions such as '¶¶ 25-26', 'pp. 1:18-2:21' or 'p. 4 n.4' in a PDF "
        "and print the regions (page, x0, top, x1, bottom) as JSON."
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
        self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False))
