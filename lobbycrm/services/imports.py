"""Import and export of persons as CSV: all or nothing, with a report per line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lobbycrm.core import names
from lobbycrm.core.enums import Gender
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.files import file_problem
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import check_email, check_phone, check_text, parse_date
from lobbycrm.db.models import ContactPoint, Organisation, Person, Role, Tag, person_tag
from lobbycrm.interchange.csvfile import CsvError, CsvRow, read_rows, write_rows
from lobbycrm.interchange.vcard import read_cards, write_cards
from lobbycrm.services.calendar import write_atomically
from lobbycrm.services.changes import Changes
from lobbycrm.services.dto import PersonDetail
from lobbycrm.services.people import (
    PeopleService,
    PersonFilter,
    PersonInput,
    apply_person,
    validate_person,
)

GENDER_WORDS = {
    "m": "man",
    "man": "man",
    "heer": "man",
    "dhr": "man",
    "dhr.": "man",
    "male": "man",
    "mr": "man",
    "v": "vrouw",
    "vrouw": "vrouw",
    "mevrouw": "vrouw",
    "mevr": "vrouw",
    "mevr.": "vrouw",
    "mw": "vrouw",
    "mw.": "vrouw",
    "female": "vrouw",
    "f": "vrouw",
    "ms": "vrouw",
    "mrs": "vrouw",
}
BATCH = 2000


@dataclass(frozen=True)
class Rejection:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return _("line {line}, column {column}: {reason}").format(
            line=self.line, column=self.column, reason=self.reason
        )


@dataclass
class ImportReport:
    source: str
    dry_run: bool
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    created_orgs: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


@dataclass
class _Parsed:
    line: int
    person: PersonInput
    org_id: int | None = None
    org_name: str = ""
    role: str = ""
    portfolio: str = ""
    start: dt.date | None = None
    end: dt.date | None = None


def _gender(value: str) -> str:
    key = value.strip().lower()
    if not key:
        return Gender.ONBEKEND.value
    if key in GENDER_WORDS:
        return GENDER_WORDS[key]
    if key in ("onbekend", "unknown", "x", "o"):
        return Gender.ONBEKEND.value
    raise ValidationError("gender", value, _("must be man, vrouw or onbekend"))


def _split(value: str) -> list[str]:
    return [p.strip() for p in value.replace(",", ";").split(";") if p.strip()]


def _parts(d: PersonInput) -> names.NameParts:
    return names.NameParts(
        surname=d.surname,
        particle=d.particle,
        initials=d.initials,
        first_name=d.first_name,
        titles=d.titles,
    )


class ImportService:
    def __init__(self, sessions: sessionmaker[Session], people: PeopleService) -> None:
        self._sessions = sessions
        self._people = people

    # --- reading ---------------------------------------------------------------------

    def _parse(
        self,
        rows: list[CsvRow],
        orgs: dict[str, list[int]],
        create_orgs: bool,
        report: ImportReport,
    ) -> list[_Parsed]:
        out: list[_Parsed] = []
        seen_emails: dict[str, int] = {}
        for row in rows:
            v, col = row.values, row.columns

            def reject(
                fieldname: str, reason: str, line: int = row.line, columns: dict[str, str] = col
            ) -> None:
                report.rejected.append(Rejection(line, columns.get(fieldname, fieldname), reason))

            if row.problems:
                for column, reason in row.problems:
                    report.rejected.append(Rejection(row.line, column, reason))
                continue
            surname, particle = v.get("surname", ""), v.get("particle", "")
            first, initials, titles = (
                v.get("first_name", ""),
                v.get("initials", ""),
                v.get("titles", ""),
            )
            name_gender = ""
            if not surname and v.get("name"):
                parsed = names.parse_name(v["name"])
                parts, name_gender = parsed.parts, parsed.gender
                surname, particle = parts.surname, parts.particle
                first, initials = first or parts.first_name, initials or parts.initials
                titles = titles or parts.titles
            if not surname:
                reject("surname" if "surname" in col else "name", _("surname is missing"))
                continue
            try:
                # 'mevrouw drs. A.J. Jansen' in the name column says the gender too.
                gender = _gender(v.get("gender", "")) if v.get("gender") else name_gender
                gender = gender or _gender("")
            except ValidationError as exc:
                reject("gender", exc.reason)
                continue
            emails: list[str] = []
            bad = False
            for e in _split(v.get("email", "")):
                try:
                    emails.append(check_email("e-mail", e))
                except ValidationError:
                    reject("email", _("not a valid e-mail address") + f" ({e})")
                    bad = True
            phones: list[str] = []
            for ph in _split(v.get("phone", "")):
                try:
                    phones.append(check_phone("phone", ph))
                except ValidationError:
                    reject("phone", _("not a valid phone number") + f" ({ph})")
                    bad = True
            dates: dict[str, dt.date | None] = {"start": None, "end": None}
            for key in ("start", "end"):
                if v.get(key):
                    try:
                        dates[key] = parse_date(key, v[key])
                    except ValidationError as exc:
                        reject(key, f"{exc.reason} ({v[key]})")
                        bad = True
            if dates["start"] and dates["end"] and dates["end"] < dates["start"]:
                reject("end", _("end lies before start ({start})").format(start=dates["start"]))
                bad = True
            for e in emails:
                first_line = seen_emails.setdefault(e.lower(), row.line)
                if first_line != row.line:
                    reject(
                        "email",
                        _("{email} is also on line {line}").format(email=e, line=first_line),
                    )
                    bad = True
            try:
                # Checked here because they go into the database without validate_person.
                org_name = check_text(_("organisation"), v.get("organisation"), max_length=300)
                role_name = check_text(_("role"), v.get("role"), max_length=100).lower()
                portfolio = check_text(_("portfolio"), v.get("portfolio"), max_length=200)
            except ValidationError as exc:
                reject(
                    {_("organisation"): "organisation", _("role"): "role"}.get(
                        exc.field, "portfolio"
                    ),
                    exc.reason,
                )
                continue
            org_id = None
            if org_name:
                found = orgs.get(org_name.casefold(), [])
                if len(found) > 1:
                    reject(
                        "organisation",
                        _("{name} matches more than one organisation").format(name=org_name),
                    )
                    bad = True
                elif found:
                    org_id = found[0]
                elif not create_orgs:
                    reject(
                        "organisation",
                        _("unknown organisation {name} (use --create-orgs to add it)").format(
                            name=org_name
                        ),
                    )
                    bad = True
            if v.get("role") and not org_name:
                reject("role", _("a role needs an organisation column"))
                bad = True
            if bad:
                continue
            try:
                person = validate_person(
                    PersonInput(
                        surname=surname,
                        particle=particle,
                        initials=initials,
                        first_name=first,
                        titles=titles,
                        gender=gender,
                        notes=v.get("notes", ""),
                        emails=emails,
                        phones=phones,
                        tags=_split(v.get("tags", "")),
                    )
                )
            except ValidationError as exc:
                reject(exc.field, exc.reason)
                continue
            out.append(
                _Parsed(
                    row.line,
                    person,
                    org_id,
                    org_name,
                    role_name,
                    portfolio,
                    dates["start"],
                    dates["end"],
                )
            )
        return out

    # --- import ------------------------------------------------------------------------

    def import_csv(
        self,
        path: Path,
        dry_run: bool = False,
        on_match: str = "update",
        create_orgs: bool = False,
        progress: Callable[[int, int], bool] | None = None,
        mapping: dict[str, str | None] | None = None,
    ) -> ImportReport:
        """Apply every accepted row in one transaction, or nothing when a row is rejected.

        `mapping` (column name -> field, or None to ignore a column) overrides the guesses.
        """
        if on_match not in ("update", "skip"):
            raise ValidationError("--on-match", on_match, _("must be update or skip"))

        def reader(data: bytes, source: str) -> list[CsvRow]:
            return read_rows(data, source, mapping)

        return self._import(path, reader, dry_run, on_match, create_orgs, progress)

    def import_vcard(
        self,
        path: Path,
        dry_run: bool = False,
        on_match: str = "update",
        create_orgs: bool = False,
        progress: Callable[[int, int], bool] | None = None,
    ) -> ImportReport:
        """Contacts from a .vcf file (vCard 3.0 or 4.0), same rules as a CSV import."""
        if on_match not in ("update", "skip"):
            raise ValidationError("--on-match", on_match, _("must be update or skip"))
        return self._import(path, read_cards, dry_run, on_match, create_orgs, progress)

    def _import(
        self,
        path: Path,
        reader: Callable[[bytes, str], list[CsvRow]],
        dry_run: bool,
        on_match: str,
        create_orgs: bool,
        progress: Callable[[int, int], bool] | None,
    ) -> ImportReport:
        path = Path(path)
        try:
            rows = reader(path.read_bytes(), str(path))
        except OSError as exc:
            raise file_problem(path, exc) from None
        except CsvError as exc:
            raise LobbyError(str(exc)) from None
        report = ImportReport(str(path), dry_run)
        s = self._sessions()
        try:
            s.begin()
            orgs: dict[str, list[int]] = {}
            for oid, name, short in s.execute(
                select(Organisation.id, Organisation.name, Organisation.short_name)
            ):
                for key in {name.casefold(), short.casefold()} - {""}:
                    orgs.setdefault(key, []).append(oid)
            parsed = self._parse(rows, orgs, create_orgs, report)
            if report.rejected:
                s.rollback()
                return report
            self._apply(s, parsed, orgs, on_match, report, progress)
            if dry_run:
                s.rollback()
            else:
                s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()
        return report

    def _apply(
        self,
        s: Session,
        parsed: list[_Parsed],
        orgs: dict[str, list[int]],
        on_match: str,
        report: ImportReport,
        progress: Callable[[int, int], bool] | None,
    ) -> None:
        for p in parsed:
            if p.org_id is None and p.org_name:
                key = p.org_name.casefold()
                if key not in orgs:
                    org = Organisation(name=p.org_name, kind="other")
                    s.add(org)
                    s.flush()
                    orgs[key] = [org.id]
                    report.created_orgs.append(p.org_name)
                p.org_id = orgs[key][0]
        by_email = {
            k: pid
            for k, pid in s.execute(
                select(ContactPoint.value_key, ContactPoint.person_id).where(
                    ContactPoint.kind == "email", ContactPoint.person_id.is_not(None)
                )
            )
        }
        tags = {name: tid for tid, name in s.execute(select(Tag.id, Tag.name))}
        # Rows without an e-mail address match on the whole name, when that is unambiguous.
        by_name: dict[str, list[int]] = {}
        for pid, key in s.execute(select(Person.id, Person.sort_key)):
            by_name.setdefault(key, []).append(pid)
        new: list[_Parsed] = []
        matched: list[tuple[int, _Parsed]] = []
        for i, p in enumerate(parsed):
            if progress is not None and i % 500 == 0 and not progress(i, len(parsed)):
                raise InterruptedError(_("cancelled"))
            match = next(
                (by_email[e.lower()] for e in p.person.emails if e.lower() in by_email), None
            )
            if match is None and not p.person.emails:
                same = by_name.get(names.sort_key(_parts(p.person)), [])
                match = same[0] if len(same) == 1 else None
            if match is None:
                new.append(p)
            elif on_match == "skip":
                report.skipped += 1
            else:
                matched.append((match, p))
        for start in range(0, len(matched), BATCH):
            chunk = matched[start : start + BATCH]
            loaded = {
                person.id: person
                for person in s.scalars(
                    select(Person)
                    .where(Person.id.in_([pid for pid, _p in chunk]))
                    .options(
                        selectinload(Person.contacts),
                        selectinload(Person.roles),
                        selectinload(Person.tags),
                    )
                )
            }
            for pid, p in chunk:
                self._update(s, loaded[pid], p, report)
        for start in range(0, len(new), BATCH):
            self._insert(s, new[start : start + BATCH], tags)
        report.added = len(new)

    def _update(self, s: Session, person: Person, p: _Parsed, report: ImportReport) -> None:
        old = PersonInput(
            surname=person.surname,
            particle=person.particle,
            initials=person.initials,
            first_name=person.first_name,
            titles=person.titles,
            gender=person.gender,
            notes=person.notes,
            emails=[
                c.value
                for c in sorted(person.contacts, key=lambda c: not c.is_primary)
                if c.kind == "email"
            ],
            phones=[c.value for c in person.contacts if c.kind == "phone"],
            addresses=[c.value for c in person.contacts if c.kind == "address"],
            tags=[t.name for t in person.tags],
        )
        merged = PersonInput(
            surname=p.person.surname,
            particle=p.person.particle,
            initials=p.person.initials or old.initials,
            first_name=p.person.first_name or old.first_name,
            titles=p.person.titles or old.titles,
            gender=p.person.gender if p.person.gender != "onbekend" else old.gender,
            notes=p.person.notes or old.notes,
            emails=old.emails
            + [e for e in p.person.emails if e.lower() not in {x.lower() for x in old.emails}],
            phones=old.phones + [x for x in p.person.phones if x not in old.phones],
            addresses=old.addresses,
            tags=old.tags + [t.lower() for t in p.person.tags if t.lower() not in old.tags],
        )
        has_role = p.org_id is None or any(
            r.organisation_id == p.org_id
            and r.role == (p.role or "lid")
            and r.portfolio == p.portfolio
            for r in person.roles
        )
        if validate_person(merged) == validate_person(old) and has_role:
            report.unchanged += 1
            return
        apply_person(s, person, validate_person(merged))
        if not has_role:
            person.roles.append(
                Role(
                    organisation_id=p.org_id,
                    role=p.role or "lid",
                    portfolio=p.portfolio,
                    start_date=p.start,
                    end_date=p.end,
                )
            )
        report.updated += 1

    def _insert(self, s: Session, batch: list[_Parsed], tags: dict[str, int]) -> None:
        """New persons with plain INSERTs: the ORM unit of work is too slow for 100,000 rows."""
        now = dt.datetime.now(dt.UTC)
        person_rows = []
        for p in batch:
            d = p.person
            parts = _parts(d)
            person_rows.append(
                {
                    "titles": d.titles,
                    "initials": d.initials,
                    "first_name": d.first_name,
                    "particle": d.particle,
                    "surname": d.surname,
                    "particle_is_surname": False,
                    "gender": d.gender,
                    "notes": d.notes,
                    "sort_key": names.sort_key(parts),
                    "search_text": names.fold(
                        f"{names.display_name(parts)} {names.sort_name(parts)} {' '.join(d.emails)}"
                    ),
                    "created_at": now,
                    "updated_at": now,
                }
            )
        ids = list(
            s.scalars(
                insert(Person).returning(Person.id, sort_by_parameter_order=True), person_rows
            )
        )
        contacts, roles, links = [], [], []
        for pid, p in zip(ids, batch, strict=True):
            for kind, values in (("email", p.person.emails), ("phone", p.person.phones)):
                for i, value in enumerate(values):
                    contacts.append(
                        {
                            "person_id": pid,
                            "kind": kind,
                            "label": "",
                            "value": value,
                            "value_key": value.lower() if kind == "email" else "",
                            "is_primary": i == 0,
                            "created_at": now,
                            "updated_at": now,
                        }
                    )
            if p.org_id is not None:
                roles.append(
                    {
                        "person_id": pid,
                        "organisation_id": p.org_id,
                        "role": p.role or "lid",
                        "portfolio": p.portfolio,
                        "start_date": p.start,
                        "end_date": p.end,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            for tag in dict.fromkeys(t.lower() for t in p.person.tags):
                if tag not in tags:
                    new_tag = Tag(name=tag)
                    s.add(new_tag)
                    s.flush()
                    tags[tag] = new_tag.id
                links.append({"person_id": pid, "tag_id": tags[tag]})
        if contacts:
            s.execute(insert(ContactPoint), contacts)
        if roles:
            s.execute(insert(Role), roles)
        if links:
            s.execute(insert(person_tag), links)

    # --- export ------------------------------------------------------------------------

    def _people_in_windows(
        self, f: PersonFilter | None, progress: Callable[[int, int], bool] | None
    ) -> list[PersonDetail]:
        """Everyone matching `f`, read 1,000 at a time so progress can be shown and cancelled."""
        f = f or PersonFilter()
        total = self._people.count(f)
        out: list[PersonDetail] = []
        while len(out) < total:
            if progress is not None and not progress(len(out), total):
                raise InterruptedError(_("cancelled"))
            window = self._people.list(f, limit=1000, offset=len(out))
            if not window:
                break
            out.extend(window)
        return out

    def export_vcard(
        self,
        path: Path,
        f: PersonFilter | None = None,
        version: str = "4.0",
        progress: Callable[[int, int], bool] | None = None,
    ) -> int:
        """Nothing is written when cancelled: the file is replaced only when complete."""
        people = self._people_in_windows(f, progress)
        try:
            write_atomically(Path(path), write_cards(people, version))
        except OSError as exc:
            raise file_problem(path, exc) from None
        return len(people)

    def export_csv(
        self,
        path: Path,
        f: PersonFilter | None = None,
        comma: bool = False,
        progress: Callable[[int, int], bool] | None = None,
    ) -> int:
        rows = []
        for p in self._people_in_windows(f, progress):
            role = next((r for r in p.roles if r.current), None)
            rows.append(
                [
                    p.titles,
                    p.initials,
                    p.first_name,
                    p.particle,
                    p.surname,
                    p.gender,
                    "; ".join(p.emails),
                    "; ".join(p.phones),
                    role.organisation if role else "",
                    role.role if role else "",
                    role.portfolio if role else "",
                    "; ".join(p.tags),
                    p.notes,
                ]
            )
        try:
            write_atomically(Path(path), write_rows(rows, comma))
        except OSError as exc:
            raise file_problem(path, exc) from None
        return len(rows)


def import_changes() -> Changes:
    return Changes.of("person", "organisation", "role", "tag")
