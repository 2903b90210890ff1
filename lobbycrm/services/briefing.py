"""The debate briefing: where the vote stands, whom to call, what they were sent; PDF or HTML.

The first page says where the vote stands (the seat bar, the verdict and the groups to call
first) and then lists every party group of the chamber or council, largest first, with its
seats, its stance and where that comes from, and its spokespersons with phone, e-mail and
the last letter that really went out. One document model feeds both the PDF and the HTML.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
from pathlib import Path

from lobbycrm.core import labels
from lobbycrm.core.document import (
    Block,
    BulletList,
    Cell,
    Column,
    Document,
    Figure,
    Heading,
    Line,
    Paragraph,
    Span,
    Table,
    cell,
    line,
    to_html,
)
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.filenames import dated_name
from lobbycrm.core.files import FileProblem, file_problem, write_atomically
from lobbycrm.core.i18n import _, datum, getal, language, ngettext, time_of_day
from lobbycrm.core.partial_dates import DatePrecision, partial_date_text
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.resources_path import resource_path
from lobbycrm.services.briefing_lines import contact_lines, group_cell, history_text, short
from lobbycrm.services.dossiers import MotionService
from lobbycrm.services.dto import EventRow
from lobbycrm.services.events import EventService
from lobbycrm.services.interactions import InteractionService
from lobbycrm.services.involved import InvolvedService
from lobbycrm.services.majority import GroupCount, MajorityCount, Targets, decisive_groups
from lobbycrm.services.majority_words import (
    day_text,
    stance_source_text,
    stance_word,
    targets_sentence,
    verdict_sentence,
)
from lobbycrm.services.planning import PlanningService, StanceRow
from lobbycrm.services.plenary_contacts import Contact, DebateContacts
from lobbycrm.services.seatbar import HEIGHT, LIGHT_COLOURS, ORDER, WIDTH, svg

DEADLINE_KINDS = ("deadline", "written-round-deadline", "vote")
STANCE_FILLS = LIGHT_COLOURS
HISTORY_LIMIT = 8
STANCE_HISTORY_LIMIT = 30
FORMATS = (".pdf", ".html", ".htm")


def _when(e: EventRow) -> str:
    if isinstance(e.start, dt.datetime):
        end = f" – {time_of_day(e.end)}" if isinstance(e.end, dt.datetime) else ""
        return f"{datum(e.start, language())}, {time_of_day(e.start)}{end}"
    return datum(e.start, language())


def _day(e: EventRow) -> dt.date:
    return e.start.date() if isinstance(e.start, dt.datetime) else e.start


def motion_day_text(day: dt.date, precision: str) -> str:
    """A motion's date in a table cell: '14 mei 2026', or 'maart 2025' / '2025' when only
    the month or year is known."""
    if precision in (DatePrecision.MONTH, DatePrecision.YEAR):
        return partial_date_text(day, precision)
    return day_text(day)


class BriefingService:
    def __init__(
        self,
        events: EventService,
        involved: InvolvedService,
        planning: PlanningService,
        interactions: InteractionService,
        motions: MotionService,
    ) -> None:
        self._motions = motions
        self._events = events
        self._involved = involved
        self._planning = planning
        self._interactions = interactions

    # --- the document --------------------------------------------------------------------

    def document(self, event_id: int, today: dt.date | None = None) -> Document:
        today = today or amsterdam_today()
        e = self._events.get(event_id)
        majority: MajorityCount | None = None
        no_count = ""
        if e.dossier_id is not None:
            try:
                majority = self._planning.majority(event_id=event_id, today=today)
            except LobbyError as exc:
                no_count = str(exc)
        else:
            no_count = _("This debate is not linked to a dossier, so there is nothing to count.")
        groups = majority.groups if majority else []
        contacts = self._planning.contacts(event_id, [g.organisation_id for g in groups], today)
        blocks: list[Block] = [*self._heading(e), *self._asks(e)]
        blocks.extend(self._vote(majority, no_count))
        if majority is not None:
            blocks.extend(self._groups_table(majority, contacts))
        blocks.extend(self._others(contacts))
        blocks.extend(self._histories(groups, contacts))
        blocks.extend(self._motions_table(e))
        blocks.extend(self._deadlines(e))
        if e.dossier_id is not None:
            blocks.extend(self._stance_history(self._planning.history(e.dossier_id)))
        day = datum(_day(e), language())
        return Document(
            title=_("Briefing: {title}").format(title=e.title),
            lang=language(),
            header=_("Briefing · {title} · {day}").format(title=e.title, day=day),
            footer=_("LobbyCRM · made on {day}").format(day=datum(today, language())),
            page_label=_("page {page} of {pages}"),
            blocks=tuple(blocks),
        )

    def _heading(self, e: EventRow) -> list[Block]:
        where = [x for x in (e.location, e.organisation or "") if x]
        lines: list[Line] = [line(Span(_when(e), bold=True), *(" · " + w for w in where))]
        if e.dossier:
            kamerstuk = (
                " " + _("(kamerstuk {number})").format(number=e.kamerstuk) if e.kamerstuk else ""
            )
            lines.append(line(_("Dossier: {title}").format(title=e.dossier) + kamerstuk))
        out: list[Block] = [Heading(e.title, 1), Paragraph(tuple(lines), "lead")]
        notes = [ln.strip() for ln in e.description.splitlines() if ln.strip()]
        if notes:
            out.append(Paragraph(tuple(line(n) for n in notes[:12]), "note"))
        if e.status == "cancelled":
            out.append(Paragraph((line(_("This debate has been cancelled.")),), "banner"))
        return out

    def _asks(self, e: EventRow) -> list[Block]:
        if e.dossier_id is None:
            return []
        d = self._planning.dossier(e.dossier_id)
        out: list[Block] = []
        if d.kernboodschap:
            paras = [p for p in d.kernboodschap.splitlines() if p.strip()]
            out.append(
                Paragraph(
                    tuple(
                        line(Span(_("Key message: "), bold=True), p) if i == 0 else line(p)
                        for i, p in enumerate(paras)
                    ),
                    "lead",
                )
            )
        if d.asks:
            out.append(Paragraph((line(Span(_("What we ask"), bold=True)),)))
            out.append(BulletList(tuple(line(a) for a in d.asks)))
        return out

    def _vote(self, m: MajorityCount | None, no_count: str) -> list[Block]:
        out: list[Block] = [Heading(_("Where the vote stands"))]
        if m is None:
            out.append(Paragraph((line(no_count),), "note"))
            return out
        targets: Targets = decisive_groups(m)
        out.append(Figure(svg(m, targets), _("Seats by stance"), HEIGHT / WIDTH))
        out.append(Paragraph((line(verdict_sentence(m)),), "verdict"))
        out.append(Paragraph((line(targets_sentence(targets)),)))
        # Which groups make up each colour: the bar has no room to name the small ones.
        per_stance = []
        for stance in ORDER:
            groups = [g for g in m.groups if g.stance == stance and g.seats]
            if groups:
                names = ", ".join(f"{g.name} {getal(g.seats)}" for g in groups)
                head = f"{stance_word(stance).capitalize()} {getal(m.seats(stance))}: "
                per_stance.append(line(Span(head, bold=True), names))
        out.append(Paragraph(tuple(per_stance)))
        seats_note = (
            _("{chamber}: {n} seats, the party groups' seats added up.")
            if m.total_source == "groups"
            else _("{chamber}: {n} seats.")
        ).format(chamber=m.chamber, n=getal(m.total_seats))
        notes = [seats_note, *m.warnings]
        out.append(Paragraph(tuple(line(n) for n in notes), "note"))
        return out

    def _groups_table(self, m: MajorityCount, contacts: DebateContacts) -> list[Block]:
        # Wide enough for the longest short name ('GroenLinks') on one line.
        longest = max((len(g.name) for g in m.groups), default=6)
        first = min(0.20, max(0.11, 0.03 + 0.0135 * longest))
        columns = (
            Column(_("Party group"), first),
            Column(_("Seats"), 0.09, "right"),
            Column(_("Stance"), 0.21),
            Column(_("Spokesperson and last letter sent"), 0.70 - first),
        )
        rows = []
        for g in m.groups:
            seats_lines: list[Line] = [line(getal(g.seats))]
            if g.seats_source == "members":
                seats_lines.append(line(Span(_("members counted"), muted=True)))
            stance = cell(
                line(Span(stance_word(g.stance), bold=True)),
                line(Span(stance_source_text(g), muted=True)),
                fill=STANCE_FILLS.get(g.stance, ""),
            )
            name = cell(line(Span(g.name, bold=True)))
            rows.append(
                (
                    name,
                    Cell(tuple(seats_lines)),
                    stance,
                    group_cell(contacts.by_group.get(g.organisation_id, [])),
                )
            )
        if m.unassigned:
            rows.append(
                (
                    cell(line(Span(_("no party group"), muted=True))),
                    cell(getal(m.unassigned)),
                    cell(line(Span(stance_word("onbekend"), bold=True))),
                    cell(line(Span(_("seats no party group accounts for"), muted=True))),
                )
            )
        return [
            Heading(_("Party groups, largest first")),
            Table(columns, tuple(rows), _("Party groups with seats, stances and contacts")),
        ]

    def _others(self, contacts: DebateContacts) -> list[Block]:
        if not contacts.others:
            return []
        columns = (
            Column(_("Also involved"), 0.46),
            Column(_("Contact and last letter sent"), 0.54),
        )
        rows = []
        for c in contacts.others:
            who = [line(Span(c.name, bold=True))]
            if c.roles:
                who.append(line(Span(", ".join(c.roles), muted=True)))
            reach = " · ".join(x for x in (c.phone, c.email) if x)
            rest = contact_lines(c, False)[1:]
            rows.append((Cell(tuple(who)), Cell((line(reach), *rest) if reach else tuple(rest))))
        return [Heading(_("Others involved")), Table(columns, tuple(rows))]

    def _histories(self, groups: list[GroupCount], contacts: DebateContacts) -> list[Block]:
        """Each person's contact history, once, newest first."""
        people: list[tuple[Contact, str]] = []
        for g in groups:
            people.extend((c, g.name) for c in contacts.by_group.get(g.organisation_id, []))
        people.extend((c, "") for c in contacts.others)
        out: list[Block] = [Heading(_("Contact history, newest first"))]
        rows = []
        for c, group in people:
            if not c.history:
                continue
            items = [history_text(e) for e in c.history[:HISTORY_LIMIT]]
            more = len(c.history) - HISTORY_LIMIT
            if more > 0:
                text = ngettext("and {n} earlier contact", "and {n} earlier contacts", more)
                items.append(line(Span(text.format(n=more), muted=True)))
            who = [line(Span(c.name, bold=True))]
            if group:
                who.append(line(Span(group, muted=True)))
            rows.append((Cell(tuple(who)), Cell(tuple(items))))
        if not rows:
            out.append(Paragraph((line(_("No contact recorded yet.")),), "note"))
            return out
        columns = (Column(_("Person"), 0.24), Column(_("Contacts, newest first"), 0.76))
        out.append(Table(columns, tuple(rows), _("Contact history")))
        return out

    def _motions_table(self, e: EventRow) -> list[Block]:
        out: list[Block] = [Heading(_("Motions on the dossier"))]
        motions = self._motions.list(dossier_id=e.dossier_id) if e.dossier_id else []
        if not motions:
            out.append(Paragraph((line(_("No motions.")),), "note"))
            return out
        columns = (
            Column(_("Motion"), 0.46),
            Column(_("Date"), 0.16),
            Column(_("Result"), 0.16),
            Column(_("Execution"), 0.22),
        )
        rows = []
        for mo in motions:
            title_lines = [line(Span(mo.title, bold=True))]
            if mo.number or mo.body:
                title_lines.append(
                    line(Span(" · ".join(x for x in (mo.number, mo.body or "") if x), muted=True))
                )
            rows.append(
                (
                    Cell(tuple(title_lines)),
                    cell(
                        motion_day_text(mo.date, mo.date_precision)
                        if mo.date
                        else _("date unknown")
                    ),
                    cell(labels.label(labels.MOTION_RESULT, mo.result)),
                    cell(labels.label(labels.EXECUTION, mo.execution_status)),
                )
            )
        out.append(Table(columns, tuple(rows), _("Motions on the dossier")))
        return out

    def _deadlines(self, e: EventRow) -> list[Block]:
        start_day = _day(e)
        found = [
            d
            for d in self._events.list(end=start_day)
            if d.kind in DEADLINE_KINDS
            and d.status != "cancelled"
            and d.id != e.id
            and (d.dossier_id == e.dossier_id or d.dossier_id is None)
            and _day(d) >= start_day - dt.timedelta(days=60)
        ]
        out: list[Block] = [Heading(_("Deadlines before the debate"))]
        if not found:
            out.append(Paragraph((line(_("No deadlines in the 60 days before.")),), "note"))
            return out
        out.append(
            BulletList(
                tuple(
                    line(Span(datum(_day(d), language()), bold=True), ": ", d.title) for d in found
                )
            )
        )
        return out

    def _stance_history(self, history: list[StanceRow]) -> list[Block]:
        out: list[Block] = [Heading(_("Recorded stances, newest first"))]
        if not history:
            out.append(Paragraph((line(_("No stance recorded yet.")),), "note"))
            return out
        columns = (
            Column(_("Date"), 0.16),
            Column(_("Who"), 0.24),
            Column(_("Stance"), 0.14),
            Column(_("Source and note"), 0.46),
        )
        rows = []
        for st in history[:STANCE_HISTORY_LIMIT]:
            source = [line(st.source)] if st.source else []
            note = [line(Span(short(st.note, 200), muted=True))] if st.note else []
            rows.append(
                (
                    cell(day_text(st.stated_on)),
                    cell(st.holder),
                    cell(stance_word(st.stance), fill=STANCE_FILLS.get(st.stance, "")),
                    Cell(tuple(source + note)),
                )
            )
        out.append(Table(columns, tuple(rows), _("Recorded stances")))
        if len(history) > STANCE_HISTORY_LIMIT:
            more = len(history) - STANCE_HISTORY_LIMIT
            out.append(
                Paragraph(
                    (
                        line(
                            ngettext(
                                "and {n} earlier stance", "and {n} earlier stances", more
                            ).format(n=more)
                        ),
                    ),
                    "note",
                )
            )
        return out

    # --- files ---------------------------------------------------------------------------

    def html(self, event_id: int, today: dt.date | None = None) -> str:
        css = resource_path("briefing", "briefing.css").read_text(encoding="utf-8")
        return to_html(self.document(event_id, today), css)

    def default_name(self, event_id: int, suffix: str = ".pdf") -> str:
        """'briefing-2026-05-19-eerste-kamer.pdf': what, when and where."""
        e = self._events.get(event_id)
        where = e.organisation or ""
        if e.dossier_id is not None:
            # The counted chamber's short name: 'Eerste Kamer', 'Gemeenteraad Assen'.
            with contextlib.suppress(LobbyError):
                where = self._planning.majority(event_id=event_id).chamber
        return dated_name("briefing", _day(e), where, suffix=suffix)

    def write(self, event_id: int, out: Path, today: dt.date | None = None) -> Path:
        """Write the briefing as PDF or HTML (by the file's suffix), as an ordinary file."""
        out = Path(out).expanduser()
        suffix = out.suffix.lower()
        if suffix not in FORMATS:
            raise LobbyError(_("{path}: use a file name ending in .pdf or .html").format(path=out))
        if out.is_dir():
            raise file_problem(out, IsADirectoryError(errno.EISDIR, "", str(out)))
        if not out.parent.is_dir():
            raise FileProblem(out, _("the folder does not exist"))
        doc = self.document(event_id, today)
        try:
            if suffix == ".pdf":
                from lobbycrm.pdf.briefing import write_document_pdf

                return write_document_pdf(out, doc)
            css = resource_path("briefing", "briefing.css").read_text(encoding="utf-8")
            write_atomically(out, to_html(doc, css).encode("utf-8"))
        except OSError as exc:
            raise file_problem(out, exc) from exc
        return out
