"""python manage.py render_order MOTION_ID --format pdf|docx --out FILE"""

from __future__ import annotations

import io

import docx
import pdfplumber
import pytest
from django.core.management import CommandError, call_command

from sealing.orders import PAGE_LEFT_MARGIN_PT
from tests.orders.conftest import build_motion, rule_all

pytestmark = pytest.mark.django_db


def test_renders_the_draft_as_pdf_with_undecided_items_marked(cast, tmp_path):
    built = build_motion(cast, rule=False)
    rule_all(built, leave_open=1)
    out = tmp_path / "order.pdf"

    call_command("render_order", built.motion.pk, "--format", "pdf", "--out", str(out))

    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        # Leave out the pleading-paper line numbers in the left margin.
        first = page.crop((PAGE_LEFT_MARGIN_PT - 4, 0, page.width, page.height))
        first = first.extract_text()
    assert "UNDECIDED ITEMS" in first
    assert "(#24), p. 2:2-11: no ruling yet" in " ".join(first.split())


def test_renders_docx(cast, tmp_path):
    built = build_motion(cast)
    out = tmp_path / "order.docx"

    call_command("render_order", built.motion.pk, "--format", "docx", "--out", str(out))

    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(out.read_bytes())).paragraphs
    )
    assert "Declaration of Priya Raman (#20-1), ¶¶ 2-5" in text


def test_unknown_motion_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="no motion to seal with id 999"):
        call_command(
            "render_order", 999, "--format", "pdf", "--out", str(tmp_path / "x.pdf")
        )
    assert not (tmp_path / "x.pdf").exists()
