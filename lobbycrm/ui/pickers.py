"""Search-as-you-type pickers: a text field whose popup offers a few matches from a LIMITed query.

Use these for every choice of a person, organisation, event, dossier or mailing; a combo box
filled with a whole table is what made the app die at 100,000 persons.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from lobbycrm.core.i18n import _
from lobbycrm.services.choices import DEFAULT_LIMIT, Choice, ChoiceService

Index = QModelIndex | QPersistentModelIndex
Search = Callable[[str, int], list[Choice]]
Lookup = Callable[[int], Choice | None]

# Long enough to skip the query for each letter of a fast typist, short enough to feel instant.
DEBOUNCE_MS = 60


class ChoiceModel(QAbstractListModel):
    """The matches of one search: shown as 'label · detail', inserted as the label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices: list[Choice] = []

    def set_choices(self, choices: list[Choice]) -> None:
        self.beginResetModel()
        self.choices = choices
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.choices)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.choices):
            return None
        c = self.choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{c.label} · {c.detail}" if c.detail else c.label
        if role == Qt.ItemDataRole.EditRole:
            return c.label
        if role == Qt.ItemDataRole.UserRole:
            return c.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return c.detail or None
        return None


class SearchPicker(QLineEdit):
    """Type part of a name; pick one of the matches. `current_id()` is None until one is picked."""

    choice_made = Signal(int)
    choice_cleared = Signal()

    def __init__(
        self,
        search: Search,
        lookup: Lookup | None = None,
        placeholder: str = "",
        limit: int = DEFAULT_LIMIT,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._lookup = lookup
        self._limit = limit
        self._current: Choice | None = None
        self.model = ChoiceModel(self)
        self.completer_ = QCompleter(self.model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCompletionRole(Qt.ItemDataRole.EditRole)
        self.completer_.setMaxVisibleItems(12)
        self.setCompleter(self.completer_)
        self.setPlaceholderText(placeholder or _("Type to search..."))
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.textEdited.connect(self._on_self_text_edited)
        self._timer.timeout.connect(self.refresh)
        self.completer_.activated[QModelIndex].connect(self._on_completer_activated)

    # --- public ------------------------------------------------------------------------------

    def current_id(self) -> int | None:
        return self._current.id if self._current is not None else None

    def current_choice(self) -> Choice | None:
        return self._current

    def set_current(self, ident: int | None) -> None:
        """Show the row with this id (looked up by id, one query) or clear the field."""
        choice = self._lookup(ident) if ident is not None and self._lookup else None
        self.set_choice(choice)

    def set_choice(self, choice: Choice | None) -> None:
        self._current = choice
        self.setText(choice.label if choice else "")

    def pick(self, choice: Choice | None) -> None:
        """Choose as the user would (code and tests): set the choice and say so."""
        self.set_choice(choice)
        if choice is None:
            self.choice_cleared.emit()
        else:
            self.choice_made.emit(choice.id)

    def refresh(self) -> None:
        """Run the search for the text typed so far and open the popup with the matches."""
        self.model.set_choices(self._search(self.text().strip(), self._limit))
        if self.hasFocus() and self.model.rowCount():
            self.completer_.complete()

    # --- slots -------------------------------------------------------------------------------

    def _on_self_text_edited(self, _text: str) -> None:
        if self._current is not None:
            self._current = None
            self.choice_cleared.emit()
        self._timer.start()

    def _on_completer_activated(self, index: QModelIndex) -> None:
        ident = index.data(Qt.ItemDataRole.UserRole)
        choice = next((c for c in self.model.choices if c.id == ident), None)
        if choice is None:
            return
        self._current = choice
        # The completer inserts the label itself after this slot; set it too for key presses.
        self.setText(choice.label)
        self.choice_made.emit(choice.id)


class RefPicker(SearchPicker):
    """A picker that answers like the combo box it replaced in a form: `currentData()` is
    '#id' (the reference the services take) or '' when nothing is chosen, and
    `currentIndexChanged` fires when the choice changes."""

    currentIndexChanged = Signal(int)

    def __init__(
        self,
        search: Search,
        lookup: Lookup | None = None,
        current: int | None = None,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(search, lookup, placeholder, parent=parent)
        if current is not None:
            self.set_current(current)
        self.choice_made.connect(self._on_changed)
        self.choice_cleared.connect(self._on_changed)

    def currentData(self) -> str:
        ident = self.current_id()
        return f"#{ident}" if ident is not None else ""

    def _on_changed(self, *_args: object) -> None:
        self.currentIndexChanged.emit(-1 if self.current_id() is None else 0)


def org_picker(
    choices: ChoiceService,
    kinds: tuple[str, ...] = (),
    current: int | None = None,
    exclude: int | None = None,
) -> RefPicker:
    """Organisations (of these kinds) searched as you type; `exclude` is never offered."""

    def search(text: str, limit: int) -> list[Choice]:
        found = choices.organisations(text, kinds, limit + (exclude is not None))
        return [c for c in found if c.id != exclude][:limit]

    return RefPicker(search, choices.organisation, current, _("Type to find an organisation..."))
