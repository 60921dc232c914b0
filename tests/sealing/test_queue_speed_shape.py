"""The queue's shape at scale: pages in queue order, a cheap count, one row per
motion, values escaped. (Timing lives in bench/queue.py, never in tests.)"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from filings.models import DocketEntry
from sealing import triage
from sealing.models import MotionToSeal
from sealing.views.queue import QUEUE_PAGE_SIZE
from tests import factories

pytestmark = pytest.mark.django_db

ROW_TITLE = re.compile(r'<tr><td><a href="/motions/\d+/">([^<]*)</a>')


def _open_motions(cast, count: int) -> None:
    """Motions filed on different days, listed out of order of filing."""
    for n in range(count):
        entry = factories.make_entry(
            cast.case,
            500 + n,
            kind=DocketEntry.Kind.MOTION_TO_SEAL,
            filed_on=date(2024, 1, 1) + timedelta(days=(n * 7) % count),
        )
        triage.open_motion(
            None, entry=entry, title=f"Motion {n:02d}", movants=[cast.plaintiff]
        )


def _titles(client, **params: str) -> list[str]:
    page = client.get(reverse("sealing:queue"), params)
    assert page.status_code == 200
    return ROW_TITLE.findall(page.content.decode())


def test_queue_pages_continue_in_queue_order(cast):
    _open_motions(cast, QUEUE_PAGE_SIZE + 5)
    expected = list(
        MotionToSeal.objects.order_by("queue_deadline", "filed_on", "pk").values_list(
            "title", flat=True
        )
    )
    client = cast.client("clerk")

    first = _titles(client)
    second = _titles(client, page="2")

    assert first == expected[:QUEUE_PAGE_SIZE]
    assert second == expected[QUEUE_PAGE_SIZE:]
    assert (
        f"{QUEUE_PAGE_SIZE + 5} motions."
        in client.get(reverse("sealing:queue")).content.decode()
    )


def test_a_page_past_the_end_shows_the_last_page(cast):
    _open_motions(cast, QUEUE_PAGE_SIZE + 3)
    client = cast.client("clerk")

    assert _titles(client, page="99") == _titles(client, page="2")
    assert len(_titles(client, page="99")) == 3


def test_later_pages_cost_the_same_number_of_queries_as_the_first(cast):
    _open_motions(cast, QUEUE_PAGE_SIZE + 5)
    client = cast.client("clerk")
    client.get(reverse("sealing:queue"))  # the session settles

    counts = []
    for page in ("1", "2"):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("sealing:queue"), {"page": page})
        counts.append(len(queries.captured_queries))

    assert counts[0] == counts[1]


def test_queue_counts_motions_without_joining_the_rows_tables(cast):
    _open_motions(cast, 3)
    client = cast.client("clerk")

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("sealing:queue"))

    counting = [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"]]
    assert len(counting) == 1
    # Joining case, judge and docket entry for the count cost 5-7 ms at 10,000 motions.
    assert "filings_docketentry" not in counting[0]
    assert "filings_judge" not in counting[0]


def test_attorney_for_two_movants_sees_their_joint_motion_once(cast):
    factories.make_counsel(cast.case, cast.defendant, user=cast.plaintiff_counsel)
    entry = factories.make_entry(cast.case, 700, kind=DocketEntry.Kind.MOTION_TO_SEAL)
    triage.open_motion(
        None,
        entry=entry,
        title="Joint Motion",
        movants=[cast.plaintiff, cast.defendant],
        joint=True,
        designating_party=cast.defendant,
    )
    client = cast.client("plaintiff_counsel")

    page = client.get(reverse("sealing:queue")).content.decode()

    assert ROW_TITLE.findall(page) == ["Joint Motion"]
    assert "1 motion." in page


def test_attorney_queue_lists_motions_where_their_party_only_designated(cast):
    entry = factories.make_entry(cast.case, 701, kind=DocketEntry.Kind.MOTION_TO_SEAL)
    triage.open_motion(
        None,
        entry=entry,
        title="Plaintiff Motion",
        movants=[cast.plaintiff],
        designating_party=cast.defendant,
    )

    assert _titles(cast.client("defendant_counsel")) == ["Plaintiff Motion"]
    assert _titles(cast.client("outsider")) == []


def test_queue_rows_escape_what_parties_wrote(cast):
    cast.case.caption = "<i>Acme</i> & Co. v. Doe"
    cast.case.save()
    entry = factories.make_entry(cast.case, 702, kind=DocketEntry.Kind.MOTION_TO_SEAL)
    triage.open_motion(
        None,
        entry=entry,
        title="Motion <script>alert(1)</script> 'quoted'",
        movants=[cast.plaintiff],
    )

    page = cast.client("clerk").get(reverse("sealing:queue")).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "Motion &lt;script&gt;alert(1)&lt;/script&gt; &#x27;quoted&#x27;" in page
    assert "&lt;i&gt;Acme&lt;/i&gt; &amp; Co. v. Doe" in page
