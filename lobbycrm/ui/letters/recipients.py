"""Who gets the letter, in words: a label, a party group, a committee, an organisation or one
person, each picked by typing part of its name; stored as the mailing's selectors."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import N_, _
from lobbycrm.services.choices import DEFAULT_LIMIT, Choice
from lobbycrm.ui.pickers import SearchPicker

SPOKESPERSON = "+role:woordvoerder"
KINDS: tuple[tuple[str, str], ...] = (
    ("group", N_("Party group")),
    ("tag", N_("Label")),
    ("person", N_("Person")),
    ("committee", N_("Committee")),
    ("org", N_("Organisation")),
)


def describe_selector(ctx: Context, selector: str) -> str:
    """One selector in words (never the code): 'fractie CDA, alleen woordvoerders'."""
    terms = selector.split("+")
    first, rest = terms[0], terms[1:]
    kind, _sep, value = first.partition(":")
    ident = value.strip().lstrip("#")
    text = value
    try:
        if kind == "person" and ident.isdigit():
            found = ctx.services.choices.person(int(ident))
            text = found.label if found else value
        elif kind in ("org", "committee"):
            org = ctx.services.orgs.find(value)
            if org.kind == "party-group":
                text = _("party group {name}").format(name=org.short_name or org.name)
            elif org.kind == "committee":
                text = _("committee {name}").format(name=org.name)
            else:
                text = _("people of {name}").format(name=org.name)
        elif kind == "tag":
            text = _("everyone labelled '{tag}'").format(tag=value)
        elif kind == "role":
            text = _("everyone with the role '{role}'").format(role=value)
        elif kind == "portfolio":
            text = _("spokespersons for '{portfolio}'").format(portfolio=value)
    except LobbyError:
        text = value
    if any(t.strip() == SPOKESPERSON.lstrip("+") for t in rest):
        text = _("{who}, only spokespersons").format(who=text)
    return text


class RecipientChooser(QWidget):
    """A list of who is chosen, in words; add by kind and name, remove with a button."""

    selection_changed = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(_(label), key)
        self.picker = SearchPicker(self._search, placeholder=_("Type part of the name..."))
        self.spokespersons = QCheckBox(_("only spokespersons"))
        self.add_button = QPushButton(_("&Add"))
        self.remove_button = QPushButton(_("Remove"))
        self.chosen = QListWidget()
        self.chosen.setMaximumHeight(110)
        for widget, label in (
            (self.kind, _("Kind of recipient")),
            (self.picker, _("Recipient name")),
            (self.chosen, _("Chosen recipients")),
            (self.add_button, _("Add recipient")),
            (self.remove_button, _("Remove recipient")),
        ):
            widget.setAccessibleName(label)
        row = QHBoxLayout()
        row.addWidget(self.kind)
        row.addWidget(self.picker, 1)
        row.addWidget(self.add_button)
        options = QHBoxLayout()
        options.addWidget(self.spokespersons)
        options.addStretch(1)
        options.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addLayout(options)
        layout.addWidget(self.chosen)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.picker.choice_made.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)

    # --- searching ---------------------------------------------------------------------------

    def _search(self, text: str, limit: int = DEFAULT_LIMIT) -> list[Choice]:
        choices = self._ctx.services.choices
        kind = self.kind.currentData()
        if kind == "tag":
            return choices.tags(text, limit)
        if kind == "person":
            return choices.people(text, limit)
        if kind == "group":
            return choices.organisations(text, ("party-group",), limit)
        if kind == "committee":
            return choices.organisations(text, ("committee",), limit)
        return choices.organisations(text, (), limit)

    # --- public ------------------------------------------------------------------------------

    def selectors(self) -> list[str]:
        return [
            str(self.chosen.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.chosen.count())
        ]

    def words(self) -> list[str]:
        return [self.chosen.item(i).text() for i in range(self.chosen.count())]

    def set_selectors(self, selectors: list[str]) -> None:
        self.chosen.clear()
        for selector in selectors:
            self._add(selector, self.describe(selector))
        self.selection_changed.emit()

    def describe(self, selector: str) -> str:
        return describe_selector(self._ctx, selector)

    # --- slots -------------------------------------------------------------------------------

    def _add(self, selector: str, words: str) -> None:
        if selector in self.selectors():
            return
        item = QListWidgetItem(words)
        item.setData(Qt.ItemDataRole.UserRole, selector)
        self.chosen.addItem(item)

    def _on_kind_current_index_changed(self, _index: int) -> None:
        self.picker.set_choice(None)
        self.picker.model.set_choices([])

    def _on_add_button_clicked(self, *_args: object) -> None:
        ident = self.picker.current_id()
        if ident is None:
            return
        kind = self.kind.currentData()
        choice = self.picker.current_choice()
        if kind == "tag":
            selector = f"tag:{choice.label if choice else ident}"
        elif kind == "person":
            selector = f"person:{ident}"
        else:
            selector = f"org:#{ident}"
        if kind != "person" and self.spokespersons.isChecked():
            selector += SPOKESPERSON
        self._add(selector, self.describe(selector))
        self.picker.set_choice(None)
        self.selection_changed.emit()

    def _on_remove_button_clicked(self) -> None:
        row = self.chosen.currentRow()
        if row >= 0:
            self.chosen.takeItem(row)
            self.selection_changed.emit()
