"""Limits on one filing: how many attachments, how many megabytes in all, and
that the files are not all held in memory at once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.urls import reverse

from filings.intake import read_upload
from filings.models import DocketEntry, DocumentFile
from tests import factories

pytestmark = pytest.mark.django_db

PDF = factories.make_pdf("Exhibit text.")


def _post(client, case, filer, attachments: int, *, main: bytes = PDF):
    data = {
        "filer": filer,
        "kind": DocketEntry.Kind.DECLARATION,
        "text": "DECLARATION with exhibits.",
        "access": "provisional",
        "main_description": "Declaration",
        "main_file": SimpleUploadedFile("decl.pdf", main),
        "att-TOTAL_FORMS": str(attachments),
        "att-INITIAL_FORMS": "0",
        "att-MIN_NUM_FORMS": "0",
        "att-MAX_NUM_FORMS": "50",
    }
    for index in range(attachments):
        data[f"att-{index}-description"] = f"Exhibit {index + 1}"
        data[f"att-{index}-file"] = SimpleUploadedFile(f"ex{index}.pdf", PDF)
    return client.post(reverse("filings:new_filing", args=[case.pk]), data)


def test_sixty_attachments_are_refused_and_nothing_is_stored(cast):
    response = _post(cast.client("plaintiff_counsel"), cast.case, cast.plaintiff.pk, 60)
    assert response.status_code == 200
    assert "at most 50 attachments" in response.content.decode()
    assert not DocketEntry.objects.exists()
    assert not DocumentFile.objects.exists()


def test_fifty_attachments_are_accepted(cast):
    response = _post(cast.client("plaintiff_counsel"), cast.case, cast.plaintiff.pk, 50)
    assert response.status_code == 302
    assert DocketEntry.objects.get().documents.count() == 51


def test_a_filing_over_the_total_limit_is_refused_before_any_file_is_read(
    cast, settings
):
    settings.MAX_FILING_BYTES = 3 * len(PDF)  # each file is well under its own limit
    # Were the files read, this one would be refused as "not a PDF" instead.
    not_a_pdf = b"plain text, not a PDF " * (len(PDF) // 22 + 1)
    response = _post(
        cast.client("plaintiff_counsel"),
        cast.case,
        cast.plaintiff.pk,
        3,
        main=not_a_pdf,
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "one filing may carry at most" in html
    assert "not a PDF" not in html
    assert not DocumentFile.objects.exists()


def test_a_checked_upload_reads_its_bytes_from_the_temporary_file():
    upload = TemporaryUploadedFile("big.pdf", "application/pdf", len(PDF), None)
    upload.write(PDF)
    checked = read_upload(upload, "Exhibit 1")
    assert not [v for v in vars(checked).values() if isinstance(v, bytes)]
    assert checked.data == PDF
    assert checked.facts.size == len(PDF)
    upload.close()
