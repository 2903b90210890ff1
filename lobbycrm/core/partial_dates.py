"""Dates known only to the month or year: checked where they enter, shown as "maart 2025"."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _, language, short_date
from lobbycrm.core.validation import check_date, clean_text, parse_date


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


def check_precision(field: str, value: str) -> str:
    """'day', 'month' or 'year'; anything else is refused with the field named."""
    text = clean_text(value or "").lower()
    if text not in {p.value for p in DatePrecision}:
        raise ValidationError(field, value, _("must be day, month or year"))
    return text


def normalise(day: dt.date, precision: str) -> dt.date:
    """The stored form: the first day of the month or year that is known."""
    if precision == DatePrecision.MONTH:
        return day.replace(day=1)
    if precision == DatePrecision.YEAR:
        return day.replace(month=1, day=1)
    return day


def parse_partial_date(field: str, value: str) -> tuple[dt.date, str]:
    """'2025-03-14' (day), '2025-03' (month only) or '2025' (year only)."""
    text = clean_text(value or "")
    try:
        if re.fullmatch(r"\d{4}", text):
            return check_date(field, dt.date(int(text), 1, 1)), DatePrecision.YEAR.value
        found = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
        if found:
            day = dt.date(int(found.group(1)), int(found.group(2)), 1)
            return check_date(field, day), DatePrecision.MONTH.value
    except ValueError:
        raise ValidationError(
            field, value, _("not a valid date (use YYYY-MM-DD, YYYY-MM or YYYY)")
        ) from None
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4}", text):
        return parse_date(field, value), DatePrecision.DAY.value
    raise ValidationError(field, value, _("not a valid date (use YYYY-MM-DD, YYYY-MM or YYYY)"))


def partial_date_text(day: dt.date, precision: str) -> str:
    """'za 1 mrt 2025' for a known day, 'maart 2025' for a month, '2025' for a year.

    A stored precision that is not one of the three is shown as a day: nothing stored stops
    a list from showing.
    """
    if precision == DatePrecision.YEAR:
        return str(day.year)
    if precision == DatePrecision.MONTH:
        from babel.dates import format_date

        return format_date(day, "LLLL y", locale="en_GB" if language() == "en" else "nl_NL")
    return short_date(day)
