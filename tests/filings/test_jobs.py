"""The processing job: called directly, and through a real rq worker on the test
session's private Redis."""

import django_rq
import pytest
from rq import SimpleWorker

from filings.intake import enqueue_processing
from filings.jobs import process_file
from filings.models import ProcessingStatus
from filings.pdf.pleading import Filing, NumberedParagraph, render_pleading
from tests import factories

pytestmark = pytest.mark.django_db


def _pleading() -> bytes:
    return render_pleading(
        Filing(
            court="UNITED STATES DISTRICT COURT",
            case_number="Case No. 2:10-cv-01234",
            caption_left=[
                "LUMINA SOFTWARE, INC.,",
                "Plaintiff,",
                "v.",
                "HARROW GROUP, LLC,",
                "Defendant.",
            ],
            title="COMPLAINT",
            sections=[
                NumberedParagraph(
                    n, f"Paragraph {n} alleges a fact about the case. " * 3
                )
                for n in range(1, 30)
            ],
        )
    )


def test_processing_stores_page_count_text_layer_and_layout_per_page():
    document = factories.make_document(pdf=_pleading())
    file = document.files.get()
    process_file(file.pk)
    file.refresh_from_db()
    assert file.status == ProcessingStatus.DONE
    assert file.page_count == file.pages.count() >= 2
    assert file.has_text_layer is True
    first = file.pages.get(number=1)
    assert (first.width, first.height) == (612.0, 792.0)
    layout = file.load_layout()
    assert layout is not None
    assert layout.has_line_numbers
    assert {p.number for p in layout.paragraphs} >= {1, 2, 29}


def test_processing_twice_gives_the_same_result():
    document = factories.make_document(pdf=_pleading())
    file = document.files.get()
    process_file(file.pk)
    first = list(file.pages.values_list("number", "layout"))
    process_file(file.pk)
    assert list(file.pages.values_list("number", "layout")) == first


def test_failure_is_recorded_with_the_reason_and_raised():
    document = factories.make_document()
    file = document.files.get()
    # Someone replaced the stored bytes: the checksum no longer matches.
    with open(file.file.path, "wb") as handle:
        handle.write(factories.make_pdf("Tampered"))
    with pytest.raises(RuntimeError):
        process_file(file.pk)
    file.refresh_from_db()
    assert file.status == ProcessingStatus.FAILED
    assert "checksum" in file.error_message


def test_a_real_worker_processes_the_queued_file(
    settings, django_capture_on_commit_callbacks
):
    settings.RQ_QUEUES["default"]["ASYNC"] = True
    try:
        queue = django_rq.get_queue("default")
        queue.empty()
        document = factories.make_document(pdf=_pleading())
        file = document.files.get()
        with django_capture_on_commit_callbacks(execute=True):
            enqueue_processing(file.pk)
        assert queue.count == 1
        job = queue.jobs[0]
        worker = SimpleWorker([queue], connection=queue.connection)
        assert worker.work(burst=True)
        job.refresh()
        assert job.is_finished, job.latest_result()
        file.refresh_from_db()
        assert file.status == ProcessingStatus.DONE
        assert file.pages.count() == file.page_count
    finally:
        settings.RQ_QUEUES["default"]["ASYNC"] = False


def test_a_crashing_job_is_failed_in_rq_and_on_the_file(
    settings, django_capture_on_commit_callbacks
):
    settings.RQ_QUEUES["default"]["ASYNC"] = True
    try:
        queue = django_rq.get_queue("default")
        queue.empty()
        document = factories.make_document()
        file = document.files.get()
        with open(file.file.path, "wb") as handle:  # its bytes replaced
            handle.write(factories.make_pdf("Tampered"))
        with django_capture_on_commit_callbacks(execute=True):
            enqueue_processing(file.pk)
        job = queue.jobs[0]
        SimpleWorker([queue], connection=queue.connection).work(burst=True)
        job.refresh()
        assert job.is_failed
        file.refresh_from_db()
        assert file.status == ProcessingStatus.FAILED
    finally:
        settings.RQ_QUEUES["default"]["ASYNC"] = False
