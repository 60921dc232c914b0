"""Locating items on the stored layout of their target: exactly the cited words."""

from __future__ import annotations

import re

from filings.models import ProcessingStatus
from filings.pdf.pleading import BODY_LEFT_PT, BODY_TOP_PT, LINE_PITCH_PT
from sealing import regions
from sealing.models import ItemLocation, ItemRegion, LocationStatus, RegionSource
from tests.regions.conftest import (
    WORDS,
    add_item,
    covered_words,
    file_document,
    open_motion,
    words_on_pages,
)

TOKEN = re.compile(r"^p(\d+)w\d+$")


def test_located_paragraphs_cover_exactly_their_words(filed, complaint_pdf):
    item = filed.item("¶¶ 5-6")

    location = regions.locate_item(item, user=filed.cast.clerk)

    assert location.status == LocationStatus.LOCATED
    assert location.file == filed.file
    assert location.numbering == "printed"
    assert location.unresolved == []
    stored = list(location.active_regions)
    assert {r.source for r in stored} == {RegionSource.LOCATED}
    assert {r.portion for r in stored} == {"¶¶ 5-6"}
    covered = {w for w in covered_words(complaint_pdf, stored) if TOKEN.match(w)}
    expected = {f"p{n}w{i}" for n in (5, 6) for i in range(1, WORDS + 1)}
    assert covered == expected


def test_line_range_covers_the_cited_lines_and_not_the_margin_numbers(
    filed, complaint_pdf
):
    item = filed.item("p. 2:5-7")

    location = regions.locate_item(item)

    stored = list(location.active_regions)
    assert [r.page for r in stored] == [2]
    first_top = BODY_TOP_PT + 4 * LINE_PITCH_PT
    last_bottom = BODY_TOP_PT + 7 * LINE_PITCH_PT
    on_lines = {
        text
        for page, text, x, y in words_on_pages(complaint_pdf)
        if page == 2 and first_top < y < last_bottom and x > BODY_LEFT_PT - 10
    }
    assert on_lines, "the test document should have text on lines 5-7"
    assert covered_words(complaint_pdf, stored) == on_lines
    assert not any(text.isdigit() for text in covered_words(complaint_pdf, stored))


def test_missing_paragraph_is_unresolved_with_its_reason_and_gets_no_box(filed):
    item = filed.item("¶ 5; ¶ 99")

    location = regions.locate_item(item)

    assert location.unresolved == [
        {
            "portion": "¶ 99",
            "reason": "¶ 99 is not in the document (its numbered paragraphs run "
            "from ¶ 1 to ¶ 40)",
        }
    ]
    assert {r.portion for r in location.active_regions} == {"¶ 5"}


def test_file_not_processed_yet_is_said_and_not_repeated(cast, complaint_pdf):
    document, file = file_document(cast, complaint_pdf, process=False)
    item = add_item(open_motion(cast), document, "¶ 5")

    first = regions.locate_item(item)
    again = regions.locate_item(item)

    assert first.status == LocationStatus.NOT_PROCESSED
    assert "not processed yet (queued)" in first.message
    assert again.pk == first.pk
    assert not ItemRegion.objects.filter(item=item).exists()
    assert file.status == ProcessingStatus.QUEUED


def test_locating_again_keeps_the_earlier_boxes_as_history(filed):
    item = filed.item("¶ 5")
    first = regions.locate_item(item)
    old = set(first.active_regions.values_list("pk", flat=True))

    second = regions.locate_item(item)

    assert ItemLocation.objects.filter(item=item).count() == 2
    assert not first.active_regions.exists()
    assert ItemRegion.objects.filter(
        pk__in=old, superseded_at__isnull=False
    ).count() == len(old)
    assert second.active_regions.count() == len(old)
    assert regions.current_location(item) == second


def test_document_without_printed_numbers_says_the_pdf_index_was_used(
    cast, unnumbered_pdf
):
    document, _ = file_document(cast, unnumbered_pdf)
    item = add_item(open_motion(cast), document, "¶ 2")

    location = regions.locate_item(item)
    page = cast.client("clerk").get(f"/regions/items/{item.pk}/")

    assert location.numbering == "pdf_index"
    assert "PDF page index" in page.content.decode()


def test_opening_the_preview_locates_an_item_nothing_was_located_for(filed):
    item = filed.item("¶ 7")

    response = filed.cast.client("clerk").get(f"/regions/items/{item.pk}/")

    assert response.status_code == 200
    location = regions.current_location(item)
    assert location is not None and location.is_located
    assert 'class="region-box' in response.content.decode()


def test_locate_button_for_the_motion_locates_every_item(
    filed, django_capture_on_commit_callbacks
):
    first, second = filed.item("¶ 5"), filed.item("¶ 99", listed_as=2)

    with django_capture_on_commit_callbacks(execute=True):
        response = filed.cast.client("clerk").post(
            f"/regions/motions/{filed.motion.pk}/locate/", {"item": first.pk}
        )

    assert response.status_code == 302
    assert response["Location"] == f"/regions/items/{first.pk}/"
    assert regions.current_location(first).active_regions.count() == 1
    assert regions.current_location(second).unresolved[0]["portion"] == "¶ 99"


def test_the_summary_names_the_pdf_page_and_the_printed_page_of_the_boxes(filed):
    from filings.models import PageLayout

    item = filed.item("p. 2:5-7")
    regions.locate_item(item)
    client = filed.cast.client("clerk")
    page = client.get(f"/regions/items/{item.pk}/").content.decode()
    assert "1 region on PDF page 2," in page
    # A cover page shifts the printed numbers off the PDF index.
    PageLayout.objects.filter(file=filed.file, number=2).update(printed_number=1)
    page = client.get(f"/regions/items/{item.pk}/").content.decode()
    assert "1 region on PDF page 2 (printed 1)," in page
