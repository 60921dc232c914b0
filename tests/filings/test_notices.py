"""Every new filing sends counsel of record in the case a notice of electronic
filing, as CM/ECF does, with what the docket shows and nothing more."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from filings.access import end_appearance
from filings.models import Access, AuditEvent, CounselOfRecord, DocketEntry
from tests import factories
from tests.filings.test_filing_form import _pdf_upload, _post

pytestmark = pytest.mark.django_db

UPLOADED_NAME = "raman-decl-CONFIDENTIAL"
SEALED_TEXT = "QUILL weights"


@pytest.fixture
def emails(cast) -> None:
    for user in (cast.plaintiff_counsel, cast.defendant_counsel, cast.outsider):
        user.email = f"{user.username}@firm.example"
        user.save(update_fields=["email"])


def _file(cast, capture, access: str = Access.PUBLIC):
    with capture(execute=True):
        response = _post(
            cast.client("plaintiff_counsel"),
            cast.case,
            _pdf_upload(),
            attachments=[("Exhibit A", _pdf_upload("exhibit-a-CONFIDENTIAL.pdf"))],
            access=access,
            filer=cast.plaintiff.pk,
        )
    assert response.status_code == 302
    return DocketEntry.objects.get(case=cast.case)


def test_a_public_filing_notifies_counsel_of_record_in_the_case(
    cast, emails, django_capture_on_commit_callbacks
):
    entry = _file(cast, django_capture_on_commit_callbacks)
    [notice] = mail.outbox
    assert sorted(notice.to) == ["dcounsel@firm.example", "pcounsel@firm.example"]
    assert notice.subject == (
        f"Activity in Case {cast.case.number} {cast.case.caption} Declaration"
    )
    body = notice.body
    assert "NOTICE OF ELECTRONIC FILING" in body
    assert f"Case: {cast.case.number} {cast.case.caption}" in body
    assert f"Docket entry: {entry.number}\n" in body
    assert f"Filed: {entry.filed_on:%m/%d/%Y}\n" in body
    assert "Filed by: Lumina Software, Inc.\n" in body
    assert f"Docket text:\n{entry.text}\n" in body
    main, exhibit = entry.documents.order_by("attachment_number")
    document_url = "http://testserver" + reverse("filings:document", args=[main.pk])
    assert f"Main document: Declaration of Priya Raman {document_url}" in body
    assert "Attachment 1: Exhibit A http://testserver" in body
    assert f"The docket: http://testserver/cases/{cast.case.pk}/\n" in body
    assert "under seal" not in body.lower()
    assert UPLOADED_NAME not in body and "exhibit-a-CONFIDENTIAL" not in body
    assert not notice.attachments
    event = AuditEvent.objects.get(action=AuditEvent.Action.RECORD)
    assert event.details["notice"] == "sent"
    assert event.details["recipients"] == sorted(
        [cast.plaintiff_counsel.pk, cast.defendant_counsel.pk]
    )


def test_a_lodged_filing_says_it_is_under_seal_and_links_no_document(
    cast, emails, django_capture_on_commit_callbacks
):
    entry = _file(cast, django_capture_on_commit_callbacks, Access.PROVISIONALLY_SEALED)
    [notice] = mail.outbox
    body = notice.body
    assert f"Docket entry: {entry.number}\n" in body
    assert "Filed under seal" in body
    assert "Main document: Declaration of Priya Raman (under seal)" in body
    assert "/documents/" not in body and "/files/" not in body
    assert SEALED_TEXT not in body
    assert UPLOADED_NAME not in body
    # The one link it carries opens for every recipient.
    assert f"The docket: http://testserver/cases/{cast.case.pk}/\n" in body


def test_counsel_whose_appearance_ended_get_no_notice(
    cast, emails, django_capture_on_commit_callbacks
):
    end_appearance(
        None, CounselOfRecord.objects.get(user=cast.defendant_counsel), actor=cast.clerk
    )
    _file(cast, django_capture_on_commit_callbacks)
    [notice] = mail.outbox
    assert notice.to == ["pcounsel@firm.example"]


def test_a_mail_server_refusing_the_notice_does_not_fail_the_filing(
    cast, emails, django_capture_on_commit_callbacks, monkeypatch
):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("relay down")

    monkeypatch.setattr("filings.notices.send_mail", refuse)
    entry = _file(cast, django_capture_on_commit_callbacks)
    assert entry.documents.count() == 2
    event = AuditEvent.objects.get(action=AuditEvent.Action.RECORD)
    assert event.details["notice"] == "not sent"
    assert "relay down" in event.details["error"]


def test_the_order_notice_is_the_same_notice(cast, emails):
    from filings import notices

    entry = factories.make_entry(
        cast.case, kind=DocketEntry.Kind.ORDER, text="ORDER granting motion to seal"
    )
    factories.make_document(entry, access=Access.SEALED, description="Order")
    body = notices.notice_text(cast.case, entry)
    assert "Filed by: the court\n" in body
    assert "Document type: Order\n" in body
    assert "Main document: Order (under seal)" in body
