"""Forms of the motions-to-seal screens. Plain Django forms; the workflow is in triage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet

from filings.models import DocketEntry, Judge, Party
from sealing import standards
from sealing.models import MotionState, MotionToSeal, Ruling, SealingItem
from sealing.triage import (
    GRANTING,
    OVERRIDE_MIN_WORDS,
    WorkflowError,
    checklist,
    clean_granted_portions,
    grant_problem,
    grant_refusal,
    grant_refusals,
)

_YES_NO_BLANK = [("", "Not yet"), ("yes", "Met"), ("no", "Not met")]
_ANSWER = {"": None, "yes": True, "no": False}
_RULING_CHOICES = [("", "—"), *Ruling.choices]


class QueueFilterForm(forms.Form):
    judge = forms.ModelChoiceField(
        queryset=Judge.objects.none(), required=False, empty_label="Any judge"
    )
    state = forms.ChoiceField(
        required=False,
        choices=[("", "Pending (not closed)"), *MotionState.choices, ("all", "All")],
    )

    def __init__(self, *args: Any, judges: QuerySet[Judge], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["judge"].queryset = judges


class MotionForm(forms.Form):
    entry = forms.ModelChoiceField(
        queryset=DocketEntry.objects.none(),
        label="Docket entry of the motion",
        help_text="File the motion first (as a motion to seal, with its papers "
        "lodged under seal); then register it here.",
    )
    title = forms.CharField(
        max_length=300,
        initial="Joint Motion to Seal and/or Redact Portions of Record",
        help_text="As the order will name it.",
    )
    movants = forms.ModelMultipleChoiceField(
        queryset=Party.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    joint = forms.BooleanField(required=False, label="Joint motion (stipulated)")
    designating_party = forms.ModelChoiceField(
        queryset=Party.objects.none(),
        required=False,
        empty_label="None (the movants designated the material)",
        help_text="The party that marked the material confidential, if not a movant.",
    )

    def __init__(
        self,
        *args: Any,
        entries: QuerySet[DocketEntry],
        parties: QuerySet[Party],
        own_parties: Sequence[Party] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries
        self.fields["entry"].label_from_instance = lambda e: (
            f"#{e.number} {e.text[:90]}"
        )
        self.fields["movants"].queryset = parties
        self.fields["designating_party"].queryset = parties
        self.own_parties = own_parties

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        movants = data.get("movants") or []
        mine = self.own_parties
        if mine is not None and movants and not set(movants) & set(mine):
            raise forms.ValidationError(
                "A motion you register must be made by a party you represent."
            )
        if len(movants) > 1 and not data.get("joint"):
            self.add_error("joint", "Several movants make a joint motion; tick this.")
        designating = data.get("designating_party")
        if designating is not None and designating in movants:
            self.add_error("designating_party", "The designating party is a movant.")
        return data


class PasteForm(forms.Form):
    text = forms.CharField(
        label="Items, one per line or numbered",
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text="As the motion or a proposed order lists them, e.g. "
        "“Complaint (#1), ¶¶ 25-26, 31-34 (discusses the business model)”. Pasted "
        "page-margin line numbers are ignored.",
    )
    ground = forms.ChoiceField(
        choices=standards.Ground.choices(),
        help_text="The ground these items rely on; paste each ground's list "
        "separately.",
    )
    declaration_text = forms.CharField(
        max_length=300,
        required=False,
        label="Declaration relied on",
        help_text="e.g. “Lane Decl. ¶¶ 4-9 (#187)”.",
    )
    # The fingerprint of the reading the user was shown and confirms by saving.
    reading = forms.CharField(required=False, widget=forms.HiddenInput)


def finding_field_names(code: str) -> tuple[str, str]:
    return f"finding_{code}", f"finding_{code}_note"


class ItemForm(forms.Form):
    """The court's side of one item: findings, recommendation, ruling, note."""

    ground = forms.ChoiceField(choices=standards.Ground.choices())
    recommendation = forms.ChoiceField(choices=_RULING_CHOICES, required=False)
    ruling = forms.ChoiceField(choices=_RULING_CHOICES, required=False)
    ruling_reason = forms.CharField(
        required=False,
        label="Reason for the ruling",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    granted_portions = forms.CharField(
        required=False,
        max_length=500,
        label="Portions granted (granted in part)",
        help_text="Which of the requested portions the Court seals, e.g. "
        "“¶¶ 31-32”; the rest is denied. Required for granted in part.",
    )
    findings_override = forms.CharField(
        required=False,
        label="Grant although a finding is not met: why",
        help_text="Only where the Court grants without every finding met: at "
        f"least {OVERRIDE_MIN_WORDS} words saying why, which stand in the order "
        "for the findings. The reason is shown with the item and kept in its "
        "history.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(
        required=False, label="Note", widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args: Any, item: SealingItem, profile_code: str, **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", f"item-{item.pk}")
        initial = {
            "ground": item.ground,
            "recommendation": item.recommendation,
            "ruling": item.ruling,
            "ruling_reason": item.ruling_reason,
            "granted_portions": item.granted_portions,
            "findings_override": item.findings_override,
            "note": item.note,
        }
        self.item = item
        self.profile_code = profile_code
        self.checklist = checklist(item, profile_code)
        for finding in self.checklist:
            answer = item.findings.get(finding.code, {})
            met, note = finding_field_names(finding.code)
            initial[met] = {True: "yes", False: "no"}.get(answer.get("met"), "")
            initial[note] = answer.get("note", "")
        super().__init__(*args, initial=initial, **kwargs)
        for finding in self.checklist:
            met, note = finding_field_names(finding.code)
            self.fields[met] = forms.ChoiceField(
                choices=_YES_NO_BLANK, required=False, label=finding.text
            )
            self.fields[note] = forms.CharField(
                required=False, max_length=500, label=f"Note on: {finding.text}"
            )

    def finding_rows(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        rows = []
        for finding in self.checklist:
            met, note = finding_field_names(finding.code)
            rows.append((finding, self[met], self[note]))
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        needs_reason = data.get("ruling") not in ("", None, Ruling.GRANTED)
        if needs_reason and not (data.get("ruling_reason") or "").strip():
            self.add_error(
                "ruling_reason",
                "State why: the order must give the reason for a denial as "
                "clearly as for a grant.",
            )
        if data.get("ruling") == Ruling.GRANTED_IN_PART:
            self._clean_granted_portions(data)
        if data.get("ruling") in GRANTING:
            refusal = grant_refusal(
                self.item,
                self.profile_code,
                findings=self._findings(data),
                override=data.get("findings_override") or "",
            )
            if refusal:
                self.add_error("ruling", refusal)
        return data

    def _clean_granted_portions(self, data: dict[str, Any]) -> None:
        text = data.get("granted_portions") or ""
        if not text.strip():
            self.add_error(
                "granted_portions",
                "Say which of the requested portions the Court grants; the rest "
                "is denied.",
            )
            return
        try:
            data["granted_portions"] = clean_granted_portions(self.item, text)
        except WorkflowError as problem:
            self.add_error("granted_portions", problem.messages)

    def _findings(self, data: dict[str, Any]) -> dict[str, dict[str, Any]]:
        findings = {}
        for finding in self.checklist:
            met, note = finding_field_names(finding.code)
            findings[finding.code] = {
                "met": _ANSWER.get(data.get(met) or ""),
                "note": data.get(note) or "",
            }
        return findings

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "ground": data["ground"],
            "findings": self._findings(data),
            "recommendation": data["recommendation"],
            "ruling": data["ruling"],
            "ruling_reason": data["ruling_reason"].strip(),
            "granted_portions": data["granted_portions"]
            if data["ruling"] == Ruling.GRANTED_IN_PART
            else "",
            "findings_override": data["findings_override"].strip(),
            "note": data["note"].strip(),
        }


class BulkForm(forms.Form):
    """One action for a whole group of items, except those unticked."""

    items = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label="Apply to",
        help_text="Untick the items to leave out (the exceptions).",
    )
    findings = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Leave as recorded"),
            ("yes", "Mark all met"),
            ("no", "Mark all not met"),
        ],
        label="Findings",
    )
    recommendation = forms.ChoiceField(choices=_RULING_CHOICES, required=False)
    ruling = forms.ChoiceField(choices=_RULING_CHOICES, required=False)
    ruling_reason = forms.CharField(
        required=False,
        label="Reason for the ruling",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        items: Sequence[SealingItem],
        profile_code: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.profile_code = profile_code
        self.group_items = list(items)
        self.fields["items"].choices = [
            (str(item.pk), f"#{item.target.docket_ref} {item.portions_text}")
            for item in self.group_items
        ]
        self.fields["items"].initial = [str(item.pk) for item in self.group_items]
        # A group shares its standard, so its items share one checklist: a note
        # typed once here is each item's note on that finding.
        self.checklist = (
            checklist(self.group_items[0], profile_code) if self.group_items else ()
        )
        for finding in self.checklist:
            self.fields[f"note_{finding.code}"] = forms.CharField(
                required=False,
                max_length=500,
                label=f"Note on: {finding.text}",
                help_text="Replaces this finding's note on every ticked item; "
                "leave empty to keep each item's own.",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def note_fields(self) -> list[forms.BoundField]:
        return [self[f"note_{finding.code}"] for finding in self.checklist]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = ("findings", "recommendation", "ruling")
        if not any(data.get(name) for name in chosen) and not self.notes():
            raise forms.ValidationError(
                "Choose what to record: findings, notes on them, a "
                "recommendation or a ruling."
            )
        needs_reason = data.get("ruling") not in ("", None, Ruling.GRANTED)
        if needs_reason and not (data.get("ruling_reason") or "").strip():
            self.add_error("ruling_reason", "State the reason for this ruling.")
        if data.get("ruling") in GRANTING and "items" in data:
            problems = [
                (item, problem)
                for item in self.selected()
                if (problem := self._grant_problem(item, data.get("findings", "")))
            ]
            if problems:
                self.add_error(
                    "ruling",
                    [
                        *grant_refusals(problems),
                        "Mark the findings met for the group, or untick these "
                        "items and rule on them one by one.",
                    ],
                )
        return data

    def notes(self) -> dict[str, str]:
        """The notes typed, by finding code."""
        data = getattr(self, "cleaned_data", {})
        return {
            finding.code: note
            for finding in self.checklist
            if (note := (data.get(f"note_{finding.code}") or "").strip())
        }

    def findings_answers(self) -> dict[str, dict[str, Any]]:
        """The findings to record on each ticked item, for triage.update_items:
        the answer chosen for the group and the notes typed, each finding's
        other half kept as recorded."""
        choice = self.cleaned_data["findings"]
        notes = self.notes()
        answers: dict[str, dict[str, Any]] = {}
        for finding in self.checklist:
            answer: dict[str, Any] = {}
            if choice:
                answer["met"] = _ANSWER[choice]
            if finding.code in notes:
                answer["note"] = notes[finding.code]
            if answer:
                answers[finding.code] = answer
        return answers

    def _grant_problem(self, item: SealingItem, findings_choice: str) -> str:
        findings = dict(item.findings)
        if findings_choice:
            met = _ANSWER[findings_choice]
            for finding in checklist(item, self.profile_code):
                findings[finding.code] = {"met": met}
        return grant_problem(
            item,
            self.profile_code,
            findings=findings,
            override=item.findings_override,
        )

    def selected(self) -> list[SealingItem]:
        chosen = set(self.cleaned_data["items"])
        return [item for item in self.group_items if str(item.pk) in chosen]


class StateForm(forms.Form):
    to_state = forms.ChoiceField(label="Move to")
    deadline = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty to count the state's period under Rule 6(a).",
    )
    note = forms.CharField(required=False, max_length=500)

    def __init__(self, *args: Any, motion: MotionToSeal, **kwargs: Any) -> None:
        from sealing.triage import manual_next_states, suggested_next_state

        super().__init__(*args, **kwargs)
        self.fields["to_state"].choices = [
            (state, MotionState(state).label) for state in manual_next_states(motion)
        ]
        self.fields["to_state"].initial = suggested_next_state(motion)


_TRISTATE = [("", "Not decided"), ("yes", "Yes"), ("no", "No")]


class FilingFactsForm(forms.Form):
    """What a filing is, for the standards engine.

    The judicial-document question is asked only where the court's profile uses
    it (2d, 3d and 7th Cir.); elsewhere the recorded answer is kept.
    """

    nature = forms.ChoiceField(choices=standards.FilingNature.choices())
    dispositive = forms.ChoiceField(choices=_TRISTATE, required=False)
    merits_related = forms.ChoiceField(
        choices=_TRISTATE,
        required=False,
        label="More than tangentially related to the merits",
    )
    judicial_document = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        label="Judicial document",
        help_text="Relevant to and useful in the judicial function; filed with or "
        "underpinning a decision. Answer no only on a finding that it is not.",
    )
    traditionally_secret = forms.BooleanField(
        required=False,
        label="Traditionally kept secret",
        help_text="Grand-jury material, warrant papers before an indictment.",
    )
    basis = forms.CharField(
        required=False,
        label="Why (for the order)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args: Any, asks_judicial_document: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not asks_judicial_document:
            del self.fields["judicial_document"]

    @classmethod
    def for_entry(
        cls, entry: DocketEntry, *args: Any, **kwargs: Any
    ) -> FilingFactsForm:
        def tri(value: bool | None) -> str:
            return {True: "yes", False: "no"}.get(value, "")

        return cls(
            *args,
            prefix=f"entry-{entry.pk}",
            initial={
                "nature": entry.nature,
                "dispositive": tri(entry.dispositive),
                "merits_related": tri(entry.merits_related),
                "judicial_document": tri(entry.judicial_document),
                "traditionally_secret": entry.traditionally_secret,
                "basis": entry.dispositive_basis,
            },
            **kwargs,
        )

    def facts(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "nature": data["nature"],
            "dispositive": _ANSWER[data["dispositive"]],
            "merits_related": _ANSWER[data["merits_related"]],
            "judicial_document": _ANSWER.get(data.get("judicial_document", "")),
            "traditionally_secret": data["traditionally_secret"],
            "basis": data["basis"],
        }
