"""Who may open the preview, its page images, and who may locate and adjust."""

from __future__ import annotations

import json

import pytest

from filings import access
from filings.models import Access, AuditEvent
from sealing import jobs, regions
from tests.conftest import ROLES
from tests.regions.conftest import add_item, file_document, open_motion

PREVIEWERS = {"clerk": 200, "judge": 200, "plaintiff_counsel": 200}
# Counsel of record may see sealed files in this court, so the page images of
# the sealed target follow the file's own rule: the defendant's counsel too.
FILE_VIEWERS = {**PREVIEWERS, "defendant_counsel": 200}
CLERK_ONLY = {"clerk": 302, "judge": 403, "plaintiff_counsel": 403}

TABLE = {
    "preview": ("get", PREVIEWERS),
    "rendering": ("get", PREVIEWERS),
    "page_image": ("get", FILE_VIEWERS),
    "locate_item": ("post", CLERK_ONLY),
    "locate_motion": ("post", {**CLERK_ONLY, "defendant_counsel": 403}),
    "adjust": ("post", {"clerk": 200, "judge": 403, "plaintiff_counsel": 403}),
    "reviewed": ("post", CLERK_ONLY),
}


@pytest.fixture
def filed(short_filed):
    return short_filed


@pytest.fixture
def located(filed):
    item = filed.item("¶¶ 4-5")
    regions.locate_item(item)
    jobs.render_page_images(filed.file.pk)
    return item


def url_of(name: str, item, filed) -> str:
    return {
        "preview": f"/regions/items/{item.pk}/",
        "rendering": f"/regions/items/{item.pk}/rendering/",
        "page_image": f"/regions/files/{filed.file.pk}/pages/1.png",
        "locate_item": f"/regions/items/{item.pk}/locate/",
        "locate_motion": f"/regions/motions/{filed.motion.pk}/locate/",
        "adjust": f"/regions/items/{item.pk}/adjust/",
        "reviewed": f"/regions/items/{item.pk}/reviewed/",
    }[name]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(TABLE))
def test_access_table_on_a_sealed_target(filed, located, name, role):
    method, allowed = TABLE[name]
    url = url_of(name, located, filed)
    client = filed.cast.client(role)
    if name == "adjust":
        boxes = [r.to_dict() for r in regions.current_location(located).active_regions]
        response = client.post(
            url, json.dumps({"regions": boxes}), content_type="application/json"
        )
    else:
        response = getattr(client, method)(url)

    assert response.status_code == allowed.get(role, 404)
    if method == "get":  # HEAD is answered like GET, with the same checks
        assert client.head(url).status_code == allowed.get(role, 404)


def test_page_image_is_png_never_cached_and_each_view_is_audited(filed, located):
    response = filed.cast.client("defendant_counsel").get(
        f"/regions/files/{filed.file.pk}/pages/2.png"
    )

    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"\x89PNG")
    event = AuditEvent.objects.get(
        action=AuditEvent.Action.VIEW, actor=filed.cast.defendant_counsel
    )
    assert event.object_id == str(filed.file.pk)
    assert event.details["page_image"] == 2


def test_page_image_of_a_public_document_is_public_and_not_audited(cast, short_pdf):
    _, file = file_document(cast, short_pdf, access=Access.PUBLIC)
    jobs.render_page_images(file.pk)

    response = cast.client("public").get(f"/regions/files/{file.pk}/pages/1.png")

    assert response.status_code == 200
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).exists()


def test_page_not_rendered_or_beyond_the_end_is_404(filed, located):
    response = filed.cast.client("clerk").get(
        f"/regions/files/{filed.file.pk}/pages/99.png"
    )

    assert response.status_code == 404


def test_counsel_sees_the_boxes_but_no_editing_controls(filed, located):
    page = filed.cast.client("plaintiff_counsel").get(f"/regions/items/{located.pk}/")

    html = page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    assert 'class="region-box' in html
    assert "region-editor" not in html
    assert "Locate portions" not in html


@pytest.mark.parametrize("uploaded_by_filer", [True, False])
def test_filing_counsel_sees_the_preview_exactly_when_its_page_images(
    cast, short_pdf, uploaded_by_filer
):
    """Where the court keeps sealed files from counsel, the preview and the page
    images follow the same rule for the file: neither shows what the other hides."""
    cast.court.counsel_may_view_sealed = False
    cast.court.save()
    uploader = cast.plaintiff_counsel if uploaded_by_filer else None
    document, file = file_document(cast, short_pdf, uploaded_by=uploader)
    item = add_item(open_motion(cast), document, "¶ 2")
    regions.locate_item(item)
    jobs.render_page_images(file.pk)
    [page] = regions.current_location(item).pages()

    for role in ROLES:
        client = cast.client(role)
        preview = client.get(f"/regions/items/{item.pk}/").status_code
        image = client.get(f"/regions/files/{file.pk}/pages/{page}.png").status_code
        if role == "plaintiff_counsel":
            assert preview == image, (preview, image)
        if preview == 200:
            assert image == 200, role
    counsel = cast.client("plaintiff_counsel")
    assert counsel.get(f"/regions/items/{item.pk}/").status_code == (
        200 if access.can_view_file(cast.plaintiff_counsel, file) else 404
    )
