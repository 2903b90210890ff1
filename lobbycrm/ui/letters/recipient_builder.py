"""The recipient builder: tick tags, organisations, committees, roles, portfolios and persons;
read the choice in words, its live count and its names. It keeps the selection text the
command line takes (`tag:senator+committee:X`, one group per "or"), never shown to the user.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import N_, _, getal, ngettext
from lobbycrm.core.validation import is_id_text
from lobbycrm.services import Services
from lobbycrm.services.choices import Choice
from lobbycrm.services.recipient_words import (
    Group,
    Term,
    parse,
    selection,
    selector_text,
    usable_value,
)

# What can be ticked, in the order offered.
SOURCES = (
    ("tag", N_("Tags")),
    ("org", N_("Organisations")),
    ("committee", N_("Committees")),
    ("role", N_("Roles")),
    ("portfolio", N_("Portfolios")),
    ("person", N_("Persons")),
)
OFFERED = 20  # matches shown while typing
NAMES_WINDOW = 50  # names fetched at a time as the list scrolls
# Writing a group out as names, to leave one person out, stops at this many.
MAX_WRITTEN_OUT = 500
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


def _heading(text: str) -> QLabel:
    label = QLabel(f"<b>{html.escape(text)}</b>")
    label.setWordWrap(True)
    return label


class RecipientBuilder(QWidget):
    """`selection()` is the stored text; `selection_changed` follows every tick."""

    selection_changed = Signal()

    def __init__(
        self, services: Services, compact: bool = False, parent: QWidget | None = None
    ) -> None:
        """`compact`: what to tick above, the chosen groups and the names beneath (for a
        narrow place such as the composer's side tab)."""
        super().__init__(parent)
        self._compact = compact
        self._services = services
        self._words = services.recipient_words
        self._groups: list[Group] = []
        self._current: int | None = None  # the group ticks are added to; None: a new one
        self._names_loaded = 0
        self._total = 0
        self.source = QComboBox()
        for code, label in SOURCES:
            self.source.addItem(_(label), code)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Type to search..."))
        self.search.setClearButtonEnabled(True)
        self.offered = QListWidget()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555555")
        self.groups = QListWidget()
        self.new_group_button = QPushButton(_("Add a group (&or)"))
        self.remove_group_button = QPushButton(_("Remove &group"))
        self.count = QLabel()
        self.names = QListWidget()
        self.leave_out_button = QPushButton(_("&Leave out"))
        for widget, name in (
            (self.source, _("Choose from")),
            (self.search, _("Search")),
            (self.offered, _("Matches to tick")),
            (self.groups, _("Chosen recipients")),
            (self.new_group_button, _("Add a group")),
            (self.remove_group_button, _("Remove group")),
            (self.count, _("Number of recipients")),
            (self.names, _("Names of the recipients")),
            (self.leave_out_button, _("Leave the selected person out")),
        ):
            widget.setAccessibleName(name)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(60)
        self._layout()
        self._connect_signals()
        self._refresh_offered()
        self._show()

    def _layout(self) -> None:
        pick = QVBoxLayout()
        pick.addWidget(_heading(_("Tick who should get the letter")))
        top = QHBoxLayout()
        top.addWidget(self.source)
        top.addWidget(self.search, 1)
        pick.addLayout(top)
        pick.addWidget(self.offered, 1)
        pick.addWidget(self.hint)
        chosen = QVBoxLayout()
        chosen.addWidget(_heading(_("Chosen: everyone in one of these groups")))
        chosen.addWidget(self.groups, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_group_button)
        buttons.addWidget(self.remove_group_button)
        buttons.addStretch(1)
        chosen.addLayout(buttons)
        people = QVBoxLayout()
        self.count.setWordWrap(True)
        people.addWidget(self.count)
        people.addWidget(self.names, 1)
        people.addWidget(self.leave_out_button, 0, Qt.AlignmentFlag.AlignLeft)
        for lst in (self.offered, self.groups, self.names):
            lst.setMinimumHeight(160)
        if self._compact:
            below = QHBoxLayout()
            below.addLayout(chosen, 3)
            below.addLayout(people, 2)
            stacked = QVBoxLayout(self)
            stacked.setContentsMargins(0, 0, 0, 0)
            stacked.addLayout(pick, 2)
            stacked.addLayout(below, 3)
            return
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(pick, 3)
        layout.addLayout(chosen, 3)
        layout.addLayout(people, 2)

    def _connect_signals(self) -> None:
        self.source.currentIndexChanged.connect(self._on_source_changed)
        self.search.textEdited.connect(self._on_search_text_edited)
        self._timer.timeout.connect(self._refresh_offered)
        self.offered.itemChanged.connect(self._on_offered_item_changed)
        self.groups.currentRowChanged.connect(self._on_groups_current_row_changed)
        self.new_group_button.clicked.connect(self._on_new_group_button_clicked)
        self.remove_group_button.clicked.connect(self._on_remove_group_button_clicked)
        self.leave_out_button.clicked.connect(self._on_leave_out_button_clicked)
        self.names.verticalScrollBar().valueChanged.connect(self._on_names_scrolled)

    # --- public ------------------------------------------------------------------------------

    def selection(self) -> list[str]:
        return selection(self._groups)

    def set_selection(self, selectors: list[str]) -> None:
        self._groups = parse(selectors)
        self._current = None
        self._changed()

    # The names the composer uses for the same (it had a simpler chooser before).
    def selectors(self) -> list[str]:
        return self.selection()

    def set_selectors(self, selectors: list[str]) -> None:
        self.set_selection(selectors)

    def words(self) -> list[str]:
        """The chosen groups as shown, without the 'or' that joins them."""
        return [self._words.describe(selector_text(g)).text() for g in self._groups]

    # --- what can be ticked ------------------------------------------------------------------

    def _kind(self) -> str:
        return str(self.source.currentData())

    def _search(self, kind: str, text: str) -> list[Choice]:
        w = self._words
        if kind == "tag":
            return w.tags(text, OFFERED)
        if kind in ("org", "committee"):
            return w.organisations(text, kind == "committee", OFFERED)
        if kind == "role":
            return w.roles(text, OFFERED)
        if kind == "portfolio":
            return w.portfolios(text, OFFERED)
        return self._services.choices.people(text, OFFERED)

    def _refresh_offered(self) -> None:
        kind = self._kind()
        found = self._search(kind, self.search.text().strip())
        self.offered.blockSignals(True)
        self.offered.clear()
        for c in found:
            item = QListWidgetItem(f"{c.label} · {c.detail}" if c.detail else c.label)
            item.setData(Qt.ItemDataRole.UserRole, c)
            item.setData(KIND_ROLE, kind)
            value_ok = kind in ("org", "committee", "person") or usable_value(c.label)
            flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
            if value_ok:
                flags |= Qt.ItemFlag.ItemIsEnabled
            else:
                item.setToolTip(_("A name with a comma or a plus sign cannot be chosen here."))
            item.setFlags(flags)
            ticked = self._is_ticked(kind, c)
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.offered.addItem(item)
        self.offered.blockSignals(False)
        self._show_hint(len(found) >= OFFERED)

    def _matches(self, term: Term, kind: str, c: Choice) -> bool:
        if term.kind != kind:
            return False
        value = term.value.casefold()
        if kind == "person":
            return is_id_text(term.value) and int(term.value.removeprefix("#")) == c.id
        if kind in ("org", "committee"):
            known = {c.label.casefold(), c.detail.casefold(), f"#{c.id}", str(c.id)}
            return value in known
        return value == c.label.casefold()

    def _is_ticked(self, kind: str, c: Choice) -> bool:
        if kind == "person":
            return any(len(g) == 1 and self._matches(g[0], kind, c) for g in self._groups)
        if self._current is None:
            return False
        return any(self._matches(t, kind, c) for t in self._groups[self._current])

    def _value(self, kind: str, c: Choice) -> str:
        if kind in ("org", "committee"):
            return self._words.org_value(c.id)
        if kind == "person":
            return str(c.id)
        return c.label

    def _show_hint(self, more: bool) -> None:
        if self._current is None:
            text = _("What you tick now starts a new group of recipients.")
        else:
            text = _(
                "What you tick now is added to the chosen group: its recipients must match "
                "everything in it (and). Use “Add a group” for others as well (or)."
            )
        if more:
            text += " " + _("Type more to see other matches.")
        self.hint.setText(text)

    # --- what is chosen ----------------------------------------------------------------------

    def _changed(self) -> None:
        current = self._groups[self._current] if self._current is not None else None
        self._groups = [g for i, g in enumerate(self._groups) if g not in self._groups[:i]]
        self._current = self._groups.index(current) if current in self._groups else None
        self._show()
        self._refresh_offered()
        self.selection_changed.emit()

    def _show(self) -> None:
        self.groups.blockSignals(True)
        self.groups.clear()
        said = self._words.describe_all([selector_text(g) for g in self._groups])
        for i, words in enumerate(said):
            text = words.text()
            item = QListWidgetItem(text if i == 0 else f"{_('or')} {text}")
            if words.problem:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.groups.addItem(item)
        if self._current is not None and self._current < self.groups.count():
            self.groups.setCurrentRow(self._current)
        elif self._current is not None:
            self._current = None
        if not self._groups:
            empty = QListWidgetItem(_("Nobody chosen yet: tick on the left."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.groups.addItem(empty)
        self.groups.blockSignals(False)
        self.remove_group_button.setEnabled(self._current is not None)
        self._show_names()

    def _show_names(self) -> None:
        self.names.clear()
        self._names_loaded = 0
        self._total = 0
        if not self._groups:
            self.count.setText(
                "<b>" + ngettext("{n} recipient", "{n} recipients", 0).format(n=0) + "</b>"
            )
            return
        try:
            self._total = self._words.count(self.selection())
        except LobbyError as exc:
            self.count.setText(html.escape(_("Cannot count: {problem}").format(problem=exc)))
            return
        self.count.setText(
            "<b>"
            + ngettext("{n} recipient", "{n} recipients", self._total).format(n=getal(self._total))
            + "</b>"
        )
        self._load_names()

    def _load_names(self) -> None:
        if self._names_loaded >= self._total:
            return
        try:
            found = self._words.names(self.selection(), self._names_loaded, NAMES_WINDOW)
        except LobbyError:
            return
        for c in found:
            item = QListWidgetItem(c.label)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.names.addItem(item)
        self._names_loaded += len(found) or self._total

    # --- slots -------------------------------------------------------------------------------

    def _on_source_changed(self, *_args: object) -> None:
        self.search.clear()
        self._refresh_offered()

    def _on_search_text_edited(self, _text: str) -> None:
        self._timer.start()

    def _on_offered_item_changed(self, item: QListWidgetItem) -> None:
        kind = str(item.data(KIND_ROLE))
        c: Choice = item.data(Qt.ItemDataRole.UserRole)
        ticked = item.checkState() == Qt.CheckState.Checked
        if kind == "person":
            # A person added by hand is a group of its own: "or" this person.
            kept = [g for g in self._groups if not (len(g) == 1 and self._matches(g[0], kind, c))]
            if ticked:
                kept.append((Term("person", str(c.id)),))
            current = self._groups[self._current] if self._current is not None else None
            self._groups = kept
            self._current = kept.index(current) if current in kept else None
        elif ticked:
            term = Term(kind, self._value(kind, c))
            if self._current is None or self._is_person_group(self._current):
                self._groups.append((term,))
                self._current = len(self._groups) - 1
            else:
                self._groups[self._current] = (*self._groups[self._current], term)
        elif self._current is not None:
            group = tuple(t for t in self._groups[self._current] if not self._matches(t, kind, c))
            if group:
                self._groups[self._current] = group
            else:
                del self._groups[self._current]
                self._current = None
        self._changed()

    def _is_person_group(self, index: int) -> bool:
        group = self._groups[index]
        return len(group) == 1 and group[0].kind == "person"

    def _on_groups_current_row_changed(self, row: int) -> None:
        self._current = row if 0 <= row < len(self._groups) else None
        self.remove_group_button.setEnabled(self._current is not None)
        self._refresh_offered()

    def _on_new_group_button_clicked(self) -> None:
        self._current = None
        self.groups.clearSelection()
        self.groups.setCurrentRow(-1)
        self._refresh_offered()
        self.search.setFocus()

    def _on_remove_group_button_clicked(self) -> None:
        if self._current is None:
            return
        del self._groups[self._current]
        self._current = None
        self._changed()

    def _on_names_scrolled(self, value: int) -> None:
        if value >= self.names.verticalScrollBar().maximum():
            self._load_names()

    def _on_leave_out_button_clicked(self) -> None:
        item = self.names.currentItem()
        if item is None:
            return
        self.leave_out(int(item.data(Qt.ItemDataRole.UserRole)), item.text(), ask=True)

    def leave_out(self, person_id: int, name: str, ask: bool = False) -> bool:
        """Take a person off the list. A group reaching them is written out as its names
        (the selection has no "except"); asks first when `ask`."""
        through = set(self._words.groups_with(self.selection(), person_id))
        by_hand = {f"person:{person_id}", f"person:#{person_id}"}
        groups = [g for g in self._groups if selector_text(g) in through]
        wide = [g for g in groups if selector_text(g) not in by_hand]
        if wide and ask:
            said = ", ".join(self._words.describe(selector_text(g)).words for g in wide)
            answer = QMessageBox.question(
                self,
                _("Leave out"),
                _(
                    "{name} is on the list as one of: {groups}. To leave {name} out, that "
                    "group is replaced by the names it holds now; people added to it later "
                    "will not be on this list. Go ahead?"
                ).format(name=name, groups=said),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        new: list[Group] = []
        for g in self._groups:
            if g not in groups:
                new.append(g)
            elif g in wide:
                ids = self._words.ids(selector_text(g), MAX_WRITTEN_OUT + 1)
                if len(ids) > MAX_WRITTEN_OUT:
                    QMessageBox.information(
                        self,
                        _("Leave out"),
                        _("This group is too large to write out as names.")
                        + " "
                        + _("Choose the group more narrowly instead."),
                    )
                    return False
                new.extend((Term("person", str(i)),) for i in ids if i != person_id)
        self._groups = [g for i, g in enumerate(new) if g not in new[:i]]
        self._current = None
        self._changed()
        return True
