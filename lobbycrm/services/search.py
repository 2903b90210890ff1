"""One search box over people, organisations, dossiers, motions and events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker

from lobbycrm.core import names
from lobbycrm.core.i18n import short_date
from lobbycrm.db.models import Dossier, Event, Motion, Organisation, Person
from lobbycrm.services.people import name_parts

KINDS = ("person", "organisation", "dossier", "motion", "event")


@dataclass(frozen=True)
class SearchHit:
    kind: str  # one of KINDS
    id: int
    title: str
    detail: str


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _all_words(words: list[str], *columns: InstrumentedAttribute[str]) -> ColumnElement[bool]:
    """Every word occurs in one of the columns (case-insensitive for ASCII)."""
    return and_(
        *(or_(*(func.lower(c).like(_like(w), escape="\\") for c in columns)) for w in words)
    )


class SearchService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def search(self, text: str, limit: int = 8) -> list[SearchHit]:
        """Up to `limit` hits per kind, people first; every word must match."""
        folded = names.fold(text).split()
        lowered = text.lower().split()
        if not folded:
            return []
        hits: list[SearchHit] = []
        with self._sessions() as s:
            people = s.scalars(
                select(Person)
                .where(and_(*(Person.search_text.like(_like(w), escape="\\") for w in folded)))
                .order_by(Person.sort_key, Person.id)
                .limit(limit)
            )
            for p in people:
                parts = name_parts(p)
                hits.append(
                    SearchHit("person", p.id, names.display_name(parts), names.sort_name(parts))
                )
            for o in s.scalars(
                select(Organisation)
                .where(_all_words(lowered, Organisation.name, Organisation.short_name))
                .order_by(Organisation.name)
                .limit(limit)
            ):
                hits.append(SearchHit("organisation", o.id, o.name, o.short_name))
            for d in s.scalars(
                select(Dossier)
                .where(_all_words(lowered, Dossier.title, Dossier.kamerstuk))
                .order_by(Dossier.title)
                .limit(limit)
            ):
                hits.append(SearchHit("dossier", d.id, d.title, d.kamerstuk))
            for m in s.scalars(
                select(Motion)
                .where(_all_words(lowered, Motion.title, Motion.number, Motion.submitters))
                .order_by(Motion.date.desc(), Motion.id)
                .limit(limit)
            ):
                hits.append(
                    SearchHit("motion", m.id, m.title, " ".join(filter(None, [m.number, m.result])))
                )
            for e in s.scalars(
                select(Event)
                .where(_all_words(lowered, Event.title, Event.location))
                .order_by(Event.starts_at.desc(), Event.start_date.desc())
                .limit(limit)
            ):
                start: dt.date | dt.datetime | None = e.start_date if e.all_day else e.starts_at
                hits.append(SearchHit("event", e.id, e.title, short_date(start) if start else ""))
        return hits
