"""Import of persons from CSV and vCard files: all or nothing, with a report per line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Executable,
    Table,
    bindparam,
    func,
    insert,
    select,
)
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lobbycrm.core import names
from lobbycrm.core.collector import collector_paused
from lobbycrm.core.enums import Gender
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.files import file_problem
from lobbycrm.core.i18n import _, ngettext
from lobbycrm.core.parallel import AsideFailed, can_fork, streamed
from lobbycrm.core.validation import check_email, check_phone, parse_date
from lobbycrm.db.audit import bulk_insert, bulk_inserts_combined, session_author
from lobbycrm.db.bulkload import indexes_built_after
from lobbycrm.db.engine import all_or_nothing
from lobbycrm.db.models import ContactPoint, Organisation, Person, Role, Tag, person_tag
from lobbycrm.interchange.csvfile import CsvError, CsvRow, iter_rows
from lobbycrm.interchange.vcard import read_cards
from lobbycrm.services.changes import Changes
from lobbycrm.services.people import (
    PersonInput,
    apply_person,
    stored_keys,
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
# A file of this many lines or more is read and checked by a second process while the
# command line writes it (see _streamed), which sends the rows in parts of STREAM_PART.
PARALLEL_FROM = 10_000
STREAM_PART = 5_000
# The tables an import writes in bulk.
_BULK_TABLES = ("person", "contact_point", "role", "person_tag")
# The lengths the database columns take (organisation name, role, portfolio).
_ORGANISATION_MAX, _ROLE_MAX, _PORTFOLIO_MAX = 300, 100, 200
T = TypeVar("T")


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

    def refusal(self) -> str:
        """'Nothing was imported: 3 rows rejected.', counting rows, not their problems."""
        n = len({r.line for r in self.rejected})
        return ngettext(
            "Nothing was imported: {n} row rejected.",
            "Nothing was imported: {n} rows rejected.",
            n,
        ).format(n=n)


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
    # (sort key, search text) worked out beforehand (see _streamed), else None
    keys: tuple[str, str] | None = None


_INPUT_FIELDS = attrgetter(*(f.name for f in fields(PersonInput)))


def _flat(p: _Parsed) -> tuple[Any, ...]:
    """A parsed row as plain values, to cross from one process to another (see marshal)."""
    return (
        p.line,
        _INPUT_FIELDS(p.person),
        p.org_id,
        p.org_name,
        p.role,
        p.portfolio,
        None if p.start is None else p.start.toordinal(),
        None if p.end is None else p.end.toordinal(),
        p.keys,
    )


def _unflat(values: Sequence[Any]) -> _Parsed:
    line, person, org_id, org_name, role, portfolio, start, end, keys = values
    return _Parsed(
        line,
        PersonInput(*person),
        org_id,
        org_name,
        role,
        portfolio,
        None if start is None else dt.date.fromordinal(start),
        None if end is None else dt.date.fromordinal(end),
        None if keys is None else tuple(keys),
    )


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
    if ";" not in value and "," not in value:
        return [value.strip()] if value.strip() else []
    return [p.strip() for p in value.replace(",", ";").split(";") if p.strip()]


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class _Stored:
    """A matched person as stored: its fields and the (organisation, role, portfolio) it has."""

    person: PersonInput
    roles: set[tuple[int | None, str, str]] = field(default_factory=set)


def _merge(old: PersonInput, new: PersonInput) -> PersonInput:
    """What an import row makes of a stored person: names from the file, given parts and
    notes kept when the file leaves them empty, contact points and tags added."""
    return PersonInput(
        surname=new.surname,
        particle=new.particle,
        initials=new.initials or old.initials,
        first_name=new.first_name or old.first_name,
        titles=new.titles or old.titles,
        gender=new.gender if new.gender != "onbekend" else old.gender,
        notes=new.notes or old.notes,
        particle_is_surname=old.particle_is_surname,
        emails=old.emails
        + [e for e in new.emails if e.lower() not in {x.lower() for x in old.emails}],
        phones=old.phones + [x for x in new.phones if x not in old.phones],
        addresses=old.addresses,
        tags=old.tags + [t.lower() for t in new.tags if t.lower() not in old.tags],
    )


def _unchanged(old: PersonInput, new: PersonInput) -> bool:
    """Whether `_merge(old, new) == old`, without making the merged person (a re-import of
    an unchanged file asks it 100,000 times): same names, the given parts and notes the file
    has the same as stored, its gender unknown or the same, and its e-mail addresses, phone
    numbers and tags all stored already."""
    if new.surname != old.surname or new.particle != old.particle:
        return False
    if old.own_salutation is not None:  # the merged person leaves it unsaid (None)
        return False
    for given, stored in (
        (new.initials, old.initials),
        (new.first_name, old.first_name),
        (new.titles, old.titles),
        (new.notes, old.notes),
    ):
        if given and given != stored:
            return False
    if new.gender != "onbekend" and new.gender != old.gender:
        return False
    if new.emails and not {e.lower() for e in new.emails} <= {e.lower() for e in old.emails}:
        return False
    if new.phones and not set(new.phones) <= set(old.phones):
        return False
    return not new.tags or {t.lower() for t in new.tags} <= set(old.tags)


def _new_keys(p: _Parsed, by_email: dict[str, int]) -> tuple[str, str] | None:
    """The sort key and search text of a row that will be a new person; None for a row
    whose e-mail address is stored already (its person is updated instead)."""
    d = p.person
    if any(e.lower() in by_email for e in d.emails):
        return None
    return stored_keys(_parts(d), d.emails)


def _sort_key(p: _Parsed) -> str:
    return p.keys[0] if p.keys is not None else names.sort_key(_parts(p.person))


def _parts(d: PersonInput) -> names.NameParts:
    return names.NameParts(
        surname=d.surname,
        particle=d.particle,
        initials=d.initials,
        first_name=d.first_name,
        titles=d.titles,
    )


# What a re-import compares with, read for a chunk of matched persons at a time: by id range
# when the chunk's ids lie close together (re-importing a file the import made: consecutive
# ids), else by the ids themselves, one expanding parameter. A range is two plain parameters;
# expanding 2,000 ids into the statement cost more than reading the rows.
_IDS: BindParameter[int] = bindparam("ids", expanding=True)
_LOW: BindParameter[int] = bindparam("low")
_HIGH: BindParameter[int] = bindparam("high")


def _stored_queries(
    person_id: Callable[[Any], ColumnElement[bool]],
) -> tuple[Executable, Executable, Executable, Executable]:
    """Persons, contact points, tags and roles of the persons whose id `person_id` selects."""
    persons = select(
        Person.id,
        Person.surname,
        Person.particle,
        Person.initials,
        Person.first_name,
        Person.titles,
        Person.gender,
        Person.notes,
        Person.particle_is_surname,
    ).where(person_id(Person.id))
    contacts = (
        select(ContactPoint.person_id, ContactPoint.kind, ContactPoint.value)
        .where(person_id(ContactPoint.person_id))
        .order_by(ContactPoint.person_id, ContactPoint.is_primary.desc(), ContactPoint.id)
    )
    tags = (
        select(person_tag.c.person_id, Tag.name)
        .join(Tag, Tag.id == person_tag.c.tag_id)
        .where(person_id(person_tag.c.person_id))
        .order_by(person_tag.c.person_id, Tag.name)
    )
    roles = select(Role.person_id, Role.organisation_id, Role.role, Role.portfolio).where(
        person_id(Role.person_id)
    )
    return persons, contacts, tags, roles


_STORED_BY_IDS = _stored_queries(lambda column: column.in_(_IDS))
_STORED_BY_RANGE = _stored_queries(lambda column: column.between(_LOW, _HIGH))


class ImportService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # --- reading ---------------------------------------------------------------------

    def _parse(
        self,
        rows: Iterable[CsvRow],
        orgs: dict[str, list[int]],
        create_orgs: bool,
        report: ImportReport,
        seen_emails: dict[str, int] | None = None,
    ) -> list[_Parsed]:
        """Every row checked, value by value; the values come cleaned from the reader (the
        edge where they enter), so here they are parsed and their lengths checked.
        `seen_emails` (address -> line) holds the addresses of the rows checked before, when
        a file is checked in parts."""
        out: list[_Parsed] = []
        seen_emails = {} if seen_emails is None else seen_emails
        rejected = report.rejected
        for row in rows:
            if row.problems:
                for column, reason in row.problems:
                    rejected.append(Rejection(row.line, column, reason))
                continue
            v = row.values
            problems, emails, phones, dates = self._checked(row, v, seen_emails)
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
                missing = "surname" if "surname" in row.columns else "name"
                self._reject(row, [(missing, _("surname is missing"))], report)
                continue
            # 'mevrouw drs. A.J. Jansen' in the name column says the gender too; a gender
            # column says it first.
            gender = name_gender or "onbekend"
            if "gender" in v:
                try:
                    gender = _gender(v["gender"])
                except ValidationError as exc:
                    self._reject(row, [("gender", exc.reason)], report)
                    continue
            # Checked here because they go into the database without validate_person; the
            # reader cleaned them, so only their length is left to check.
            org_name = v.get("organisation", "")
            role_text = v.get("role", "")
            portfolio = v.get("portfolio", "")
            if (
                len(org_name) > _ORGANISATION_MAX
                or len(role_text) > _ROLE_MAX
                or len(portfolio) > _PORTFOLIO_MAX
            ):
                too_long = [
                    (key, _("is longer than {n} characters").format(n=limit))
                    for key, text, limit in (
                        ("organisation", org_name, _ORGANISATION_MAX),
                        ("role", role_text, _ROLE_MAX),
                        ("portfolio", portfolio, _PORTFOLIO_MAX),
                    )
                    if len(text) > limit
                ]
                self._reject(row, [*problems, *too_long], report)
                continue
            role_name = role_text.lower()
            org_id = None
            if org_name:
                found = orgs.get(org_name.casefold(), [])
                if len(found) > 1:
                    problems.append(
                        (
                            "organisation",
                            _("{name} matches more than one organisation").format(name=org_name),
                        )
                    )
                elif found:
                    org_id = found[0]
                elif not create_orgs:
                    problems.append(
                        (
                            "organisation",
                            _("unknown organisation {name} (use --create-orgs to add it)").format(
                                name=org_name
                            ),
                        )
                    )
            elif "role" in v:
                problems.append(("role", _("a role needs an organisation column")))
            if problems:
                self._reject(row, problems, report)
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
                        tags=_split(v["tags"]) if "tags" in v else [],
                    ),
                    cleaned=True,
                )
            except ValidationError as exc:
                rejected.append(
                    Rejection(row.line, row.columns.get(exc.field, exc.field), exc.reason)
                )
                continue
            out.append(
                _Parsed(
                    row.line,
                    person,
                    org_id,
                    org_name,
                    role_name,
                    portfolio,
                    dates.get("start"),
                    dates.get("end"),
                )
            )
        return out

    @staticmethod
    def _checked(
        row: CsvRow, v: dict[str, str], seen_emails: dict[str, int]
    ) -> tuple[list[tuple[str, str]], list[str], list[str], dict[str, dt.date]]:
        """A row's e-mail addresses, phone numbers and dates checked, with what is wrong with
        them as (field, reason)."""
        problems: list[tuple[str, str]] = []
        emails: list[str] = []
        phones: list[str] = []
        if "email" in v:
            for e in _split(v["email"]):
                try:
                    checked = check_email("e-mail", e)
                except ValidationError:
                    problems.append(("email", _("not a valid e-mail address") + f" ({e})"))
                    continue
                emails.append(checked)
                first_line = seen_emails.setdefault(checked.lower(), row.line)
                if first_line != row.line:
                    problems.append(
                        (
                            "email",
                            _("{email} is also on line {line}").format(
                                email=checked, line=first_line
                            ),
                        )
                    )
        if "phone" in v:
            for ph in _split(v["phone"]):
                try:
                    phones.append(check_phone("phone", ph))
                except ValidationError:
                    problems.append(("phone", _("not a valid phone number") + f" ({ph})"))
        dates: dict[str, dt.date] = {}
        for key in ("start", "end"):
            if key in v:
                try:
                    dates[key] = parse_date(key, v[key])
                except ValidationError as exc:
                    problems.append((key, f"{exc.reason} ({v[key]})"))
        if "start" in dates and "end" in dates and dates["end"] < dates["start"]:
            problems.append(
                ("end", _("end lies before start ({start})").format(start=dates["start"]))
            )
        return problems, emails, phones, dates

    @staticmethod
    def _reject(row: CsvRow, problems: list[tuple[str, str]], report: ImportReport) -> None:
        for fieldname, reason in problems:
            report.rejected.append(
                Rejection(row.line, row.columns.get(fieldname, fieldname), reason)
            )

    # --- import ------------------------------------------------------------------------

    def import_csv(
        self,
        path: Path,
        dry_run: bool = False,
        on_match: str = "update",
        create_orgs: bool = False,
        progress: Callable[[int, int], bool] | None = None,
        mapping: dict[str, str | None] | None = None,
        parallel: bool = False,
    ) -> ImportReport:
        """Apply every accepted row in one transaction, or nothing when a row is rejected.

        `mapping` (column name -> field, or None to ignore a column) overrides the guesses.
        `parallel` lets a large file be checked in a second process while this one writes
        it (see _streamed): for a program with one thread, as the command line is; the
        desktop app imports in a thread of its own.
        """
        if on_match not in ("update", "skip"):
            raise ValidationError("--on-match", on_match, _("must be update or skip"))

        def reader(data: bytes, source: str) -> Iterable[CsvRow]:
            return iter_rows(data, source, mapping)

        return self._import(path, reader, dry_run, on_match, create_orgs, progress, parallel)

    def import_vcard(
        self,
        path: Path,
        dry_run: bool = False,
        on_match: str = "update",
        create_orgs: bool = False,
        progress: Callable[[int, int], bool] | None = None,
        parallel: bool = False,
    ) -> ImportReport:
        """Contacts from a .vcf file (vCard 3.0 or 4.0), same rules as a CSV import."""
        if on_match not in ("update", "skip"):
            raise ValidationError("--on-match", on_match, _("must be update or skip"))
        return self._import(path, read_cards, dry_run, on_match, create_orgs, progress, parallel)

    def _import(
        self,
        path: Path,
        reader: Callable[[bytes, str], Iterable[CsvRow]],
        dry_run: bool,
        on_match: str,
        create_orgs: bool,
        progress: Callable[[int, int], bool] | None,
        parallel: bool = False,
    ) -> ImportReport:
        path = Path(path)
        # 100,000 rows make millions of small objects that all stay alive until the end:
        # the cyclic collector would walk them again and again for nothing.
        with collector_paused():
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise file_problem(path, exc) from None
            lines = data.count(b"\n")
            if parallel and lines >= PARALLEL_FROM and can_fork():
                try:
                    return self._import_rows(
                        path,
                        lambda: reader(data, str(path)),
                        lines,
                        dry_run,
                        on_match,
                        create_orgs,
                        None,
                        in_parts=True,
                    )
                except AsideFailed:
                    pass  # rolled back: the whole import is done again, in this process alone
            try:
                rows = list(reader(data, str(path)))
            except CsvError as exc:
                raise LobbyError(str(exc)) from None
            return self._import_rows(
                path,
                lambda: rows,
                len(rows),
                dry_run,
                on_match,
                create_orgs,
                progress,
                in_parts=False,
            )

    def _import_rows(
        self,
        path: Path,
        read: Callable[[], Iterable[CsvRow]],
        expected: int,
        dry_run: bool,
        on_match: str,
        create_orgs: bool,
        progress: Callable[[int, int], bool] | None,
        *,
        in_parts: bool,
    ) -> ImportReport:
        """The rows `read` gives (about `expected` of them) checked and written in one
        transaction, or nothing when a row is refused; `in_parts` reads and checks them in a
        second process while this one writes (see _streamed)."""
        report = ImportReport(str(path), dry_run)
        with all_or_nothing(self._sessions) as s:
            orgs: dict[str, list[int]] = {}
            for oid, name, short in s.execute(
                select(Organisation.id, Organisation.name, Organisation.short_name)
            ):
                for key in {name.casefold(), short.casefold()} - {""}:
                    orgs.setdefault(key, []).append(oid)
            # The stored e-mail addresses (lower case) and their persons, in one query.
            by_email = {
                key: pid
                for key, pid in s.connection().execute(
                    select(ContactPoint.value_key, ContactPoint.person_id).where(
                        ContactPoint.kind == "email", ContactPoint.person_id.is_not(None)
                    )
                )
                if pid is not None
            }
            # Rows match the persons stored before the import, never one it adds.
            stored = s.scalar(select(func.max(Person.id))) or 0
            if in_parts:
                self._streamed(
                    s, read, expected, orgs, by_email, stored, create_orgs, on_match, report
                )
            else:
                parsed = self._parse(read(), orgs, create_orgs, report)
                if not report.rejected:
                    self._apply(s, parsed, orgs, by_email, stored, on_match, report, progress)
            if not (report.rejected or dry_run):
                s.commit()
        return report

    def _streamed(
        self,
        s: Session,
        read: Callable[[], Iterable[CsvRow]],
        expected: int,
        orgs: dict[str, list[int]],
        by_email: dict[str, int],
        stored: int,
        create_orgs: bool,
        on_match: str,
        report: ImportReport,
    ) -> None:
        """Read and check the rows in a forked copy of this process (core.parallel) while this
        one writes what it has checked, part by part.

        The copy reads the file and checks every row in order, as `_parse` checks a whole
        file (one set of addresses seen), and works out the sort key and search text of the
        rows that will be new persons; it sends each part's rows, or the refusals, as plain
        values. Parts are matched and written here as they come, in file order, so persons get
        the ids, new organisations and tags the order, and the change log the counts, of an
        import written at once (bulk inserts logged as one entry per table). Once a row is
        refused nothing more is written; the refusals of the later parts are still collected,
        and the caller rolls it all back: the report is the one `_parse` gives. A file that
        cannot be read (its encoding, header or quoting) is refused with the reader's message,
        and nothing is kept. When the copy fails, AsideFailed reaches the caller, which rolls
        back and imports in one process.
        """

        def check(send: Callable[[Any], None]) -> None:
            seen: dict[str, int] = {}
            refused = False
            number = 0

            def part_checked(rows: list[CsvRow]) -> None:
                nonlocal refused, number
                part = ImportReport(report.source, report.dry_run)
                parsed = self._parse(rows, orgs, create_orgs, part, seen)
                refused = refused or bool(part.rejected)
                if refused:
                    send(([], [(r.line, r.column, r.reason) for r in part.rejected], None))
                else:
                    if number % 2 == 0:  # the writing process makes the others' (see _insert)
                        for p in parsed:
                            p.keys = _new_keys(p, by_email)
                    send(([_flat(p) for p in parsed], [], None))
                number += 1

            rows: list[CsvRow] = []
            # Small parts first, growing to STREAM_PART: writing starts soon, and the writing
            # process has the next part by the time it is done with one.
            size = STREAM_PART // 10
            try:
                for row in read():
                    rows.append(row)
                    if len(rows) == size:
                        part_checked(rows)
                        rows, size = [], min(2 * size, STREAM_PART)
            except CsvError as exc:
                send(([], [], str(exc)))
                return
            part_checked(rows)

        with (
            indexes_built_after(s, _BULK_TABLES, expected),
            bulk_inserts_combined(s),
            streamed(check) as parts,
        ):
            for flat, refusals, unreadable in parts:
                if unreadable is not None:
                    raise LobbyError(unreadable)
                report.rejected.extend(Rejection(*r) for r in refusals)
                if not report.rejected:
                    parsed = [_unflat(values) for values in flat]
                    self._apply(s, parsed, orgs, by_email, stored, on_match, report, None)
        if report.rejected:  # nothing is written: as if the rows had been checked first
            report.added = report.updated = report.unchanged = report.skipped = 0
            report.created_orgs.clear()

    def _apply(
        self,
        s: Session,
        parsed: list[_Parsed],
        orgs: dict[str, list[int]],
        by_email: dict[str, int],
        stored: int,
        on_match: str,
        report: ImportReport,
        progress: Callable[[int, int], bool] | None,
    ) -> None:
        """Match the checked rows with the persons stored before the import (ids up to
        `stored`), update or skip those, and add the others."""
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
        # Everything else the matching needs, each in one query (not one per row).
        tags = {name: tid for tid, name in s.execute(select(Tag.id, Tag.name))}
        # Rows without an e-mail address match on the whole name, when that is unambiguous.
        by_name: dict[str, list[int]] = {}
        wanted = {_sort_key(p) for p in parsed if not p.person.emails} if stored else set()
        for keys in _chunks(sorted(wanted), BATCH):
            for pid, key in (
                s.connection()
                .execute(
                    select(Person.id, Person.sort_key).where(
                        Person.sort_key.in_(keys), Person.id <= stored
                    )
                )
                .all()
            ):
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
                same = by_name.get(_sort_key(p), [])
                match = same[0] if len(same) == 1 else None
            if match is None:
                new.append(p)
            elif on_match == "skip":
                report.skipped += 1
            else:
                matched.append((match, p))
        for chunk in _chunks(matched, BATCH):
            changed = self._changed(s, chunk, report)
            if not changed:
                continue
            loaded = {
                person.id: person
                for person in s.scalars(
                    select(Person)
                    .where(Person.id.in_([pid for pid, _p in changed]))
                    .options(
                        selectinload(Person.contacts),
                        selectinload(Person.roles),
                        selectinload(Person.tags),
                    )
                )
            }
            for pid, p in changed:
                self._update(s, loaded[pid], p, report)
        if new:
            self._insert(s, new, tags)
        report.added += len(new)

    def _changed(
        self, s: Session, chunk: Sequence[tuple[int, _Parsed]], report: ImportReport
    ) -> list[tuple[int, _Parsed]]:
        """The matched rows that would change their person; the others are counted unchanged.

        Read with plain queries (four for the whole chunk): loading every matched person as an
        ORM object is what made re-importing an unchanged file slow."""
        wanted = {pid for pid, _p in chunk}
        low, high = min(wanted), max(wanted)
        queries, ids = (
            (_STORED_BY_RANGE, {"low": low, "high": high})
            if high - low < 2 * len(wanted)
            else (_STORED_BY_IDS, {"ids": sorted(wanted)})
        )
        persons, contacts, tags, roles = queries
        stored: dict[int, _Stored] = {}
        connection = s.connection()
        # Plain rows straight from the connection: no ORM result handling for 100,000 rows.
        for row in connection.execute(persons, ids).all():
            if row[0] in wanted:
                stored[row[0]] = _Stored(PersonInput(*row[1:]))
        for pid, kind, value in connection.execute(contacts, ids).all():
            found = stored.get(pid) if pid is not None else None
            if found is not None:
                person = found.person
                if kind == "email":
                    person.emails.append(value)
                elif kind == "phone":
                    person.phones.append(value)
                else:
                    person.addresses.append(value)
        for pid, name in connection.execute(tags, ids).all():
            if pid in stored:
                stored[pid].person.tags.append(name)
        for pid, org_id, role, portfolio in connection.execute(roles, ids).all():
            if pid in stored:
                stored[pid].roles.add((org_id, role, portfolio))
        out = []
        for pid, p in chunk:
            old = stored[pid]
            has_role = p.org_id is None or (p.org_id, p.role or "lid", p.portfolio) in old.roles
            if has_role and (
                _unchanged(old.person, p.person)
                or validate_person(_merge(old.person, p.person)) == validate_person(old.person)
            ):
                report.unchanged += 1
            else:
                out.append((pid, p))
        return out

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
            particle_is_surname=person.particle_is_surname,
            tags=[t.name for t in person.tags],
        )
        merged = _merge(old, p.person)
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
        """New persons with one prepared statement per table: the ORM unit of work is too slow
        for 100,000 rows. On SQLite their ids are given here: the transaction holds the write
        lock (BEGIN IMMEDIATE), so the largest id read here stays the largest until it
        commits. Other databases hand out the ids (RETURNING)."""
        person_table = cast(Table, Person.__table__)
        now = dt.datetime.now(dt.UTC)
        stamp = {"created_at": now, "updated_at": now}
        sqlite = s.connection().dialect.name == "sqlite"
        next_id = 0
        if sqlite:
            # A larger page cache for this connection: four tables and their indexes grow.
            s.connection().exec_driver_sql("PRAGMA cache_size=-65536")
            next_id = (s.scalar(select(func.max(Person.id))) or 0) + 1
        columns = (
            "titles",
            "initials",
            "first_name",
            "particle",
            "surname",
            "gender",
            "notes",
            "sort_key",
            "search_text",
        )
        person_rows: list[tuple[object, ...]] = []
        for p in batch:
            d = p.person
            person_rows.append(
                (
                    d.titles,
                    d.initials,
                    d.first_name,
                    d.particle,
                    d.surname,
                    d.gender,
                    d.notes,
                    *(p.keys or stored_keys(_parts(d), d.emails)),
                )
            )
        same = {
            **stamp,
            "row_version": 1,
            "updated_by": session_author(s),
            "particle_is_surname": False,
        }
        with indexes_built_after(s, _BULK_TABLES, len(batch)):
            ids: list[int]
            if sqlite:
                ids = list(range(next_id, next_id + len(batch)))
                person_rows = [(pid, *row) for pid, row in zip(ids, person_rows, strict=True)]
                bulk_insert(s, person_table, person_rows, same, columns=("id", *columns))
            else:
                ids = list(
                    s.scalars(
                        insert(person_table).returning(
                            person_table.c.id, sort_by_parameter_order=True
                        ),
                        [{**dict(zip(columns, r, strict=True)), **same} for r in person_rows],
                    )
                )
            contacts: list[tuple[object, ...]] = []
            roles: list[tuple[object, ...]] = []
            links: list[tuple[object, ...]] = []
            for pid, p in zip(ids, batch, strict=True):
                d = p.person
                first = True
                for value in d.emails:
                    contacts.append((pid, "email", value, value.lower(), first))
                    first = False
                first = True
                for value in d.phones:
                    contacts.append((pid, "phone", value, "", first))
                    first = False
                if p.org_id is not None:
                    roles.append((pid, p.org_id, p.role or "lid", p.portfolio, p.start, p.end))
                for tag in dict.fromkeys(t.lower() for t in d.tags):
                    if tag not in tags:
                        new_tag = Tag(name=tag)
                        s.add(new_tag)
                        s.flush()
                        tags[tag] = new_tag.id
                    links.append((pid, tags[tag]))
            bulk_insert(
                s,
                cast(Table, ContactPoint.__table__),
                contacts,
                {**stamp, "label": ""},
                columns=("person_id", "kind", "value", "value_key", "is_primary"),
            )
            bulk_insert(
                s,
                cast(Table, Role.__table__),
                roles,
                stamp,
                columns=(
                    "person_id",
                    "organisation_id",
                    "role",
                    "portfolio",
                    "start_date",
                    "end_date",
                ),
            )
            bulk_insert(s, person_tag, links, columns=("person_id", "tag_id"))


def import_changes() -> Changes:
    return Changes.of("person", "organisation", "role", "tag")
