"""Parsing and checking user input; every failure names the field and the value."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Deliberately practical: one @, a dotted domain, no spaces or angle brackets; internationalised
# local parts and domains are allowed.
_EMAIL = re.compile(r"^[^@\s<>,;:\"()\[\]]+@[^@\s<>,;:\"()\[\]]+\.[^@\s<>,;:\"()\[\].]{2,}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-./]{5,24}$")


def check_email(field: str, value: str) -> str:
    text = value.strip()
    if not _EMAIL.match(text) or ".." in text:
        raise ValidationError(field, value, _("not a valid e-mail address"))
    local, _at, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


def check_phone(field: str, value: str) -> str:
    text = " ".join(value.split())
    if not _PHONE.match(text):
        raise ValidationError(field, value, _("not a valid phone number"))
    return text


def check_text(
    field: str,
    value: str | None,
    *,
    required: bool = False,
    single_line: bool = True,
    max_length: int = 500,
) -> str:
    text = (value or "").strip()
    if single_line:
        text = " ".join(text.split())
    if required and not text:
        raise ValidationError(field, value, _("must not be empty"))
    if len(text) > max_length:
        raise ValidationError(field, value, _("is longer than {n} characters").format(n=max_length))
    return text


_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def parse_date(field: str, value: str) -> dt.date:
    """ISO 'YYYY-MM-DD' or Dutch 'DD-MM-YYYY'."""
    text = value.strip()
    try:
        m = _DUTCH_DATE.match(text)
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, value, _("not a valid date (use YYYY-MM-DD)")) from None


def parse_datetime(field: str, value: str, zone: ZoneInfo = AMSTERDAM) -> dt.datetime:
    """ISO date and time; a time without offset is taken in `zone` (Europe/Amsterdam)."""
    text = value.strip().replace(" ", "T", 1)
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            field, value, _("not a valid date and time (use YYYY-MM-DDTHH:MM)")
        ) from None
    if "T" not in text:
        raise ValidationError(field, value, _("a time is required (use YYYY-MM-DDTHH:MM)"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
        # Reject wall times that do not exist (the hour skipped when summer time starts).
        round_trip = parsed.astimezone(dt.UTC).astimezone(zone)
        if round_trip.replace(tzinfo=None) != parsed.replace(tzinfo=None):
            raise ValidationError(field, value, _("this local time does not exist (clock change)"))
    return parsed


def check_order(field: str, start: object, end: object) -> None:
    """End must not be before start."""
    if start is not None and end is not None and end < start:  # type: ignore[operator]
        raise ValidationError(field, end, _("end lies before start ({start})").format(start=start))
