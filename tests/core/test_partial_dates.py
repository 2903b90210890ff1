"""Dates known only to the month or year: parsed and checked at the edge, shown in Dutch."""

from __future__ import annotations

import datetime as dt

import pytest

from lobbycrm.core.errors import ValidationError
from lobbycrm.core.partial_dates import (
    check_precision,
    normalise,
    parse_partial_date,
    partial_date_text,
)


def test_parse_day_month_year() -> None:
    assert parse_partial_date("--date", "2025-03-14") == (dt.date(2025, 3, 14), "day")
    assert parse_partial_date("--date", "14-03-2025") == (dt.date(2025, 3, 14), "day")
    assert parse_partial_date("--date", "2025-03") == (dt.date(2025, 3, 1), "month")
    assert parse_partial_date("--date", "2025") == (dt.date(2025, 1, 1), "year")


@pytest.mark.parametrize("bad", ["2025-13", "2025-00", "maart", "", "25", "2025-03-32", "9999"])
def test_bad_dates_name_the_field(bad: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_partial_date("--date", bad)
    assert caught.value.field == "--date"


def test_precision_checked_and_shown() -> None:
    assert check_precision("x", " Month ") == "month"
    with pytest.raises(ValidationError):
        check_precision("nauwkeurigheid", "week")
    assert normalise(dt.date(2025, 3, 14), "month") == dt.date(2025, 3, 1)
    assert normalise(dt.date(2025, 3, 14), "year") == dt.date(2025, 1, 1)
    day = dt.date(2025, 3, 1)
    assert partial_date_text(day, "month") == "maart 2025"
    assert partial_date_text(day, "year") == "2025"
    assert partial_date_text(day, "day") == "za 1 mrt 2025"
    assert partial_date_text(day, "onzin") == "za 1 mrt 2025"  # a damaged value still shows
