"""Interface language: gettext lookups from the shipped catalogues, Babel dates and numbers."""

from __future__ import annotations

import datetime as dt
import os
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from lobbycrm.resources_path import resource_path

SUPPORTED = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

_language = DEFAULT_LANGUAGE


def set_language(lang: str | None) -> str:
    """Select the interface language ('nl' or 'en'); unknown values fall back to Dutch."""
    global _language
    chosen = (lang or os.environ.get("LOBBYCRM_LANG") or DEFAULT_LANGUAGE).lower()[:2]
    _language = chosen if chosen in SUPPORTED else DEFAULT_LANGUAGE
    return _language


def language() -> str:
    return _language


@cache
def _catalogue(lang: str) -> dict[str, str | tuple[str, ...]]:
    """Messages of one language from every .po file in its folder (source strings are English).

    Each feature keeps its own catalogue file, so features never edit one shared file.
    """
    folder = resource_path("translations", lang, "LC_MESSAGES")
    out: dict[str, str | tuple[str, ...]] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.po")):
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for message in catalog:
            if not message.id or not message.string or message.fuzzy:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            out[key] = message.string if isinstance(message.string, str) else tuple(message.string)
    return out


def _(message: str) -> str:
    """Translate an English source string into the interface language."""
    if _language == "en":
        return message
    found = _catalogue(_language).get(message)
    if isinstance(found, str) and found:
        return found
    return message


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; translate later with _()."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    if _language != "en":
        found = _catalogue(_language).get(singular)
        if isinstance(found, tuple) and len(found) >= 2:
            return found[0] if n == 1 else found[1]
    return singular if n == 1 else plural


def _locale() -> Locale:
    return Locale.parse("nl_NL" if _language == "nl" else "en_GB")


_AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _local_day(value: dt.date | dt.datetime) -> dt.date:
    """The calendar day in Amsterdam: an instant just after midnight is not the day before."""
    if isinstance(value, dt.datetime):
        return (value.astimezone(_AMSTERDAM) if value.tzinfo else value).date()
    return value


def datum(value: dt.date | dt.datetime, lang: str | None = None) -> str:
    """Long date in the letter language: 'dinsdag 19 mei 2026'."""
    loc = Locale.parse("en_GB" if lang == "en" else "nl_NL") if lang else Locale.parse("nl_NL")
    day = _local_day(value)
    return format_date(day, "EEEE d MMMM y", locale=loc)


def short_date(value: dt.date | dt.datetime) -> str:
    """Short date for lists: 'di 19 mei 2026' (interface language)."""
    day = _local_day(value)
    return format_date(day, "EEE d MMM y", locale=_locale()).replace(".", "")


def time_of_day(value: dt.datetime) -> str:
    local = value.astimezone(_AMSTERDAM) if value.tzinfo else value
    return format_time(local, "HH:mm", locale=_locale())


def date_time(value: dt.datetime) -> str:
    local = value.astimezone(_AMSTERDAM) if value.tzinfo else value
    return format_datetime(local, "EEE d MMM y HH:mm", locale=_locale()).replace(".", "")


def getal(value: int | float, lang: str | None = None) -> str:
    """Number with Dutch grouping: 31805 -> '31.805'."""
    loc = Locale.parse("en_GB" if lang == "en" else "nl_NL")
    return format_decimal(value, locale=loc)
