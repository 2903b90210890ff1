"""Who is involved in a debate: spokespersons or committee members, by party group."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lobbycrm.core import names
from lobbycrm.core.enums import ContactKind
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.db.models import Event, Organisation, Person, Role
from lobbycrm.services.correspondence import histories, last_sent
from lobbycrm.services.lookup import get_or_fail
from lobbycrm.services.people import name_parts


@dataclass(frozen=True)
class InvolvedPerson:
    person_id: int
    display_name: str
    sort_key: str
    email: str | None
    roles: list[str]
    last_sent_subject: str | None
    last_sent_at: dt.datetime | None
    answered: bool
    phone: str | None = None


@dataclass(frozen=True)
class InvolvedGroup:
    party_group: str  # '' when unknown
    people: list[InvolvedPerson]


class InvolvedService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def for_event(self, event_id: int, today: dt.date | None = None) -> list[InvolvedGroup]:
        """Current spokespersons for the event's portfolio, or members of its committee."""
        today = today or amsterdam_today()
        current = or_(Role.end_date.is_(None), Role.end_date > today)
        with self._sessions() as s:
            e = get_or_fail(s, Event, event_id, _("event"))
            conds = []
            if e.portfolio.strip():
                conds.append(
                    and_(
                        Role.role == "woordvoerder",
                        Role.portfolio.ilike(f"%{e.portfolio.strip()}%"),
                    )
                )
            if e.organisation is not None and e.organisation.kind == "committee":
                conds.append(Role.organisation_id == e.organisation_id)
            if not conds:
                return []
            people = list(
                s.scalars(
                    select(Person)
                    .where(Person.id.in_(select(Role.person_id).where(current, or_(*conds))))
                    .options(
                        selectinload(Person.roles).selectinload(Role.organisation),
                        selectinload(Person.contacts),
                    )
                    .order_by(Person.sort_key)
                )
            )
            groups: dict[str, list[InvolvedPerson]] = {}
            # What really went out: a drafted copy is not a sent letter.
            contacts = histories(s, [p.id for p in people])
            for p in people:
                live = [r for r in p.roles if r.is_current(today)]
                party = next(
                    (r.organisation for r in live if r.organisation.kind == "party-group"), None
                )
                sent = last_sent(contacts[p.id])
                emails = sorted(
                    (c for c in p.contacts if c.kind == ContactKind.EMAIL),
                    key=lambda c: not c.is_primary,
                )
                phones = sorted(
                    (c for c in p.contacts if c.kind == ContactKind.PHONE),
                    key=lambda c: not c.is_primary,
                )
                groups.setdefault(_short(party), []).append(
                    InvolvedPerson(
                        person_id=p.id,
                        display_name=names.display_name(name_parts(p)),
                        sort_key=p.sort_key,
                        email=emails[0].value if emails else None,
                        roles=[
                            f"{r.role}" + (f" ({r.portfolio})" if r.portfolio else "")
                            for r in live
                            if r.organisation.kind in ("party-group", "committee")
                        ],
                        last_sent_subject=sent.subject if sent else None,
                        last_sent_at=sent.when if sent else None,
                        answered=bool(sent and sent.answer),
                        phone=phones[0].value if phones else None,
                    )
                )
        return [
            InvolvedGroup(k, v)
            for k, v in sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0]))
        ]


def _short(org: Organisation | None) -> str:
    if org is None:
        return ""
    return org.short_name or org.name
