"""Global search (Ctrl+K): one box over people, organisations, dossiers, motions and events."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.core.i18n import N_, _
from lobbycrm.services.search import SearchService

KIND_LABELS = {
    "person": N_("Person"),
    "organisation": N_("Organisation"),
    "dossier": N_("Dossier"),
    "motion": N_("Motion"),
    "event": N_("Event"),
}


class SearchDialog(QDialog):
    """Type, then Enter or double-click a hit; `hit_chosen` carries (kind, id)."""

    hit_chosen = Signal(str, int)

    def __init__(self, search: SearchService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self.setWindowTitle(_("Search"))
        self.resize(560, 420)
        self.query = QLineEdit()
        self.query.setPlaceholderText(
            _("Search people, organisations, dossiers, motions and events...")
        )
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName(_("Search everything"))
        self.results = QListWidget()
        self.results.setAccessibleName(_("Search results"))
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.query.textChanged.connect(self._timer.start)
        self._timer.timeout.connect(self.run)
        self.query.returnPressed.connect(self._on_query_return_pressed)
        self.results.itemActivated.connect(self._on_results_item_activated)

    def run(self) -> None:
        self.results.clear()
        hits = self._search.search(self.query.text())
        for hit in hits:
            text = f"{_(KIND_LABELS[hit.kind])}: {hit.title}"
            if hit.detail:
                text += f" — {hit.detail}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (hit.kind, hit.id))
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
        self.status.setText(
            _("Results: {n}").format(n=len(hits)) if self.query.text().strip() else ""
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Arrow keys move through the results while typing continues in the box.
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
            self.results.setCurrentRow(row)
            return
        super().keyPressEvent(event)

    def _on_query_return_pressed(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.run()
        item = self.results.currentItem()
        if item is not None:
            self._on_results_item_activated(item)

    def _on_results_item_activated(self, item: QListWidgetItem) -> None:
        kind, ident = item.data(Qt.ItemDataRole.UserRole)
        self.hit_chosen.emit(kind, int(ident))
        self.accept()
