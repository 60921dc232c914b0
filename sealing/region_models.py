"""Where on the page each sealing item's portions are (models).

Locating an item against its target's original produces an ``ItemLocation``
(which file version, which page numbering, what could not be found and why)
and one ``ItemRegion`` per box. Nothing is overwritten: a clerk's adjustment
adds new region rows and marks the rows it replaces as superseded, and
locating again starts a new ``ItemLocation`` while the old one stays as
history. Page images rendered for the preview are ``PageImage`` rows, written
only once the PNG is fully stored.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from filings.models import DocumentFile, ProcessingStatus, UndeletableModel

__all__ = [
    "ItemLocation",
    "ItemRegion",
    "LocationStatus",
    "PageImage",
    "PageRendering",
    "RegionSource",
]


class LocationStatus(models.TextChoices):
    LOCATED = "located", "Located"
    NOT_PROCESSED = "not_processed", "Waiting for the file to be processed"
    NO_FILE = "no_file", "No original file to locate on"
    FAILED = "failed", "Failed"


class RegionSource(models.TextChoices):
    LOCATED = "located", "Located from the citation"
    ADJUSTED = "adjusted", "Adjusted by hand"
    ADDED = "added", "Added by hand"


class ItemLocation(UndeletableModel):
    """One attempt to locate an item's portions on one version of its target."""

    item = models.ForeignKey(
        "sealing.SealingItem",
        on_delete=models.PROTECT,
        related_name="region_locations",
    )
    file = models.ForeignKey(
        DocumentFile,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="item_locations",
        help_text="The version of the target the regions were located on.",
    )
    status = models.CharField(max_length=20, choices=LocationStatus.choices)
    message = models.TextField(
        blank=True, help_text="Why nothing could be located, for the clerk."
    )
    numbering = models.CharField(
        max_length=20,
        blank=True,
        help_text="'printed' when citations were read against the page numbers "
        "printed on the document, 'pdf_index' when it prints none.",
    )
    unresolved = models.JSONField(
        default=list,
        help_text="Portions that could not be found: [{'portion', 'reason'}].",
    )
    located_at = models.DateTimeField(auto_now_add=True)
    located_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when located automatically.",
    )
    adjusted_by_hand = models.BooleanField(default=False)
    adjusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The clerk who last adjusted the regions by hand.",
    )
    adjusted_at = models.DateTimeField(null=True, blank=True)
    replaced = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The earlier location, on an earlier version of the file, whose "
        "boxes a clerk had adjusted by hand; they are kept as history and shown "
        "beside these.",
    )
    review_reason = models.TextField(
        blank=True,
        help_text="Why a clerk must review these regions before they are relied "
        "on; empty when nothing needs review.",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The clerk who reviewed the regions the review reason asked about.",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-located_at", "-pk"]

    def __str__(self) -> str:
        return f"location of item {self.item_id} ({self.status})"

    @property
    def is_located(self) -> bool:
        return self.status == LocationStatus.LOCATED

    @property
    def active_regions(self) -> models.QuerySet[ItemRegion]:
        return self.regions.filter(superseded_at__isnull=True).order_by(
            "page", "top", "x0", "pk"
        )

    def pages(self) -> list[int]:
        return sorted(set(self.active_regions.values_list("page", flat=True)))

    def pages_label(self) -> str:
        """'pp. 2, 3, 5' in PDF page indexes."""
        pages = self.pages()
        if not pages:
            return ""
        prefix = "p." if len(pages) == 1 else "pp."
        return f"{prefix} {', '.join(str(p) for p in pages)}"

    @property
    def uses_pdf_index(self) -> bool:
        return self.numbering == "pdf_index"

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reason) and self.reviewed_at is None

    def replaced_boxes(self) -> models.QuerySet[ItemRegion]:
        """The hand-adjusted boxes of the location this one replaced, as they
        stood when it did (not those the clerk had already replaced)."""
        earlier = self.replaced
        if earlier is None:
            return ItemRegion.objects.none()
        rows = earlier.regions.filter(
            superseded_at__isnull=False, superseded_by__isnull=True
        )
        if earlier.adjusted_at is not None:
            rows = rows.filter(superseded_at__gt=earlier.adjusted_at)
        return rows.order_by("page", "top", "x0", "pk")


class ItemRegion(UndeletableModel):
    """One box on one page of the located file. Superseded, never changed."""

    location = models.ForeignKey(
        ItemLocation, on_delete=models.PROTECT, related_name="regions"
    )
    item = models.ForeignKey(
        "sealing.SealingItem", on_delete=models.PROTECT, related_name="regions"
    )
    file = models.ForeignKey(
        DocumentFile,
        on_delete=models.PROTECT,
        related_name="item_regions",
        help_text="The version of the target the box is drawn on.",
    )
    page = models.PositiveIntegerField(help_text="1-based index in the PDF.")
    x0 = models.FloatField(help_text="PDF points from the page's left edge.")
    top = models.FloatField(help_text="PDF points from the page's top edge.")
    x1 = models.FloatField()
    bottom = models.FloatField()
    portion = models.CharField(
        max_length=200,
        blank=True,
        help_text="The portion it was located from, in the court's notation.",
    )
    source = models.CharField(max_length=10, choices=RegionSource.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True, db_index=True)
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
        help_text="The box that replaced this one; empty when it was removed or "
        "the item was located again.",
    )

    class Meta:
        ordering = ["item", "page", "top", "x0", "pk"]

    def __str__(self) -> str:
        return f"item {self.item_id} p. {self.page} ({self.source})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.pk,
            "page": self.page,
            "x0": round(self.x0, 2),
            "top": round(self.top, 2),
            "x1": round(self.x1, 2),
            "bottom": round(self.bottom, 2),
            "source": self.source,
        }


class PageRendering(models.Model):
    """The job that renders a file's pages as images for the previews."""

    file = models.OneToOneField(
        DocumentFile, on_delete=models.CASCADE, related_name="page_rendering"
    )
    status = models.CharField(
        max_length=10, choices=ProcessingStatus.choices, default=ProcessingStatus.QUEUED
    )
    error_message = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"page images of {self.file_id} ({self.status})"


class PageImage(models.Model):
    """One rendered page, stored through the storage API; made once it is whole."""

    file = models.ForeignKey(
        DocumentFile, on_delete=models.CASCADE, related_name="page_images"
    )
    page = models.PositiveIntegerField(help_text="1-based index in the PDF.")
    image = models.FileField(max_length=300)
    width_px = models.PositiveIntegerField()
    height_px = models.PositiveIntegerField()

    class Meta:
        ordering = ["file", "page"]
        constraints = [
            models.UniqueConstraint(fields=["file", "page"], name="page_image_unique")
        ]

    def __str__(self) -> str:
        return f"image of {self.file_id} p. {self.page}"
