"""A dossier's motions over time in a table; the execution status is set right there."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.core.enums import ExecutionStatus
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _
from lobbycrm.services import Changes, Services
from lobbycrm.ui.planning.delegates import ChoiceDelegate
from lobbycrm.ui.planning.models import DossierMotionsModel, MotionCol
from lobbycrm.ui.record_dialogs import EXECUTION_LABELS
from lobbycrm.ui.signals import AppSignals


def execution_choices() -> list[tuple[str, str]]:
    return [(_(EXECUTION_LABELS[e.value]), e.value) for e in ExecutionStatus]


class DossierMotionsPanel(QWidget):
    def __init__(self, services: Services, signals: AppSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._signals = signals
        self._dossier_id: int | None = None
        self.model = DossierMotionsModel(self._commit)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setItemDelegateForColumn(
            MotionCol.EXECUTION, ChoiceDelegate(execution_choices, _("Execution"), self.table)
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MotionCol.TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("Motions on the dossier"))
        self.hint = QLabel(_("Double-click the execution status to change it."))
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setAccessibleName(_("Problems"))
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.hint)
        self._signals.data_changed.connect(self._on_data_changed)

    def show_record(self, ident: int | None) -> None:
        if ident != self._dossier_id:
            self._dossier_id = ident
            self.refresh()

    def refresh(self) -> None:
        rows = (
            self._services.motions.list(dossier_id=self._dossier_id)
            if self._dossier_id is not None
            else []
        )
        # In date order; motions whose date is unknown come last.
        rows.sort(key=lambda m: (m.date is None, m.date, m.id))
        self.model.set_rows(list(rows))

    def _commit(self, motion_id: int, column: int, value: object) -> bool:
        if column != MotionCol.EXECUTION:
            return False
        try:
            changes = self._services.motions.set_execution(motion_id, str(value))
        except LobbyError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return False
        self.problem.hide()
        self._signals.data_changed.emit(changes)
        return True

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.kinds & {"motion", "dossier", "organisation", "bin"}:
            self.refresh()
