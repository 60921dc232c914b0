"""The demo motion: the seed order's items, listed through the paste path, once."""

from __future__ import annotations

from collections import Counter

import pytest

from sealing.demo import load_demo_motion
from sealing.models import MotionState, SealingItem
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
