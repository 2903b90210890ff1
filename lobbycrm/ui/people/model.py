"""Table model over the people list that fetches windows of rows as the view scrolls."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from lobbycrm.core.i18n import N_, _
from lobbycrm.services.dto import PersonRow
from lobbycrm.services.people import PeopleService, PersonFilter

Index = QModelIndex | QPersistentModelIndex
# Rows per window: a little more than a tall screen shows; scrolling fetches the next one.
BATCH = 60
# Counting every match of a broad search costs a scan of the table on each keystroke; past
# this many the list says "more than 1,000".
COUNT_CAP = 1_000


class Col(IntEnum):
    NAME = 0
    EMAIL = 1
    FUNCTIONS = 2
    TAGS = 3


SORT_KEYS = {Col.NAME: "name", Col.EMAIL: "email"}

HEADERS = {
    Col.NAME: N_("Name"),
    Col.EMAIL: N_("E-mail"),
    Col.FUNCTIONS: N_("Functions"),
    Col.TAGS: N_("Tags"),
}


class PeopleTableModel(QAbstractTableModel):
    def __init__(self, people: PeopleService) -> None:
        super().__init__()
        self._people = people
        self._filter = PersonFilter()
        self._rows: list[PersonRow] = []
        self._total = 0
        self._capped = False  # more than COUNT_CAP found: the count stopped there
        self._order = "name"
        self._descending = False
        self._loaded = False  # no query before the first set_filter

    def set_filter(self, f: PersonFilter) -> None:
        self.beginResetModel()
        self._filter = f
        self._loaded = True
        self._rows = self._fetch(0)
        if len(self._rows) < BATCH:
            # The whole list fits the first window: that is the count, no query needed.
            self._total, self._capped = len(self._rows), False
        else:
            found = self._people.count(f, cap=COUNT_CAP + 1)
            self._capped = found > COUNT_CAP
            self._total = min(found, COUNT_CAP)
        self.endResetModel()

    def _fetch(self, offset: int) -> list[PersonRow]:
        return self._people.rows(
            self._filter, offset, BATCH, order=self._order, descending=self._descending
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted in the database; only name and e-mail have an order worth indexing."""
        key = SORT_KEYS.get(Col(column)) if 0 <= column < len(Col) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._order, self._descending) and self._loaded:
            return  # already in this order: setting up the view asks more than once
        self._order = key
        self._descending = descending
        if not self._loaded:
            return  # the first set_filter fetches in this order
        self.beginResetModel()
        self._rows = self._fetch(0)
        self.endResetModel()

    def reload(self) -> None:
        self.set_filter(self._filter)

    @property
    def total(self) -> int:
        """How many the filter finds, or COUNT_CAP when there are more (see `capped`)."""
        return self._total

    @property
    def capped(self) -> bool:
        return self._capped

    def person_id(self, row: int) -> int:
        return self._rows[row].id

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Col)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and (len(self._rows) < self._total or self._capped)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = self._fetch(len(self._rows))
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
        if len(more) < BATCH:
            # The end of the list: its length is the count.
            self._capped = False
            self._total = len(self._rows)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[Col(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                Col.NAME: _("(damaged) {title}").format(title=r.sort_name)
                if r.damaged
                else r.sort_name,
                Col.EMAIL: r.email,
                Col.FUNCTIONS: r.functions,
                Col.TAGS: r.tags,
            }[Col(index.column())]
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if r.damaged:
                return _("Damaged: {reason}").format(reason=r.damaged)
            return r.display_name
        return None
