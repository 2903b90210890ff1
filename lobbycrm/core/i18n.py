"""Interface language: gettext lookups from the shipped catalogues, Babel dates and numbers."""

from __future__ import annotations

import datetime as dt
import os
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from lobbycrm.resources_path import resource_path

if TYPE_CHECKING:
    from babel import Locale

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


Messages = dict[str, str | tuple[str, ...]]

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    if "\\" not in body:
        return body
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


def read_catalogue(text: str) -> Messages:
    """The translated messages of one .po file: msgid -> msgstr (a tuple for plurals).

    A small reader instead of Babel's, which costs more to import than the whole command line
    needs to show its help. Fuzzy, untranslated and obsolete (#~) entries are left out, as
    Babel's reader and gettext do. Most entries are one msgid line and one msgstr line; those
    are sliced out directly, the others go through the line-by-line reader.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    out: Messages = {}
    for block in text.split("\n\n"):
        simple = _simple_entry(block)
        if simple is None:
            out.update(_read_entries(block))
        elif simple[0] and simple[1]:
            out[simple[0]] = simple[1]
    return out


def _simple_entry(block: str) -> tuple[str, str] | None:
    """(msgid, msgstr) of a one-line msgid/msgstr entry; None for anything else."""
    start = block.find('msgid "')
    if start < 0 or (start and block[start - 1] != "\n"):
        return None
    if "fuzzy" in block or "msgid_plural" in block or "msgctxt" in block or "#~" in block:
        return None
    middle = block.find('\nmsgstr "', start)
    if middle < 0:
        return None
    msgid, msgstr = block[start + 6 : middle], block[middle + 8 :].rstrip("\n")
    if "\n" in msgid or "\n" in msgstr:
        return None
    return _unquote(msgid), _unquote(msgstr)


def _read_entries(text: str) -> Messages:
    out: Messages = {}
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    fuzzy = False

    def finish() -> None:
        nonlocal fields, current, fuzzy
        msgid = "".join(fields.get("msgid", ()))
        if msgid and not fuzzy:
            if "msgid_plural" in fields:
                keys = sorted(
                    (k for k in fields if k.startswith("msgstr[")), key=lambda k: int(k[7:-1])
                )
                forms = tuple("".join(fields[k]) for k in keys)
                if any(forms):
                    out[msgid] = forms
            else:
                string = "".join(fields.get("msgstr", ()))
                if string:
                    out[msgid] = string
        fields, current, fuzzy = {}, None, False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if any(k.startswith("msgstr") for k in fields):
                finish()
            if line.startswith("#,") and "fuzzy" in line[2:].replace(",", " ").split():
                fuzzy = True
            current = None
            continue
        if line.startswith('"'):
            if current is not None:
                current.append(_unquote(line))
            continue
        keyword, _sep, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in fields):
            finish()
        current = fields.setdefault(keyword, [])
        current.append(_unquote(rest))
    finish()
    return out


@cache
def _catalogue(lang: str) -> Messages:
    """Messages of one language from every .po file in its folder (source strings are English).

    Each feature keeps its own catalogue file, so features never edit one shared file.
    """
    folder = resource_path("translations", lang, "LC_MESSAGES")
    out: Messages = {}
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".po"))
    except OSError:
        return out
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            out.update(read_catalogue(fh.read()))
    return out


def _(message: str) -> str:
    """Translate an English source string into the interface language."""
    if _language == "en":
        return message
    found = _catalogue(_language).get(message)
    if isinstance(found, str) and found:
        return found
    return message


def in_language(message: str, lang: str) -> str:
    """`message` translated into `lang`, whatever the interface language is."""
    if lang == "en":
        return message
    found = _catalogue(lang).get(message)
    return found if isinstance(found, str) and found else message


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; translate later with _()."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    if _language != "en":
        found = _catalogue(_language).get(singular)
        if isinstance(found, tuple) and len(found) >= 2:
            return found[0] if n == 1 else found[1]
    return singular if n == 1 else plural


def _locale(lang: str | None = None) -> Locale:
    return _parsed_locale("en_GB" if (lang or _language) == "en" else "nl_NL")


@cache
def _parsed_locale(code: str) -> Locale:
    # Babel is imported where a date or number is first formatted, not when the program starts;
    # parsed once per locale (a list of dates formats thousands of values).
    from babel import Locale

    return Locale.parse(code)


@cache
def _amsterdam() -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Amsterdam")


def _local_day(value: dt.date | dt.datetime) -> dt.date:
    """The calendar day in Amsterdam: an instant just after midnight is not the day before."""
    if isinstance(value, dt.datetime):
        return (value.astimezone(_amsterdam()) if value.tzinfo else value).date()
    return value


def datum(value: dt.date | dt.datetime, lang: str | None = None) -> str:
    """Long date in the letter language: 'dinsdag 19 mei 2026'."""
    return _long_date(_local_day(value), "en" if (lang or "nl") == "en" else "nl")


@lru_cache(maxsize=256)
def _long_date(day: dt.date, lang: str) -> str:
    # Kept: a thousand letters of one day ask for the same few dates.
    from babel.dates import format_date

    return format_date(day, "EEEE d MMMM y", locale=_locale(lang))


def short_date(value: dt.date | dt.datetime) -> str:
    """Short date for lists: 'di 19 mei 2026' (interface language)."""
    from babel.dates import format_date

    day = _local_day(value)
    return format_date(day, "EEE d MMM y", locale=_locale()).replace(".", "")


def time_of_day(value: dt.datetime) -> str:
    from babel.dates import format_time

    local = value.astimezone(_amsterdam()) if value.tzinfo else value
    return format_time(local, "HH:mm", locale=_locale())


def date_time(value: dt.datetime) -> str:
    from babel.dates import format_datetime

    local = value.astimezone(_amsterdam()) if value.tzinfo else value
    return format_datetime(local, "EEE d MMM y HH:mm", locale=_locale()).replace(".", "")


def getal(value: int | float, lang: str | None = None) -> str:
    """Number with Dutch grouping: 31805 -> '31.805'."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_locale(lang or "nl"))
