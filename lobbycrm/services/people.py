"""Use cases for persons: add, edit, delete, list and search, roles, contact points, tags."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, NamedTuple, cast

from sqlalchemy import ColumnElement, Select, Table, and_, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lobbycrm.core import damaged, names
from lobbycrm.core.collector import collector_paused
from lobbycrm.core.enums import ContactKind, Gender
from lobbycrm.core.errors import ValidationError, show_value
from lobbycrm.core.i18n import N_, _
from lobbycrm.core.validation import (
    amsterdam_today,
    check_date,
    check_email,
    check_order,
    check_phone,
    check_text,
)
from lobbycrm.db.models import ContactPoint, Organisation, Person, Role, Tag, person_tag
from lobbycrm.services.audit import get_for_edit
from lobbycrm.services.changes import Changes
from lobbycrm.services.dto import ContactRow, PersonDetail, PersonRow, RoleRow
from lobbycrm.services.lookup import find_organisation, get_or_fail, tag_for


@dataclass
class PersonInput:
    surname: str
    particle: str = ""
    initials: str = ""
    first_name: str = ""
    titles: str = ""
    gender: str = Gender.ONBEKEND.value
    notes: str = ""
    particle_is_surname: bool = False
    emails: list[str] = field(default_factory=list)  # the first is primary
    phones: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    # The person's own form of address ("mevrouw Jansen", "Beste Karin"); None leaves what is
    # stored alone (an edit that does not show it), "" clears it.
    own_salutation: str | None = None


@dataclass
class RoleInput:
    organisation: str
    role: str
    portfolio: str = ""
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class PersonFilter:
    search: str = ""
    tag: str = ""
    organisation: str = ""
    role: str = ""
    portfolio: str = ""
    current: bool = False
    former: bool = False  # has a role that has ended


_GENDERS = frozenset(g.value for g in Gender)
# surname, particle, initials, first name, titles: as validate_person bounds them.
_NAME_LIMITS = (200, 50, 50, 100, 100)
_SURNAME_MAX, _PARTICLE_MAX, _INITIALS_MAX, _FIRST_NAME_MAX, _TITLES_MAX = _NAME_LIMITS


def _shown_parts(p: Person) -> tuple[names.NameParts, str, list[str]]:
    """Name parts and gender as they may be shown, and what is wrong with the stored ones
    (control characters, an unknown gender, no surname): a damaged row still lists."""
    fields = (p.surname, p.particle, p.initials, p.first_name, p.titles)
    within = all(
        type(f) is str and len(f) <= limit for f, limit in zip(fields, _NAME_LIMITS, strict=True)
    )
    if within and p.surname and p.gender in _GENDERS:
        text = "".join((*fields, p.own_salutation or ""))
        if text.isascii() and text.isprintable():
            # Nearly every stored name: plain text within bounds, nothing to clean or say
            # (what _checked_parts finds too, at a fifth of the cost in a long listing).
            return _name_parts(fields, p), p.gender, []
    return _checked_parts(p)


def _name_parts(fields: Sequence[str], p: Person) -> names.NameParts:
    """NameParts of (surname, particle, initials, first name, titles) as `fields` give them."""
    surname, particle, initials, first_name, titles = fields
    return names.NameParts(
        surname=surname,
        particle=particle,
        initials=initials,
        first_name=first_name,
        titles=titles,
        particle_is_surname=p.particle_is_surname,
    )


def _checked_parts(p: Person) -> tuple[names.NameParts, str, list[str]]:
    """_shown_parts, every field cleaned and checked."""
    fields = (p.surname, p.particle, p.initials, p.first_name, p.titles)
    problems: list[str] = []
    if any(damaged.unsafe_text(f or "") for f in fields):
        problems.append(_("the name contains control characters"))
    if any(len(f or "") > limit for f, limit in zip(fields, _NAME_LIMITS, strict=True)):
        problems.append(_("the name is too long"))
    shown = [
        damaged.shown_text(f or "", limit) for f, limit in zip(fields, _NAME_LIMITS, strict=True)
    ]
    if not shown[0]:
        problems.append(_("no surname"))
    gender = p.gender
    if damaged.unsafe_text(p.own_salutation or ""):
        problems.append(_("the salutation contains control characters"))
    if gender not in _GENDERS:
        problems.append(_("unknown gender {code}").format(code=show_value(gender)))
        gender = Gender.ONBEKEND.value
    return _name_parts(shown, p), gender, problems


def name_parts(p: Person) -> names.NameParts:
    """The stored name parts as they may be shown (a damaged row's cleaned and cut)."""
    return _shown_parts(p)[0]


def stored_keys(parts: names.NameParts, emails: Iterable[str]) -> tuple[str, str]:
    """What a person row keeps for the list: its sort key, and the text a search looks in
    (display name, sort name and e-mail addresses, case and accents folded)."""
    display, listed, key = names.listed_forms(parts)
    return key, names.fold(f"{display} {listed} {' '.join(emails)}")


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def validate_person(data: PersonInput, *, cleaned: bool = False) -> PersonInput:
    """Checked, cleaned copy of the input; raises ValidationError naming the field.

    `cleaned` says the text was already cleaned where it entered and the e-mail addresses and
    phone numbers already checked (an import's reader does so for every cell): then only the
    lengths are checked here and the names put in order, instead of cleaning it all again."""
    try:
        return _validate_person(data, cleaned)
    except ValidationError as exc:
        # Field names are translated only for the message: an import checks 100,000 persons.
        raise ValidationError(_(exc.field), exc.value, exc.reason) from None


def _fits(field: str, text: str, max_length: int, required: bool = False) -> str:
    """Text already cleaned at the edge: only its length (and presence) is checked."""
    if len(text) > max_length:
        raise ValidationError(field, None, _("is longer than {n} characters").format(n=max_length))
    if required and not text:
        raise ValidationError(field, None, _("must not be empty"))
    return text


def _validate_person(data: PersonInput, cleaned: bool = False) -> PersonInput:
    gender = data.gender
    if gender not in _GENDERS:
        try:
            gender = Gender(gender.strip().lower() or "onbekend").value
        except ValueError:
            raise ValidationError(
                N_("gender"), data.gender, _("must be man, vrouw or onbekend")
            ) from None
    emails: list[str] = []
    seen: set[str] = set()
    for e in data.emails:
        if e.strip():
            checked = e if cleaned else check_email(N_("e-mail"), e)
            if checked.lower() not in seen:
                seen.add(checked.lower())
                emails.append(checked)
    text = _fits if cleaned else _check_text
    surname, particle, initials, first_name, titles = (
        data.surname,
        data.particle,
        data.initials,
        data.first_name,
        data.titles,
    )
    if not (
        cleaned
        and 0 < len(surname) <= _SURNAME_MAX
        and len(particle) <= _PARTICLE_MAX
        and len(initials) <= _INITIALS_MAX
        and len(first_name) <= _FIRST_NAME_MAX
        and len(titles) <= _TITLES_MAX
    ):
        # Cleaned and within bounds (nearly every row of an import) leaves nothing to do.
        surname = text(N_("surname"), surname, _SURNAME_MAX, True)
        particle = text(N_("particle"), particle, _PARTICLE_MAX)
        initials = text(N_("initials"), initials, _INITIALS_MAX)
        first_name = text(N_("first name"), first_name, _FIRST_NAME_MAX)
        titles = text(N_("title"), titles, _TITLES_MAX)
    whole = not (particle or initials or first_name or titles or data.particle_is_surname)
    if whole and names.looks_like_full_name(surname):
        # The whole name typed into the surname field: 'mr. drs. J.P. van der Berg'.
        parsed = names.parse_name(surname)
        surname, particle = parsed.parts.surname, parsed.parts.particle
        initials, first_name = parsed.parts.initials, parsed.parts.first_name
        titles = parsed.parts.titles
        if parsed.gender and gender == Gender.ONBEKEND.value:
            gender = parsed.gender
    elif not data.particle_is_surname:
        particle, surname = names.split_surname(particle, surname)
    own = data.own_salutation
    return PersonInput(
        surname=text(N_("surname"), surname, _SURNAME_MAX, True),
        particle=particle,
        initials=names.normalize_initials(initials) or names.initials_from_first_name(first_name),
        first_name=first_name,
        titles=names.normalize_titles(titles),
        gender=gender,
        own_salutation=None if own is None else check_text(N_("salutation"), own, max_length=200),
        notes=(
            _fits(N_("notes"), data.notes, 100_000)
            if cleaned
            else check_text(N_("notes"), data.notes, single_line=False, max_length=100_000)
        ),
        particle_is_surname=data.particle_is_surname,
        emails=emails,
        phones=[p if cleaned else check_phone(N_("phone"), p) for p in data.phones if p.strip()],
        addresses=[
            check_text(N_("address"), a, single_line=False, max_length=1000)
            for a in data.addresses
            if a.strip()
        ],
        tags=[text(N_("tag"), t, 100) for t in data.tags if t.strip()],
    )


def _check_text(field: str, value: str, max_length: int, required: bool = False) -> str:
    return check_text(field, value, required=required, max_length=max_length)


def _role_row(r: Role, today: dt.date) -> RoleRow:
    org = r.organisation
    return RoleRow(
        id=r.id,
        organisation_id=r.organisation_id,
        # A role whose organisation is gone (another tool deleted it) still lists.
        organisation=org.name if org is not None else "?",
        organisation_kind=org.kind if org is not None else "",
        role=r.role,
        portfolio=r.portfolio,
        start=r.start_date,
        end=r.end_date,
        current=r.is_current(today),
    )


def person_detail(p: Person, today: dt.date | None = None) -> PersonDetail:
    today = today or amsterdam_today()
    parts, gender, problems = _shown_parts(p)
    roles = [_role_row(r, today) for r in p.roles]
    if roles:
        if any(r.organisation_id is None or r.organisation == "?" for r in roles):
            problems.append(_("a role refers to an organisation that does not exist"))
        if any(damaged.is_damaged(r.start) or damaged.is_damaged(r.end) for r in roles):
            problems.append(_("a role has a date that is not a date"))
        roles.sort(
            key=lambda r: (not r.current, -(r.start or dt.date.min).toordinal(), r.organisation)
        )
    # Primary first, then in the order they were added; each kind keeps that order.
    contacts = p.contacts
    if len(contacts) > 1:
        contacts = sorted(contacts, key=lambda c: (not c.is_primary, c.id))
    emails = [c.value for c in contacts if c.kind == ContactKind.EMAIL]
    phones = [c.value for c in contacts if c.kind == ContactKind.PHONE]
    addresses = [c.value for c in contacts if c.kind == ContactKind.ADDRESS]

    own = damaged.shown_text(p.own_salutation or "", 200)
    return PersonDetail(
        id=p.id,
        # display_name, sort_name, formal_name, salutation, computed_salutation, address_line
        **names.name_forms(parts, gender, own)._asdict(),
        own_salutation=own,
        particle_is_surname=bool(p.particle_is_surname),
        titles=parts.titles,
        initials=parts.initials,
        first_name=parts.first_name,
        particle=parts.particle,
        surname=parts.surname,
        gender=gender,
        notes=p.notes,
        emails=emails,
        phones=phones,
        addresses=addresses,
        contacts=[ContactRow(c.id, c.kind, c.label, c.value, c.is_primary) for c in p.contacts],
        roles=roles,
        tags=[t.name for t in p.tags],
        created_at=p.created_at,
        updated_at=p.updated_at,
        version=p.row_version,
        updated_by=p.updated_by,
        damaged="; ".join(problems),
    )


def _set_contacts(p: Person, kind: ContactKind, values: Sequence[str]) -> None:
    """Replace one kind of contact points, keeping rows (and labels) whose value stays."""
    existing = {c.value.lower(): c for c in p.contacts if c.kind == kind}
    keep: list[ContactPoint] = []
    for i, value in enumerate(values):
        row = existing.pop(value.lower(), None)
        if row is None:
            row = ContactPoint(kind=kind.value, value=value)
            p.contacts.append(row)
        row.value = value
        row.value_key = value.lower() if kind is ContactKind.EMAIL else ""
        row.is_primary = i == 0
        keep.append(row)
    for row in existing.values():
        p.contacts.remove(row)


def apply_person(s: Session, p: Person, data: PersonInput) -> None:
    """Write validated input onto a Person row (new or existing)."""
    p.surname = data.surname
    p.particle = data.particle
    p.initials = data.initials
    p.first_name = data.first_name
    p.titles = data.titles
    p.gender = data.gender
    p.notes = data.notes
    p.particle_is_surname = data.particle_is_surname
    if data.own_salutation is not None:
        p.own_salutation = data.own_salutation
    _set_contacts(p, ContactKind.EMAIL, data.emails)
    _set_contacts(p, ContactKind.PHONE, data.phones)
    _set_contacts(p, ContactKind.ADDRESS, data.addresses)
    p.tags = sorted(
        {tag_for(s, t).id: tag_for(s, t) for t in data.tags}.values(), key=lambda t: t.name
    )
    refresh_derived(p)


def refresh_derived(p: Person) -> None:
    emails = [c.value for c in p.contacts if c.kind == ContactKind.EMAIL]
    p.sort_key, p.search_text = stored_keys(name_parts(p), emails)


def build_role(s: Session, person: Person, data: RoleInput) -> Role:
    org = find_organisation(s, data.organisation)
    role = check_text(_("role"), data.role, required=True, max_length=100).lower()
    for name, day in ((_("start"), data.start), (_("end"), data.end)):
        if day is not None:
            check_date(name, day)
    check_order(_("end"), data.start, data.end)
    r = Role(
        organisation=org,
        role=role,
        portfolio=check_text(_("portfolio"), data.portfolio, max_length=200),
        start_date=data.start,
        end_date=data.end,
    )
    person.roles.append(r)
    return r


class _PlainPerson(NamedTuple):
    """A person read as plain rows, with the attributes person_detail reads of a Person: made
    from a row's values in one call (a listing makes thousands)."""

    id: int
    surname: str
    particle: str
    initials: str
    first_name: str
    titles: str
    gender: str
    particle_is_surname: bool
    own_salutation: str | None
    notes: str
    created_at: dt.datetime
    updated_at: dt.datetime
    row_version: int
    updated_by: str
    # filled from the other queries
    contacts: list[Any]
    roles: list[Any]
    tags: list[Any]


# What `details` reads of a person: the stored columns of _PlainPerson, in its order.
_PERSON_FIELDS = _PlainPerson._fields[:-3]


class _PlainOrg(SimpleNamespace):
    pass


class _PlainRole(SimpleNamespace):
    is_current = Role.is_current


# The tables themselves, for statements that need no ORM (see PeopleService._conditions).
_P = cast(Table, Person.__table__)
_R = cast(Table, Role.__table__)
_T = cast(Table, Tag.__table__)


class PeopleService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # --- queries -------------------------------------------------------------------------

    def _conditions(self, f: PersonFilter, today: dt.date) -> builtins.list[ColumnElement[bool]]:
        """What the filter asks of a person, on the table's columns.

        Table columns, not the mapped classes' attributes: a statement that names no mapped
        class compiles without the ORM, and a command that only lists (`people list`) never
        pays for configuring the mappers (about 50 ms at every start)."""
        conds: builtins.list[ColumnElement[bool]] = [
            _P.c.search_text.like(f"%{_like_escape(word)}%", escape="\\")
            for word in names.fold(f.search).split()
        ]
        if f.tag:
            conds.append(
                exists().where(
                    person_tag.c.person_id == _P.c.id,
                    person_tag.c.tag_id == _T.c.id,
                    _T.c.name == " ".join(f.tag.split()).lower(),
                )
            )
        role_conds = []
        if f.organisation:
            with self._sessions() as s:
                org_id = find_organisation(s, f.organisation).id
            role_conds.append(_R.c.organisation_id == org_id)
        if f.role:
            role_conds.append(func.lower(_R.c.role) == f.role.strip().lower())
        if f.portfolio:
            role_conds.append(
                func.lower(_R.c.portfolio).like(
                    f"%{_like_escape(f.portfolio.strip().lower())}%", escape="\\"
                )
            )
        if f.current:
            role_conds.append(or_(_R.c.end_date.is_(None), _R.c.end_date > today))
        if f.former:
            role_conds.append(_R.c.end_date <= today)
        if role_conds:
            conds.append(exists().where(and_(_R.c.person_id == _P.c.id, *role_conds)))
        return conds

    def _found(self, f: PersonFilter | None, today: dt.date) -> Select[tuple[int]]:
        """The ids of the persons the filter finds (a statement without the ORM)."""
        return select(_P.c.id).where(*self._conditions(f or PersonFilter(), today))

    def list(
        self,
        f: PersonFilter | None = None,
        limit: int | None = None,
        offset: int = 0,
        today: dt.date | None = None,
    ) -> builtins.list[PersonDetail]:
        today = today or amsterdam_today()
        stmt = (
            select(Person)
            .where(*self._conditions(f or PersonFilter(), today))
            .order_by(Person.sort_key, Person.id)
            .options(
                selectinload(Person.contacts),
                selectinload(Person.roles).selectinload(Role.organisation),
                selectinload(Person.tags),
            )
            .offset(offset)
            .limit(limit)
        )
        with self._sessions() as s:
            return [person_detail(p, today) for p in s.scalars(stmt)]

    def details(
        self, f: PersonFilter | None = None, today: dt.date | None = None
    ) -> builtins.list[PersonDetail]:
        """Everyone the filter finds in Dutch order, as `list` gives them, read as plain rows
        in four queries (persons, contact points, roles with their organisation, tags) and
        no ORM objects: for listings of thousands (the command line's `people list`)."""
        today = today or amsterdam_today()
        found = self._found(f, today)
        people: dict[int, _PlainPerson] = {}
        # Every row read stays alive until the list is made (see collector_paused).
        with collector_paused():
            with self._sessions() as s:
                for row in s.execute(
                    found.with_only_columns(*(_P.c[name] for name in _PERSON_FIELDS)).order_by(
                        _P.c.sort_key, _P.c.id
                    )
                ):
                    people[row[0]] = _PlainPerson._make((*row, [], [], []))
                if not people:
                    return []
                # The ids found, not the search again (a LIKE scan of every person) per query;
                # SQLite takes up to 32,766 parameters.
                wanted: Select[tuple[int]] | builtins.list[int] = (
                    builtins.list(people) if len(people) <= 30_000 else found
                )
                cp = ContactPoint.__table__.c
                for c in s.execute(
                    select(cp.person_id, cp.id, cp.kind, cp.label, cp.value, cp.is_primary)
                    .where(cp.person_id.in_(wanted))
                    .order_by(cp.id)
                ):
                    people[c.person_id].contacts.append(c)
                org = Organisation.__table__.c
                for r in s.execute(
                    select(
                        _R.c.person_id,
                        _R.c.id,
                        _R.c.organisation_id,
                        _R.c.role,
                        _R.c.portfolio,
                        _R.c.start_date,
                        _R.c.end_date,
                        org.name,
                        org.kind,
                    )
                    .outerjoin(Organisation.__table__, org.id == _R.c.organisation_id)
                    .where(_R.c.person_id.in_(wanted))
                    .order_by(_R.c.id)
                ):
                    people[r.person_id].roles.append(
                        _PlainRole(
                            id=r.id,
                            organisation_id=r.organisation_id,
                            organisation=(
                                _PlainOrg(name=r.name, kind=r.kind) if r.kind is not None else None
                            ),
                            role=r.role,
                            portfolio=r.portfolio,
                            start_date=r.start_date,
                            end_date=r.end_date,
                        )
                    )
                for t in s.execute(
                    select(person_tag.c.person_id, _T.c.name)
                    .join(_T, _T.c.id == person_tag.c.tag_id)
                    .where(person_tag.c.person_id.in_(wanted))
                    .order_by(_T.c.name)
                ):
                    people[t.person_id].tags.append(t)
            return [person_detail(cast(Person, p), today) for p in people.values()]

    def ids(self, f: PersonFilter, today: dt.date | None = None) -> builtins.list[int]:
        """The ids of the people the filter finds (nothing else loaded)."""
        with self._sessions() as s:
            return list(s.scalars(self._found(f, today or amsterdam_today())))

    def rows(
        self,
        f: PersonFilter | None = None,
        offset: int = 0,
        limit: int = 200,
        today: dt.date | None = None,
        order: str = "name",
        descending: bool = False,
    ) -> builtins.list[PersonRow]:
        """A window of the list in Dutch order (or by e-mail), with only what a row shows."""
        today = today or amsterdam_today()
        if order == "email":
            primary = (
                select(func.min(ContactPoint.value_key))
                .where(
                    ContactPoint.person_id == Person.id,
                    ContactPoint.kind == ContactKind.EMAIL.value,
                    ContactPoint.is_primary.is_(True),
                )
                .correlate(Person)
                .scalar_subquery()
            )
            keys = [primary, Person.sort_key, Person.id]
        else:
            keys = [Person.sort_key, Person.id]
        ordering = [k.desc() if descending else k.asc() for k in keys]
        # The window's ids first, from the index alone (sort key, id, search text); then
        # only those rows and what they show.
        window = self._found(f, today).order_by(*ordering).offset(offset).limit(limit)
        stmt = (
            select(Person)
            .order_by(*ordering)
            .options(
                selectinload(Person.contacts),
                selectinload(Person.roles).selectinload(Role.organisation),
                selectinload(Person.tags),
            )
        )
        out: builtins.list[PersonRow] = []
        with self._sessions() as s:
            ids = list(s.scalars(window))
            if not ids:
                return out
            for p in s.scalars(stmt.where(Person.id.in_(ids))):
                parts, _gender, problems = _shown_parts(p)
                emails = sorted(
                    (c for c in p.contacts if c.kind == ContactKind.EMAIL),
                    key=lambda c: (not c.is_primary, c.id),
                )
                functions = "; ".join(
                    f"{r.role} {r.organisation.short_name or r.organisation.name}"
                    for r in p.roles
                    if r.organisation is not None and r.is_current(today)
                )
                out.append(
                    PersonRow(
                        p.id,
                        names.sort_name(parts),
                        names.display_name(parts),
                        emails[0].value if emails else "",
                        functions,
                        ", ".join(t.name for t in p.tags),
                        "; ".join(problems),
                    )
                )
        return out

    def count(
        self, f: PersonFilter | None = None, today: dt.date | None = None, cap: int | None = None
    ) -> int:
        """How many the filter finds; with `cap`, counting stops there (min(count, cap)),
        so a list can say "more than 1,000" without reading every match."""
        found = self._found(f, today or amsterdam_today()).limit(cap)
        with self._sessions() as s:
            return int(s.scalar(select(func.count()).select_from(found.subquery())) or 0)

    def get(self, person_id: int) -> PersonDetail:
        with self._sessions() as s:
            return person_detail(get_or_fail(s, Person, person_id, _("person")))

    def get_many(self, ids: Sequence[int]) -> builtins.list[PersonDetail]:
        """Several persons in Dutch order, loaded in a few queries."""
        today = amsterdam_today()
        stmt = (
            select(Person)
            .where(Person.id.in_(ids))
            .order_by(Person.sort_key, Person.id)
            .options(
                selectinload(Person.contacts),
                selectinload(Person.roles).selectinload(Role.organisation),
                selectinload(Person.tags),
            )
        )
        with self._sessions() as s:
            return [person_detail(p, today) for p in s.scalars(stmt)]

    def find_by_email(self, email: str) -> builtins.list[int]:
        with self._sessions() as s:
            return list(
                s.scalars(
                    select(ContactPoint.person_id).where(
                        ContactPoint.value_key == email.strip().lower(),
                        ContactPoint.person_id.is_not(None),
                    )
                )
            )

    # --- commands ------------------------------------------------------------------------

    def add(self, data: PersonInput, roles: Iterable[RoleInput] = ()) -> Changes:
        clean = validate_person(data)
        with self._sessions.begin() as s:
            p = Person(surname=clean.surname, sort_key="")
            s.add(p)
            apply_person(s, p, clean)
            for r in roles:
                build_role(s, p, r)
            s.flush()
            return Changes.of("person", "role", "tag", ids=(p.id,))

    def update(
        self,
        person_id: int,
        data: PersonInput,
        version: int | None = None,
        roles: Iterable[RoleInput] = (),
    ) -> Changes:
        """`version`: the one the caller read (PersonDetail.version); a save over a newer
        one is refused with ConflictError. `roles` are added in the same transaction: a bad
        one leaves the person as it was."""
        clean = validate_person(data)
        with self._sessions.begin() as s:
            p = get_for_edit(s, Person, person_id, _("person"), version)
            apply_person(s, p, clean)
            for r in roles:
                build_role(s, p, r)
            return Changes.of("person", "tag", "role", ids=(p.id,))

    def delete(self, person_id: int) -> Changes:
        with self._sessions.begin() as s:
            p = get_or_fail(s, Person, person_id, _("person"))
            s.delete(p)
            return Changes.of("person", "role", "interaction", ids=(person_id,))

    def add_role(self, person_id: int, data: RoleInput) -> Changes:
        with self._sessions.begin() as s:
            p = get_or_fail(s, Person, person_id, _("person"))
            r = build_role(s, p, data)
            s.flush()
            return Changes.of("role", ids=(r.id,))

    def end_role(self, role_id: int, end: dt.date) -> Changes:
        """Close a role on `end`; the row stays as history."""
        with self._sessions.begin() as s:
            r = get_or_fail(s, Role, role_id, _("role"))
            check_date(_("end"), end)
            check_order(_("end"), r.start_date, end)
            r.end_date = end
            return Changes.of("role", ids=(role_id,))

    def delete_role(self, role_id: int) -> Changes:
        with self._sessions.begin() as s:
            s.delete(get_or_fail(s, Role, role_id, _("role")))
            return Changes.of("role", ids=(role_id,))

    def set_tags(self, person_id: int, tags: Iterable[str]) -> Changes:
        with self._sessions.begin() as s:
            p = get_or_fail(s, Person, person_id, _("person"))
            p.tags = sorted(
                {tag_for(s, t).id: tag_for(s, t) for t in tags if t.strip()}.values(),
                key=lambda t: t.name,
            )
            return Changes.of("person", "tag", ids=(person_id,))

    def rows_for_org(
        self, org_id: int, today: dt.date | None = None, limit: int | None = None
    ) -> builtins.list[tuple[str, str]]:
        """(display name, role) of everyone (or the first `limit`) with a current role in the
        organisation, in Dutch order."""
        today = today or amsterdam_today()
        stmt = (
            select(Person, Role)
            .join(Role, Role.person_id == Person.id)
            .where(
                Role.organisation_id == org_id, or_(Role.end_date.is_(None), Role.end_date > today)
            )
            .order_by(Person.sort_key, Person.id)
            .limit(limit)
        )
        with self._sessions() as s:
            return [
                (
                    names.display_name(name_parts(p)),
                    r.role + (f" ({r.portfolio})" if r.portfolio else ""),
                )
                for p, r in s.execute(stmt)
            ]

    def tag_names(self) -> builtins.list[str]:
        with self._sessions() as s:
            return list(s.scalars(select(Tag.name).order_by(Tag.name)))

    def organisations_with_people(self) -> builtins.list[tuple[int, str]]:
        with self._sessions() as s:
            rows = s.execute(
                select(Organisation.id, Organisation.name)
                .where(exists().where(Role.organisation_id == Organisation.id))
                .order_by(Organisation.name)
            )
            return [(i, n) for i, n in rows]
