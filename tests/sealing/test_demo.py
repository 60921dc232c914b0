"""The demo motion: the seed order's items, listed through the paste path, once."""

from __future__ import annotations

from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from sealing import triage
from sealing.demo import load_demo_motion, rule_demo_motion
from sealing.models import MotionState, Ruling, SealingItem
from sealing.standards import insufficient_reasons

pytestmark = pytest.mark.django_db


def test_demo_motion_carries_the_seed_orders_items_under_both_standards(cast):
    motion = load_demo_motion(cast.case)

    items = list(
        SealingItem.objects.filter(motion=motion).select_related("target__entry")
    )
    groups = Counter((item.standard, item.ground) for item in items)
    lines = Counter((item.standard, item.listed_as) for item in items)
    assert motion.state == MotionState.UNDER_REVIEW
    assert set(groups) == {
        ("good_cause", "trade_secret"),
        ("good_cause", "defamatory"),
        ("compelling_reasons", "trade_secret"),
        ("compelling_reasons", "defamatory"),
    }
    good_cause_lines = {n for standard, n in lines if standard == "good_cause"}
    compelling_lines = {n for standard, n in lines if standard == "compelling_reasons"}
    assert 16 <= len(good_cause_lines) <= 24
    assert 12 <= len(compelling_lines) <= 18
    weak = [
        i for i in items if i.target.entry.number == 12 and i.ground == "defamatory"
    ]
    assert sorted(i.portions_text for i in weak) == ["¶ 65", "¶ 71"]
    assert all(insufficient_reasons(i.stated_reason) for i in weak)
    strong = [i for i in items if i.ground == "trade_secret"]
    assert not any(insufficient_reasons(i.stated_reason) for i in strong)


def test_loading_the_demo_twice_changes_nothing(cast):
    first = load_demo_motion(cast.case)
    count = SealingItem.objects.filter(motion=first).count()

    second = load_demo_motion(cast.case)

    assert second.pk == first.pk
    assert SealingItem.objects.filter(motion=first).count() == count


def test_the_demo_rulings_rest_on_complete_findings_with_the_clerks_notes(cast):
    motion = load_demo_motion(cast.case)

    rule_demo_motion(motion, actor=cast.clerk)

    items = list(SealingItem.objects.filter(motion=motion))
    profile = cast.court.circuit_profile
    denied = [item for item in items if item.ruling == Ruling.DENIED]
    assert sorted(item.portions_text for item in denied) == ["¶ 65", "¶ 71"]
    assert all("broad allegations of harm" in item.ruling_reason for item in denied)
    assert all(
        item.findings["specific_harm"]["met"] is False
        and item.findings["specific_harm"]["note"]
        for item in denied
    )
    granted = [item for item in items if item not in denied]
    assert {item.ruling for item in granted} == {Ruling.GRANTED}
    for item in granted:
        codes = [finding.code for finding in triage.checklist(item, profile)]
        assert all(item.findings[code]["met"] is True for code in codes)
        assert all(item.findings[code]["note"] for code in codes)
    triage.move_motion(None, motion, MotionState.DECIDED)


def test_the_clerk_triages_the_demo_motion_from_its_page(cast):
    motion = load_demo_motion(cast.case)
    client = cast.client("clerk")
    bulk = reverse("sealing:bulk", kwargs={"pk": motion.pk})
    items = list(SealingItem.objects.filter(motion=motion))
    groups = {f"{item.standard}--{item.ground}" for item in items}

    for key in sorted(groups):
        members = [i for i in items if f"{i.standard}--{i.ground}" == key]
        weak = key == "good_cause--defamatory"
        response = client.post(
            bulk,
            {
                "group": key,
                f"bulk-{key}-items": [str(item.pk) for item in members],
                f"bulk-{key}-findings": "no" if weak else "yes",
                f"bulk-{key}-ruling": "denied" if weak else "granted",
                f"bulk-{key}-ruling_reason": "Broad allegations of harm."
                if weak
                else "",
            },
            follow=True,
        )
        assert "updated" in response.content.decode(), key

    page = client.get(reverse("sealing:motion", kwargs={"pk": motion.pk}))
    motion.refresh_from_db()
    # Only the judge's signed order decides it: the clerk prepares the draft.
    assert motion.state == MotionState.UNDER_REVIEW
    assert 'id="prepare-draft"' in page.content.decode()
    rulings = Counter(
        SealingItem.objects.filter(motion=motion).values_list("ruling", flat=True)
    )
    assert rulings == {"granted": len(items) - 2, "denied": 2}


def test_the_demo_state_history_agrees_with_the_header(cast):
    motion = load_demo_motion(cast.case)

    page = (
        cast.client("clerk")
        .get(reverse("sealing:motion", kwargs={"pk": motion.pk}))
        .content.decode()
    )

    changes = list(motion.state_changes.all())
    assert [c.to_state for c in changes] == ["lodged", "under_review"]
    assert changes[-1].at == motion.state_changed_at
    assert changes[0].at < changes[-1].at
    assert timezone.localdate(changes[0].at) == motion.entry.filed_on
    since = date_format(timezone.localtime(motion.state_changed_at), "M j, Y")
    assert f"since {since}" in page
    history = date_format(timezone.localtime(changes[-1].at), "M j, Y H:i")
    assert f"{history}</time> — Under review" in page
