"""Admin for setting up courts, judges, cases, parties and counsel.

Appearances of counsel are entered and ended here, never deleted; both are
audited, since an appearance is what lets an attorney see a case's sealed
filings where the court allows it.

Filings, files and audit events can be looked at here but never deleted, and
files cannot be edited: the docket is the record. A document's access level may
be changed here, with a reason, and the change is audited like any other.

The clerk's office sets up users, but only a superuser grants privileges: who
is staff, superuser, in which group (the clerk and judge groups see sealed
files) and with which permissions. Nor may anyone but a superuser set the
password of, deactivate or rename a user who holds a privilege (court staff,
staff, or anyone in a group or with a permission): a clerk could otherwise log
in as the judge. The clerk's office keeps what it needs: creating attorneys'
accounts, setting their passwords, correcting their names and addresses, and
deactivating them.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

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


class CounselInlineForm(forms.ModelForm):
    end_appearance = forms.BooleanField(
        required=False,
        label="End appearance",
        help_text="Withdrawal or substitution: the appearance stays on record, "
        "grants nothing more, and the change is audited.",
    )

    class Meta:
        model = CounselOfRecord
        fields = ["party", "user", "firm"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        moved = {"party", "user"} & set(self.changed_data)
        if self.instance.pk is not None and moved:
            # Moving an appearance would hand one attorney's access to another
            # with no record of either change.
            raise forms.ValidationError(
                "An appearance is not moved to another attorney or party: end it "
                "and add a new one."
            )
        return cleaned


class CounselInline(NoDeleteMixin, admin.TabularInline):
    """Current appearances: add one, or end one (never delete it)."""

    model = CounselOfRecord
    form = CounselInlineForm
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["party", "user", "firm", "appeared_on", "end_appearance"]
    readonly_fields = ["appeared_on"]
    verbose_name_plural = "counsel of record"

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).active()


class EndedCounselInline(NoDeleteMixin, admin.TabularInline):
    """Appearances that ended, kept on record."""

    model = CounselOfRecord
    extra = 0
    max_num = 0
    fields = ["party", "user", "firm", "appeared_on", "ended_at"]
    readonly_fields = fields
    verbose_name_plural = "ended appearances"

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).filter(ended_at__isnull=False)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["number", "caption", "court", "assigned_judge", "filed_on"]
    list_filter = ["court", "assigned_judge"]
    search_fields = ["number", "caption"]
    inlines = [PartyInline, CounselInline, EndedCounselInline]

    def save_formset(
        self, request: HttpRequest, form: Any, formset: Any, change: bool
    ) -> None:
        if not issubclass(formset.form, CounselInlineForm):
            super().save_formset(request, form, formset, change)
            return
        # An appearance grants sealed access where the court allows it, so
        # entering and ending one are audited: who, which attorney, which
        # case and party.
        ending = [
            inline.instance
            for inline in formset.forms
            if inline.instance.pk is not None
            and getattr(inline, "cleaned_data", {}).get("end_appearance")
        ]
        super().save_formset(request, form, formset, change)
        for appearance in formset.new_objects:
            access.record_appearance(request, appearance)
        for appearance in ending:
            access.end_appearance(request, appearance, reason="ended in the admin")


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
# Who a privileged user is and whether they may log in: a superuser's to change.
IDENTITY_FIELDS = ["username", "is_active"]

admin.site.unregister(User)


def holds_privilege(user: Any) -> bool:
    """Staff, a superuser, or anyone in a group (the clerk and judge groups among
    them) or with a permission of their own: an account worth taking over."""
    return (
        user.is_superuser
        or user.is_staff
        or user.groups.exists()
        or user.user_permissions.exists()
    )


@admin.register(User)
class CourtUserAdmin(UserAdmin):
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += PRIVILEGE_FIELDS
            if obj is not None and holds_privilege(obj):
                # Only their own account reaches here (has_change_permission).
                fields += IDENTITY_FIELDS
        return fields

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Without this, a clerk could set the judge's (or a superuser's)
        # password and log in as them, or lock them out. The stored user decides,
        # not the form: the admin passes the object as read before the change.
        if (
            obj is not None
            and not request.user.is_superuser
            and obj.pk != request.user.pk
            and holds_privilege(obj)
        ):
            return False
        return super().has_change_permission(request, obj)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        user = self.get_object(request, unquote(id))
        if user is not None and not request.user.is_superuser and holds_privilege(user):
            if user.pk == request.user.pk:
                # Their own: the form that asks for the current password first.
                return redirect("admin:password_change")
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)
