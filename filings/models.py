"""The docket: courts, cases, parties and counsel, docket entries, documents and files.

Nothing a party filed is ever hard-deleted. Models that hold filings refuse
``delete()`` and their foreign keys use PROTECT; a replaced file is kept as an
earlier version, and every sealing, unsealing and view of a sealed file is an
``AuditEvent``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

if TYPE_CHECKING:
    from filings.pdf.layout import DocumentLayout


class FilingDeletionRefused(Exception):
    """Raised by every attempt to delete something a party filed or the court did."""


class UndeletableQuerySet(models.QuerySet):
    # Django's ``_base_manager`` is a plain manager and would delete; it is
    # Django's internal manager (cascades, which PROTECT prevents here), never
    # used by this project's code.
    def delete(self) -> Any:
        raise FilingDeletionRefused(
            f"{self.model.__name__} records are never deleted; supersede them instead."
        )


class UndeletableModel(models.Model):
    objects = UndeletableQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise FilingDeletionRefused(
            f"{type(self).__name__} records are never deleted; supersede them instead."
        )


class AppendOnlyRefused(FilingDeletionRefused):
    """Raised by every attempt to change or delete a row of a history or the audit log."""


class AppendOnlyQuerySet(UndeletableQuerySet):
    """New rows only: no update, no bulk update, no delete, and no bulk create
    that rewrites a row it conflicts with.

    Django's own ``_base_manager`` (used internally, e.g. by ``refresh_from_db``
    and by related-object updates on deletion, which PROTECT prevents here) is a
    plain manager and bypasses these guards; code of this project never uses it
    to write.
    """

    def _refuse(self) -> AppendOnlyRefused:
        return AppendOnlyRefused(f"{self.model.__name__} records are append-only.")

    def update(self, **kwargs: Any) -> int:
        raise self._refuse()

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("update_conflicts"):
            raise self._refuse()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs: Any, fields: Any, batch_size: Any = None) -> int:
        raise self._refuse()

    def delete(self) -> Any:
        raise self._refuse()


class AppendOnlyModel(models.Model):
    """A record written once and never changed or deleted: histories and the audit log."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if (
            self.pk is not None
            or kwargs.get("force_update")
            or kwargs.get("update_fields")
        ):
            raise AppendOnlyRefused(f"{type(self).__name__} records are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyRefused(f"{type(self).__name__} records are append-only.")


def circuit_profile_choices() -> list[tuple[str, str]]:
    from sealing.standards import PROFILE_CHOICES

    return list(PROFILE_CHOICES)


def filing_nature_choices() -> list[tuple[str, str]]:
    from sealing.standards import FilingNature

    return [(nature.value, nature.label) for nature in FilingNature]


class Court(models.Model):
    name = models.CharField(
        max_length=200,
        help_text="As printed in captions, e.g. 'United States District Court'.",
    )
    district = models.CharField(max_length=200, help_text="e.g. 'District of Nevada'.")
    abbreviation = models.CharField(
        max_length=20, unique=True, help_text="e.g. 'D. Nev.'."
    )
    circuit_profile = models.CharField(
        max_length=40,
        choices=circuit_profile_choices,
        help_text="Which circuit's sealing standards this court applies.",
    )
    counsel_may_view_sealed = models.BooleanField(
        default=True,
        help_text="Whether counsel of record may see sealed filings in their own case.",
    )
    redaction_days = models.PositiveSmallIntegerField(
        default=14, help_text="Days after an order to file redacted public versions."
    )
    pleading_paper = models.BooleanField(
        default=True, help_text="Orders are printed with line numbers 1-28."
    )
    holiday_state = models.CharField(
        max_length=2,
        blank=True,
        help_text="Two-letter state whose legal holidays also extend deadlines.",
    )
    order_font = models.CharField(
        max_length=64,
        default="Liberation Serif",
        validators=[
            RegexValidator(
                r"\A[A-Za-z0-9][A-Za-z0-9 \-]{0,63}\Z",
                "A font family name: letters, digits, spaces and hyphens.",
            )
        ],
        help_text="The serif the court's orders are printed in. Liberation Serif "
        "has the metrics of Times New Roman, which Word documents name in its "
        "place; another font must be installed on the hosts that render orders, "
        "or the PDF falls back to Liberation Serif.",
    )
    denied_material_becomes_public = models.BooleanField(
        default=True,
        help_text="Material whose sealing was denied becomes public once the "
        "redaction deadline passes, unless the court orders otherwise.",
    )

    class Meta:
        ordering = ["name", "district"]

    def __str__(self) -> str:
        return f"{self.name}, {self.district}"


class Judge(models.Model):
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="judges")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="judge",
    )
    name = models.CharField(max_length=200)
    title = models.CharField(
        max_length=200,
        default="United States District Judge",
        help_text="As in the signature block.",
    )
    initials = models.CharField(
        max_length=10, help_text="As in case numbers, e.g. GWF."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="cases")
    number = models.CharField(max_length=60, help_text="e.g. 2:10-cv-01234-ABC-GWF.")
    caption = models.CharField(
        max_length=300, help_text="Short caption, e.g. 'Lumina Software v. Harrow'."
    )
    assigned_judge = models.ForeignKey(
        Judge, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    lead_case = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="member_cases",
        help_text="For a member case of an MDL, the lead case.",
    )
    filed_on = models.DateField()

    class Meta:
        ordering = ["-filed_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "number"], name="case_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.caption}"


class Party(models.Model):
    class Role(models.TextChoices):
        PLAINTIFF = "plaintiff", "Plaintiff"
        DEFENDANT = "defendant", "Defendant"
        COUNTER_CLAIMANT = "counter_claimant", "Counter-claimant"
        INTERVENOR = "intervenor", "Intervenor"
        NON_PARTY = "non_party", "Non-party"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="parties")
    name = models.CharField(max_length=300)
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["role", "name"]
        verbose_name_plural = "parties"

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class CounselQuerySet(UndeletableQuerySet):
    def active(self) -> CounselQuerySet:
        """Appearances that have not ended: the only ones that grant anything."""
        return self.filter(ended_at__isnull=True)


class CounselOfRecord(UndeletableModel):
    """A user who appears for a party in a case: an e-filer there.

    An appearance ends (withdrawal, substitution); it is never erased, so the
    docket keeps who appeared for whom and when. Only appearances that have not
    ended grant access (``active()``); entering and ending one are audited
    (``filings.access.record_appearance`` and ``end_appearance``).
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="counsel")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="counsel")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appearances"
    )
    firm = models.CharField(max_length=200, blank=True)
    appeared_on = models.DateField(auto_now_add=True)
    ended_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the appearance ended (withdrawal, substitution). An ended "
        "appearance grants nothing and is kept on record.",
    )

    objects = CounselQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "counsel of record"
        constraints = [
            models.UniqueConstraint(
                fields=["case", "party", "user"],
                condition=models.Q(ended_at__isnull=True),
                name="one_active_appearance_per_party",
            )
        ]

    def __str__(self) -> str:
        ended = f" (ended {self.ended_at:%Y-%m-%d})" if self.ended_at else ""
        return f"{self.user} for {self.party}{ended}"

    def clean(self) -> None:
        if self.party_id and self.case_id and self.party.case_id != self.case_id:
            raise ValidationError("The party must belong to the same case.")


class DocketEntry(UndeletableModel):
    class Kind(models.TextChoices):
        COMPLAINT = "complaint", "Complaint"
        ANSWER = "answer", "Answer / counterclaim"
        MOTION = "motion", "Motion"
        MOTION_TO_SEAL = "motion_to_seal", "Motion to seal"
        OPPOSITION = "opposition", "Opposition / response"
        REPLY = "reply", "Reply"
        DECLARATION = "declaration", "Declaration"
        EXHIBIT = "exhibit", "Exhibit"
        TRANSCRIPT = "transcript", "Transcript"
        ORDER = "order", "Order"
        NOTICE = "notice", "Notice"
        REDACTED_VERSION = "redacted_version", "Redacted public version"
        OTHER = "other", "Other"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="entries")
    number = models.PositiveIntegerField(help_text="Docket number, in filing order.")
    filed_on = models.DateField()
    filed_at = models.DateTimeField(auto_now_add=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="docket_entries",
        help_text="The user who filed it; empty for entries made by the court.",
    )
    filer = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="docket_entries",
        help_text="The party on whose behalf it was filed; empty for the court.",
    )
    text = models.TextField(help_text="Docket text. Stays public even when sealed.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    nature = models.CharField(
        max_length=30,
        choices=filing_nature_choices,
        default="other",
        help_text="What the filing is, for choosing the sealing standard.",
    )
    dispositive = models.BooleanField(
        null=True,
        blank=True,
        help_text="Whether the court treats this filing as dispositive; empty if "
        "not decided.",
    )
    merits_related = models.BooleanField(
        null=True,
        blank=True,
        help_text="Whether the filing is more than tangentially related to the "
        "merits; empty if not decided.",
    )
    dispositive_basis = models.TextField(
        blank=True,
        help_text="Why the filing was treated as dispositive or not, in words a "
        "judge could sign.",
    )
    judicial_document = models.BooleanField(
        default=True,
        help_text="Whether the filing is a judicial document or record: relevant "
        "to and useful in the judicial function (2d Cir.), filed with or "
        "incorporated into the adjudication (3d Cir.), influencing or underpinning "
        "a decision (7th Cir.). Where it is not, those circuits apply no "
        "presumption of access or only good cause.",
    )
    traditionally_secret = models.BooleanField(
        default=False,
        help_text="Whether the material belongs to a category traditionally kept "
        "secret, such as grand-jury material or warrant papers before an "
        "indictment, whatever the filing's nature on the docket.",
    )
    relates_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="related_entries",
        help_text="The entry this one supports or answers (e.g. the motion a "
        "declaration supports).",
    )

    class Meta:
        ordering = ["case", "number"]
        verbose_name_plural = "docket entries"
        constraints = [
            models.UniqueConstraint(
                fields=["case", "number"], name="entry_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.number} #{self.number}"


class Access(models.TextChoices):
    PUBLIC = "public", "Public"
    PROVISIONALLY_SEALED = "provisional", "Provisionally sealed (lodged)"
    SEALED = "sealed", "Sealed"
    RESTRICTED = "restricted", "Restricted to case participants"


class AccessChangeRefused(Exception):
    """Raised when a document's access level would change without an audit event."""


_ACCESS_CHANGE_MESSAGE = (
    "A document's access level changes only through filings.access.change_access, "
    "which records who changed it and why."
)


class DocumentQuerySet(UndeletableQuerySet):
    def update(self, **kwargs: Any) -> int:
        if "access" in kwargs:
            raise AccessChangeRefused(_ACCESS_CHANGE_MESSAGE)
        return super().update(**kwargs)

    def bulk_update(self, objs: Any, fields: Any, batch_size: Any = None) -> int:
        if "access" in fields:
            raise AccessChangeRefused(_ACCESS_CHANGE_MESSAGE)
        return super().bulk_update(objs, fields, batch_size=batch_size)

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("update_conflicts") and "access" in (
            kwargs.get("update_fields") or ()
        ):
            raise AccessChangeRefused(_ACCESS_CHANGE_MESSAGE)
        return super().bulk_create(objs, *args, **kwargs)

    def set_access_unaudited(self, level: str) -> int:
        """For ``filings.access.change_access`` only, which writes the audit event."""
        return super().update(access=level)


class Document(UndeletableModel):
    """The main document of a docket entry (attachment 0) or a numbered attachment.

    Its access level is set when it is created and changed only through
    ``filings.access.change_access``: every sealing and unsealing is audited.
    """

    entry = models.ForeignKey(
        DocketEntry, on_delete=models.PROTECT, related_name="documents"
    )
    attachment_number = models.PositiveIntegerField(
        default=0, help_text="0 for the main document; 1, 2, ... for attachments."
    )
    description = models.CharField(max_length=300)
    access = models.CharField(
        max_length=20, choices=Access.choices, default=Access.PUBLIC
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["entry", "attachment_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "attachment_number"], name="attachment_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.docket_ref} {self.description}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and (update_fields is None or "access" in update_fields):
            stored = (
                type(self)
                .objects.filter(pk=self.pk)
                .values_list("access", flat=True)
                .first()
            )
            if stored is not None and stored != self.access:
                raise AccessChangeRefused(_ACCESS_CHANGE_MESSAGE)
        super().save(*args, **kwargs)

    @property
    def docket_ref(self) -> str:
        """``94`` for a main document, ``94-1`` for its first attachment."""
        if self.attachment_number:
            return f"{self.entry.number}-{self.attachment_number}"
        return str(self.entry.number)

    @property
    def is_public(self) -> bool:
        return self.access == Access.PUBLIC

    @property
    def is_sealed(self) -> bool:
        return self.access in {Access.SEALED, Access.PROVISIONALLY_SEALED}


class ProcessingStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    WORKING = "working", "Working"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


def safe_file_name(name: str) -> str:
    """A download name every system accepts: a case number's colons (not allowed
    in Windows file names, and turned into "_" or worse by browsers) become
    hyphens, as does anything but letters, digits, dots and hyphens."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "document.pdf"


def document_file_path(instance: DocumentFile, filename: str) -> str:
    # Never the uploaded name: it can leak what the document is about.
    case_id = instance.document.entry.case_id
    return f"cases/{case_id}/{instance.document.docket_ref}/{instance.role}-{instance.sha256[:16]}.pdf"


class FileIdentityChangeRefused(FilingDeletionRefused):
    """Raised when a filed file's identity (its bytes, name, role, who and when)
    would change: a new version is stored instead."""


# What a filed file is: fixed once stored. Processing fields (status, page
# count, layout) stay updatable.
FILE_IDENTITY_FIELDS = (
    "document",
    "role",
    "file",
    "sha256",
    "size",
    "original_name",
    "uploaded_by",
    "uploaded_at",
)


def _identity_fields_in(fields: Any) -> set[str]:
    """The identity fields among field names (``document_id`` counts as
    ``document``)."""
    names = {str(name).removesuffix("_id") for name in fields or ()}
    return names & set(FILE_IDENTITY_FIELDS)


def _identity_refused(fields: set[str]) -> FileIdentityChangeRefused:
    return FileIdentityChangeRefused(
        f"A filed file's {', '.join(sorted(fields))} never change; store a new "
        "version instead."
    )


class DocumentFileQuerySet(UndeletableQuerySet):
    """Refuses any bulk change of a filed file's identity. Like every guard here,
    Django's internal ``_base_manager`` bypasses it; this project never writes
    through it."""

    def update(self, **kwargs: Any) -> int:
        if fields := _identity_fields_in(kwargs):
            raise _identity_refused(fields)
        return super().update(**kwargs)

    def bulk_update(self, objs: Any, fields: Any, batch_size: Any = None) -> int:
        if guarded := _identity_fields_in(fields):
            raise _identity_refused(guarded)
        return super().bulk_update(objs, fields, batch_size=batch_size)

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("update_conflicts") and (
            fields := _identity_fields_in(kwargs.get("update_fields"))
        ):
            raise _identity_refused(fields)
        return super().bulk_create(objs, *args, **kwargs)


class DocumentFile(UndeletableModel):
    """One stored version of a document in one role. Versions are never replaced,
    and a stored version's identity (``FILE_IDENTITY_FIELDS``) never changes."""

    class Role(models.TextChoices):
        ORIGINAL = "original", "Original"
        UNREDACTED_HIGHLIGHTED = (
            "highlighted",
            "Unredacted, proposed redactions highlighted",
        )
        PROPOSED_REDACTED = "proposed", "Proposed redacted version"
        PUBLIC_REDACTED = "public_redacted", "Public redacted version"

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="files"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.ORIGINAL)
    file = models.FileField(upload_to=document_file_path, max_length=300)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(help_text="Bytes.")
    original_name = models.CharField(
        max_length=255,
        blank=True,
        help_text="The name the file was uploaded under. Court staff only: it can "
        "reveal what a sealed document is about.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="uploaded_files",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=ProcessingStatus.choices, default=ProcessingStatus.QUEUED
    )
    error_message = models.TextField(blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    has_text_layer = models.BooleanField(
        null=True, blank=True, help_text="Whether every page has extractable text."
    )
    text_pages = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many pages have extractable text."
    )
    layout_summary = models.JSONField(
        default=dict,
        blank=True,
        help_text="Document-wide layout: page numbering used, body font size, "
        "numbered paragraphs. Per-page layout is in PageLayout.",
    )

    objects = DocumentFileQuerySet.as_manager()

    class Meta:
        ordering = ["document", "role", "-uploaded_at"]
        get_latest_by = "uploaded_at"

    def __str__(self) -> str:
        return (
            f"#{self.document.docket_ref} {self.get_role_display()} ({self.sha256[:8]})"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        checked = (
            set(FILE_IDENTITY_FIELDS)
            if update_fields is None
            else _identity_fields_in(update_fields)
        )
        if not self._state.adding and self.pk is not None and checked:
            attnames = {self._meta.get_field(name).attname: name for name in checked}
            stored = type(self).objects.filter(pk=self.pk).values(*attnames).first()
            changed = {
                attnames[attname]
                for attname, value in (stored or {}).items()
                if _current(self, attname) != value
            }
            if changed:
                raise _identity_refused(changed)
        super().save(*args, **kwargs)

    def load_layout(self) -> DocumentLayout | None:
        """The stored layout analysis, or None before processing has finished."""
        from filings.pdf.layout import DocumentLayout

        if self.status != ProcessingStatus.DONE or not self.layout_summary:
            return None
        pages = [page.layout for page in self.pages.order_by("number")]
        return DocumentLayout.from_dict({**self.layout_summary, "pages": pages})

    @property
    def public_name(self) -> str:
        """The download name everyone sees: the docket reference, nothing more."""
        case = self.document.entry.case
        suffix = "" if self.role == self.Role.ORIGINAL else f"-{self.role}"
        return safe_file_name(
            f"{case.number}-ECF-{self.document.docket_ref}{suffix}.pdf"
        )


def _current(file: DocumentFile, attname: str) -> Any:
    value = getattr(file, attname)
    return value.name if attname == "file" else value


class PageLayout(models.Model):
    """What the processing job learned about one page, for locating and previews."""

    file = models.ForeignKey(
        DocumentFile, on_delete=models.CASCADE, related_name="pages"
    )
    number = models.PositiveIntegerField(help_text="1-based index in the PDF.")
    width = models.FloatField(help_text="Points, as displayed (after rotation).")
    height = models.FloatField(help_text="Points, as displayed (after rotation).")
    rotation = models.PositiveSmallIntegerField(default=0)
    has_text = models.BooleanField(default=False)
    printed_number = models.PositiveIntegerField(
        null=True, blank=True, help_text="The page number printed on the page."
    )
    layout = models.JSONField(
        default=dict, help_text="Words, lines, line numbers, paragraphs, footnotes."
    )

    class Meta:
        ordering = ["file", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["file", "number"], name="page_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.file} p. {self.number}"


class AuditEvent(AppendOnlyModel):
    """Append-only record of who did what to which object, when, and from where."""

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        DOWNLOAD = "download", "Downloaded"
        FILE = "file", "Filed"
        UPLOAD = "upload", "Uploaded a file"
        SEAL = "seal", "Sealed"
        UNSEAL = "unseal", "Unsealed"
        CHANGE_ACCESS = "change_access", "Changed access"
        PROCESS = "process", "Processed"
        REDACT = "redact", "Redacted"
        RULE = "rule", "Ruled"
        RECORD = "record", "Recorded"
        ORDER = "order", "Order"
        CHECK = "check", "Checked a redacted version"
        APPEAR = "appear", "Appearance entered"
        END_APPEARANCE = "end_appearance", "Appearance ended"
        LOGIN = "login", "Logged in"
        DENIED = "denied", "Access refused"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    case = models.ForeignKey(
        Case,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    client_address = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_type}:{self.object_id}"


class RunStage(models.TextChoices):
    REWRITING = "rewriting", "Rewriting pages"
    CHECKING = "checking", "Checking pages"


class RedactionRun(UndeletableModel):
    """One rendering of a document's public version from approved regions.

    The sealed original is never touched; a run that passes verification stores a
    new ``DocumentFile`` in the role "public redacted". A failed run publishes
    nothing and keeps its reason.
    """

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="redaction_runs"
    )
    source = models.ForeignKey(
        DocumentFile,
        on_delete=models.PROTECT,
        related_name="redaction_runs",
        help_text="The version the regions were located on (the sealed original).",
    )
    regions = models.JSONField(
        default=list, help_text="Regions to remove: page, x0, top, x1, bottom."
    )
    label = models.CharField(max_length=60, blank=True, default="REDACTED")
    preview = models.BooleanField(
        default=False,
        help_text="A clerk's preview: verified like any run, but not published.",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=ProcessingStatus.choices, default=ProcessingStatus.QUEUED
    )
    error_message = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.ForeignKey(
        DocumentFile,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="produced_by",
    )
    raster_pages = models.JSONField(
        default=list, help_text="Pages that lost their text layer to verification."
    )
    report = models.JSONField(default=dict, blank=True)
    order_entry = models.ForeignKey(
        "DocketEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="redaction_runs",
        help_text="The order whose entry queued this run (empty when a clerk did).",
    )
    job_id = models.CharField(
        max_length=64,
        blank=True,
        help_text="The rq job rendering it: tells a lost job from a slow one.",
    )
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The job's last sign of life; a working run long silent failed.",
    )
    stage = models.CharField(
        max_length=10,
        choices=RunStage.choices,
        blank=True,
        help_text="What the job is doing now.",
    )
    pages_done = models.PositiveIntegerField(default=0)
    pages_total = models.PositiveIntegerField(
        default=0, help_text="Pages with regions, each rewritten and then checked."
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"redaction of #{self.document.docket_ref} ({self.status})"


class PublicVersionDue(UndeletableModel):
    """A redacted public version a party must file by a date, under an order."""

    class Status(models.TextChoices):
        DUE = "due", "Due"
        SUBMITTED = "submitted", "Submitted, awaiting the clerk"
        ACCEPTED = "accepted", "Accepted"
        EXCUSED = "excused", "Excused by the court"

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="public_versions_due"
    )
    party = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="public_versions_due",
        help_text="The party that must file it (the one that filed the original).",
    )
    due_on = models.DateField()
    order_entry = models.ForeignKey(
        DocketEntry,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="public_versions_ordered",
        help_text="The order that requires it.",
    )
    regions = models.JSONField(
        default=list,
        help_text="The approved regions on the original: what must be removed.",
    )
    denied_regions = models.JSONField(
        default=list,
        help_text="Regions the court refused to seal: text that must stay.",
    )
    portions_text = models.TextField(
        blank=True, help_text="The approved portions in the court's notation."
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DUE, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = "public version due"
        verbose_name_plural = "public versions due"

    def __str__(self) -> str:
        return f"public version of #{self.document.docket_ref} due {self.due_on}"


class RedactedSubmission(UndeletableModel):
    """A redacted version an attorney uploaded, its automatic check and the
    clerk's decision."""

    class Status(models.TextChoices):
        CHECKING = "checking", "Being checked"
        CHECKED = "checked", "Checked, awaiting the clerk"
        CHECK_FAILED = "check_failed", "The check could not run"
        ACCEPTED = "accepted", "Accepted"
        RETURNED = "returned", "Returned to the filer"

    due = models.ForeignKey(
        PublicVersionDue, on_delete=models.PROTECT, related_name="submissions"
    )
    file = models.OneToOneField(
        DocumentFile, on_delete=models.PROTECT, related_name="submission"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    confirmed_findings = models.BooleanField(
        default=False,
        help_text="The filer was shown findings and confirmed the submission.",
    )
    status = models.CharField(
        max_length=15, choices=Status.choices, default=Status.CHECKING, db_index=True
    )
    verdict = models.CharField(
        max_length=10, blank=True, help_text="pass, review or fail."
    )
    report = models.JSONField(default=dict, blank=True)
    error_message = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"submission for #{self.due.document.docket_ref} ({self.status})"
