"""The check report in plain words: a title and a fix for the filer, the page,
no coordinates; the finding's code and box in small print for court staff."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from filings import compliance
from filings.intake import read_upload
from tests.compliance import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_url(cast, django_capture_on_commit_callbacks):
    sealed = builders.sealed_document_with_due(cast)
    upload = read_upload(
        SimpleUploadedFile(
            "p.pdf", builders.boxed_version(), content_type="application/pdf"
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        submission = compliance.submit(sealed.due, upload, user=cast.plaintiff_counsel)
    return f"/redactions/submissions/{submission.pk}/"


def _findings(html: str) -> str:
    return html.split('<table class="grid findings">')[1].split("</table>")[0]


def test_the_filer_reads_a_plain_title_and_how_to_fix_it_with_the_page(
    cast, report_url
):
    table = _findings(cast.client("plaintiff_counsel").get(report_url).content.decode())
    assert "Text is still in the file under a box" in table
    assert "Redact tool" in table and "Apply" in table
    assert "Text the court sealed is still in the public version" in table
    assert "p. 1" in table
    assert "Must fix" in table


def test_the_filer_sees_no_codes_and_no_coordinates(cast, report_url):
    table = _findings(cast.client("plaintiff_counsel").get(report_url).content.decode())
    assert "text_under_box" not in table and "under_redaction" not in table
    assert not re.search(r"\d+\.\d+, \d+\.\d+", table)
    assert "points" not in table


def test_the_clerk_also_sees_the_code_and_the_box_in_small_print(cast, report_url):
    table = _findings(cast.client("clerk").get(report_url).content.decode())
    assert "Text is still in the file under a box" in table
    code = table.split('class="finding-code"')[1]
    assert "text_under_box" in code
    assert re.search(r"\d+(\.\d+)?, \d+(\.\d+)?, \d+(\.\d+)?, \d+(\.\d+)?", code)


def test_the_summary_counts_what_must_be_fixed(cast, report_url):
    html = cast.client("plaintiff_counsel").get(report_url).content.decode()
    assert re.search(r"\d+ problems? must be fixed", html)


def _kinds_in(path: Path) -> set[str]:
    """Kinds as the toolkit writes them: a kind's name followed by a severity."""
    source = path.read_text(encoding="utf-8")
    return set(
        re.findall(r'"([a-z_]+)",\s*(?:\w+,\s*)*"(?:fail|review)"', source)
    ) | set(re.findall(r'Finding\(\s*"([a-z_]+)"', source))


def test_every_kind_the_toolkit_reports_has_plain_words():
    root = Path(compliance.__file__).parent
    kinds = _kinds_in(root / "pdf" / "inspect.py") | _kinds_in(
        root / "pdf" / "compare.py"
    )
    kinds |= {"under_redaction", "over_redaction", "altered_text"}  # via _runs
    kinds |= {"ssn", "tin", "card_number", "account_number", "date_of_birth"}
    kinds |= {"denied_portion_removed", "uninspectable"}
    kinds -= {"pass", "review", "fail"}  # Literal["pass", "review", "fail"]
    assert "text_under_box" in kinds and "earlier_revision" in kinds
    assert kinds - set(compliance.FINDING_KINDS) == set()
    for kind in kinds:
        plain = compliance.finding_kind(kind)
        assert plain.title and plain.advice and "_" not in plain.title
