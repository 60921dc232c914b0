from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sealing.deadlines import (
    due_date,
    explain_due_date,
    holiday_name,
    is_legal_holiday,
)


def test_period_counts_every_calendar_day_from_the_day_after_the_event():
    # Friday + 14 days is a Friday; the intervening weekends still count.
    assert due_date(date(2026, 11, 6), 14) == date(2026, 11, 20)


def test_one_day_period_ends_the_next_day():
    assert due_date(date(2026, 11, 2), 1) == date(2026, 11, 3)


def test_last_day_on_saturday_runs_to_monday():
    assert due_date(date(2026, 11, 7), 14) == date(2026, 11, 23)


def test_last_day_on_sunday_runs_to_monday():
    assert due_date(date(2026, 11, 8), 14) == date(2026, 11, 23)


def test_last_day_on_thanksgiving_runs_to_friday():
    assert due_date(date(2026, 11, 12), 14) == date(2026, 11, 27)


def test_observed_independence_day_is_a_legal_holiday_when_july_4_is_saturday():
    # July 4, 2026 is a Saturday; federal offices observe Friday, July 3.
    assert is_legal_holiday(date(2026, 7, 3))
    assert due_date(date(2026, 6, 19), 14) == date(2026, 7, 6)


def test_holiday_followed_by_weekend_runs_past_both():
    # Friday, December 25, 2026 (Christmas), then Saturday and Sunday.
    assert due_date(date(2026, 12, 11), 14) == date(2026, 12, 28)


def test_weekend_followed_by_monday_holiday_runs_to_tuesday():
    # Saturday, September 5, 2026, then Sunday, then Labor Day.
    assert due_date(date(2026, 8, 22), 14) == date(2026, 9, 8)


def test_day_declared_a_holiday_by_the_president_counts():
    # Executive order closed federal offices on Tuesday, December 24, 2024.
    assert holiday_name(date(2024, 12, 24)) == "Christmas Eve"
    assert due_date(date(2024, 12, 10), 14) == date(2024, 12, 26)


def test_inauguration_day_is_not_a_federal_legal_holiday():
    assert not is_legal_holiday(date(2021, 1, 20))
    assert due_date(date(2021, 1, 6), 14) == date(2021, 1, 20)


def test_inauguration_day_counts_in_the_district_of_columbia():
    assert holiday_name(date(2021, 1, 20), state="DC") == "Inauguration Day"
    assert due_date(date(2021, 1, 6), 14, state="DC") == date(2021, 1, 21)


def test_state_holiday_counts_only_when_the_district_state_is_given():
    # Nevada Day 2026 is Friday, October 30.
    assert due_date(date(2026, 10, 16), 14) == date(2026, 10, 30)
    assert due_date(date(2026, 10, 16), 14, state="NV") == date(2026, 11, 2)
    assert holiday_name(date(2026, 10, 30), state="nv") == "Nevada Day"
    assert holiday_name(date(2026, 10, 30)) is None


def test_ordinary_weekday_has_no_holiday_name():
    assert holiday_name(date(2026, 11, 20)) is None
    assert not is_legal_holiday(date(2026, 11, 20))


def test_court_closure_day_rolls_the_deadline_forward():
    closed = [date(2026, 11, 20)]
    assert due_date(date(2026, 11, 6), 14, closures=closed) == date(2026, 11, 23)


def test_explanation_of_plain_deadline():
    assert (
        explain_due_date(date(2026, 11, 6), 14)
        == "14 days after November 6, 2026 is November 20, 2026"
    )


def test_explanation_of_weekend_rollover_cites_the_rule():
    assert explain_due_date(date(2026, 11, 7), 14) == (
        "14 days after November 7, 2026 falls on Saturday, November 21, 2026; under "
        "Fed. R. Civ. P. 6(a)(1)(C) the deadline is Monday, November 23, 2026"
    )


def test_explanation_names_the_holiday():
    assert explain_due_date(date(2026, 11, 12), 14) == (
        "14 days after November 12, 2026 falls on Thursday, November 26, 2026 "
        "(Thanksgiving Day); under Fed. R. Civ. P. 6(a)(1)(C) the deadline is "
        "Friday, November 27, 2026"
    )


def test_explanation_of_weekend_then_monday_holiday_names_the_first_closed_day():
    assert explain_due_date(date(2026, 8, 22), 14) == (
        "14 days after August 22, 2026 falls on Saturday, September 5, 2026; under "
        "Fed. R. Civ. P. 6(a)(1)(C) the deadline is Tuesday, September 8, 2026"
    )


def test_explanation_uses_singular_day():
    assert explain_due_date(date(2026, 11, 2), 1).startswith("1 day after")


def test_zero_day_period_is_rejected():
    with pytest.raises(ValueError, match="0 days"):
        due_date(date(2026, 11, 6), 0)


def test_negative_period_is_rejected():
    with pytest.raises(ValueError, match="negative"):
        due_date(date(2026, 11, 6), -7)


@pytest.mark.parametrize("days", [14.0, "14", True])
def test_non_integer_period_is_rejected(days):
    with pytest.raises(TypeError, match="whole number"):
        due_date(date(2026, 11, 6), days)


def test_datetime_start_is_rejected():
    with pytest.raises(TypeError, match="datetime.date"):
        due_date(datetime(2026, 11, 6, 9, 30), 14)


def test_unknown_state_is_rejected():
    with pytest.raises(ValueError, match="Unknown state"):
        due_date(date(2026, 11, 6), 14, state="Nevada")


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)),
    days=st.integers(min_value=1, max_value=120),
    state=st.sampled_from([None, "NV", "CA", "NY", "DC"]),
)
def test_due_date_is_the_first_open_day_on_or_after_the_last_day(start, days, state):
    due = due_date(start, days, state=state)
    last = start + timedelta(days=days)
    assert due >= last
    assert due.weekday() < 5
    assert not is_legal_holiday(due, state)
    skipped = (last + timedelta(days=n) for n in range((due - last).days))
    assert all(d.weekday() >= 5 or is_legal_holiday(d, state) for d in skipped)
