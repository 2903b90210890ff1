"""Table model over a list of agenda items (EventRow)."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from lobbycrm.core import labels
from lobbycrm.core.i18n import N_, _, short_date, time_of_day
from lobbycrm.services.calendar import kind_label
from lobbycrm.services.dto import EventRow

Index = QModelIndex | QPersistentModelIndex


class Col(IntEnum):
    DATE = 0
    TIME = 1
    KIND = 2
    TITLE = 3
    ORGANISATION = 4
    STATUS = 5


HEADERS = {
    Col.DATE: N_("Date"),
    Col.TIME: N_("Time"),
    Col.KIND: N_("Kind"),
    Col.TITLE: N_("Title"),
    Col.ORGANISATION: N_("Organisation"),
    Col.STATUS: N_("Status"),
}

STATUS_LABELS = labels.EVENT_STATUS


def when_text(row: EventRow) -> tuple[str, str]:
    if isinstance(row.start, dt.datetime):
        end = f"–{time_of_day(row.end)}" if isinstance(row.end, dt.datetime) else ""
        return short_date(row.start), f"{time_of_day(row.start)}{end}"
    last = (
        f" – {short_date(row.end)}" if isinstance(row.end, dt.date) and row.end != row.start else ""
    )
    return short_date(row.start) + last, _("all day")


class EventTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[EventRow] = []
        # The texts of a row, made once: a view that sizes its columns asks for every cell
        # many times, and formatting dates is not free.
        self._texts: dict[int, tuple[str, ...]] = {}

    def set_rows(self, rows: list[EventRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._texts = {}
        self.endResetModel()

    def _row_texts(self, row: int) -> tuple[str, ...]:
        found = self._texts.get(row)
        if found is None:
            r = self._rows[row]
            day, time = when_text(r)
            found = self._texts[row] = (
                day,
                time,
                kind_label(r.kind),
                _("(damaged) {title}").format(title=r.title) if r.damaged else r.title,
                r.organisation or "",
                _(STATUS_LABELS.get(r.status, r.status)),
            )
        return found

    def row_at(self, row: int) -> EventRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Col)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[Col(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._row_texts(index.row())
            return texts[index.column()] if 0 <= index.column() < len(texts) else None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role == Qt.ItemDataRole.ForegroundRole and r.status == "cancelled":
            return QBrush(QColor("gray"))
        if role == Qt.ItemDataRole.FontRole and r.status == "cancelled":
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return (_("Damaged: {reason}").format(reason=r.damaged) if r.damaged else None) or (
                r.location or None
            )
        return None
