"""The circuits' threshold facts (judicial document, traditionally secret) are
recorded on the motion page and reach the branches of the profiles that use them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sealing import triage
from sealing.models import SealingItem

pytestmark = pytest.mark.django_db


def _record_facts(client, motion, entry, **answers: str):
    prefix = f"entry-{entry.pk}"
    data = {
        f"{prefix}-nature": entry.nature,
        f"{prefix}-dispositive": "",
        f"{prefix}-merits_related": "",
    }
    data |= {f"{prefix}-{name}": value for name, value in answers.items()}
    url = reverse(
        "sealing:filing_facts", kwargs={"pk": motion.pk, "entry_pk": entry.pk}
    )
    return client.post(url, data, follow=True)


@pytest.mark.parametrize(
    ("profile", "answers", "before", "after"),
    [
        ("second", {"judicial_document": "no"}, "first_amendment", "no_presumption"),
        ("third", {"judicial_document": "no"}, "common_law_access", "good_cause"),
        (
            "seventh",
            {"judicial_document": "no"},
            "bona_fide_confidentiality",
            "good_cause",
        ),
        (
            "ninth-label",
            {"traditionally_secret": "on"},
            "good_cause",
            "traditionally_secret",
        ),
        (
            "seventh",
            {"judicial_document": "yes", "traditionally_secret": "on"},
            "bona_fide_confidentiality",
            "traditionally_secret",
        ),
    ],
)
def test_threshold_facts_from_the_page_decide_the_standard(
    cast, motion, docket, profile, answers, before, after
):
    cast.court.circuit_profile = profile
    cast.court.save()
    (item,) = triage.add_items(
        None, motion, "Complaint (#1), ¶ 7", ground="trade_secret"
    )
    assert item.standard == before

    response = _record_facts(cast.client("clerk"), motion, docket.entries[1], **answers)

    assert response.status_code == 200
    item = SealingItem.objects.get(pk=item.pk)
    assert item.standard == after
    entry = docket.entries[1]
    entry.refresh_from_db()
    assert item.standard_facts["judicial_document"] is entry.judicial_document
    assert item.standard_facts["traditionally_secret"] is entry.traditionally_secret


@pytest.mark.parametrize(
    ("profile", "asked"), [("ninth-label", False), ("second", True)]
)
def test_the_judicial_document_question_is_asked_where_the_profile_uses_it(
    cast, motion, profile, asked
):
    cast.court.circuit_profile = profile
    cast.court.save()
    triage.add_items(None, motion, "Complaint (#1), ¶ 7", ground="trade_secret")

    page = (
        cast.client("clerk")
        .get(reverse("sealing:motion", kwargs={"pk": motion.pk}))
        .content.decode()
    )

    assert ("Judicial document" in page) is asked
    assert "Traditionally kept secret" in page


def test_facts_recorded_without_the_question_keep_the_recorded_answer(
    cast, motion, docket
):
    entry = docket.entries[1]
    entry.judicial_document = False
    entry.save()

    _record_facts(cast.client("clerk"), motion, entry, merits_related="yes")

    entry.refresh_from_db()
    assert entry.judicial_document is False
    assert entry.merits_related is True


def test_a_declaration_not_a_judicial_document_keeps_its_own_facts(
    cast, motion, docket
):
    cast.court.circuit_profile = "second"
    cast.court.save()
    declaration = docket.entries[13]  # supports the TRO memorandum (#12)
    triage.change_filing_facts(
        None,
        declaration,
        nature=declaration.nature,
        dispositive=None,
        merits_related=None,
        judicial_document=False,
    )

    (item,) = triage.add_items(
        None, motion, "Decl. of James Lassart (#13), ¶ 2", ground="trade_secret"
    )

    assert item.standard == "no_presumption"
    assert item.standard_facts["entry"] == 13
