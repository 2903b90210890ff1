"""The to-do list: follow-ups that are due (from interactions) and messages that did not go."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core.i18n import _, short_date
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.services import Changes
from lobbycrm.services.followup import TodoItem
from lobbycrm.ui.outreach.panels import fit_columns
from lobbycrm.ui.signals import AppSignals


class TodoPanel(QWidget):
    def __init__(self, ctx: Context, signals: AppSignals) -> None:
        super().__init__()
        self._ctx = ctx
        self._signals = signals
        self.items: list[TodoItem] = []  # shown
        self._all: list[TodoItem] = []
        self.due_only = QCheckBox(_("Only what is &due"))
        self.due_only.setChecked(False)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Due"), _("Person"), _("What")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setAccessibleName(_("To do"))
        self.done_button = QPushButton(_("&Done"))
        self.summary = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.due_only)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.due_only.toggled.connect(self.refresh)
        self.done_button.clicked.connect(self._on_done_button_clicked)
        self.table.itemSelectionChanged.connect(self._update_button)
        signals.data_changed.connect(self._on_data_changed)
        self.refresh()

    def refresh(self) -> None:
        # One query for both the list and the calendar's marks (due_days).
        self._all = self._ctx.services.followups.todo()
        today = amsterdam_today()
        self.items = [t for t in self._all if not self.due_only.isChecked() or t.due <= today]
        self.table.setRowCount(len(self.items))
        for i, t in enumerate(self.items):
            for col, text in enumerate((short_date(t.due), t.person, t.title)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if t.overdue:
                    item.setForeground(QColor("#b00020"))
                self.table.setItem(i, col, item)
        fit_columns(self.table)
        overdue = sum(1 for t in self.items if t.overdue)
        self.summary.setText(_("{n} open, {late} overdue").format(n=len(self.items), late=overdue))
        self._update_button()

    def selected(self) -> list[TodoItem]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.items[r] for r in rows if r < len(self.items)]

    def _update_button(self) -> None:
        self.done_button.setEnabled(any(t.interaction_id for t in self.selected()))

    def _on_done_button_clicked(self) -> None:
        for t in self.selected():
            if t.interaction_id is not None:
                self._ctx.services.interactions.set_follow_up_done(t.interaction_id)
        self._signals.data_changed.emit(Changes.of("interaction"))

    def due_days(self) -> dict[dt.date, int]:
        """How many follow-ups fall on each day (for the month calendar)."""
        days: dict[dt.date, int] = {}
        for t in self._all:
            if t.kind == "follow-up":
                days[t.due] = days.get(t.due, 0) + 1
        return days

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.kinds & {"interaction", "outbox", "mailing", "person"}:
            self.refresh()
