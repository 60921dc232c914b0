"""Screens of the docket: case list, docket, document, files, and the filing form."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import constant_time_compare
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST, require_safe

from filings import access, compliance
from filings.compliance import inspect_public_uploads
from filings.forms import (
    MAX_ATTACHMENTS,
    AttachmentFormSet,
    CaseSearchForm,
    FilingForm,
)
from filings.intake import MB, check_filing_size, file_entry, requeue_processing
from filings.jobs import QUEUE_UNREACHABLE
from filings.models import (
    Access,
    AuditEvent,
    Case,
    DocketEntry,
    Document,
    DocumentFile,
    ProcessingStatus,
)

logger = logging.getLogger(__name__)


@require_safe
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseSearchForm(request.GET)
    cases = Case.objects.select_related("court", "assigned_judge").annotate(
        entry_count=Count("entries")
    )
    query = ""
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"].strip()
        cases = cases.filter(Q(number__icontains=query) | Q(caption__icontains=query))
    page = Paginator(cases.order_by("-filed_on", "number"), 50).get_page(
        request.GET.get("page")
    )
    mine = access.counsel_case_ids(request.user)
    return render(
        request,
        "filings/case_list.html",
        {"form": form, "page": page, "query": query, "my_case_ids": mine},
    )


@require_safe
def docket(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(
        Case.objects.select_related("court", "assigned_judge", "lead_case"), pk=pk
    )
    public_version = DocumentFile.objects.filter(
        document=OuterRef("pk"), role=DocumentFile.Role.PUBLIC_REDACTED
    )
    documents = Document.objects.annotate(has_public_version=Exists(public_version))
    entries = (
        case.entries.select_related("filer")
        .prefetch_related(Prefetch("documents", queryset=documents))
        .order_by("number")
    )
    rows = []
    for entry in entries:
        entry.case = case  # already loaded; avoids a query per document
        docs = []
        for document in entry.documents.all():
            document.entry = entry
            docs.append(
                {
                    "document": document,
                    "visible": access.can_view_document(
                        request.user,
                        document,
                        has_public_version=document.has_public_version,
                    ),
                }
            )
        main = docs[0] if docs and docs[0]["document"].attachment_number == 0 else None
        rows.append(
            {
                "entry": entry,
                "main": main,
                "attachments": [d for d in docs if d is not main],
                # A sealed document whose public version is filed is on the
                # public record in that version: its row is not marked sealed.
                "sealed": any(
                    d["document"].is_sealed and not d["document"].has_public_version
                    for d in docs
                ),
            }
        )
    return render(
        request,
        "filings/docket.html",
        {
            "case": case,
            "rows": rows,
            "parties": case.parties.all(),
            "member_cases": case.member_cases.all(),
            "can_file": access.can_file_in(request.user, case),
        },
    )


@require_safe
def document(request: HttpRequest, pk: int) -> HttpResponse:
    doc = access.get_document_or_404(request, pk)
    files = access.visible_files(request.user, doc)
    shown = _file_to_show(files)
    versions = compliance.versions(request.user, doc, files)
    if shown is not None and access.file_level(shown) != Access.PUBLIC:
        access.record(
            request, AuditEvent.Action.VIEW, shown, case=doc.entry.case, page="document"
        )
    return render(
        request,
        "filings/document.html",
        {
            "document": doc,
            "case": doc.entry.case,
            "versions": versions,
            "has_public_version": any(v.in_force for v in versions),
            "shown": shown,
            "show_original_names": access.is_court_staff(request.user),
            "can_requeue": access.can_requeue_processing(request.user),
        },
    )


def _file_to_show(files: list[DocumentFile]) -> DocumentFile | None:
    """The version a reader most likely wants: the newest public redacted copy if
    there is one, otherwise the newest original."""
    for role in (DocumentFile.Role.PUBLIC_REDACTED, DocumentFile.Role.ORIGINAL):
        for file in files:
            if file.role == role:
                return file
    return files[0] if files else None


def _serve(request: HttpRequest, pk: int, *, as_attachment: bool) -> FileResponse:
    file = access.get_file_or_404(request, pk)
    if access.file_level(file) != Access.PUBLIC:
        access.record(
            request,
            AuditEvent.Action.DOWNLOAD if as_attachment else AuditEvent.Action.VIEW,
            file,
            case=file.document.entry.case,
            role=file.role,
        )
    try:
        handle = file.file.open("rb")
    except FileNotFoundError:
        raise Http404("The stored file is missing; the clerk has been told.") from None
    response = FileResponse(
        handle,
        as_attachment=as_attachment,
        filename=file.public_name,
        content_type="application/pdf",
    )
    # Sealed bytes must not linger in shared caches or the browser's disk cache.
    response["Cache-Control"] = "private, no-store"
    # Chromium's PDF viewer does not run under a sandboxing policy, so only the
    # download carries one.
    response["Content-Security-Policy"] = (
        "default-src 'none'; sandbox"
        if as_attachment
        else "default-src 'none'; frame-ancestors 'self'"
    )
    return response


@require_safe
@xframe_options_sameorigin
def file_inline(request: HttpRequest, pk: int) -> FileResponse:
    return _serve(request, pk, as_attachment=False)


@require_safe
def file_download(request: HttpRequest, pk: int) -> FileResponse:
    return _serve(request, pk, as_attachment=True)


@require_safe
def file_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The processing status partial; polled by the document page while working."""
    file = access.get_file_or_404(request, pk)
    return render(request, "filings/partials/file_status.html", {"file": file})


@require_POST
@login_required
def file_requeue(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a file's processing again after its job failed or was never queued."""
    file = access.get_file_or_404(request, pk)
    if not access.can_requeue_processing(request.user):
        return HttpResponse("Only the clerk's office can queue processing.", status=403)
    try:
        queued = requeue_processing(file, request=request)
    except QUEUE_UNREACHABLE:
        logger.exception("re-queueing file %s failed", file.pk)
        messages.error(
            request, "The job queue cannot be reached; try again in a few minutes."
        )
    else:
        file.refresh_from_db(fields=["status", "error_message"])
        if not queued:
            messages.info(request, "Nothing to do: it is processed or already queued.")
        elif file.status == ProcessingStatus.FAILED:
            messages.error(request, file.error_message)
        else:
            messages.success(request, "Processing queued again.")
    return redirect("filings:document", pk=file.document_id)


@login_required
def new_filing(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("court"), pk=pk)
    if not access.can_file_in(request.user, case):
        # Court staff and attorneys of other cases: the docket is public, so the
        # case's existence is no secret, but filing in it is refused.
        return render(request, "filings/not_counsel.html", {"case": case}, status=403)
    parties = case.parties.filter(
        counsel__user=request.user, counsel__ended_at__isnull=True
    ).distinct()
    if request.method == "POST":
        try:
            check_filing_size(request.FILES)
        except ValidationError as exc:
            return _filing_page(
                request,
                {
                    "case": case,
                    "form": FilingForm(parties=parties),
                    "attachments": AttachmentFormSet(prefix="att"),
                    "filing_error": " ".join(exc.messages),
                },
                status=413,
            )
        # The confirmation counts only with the token of the warning that
        # showed these very files' findings: never on a first POST, and not
        # for files chosen after the warning.
        data = request.POST.copy()
        confirmed = data.pop("confirm_public_findings", None) is not None
        form = FilingForm(data, request.FILES, parties=parties)
        attachments = AttachmentFormSet(request.POST, request.FILES, prefix="att")
        if form.is_valid() and attachments.is_valid():
            checked = [
                f.cleaned_data["checked"]
                for f in attachments
                if f.cleaned_data.get("checked")
            ]
            findings = _public_findings(form, checked)
            digests = [
                u.facts.sha256 for u in [form.cleaned_data["main_file"], *checked]
            ]
            shown = _findings_token(request, case, digests)
            token = data.get("findings_token", "")
            if findings and not (confirmed and constant_time_compare(token, shown)):
                # Nothing is stored until the filer has seen what the inspector
                # found in these files and confirmed that they are meant to be
                # public.
                form.fields["confirm_public_findings"].widget.attrs["required"] = True
                form.add_error(
                    "confirm_public_findings",
                    "The files are not the ones whose findings you confirmed: "
                    "review their findings and confirm again."
                    if confirmed and token
                    else "Review the findings below and confirm, or file under seal.",
                )
                return _filing_page(
                    request,
                    {
                        "case": case,
                        "form": form,
                        "attachments": attachments,
                        "public_findings": findings,
                        "findings_token": shown,
                    },
                )
            try:
                entry = file_entry(
                    request,
                    case,
                    filer=form.cleaned_data["filer"],
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                    nature=_nature_for(form.cleaned_data["kind"]),
                    access_level=form.cleaned_data["access"],
                    main=form.cleaned_data["main_file"],
                    attachments=checked,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if findings:
                    access.record(
                        request,
                        AuditEvent.Action.CHECK,
                        entry,
                        case=case,
                        stage="intake findings confirmed",
                        findings=len(findings),
                        kinds=sorted({f.kind for f in findings}),
                    )
                if DocumentFile.objects.filter(
                    document__entry=entry, status=ProcessingStatus.FAILED
                ).exists():
                    # The queue was unreachable: the filing stands, processing waits.
                    messages.warning(
                        request,
                        f"Filed as docket entry {entry.number}. Its documents could "
                        "not be queued for processing just now; the filing is saved "
                        "and the clerk's office can queue them again.",
                    )
                else:
                    messages.success(
                        request,
                        f"Filed as docket entry {entry.number}. The documents are "
                        "being processed.",
                    )
                return redirect("filings:docket", pk=case.pk)
    else:
        form = FilingForm(parties=parties)
        attachments = AttachmentFormSet(prefix="att")
    return _filing_page(
        request, {"case": case, "form": form, "attachments": attachments}
    )


def _filing_page(
    request: HttpRequest, context: dict, *, status: int = 200
) -> HttpResponse:
    limits = {
        "max_upload_mb": settings.MAX_UPLOAD_BYTES // MB,
        "max_filing_mb": settings.MAX_FILING_BYTES // MB,
        "max_attachments": MAX_ATTACHMENTS,
    }
    return render(
        request, "filings/new_filing.html", {**context, **limits}, status=status
    )


def _findings_token(request: HttpRequest, case: Case, digests: list[str]) -> str:
    """A signature over the files whose findings the filer is shown.

    The same files, filer and case always give the same token, so the
    confirming POST must carry the token of the warning for exactly the files
    it uploads; a token for other files, or none, confirms nothing.
    """
    return signing.Signer(salt="filings.intake.public-findings").sign_object(
        {"case": case.pk, "user": request.user.pk, "sha256": digests}
    )


def _public_findings(form: FilingForm, attachments: list) -> list:
    """What the inspector finds in a filing meant to be public (none if lodged)."""
    if form.cleaned_data["access"] != Access.PUBLIC:
        return []
    return inspect_public_uploads([form.cleaned_data["main_file"], *attachments])


def _nature_for(kind: str) -> str:
    return {
        DocketEntry.Kind.COMPLAINT: "pleading",
        DocketEntry.Kind.ANSWER: "pleading",
    }.get(kind, "other")
