"""Person use cases: validation, roles over time, filters, Dutch order, nothing half-written."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import AmbiguousError, NotFoundError, ValidationError
from lobbycrm.db.models import ContactPoint, Person, Role
from lobbycrm.services.orgs import OrgInput
from lobbycrm.services.people import PersonFilter, PersonInput, RoleInput


def _counts(ctx: Context) -> tuple[int, int, int]:
    with ctx.sessions() as s:
        return (
            s.scalar(select(func.count()).select_from(Person)) or 0,
            s.scalar(select(func.count()).select_from(ContactPoint)) or 0,
            s.scalar(select(func.count()).select_from(Role)) or 0,
        )


def test_add_person_with_role_and_read_back(ctx: Context) -> None:
    ctx.services.orgs.add(OrgInput(name="Eerste Kamer", kind="chamber"))
    pid = ctx.services.people.add(
        PersonInput(
            surname="Hattem",
            particle="Van",
            first_name="Alexander",
            gender="man",
            titles="mr.",
            emails=["Alexander.vanHattem@EersteKamer.nl", "a@b.nl"],
            tags=["Senator", "senator "],
        ),
        [RoleInput("eerste kamer", "Senator", "asiel en migratie", dt.date(2023, 6, 13))],
    ).ids[0]
    p = ctx.services.people.get(pid)
    assert p.display_name == "Alexander van Hattem"
    assert p.sort_name == "Hattem, A. van"
    assert p.salutation == "Geachte heer Van Hattem,"
    assert p.address_line == "De heer mr. A. van Hattem"
    assert p.emails == ["Alexander.vanHattem@eerstekamer.nl", "a@b.nl"]
    assert [c.primary for c in p.contacts if c.kind == "email"] == [True, False]
    assert p.tags == ["senator"]
    assert p.roles[0].role == "senator" and p.roles[0].current


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (PersonInput(surname="  "), "achternaam"),
        (PersonInput(surname="X", emails=["geen-adres"]), "e-mail"),
        (PersonInput(surname="X", gender="mevr"), "aanspreekvorm"),
        (PersonInput(surname="X", phones=["bel me"]), "telefoon"),
    ],
)
def test_bad_input_names_field_and_writes_nothing(
    ctx: Context, data: PersonInput, field: str
) -> None:
    before = _counts(ctx)
    with pytest.raises(ValidationError) as info:
        ctx.services.people.add(data)
    assert info.value.field == field
    assert _counts(ctx) == before


def test_unknown_org_or_end_before_start_writes_nothing(ctx: Context) -> None:
    ctx.services.orgs.add(OrgInput(name="Tweede Kamer", kind="chamber"))
    before = _counts(ctx)
    with pytest.raises(NotFoundError):
        ctx.services.people.add(PersonInput(surname="A"), [RoleInput("Nergens", "lid")])
    with pytest.raises(ValidationError) as info:
        ctx.services.people.add(
            PersonInput(surname="A"),
            [RoleInput("Tweede Kamer", "lid", start=dt.date(2024, 1, 2), end=dt.date(2024, 1, 1))],
        )
    assert info.value.field == "einde"
    assert _counts(ctx) == before


def test_ambiguous_org_name_is_refused(ctx: Context) -> None:
    ctx.services.orgs.add(OrgInput(name="CDA", kind="party-group"))
    ctx.services.orgs.add(OrgInput(name="Fractie CDA", short_name="CDA", kind="party-group"))
    with pytest.raises(AmbiguousError):
        ctx.services.people.add(PersonInput(surname="A"), [RoleInput("cda", "lid")])


def test_role_history_is_kept_and_current_filter(ctx: Context) -> None:
    ctx.services.orgs.add(OrgInput(name="Tweede Kamer", kind="chamber"))
    today = dt.date(2026, 11, 22)
    old = ctx.services.people.add(
        PersonInput(surname="Oud"),
        [RoleInput("Tweede Kamer", "kamerlid", start=dt.date(2017, 3, 23))],
    ).ids[0]
    new = ctx.services.people.add(
        PersonInput(surname="Nieuw"),
        [
            RoleInput(
                "Tweede Kamer", "kamerlid", start=dt.date(2023, 12, 6), end=dt.date(2027, 1, 1)
            )
        ],
    ).ids[0]
    role_id = ctx.services.people.get(old).roles[0].id
    ctx.services.people.end_role(role_id, dt.date(2023, 12, 5))
    current = ctx.services.people.list(
        PersonFilter(organisation="Tweede Kamer", current=True), today=today
    )
    assert [p.id for p in current] == [new]
    everyone = ctx.services.people.list(PersonFilter(organisation="Tweede Kamer"), today=today)
    assert {p.id for p in everyone} == {old, new}
    former = ctx.services.people.get(old).roles[0]
    assert former.end == dt.date(2023, 12, 5) and not former.current
    with pytest.raises(ValidationError):
        ctx.services.people.end_role(role_id, dt.date(2000, 1, 1))


def test_list_is_in_dutch_order_and_search_is_literal(ctx: Context) -> None:
    for surname, particle in [
        ("Vries", "de"),
        ("Aalst", ""),
        ("Linden", "van der"),
        ("Öztürk", ""),
        ("100%_Zeker", ""),
    ]:
        ctx.services.people.add(PersonInput(surname=surname, particle=particle))
    assert [p.sort_name for p in ctx.services.people.list()] == [
        "100%_Zeker",
        "Aalst",
        "Linden, van der",
        "Öztürk",
        "Vries, de",
    ]
    assert [p.surname for p in ctx.services.people.list(PersonFilter(search="ozt"))] == ["Öztürk"]
    assert [p.surname for p in ctx.services.people.list(PersonFilter(search="%"))] == ["100%_Zeker"]
    assert ctx.services.people.list(PersonFilter(search="_")) == ctx.services.people.list(
        PersonFilter(search="%_")
    )
    assert [p.surname for p in ctx.services.people.list(PersonFilter(search="van der lin"))] == [
        "Linden"
    ]


def test_tag_role_portfolio_filters(demo_ctx: Context) -> None:
    people = demo_ctx.services.people
    senators = people.list(PersonFilter(tag="senator"))
    assert len(senators) == 19
    spokes = people.list(PersonFilter(role="woordvoerder", portfolio="asiel"))
    assert len(spokes) == 16  # three senators' party groups are not confirmed in the sources
    cda = people.list(PersonFilter(organisation="CDA", role="lid"))
    assert {p.surname for p in cda} == {"Toorenburg"}


def test_update_keeps_contact_rows_and_delete_cascades(ctx: Context) -> None:
    pid = ctx.services.people.add(PersonInput(surname="Jansen", emails=["a@x.nl"])).ids[0]
    first_contact = ctx.services.people.get(pid).contacts[0].id
    ctx.services.people.update(pid, PersonInput(surname="Jansen", emails=["b@x.nl", "a@x.nl"]))
    p = ctx.services.people.get(pid)
    assert p.emails == ["b@x.nl", "a@x.nl"]
    assert first_contact in [c.id for c in p.contacts]
    ctx.services.people.delete(pid)
    assert _counts(ctx) == (0, 0, 0)


def test_one_primary_per_kind_for_email_and_phone(ctx: Context) -> None:
    pid = ctx.services.people.add(
        PersonInput(
            surname="A", emails=["a@x.nl", "b@x.nl"], phones=["070 318 2211", "+31 6 1234 5678"]
        )
    ).ids[0]
    rows = ctx.services.people.get(pid).contacts
    for kind in ("email", "phone"):
        assert sum(1 for c in rows if c.kind == kind and c.primary) == 1
