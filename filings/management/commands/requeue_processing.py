"""Queue again the background work the job queue lost or never received.

    python manage.py requeue_processing [FILE_ID ...] [--dry-run]

Without ids: every file whose processing could not be queued (the queue was
down at upload) or is still "queued" ten minutes after upload; every redacted
version whose check could not be queued or is still "checking" ten minutes
after upload; every redaction run and draft order whose rendering could not be
queued; every file whose page images could not be queued. With ids: those
files' processing, whatever failed. Anything done, or whose job is waiting or
running, is left alone, so running it twice (or from cron) queues nothing the
second time. Prints JSON: for each kind, the ids queued and the ids left alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Model

from filings.intake import lost_processing, requeue_processing
from filings.jobs import QUEUE_UNREACHABLE
from filings.models import DocumentFile


def _requeue(
    objects: Iterable[Model], requeue: Callable[[Any], bool], *, dry_run: bool
) -> dict[str, list[int]]:
    queued, left = [], []
    for obj in objects:
        if dry_run:
            queued.append(obj.pk)
            continue
        try:
            done = requeue(obj)
        except QUEUE_UNREACHABLE as exc:
            raise CommandError(
                f"The job queue cannot be reached: {exc}", returncode=1
            ) from exc
        (queued if done else left).append(obj.pk)
    return {"queued": queued, "left_alone": left}


def _other_kinds() -> dict[str, tuple[Iterable[Model], Callable[[Any], bool]]]:
    from filings import compliance, redaction
    from sealing import jobs, order_jobs
    from sealing.models import PageRendering

    def requeue_rendering(rendering: PageRendering) -> bool:
        return jobs.enqueue_rendering(rendering.file_id)

    return {
        "checks": (compliance.lost_checks().order_by("pk"), compliance.requeue_check),
        "runs": (redaction.unqueued_runs().order_by("pk"), redaction.requeue_run),
        "orders": (
            order_jobs.unqueued_renders().order_by("pk"),
            order_jobs.requeue_render,
        ),
        "page_images": (
            PageRendering.objects.filter(
                status="failed", error_message=jobs.RENDERING_NOT_QUEUED
            ).order_by("pk"),
            requeue_rendering,
        ),
    }


class Command(BaseCommand):
    help = "Queue again the background work the job queue lost or never received."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file_ids", nargs="*", type=int, metavar="FILE_ID")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="list what would be queued and queue nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids = options["file_ids"]
        dry_run = options["dry_run"]
        if ids:
            files = DocumentFile.objects.filter(pk__in=ids).select_related(
                "document__entry"
            )
            missing = set(ids) - {file.pk for file in files}
            if missing:
                raise CommandError(f"No such file: {sorted(missing)}", returncode=2)
        else:
            files = lost_processing()
        result: dict[str, Any] = _requeue(
            files.order_by("pk"), lambda file: requeue_processing(file), dry_run=dry_run
        )
        if not ids:
            for kind, (objects, requeue) in _other_kinds().items():
                result[kind] = _requeue(objects, requeue, dry_run=dry_run)
        result["dry_run"] = dry_run
        self.stdout.write(json.dumps(result))
