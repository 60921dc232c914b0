"""Admin for setting up courts, judges, cases, parties and counsel.

Filings, files and audit events can be looked at here but never deleted, and
files cannot be edited: the docket is the record. A document's access level may
be changed here, with a reason, and the change is audited like any other.

The clerk's office sets up users, but only a superuser grants privileges: who
is staff, superuser, in which group (the clerk and judge groups see sealed
files) and with which permissions.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest

from filings import access
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


class CourtForm(forms.ModelForm):
    """The admin builds it for the Court's fields."""

    def clean_circuit_profile(self) -> str:
        from sealing import triage

        profile = self.cleaned_data["circuit_profile"]
        if self.instance.pk and profile != self.instance.circuit_profile:
            problem = triage.profile_change_problem(self.instance)
            if problem:
                raise forms.ValidationError(problem)
        return profile


@admin.register(Court)
class CourtAdmin(admin.ModelAdmin):
    form = CourtForm
    list_display = [
        "name",
        "district",
        "abbreviation",
        "circuit_profile",
        "counsel_may_view_sealed",
    ]

    def save_model(
        self, request: HttpRequest, obj: Court, form: Any, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        if change and "circuit_profile" in form.changed_data:
            # The open motions' items follow the court's standards, each change
            # kept in the item's history (sealing.triage).
            from sealing import triage

            changed = triage.circuit_profile_changed(
                request, obj, previous=form.initial["circuit_profile"]
            )
            messages.info(
                request,
                f"The standards of open motions' items were derived again; "
                f"{len(changed)} item{'s' if len(changed) != 1 else ''} changed "
                "standard and need review where they had been ruled on.",
            )


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


class DocumentInlineForm(forms.ModelForm):
    access_reason = forms.CharField(
        required=False,
        max_length=300,
        label="Reason for an access change",
        help_text="Required when the access level changes, e.g. the order that "
        "unsealed it. Recorded in the audit log.",
    )

    class Meta:
        model = Document
        fields = ["attachment_number", "description", "access"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.changes_access() and not cleaned.get("access_reason", "").strip():
            self.add_error(
                "access_reason",
                "Say why the access level changes (e.g. the order that decided it).",
            )
        return cleaned

    def changes_access(self) -> bool:
        return self.instance.pk is not None and "access" in self.changed_data


class DocumentInline(NoDeleteMixin, admin.TabularInline):
    model = Document
    form = DocumentInlineForm
    extra = 0
    fields = ["attachment_number", "description", "access", "access_reason"]


@admin.register(DocketEntry)
class DocketEntryAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["case", "number", "filed_on", "kind", "nature", "dispositive"]
    list_filter = ["kind", "nature", "case__court"]
    search_fields = ["case__number", "text"]
    inlines = [DocumentInline]

    def save_formset(
        self, request: HttpRequest, form: Any, formset: Any, change: bool
    ) -> None:
        # The documents are saved at their old level; the new one is then set by
        # filings.access.change_access, which writes the audit event.
        changes = []
        for inline in formset.forms:
            if isinstance(inline, DocumentInlineForm) and inline.changes_access():
                before = inline.initial["access"]
                changes.append(
                    (inline.instance, before, inline.cleaned_data["access"], inline)
                )
                inline.instance.access = before
        super().save_formset(request, form, formset, change)
        for document, before, level, inline in changes:
            changed = access.change_access(
                request,
                document,
                level,
                expected=before,
                reason=inline.cleaned_data["access_reason"].strip(),
                via="admin",
            )
            if not changed:
                messages.warning(
                    request,
                    f"#{document.docket_ref}: its access level changed meanwhile; "
                    "nothing was changed. Reload and try again.",
                )


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


# Fields that grant privileges: a superuser's to change, nobody else's.
PRIVILEGE_FIELDS = ["is_superuser", "is_staff", "groups", "user_permissions"]

admin.site.unregister(User)


@admin.register(User)
class CourtUserAdmin(UserAdmin):
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += PRIVILEGE_FIELDS
        return fields

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Without this, a clerk could set a superuser's password and log in as one.
        if (
            obj is not None
            and not request.user.is_superuser
            and obj.pk != request.user.pk
            and (obj.is_superuser or obj.is_staff)
        ):
            return False
        return super().has_change_permission(request, obj)
