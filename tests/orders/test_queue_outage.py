"""A draft order prepared while Redis is down is saved and says its files were
not queued; ``requeue_processing`` renders it once the queue is back."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from filings.models import ProcessingStatus
from sealing import order_flow, order_jobs

pytestmark = pytest.mark.django_db


def test_draft_prepared_while_the_queue_is_down_is_rendered_later(
    order_motion, outage, django_capture_on_commit_callbacks
):
    clerk = order_motion.cast.clerk
    with django_capture_on_commit_callbacks(execute=True):
        draft = order_flow.create_draft(None, order_motion.motion, actor=clerk)
    draft.refresh_from_db()
    assert draft.render_status == ProcessingStatus.FAILED
    assert draft.error_message == order_jobs.RENDER_NOT_QUEUED
    page = order_motion.cast.client("clerk").get(f"/orders/{draft.pk}/status/")
    assert "could not be reached" in page.content.decode()
    assert b"data-poll" not in page.content

    outage.end()
    for expected in ([draft.pk], []):
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("requeue_processing", stdout=out)
        assert json.loads(out.getvalue())["orders"]["queued"] == expected
    draft.refresh_from_db()
    assert draft.render_status == ProcessingStatus.DONE
    assert draft.pdf and draft.docx
