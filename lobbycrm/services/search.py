"""One search box over people, organisations, dossiers, motions and agenda items."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.core import names
from lobbycrm.db.models import Dossier, Event, Motion, Organisation
from lobbycrm.services.people import PeopleService, PersonFilter


@dataclass(frozen=True)
class Hit:
    section: str  # the main window section that shows it: people, orgs, dossiers, motions, agenda
    id: int
    label: str


class SearchService:
    def __init__(self, sessions: sessionmaker[Session], people: PeopleService) -> None:
        self._sessions = sessions
        self._people = people

    def search(self, text: str, limit: int = 10) -> list[Hit]:
        """Up to `limit` hits per kind; every word must occur (case and accents ignored)."""
        words = names.fold(text).split()
        if not words:
            return []
        hits = [
            Hit("people", r.id, r.sort_name)
            for r in self._people.rows(PersonFilter(search=text), 0, limit)
        ]
        with self._sessions() as s:
            for section, columns in (
                ("orgs", (Organisation.id, Organisation.name, Organisation.short_name)),
                ("dossiers", (Dossier.id, Dossier.title, Dossier.kamerstuk)),
                ("motions", (Motion.id, Motion.title, Motion.number, Motion.submitters)),
                ("agenda", (Event.id, Event.title, Event.location)),
            ):
                # These lists stay small (hundreds of rows): fold in Python for accents.
                rows = s.execute(select(*columns)).all()
                found = [
                    r
                    for r in rows
                    if all(any(w in names.fold(str(v or "")) for v in r[1:]) for w in words)
                ]
                hits += [Hit(section, int(r[0]), str(r[1])) for r in found[:limit]]
        return hits
