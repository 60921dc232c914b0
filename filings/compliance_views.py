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
from collections.abc import Iterable
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
    DocumentFile,
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


class DueChoiceField(forms.ModelChoiceField):
    """A due, named by what its order approved, in the app's date style."""

    def label_from_instance(self, obj: PublicVersionDue) -> str:
        return compliance.due_regions_label(obj)


class RunForm(forms.Form):
    due = DueChoiceField(
        queryset=PublicVersionDue.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
        label="Remove the regions the order approved",
    )
    regions = forms.CharField(
        required=False,
        label="Other regions (JSON)",
        widget=forms.Textarea(attrs={"rows": 4, "class": "mono"}),
        help_text='Used instead of the approved regions above when given: {"regions": '
        '[{"page": 1, "x0": 72, "top": 100, "x1": 300, "bottom": 120}]}, in points '
        "from the top-left of the page as shown.",
    )
    publish = forms.BooleanField(
        required=False,
        label="Publish it as the public redacted version on the docket",
        help_text="Leave unticked for a preview only court staff can see.",
    )

    def __init__(self, *args: Any, document: Document, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dues = compliance.renderable_dues(document)
        self.fields["due"].queryset = dues
        newest = dues.first()
        if newest is not None:
            self.fields["due"].initial = newest.pk

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        due, text = cleaned.get("due"), (cleaned.get("regions") or "").strip()
        if due is None and not text:
            raise ValidationError(
                "Choose the approved regions of an order, or give regions as JSON."
            )
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
        latest = due.submissions.order_by("-submitted_at", "-pk").first()
        due.standing = compliance.due_standing(due, latest)
        due.overdue = compliance.is_overdue(due)
        due.can_upload = compliance.may_upload_now(due)
        due.portions = compliance.merged_portions(due.portions_text)
    return render(request, "filings/redactions/dues.html", {"dues": dues})


def _with_standing(
    submissions: Iterable[RedactedSubmission],
) -> list[RedactedSubmission]:
    listed = list(submissions)
    for submission in listed:
        submission.standing = compliance.submission_standing(submission)
    return listed


@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    _staff_or_404(request)
    failed = _with_standing(compliance.failed_checks())
    for submission in failed:
        submission.overdue = compliance.is_overdue(submission.due)
    return render(
        request,
        "filings/redactions/queue.html",
        {
            "submissions": _with_standing(compliance.awaiting_review()),
            "failed": failed,
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
    submissions = _with_standing(
        due.submissions.select_related("submitted_by").order_by("-submitted_at", "-pk")
    )
    latest = submissions[0] if submissions else None
    original = redaction.original_of(due.document)
    return render(
        request,
        "filings/redactions/due.html",
        {
            "due": due,
            "case": due.document.entry.case,
            "portions": compliance.merged_portions(due.portions_text),
            "regions_on": compliance.pages_of(due.regions),
            "kept": compliance.kept_portions(due),
            "original": original
            if original is not None and access.can_view_file(request.user, original)
            else None,
            "order": _order_document(request, due),
            "standing": compliance.due_standing(due, latest),
            "latest": latest,
            "overdue": compliance.is_overdue(due),
            "can_submit": can_submit and compliance.may_upload_now(due),
            "sealed_whole": compliance.sealed_in_full(due),
            "court_version": due.status
            in (PublicVersionDue.Status.DUE, PublicVersionDue.Status.SUBMITTED)
            and due.document.files.filter(
                role=DocumentFile.Role.PUBLIC_REDACTED
            ).exists(),
            "form": form,
            "submissions": submissions,
        },
    )


def _order_document(request: HttpRequest, due: PublicVersionDue) -> Document | None:
    """The order's main document, when the user may open it."""
    if due.order_entry_id is None:
        return None
    order = due.order_entry.documents.filter(attachment_number=0).first()
    if order is None or not access.can_view_document(request.user, order):
        return None
    return order


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
        {
            **f,
            "number": n,
            "text": f.get("text") if show_text else "",
            "plain": compliance.finding_kind(f.get("kind", ""), f.get("message", "")),
        }
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
            "standing": compliance.submission_standing(submission),
            "due": submission.due,
            "case": submission.due.document.entry.case,
            "findings": findings,
            "must_fix": sum(f.get("severity") == "fail" for f in findings),
            "worth_a_look": sum(f.get("severity") == "review" for f in findings),
            "pages": pages,
            "show_text": show_text,
            "is_staff": access.is_court_staff(request.user),
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
    in_force = compliance.public_version_in_force(document)
    return {
        "document": document,
        "runs": runs,
        "busy": busy,
        "in_force": in_force,
        "source": compliance.public_source(in_force) if in_force else None,
    }


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
