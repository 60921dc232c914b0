"""A motion like the demo's: items under good cause and compelling reasons, two
grounds under each, two paragraphs denied, and one request made on two grounds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from django.utils import timezone

from filings.models import Access, DocketEntry, Document
from sealing import triage
from sealing.models import MotionState, MotionToSeal, Ruling, SealingItem
from tests import factories
from tests.conftest import Cast

K = DocketEntry.Kind
# (number, nature, dispositive, kind, text, attachments, filer side)
DOCKET = [
    (1, "pleading", None, K.COMPLAINT, "COMPLAINT", (), "plaintiff"),
    (12, "pleading", None, K.ANSWER, "ANSWER and COUNTERCLAIM", (), "defendant"),
    (
        20,
        "tro_pi",
        True,
        K.MOTION,
        "EMERGENCY MOTION for Temporary Restraining Order",
        ("Declaration of Priya Raman",),
        "plaintiff",
    ),
    (
        24,
        "tro_pi",
        True,
        K.OPPOSITION,
        "RESPONSE in Opposition to TRO",
        (),
        "defendant",
    ),
    (
        45,
        "procedural",
        False,
        K.MOTION_TO_SEAL,
        "JOINT MOTION to Seal",
        (),
        "plaintiff",
    ),
]

GOOD_CAUSE_TRADE_SECRETS = (
    "1. Complaint (#1), ¶¶ 25-26 (Lumina's pricing formula and floor prices);\n"
    "2. Answer and Counterclaims (#12), ¶ 52 (the commission rates of the Reseller "
    "Agreement).\n"
)
GOOD_CAUSE_INACCURATE = (
    "1. Answer and Counterclaims (#12), ¶ 65 (the parties agree this paragraph "
    "should be kept confidential);\n"
    "2. Answer and Counterclaims (#12), ¶ 71 (the parties agree this paragraph "
    "should be kept confidential);\n"
    "3. Complaint (#1), ¶¶ 25-26 (an admittedly inaccurate statement about a "
    "non-party).\n"
)
COMPELLING_TRADE_SECRETS = (
    "1. Emergency Motion for Temporary Restraining Order (#20), p. 1:22-27 (the "
    "QUILL source code at issue);\n"
    "2. Declaration of Priya Raman (#20-1), ¶¶ 2-5 (the QUILL weights module).\n"
)
COMPELLING_INACCURATE = (
    "1. Opposition to Motion for Temporary Restraining Order (#24), p. 2:2-11 (an "
    "admittedly inaccurate statement about the non-party Meridian).\n"
)
DENIAL_REASON = (
    "broad allegations of harm unsubstantiated by specific examples; the parties' "
    "agreement alone does not justify sealing"
)


@dataclass
class OrderMotion:
    cast: Cast
    motion: MotionToSeal
    entries: dict[int, DocketEntry]

    def item(self, ref: str, portions: str, ground: str = "") -> SealingItem:
        found = [
            item
            for item in self.motion.items.select_related("target__entry")
            if item.target.docket_ref == ref
            and item.portions_text == portions
            and (not ground or item.ground == ground)
        ]
        assert len(found) == 1, (ref, portions, found)
        return found[0]

    def document(self, ref: str) -> Document:
        number, _, attachment = ref.partition("-")
        return Document.objects.get(
            entry=self.entries[int(number)], attachment_number=int(attachment or 0)
        )


def build_motion(cast: Cast, *, rule: bool = True) -> OrderMotion:
    entries: dict[int, DocketEntry] = {}
    for number, nature, dispositive, kind, text, attachments, side in DOCKET:
        entry = factories.make_entry(
            cast.case,
            number,
            text=text,
            nature=nature,
            dispositive=dispositive,
            kind=kind,
            filer=getattr(cast, side),
        )
        entries[number] = entry
        for attachment, description in enumerate((text.title(), *attachments)):
            Document.objects.create(
                entry=entry,
                attachment_number=attachment,
                description=description,
                access=Access.PUBLIC if number == 45 else Access.PROVISIONALLY_SEALED,
            )
    motion = triage.open_motion(
        None,
        entry=entries[45],
        title="Joint Motion to Seal or Redact Portions of the Record",
        movants=[cast.plaintiff, cast.defendant],
        joint=True,
    )
    for text, ground in (
        (GOOD_CAUSE_TRADE_SECRETS, "trade_secret"),
        (GOOD_CAUSE_INACCURATE, "defamatory"),
        (COMPELLING_TRADE_SECRETS, "trade_secret"),
        (COMPELLING_INACCURATE, "defamatory"),
    ):
        triage.add_items(
            None,
            motion,
            text,
            ground=ground,
            declaration_text="Raman Decl. in Support of Joint Motion to Seal (#45)",
        )
    triage.move_motion(None, motion, MotionState.UNDER_REVIEW)
    built = OrderMotion(cast, motion, entries)
    if rule:
        rule_all(built)
    return built


FACTS_NOTE = (
    "the material sets out Lumina's confidential prices and the QUILL weights, "
    "which a competitor could use to undercut its bids"
)
BALANCE_NOTE = (
    "the public can follow the dispute from the unredacted briefs without the "
    "figures themselves"
)
# The clerk's findings for a grant, under either standard (each item keeps the
# answers its own checklist asks for).
GRANT_FINDINGS = {
    "particularized_showing": {"met": True, "note": ""},
    "specific_harm": {"met": True, "note": FACTS_NOTE},
    "specific_facts": {"met": True, "note": FACTS_NOTE},
    "outweighs_public_interest": {"met": True, "note": BALANCE_NOTE},
}


def rule_all(built: OrderMotion, *, leave_open: int = 0) -> None:
    """Grant everything but ¶¶ 65 and 71, which are denied, with the clerk's
    findings met and noted; leave the last ``leave_open`` granted items
    undecided (their findings already recorded)."""
    items = list(built.motion.items.order_by("listed_as"))
    denied = [i for i in items if i.portions_text in ("¶ 65", "¶ 71")]
    granted = [i for i in items if i not in denied]
    triage.update_items(
        None, denied, {"ruling": Ruling.DENIED, "ruling_reason": DENIAL_REASON}
    )
    profile = built.motion.case.court.circuit_profile
    findings = triage.answer_every_finding(granted, profile, met=True)
    for code, answer in GRANT_FINDINGS.items():
        if code in findings:
            findings[code] = dict(answer)
    triage.update_items(None, granted, {"findings": findings})
    if leave_open:
        granted = granted[:-leave_open]
    triage.update_items(None, granted, {"ruling": Ruling.GRANTED})


@pytest.fixture
def order_motion(cast: Cast) -> OrderMotion:
    for user in (cast.plaintiff_counsel, cast.defendant_counsel):
        user.email = f"{user.username}@firm.example"
        user.save(update_fields=["email"])
    return build_motion(cast)


@pytest.fixture
def today(monkeypatch) -> Callable[[date], None]:
    """Pin the court's "today": drafts count their deadlines from it."""

    def pin(day: date) -> None:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return pin
