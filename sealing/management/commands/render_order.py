"""Render the current draft of a motion's order to a file.

    python manage.py render_order MOTION_ID --format pdf|docx --out FILE

Undecided items are listed in a box on the first page, as the preview shows
them. Exit code 2 with the reason on stderr when the motion does not exist or
the order cannot be built.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sealing.order_jobs import FORMATS, render_current_draft
from sealing.orders import OrderDataError


class Command(BaseCommand):
    help = "Render the current draft order on a motion to seal as PDF or .docx."

    def add_arguments(self, parser):
        parser.add_argument("motion_id", type=int, help="the motion to seal's id")
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument("--out", required=True, help="the file to write")

    def handle(self, *args, **options):
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(f"The folder {out.parent} does not exist.", returncode=2)
        try:
            data = render_current_draft(options["motion_id"], options["format"])
        except (LookupError, OrderDataError, ValueError) as problem:
            raise CommandError(str(problem), returncode=2) from None
        out.write_bytes(data)
        self.stdout.write(f"Wrote {len(data)} bytes to {out}.")
