"""What a person is linked to: events they attend and dossiers their contacts were about."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.db.models import Dossier, Event, Interaction, event_person


@dataclass(frozen=True)
class LinkedEvent:
    id: int
    title: str
    start: dt.date | dt.datetime
    dossier_id: int | None


@dataclass(frozen=True)
class LinkedDossier:
    id: int
    title: str
    kamerstuk: str


@dataclass(frozen=True)
class PersonLinks:
    events: list[LinkedEvent]  # newest first
    dossiers: list[LinkedDossier]  # by title


class PersonLinksService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def for_person(self, person_id: int, limit: int = 20) -> PersonLinks:
        with self._sessions() as s:
            events = [
                LinkedEvent(
                    e.id,
                    e.title,
                    e.start_date if e.all_day and e.start_date else e.starts_at or dt.date.min,
                    e.dossier_id,
                )
                for e in s.scalars(
                    select(Event)
                    .join(event_person, event_person.c.event_id == Event.id)
                    .where(event_person.c.person_id == person_id)
                )
            ]
            events.sort(key=lambda e: _day(e.start), reverse=True)
            from_events = select(Event.dossier_id).where(
                Event.id.in_([e.id for e in events]), Event.dossier_id.is_not(None)
            )
            from_contacts = select(Interaction.dossier_id).where(
                Interaction.person_id == person_id, Interaction.dossier_id.is_not(None)
            )
            dossiers = [
                LinkedDossier(d.id, d.title, d.kamerstuk)
                for d in s.scalars(
                    select(Dossier)
                    .where(or_(Dossier.id.in_(from_events), Dossier.id.in_(from_contacts)))
                    .order_by(Dossier.title)
                )
            ]
        return PersonLinks(events[:limit], dossiers)


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
