"""From the clerk's rulings to a signed order on the docket.

The clerk prepares a draft (a new ``DraftOrder`` version built from the
rulings) and sends it to the judge, which renders its PDF and .docx in the
background. The judge approves and signs it, returns it with comments, edits
its section texts in the browser or uploads a revised .docx (each edit is a new
version; nothing is overwritten). Approval enters the order on the docket:
public, or sealed with a public redacted version when the clerk marked it as
quoting sealed material; the granted items' documents are sealed, each gets a
``PublicVersionDue`` for the party that filed it, the motion moves to decided
and redactions due, and counsel of record receive a notice of electronic
filing. Every step is audited through ``filings.access.record``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from filings import access, intake, notices, redaction
from filings.access import User
from filings.models import (
    Access,
    AuditEvent,
    Case,
    DocketEntry,
    Document,
    DocumentFile,
    Party,
    ProcessingStatus,
    PublicVersionDue,
)
from sealing import drafting, order_jobs, quoting, triage
from sealing.models import MotionState, MotionToSeal, SealingItem
from sealing.order_models import (
    AWAITING_JUDGE,
    DraftComment,
    DraftOrder,
    DraftSource,
    DraftStatus,
)
from sealing.orders import (
    OrderDocument,
    date_line,
    render_order_docx,
    render_order_pdf,
)
from sealing.triage import sealed_portions_text

MAX_DOCX_BYTES = 20 * 1024 * 1024
DOCX_MAGIC = b"PK\x03\x04"
# Versions the flow may still change; an approved or entered order is final.
OPEN_STATUSES = (
    DraftStatus.DRAFTING,
    DraftStatus.RENDERING,
    DraftStatus.SENT_TO_JUDGE,
    DraftStatus.RETURNED,
)


class OrderFlowError(ValueError):
    """A step the order workflow refuses, with the reason for the user."""


RULINGS_CHANGED = (
    "The rulings changed after this draft was sent; the clerk must prepare a new "
    "version. Return the draft to the clerk, who rebuilds it from the rulings as "
    "they now stand and sends it again."
)


def rulings_changed(draft: DraftOrder) -> bool:
    """Whether the motion's rulings differ from those the draft's files show
    (a draft whose files were never rendered shows none)."""
    current = triage.rulings_fingerprint(draft.motion)
    return draft.rulings_fingerprint != current


@dataclass(frozen=True)
class QuoteCheck:
    """The order's public text checked against the granted portions."""

    matches: list[quoting.Match]
    unchecked: list[str]  # granted items whose portions were never located
    sealed: bool  # what was checked is a sealed order's public version

    def message(self) -> str:
        found = quoting.describe(self.matches)
        if self.sealed:
            return (
                f"The public version of this sealed order still shows sealed "
                f"material: {found}. Leave those texts out of the public version, "
                "or edit them, before the order is signed."
            )
        return (
            f"The order\u2019s text quotes sealed material: {found}. Edit those texts, "
            "or mark the order as quoting sealed material (it is then entered "
            "under seal with a public redacted version), before it is signed as a "
            "public order."
        )


def quoted_sealed_material(
    draft: DraftOrder,
    *,
    order: OrderDocument | None = None,
    public: OrderDocument | None = None,
) -> QuoteCheck:
    """What of the granted portions the public would read in ``draft``: in the
    order itself, or in the public version of a sealed order."""
    motion = draft.motion
    sealed = quoting.sealed_text(motion)
    order_date = draft.order_date or timezone.localdate()
    if draft.sealed:
        public = public or drafting.build_order(
            motion,
            content=draft.content,
            order_date=order_date,
            public_redacted=True,
            public_redactions=draft.public_redactions,
        )
        passages = quoting.order_passages(public)
    elif draft.uploaded_docx:
        with draft.uploaded_docx.open("rb") as handle:
            passages = quoting.docx_passages(_docx_paragraphs(handle.read()))
    else:
        order = order or drafting.build_order(
            motion, content=draft.content, order_date=order_date
        )
        passages = quoting.order_passages(order)
    return QuoteCheck(
        matches=quoting.find(passages, sealed),
        unchecked=[
            f"#{item.target.docket_ref} {item.portions_text}".strip()
            for item in sealed.unlocated
        ],
        sealed=draft.sealed,
    )


def _docx_paragraphs(data: bytes) -> list[str]:
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    return texts


SEALED_NEEDS_SECTION_TEXTS = (
    "This order is marked as quoting sealed material, and its public redacted "
    "version is made from the section texts, which an uploaded .docx would "
    "replace. Edit the section texts instead, or ask the clerk to enter the order "
    "as public."
)


# --- Who may do what (on top of filings.access) ---------------------------------


def can_see_drafts(user: User) -> bool:
    """Drafts are the court's work: attorneys and the public never see them."""
    return access.is_court_staff(user)


def can_prepare(user: User) -> bool:
    """Build a draft, send it to the judge, mark it as quoting sealed material."""
    return access.is_clerk(user)


def can_review(user: User, motion: MotionToSeal) -> bool:
    """Approve and sign, return, edit or upload a revision: the case's judge
    (any judge when the case has none assigned)."""
    if not access.is_judge(user):
        return False
    judge = motion.case.assigned_judge
    return judge is None or judge.user_id is None or judge.user_id == user.pk


def can_edit(user: User, draft: DraftOrder) -> bool:
    if draft.status not in OPEN_STATUSES:
        return False
    if draft.awaiting_judge:
        return can_review(user, draft.motion)
    return can_prepare(user) or can_review(user, draft.motion)


def get_draft_or_404(request: HttpRequest, pk: int) -> DraftOrder:
    if not can_see_drafts(request.user):
        raise Http404("No such draft order.")
    try:
        return DraftOrder.objects.select_related(
            "motion__case__court", "motion__case__assigned_judge", "motion__entry"
        ).get(pk=pk)
    except DraftOrder.DoesNotExist:
        raise Http404("No such draft order.") from None


def get_motion_or_404(request: HttpRequest, pk: int) -> MotionToSeal:
    if not can_see_drafts(request.user):
        raise Http404("No such motion.")
    try:
        return MotionToSeal.objects.select_related(
            "case__court", "case__assigned_judge", "entry"
        ).get(pk=pk)
    except MotionToSeal.DoesNotExist:
        raise Http404("No such motion.") from None


# --- Reading ---------------------------------------------------------------------


def current_draft(motion: MotionToSeal) -> DraftOrder | None:
    return motion.draft_orders.order_by("-version").first()


def is_current(draft: DraftOrder) -> bool:
    latest = draft.motion.draft_orders.aggregate(v=Max("version"))["v"]
    return draft.version == latest


def judge_queue(user: User) -> QuerySet[DraftOrder]:
    """Current versions awaiting this judge's review, oldest sent first."""
    drafts = DraftOrder.objects.filter(status__in=AWAITING_JUDGE).select_related(
        "motion__case__assigned_judge", "motion__entry"
    )
    judge = getattr(user, "judge", None) if access.is_judge(user) else None
    if judge is not None:
        drafts = drafts.filter(
            Q(motion__case__assigned_judge=judge)
            | Q(motion__case__assigned_judge__isnull=True)
        )
    return drafts.order_by("sent_at", "pk")


def _actor(request: HttpRequest | None, actor: Any) -> Any:
    if actor is not None:
        return actor
    if request is not None and request.user.is_authenticated:
        return request.user
    return None


def _record(
    request: HttpRequest | None, draft: DraftOrder, actor: Any, **details: Any
) -> None:
    access.record(
        request,
        AuditEvent.Action.ORDER,
        draft,
        case=draft.motion.case,
        actor=actor,
        version=draft.version,
        **details,
    )


# --- Versions --------------------------------------------------------------------


def _new_version(
    motion: MotionToSeal,
    *,
    actor: Any,
    source: str,
    status: str,
    content: Mapping[str, str],
    sealed: bool,
    public_redactions: Mapping[str, bool],
) -> DraftOrder:
    # Lock the motion row so that two edits at once get different numbers.
    MotionToSeal.objects.select_for_update().filter(pk=motion.pk).first()
    latest = motion.draft_orders.aggregate(v=Max("version"))["v"] or 0
    motion.draft_orders.filter(
        status__in=(DraftStatus.DRAFTING, *AWAITING_JUDGE)
    ).update(status=DraftStatus.SUPERSEDED)
    return DraftOrder.objects.create(
        motion=motion,
        version=latest + 1,
        source=source,
        status=status,
        content=dict(content),
        sealed=sealed,
        public_redactions=dict(public_redactions),
        created_by=actor,
        render_status=ProcessingStatus.QUEUED,
    )


def _queue_render(draft: DraftOrder) -> None:
    transaction.on_commit(lambda: order_jobs.enqueue_render(draft.pk))


@transaction.atomic
def create_draft(
    request: HttpRequest | None, motion: MotionToSeal, *, actor: Any = None
) -> DraftOrder:
    """A new version built from the rulings; the judge's earlier edits carry over."""
    actor = _actor(request, actor)
    if motion.state not in (MotionState.UNDER_REVIEW,):
        raise OrderFlowError(
            "A draft order is prepared while the motion is under review; this one "
            f"is {motion.get_state_display().lower()}."
        )
    previous = current_draft(motion)
    if previous is not None and previous.status in (
        DraftStatus.APPROVED,
        DraftStatus.ENTERED,
    ):
        raise OrderFlowError("The order on this motion has already been signed.")
    draft = _new_version(
        motion,
        actor=actor,
        source=DraftSource.BUILT,
        status=DraftStatus.DRAFTING,
        content=previous.content if previous else {},
        sealed=previous.sealed if previous else False,
        public_redactions=previous.public_redactions if previous else {},
    )
    _record(request, draft, actor, step="drafted")
    _queue_render(draft)
    return draft


def _require_current_open(draft: DraftOrder) -> None:
    if not is_current(draft):
        raise OrderFlowError(
            f"Version {draft.version} has been superseded; work on the latest one."
        )
    if draft.status not in OPEN_STATUSES:
        raise OrderFlowError("This order has already been signed.")


def _undecided_message(items: list[SealingItem]) -> str:
    listed = "; ".join(drafting.undecided_line(item) for item in items[:5])
    more = f" and {len(items) - 5} more" if len(items) > 5 else ""
    count = len(items)
    return (
        f"{count} item{'s' if count != 1 else ''} still "
        f"need{'s' if count == 1 else ''} a ruling: {listed}{more}."
    )


def unfinished_findings(draft: DraftOrder) -> list[str]:
    """The sections whose findings are still to be completed (they carry the
    marker): such a draft goes neither to the judge nor onto the docket."""
    if draft.uploaded_docx:
        import io

        import docx

        with draft.uploaded_docx.open("rb") as handle:
            document = docx.Document(io.BytesIO(handle.read()))
        texts = [p.text for p in document.paragraphs]
        if any(drafting.FINDINGS_TO_COMPLETE in text for text in texts):
            return ["the uploaded .docx"]
        return []
    return [
        section.label
        for section in drafting.editable_sections(draft.motion, draft.content)
        if drafting.FINDINGS_TO_COMPLETE in section.text
    ]


def _unfinished_message(labels: list[str]) -> str:
    return (
        f"The findings are still to be completed in: {'; '.join(labels)}. Record "
        "the facts found for those items as findings notes on the motion page and "
        "rebuild the draft, or write the findings into the section."
    )


@transaction.atomic
def send_to_judge(
    request: HttpRequest | None, draft: DraftOrder, *, actor: Any = None
) -> DraftOrder:
    """Send the clerk's draft to the judge; its files are rendered on the way."""
    actor = _actor(request, actor)
    if actor is not None and not can_prepare(actor):
        raise PermissionDenied("Only the clerk sends a draft to the judge.")
    _require_current_open(draft)
    if draft.awaiting_judge:
        raise OrderFlowError("This draft is already with the judge.")
    undecided = drafting.undecided_items(draft.motion)
    if undecided:
        raise OrderFlowError(_undecided_message(undecided))
    unfinished = unfinished_findings(draft)
    if unfinished:
        raise OrderFlowError(_unfinished_message(unfinished))
    if draft.motion.state != MotionState.UNDER_REVIEW:
        raise OrderFlowError("Only a motion under review can be decided by order.")
    DraftOrder.objects.filter(pk=draft.pk).update(
        status=DraftStatus.RENDERING,
        sent_by=actor,
        sent_at=timezone.now(),
        render_status=ProcessingStatus.QUEUED,
        error_message="",
    )
    draft.refresh_from_db()
    quotes = quoted_sealed_material(draft)
    _record(
        request,
        draft,
        actor,
        step="sent to the judge",
        sealed_material_quoted=[str(match) for match in quotes.matches][:20],
    )
    _queue_render(draft)
    return draft


@transaction.atomic
def add_comment(
    request: HttpRequest | None, draft: DraftOrder, text: str, *, actor: Any = None
) -> DraftComment:
    actor = _actor(request, actor)
    text = text.strip()
    if not text:
        raise OrderFlowError("A comment cannot be empty.")
    comment = DraftComment.objects.create(draft=draft, author=actor, text=text)
    _record(request, draft, actor, step="commented", comment=text[:500])
    return comment


@transaction.atomic
def return_to_clerk(
    request: HttpRequest | None, draft: DraftOrder, comments: str, *, actor: Any = None
) -> DraftOrder:
    actor = _actor(request, actor)
    if not can_review(actor, draft.motion):
        raise PermissionDenied("Only the judge returns a draft.")
    _require_current_open(draft)
    if not draft.awaiting_judge:
        raise OrderFlowError("Only a draft sent to the judge can be returned.")
    if not comments.strip():
        raise OrderFlowError("Say what the clerk should change.")
    DraftComment.objects.create(draft=draft, author=actor, text=comments.strip())
    DraftOrder.objects.filter(pk=draft.pk).update(status=DraftStatus.RETURNED)
    draft.refresh_from_db()
    _record(request, draft, actor, step="returned", comments=comments.strip()[:500])
    return draft


@transaction.atomic
def edit_sections(
    request: HttpRequest | None,
    draft: DraftOrder,
    submitted: Mapping[str, str],
    *,
    actor: Any = None,
) -> DraftOrder:
    """The section texts as edited in the browser, kept as a new version."""
    actor = _actor(request, actor)
    if not can_edit(actor, draft):
        raise PermissionDenied("This draft cannot be edited by you now.")
    _require_current_open(draft)
    if draft.uploaded_docx:
        raise OrderFlowError(
            f"Version {draft.version} is the uploaded .docx, whose text is in that "
            "file: upload a further revision to change it."
        )
    try:
        edits = drafting.changed_content(draft.motion, submitted)
    except drafting.DraftingError as problem:
        raise OrderFlowError(str(problem)) from None
    content = {**draft.content, **edits}
    # A text edited back to the built one no longer needs keeping.
    for section in drafting.built_sections(draft.motion):
        if section.key in submitted and section.key not in edits:
            content.pop(section.key, None)
    if content == draft.content:
        raise OrderFlowError("No section text was changed.")
    by_judge = draft.awaiting_judge
    new = _new_version(
        draft.motion,
        actor=actor,
        source=DraftSource.EDITED,
        status=DraftStatus.RENDERING if by_judge else DraftStatus.DRAFTING,
        content=content,
        sealed=draft.sealed,
        public_redactions=draft.public_redactions,
    )
    if by_judge:
        DraftOrder.objects.filter(pk=new.pk).update(
            sent_by=draft.sent_by, sent_at=draft.sent_at
        )
    _record(
        request,
        new,
        actor,
        step="edited",
        previous_version=draft.version,
        sections=sorted(set(content) ^ set(draft.content) | set(edits)),
    )
    _queue_render(new)
    return new


def read_docx_upload(data: bytes) -> None:
    """Refuse anything that is not a Word document python-docx can open."""
    if len(data) > MAX_DOCX_BYTES:
        raise OrderFlowError("The revised order is over the 20 MB limit.")
    if not data.startswith(DOCX_MAGIC):
        raise OrderFlowError("The revised order must be a .docx (Word) document.")
    import io

    import docx

    try:
        docx.Document(io.BytesIO(data))
    except Exception:
        raise OrderFlowError(
            "The revised order could not be opened as a Word document."
        ) from None


@transaction.atomic
def upload_docx(
    request: HttpRequest | None, draft: DraftOrder, data: bytes, *, actor: Any = None
) -> DraftOrder:
    """Keep the chambers' revised .docx as a new version, exactly as uploaded."""
    actor = _actor(request, actor)
    if not can_edit(actor, draft):
        raise PermissionDenied("This draft cannot be revised by you now.")
    _require_current_open(draft)
    if draft.sealed:
        raise OrderFlowError(SEALED_NEEDS_SECTION_TEXTS)
    read_docx_upload(data)
    by_judge = draft.awaiting_judge
    new = _new_version(
        draft.motion,
        actor=actor,
        source=DraftSource.UPLOADED,
        status=DraftStatus.RENDERING if by_judge else DraftStatus.DRAFTING,
        content=draft.content,
        sealed=draft.sealed,
        public_redactions=draft.public_redactions,
    )
    new.uploaded_docx.save("revised.docx", ContentFile(data), save=False)
    DraftOrder.objects.filter(pk=new.pk).update(
        uploaded_docx=new.uploaded_docx.name,
        sent_by=draft.sent_by if by_judge else None,
        sent_at=draft.sent_at if by_judge else None,
    )
    new.refresh_from_db()
    _record(
        request,
        new,
        actor,
        step="revised .docx uploaded",
        bytes=len(data),
        previous_version=draft.version,
    )
    _queue_render(new)
    return new


@transaction.atomic
def mark_sealed(
    request: HttpRequest | None, draft: DraftOrder, sealed: bool, *, actor: Any = None
) -> DraftOrder:
    """The clerk's mark: the order quotes sealed material."""
    actor = _actor(request, actor)
    if not can_prepare(actor):
        raise PermissionDenied(
            "Only the clerk marks an order as quoting sealed material."
        )
    _require_current_open(draft)
    if draft.awaiting_judge:
        raise OrderFlowError(
            "The draft is with the judge, who reviews it as it stands: ask the judge "
            "to return it before changing whether the order is sealed."
        )
    if sealed and draft.uploaded_docx:
        raise OrderFlowError(
            f"Version {draft.version} is an uploaded .docx, from which no public "
            "redacted version can be made. Rebuild the draft from the rulings (and "
            "carry the chambers' changes into its section texts) before marking it "
            "as quoting sealed material."
        )
    DraftOrder.objects.filter(pk=draft.pk).update(sealed=sealed)
    draft.refresh_from_db()
    _record(request, draft, actor, step="marked sealed" if sealed else "marked public")
    return draft


@transaction.atomic
def choose_public_redactions(
    request: HttpRequest | None,
    draft: DraftOrder,
    chosen: Mapping[str, bool | str],
    *,
    actor: Any = None,
) -> DraftOrder:
    """The clerk's choice of what the public version of a sealed order leaves
    out (keys as ``drafting.public_choices`` lists them)."""
    actor = _actor(request, actor)
    if not can_prepare(actor):
        raise PermissionDenied("Only the clerk prepares the public version.")
    _require_current_open(draft)
    if draft.awaiting_judge:
        raise OrderFlowError(
            "The draft is with the judge: ask the judge to return it before "
            "changing its public version."
        )
    if not draft.sealed:
        raise OrderFlowError(
            "The order is entered as public; mark it as quoting sealed material "
            "before choosing what its public version leaves out."
        )
    modes = {
        choice.key: choice.modes
        for choice in drafting.public_choices(draft.motion, draft.content, {})
    }
    unknown = set(chosen) - set(modes)
    if unknown:
        raise OrderFlowError(f"Not a part of this order: {', '.join(sorted(unknown))}.")
    redactions = {key: drafting.leave_out_mode(chosen[key]) for key in sorted(chosen)}
    wrong = sorted(key for key, mode in redactions.items() if mode not in modes[key])
    if wrong:
        raise OrderFlowError(f"Not a choice for these texts: {', '.join(wrong)}.")
    DraftOrder.objects.filter(pk=draft.pk).update(public_redactions=redactions)
    draft.refresh_from_db()
    _record(
        request,
        draft,
        actor,
        step="public version chosen",
        left_out={
            key: mode
            for key, mode in redactions.items()
            if mode != drafting.LEAVE_OUT_NOTHING
        },
    )
    return draft


def public_preview_pdf(draft: DraftOrder) -> bytes:
    """The public version of the sealed order as it would be entered today."""
    order = drafting.build_order(
        draft.motion,
        content=draft.content,
        order_date=draft.order_date or timezone.localdate(),
        public_redacted=True,
        public_redactions=draft.public_redactions,
    )
    return render_order_pdf(order)


# --- Approval and entry -------------------------------------------------------------


def person_name(user: Any) -> str:
    """How the court's pages name a user: a judge by the name the judge signs
    with ("George W. Foley, Jr."), anyone else by full name or user name."""
    if user is None:
        return "\u2014"
    judge = getattr(user, "judge", None)
    if judge is not None:
        return judge.name
    return user.get_full_name() or user.get_username()


def signer_name_and_title(user: Any) -> tuple[str, str]:
    judge = getattr(user, "judge", None)
    if judge is not None:
        return judge.name, judge.title
    name = user.get_full_name() or user.get_username()
    return name, "United States District Judge"


def _regions(function_name: str, document: Document) -> list[dict[str, Any]]:
    """Regions from sealing.regions when that module provides them, else []."""
    try:
        from sealing import regions
    except ImportError:
        return []
    function = getattr(regions, function_name, None)
    if function is None:
        return []
    found = function(document)
    return [
        region.to_dict()
        if hasattr(region, "to_dict")
        else dataclasses.asdict(region)
        if dataclasses.is_dataclass(region)
        else dict(region)
        for region in found
    ]


def _docket_text(
    motion: MotionToSeal,
    outcome: str,
    signer: str,
    title: str,
    signed_on: date,
    due: date | None,
    sealed: bool,
) -> str:
    text = (
        f"ORDER {outcome} {motion.title} (#{motion.entry.number}). "
        f"Signed by {title} {signer} on {signed_on:%m/%d/%Y}."
    )
    if due is not None:
        text += f" Redacted versions due by {due:%m/%d/%Y}."
    if sealed:
        text += " (SEALED; public redacted version attached.)"
    return text


def _outcome_words(items: list[SealingItem]) -> str:
    rulings = {item.ruling for item in items}
    if rulings <= set(drafting.GRANTING) and "granted_in_part" not in rulings:
        return "granting"
    if rulings <= set(drafting.DENYING):
        return "denying"
    return "granting in part and denying in part"


@transaction.atomic
def approve(
    request: HttpRequest | None,
    draft: DraftOrder,
    *,
    actor: Any = None,
    signed_on: date | None = None,
) -> DocketEntry:
    """The judge signs the draft; the order is entered and its rulings take effect."""
    actor = _actor(request, actor)
    motion = draft.motion
    if actor is None or not can_review(actor, motion):
        raise PermissionDenied("Only the judge signs the order.")
    _require_current_open(draft)
    if draft.status != DraftStatus.SENT_TO_JUDGE:
        raise OrderFlowError(
            "The draft can be signed once it has been sent to you and its files "
            "are ready."
        )
    # The judge signs what he reviewed: the files rendered from these rulings.
    if rulings_changed(draft):
        raise OrderFlowError(RULINGS_CHANGED)
    items = drafting.motion_items(motion)
    undecided = [item for item in items if not item.ruling]
    if undecided:
        raise OrderFlowError(_undecided_message(undecided))
    unfinished = unfinished_findings(draft)
    if unfinished:
        raise OrderFlowError(_unfinished_message(unfinished))
    if motion.state != MotionState.UNDER_REVIEW:
        raise OrderFlowError("Only a motion under review can be decided by order.")
    signed_on = signed_on or timezone.localdate()
    name, title = signer_name_and_title(actor)
    signature = f"/s/ {name}"
    order = drafting.build_order(
        motion,
        content=draft.content,
        order_date=signed_on,
        signature=signature,
        signing_judge_name=name,
        signing_judge_title=title,
    )
    problem = deadline_problem(draft, signed_on, order=order)
    if problem:
        raise OrderFlowError(problem)
    if draft.sealed and draft.uploaded_docx:
        raise OrderFlowError(SEALED_NEEDS_SECTION_TEXTS)
    public = None
    if draft.sealed:
        public = drafting.build_order(
            motion,
            content=draft.content,
            order_date=signed_on,
            signature=signature,
            signing_judge_name=name,
            signing_judge_title=title,
            public_redacted=True,
            public_redactions=draft.public_redactions,
        )
    # Nothing the order seals goes onto the public docket in its own text.
    quotes = quoted_sealed_material(draft, order=order, public=public)
    if quotes.matches:
        raise OrderFlowError(quotes.message())
    if draft.uploaded_docx:
        pdf, docx = _sign_uploaded(draft, order)
    else:
        pdf = render_order_pdf(order)
        docx = render_order_docx(order)
    public_pdf = render_order_pdf(public) if public is not None else None
    # Redacted versions are due for what is sealed in part, never for a
    # document sealed in its entirety.
    whole = drafting.sealed_whole(items)
    partial = [
        item
        for item in items
        if item.ruling in drafting.GRANTING and item.target_id not in whole
    ]
    stated_due = redaction_due(draft, signed_on)
    due = stated_due if partial else None
    entry = _enter_on_docket(
        request,
        draft,
        actor=actor,
        pdf=pdf,
        public_pdf=public_pdf,
        text=_docket_text(
            motion, _outcome_words(items), name, title, signed_on, due, draft.sealed
        ),
        signed_on=signed_on,
    )
    draft.signed_pdf.save("signed.pdf", ContentFile(pdf), save=False)
    draft.signed_docx.save("signed.docx", ContentFile(docx), save=False)
    if public_pdf is not None:
        draft.public_pdf.save("public.pdf", ContentFile(public_pdf), save=False)
    DraftOrder.objects.filter(pk=draft.pk).update(
        status=DraftStatus.ENTERED,
        signed_by=actor,
        signed_at=timezone.now(),
        signature=signature,
        order_date=signed_on,
        redaction_due=stated_due,
        signed_pdf=draft.signed_pdf.name,
        signed_docx=draft.signed_docx.name,
        public_pdf=draft.public_pdf.name if public_pdf is not None else "",
        entry=entry,
    )
    draft.refresh_from_db()
    _record(
        request,
        draft,
        actor,
        step="approved and signed",
        entry=entry.number,
        signature=signature,
    )
    _take_effect(request, motion, items, entry=entry, actor=actor, due=due)
    notices.notify_counsel(request, motion.case, entry)
    return entry


def _ordering_paragraphs_of_docx(data: bytes) -> list[str]:
    """The paragraphs of a .docx that order something ("IT IS ... ORDERED")."""
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if "ORDERED" in p.text]


def ordering_paragraphs(draft: DraftOrder) -> list[str]:
    """The ordering paragraphs as the version states them, deadline fields
    unfilled: the section text, or the paragraphs of the uploaded .docx that
    order something."""
    if draft.uploaded_docx:
        with draft.uploaded_docx.open("rb") as handle:
            return _ordering_paragraphs_of_docx(handle.read())
    sections = drafting.editable_sections(draft.motion, draft.content)
    return [next(s.text for s in sections if s.key == "ordering")]


def order_period(draft: DraftOrder) -> int:
    """The period for redacted versions, in days, that the docket will use: the
    one the order's text states (the judge's call), else the court's default."""
    return drafting.period_days(draft.motion.case.court, ordering_paragraphs(draft))


def redaction_due(draft: DraftOrder, signed_on: date) -> date:
    """The redaction deadline of ``draft`` signed on ``signed_on``."""
    court = draft.motion.case.court
    return drafting.redaction_due_date(court, signed_on, order_period(draft))


def deadline_problem(
    draft: DraftOrder, signed_on: date, *, order: OrderDocument | None = None
) -> str | None:
    """Why ``draft`` cannot be signed on ``signed_on`` as it reads: its ordering
    paragraphs state two periods for the redacted versions, or a deadline other
    than the one the docket will get. None when they agree.

    The judge decides the period: when the text states one ("twenty-one (21)
    days"), the deadline is counted from it under Fed. R. Civ. P. 6(a) and the
    docket uses it; without one, the court's default applies. Edited section
    texts and an uploaded .docx are read alike. A date the text states must be
    the one so counted: the app refuses to enter an order whose text and docket
    would disagree rather than guess which of the two the judge meant.
    """
    motion = draft.motion
    court = motion.case.court
    stated = ordering_paragraphs(draft)
    try:
        days = drafting.ordered_period(stated)
    except drafting.PeriodConflict as conflict:
        return f"{conflict} {_how_to_fix(draft)}"
    days = court.redaction_days if days is None else days
    due = drafting.redaction_due_date(court, signed_on, days)
    if draft.uploaded_docx:
        paragraphs = stated
    else:
        order = order or drafting.build_order(
            motion, content=draft.content, order_date=signed_on
        )
        paragraphs = list(order.ordering_paragraphs)
    written = drafting.deadline_disagreement(paragraphs, due, order_date=signed_on)
    if written is None:
        return None
    return (
        f"The order states the deadline as \u201c{written}\u201d, but "
        f"{drafting.number_words(days)} days from signing on {signed_on:%B} "
        f"{signed_on.day}, {signed_on.year} is {drafting.long_due_date(due)} "
        "(Fed. R. Civ. P. 6(a)), the date the docket will show. "
        f"{_how_to_fix(draft)}"
    )


def _how_to_fix(draft: DraftOrder) -> str:
    if draft.uploaded_docx:
        return (
            "Upload a revision of the .docx that states one period and the date "
            "counted from it, before signing."
        )
    return (
        "Edit the ordering paragraphs: state one period (or write "
        f"\u201c{drafting.PERIOD_FIELD}\u201d for the court's) and write "
        f"\u201c{drafting.DUE_DATE_FIELD}\u201d where the deadline goes; the order "
        "fills it in, counted from that period, on the day it is signed."
    )


def _sign_uploaded(draft: DraftOrder, order: OrderDocument) -> tuple[bytes, bytes]:
    """The chambers' revised .docx, dated and signed, and its PDF."""
    with draft.uploaded_docx.open("rb") as handle:
        signed = sign_docx(handle.read(), order)
    try:
        return order_jobs.docx_to_pdf(signed), signed
    except order_jobs.ConversionUnavailable as problem:
        raise OrderFlowError(str(problem)) from None


_BLANK_DATE_LINES = ("DATED this ____", "Dated: ____")


def sign_docx(data: bytes, order: OrderDocument) -> bytes:
    """Date and sign a draft .docx as the renderer wrote it (and the chambers
    revised it): the draft marks go, the blank date line gets the date, and the
    empty ruled line above the judge's name gets the e-signature."""
    import io

    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(data))
    for section in document.sections:
        for paragraph in section.header.paragraphs:
            for run in paragraph.runs:
                if "DRAFT" in run.text:
                    run.text = ""
    for table in list(document.tables):
        first = table.rows[0].cells[0].text.strip() if table.rows else ""
        if first.startswith("DRAFT \u2014 UNDECIDED ITEMS"):
            table._tbl.getparent().remove(table._tbl)
    paragraphs = document.paragraphs
    date_at = next(
        (
            i
            for i, p in enumerate(paragraphs)
            if p.text.strip().startswith(_BLANK_DATE_LINES)
        ),
        None,
    )
    line_at = None
    if date_at is not None:
        line_at = next(
            (
                i
                for i in range(date_at + 1, min(date_at + 5, len(paragraphs)))
                if not paragraphs[i].text.strip()
                and paragraphs[i]._p.pPr is not None
                and paragraphs[i]._p.pPr.find(qn("w:pBdr")) is not None
            ),
            None,
        )
    if date_at is None or line_at is None:
        raise OrderFlowError(
            "The revised .docx has no blank date line (“DATED this ____ …”) with "
            "the signature line below it; keep the signature block as drafted so "
            "that the order can be signed."
        )
    date_paragraph = paragraphs[date_at]
    for run in date_paragraph.runs[1:]:
        run.text = ""
    if date_paragraph.runs:
        date_paragraph.runs[0].text = date_line(order)
    else:
        date_paragraph.add_run(date_line(order))
    paragraphs[line_at].add_run(order.signature or "")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _enter_on_docket(
    request: HttpRequest | None,
    draft: DraftOrder,
    *,
    actor: Any,
    pdf: bytes,
    public_pdf: bytes | None,
    text: str,
    signed_on: date,
) -> DocketEntry:
    motion = draft.motion
    case = motion.case
    # Lock the case row so that concurrent entries get consecutive numbers.
    Case.objects.select_for_update().filter(pk=case.pk).first()
    number = (case.entries.aggregate(n=Max("number"))["n"] or 0) + 1
    entry = DocketEntry.objects.create(
        case=case,
        number=number,
        filed_on=signed_on,
        filed_by=actor,
        filer=None,
        text=text,
        kind=DocketEntry.Kind.ORDER,
        relates_to=motion.entry,
    )
    sealed = public_pdf is not None
    document = Document.objects.create(
        entry=entry,
        attachment_number=0,
        description=f"Order on {motion.title}",
        access=Access.SEALED if sealed else Access.PUBLIC,
    )
    intake.store_file(
        document,
        DocumentFile.Role.ORIGINAL,
        pdf,
        uploaded_by=actor,
        original_name=f"order-{number}.pdf",
        request=request,
    )
    if public_pdf is not None:
        intake.store_file(
            document,
            DocumentFile.Role.PUBLIC_REDACTED,
            public_pdf,
            uploaded_by=actor,
            original_name=f"order-{number}-public.pdf",
            request=request,
        )
    access.record(
        request,
        AuditEvent.Action.FILE,
        entry,
        case=case,
        actor=actor,
        number=number,
        access=document.access,
        order_on_motion=motion.pk,
        draft_version=draft.version,
    )
    if sealed:
        access.record(
            request,
            AuditEvent.Action.SEAL,
            document,
            case=case,
            actor=actor,
            reason="the order quotes sealed material",
        )
    return entry


def _take_effect(
    request: HttpRequest | None,
    motion: MotionToSeal,
    items: list[SealingItem],
    *,
    entry: DocketEntry,
    actor: Any,
    due: date | None,
) -> None:
    """Seal the granted items' documents, set the redacted-version deadlines
    (none for a document sealed in its entirety, which has no public version),
    and move the motion on."""
    by_document: dict[int, list[SealingItem]] = {}
    for item in items:
        if item.ruling in drafting.GRANTING:
            by_document.setdefault(item.target_id, []).append(item)
    whole = drafting.sealed_whole(items)
    dues = 0
    for document_items in by_document.values():
        document = document_items[0].target
        access.change_access(
            request, document, Access.SEALED, actor=actor, order=entry.number
        )
        if document.pk in whole:
            continue
        dues += 1
        portions = "; ".join(
            dict.fromkeys(sealed_portions_text(item) for item in document_items)
        )
        PublicVersionDue.objects.create(
            document=document,
            party=responsible_party(motion, document),
            due_on=due,
            order_entry=entry,
            regions=_regions("approved_regions", document),
            denied_regions=_regions("denied_regions", document),
            portions_text=portions,
        )
    # The court's own public versions, from the approved regions (#5).
    redaction.queue_for_order(entry, actor=actor)
    from sealing.triage import move_motion

    move_motion(
        request,
        motion,
        MotionState.DECIDED,
        note=f"Order #{entry.number}.",
        actor=actor,
    )
    if dues:
        move_motion(
            request,
            motion,
            MotionState.REDACTIONS_DUE,
            deadline=due,
            note=f"Redacted versions due under order #{entry.number}.",
            actor=actor,
        )


def responsible_party(motion: MotionToSeal, document: Document) -> Party | None:
    """Who must file the redacted version of ``document``: the party that filed
    it; for a paper no party filed (a hearing transcript), the party that
    designated the material confidential, else the movant that filed the motion
    to seal, else the first movant. Only a motion without movants leaves no one."""
    if document.entry.filer_id is not None:
        return document.entry.filer
    if motion.designating_party_id is not None:
        return motion.designating_party
    movants = list(motion.movants.order_by("pk"))
    filer = motion.entry.filer
    if filer is not None and filer in movants:
        return filer
    return movants[0] if movants else None
