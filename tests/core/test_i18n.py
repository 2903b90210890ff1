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


def test_catalogue_reader_agrees_with_babel_on_every_shipped_catalogue() -> None:
    from babel.messages.pofile import read_po

    from lobbycrm.resources_path import resource_path

    files = sorted(resource_path("translations", "nl", "LC_MESSAGES").glob("*.po"))
    assert files
    for path in files:
        with path.open("rb") as fh:
            expected = {
                (m.id if isinstance(m.id, str) else m.id[0]): (
                    m.string if isinstance(m.string, str) else tuple(m.string)
                )
                for m in read_po(fh, locale="nl")
                if m.id and m.string and not m.fuzzy and any(m.string)
            }
        assert i18n.read_catalogue(path.read_text(encoding="utf-8")) == expected, path.name


def test_catalogue_reader_handles_escapes_continuations_plurals_and_fuzzy() -> None:
    text = "\n".join(
        [
            "#, fuzzy",
            'msgid ""',
            'msgstr "Header: x\\n"',
            "",
            'msgid "a \\"quoted\\" word"',
            'msgstr ""',
            '"een \\"geciteerd\\" "',
            '"woord\\n"',
            "",
            "#, fuzzy",
            'msgid "unsure"',
            'msgstr "onzeker"',
            "",
            'msgid "{n} day"',
            'msgid_plural "{n} days"',
            'msgstr[0] "{n} dag"',
            'msgstr[1] "{n} dagen"',
            "",
            'msgid "untranslated"',
            'msgstr ""',
            '#~ msgid "old"',
            '#~ msgstr "oud"',
        ]
    )
    assert i18n.read_catalogue(text) == {
        'a "quoted" word': 'een "geciteerd" woord\n',
        "{n} day": ("{n} dag", "{n} dagen"),
    }


def test_reminder_offsets_as_people_type_and_say_them() -> None:
    from lobbycrm.core import labels

    typed = {
        "90": 90,
        "1d": 1440,
        "2u": 120,
        "2h": 120,
        "30m": 30,
        "1 dag": 1440,
        "2 dagen": 2880,
        "1 Week": 10080,
        "2 hours": 120,
        "1 dag en 2 uur": 1560,
        "1d2u": 1560,
        "1 uur vooraf": 60,
    }
    assert {text: labels.parse_offset(text) for text in typed} == typed
    for wrong in ("", "morgen", "1 foo", "-5", "1,5 uur", "d1"):
        assert labels.parse_offset(wrong) is None, wrong
    i18n.set_language("nl")
    assert [labels.offset_text(m) for m in (1440, 60, 1560)] == ["1 dag", "1 uur", "1 dag en 2 uur"]
    i18n.set_language("en")
    assert [labels.offset_text(m) for m in (1440, 60)] == ["1 day", "1 hour"]
    i18n.set_language("nl")
