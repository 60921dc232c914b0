"""The motion page: items grouped by standard and ground, counts, facts, state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from filings import access
from filings.models import DocumentFile
from sealing import permissions, standards, triage
from sealing.forms import BulkForm, FilingFactsForm, ItemForm, StateForm
from sealing.models import MotionToSeal, SealingItem
from sealing.views.queue import url_maker


def load_items(motion: MotionToSeal) -> list[SealingItem]:
    """The motion's items with their documents, in a fixed number of queries."""
    public_version = DocumentFile.objects.filter(
        document=OuterRef("target_id"), role=DocumentFile.Role.PUBLIC_REDACTED
    )
    items = list(
        motion.items.select_related("target__entry", "declaration__entry")
        .annotate(target_has_public_version=Exists(public_version))
        .order_by("listed_as", "pk")
    )
    for item in items:
        item.motion = motion
        item.target.entry.case = motion.case
        if item.declaration is not None:
            item.declaration.entry.case = motion.case
    return items


def _optional_url(name: str) -> Callable[[int], str] | None:
    """A URL maker for another screen of the app, or None where it is not installed."""
    try:
        return url_maker(name, pk=0)
    except NoReverseMatch:
        return None


def _annotate_for(user: Any, motion: MotionToSeal, items: list[SealingItem]) -> None:
    profile = motion.case.court.circuit_profile
    court_work = permissions.sees_court_work(user)
    region_url = _optional_url("regions:item") if court_work else None
    for item in items:
        item.region_url = region_url(item.pk) if region_url else ""
        item.target_visible = access.can_view_document(
            user, item.target, has_public_version=item.target_has_public_version
        )
        item.declaration_visible = item.declaration is not None and (
            access.can_view_original(user, item.declaration)
        )
        item.flags = (
            standards.insufficient_reasons(item.stated_reason, profile_code=profile)
            if court_work
            else []
        )
        item.granted_on_flagged_reason = bool(
            item.flags
            and (
                item.ruling in triage.GRANTING or item.recommendation in triage.GRANTING
            )
        )
        listed = triage.checklist(item, profile)
        answers = [(finding, item.findings.get(finding.code, {})) for finding in listed]
        item.findings_total = len(listed)
        item.findings_done = sum(1 for _, a in answers if a.get("met") is not None)
        item.findings_met = sum(1 for _, a in answers if a.get("met") is True)
        item.findings_open = [
            (finding.text, answer.get("met"), answer.get("note", ""))
            for finding, answer in answers
            if answer.get("met") is not True
        ]
        item.standard_label = triage.standard_label(item.standard)
        item.previous_standard_label = (
            triage.standard_label(item.previous_standard)
            if item.standard_changed_at
            else ""
        )


def _facts_rows(motion: MotionToSeal, items: list[SealingItem]) -> list[dict[str, Any]]:
    """The filings whose facts decide the items' standards, with their items."""
    entries = triage.case_entries(motion.case)
    rows: dict[int, dict[str, Any]] = {}
    for item in items:
        governing = triage.governing_entry(entries[item.target.entry_id], entries)
        row = rows.setdefault(
            governing.pk, {"entry": governing, "items": 0, "refs": set()}
        )
        row["items"] += 1
        row["refs"].add(item.target.docket_ref)
    ordered = sorted(rows.values(), key=lambda row: row["entry"].number)
    for row in ordered:
        row["refs"] = sorted(row["refs"], key=_ref_key)
        row["nature_label"] = standards.FilingNature(row["entry"].nature).label
    return ordered


def _ref_key(ref: str) -> tuple[int, ...]:
    return tuple(int(part) for part in ref.split("-"))


@login_required
@require_GET
def motion_page(request: HttpRequest, pk: int) -> HttpResponse:
    motion = permissions.get_motion_or_404(request, pk)
    user = request.user
    items = load_items(motion)
    _annotate_for(user, motion, items)
    withdrawn = [item for item in items if item.withdrawn]
    listed = [item for item in items if not item.withdrawn]
    profile_code = motion.case.court.circuit_profile
    can_triage = permissions.can_triage(user)
    with_judge = permissions.sees_court_work(user) and triage.draft_with_judge(motion)
    editable = (
        can_triage and motion.state not in triage.DECIDED_STATES and not with_judge
    )
    if editable:
        for item in items:
            item.form = ItemForm(item=item, profile_code=profile_code)
    court_work = permissions.sees_court_work(user)
    groups = triage.group_items(items, by_standard=court_work)
    if editable:
        for standard_group in groups:
            for group in standard_group.grounds:
                group.form = BulkForm(
                    items=group.items,
                    prefix=f"bulk-{group.key}",
                    profile_code=profile_code,
                )
    facts = _facts_rows(motion, listed) if court_work else []
    facts_open = motion.state in triage.REDERIVED_STATES and not with_judge
    if can_triage and facts_open:
        asks = triage.asks_judicial_document(profile_code)
        for row in facts:
            row["form"] = FilingFactsForm.for_entry(
                row["entry"], asks_judicial_document=asks
            )
    context = {
        "motion": motion,
        "case": motion.case,
        "movants": list(motion.movants.all()),
        "groups": groups,
        "counts": triage.count_items(items, profile_code),
        "withdrawn_items": withdrawn if court_work else [],
        "outcome": triage.motion_outcome(items),
        "profile": standards.get_profile(profile_code),
        "court_work": court_work,
        "can_triage": can_triage,
        "editable": editable,
        "can_list_items": permissions.can_list_items(user, motion) and not with_judge,
        "with_judge": triage.WITH_THE_JUDGE if with_judge else "",
        "sees_rulings": permissions.can_see_rulings(user, motion),
        "state_form": StateForm(motion=motion) if can_triage else None,
        "history": list(motion.state_changes.select_related("actor"))
        if court_work
        else [],
        "facts": facts,
        "facts_open": facts_open,
        "asks_judicial_document": triage.asks_judicial_document(profile_code),
        "can_locate": bool(
            can_triage and listed and _optional_url("regions:locate_motion")
        ),
        "changes": request.session.pop(f"sealing-changes-{motion.pk}", None),
    }
    return render(request, "sealing/motion.html", context)


def _triage_motion(request: HttpRequest, pk: int) -> MotionToSeal:
    motion = permissions.get_motion_or_404(request, pk)
    if not permissions.can_triage(request.user):
        raise PermissionDenied("Only the clerk records the court's side of a motion.")
    return motion


@login_required
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    motion = _triage_motion(request, pk)
    form = StateForm(request.POST, motion=motion)
    if form.is_valid():
        try:
            change = triage.move_motion(
                request,
                motion,
                form.cleaned_data["to_state"],
                deadline=form.cleaned_data["deadline"],
                note=form.cleaned_data["note"],
                by_hand=True,
            )
        except triage.WorkflowError as problem:
            messages.error(request, " ".join(problem.messages))
        else:
            due = f", due {change.deadline:%b %-d, %Y}" if change.deadline else ""
            messages.success(request, f"Moved to “{motion.get_state_display()}”{due}.")
    elif request.POST.get("to_state") in triage.WORKFLOW_STATES:
        messages.error(request, triage.BY_ORDER_ONLY)
    else:
        messages.error(request, "Choose a state the motion can move to.")
    return redirect("sealing:motion", pk=motion.pk)


@login_required
@require_POST
def filing_facts(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    motion = _triage_motion(request, pk)
    entry = get_object_or_404(
        motion.case.entries.select_related("case__court"), pk=entry_pk
    )
    form = FilingFactsForm(
        request.POST,
        prefix=f"entry-{entry.pk}",
        asks_judicial_document=triage.asks_judicial_document(
            motion.case.court.circuit_profile
        ),
    )
    target = reverse("sealing:motion", kwargs={"pk": motion.pk}) + "#facts"
    if not form.is_valid():
        messages.error(request, "The filing's facts were not understood; try again.")
        return redirect(target)
    try:
        triage.require_open_for_rederivation(motion)
        result = triage.change_filing_facts(request, entry, **form.facts())
    except triage.WorkflowError as problem:
        messages.error(request, " ".join(problem.messages))
        return redirect(target)
    mine = [change for change in result.changes if change.item.motion_id == motion.pk]
    decided_motions = sorted(
        {item.motion.entry.number for item, _ in result.left_decided}
    )
    request.session[f"sealing-changes-{motion.pk}"] = {
        "entry": entry.number,
        "rows": [
            {
                "item": change.item.pk,
                "ref": change.item.target.docket_ref,
                "portions": change.item.portions_text,
                "before": change.before_label,
                "after": change.after_label,
                "cleared": change.cleared,
            }
            for change in mine
        ],
        "elsewhere": len(result.changes) - len(mine),
        "left_decided": len(result.left_decided),
        "decided_motions": [f"#{number}" for number in decided_motions],
    }
    cleared = sum(1 for change in mine if change.cleared)
    messages.success(
        request,
        f"Facts of #{entry.number} recorded; {len(mine)} item"
        f"{'s' if len(mine) != 1 else ''} of this motion changed standard"
        + (
            f", {cleared} of them lost their ruling or recommendation and need review."
            if cleared
            else "."
        ),
    )
    return redirect(target.replace("#facts", "#rederived"))
