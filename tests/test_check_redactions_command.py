"""`manage.py check_redactions`: JSON on stdout and the exit status."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
import pytest
from django.core.management import CommandError, call_command

from tests.pdf import inspect_factory as f

PUBLIC_WORDS = f.text(72, 700, "The parties agree to the supply terms")
SECRET = f.text(72, 650, "Acme pays forty two dollars per widget")
BOX = f.box(70, 640, 300, 25)
REGIONS = {"regions": [{"page": 1, "x0": 70, "top": 127, "x1": 380, "bottom": 152}]}


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data)
    else:
        path.write_bytes(data)
    return str(path)


def run(*args: str) -> tuple[int, str]:
    """The exit status and what the command printed."""
    out = io.StringIO()
    try:
        call_command("check_redactions", *args, stdout=out)
    except SystemExit as exc:
        return int(exc.code), out.getvalue()
    return 0, out.getvalue()


def test_clean_file_prints_pass_and_exits_zero(tmp_path):
    path = write(tmp_path, "public.pdf", f.build(PUBLIC_WORDS + BOX))
    status, output = run(path, "--json")
    assert status == 0
    assert json.loads(output) == {"verdict": "pass", "findings": []}


def test_text_under_a_box_prints_the_finding_and_exits_one(tmp_path):
    path = write(tmp_path, "public.pdf", f.build(PUBLIC_WORDS + SECRET + BOX))
    status, output = run(path, "--json")
    assert status == 1
    report = json.loads(output)
    assert report["verdict"] == "fail"
    (finding,) = report["findings"]
    assert finding["kind"] == "text_under_box"
    assert finding["page"] == 1
    assert finding["text"] == "Acme pays forty two dollars per widget"
    assert finding["severity"] == "fail"
    x0, top, x1, bottom = finding["bbox"]
    assert 70 <= x0 < x1 <= 380 and 127 <= top < bottom <= 152


def test_review_findings_exit_zero(tmp_path):
    pdf = f.new_pdf([PUBLIC_WORDS])
    pdf.docinfo["/Title"] = "Supply agreement"
    path = write(tmp_path, "public.pdf", f.to_bytes(pdf))
    status, output = run(path, "--json")
    assert status == 0
    assert json.loads(output)["verdict"] == "review"


def test_over_redaction_against_the_original_exits_one(tmp_path):
    original = write(tmp_path, "original.pdf", f.build(PUBLIC_WORDS + SECRET))
    public = write(tmp_path, "public.pdf", f.build(BOX))
    regions = write(tmp_path, "regions.json", json.dumps(REGIONS))
    status, output = run(public, "--original", original, "--regions", regions, "--json")
    assert status == 1
    findings = json.loads(output)["findings"]
    assert [(x["kind"], x["text"]) for x in findings] == [
        ("over_redaction", "The parties agree to the supply terms")
    ]


def test_compliant_public_version_exits_zero(tmp_path):
    original = write(tmp_path, "original.pdf", f.build(PUBLIC_WORDS + SECRET))
    public = write(tmp_path, "public.pdf", f.build(PUBLIC_WORDS + BOX))
    regions = write(tmp_path, "regions.json", json.dumps(REGIONS))
    status, output = run(public, "--original", original, "--regions", regions, "--json")
    assert (status, json.loads(output)["verdict"]) == (0, "pass")


def test_unreadable_file_exits_two(tmp_path):
    path = write(tmp_path, "broken.pdf", b"%PDF-1.7 this is not really a pdf")
    with pytest.raises(CommandError, match="cannot read the PDF") as caught:
        run(path, "--json")
    assert caught.value.returncode == 2


def test_missing_file_exits_two(tmp_path):
    with pytest.raises(CommandError, match="cannot read") as caught:
        run(str(tmp_path / "absent.pdf"))
    assert caught.value.returncode == 2


def test_bad_regions_file_is_a_clear_error(tmp_path):
    original = write(tmp_path, "original.pdf", f.build(PUBLIC_WORDS))
    regions = write(tmp_path, "regions.json", '{"regions": [{"page": 1}]}')
    with pytest.raises(CommandError, match="region 1") as caught:
        run(original, "--original", original, "--regions", regions)
    assert caught.value.returncode == 2


def test_original_without_regions_is_refused(tmp_path):
    original = write(tmp_path, "original.pdf", f.build(PUBLIC_WORDS))
    with pytest.raises(CommandError, match="--regions or --portions"):
        run(original, "--original", original)


def test_plain_output_summarises_the_findings(tmp_path):
    path = write(tmp_path, "public.pdf", f.build(PUBLIC_WORDS + SECRET + BOX))
    status, output = run(path)
    assert status == 1
    assert output.startswith("verdict: fail (1 finding(s))")
    assert "text_under_box on page 1" in output


@pytest.fixture(scope="module")
def pleading() -> bytes:
    from filings.pdf.pleading import render_pleading
    from tests.pdf.pleading_factory import complaint

    return render_pleading(complaint(range(1, 7)))


def test_portions_are_located_in_the_original_and_must_be_gone(tmp_path, pleading):
    # The public copy is the original itself: ¶ 3 was never redacted.
    original = write(tmp_path, "original.pdf", pleading)
    status, output = run(
        original, "--original", original, "--portions", "¶ 3", "--json"
    )
    assert status == 1
    findings = json.loads(output)["findings"]
    under = [x for x in findings if x["kind"] == "under_redaction"]
    assert under and all(x["severity"] == "fail" for x in under)
    leaked = " ".join(x["text"] for x in under).split()
    assert "p3w1" in leaked and "p3w30" in leaked
    assert not any(w.startswith(("p2w", "p4w")) for w in leaked)


def test_portions_that_cannot_be_located_exit_two(tmp_path, pleading):
    original = write(tmp_path, "original.pdf", pleading)
    with pytest.raises(CommandError, match="cannot locate") as caught:
        run(original, "--original", original, "--portions", "¶ 99")
    assert caught.value.returncode == 2


def test_unreadable_portion_notation_exits_two(tmp_path, pleading):
    original = write(tmp_path, "original.pdf", pleading)
    with pytest.raises(CommandError) as caught:
        run(original, "--original", original, "--portions", "¶¶ 5-")
    assert caught.value.returncode == 2


# --- coordinates: pdfplumber's, like locate_portions and redact -------------


def _cropped_pages(pdf: bytes) -> bytes:
    from tests.pdf.pleading_factory import cropped_copy

    with pikepdf.open(io.BytesIO(pdf)) as document:
        count = len(document.pages)
    for number in range(1, count + 1):
        pdf = cropped_copy(pdf, number)
    return pdf


def _locate(path: str, portions: str) -> str:
    out = io.StringIO()
    call_command("locate_portions", path, portions, stdout=out)
    return out.getvalue()


def test_regions_located_on_a_cropped_original_pass_its_true_redaction(
    tmp_path, pleading
):
    original = write(tmp_path, "original.pdf", _cropped_pages(pleading))
    regions = write(tmp_path, "regions.json", _locate(original, "¶ 3"))
    public = str(tmp_path / "public.pdf")
    call_command("redact", original, public, "--regions", regions, stdout=io.StringIO())

    status, output = run(public, "--original", original, "--regions", regions, "--json")

    assert (status, json.loads(output)) == (0, {"verdict": "pass", "findings": []})


def _cropped(content: str) -> bytes:
    pdf = f.new_pdf([content])
    pdf.pages[0].CropBox = pikepdf.Array([50, 40, 562, 752])
    return f.to_bytes(pdf)


def test_a_finding_on_a_cropped_page_is_measured_as_pdfplumber_measures_it(tmp_path):
    from tests.pdf.redact_factory import plumber_region

    pdf = _cropped(PUBLIC_WORDS + SECRET + BOX)
    status, output = run(write(tmp_path, "public.pdf", pdf), "--json")

    assert status == 1
    (finding,) = json.loads(output)["findings"]
    assert finding["file"] == "public"
    first, last = plumber_region(pdf, "Acme"), plumber_region(pdf, "widget")
    x0, top, x1, bottom = finding["bbox"]
    assert (x0, x1) == pytest.approx((first.x0, last.x1), abs=0.5)
    assert top == pytest.approx(first.top, abs=1.5)
    assert bottom == pytest.approx(last.bottom, abs=1.5)


def test_text_missing_from_the_public_version_is_measured_on_the_original(tmp_path):
    from tests.pdf.redact_factory import plumber_region

    original_pdf = _cropped(PUBLIC_WORDS + SECRET)
    original = write(tmp_path, "original.pdf", original_pdf)
    public = write(tmp_path, "public.pdf", _cropped(BOX))
    secret = plumber_region(original_pdf, "Acme")
    regions = write(
        tmp_path,
        "regions.json",
        json.dumps(
            {
                "regions": [
                    {"page": 1, "x0": 60, "top": secret.top - 4, "x1": 400}
                    | {"bottom": secret.bottom + 4}
                ]
            }
        ),
    )

    status, output = run(public, "--original", original, "--regions", regions, "--json")

    assert status == 1
    (finding,) = json.loads(output)["findings"]
    assert (finding["kind"], finding["file"]) == ("over_redaction", "original")
    kept = plumber_region(original_pdf, "parties")
    assert finding["bbox"][1] == pytest.approx(kept.top, abs=1.5)
