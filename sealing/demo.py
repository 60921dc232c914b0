"""The demo case's joint motion to seal, modelled on the seed order (D. Nev. 2011).

``load_demo_motion(case)`` lists the items of the demo joint motion to seal from text,
through the same paste-and-parse path a clerk uses: about twenty under good cause
(the pleadings and the discovery motion) and fifteen under compelling reasons (the
TRO papers, treated as dispositive), trade secrets and admittedly inaccurate
allegations under each, and two counterclaim paragraphs (¶¶ 65 and 71 of the answer)
whose showing is only the parties' agreement and broad allegations of harm.

The motion is loaded under review with nothing ruled, for the clerk to triage;
``rule_demo_motion`` records findings (with the clerk's notes for each group) and
rulings as the seed order made them, for benchmarks and tests of what follows.

The items name the demo docket of ``filings.demo`` (Lumina Software v. Harrow Group):
the complaint #1, the answer and counterclaims #12, the TRO papers #20, #24, #27 and
#30, the motion to compel #33 and the joint motion itself #45. Entries a case lacks
are added (without files) with the same facts, so that the motion can be loaded into
any case, as the tests do. Running it twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from filings.models import Access, Case, DocketEntry, Document, Party
from sealing import triage
from sealing.models import MotionState, MotionToSeal, Ruling, SealingItem

MOTION_NUMBER = 45
MOTION_TITLE = "Joint Motion to Seal or Redact Portions of the Record"


@dataclass(frozen=True)
class DemoEntry:
    number: int
    text: str
    nature: str = "other"
    attachments: tuple[str, ...] = ()
    kind: str = DocketEntry.Kind.OTHER
    dispositive: bool | None = None


K = DocketEntry.Kind
DEMO_DOCKET = (
    DemoEntry(1, "COMPLAINT", "pleading", kind=K.COMPLAINT),
    DemoEntry(12, "ANSWER to Complaint and COUNTERCLAIM", "pleading", kind=K.ANSWER),
    DemoEntry(
        20,
        "EMERGENCY MOTION for Temporary Restraining Order",
        "tro_pi",
        (
            "Declaration of Priya Raman",
            "Exhibit 1 to Raman Declaration (QUILL architecture summary)",
            "Exhibit 2 to Raman Declaration (Desert Springs agreement)",
        ),
        kind=K.MOTION,
        dispositive=True,
    ),
    DemoEntry(
        24,
        "RESPONSE in Opposition to Motion for Temporary Restraining Order",
        "tro_pi",
        ("Declaration of Daniel Harrow",),
        kind=K.OPPOSITION,
        dispositive=True,
    ),
    DemoEntry(
        27,
        "REPLY in Support of Motion for Temporary Restraining Order",
        "tro_pi",
        kind=K.REPLY,
        dispositive=True,
    ),
    DemoEntry(
        30,
        "TRANSCRIPT of Proceedings: Hearing on Motion for Temporary Restraining Order",
        "tro_pi",
        kind=K.TRANSCRIPT,
        dispositive=True,
    ),
    DemoEntry(
        33,
        "MOTION to Compel Production of Source Code Commit History",
        "discovery",
        ("Declaration of Rebecca A. Sloane",),
        kind=K.MOTION,
        dispositive=False,
    ),
    DemoEntry(
        MOTION_NUMBER,
        "JOINT MOTION to Seal or Redact Portions of Docket Entries 1, 12, 20, 24, 27, "
        "30 and 33 by all parties.",
        "procedural",
        ("Declaration of Priya Raman in Support of Joint Motion to Seal",),
        kind=K.MOTION_TO_SEAL,
        dispositive=False,
    ),
)

GOOD_CAUSE_TRADE_SECRETS = """1. Complaint (#1), ¶¶ 25-26 (Lumina's pricing formula and the floor prices and discounts in its price book);
2. Complaint (#1), ¶¶ 31-34 (the QUILL weighting algorithm, its source files and its review thresholds);
3. Complaint (#1), ¶¶ 37-39 (Lumina's customer list, renewal dates and confidential floor prices);
4. Answer and Counterclaims (#12), ¶¶ 49-50 (license revenue under the Reseller Agreement and its notice terms);
5. Answer and Counterclaims (#12), ¶ 52 (the commission rates of the Reseller Agreement);
6. Answer and Counterclaims (#12), ¶ 53 (a customer's confidential renewal price);
7. Answer and Counterclaims (#12), ¶ 54 (the most-favored-customer term of a customer agreement);
8. Answer and Counterclaims (#12), ¶ 55 (changes to Lumina's confidential price book);
9. Answer and Counterclaims (#12), ¶ 56 (the pricing of Lumina's support terms);
10. Answer and Counterclaims (#12), ¶ 57 (Lumina's internal margin on hospital licenses);
11. Answer and Counterclaims (#12), ¶ 58 (a customer's source-code escrow audit right);
12. Answer and Counterclaims (#12), ¶¶ 59-60 (commissions paid to a competing reseller and the value of four accounts);
13. Answer and Counterclaims (#12), ¶ 62 (Lumina's renewal forecast naming customers at risk);
14. Answer and Counterclaims (#12), ¶¶ 63-64 (board minutes on Lumina's sales strategy and its budget);
15. Motion to Compel (#33), p. 1:20-25 (describes the QUILL weights module and the commit history of the calibration tables);
16. Declaration of Rebecca A. Sloane (#33-1), ¶¶ 2-5 (forensic findings on the download of the QUILL source code and its review thresholds).
"""

GOOD_CAUSE_INACCURATE = """1. Answer and Counterclaims (#12), ¶ 65 (the parties agree this paragraph should be kept confidential because its disclosure could cause harm);
2. Answer and Counterclaims (#12), ¶ 71 (the parties agree this paragraph should be kept confidential because its disclosure could cause harm).
"""

COMPELLING_TRADE_SECRETS = """1. Emergency Motion for Temporary Restraining Order (#20), p. 1:22-27 (the QUILL source code, pricing model and customer information at issue);
2. Emergency Motion for Temporary Restraining Order (#20), pp. 2:5-10, 2:13-15 (the review thresholds and the forensic findings on the download);
3. Emergency Motion for Temporary Restraining Order (#20), p. 3:6-8 (the forensic findings on the download);
4. Declaration of Priya Raman (#20-1), ¶¶ 2-5 (the QUILL weights module, the download and the calibration comparison);
5. Declaration of Priya Raman (#20-1), ¶¶ 6-8 (the review thresholds, repository security and distribution of the price book);
6. Exhibit 1 to Raman Declaration (#20-2) (the QUILL architecture summary: signal order, weights and review threshold);
7. Exhibit 2 to Raman Declaration (#20-3) (the license fee and discount in a customer's license agreement);
8. Opposition to Motion for Temporary Restraining Order (#24), pp. 1:20-2:1 (quotes and discusses the review threshold);
9. Opposition to Motion for Temporary Restraining Order (#24), p. 2:2-11 (Meridian's development, costs and pricing);
10. Declaration of Daniel Harrow (#24-1), ¶¶ 3-6 (Meridian's costs, customer contacts and development timeline);
11. Reply in Support of Motion for Temporary Restraining Order (#27), p. 1:20-25 (the forensic findings and the calibration comparison);
12. Reply in Support of Motion for Temporary Restraining Order (#27), p. 2:3-8 (the review thresholds and repository security);
13. Transcript of hearing on the TRO motion (#30), pp. 1:25-2:7 (the review threshold and a customer's price discussed at the hearing).
"""

COMPELLING_INACCURATE = """1. Emergency Motion for Temporary Restraining Order (#20), p. 2:8-10 (the parties agree the statement is inaccurate as to the non-party Meridian's network address and could be used to defame it);
2. Transcript of hearing on the TRO motion (#30), p. 2:5-7 (an admittedly inaccurate statement about a non-party customer's price that could be used to defame it).
"""

_DECLARATION = "Raman Decl. in Support of Joint Motion to Seal (#45-1)"
DEMO_LISTS = (
    (GOOD_CAUSE_TRADE_SECRETS, "trade_secret", _DECLARATION),
    (GOOD_CAUSE_INACCURATE, "defamatory", ""),
    (COMPELLING_TRADE_SECRETS, "trade_secret", _DECLARATION),
    (COMPELLING_INACCURATE, "defamatory", _DECLARATION),
)


# The clerk's findings for each group of the demo motion, as a clerk would note
# them, after the seed order's own findings (D. Nev. 2011): keyed by (standard,
# ground), then by checklist code.
DEMO_FINDINGS: Mapping[tuple[str, str], Mapping[str, str]] = {
    ("good_cause", "trade_secret"): {
        "particularized_showing": "Each portion gives detail of Lumina's business "
        "operations, customer agreements or pricing, not the filing in general.",
        "specific_harm": "Disclosure would let competitors see Lumina's pricing, "
        "customer base and the QUILL algorithm, harming its trade secrets.",
        "declaration": "Raman Decl. in Support of Joint Motion to Seal (#45-1).",
        "narrowly_tailored": "Only the paragraphs and lines named are redacted; "
        "the rest of each filing stays public.",
    },
    ("good_cause", "defamatory"): {
        "particularized_showing": "The parties agree the statement is factually "
        "inaccurate and that it names a non-party.",
        "specific_harm": "The false allegation could cast the non-party in a false "
        "light or be used in a libelous fashion.",
        "declaration": "Raman Decl. in Support of Joint Motion to Seal (#45-1).",
        "narrowly_tailored": "Only the inaccurate statement is redacted.",
    },
    ("compelling_reasons", "trade_secret"): {
        "specific_facts": "The portions detail Lumina's business operations, "
        "customer agreements, the QUILL source code and its security measures "
        "(Raman Decl., #45-1).",
        "reason_category": "Trade secrets and proprietary business information.",
        "outweighs_public_interest": "Disclosure could reasonably result in "
        "infringement of Lumina's trade secrets; the redacted papers still show "
        "how the Court decided the TRO motion.",
        "narrowly_tailored": "Only the lines, paragraphs and exhibits named are "
        "sealed or redacted.",
    },
    ("compelling_reasons", "defamatory"): {
        "specific_facts": "The parties agree the statements about non-parties are "
        "factually incorrect (Raman Decl., #45-1).",
        "reason_category": "Admittedly false allegations that could be used for "
        "libelous purposes.",
        "outweighs_public_interest": "A false statement about a non-party adds "
        "nothing to the public's understanding of the TRO ruling and could be "
        "used to defame it.",
        "narrowly_tailored": "Only the inaccurate lines are redacted.",
    },
}
# ¶¶ 65 and 71 of the counterclaims: the showing is only the parties' agreement.
WEAK_PORTIONS = ("¶ 65", "¶ 71")
WEAK_FINDINGS: Mapping[str, tuple[bool, str]] = {
    "particularized_showing": (
        False,
        "Nothing specific to these paragraphs beyond the parties' agreement.",
    ),
    "specific_harm": (
        False,
        "Broad allegations of harm, unsubstantiated by specific examples or "
        "articulated reasoning.",
    ),
    "declaration": (False, "No declaration supports these paragraphs."),
    "narrowly_tailored": (True, "Two paragraphs only."),
}
WEAK_DENIAL = (
    "The parties offer only their agreement that the paragraphs should be kept "
    "confidential and broad allegations of harm, unsubstantiated by specific "
    "examples or articulated reasoning; that allegations of this kind may embarrass "
    "a party or expose it to further litigation does not justify sealing. Beckman "
    "Indus., 966 F.2d at 476; Kamakana, 447 F.3d at 1179."
)


def _ensure_docket(case: Case, filer: Party | None) -> dict[int, DocketEntry]:
    """The demo entries, creating those the case lacks; existing ones are left alone."""
    existing = {entry.number: entry for entry in case.entries.all()}
    for spec in DEMO_DOCKET:
        entry = existing.get(spec.number)
        if entry is None:
            # The motion itself is recent, so that the queue shows a realistic age.
            filed_on = (
                timezone.localdate() - timedelta(days=12)
                if spec.number == MOTION_NUMBER
                else case.filed_on + timedelta(days=spec.number * 2)
            )
            entry = DocketEntry.objects.create(
                case=case,
                number=spec.number,
                filed_on=filed_on,
                filer=filer,
                text=spec.text,
                kind=spec.kind,
                nature=spec.nature,
                dispositive=spec.dispositive,
            )
            existing[spec.number] = entry
        have = set(entry.documents.values_list("attachment_number", flat=True))
        lodged = spec.number != MOTION_NUMBER
        for number, description in enumerate(
            (spec.text.capitalize(), *spec.attachments)
        ):
            if number in have:
                continue
            Document.objects.create(
                entry=entry,
                attachment_number=number,
                description=description[:300],
                access=Access.PROVISIONALLY_SEALED if lodged else Access.PUBLIC,
            )
    return existing


@transaction.atomic
def load_demo_motion(case: Case) -> MotionToSeal:
    """The demo case's joint motion to seal with its items listed; idempotent."""
    found = MotionToSeal.objects.filter(case=case, title=MOTION_TITLE).first()
    if found is not None:
        return found
    movants = list(
        case.parties.filter(role__in=[Party.Role.PLAINTIFF, Party.Role.DEFENDANT])
    )
    if not movants:
        raise ValueError(f"The demo case {case.number} has no parties to move.")
    entries = _ensure_docket(case, movants[0])
    # The demo shows a motion that has waited a while, as real queues do: lodged
    # the morning it was filed, under review for three days, and its state
    # history says so as the header does.
    filed = entries[MOTION_NUMBER].filed_on
    lodged_at = datetime.combine(
        filed, time(9, 30), tzinfo=timezone.get_current_timezone()
    )
    motion = triage.open_motion(
        None,
        entry=entries[MOTION_NUMBER],
        title=MOTION_TITLE,
        movants=movants,
        joint=len(movants) > 1,
        at=lodged_at,
    )
    for text, ground, declaration in DEMO_LISTS:
        triage.add_items(
            None, motion, text, ground=ground, declaration_text=declaration
        )
    triage.move_motion(
        None,
        motion,
        MotionState.UNDER_REVIEW,
        note="Briefing complete.",
        at=max(
            datetime.combine(
                timezone.localdate() - timedelta(days=3),
                time(10, 15),
                tzinfo=timezone.get_current_timezone(),
            ),
            lodged_at,
        ),
    )
    return motion


@transaction.atomic
def rule_demo_motion(motion: MotionToSeal, *, actor: Any = None) -> None:
    """Record findings and rulings on the demo motion as the seed order rules.

    Every item is granted on the findings noted for its group, except ¶¶ 65 and 71
    of the counterclaims, denied with their findings not met and the reason.
    """
    profile = motion.case.court.circuit_profile
    items = list(motion.items.select_related("target__entry"))
    groups: dict[tuple[str, str], list[SealingItem]] = {}
    weak = []
    for item in items:
        if item.ground == "defamatory" and item.portions_text in WEAK_PORTIONS:
            weak.append(item)
        else:
            groups.setdefault((item.standard, item.ground), []).append(item)
    for (standard, ground), group in groups.items():
        notes = DEMO_FINDINGS.get((standard, ground), {})
        findings = triage.answer_every_finding(group, profile, met=True)
        for code, note in notes.items():
            if code in findings:
                findings[code]["note"] = note
        triage.update_items(
            None,
            group,
            {"findings": findings, "recommendation": Ruling.GRANTED},
            context="demo findings",
            actor=actor,
        )
        triage.update_items(
            None, group, {"ruling": Ruling.GRANTED}, context="demo", actor=actor
        )
    if weak:
        findings = {
            code: {"met": met, "note": note}
            for code, (met, note) in WEAK_FINDINGS.items()
        }
        triage.update_items(
            None,
            weak,
            {
                "findings": findings,
                "recommendation": Ruling.DENIED,
                "ruling": Ruling.DENIED,
                "ruling_reason": WEAK_DENIAL,
            },
            context="demo",
            actor=actor,
        )
