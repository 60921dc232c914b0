"""Filings the app itself generates are clean public filings: the inspector
finds nothing in them, so attaching one at intake raises no warning."""

from __future__ import annotations

import pytest

from filings import demo
from filings.pdf.inspect import inspect_pdf
from sealing.orders import render_order_pdf
from tests.test_order_render import signed_order


@pytest.mark.parametrize(
    "make_pdf",
    [demo.complaint_pdf, demo.tro_pdf, demo.transcript_pdf, demo.answer_pdf],
    ids=lambda make: make.__name__,
)
def test_demo_filings_on_pleading_paper_have_no_findings(make_pdf):
    # Their titles and bookmarks repeat the caption and the headings.
    report = inspect_pdf(make_pdf())
    assert report.verdict == "pass", [(f.kind, f.text) for f in report.findings]


def test_the_signed_order_has_no_findings():
    # Its bookmarks are numbered headings ("I.Request to Seal ...") and its
    # title is put together from the caption.
    report = inspect_pdf(render_order_pdf(signed_order()))
    assert report.verdict == "pass", [(f.kind, f.text) for f in report.findings]
