"""The recycle bin: deleted people, organisations, dossiers and motions, ready to restore."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.core.i18n import N_, _, date_time
from lobbycrm.services import Services
from lobbycrm.ui.signals import AppSignals

KIND_LABELS = {
    "person": N_("Person"),
    "organisation": N_("Organisation"),
    "dossier": N_("Dossier"),
    "motion": N_("Motion"),
}


class RecycleBinDialog(QDialog):
    def __init__(
        self, services: Services, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._signals = signals
        self.setWindowTitle(_("Recycle bin"))
        self.resize(700, 380)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Deleted"), _("Kind"), _("Name")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName(_("Deleted items"))
        self.restore_button = QPushButton(_("&Restore"))
        self.purge_button = QPushButton(_("Delete &permanently"))
        self.restore_button.setAccessibleName(_("Restore"))
        self.purge_button.setAccessibleName(_("Delete permanently"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addWidget(self.purge_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.purge_button.clicked.connect(self._on_purge_button_clicked)
        self.refresh()

    def refresh(self) -> None:
        entries = self._services.bin.entries()
        self.table.setRowCount(len(entries))
        for i, e in enumerate(entries):
            for j, text in enumerate(
                (date_time(e.deleted_at), _(KIND_LABELS.get(e.kind, e.kind)), e.label)
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, e.id)
                self.table.setItem(i, j, item)
        if entries:
            self.table.selectRow(0)
        for b in (self.restore_button, self.purge_button):
            b.setEnabled(bool(entries))

    def _current(self) -> int | None:
        item = self.table.item(self.table.currentRow(), 0)
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _on_restore_button_clicked(self) -> None:
        entry = self._current()
        if entry is not None:
            self._signals.data_changed.emit(self._services.bin.restore(entry))
            self.refresh()

    def _on_purge_button_clicked(self) -> None:
        entry = self._current()
        if entry is not None:
            self._services.bin.purge(entry)
            self.refresh()
