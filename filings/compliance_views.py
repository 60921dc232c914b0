"""Screens for redacted public versions: what is due, uploads and their checks,
the clerk's queue and decisions, and the clerk's redaction runs.

Everything here answers 404 to whoever may not see it, signed in or not (as
the docket does for sealed files), so a stranger cannot even learn that a
submission exists; only the landing page asks the public to log in. The
rules themselves live in filings.compliance, filings.redaction and
filings.access.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from filings import access, compliance, redaction
from filings.intake import read_upload
from filings.models import (
    Access,
    AuditEvent,
    Document,
    ProcessingStatus,
    PublicVersionDue,
    RedactedSubmission,
    RedactionRun,
    safe_file_name,
)

# ------------------------------------------------------------------ forms


class SubmissionForm(forms.Form):
    file = forms.FileField(
        label="Redacted public version (PDF)",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self) -> Any:
        return read_upload(self.cleaned_data["file"])


class ReturnForm(forms.Form):
    reasons = forms.CharField(
        label="Reasons the filer will see",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class RunForm(forms.Form):
    due = forms.ModelChoiceField(
        queryset=PublicVersionDue.objects.none(),
        required=False,
        label="Use the approved regions of",
        empty_label="— regions given below —",
    )
    regions = forms.CharField(
        required=False,
        label="Regions (JSON)",
        widget=forms.Textarea(attrs={"rows": 4, "class": "mono"}),
        help_text='{"regions": [{"page": 1, "x0": 72, "top": 100, "x1": 300, '
        '"bottom": 120}]} as locate_portions prints it.',
    )
    publish = forms.BooleanField(
        required=False,
        label="Publish (otherwise a preview only court staff can see)",
    )

    def __init__(self, *args: Any, document: Document, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due"].queryset = document.public_versions_due.all()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        due, text = cleaned.get("due"), (cleaned.get("regions") or "").strip()
        if due is None and not text:
            raise ValidationError("Choose a due public version or give regions.")
        if text:
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ValidationError(f"The regions are not JSON: {exc}") from None
            items = data.get("regions") if isinstance(data, dict) else data
            if not isinstance(items, list):
                raise ValidationError('Give a list of regions or {"regions": [...]}.')
            cleaned["region_list"] = redaction.clean_regions(items)
        else:
            cleaned["region_list"] = redaction.clean_regions(due.regions)
        return cleaned


# ------------------------------------------------------------------ lookups


def _staff_or_404(request: HttpRequest) -> None:
    if not access.is_court_staff(request.user):
        raise Http404("No such page.")


def _due_or_404(request: HttpRequest, pk: int) -> PublicVersionDue:
    due = get_object_or_404(
        PublicVersionDue.objects.select_related(
            "document__entry__case__court", "document__entry__filer", "party"
        ),
        pk=pk,
    )
    if not compliance.may_view_due(request.user, due):
        raise Http404("No such public version due.")
    return due


def _submission_or_404(request: HttpRequest, pk: int) -> RedactedSubmission:
    submission = get_object_or_404(
        RedactedSubmission.objects.select_related(
            "due__document__entry__case__court",
            "due__document__entry__filer",
            "due__party",
            "file__document__entry__case__court",
            "submitted_by",
            "reviewed_by",
        ),
        pk=pk,
    )
    if not compliance.may_view_submission(request.user, submission):
        raise Http404("No such submission.")
    return submission


def _staff_document_or_404(request: HttpRequest, pk: int) -> Document:
    _staff_or_404(request)
    return access.get_document_or_404(request, pk)


# ------------------------------------------------------------------ lists


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Court staff land on the queue; attorneys on what they must file."""
    if access.is_court_staff(request.user):
        return redirect("redactions:queue")
    dues = list(compliance.dues_for(request.user))
    for due in dues:
        due.overdue = compliance.is_overdue(due)
        due.last_submission = due.submissions.order_by("-submitted_at", "-pk").first()
    return render(request, "filings/redactions/dues.html", {"dues": dues})


@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    _staff_or_404(request)
    return render(
        request,
        "filings/redactions/queue.html",
        {
            "submissions": compliance.awaiting_review(),
            "overdue": compliance.overdue_dues(),
        },
    )


# ------------------------------------------------------------------ the attorney


def due_detail(request: HttpRequest, pk: int) -> HttpResponse:
    due = _due_or_404(request, pk)
    can_submit = compliance.may_submit(request.user, due)
    form = SubmissionForm()
    if request.method == "POST":
        if not can_submit:
            raise Http404("No such public version due.")
        form = SubmissionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                submission = compliance.submit(
                    due, form.cleaned_data["file"], user=request.user, request=request
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, _message(exc))
            else:
                messages.success(
                    request, "Uploaded. The check runs now; its report follows."
                )
                return redirect("redactions:submission", pk=submission.pk)
    elif request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405)
    return render(
        request,
        "filings/redactions/due.html",
        {
            "due": due,
            "case": due.document.entry.case,
            "overdue": compliance.is_overdue(due),
            "can_submit": can_submit and compliance.may_upload_now(due),
            "form": form,
            "submissions": due.submissions.select_related("submitted_by").order_by(
                "-submitted_at", "-pk"
            ),
        },
    )


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


# ------------------------------------------------------------------ the report


@require_safe
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission_or_404(request, pk)
    report = submission.report or {}
    show_text = compliance.may_see_upload(request.user, submission)
    findings = [
        {**f, "number": n, "text": f.get("text") if show_text else ""}
        for n, f in enumerate(report.get("findings") or [], start=1)
    ]
    by_page = compliance.markers(report)
    pages = [
        {"number": n, "markers": by_page.get(n, [])}
        for n in range(1, len(report.get("page_sizes") or []) + 1)
        if show_text
    ]
    return render(
        request,
        "filings/redactions/submission.html",
        {
            "submission": submission,
            "due": submission.due,
            "case": submission.due.document.entry.case,
            "findings": findings,
            "pages": pages,
            "show_text": show_text,
            "can_review": compliance.may_review(request.user)
            and submission.status in compliance.AWAITING_CLERK,
            "can_accept": submission.status == RedactedSubmission.Status.CHECKED
            and submission.verdict != "fail",
            "can_resubmit": compliance.may_submit(request.user, submission.due)
            and compliance.may_upload_now(submission.due),
            "return_form": ReturnForm(),
        },
    )


@require_safe
def submission_status(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission_or_404(request, pk)
    return render(
        request,
        "filings/redactions/partials/submission_status.html",
        {"submission": submission},
    )


@require_safe
def submission_page(request: HttpRequest, pk: int, page: int) -> HttpResponse:
    submission = _submission_or_404(request, pk)
    if not compliance.may_see_upload(request.user, submission):
        raise Http404("No such page.")
    try:
        png = compliance.page_thumbnail(submission.file, page)
    except ValueError:
        raise Http404("No such page.") from None
    file = submission.file
    if access.file_level(file) != Access.PUBLIC:
        # Like every page image of a file that is not public (regions:page_image).
        access.record(
            request,
            AuditEvent.Action.VIEW,
            file,
            case=submission.due.document.entry.case,
            role=file.role,
            page_image=page,
            submission=submission.pk,
        )
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def submission_accept(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission_or_404(request, pk)
    if not compliance.may_review(request.user):
        raise Http404("No such submission.")
    try:
        compliance.accept(submission, user=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(
            request,
            f"Accepted: #{submission.due.document.docket_ref} now has a public "
            "version and the original is sealed.",
        )
    return redirect("redactions:submission", pk=submission.pk)


@require_POST
def submission_return(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission_or_404(request, pk)
    if not compliance.may_review(request.user):
        raise Http404("No such submission.")
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why the submission is returned.")
        return redirect("redactions:submission", pk=submission.pk)
    try:
        compliance.return_submission(
            submission, form.cleaned_data["reasons"], user=request.user, request=request
        )
    except ValidationError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, "Returned to the filer with your reasons.")
    return redirect("redactions:submission", pk=submission.pk)


# ------------------------------------------------------------------ redaction runs


def document_runs(request: HttpRequest, pk: int) -> HttpResponse:
    document = _staff_document_or_404(request, pk)
    form = RunForm(document=document)
    if request.method == "POST":
        form = RunForm(request.POST, document=document)
        if form.is_valid():
            try:
                redaction.request_public_version(
                    document,
                    form.cleaned_data["region_list"],
                    requested_by=request.user,
                    preview=not form.cleaned_data["publish"],
                    request=request,
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, _message(exc))
            else:
                messages.success(request, "Queued. Progress shows below.")
                return redirect("redactions:document_runs", pk=document.pk)
    elif request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405)
    return render(
        request,
        "filings/redactions/document_runs.html",
        {
            "document": document,
            "case": document.entry.case,
            "form": form,
            **_runs_context(request, document),
        },
    )


def _runs_context(request: HttpRequest, document: Document) -> dict[str, Any]:
    runs = redaction.runs_visible_to(request.user, document)
    busy = any(
        r.status in {ProcessingStatus.QUEUED, ProcessingStatus.WORKING} for r in runs
    )
    return {"document": document, "runs": runs, "busy": busy}


@require_safe
def document_runs_partial(request: HttpRequest, pk: int) -> HttpResponse:
    """The runs table; polled by the document page while a run is working."""
    document = _staff_document_or_404(request, pk)
    return render(
        request,
        "filings/redactions/partials/runs.html",
        _runs_context(request, document),
    )


@require_POST
def run_again(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a failed run afresh (its worker was killed, say)."""
    _staff_or_404(request)
    run = get_object_or_404(
        RedactionRun.objects.select_related("document__entry__case"), pk=pk
    )
    try:
        redaction.run_again(run, requested_by=request.user, request=request)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, "Queued again. Progress shows below.")
    return redirect("redactions:document_runs", pk=run.document.pk)


@require_safe
def run_preview(request: HttpRequest, pk: int) -> HttpResponse:
    _staff_or_404(request)
    run = get_object_or_404(
        RedactionRun.objects.select_related("document__entry__case"), pk=pk
    )
    pdf = redaction.preview_bytes(run)
    if pdf is None:
        raise Http404("This run has no preview.")
    access.record(
        request,
        AuditEvent.Action.VIEW,
        run,
        case=run.document.entry.case,
        what="redaction preview",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = safe_file_name(
        f"{run.document.entry.case.number}-ECF-"
        f"{run.document.docket_ref}-preview-{run.pk}.pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'self'"
    return response
