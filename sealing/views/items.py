"""Listing items from pasted text, and recording the court's side of items."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sealing import permissions, standards, triage
from sealing.forms import BulkForm, ItemForm, PasteForm
from sealing.models import MotionToSeal, Ruling, SealingItem
from sealing.views.motion import load_items


@login_required
def paste_items(request: HttpRequest, pk: int) -> HttpResponse:
    """Paste a list, see how each line reads against the docket, then save.

    "Read the list" shows every line with the documents and portions it names (or
    why it cannot be read); "Save" creates the items only if the list still reads
    as shown. The pasted text stays in the box throughout.
    """
    motion = permissions.get_motion_or_404(request, pk)
    if not permissions.can_list_items(request.user, motion):
        raise PermissionDenied(
            "Only the clerk, or the movant's counsel while the motion is lodged, "
            "may list its items."
        )
    form = PasteForm(request.POST or None)
    reading: triage.ItemListReading | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if triage.draft_with_judge(motion):
                raise triage.WorkflowError(triage.WITH_THE_JUDGE)
            if request.POST.get("step") == "save":
                created = triage.add_items(
                    request,
                    motion,
                    data["text"],
                    ground=data["ground"],
                    declaration_text=data["declaration_text"],
                    confirmed=data["reading"],
                )
                messages.success(
                    request,
                    f"{len(created)} item{'s' if len(created) != 1 else ''} added.",
                )
                return redirect("sealing:motion", pk=motion.pk)
            triage.resolve_declaration(motion.case, data["declaration_text"])
            reading = triage.read_item_list(motion, data["text"], ground=data["ground"])
            if reading.problems:
                raise triage.ItemListProblems(reading)
            if not reading.items:
                raise triage.WorkflowError("The text lists no items.")
        except (triage.ItemListProblems, triage.ReadingChanged) as error:
            reading = error.reading
            form.add_error(None, error.message)
        except triage.DeclarationProblem as error:
            form.add_error("declaration_text", error)
        except triage.WorkflowError as error:
            form.add_error("text", error)
    digest = ""
    if reading is not None and reading.items and not reading.problems:
        digest = triage.reading_digest(
            reading,
            ground=form.cleaned_data["ground"],
            declaration=form.cleaned_data["declaration_text"],
        )
    return render(
        request,
        "sealing/paste.html",
        {
            "motion": motion,
            "case": motion.case,
            "form": form,
            "problems": reading.problems if reading else [],
            "reading": reading if digest else None,
            "digest": digest,
            "item_count": motion.items.not_withdrawn().count(),
        },
    )


def _item_of(request: HttpRequest, motion: MotionToSeal, item_pk: int) -> SealingItem:
    try:
        item = motion.items.select_related("target__entry").get(pk=item_pk)
    except SealingItem.DoesNotExist:
        raise Http404("No such item.") from None
    item.motion = motion
    item.target.entry.case = motion.case
    return item


@login_required
def item_detail(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """GET: the item's full history (court staff). POST: record the court's side."""
    motion = permissions.get_motion_or_404(request, pk)
    if not permissions.sees_court_work(request.user):
        raise PermissionDenied("The court's working history is for court staff.")
    item = _item_of(request, motion, item_pk)
    if request.method == "POST":
        return _save_item(request, motion, item)
    flags = standards.insufficient_reasons(
        item.stated_reason, profile_code=motion.case.court.circuit_profile
    )
    return render(
        request,
        "sealing/item.html",
        {
            "motion": motion,
            "case": motion.case,
            "item": item,
            "flags": flags,
            "granted_on_flagged_reason": bool(flags) and item.ruling in triage.GRANTING,
            "standard_label": triage.standard_label(item.standard),
            "changes": [
                (
                    change,
                    _describe(change.field, change.before),
                    _describe(change.field, change.after),
                )
                for change in item.changes.select_related("actor")
            ],
        },
    )


_MET = {True: "met", False: "not met", None: "not yet"}


def _describe(field: str, value: object) -> str:
    """A change's value as a reader wants it, not as JSON."""
    if value in (None, ""):
        return "—"
    if field == "findings" and isinstance(value, dict):
        return "; ".join(
            f"{code.replace('_', ' ')}: {_MET.get(answer.get('met'), '?')}"
            + (f" ({answer['note']})" if answer.get("note") else "")
            for code, answer in value.items()
        )
    if field in ("ruling", "recommendation"):
        return Ruling(value).label if value in Ruling.values else str(value)
    if field in ("standard", "previous_standard"):
        return triage.standard_label(str(value))
    if field == "ground":
        return standards.Ground(value).label
    if field == "standard_facts" and isinstance(value, dict):
        return "; ".join(
            f"{name.replace('_', ' ')}: {_fact(fact)}" for name, fact in value.items()
        )
    return str(value)


def _fact(value: object) -> str:
    if value is None:
        return "not decided"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _save_item(
    request: HttpRequest, motion: MotionToSeal, item: SealingItem
) -> HttpResponse:
    if not permissions.can_triage(request.user):
        raise PermissionDenied("Only the clerk records the court's side of a motion.")
    anchor = reverse("sealing:motion", kwargs={"pk": motion.pk}) + f"#item-{item.pk}"
    form = ItemForm(
        request.POST, item=item, profile_code=motion.case.court.circuit_profile
    )
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[name].label or name}: {' '.join(errors)}"
            if name != "__all__"
            else " ".join(errors)
            for name, errors in form.errors.items()
        )
        messages.error(request, f"{_item_name(item)} was not saved: {problems}")
        return redirect(anchor)
    try:
        triage.require_open_for_triage(motion)
        changed = triage.update_items(
            request, [item], form.changes(), context="item form"
        )
    except triage.WorkflowError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        if changed:
            messages.success(request, f"{_item_name(item)} saved.")
        else:
            messages.info(request, f"{_item_name(item)}: nothing changed.")
        _warn_if_granted_on_flagged_reasons(request, motion, [item])
    return redirect(anchor)


def _warn_if_granted_on_flagged_reasons(
    request: HttpRequest, motion: MotionToSeal, items: list[SealingItem]
) -> None:
    """Say so when a grant rests on a reason that never suffices by itself."""
    profile = motion.case.court.circuit_profile
    flagged = [
        item
        for item in items
        if item.ruling in triage.GRANTING
        and standards.insufficient_reasons(item.stated_reason, profile_code=profile)
    ]
    if flagged:
        listed = ", ".join(triage.item_label(item) for item in flagged)
        messages.warning(
            request,
            f"Granted although the movant relied on reasons that do not suffice by "
            f"themselves ({listed}): make sure the findings rest on more.",
        )


def _item_name(item: SealingItem) -> str:
    """How the motion page numbers an item: "Item 19 (Complaint, #20)"."""
    title = item.target_description or item.target.description
    return f"Item {item.listed_as} ({title}, #{item.target.docket_ref})"


@login_required
@require_POST
def withdraw_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """The movant withdrew the item, or it was listed by mistake: the clerk
    records it with the reason; the item stays, out of the counts and order."""
    return _withdrawal(request, pk, item_pk, triage.withdraw_item, "withdrawn")


@login_required
@require_POST
def restore_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    return _withdrawal(request, pk, item_pk, triage.restore_item, "restored")


def _withdrawal(
    request: HttpRequest,
    pk: int,
    item_pk: int,
    step: Callable[..., None],
    done: str,
) -> HttpResponse:
    motion = permissions.get_motion_or_404(request, pk)
    if not permissions.can_triage(request.user):
        raise PermissionDenied("Only the clerk withdraws or restores an item.")
    item = _item_of(request, motion, item_pk)
    try:
        step(request, item, request.POST.get("reason", ""))
    except triage.WorkflowError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(request, f"{_item_name(item)} {done}.")
    anchor = "withdrawn" if item.withdrawn else f"item-{item.pk}"
    return redirect(reverse("sealing:motion", kwargs={"pk": motion.pk}) + f"#{anchor}")


@login_required
@require_POST
def bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """One action for every item of a group (standard + ground), except those unticked."""
    motion = permissions.get_motion_or_404(request, pk)
    if not permissions.can_triage(request.user):
        raise PermissionDenied("Only the clerk records the court's side of a motion.")
    key = request.POST.get("group", "")
    group = _group(motion, key)
    anchor = reverse("sealing:motion", kwargs={"pk": motion.pk}) + f"#group-{key}"
    if group is None:
        messages.error(
            request, "That group of items no longer exists; reload the page."
        )
        return redirect("sealing:motion", pk=motion.pk)
    profile = motion.case.court.circuit_profile
    form = BulkForm(
        request.POST, items=group.items, prefix=f"bulk-{key}", profile_code=profile
    )
    if not form.is_valid():
        problems = " ".join(" ".join(errors) for errors in form.errors.values())
        messages.error(request, f"Nothing recorded: {problems}")
        return redirect(anchor)
    selected = form.selected()
    changes = _bulk_changes(form)
    left_out = len(group.items) - len(selected)
    try:
        triage.require_open_for_triage(motion)
        changed = triage.update_items(
            request, selected, changes, context=f"bulk action on {group.label}"
        )
    except triage.WorkflowError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(
            request,
            f"{changed} item{'s' if changed != 1 else ''} updated"
            + (f"; {left_out} left out as exceptions." if left_out else "."),
        )
        _warn_if_granted_on_flagged_reasons(request, motion, selected)
    return redirect(anchor)


def _group(motion: MotionToSeal, key: str) -> triage.GroundGroup | None:
    for standard_group in triage.group_items(load_items(motion)):
        for group in standard_group.grounds:
            if group.key == key:
                return group
    return None


def _bulk_changes(form: BulkForm) -> dict[str, object]:
    data = form.cleaned_data
    changes: dict[str, object] = {}
    findings = form.findings_answers()
    if findings:
        changes["findings"] = findings
    if data["recommendation"]:
        changes["recommendation"] = data["recommendation"]
    if data["ruling"]:
        changes["ruling"] = data["ruling"]
    # Typed for a grant as for a denial, it is kept: nothing the clerk wrote is
    # dropped (how a grant's reason is printed is the order's to decide).
    if data["ruling_reason"].strip():
        changes["ruling_reason"] = data["ruling_reason"].strip()
    return changes
