"""Table models of the planning panels: party groups with seats and stances, stance history,
a dossier's motions."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from lobbycrm.core.i18n import N_, _, short_date
from lobbycrm.core.partial_dates import partial_date_text
from lobbycrm.services.dto import MotionRow
from lobbycrm.services.planning import GroupCount, MemberStance, StanceRow
from lobbycrm.ui.planning.labels import (
    STANCE_COLOURS,
    based_on_text,
    recorded,
    seats_text,
    seats_tooltip,
    stance_label,
)
from lobbycrm.ui.record_dialogs import EXECUTION_LABELS, RESULT_LABELS

Index = QModelIndex | QPersistentModelIndex
# Called with (row id, column, new value); True when the service accepted it.
Commit = Callable[[int, int, object], bool]


class _Table(QAbstractTableModel):
    """Rows of frozen dataclasses with an `id`-like key, headers from an IntEnum."""

    columns: type[IntEnum]
    headers: dict[IntEnum, str]

    def __init__(self, commit: Commit | None = None) -> None:
        super().__init__()
        self._rows: list[object] = []
        self._commit = commit

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.headers[self.columns(section)])
        return None

    def _valid(self, index: Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows)

    def _key(self, row: object) -> int:
        raise NotImplementedError

    # Whether rows that come back in another order keep the order shown (else: a reset).
    keep_order = False

    def set_rows(self, rows: list[object]) -> None:
        """The same rows again (after an edit): updated in place, so an open editor and the
        selection survive (a reset from inside setData would pull the editor away)."""
        old = [self._key(r) for r in self._rows]
        new = [self._key(r) for r in rows]
        if old and (sorted(old) == sorted(new) if self.keep_order else old == new):
            by_key = {self._key(r): r for r in rows}
            self._rows = [by_key[k] for k in old]
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1)
            )
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_id(self, row: int) -> int:
        return self._key(self._rows[row])

    def row_of(self, ident: int) -> int:
        return next((i for i, r in enumerate(self._rows) if self._key(r) == ident), -1)

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self._valid(index) or self._commit is None:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        return self._commit(self._key(self._rows[index.row()]), index.column(), value)


# --- party groups ----------------------------------------------------------------------


class GroupCol(IntEnum):
    GROUP = 0
    SEATS = 1
    STANCE = 2
    BASED_ON = 3
    WHAT_IF = 4
    MEMBERS = 5


class MajorityModel(_Table):
    """One row per party group, largest first. Seats are recorded through `commit`; the
    "what if" column tries a stance (a scenario) without recording anything."""

    columns = GroupCol
    keep_order = True  # rows do not jump while seats are being edited
    headers = {  # noqa: RUF012
        GroupCol.GROUP: N_("Party group"),
        GroupCol.SEATS: N_("Seats"),
        GroupCol.STANCE: N_("Stance"),
        GroupCol.BASED_ON: N_("Based on"),
        GroupCol.WHAT_IF: N_("What if…"),
        GroupCol.MEMBERS: N_("Members' stances"),
    }

    def __init__(self, commit: Commit | None = None) -> None:
        super().__init__(commit)
        self._targets: set[int] = set()

    def set_targets(self, ids: set[int]) -> None:
        """The groups to call first are shown in bold."""
        self._targets = set(ids)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1)
            )

    def _key(self, row: object) -> int:
        assert isinstance(row, GroupCount)
        return row.organisation_id

    def group(self, row: int) -> GroupCount:
        g = self._rows[row]
        assert isinstance(g, GroupCount)
        return g

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if self._valid(index) and index.column() in (GroupCol.SEATS, GroupCol.WHAT_IF):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not self._valid(index):
            return None
        g = self.group(index.row())
        col = GroupCol(index.column())
        if role == Qt.ItemDataRole.UserRole:
            return g.organisation_id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(g, col)
        if role == Qt.ItemDataRole.EditRole:
            if col is GroupCol.SEATS:
                return "" if g.recorded_seats is None else str(g.recorded_seats)
            if col is GroupCol.STANCE:
                return recorded(g).stance
            if col is GroupCol.WHAT_IF:
                return g.stance if g.tried else ""
            return self._display(g, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(g, col)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            if col is GroupCol.SEATS and g.recorded_seats is None:
                font.setItalic(True)
            if col is GroupCol.GROUP and g.organisation_id in self._targets:
                font.setBold(True)
            if col is GroupCol.WHAT_IF and g.tried:
                font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            if col is GroupCol.STANCE:
                colour = STANCE_COLOURS.get(recorded(g).stance)
                return QBrush(QColor(colour)) if colour else None
            if col is GroupCol.WHAT_IF and g.tried:
                return QBrush(
                    QColor(STANCE_COLOURS.get(g.stance, "#eeeeee")), Qt.BrushStyle.Dense4Pattern
                )
        if role == Qt.ItemDataRole.TextAlignmentRole and col is GroupCol.SEATS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _tooltip(self, g: GroupCount, col: GroupCol) -> str | None:
        if col is GroupCol.MEMBERS and g.members:
            return "\n".join(f"{m.name}: {stance_label(m.stance)}" for m in g.members)
        if col is GroupCol.SEATS:
            return seats_tooltip(g)
        if col is GroupCol.WHAT_IF:
            return _("Try a stance: the bar and the verdict follow, nothing is recorded.")
        if col is GroupCol.GROUP:
            text = _("Double-click to see the members and their stances.")
            if g.organisation_id in self._targets:
                text = _("Among the groups to call first.") + "\n" + text
            return text
        if col is GroupCol.BASED_ON:
            return based_on_text(g)
        return None

    def _display(self, g: GroupCount, col: GroupCol) -> str:
        if col is GroupCol.GROUP:
            return g.name
        if col is GroupCol.SEATS:
            return seats_text(g)
        if col is GroupCol.STANCE:
            return stance_label(recorded(g).stance)
        if col is GroupCol.BASED_ON:
            return based_on_text(g)
        if col is GroupCol.WHAT_IF:
            return stance_label(g.stance) if g.tried else ""
        said = [m for m in g.members if m.stance != "onbekend"]
        return ", ".join(f"{m.name}: {stance_label(m.stance)}" for m in said)


# --- members of one party group ---------------------------------------------------------


class MemberCol(IntEnum):
    NAME = 0
    STANCE = 1
    DATE = 2
    SOURCE = 3


class MembersModel(_Table):
    """The current members of one party group with their latest stance (read-only)."""

    columns = MemberCol
    headers = {  # noqa: RUF012
        MemberCol.NAME: N_("Member"),
        MemberCol.STANCE: N_("Stance"),
        MemberCol.DATE: N_("Since"),
        MemberCol.SOURCE: N_("Source"),
    }

    def _key(self, row: object) -> int:
        assert isinstance(row, MemberStance)
        return row.person_id

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not self._valid(index):
            return None
        m = self._rows[index.row()]
        assert isinstance(m, MemberStance)
        col = MemberCol(index.column())
        if role == Qt.ItemDataRole.UserRole:
            return m.person_id
        if role == Qt.ItemDataRole.DisplayRole:
            if col is MemberCol.NAME:
                return m.name
            if col is MemberCol.STANCE:
                return stance_label(m.stance)
            if col is MemberCol.DATE:
                return short_date(m.stated_on) if m.stated_on else ""
            return m.source
        if role == Qt.ItemDataRole.BackgroundRole and col is MemberCol.STANCE:
            colour = STANCE_COLOURS.get(m.stance)
            return QBrush(QColor(colour)) if colour else None
        return None


# --- stance history --------------------------------------------------------------------


class HistoryCol(IntEnum):
    HOLDER = 0
    STANCE = 1
    DATE = 2
    SOURCE = 3
    NOTE = 4


class StanceHistoryModel(_Table):
    """Every stance recorded on the dossier, newest first; read-only (history is kept)."""

    columns = HistoryCol
    headers = {  # noqa: RUF012
        HistoryCol.HOLDER: N_("Who"),
        HistoryCol.STANCE: N_("Stance"),
        HistoryCol.DATE: N_("Date"),
        HistoryCol.SOURCE: N_("Source"),
        HistoryCol.NOTE: N_("Note"),
    }

    def _key(self, row: object) -> int:
        assert isinstance(row, StanceRow)
        return row.id

    def set_rows(self, rows: list[object]) -> None:
        # New stances arrive on top: always a reset.
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not self._valid(index):
            return None
        r = self._rows[index.row()]
        assert isinstance(r, StanceRow)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            col = HistoryCol(index.column())
            if col is HistoryCol.HOLDER:
                return r.holder
            if col is HistoryCol.STANCE:
                return stance_label(r.stance)
            if col is HistoryCol.DATE:
                return short_date(r.stated_on)
            if col is HistoryCol.SOURCE:
                return r.source
            return r.note if role == Qt.ItemDataRole.ToolTipRole else r.note.replace("\n", " ")
        return None


# --- motions of a dossier --------------------------------------------------------------


class MotionCol(IntEnum):
    DATE = 0
    TITLE = 1
    NUMBER = 2
    RESULT = 3
    EXECUTION = 4


class DossierMotionsModel(_Table):
    """A dossier's motions in date order (undated last); execution status editable."""

    columns = MotionCol
    headers = {  # noqa: RUF012
        MotionCol.DATE: N_("Date"),
        MotionCol.TITLE: N_("Title"),
        MotionCol.NUMBER: N_("Number"),
        MotionCol.RESULT: N_("Result"),
        MotionCol.EXECUTION: N_("Execution"),
    }

    def _key(self, row: object) -> int:
        assert isinstance(row, MotionRow)
        return row.id

    def motion(self, row: int) -> MotionRow:
        m = self._rows[row]
        assert isinstance(m, MotionRow)
        return m

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if self._valid(index) and index.column() == MotionCol.EXECUTION:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not self._valid(index):
            return None
        m = self.motion(index.row())
        col = MotionCol(index.column())
        if role == Qt.ItemDataRole.UserRole:
            return m.id
        if role == Qt.ItemDataRole.EditRole and col is MotionCol.EXECUTION:
            return m.execution_status
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col is MotionCol.DATE:
                return partial_date_text(m.date, m.date_precision) if m.date else _("date unknown")
            if col is MotionCol.TITLE:
                return m.title
            if col is MotionCol.NUMBER:
                return m.number
            if col is MotionCol.RESULT:
                return _(RESULT_LABELS.get(m.result, m.result))
            return _(EXECUTION_LABELS.get(m.execution_status, m.execution_status))
        if role == Qt.ItemDataRole.ToolTipRole and col is MotionCol.TITLE:
            return m.title
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and m.result == "aangenomen"
            and m.execution_status != "uitgevoerd"
            and col is MotionCol.EXECUTION
        ):
            return QBrush(QColor("#a4262c"))  # adopted, still to be carried out
        return None
