"""Admin views of motions to seal: for looking, not for triage.

Triage happens on the motion page, where every change is kept and audited; here
the court's side of items and the histories are read-only and nothing is deleted.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sealing.models import ItemChange, MotionStateChange, MotionToSeal, SealingItem


class ReadOnlyHistory:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StateChangeInline(ReadOnlyHistory, admin.TabularInline):
    model = MotionStateChange
    extra = 0
    fields = ["at", "from_state", "to_state", "deadline", "actor", "note"]
    readonly_fields = fields


@admin.register(MotionToSeal)
class MotionToSealAdmin(admin.ModelAdmin):
    list_display = ["title", "case", "entry", "state", "next_deadline", "joint"]
    list_filter = ["state", "joint", "case__court"]
    search_fields = ["title", "case__number", "case__caption"]
    raw_id_fields = ["case", "entry", "designating_party", "created_by"]
    readonly_fields = ["state", "state_changed_at", "next_deadline", "created_at"]
    inlines = [StateChangeInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SealingItem)
class SealingItemAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "motion",
        "ground",
        "standard",
        "recommendation",
        "ruling",
    ]
    list_filter = ["standard", "ground", "ruling"]
    search_fields = ["source_text", "motion__case__number"]
    readonly_fields = [
        field.name
        for field in SealingItem._meta.get_fields()
        if getattr(field, "concrete", False) and not field.many_to_many
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ItemChange)
class ItemChangeAdmin(ReadOnlyHistory, admin.ModelAdmin):
    list_display = ["at", "item", "field", "actor", "context"]
    list_filter = ["field"]
