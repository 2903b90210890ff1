"""The input boundary: every value from outside is parsed and checked here, naming the field.

Accepted ranges (also in the README):

- dates and times: 1900-01-01 up to and including 2199-12-31, so that a time zone, a reminder
  or a day added later never leaves what Python and SQLite can hold;
- ids: whole numbers from 1 up to 9,223,372,036,854,775,807 (SQLite's largest integer);
- text: normalised to Unicode NFC; control characters and invisible formatting characters
  (zero-width spaces and joiners, bidirectional overrides, soft hyphens, ...) are removed; a
  value that was only such characters is empty; each field has a maximum length;
- numbers: digits only, within the range the field names.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from zoneinfo import ZoneInfo

from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def amsterdam_today() -> dt.date:
    """Today as the program counts days: in the Netherlands, whatever zone the machine is set
    to (on a laptop set to UTC, the machine's date is yesterday's for an hour at midnight)."""
    return dt.datetime.now(AMSTERDAM).date()


MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)
MAX_ID = 2**63 - 1
# A reminder (VALARM) at most a year before; a calendar SEQUENCE a 32-bit number (RFC 5545).
MAX_REMINDER_MINUTES = 366 * 24 * 60
MAX_SEQUENCE = 2**31 - 1
# Longer than any field of ours; longer text is refused before any further work on it.
MAX_TEXT = 1_000_000

# Deliberately practical: one @, a dotted domain, no spaces or angle brackets; internationalised
# local parts and domains are allowed.
_EMAIL = re.compile(r"^[^@\s<>,;:\"()\[\]]+@[^@\s<>,;:\"()\[\]]+\.[^@\s<>,;:\"()\[\].]{2,}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-./]{5,24}$")

# Characters that show nothing (or only reorder what is around them) but are not format
# characters (Unicode category Cf, which are removed as a class): fillers that look blank,
# the combining grapheme joiner and variation selectors.
_INVISIBLE = frozenset(
    [
        *(0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x2800, 0x3164, 0xFFA0, 0xFFFE, 0xFFFF),
        *range(0x180B, 0x1810),
        *range(0xFE00, 0xFE10),
        *range(0xE0100, 0xE01F0),
    ]
)
_INVISIBLE_CHARS = frozenset(chr(c) for c in _INVISIBLE)
_LINE_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n"})


def range_text() -> str:
    return _("{first} to {last}").format(first=MIN_DATE.isoformat(), last=MAX_DATE.isoformat())


# --- text ---------------------------------------------------------------------------------


def _keep(ch: str, single_line: bool) -> str:
    """What one character becomes: itself, a space or a line break, or nothing."""
    code = ord(ch)
    if code < 0x80 and ch.isprintable():
        return ch
    if ch in "\n\t" or ch in "\u2028\u2029":
        if single_line:
            return " "
        return "\t" if ch == "\t" else "\n"
    if code in _INVISIBLE:
        return ""
    category = unicodedata.category(ch)
    if category == "Cc":
        return ""
    if category == "Cf":
        return ""
    if category == "Zs":
        return " "
    return ch


def clean_text(value: str, *, single_line: bool = True) -> str:
    """NFC, without control or invisible formatting characters; whitespace tidied.

    Single-line text has its runs of whitespace (line breaks too) made one space. Multi-line
    text keeps its line breaks (CR LF and CR become LF) and tabs, and loses trailing spaces.
    Lone surrogates (bytes that were not valid text) must be refused by the caller first:
    see `check_text`.
    """
    text = value
    if not text.isprintable():
        # Line breaks, control, format and separator characters: one by one (rare input).
        text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
        text = "".join(_keep(ch, single_line) for ch in text)
    elif not text.isascii() and not _INVISIBLE_CHARS.isdisjoint(text):
        # Printable, but with a blank-looking filler or a variation selector.
        text = "".join(ch for ch in text if ch not in _INVISIBLE_CHARS)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if single_line:
        return " ".join(text.split())
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n").strip(" ")


def is_clean(value: str) -> bool:
    """Whether one-line `value` is already as `clean_text` leaves it: printable, without
    invisible characters or runs of spaces, NFC. True means cleaning would change nothing."""
    if not value.isprintable() or "  " in value or value[:1] == " " or value[-1:] == " ":
        return False
    return value.isascii() or (
        _INVISIBLE_CHARS.isdisjoint(value) and unicodedata.is_normalized("NFC", value)
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogates(value: str) -> bool:
    return not value.isascii() and _SURROGATE.search(value) is not None


def check_text(
    field: str,
    value: str | None,
    *,
    required: bool = False,
    single_line: bool = True,
    max_length: int = 500,
) -> str:
    """Cleaned text (see `clean_text`); refused when required and empty, or too long."""
    raw = value or ""
    if raw.__class__ is str and len(raw) <= max_length and raw.isascii() and raw.isprintable():
        # The common case (an import of 100,000 rows): plain text, nothing to clean but spaces.
        text = raw
        if "  " in raw or raw[:1] == " " or raw[-1:] == " ":
            text = " ".join(raw.split()) if single_line else raw.strip(" ")
        if required and not text:
            raise ValidationError(field, None, _("must not be empty"))
        return text
    if not isinstance(raw, str):
        raise ValidationError(field, None, _("must be text"))
    if len(raw) > max(MAX_TEXT, max_length * 4):
        raise ValidationError(field, None, _("is longer than {n} characters").format(n=max_length))
    if has_surrogates(raw):
        raise ValidationError(
            field, None, _("contains bytes that are not valid text (wrong character encoding?)")
        )
    text = clean_text(raw, single_line=single_line)
    if required and not text:
        raise ValidationError(field, None, _("must not be empty"))
    if len(text) > max_length:
        raise ValidationError(field, None, _("is longer than {n} characters").format(n=max_length))
    return text


def check_email(field: str, value: str) -> str:
    text = check_text(field, value, max_length=254)
    if not _EMAIL.match(text) or ".." in text:
        raise ValidationError(field, value, _("not a valid e-mail address"))
    local, _at, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


def check_phone(field: str, value: str) -> str:
    text = check_text(field, value, max_length=40)
    if not _PHONE.match(text):
        raise ValidationError(field, value, _("not a valid phone number"))
    return text


# --- numbers and ids ------------------------------------------------------------------------

_INTEGER = re.compile(r"^[+-]?\d{1,30}$")


def check_int(
    field: str,
    value: object,
    *,
    minimum: int = 0,
    maximum: int = MAX_ID,
    dutch_thousands: bool = False,
) -> int:
    """A whole number within [minimum, maximum]; text must be digits ('31.805' with
    `dutch_thousands`). Booleans, fractions and words are refused."""
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = int(value) if value.is_integer() and abs(value) < 2**64 else None
    elif isinstance(value, str):
        text = "".join(clean_text(value).split())
        if dutch_thousands and re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            text = text.replace(".", "")
        number = int(text) if _INTEGER.match(text) else None
    if number is None:
        raise ValidationError(field, _shown(value), _("must be a whole number"))
    if number < minimum or number > maximum:
        raise ValidationError(
            field,
            _shown(value),
            _("must be a number from {low} to {high}").format(low=minimum, high=maximum),
        )
    return number


def check_id(field: str, value: object) -> int:
    """An id as the database stores it: 1 up to 2^63 - 1; '#12' is accepted as 12."""
    if isinstance(value, str):
        value = value.strip().removeprefix("#")
    try:
        return check_int(field, value, minimum=1, maximum=MAX_ID)
    except ValidationError:
        raise ValidationError(
            field,
            _shown(value),
            _("is not an id (a whole number from 1 to {high})").format(high=MAX_ID),
        ) from None


def is_id_text(text: str) -> bool:
    """'12' or '#12' within the id range: may be looked up as an id."""
    digits = text.strip().removeprefix("#")
    return digits.isdigit() and digits.isascii() and 1 <= int(digits[:25]) <= MAX_ID


def check_reminder(field: str, minutes: object) -> int:
    return check_int(field, minutes, minimum=0, maximum=MAX_REMINDER_MINUTES)


def check_sequence(field: str, value: object) -> int:
    return check_int(field, value, minimum=0, maximum=MAX_SEQUENCE)


def _shown(value: object) -> object:
    """A value worth repeating in a message: short text as is, not a huge number."""
    if isinstance(value, str) and len(value) > 40:
        return value[:40] + "…"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**30:
        return None
    return value


# --- dates and times ------------------------------------------------------------------------


def check_date(field: str, value: dt.date) -> dt.date:
    """A date (or the date of a date-time) within MIN_DATE..MAX_DATE."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValidationError(
            field, value, _("lies outside the dates accepted ({range})").format(range=range_text())
        )
    return value


def check_datetime(field: str, value: dt.datetime) -> dt.datetime:
    """An aware date-time within the range, both where it is given and in UTC."""
    check_date(field, value)
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(field, value, _("a time zone is required"))
    try:
        check_date(field, value.astimezone(dt.UTC))
    except OverflowError:
        raise ValidationError(
            field, value, _("lies outside the dates accepted ({range})").format(range=range_text())
        ) from None
    return value


def check_zone(field: str, name: str) -> ZoneInfo:
    """A time zone of the IANA database ('Europe/Amsterdam'); anything else is refused."""
    text = (name or "").strip()
    try:
        if not text or len(text) > 64 or text.startswith(("/", ".")) or ".." in text:
            raise ValueError(text)
        return ZoneInfo(text)
    except (ValueError, KeyError, OSError):
        raise ValidationError(field, name, _("unknown time zone")) from None


def wall_time_exists(value: dt.datetime) -> bool:
    """False for a local time skipped when summer time starts (02:30 on the last Sunday of
    March in Amsterdam)."""
    if value.tzinfo is None:
        return True
    round_trip = value.astimezone(dt.UTC).astimezone(value.tzinfo)
    return round_trip.replace(tzinfo=None) == value.replace(tzinfo=None)


_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def parse_date(field: str, value: str) -> dt.date:
    """ISO 'YYYY-MM-DD' or Dutch 'DD-MM-YYYY', within the accepted range."""
    text = clean_text(value or "")
    try:
        m = _DUTCH_DATE.match(text)
        if m:
            day = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = dt.date.fromisoformat(text)
        else:
            raise ValueError(text)
    except ValueError:
        raise ValidationError(field, value, _("not a valid date (use YYYY-MM-DD)")) from None
    return check_date(field, day)


def parse_datetime(field: str, value: str, zone: ZoneInfo = AMSTERDAM) -> dt.datetime:
    """ISO date and time; a time without offset is taken in `zone` (Europe/Amsterdam)."""
    text = clean_text(value or "").replace(" ", "T", 1)
    if "T" not in text and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValidationError(field, value, _("a time is required (use YYYY-MM-DDTHH:MM)"))
    try:
        if not re.match(r"^\d{4}-\d{2}-\d{2}T", text):
            raise ValueError(text)
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            field, value, _("not a valid date and time (use YYYY-MM-DDTHH:MM)")
        ) from None
    check_date(field, parsed)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
        if not wall_time_exists(parsed):
            raise ValidationError(field, value, _("this local time does not exist (clock change)"))
    return check_datetime(field, parsed)


def check_order(field: str, start: object, end: object) -> None:
    """End must not be before start."""
    if start is not None and end is not None and end < start:  # type: ignore[operator]
        raise ValidationError(field, end, _("end lies before start ({start})").format(start=start))
