"""Who may reach each draft-order URL: court staff only, and each step only for
the role that takes it. Attorneys, other cases' attorneys and the public are
told the draft does not exist (404)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from filings.models import Access, ProcessingStatus
from sealing import triage
from sealing.models import MotionState
from sealing.order_models import DraftOrder
from tests import factories
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

STAFF_ONLY = {
    "plaintiff_counsel": 404,
    "defendant_counsel": 404,
    "outsider": 404,
    "public": 404,
}


def _expect(clerk: int, judge: int) -> dict[str, int]:
    return {"clerk": clerk, "judge": judge, **STAFF_ONLY}


# (name, method, url kwargs built from the draft, expected status per role)
TABLE = [
    ("queue", "get", lambda d: {}, _expect(200, 200)),
    ("for_motion", "get", lambda d: {"motion_pk": d.motion_id}, _expect(302, 302)),
    ("create", "post", lambda d: {"motion_pk": d.motion_id}, _expect(302, 403)),
    ("draft", "get", lambda d: {"pk": d.pk}, _expect(200, 200)),
    ("status", "get", lambda d: {"pk": d.pk}, _expect(200, 200)),
    ("page_image", "get", lambda d: {"pk": d.pk, "number": 1}, _expect(200, 200)),
    ("download", "get", lambda d: {"pk": d.pk, "kind": "pdf"}, _expect(200, 200)),
    ("download", "get", lambda d: {"pk": d.pk, "kind": "docx"}, _expect(200, 200)),
    ("send", "post", lambda d: {"pk": d.pk}, _expect(302, 403)),
    ("rebuild", "post", lambda d: {"pk": d.pk}, _expect(302, 403)),
    ("mark_sealed", "post", lambda d: {"pk": d.pk}, _expect(302, 403)),
    ("public_version", "get", lambda d: {"pk": d.pk}, _expect(200, 200)),
    ("public_version", "post", lambda d: {"pk": d.pk}, _expect(302, 403)),
    ("public_preview", "get", lambda d: {"pk": d.pk}, _expect(200, 200)),
    ("approve", "post", lambda d: {"pk": d.pk}, _expect(403, 302)),
    ("return", "post", lambda d: {"pk": d.pk}, _expect(403, 302)),
    ("comment", "post", lambda d: {"pk": d.pk}, _expect(302, 302)),
    ("edit", "get", lambda d: {"pk": d.pk}, _expect(200, 200)),
    ("upload", "post", lambda d: {"pk": d.pk}, _expect(302, 302)),
]
CASES = [
    pytest.param(
        name, method, kwargs, role, expected[role], id=f"{name}-{method}-{i}-{role}"
    )
    for i, (name, method, kwargs, expected) in enumerate(TABLE)
    for role in ROLES
]


@pytest.fixture
def draft(cast) -> DraftOrder:
    """A one-item motion under review with a rendered draft (a small real PDF)."""
    entry = factories.make_entry(cast.case, 1, nature="pleading", filer=cast.plaintiff)
    factories.make_document(
        entry, access=Access.PROVISIONALLY_SEALED, description="Complaint"
    )
    motion_entry = factories.make_entry(cast.case, 2, nature="procedural")
    motion = triage.open_motion(
        None, entry=motion_entry, title="Motion to Seal", movants=[cast.plaintiff]
    )
    triage.add_items(
        None, motion, "1. Complaint (#1), ¶ 4 (prices).", ground="trade_secret"
    )
    triage.move_motion(None, motion, MotionState.UNDER_REVIEW)
    factories.grant(motion.items.all())
    draft = DraftOrder.objects.create(
        motion=motion, version=1, render_status=ProcessingStatus.DONE, page_count=1
    )
    draft.pdf.save(
        "draft.pdf", ContentFile(factories.make_pdf("Draft order")), save=False
    )
    draft.docx.save("draft.docx", ContentFile(b"PK\x03\x04 docx"), save=False)
    draft.save()
    return draft


@pytest.mark.parametrize(("name", "method", "kwargs", "role", "expected"), CASES)
def test_access_table(cast, draft, name, method, kwargs, role, expected):
    client = cast.client(role)
    url = reverse(f"orders:{name}", kwargs=kwargs(draft))

    if method == "get":  # HEAD is answered like GET, with the same checks
        head = client.head(url)
        if head.streaming:
            b"".join(head.streaming_content)  # read to its end, the file closes
        assert head.status_code == expected

    response = getattr(client, method)(url)
    response.close()  # a file response holds its file open until closed

    assert response.status_code == expected
    if expected == 404:
        assert (
            b"Draft" not in response.content
            and b"Motion to Seal" not in response.content
        )


def test_draft_page_images_are_audited_and_never_cached(cast, draft):
    from filings.models import AuditEvent

    response = cast.client("judge").get(
        reverse("orders:page_image", kwargs={"pk": draft.pk, "number": 1})
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW)
    assert event.actor == cast.judge
    assert (event.object_id, event.details["page_image"]) == (str(draft.pk), 1)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_draft_downloads_are_never_cached(cast, draft, kind):
    url = reverse("orders:download", kwargs={"pk": draft.pk, "kind": kind})
    for method in ("get", "head"):
        response = getattr(cast.client("clerk"), method)(url)
        body = b"".join(response.streaming_content)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store", method
        assert (body == b"") is (method == "head")
