"""Act on the redaction deadlines of entered orders on motions to seal.

    python manage.py apply_deadlines [--today YYYY-MM-DD] [--dry-run]

Run once a day (cron or a systemd timer). Documents whose sealing was denied
become public once the order's deadline has passed, when the court's setting
says so; the rest are listed (awaiting the court's decision, or kept sealed
and why), with the overdue redacted public versions. ``--today`` acts as of
another day (tests, back-filling); the default is the court's local date.
Running it twice changes nothing the second time.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sealing.deadline_actions import apply_deadlines


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"--today must be a date written YYYY-MM-DD, not {text!r}.", returncode=2
        ) from None


class Command(BaseCommand):
    help = (
        "Make public the material whose sealing was denied once the order's "
        "deadline has passed, and list overdue redacted public versions."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="act as of this day, YYYY-MM-DD (default: today)"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="print what would be done and change nothing",
        )

    def handle(self, *args, **options):
        today = _day(options["today"]) if options["today"] else timezone.localdate()
        report = apply_deadlines(today, dry_run=options["dry_run"])
        for line in report.lines():
            self.stdout.write(line)
