"""An item granted in part: only the regions of its granted portions are
approved for redaction; the rest of its boxes must stay public."""

from __future__ import annotations

from sealing import regions, triage
from sealing.models import Ruling
from tests.regions.conftest import Filed, covered_words
from tests.regions.test_order_regions import paragraphs_in


def test_only_the_granted_portions_regions_are_approved(filed: Filed, complaint_pdf):
    item = filed.item("¶¶ 5-7", ruling=Ruling.GRANTED_IN_PART)
    regions.locate_item(item)
    triage.update_items(
        None, [item], {"granted_portions": "¶ 6", "ruling_reason": "Only ¶ 6."}
    )
    item.refresh_from_db()

    approved = regions.approved_regions(filed.document)
    refused = regions.denied_regions(filed.document)

    assert paragraphs_in(complaint_pdf, approved) == {6}
    assert paragraphs_in(complaint_pdf, refused) == {5, 7}
    assert not set(covered_words(complaint_pdf, approved)) & set(
        covered_words(complaint_pdf, refused)
    )
    assert regions.unlocated_items(filed.document, regions.APPROVED_RULINGS) == []
