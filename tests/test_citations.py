"""Pasted lists of items, and docket references resolved against a docket."""

from __future__ import annotations

import pytest

from filings.citations import (
    AmbiguousReference,
    UnresolvedReference,
    parse_item_list,
    resolve_docket_ref,
)
from filings.pdf.portions import Lines, Pages, Paragraphs, WholeDocument

# Copied as extracted from shared/seeds/001_8db4e5850fec5263.txt: list bullets,
# the pleading paper's margin line numbers, and a page break between items 8 and 9.
SEED_PASTE = """\
- 7 1. *Complaint* (#1), ¶¶ 25-26, 31-34, 37-39 (discusses Selling Source's business
8 practices, business model and the agreements between the company and its
9 customers);
- 10 2. License Agreement, Exhibit A to *Complaint* (#1-1) (includes substantial discussion
11 of proprietary commercial practices and the structure of Selling Source's agreements
12 with clients);
- 13 3. *Complaint*, Exhibit A to *AO 120 Report* (#4-1), ¶¶ 25-26, 31-34 and 37-39 (includes
14 details about Selling Source's business practices, business model and the
15 agreements between the company and its customers);
- 16 4. *Answer and Counterclaims* (#94), ¶¶ 16-33, 37-50, 57-62, and 86-87 (discusses
17 significant aspects of the parties' business practices and business models);
- 18 5. Exhibits 1-14 to *Answer and Counterclaims* (#94-1, 94-2) (includes agreements and
19 contracts detailing the parties' commercial practices and arrangements with specific
20 customers);
- 21 6. *Mem. of Points and Auth. In Support of Ex Parte Motion to Compel and Appoint*
22 *Computer Forensics Expert* (#86), pp. 4 n.4 and 5:17-6:14 (discusses Selling
23 Source's business practices and arrangements with specific customers);
- 24 7. *Mem. of Points and Auth. In Support of Motion for Order to Show Cause* (#129-1),
25 pp. 1:18-2:21, 8:1-12:21 (discusses commercial practices and security measures
26 used by Selling Source);
- 27 8. *Carl Michael Lane Deposition Transcript* (#129-3), pp. 19:17-20:2, 21:2-6, 21:19-
28 23 (discusses Selling Source's corporate structure and purchase agreement details);

- 1 9. *Soeren Poulsen Declaration* (#129-6), ¶¶ 5-11 and Exhibits attached to *Poulsen*
2 *Declaration* (#129-7) (includes details of security measures taken by Selling Source
3 related to commercial operations);
"""


def _refs(result):
    return [[t.docket_ref for t in item.targets] for item in result.lines]


def test_seed_paste_with_margin_numbers_reads_every_item():
    result = parse_item_list(SEED_PASTE)
    assert result.errors == ()
    assert _refs(result) == [
        ["1"],
        ["1-1"],
        ["4-1"],
        ["94"],
        ["94-1", "94-2"],
        ["86"],
        ["129-1"],
        ["129-3"],
        ["129-6", "129-7"],
    ]
    assert [item.line_number for item in result.lines] == [
        1,
        4,
        7,
        10,
        12,
        15,
        18,
        21,
        24,
    ]


def test_wrapped_item_keeps_its_original_text_and_joined_portions():
    result = parse_item_list(SEED_PASTE)
    item = result.lines[7]
    assert item.text.splitlines()[0].startswith("- 27 8. *Carl Michael Lane")
    assert item.text.splitlines()[1].startswith("28 23 (discusses")
    assert list(item.targets[0].portions) == [
        Lines(19, 17, 20, 2),
        Lines(21, 2, 21, 6),
        Lines(21, 19, 21, 23),
    ]
    assert item.targets[0].reason.endswith("purchase agreement details")


def test_unnumbered_list_splits_items_and_joins_wrapped_lines():
    paste = (
        "Complaint (#1), ¶¶ 25-26 (discusses the business\n"
        "model of the company);\n"
        "Answer (#94), ¶¶ 16-33, 37-50,\n"
        "57-62\n"
        "Transcript of TRO Hearing (#103)\n"
        "Dkt. 514 at 8-9\n"
    )
    result = parse_item_list(paste)
    assert result.errors == ()
    assert _refs(result) == [["1"], ["94"], ["103"], ["514"]]
    assert [item.line_number for item in result.lines] == [1, 3, 5, 6]
    assert list(result.lines[1].targets[0].portions) == [
        Paragraphs(16, 33),
        Paragraphs(37, 50),
        Paragraphs(57, 62),
    ]


@pytest.mark.parametrize(
    "markers", [("1.", "2.", "3."), ("a)", "b)", "c)"), ("(i)", "(ii)", "(iii)"), "-*•"]
)
def test_numbered_lettered_and_bulleted_lists(markers):
    paste = (
        f"{markers[0]} Complaint (#1), ¶ 4\n"
        f"{markers[1]} Declaration of Jeff O'Hare (#16), ¶¶ 3-4 and\n"
        "   7-8 (contains information)\n"
        f"{markers[2]} Exhibits (#64-1, 64-2)\n"
    )
    result = parse_item_list(paste)
    assert result.errors == ()
    assert _refs(result) == [["1"], ["16"], ["64-1", "64-2"]]
    assert list(result.lines[1].targets[0].portions) == [
        Paragraphs(3, 4),
        Paragraphs(7, 8),
    ]


def test_unreadable_items_are_reported_with_line_and_reason_not_dropped():
    paste = (
        "1. Complaint (#1), ¶¶ 25-26\n"
        "\n"
        "2. Opposition (#134), pp. 9-4 (discusses finances)\n"
        "3. Exhibit 2 to the Fuller Declaration\n"
        "4. Reply (#140), p. 9:3-23\n"
    )
    result = parse_item_list(paste)
    assert _refs(result) == [["1"], ["140"]]
    assert [(e.line_number, e.text) for e in result.errors] == [
        (3, "2. Opposition (#134), pp. 9-4 (discusses finances)"),
        (4, "3. Exhibit 2 to the Fuller Declaration"),
    ]
    assert "runs backwards" in result.errors[0].reason
    assert "no docket reference" in result.errors[1].reason


def test_blank_paste_has_no_items_and_no_errors():
    result = parse_item_list("\n   \n...\n")
    assert result.lines == () and result.errors == ()


def test_result_lists_all_targets_in_order():
    result = parse_item_list("#1 at 2\n#3\n")
    assert [(t.docket_ref, list(t.portions)) for t in result.targets] == [
        ("1", [Pages(2, 2)]),
        ("3", [WholeDocument()]),
    ]


# --- resolve_docket_ref ---------------------------------------------------------

DOCKET = {
    1: {1},
    12: set(),
    33: {1, 2},
    34: set(),
    64: {1, 2, 3, 4, 5, 6},
    94: {1, 2},
    129: {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13},
    130: set(),
}


@pytest.mark.parametrize(
    ("ref", "documents"),
    [
        ("12", [(12, None)]),
        ("#94-1", [(94, 1)]),
        ("ECF No. 94-2", [(94, 2)]),
        ("Dkt. 94", [(94, None)]),
        ("33-34", [(33, None), (34, None)]),  # no attachment 34: entries 33 and 34
        ("129-13", [(129, 13)]),  # 13 < 129: only an attachment reading
        ("64-1 through 64-3", [(64, 1), (64, 2), (64, 3)]),
        ("64-4 to 64-6", [(64, 4), (64, 5), (64, 6)]),
        ("64-1\u201364-2", [(64, 1), (64, 2)]),
    ],
)
def test_resolve_docket_ref_names_documents(ref, documents):
    assert resolve_docket_ref(ref, DOCKET) == documents


def test_entry_pair_reads_as_attachment_when_only_that_exists():
    docket = {33: set(range(1, 40))}
    assert resolve_docket_ref("33-34", docket) == [(33, 34)]


def test_entry_pair_that_could_be_either_is_ambiguous():
    docket = {33: set(range(1, 40)), 34: set()}
    with pytest.raises(AmbiguousReference, match="ambiguous"):
        resolve_docket_ref("33-34", docket)


def test_attachment_number_below_the_entry_is_never_an_entry_range():
    assert resolve_docket_ref("129-12", {**DOCKET, 12: set()}) == [(129, 12)]


@pytest.mark.parametrize(
    ("ref", "complaint"),
    [
        ("99", "no docket entry 99"),
        ("94-3", "entry 94 has no attachment 3"),
        ("12-1", "it has no attachments"),
        ("130-131", "no docket entry 131"),
        ("64-5 through 64-8", "no attachment 64-7, 64-8"),
        ("64-1 through 65-2", "attachments of one entry"),
        ("Exhibit A", "could not read"),
        ("", "could not read"),
    ],
)
def test_resolve_docket_ref_refuses_what_the_docket_lacks(ref, complaint):
    with pytest.raises(UnresolvedReference, match=complaint) as caught:
        resolve_docket_ref(ref, DOCKET)
    assert complaint in caught.value.reason


def test_unnumbered_items_ending_in_semicolon_and_start_a_new_item():
    paste = (
        "Reply (#140), p. 9:3-23 (discusses security measures); and\n"
        "declaration of Natalie Dempsey (#140-2), ¶¶ 1-6 (discusses procedures).\n"
        "exhibits to the Pope Decl.\n"
        "(#64-1, 64-2)\n"
    )
    result = parse_item_list(paste)
    assert result.errors == ()
    assert _refs(result) == [["140"], ["140-2"], ["64-1", "64-2"]]
    assert result.lines[2].targets[0].description == "exhibits to the Pope Decl."


def test_every_line_of_the_paste_belongs_to_an_item_or_an_error():
    paste = SEED_PASTE + "\nThe Court will seal the documents discussed above.\n"
    result = parse_item_list(paste)
    accounted = [
        line
        for entry in result.lines + result.errors
        for line in entry.text.split("\n")
    ]
    assert sorted(accounted) == sorted(line for line in paste.splitlines() if line)
    assert result.errors[-1].line_number == len(paste.splitlines())
    # the margin numbers are gone from the items even so
    assert result.lines[0].targets[0].description == "Complaint"
    assert " 8 practices" not in result.lines[0].targets[0].reason


def test_page_break_inside_an_item_does_not_split_it():
    paste = (
        "13 1. Reply in Support of TRO Motion (#89), pp. 2:14-3:4, 4:14-6:4,\n"
        "14 6:27-7:4 and 15:11-15 (detailing Selling Source's corporate\n"
        "\n"
        "1 structure and profit strategy); and\n"
        "2 2. Transcript of TRO Hearing (#103)\n"
        "\n"
        "3 The Court will seal the filings discussed above.\n"
    )
    result = parse_item_list(paste)
    assert _refs(result) == [["89"], ["103"]]
    assert (
        result.lines[0]
        .targets[0]
        .reason.endswith("corporate structure and profit strategy")
    )
    assert [error.line_number for error in result.errors] == [7]
