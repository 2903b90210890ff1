"""The visible-text checker tells the chosen language from the other, code and stray '&'."""

from __future__ import annotations

from functools import cache

import pytest

from lobbycrm.core.i18n import _, ngettext, set_language
from tests.ui.language_check import Vocabulary, check, other_language_texts
from tests.ui.visible_text import Seen, without_mnemonic

NAME = "Motie-Van Nispen over betere leefomstandigheden voor kinderen in de opvang"
DATA = {NAME, "I&A/JBZ", "Van Nispen"}


@cache
def vocabulary(lang: str) -> Vocabulary:
    set_language(lang)
    return Vocabulary.build(lang, DATA | {"Zoeken in:"})


def problems(lang: str, *texts: str, what: str = "label") -> list[str]:
    vocab = vocabulary(lang)
    set_language(lang)
    seen = [Seen(t, t, what, "test") for t in texts]
    return [f.problem for f in check(seen, vocab, DATA, other_language_texts(lang))]


def test_dutch_texts_pass_and_english_ones_do_not() -> None:
    set_language("nl")
    deleted = _("{name} deleted. Ctrl+Z puts it back.").format(name=NAME)
    assert deleted != f"{NAME} deleted. Ctrl+Z puts it back."
    assert problems("nl", deleted, "Zoeken in:", "di 19 mei 2026", "31.805") == []
    found = problems("nl", "Look in:", "Files of type:", "Save as my template", "Ready soon")
    assert found[:3] == ["other language's text"] * 3
    assert found[3] == "not in the catalogue: Ready soon"


def test_placeholders_hold_allowed_text_only() -> None:
    set_language("nl")
    assert problems("nl", _("Restored: {name}").format(name=NAME)) == []
    leaked = problems("nl", _("Restored: {name}").format(name="Unknown person"))
    assert leaked and "Unknown" in leaked[0]
    n = 3
    text = ngettext("{n} event written to {path}", "{n} events written to {path}", n)
    path = text.format(n=n, path="/tmp/x/agenda-2026.ics")
    assert problems("nl", path) == []


def test_english_interface_refuses_dutch_interface_text() -> None:
    set_language("nl")
    dutch = without_mnemonic(_("&Save as my template"))
    set_language("en")
    deleted = f"{NAME} deleted. Ctrl+Z puts it back."
    assert problems("en", "Save as my template", deleted) == []
    assert problems("en", dutch) == ["other language's text"]
    assert problems("en", "Opslaan en sluiten")[0].startswith("not in the catalogue")


@pytest.mark.parametrize(
    "text",
    [
        "tag:senator",
        "herinnering — person:24 | person:25",
        "achternaam: mag niet leeg zijn ('')",
        "{% if x %}",
        "Hallo {{ naam }}",
        "Verwijder {name}?",
    ],
)
def test_code_in_a_text_is_reported(text: str) -> None:
    assert problems("nl", text)[0].startswith("code in the text")


def test_a_mnemonic_shown_as_text_is_a_stray_ampersand() -> None:
    assert problems("nl", "&Bestand") == ["stray &"]
    assert problems("nl", "I&A/JBZ", what="list entry") == []
    assert without_mnemonic("&Opslaan") == "Opslaan" and without_mnemonic("Q&&A") == "Q&A"
