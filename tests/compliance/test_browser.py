"""The loop in a real browser: an attorney uploads a bad public version, reads the
report, uploads a good one; the clerk accepts it; the public gets the redacted file."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from filings.models import Access, DocumentFile
from tests.compliance import builders
from tests.compliance.builders import KEPT, REFUSED, SECRET
from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _upload(page, path) -> None:
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url("**/redactions/submissions/*/")


def test_bad_upload_then_good_upload_then_accept_serves_the_redaction_publicly(
    browser, page, live_server, cast, tmp_path
):
    sealed = builders.sealed_document_with_due(cast)
    bad, good = tmp_path / "bad.pdf", tmp_path / "good.pdf"
    bad.write_bytes(builders.boxed_version())
    good.write_bytes(builders.good_version())

    log_in(page, live_server, "pcounsel")
    page.goto(f"{live_server.url}/redactions/")
    page.get_by_role("link", name="Upload").click()
    _upload(page, bad)
    assert "Failed" in page.locator("#verdict").inner_text()
    status = page.locator("#submission-status").inner_text()
    assert status == "Not accepted — fix and upload again"
    findings = page.locator("table.findings").inner_text()
    assert "Text is still in the file under a box" in findings
    assert SECRET in findings  # the filer may see it
    marker = page.locator(".marker").first
    # redactions.js placed the marker from its data-* attributes (CSP allows CSSOM).
    assert marker.evaluate("m => m.style.left").endswith("%")
    # The thumbnail is a separate, access-checked request: wait for it to load,
    # then require real pixels (a 403 or a broken image has no natural width).
    thumbnail = page.locator(".thumb img").first
    thumbnail.evaluate(
        "i => i.complete ? null : new Promise(done => {"
        " i.addEventListener('load', done); i.addEventListener('error', done); })"
    )
    assert thumbnail.evaluate("i => i.naturalWidth") > 0
    page.screenshot(path=str(tmp_path / "report-fail.png"), full_page=True)

    page.get_by_role("link", name="Upload a corrected version").click()
    _upload(page, good)
    assert "Passed" in page.locator("#verdict").inner_text()

    clerk_context = browser.new_context()
    clerk = clerk_context.new_page()
    log_in(clerk, live_server, "clerk")
    clerk.goto(f"{live_server.url}/redactions/")
    clerk.get_by_role("link", name="Review").click()
    clerk.screenshot(path=str(tmp_path / "report-clerk.png"), full_page=True)
    clerk.on("dialog", lambda dialog: dialog.accept())
    clerk.get_by_role("button", name="Accept as the public version").click()
    clerk.wait_for_load_state()
    assert "Accepted" in clerk.locator("#submission-status").inner_text()
    clerk_context.close()

    sealed.document.refresh_from_db()
    assert sealed.document.access == Access.SEALED
    public_file = sealed.document.files.get(role=DocumentFile.Role.PUBLIC_REDACTED)
    anonymous = browser.new_context()
    response = anonymous.request.get(
        f"{live_server.url}/files/{public_file.pk}/download/"
    )
    assert response.status == 200
    with pdfplumber.open(io.BytesIO(response.body())) as pdf:
        text = " ".join(p.extract_text() or "" for p in pdf.pages)
    assert SECRET not in text
    assert KEPT in text and REFUSED in text
    # The original stays sealed from the public.
    original = sealed.document.files.get(role=DocumentFile.Role.ORIGINAL)
    hidden = anonymous.request.get(f"{live_server.url}/files/{original.pk}/download/")
    assert hidden.status == 404
    anonymous.close()


def test_clerk_previews_a_public_version_from_the_regions_of_a_due(
    page, live_server, cast, tmp_path
):
    sealed = builders.sealed_document_with_due(cast)
    log_in(page, live_server, "clerk")
    page.goto(f"{live_server.url}/redactions/documents/{sealed.document.pk}/runs/")
    # The order's approved regions are chosen already.
    assert page.locator(f"input[name=due][value='{sealed.due.pk}']").is_checked()
    page.get_by_role("button", name="Render").click()
    page.get_by_role("link", name="View preview").wait_for()
    assert "Preview (court staff only)" in page.locator("table.runs").inner_text()
    page.screenshot(path=str(tmp_path / "runs.png"), full_page=True)
    href = page.get_by_role("link", name="View preview").get_attribute("href")
    preview = page.request.get(f"{live_server.url}{href}")
    with pdfplumber.open(io.BytesIO(preview.body())) as pdf:
        text = " ".join(p.extract_text() or "" for p in pdf.pages)
    assert SECRET not in text and KEPT in text
    assert not sealed.document.files.filter(
        role=DocumentFile.Role.PUBLIC_REDACTED
    ).exists()


def test_a_card_opens_with_its_heading_and_no_empty_band(page, live_server, cast):
    sealed = builders.sealed_document_with_due(cast)
    log_in(page, live_server, "pcounsel")
    page.goto(f"{live_server.url}/redactions/due/{sealed.due.pk}/")
    card = page.locator("#upload")
    heading = card.locator("h2")
    gap = heading.bounding_box()["y"] - card.bounding_box()["y"]
    # The card's padding (12 px) and a little air, not a heading's page margin.
    assert gap <= 20, gap
