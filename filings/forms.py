from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory

from filings.intake import CheckedUpload, read_upload
from filings.models import Access, DocketEntry, Party


class CaseSearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        label="Case number or caption",
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "2:10-cv-01234 or Lumina"}
        ),
    )


class PdfField(forms.FileField):
    """A file field that accepts only sound, unencrypted PDFs."""

    default_error_messages = {"empty": "The file is empty."}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"})
        )
        super().__init__(**kwargs)


class FilingForm(forms.Form):
    FILABLE_KINDS = [
        (k.value, k.label)
        for k in DocketEntry.Kind
        if k not in {DocketEntry.Kind.ORDER, DocketEntry.Kind.TRANSCRIPT}
    ]

    filer = forms.ModelChoiceField(
        queryset=Party.objects.none(), label="Filed on behalf of"
    )
    # No kind is preselected: a filing left as the first kind on the list
    # would be docketed as a complaint.
    kind = forms.ChoiceField(
        choices=[("", "— Choose the kind of filing —"), *FILABLE_KINDS],
        label="Kind of filing",
        error_messages={"required": "Choose the kind of filing."},
    )
    text = forms.CharField(
        label="Docket text",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text="Public even when the document is lodged under seal.",
    )
    access = forms.ChoiceField(
        choices=[
            (Access.PUBLIC, "Public"),
            (
                Access.PROVISIONALLY_SEALED,
                "Lodged under seal (pending a motion to seal)",
            ),
        ],
        widget=forms.RadioSelect,
        initial=Access.PUBLIC,
    )
    main_description = forms.CharField(
        label="Main document description", max_length=300
    )
    main_file = PdfField(label="Main document (PDF)")
    # Shown only after the inspector found something in a public filing.
    confirm_public_findings = forms.BooleanField(
        required=False,
        label="I have reviewed these findings and this filing is meant to be public",
    )

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["filer"].queryset = parties
        if parties.count() == 1:
            self.fields["filer"].initial = parties.first()

    def clean_main_file(self) -> CheckedUpload:
        upload = self.cleaned_data["main_file"]
        return read_upload(upload, self.cleaned_data.get("main_description", ""))


class AttachmentForm(forms.Form):
    description = forms.CharField(max_length=300, required=False)
    file = PdfField(required=False, label="Attachment (PDF)")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload and not cleaned.get("description"):
            self.add_error("description", "Describe the attachment, e.g. 'Exhibit 2'.")
        elif upload:
            try:
                cleaned["checked"] = read_upload(upload, cleaned["description"])
            except ValidationError as exc:
                self.add_error("file", exc)
        elif cleaned.get("description"):
            self.add_error("file", "Choose the PDF for this attachment.")
        return cleaned


MAX_ATTACHMENTS = 50


class BaseAttachmentFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": "A filing carries at most %(num)d attachments. File the "
        "rest as another docket entry.",
    }


AttachmentFormSet = formset_factory(
    AttachmentForm,
    formset=BaseAttachmentFormSet,
    extra=4,
    max_num=MAX_ATTACHMENTS,
    validate_max=True,
    # Never even build more forms than that, whatever the posted count says.
    absolute_max=MAX_ATTACHMENTS,
)
