"""The queue of motions to seal, a case's motions, and registering a new motion."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from filings import access
from filings.models import Case, DocketEntry, Judge
from sealing import permissions, triage
from sealing.forms import MotionForm, QueueFilterForm
from sealing.models import MotionState, MotionToSeal, SealingItem

QUEUE_PAGE_SIZE = 25


QUEUE_FIELDS = (
    "pk",
    "title",
    "joint",
    "state",
    "next_deadline",
    "filed_on",
    "case_id",
    "case__number",
    "case__caption",
    "case__assigned_judge__name",
    "entry__number",
)


QUEUE_ORDER = ("queue_deadline", "filed_on", "pk")


def _ordered(motions: QuerySet[MotionToSeal]) -> QuerySet[MotionToSeal]:
    """Due soonest first, then oldest; motions with no deadline after those with one.

    Plain values, not model instances: the queue is the busiest page of the court's
    day, and a page of rows needs no behaviour.
    """
    return motions.order_by(*QUEUE_ORDER).values(*QUEUE_FIELDS)


def _queue_page(motions: QuerySet[MotionToSeal], number: str | None) -> Page:
    """One page of the queue, its rows as values.

    The pager counts and slices primary keys only, and the page's rows are then
    fetched by those keys. Counting or sorting the joined rows (case, judge, docket
    entry) instead made SQLite join every matching motion: 5-7 ms per request at
    10,000 motions, most of the page's cost.
    """
    keys = motions.order_by(*QUEUE_ORDER).values_list("pk", flat=True)
    page = Paginator(keys, QUEUE_PAGE_SIZE).get_page(number)
    # A sliced subquery: still one query for the rows of the page.
    page.object_list = list(
        _ordered(MotionToSeal.objects.filter(pk__in=page.object_list))
    )
    return page


def url_maker(name: str, **kwargs: int) -> Callable[..., str]:
    """reverse() once; fill in primary keys by formatting (many rows per page)."""
    marker = 999_999_999
    template = reverse(name, kwargs=dict.fromkeys(kwargs, marker))
    head, _, tail = template.partition(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


_ROW = (
    '<tr><td><a href="{url}">{title}</a> <span class="muted">(#{entry})</span>'
    '{joint}</td>{case}<td><span class="state state-{state}">{state_label}</span>'
    '</td><td>{judge}</td><td class="num">{age}</td><td class="num">{items}{open}'
    '</td><td class="num">{due}</td></tr>'
)
_CASE_CELL = (
    '<td><a href="{url}">{number}</a><br><span class="muted">{caption}</span></td>'
)
_JOINT = ' <span class="tag">joint</span>'
_OPEN = ' <span class="muted">({} open)</span>'
_OVERDUE = (
    '<span class="overdue">{} <span class="badge overdue-badge">OVERDUE</span></span>'
)


def _text(value: object) -> str:
    """Escape a value for HTML as format_html would, without the cost of Django's
    lazy-string wrappers (they were half the time of building the rows)."""
    return html.escape(str(value))


def _due(deadline: date | None, today: date) -> str:
    if deadline is None:
        return "—"
    due = f"{deadline:%b} {deadline.day}, {deadline.year}"
    return _OVERDUE.format(due) if deadline < today else due


def queue_rows(
    motions: list[dict[str, Any]], *, show_case: bool, show_open: bool
) -> SafeString:
    """The table rows for one page of motions, with item counts in one query.

    ``show_open`` adds how many items still await a ruling: how far the court's
    review has gone is for court staff, not for the parties.

    Built as strings, every value from the database escaped, rather than with
    template tags: a page of rows costs a fraction of the time.
    """
    counts = {
        row["motion"]: row
        for row in SealingItem.objects.not_withdrawn()
        .filter(motion__in=[m["pk"] for m in motions])
        .values("motion")
        .annotate(total=Count("pk"), undecided=Count("pk", filter=Q(ruling="")))
    }
    today = timezone.localdate()
    motion_url = url_maker("sealing:motion", pk=0)
    docket_url = url_maker("filings:docket", pk=0)
    states = dict(MotionState.choices)
    rows = []
    for motion in motions:
        count = counts.get(motion["pk"], {})
        age = (today - motion["filed_on"]).days
        undecided = count.get("undecided", 0)
        case_cell = (
            _CASE_CELL.format(
                url=docket_url(motion["case_id"]),
                number=_text(motion["case__number"]),
                caption=_text(motion["case__caption"]),
            )
            if show_case
            else ""
        )
        rows.append(
            _ROW.format(
                url=motion_url(motion["pk"]),
                title=_text(motion["title"]),
                entry=_text(motion["entry__number"]),
                joint=_JOINT if motion["joint"] else "",
                case=case_cell,
                state=_text(motion["state"]),
                state_label=_text(states[motion["state"]]),
                judge=_text(motion["case__assigned_judge__name"] or "Unassigned"),
                age=f"{age} day{'' if age == 1 else 's'}",
                items=count.get("total", 0),
                open=_OPEN.format(undecided) if show_open and undecided else "",
                due=_due(motion["next_deadline"], today),
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every value escaped above)


def _options(choices: list[tuple[str, str]], selected: str) -> list[dict[str, object]]:
    return [
        {"value": value, "label": label, "selected": value == selected}
        for value, label in choices
    ]


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    motions = permissions.queue_for(user)
    # EXISTS per judge stops at the first motion; a join would read them all.
    judges = Judge.objects.filter(
        Exists(motions.filter(case__assigned_judge=OuterRef("pk")))
    ).order_by("name")
    form = QueueFilterForm(request.GET or None, judges=judges)
    judge_queue = access.is_judge(user) and not access.is_clerk(user)
    # A judge's queue opens on what awaits the judge: motions the clerk has triaged.
    state = MotionState.UNDER_REVIEW if judge_queue and not request.GET else ""
    judge = ""
    if form.is_valid():
        if form.cleaned_data["judge"] is not None:
            judge = str(form.cleaned_data["judge"].pk)
            motions = motions.filter(case__assigned_judge=form.cleaned_data["judge"])
        state = form.cleaned_data["state"]
    if state == "":
        # "Not closed" rather than a list of states: the planner then walks the
        # queue-order index and stops after one page instead of sorting them all.
        motions = motions.exclude(state=MotionState.CLOSED)
    elif state != "all":
        motions = motions.filter(state=state)
    page = _queue_page(motions, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    judge_choices = [(str(pk), name) for pk, name in judges.values_list("pk", "name")]
    return render(
        request,
        "sealing/queue.html",
        {
            "page": page,
            "rows": queue_rows(
                page.object_list,
                show_case=True,
                show_open=permissions.sees_court_work(user),
            ),
            "judge_options": _options([("", "Any judge"), *judge_choices], judge),
            "state_options": _options(form.fields["state"].choices, state),
            "filter_query": query.urlencode(),
            "sees_court_work": permissions.sees_court_work(user),
            "is_judge_queue": judge_queue,
        },
    )


def _case_for_motions(request: HttpRequest, case_pk: int) -> Case:
    case = get_object_or_404(Case.objects.select_related("court"), pk=case_pk)
    if not (
        access.is_court_staff(request.user) or access.is_counsel(request.user, case)
    ):
        raise Http404("No such case.")
    return case


@login_required
@require_GET
def case_motions(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _case_for_motions(request, case_pk)
    motions = list(_ordered(case.motions_to_seal.all()))
    return render(
        request,
        "sealing/case_motions.html",
        {
            "case": case,
            "rows": queue_rows(
                motions,
                show_case=False,
                show_open=permissions.sees_court_work(request.user),
            ),
            "can_open": permissions.can_open_motion(request.user, case),
        },
    )


@login_required
def new_motion(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _case_for_motions(request, case_pk)
    if not permissions.can_open_motion(request.user, case):
        return render(request, "sealing/refused.html", {"case": case}, status=403)
    entries = case.entries.filter(motion_to_seal__isnull=True).order_by("-number")
    own_parties = None
    if not access.is_clerk(request.user):
        own_parties = list(case.parties.filter(counsel__user=request.user).distinct())
        entries = entries.filter(filer__in=own_parties)
    kind_first = entries.filter(kind=DocketEntry.Kind.MOTION_TO_SEAL)
    if kind_first.exists():
        entries = kind_first
    form = MotionForm(
        request.POST or None,
        entries=entries,
        parties=case.parties.all(),
        own_parties=own_parties,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            motion = triage.open_motion(
                request,
                entry=data["entry"],
                title=data["title"],
                movants=list(data["movants"]),
                joint=data["joint"],
                designating_party=data["designating_party"],
            )
        except triage.WorkflowError as problem:
            form.add_error(None, problem)
        else:
            messages.success(request, "The motion is registered. Now list its items.")
            return redirect("sealing:paste_items", pk=motion.pk)
    return render(request, "sealing/new_motion.html", {"case": case, "form": form})
