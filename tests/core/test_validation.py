"""Input parsing: every failure names the field and the value."""

from __future__ import annotations

import datetime as dt

import pytest

from lobbycrm.core.errors import ValidationError
from lobbycrm.core.validation import check_email, parse_date, parse_datetime


@pytest.mark.parametrize(
    "good", ["a@b.nl", "noortje.thijssen@eerstekamer.nl", "x+y@Example.ORG", "zoë@voorbeeld.nl"]
)
def test_good_emails(good: str) -> None:
    assert "@" in check_email("e-mail", good)


def test_email_domain_is_lowercased() -> None:
    assert check_email("e-mail", " Jan@Example.ORG ") == "Jan@example.org"


@pytest.mark.parametrize(
    "bad", ["", "bad", "a@b", "a b@c.nl", "a@@b.nl", "a@b..nl", "x@y.nl\nBcc: z@q.nl", "<a@b.nl>"]
)
def test_bad_emails_name_field_and_value(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_email("--email", bad)
    assert info.value.field == "--email"
    assert info.value.value == bad
    assert "--email" in str(info.value)


def test_dates_iso_and_dutch() -> None:
    assert parse_date("d", "2026-05-19") == dt.date(2026, 5, 19)
    assert parse_date("d", "19-05-2026") == dt.date(2026, 5, 19)
    with pytest.raises(ValidationError, match="--start"):
        parse_date("--start", "2026-13-40")


def test_datetime_without_offset_is_amsterdam_summer_and_winter() -> None:
    summer = parse_datetime("s", "2026-05-19T14:00")
    winter = parse_datetime("s", "2026-01-13 14:00")
    assert summer.astimezone(dt.UTC).hour == 12
    assert winter.astimezone(dt.UTC).hour == 13


def test_datetime_with_offset_is_kept() -> None:
    assert parse_datetime("s", "2026-05-19T14:00+00:00").utcoffset() == dt.timedelta(0)


def test_datetime_requires_time_and_existing_wall_clock() -> None:
    with pytest.raises(ValidationError):
        parse_datetime("--start", "2026-05-19")
    with pytest.raises(ValidationError):
        parse_datetime("--start", "2026-03-29T02:30")  # skipped by the clock change
    with pytest.raises(ValidationError):
        parse_datetime("--start", "morgen")
