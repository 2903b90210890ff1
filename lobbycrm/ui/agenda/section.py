"""Agenda section: month calendar, week grid and upcoming list with a detail pane."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QSettings, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core.enums import EventKind
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import N_, _, datum, language, ngettext, short_date, time_of_day
from lobbycrm.core.labels import reminder_text
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.services import Changes
from lobbycrm.services.calendar import kind_label
from lobbycrm.services.dto import EventRow
from lobbycrm.ui.agenda.dialog import EventDialog
from lobbycrm.ui.agenda.export_dialog import ExportDialog
from lobbycrm.ui.agenda.model import Col, EventTableModel, when_text
from lobbycrm.ui.flow import flow_row
from lobbycrm.ui.forms import today_qdate
from lobbycrm.ui.outreach.todo import TodoPanel
from lobbycrm.ui.pickers import org_picker
from lobbycrm.ui.signals import AppSignals

MAJORITY_TEXT = N_(
    "{chamber}: {total} seats, majority {majority}; for {voor}, against {tegen}, "
    "undecided {twijfel}, unknown {onbekend}"
)
DEBATES = frozenset({EventKind.PLENARY_DEBATE.value, EventKind.COMMITTEE_DEBATE.value})
ORG_FILTER_KINDS = ("chamber", "committee", "council", "municipality", "ministry")
# The upcoming list is a window on the coming events, not all of them.
UPCOMING_LIMIT = 200
WEEKDAYS = [N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun")]


def _day(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def _start_day(r: EventRow) -> dt.date:
    return r.start.date() if isinstance(r.start, dt.datetime) else r.start


def _last_day(r: EventRow) -> dt.date:
    if isinstance(r.end, dt.datetime):
        return r.end.date()
    if isinstance(r.end, dt.date):
        return r.end
    return _start_day(r)


class AgendaSection(QWidget):
    def __init__(self, ctx: Context, signals: AppSignals) -> None:
        super().__init__()
        self._ctx = ctx
        self._signals = signals
        self._selected: int | None = None
        self.new_button = QPushButton(_("&New event"))
        self.edit_button = QPushButton(_("&Edit"))
        self.cancel_button = QPushButton(_("Ca&ncel event"))
        self.export_button = QPushButton(_("Export to calendar..."))
        self.briefing_button = QPushButton(_("&Briefing..."))
        self.briefing_button.setAccessibleName(_("Debate briefing"))
        self.majority_button = QPushButton(_("&Majority..."))
        self.majority_button.setAccessibleName(_("Majority and stances"))
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(_("All kinds"), "")
        for k in EventKind:
            self.kind_filter.addItem(kind_label(k.value), k.value)
        self.org_filter = org_picker(ctx.services.choices, ORG_FILTER_KINDS)
        self.dossier_filter = QComboBox()
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setLocale(QLocale("nl_NL" if language() == "nl" else "en_GB"))
        self.month_model = EventTableModel()
        self.upcoming_model = EventTableModel()
        self.month_view = self._table(self.month_model)
        self.upcoming_view = self._table(self.upcoming_model)
        self.week_grid = QTableWidget(0, 7)
        self.week_grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.week_grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.week_grid.verticalHeader().setVisible(False)
        self.week_grid.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.month_view, _("Month"))
        self.tabs.addTab(self.week_grid, _("Week"))
        self.tabs.addTab(self.upcoming_view, _("Upcoming"))
        self.todo = TodoPanel(ctx, signals)
        self.tabs.addTab(self.todo, _("To do"))
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        # The feed is rewritten after the change is saved; if that failed, say so here.
        self.feed_warning = QLabel()
        self.feed_warning.setWordWrap(True)
        self.feed_warning.setStyleSheet("color: #a4262c;")
        self.feed_warning.hide()
        for widget, name in (
            (self.new_button, _("New event")),
            (self.edit_button, _("Edit event")),
            (self.cancel_button, _("Cancel event")),
            (self.export_button, _("Export to calendar")),
            (self.kind_filter, _("Filter by kind")),
            (self.org_filter, _("Filter by organisation")),
            (self.dossier_filter, _("Filter by dossier")),
            (self.calendar, _("Month calendar")),
            (self.month_view, _("Events this month")),
            (self.week_grid, _("Week")),
            (self.upcoming_view, _("Upcoming events")),
            (self.detail, _("Event details")),
        ):
            widget.setAccessibleName(name)
        self.today_button = QPushButton(_("&Today"))
        self.today_button.setAccessibleName(_("Go to today"))
        self.go_to_date = QDateEdit()
        self.go_to_date.setCalendarPopup(True)
        self.go_to_date.setDisplayFormat("dd-MM-yyyy")
        self.go_to_date.setDate(today_qdate())
        self.go_to_date.setAccessibleName(_("Go to date"))
        # Two rows that wrap on a narrow screen (1366x768) instead of widening the window.
        buttons, bar = flow_row()
        for w in (
            self.new_button,
            self.edit_button,
            self.cancel_button,
            self.export_button,
            self.briefing_button,
            self.majority_button,
        ):
            bar.addWidget(w)
        filters, filter_bar = flow_row()
        filter_bar.addWidget(self.today_button)
        filter_bar.addWidget(_captioned(_("Go to &date"), self.go_to_date))
        for label, w in (
            (_("Kind"), self.kind_filter),
            (_("Organisation"), self.org_filter),
            (_("Dossier"), self.dossier_filter),
        ):
            if isinstance(w, QComboBox):
                w.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
                )
                w.setMinimumContentsLength(14)
            else:
                w.setMinimumWidth(self.fontMetrics().averageCharWidth() * 22)
            filter_bar.addWidget(_captioned(label, w))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.calendar)
        left_layout.addWidget(self.tabs, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        # Both panes can be dragged shut; the detail pane gives way first.
        self.splitter.setChildrenCollapsible(True)
        left.setMinimumWidth(0)
        layout = QVBoxLayout(self)
        layout.addWidget(buttons)
        layout.addWidget(filters)
        layout.addWidget(self.feed_warning)
        layout.addWidget(self.splitter, 1)
        self._fill_filters()
        self._connect_signals()
        state = QSettings().value("agenda/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        self.refresh()
        self.show_next_debate()

    def _table(self, model: EventTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.verticalHeader().setVisible(False)
        header = view.horizontalHeader()
        # Column widths from the first rows only: sizing by every row asks for each cell.
        header.setResizeContentsPrecision(40)
        for col in Col:
            header.setSectionResizeMode(
                col,
                QHeaderView.ResizeMode.Stretch
                if col is Col.TITLE
                else QHeaderView.ResizeMode.ResizeToContents,
            )
        view.setWordWrap(False)
        return view

    def _fill_filters(self) -> None:
        # The organisation filter is a search-as-you-type field (empty: all organisations).
        self.org_filter.setPlaceholderText(_("All organisations"))
        self.dossier_filter.blockSignals(True)
        current_dossier = self.dossier_filter.currentData()
        self.dossier_filter.clear()
        self.dossier_filter.addItem(_("All dossiers"), 0)
        for d in self._ctx.services.dossiers.list():
            self.dossier_filter.addItem(d.title, d.id)
        self.dossier_filter.setCurrentIndex(max(0, self.dossier_filter.findData(current_dossier)))
        self.dossier_filter.blockSignals(False)

    def _connect_signals(self) -> None:
        self.today_button.clicked.connect(self._on_today_button_clicked)
        self.go_to_date.dateChanged.connect(self._on_go_to_date_date_changed)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.briefing_button.clicked.connect(self._on_briefing_button_clicked)
        self.majority_button.clicked.connect(self._on_majority_button_clicked)
        for combo in (self.kind_filter, self.org_filter, self.dossier_filter):
            combo.currentIndexChanged.connect(self.refresh)
        self.calendar.currentPageChanged.connect(lambda *_a: self.refresh())
        self.calendar.selectionChanged.connect(self._on_calendar_selection_changed)
        for view in (self.month_view, self.upcoming_view):
            view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)
            view.doubleClicked.connect(self._on_edit_button_clicked)
        self.week_grid.currentCellChanged.connect(self._on_week_grid_current_changed)
        self.week_grid.cellDoubleClicked.connect(self._on_edit_button_clicked)
        self._signals.data_changed.connect(self._on_data_changed)
        QShortcut(QKeySequence.StandardKey.New, self, self._on_new_button_clicked)

    # --- data ----------------------------------------------------------------------------

    def _filtered(
        self, start: dt.date | None, end: dt.date | None, limit: int | None = None
    ) -> list[EventRow]:
        return self._ctx.services.calendar.selected(
            _selection(
                start,
                end,
                self.kind_filter.currentData(),
                self.org_filter.currentData(),
                self.dossier_filter.currentData(),
            ),
            limit=limit,
        )

    def refresh(self) -> None:
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        first = dt.date(year, month, 1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        month_rows = self._filtered(first, last)
        self.month_model.set_rows(month_rows)
        self.upcoming_model.set_rows(
            [
                r
                for r in self._filtered(amsterdam_today(), None, UPCOMING_LIMIT)
                if r.status != "cancelled"
            ]
        )
        self._mark_calendar(month_rows)
        self._mark_follow_ups()
        self._fill_week()
        self._show_detail(self._selected)
        problem = self._ctx.services.calendar.feed_error
        self.feed_warning.setText(problem or "")
        self.feed_warning.setVisible(bool(problem))

    def _mark_calendar(self, rows: list[EventRow]) -> None:
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())
        busy = QTextCharFormat()
        busy.setFontWeight(700)
        busy.setBackground(QBrush(QColor("#dbe8f7")))
        for r in rows:
            if r.status == "cancelled":
                continue
            day = _start_day(r)
            while day <= _last_day(r):
                self.calendar.setDateTextFormat(QDate(day.year, day.month, day.day), busy)
                day += dt.timedelta(days=1)

    def _mark_follow_ups(self) -> None:
        """Days with follow-ups due: underlined in orange, the count in the tooltip."""
        for day, n in self.todo.due_days().items():
            q = QDate(day.year, day.month, day.day)
            fmt = self.calendar.dateTextFormat(q)
            fmt.setFontUnderline(True)
            fmt.setUnderlineColor(QColor("#e65100"))
            fmt.setForeground(QBrush(QColor("#e65100")))
            fmt.setToolTip(ngettext("{n} follow-up due", "{n} follow-ups due", n).format(n=n))
            self.calendar.setDateTextFormat(q, fmt)

    def _fill_week(self) -> None:
        chosen = _day(self.calendar.selectedDate())
        monday = chosen - dt.timedelta(days=chosen.weekday())
        rows = self._filtered(monday, monday + dt.timedelta(days=6))
        per_day: list[list[EventRow]] = [[] for _ in range(7)]
        for r in rows:
            for i in range(7):
                day = monday + dt.timedelta(days=i)
                if _start_day(r) <= day <= _last_day(r):
                    per_day[i].append(r)
        self.week_grid.clear()
        self.week_grid.setHorizontalHeaderLabels(
            [
                f"{_(WEEKDAYS[i])[:2].lower()} {short_date(monday + dt.timedelta(days=i))}"
                for i in range(7)
            ]
        )
        self.week_grid.setRowCount(max([1, *(len(d) for d in per_day)]))
        for col, events in enumerate(per_day):
            for row, r in enumerate(events):
                _day_text, time = when_text(r)
                item = QTableWidgetItem(f"{time}\n{r.title}")
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                item.setToolTip(r.title)
                if r.status == "cancelled":
                    item.setForeground(QBrush(QColor("gray")))
                self.week_grid.setItem(row, col, item)
        self.week_grid.resizeRowsToContents()

    # --- detail --------------------------------------------------------------------------

    def _show_detail(self, event_id: int | None) -> None:
        self._selected = event_id
        has = event_id is not None
        self.edit_button.setEnabled(has)
        self.cancel_button.setEnabled(has)
        self.briefing_button.setEnabled(has)
        self.majority_button.setEnabled(False)
        if event_id is None:
            self.detail.setHtml(f"<p>{html.escape(_('Select an event to see its details.'))}</p>")
            return
        try:
            e = self._ctx.services.events.get(event_id)
        except LobbyError:  # deleted meanwhile
            self._show_detail(None)
            return
        self.majority_button.setEnabled(e.dossier_id is not None)
        self.detail.setHtml(event_html(self._ctx, e))

    def select_id(self, event_id: int) -> None:
        e = self._ctx.services.events.get(event_id)
        day = e.start.date() if isinstance(e.start, dt.datetime) else e.start
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self._show_detail(event_id)

    def show_next_debate(self) -> int | None:
        """Select the next debate that is not cancelled (its month shown, even when that is
        months away): where the work is when the app opens. With none to come, the last one,
        so the agenda never opens on an empty month while it holds debates. None when there
        is no debate at all."""
        today = amsterdam_today()
        # One small query per kind of debate rather than a scan of every coming event.
        found = [
            r
            for kind in sorted(DEBATES)
            for r in self._ctx.services.events.list(
                start=today, kind=kind, include_cancelled=False, limit=5
            )
            if _start_day(r) >= today
        ]
        debate = min(found, key=lambda r: (_start_day(r), r.id), default=None)
        if debate is None:
            past = [
                r
                for kind in sorted(DEBATES)
                for r in self._ctx.services.events.list(
                    end=today, kind=kind, include_cancelled=False, limit=1, newest_first=True
                )
            ]
            debate = max(past, key=lambda r: (_start_day(r), r.id), default=None)
        if debate is None:
            return None
        self.tabs.setCurrentWidget(self.month_view)
        self.go_to(_start_day(debate))
        self.select_id(debate.id)
        return debate.id

    def go_to(self, day: dt.date) -> None:
        """Show the month and week of `day` with `day` selected."""
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.setCurrentPage(day.year, day.month)

    def selected_event_id(self) -> int | None:
        return self._selected

    # --- slots ---------------------------------------------------------------------------

    def _on_view_current_changed(self, current: object, _previous: object) -> None:
        index = current
        if hasattr(index, "isValid") and index.isValid():  # type: ignore[attr-defined]
            model = index.model()  # type: ignore[attr-defined]
            self._show_detail(model.data(index, Qt.ItemDataRole.UserRole))

    def _on_week_grid_current_changed(self, row: int, col: int, *_args: int) -> None:
        item = self.week_grid.item(row, col)
        if item is not None:
            self._show_detail(item.data(Qt.ItemDataRole.UserRole))

    def _on_calendar_selection_changed(self) -> None:
        self._fill_week()
        day = _day(self.calendar.selectedDate())
        for row in range(self.month_model.rowCount()):
            r = self.month_model.row_at(row)
            if _start_day(r) <= day <= _last_day(r):
                self.month_view.selectRow(row)
                return

    def _on_today_button_clicked(self) -> None:
        self.go_to(amsterdam_today())

    def _on_go_to_date_date_changed(self, day: QDate) -> None:
        if day.isValid():
            self.go_to(_day(day))

    def _on_new_button_clicked(self) -> None:
        dialog = EventDialog(
            self._ctx.services, day=_day(self.calendar.selectedDate()), parent=self
        )
        if dialog.exec() and dialog.saved_id is not None:
            self._selected = dialog.saved_id
            self._signals.data_changed.emit(Changes.of("event", ids=(dialog.saved_id,)))

    def _on_edit_button_clicked(self, *_args: object) -> None:
        if self._selected is None:
            return
        dialog = EventDialog(
            self._ctx.services, self._ctx.services.events.get(self._selected), parent=self
        )
        if dialog.exec():
            self._signals.data_changed.emit(Changes.of("event", ids=(self._selected,)))

    def _on_cancel_button_clicked(self) -> None:
        if self._selected is None:
            return
        e = self._ctx.services.events.get(self._selected)
        answer = QMessageBox.question(
            self,
            _("Cancel event"),
            _(
                "Cancel '{title}'? It stays in the agenda as cancelled and disappears from "
                "calendars after the next export."
            ).format(title=e.title),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._signals.data_changed.emit(self._ctx.services.events.cancel(e.id))

    def _on_briefing_button_clicked(self) -> None:
        if self._selected is not None:
            from lobbycrm.ui.planning.briefing import save_briefing

            save_briefing(self, self._ctx.services, self._selected)

    def _on_majority_button_clicked(self) -> None:
        self.open_majority()

    def open_majority(self) -> QWidget | None:
        """The majority panel for the selected debate (its dossier, its chamber)."""
        if self._selected is None:
            return None
        from lobbycrm.ui.planning import MajorityDialog

        dialog = MajorityDialog(
            self._ctx.services, self._signals, event_id=self._selected, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def write_briefing(self, path: Path) -> Path | None:
        if self._selected is None:
            return None
        from lobbycrm.ui.planning.briefing import write_briefing

        return write_briefing(self, self._ctx.services, self._selected, path)

    def _on_export_button_clicked(self) -> None:
        ExportDialog(self._ctx, self).exec()

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.kinds & {"organisation", "dossier"}:
            self._fill_filters()
        if changes.kinds & {
            "event",
            "organisation",
            "dossier",
            "person",
            "role",
            "interaction",
            "outbox",
            "stance",
        }:
            self.refresh()

    def hideEvent(self, event: object) -> None:
        QSettings().setValue("agenda/splitter", self.splitter.saveState())
        super().hideEvent(event)  # type: ignore[arg-type]


def _captioned(label: str, widget: QWidget) -> QWidget:
    """A caption and its field, kept together on one line when the row wraps."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    caption = QLabel(label)
    caption.setBuddy(widget)
    row.addWidget(caption)
    row.addWidget(widget)
    return holder


def _selection(
    start: dt.date | None, end: dt.date | None, kind: str, org: str, dossier: int
) -> object:
    from lobbycrm.services.calendar import ExportSelection

    return ExportSelection(
        start=start,
        end=end,
        kind=kind or None,
        organisation=org or None,
        dossier_id=dossier or None,
    )


def event_html(ctx: Context, e: EventRow) -> str:
    """The detail pane: the event, its dossier and the people involved by party group."""
    esc = html.escape
    if isinstance(e.start, dt.datetime):
        end = f" – {time_of_day(e.end)}" if isinstance(e.end, dt.datetime) else ""
        when = f"{datum(e.start)}, {time_of_day(e.start)}{end}"
    else:
        when = datum(e.start) + (
            f" – {datum(e.end)}" if isinstance(e.end, dt.date) and e.end != e.start else ""
        )
    status = (
        f" <b style='color:#b00020'>({esc(_('cancelled'))})</b>" if e.status == "cancelled" else ""
    )
    parts = [
        f"<h2>{esc(e.title)}{status}</h2>",
        f"<p><b>{esc(kind_label(e.kind))}</b><br>{esc(when)}",
    ]
    if e.location:
        parts.append(f"<br>{esc(e.location)}")
    if e.organisation:
        parts.append(f"<br>{esc(e.organisation)}")
    parts.append("</p>")
    if e.dossier:
        kamerstuk = f" ({esc(_('kamerstuk'))} {esc(e.kamerstuk)})" if e.kamerstuk else ""
        parts.append(f"<p><b>{esc(_('Dossier'))}:</b> {esc(e.dossier)}{kamerstuk}</p>")
    if e.reminders:
        parts.append(
            f"<p>{esc(_('Reminders'))}: "
            + ", ".join(reminder_text(m) for m in e.reminders)
            + "</p>"
        )
    if e.dossier_id is not None:
        try:
            m = ctx.services.planning.majority(event_id=e.id)
        except LobbyError:
            m = None
        if m is not None:
            verdict = (
                _("majority for")
                if m.has_majority_for
                else _("majority against")
                if m.has_majority_against
                else _("no majority yet")
            )
            parts.append(
                f"<p><b>{esc(_('Majority'))}:</b> "
                + esc(
                    _(MAJORITY_TEXT).format(
                        chamber=m.chamber,
                        total=m.total_seats,
                        majority=m.majority,
                        voor=m.voor,
                        tegen=m.tegen,
                        twijfel=m.twijfel,
                        onbekend=m.onbekend,
                    )
                )
                + f" — {esc(verdict)}</p>"
            )
    groups = ctx.services.involved.for_event(e.id)
    if groups:
        parts.append(f"<h3>{esc(_('People involved'))}</h3>")
        for g in groups:
            parts.append(f"<h4>{esc(g.party_group or _('Party group unknown'))}</h4><ul>")
            for p in g.people:
                sent = (
                    _("sent {date}: {subject}").format(
                        date=short_date(p.last_sent_at), subject=p.last_sent_subject
                    )
                    if p.last_sent_at
                    else _("nothing sent yet")
                )
                answer = (
                    _("answered") if p.answered else (_("no answer yet") if p.last_sent_at else "")
                )
                mail = f" &lt;{esc(p.email)}&gt;" if p.email else ""
                parts.append(
                    f"<li><b>{esc(p.display_name)}</b>{mail}<br>"
                    f"<small>{esc(sent)}{' — ' + esc(answer) if answer else ''}"
                    "</small></li>"
                )
            parts.append("</ul>")
    if e.description:
        parts.append(f"<p>{esc(e.description).replace(chr(10), '<br>')}</p>")
    return "".join(parts)


def create_section(ctx: Context, signals: AppSignals) -> QWidget:
    return AgendaSection(ctx, signals)
