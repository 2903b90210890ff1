"""Dutch dates and numbers; the interface language switch."""

from __future__ import annotations

import datetime as dt

from lobbycrm.core import i18n


def test_dutch_long_date_and_number() -> None:
    assert i18n.datum(dt.date(2026, 5, 19)) == "dinsdag 19 mei 2026"
    assert i18n.getal(31805) == "31.805"


def test_short_date_for_lists() -> None:
    i18n.set_language("nl")
    assert i18n.short_date(dt.date(2026, 5, 19)) == "di 19 mei 2026"


def test_messages_are_dutch_by_default_and_english_on_request() -> None:
    i18n.set_language("nl")
    assert i18n._("must not be empty") == "mag niet leeg zijn"
    i18n.set_language("en")
    assert i18n._("must not be empty") == "must not be empty"
    i18n.set_language("nl")


def test_unknown_language_falls_back_to_dutch() -> None:
    assert i18n.set_language("xx") == "nl"
