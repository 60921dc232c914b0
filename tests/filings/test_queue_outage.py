"""When Redis is down: the filing is saved, its files say why they are not being
processed, and the clerk's office can queue them again once it is back."""

import json
from io import StringIO

import django_rq
import pytest
from django.core.management import call_command
from django.urls import reverse

from filings.intake import NOT_QUEUED, enqueue_processing, requeue_processing
from filings.models import Access, DocketEntry, DocumentFile, ProcessingStatus
from tests import factories
from tests.filings.test_filing_form import _pdf_upload, _post


@pytest.fixture
def unqueued(cast, outage) -> DocumentFile:
    """A sealed file stored while the queue was down."""
    document = factories.make_document(
        factories.make_entry(cast.case), access=Access.SEALED
    )
    file = document.files.get()
    assert enqueue_processing(file.pk) is False
    file.refresh_from_db()
    return file


@pytest.mark.django_db(transaction=True)
def test_filing_while_the_queue_is_down_is_saved_and_the_filer_is_told(cast, outage):
    client = cast.client("plaintiff_counsel")
    response = _post(
        client,
        cast.case,
        _pdf_upload(),
        attachments=[("Exhibit 1", _pdf_upload("ex1.pdf"))],
        filer=cast.plaintiff.pk,
    )
    assert response.status_code == 302
    entry = DocketEntry.objects.get()
    files = DocumentFile.objects.filter(document__entry=entry)
    assert files.count() == 2
    assert set(files.values_list("status", "error_message")) == {
        (ProcessingStatus.FAILED, NOT_QUEUED)
    }
    docket = client.get(response["Location"]).content.decode()
    assert f"Filed as docket entry {entry.number}" in docket
    assert "could not be queued" in docket
    page = client.get(
        reverse("filings:document", args=[files.first().document_id])
    ).content.decode()
    assert "could not be reached" in page
    assert "data-poll" not in page  # the page no longer waits for ever


@pytest.mark.django_db
def test_clerk_queues_it_again_once_the_queue_is_back(
    cast, unqueued, outage, django_capture_on_commit_callbacks
):
    assert unqueued.status == ProcessingStatus.FAILED
    clerk = cast.client("clerk")
    url = reverse("filings:file_requeue", args=[unqueued.pk])
    page = clerk.get(reverse("filings:document", args=[unqueued.document_id]))
    assert url in page.content.decode()

    down = clerk.post(url, follow=True)
    assert b"cannot be reached" in down.content
    unqueued.refresh_from_db()
    assert unqueued.status == ProcessingStatus.FAILED

    outage.end()
    with django_capture_on_commit_callbacks(execute=True):
        assert clerk.post(url).status_code == 302
    unqueued.refresh_from_db()
    assert unqueued.status == ProcessingStatus.DONE  # tests run jobs synchronously
    again = clerk.post(url, follow=True)
    assert b"Nothing to do" in again.content


@pytest.mark.django_db
def test_requeueing_twice_queues_one_job(
    cast, unqueued, outage, settings, django_capture_on_commit_callbacks
):
    outage.end()
    settings.RQ_QUEUES["default"]["ASYNC"] = True
    try:
        queue = django_rq.get_queue("default")
        queue.empty()
        with django_capture_on_commit_callbacks(execute=True):
            assert requeue_processing(unqueued) is True
        with django_capture_on_commit_callbacks(execute=True):
            assert requeue_processing(unqueued) is False
        assert queue.count == 1
        unqueued.refresh_from_db()
        assert (unqueued.status, unqueued.error_message) == (
            ProcessingStatus.QUEUED,
            "",
        )
    finally:
        settings.RQ_QUEUES["default"]["ASYNC"] = False
        django_rq.get_queue("default").empty()


@pytest.mark.django_db
def test_requeue_command_finds_the_files_that_were_never_queued(
    cast, unqueued, outage, django_capture_on_commit_callbacks
):
    processed = factories.make_document(factories.make_entry(cast.case))
    outage.end()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("requeue_processing", stdout=out)
    assert json.loads(out.getvalue())["queued"] == [unqueued.pk]
    unqueued.refresh_from_db()
    assert unqueued.status == ProcessingStatus.DONE
    out = StringIO()
    call_command("requeue_processing", stdout=out)
    assert json.loads(out.getvalue())["queued"] == []
    assert processed.files.get().status == ProcessingStatus.QUEUED  # just uploaded


def test_redis_urls_get_connect_and_read_timeouts_unless_they_set_their_own():
    from sealing.settings import redis_url_with_timeouts

    assert redis_url_with_timeouts("redis://10.0.0.5:6379/0", 5) == (
        "redis://10.0.0.5:6379/0?socket_connect_timeout=5&socket_timeout=5"
    )
    assert redis_url_with_timeouts(
        "rediss://:pw@q.internal:6380/1?socket_timeout=30", 2.5
    ) == ("rediss://:pw@q.internal:6380/1?socket_timeout=30&socket_connect_timeout=2.5")
    connection = django_rq.get_connection("default")
    kwargs = connection.connection_pool.connection_kwargs
    assert kwargs["socket_connect_timeout"] and kwargs["socket_timeout"]


@pytest.mark.django_db
def test_a_redis_that_never_answers_does_not_hang_the_upload(cast, settings):
    """A Redis that accepts connections and then says nothing (hung, or a
    firewall dropping replies): queueing gives up after the read timeout."""
    import socket
    import time

    from sealing.settings import redis_url_with_timeouts

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
        queue = settings.RQ_QUEUES["default"]
        before = queue["URL"]
        queue["URL"] = redis_url_with_timeouts(url, 0.5)
        try:
            file = factories.make_document(factories.make_entry(cast.case)).files.get()
            started = time.monotonic()
            assert enqueue_processing(file.pk) is False
            assert time.monotonic() - started < 5
        finally:
            queue["URL"] = before
    file.refresh_from_db()
    assert (file.status, file.error_message) == (ProcessingStatus.FAILED, NOT_QUEUED)
