"""Privacy (AVG) in the app: export an access report, erase a person (after asking), and the
review of persons without a current role or contact (Edit > Privacy review)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _, ngettext, short_date
from lobbycrm.services import Changes, Services
from lobbycrm.ui.feedback import announce_saved
from lobbycrm.ui.signals import AppSignals


def export_access_report(parent: QWidget, services: Services, person_id: int) -> bool:
    """Ask for a folder, write the HTML report and the JSON file, say where they went."""
    folder = QFileDialog.getExistingDirectory(parent, _("Folder for the access report"))
    if not folder:
        return False
    from pathlib import Path

    try:
        result = services.privacy.export(person_id, Path(folder))
    except (LobbyError, OSError) as exc:
        QMessageBox.warning(parent, _("Access request"), str(exc))
        return False
    announce_saved(parent, _("Access report saved"), result.html)
    return True


def confirm_and_erase(parent: QWidget, services: Services, person_id: int) -> Changes | None:
    """Ask first (erasing cannot be undone), erase, and tell what was kept and where older
    backups still hold the data."""
    try:
        name = services.privacy.name_of(person_id)
    except LobbyError as exc:
        QMessageBox.warning(parent, _("Erase person"), str(exc))
        return None
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Erase person"))
    box.setText(_("Erase {name} for good?").format(name=name))
    box.setInformativeText(
        _(
            "Their contact points, roles, notes, contact moments, stances, letters and e-mails "
            "sent to them, replies and change history are removed and cannot be restored. "
            "Mailings keep anonymous counts."
        )
    )
    erase = box.addButton(_("&Erase"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is not erase:
        return None
    try:
        report = services.privacy.erase(person_id)
    except LobbyError as exc:
        QMessageBox.warning(parent, _("Erase person"), str(exc))
        return None
    notes = [_("{name} has been erased.").format(name=name)]
    if not report.file_cleaned:
        notes.append(
            _(
                "Another program has the database open, so freed space may still hold the "
                "data. Close LobbyCRM everywhere and run 'lobbycrm privacy clean'."
            )
        )
    if report.backups:
        notes.append(_("These backups were made before and still hold the person's data:"))
        notes.extend(str(p) for p in report.backups)
    if report.backups or not report.file_cleaned:
        QMessageBox.information(parent, _("Erase person"), "\n".join(notes))
    status = getattr(parent.window(), "show_status", None)
    if callable(status):
        status(notes[0])
    return Changes.of("person", "role", "interaction", "mailing", "bin", ids=(person_id,))


class PrivacyReviewDialog(QDialog):
    """Persons without a current role or any contact for N months: erase or keep each."""

    def __init__(
        self, services: Services, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._signals = signals
        self.setWindowTitle(_("Privacy review"))
        self.months = QSpinBox()
        self.months.setRange(1, 240)
        self.months.setValue(24)
        self.months.setSuffix(" " + _("months"))
        self.months.setAccessibleName(_("No role or contact in the last"))
        intro = QLabel(
            _(
                "Keep no more than you need: these persons have no current role and no "
                "contact (letter, e-mail, call, note, stance) in the period. Erase them, or keep "
                "them (noted on their timeline)."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [_("Name"), _("Last role"), _("Role ended"), _("Last contact")]
        )
        self.table.setAccessibleName(_("Persons to review"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 3):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        self.count = QLabel()
        self.erase_button = QPushButton(_("&Erase..."))
        self.keep_button = QPushButton(_("&Keep..."))
        self.export_button = QPushButton(_("E&xport access report..."))
        row = QHBoxLayout()
        row.addWidget(QLabel(_("No role or contact in the last")))
        row.addWidget(self.months)
        row.addStretch(1)
        row.addWidget(self.count)
        actions = QHBoxLayout()
        for b in (self.erase_button, self.keep_button, self.export_button):
            actions.addWidget(b)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(close)
        close.rejected.connect(self.reject)
        self._connect_signals()
        self.resize(820, 480)
        self.refresh()

    def _connect_signals(self) -> None:
        self.months.valueChanged.connect(self.refresh)
        self.erase_button.clicked.connect(self._on_erase_button_clicked)
        self.keep_button.clicked.connect(self._on_keep_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)

    def refresh(self) -> None:
        rows = self._services.privacy.review(self.months.value())
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = [
                r.name,
                r.last_role,
                short_date(r.last_role_end) if r.last_role_end else "",
                short_date(r.last_contact) if r.last_contact else _("never"),
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                self.table.setItem(i, j, item)
        self.count.setText(ngettext("{n} person", "{n} persons", len(rows)).format(n=len(rows)))
        self._on_table_selection_changed()

    def selected_id(self) -> int | None:
        item = self.table.item(self.table.currentRow(), 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _on_table_selection_changed(self) -> None:
        chosen = self.selected_id() is not None and bool(self.table.selectedItems())
        for b in (self.erase_button, self.keep_button, self.export_button):
            b.setEnabled(chosen)

    def _on_erase_button_clicked(self) -> None:
        person_id = self.selected_id()
        if person_id is None:
            return
        changes = confirm_and_erase(self, self._services, person_id)
        if changes is not None:
            self._signals.data_changed.emit(changes)
            self.refresh()

    def _on_keep_button_clicked(self) -> None:
        person_id = self.selected_id()
        if person_id is None:
            return
        reason, ok = QInputDialog.getText(
            self, _("Keep"), _("Why are this person's data kept? (noted on their timeline)")
        )
        if not ok:
            return
        try:
            changes = self._services.privacy.keep(person_id, reason)
        except LobbyError as exc:
            QMessageBox.warning(self, _("Keep"), html.escape(str(exc)))
            return
        self._signals.data_changed.emit(changes)
        self.refresh()

    def _on_export_button_clicked(self) -> None:
        person_id = self.selected_id()
        if person_id is not None:
            export_access_report(self, self._services, person_id)
