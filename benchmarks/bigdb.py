"""A large database for start-up and full-table checks, written with bulk inserts.

Used by benchmarks/app_start.py (100,000 persons, 10,000 events, 1,000 mailings) and by
tests/ui/test_no_full_table.py (a smaller one). Rows look like real ones: Dutch names with
particles, an e-mail address each, a role at an organisation for every third person.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert

from lobbycrm.bootstrap import open_context
from lobbycrm.core import names
from lobbycrm.db.models import (
    ContactPoint,
    Event,
    Mailing,
    MailingVersion,
    Organisation,
    Person,
    Role,
)

SURNAMES = [
    "Jansen",
    "Vries",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dijk",
    "Berg",
    "Dekker",
    "Brouwer",
    "Wit",
    "Dijkstra",
    "Graaf",
    "Leeuwen",
    "Kok",
    "Jacobs",
    "Haan",
    "Vermeulen",
    "Heuvel",
    "Veen",
    "Wal",
    "Bijsterveld",
    "Hattem",
]
PARTICLES = ["", "", "", "van", "de", "van der", "van den", "ter"]
FIRST = [
    "Anna",
    "Bram",
    "Carla",
    "Daan",
    "Eva",
    "Femke",
    "Gijs",
    "Hanna",
    "Ilse",
    "Joris",
    "Karin",
    "Lars",
    "Marieke",
    "Noor",
    "Olaf",
    "Pien",
    "Ruben",
    "Sanne",
    "Thijs",
    "Vera",
]
ORG_WORDS = [
    "Stichting",
    "Vereniging",
    "Gemeente",
    "Fractie",
    "Bond",
    "Netwerk",
    "Platform",
    "Raad",
]
PLACES = [
    "Amsterdam",
    "Utrecht",
    "Zwolle",
    "Leiden",
    "Delft",
    "Assen",
    "Breda",
    "Venlo",
    "Emmen",
    "Hoorn",
]
EVENT_KINDS = ("plenary-debate", "committee-debate", "meeting", "deadline", "vote")


@dataclass(frozen=True)
class Size:
    persons: int
    events: int
    mailings: int
    organisations: int


BENCHMARK = Size(persons=100_000, events=10_000, mailings=1_000, organisations=2_000)


def person_rows(
    rnd: random.Random, n: int, stamp: dict[str, object]
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """`n` Dutch-looking persons (ids 1..n) and an e-mail address each, as rows for bulk
    inserts: the same rows for every benchmark that fills a database."""
    people: list[dict[str, object]] = []
    contacts: list[dict[str, object]] = []
    for i in range(1, n + 1):
        parts = names.NameParts(
            surname=f"{rnd.choice(SURNAMES)}{'' if i % 7 else 'ma'}",
            particle=rnd.choice(PARTICLES),
            first_name=rnd.choice(FIRST),
            initials="",
        )
        email = f"{parts.first_name.lower()}.{parts.surname.lower()}{i}@example.org"
        people.append(
            {
                "id": i,
                "surname": parts.surname,
                "particle": parts.particle,
                "first_name": parts.first_name,
                "initials": names.initials_from_first_name(parts.first_name),
                "sort_key": names.sort_key(parts),
                "search_text": names.fold(
                    f"{names.display_name(parts)} {names.sort_name(parts)} {email}"
                ),
                **stamp,
            }
        )
        contacts.append(
            {
                "person_id": i,
                "kind": "email",
                "value": email,
                "value_key": email,
                "is_primary": True,
                **stamp,
            }
        )
    return people, contacts


def build(path: Path, size: Size, seed: int = 42) -> None:
    """Create (migrate) the database at `path` and fill it; `path` must not hold data yet."""
    ctx = open_context(str(path))
    try:
        rnd = random.Random(seed)
        now = dt.datetime.now(dt.UTC)
        stamp = {"created_at": now, "updated_at": now}
        with ctx.sessions.begin() as s:
            orgs = [
                {
                    "id": i,
                    "name": f"{rnd.choice(ORG_WORDS)} {rnd.choice(PLACES)} {i}",
                    "short_name": "",
                    "kind": "ngo" if i % 5 else "municipality",
                    **stamp,
                }
                for i in range(1, size.organisations + 1)
            ]
            s.execute(insert(Organisation), orgs)
            people, contacts = person_rows(rnd, size.persons, stamp)
            roles = [
                {
                    "person_id": i,
                    "organisation_id": 1 + i % size.organisations,
                    "role": "medewerker",
                    "portfolio": "",
                    **stamp,
                }
                for i in range(3, size.persons + 1, 3)
                if size.organisations
            ]
            s.execute(insert(Person), people)
            s.execute(insert(ContactPoint), contacts)
            if roles:
                s.execute(insert(Role), roles)
            today = dt.date.today()
            events = []
            for i in range(1, size.events + 1):
                day = today + dt.timedelta(days=i % 730 - 365)
                starts = dt.datetime.combine(day, dt.time(9 + i % 8), tzinfo=dt.UTC)
                events.append(
                    {
                        "id": i,
                        "uid": f"bench-{i}@lobbycrm",
                        "kind": EVENT_KINDS[i % len(EVENT_KINDS)],
                        "title": f"Overleg {rnd.choice(PLACES)} {i}",
                        "all_day": False,
                        "starts_at": starts,
                        "ends_at": starts + dt.timedelta(hours=1),
                        "status": "confirmed",
                        "organisation_id": (1 + i % size.organisations)
                        if size.organisations
                        else None,
                        **stamp,
                    }
                )
            if events:
                s.execute(insert(Event), events)
            mailings = [
                {
                    "id": i,
                    "name": f"Brief {rnd.choice(PLACES)} {i}",
                    "template": "brief.md",
                    "event_id": 1 + i % size.events if size.events else None,
                    **stamp,
                }
                for i in range(1, size.mailings + 1)
            ]
            if mailings:
                s.execute(insert(Mailing), mailings)
                versions = [
                    {"mailing_id": m["id"], "number": 1, "text": "Geachte {{ aanhef }},", **stamp}
                    for m in mailings
                ]
                s.execute(insert(MailingVersion), versions)
    finally:
        ctx.close()
