"""Ctrl+K: search people, organisations, dossiers, motions and agenda items at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from lobbycrm.core.i18n import N_, _
from lobbycrm.services.search import Hit, SearchService

SECTION_LABELS = {
    "people": N_("Person"),
    "orgs": N_("Organisation"),
    "dossiers": N_("Dossier"),
    "motions": N_("Motion"),
    "agenda": N_("Agenda"),
}


class SearchDialog(QDialog):
    """Type to search; Enter or a double click opens the chosen hit (`chosen`)."""

    def __init__(self, search: SearchService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self.chosen: Hit | None = None
        self.setWindowTitle(_("Search"))
        self.query = QLineEdit()
        self.query.setPlaceholderText(_("Search people, organisations, dossiers, motions..."))
        self.results = QListWidget()
        self.query.setAccessibleName(_("Search"))
        self.results.setAccessibleName(_("Results"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        self.resize(640, 420)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.update_results)
        self.query.textChanged.connect(self._timer.start)
        self.query.returnPressed.connect(self._on_query_return_pressed)
        self.results.itemActivated.connect(self._on_results_item_activated)

    def update_results(self) -> None:
        self.results.clear()
        for hit in self._search.search(self.query.text()):
            item = QListWidgetItem(f"{_(SECTION_LABELS[hit.section])}: {hit.label}")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _on_query_return_pressed(self) -> None:
        self.update_results()
        item = self.results.currentItem()
        if item is not None:
            self._on_results_item_activated(item)

    def _on_results_item_activated(self, item: QListWidgetItem) -> None:
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
