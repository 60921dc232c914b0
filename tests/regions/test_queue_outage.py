"""With Redis down, the region preview and the motion's "Locate every portion"
still answer: page images say they were not queued and are queued again when
the page is next opened; the clerk is told that nothing is being located."""

from __future__ import annotations

import pytest

from filings.models import ProcessingStatus
from sealing import jobs
from sealing.models import PageRendering

pytestmark = pytest.mark.django_db


def test_page_images_not_queued_say_so_and_are_queued_on_the_next_visit(
    filed, outage, django_capture_on_commit_callbacks
):
    item = filed.item("¶ 5")
    clerk = filed.cast.client("clerk")
    with django_capture_on_commit_callbacks(execute=True):
        assert clerk.get(f"/regions/items/{item.pk}/").status_code == 200
    rendering = PageRendering.objects.get(file=filed.file)
    assert rendering.status == ProcessingStatus.FAILED
    assert rendering.error_message == jobs.RENDERING_NOT_QUEUED
    partial = clerk.get(f"/regions/items/{item.pk}/rendering/").content.decode()
    assert "could not be reached" in partial

    outage.end()
    with django_capture_on_commit_callbacks(execute=True):
        assert clerk.get(f"/regions/items/{item.pk}/").status_code == 200
    rendering.refresh_from_db()
    assert rendering.status == ProcessingStatus.DONE


@pytest.mark.django_db(transaction=True)
def test_locating_every_item_while_the_queue_is_down_tells_the_clerk(filed, outage):
    item = filed.item("¶ 5")
    clerk = filed.cast.client("clerk")
    response = clerk.post(
        f"/regions/motions/{filed.motion.pk}/locate/", {"item": item.pk}, follow=True
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "cannot be reached" in page
    assert "Locating the portions" not in page
