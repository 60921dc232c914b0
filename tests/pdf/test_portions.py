"""Reading and writing the courts' portion notation, and item lines that use it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from filings.pdf.portions import (
    Footnote,
    Lines,
    Pages,
    Paragraphs,
    PortionSyntaxError,
    Target,
    WholeDocument,
    format_portions,
    parse_portions,
    parse_targets,
)

# --- parse_portions: every notation of issue 3 ------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whole documents
        ("", [WholeDocument()]),
        ("   ", [WholeDocument()]),
        ("entire document", [WholeDocument()]),
        ("(in its entirety)", [WholeDocument()]),
        # pages
        ("at 4-32", [Pages(4, 32)]),
        ("pages 7 through 9", [Pages(7, 9)]),
        ("p. 7", [Pages(7, 7)]),
        ("pp. 7-9", [Pages(7, 9)]),
        ("pp. 7, 9", [Pages(7, 7), Pages(9, 9)]),
        ("page 3 to 4", [Pages(3, 4)]),
        # page:line within and across pages
        (
            "pp. 1:18-2:21, 2:18-25; 4:26",
            [Lines(1, 18, 2, 21), Lines(2, 18, 2, 25), Lines(4, 26, 4, 26)],
        ),
        ("p. 5 ln 16", [Lines(5, 16, 5, 16)]),
        ("p. 5, ll. 3-9", [Lines(5, 3, 5, 9)]),
        ("page 12, lines 3 to 15", [Lines(12, 3, 12, 15)]),
        ("at 12:3-9", [Lines(12, 3, 12, 9)]),
        ("p. 9:3-23", [Lines(9, 3, 9, 23)]),
        ("p. 5, ll. 3-9, 12-14", [Lines(5, 3, 5, 9), Lines(5, 12, 5, 14)]),
        ("p. 5 ln 16, 7:3-9", [Lines(5, 16, 5, 16), Lines(7, 3, 7, 9)]),
        ("page 12, line 3 through page 13, line 4", [Lines(12, 3, 13, 4)]),
        # paragraphs
        (
            "¶¶ 6-44, 46, 48",
            [Paragraphs(6, 44), Paragraphs(46, 46), Paragraphs(48, 48)],
        ),
        ("¶ 7", [Paragraphs(7, 7)]),
        ("paragraphs 3-5", [Paragraphs(3, 5)]),
        ("para. 7", [Paragraphs(7, 7)]),
        ("at ¶ 41", [Paragraphs(41, 41)]),
        # footnotes
        ("p. 4 n.4", [Footnote(4, 4)]),
        ("at 4 n.2", [Footnote(4, 2)]),
        ("page 4, footnote 4", [Footnote(4, 4)]),
        ("p. 4 nn.4-5", [Footnote(4, 4), Footnote(4, 5)]),
        ("p. 4 nn. 4, 6", [Footnote(4, 4), Footnote(4, 6)]),
        # dashes, separators and mixtures
        ("pp. 7\u20139", [Pages(7, 9)]),
        ("pp. 7\u20149", [Pages(7, 9)]),
        ("¶¶ 2 and 4", [Paragraphs(2, 2), Paragraphs(4, 4)]),
        (
            "¶¶ 4, 8-12 and 16-21",
            [Paragraphs(4, 4), Paragraphs(8, 12), Paragraphs(16, 21)],
        ),
        (
            "¶¶ 25-26, 31-34; pp. 4:2-23, 5:17-6:14; p. 4 n.4",
            [
                Paragraphs(25, 26),
                Paragraphs(31, 34),
                Lines(4, 2, 4, 23),
                Lines(5, 17, 6, 14),
                Footnote(4, 4),
            ],
        ),
        ("pp. 4 n.4 and 5:17-6:14", [Footnote(4, 4), Lines(5, 17, 6, 14)]),
        ("¶¶ 2-8.", [Paragraphs(2, 8)]),
        ("pp. 4:2-23\u00b9", [Lines(4, 2, 4, 23)]),  # footnote call is not a portion
    ],
)
def test_parse_portions_reads_court_notation(text, expected):
    assert parse_portions(text) == expected


def test_ocr_misreading_of_ln_as_In_reads_as_a_line():
    # The seed order's text layer has "p. 5 In 16" for "p. 5 ln 16".
    assert parse_portions("p. 5 In 16") == [Lines(5, 16, 5, 16)]


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("pp. 9-4", "runs backwards"),
        ("¶¶", "must be followed by a number"),
        ("p. 4:30-2", "runs backwards"),
        ("p. 5:9-4:1", "runs backwards"),
        ("line 0", "needs a page first"),
        ("p. 5, line 0", "numbered from 1"),
        ("p. 0", "numbered from 1"),
        ("garbage", "not portion notation"),
        ("4-32", "has no marker"),
        ("¶ 4:3", "a paragraph has no lines"),
        ("pp. 4-5, ll. 3-9", "needs a single page"),
        ("pp. 4-5:3", "page range cannot be followed"),
        ("p. 4,", "nothing follows"),
        ("p. 5 ln 16, 17", "could be another line or a page"),
        ("p. 4 n.4, 6", "could be another footnote or a page"),
        ("¶¶ 2-4 pp. 5", "expected ',', ';' or 'and'"),
        ("p. 4 nn. 1-500", "not a plausible range"),
        ("entire document, ¶ 4", "not portion notation"),
        ("p. 5 ln 16:3", "cannot have ':'"),
        ("page 12, line 3 through page 11, line 4", "runs backwards"),
        ("page 12, line 3 through page 13", "expected the line on the last page"),
        ("p. 123456", "not a plausible page number"),
        ("¶¶ 5, , 6", "two separators in a row"),
        ("¶¶ 5;; 6", "two separators in a row"),
        ("pp. 4, and, 6", "two separators in a row"),
    ],
)
def test_malformed_portions_are_refused_not_guessed(text, complaint):
    with pytest.raises(PortionSyntaxError, match=complaint):
        parse_portions(text)


def test_syntax_error_says_what_and_where():
    with pytest.raises(PortionSyntaxError) as caught:
        parse_portions("¶¶ 25-26, 31-34; pp. 9-4")
    assert caught.value.position == 21
    assert "'9-4' at character 22" in str(caught.value)
    assert isinstance(caught.value, ValueError)


# --- format_portions ----------------------------------------------------------


@pytest.mark.parametrize(
    ("portions", "written"),
    [
        ([WholeDocument()], "entire document"),
        ([Paragraphs(25, 26), Paragraphs(31, 34)], "¶¶ 25-26, 31-34"),
        ([Paragraphs(7, 7)], "¶ 7"),
        ([Lines(1, 18, 2, 21)], "pp. 1:18-2:21"),
        ([Footnote(4, 4)], "p. 4 n.4"),
        ([Footnote(4, 4), Footnote(4, 5)], "p. 4 nn.4-5"),
        ([Pages(4, 32)], "pp. 4-32"),
        ([Pages(7, 7)], "p. 7"),
        ([Lines(5, 16, 5, 16)], "p. 5:16"),
        ([Lines(9, 3, 9, 23)], "p. 9:3-23"),
        (
            [Lines(1, 18, 2, 21), Lines(8, 1, 12, 21)],
            "pp. 1:18-2:21, 8:1-12:21",
        ),
        ([Paragraphs(5, 11), Pages(3, 3)], "¶¶ 5-11; p. 3"),
    ],
)
def test_format_portions_writes_court_notation(portions, written):
    assert format_portions(portions) == written
    assert parse_portions(written) == portions


def test_format_portions_refuses_nothing_and_whole_plus_parts():
    with pytest.raises(ValueError, match="no portions"):
        format_portions([])
    with pytest.raises(ValueError, match="cannot be combined"):
        format_portions([WholeDocument(), Pages(1, 1)])


_numbers = st.integers(min_value=1, max_value=60)


@st.composite
def _portion(draw):
    kind = draw(st.sampled_from(["pages", "lines", "paragraphs", "footnote"]))
    a, b = sorted((draw(_numbers), draw(_numbers)))
    if kind == "pages":
        return Pages(a, b)
    if kind == "paragraphs":
        return Paragraphs(a, b)
    if kind == "footnote":
        return Footnote(a, b)
    first, last = sorted(((a, draw(_numbers)), (b, draw(_numbers))))
    return Lines(first[0], first[1], last[0], last[1])


@settings(max_examples=300, deadline=None)
@given(st.lists(_portion(), min_size=1, max_size=6, unique=True))
def test_any_portions_round_trip_through_the_notation(portions):
    assert parse_portions(format_portions(portions)) == portions


@settings(max_examples=100, deadline=None)
@given(st.lists(_portion(), min_size=1, max_size=5), st.data())
def test_a_portion_listed_twice_is_refused(portions, data):
    repeated = data.draw(st.sampled_from(portions))
    twice = [*portions, repeated]

    with pytest.raises(PortionSyntaxError, match="is listed twice"):
        parse_portions(format_portions(twice))


# --- parse_targets on the seed order's item lines ----------------------------

# Copied from shared/seeds/001_8db4e5850fec5263.txt (D. Nev. 2011), one item each.
SEED_ITEMS = {
    "complaint_paragraphs": (
        "*Complaint* (#1), ¶¶ 25-26, 31-34, 37-39 (discusses Selling Source's "
        "business practices, business model and the agreements between the "
        "company and its customers);",
        [("1", [Paragraphs(25, 26), Paragraphs(31, 34), Paragraphs(37, 39)])],
    ),
    "exhibit_whole": (
        "License Agreement, Exhibit A to *Complaint* (#1-1) (includes substantial "
        "discussion of proprietary commercial practices and the structure of "
        "Selling Source's agreements with clients);",
        [("1-1", [WholeDocument()])],
    ),
    "and_before_last_range": (
        "*Answer and Counterclaims* (#94), ¶¶ 16-33, 37-50, 57-62, and 86-87 "
        "(discusses significant aspects of the parties' business practices and "
        "business models);",
        [
            (
                "94",
                [
                    Paragraphs(16, 33),
                    Paragraphs(37, 50),
                    Paragraphs(57, 62),
                    Paragraphs(86, 87),
                ],
            )
        ],
    ),
    "exhibits_numbered_in_description": (
        "Exhibits 1-14 to *Answer and Counterclaims* (#94-1, 94-2) (includes "
        "agreements and contracts detailing the parties' commercial practices and "
        "arrangements with specific customers);",
        [("94-1", [WholeDocument()]), ("94-2", [WholeDocument()])],
    ),
    "footnote_and_lines": (
        "*Mem. of Points and Auth. In Support of Ex Parte Motion to Compel and "
        "Appoint Computer Forensics Expert* (#86), pp. 4 n.4 and 5:17-6:14 "
        "(discusses Selling Source's business practices and arrangements with "
        "specific customers);",
        [("86", [Footnote(4, 4), Lines(5, 17, 6, 14)])],
    ),
    "wrapped_line_range": (
        "*Carl Michael Lane Deposition Transcript* (#129-3), pp. 19:17-20:2, "
        "21:2-6, 21:19- 23 (discusses Selling Source's corporate structure and "
        "purchase agreement details);",
        [("129-3", [Lines(19, 17, 20, 2), Lines(21, 2, 21, 6), Lines(21, 19, 21, 23)])],
    ),
    "two_documents_one_item": (
        "*Soeren Poulsen Declaration* (#129-6), ¶¶ 5-11 and Exhibits attached to "
        "*Poulsen Declaration* (#129-7) (includes details of security measures "
        "taken by Selling Source related to commercial operations);",
        [("129-6", [Paragraphs(5, 11)]), ("129-7", [WholeDocument()])],
    ),
    "page_range_inside_ref": (
        "Transcript of TRO Hearing, attached as Exhibit 2 to the *Chad R. Fuller "
        "Declaration* (#135 at 4-32) (significant parts of the transcript discuss "
        "Selling Source's corporate structure, business practices, agreements "
        "with customers, financial condition and profit strategy);",
        [("135", [Pages(4, 32)])],
    ),
    "shared_portions": (
        "Declaration of Natalie Dempsey, attached to *Reply in Support of Motion "
        "for Order to Show Cause* (#140-2, 140-3), ¶¶ 1-6 (discusses security "
        "procedures taken by Selling Source related to commercial operations);",
        [("140-2", [Paragraphs(1, 6)]), ("140-3", [Paragraphs(1, 6)])],
    ),
    "nested_citation_in_reason": (
        "*Motion to Quash Subpoena* (#165) and *Errata to Motion to Quash* (#166) "
        "(includes details related to attorney-client communications that the "
        "Court previously found should be sealed (*See* #174));",
        [("165", [WholeDocument()]), ("166", [WholeDocument()])],
    ),
    "semicolons_between_line_ranges": (
        "*Memorandum of Points and Authorities in Support of the Motion for TRO* "
        "(#12), pp. 4:2-23; 4:26; 6:22-25; 8:4-9; 11:12-15 and 11:22-24 "
        "(discussing Selling Source's proprietary business operations and "
        "customer base);",
        [
            (
                "12",
                [
                    Lines(4, 2, 4, 23),
                    Lines(4, 26, 4, 26),
                    Lines(6, 22, 6, 25),
                    Lines(8, 4, 8, 9),
                    Lines(11, 12, 11, 15),
                    Lines(11, 22, 11, 24),
                ],
            )
        ],
    ),
    "refs_inside_descriptive_parentheticals": (
        "Master Services Agreement (attached as Ex. A to #15, at 9-19) and License "
        "Agreement (attached as Ex. A to #15, at 21-30) (contains significant "
        "discussion of Selling Source's proprietary business practices and "
        "agreements with customers);",
        [("15", [Pages(9, 19)]), ("15", [Pages(21, 30)])],
    ),
    "entry_pair_left_for_the_docket": (
        "*Defendants' Limited Opp. to Ex Parte Motion for Temporary Restraining "
        "Order and* *Order to Show Cause* (#33-34), p. 5:25-27 (reveals specific "
        "details about Selling Source's proprietary business operations);",
        [("33-34", [Lines(5, 25, 5, 27)])],
    ),
    "footnote_call_after_ref": (
        "*Defendants' Opp. To Order to Show Cause on Preliminary Injunction* "
        "(#62),\u00b9 pp. 1:8-2:5, 2:18-25, 3:7-11 (detailing Selling Source's "
        "corporate structure);",
        [("62", [Lines(1, 8, 2, 5), Lines(2, 18, 2, 25), Lines(3, 7, 3, 11)])],
    ),
    "six_attachments": (
        "Exhibits attached to *Decl. of Curtis Pope* (#64-1, 64-2, 64-3, 64-4, "
        "64-5, 64-6) (contains numerous contracts detailing Selling Source's "
        "business operations);",
        [(f"64-{n}", [WholeDocument()]) for n in range(1, 7)],
    ),
    "portion_named_first": (
        "p. 5 In 16 in Selling Source's Emergency Motion to Compel Defendants to "
        "Appear for Deposition (#180)",
        [("180", [Lines(5, 16, 5, 16)])],
    ),
    "paragraphs_of_document": (
        "¶¶ 65 and 71 of Defendants' Counterclaims (#94)",
        [("94", [Paragraphs(65, 65), Paragraphs(71, 71)])],
    ),
}


@pytest.mark.parametrize("name", list(SEED_ITEMS))
def test_parse_targets_reads_seed_order_items(name):
    text, expected = SEED_ITEMS[name]
    targets = parse_targets(text)
    assert [(t.docket_ref, list(t.portions)) for t in targets] == expected


def test_target_carries_description_and_reason():
    text, _ = SEED_ITEMS["complaint_paragraphs"]
    (target,) = parse_targets(text)
    assert target.description == "Complaint"
    assert target.reason.startswith("discusses Selling Source's business practices")
    assert target.reason.endswith("its customers")


def test_exhibit_numbers_in_the_description_are_not_pages():
    text, _ = SEED_ITEMS["exhibits_numbered_in_description"]
    targets = parse_targets(text)
    assert {t.description for t in targets} == {
        "Exhibits 1-14 to Answer and Counterclaims"
    }
    assert all(t.portions == (WholeDocument(),) for t in targets)


def test_citation_inside_the_reason_is_not_a_target():
    text, _ = SEED_ITEMS["nested_citation_in_reason"]
    refs = [t.docket_ref for t in parse_targets(text)]
    assert "174" not in refs
    assert parse_targets(text)[0].reason.endswith("(See #174)")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#94-1", [("94-1", [WholeDocument()])]),
        ("ECF No. 94-1", [("94-1", [WholeDocument()])]),
        ("Dkt. 94-1", [("94-1", [WholeDocument()])]),
        ("Doc. 12", [("12", [WholeDocument()])]),
        ("Dkt. No. 318", [("318", [WholeDocument()])]),
        ("Dkts. 379, 420", [("379", [WholeDocument()]), ("420", [WholeDocument()])]),
        ("ECF Nos. 12 and 13", [("12", [WholeDocument()]), ("13", [WholeDocument()])]),
        ("#135 at 4-32", [("135", [Pages(4, 32)])]),
        ("Dkt. 72 at ¶ 41", [("72", [Paragraphs(41, 41)])]),
        ("Dkt. 514 at 8-9", [("514", [Pages(8, 9)])]),
        ("(#94 at 23-24).", [("94", [Pages(23, 24)])]),
        ("Ex. A at 46:19-49:10", [(None, [Lines(46, 19, 49, 10)])]),
        ("¶¶ 25-26, 31-34", [(None, [Paragraphs(25, 26), Paragraphs(31, 34)])]),
        (
            "Pope exhibits (#64-1 through 64-3)",
            [(f"64-{n}", [WholeDocument()]) for n in (1, 2, 3)],
        ),
        ("#64-1\u201364-2", [("64-1", [WholeDocument()]), ("64-2", [WholeDocument()])]),
        (
            "ECF No. 94-1, Exhibit 1 to the Declaration, ¶ 4",
            [("94-1", [Paragraphs(4, 4)])],
        ),
        ("Complaint (#1) (entire document)", [("1", [WholeDocument()])]),
        ("Complaint (#1), in its entirety", [("1", [WholeDocument()])]),
        ("Pricing exhibit (ECF No. 15-1, Ex. A)", [("15-1", [WholeDocument()])]),
        ("Pricing exhibit (ECF No. 15-1, Ex. A at 2-3)", [("15-1", [Pages(2, 3)])]),
        ("Complaint (#1) (pp. 4-5)", [("1", [Pages(4, 5)])]),
        ("Contracts (#94-1) (15 customer contracts)", [("94-1", [WholeDocument()])]),
        ("Transcript (#152) (at the hearing, pricing)", [("152", [WholeDocument()])]),
        ("3. Complaint (#01), ¶ 2; and", [("1", [Paragraphs(2, 2)])]),
        ("iv. Complaint (#1)", [("1", [WholeDocument()])]),
        ("Exhibit #3 to the Declaration (#15)", [("15", [WholeDocument()])]),
        # S.D.N.Y. habits, from shared/seeds/000_1c4a20f8c8871718.txt
        ("Dkt. 546-2", [("546-2", [WholeDocument()])]),
        ("Times Original Compl. at ¶ 54 (Dkt. 1)", [("1", [Paragraphs(54, 54)])]),
        (
            "Ex. F (Trinh Dep. Tr.) at 96:6-98:6; 103:20-104:11",
            [(None, [Lines(96, 6, 98, 6), Lines(103, 20, 104, 11)])],
        ),
    ],
)
def test_parse_targets_reads_docket_references(text, expected):
    targets = parse_targets(text)
    assert [(t.docket_ref, list(t.portions)) for t in targets] == expected


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("", "empty"),
        ("Exhibit 2 to the Fuller Declaration", "no docket reference"),
        ("Complaint (#1), pp. 9-4 (discusses)", "runs backwards"),
        ("Complaint (#1, ¶ 4", "never closed"),
        ("Complaint #1), ¶ 4", "without a matching"),
        ("Complaint (#1), ¶ 4 because it is secret", "expected ',', ';' or 'and'"),
        ("Complaint (#1 at 2), ¶ 4", "two lists of portions"),
        ("Complaint (#1, pp. 9-4)", "runs backwards"),
        ("Exhibits (#64-3 through 64-1)", "range of documents"),
        ("Exhibits (#64-1 through 65-2)", "range of documents"),
        ("¶¶ 25-26 Complaint (#1)", "must read in full"),
        ("¶¶ 25-26, , 31 (#1)", "two separators in a row"),
        ("Complaint (#1), ¶¶ 5, , 6", "two separators in a row"),
        ("#94.1", "e.g. '#94-1'"),
        ("Exhibit A (ECF No. 94.1), ¶ 4", "e.g. '#94-1'"),
        ("Complaint (#1), ¶ 2 and ¶¶ 5-6 (#94)", "could belong to either"),
    ],
)
def test_unreadable_items_are_refused(text, complaint):
    with pytest.raises(PortionSyntaxError, match=complaint):
        parse_targets(text)


def test_target_is_frozen_and_keeps_portions_as_tuple():
    target = Target("94-1", [Pages(1, 2)])
    assert target.portions == (Pages(1, 2),)
    assert target.to_dict() == {
        "docket_ref": "94-1",
        "portions": [{"kind": "pages", "first": 1, "last": 2}],
        "description": "",
        "reason": "",
    }
    with pytest.raises(AttributeError):
        target.docket_ref = "1"  # type: ignore[misc]


def test_each_document_keeps_the_reason_written_after_it():
    targets = parse_targets(
        "Complaint (#1), ¶¶ 25-26 (discusses pricing); "
        "Answer (#94), ¶ 3 (names a non-party)"
    )
    assert [(t.docket_ref, t.description, t.reason) for t in targets] == [
        ("1", "Complaint", "discusses pricing"),
        ("94", "Answer", "names a non-party"),
    ]


def test_closing_reason_applies_to_every_document_of_the_item():
    text, _ = SEED_ITEMS["nested_citation_in_reason"]
    reasons = {t.reason for t in parse_targets(text)}
    assert len(reasons) == 1
    assert reasons.pop().startswith("includes details related to attorney-client")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("¶¶ 25-26 (#1)", [("1", [Paragraphs(25, 26)])]),
        ("pp. 4:2-23 (#12)", [("12", [Lines(4, 2, 4, 23)])]),
        ("2. ¶¶ 25-26 (#12) (paragraphs first)", [("12", [Paragraphs(25, 26)])]),
        ("at 4-32 (#135)", [("135", [Pages(4, 32)])]),
        ("p. 4 n.4; ¶ 7 (Dkt. 86)", [("86", [Footnote(4, 4), Paragraphs(7, 7)])]),
    ],
)
def test_portions_written_before_the_reference_are_the_items_portions(text, expected):
    targets = parse_targets(text)
    assert [(t.docket_ref, list(t.portions)) for t in targets] == expected
    assert targets[0].description == ""


def test_a_decimal_reference_is_refused_with_the_hyphenated_form():
    with pytest.raises(PortionSyntaxError) as caught:
        parse_targets("Answer (#94.1)")
    assert "'94.1' is not a docket number" in str(caught.value)
    assert "'#94-1'" in str(caught.value)


# --- Words before the portions, and portions named twice ----------------------


@pytest.mark.parametrize(
    ("line", "portions", "description"),
    [
        (
            "Seal ¶¶ 65 and 71 of Defendants' Counterclaims (#94)",
            (Paragraphs(65, 65), Paragraphs(71, 71)),
            "Defendants' Counterclaims",
        ),
        (
            "request that p. 5 ln 16 in Motion (#180)",
            (Lines(5, 16, 5, 16),),
            "Motion",
        ),
    ],
)
def test_portions_after_other_words_are_read_not_dropped(line, portions, description):
    (target,) = parse_targets(line)

    assert target.portions == portions
    assert target.description == description


@pytest.mark.parametrize(
    "line",
    [
        "We ask that ¶¶ 65 and seventy of the Answer be sealed (#94)",
        "the parties request that p. 5 ln of the Motion (#180)",
    ],
)
def test_portions_after_other_words_that_cannot_be_read_are_refused(line):
    with pytest.raises(PortionSyntaxError, match="cites a portion that cannot be read"):
        parse_targets(line)


@pytest.mark.parametrize(
    ("text", "twice"),
    [
        ("¶¶ 5, 5", "¶ 5"),
        ("pp. 4:2-23; 4:2-23", "p. 4:2-23"),
        ("p. 4 nn.4, 4", "p. 4 n.4"),
    ],
)
def test_a_portion_named_twice_in_one_line_is_reported(text, twice):
    with pytest.raises(PortionSyntaxError, match=f"{twice} is listed twice"):
        parse_portions(text)
    with pytest.raises(PortionSyntaxError, match="is listed twice"):
        parse_targets(f"Complaint (#1), {text}")
