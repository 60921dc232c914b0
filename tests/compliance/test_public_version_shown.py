"""Once a public version is accepted, the docket and the document page say the
original is sealed and the redacted version is filed, list each file once with
its role, and tell court staff which public version is in force and whence."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from filings import compliance, redaction
from filings.intake import read_upload
from filings.jobs import render_public_version
from filings.models import DocumentFile
from tests.compliance import builders
from tests.compliance.builders import APPROVED

pytestmark = pytest.mark.django_db

FILED = "SEALED — PUBLIC REDACTED VERSION"


def _submit(cast, sealed, data, capture, name="public.pdf"):
    upload = read_upload(SimpleUploadedFile(name, data, content_type="application/pdf"))
    with capture(execute=True):
        submission = compliance.submit(sealed.due, upload, user=cast.plaintiff_counsel)
    submission.refresh_from_db()
    return submission


@pytest.fixture
def accepted(cast, django_capture_on_commit_callbacks):
    sealed = builders.sealed_document_with_due(cast)
    _submit(
        cast,
        sealed,
        builders.boxed_version(),
        django_capture_on_commit_callbacks,
        name="decl-BAD.pdf",
    )
    good = _submit(
        cast,
        sealed,
        builders.good_version(),
        django_capture_on_commit_callbacks,
        name="decl-GOOD.pdf",
    )
    public = compliance.accept(good, user=cast.clerk)
    return sealed, good, public


def _badges(html: str) -> list[str]:
    return re.findall(r'<span class="badge[^"]*">([^<]*)</span>', html)


def test_the_public_docket_says_sealed_with_the_public_version_filed(cast, accepted):
    sealed, _good, _public = accepted
    html = cast.client("public").get(f"/cases/{cast.case.pk}/").content.decode()
    number = sealed.document.entry.number
    row = html.split(f'id="entry-{number}"')[1].split("</tr>")[0]
    assert _badges(row) == [FILED]
    # The row is not shaded as sealed: the public has a version to read.
    assert f'id="entry-{number}" class=""' in html


def test_a_sealed_document_without_a_public_version_is_still_just_sealed(cast):
    sealed = builders.sealed_document_with_due(cast)
    html = cast.client("clerk").get(f"/cases/{cast.case.pk}/").content.decode()
    row = html.split(f'id="entry-{sealed.document.entry.number}"')[1].split("</tr>")[0]
    assert _badges(row) == ["LODGED UNDER SEAL"]


def test_the_public_document_page_says_the_redacted_version_is_filed(cast, accepted):
    sealed, _good, public = accepted
    html = (
        cast.client("public").get(f"/documents/{sealed.document.pk}/").content.decode()
    )
    assert "Sealed — public redacted version" in html
    assert _badges(html) == ["Sealed — public redacted version"]
    assert html.count(f"/files/{public.pk}/download/") == 1


def test_the_clerk_sees_each_file_once_with_its_role_and_where_it_came_from(
    cast, accepted
):
    sealed, good, public = accepted
    html = (
        cast.client("clerk").get(f"/documents/{sealed.document.pk}/").content.decode()
    )
    versions = html.split("<h2>Versions</h2>")[1].split("</table>")[0]
    assert versions.count('<tr class="version') == 3  # original, bad upload, public
    assert f"/files/{good.file.pk}/download/" not in versions
    assert f"/files/{public.pk}/download/" in versions
    assert versions.count("decl-GOOD.pdf") == 1
    assert "In force" in versions and "accepted by" in versions
    assert "Not accepted — fix and upload again" not in versions  # replaced
    assert "Replaced by a later upload" in versions


def test_the_clerks_panel_names_the_public_version_in_force_and_its_source(
    cast, accepted
):
    sealed, good, public = accepted
    html = (
        cast.client("clerk")
        .get(f"/redactions/documents/{sealed.document.pk}/runs/partial/")
        .content.decode()
    )
    assert "In force:" in html and "No public version yet" not in html
    assert "accepted by" in html
    assert f"/redactions/submissions/{good.pk}/" in html
    assert f"/files/{public.pk}/view/" in html


def test_the_clerks_panel_names_a_redaction_run_as_the_source(cast):
    sealed = builders.sealed_document_with_due(cast)
    client = cast.client("clerk")
    partial = f"/redactions/documents/{sealed.document.pk}/runs/partial/"
    assert "No public version yet" in client.get(partial).content.decode()
    run = redaction.request_public_version(
        sealed.document, [APPROVED.to_dict()], requested_by=cast.clerk, preview=False
    )
    render_public_version(run.pk)
    html = client.get(partial).content.decode()
    assert "In force:" in html and "redaction run of" in html
    public = sealed.document.files.get(role=DocumentFile.Role.PUBLIC_REDACTED)
    assert f"/files/{public.pk}/view/" in html
