"""The demo case's joint motion to seal, modelled on the seed order (D. Nev. 2011).

``load_demo_motion(case)`` lists the items of the demo joint motion to seal from text,
through the same paste-and-parse path a clerk uses: about twenty under good cause
(the pleadings and the discovery motion) and fifteen under compelling reasons (the
TRO papers, treated as dispositive), trade secrets and admittedly inaccurate
allegations under each, and two counterclaim paragraphs (¶¶ 65 and 71 of the answer)
whose showing is only the parties' agreement and broad allegations of harm.

The items name the demo docket of ``filings.demo`` (Lumina Software v. Harrow Group):
the complaint #1, the answer and counterclaims #12, the TRO papers #20, #24, #27 and
#30, the motion to compel #33 and the joint motion itself #45. Entries a case lacks
are added (without files) with the same facts, so that the motion can be loaded into
any case, as the tests do. Running it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from filings.models import Access, Case, DocketEntry, Document, Party
from sealing import triage
from sealing.models import MotionState, MotionToSeal

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
    motion = triage.open_motion(
        None,
        entry=entries[MOTION_NUMBER],
        title=MOTION_TITLE,
        movants=movants,
        joint=len(movants) > 1,
    )
    for text, ground, declaration in DEMO_LISTS:
        triage.add_items(
            None, motion, text, ground=ground, declaration_text=declaration
        )
    triage.move_motion(
        None, motion, MotionState.UNDER_REVIEW, note="Briefing complete."
    )
    # The demo shows a motion that has waited a while, as real queues do.
    MotionToSeal.objects.filter(pk=motion.pk).update(
        state_changed_at=timezone.now() - timedelta(days=3)
    )
    motion.refresh_from_db()
    return motion
