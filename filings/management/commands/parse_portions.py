"""Print the documents and portions one item of a sealing request names, as JSON.

    python manage.py parse_portions "Complaint (#1), ¶¶ 25-26, 31-34 (discusses ...)"

Exit code 2 with the reason on stderr when the text cannot be read.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from filings.pdf.portions import PortionSyntaxError, parse_targets


class Command(BaseCommand):
    help = (
        "Read one item of a sealing request (docket references, portions such as "
        "'¶¶ 25-26' or 'pp. 1:18-2:21', a reason) and print its targets as JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("text", help="the item, e.g. '#135 at 4-32'")

    def handle(self, *args, **options):
        try:
            targets = parse_targets(options["text"])
        except PortionSyntaxError as error:
            raise CommandError(str(error), returncode=2) from None
        payload = {
            "targets": [
                {
                    "docket_ref": target.docket_ref,
                    "portions": [portion.to_dict() for portion in target.portions],
                }
                for target in targets
            ]
        }
        self.stdout.write(json.dumps(payload, ensure_ascii=False))
