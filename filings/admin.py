"""Admin for setting up courts, judges, cases, parties and counsel.

Filings, files and audit events can be looked at here but never deleted, and
files cannot be edited: the docket is the record.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from filings.models import (
    AuditEvent,
    Case,
    CounselOfRecord,
    Court,
    DocketEntry,
    Document,
    DocumentFile,
    Judge,
    Party,
)


class NoDeleteMixin:
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Court)
class CourtAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "district",
        "abbreviation",
        "circuit_profile",
        "counsel_may_view_sealed",
    ]


@admin.register(Judge)
class JudgeAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "initials", "court", "user"]
    list_filter = ["court"]


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0


class CounselInline(admin.TabularInline):
    model = CounselOfRecord
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Case)
class CaseAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["number", "caption", "court", "assigned_judge", "filed_on"]
    list_filter = ["court", "assigned_judge"]
    search_fields = ["number", "caption"]
    inlines = [PartyInline, CounselInline]


class DocumentInline(NoDeleteMixin, admin.TabularInline):
    model = Document
    extra = 0
    fields = ["attachment_number", "description", "access"]


@admin.register(DocketEntry)
class DocketEntryAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["case", "number", "filed_on", "kind", "nature", "dispositive"]
    list_filter = ["kind", "nature", "case__court"]
    search_fields = ["case__number", "text"]
    inlines = [DocumentInline]


@admin.register(DocumentFile)
class DocumentFileAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = [
        "document",
        "role",
        "status",
        "page_count",
        "uploaded_by",
        "uploaded_at",
    ]
    list_filter = ["role", "status"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = [
        "at",
        "actor",
        "action",
        "object_type",
        "object_id",
        "case",
        "client_address",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "actor__username"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
