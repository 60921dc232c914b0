"""PDFium is not thread-safe: every use a web request can reach waits for the
one process-wide lock. Each test holds the lock in one thread and checks that a
call in another waits for it, then completes."""

import threading
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from filings import compliance
from filings.intake import read_upload
from filings.pdf.facts import read_facts
from filings.pdf.pdfium import pdfium_lock
from sealing.order_jobs import pdf_page_count
from tests import factories

PDF = factories.make_pdf("Declaration of Priya Raman.", pages=2)


def _waits_for_the_lock(call: Callable[[], object]) -> object:
    held, release, done = threading.Event(), threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def holder() -> None:
        with pdfium_lock():
            held.set()
            release.wait(30)

    def caller() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # re-raised in the test's thread
            outcome["error"] = exc
        done.set()

    threads = [threading.Thread(target=holder), threading.Thread(target=caller)]
    threads[0].start()
    assert held.wait(10)
    threads[1].start()
    try:
        assert not done.wait(0.3), "PDFium was used while another thread held it"
    finally:
        release.set()
    assert done.wait(60)
    for thread in threads:
        thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def test_reading_an_upload_waits_for_pdfium():
    facts = _waits_for_the_lock(lambda: read_facts(PDF))
    assert facts.page_count == 2


def test_the_intake_inspector_waits_for_pdfium():
    upload = read_upload(SimpleUploadedFile("a.pdf", PDF))
    findings = _waits_for_the_lock(lambda: compliance.inspect_public_uploads([upload]))
    assert isinstance(findings, list)


@pytest.mark.django_db
def test_a_thumbnail_waits_for_pdfium():
    file = factories.make_document(pdf=PDF).files.get()
    png = _waits_for_the_lock(lambda: compliance.page_thumbnail(file, 2))
    assert png.startswith(b"\x89PNG")


def test_counting_a_draft_orders_pages_waits_for_pdfium():
    assert _waits_for_the_lock(lambda: pdf_page_count(PDF)) == 2


def test_the_lock_is_reentrant():
    with pdfium_lock(), pdfium_lock():
        assert read_facts(PDF).page_count == 2
