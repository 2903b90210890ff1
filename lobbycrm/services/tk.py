"""Import Tweede Kamer open data: members, party groups, committees, memberships, debates."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.core import names
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.db.engine import all_or_nothing
from lobbycrm.db.models import Event, Organisation, Person, Role
from lobbycrm.interchange.tk import TkError, download, read_folder
from lobbycrm.services.events import EventInput, apply_event
from lobbycrm.services.people import refresh_derived

KINDS = {
    "plenair debat": "plenary-debate",
    "commissiedebat": "committee-debate",
    "wetgevingsoverleg": "legislative-consultation",
    "notaoverleg": "committee-debate",
    "stemmingen": "vote",
    "procedurevergadering": "meeting",
    "rondetafelgesprek": "meeting",
    "hoorzitting": "meeting",
}
STATUS = {"geannuleerd": "cancelled", "verplaatst": "tentative"}
CHAMBER = "Tweede Kamer der Staten-Generaal"


@dataclass
class TkReport:
    dry_run: bool
    persons_added: int = 0
    persons_updated: int = 0
    organisations_added: int = 0
    roles_added: int = 0
    roles_ended: int = 0
    events_added: int = 0
    events_updated: int = 0
    skipped: list[str] = field(default_factory=list)


# interchange.tk.read_folder has checked every field and made dates dates and seats numbers.


def _date(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _instant(value: Any) -> dt.datetime | None:
    return value if isinstance(value, dt.datetime) else None


class TkImportService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def import_folder(
        self,
        folder: Path,
        dry_run: bool = False,
        online: bool = False,
        today: dt.date | None = None,
    ) -> TkReport:
        """All or nothing; a newer download updates and ends roles that are gone."""
        today = today or amsterdam_today()
        try:
            if online:
                with tempfile.TemporaryDirectory() as tmp:
                    download(Path(tmp))
                    data = read_folder(Path(tmp))
            else:
                data = read_folder(Path(folder))
        except TkError as exc:
            raise LobbyError(str(exc)) from None
        report = TkReport(dry_run)
        try:
            with all_or_nothing(self._sessions) as s:
                self._apply(s, data, report, today)
                if not dry_run:
                    s.commit()
        except (KeyError, ValueError, TypeError) as exc:
            raise LobbyError(
                _("Tweede Kamer data: unexpected value ({error}); nothing was imported").format(
                    error=exc
                )
            ) from None
        return report

    def _org(
        self,
        s: Session,
        tk_id: str | None,
        name: str,
        short: str,
        kind: str,
        parent: Organisation | None,
        seats: int | None,
        report: TkReport,
    ) -> Organisation:
        org = s.scalar(select(Organisation).where(Organisation.tk_id == tk_id)) if tk_id else None
        if org is None:
            # Entered by hand (or by the demo) before: adopt it instead of adding a twin.
            stmt = select(Organisation).where(
                Organisation.name == name, Organisation.kind == kind, Organisation.tk_id.is_(None)
            )
            if parent is not None:
                stmt = stmt.where(Organisation.parent_id == parent.id)
            org = s.scalars(stmt).first()
            if org is not None:
                org.tk_id = tk_id
        if org is None:
            org = Organisation(name=name, kind=kind, tk_id=tk_id)
            s.add(org)
            report.organisations_added += 1
        org.name, org.short_name, org.parent = name, short or org.short_name, parent
        if seats is not None:
            org.seats = seats
        return org

    def _apply(
        self, s: Session, data: dict[str, list[dict[str, Any]]], report: TkReport, today: dt.date
    ) -> None:
        chamber = self._org(s, None, CHAMBER, "Tweede Kamer", "chamber", None, 150, report)
        groups = {
            r["Id"]: self._org(
                s,
                r["Id"],
                r.get("NaamNL") or r.get("Afkorting") or "?",
                r.get("Afkorting") or "",
                "party-group",
                chamber,
                r.get("AantalZetels"),
                report,
            )
            for r in data["Fractie"]
        }
        committees = {
            r["Id"]: self._org(
                s,
                r["Id"],
                r.get("NaamNL") or r.get("NaamWebNL") or r.get("Afkorting") or "?",
                r.get("Afkorting") or "",
                "committee",
                chamber,
                None,
                report,
            )
            for r in data["Commissie"]
        }
        persons: dict[str, Person] = {}
        for r in data["Persoon"]:
            p = s.scalar(select(Person).where(Person.tk_id == r["Id"]))
            if p is None:
                p = Person(tk_id=r["Id"], surname="", sort_key="")
                s.add(p)
                report.persons_added += 1
            before = (p.titles, p.initials, p.first_name, p.particle, p.surname, p.gender)
            p.titles = names.normalize_titles(r.get("Titels") or "")
            p.initials = names.normalize_initials(r.get("Initialen") or "")
            p.first_name = (r.get("Roepnaam") or (r.get("Voornamen") or "").split(" ")[0]).strip()
            # "D'" / "'t" / "Jansen-De Jong" as the open data may write them: stored the
            # Dutch way (names.split_surname).
            p.particle, p.surname = names.split_surname(
                r.get("Tussenvoegsel") or "", r.get("Achternaam") or ""
            )
            if not p.surname:
                raise ValueError(f"Persoon {r['Id']}: Achternaam is empty")
            p.gender = {"man": "man", "vrouw": "vrouw"}.get(
                (r.get("Geslacht") or "").lower(), "onbekend"
            )
            refresh_derived(p)
            if p.id is not None and before != (
                p.titles,
                p.initials,
                p.first_name,
                p.particle,
                p.surname,
                p.gender,
            ):
                report.persons_updated += 1
            persons[r["Id"]] = p
        s.flush()
        seats: dict[str, str] = {r["Id"]: r.get("Fractie_Id") or "" for r in data["FractieZetel"]}
        com_seats: dict[str, str] = {
            r["Id"]: r.get("Commissie_Id") or "" for r in data["CommissieZetel"]
        }
        seen: set[str] = set()
        member_since: dict[int, tuple[dt.date | None, bool]] = {}
        for r in data["FractieZetelPersoon"]:
            person = persons.get(r.get("Persoon_Id") or "")
            group = groups.get(seats.get(r.get("FractieZetel_Id") or "", ""))
            if person is None or group is None:
                report.skipped.append(f"FractieZetelPersoon {r['Id']}")
                continue
            role = (
                "fractievoorzitter"
                if (r.get("Functie") or "").lower() == "fractievoorzitter"
                else "lid"
            )
            start, end = _date(r.get("Van")), _date(r.get("TotEnMet"))
            self._role(s, r["Id"], person, group, role, start, end, report)
            seen.add(r["Id"])
            current = end is None or end > today
            since, was_current = member_since.get(person.id, (start, False))
            member_since[person.id] = (
                min(d for d in (since, start) if d) if since or start else None,
                was_current or current,
            )
        for r in data["CommissieZetelVastPersoon"]:
            person = persons.get(r.get("Persoon_Id") or "")
            committee = committees.get(com_seats.get(r.get("CommissieZetel_Id") or "", ""))
            if person is None or committee is None:
                report.skipped.append(f"CommissieZetelVastPersoon {r['Id']}")
                continue
            role = (r.get("Functie") or "lid").strip().lower()
            self._role(
                s,
                r["Id"],
                person,
                committee,
                role,
                _date(r.get("Van")),
                _date(r.get("TotEnMet")),
                report,
            )
            seen.add(r["Id"])
        for person_id, (since, current) in member_since.items():
            self._role(
                s,
                f"tk-kamerlid-{person_id}",
                s.get(Person, person_id),
                chamber,
                "kamerlid",
                since,
                None if current else today,
                report,
            )
            seen.add(f"tk-kamerlid-{person_id}")
        if data["FractieZetelPersoon"]:
            # A membership no longer in the download has ended: keep it, give it an end date.
            for old in s.scalars(
                select(Role).where(Role.external_id.is_not(None), Role.end_date.is_(None))
            ):
                if old.external_id not in seen and old.person.tk_id is not None:
                    old.end_date = max(today, old.start_date or today)
                    report.roles_ended += 1
        by_short = {o.short_name.casefold(): o for o in committees.values() if o.short_name}
        for r in data["Activiteit"]:
            self._event(s, r, chamber, by_short, report)

    def _role(
        self,
        s: Session,
        external_id: str,
        person: Person | None,
        org: Organisation,
        role: str,
        start: dt.date | None,
        end: dt.date | None,
        report: TkReport,
    ) -> None:
        if person is None:
            return
        row = s.scalar(select(Role).where(Role.external_id == external_id))
        if row is None:
            row = Role(external_id=external_id, person=person, organisation=org, role=role)
            s.add(row)
            report.roles_added += 1
        row.role, row.organisation, row.start_date, row.end_date = role, org, start, end

    def _event(
        self,
        s: Session,
        r: dict[str, Any],
        chamber: Organisation,
        committees: dict[str, Organisation],
        report: TkReport,
    ) -> None:
        soort = (r.get("Soort") or "").strip()
        kind = KINDS.get(soort.lower(), "other")
        start = _instant(r.get("Aanvangstijd"))
        data = EventInput(
            title=(r.get("Onderwerp") or soort or _("Activity")).strip()[:500],
            kind=kind,
            location=(r.get("Locatie") or "")[:300],
            status=STATUS.get((r.get("Status") or "").lower(), "confirmed"),
            organisation=f"#{committees[r['Voortouwafkorting'].casefold()].id}"
            if (r.get("Voortouwafkorting") or "").casefold() in committees
            else f"#{chamber.id}",
            external_id=r["Id"],
        )
        if start is not None:
            data.start = start
            end = _instant(r.get("Eindtijd"))
            data.end = end if end and end >= start else None
        else:
            day = _date(r.get("Datum"))
            if day is None:
                report.skipped.append(f"Activiteit {r['Id']}")
                return
            data.date = day
        e = s.scalar(select(Event).where(Event.external_id == r["Id"]))
        if e is None:
            e = Event(
                uid=f"tk-{r['Id']}@lobbycrm", kind=kind, title="", location="", status="confirmed"
            )
            apply_event(s, e, data, is_new=True)
            s.add(e)
            report.events_added += 1
        elif apply_event(s, e, data, is_new=False):
            e.sequence += 1
            report.events_updated += 1
