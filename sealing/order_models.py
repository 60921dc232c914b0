"""Draft orders on motions to seal and their versions (models).

Every draft is a numbered version of the order on one motion: building the
draft, the judge's edits in the browser and an uploaded revised .docx each add
a version, and none is ever deleted or overwritten. A version's rendered PDF
and .docx go through Django's storage; the render job records its progress on
the version (``render_status``, ``error_message``) so that the page can show
it. Approval signs one version and records the docket entry it became.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from filings.models import (
    AppendOnlyModel,
    DocketEntry,
    ProcessingStatus,
    UndeletableModel,
)

__all__ = [
    "DraftComment",
    "DraftOrder",
    "DraftSource",
    "DraftStatus",
]


class DraftStatus(models.TextChoices):
    DRAFTING = "drafting", "Being drafted by the clerk"
    RENDERING = "rendering", "Sent to the judge; files being prepared"
    SENT_TO_JUDGE = "sent_to_judge", "Awaiting the judge's review"
    RETURNED = "returned", "Returned to the clerk with comments"
    APPROVED = "approved", "Approved and signed"
    ENTERED = "entered", "Entered on the docket"
    SUPERSEDED = "superseded", "Superseded by a later version"


# The judge's queue: versions the clerk sent and the judge has not decided on.
AWAITING_JUDGE = (DraftStatus.RENDERING, DraftStatus.SENT_TO_JUDGE)


class DraftSource(models.TextChoices):
    BUILT = "built", "Built from the rulings"
    EDITED = "edited", "Section texts edited in the browser"
    UPLOADED = "uploaded", "Revised .docx uploaded"


def draft_file_path(instance: DraftOrder, filename: str) -> str:
    # Names say which version and which rendering, never anything about content.
    motion = instance.motion
    return f"orders/{motion.case_id}/motion-{motion.pk}/v{instance.version}-{filename}"


class DraftOrder(UndeletableModel):
    """One version of the order on a motion to seal."""

    motion = models.ForeignKey(
        "sealing.MotionToSeal", on_delete=models.PROTECT, related_name="draft_orders"
    )
    version = models.PositiveIntegerField(help_text="1, 2, 3 ... per motion.")
    source = models.CharField(
        max_length=10, choices=DraftSource.choices, default=DraftSource.BUILT
    )
    status = models.CharField(
        max_length=20,
        choices=DraftStatus.choices,
        default=DraftStatus.DRAFTING,
        db_index=True,
    )
    content = models.JSONField(
        default=dict,
        blank=True,
        help_text="Section texts that differ from the ones built from the rulings, "
        "keyed as sealing.drafting.editable_sections names them.",
    )
    sealed = models.BooleanField(
        default=False,
        help_text="The order quotes sealed material: it is entered under seal with "
        "a public redacted version.",
    )
    public_redactions = models.JSONField(
        default=dict,
        blank=True,
        help_text="For a sealed order, what its public version leaves out: section "
        "key or 'item:<pk>' (a listed item's parenthetical) -> 'all', 'specifics' "
        "(a findings section's sentences about the sealed material) or 'none' "
        "(true/false read as all/none); keys not listed follow "
        "sealing.drafting.public_choices' defaults.",
    )
    order_date = models.DateField(
        null=True,
        blank=True,
        help_text="The date the draft counts deadlines from; empty: the day it is "
        "rendered. Approval sets the signing date.",
    )
    pdf = models.FileField(upload_to=draft_file_path, max_length=300, blank=True)
    docx = models.FileField(upload_to=draft_file_path, max_length=300, blank=True)
    uploaded_docx = models.FileField(
        upload_to=draft_file_path,
        max_length=300,
        blank=True,
        help_text="The chambers' revised .docx, kept exactly as uploaded.",
    )
    page_count = models.PositiveIntegerField(null=True, blank=True)
    render_status = models.CharField(
        max_length=10,
        choices=ProcessingStatus.choices,
        default=ProcessingStatus.QUEUED,
    )
    error_message = models.TextField(blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    undecided_count = models.PositiveIntegerField(
        default=0, help_text="Items without a ruling when the files were rendered."
    )
    rulings_fingerprint = models.CharField(
        max_length=64,
        blank=True,
        help_text="sealing.triage.rulings_fingerprint of the motion when the files "
        "were rendered: the judge signs only if the rulings are still the ones "
        "the files show.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    signature = models.CharField(
        max_length=200, blank=True, help_text="The e-signature, '/s/ Name'."
    )
    redaction_due = models.DateField(
        null=True,
        blank=True,
        help_text="The deadline the signed order states: its period (the judge's, "
        "else the court's) counted from the signing date under Fed. R. Civ. P. "
        "6(a). Redacted versions are due, and denied material becomes public, "
        "by it.",
    )
    signed_pdf = models.FileField(upload_to=draft_file_path, max_length=300, blank=True)
    signed_docx = models.FileField(
        upload_to=draft_file_path, max_length=300, blank=True
    )
    public_pdf = models.FileField(
        upload_to=draft_file_path,
        max_length=300,
        blank=True,
        help_text="The public redacted version of a sealed order.",
    )
    entry = models.ForeignKey(
        DocketEntry,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="draft_orders",
        help_text="The docket entry the signed order became.",
    )

    class Meta:
        ordering = ["motion", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "version"], name="draft_order_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"draft order v{self.version} on motion {self.motion_id}"

    @property
    def files_ready(self) -> bool:
        return self.render_status == ProcessingStatus.DONE and bool(self.pdf)

    @property
    def awaiting_judge(self) -> bool:
        return self.status in AWAITING_JUDGE


class DraftComment(AppendOnlyModel):
    """A comment on a draft version (the judge's reasons for returning it, the
    clerk's answer). Append-only."""

    draft = models.ForeignKey(
        DraftOrder, on_delete=models.PROTECT, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    text = models.TextField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"comment on {self.draft}"
