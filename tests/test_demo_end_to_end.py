"""The demo case from triage to the public docket, as `make demo` serves it.

Everything below runs the app's own workflow on the demo's own PDFs: the motion
is ruled as the seed order rules, every portion is located, the judge signs, and
entering the order renders each sealed document's public version through the
redaction engine and its verification gate. Jobs run inline (RQ_ASYNC=0).
"""

from __future__ import annotations

import io

import pdfplumber
import pytest
from django.contrib.auth import get_user_model

from filings.demo import load_demo
from filings.models import DocumentFile, ProcessingStatus, RedactionRun
from sealing import order_flow, regions
from sealing.demo import rule_demo_motion
from sealing.models import MotionToSeal

pytestmark = pytest.mark.django_db(transaction=True)


def _pdf(file: DocumentFile) -> bytes:
    with file.file.open("rb") as handle:
        return handle.read()


def _inside_lines(pdf: bytes, run: RedactionRun) -> list[str]:
    """Lines of six words or more that the run's regions cover in the original
    (the demo's pages have no crop box, so the run's visible-corner coordinates
    are pdfplumber's)."""
    lines = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for region in run.regions:
            page = document.pages[region["page"] - 1]
            box = (region["x0"], region["top"], region["x1"], region["bottom"])
            text = page.within_bbox(box).extract_text() or ""
            lines += [line for line in text.splitlines() if len(line.split()) >= 6]
    return lines


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def test_signing_the_demo_order_publishes_verified_public_versions():
    case = load_demo()
    motion = MotionToSeal.objects.get(case=case)
    users = get_user_model().objects
    clerk, judge = users.get(username="clerk"), users.get(username="judge")

    rule_demo_motion(motion, actor=clerk)
    regions.locate_motion(motion.pk, user=clerk)
    draft = order_flow.create_draft(None, motion, actor=clerk)
    order_flow.send_to_judge(None, draft, actor=clerk)
    draft.refresh_from_db()
    entry = order_flow.approve(None, draft, actor=judge)

    runs = list(RedactionRun.objects.filter(order_entry=entry).select_related("result"))
    assert len(runs) >= 5, "entering the order queued too few public versions"
    failed = {
        str(r.document): r.error_message
        for r in runs
        if r.status != ProcessingStatus.DONE
    }
    assert not failed, failed
    for run in runs:
        assert run.result.role == DocumentFile.Role.PUBLIC_REDACTED
        assert run.raster_pages == [], f"{run.document} lost its text layer"
        original, public = _pdf(run.source), _pdf(run.result)
        public_text = _text(public)
        inside = _inside_lines(original, run)
        assert inside, f"{run.document}: its regions cover no full line"
        assert any(line not in public_text for line in inside), run.document
