"""The clerk's "Render the public version" screen: the order's approved regions
by default, named by their portions and pages; raw JSON only behind Advanced."""

from __future__ import annotations

import re
from datetime import date

import pytest

from filings.models import Access
from tests import factories
from tests.compliance import builders

pytestmark = pytest.mark.django_db


def _page(cast, document) -> str:
    return (
        cast.client("clerk")
        .get(f"/redactions/documents/{document.pk}/runs/")
        .content.decode()
    )


def test_the_approved_regions_are_chosen_by_default_and_said_plainly(cast):
    sealed = builders.sealed_document_with_due(cast, due_on=date(2026, 12, 16))
    html = _page(cast, sealed.document)
    radio = re.search(r'<input type="radio" name="due"[^>]*>', html).group(0)
    assert f'value="{sealed.due.pk}"' in radio and "checked" in radio
    assert "p. 1:2 — 1 region on page 1" in html
    assert "Dec 16, 2026" in html
    assert "2026-12-16" not in html


def test_raw_json_hides_behind_advanced_when_the_order_gives_regions(cast):
    sealed = builders.sealed_document_with_due(cast)
    html = _page(cast, sealed.document)
    details = html.split('<details class="advanced"')[1].split("</details>")[0]
    assert details.startswith(">")  # closed
    assert "<textarea" in details and "Advanced" in details


def test_without_approved_regions_the_json_is_open(cast):
    entry = factories.make_entry(cast.case, filer=cast.plaintiff)
    document = factories.make_document(
        entry,
        access=Access.SEALED,
        pdf=builders.original_pdf(),
        uploaded_by=cast.plaintiff_counsel,
    )
    html = _page(cast, document)
    assert '<details class="advanced" open>' in html
    assert 'type="radio"' not in html


def test_the_publish_checkbox_sits_inside_its_label(cast):
    sealed = builders.sealed_document_with_due(cast)
    html = _page(cast, sealed.document)
    label = re.search(r'<label class="check"[^>]*>(.*?)</label>', html, re.S).group(1)
    assert 'type="checkbox" name="publish"' in label
    assert "Publish it as the public redacted version" in label


def test_rendering_with_the_defaults_uses_the_approved_regions(cast):
    sealed = builders.sealed_document_with_due(cast)
    response = cast.client("clerk").post(
        f"/redactions/documents/{sealed.document.pk}/runs/",
        {"due": sealed.due.pk, "regions": ""},
    )
    assert response.status_code == 302
    run = sealed.document.redaction_runs.get()
    assert run.regions == sealed.due.regions and run.preview is True
