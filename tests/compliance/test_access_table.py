"""Every URL of the redacted-version screens, every role, one expected status.

Submissions, dues and runs concern sealed documents: the public and attorneys
of other cases get 404, so they cannot learn that any exists.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from filings import compliance, redaction
from filings.intake import read_upload
from tests.compliance import builders
from tests.compliance.builders import APPROVED
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db


@dataclass
class World:
    due: int
    submission: int
    document: int
    run: int


@pytest.fixture
def world(cast, django_capture_on_commit_callbacks) -> World:
    sealed = builders.sealed_document_with_due(cast)
    upload = read_upload(SimpleUploadedFile("p.pdf", builders.good_version()))
    with django_capture_on_commit_callbacks(execute=True):
        submission = compliance.submit(sealed.due, upload, user=cast.plaintiff_counsel)
        run = redaction.request_public_version(
            sealed.document,
            [APPROVED.to_dict()],
            requested_by=cast.clerk,
            preview=True,
        )
    return World(sealed.due.pk, submission.pk, sealed.document.pk, run.pk)


STAFF_ONLY = {
    "clerk": 200,
    "judge": 200,
    "plaintiff_counsel": 404,
    "defendant_counsel": 404,
    "outsider": 404,
    "public": 404,
}
FILER_AND_STAFF = {**STAFF_ONLY, "plaintiff_counsel": 200}
CASE_AND_STAFF = {**FILER_AND_STAFF, "defendant_counsel": 200}
DECISION = {**STAFF_ONLY, "clerk": 302, "judge": 302}

GET_TABLE = [
    (
        "/redactions/",
        {
            "clerk": 302,
            "judge": 302,
            "plaintiff_counsel": 200,
            "defendant_counsel": 200,
            "outsider": 200,
            "public": 302,
        },
    ),
    ("/redactions/queue/", STAFF_ONLY),
    ("/redactions/due/{due}/", FILER_AND_STAFF),
    ("/redactions/submissions/{submission}/", CASE_AND_STAFF),
    ("/redactions/submissions/{submission}/status/", CASE_AND_STAFF),
    ("/redactions/submissions/{submission}/pages/1.png", CASE_AND_STAFF),
    ("/redactions/documents/{document}/runs/", STAFF_ONLY),
    ("/redactions/documents/{document}/runs/partial/", STAFF_ONLY),
    ("/redactions/runs/{run}/preview.pdf", STAFF_ONLY),
]

POST_TABLE = [
    ("/redactions/submissions/{submission}/accept/", {}, DECISION),
    ("/redactions/submissions/{submission}/return/", {"reasons": "Fix p. 1"}, DECISION),
    (
        "/redactions/documents/{document}/runs/",
        {
            "regions": '{"regions": [{"page": 1, "x0": 66, "top": 118, "x1": 320, "bottom": 138}]}'
        },
        DECISION,
    ),
    # The world's run is done: staff are told only a failed run runs again.
    ("/redactions/runs/{run}/again/", {}, DECISION),
]


def _url(template: str, world: World) -> str:
    return template.format(**world.__dict__)


@pytest.mark.parametrize(
    ("url", "role", "expected"),
    [(url, role, table[role]) for url, table in GET_TABLE for role in ROLES],
)
def test_get_access(cast, world, url, role, expected):
    response = cast.client(role).get(_url(url, world))
    assert response.status_code == expected
    # HEAD is answered like GET, with the same checks.
    assert cast.client(role).head(_url(url, world)).status_code == expected


@pytest.mark.parametrize(
    ("url", "data", "role", "expected"),
    [
        (url, data, role, table[role])
        for url, data, table in POST_TABLE
        for role in ROLES
    ],
)
def test_post_access(
    cast, world, url, data, role, expected, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client(role).post(_url(url, world), data)
    assert response.status_code == expected


def test_a_page_the_upload_does_not_have_is_404(cast, world):
    response = cast.client("clerk").get(
        f"/redactions/submissions/{world.submission}/pages/9.png"
    )
    assert response.status_code == 404


def test_thumbnails_are_pngs_not_cached(cast, world):
    response = cast.client("plaintiff_counsel").get(
        f"/redactions/submissions/{world.submission}/pages/1.png"
    )
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
    assert "no-store" in response["Cache-Control"]
