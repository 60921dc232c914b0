"""The due page and the list of dues say plainly what to remove and what to
keep, link the sealed original and the order, and join overlapping portions."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from filings import compliance
from filings.models import Access, DocumentFile, PublicVersionDue
from sealing import triage
from sealing.models import Ruling, SealingItem
from tests import factories
from tests.compliance import builders

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("written", "merged"),
    [
        ("p. 2:5-10; p. 2:8-10", "p. 2:5-10"),
        (
            "p. 1:22-27; p. 2:5-10, 2:13-15; p. 3:6-8; p. 2:8-10",
            "pp. 1:22-27, 2:5-10, 2:13-15, 3:6-8",
        ),
        ("pp. 1:25-2:7; p. 2:5-7", "pp. 1:25-2:7"),
        ("¶¶ 49-50; ¶ 52; ¶ 53; ¶¶ 59-60; ¶ 62", "¶¶ 49-50, 52-53, 59-60, 62"),
        ("¶ 65; ¶ 71", "¶¶ 65, 71"),
        ("pp. 4-6; p. 5", "pp. 4-6"),
        ("entire document", "entire document"),
        ("not a portion ((", "not a portion (("),
    ],
)
def test_overlapping_portions_are_joined(written, merged):
    assert compliance.merged_portions(written) == merged


def _order_entry(cast):
    entry = factories.make_entry(cast.case, text="ORDER granting in part")
    factories.make_document(entry, description="Order", pdf=builders.original_pdf())
    return entry


def _denied_item(cast, document, portions: str) -> SealingItem:
    motion_entry = factories.make_entry(cast.case, text="MOTION to seal")
    factories.make_document(motion_entry, description="Motion to seal")
    motion = triage.open_motion(
        None, entry=motion_entry, title="Motion to seal", movants=[cast.plaintiff]
    )
    return SealingItem.objects.create(
        motion=motion,
        listed_as=1,
        target=document,
        portions_text=portions,
        ruling=Ruling.DENIED,
    )


def test_the_due_page_names_what_to_keep_and_links_the_original_and_the_order(cast):
    sealed = builders.sealed_document_with_due(cast)
    sealed.due.order_entry = _order_entry(cast)
    sealed.due.save()
    _denied_item(cast, sealed.document, "¶ 65")
    _denied_item(cast, sealed.document, "¶ 71")
    html = (
        cast.client("plaintiff_counsel")
        .get(f"/redactions/due/{sealed.due.pk}/")
        .content.decode()
    )
    keep = html.split('id="keep">')[1].split("</dd>")[0]
    assert keep.startswith("¶¶ 65, 71 — the court refused to seal")
    assert "region" not in keep
    original = sealed.document.files.get(role=DocumentFile.Role.ORIGINAL)
    assert f"/files/{original.pk}/view/" in html
    order = sealed.due.order_entry.documents.get()
    assert (
        f'<a href="/documents/{order.pk}/">ECF No. {sealed.due.order_entry.number}</a>'
        in html
    )


def test_the_sealed_original_is_not_linked_for_whoever_may_not_see_it(cast):
    cast.court.counsel_may_view_sealed = False
    cast.court.save()
    sealed = builders.sealed_document_with_due(cast)
    original = sealed.document.files.get(role=DocumentFile.Role.ORIGINAL)
    html = (
        cast.client("plaintiff_counsel")
        .get(f"/redactions/due/{sealed.due.pk}/")
        .content.decode()
    )
    assert f"/files/{original.pk}/" not in html
    assert "1 region on page 1 of the sealed original" in html


def test_the_list_of_dues_joins_overlapping_portions(cast):
    sealed = builders.sealed_document_with_due(cast)
    sealed.due.portions_text = "p. 2:5-10; p. 2:8-10"
    sealed.due.save()
    html = cast.client("plaintiff_counsel").get("/redactions/").content.decode()
    assert "p. 2:5-10" in html and "2:8-10" not in html


def _due_sealed_whole(cast, description: str, due_on) -> PublicVersionDue:
    """A due left over for a document the order sealed whole (whole pages)."""
    whole = factories.make_document(
        factories.make_entry(cast.case, filer=cast.plaintiff),
        access=Access.SEALED,
        description=description,
        pdf=builders.original_pdf(),
        uploaded_by=cast.plaintiff_counsel,
    )
    return PublicVersionDue.objects.create(
        document=whole,
        party=cast.plaintiff,
        due_on=due_on,
        regions=[{"page": 1, "x0": 0, "top": 0, "x1": 612, "bottom": 792}],
        portions_text="entire document",
    )


def test_documents_sealed_in_full_are_not_listed_as_owing_a_public_version(cast):
    kept = builders.sealed_document_with_due(cast)
    _due_sealed_whole(cast, "Exhibit 1 to Raman Declaration", kept.due.due_on)
    assert list(compliance.dues_for(cast.plaintiff_counsel)) == [kept.due]
    html = cast.client("plaintiff_counsel").get("/redactions/").content.decode()
    assert "Exhibit 1 to Raman Declaration" not in html


def test_a_document_sealed_in_full_takes_no_upload_even_when_its_page_is_opened(
    cast,
):
    due_on = builders.sealed_document_with_due(cast).due.due_on
    due = _due_sealed_whole(cast, "Exhibit 2 to Raman Declaration", due_on)
    whole = due.document
    client = cast.client("plaintiff_counsel")
    html = client.get(f"/redactions/due/{due.pk}/").content.decode()
    assert 'id="sealed-whole"' in html
    assert 'id="upload"' not in html
    before = whole.files.count()
    response = client.post(
        f"/redactions/due/{due.pk}/",
        {"file": SimpleUploadedFile("public.pdf", builders.good_version())},
    )
    assert "sealed this document whole" in response.content.decode()
    assert whole.files.count() == before


def test_the_due_page_says_when_the_court_has_published_its_own_version(cast):
    from django.db import transaction

    from filings.intake import store_file

    sealed = builders.sealed_document_with_due(cast)
    client = cast.client("plaintiff_counsel")
    url = f"/redactions/due/{sealed.due.pk}/"
    assert 'id="court-version"' not in client.get(url).content.decode()
    with transaction.atomic():
        store_file(
            sealed.document, DocumentFile.Role.PUBLIC_REDACTED, builders.good_version()
        )
    html = client.get(url).content.decode()
    assert 'id="court-version"' in html
    assert "yours is the version the public docket serves" in html
    PublicVersionDue.objects.filter(pk=sealed.due.pk).update(
        status=PublicVersionDue.Status.ACCEPTED
    )
    assert 'id="court-version"' not in client.get(url).content.decode()
