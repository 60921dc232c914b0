"""Every URL of the filings app, every role, one expected status.

Sealed files answer 404 to the public and to attorneys of other cases, so they
cannot even learn that the file exists.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from filings.models import Access, AuditEvent
from tests import factories
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

SECRET = "QUILL review threshold 0.7425"


@dataclass
class World:
    public_doc: object
    sealed_doc: object
    other_case_sealed_doc: object


@pytest.fixture
def world(cast) -> World:
    public_doc = factories.make_document(
        factories.make_entry(cast.case), description="Summons"
    )
    sealed_doc = factories.make_document(
        factories.make_entry(cast.case),
        access=Access.SEALED,
        description="Declaration of Priya Raman",
        pdf=factories.make_pdf(SECRET),
    )
    other = factories.make_document(
        factories.make_entry(cast.other_case),
        access=Access.SEALED,
        description="Sealed declaration",
    )
    return World(public_doc, sealed_doc, other)


def body(response) -> bytes:
    """The whole body; reading a streamed file to the end also closes it."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


ALL = dict.fromkeys(ROLES, 200)
SEALED = {
    "clerk": 200,
    "judge": 200,
    "plaintiff_counsel": 200,
    "defendant_counsel": 200,
    "outsider": 404,
    "public": 404,
}
OTHER_CASE_SEALED = {
    "clerk": 200,
    "judge": 200,
    "plaintiff_counsel": 404,
    "defendant_counsel": 404,
    "outsider": 200,
    "public": 404,
}
FILING = {
    "clerk": 403,
    "judge": 403,
    "plaintiff_counsel": 200,
    "defendant_counsel": 200,
    "outsider": 403,
    "public": 302,
}

# (name, how to build the URL from the cast and world, expected status per role)
TABLE = [
    ("case list", lambda c, w: reverse("filings:case_list"), ALL),
    ("case search", lambda c, w: reverse("filings:case_list") + "?q=Lumina", ALL),
    ("docket", lambda c, w: reverse("filings:docket", args=[c.case.pk]), ALL),
    (
        "new filing",
        lambda c, w: reverse("filings:new_filing", args=[c.case.pk]),
        FILING,
    ),
    (
        "public document",
        lambda c, w: reverse("filings:document", args=[w.public_doc.pk]),
        ALL,
    ),
    (
        "public file view",
        lambda c, w: reverse("filings:file_view", args=[w.public_doc.files.get().pk]),
        ALL,
    ),
    (
        "public file download",
        lambda c, w: reverse(
            "filings:file_download", args=[w.public_doc.files.get().pk]
        ),
        ALL,
    ),
    (
        "public file status",
        lambda c, w: reverse("filings:file_status", args=[w.public_doc.files.get().pk]),
        ALL,
    ),
    (
        "sealed document",
        lambda c, w: reverse("filings:document", args=[w.sealed_doc.pk]),
        SEALED,
    ),
    (
        "sealed file view",
        lambda c, w: reverse("filings:file_view", args=[w.sealed_doc.files.get().pk]),
        SEALED,
    ),
    (
        "sealed file download",
        lambda c, w: reverse(
            "filings:file_download", args=[w.sealed_doc.files.get().pk]
        ),
        SEALED,
    ),
    (
        "sealed file status",
        lambda c, w: reverse("filings:file_status", args=[w.sealed_doc.files.get().pk]),
        SEALED,
    ),
    (
        "other case's sealed document",
        lambda c, w: reverse("filings:document", args=[w.other_case_sealed_doc.pk]),
        OTHER_CASE_SEALED,
    ),
    (
        "other case's sealed file",
        lambda c, w: reverse(
            "filings:file_download", args=[w.other_case_sealed_doc.files.get().pk]
        ),
        OTHER_CASE_SEALED,
    ),
    (
        "missing document",
        lambda c, w: reverse("filings:document", args=[999999]),
        dict.fromkeys(ROLES, 404),
    ),
    (
        "login page",
        lambda c, w: reverse("login"),
        {**ALL, **{r: 302 for r in ROLES if r != "public"}},
    ),
    ("admin", lambda c, w: reverse("admin:index"), dict.fromkeys(ROLES, 302)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "url", "expected"), TABLE, ids=[row[0] for row in TABLE]
)
def test_access_table(cast, world, role, name, url, expected):
    response = cast.client(role).get(url(cast, world))
    body(response)
    assert response.status_code == expected[role], f"{name} as {role}"


@pytest.mark.parametrize("role", ["public", "outsider"])
@pytest.mark.parametrize(
    "view",
    [
        "filings:file_view",
        "filings:file_download",
        "filings:document",
        "filings:docket",
    ],
)
def test_sealed_bytes_never_reach_those_who_may_not_see_them(cast, world, role, view):
    file = world.sealed_doc.files.get()
    target = (
        cast.case.pk
        if view == "filings:docket"
        else (world.sealed_doc.pk if view == "filings:document" else file.pk)
    )
    response = cast.client(role).get(reverse(view, args=[target]))
    content = body(response)
    with file.file.open("rb") as handle:
        stored = handle.read()
    assert stored[200:400] not in content
    assert SECRET.encode() not in content
    assert b"secret-merger-terms" not in content  # the uploaded file name


def test_viewing_a_sealed_file_is_audited_with_who_and_from_where(cast, world):
    file = world.sealed_doc.files.get()
    response = cast.client("plaintiff_counsel").get(
        reverse("filings:file_download", args=[file.pk]), REMOTE_ADDR="10.1.2.3"
    )
    body(response)
    assert response.status_code == 200
    event = AuditEvent.objects.get(
        action=AuditEvent.Action.DOWNLOAD, object_id=str(file.pk)
    )
    assert event.actor == cast.plaintiff_counsel
    assert event.client_address == "10.1.2.3"
    assert event.case == cast.case


def test_viewing_a_public_file_writes_no_audit_event(cast, world):
    body(
        cast.client("public").get(
            reverse("filings:file_view", args=[world.public_doc.files.get().pk])
        )
    )
    assert not AuditEvent.objects.filter(action__in=["view", "download"]).exists()


def test_sealed_entry_shows_on_the_public_docket_without_a_link(cast, world):
    html = (
        cast.client("public")
        .get(reverse("filings:docket", args=[cast.case.pk]))
        .content.decode()
    )
    assert "SEALED" in html
    assert world.sealed_doc.entry.text in html
    assert reverse("filings:document", args=[world.sealed_doc.pk]) not in html
    assert reverse("filings:document", args=[world.public_doc.pk]) in html


def test_original_file_names_are_shown_to_court_staff_only(cast, world):
    url = reverse("filings:document", args=[world.public_doc.pk])
    assert b"secret-merger-terms.pdf" in cast.client("clerk").get(url).content
    assert b"secret-merger-terms.pdf" not in cast.client("public").get(url).content
    assert (
        b"secret-merger-terms.pdf"
        not in cast.client("plaintiff_counsel").get(url).content
    )


# POST-only actions: who may press the button.
POST_TABLE = [
    (
        "re-queue a sealed file's processing",
        lambda c, w: reverse(
            "filings:file_requeue", args=[w.sealed_doc.files.get().pk]
        ),
        {
            "clerk": 302,
            "judge": 403,
            "plaintiff_counsel": 403,
            "defendant_counsel": 403,
            "outsider": 404,
            "public": 302,
        },
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "url", "expected"), POST_TABLE, ids=[row[0] for row in POST_TABLE]
)
def test_post_access_table(cast, world, role, name, url, expected):
    response = cast.client(role).post(url(cast, world))
    assert response.status_code == expected[role], f"{name} as {role}"
    if role == "public":
        assert response["Location"].startswith(reverse("login"))
    assert cast.client(role).get(url(cast, world)).status_code == 405


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "url", "expected"), TABLE, ids=[row[0] for row in TABLE]
)
def test_head_is_answered_like_get(cast, world, role, name, url, expected):
    response = cast.client(role).head(url(cast, world))
    body(response)
    assert response.status_code == expected[role], f"HEAD {name} as {role}"


def test_head_of_a_sealed_file_is_audited_and_carries_no_bytes(cast, world):
    file = world.sealed_doc.files.get()
    response = cast.client("plaintiff_counsel").head(
        reverse("filings:file_download", args=[file.pk])
    )
    assert response.status_code == 200
    assert body(response) == b""
    event = AuditEvent.objects.get(object_id=str(file.pk))
    assert event.details["head"] is True


def test_head_of_a_sealed_document_page_is_audited_as_headers_only(cast, world):
    file = world.sealed_doc.files.get()
    client = cast.client("clerk")
    client.head(reverse("filings:document", args=[world.sealed_doc.pk]))
    client.get(reverse("filings:document", args=[world.sealed_doc.pk]))
    head, get = AuditEvent.objects.filter(object_id=str(file.pk)).order_by("pk")
    assert head.details == {"page": "document", "head": True}
    assert get.details == {"page": "document"}


def test_download_names_carry_no_colons(cast, world):
    response = cast.client("public").get(
        reverse("filings:file_download", args=[world.public_doc.files.get().pk])
    )
    body(response)
    disposition = response["Content-Disposition"]
    number = cast.case.number.replace(":", "-")
    assert f'filename="{number}-ECF-{world.public_doc.docket_ref}.pdf"' in disposition
    assert ":" not in disposition.split("filename=")[1]
