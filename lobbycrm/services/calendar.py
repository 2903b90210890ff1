"""Calendar use cases: export to .ics, import from other calendars, the self-updating feed."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.core import labels
from lobbycrm.core.enums import EventKind
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.files import file_problem, write_atomically
from lobbycrm.core.i18n import N_, _
from lobbycrm.core.validation import check_order
from lobbycrm.db.engine import all_or_nothing
from lobbycrm.db.models import Event, Organisation
from lobbycrm.ical import CalEvent, IcsError, ParsedEvent, build_calendar, parse_calendar
from lobbycrm.services.changes import Changes
from lobbycrm.services.dto import EventRow
from lobbycrm.services.events import EventInput, EventService, apply_event
from lobbycrm.services.lookup import find_organisation
from lobbycrm.services.settings import SettingsService

FEED_KEY = "calendar.feed_path"
log = logging.getLogger(__name__)

# Words in a title that tell the kind of an imported event (Dutch parliamentary agendas).
_KIND_WORDS = [
    ("wetgevingsoverleg", EventKind.LEGISLATIVE_CONSULTATION),
    ("commissiedebat", EventKind.COMMITTEE_DEBATE),
    ("plenair", EventKind.PLENARY_DEBATE),
    ("stemming", EventKind.VOTE),
    ("inbreng", EventKind.WRITTEN_ROUND_DEADLINE),
    ("voorlopig verslag", EventKind.WRITTEN_ROUND_DEADLINE),
    ("deadline", EventKind.DEADLINE),
    ("overleg", EventKind.MEETING),
    ("afspraak", EventKind.MEETING),
]


@dataclass(frozen=True)
class ExportSelection:
    start: dt.date | None = None
    end: dt.date | None = None
    kind: str | None = None
    organisation: str | None = None  # includes the organisation's committees and groups
    dossier_id: int | None = None


@dataclass
class ImportReport:
    source: str
    dry_run: bool
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def kind_label(kind: str) -> str:
    return labels.label(labels.EVENT_KIND, kind)


def guess_kind(categories: tuple[str, ...], title: str) -> str | None:
    """Our own CATEGORIES (Dutch or English label, or the code), else words in the title."""
    by_label: dict[str, str] = {}
    for kind, label in labels.EVENT_KIND.items():
        by_label[label.casefold()] = kind
        by_label[_(label).casefold()] = kind
        by_label[kind] = kind
    for cat in categories:
        if cat.strip().casefold() in by_label:
            return by_label[cat.strip().casefold()]
    lowered = title.casefold()
    for word, kind in _KIND_WORDS:
        if word in lowered:
            return kind.value
    return None


_HEADER_LABELS = (N_("Dossier: {title}"), N_("Organisation: {name}"), N_("Location: {place}"))


def _header_prefixes() -> tuple[str, ...]:
    """The starts of the lines `to_cal_event` puts above the description, in both languages."""
    english = [label.split("{")[0] for label in _HEADER_LABELS]
    return tuple({*english, *(_(label).split("{")[0] for label in _HEADER_LABELS)})


def strip_export_header(description: str) -> str:
    """The officer's own description from a DESCRIPTION this program wrote.

    Without this an export -> change elsewhere -> import round trip would pile a new copy of the
    dossier/organisation/location lines onto the description each time.
    """
    lines = description.split("\n")
    prefixes = _header_prefixes()
    n = 0
    while n < len(lines) and lines[n].startswith(prefixes):
        n += 1
    if n == 0:
        return description
    if n == len(lines):
        return ""
    if lines[n].strip() == "":
        return "\n".join(lines[n + 1 :])
    return description


def to_cal_event(r: EventRow) -> CalEvent:
    lines = []
    if r.dossier:
        lines.append(
            _(_HEADER_LABELS[0]).format(title=r.dossier)
            + (f" ({_('kamerstuk')} {r.kamerstuk})" if r.kamerstuk else "")
        )
    if r.organisation:
        lines.append(_(_HEADER_LABELS[1]).format(name=r.organisation))
    if r.location:
        lines.append(_(_HEADER_LABELS[2]).format(place=r.location))
    if r.description:
        lines.extend(["", r.description])
    return CalEvent(
        uid=r.uid,
        sequence=r.sequence,
        title=r.title,
        category=kind_label(r.kind),
        status=r.status,
        all_day=r.all_day,
        start=r.start,
        end=r.end,
        location=r.location,
        description="\n".join(lines),
        reminders=tuple(r.reminders),
        last_modified=r.updated_at,
        timezone=r.timezone,
    )


def _input_from(p: ParsedEvent, kind: str | None) -> EventInput:
    data = EventInput(
        title=p.title[:500],
        kind=kind,
        location=p.location[:300],
        description=p.description,
        status=p.status,
        reminders=list(p.reminders),
    )
    if p.all_day:
        assert isinstance(p.start, dt.date)
        data.date = p.start
        data.end_date = p.end if isinstance(p.end, dt.date) else None
    else:
        assert isinstance(p.start, dt.datetime)
        data.start = p.start
        data.end = p.end if isinstance(p.end, dt.datetime) else None
    return data


class CalendarService:
    def __init__(
        self, sessions: sessionmaker[Session], events: EventService, settings: SettingsService
    ) -> None:
        self._sessions = sessions
        self._events = events
        self._settings = settings
        # Why the last feed rewrite failed (None when it worked), for the interface to show.
        self.feed_error: str | None = None

    # --- export ----------------------------------------------------------------------

    def _org_ids(self, name: str) -> set[int]:
        """The organisation and everything under it (one recursive query, no whole table)."""
        with self._sessions() as s:
            root = find_organisation(s, name).id
            tree = select(Organisation.id).where(Organisation.id == root).cte(recursive=True)
            tree = tree.union(select(Organisation.id).where(Organisation.parent_id == tree.c.id))
            return set(s.scalars(select(tree.c.id)))

    def selected(self, sel: ExportSelection, limit: int | None = None) -> list[EventRow]:
        """The events of the selection sorted by start; with `limit`, the first ones only."""
        check_order(_("end date"), sel.start, sel.end)
        return self._events.list(
            start=sel.start,
            end=sel.end,
            kind=sel.kind,
            dossier_id=sel.dossier_id,
            organisation_ids=self._org_ids(sel.organisation) if sel.organisation else None,
            limit=limit,
        )

    def export_bytes(
        self, sel: ExportSelection | None = None, stamp: dt.datetime | None = None
    ) -> tuple[bytes, int]:
        # A damaged row (a date that is no date, say) is left out rather than written wrong.
        rows = [r for r in self.selected(sel or ExportSelection()) if not r.damaged]
        return build_calendar((to_cal_event(r) for r in rows), stamp=stamp), len(rows)

    def export(self, path: Path, sel: ExportSelection | None = None) -> int:
        data, count = self.export_bytes(sel)
        try:
            write_atomically(path, data)
        except OSError as exc:
            raise file_problem(path, exc) from None
        return count

    # --- feed ------------------------------------------------------------------------

    def feed_path(self) -> Path | None:
        value = self._settings.get(FEED_KEY)
        return Path(value) if value else None

    def set_feed(self, path: Path | None) -> Changes:
        """Keep the feed at `path` (None: stop); a path that cannot be written is refused."""
        if path:
            path = Path(path).expanduser().resolve()
            self.export(path)
            self.feed_error = None
        return self._settings.set(FEED_KEY, str(path) if path else "")

    def refresh_feed(self, _changes: Changes | None = None) -> None:
        """Rewrite the feed file (all events, cancelled ones included) if one is set.

        Runs after the change is committed, so a feed that cannot be written (synced folder
        gone, disk full) must not make the change look failed: it is logged and kept in
        `feed_error` instead of raised.
        """
        path = self.feed_path()
        if path is None:
            return
        try:
            self.export(path)
        except LobbyError as exc:
            self.feed_error = _("calendar feed not updated: {reason}").format(reason=exc)
            log.warning("%s", self.feed_error)
        else:
            self.feed_error = None

    # --- import ----------------------------------------------------------------------

    def import_file(self, path: Path, dry_run: bool = False) -> ImportReport:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise file_problem(path, exc) from None
        return self.import_bytes(data, str(path), dry_run)

    def import_bytes(self, data: bytes, source: str, dry_run: bool = False) -> ImportReport:
        try:
            parsed = parse_calendar(data, source)
        except IcsError as exc:
            raise LobbyError(str(exc)) from None
        report = ImportReport(source, dry_run, skipped=list(parsed.skipped))
        with all_or_nothing(self._sessions) as s:
            for p in parsed.events:
                kind = guess_kind(p.categories, p.title)
                existing = s.scalar(select(Event).where(Event.uid == p.uid))
                label = f"{p.title} ({p.uid})"
                try:
                    if existing is None:
                        e = Event(
                            uid=p.uid,
                            sequence=p.sequence,
                            kind="other",
                            title="",
                            location="",
                            status="confirmed",
                        )
                        apply_event(s, e, _input_from(p, kind or EventKind.OTHER.value), True)
                        s.add(e)
                        report.added.append(label)
                    elif p.sequence > existing.sequence:
                        changed = _input_from(p, kind)
                        changed.description = strip_export_header(p.description)
                        apply_event(s, existing, changed, False)
                        existing.sequence = p.sequence
                        report.updated.append(label)
                    else:
                        report.unchanged.append(label)
                except ValidationError as exc:
                    raise LobbyError(f"{source}: {label}: {exc}") from None
                s.flush()
            if not dry_run:
                s.commit()
        if not dry_run and (report.added or report.updated):
            self._events._changed(Changes.of("event"))
        return report
