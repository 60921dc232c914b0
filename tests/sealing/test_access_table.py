"""Who gets what from every motions-to-seal URL: one table of (url, role, status)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sealing import triage
from tests.conftest import ROLES
from tests.sealing.conftest import build_docket

pytestmark = pytest.mark.django_db

# Expected status per role, in the order of ROLES:
# clerk, judge, plaintiff_counsel, defendant_counsel, outsider, public.
# "login" is a redirect to the log-in page; 302 a redirect after a POST.
TABLE = {
    ("GET", "queue"): (200, 200, 200, 200, 200, "login"),
    ("GET", "case_motions"): (200, 200, 200, 200, 404, "login"),
    ("GET", "new_motion"): (200, 403, 200, 200, 404, "login"),
    ("GET", "motion"): (200, 200, 200, 200, 404, "login"),
    ("GET", "paste_items"): (200, 403, 200, 403, 404, "login"),
    ("GET", "item"): (200, 200, 403, 403, 404, "login"),
    ("POST", "item"): (302, 403, 403, 403, 404, "login"),
    ("POST", "bulk"): (302, 403, 403, 403, 404, "login"),
    ("POST", "move"): (302, 403, 403, 403, 404, "login"),
    ("POST", "filing_facts"): (302, 403, 403, 403, 404, "login"),
    ("POST", "paste_items"): (200, 403, 200, 403, 404, "login"),
    ("POST", "withdraw_item"): (302, 403, 403, 403, 404, "login"),
    ("POST", "restore_item"): (302, 403, 403, 403, 404, "login"),
}
CASES = [
    (method, name, role, expected)
    for (method, name), statuses in TABLE.items()
    for role, expected in zip(ROLES, statuses, strict=True)
]


def _url(name: str, motion, item) -> str:
    kwargs = {
        "queue": {},
        "case_motions": {"case_pk": motion.case_id},
        "new_motion": {"case_pk": motion.case_id},
        "motion": {"pk": motion.pk},
        "paste_items": {"pk": motion.pk},
        "item": {"pk": motion.pk, "item_pk": item.pk},
        "withdraw_item": {"pk": motion.pk, "item_pk": item.pk},
        "restore_item": {"pk": motion.pk, "item_pk": item.pk},
        "bulk": {"pk": motion.pk},
        "move": {"pk": motion.pk},
        "filing_facts": {"pk": motion.pk, "entry_pk": item.target.entry_id},
    }[name]
    return reverse(f"sealing:{name}", kwargs=kwargs)


@pytest.mark.parametrize(("method", "name", "role", "expected"), CASES)
def test_access(cast, method, name, role, expected):
    docket = build_docket(cast)
    # The plaintiff moves alone: defendant's counsel may see the motion, not list items.
    motion = triage.open_motion(
        None,
        entry=docket.entries[186],
        title="Motion to Seal",
        movants=[cast.plaintiff],
    )
    item = triage.add_items(None, motion, "Complaint (#1), ¶ 7", ground="trade_secret")[
        0
    ]
    client = cast.client(role)
    url = _url(name, motion, item)

    response = client.get(url) if method == "GET" else client.post(url, {})

    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected
        if expected == 302:
            assert not response["Location"].startswith(reverse("login"))
