"""The screens: paste, item form, bulk action with exceptions, facts, what counsel see,
and query counts that do not grow with the number of motions or items."""

from __future__ import annotations

import pytest
from django.urls import reverse

from filings.models import DocketEntry, Document
from sealing import triage
from sealing.models import MotionState, SealingItem
from tests import factories
from tests.sealing.conftest import ITEM_LIST, open_joint_motion

pytestmark = pytest.mark.django_db


def _motion_url(motion) -> str:
    return reverse("sealing:motion", kwargs={"pk": motion.pk})


def test_paste_shows_the_bad_line_with_its_reason_then_accepts_the_fix(cast, motion):
    client = cast.client("clerk")
    url = reverse("sealing:paste_items", kwargs={"pk": motion.pk})
    bad = (
        ITEM_LIST + "6. Decl. of Stephen Gudelj (#129-9), ¶¶ 4-12 (security measures)\n"
    )

    response = client.post(url, {"text": bad, "ground": "trade_secret"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Line 6" in page
    assert (
        "entry 129 has no attachment 9 (its attachments are 1, 2, 3, 4, 5, 6, 7)"
        in page
    )
    assert SealingItem.objects.filter(motion=motion).count() == 0

    fixed = bad.replace("#129-9", "#129-4")
    response = client.post(url, {"text": fixed, "ground": "trade_secret"})

    assert response.status_code == 200
    assert "How the list reads: 7 items from 6 lines" in response.content.decode()
    assert SealingItem.objects.filter(motion=motion).count() == 0

    response = _save(client, url, response, fixed, "trade_secret")

    assert response.status_code == 302
    assert SealingItem.objects.filter(motion=motion).count() == 7


def _save(client, url, read, text: str, ground: str, **fields: str):
    """Press Save on the page that showed how the list reads."""
    data = {"text": text, "ground": ground, "step": "save", **fields}
    return client.post(url, {**data, "reading": read.context["digest"]})


def test_counsel_for_the_movant_may_list_items_only_while_lodged(cast, motion):
    client = cast.client("plaintiff_counsel")
    url = reverse("sealing:paste_items", kwargs={"pk": motion.pk})
    text = "Complaint (#1), ¶ 7"
    read = client.post(url, {"text": text, "ground": "privacy"})
    assert _save(client, url, read, text, "privacy").status_code == 302

    triage.move_motion(None, motion, MotionState.UNDER_REVIEW)

    assert client.get(url).status_code == 403


def test_item_form_records_findings_and_ruling_and_the_counts_follow(cast, motion):
    item = triage.add_items(None, motion, "Complaint (#1), ¶ 7", ground="trade_secret")[
        0
    ]
    client = cast.client("clerk")
    prefix = f"item-{item.pk}"
    data = {
        f"{prefix}-ground": "trade_secret",
        f"{prefix}-ruling": "denied",
        f"{prefix}-ruling_reason": "Broad allegations of harm.",
        f"{prefix}-recommendation": "denied",
        f"{prefix}-note": "",
        f"{prefix}-finding_specific_harm": "no",
        f"{prefix}-finding_specific_harm_note": "No examples given.",
    }

    response = client.post(
        reverse("sealing:item", kwargs={"pk": motion.pk, "item_pk": item.pk}), data
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.ruling == "denied"
    assert item.findings["specific_harm"] == {
        "met": False,
        "note": "No examples given.",
    }
    assert item.findings["particularized_showing"] == {"met": None, "note": ""}
    page = client.get(_motion_url(motion)).content.decode()
    assert 'data-count="undecided">0<' in page


def test_denial_without_a_reason_is_refused(cast, motion):
    item = triage.add_items(None, motion, "Complaint (#1), ¶ 7", ground="trade_secret")[
        0
    ]
    prefix = f"item-{item.pk}"
    data = {f"{prefix}-ground": "trade_secret", f"{prefix}-ruling": "denied"}

    cast.client("clerk").post(
        reverse("sealing:item", kwargs={"pk": motion.pk, "item_pk": item.pk}), data
    )

    item.refresh_from_db()
    assert item.ruling == ""


def test_bulk_action_grants_a_group_except_the_unticked_items(cast, motion):
    items = triage.add_items(None, motion, ITEM_LIST, ground="trade_secret")
    exception = next(item for item in items if item.target.docket_ref == "94")
    key = "good_cause--trade_secret"
    ticked = [str(item.pk) for item in items if item is not exception]

    response = cast.client("clerk").post(
        reverse("sealing:bulk", kwargs={"pk": motion.pk}),
        {
            "group": key,
            f"bulk-{key}-items": ticked,
            f"bulk-{key}-findings": "yes",
            f"bulk-{key}-ruling": "granted",
            f"bulk-{key}-recommendation": "granted",
        },
    )

    assert response.status_code == 302
    rulings = dict(
        SealingItem.objects.filter(motion=motion).values_list("pk", "ruling")
    )
    assert rulings.pop(exception.pk) == ""
    assert set(rulings.values()) == {"granted"}
    granted = SealingItem.objects.get(pk=items[0].pk)
    assert all(answer["met"] for answer in granted.findings.values())
    assert len(granted.findings) == 4


def test_changing_filing_facts_on_the_page_lists_the_items_whose_standard_changed(
    cast, motion, docket
):
    triage.add_items(None, motion, ITEM_LIST, ground="trade_secret")
    client = cast.client("clerk")
    entry = docket.entries[135]
    prefix = f"entry-{entry.pk}"

    response = client.post(
        reverse("sealing:filing_facts", kwargs={"pk": motion.pk, "entry_pk": entry.pk}),
        {
            f"{prefix}-nature": "tro_pi",
            f"{prefix}-dispositive": "yes",
            f"{prefix}-merits_related": "",
        },
        follow=True,
    )

    page = response.content.decode()
    assert "Standards re-derived after the facts of #135 changed" in page
    assert "changed from Good cause" in page
    entry.refresh_from_db()
    assert (entry.nature, entry.dispositive) == ("tro_pi", True)


def test_counsel_see_items_but_not_the_courts_working_notes(cast, motion):
    item = triage.add_items(None, motion, "Complaint (#1), ¶ 7", ground="trade_secret")[
        0
    ]
    triage.update_items(
        None, [item], {"note": "CHAMBERS-ONLY NOTE", "recommendation": "granted"}
    )

    counsel_page = (
        cast.client("defendant_counsel").get(_motion_url(motion)).content.decode()
    )
    judge_page = cast.client("judge").get(_motion_url(motion)).content.decode()

    assert "¶ 7" in counsel_page
    assert "CHAMBERS-ONLY NOTE" not in counsel_page
    assert "Good cause" not in counsel_page
    assert "CHAMBERS-ONLY NOTE" in judge_page


def test_judge_sees_read_only_items_without_controls(cast, motion):
    triage.add_items(None, motion, "Complaint (#1), ¶ 7", ground="trade_secret")

    page = cast.client("judge").get(_motion_url(motion)).content.decode()

    assert "Save item" not in page
    assert "Act on this whole group" not in page
    assert "Recommendation" in page


def test_target_link_follows_access_rules(cast, motion):
    triage.add_items(None, motion, "Complaint (#1), ¶ 7", ground="trade_secret")
    cast.court.counsel_may_view_sealed = False
    cast.court.save()
    document = Document.objects.get(
        entry__case=cast.case, entry__number=1, attachment_number=0
    )
    link = reverse("filings:document", kwargs={"pk": document.pk})

    assert link in cast.client("clerk").get(_motion_url(motion)).content.decode()
    assert (
        link
        not in cast.client("plaintiff_counsel")
        .get(_motion_url(motion))
        .content.decode()
    )


def test_queue_lists_due_soonest_first_and_filters_by_state(cast, docket):
    first = open_joint_motion(docket)
    later_entry = factories.make_entry(
        cast.case, 200, kind=DocketEntry.Kind.MOTION_TO_SEAL
    )
    second = triage.open_motion(
        None, entry=later_entry, title="Second Motion", movants=[cast.defendant]
    )
    triage.move_motion(None, second, MotionState.RESPONSE_WINDOW)
    client = cast.client("clerk")

    page = client.get(reverse("sealing:queue")).content.decode()
    assert page.index("Second Motion") < page.index(first.title)

    filtered = client.get(
        reverse("sealing:queue"), {"state": "lodged"}
    ).content.decode()
    assert "Second Motion" not in filtered
    assert first.title in filtered


def test_attorneys_queue_lists_only_motions_of_parties_they_represent(cast, docket):
    open_joint_motion(docket)
    other_entry = factories.make_entry(
        cast.other_case, 5, kind=DocketEntry.Kind.MOTION_TO_SEAL
    )
    other_party = cast.other_case.parties.get()
    triage.open_motion(
        None, entry=other_entry, title="Other Case Motion", movants=[other_party]
    )

    mine = (
        cast.client("plaintiff_counsel").get(reverse("sealing:queue")).content.decode()
    )
    theirs = cast.client("outsider").get(reverse("sealing:queue")).content.decode()

    assert "Joint Motion to Seal" in mine and "Other Case Motion" not in mine
    assert "Other Case Motion" in theirs and "Joint Motion to Seal" not in theirs


def _seed_motions(cast, docket, count: int, items_each: int) -> None:
    start = 300 + SealingItem.objects.count() + cast.case.entries.count()
    for n in range(count):
        entry = factories.make_entry(
            cast.case, start + n, kind=DocketEntry.Kind.MOTION_TO_SEAL
        )
        motion = triage.open_motion(
            None,
            entry=entry,
            title=f"Motion {n}",
            movants=[cast.plaintiff, cast.defendant],
            joint=True,
        )
        lines = "\n".join(f"Complaint (#1), ¶ {k + 1}" for k in range(items_each))
        triage.add_items(None, motion, lines, ground="trade_secret")


def _queries_for(client, url, django_assert_max_num_queries, limit) -> str:
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", ["clerk", "judge", "plaintiff_counsel"])
def test_queue_query_count_does_not_grow_with_motions(
    cast, docket, role, django_assert_max_num_queries
):
    client = cast.client(role)
    url = reverse("sealing:queue") + "?state=all"
    _seed_motions(cast, docket, 2, 2)
    with django_assert_max_num_queries(100) as few:
        client.get(url)
    _seed_motions(cast, docket, 12, 3)
    page = _queries_for(
        client, url, django_assert_max_num_queries, len(few.captured_queries)
    )
    assert page.count('class="state ') == 14


@pytest.mark.parametrize("role", ["clerk", "judge", "defendant_counsel"])
def test_motion_page_query_count_does_not_grow_with_items(
    cast, motion, role, django_assert_max_num_queries
):
    client = cast.client(role)
    url = _motion_url(motion)
    triage.add_items(
        None,
        motion,
        "Complaint (#1), ¶ 7\nMemorandum (#12), p. 4",
        ground="trade_secret",
    )
    with django_assert_max_num_queries(100) as few:
        client.get(url)
    triage.add_items(
        None, motion, ITEM_LIST, ground="defamatory", declaration_text="Decl. (#135)"
    )
    triage.add_items(
        None, motion, "Decl. (#13), ¶ 2\nOpp. (#33-34), p. 5:25-27", ground="privilege"
    )
    assert SealingItem.objects.filter(motion=motion).count() == 11
    page = _queries_for(
        client, url, django_assert_max_num_queries, len(few.captured_queries)
    )
    assert page.count('class="item card') == 11


def test_counsel_see_items_grouped_by_ground_without_the_standard(cast, motion):
    triage.add_items(
        None,
        motion,
        "Memorandum (#12), p. 4:2-23\nComplaint (#1), ¶ 7",
        ground="trade_secret",
    )

    page = cast.client("plaintiff_counsel").get(_motion_url(motion)).content.decode()

    assert page.count('class="ground-group"') == 1
    assert "Compelling reasons" not in page


def test_attorney_registers_their_own_motion_and_is_sent_to_list_items(cast, docket):
    client = cast.client("plaintiff_counsel")
    url = reverse("sealing:new_motion", kwargs={"case_pk": cast.case.pk})
    entry = docket.entries[186]

    response = client.post(
        url,
        {
            "entry": entry.pk,
            "title": "Motion to Seal",
            "movants": [cast.plaintiff.pk],
            "designating_party": cast.defendant.pk,
        },
    )

    motion = entry.motion_to_seal
    assert response["Location"] == reverse(
        "sealing:paste_items", kwargs={"pk": motion.pk}
    )
    assert motion.state == MotionState.LODGED
    assert motion.designating_party == cast.defendant
    assert motion.created_by == cast.plaintiff_counsel


def test_attorney_cannot_register_a_motion_only_for_the_other_side(cast, docket):
    client = cast.client("plaintiff_counsel")
    url = reverse("sealing:new_motion", kwargs={"case_pk": cast.case.pk})

    response = client.post(
        url,
        {
            "entry": docket.entries[186].pk,
            "title": "Motion",
            "movants": [cast.defendant.pk],
        },
    )

    assert response.status_code == 200
    assert "made by a party you represent" in response.content.decode()
    assert not hasattr(docket.entries[186], "motion_to_seal")


def test_docket_page_links_to_the_cases_motions_for_counsel_and_staff(cast, docket):
    link = reverse("sealing:case_motions", kwargs={"case_pk": cast.case.pk})
    docket_url = reverse("filings:docket", kwargs={"pk": cast.case.pk})

    assert link in cast.client("clerk").get(docket_url).content.decode()
    assert link in cast.client("defendant_counsel").get(docket_url).content.decode()
    assert link not in cast.client("public").get(docket_url).content.decode()


def test_judges_queue_lists_only_motions_in_cases_assigned_to_them(cast, docket):
    triage.move_motion(None, open_joint_motion(docket), MotionState.UNDER_REVIEW)
    other_entry = factories.make_entry(
        cast.other_case, 5, kind=DocketEntry.Kind.MOTION_TO_SEAL
    )
    triage.open_motion(
        None,
        entry=other_entry,
        title="Unassigned Case Motion",
        movants=[cast.other_case.parties.get()],
    )

    page = cast.client("judge").get(reverse("sealing:queue")).content.decode()
    pending = cast.client("judge").get(reverse("sealing:queue"), {"state": ""})
    everything = cast.client("clerk").get(reverse("sealing:queue")).content.decode()

    assert "Joint Motion to Seal" in page
    assert "Unassigned Case Motion" not in page
    assert "Unassigned Case Motion" not in pending.content.decode()
    assert "Unassigned Case Motion" in everything


def test_judges_queue_opens_on_motions_under_review(cast, docket):
    open_joint_motion(docket)
    client = cast.client("judge")

    assert (
        "Joint Motion to Seal"
        not in client.get(reverse("sealing:queue")).content.decode()
    )
    assert (
        "Joint Motion to Seal"
        in client.get(reverse("sealing:queue"), {"state": ""}).content.decode()
    )


def test_item_history_shows_each_change_with_before_and_after(cast, motion):
    item = triage.add_items(None, motion, "Complaint (#1), ¶ 7", ground="trade_secret")[
        0
    ]
    factories.grant([item], context="bulk", actor=cast.clerk)

    page = (
        cast.client("judge")
        .get(reverse("sealing:item", kwargs={"pk": motion.pk, "item_pk": item.pk}))
        .content.decode()
    )

    assert "<td>ruling</td><td>—</td><td>Granted</td><td>bulk</td>" in page


def test_counsel_see_rulings_only_once_the_motion_is_decided(cast, motion):
    item = triage.add_items(None, motion, "Complaint (#1), ¶ 7", ground="trade_secret")[
        0
    ]
    triage.move_motion(None, motion, MotionState.UNDER_REVIEW)
    triage.update_items(
        None, [item], {"ruling": "denied", "ruling_reason": "BROAD-ALLEGATIONS"}
    )
    client = cast.client("defendant_counsel")

    before = client.get(_motion_url(motion)).content.decode()
    triage.move_motion(None, motion, MotionState.DECIDED)
    after = client.get(_motion_url(motion)).content.decode()

    assert "BROAD-ALLEGATIONS" not in before
    assert "BROAD-ALLEGATIONS" in after
    assert 'data-ruling="denied"' in after


@pytest.mark.parametrize("url_name", ["queue", "case_motions"])
def test_only_court_staff_see_how_many_items_await_a_ruling(cast, motion, url_name):
    items = triage.add_items(None, motion, ITEM_LIST, ground="trade_secret")
    triage.move_motion(None, motion, MotionState.UNDER_REVIEW)
    triage.update_items(
        None, items[:2], {"ruling": "denied", "ruling_reason": "Broad allegations."}
    )
    kwargs = {"case_pk": cast.case.pk} if url_name == "case_motions" else {}
    url = reverse(f"sealing:{url_name}", kwargs=kwargs)

    clerk_page = cast.client("clerk").get(url).content.decode()
    counsel_page = cast.client("plaintiff_counsel").get(url).content.decode()

    assert "(4 open)" in clerk_page
    assert motion.title in counsel_page
    assert "open)" not in counsel_page


def test_saving_an_item_names_it_as_the_page_numbers_it(cast, motion):
    items = triage.add_items(None, motion, ITEM_LIST, ground="trade_secret")
    item = next(i for i in items if i.target.docket_ref == "94")
    prefix = f"item-{item.pk}"

    response = cast.client("clerk").post(
        reverse("sealing:item", kwargs={"pk": motion.pk, "item_pk": item.pk}),
        {f"{prefix}-ground": "trade_secret", f"{prefix}-note": "Check ¶ 33."},
        follow=True,
    )

    page = response.content.decode()
    assert f"Item {item.listed_as} (Answer and Counterclaims, #94) saved." in page
    assert "Item #94 saved" not in page
