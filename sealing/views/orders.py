"""Draft-order screens: the draft page, its preview and files, the judge's queue,
and the review steps. Only court staff ever see a draft (404 for anyone else);
the steps themselves are decided in ``sealing.order_flow``."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from filings import access
from filings.models import AuditEvent, safe_file_name
from sealing import drafting, order_flow
from sealing.models import MotionState
from sealing.order_models import DraftOrder

# Download kinds: (field, extension, content type, shown as)
DOWNLOADS: dict[str, tuple[str, str, str]] = {
    "pdf": ("pdf", "pdf", "application/pdf"),
    "docx": (
        "docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "uploaded": (
        "uploaded_docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "signed-pdf": ("signed_pdf", "pdf", "application/pdf"),
    "signed-docx": (
        "signed_docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "public-pdf": ("public_pdf", "pdf", "application/pdf"),
}
PREVIEW_SCALE = 1.25  # 90 dpi: readable on screen, small enough to load fast


def orders_to_review(request: HttpRequest) -> dict[str, Any]:
    """Context processor: the judge's count for the navigation link."""
    if not access.is_judge(request.user):
        return {}
    return {"orders_to_review_count": order_flow.judge_queue(request.user).count()}


def _refuse(
    request: HttpRequest, problem: Exception, draft: DraftOrder
) -> HttpResponse:
    messages.error(request, str(problem.args[0] if problem.args else problem))
    return redirect("orders:draft", pk=draft.pk)


def _previewed(draft: DraftOrder) -> Any:
    """The PDF the page shows: the signed order once there is one (never the
    draft marked "not for filing"), else the rendered draft."""
    if draft.signed_pdf:
        return draft.signed_pdf
    return draft.pdf if draft.files_ready else None


def _preview_page_count(draft: DraftOrder) -> int:
    if not draft.signed_pdf:
        return (draft.page_count or 0) if draft.files_ready else 0
    from sealing.order_jobs import pdf_page_count

    with draft.signed_pdf.open("rb") as handle:
        return pdf_page_count(handle.read())


def _draft_context(request: HttpRequest, draft: DraftOrder) -> dict[str, Any]:
    motion = draft.motion
    user = request.user
    order_date = draft.order_date or timezone.localdate()
    undecided = drafting.undecided_items(motion)
    unfinished = order_flow.unfinished_findings(draft)
    current = order_flow.is_current(draft)
    open_ = current and draft.status in order_flow.OPEN_STATUSES
    # Texts that may state a deadline of their own are checked as if signed today.
    deadline_problem = (
        order_flow.deadline_problem(draft, timezone.localdate())
        if open_ and (draft.uploaded_docx or "ordering" in draft.content)
        else None
    )
    # What of the sealed portions the public would read: shown to clerk and judge.
    quotes = order_flow.quoted_sealed_material(draft) if open_ else None
    # The judge's files were rendered from other rulings than the motion's now.
    rulings_changed = (
        open_ and draft.status == "sent_to_judge" and order_flow.rulings_changed(draft)
    )
    return {
        "draft": draft,
        "motion": motion,
        "case": motion.case,
        "undecided": [drafting.undecided_line(item) for item in undecided],
        "unfinished": unfinished,
        "versions": [
            (version, order_flow.person_name(version.created_by))
            for version in motion.draft_orders.select_related(
                "created_by__judge"
            ).order_by("-version")
        ],
        "comments": [
            (comment, order_flow.person_name(comment.author))
            for comment in draft.comments.select_related("author__judge")
        ],
        "is_current": current,
        "pages": range(1, _preview_page_count(draft) + 1),
        "signed": bool(draft.signed_pdf),
        "due": order_flow.redaction_due(draft, order_date),
        "period": order_flow.order_period(draft),
        "deadline_problem": deadline_problem,
        "rulings_changed": rulings_changed,
        "quotes": quotes,
        "rulings_changed_message": order_flow.RULINGS_CHANGED,
        "can_send": open_
        and order_flow.can_prepare(user)
        and not draft.awaiting_judge
        and not undecided
        and not unfinished
        and motion.state == MotionState.UNDER_REVIEW,
        "can_mark_sealed": open_
        and order_flow.can_prepare(user)
        and not draft.awaiting_judge
        and (draft.sealed or not draft.uploaded_docx),
        "can_review": open_
        and draft.awaiting_judge
        and order_flow.can_review(user, motion),
        "can_approve": open_
        and draft.status == "sent_to_judge"
        and not rulings_changed
        and not (quotes and quotes.matches)
        and order_flow.can_review(user, motion),
        "can_edit": open_ and order_flow.can_edit(user, draft),
        "can_rebuild": open_
        and order_flow.can_prepare(user)
        and not draft.awaiting_judge,
    }


@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    """Drafts awaiting the judge's review."""
    if not order_flow.can_see_drafts(request.user):
        raise Http404("No such page.")
    drafts = order_flow.judge_queue(request.user)
    return render(request, "sealing/orders/queue.html", {"drafts": drafts})


@require_safe
def for_motion(request: HttpRequest, motion_pk: int) -> HttpResponse:
    """The motion's current draft, or the offer to prepare one."""
    motion = order_flow.get_motion_or_404(request, motion_pk)
    draft = order_flow.current_draft(motion)
    if draft is not None:
        return redirect("orders:draft", pk=draft.pk)
    undecided = drafting.undecided_items(motion)
    return render(
        request,
        "sealing/orders/no_draft.html",
        {
            "motion": motion,
            "case": motion.case,
            "undecided": [drafting.undecided_line(item) for item in undecided],
            "can_prepare": order_flow.can_prepare(request.user)
            and motion.state == MotionState.UNDER_REVIEW,
        },
    )


@require_POST
def create(request: HttpRequest, motion_pk: int) -> HttpResponse:
    motion = order_flow.get_motion_or_404(request, motion_pk)
    if not order_flow.can_prepare(request.user):
        raise PermissionDenied("Only the clerk prepares a draft order.")
    try:
        draft = order_flow.create_draft(request, motion)
    except order_flow.OrderFlowError as problem:
        messages.error(request, str(problem))
        return redirect("orders:for_motion", motion_pk=motion.pk)
    messages.success(request, f"Draft order version {draft.version} prepared.")
    return redirect("orders:draft", pk=draft.pk)


@require_safe
def draft_page(request: HttpRequest, pk: int) -> HttpResponse:
    draft = order_flow.get_draft_or_404(request, pk)
    return render(request, "sealing/orders/draft.html", _draft_context(request, draft))


@require_safe
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """The render progress partial; polled while the files are being made."""
    draft = order_flow.get_draft_or_404(request, pk)
    return render(request, "sealing/orders/status.html", {"draft": draft})


@require_safe
def page_image(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """One page of the version's PDF as a PNG (pypdfium2), for the preview: the
    signed order once it is signed, else the draft."""
    draft = order_flow.get_draft_or_404(request, pk)
    shown = _previewed(draft)
    if shown is None or number < 1:
        raise Http404("No such page.")
    import pypdfium2

    from filings.pdf.pdfium import pdfium_lock

    with shown.open("rb") as handle:
        data = handle.read()
    with pdfium_lock():
        document = pypdfium2.PdfDocument(data)
        try:
            if number > len(document):
                raise Http404("No such page.")
            bitmap = document[number - 1].render(scale=PREVIEW_SCALE)
            # A copy: the image may share the bitmap's memory, freed on closing.
            image = bitmap.to_pil().copy()
            bitmap.close()
        finally:
            document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    access.record(
        request,
        AuditEvent.Action.VIEW,
        draft,
        case=draft.motion.case,
        version=draft.version,
        page_image=number,
        signed=bool(draft.signed_pdf),
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/png")
    # A draft order may quote sealed material: never kept in any cache.
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def download(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    draft = order_flow.get_draft_or_404(request, pk)
    if kind not in DOWNLOADS:
        raise Http404("No such file.")
    field_name, extension, content_type = DOWNLOADS[kind]
    field = getattr(draft, field_name)
    if not field:
        raise Http404("No such file.")
    access.record(
        request,
        AuditEvent.Action.DOWNLOAD,
        draft,
        case=draft.motion.case,
        file=kind,
        version=draft.version,
    )
    name = safe_file_name(
        f"{draft.motion.case.number}-order-v{draft.version}-{kind}.{extension}"
    )
    response = FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=content_type,
    )
    # A draft can quote sealed material: never kept in any cache.
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def send(request: HttpRequest, pk: int) -> HttpResponse:
    draft = order_flow.get_draft_or_404(request, pk)
    if not order_flow.can_prepare(request.user):
        raise PermissionDenied("Only the clerk sends a draft to the judge.")
    try:
        order_flow.send_to_judge(request, draft)
    except order_flow.OrderFlowError as problem:
        return _refuse(request, problem, draft)
    messages.success(request, "Sent to the judge. The files are being prepared.")
    return redirect("orders:draft", pk=draft.pk)


@require_POST
def rebuild(request: HttpRequest, pk: int) -> HttpResponse:
    """A new version built from the rulings as they stand now."""
    draft = order_flow.get_draft_or_404(request, pk)
    if not order_flow.can_prepare(request.user):
        raise PermissionDenied("Only the clerk prepares a draft order.")
    try:
        new = order_flow.create_draft(request, draft.motion)
    except order_flow.OrderFlowError as problem:
        return _refuse(request, problem, draft)
    messages.success(request, f"Version {new.version} built from the rulings.")
    return redirect("orders:draft", pk=new.pk)


@require_POST
def mark_sealed(request: HttpRequest, pk: int) -> HttpResponse:
    draft = order_flow.get_draft_or_404(request, pk)
    if not order_flow.can_prepare(request.user):
        raise PermissionDenied(
            "Only the clerk marks an order as quoting sealed material."
        )
    try:
        order_flow.mark_sealed(request, draft, request.POST.get("sealed") == "1")
    except order_flow.OrderFlowError as problem:
        return _refuse(request, problem, draft)
    return redirect("orders:draft", pk=draft.pk)


@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    draft = order_flow.get_draft_or_404(request, pk)
    if not order_flow.can_review(request.user, draft.motion):
        raise PermissionDenied("Only the judge signs the order.")
    try:
        entry = order_flow.approve(request, draft)
    except order_flow.OrderFlowError as problem:
        return _refuse(request, problem, draft)
    messages.success(
        request, f"Order signed and entered on the docket as entry {entry.number}."
    )
    return redirect("orders:draft", pk=draft.pk)


@require_POST
def return_draft(request: HttpRequest, pk: int) -> HttpResponse:
    draft = order_flow.get_draft_or_404(request, pk)
    if not order_flow.can_review(request.user, draft.motion):
        raise PermissionDenied("Only the judge returns a draft.")
    try:
        order_flow.return_to_clerk(request, draft, request.POST.get("comments", ""))
    except order_flow.OrderFlowError as problem:
        return _refuse(request, problem, draft)
    messages.success(request, "Returned to the clerk with your comments.")
    return redirect("orders:draft", pk=draft.pk)


@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    draft = order_flow.get_draft_or_404(request, pk)
    try:
        order_flow.add_comment(request, draft, request.POST.get("text", ""))
    except order_flow.OrderFlowError as problem:
        return _refuse(request, problem, draft)
    return redirect(reverse("orders:draft", args=[draft.pk]) + "#comments")


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The section texts in text areas; saving keeps them as a new version."""
    draft = order_flow.get_draft_or_404(request, pk)
    if not order_flow.can_edit(request.user, draft):
        raise PermissionDenied("This draft cannot be edited by you now.")
    sections = drafting.editable_sections(draft.motion, draft.content)
    if request.method == "POST":
        submitted = {
            section.key: request.POST.get(section.key, section.text)
            for section in sections
        }
        try:
            new = order_flow.edit_sections(request, draft, submitted)
        except order_flow.OrderFlowError as problem:
            messages.error(request, str(problem))
            sections = [
                drafting.EditableSection(s.key, s.label, submitted[s.key])
                for s in sections
            ]
        else:
            messages.success(request, f"Saved as version {new.version}.")
            return redirect("orders:draft", pk=new.pk)
    elif request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405)
    return render(
        request,
        "sealing/orders/edit.html",
        {"draft": draft, "motion": draft.motion, "sections": sections},
    )


@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    draft = order_flow.get_draft_or_404(request, pk)
    if not order_flow.can_edit(request.user, draft):
        raise PermissionDenied("This draft cannot be revised by you now.")
    upload_file = request.FILES.get("docx")
    if upload_file is None:
        messages.error(request, "Choose the revised .docx to upload.")
        return redirect("orders:draft", pk=draft.pk)
    data = upload_file.read(order_flow.MAX_DOCX_BYTES + 1)
    try:
        new = order_flow.upload_docx(request, draft, data)
    except order_flow.OrderFlowError as problem:
        return _refuse(request, problem, draft)
    messages.success(request, f"Revised .docx kept as version {new.version}.")
    return redirect("orders:draft", pk=new.pk)


def public_version(request: HttpRequest, pk: int) -> HttpResponse:
    """What the public version of a sealed order leaves out: a choice per
    section and per item parenthetical, with a preview."""
    draft = order_flow.get_draft_or_404(request, pk)
    choices = drafting.public_choices(
        draft.motion, draft.content, draft.public_redactions
    )
    if request.method == "POST":
        if not order_flow.can_prepare(request.user):
            raise PermissionDenied("Only the clerk prepares the public version.")
        # Item parentheticals are ticked; sections choose how much to leave out.
        ticked = set(request.POST.getlist("redact"))
        chosen: dict[str, bool | str] = {
            c.key: c.key in ticked
            if c.key.startswith("item:")
            else request.POST.get(f"mode:{c.key}", c.mode)
            for c in choices
        }
        try:
            order_flow.choose_public_redactions(request, draft, chosen)
        except order_flow.OrderFlowError as problem:
            messages.error(request, str(problem))
        else:
            messages.success(request, "The public version's choices are saved.")
        return redirect("orders:public_version", pk=draft.pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405)
    open_ = order_flow.is_current(draft) and draft.status in order_flow.OPEN_STATUSES
    return render(
        request,
        "sealing/orders/public_version.html",
        {
            "draft": draft,
            "motion": draft.motion,
            "sections": [
                (c, [(m, drafting.LEAVE_OUT_LABELS[m]) for m in c.modes])
                for c in choices
                if not c.key.startswith("item:")
            ],
            "items": [c for c in choices if c.key.startswith("item:")],
            "can_choose": open_
            and draft.sealed
            and not draft.awaiting_judge
            and order_flow.can_prepare(request.user),
        },
    )


@require_safe
def public_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The public version of the order as it stands, as a PDF shown in the
    browser (rendered now: it changes with every choice)."""
    draft = order_flow.get_draft_or_404(request, pk)
    pdf = order_flow.public_preview_pdf(draft)
    access.record(
        request,
        AuditEvent.Action.DOWNLOAD,
        draft,
        case=draft.motion.case,
        file="public-preview",
        version=draft.version,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{draft.motion.case.number}-order-v{draft.version}-public-preview.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
