"""Sealed material quoted in the order's public text: found, shown, and kept off
the public docket."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from filings import demo as filings_demo
from filings.models import DocketEntry, DocumentFile
from sealing import demo, order_flow, quoting, regions, triage
from sealing.models import MotionToSeal
from sealing.order_models import DraftStatus

pytestmark = pytest.mark.django_db

SIGNED_ON = date(2026, 12, 2)
NOTE = (
    "The portions detail Lumina's business operations, customer agreements, the "
    "QUILL source code and its review threshold of 0.7425."
)
II_A = "section II.A (Trade Secret and Proprietary Business Materials), findings"


@pytest.fixture
def demo_motion(django_capture_on_commit_callbacks) -> MotionToSeal:
    """The demo case with its files processed, every portion located, and the
    demo motion ruled as the seed order rules."""
    with django_capture_on_commit_callbacks(execute=True):
        case = filings_demo.load_demo()
    motion = MotionToSeal.objects.get(case=case)
    regions.locate_motion(motion.pk)
    demo.rule_demo_motion(motion)
    return motion


def _user(name: str) -> User:
    return User.objects.get(username=name)


def _client(name: str) -> Client:
    client = Client()
    client.force_login(_user(name))
    return client


def _send(motion, capture):
    with capture(execute=True):
        draft = order_flow.create_draft(None, motion, actor=_user("clerk"))
    with capture(execute=True):
        order_flow.send_to_judge(None, draft, actor=_user("clerk"))
    draft.refresh_from_db()
    return draft


def _quote_in_the_notes(motion: MotionToSeal) -> None:
    """The clerk's findings note for the TRO papers quotes a sealed value."""
    items = list(
        motion.items.filter(
            standard="compelling_reasons", ground="trade_secret"
        ).select_related("motion__case__court")
    )
    triage.update_items(
        None, items, {"findings": {"specific_facts": {"met": True, "note": NOTE}}}
    )


def _text(field) -> str:
    with field.open("rb") as handle, pdfplumber.open(io.BytesIO(handle.read())) as pdf:
        return " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)


def test_the_demo_order_quotes_nothing_it_seals(demo_motion):
    sealed = quoting.sealed_text(demo_motion)
    draft = order_flow.create_draft(None, demo_motion, actor=_user("clerk"))

    check = order_flow.quoted_sealed_material(draft)

    assert sealed.figures["0.7425"] in ("20-2", "24", "30")
    assert sealed.unlocated == []
    assert check.matches == []


def test_a_sealed_value_in_the_notes_keeps_the_order_from_the_public_docket(
    demo_motion, django_capture_on_commit_callbacks
):
    _quote_in_the_notes(demo_motion)
    draft = _send(demo_motion, django_capture_on_commit_callbacks)

    check = order_flow.quoted_sealed_material(draft)
    assert [(m.section, m.phrase) for m in check.matches] == [
        (II_A, "review threshold of 0.7425")
    ]
    # Clerk and judge see where it is; the judge is offered no signature.
    for name in ("clerk", "judge"):
        html = _client(name).get(reverse("orders:draft", args=[draft.pk])).content
        page = html.decode()
        assert "“review threshold of 0.7425”" in page
        assert II_A in page
    assert 'id="approve-sign"' not in page
    with pytest.raises(
        order_flow.OrderFlowError,
        match="The order’s text quotes sealed material: “review threshold of "
        r"0.7425” \(sealed words from #\d+(-\d)?\) in section II.A",
    ):
        order_flow.approve(None, draft, actor=_user("judge"), signed_on=SIGNED_ON)
    assert not DocketEntry.objects.filter(kind=DocketEntry.Kind.ORDER).exists()

    # Entered under seal, its public version leaves the findings' specifics out.
    order_flow.return_to_clerk(None, draft, "Seal it.", actor=_user("judge"))
    order_flow.mark_sealed(None, draft, True, actor=_user("clerk"))
    with django_capture_on_commit_callbacks(execute=True):
        order_flow.send_to_judge(None, draft, actor=_user("clerk"))
    draft.refresh_from_db()
    assert order_flow.quoted_sealed_material(draft).matches == []
    entry = order_flow.approve(None, draft, actor=_user("judge"), signed_on=SIGNED_ON)

    files = {f.role: f for f in entry.documents.get().files.all()}
    assert "0.7425" in _text(files[DocumentFile.Role.ORIGINAL].file)
    assert "0.7425" not in _text(files[DocumentFile.Role.PUBLIC_REDACTED].file)


def test_a_sealed_value_the_public_version_still_shows_blocks_signing(
    demo_motion, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        draft = order_flow.create_draft(None, demo_motion, actor=_user("clerk"))
    order_flow.mark_sealed(None, draft, True, actor=_user("clerk"))
    draft = _send(demo_motion, django_capture_on_commit_callbacks)
    sections = {
        s.key: s.text for s in order_flow.drafting.editable_sections(demo_motion, {})
    }
    sections["ordering"] += (
        "\n\nIT IS FURTHER ORDERED that the composite score of 0.7425 stays sealed."
    )
    with django_capture_on_commit_callbacks(execute=True):
        edited = order_flow.edit_sections(None, draft, sections, actor=_user("judge"))
    edited.refresh_from_db()
    assert edited.status == DraftStatus.SENT_TO_JUDGE

    with pytest.raises(
        order_flow.OrderFlowError,
        match="The public version of this sealed order still shows sealed "
        "material: “composite score of 0.7425” .* in the ordering paragraphs",
    ):
        order_flow.approve(None, edited, actor=_user("judge"), signed_on=SIGNED_ON)


def test_runs_and_figures_are_found_where_they_are_written():
    sealed = quoting.SealedText(
        runs={("review", "threshold", "of", "0.7425"): "30"},
        figures={"0.7425": "20-2", "318000": "20-3", "212": "33-1"},
    )
    passages = [
        ("the introduction", "Filed in 2026, it names a fee of $318,000."),
        ("the findings", "The *review threshold of 0.7425* is sealed."),
        ("the ordering paragraphs", "The 2026 fee of 3180 is public; 21 days."),
    ]

    found = quoting.find(passages, sealed)

    assert [(m.section, m.phrase, m.kind, m.sealed_in) for m in found] == [
        ("the introduction", "$318,000", "figure", "20-3"),
        ("the findings", "review threshold of 0.7425", "words", "30"),
    ]


def test_common_words_and_years_are_no_sealed_material():
    assert quoting.figure("2026") is None
    assert quoting.figure("12.") is None
    assert quoting.figure("(#45-1),") == "45-1"
    assert quoting.figure("$318,000.") == "318000"
    assert not quoting._telling(("of", "the", "court", "and"))
    assert quoting._telling(("review", "threshold", "of", "0.7425"))
