"""The attorney's filing screen, with hostile uploads: each gets a clear error on
the form and nothing is stored."""

import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from filings.models import Access, AuditEvent, DocketEntry, DocumentFile
from tests import factories

pytestmark = pytest.mark.django_db


def _post(client, case, main, *, attachments=(), access=Access.PUBLIC, filer=None):
    data = {
        "filer": filer,
        "kind": DocketEntry.Kind.DECLARATION,
        "text": "DECLARATION of Priya Raman in support of motion.",
        "access": access,
        "main_description": "Declaration of Priya Raman",
        "main_file": main,
        "att-TOTAL_FORMS": "4",
        "att-INITIAL_FORMS": "0",
        "att-MIN_NUM_FORMS": "0",
        "att-MAX_NUM_FORMS": "50",
    }
    for index, (description, upload) in enumerate(attachments):
        data[f"att-{index}-description"] = description
        data[f"att-{index}-file"] = upload
    return client.post(reverse("filings:new_filing", args=[case.pk]), data)


def _pdf_upload(
    name="raman-decl-CONFIDENTIAL.pdf", text="The QUILL weights are 0.31 and 0.22."
):
    return SimpleUploadedFile(
        name, factories.make_pdf(text), content_type="application/pdf"
    )


def _encrypted_pdf() -> bytes:
    source = pikepdf.open(io.BytesIO(factories.make_pdf("secret")))
    out = io.BytesIO()
    source.save(out, encryption=pikepdf.Encryption(owner="owner", user="user"))
    return out.getvalue()


def test_counsel_files_entry_with_attachments_numbered_in_order(
    cast, django_capture_on_commit_callbacks
):
    client = cast.client("plaintiff_counsel")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _post(
            client,
            cast.case,
            _pdf_upload(),
            attachments=[
                ("Exhibit 1", _pdf_upload("ex1.pdf")),
                ("Exhibit 2", _pdf_upload("ex2.pdf")),
            ],
            access=Access.PROVISIONALLY_SEALED,
            filer=cast.plaintiff.pk,
        )
    assert len(callbacks) >= 3  # one processing job per file, queued after commit
    assert response.status_code == 302
    entry = cast.case.entries.get()
    assert entry.number == 1
    assert entry.filer == cast.plaintiff
    assert [d.docket_ref for d in entry.documents.all()] == ["1", "1-1", "1-2"]
    assert all(d.access == Access.PROVISIONALLY_SEALED for d in entry.documents.all())
    main = entry.documents.get(attachment_number=0).files.get()
    assert main.original_name == "raman-decl-CONFIDENTIAL.pdf"
    assert main.uploaded_by == cast.plaintiff_counsel
    assert main.page_count == 1
    # The processing job ran (synchronously in tests) and stored per-page layout.
    main.refresh_from_db()
    assert main.status == "done", main.error_message
    assert main.pages.count() == 1
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.FILE, case=cast.case
    ).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.UPLOAD).count() == 3


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("renamed.pdf", b"Just some notes, not a PDF at all.\n" * 10, "not a PDF"),
        ("truncated.pdf", None, "incomplete"),
        ("encrypted.pdf", "encrypted", "encrypted"),
        ("empty.pdf", b"", "empty"),
        (
            "broken.pdf",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n",
            "damaged",
        ),
    ],
)
def test_hostile_upload_is_refused_with_a_reason_and_nothing_is_stored(
    cast, name, content, message
):
    if content is None:
        content = factories.make_pdf("Half a file")[:-400]
    elif content == "encrypted":
        content = _encrypted_pdf()
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = _post(
        cast.client("plaintiff_counsel"), cast.case, upload, filer=cast.plaintiff.pk
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "object at 0x" not in response.content.decode()  # no Python reprs
    assert not DocketEntry.objects.exists()
    assert not DocumentFile.objects.exists()


def test_file_over_the_size_limit_is_refused(cast, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    response = _post(
        cast.client("plaintiff_counsel"),
        cast.case,
        _pdf_upload(),
        filer=cast.plaintiff.pk,
    )
    assert response.status_code == 200
    assert "limit" in response.content.decode()
    assert not DocumentFile.objects.exists()


def test_one_bad_attachment_stores_nothing_at_all(cast):
    bad = SimpleUploadedFile("ex2.pdf", b"not a pdf", content_type="application/pdf")
    response = _post(
        cast.client("plaintiff_counsel"),
        cast.case,
        _pdf_upload(),
        attachments=[("Exhibit 1", _pdf_upload("ex1.pdf")), ("Exhibit 2", bad)],
        filer=cast.plaintiff.pk,
    )
    assert response.status_code == 200
    assert "not a PDF" in response.content.decode()
    assert not DocumentFile.objects.exists()


def test_attorney_of_another_case_cannot_file_and_nothing_is_stored(cast):
    response = _post(
        cast.client("outsider"), cast.case, _pdf_upload(), filer=cast.plaintiff.pk
    )
    assert response.status_code == 403
    assert not DocketEntry.objects.exists()


def test_counsel_cannot_file_for_a_party_they_do_not_represent(cast):
    response = _post(
        cast.client("plaintiff_counsel"),
        cast.case,
        _pdf_upload(),
        filer=cast.defendant.pk,
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not DocketEntry.objects.exists()


def test_filing_form_carries_a_csrf_token(cast):
    response = cast.client("plaintiff_counsel").get(
        reverse("filings:new_filing", args=[cast.case.pk])
    )
    assert b"csrfmiddlewaretoken" in response.content


def test_post_without_csrf_token_is_refused(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.plaintiff_counsel)
    response = _post(client, cast.case, _pdf_upload(), filer=cast.plaintiff.pk)
    assert response.status_code == 403
    assert not DocketEntry.objects.exists()


def test_kind_of_filing_starts_empty(cast):
    page = cast.client("plaintiff_counsel").get(
        reverse("filings:new_filing", args=[cast.case.pk])
    )
    html = page.content.decode()
    select = html.split('name="kind"')[1].split("</select>")[0]
    first = select.split("<option")[1]
    assert 'value=""' in first and "selected" in first
    assert "Complaint" in select  # still offered, just not chosen


def test_a_filing_without_a_kind_is_refused_with_the_reason(cast):
    client = cast.client("plaintiff_counsel")
    data = {
        "filer": cast.plaintiff.pk,
        "kind": "",
        "text": "DECLARATION of Priya Raman.",
        "access": Access.PUBLIC,
        "main_description": "Declaration of Priya Raman",
        "main_file": _pdf_upload(),
        "att-TOTAL_FORMS": "0",
        "att-INITIAL_FORMS": "0",
        "att-MIN_NUM_FORMS": "0",
        "att-MAX_NUM_FORMS": "50",
    }
    response = client.post(reverse("filings:new_filing", args=[cast.case.pk]), data)
    assert response.status_code == 200
    assert "Choose the kind of filing." in response.content.decode()
    assert not cast.case.entries.exists()
