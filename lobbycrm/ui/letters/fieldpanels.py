"""Beside the preview: the free fields a letter needs, each with an input and its description;
and the paragraphs written for one party group or one person."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _
from lobbycrm.letters import prose
from lobbycrm.letters.fields import FieldInfo
from lobbycrm.services.choices import DEFAULT_LIMIT, Choice
from lobbycrm.ui.forms import error_label
from lobbycrm.ui.pickers import SearchPicker


class FieldInputs(QScrollArea):
    """One row per free field: its name, an input and what the template says it is for."""

    values_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.inputs: dict[str, QLineEdit] = {}
        self._values: dict[str, str] = {}
        self._infos: list[FieldInfo] = []
        self._missing: set[str] = set()
        self.setAccessibleName(_("Fields of the letter"))
        self._fill()

    def set_fields(self, infos: list[FieldInfo]) -> None:
        if [(i.name, i.description, i.default, i.required) for i in infos] == [
            (i.name, i.description, i.default, i.required) for i in self._infos
        ]:
            return
        self._infos = infos
        self._fill()

    def values(self) -> dict[str, str]:
        return {k: v for k, v in self._values.items() if v.strip()}

    def set_values(self, values: dict[str, str]) -> None:
        self._values = dict(values)
        for name, edit in self.inputs.items():
            edit.blockSignals(True)
            edit.setText(self._values.get(name, ""))
            edit.blockSignals(False)

    def mark_missing(self, names: set[str]) -> None:
        self._missing = names
        for name, edit in self.inputs.items():
            edit.setStyleSheet("background:#fde2e1" if name in names else "")

    def _fill(self) -> None:
        holder = QWidget()
        form = QFormLayout(holder)
        self.inputs = {}
        if not self._infos:
            form.addRow(QLabel(_("This letter has no fields to fill in.")))
        for info in self._infos:
            label = prose.field_label(info.name)
            edit = QLineEdit(self._values.get(info.name, ""))
            edit.setAccessibleName(label)
            if info.default:
                edit.setPlaceholderText(_("empty: {default}").format(default=info.default))
            elif info.required:
                edit.setPlaceholderText(_("required"))
            edit.textChanged.connect(lambda text, n=info.name: self._on_input_changed(n, text))
            self.inputs[info.name] = edit
            box = QWidget()
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 0)
            col.setSpacing(1)
            col.addWidget(edit)
            if info.description:
                note = QLabel(info.description)
                note.setWordWrap(True)
                note.setStyleSheet("color:#555; font-size:9pt")
                col.addWidget(note)
            title = f"{label} *" if info.required else label
            form.addRow(title, box)
        self.setWidget(holder)
        self.mark_missing(self._missing)

    def _on_input_changed(self, name: str, text: str) -> None:
        self._values[name] = text
        self.values_changed.emit()


@dataclass(frozen=True)
class Tailored:
    """A paragraph for the recipients of one party group or one person."""

    field: str
    scope: str  # "group" or "person"
    key: str  # the group's short name, or the person's id
    who: str  # in words
    text: str

    def entry(self) -> str:
        return f"{self.scope}:{self.key}:{self.field}={self.text}"


class TailoredParagraphs(QWidget):
    """Write a paragraph that only one party group or one person gets."""

    paragraphs_changed = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.items: list[Tailored] = []
        self.slot = QComboBox()
        self.scope = QComboBox()
        self.scope.addItem(_("Party group"), "group")
        self.scope.addItem(_("Person"), "person")
        self.who = SearchPicker(self._search, placeholder=_("Type part of the name..."))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(_("The paragraph, as only they will read it"))
        self.text.setMaximumHeight(90)
        self.add_button = QPushButton(_("&Add paragraph"))
        self.remove_button = QPushButton(_("Remove"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Place in the letter"), _("Only for"), _("Text")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.error = error_label()
        for widget, label in (
            (self.slot, _("Place in the letter")),
            (self.scope, _("Only for")),
            (self.who, _("Party group or person")),
            (self.text, _("Paragraph text")),
            (self.table, _("Paragraphs for one group or person")),
        ):
            widget.setAccessibleName(label)
        intro = QLabel(
            _(
                "A paragraph here appears only in the letters to that party group or person, "
                "at the place marked «{mark}» in the text. Add such a place with the "
                "button under the field list."
            ).format(mark=_(prose.TAILORED))
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Place"), self.slot)
        row = QHBoxLayout()
        row.addWidget(self.scope)
        row.addWidget(self.who, 1)
        form.addRow(_("Only for"), row)
        form.addRow(_("Text"), self.text)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        self.scope.currentIndexChanged.connect(lambda _i: self.who.set_choice(None))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)

    def _search(self, text: str, limit: int = DEFAULT_LIMIT) -> list[Choice]:
        choices = self._ctx.services.choices
        if self.scope.currentData() == "person":
            return choices.people(text, limit)
        return choices.organisations(text, ("party-group",), limit)

    def set_slots(self, names: list[str]) -> None:
        current = self.slot.currentData()
        self.slot.blockSignals(True)
        self.slot.clear()
        for name in names:
            self.slot.addItem(
                prose.paragraph_label(name).removeprefix(prose.paragraph_prefix()), name
            )
        if current in names:
            self.slot.setCurrentIndex(names.index(current))
        self.slot.blockSignals(False)

    def entries(self) -> list[str]:
        return [t.entry() for t in self.items]

    def set_entries(self, entries: list[str]) -> None:
        """From a mailing's stored values: the `group:` and `person:` ones."""
        self.items = []
        for entry in entries:
            key, _sep, text = entry.partition("=")
            parts = key.split(":")
            if len(parts) != 3 or parts[0] not in ("group", "person"):
                continue
            who = parts[1]
            if parts[0] == "person" and parts[1].isdigit():
                found = self._ctx.services.choices.person(int(parts[1]))
                who = found.label if found else parts[1]
            self.items.append(Tailored(parts[2], parts[0], parts[1], who, text))
        self._show()

    def _show(self) -> None:
        self.table.setRowCount(len(self.items))
        for row, t in enumerate(self.items):
            who = _("the {party} group").format(party=t.who) if t.scope == "group" else t.who
            for col, text in enumerate((prose.field_label(t.field), who, t.text)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()

    def _on_add_button_clicked(self) -> None:
        field = self.slot.currentData()
        ident = self.who.current_id()
        text = self.text.toPlainText().strip()
        if not field:
            self.error.setText(_("Add a place for the paragraph to the letter first."))
            return
        if ident is None:
            self.error.setText(_("Choose a party group or person from the list."))
            return
        if not text:
            self.error.setText(_("Write the paragraph first."))
            return
        scope = self.scope.currentData()
        if scope == "group":
            try:
                org = self._ctx.services.orgs.get(ident)
            except LobbyError as exc:
                self.error.setText(str(exc))
                return
            key = who = org.short_name or org.name
        else:
            key = str(ident)
            choice = self.who.current_choice()
            who = choice.label if choice else key
        self.items = [t for t in self.items if (t.field, t.scope, t.key) != (field, scope, key)]
        self.items.append(Tailored(field, scope, key, who, text))
        self.error.setText("")
        self.text.clear()
        self.who.set_choice(None)
        self._show()
        self.paragraphs_changed.emit()

    def _on_remove_button_clicked(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.items):
            del self.items[row]
            self._show()
            self.paragraphs_changed.emit()
