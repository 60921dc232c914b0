"""Notices of electronic filing: the e-mail counsel of record get for every new
docket entry, a party's filing or the court's order, as CM/ECF sends them.

A notice says what the docket says, and no more: the case, the entry number,
the date, who filed it, the kind of paper and the docket text, with a link to
the docket and one to each document anyone can open. It never carries a file,
the name a file was uploaded under (DOMAIN.md: it is shown to everyone in a
notice, and leaks), or any sealed text; a filing lodged or entered under seal
is said to be so, and its documents get no link.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse

from filings import access
from filings.models import AuditEvent, Case, CounselOfRecord, DocketEntry

logger = logging.getLogger(__name__)


def absolute_url(request: HttpRequest | None, path: str) -> str:
    """``path`` as a link that works from an e-mail: under SITE_URL, the court's
    public address, when it is set; else under the address the request came to
    (behind a proxy, with DJANGO_BEHIND_PROXY on, its scheme is the proxy's)."""
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    if base:
        return f"{base}{path}"
    if request is not None:
        return request.build_absolute_uri(path)
    raise ImproperlyConfigured(
        "SITE_URL must be set to the court's public address (e.g. "
        "https://ecf.nvd.example) to send notices outside a web request."
    )


def notice_text(
    case: Case, entry: DocketEntry, request: HttpRequest | None = None
) -> str:
    docket_url = absolute_url(request, reverse("filings:docket", args=[case.pk]))
    documents = list(entry.documents.order_by("attachment_number"))
    for document in documents:
        document.entry = entry
    sealed = any(document.is_sealed for document in documents)
    filer = entry.filer.name if entry.filer_id else "the court"
    lines = [
        "NOTICE OF ELECTRONIC FILING",
        "",
        "This is an automatic message. Do not reply.",
        "",
        f"{case.court.name}, {case.court.district}",
        f"Case: {case.number} {case.caption}",
        f"Docket entry: {entry.number}",
        f"Filed: {entry.filed_on:%m/%d/%Y}",
        f"Filed by: {filer}",
        f"Document type: {entry.get_kind_display()}",
    ]
    if sealed:
        lines.append(
            "Filed under seal: sealed documents are not available through this "
            "notice; counsel the court allows to see them find them on the docket "
            "after logging in."
        )
    lines += ["", f"Docket text:\n{entry.text}", ""]
    anyone = AnonymousUser()
    for document in documents:
        name = (
            "Main document"
            if document.attachment_number == 0
            else f"Attachment {document.attachment_number}"
        )
        if document.description:
            name = f"{name}: {document.description}"
        if access.can_view_document(anyone, document):
            url = absolute_url(request, reverse("filings:document", args=[document.pk]))
            lines.append(f"{name} {url}")
        else:
            lines.append(f"{name} (under seal)")
    if documents:
        lines.append("")
    lines.append(f"The docket: {docket_url}")
    return "\n".join(lines) + "\n"


def notify_counsel(request: HttpRequest | None, case: Case, entry: DocketEntry) -> None:
    """E-mail a notice of ``entry`` to every current counsel of record in the
    case once the transaction commits. A mail server that refuses it does not
    undo or fail the filing: it is logged and audited, like a notice sent."""
    recipients = {
        user_id: email
        for user_id, email in CounselOfRecord.objects.active()
        .filter(case=case)
        .values_list("user_id", "user__email")
        if email
    }
    if not recipients:
        return
    subject = (
        f"Activity in Case {case.number} {case.caption} {entry.get_kind_display()}"
    )
    body = notice_text(case, entry, request)
    emails = sorted(set(recipients.values()))
    actor = (
        request.user if request is not None and request.user.is_authenticated else None
    )

    def send() -> None:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)
        except Exception as exc:  # SMTP refused, unreachable, timed out ...
            logger.exception("notice of entry %s was not sent", entry.pk)
            outcome = {"notice": "not sent", "error": str(exc)[:500]}
        else:
            outcome = {"notice": "sent"}
        access.record(
            request,
            AuditEvent.Action.RECORD,
            entry,
            case=case,
            actor=actor,
            recipients=sorted(recipients),
            **outcome,
        )

    transaction.on_commit(send)
