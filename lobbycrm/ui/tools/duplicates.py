"""Possible duplicates: pairs of persons side by side, merged into the one you keep."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _
from lobbycrm.services import Services
from lobbycrm.services.duplicates import REASONS, DuplicatePair
from lobbycrm.ui.signals import AppSignals


class DuplicatesDialog(QDialog):
    def __init__(
        self, services: Services, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._signals = signals
        self._pairs: list[DuplicatePair] = []
        self.setWindowTitle(_("Possible duplicates"))
        self.resize(820, 420)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Person"), _("Possible duplicate"), _("Why")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("Possible duplicates"))
        self.keep_first = QPushButton(_("Merge into the &first"))
        self.keep_second = QPushButton(_("Merge into the &second"))
        self.keep_first.setAccessibleName(_("Merge into the first person"))
        self.keep_second.setAccessibleName(_("Merge into the second person"))
        self.summary = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.keep_first)
        row.addWidget(self.keep_second)
        row.addStretch(1)
        row.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                _(
                    "Merging keeps every role, contact point, tag, interaction and event "
                    "of both persons."
                )
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.keep_first.clicked.connect(lambda: self.merge_selected(keep_first=True))
        self.keep_second.clicked.connect(lambda: self.merge_selected(keep_first=False))
        self.refresh()

    def refresh(self) -> None:
        self._pairs = self._services.duplicates.candidates()
        self.table.setRowCount(len(self._pairs))
        for i, p in enumerate(self._pairs):
            for j, text in enumerate(
                (
                    f"{p.keep_name} (#{p.keep_id})",
                    f"{p.other_name} (#{p.other_id})",
                    f"{_(REASONS[p.reason])}: {p.detail}",
                )
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, i)
                self.table.setItem(i, j, item)
        if self._pairs:
            self.table.selectRow(0)
        self.summary.setText(_("Pairs found: {n}").format(n=len(self._pairs)))
        for b in (self.keep_first, self.keep_second):
            b.setEnabled(bool(self._pairs))

    def merge_selected(self, keep_first: bool = True) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._pairs):
            return
        pair = self._pairs[row]
        keep, other = (pair.keep_id, pair.other_id) if keep_first else (pair.other_id, pair.keep_id)
        try:
            changes = self._services.duplicates.merge(keep, other)
        except LobbyError as exc:
            QMessageBox.warning(self, _("Possible duplicates"), str(exc))
            return
        self._signals.data_changed.emit(changes)
        self.refresh()
