"""A public filing whose files have findings is re-shown with them; nothing is
stored until the filer confirms. Filings lodged under seal are not held up."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from filings.models import Access, AuditEvent, DocketEntry, DocumentFile
from tests import factories
from tests.compliance import builders
from tests.compliance.builders import SECRET
from tests.pdf import inspect_factory as pdf

pytestmark = pytest.mark.django_db

CONFIRM = b"I have reviewed these findings and this filing is meant to be public"


def _post(
    client,
    cast,
    data: bytes,
    *,
    access=Access.PUBLIC,
    confirm=False,
    attachment=None,
    token=None,
    filer=None,
):
    form = {
        "filer": (filer or cast.plaintiff).pk,
        "kind": DocketEntry.Kind.DECLARATION,
        "text": "DECLARATION of Priya Raman",
        "access": access,
        "main_description": "Declaration",
        "main_file": SimpleUploadedFile(
            "decl.pdf", data, content_type="application/pdf"
        ),
        "att-TOTAL_FORMS": "1",
        "att-INITIAL_FORMS": "0",
        "att-MIN_NUM_FORMS": "0",
        "att-MAX_NUM_FORMS": "50",
    }
    if attachment is not None:
        form["att-0-description"] = "Exhibit A"
        form["att-0-file"] = SimpleUploadedFile(
            "a.pdf", attachment, content_type="application/pdf"
        )
    if confirm:
        form["confirm_public_findings"] = "on"
    if token is not None:
        form["findings_token"] = token
    return client.post(f"/cases/{cast.case.pk}/file/", form)


def _token(response) -> str:
    [token] = re.findall(rb'name="findings_token" value="([^"]+)"', response.content)
    return token.decode()


def _another_bad_version() -> bytes:
    return pdf.build(
        pdf.text(72, 700, "Another declaration")
        + pdf.text(72, 660, "NIGHTINGALE 4.75 percent")
        + pdf.box(66, 654, 254, 20)
    )


def test_a_public_filing_with_findings_is_reshown_and_nothing_is_stored(cast):
    response = _post(cast.client("plaintiff_counsel"), cast, builders.boxed_version())
    assert response.status_code == 200
    assert CONFIRM in response.content
    assert b"text_under_box" in response.content
    # The filer sees what is recoverable from their own file.
    assert SECRET.encode() in response.content
    [checkbox] = re.findall(
        rb"<input[^>]*confirm_public_findings[^>]*>", response.content
    )
    assert b"required" in checkbox
    assert not DocketEntry.objects.filter(case=cast.case).exists()
    assert not DocumentFile.objects.exists()


def test_findings_in_an_attachment_are_listed_under_its_name(cast):
    response = _post(
        cast.client("plaintiff_counsel"),
        cast,
        factories.make_pdf("A clean declaration"),
        attachment=builders.boxed_version(),
    )
    assert b"Attachment 1 (Exhibit A)" in response.content
    assert not DocketEntry.objects.filter(case=cast.case).exists()


def test_confirming_files_it_and_records_the_confirmation(cast):
    client = cast.client("plaintiff_counsel")
    warning = _post(client, cast, builders.boxed_version())
    response = _post(
        client, cast, builders.boxed_version(), confirm=True, token=_token(warning)
    )
    assert response.status_code == 302
    entry = DocketEntry.objects.get(case=cast.case)
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CHECK,
        object_id=str(entry.pk),
        details__stage="intake findings confirmed",
    ).exists()


def test_a_clean_public_filing_is_not_held_up(cast):
    response = _post(
        cast.client("plaintiff_counsel"), cast, factories.make_pdf("Clean text")
    )
    assert response.status_code == 302
    assert DocketEntry.objects.filter(case=cast.case).count() == 1


def test_a_filing_lodged_under_seal_skips_the_warning(cast):
    response = _post(
        cast.client("plaintiff_counsel"),
        cast,
        builders.boxed_version(),
        access=Access.PROVISIONALLY_SEALED,
    )
    assert response.status_code == 302
    assert DocketEntry.objects.filter(case=cast.case).count() == 1


def test_confirming_after_choosing_other_files_shows_their_findings_instead(cast):
    # The warning was for file A; the filer picks file B and ticks the box.
    client = cast.client("plaintiff_counsel")
    warning = _post(client, cast, builders.boxed_version())
    response = _post(
        client, cast, _another_bad_version(), confirm=True, token=_token(warning)
    )
    assert response.status_code == 200
    assert b"NIGHTINGALE" in response.content  # B's own findings
    assert b"not the ones whose findings you confirmed" in response.content
    assert _token(response) != _token(warning)
    assert not DocketEntry.objects.filter(case=cast.case).exists()
    assert not DocumentFile.objects.exists()


def test_a_changed_attachment_voids_the_confirmation(cast):
    client = cast.client("plaintiff_counsel")
    clean = factories.make_pdf("A clean declaration")
    warning = _post(client, cast, clean, attachment=builders.boxed_version())
    response = _post(
        client,
        cast,
        clean,
        attachment=_another_bad_version(),
        confirm=True,
        token=_token(warning),
    )
    assert response.status_code == 200
    assert not DocketEntry.objects.filter(case=cast.case).exists()


def test_a_first_post_ticking_confirm_still_shows_the_warning(cast):
    response = _post(
        cast.client("plaintiff_counsel"), cast, builders.boxed_version(), confirm=True
    )
    assert response.status_code == 200
    assert b"text_under_box" in response.content
    # The box is not shown ticked: the filer has not seen these findings.
    [checkbox] = re.findall(
        rb"<input[^>]*confirm_public_findings[^>]*>", response.content
    )
    assert b"checked" not in checkbox
    assert not DocketEntry.objects.filter(case=cast.case).exists()


def test_a_token_forged_or_issued_to_another_filer_confirms_nothing(cast):
    warning = _post(cast.client("plaintiff_counsel"), cast, builders.boxed_version())
    forged = _token(warning)[:-4] + (
        "AAAA" if _token(warning)[-4:] != "AAAA" else "BBBB"
    )
    for token in (_token(warning), forged):
        response = _post(
            cast.client("defendant_counsel"),
            cast,
            builders.boxed_version(),
            confirm=True,
            token=token,
            filer=cast.defendant,
        )
        assert response.status_code == 200, token
        assert b"text_under_box" in response.content
    assert not DocketEntry.objects.filter(case=cast.case).exists()
