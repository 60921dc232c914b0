"""The parse_portions command: JSON on stdout, exit code 2 for unreadable text."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from filings.management.commands.parse_portions import Command


def _run(text: str) -> dict:
    out = StringIO()
    call_command("parse_portions", text, stdout=out)
    return json.loads(out.getvalue())


def test_prints_targets_with_portion_shapes():
    printed = _run(
        "Soeren Poulsen Declaration (#129-6), ¶¶ 5-11 and Exhibits attached to "
        "Poulsen Declaration (#129-7) (includes details of security measures)"
    )
    assert printed == {
        "targets": [
            {
                "docket_ref": "129-6",
                "portions": [{"kind": "paragraphs", "first": 5, "last": 11}],
            },
            {"docket_ref": "129-7", "portions": [{"kind": "document"}]},
        ]
    }


def test_single_line_and_footnote_have_first_equal_to_last():
    printed = _run("#86, p. 5 ln 16; p. 4 n.4")
    assert printed["targets"] == [
        {
            "docket_ref": "86",
            "portions": [
                {
                    "kind": "lines",
                    "first_page": 5,
                    "first_line": 16,
                    "last_page": 5,
                    "last_line": 16,
                },
                {"kind": "footnote", "page": 4, "number": 4},
            ],
        }
    ]


def test_portions_without_a_reference_have_null_docket_ref():
    printed = _run("#135 at 4-32")
    assert printed["targets"][0] == {
        "docket_ref": "135",
        "portions": [{"kind": "pages", "first": 4, "last": 32}],
    }
    assert _run("¶ 7")["targets"] == [
        {
            "docket_ref": None,
            "portions": [{"kind": "paragraphs", "first": 7, "last": 7}],
        }
    ]


@pytest.mark.parametrize(
    ("text", "portions"),
    [
        ("¶¶ 25-26 (#1)", [{"kind": "paragraphs", "first": 25, "last": 26}]),
        (
            "pp. 4:2-23 (#12)",
            [
                {
                    "kind": "lines",
                    "first_page": 4,
                    "first_line": 2,
                    "last_page": 4,
                    "last_line": 23,
                }
            ],
        ),
    ],
)
def test_portions_before_the_reference_are_not_widened_to_the_document(text, portions):
    (target,) = _run(text)["targets"]
    assert target["portions"] == portions


@pytest.mark.parametrize(
    "text",
    [
        "pp. 9-4",
        "garbage",
        "Complaint (#1, ¶ 4",
        "",
        "¶¶ 25-26 Complaint (#1)",
        "#94.1",
        "¶¶ 5, , 6",
    ],
)
def test_unreadable_text_is_a_command_error_with_exit_code_2(text):
    with pytest.raises(CommandError) as caught:
        call_command("parse_portions", text)
    assert caught.value.returncode == 2


def test_unreadable_text_exits_2_with_the_reason_on_stderr(capsys):
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["manage.py", "parse_portions", "pp. 9-4"])
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "page range 9-4 runs backwards" in captured.err
