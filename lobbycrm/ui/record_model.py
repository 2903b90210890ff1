"""Table model for the short lists (organisations, dossiers, motions): all rows, sortable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from lobbycrm.core.i18n import _

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Record:
    id: int
    cells: tuple[str, ...]
    # Per column what sorting compares (a date, a number); defaults to the folded text.
    keys: tuple[Any, ...] = ()
    greyed: bool = False


class RecordModel(QAbstractTableModel):
    """Columns come from an IntEnum whose members map to English header texts."""

    def __init__(self, columns: type[IntEnum], headers: dict[Any, str]) -> None:
        super().__init__()
        self._columns = columns
        self._headers = headers
        self._rows: list[Record] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Record]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._rows.sort(key=self._key(self._sort[0]), reverse=self._descending())
        self.endResetModel()

    def record(self, row: int) -> Record:
        return self._rows[row]

    def row_of(self, ident: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == ident), -1)

    def _key(self, column: int) -> Any:
        def key(r: Record) -> Any:
            value = r.keys[column] if column < len(r.keys) else None
            if value is None:
                return (1, r.cells[column].casefold())
            return (0, value)

        return key

    def _descending(self) -> bool:
        return self._sort is not None and self._sort[1] == Qt.SortOrder.DescendingOrder

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._rows.sort(key=self._key(column), reverse=self._descending())
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self._headers[self._columns(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return r.cells[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role == Qt.ItemDataRole.ForegroundRole and r.greyed:
            return QBrush(QColor("gray"))
        return None
