"""The majority panel: party groups with seats and stances, totals against the majority line,
recording stances of groups and persons, and the dossier's stance history."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDate, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _, getal, ngettext
from lobbycrm.services import Changes, Services
from lobbycrm.services.planning import MajorityCount
from lobbycrm.ui.planning.delegates import ChoiceDelegate, SeatsDelegate
from lobbycrm.ui.planning.labels import stance_choices
from lobbycrm.ui.planning.models import GroupCol, MajorityModel, StanceHistoryModel
from lobbycrm.ui.signals import AppSignals

# Changes that can alter seats, members or stances.
RELEVANT = frozenset({"stance", "organisation", "role", "person", "dossier", "event", "bin"})
ERROR_STYLE = "color: #b00020"
WARNING_STYLE = "color: #8a4b00"


def totals_text(m: MajorityCount) -> str:
    counts = _("For {voor} · against {tegen} · undecided {twijfel} · unknown {onbekend}").format(
        voor=getal(m.voor),
        tegen=getal(m.tegen),
        twijfel=getal(m.twijfel),
        onbekend=getal(m.onbekend),
    )
    line = _("{majority} of {total} needed").format(
        majority=getal(m.majority), total=getal(m.total_seats)
    )
    return f"{counts} — {line}"


def verdict_text(m: MajorityCount) -> str:
    if m.has_majority_for:
        return _("Majority for: {n} of {total} seats").format(
            n=getal(m.voor), total=getal(m.total_seats)
        )
    if m.has_majority_against:
        return _("Majority against: {n} of {total} seats").format(
            n=getal(m.tegen), total=getal(m.total_seats)
        )
    if not m.for_still_possible:
        return _("No majority yet, and a majority for is no longer possible")
    return ngettext(
        "No majority yet: {n} more seat needed for a majority for",
        "No majority yet: {n} more seats needed for a majority for",
        m.needed_for,
    ).format(n=getal(m.needed_for))


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
        self.count: MajorityCount | None = None
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
        self.model = MajorityModel(self._commit)
        self.table = _table(self.model)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setItemDelegateForColumn(GroupCol.SEATS, SeatsDelegate(self.table))
        self.table.setItemDelegateForColumn(
            GroupCol.STANCE, ChoiceDelegate(stance_choices, _("Stance"), self.table)
        )
        self.totals = QLabel()
        self.verdict = QLabel()
        font = self.verdict.font()
        font.setBold(True)
        self.verdict.setFont(font)
        # Recording a stance: of the group itself or of one of its members.
        self.group_choice = QComboBox()
        self.person_choice = QComboBox()
        self.stance_choice = QComboBox()
        for label, code in stance_choices():
            self.stance_choice.addItem(label, code)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.source = QLineEdit()
        self.source.setPlaceholderText(_("e.g. debate, e-mail, conversation"))
        self.note = QLineEdit()
        self.record_button = QPushButton(_("&Record stance"))
        self.history_model = StanceHistoryModel()
        self.history = _table(self.history_model)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for widget, name in (
            (self.table, _("Party groups, seats and stances")),
            (self.totals, _("Totals")),
            (self.verdict, _("Verdict")),
            (self.problem, _("Problems")),
            (self.warnings, _("Warnings")),
            (self.group_choice, _("Party group")),
            (self.person_choice, _("Person")),
            (self.stance_choice, _("Stance")),
            (self.date, _("Date")),
            (self.source, _("Source")),
            (self.note, _("Note")),
            (self.record_button, _("Record stance")),
            (self.history, _("Stance history")),
        ):
            widget.setAccessibleName(name)
        self._layout()
        self._connect_signals()

    def _layout(self) -> None:
        form = QFormLayout()
        who = QHBoxLayout()
        who.addWidget(self.group_choice, 1)
        who.addWidget(self.person_choice, 2)
        form.addRow(_("&Who"), who)
        what = QHBoxLayout()
        what.addWidget(self.stance_choice)
        what.addWidget(self.date)
        what.addStretch(1)
        form.addRow(_("&Stance"), what)
        form.addRow(_("S&ource"), self.source)
        form.addRow(_("&Note"), self.note)
        for row, buddy in ((0, self.group_choice), (1, self.stance_choice)):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            if isinstance(label, QLabel):
                label.setBuddy(buddy)
        form.addRow("", self.record_button)
        box = QGroupBox(_("New stance (a change in the table uses the source and note here)"))
        box.setLayout(form)
        upper = QWidget()
        col = QVBoxLayout(upper)
        col.setContentsMargins(0, 0, 0, 0)
        for w in (self.heading, self.problem, self.warnings):
            col.addWidget(w)
        col.addWidget(self.table, 1)
        col.addWidget(self.totals)
        col.addWidget(self.verdict)
        col.addWidget(box)
        lower = QWidget()
        low = QVBoxLayout(lower)
        low.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(_("Stance history"))
        caption.setBuddy(self.history)
        low.addWidget(caption)
        low.addWidget(self.history, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _connect_signals(self) -> None:
        self.group_choice.currentIndexChanged.connect(self._on_group_choice_changed)
        self.record_button.clicked.connect(self._on_record_button_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self._signals.data_changed.connect(self._on_data_changed)

    # --- what is shown -------------------------------------------------------------------

    def set_target(self, dossier_id: int | None, event_id: int | None = None) -> None:
        self._dossier_id, self._event_id = dossier_id, event_id
        self.model.set_rows([])  # another dossier: the rows take their own order again
        self.refresh()

    def show_record(self, ident: int | None) -> None:
        """As a page of the dossier section: follow its selection."""
        if ident != self._dossier_id or self._event_id is not None:
            self.set_target(ident)

    def dossier_id(self) -> int | None:
        if self._event_id is not None:
            try:
                return self._services.events.get(self._event_id).dossier_id
            except LobbyError:
                return None
        return self._dossier_id

    def refresh(self) -> None:
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
        self.count = m
        self.model.set_rows(list(m.groups) if m else [])
        self._fill_groups(m)
        enabled = m is not None and bool(m.groups)
        for w in (self.group_choice, self.person_choice, self.record_button):
            w.setEnabled(enabled)
        if m is None:
            self.heading.setText("")
            self.totals.setText("")
            self.verdict.setText("")
            self.warnings.hide()
        else:
            seats = ngettext("{n} seat", "{n} seats", m.total_seats).format(n=getal(m.total_seats))
            if m.total_source == "groups":
                seats += " " + _("(the party groups' seats added up)")
            self.heading.setText(
                f"<b>{html.escape(m.chamber)}</b>: {html.escape(seats)} — {html.escape(m.dossier)}"
            )
            self.totals.setText(totals_text(m))
            self.verdict.setText(verdict_text(m))
            colour = (
                "#1b5e20" if m.has_majority_for else "#b00020" if m.has_majority_against else ""
            )
            self.verdict.setStyleSheet(f"color: {colour}" if colour else "")
            self.warnings.setText("\n".join(m.warnings))
            self.warnings.setVisible(bool(m.warnings))
        self.history_model.set_rows(
            list(self._services.planning.history(dossier_id)) if dossier_id is not None else []
        )

    def _fill_groups(self, m: MajorityCount | None) -> None:
        current = self.group_choice.currentData()
        self.group_choice.blockSignals(True)
        self.group_choice.clear()
        for g in m.groups if m else []:
            self.group_choice.addItem(g.name, g.organisation_id)
        self.group_choice.setCurrentIndex(max(0, self.group_choice.findData(current)))
        self.group_choice.blockSignals(False)
        self._on_group_choice_changed()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    # --- writing -------------------------------------------------------------------------

    def _commit(self, org_id: int, column: int, value: object) -> bool:
        """An edit in the table: seats or the group's stance as of today."""
        dossier_id = self.dossier_id()
        planning = self._services.planning
        try:
            if column == GroupCol.SEATS:
                changes = planning.set_seats(org_id, value if isinstance(value, int) else None)
            elif column == GroupCol.STANCE and dossier_id is not None:
                changes = planning.set_stance(
                    dossier_id,
                    str(value),
                    organisation=f"#{org_id}",
                    source=self.source.text(),
                    note=self.note.text(),
                )
                self.source.clear()
                self.note.clear()
            else:
                return False
        except LobbyError as exc:
            self._show_problem(str(exc))
            return False
        self._signals.data_changed.emit(changes)
        return True

    def _on_record_button_clicked(self) -> None:
        dossier_id = self.dossier_id()
        group_id = self.group_choice.currentData()
        if dossier_id is None or group_id is None:
            return
        q = self.date.date()
        person_id = self.person_choice.currentData() or None
        try:
            changes = self._services.planning.set_stance(
                dossier_id,
                self.stance_choice.currentData(),
                person_id=person_id,
                organisation=None if person_id else f"#{group_id}",
                on=dt.date(q.year(), q.month(), q.day()),
                source=self.source.text(),
                note=self.note.text(),
            )
        except LobbyError as exc:
            self._show_problem(str(exc))
            return
        self.source.clear()
        self.note.clear()
        self._signals.data_changed.emit(changes)

    # --- slots ---------------------------------------------------------------------------

    def _on_group_choice_changed(self, *_args: object) -> None:
        self.person_choice.clear()
        self.person_choice.addItem(_("the party group itself"), 0)
        group_id = self.group_choice.currentData()
        for g in self.count.groups if self.count else []:
            if g.organisation_id == group_id:
                for m in g.members:
                    self.person_choice.addItem(m.name, m.person_id)

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            index = self.group_choice.findData(self.model.row_id(current.row()))
            if index >= 0:
                self.group_choice.setCurrentIndex(index)

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.kinds & RELEVANT:
            self.refresh()


class MajorityDialog(QDialog):
    """The panel in its own window (from the agenda's debate detail)."""

    def __init__(
        self,
        services: Services,
        signals: AppSignals,
        dossier_id: int | None = None,
        event_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.panel = MajorityPanel(services, signals, self)
        self.panel.set_target(dossier_id, event_id)
        title = self.panel.count.dossier if self.panel.count else ""
        self.setWindowTitle(_("Majority and stances") + (f": {title}" if title else ""))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        geometry = QSettings().value("planning/majority-dialog")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(900, 700)

    def done(self, result: int) -> None:
        QSettings().setValue("planning/majority-dialog", self.saveGeometry())
        super().done(result)
