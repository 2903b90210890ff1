"""Possible duplicates are found by e-mail and name; merging keeps everything of both."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import NotFoundError, ValidationError
from lobbycrm.core.validation import AMSTERDAM
from lobbycrm.db.models import event_person
from lobbycrm.services.events import EventInput
from lobbycrm.services.interactions import InteractionInput
from lobbycrm.services.orgs import OrgInput
from lobbycrm.services.people import PersonInput, RoleInput


def _pair(ctx: Context) -> tuple[int, int]:
    people = ctx.services.people
    ctx.services.orgs.add(OrgInput(name="Eerste Kamer", kind="chamber"))
    ctx.services.orgs.add(OrgInput(name="Gemeente Utrecht", kind="municipality"))
    a = people.add(
        PersonInput(
            surname="Hattem",
            particle="van",
            initials="A.",
            emails=["a.vanhattem@ek.nl"],
            tags=["senator"],
        ),
        [RoleInput("Eerste Kamer", "senator", "justitie", dt.date(2023, 6, 13))],
    ).ids[0]
    b = people.add(
        PersonInput(
            surname="Hattem",
            particle="van",
            first_name="Alexander",
            gender="man",
            emails=["A.vanHattem@ek.nl", "alexander@privé.nl".replace("é", "e")],
            phones=["070 312 9200"],
            tags=["oud-raadslid"],
            notes="Kent de directeur.",
        ),
        [RoleInput("Gemeente Utrecht", "raadslid", "", dt.date(2014, 1, 1), dt.date(2018, 3, 1))],
    ).ids[0]
    return a, b


def test_candidates_by_email_and_initials(ctx: Context) -> None:
    a, b = _pair(ctx)
    ctx.services.people.add(PersonInput(surname="Jansen", initials="P."))
    pairs = ctx.services.duplicates.candidates()
    assert [(p.keep_id, p.other_id, p.reason) for p in pairs] == [(a, b, "email")]
    assert pairs[0].detail == "a.vanhattem@ek.nl"
    c = ctx.services.people.add(PersonInput(surname="Jansen", first_name="Pieter")).ids[0]
    pairs = ctx.services.duplicates.candidates()
    assert ("initials", "P. Jansen") in [(p.reason, p.keep_name) for p in pairs]
    assert c in [p.other_id for p in pairs]


def test_merge_keeps_everything_of_both(ctx: Context) -> None:
    a, b = _pair(ctx)
    services = ctx.services
    services.interactions.add(
        InteractionInput(
            kind="call",
            occurred_at=dt.datetime(2026, 5, 19, 10, tzinfo=AMSTERDAM),
            person_id=b,
            subject="Over de wet",
        )
    )
    event = services.events.add(
        EventInput(
            title="Debat",
            kind="plenary-debate",
            start=dt.datetime(2026, 6, 2, 14, tzinfo=AMSTERDAM),
        )
    ).ids[0]
    with ctx.sessions.begin() as s:
        s.execute(event_person.insert().values(event_id=event, person_id=b))
    services.duplicates.merge(a, b)
    with pytest.raises(NotFoundError):
        services.people.get(b)
    p = services.people.get(a)
    assert p.display_name == "Alexander van Hattem"
    assert p.gender == "man"
    assert p.emails == ["a.vanhattem@ek.nl", "alexander@prive.nl"]
    assert p.phones == ["070 312 9200"]
    assert p.tags == ["oud-raadslid", "senator"]
    assert p.notes == "Kent de directeur."
    assert sorted(r.role for r in p.roles) == ["raadslid", "senator"]
    assert [i.subject for i in services.interactions.list(person_id=a)] == ["Over de wet"]
    with ctx.sessions() as s:
        linked = s.scalar(
            select(func.count()).select_from(event_person).where(event_person.c.person_id == a)
        )
    assert linked == 1
    assert services.duplicates.candidates() == []


def test_merge_with_itself_is_refused(ctx: Context) -> None:
    a, _b = _pair(ctx)
    with pytest.raises(ValidationError):
        ctx.services.duplicates.merge(a, a)


def test_a_group_pairs_each_with_the_oldest_and_the_list_is_capped(ctx: Context) -> None:
    ids = [
        ctx.services.people.add(PersonInput(surname="Smit", initials="J.")).ids[0] for _ in range(4)
    ]
    pairs = ctx.services.duplicates.candidates()
    assert [(p.keep_id, p.other_id) for p in pairs] == [(ids[0], i) for i in ids[1:]]
    assert len(ctx.services.duplicates.candidates(limit=2)) == 2
