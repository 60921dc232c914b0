"""Listing items from a paste: each line is shown as read before anything is saved,
and lines that would be guessed at (an exhibit read as the main document, a repeat
of another line) are reported instead."""

from __future__ import annotations

import pytest
from django.urls import reverse

from filings.models import Document
from sealing import triage
from sealing.models import SealingItem
from tests import factories

pytestmark = pytest.mark.django_db


def _paste_url(motion) -> str:
    return reverse("sealing:paste_items", kwargs={"pk": motion.pk})


@pytest.mark.parametrize(
    "line",
    [
        "Exhibit 1 to the Answer (#94) (customer agreements)",
        "Exhibits 1-14 to Answer and Counterclaims (#94) (customer agreements)",
        "Gudelj Decl. Ex. A (#129), ¶ 4 (security measures)",
    ],
)
def test_an_exhibit_is_not_read_as_the_main_document_of_an_entry_with_attachments(
    motion, line
):
    with pytest.raises(triage.ItemListProblems) as raised:
        triage.add_items(None, motion, line, ground="trade_secret")

    (problem,) = raised.value.reading.problems
    assert "the line names an exhibit" in problem.reason
    assert "has attachments" in problem.reason
    assert "name the attachment (e.g. '#" in problem.reason
    assert not SealingItem.objects.filter(motion=motion).exists()


def test_an_exhibit_cited_by_pages_of_the_main_document_is_read(motion):
    (item,) = triage.add_items(
        None,
        motion,
        "Transcript, attached as Exhibit 2 to the Motion (#129 at 4-32)",
        ground="trade_secret",
    )

    assert (item.target.docket_ref, item.portions_text) == ("129", "pp. 4-32")


def test_a_repeated_line_is_reported_as_a_duplicate(motion):
    text = (
        "1. Complaint (#1), ¶ 7 (prices)\n2. Answer (#94), ¶ 3\n3. Complaint (#1), ¶ 7"
    )

    with pytest.raises(triage.ItemListProblems) as raised:
        triage.add_items(None, motion, text, ground="trade_secret")

    (problem,) = raised.value.reading.problems
    assert problem.line_number == 3
    assert problem.reason == "repeats line 1 (#1 ¶ 7): a duplicate"


def test_an_item_already_listed_on_the_same_ground_is_a_duplicate(motion):
    triage.add_items(None, motion, "Complaint (#1), ¶¶ 7-8", ground="trade_secret")

    with pytest.raises(triage.ItemListProblems, match="1 line could not be read"):
        triage.add_items(None, motion, "Complaint (#1), ¶¶ 7-8", ground="trade_secret")
    # The same portions on another ground are another request (the seed order's
    # items under both trade secrets and inaccurate allegations).
    triage.add_items(None, motion, "Complaint (#1), ¶¶ 7-8", ground="defamatory")

    reading = triage.read_item_list(motion, "Complaint (#1), ¶¶ 7-8", ground="privacy")
    assert not reading.problems
    reading = triage.read_item_list(
        motion, "Complaint (#1), ¶¶ 7-8", ground="trade_secret"
    )
    assert reading.problems[0].reason == (
        "#1 ¶¶ 7-8 is already item 1 of this motion on the same ground: a duplicate"
    )


def test_reading_shows_each_line_and_how_the_docket_decided_it_before_saving(
    cast, motion
):
    text = (
        "1. Complaint (#1), ¶¶ 25-26 (business model)\n"
        "2. Defendants' Limited Opp. (#33-34), p. 5:25-27 (business operations)\n"
    )

    response = cast.client("clerk").post(
        _paste_url(motion), {"text": text, "ground": "trade_secret"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "How the list reads: 3 items from 2 lines" in page
    assert "#33-34 read as docket entries 33 through 34: entry 33 has no" in page
    assert "Save the 3 items" in page
    assert "Defendants&#x27; Limited Opp. (#33-34)" in page  # still in the box
    assert not SealingItem.objects.filter(motion=motion).exists()


def test_saving_a_list_that_no_longer_reads_as_shown_saves_nothing(cast, motion):
    client = cast.client("clerk")
    url = _paste_url(motion)
    shown = client.post(url, {"text": "Complaint (#1), ¶ 7", "ground": "privacy"})
    edited = "Complaint (#1), ¶ 9"

    response = client.post(
        url,
        {
            "text": edited,
            "ground": "privacy",
            "step": "save",
            "reading": shown.context["digest"],
        },
    )

    assert response.status_code == 200
    assert "reads differently from what you confirmed" in response.content.decode()
    assert not SealingItem.objects.filter(motion=motion).exists()
    response = client.post(
        url,
        {
            "text": edited,
            "ground": "privacy",
            "step": "save",
            "reading": response.context["digest"],
        },
    )
    assert response.status_code == 302
    assert SealingItem.objects.get(motion=motion).portions_text == "¶ 9"


def test_an_exhibit_of_an_entry_without_attachments_is_reported(motion):
    with pytest.raises(triage.ItemListProblems) as raised:
        triage.add_items(
            None,
            motion,
            "Exhibit 1 to the Fuller Declaration (#135) (corporate structure)",
            ground="trade_secret",
        )

    (problem,) = raised.value.reading.problems
    assert "entry 135 has no attachments" in problem.reason
    assert "not on the docket as an attachment" in problem.reason
    assert not SealingItem.objects.filter(motion=motion).exists()


def test_an_entry_that_is_itself_the_exhibits_is_read_whole(motion, docket):
    entry = factories.make_entry(
        docket.cast.case, 141, text="APPENDIX of exhibits to the Fuller Declaration"
    )
    Document.objects.create(entry=entry, description="Appendix of Exhibits")

    (item,) = triage.add_items(
        None, motion, "Exhibits to the Fuller Declaration (#141)", ground="privacy"
    )

    assert (item.target.docket_ref, item.portions_text) == ("141", "entire document")


@pytest.mark.parametrize("state", list(triage.DECIDED_STATES))
def test_no_items_are_added_once_the_order_is_entered(cast, motion, state):
    type(motion).objects.filter(pk=motion.pk).update(state=state)
    motion.refresh_from_db()
    client = cast.client("clerk")

    page = client.get(reverse("sealing:motion", kwargs={"pk": motion.pk}))
    assert "Add items from a list" not in page.content.decode()
    assert client.get(_paste_url(motion)).status_code == 403
    response = client.post(
        _paste_url(motion),
        {"text": "Complaint (#1), ¶ 7", "ground": "privacy", "step": "save"},
    )
    assert response.status_code == 403
    with pytest.raises(triage.WorkflowError, match="order entered"):
        triage.add_items(None, motion, "Complaint (#1), ¶ 7", ground="privacy")
    assert not SealingItem.objects.filter(motion=motion).exists()
