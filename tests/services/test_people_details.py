"""`details` (plain rows, for listings of thousands) gives what `list` (ORM objects) gives."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

import pytest

from lobbycrm.bootstrap import Context
from lobbycrm.core import names
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.services.dto import PersonDetail
from lobbycrm.services.people import PersonFilter, PersonInput, RoleInput


@pytest.mark.parametrize(
    "f",
    [
        PersonFilter(),
        PersonFilter(search="van"),
        PersonFilter(current=True),
        PersonFilter(search="zzz-nobody"),
    ],
)
def test_details_equal_list(demo_ctx: Context, f: PersonFilter) -> None:
    fast = [p.to_json() for p in demo_ctx.services.people.details(f)]
    slow = [p.to_json() for p in demo_ctx.services.people.list(f)]
    assert fast == slow
    if f == PersonFilter():
        assert len(fast) > 10
        assert any(p["roles"] for p in fast) and any(p["tags"] for p in fast)
        assert any(p["contacts"] for p in fast)


def test_details_of_a_damaged_row_and_a_role_without_organisation(demo_ctx: Context) -> None:
    """A name with a control character and a role whose organisation another tool deleted
    still list, saying what is wrong, the same way in both."""
    first = demo_ctx.services.people.list(PersonFilter(current=True))[0]
    demo_ctx.engine.dispose()
    with sqlite3.connect(str(demo_ctx.engine.url.database)) as conn:  # another tool
        conn.execute("UPDATE person SET surname = surname || char(27) WHERE id = ?", (first.id,))
        conn.execute("UPDATE role SET organisation_id = 999999 WHERE person_id = ?", (first.id,))
    fast = [p.to_json() for p in demo_ctx.services.people.details()]
    slow = [p.to_json() for p in demo_ctx.services.people.list()]
    assert fast == slow
    shown = next(p for p in fast if p["id"] == first.id)
    assert shown["damaged"] and any(r["organisation"] == "?" for r in shown["roles"])


def _matches(p: PersonDetail, f: PersonFilter, today: dt.date) -> bool:
    """The filter's meaning, worked out in Python from what a listing shows."""
    text = names.fold(f"{p.display_name} {p.sort_name} {' '.join(p.emails)}")
    if not all(word in text for word in names.fold(f.search).split()):
        return False
    if f.tag and " ".join(f.tag.split()).lower() not in p.tags:
        return False
    if not (f.organisation or f.role or f.portfolio or f.current or f.former):
        return True
    return any(
        (not f.organisation or r.organisation == f.organisation)
        and (not f.role or r.role.lower() == f.role.strip().lower())
        and (not f.portfolio or f.portfolio.strip().lower() in r.portfolio.lower())
        and (not f.current or r.current)
        and (not f.former or (r.end is not None and r.end <= today))
        for r in p.roles
    )


@pytest.mark.parametrize(
    "f",
    [
        PersonFilter(search="van"),
        PersonFilter(search="VAN de"),
        PersonFilter(tag="Senator"),
        PersonFilter(organisation="Eerste Kamer der Staten-Generaal"),
        PersonFilter(role="Woordvoerder"),
        PersonFilter(portfolio="ASIEL"),
        PersonFilter(current=True),
        PersonFilter(former=True),
        PersonFilter(role="woordvoerder", portfolio="migratie", current=True),
        PersonFilter(search="a", tag="senator", role="senator", current=True),
        PersonFilter(organisation="Eerste Kamer der Staten-Generaal", former=True),
    ],
)
def test_every_filter_finds_what_it_says(demo_ctx: Context, f: PersonFilter) -> None:
    """The filter's statement (on the tables, without the ORM) finds the persons its words
    describe, in every way the service reads it: details, list, ids, rows and count."""
    people = demo_ctx.services.people
    today = amsterdam_today()
    for surname, start, end in (
        ("Oud-Senator", dt.date(2015, 6, 9), today),  # ended today: former, not current
        ("Blijft", dt.date(2023, 6, 13), today + dt.timedelta(days=1)),
    ):
        senate = RoleInput("Eerste Kamer der Staten-Generaal", "senator", "", start, end)
        people.add(PersonInput(surname=surname, initials=f"{surname[0]}."), [senate])
    everyone = people.details()
    expected = [p.id for p in everyone if _matches(p, f, today)]
    assert expected, "the filter should find someone in the demo data"
    assert len(expected) < len(everyone), "the filter should leave someone out"
    assert [p.id for p in people.details(f)] == expected
    assert [p.id for p in people.list(f)] == expected
    assert sorted(people.ids(f)) == sorted(expected)  # in no particular order
    assert [r.id for r in people.rows(f, limit=10_000)] == expected
    assert people.count(f) == len(expected)
    assert people.count(f, cap=1) == 1


def test_plain_names_take_the_quick_path_with_the_same_result() -> None:
    """_shown_parts skips cleaning for plain text; whatever is stored, it says what
    _checked_parts (every field cleaned and checked) says."""
    from types import SimpleNamespace

    from lobbycrm.services.people import _checked_parts, _shown_parts

    rng = random.Random(14)
    pieces = ["Jansen", "van der", "A.B.", "Karin", "mr. dr.", "", " ", "  two  spaces ",
              "Öztürk", "e\u0301", "\x1b[31m", "tab\there", "x" * 120, "y" * 250, "\u202e",
              "’t", "line\nbreak", "nbsp\u00a0here"]  # fmt: skip
    genders = ["man", "vrouw", "onbekend", "", "robot", None]
    seen_quick = seen_checked = 0
    for _ in range(5_000):
        fields = [rng.choice([*pieces, None]) if rng.random() < 0.1 else rng.choice(pieces)
                  for _ in range(6)]  # fmt: skip
        p = SimpleNamespace(
            surname=fields[0],
            particle=fields[1],
            initials=fields[2],
            first_name=fields[3],
            titles=fields[4],
            own_salutation=fields[5],
            gender=rng.choice(genders),
            particle_is_surname=rng.random() < 0.2,
        )
        expected = _checked_parts(p)  # type: ignore[arg-type]
        assert _shown_parts(p) == expected, p  # type: ignore[arg-type]
        if expected[2]:
            seen_checked += 1
        else:
            seen_quick += 1
    assert seen_quick > 100 and seen_checked > 1000
