"""Due dates counted in days under Fed. R. Civ. P. 6(a)(1).

Rule 6(a)(1): exclude the day of the triggering event, count every day (weekends and
holidays included), include the last day, and if the last day is a Saturday, Sunday or
legal holiday, continue to the next day that is none of those.

Rule 6(a)(6) legal holidays: the federal holidays set by statute, any day the President
or Congress declares a holiday, and, for periods counted forward from an event (all
periods here), any day the state where the district court sits declares a holiday.
The ``holidays`` package's U.S. *government* calendar supplies the first two (including
the Friday or Monday observed when a holiday falls on a weekend, and the days federal
offices closed by executive order, e.g. Christmas Eve 2024); its state calendars supply
the third. Inauguration Day is not a Rule 6(a)(6) holiday, so it counts only where the
district's own calendar closes for it (``state="DC"`` for D.D.C.).

Pure Python: no Django, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType

import holidays

_RULE_6A1C = "Fed. R. Civ. P. 6(a)(1)(C)"
# Rollover never needs more than a few days; a long run means bad holiday data.
_MAX_ROLLOVER_DAYS = 14


def _check_state(state: str | None) -> str | None:
    if state is None:
        return None
    if not isinstance(state, str):
        raise ValueError("state must be a two-letter code such as 'NV', or None.")
    code = state.strip().upper()
    if code not in holidays.US.subdivisions:
        raise ValueError(
            f"Unknown state or territory {state!r}; use a two-letter code such as "
            "'NV' or 'CA'."
        )
    return code


def _check_day(value: object, name: str) -> date:
    # datetime is a date subclass, but a time of day belongs to hour-based periods
    # (Rule 6(a)(2)), which this module does not count.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a datetime.date, not {type(value).__name__}.")
    return value


@lru_cache(maxsize=256)
def _holidays_in(year: int, state: str | None) -> Mapping[date, str]:
    federal = holidays.US(years=year, categories=(holidays.GOVERNMENT,))
    names = dict(federal.items())
    if state is not None:
        for day, name in holidays.US(years=year, subdiv=state).items():
            names.setdefault(day, name)
    return MappingProxyType(names)


def holiday_name(d: date, state: str | None = None) -> str | None:
    """The legal holiday on ``d`` (federal, declared, or the state's), or None."""
    day = _check_day(d, "d")
    return _holidays_in(day.year, _check_state(state)).get(day)


def is_legal_holiday(d: date, state: str | None = None) -> bool:
    return holiday_name(d, state) is not None


def _is_closed(day: date, state: str | None, closures: frozenset[date]) -> bool:
    return (
        day.weekday() >= 5
        or day in closures
        or _holidays_in(day.year, state).get(day) is not None
    )


def _last_day(start: date, days: int) -> date:
    if isinstance(days, bool) or not isinstance(days, int):
        raise TypeError("days must be a whole number of days.")
    if days < 0:
        raise ValueError(
            f"A period of {days} days is negative; count periods forward from the "
            "triggering event."
        )
    if days == 0:
        raise ValueError(
            "A period of 0 days is not a Rule 6(a) period; a same-day deadline must "
            "be set as a date, not counted."
        )
    return start + timedelta(days=days)


def due_date(
    start: date,
    days: int,
    *,
    state: str | None = None,
    closures: Iterable[date] = (),
) -> date:
    """The last day of a period of ``days`` days after the event on ``start``.

    ``state`` adds that state's legal holidays (Rule 6(a)(6)(C)); ``closures`` adds
    days the clerk's office was closed or inaccessible (Rule 6(a)(3)), which the court
    records itself because no calendar knows them.
    """
    start = _check_day(start, "start")
    code = _check_state(state)
    closed = frozenset(_check_day(day, "closure") for day in closures)
    day = _last_day(start, days)
    for _ in range(_MAX_ROLLOVER_DAYS):
        if not _is_closed(day, code, closed):
            return day
        day += timedelta(days=1)
    raise ValueError(
        f"No open day within {_MAX_ROLLOVER_DAYS} days after {_long(day)}; check the "
        "court closures recorded."
    )


def _long(d: date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def _why_closed(day: date, state: str | None, closures: frozenset[date]) -> str:
    name = _holidays_in(day.year, state).get(day)
    if name is not None:
        return f"{day:%A}, {_long(day)} ({name})"
    if day in closures:
        return f"{day:%A}, {_long(day)} (clerk's office closed)"
    return f"{day:%A}, {_long(day)}"


def explain_due_date(
    start: date,
    days: int,
    state: str | None = None,
    *,
    closures: Iterable[date] = (),
) -> str:
    """One sentence for the order or the docket: how the due date was counted."""
    closed = frozenset(_check_day(day, "closure") for day in closures)
    due = due_date(start, days, state=state, closures=closed)
    last = _last_day(start, days)
    unit = "day" if days == 1 else "days"
    lead = f"{days} {unit} after {_long(start)}"
    if due == last:
        return f"{lead} is {_long(due)}"
    why = _why_closed(last, _check_state(state), closed)
    return (
        f"{lead} falls on {why}; under {_RULE_6A1C} the deadline is "
        f"{due:%A}, {_long(due)}"
    )
