"""A docket like the seed order's, and a joint motion to seal in it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from filings.models import Access, DocketEntry, Document
from sealing import triage
from sealing.models import MotionToSeal
from tests import factories
from tests.conftest import Cast

# (number, nature, text, attachments, relates_to)
SEED_DOCKET = [
    (1, "pleading", "COMPLAINT", 1, None),
    (12, "tro_pi", "MEMORANDUM in support of motion for TRO", 0, None),
    (13, "other", "DECLARATION of James Lassart re 12", 0, 12),
    (33, "other", "LIMITED OPPOSITION to ex parte motion for TRO", 0, None),
    (34, "other", "LIMITED OPPOSITION (continued)", 0, None),
    (94, "pleading", "ANSWER and COUNTERCLAIMS", 2, None),
    (129, "other", "MOTION for order to show cause", 7, None),
    (135, "other", "DECLARATION of Chad R. Fuller", 0, None),
    (186, "other", "JOINT MOTION to seal and/or redact portions of record", 0, None),
]

ITEM_LIST = """\
1. Complaint (#1), ¶¶ 25-26, 31-34, 37-39 (discusses Selling Source's business model);
2. License Agreement, Exhibit A to Complaint (#1-1) (includes proprietary commercial practices);
3. Answer and Counterclaims (#94), ¶¶ 16-33, 37-50, 57-62, and 86-87 (discusses business practices);
4. Exhibits 1-14 to Answer and Counterclaims (#94-1, 94-2) (includes customer agreements);
5. Transcript of TRO Hearing, attached as Exhibit 2 to the Fuller Declaration (#135 at 4-32) (discusses corporate structure);
"""


@dataclass
class SeedDocket:
    cast: Cast
    entries: dict[int, DocketEntry]

    def document(self, ref: str) -> Document:
        number, _, attachment = ref.partition("-")
        return Document.objects.get(
            entry=self.entries[int(number)], attachment_number=int(attachment or 0)
        )


def build_docket(cast: Cast) -> SeedDocket:
    entries: dict[int, DocketEntry] = {}
    for number, nature, text, attachments, relates_to in SEED_DOCKET:
        entry = factories.make_entry(
            cast.case,
            number,
            text=text,
            nature=nature,
            filer=cast.plaintiff,
            kind=DocketEntry.Kind.MOTION_TO_SEAL
            if number == 186
            else DocketEntry.Kind.OTHER,
            relates_to=entries.get(relates_to) if relates_to else None,
        )
        entries[number] = entry
        for attachment in range(attachments + 1):
            Document.objects.create(
                entry=entry,
                attachment_number=attachment,
                description=text.title()
                if attachment == 0
                else f"Exhibit {attachment}",
                access=Access.PROVISIONALLY_SEALED if number != 186 else Access.PUBLIC,
            )
    return SeedDocket(cast, entries)


@pytest.fixture
def docket(cast: Cast) -> SeedDocket:
    return build_docket(cast)


def open_joint_motion(docket: SeedDocket) -> MotionToSeal:
    cast = docket.cast
    return triage.open_motion(
        None,
        entry=docket.entries[186],
        title="Joint Motion to Seal and/or Redact Portions of Record",
        movants=[cast.plaintiff, cast.defendant],
        joint=True,
        actor=cast.plaintiff_counsel,
    )


@pytest.fixture
def motion(docket: SeedDocket) -> MotionToSeal:
    return open_joint_motion(docket)
