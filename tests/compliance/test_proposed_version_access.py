"""A proposed redacted version may still hold the sealed text under its boxes:
until the clerk accepts it, it is held at its document's level, so counsel the
court bars from sealed files cannot read it through the file views, the
submission page or its thumbnails."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from filings import compliance
from filings.intake import read_upload
from filings.models import RedactedSubmission
from tests.compliance import builders
from tests.compliance.builders import SECRET

pytestmark = pytest.mark.django_db


@pytest.fixture
def boxed(cast, django_capture_on_commit_callbacks) -> RedactedSubmission:
    """The filer's counsel uploads a version with a box over live sealed text."""
    sealed = builders.sealed_document_with_due(cast)
    upload = read_upload(SimpleUploadedFile("p.pdf", builders.boxed_version()))
    with django_capture_on_commit_callbacks(execute=True):
        submission = compliance.submit(sealed.due, upload, user=cast.plaintiff_counsel)
    submission.refresh_from_db()
    assert submission.verdict == "fail"
    return submission


def _get(cast, role: str, url: str):
    response = cast.client(role).get(url)
    # Reading a file response to its end also closes it.
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return response.status_code, body


def _urls(submission: RedactedSubmission) -> dict[str, str]:
    return {
        "view": f"/files/{submission.file_id}/view/",
        "download": f"/files/{submission.file_id}/download/",
        "thumbnail": f"/redactions/submissions/{submission.pk}/pages/1.png",
    }


def test_counsel_barred_from_sealed_files_cannot_read_the_upload(cast, boxed):
    cast.court.counsel_may_view_sealed = False
    cast.court.save()
    for name, url in _urls(boxed).items():
        for role in ("defendant_counsel", "plaintiff_counsel", "outsider", "public"):
            status, body = _get(cast, role, url)
            assert status == 404, (name, role)
            assert SECRET.encode() not in body
    # The other side does not even learn the submission exists; the filer's
    # counsel sees its status and findings, without the recovered text.
    status, _ = _get(cast, "defendant_counsel", f"/redactions/submissions/{boxed.pk}/")
    assert status == 404
    status, body = _get(
        cast, "plaintiff_counsel", f"/redactions/submissions/{boxed.pk}/"
    )
    assert status == 200
    assert SECRET.encode() not in body
    assert b"pages/1.png" not in body
    assert f"/files/{boxed.file_id}/view/".encode() not in body


def test_court_staff_read_the_upload_wherever_counsel_are_barred(cast, boxed):
    cast.court.counsel_may_view_sealed = False
    cast.court.save()
    for url in _urls(boxed).values():
        status, _ = _get(cast, "clerk", url)
        assert status == 200
    status, body = _get(cast, "clerk", f"/redactions/submissions/{boxed.pk}/")
    assert status == 200
    assert SECRET.encode() in body


def test_counsel_the_court_lets_see_sealed_files_see_the_upload(cast, boxed):
    assert cast.court.counsel_may_view_sealed
    for role in ("defendant_counsel", "plaintiff_counsel"):
        for url in _urls(boxed).values():
            status, _ = _get(cast, role, url)
            assert status == 200, (role, url)
        status, body = _get(cast, role, f"/redactions/submissions/{boxed.pk}/")
        assert status == 200
        assert SECRET.encode() in body
    for role in ("outsider", "public"):
        for url in _urls(boxed).values():
            assert _get(cast, role, url)[0] == 404
