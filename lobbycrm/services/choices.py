"""What a picker offers while the user types: a few matching rows, never a whole table.

Every person, organisation, event, dossier or mailing picker in the app asks this service with
the text typed so far and a limit; nothing here reads a table without LIMIT.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker

from lobbycrm.core import labels, names
from lobbycrm.core.i18n import short_date
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.db.models import Dossier, Event, Mailing, Organisation, Person, Tag
from lobbycrm.services.people import name_parts

DEFAULT_LIMIT = 20


@dataclass(frozen=True)
class Choice:
    """One row a picker can show: its id, what it is called and a line that tells it apart."""

    id: int
    label: str
    detail: str = ""


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _words_match(words: list[str], *columns: InstrumentedAttribute[str]) -> ColumnElement[bool]:
    return and_(
        *(or_(*(func.lower(c).like(_like(w), escape="\\") for c in columns)) for w in words)
    )


class ChoiceService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def people(self, text: str, limit: int = DEFAULT_LIMIT) -> list[Choice]:
        """Persons whose name or e-mail holds every typed word, in Dutch order."""
        words = names.fold(text).split()
        stmt = select(Person).order_by(Person.sort_key, Person.id).limit(limit)
        if words:
            stmt = stmt.where(
                and_(*(Person.search_text.like(_like(w), escape="\\") for w in words))
            )
        with self._sessions() as s:
            return [self._person(p) for p in s.scalars(stmt)]

    def person(self, person_id: int) -> Choice | None:
        with self._sessions() as s:
            p = s.get(Person, person_id)
            return self._person(p) if p is not None else None

    @staticmethod
    def _person(p: Person) -> Choice:
        parts = name_parts(p)
        return Choice(p.id, names.display_name(parts), names.sort_name(parts))

    def organisations(
        self, text: str, kinds: Sequence[str] = (), limit: int = DEFAULT_LIMIT
    ) -> list[Choice]:
        """Organisations whose name or short name holds every typed word, by name."""
        words = text.lower().split()
        stmt = select(Organisation).order_by(Organisation.name, Organisation.id).limit(limit)
        if words:
            stmt = stmt.where(_words_match(words, Organisation.name, Organisation.short_name))
        if kinds:
            stmt = stmt.where(Organisation.kind.in_(list(kinds)))
        with self._sessions() as s:
            return [self._org(o) for o in s.scalars(stmt)]

    def organisation(self, org_id: int) -> Choice | None:
        with self._sessions() as s:
            o = s.get(Organisation, org_id)
            return self._org(o) if o is not None else None

    @staticmethod
    def _org(o: Organisation) -> Choice:
        kind = labels.label(labels.ORG_KIND, o.kind)
        detail = f"{o.short_name} · {kind}" if o.short_name and o.short_name != o.name else kind
        return Choice(o.id, o.name, detail)

    def events(
        self,
        text: str,
        limit: int = DEFAULT_LIMIT,
        today: dt.date | None = None,
        kinds: Sequence[str] = (),
    ) -> list[Choice]:
        """Events whose title or place holds every typed word; upcoming first, then the past."""
        words = text.lower().split()
        day = (today or amsterdam_today()).isoformat()
        start = func.coalesce(Event.start_date, func.date(Event.starts_at))
        base = select(Event)
        if kinds:
            base = base.where(Event.kind.in_(list(kinds)))
        if words:
            base = base.where(_words_match(words, Event.title, Event.location))
        with self._sessions() as s:
            found = list(s.scalars(base.where(start >= day).order_by(start, Event.id).limit(limit)))
            if len(found) < limit:
                past = base.where(start < day).order_by(start.desc(), Event.id.desc())
                found += s.scalars(past.limit(limit - len(found)))
            return [self._event(e) for e in found]

    def event(self, event_id: int) -> Choice | None:
        with self._sessions() as s:
            e = s.get(Event, event_id)
            return self._event(e) if e is not None else None

    @staticmethod
    def _event(e: Event) -> Choice:
        when: dt.date | dt.datetime | None = e.start_date if e.all_day else e.starts_at
        detail = " · ".join(
            p
            for p in (short_date(when) if when else "", labels.label(labels.EVENT_KIND, e.kind))
            if p
        )
        return Choice(e.id, e.title, detail)

    def dossiers(self, text: str, limit: int = DEFAULT_LIMIT) -> list[Choice]:
        words = text.lower().split()
        stmt = select(Dossier).order_by(Dossier.title, Dossier.id).limit(limit)
        if words:
            stmt = stmt.where(_words_match(words, Dossier.title, Dossier.kamerstuk))
        with self._sessions() as s:
            return [Choice(d.id, d.title, d.kamerstuk) for d in s.scalars(stmt)]

    def dossier(self, dossier_id: int) -> Choice | None:
        with self._sessions() as s:
            d = s.get(Dossier, dossier_id)
            return Choice(d.id, d.title, d.kamerstuk) if d is not None else None

    def mailings(self, text: str, limit: int = DEFAULT_LIMIT) -> list[Choice]:
        """Mailings whose name holds every typed word, newest first."""
        words = text.lower().split()
        stmt = select(Mailing).order_by(Mailing.id.desc()).limit(limit)
        if words:
            stmt = stmt.where(_words_match(words, Mailing.name))
        with self._sessions() as s:
            return [self._mailing(m) for m in s.scalars(stmt)]

    def mailing(self, mailing_id: int) -> Choice | None:
        with self._sessions() as s:
            m = s.get(Mailing, mailing_id)
            return self._mailing(m) if m is not None else None

    @staticmethod
    def _mailing(m: Mailing) -> Choice:
        return Choice(m.id, m.name, short_date(m.created_at) if m.created_at else "")

    def tags(self, text: str, limit: int = DEFAULT_LIMIT) -> list[Choice]:
        """Labels whose name holds every typed word, by name."""
        words = text.lower().split()
        stmt = select(Tag).order_by(Tag.name, Tag.id).limit(limit)
        if words:
            stmt = stmt.where(_words_match(words, Tag.name))
        with self._sessions() as s:
            return [Choice(t.id, t.name) for t in s.scalars(stmt)]
