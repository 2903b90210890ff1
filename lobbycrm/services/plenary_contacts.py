"""Whom to reach in each party group for a debate, with what they were sent and answered.

A group's contacts are its current spokespersons for the debate's portfolio and its members
of the debate's committee; a group with neither is reached through its fractievoorzitter
(shown as such, never as a spokesperson). People involved who sit in no party group of the
chamber (a committee's griffier) are listed apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from lobbycrm.core import names
from lobbycrm.core.enums import ContactKind
from lobbycrm.db.models import Event, Person, Role
from lobbycrm.services.correspondence import ContactEntry, histories, last_sent
from lobbycrm.services.people import name_parts


@dataclass(frozen=True)
class Contact:
    person_id: int
    name: str
    sort_key: str
    roles: tuple[str, ...]  # 'woordvoerder asiel en migratie', 'fractievoorzitter', ...
    spokesperson: bool  # for the debate's portfolio or in its committee (else: group leader)
    email: str
    phone: str
    last_sent: ContactEntry | None
    history: tuple[ContactEntry, ...]  # newest first
    group_id: int | None = None


@dataclass(frozen=True)
class DebateContacts:
    by_group: dict[int, list[Contact]] = field(default_factory=dict)
    others: list[Contact] = field(default_factory=list)


def _role_text(r: Role) -> str:
    org = r.organisation
    where = org.short_name or org.name if org.kind == "committee" else ""
    parts = [r.role, r.portfolio.strip(), where]
    return " ".join(p for p in parts if p)


def _involved_clause(e: Event) -> list[object]:
    conds: list[object] = []
    portfolio = e.portfolio.strip()
    if portfolio:
        conds.append(
            and_(
                func.lower(Role.role) == "woordvoerder",
                Role.portfolio.icontains(portfolio, autoescape=True),
            )
        )
    if e.organisation is not None and e.organisation.kind == "committee":
        conds.append(Role.organisation_id == e.organisation_id)
    return conds


def debate_contacts(
    s: Session, event_id: int, group_ids: Sequence[int], today: dt.date
) -> DebateContacts:
    e = s.get(Event, event_id)
    if e is None:
        return DebateContacts()
    groups = set(group_ids)
    held = Role.held_on_clause(today)
    involved: set[int] = set()
    conds = _involved_clause(e)
    if conds:
        involved = set(s.scalars(select(Role.person_id).where(held, or_(*conds))))  # type: ignore[arg-type]
    members = s.execute(
        select(Role.person_id, Role.organisation_id, Role.role).where(
            held, Role.organisation_id.in_(groups)
        )
    ).all()
    group_of: dict[int, int] = {}
    leaders: dict[int, set[int]] = {}
    for person_id, org_id, role in members:
        group_of.setdefault(person_id, org_id)
        if role.strip().lower() == "fractievoorzitter":
            leaders.setdefault(org_id, set()).add(person_id)
    chosen: dict[int, set[int]] = {}
    for person_id in involved:
        if person_id in group_of:
            chosen.setdefault(group_of[person_id], set()).add(person_id)
    for org_id, ids in leaders.items():
        if org_id not in chosen:
            chosen[org_id] = set(ids)
    others = {p for p in involved if p not in group_of}
    wanted = set().union(*chosen.values(), others) if chosen or others else set()
    if not wanted:
        return DebateContacts()
    people = {
        p.id: p
        for p in s.scalars(
            select(Person)
            .where(Person.id.in_(wanted))
            .options(
                selectinload(Person.roles).selectinload(Role.organisation),
                selectinload(Person.contacts),
            )
        )
    }
    contacts = histories(s, wanted)

    def make(person_id: int, group_id: int | None) -> Contact:
        p = people[person_id]
        live = [r for r in p.roles if r.held_on(today)]
        shown = [
            r
            for r in live
            if (r.role.lower() == "woordvoerder" and r.portfolio.strip())
            or r.role.lower() == "fractievoorzitter"
            or r.organisation.kind == "committee"
        ]
        emails = sorted(
            (c for c in p.contacts if c.kind == ContactKind.EMAIL), key=lambda c: not c.is_primary
        )
        phones = sorted(
            (c for c in p.contacts if c.kind == ContactKind.PHONE), key=lambda c: not c.is_primary
        )
        history = contacts.get(person_id, [])
        return Contact(
            person_id=p.id,
            name=names.display_name(name_parts(p)),
            sort_key=p.sort_key,
            roles=tuple(dict.fromkeys(_role_text(r) for r in shown)),
            spokesperson=person_id in involved,
            email=emails[0].value if emails else "",
            phone=phones[0].value if phones else "",
            last_sent=last_sent(history),
            history=tuple(history),
            group_id=group_id,
        )

    by_group = {
        org_id: sorted((make(pid, org_id) for pid in ids), key=lambda c: (c.sort_key, c.person_id))
        for org_id, ids in chosen.items()
    }
    rest = sorted((make(pid, None) for pid in others), key=lambda c: (c.sort_key, c.person_id))
    return DebateContacts(by_group, rest)
