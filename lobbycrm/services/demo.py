"""Load the shipped demo data set (from the seed letters); running it twice adds nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.core.i18n import _
from lobbycrm.core.partial_dates import check_precision
from lobbycrm.core.validation import AMSTERDAM
from lobbycrm.db.models import (
    Campaign,
    ContactPoint,
    Dossier,
    Event,
    Interaction,
    Motion,
    Organisation,
    Person,
    Reminder,
    Role,
    SignatureCount,
)
from lobbycrm.resources_path import resource_path
from lobbycrm.services.changes import Changes
from lobbycrm.services.demo_campaigns import load_municipal_campaign
from lobbycrm.services.demo_planning import load_planning_demo
from lobbycrm.services.lookup import tag_for
from lobbycrm.services.people import PersonInput, apply_person, validate_person

EK_PORTFOLIO = "asiel en migratie"


@dataclass(frozen=True)
class DemoResult:
    created: int
    changes: Changes


def _org(
    s: Session, spec: dict[str, Any], by_key: dict[str, Organisation]
) -> tuple[Organisation, bool]:
    org = s.scalar(select(Organisation).where(Organisation.name == spec["name"]))
    created = org is None
    if org is None:
        org = Organisation(name=spec["name"], kind=spec["kind"])
        s.add(org)
    org.short_name = spec.get("short", org.short_name or "")
    org.seats = spec.get("seats", org.seats)
    org.cbs_code = spec.get("cbs", org.cbs_code)
    if spec.get("notes") and not org.notes:
        org.notes = spec["notes"]  # where the facts about a real body come from
    if "parent" in spec:
        org.parent = by_key[spec["parent"]]
    if spec.get("email") and not org.contacts:
        org.contacts.append(
            ContactPoint(
                kind="email", value=spec["email"], value_key=spec["email"].lower(), is_primary=True
            )
        )
    for t in spec.get("tags", []):
        tag = tag_for(s, t)
        if tag not in org.tags:
            org.tags.append(tag)
    return org, created


def _person(s: Session, spec: dict[str, Any]) -> tuple[Person, bool]:
    email = spec.get("email")
    person = None
    if email:
        person = s.scalar(
            select(Person).join(ContactPoint).where(ContactPoint.value_key == email.lower())
        )
    if person is None:
        same_name = select(Person).where(
            Person.surname == spec["surname"], Person.first_name == spec.get("first", "")
        )
        if "initials" in spec:
            same_name = same_name.where(Person.initials == spec["initials"])
        person = s.scalar(same_name)
    if person is not None:
        return person, False
    person = Person(surname=spec["surname"], sort_key="")
    s.add(person)
    apply_person(
        s,
        person,
        validate_person(
            PersonInput(
                surname=spec["surname"],
                particle=spec.get("particle", ""),
                initials=spec.get("initials", ""),
                first_name=spec.get("first", ""),
                gender=spec.get("gender", "onbekend"),
                emails=[email] if email else [],
                phones=[spec["phone"]] if spec.get("phone") else [],
                tags=spec.get("tags", []),
                notes=spec.get("notes", ""),
            )
        ),
    )
    return person, True


def _role(
    person: Person, org: Organisation, role: str, portfolio: str = "", start: dt.date | None = None
) -> None:
    for r in person.roles:
        if r.organisation is org and r.role == role and r.portfolio == portfolio:
            return
    person.roles.append(Role(organisation=org, role=role, portfolio=portfolio, start_date=start))


class DemoService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self.listeners: list[Callable[[Changes], None]] = []

    def load(self) -> DemoResult:
        data = json.loads(resource_path("demo", "demo.json").read_text(encoding="utf-8"))
        created = 0
        with self._sessions.begin() as s:
            orgs: dict[str, Organisation] = {}
            for spec in data["organisations"]:
                orgs[spec["key"]], new = _org(s, spec, orgs)
                created += new
            s.flush()
            ek_start = dt.date(2023, 6, 13)  # the Senate elected in 2023 took office that day
            senators: list[Person] = []
            for spec in data["senators"]:
                person, new = _person(s, spec)
                created += new
                senators.append(person)
                _role(person, orgs["ek"], "senator", start=ek_start)
                if spec.get("group"):
                    group = orgs[spec["group"]]
                    _role(person, group, "lid", start=ek_start)
                    _role(person, group, "woordvoerder", EK_PORTFOLIO)
                tag = tag_for(s, "senator")
                if tag not in person.tags:
                    person.tags.append(tag)
            for spec in data["people"]:
                person, new = _person(s, spec)
                created += new
                for r in spec.get("roles", []):
                    _role(person, orgs[r["org"]], r["role"], r.get("portfolio", ""))
            dossiers: dict[str, Dossier] = {}
            for spec in data["dossiers"]:
                d = s.scalar(select(Dossier).where(Dossier.title == spec["title"]))
                if d is None:
                    d = Dossier(
                        title=spec["title"], status=spec["status"], notes=spec.get("notes", "")
                    )
                    d.chamber = orgs.get(spec.get("chamber", ""))
                    s.add(d)
                    created += 1
                dossiers[spec["key"]] = d
            for spec in data["motions"]:
                if s.scalar(select(Motion).where(Motion.title == spec["title"])) is None:
                    # Known only to the month or year: stored as its first day, with the
                    # precision, and shown as "maart 2025" or "2024".
                    day = dt.date(spec["year"], spec.get("month", 1), 1)
                    s.add(
                        Motion(
                            title=spec["title"],
                            number=spec.get("number", ""),
                            submitters=spec.get("submitters", ""),
                            body=orgs[spec["body"]],
                            dossier=dossiers[spec["dossier"]],
                            date=day,
                            date_precision=check_precision(_("date precision"), spec["precision"]),
                            result=spec["result"],
                            execution_status=spec.get("execution", "onbekend"),
                        )
                    )
                    created += 1
            events: dict[str, Event] = {}
            for spec in data["events"]:
                e = s.scalar(select(Event).where(Event.uid == spec["uid"]))
                if e is None:
                    e = Event(
                        uid=spec["uid"],
                        kind=spec["kind"],
                        title=spec["title"],
                        location=spec.get("location", ""),
                        portfolio=spec.get("portfolio", ""),
                        description=spec.get("description", ""),
                    )
                    if "date" in spec:
                        e.all_day, e.start_date = True, dt.date.fromisoformat(spec["date"])
                    else:
                        e.all_day = False
                        e.starts_at = dt.datetime.fromisoformat(spec["start"]).replace(
                            tzinfo=AMSTERDAM
                        )
                        e.ends_at = dt.datetime.fromisoformat(spec["end"]).replace(tzinfo=AMSTERDAM)
                    e.organisation = orgs.get(spec.get("org", ""))
                    e.dossier = dossiers.get(spec.get("dossier", ""))
                    e.reminders = [Reminder(minutes_before=m) for m in spec.get("reminders", [])]
                    s.add(e)
                    created += 1
                events[spec["uid"]] = e
            camp = data["campaign"]
            c = s.scalar(select(Campaign).where(Campaign.name == camp["name"]))
            if c is None:
                c = Campaign(name=camp["name"], notes=camp["notes"])
                c.partners = [orgs[k] for k in camp["partners"]]
                c.dossiers = [dossiers[k] for k in camp["dossiers"]]
                for day, count in camp["counts"]:
                    c.signature_counts.append(
                        SignatureCount(counted_on=dt.date.fromisoformat(day), count=count)
                    )
                s.add(c)
                created += 1
            created += load_municipal_campaign(
                s, data["municipal_campaign"], orgs, dossiers, _person, _role
            )
            load_planning_demo(dossiers)
            sent = data["letters_sent"]
            at = dt.datetime.fromisoformat(sent["at"]).replace(tzinfo=AMSTERDAM)
            s.flush()
            for person in senators:
                exists = s.scalar(
                    select(Interaction.id).where(
                        Interaction.person_id == person.id, Interaction.subject == sent["subject"]
                    )
                )
                if exists is None:
                    s.add(
                        Interaction(
                            person=person,
                            kind="email",
                            occurred_at=at,
                            subject=sent["subject"],
                            notes="Brief en petitie Geen Kind in de Cel (bijlagen).",
                            dossier_id=dossiers[sent["dossier"]].id,
                            event_id=events[sent["event"]].id,
                        )
                    )
                    created += 1
        changes = Changes.of(
            "person",
            "organisation",
            "role",
            "tag",
            "dossier",
            "motion",
            "event",
            "campaign",
            "interaction",
            "mailing",
        )
        if created:
            for listener in self.listeners:
                listener(changes)
        return DemoResult(created, changes)

    def is_empty(self) -> bool:
        with self._sessions() as s:
            return (
                s.scalar(select(Person.id).limit(1)) is None
                and s.scalar(select(Organisation.id).limit(1)) is None
            )
