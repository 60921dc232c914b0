"""Motions to seal, their items, and the history of every change made to them.

A motion to seal is itself a docket entry; its items name the documents (entries or
attachments of the same case) and the exact portions to seal, the ground and the
movant's reason, and then the court's side: the standard that applies and why, the
findings, the clerk's recommendation and the ruling. Nothing here is ever deleted:
motions and items refuse ``delete()``, each change of state is a
``MotionStateChange`` row and each change of an item an ``ItemChange`` row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from filings.models import (
    AppendOnlyModel,
    Case,
    DocketEntry,
    Document,
    Party,
    UndeletableModel,
    UndeletableQuerySet,
)


def standard_choices() -> list[tuple[str, str]]:
    from sealing.standards import Standard

    return Standard.choices()


def ground_choices() -> list[tuple[str, str]]:
    from sealing.standards import Ground

    return Ground.choices()


class MotionState(models.TextChoices):
    LODGED = "lodged", "Lodged"
    AWAITING_DESIGNATING_PARTY = "awaiting_designator", "Awaiting the designating party"
    RESPONSE_WINDOW = "response_window", "Response window open"
    UNDER_REVIEW = "under_review", "Under review"
    DECIDED = "decided", "Decided"
    REDACTIONS_DUE = "redactions_due", "Redacted versions due"
    CLOSED = "closed", "Closed"


# States in which the order is signed: the items are as the judge ruled on them.
DECIDED_STATES = (MotionState.DECIDED, MotionState.REDACTIONS_DUE, MotionState.CLOSED)


class Ruling(models.TextChoices):
    GRANTED = "granted", "Granted"
    GRANTED_IN_PART = "granted_in_part", "Granted in part"
    DENIED = "denied", "Denied"
    DENIED_WITHOUT_PREJUDICE = (
        "denied_wop",
        "Denied without prejudice to a narrower request",
    )


class MotionToSeal(UndeletableModel):
    """A motion to seal or redact, tied to the docket entry that filed it."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="motions_to_seal"
    )
    entry = models.OneToOneField(
        DocketEntry,
        on_delete=models.PROTECT,
        related_name="motion_to_seal",
        help_text="The docket entry of the motion itself (it is public even when "
        "the material is lodged under seal).",
    )
    title = models.CharField(
        max_length=300,
        help_text="As the order will name it, e.g. 'Joint Motion to Seal and/or "
        "Redact Portions of Record'.",
    )
    movants = models.ManyToManyField(
        Party, related_name="motions_to_seal", help_text="The parties who move."
    )
    joint = models.BooleanField(
        default=False, help_text="Whether the parties move together (a stipulation)."
    )
    designating_party = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="designated_motions",
        help_text="The party that marked the material confidential, when it is not "
        "a movant; it must support the request itself.",
    )
    state = models.CharField(
        max_length=20,
        choices=MotionState.choices,
        default=MotionState.LODGED,
        db_index=True,
        help_text="Where the motion is in the workflow.",
    )
    state_changed_at = models.DateTimeField(
        help_text="When the motion entered its current state."
    )
    next_deadline = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="The due date that ends the current state (designating party's "
        "support, responses, redacted versions); empty if none runs.",
    )
    queue_deadline = models.DateField(
        default=date.max,
        editable=False,
        help_text="The next deadline, or the last representable day when none runs: "
        "the queue sorts on it with an index (kept by save()).",
    )
    filed_on = models.DateField(
        editable=False,
        help_text="When the motion was filed (its docket entry's date), for the "
        "queue's age and order.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="motions_to_seal_created",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["queue_deadline", "filed_on", "pk"]
        verbose_name = "motion to seal"
        verbose_name_plural = "motions to seal"
        indexes = [
            # Due soonest, then oldest: the clerk's queue reads this index in order.
            models.Index(
                fields=["queue_deadline", "filed_on", "id"], name="motion_queue_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (#{self.entry.number})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.queue_deadline = self.next_deadline or date.max
        if self.filed_on is None and self.entry_id:
            self.filed_on = self.entry.filed_on
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "next_deadline" in update_fields:
            kwargs["update_fields"] = {*update_fields, "queue_deadline"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.entry_id and self.case_id and self.entry.case_id != self.case_id:
            raise ValidationError("The motion's docket entry must be in the same case.")
        if (
            self.designating_party_id
            and self.case_id
            and self.designating_party.case_id != self.case_id
        ):
            raise ValidationError("The designating party must be a party to the case.")


class MotionStateChange(AppendOnlyModel):
    """One move of a motion from one state to another: append-only."""

    motion = models.ForeignKey(
        MotionToSeal, on_delete=models.PROTECT, related_name="state_changes"
    )
    from_state = models.CharField(
        max_length=20, choices=MotionState.choices, blank=True
    )
    to_state = models.CharField(max_length=20, choices=MotionState.choices)
    at = models.DateTimeField(
        default=timezone.now,
        help_text="When the motion entered the state; the motion's "
        "state_changed_at is the latest of these.",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline = models.DateField(
        null=True, blank=True, help_text="The due date set when entering the state."
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state or 'new'} → {self.to_state}"


# The court's side of an item. A change to any of them is written, with its
# ItemChange row, by sealing.triage alone (record_item_changes); saving them any
# other way is refused, so the history cannot miss a change.
COURT_SIDE_FIELDS = frozenset(
    {
        "ground",
        "declaration_text",
        "standard",
        "standard_explanation",
        "standard_facts",
        "previous_standard",
        "standard_changed_at",
        "findings",
        "findings_override",
        "recommendation",
        "ruling",
        "ruling_reason",
        "granted_portions",
        "note",
        "review_needed",
        "withdrawn",
        "withdrawal_reason",
    }
)

_recording = ContextVar("sealing_item_changes_recorded", default=False)


class UnrecordedItemChange(Exception):
    """A court-side field of an item was about to change without its history."""


@contextmanager
def recording_item_changes() -> Iterator[None]:
    """Allow writing court-side fields: for the code that writes their history."""
    token = _recording.set(True)
    try:
        yield
    finally:
        _recording.reset(token)


def refuse_unrecorded(fields: Iterable[str]) -> None:
    touched = COURT_SIDE_FIELDS.intersection(fields)
    if touched and not _recording.get():
        raise UnrecordedItemChange(
            f"{', '.join(sorted(touched))} of a sealing item change only through "
            "sealing.triage, which keeps every change in the item's history."
        )


class SealingItemQuerySet(UndeletableQuerySet):
    def update(self, **kwargs: Any) -> int:
        refuse_unrecorded(kwargs)
        return super().update(**kwargs)

    def not_withdrawn(self) -> SealingItemQuerySet:
        """The items the motion still asks for: the ones the order rules on."""
        return self.filter(withdrawn=False)


class SealingItem(UndeletableModel):
    """One thing the motion asks to seal: a document, its portions, and why.

    One line of the movant's list can name several documents ("#94-1, 94-2"); each
    document is its own item, and ``listed_as`` keeps them together.
    """

    objects = SealingItemQuerySet.as_manager()

    motion = models.ForeignKey(
        MotionToSeal, on_delete=models.PROTECT, related_name="items"
    )
    listed_as = models.PositiveIntegerField(
        help_text="The number of the line in the movant's list that names this item."
    )
    source_text = models.TextField(
        help_text="The line as the movant wrote it, kept verbatim."
    )
    target = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        related_name="sealing_items",
        help_text="The docket entry or attachment to seal or redact (same case).",
    )
    target_description = models.CharField(
        max_length=300, blank=True, help_text="How the movant named the document."
    )
    portions = models.JSONField(
        default=list,
        help_text="The portions as parsed: a list of portion dicts "
        "(kind document/pages/lines/paragraphs/footnote).",
    )
    portions_text = models.CharField(
        max_length=500, help_text="The portions in the court's notation."
    )
    ground = models.CharField(
        max_length=30, choices=ground_choices, help_text="Why the movant asks."
    )
    stated_reason = models.TextField(
        blank=True, help_text="The movant's reason, e.g. the line's parenthetical."
    )
    declaration = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supported_sealing_items",
        help_text="The declaration the request relies on, if it is on the docket.",
    )
    declaration_text = models.CharField(
        max_length=300,
        blank=True,
        help_text="The declaration as cited, e.g. 'Lane Decl. ¶¶ 4-9 (#187)'.",
    )
    standard = models.CharField(
        max_length=30,
        choices=standard_choices,
        blank=True,
        help_text="The standard the court's profile applies; empty until the "
        "filing's facts decide it.",
    )
    standard_explanation = models.TextField(
        blank=True,
        help_text="Why that standard applies, in a sentence a judge could sign; or "
        "which fact the clerk must record first.",
    )
    standard_facts = models.JSONField(
        default=dict, help_text="The filing facts the standard was derived from."
    )
    previous_standard = models.CharField(
        max_length=30,
        choices=standard_choices,
        blank=True,
        help_text="The standard before the last re-derivation changed it.",
    )
    standard_changed_at = models.DateTimeField(null=True, blank=True)
    findings = models.JSONField(
        default=dict,
        help_text="Checklist code → {'met': true/false/null, 'note': text}.",
    )
    findings_override = models.TextField(
        blank=True,
        help_text="Why the court grants although not every finding of the checklist "
        "is met, written by the clerk; empty when the findings support the grant. "
        "Shown with the item and kept in its history.",
    )
    recommendation = models.CharField(
        max_length=20,
        choices=Ruling.choices,
        blank=True,
        help_text="The clerk's recommendation to the judge.",
    )
    ruling = models.CharField(
        max_length=20,
        choices=Ruling.choices,
        blank=True,
        db_index=True,
        help_text="The court's ruling on this item; empty until decided.",
    )
    ruling_reason = models.TextField(
        blank=True, help_text="Why, as the order will state it."
    )
    granted_portions = models.CharField(
        max_length=500,
        blank=True,
        help_text="For a ruling of granted in part: the portions the Court seals, "
        "in the court's notation and within the portions requested; the rest of "
        "the request is denied. Empty for any other ruling.",
    )
    note = models.TextField(blank=True, help_text="Chambers' working note.")
    withdrawn = models.BooleanField(
        default=False,
        db_index=True,
        help_text="The movant withdrew the item (or it was listed by mistake): it "
        "is kept with its history but left out of the counts, the order and the "
        "redactions, until restored.",
    )
    withdrawal_reason = models.TextField(
        blank=True, help_text="Why the item was withdrawn, as the clerk recorded it."
    )
    review_needed = models.CharField(
        max_length=500,
        blank=True,
        help_text="Why the clerk must look at the item again, e.g. its standard "
        "changed after a ruling, which was cleared; empty once ruled again.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["motion", "listed_as", "pk"]
        indexes = [models.Index(fields=["motion", "ruling"])]

    def __str__(self) -> str:
        return f"#{self.target.docket_ref} {self.portions_text}"

    def clean(self) -> None:
        wrong_case = "{} must be a document of the motion's own case."
        if self.target_id and self.motion_id and not self._same_case(self.target):
            raise ValidationError(wrong_case.format("The item's target"))
        if (
            self.declaration_id
            and self.motion_id
            and not self._same_case(self.declaration)
        ):
            raise ValidationError(wrong_case.format("The declaration"))

    def _same_case(self, document: Document) -> bool:
        return document.entry.case_id == self.motion.case_id

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            refuse_unrecorded(kwargs.get("update_fields") or COURT_SIDE_FIELDS)
        # A document of another case must never be sealed by this motion's order.
        self.clean()
        super().save(*args, **kwargs)


class ItemChange(AppendOnlyModel):
    """One field of an item changed: who, when, before and after. Append-only."""

    item = models.ForeignKey(
        SealingItem, on_delete=models.PROTECT, related_name="changes"
    )
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    field = models.CharField(max_length=40)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    context = models.CharField(
        max_length=200,
        blank=True,
        help_text="What caused it: 'bulk action', 'facts of #12 changed', ...",
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"item {self.item_id}: {self.field}"


# Models of the other parts of the sealing app, kept in their own modules.
from sealing.order_models import *  # noqa: E402,F401,F403
from sealing.region_models import *  # noqa: E402,F401,F403
