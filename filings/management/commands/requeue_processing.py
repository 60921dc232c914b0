"""Queue the processing of stored files again after the job queue lost them.

    python manage.py requeue_processing [FILE_ID ...] [--dry-run]

Without ids: every file whose job could not be queued (the queue was down at
upload) and every file still "queued" ten minutes after upload. With ids: those
files, whatever failed. A file already processed, or whose job is waiting or
running, is left alone, so running it twice queues nothing the second time.
Prints JSON: the ids queued and the ids left alone.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from filings.intake import lost_processing, requeue_processing
from filings.models import DocumentFile


class Command(BaseCommand):
    help = "Queue processing again for files whose job was lost or never queued."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file_ids", nargs="*", type=int, metavar="FILE_ID")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="list the files that would be queued and queue nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids = options["file_ids"]
        if ids:
            files = DocumentFile.objects.filter(pk__in=ids).select_related(
                "document__entry"
            )
            missing = set(ids) - {file.pk for file in files}
            if missing:
                raise CommandError(f"No such file: {sorted(missing)}", returncode=2)
        else:
            files = lost_processing()
        queued, left = [], []
        for file in files.order_by("pk"):
            if options["dry_run"]:
                queued.append(file.pk)
                continue
            try:
                done = requeue_processing(file)
            except Exception as exc:
                raise CommandError(
                    f"The job queue cannot be reached: {exc}", returncode=1
                ) from exc
            (queued if done else left).append(file.pk)
        self.stdout.write(
            json.dumps(
                {"queued": queued, "left_alone": left, "dry_run": options["dry_run"]}
            )
        )
