"""Parts of portions: whether one citation lies within another, and what is
left of a request once a part of it is granted."""

from __future__ import annotations

import pytest

from filings.pdf.portions import (
    format_portions,
    parse_portions,
    portions_within,
    subtract_portions,
)


@pytest.mark.parametrize(
    ("inner", "outer", "expected"),
    [
        ("¶¶ 31-32", "¶¶ 25-26, 31-34", True),
        ("¶ 35", "¶¶ 31-34", False),
        ("¶¶ 33-35", "¶¶ 31-34", False),
        ("p. 4:10-12", "p. 4:2-23", True),
        ("pp. 1:20-2:5", "pp. 1:18-2:21", True),
        ("p. 5", "pp. 4-10", True),
        ("p. 5:3-9", "pp. 4-10", True),
        ("p. 4 n.4", "p. 4", True),
        ("p. 4 n.4", "p. 4:1-28", False),
        ("p. 4:1", "¶¶ 31-34", False),
        ("¶ 3", "entire document", True),
        ("entire document", "¶¶ 1-9", False),
    ],
)
def test_a_part_lies_within_the_portions_requested(inner, outer, expected):
    assert portions_within(parse_portions(inner), parse_portions(outer)) is expected


@pytest.mark.parametrize(
    ("outer", "inner", "rest"),
    [
        ("¶¶ 31-34", "¶¶ 31-32", "¶¶ 33-34"),
        ("¶¶ 25-26, 31-34", "¶ 32", "¶¶ 25-26, 31, 33-34"),
        ("pp. 4-10", "p. 6", "pp. 4-5, 7-10"),
        ("p. 4:2-23", "p. 4:10-12", "p. 4:2-9, 4:13-23"),
        ("pp. 1:18-2:21", "pp. 1:20-2:5", "pp. 1:18-19, 2:6-21"),
        ("p. 4 n.4; p. 5:17-20", "p. 4 n.4", "p. 5:17-20"),
    ],
)
def test_what_is_left_of_a_request_is_written_exactly(outer, inner, rest):
    left = subtract_portions(parse_portions(outer), parse_portions(inner))

    assert left is not None
    assert format_portions(left) == rest


@pytest.mark.parametrize(
    ("outer", "inner"),
    [
        # Where page 1 ends is the layout's to say, not the citation's.
        ("pp. 1:18-2:21", "p. 1:18-25"),
        ("pp. 1:18-2:21", "p. 2:1-21"),
        ("pp. 4-10", "p. 6:1-3"),
        ("entire document", "p. 3"),
    ],
)
def test_a_rest_that_needs_the_layout_is_not_guessed(outer, inner):
    assert subtract_portions(parse_portions(outer), parse_portions(inner)) is None


def test_nothing_is_left_when_all_is_taken():
    assert subtract_portions(parse_portions("¶¶ 3-4"), parse_portions("¶¶ 3-4")) == []
