"""Recipient selections read back in words, counted and listed as the letters service selects."""

from __future__ import annotations

import pytest

from lobbycrm.bootstrap import Context
from lobbycrm.services.people import PersonFilter, RoleInput
from lobbycrm.services.recipient_words import Term, parse, selection


def _senators_in_committee(ctx: Context, n: int) -> list[int]:
    """Give the first `n` senators a current seat on the Senate's asylum committee."""
    senators = ctx.services.people.list(PersonFilter(tag="senator"), limit=n)
    for p in senators:
        ctx.services.people.add_role(p.id, RoleInput("I&A/JBZ", "lid"))
    return [p.id for p in senators]


def test_parse_and_write_back_the_command_line_text() -> None:
    groups = parse(["tag:senator+committee:I&A/JBZ, person:24", "org:CDA"])
    assert groups == [
        (Term("tag", "senator"), Term("committee", "I&A/JBZ")),
        (Term("person", "24"),),
        (Term("org", "CDA"),),
    ]
    assert selection(groups) == ["tag:senator+committee:I&A/JBZ", "person:24", "org:CDA"]
    assert selection([*groups, groups[0]]) == selection(groups)  # nobody twice


@pytest.mark.parametrize(
    "selectors",
    [
        ["tag:senator"],
        ["committee:I&A/JBZ"],
        ["tag:senator+committee:I&A/JBZ"],
        ["org:CDA"],
        ["role:woordvoerder", "person:24"],
        ["portfolio:asiel"],
        ["tag:kinderpardon", "org:BBB+role:lid", "tag:senator+committee:I&A/JBZ"],
    ],
)
def test_count_and_names_are_what_the_letters_service_selects(
    demo_ctx: Context, selectors: list[str]
) -> None:
    _senators_in_committee(demo_ctx, 3)
    words = demo_ctx.services.recipient_words
    chosen = demo_ctx.services.letters.select(selectors)
    assert words.count(selectors) == len(chosen) > 0
    # The names come in windows, in the same (Dutch) order as the letters.
    first = words.names(selectors, 0, 2)
    rest = words.names(selectors, 2, 1000)
    assert [c.id for c in first + rest] == [p.id for p in chosen]
    assert len(first) == min(2, len(chosen))


def test_selections_in_words(demo_ctx: Context) -> None:
    _senators_in_committee(demo_ctx, 3)
    words = demo_ctx.services.recipient_words
    assert words.describe("tag:senator").text() == "Alle senatoren (19)"
    assert words.describe("org:CDA").text() == "CDA (Eerste Kamer) (1)"
    assert (
        words.describe("committee:I&A/JBZ+tag:senator").text()
        == "Alle senatoren én lid van de commissie Immigratie & Asiel / JBZ-Raad (3)"
    )
    bbb = len(demo_ctx.services.letters.select(["role:lid+org:BBB"]))
    assert (
        words.describe("role:lid+org:BBB").text()
        == f"BBB (Eerste Kamer) én met de functie ‘lid’ ({bbb})"
    )
    assert words.describe("tag:kinderpardon").words == "Iedereen met de tag ‘kinderpardon’"
    clerks = [f"person:{c.id}" for c in words.names(["role:griffier"], 0, 5)]
    summary = words.summary(["tag:senator", *clerks])
    named = [c.label for c in words.names(clerks, 0, 3)]
    assert summary == f"Alle senatoren (19) of {', '.join(named)} en 2 anderen"
    assert "person:" not in summary and "tag:" not in summary


def test_a_stored_selection_that_no_longer_holds_is_said_not_raised(demo_ctx: Context) -> None:
    words = demo_ctx.services.recipient_words
    text = words.summary(["tag:bestaat-niet", "org:Nergens", "person:99999"])
    assert "bestaat-niet" in text and "Nergens" in text and "een onbekende persoon" in text
    assert words.describe("tag:bestaat-niet").count is None


def test_choices_to_tick_are_limited(demo_ctx: Context) -> None:
    words = demo_ctx.services.recipient_words
    assert len(words.roles("", limit=2)) == 2
    assert [c.label for c in words.roles("woordv")] == ["woordvoerder"]
    assert [c.label for c in words.tags("sen")] == ["senator"]
    committees = words.organisations("", committees=True)
    assert committees and all("commissie" in c.label or "/" in c.label for c in committees)
    assert not any(c.label.startswith("CDA") for c in committees)
    assert words.organisations("cda", committees=False)[0].label == "CDA (Eerste Kamer)"
