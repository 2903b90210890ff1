"""The majority panel: where the vote stands (the seat bar the briefing prints), the groups
to call first, a what-if scenario that records nothing until asked, seats and stances per
party group, recording stances and the dossier's stance history."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _, getal, ngettext
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.services import Changes, Services
from lobbycrm.services.majority import Targets, apply_scenario, decisive_groups
from lobbycrm.services.majority_words import (
    day_text,
    stance_word,
    targets_sentence,
    verdict_sentence,
)
from lobbycrm.services.planning import MajorityCount
from lobbycrm.ui.planning.delegates import ChoiceDelegate, SeatsDelegate
from lobbycrm.ui.planning.labels import what_if_choices
from lobbycrm.ui.planning.members import MembersDialog
from lobbycrm.ui.planning.models import GroupCol, MajorityModel, StanceHistoryModel
from lobbycrm.ui.planning.seatbar import SeatBarView
from lobbycrm.ui.planning.stance_form import StanceForm
from lobbycrm.ui.signals import AppSignals

# Changes that can alter seats, members or stances.
RELEVANT = frozenset({"stance", "organisation", "role", "person", "dossier", "event", "bin"})
ERROR_STYLE = "color: #b00020"
WARNING_STYLE = "color: #8a4b00"
SCENARIO_STYLE = (
    "QFrame#scenario { background: #fff4d6; border: 2px dashed #1a1a1a; border-radius: 3px; }"
)


def _table(model: object) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


class MajorityPanel(QWidget):
    """For a dossier, or a debate (its dossier and its chamber)."""

    def __init__(self, services: Services, signals: AppSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._signals = signals
        self._dossier_id: int | None = None
        self._event_id: int | None = None
        self._recorded: MajorityCount | None = None
        self._tried: dict[int, str] = {}
        self.count: MajorityCount | None = None  # what is shown: recorded, or the scenario
        self.targets: Targets | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.warnings = QLabel()
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.warnings.setWordWrap(True)
        self.warnings.hide()
        self.bar = SeatBarView()
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        font = self.verdict.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.verdict.setFont(font)
        self.target_text = QLabel()
        self.target_text.setWordWrap(True)
        # The scenario: what was tried, that nothing is saved, and one click to record it.
        self.scenario = QFrame()
        self.scenario.setObjectName("scenario")
        self.scenario.setStyleSheet(SCENARIO_STYLE)
        self.scenario_text = QLabel()
        self.scenario_text.setWordWrap(True)
        self.record_scenario_button = QPushButton(_("Record &these stances"))
        self.clear_scenario_button = QPushButton(_("&Clear scenario"))
        self.scenario.hide()
        self.model = MajorityModel(self._commit)
        self.table = _table(self.model)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setItemDelegateForColumn(GroupCol.SEATS, SeatsDelegate(self.table))
        self.table.setItemDelegateForColumn(
            GroupCol.WHAT_IF, ChoiceDelegate(what_if_choices, _("What if…"), self.table)
        )
        self.hint = QLabel(
            _(
                "Choose a stance under “What if…” to try it: the bar and the verdict follow, "
                "nothing is saved. Double-click a party group to see its members; double-click "
                "the seats to record them."
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555555")
        self.form = StanceForm(services)
        self.history_model = StanceHistoryModel()
        self.history = _table(self.history_model)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for widget, name in (
            (self.table, _("Party groups, seats and stances")),
            (self.verdict, _("Verdict")),
            (self.target_text, _("Groups to call first")),
            (self.problem, _("Problems")),
            (self.warnings, _("Warnings")),
            (self.scenario_text, _("Scenario")),
            (self.record_scenario_button, _("Record the tried stances")),
            (self.clear_scenario_button, _("Clear scenario")),
            (self.history, _("Stance history")),
        ):
            widget.setAccessibleName(name)
        self._layout()
        self._connect_signals()

    def _layout(self) -> None:
        box = QHBoxLayout(self.scenario)
        box.setContentsMargins(8, 6, 8, 6)
        box.addWidget(self.scenario_text, 1)
        box.addWidget(self.record_scenario_button)
        box.addWidget(self.clear_scenario_button)
        upper = QWidget()
        col = QVBoxLayout(upper)
        col.setContentsMargins(0, 0, 0, 0)
        for w in (self.heading, self.problem, self.warnings, self.bar, self.verdict):
            col.addWidget(w)
        col.addWidget(self.target_text)
        col.addWidget(self.scenario)
        col.addWidget(self.table, 1)
        col.addWidget(self.hint)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.form, _("Record a stance"))
        history = QWidget()
        low = QVBoxLayout(history)
        low.setContentsMargins(0, 0, 0, 0)
        low.addWidget(self.history)
        self.tabs.addTab(history, _("Stance history"))
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _connect_signals(self) -> None:
        self.form.stance_recorded.connect(self._on_form_stance_recorded)
        self.form.problem_found.connect(self._show_problem)
        self.form.source.textChanged.connect(self._on_form_changed)
        self.form.date.dateChanged.connect(self._on_form_changed)
        self.record_scenario_button.clicked.connect(self._on_record_scenario_button_clicked)
        self.clear_scenario_button.clicked.connect(self._on_clear_scenario_button_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self._signals.data_changed.connect(self._on_data_changed)

    # --- what is shown -------------------------------------------------------------------

    def set_target(self, dossier_id: int | None, event_id: int | None = None) -> None:
        self._dossier_id, self._event_id = dossier_id, event_id
        self._tried = {}
        self.model.set_rows([])  # another dossier: the rows take their own order again
        self.form.set_default_day(self._debate_day() or amsterdam_today())
        self.refresh()

    def show_record(self, ident: int | None) -> None:
        """As a page of the dossier section: follow its selection."""
        if ident != self._dossier_id or self._event_id is not None:
            self.set_target(ident)

    def _debate_day(self) -> dt.date | None:
        if self._event_id is None:
            return None
        try:
            start = self._services.events.get(self._event_id).start
        except LobbyError:
            return None
        return start.date() if isinstance(start, dt.datetime) else start

    def dossier_id(self) -> int | None:
        if self._event_id is not None:
            try:
                return self._services.events.get(self._event_id).dossier_id
            except LobbyError:
                return None
        return self._dossier_id

    def refresh(self) -> None:
        """Read the recorded count again; a scenario being tried stays on top of it."""
        dossier_id = self.dossier_id()
        self.problem.hide()
        m: MajorityCount | None = None
        if dossier_id is not None or self._event_id is not None:
            try:
                m = self._services.planning.majority(
                    dossier_id=None if self._event_id is not None else dossier_id,
                    event_id=self._event_id,
                )
            except LobbyError as exc:
                self._show_problem(str(exc))
        self._recorded = m
        ids = {g.organisation_id for g in m.groups} if m else set()
        self._tried = {k: v for k, v in self._tried.items() if k in ids}
        self.form.set_count(m)
        self._show()
        self.history_model.set_rows(
            list(self._services.planning.history(dossier_id)) if dossier_id is not None else []
        )

    def _show(self) -> None:
        """The recorded count, or the scenario on top of it."""
        base = self._recorded
        m = apply_scenario(base, self._tried) if base is not None and self._tried else base
        self.count = m
        self.targets = decisive_groups(m) if m is not None and m.groups else None
        self.model.set_rows(list(m.groups) if m else [])
        self.model.set_targets(
            {g.organisation_id for g in self.targets.groups}
            if self.targets and self.targets.kind == "win"
            else set()
        )
        self.bar.set_count(m, self.targets)
        if m is None:
            self.heading.setText("")
            self.verdict.setText("")
            self.target_text.setText("")
            self.warnings.hide()
            self.scenario.hide()
            return
        seats = ngettext("{n} seat", "{n} seats", m.total_seats).format(n=getal(m.total_seats))
        if m.total_source == "groups":
            seats += " " + _("(the party groups' seats added up)")
        self.heading.setText(
            f"<b>{html.escape(m.chamber)}</b>: {html.escape(seats)} — {html.escape(m.dossier)}"
        )
        self.verdict.setText(verdict_sentence(m))
        colour = "#1b5e20" if m.has_majority_for else "#b00020" if m.has_majority_against else ""
        self.verdict.setStyleSheet(f"color: {colour}" if colour else "")
        self.target_text.setText(targets_sentence(self.targets) if self.targets else "")
        self.target_text.setVisible(self.targets is not None)
        self.warnings.setText("\n".join(m.warnings))
        self.warnings.setVisible(bool(m.warnings))
        self._show_scenario(m)

    def _show_scenario(self, m: MajorityCount) -> None:
        tried = [g for g in m.groups if g.tried]
        self.scenario.setVisible(bool(tried))
        if not tried:
            return
        what = ", ".join(
            _("{group} {stance} (recorded: {recorded})").format(
                group=g.name,
                stance=stance_word(g.stance),
                recorded=stance_word(g.recorded_stance),
            )
            for g in tried
        )
        self.scenario_text.setText(
            "<b>"
            + html.escape(_("Scenario: nothing has been saved."))
            + "</b> "
            + html.escape(_("Tried: {what}.").format(what=what))
        )
        source = self.form.source.text().strip() or _("own assessment")
        self.record_scenario_button.setToolTip(
            _("Records these stances as of {day}, source: {source}.").format(
                day=day_text(self.form.day()), source=source
            )
        )

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    # --- writing -------------------------------------------------------------------------

    def _commit(self, org_id: int, column: int, value: object) -> bool:
        """An edit in the table: the seats (recorded), or a stance tried (nothing recorded)."""
        if column == GroupCol.WHAT_IF:
            stance = str(value or "")
            if stance:
                self._tried[org_id] = stance
            else:
                self._tried.pop(org_id, None)
            self._show()
            return True
        if column != GroupCol.SEATS:
            return False
        try:
            changes = self._services.planning.set_seats(
                org_id, value if isinstance(value, int) else None
            )
        except LobbyError as exc:
            self._show_problem(str(exc))
            return False
        self._signals.data_changed.emit(changes)
        return True

    def record_scenario(self) -> Changes | None:
        """Record every tried stance at once, with the form's date and source."""
        m = self.count
        if m is None or not m.is_scenario:
            return None
        tried = {g.organisation_id: g.stance for g in m.groups if g.tried}
        try:
            changes = self._services.planning.record_scenario(
                m.dossier_id,
                tried,
                on=self.form.day(),
                source=self.form.source.text().strip() or _("own assessment"),
                note=self.form.note.text(),
            )
        except LobbyError as exc:
            self._show_problem(str(exc))
            return None
        self._tried = {}
        self.form.clear_text()
        self._signals.data_changed.emit(changes)
        return changes

    # --- slots ---------------------------------------------------------------------------

    def _on_record_scenario_button_clicked(self) -> None:
        self.record_scenario()

    def _on_clear_scenario_button_clicked(self) -> None:
        self._tried = {}
        self._show()

    def _on_form_changed(self, *_args: object) -> None:
        if self.count is not None and self.count.is_scenario:
            self._show_scenario(self.count)

    def _on_form_stance_recorded(self, changes: Changes) -> None:
        self._signals.data_changed.emit(changes)

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.form.select_group(self.model.row_id(current.row()))

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() not in (GroupCol.SEATS, GroupCol.WHAT_IF):
            self.open_members(index.row())

    def open_members(self, row: int) -> MembersDialog | None:
        if self.count is None or not 0 <= row < self.model.rowCount():
            return None
        dialog = MembersDialog(self.model.group(row), self.count.chamber, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.kinds & RELEVANT:
            self.refresh()
