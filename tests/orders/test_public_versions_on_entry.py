"""Entering an order queues the court's public versions of what it seals (#5)."""

from __future__ import annotations

import pytest

from filings import redaction
from filings.models import PublicVersionDue
from sealing import order_flow

pytestmark = pytest.mark.django_db


def test_entering_the_order_queues_public_versions_once_it_commits(
    order_motion, monkeypatch, django_capture_on_commit_callbacks
):
    cast = order_motion.cast
    queued = []
    monkeypatch.setattr(
        redaction,
        "queue_for_order",
        lambda entry, *, actor: queued.append(
            (entry, actor, PublicVersionDue.objects.filter(order_entry=entry).count())
        ),
    )
    with django_capture_on_commit_callbacks(execute=False):
        draft = order_flow.create_draft(None, order_motion.motion, actor=cast.clerk)
    with django_capture_on_commit_callbacks(execute=True):
        order_flow.send_to_judge(None, draft, actor=cast.clerk)
    draft.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        entry = order_flow.approve(None, draft, actor=cast.judge)
    # Called once, as the order takes effect, after every public version due
    # under it exists (it queues the runs on commit itself).
    assert queued == [(entry, cast.judge, 5)]
