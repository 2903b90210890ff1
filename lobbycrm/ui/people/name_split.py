"""A whole name typed into one field of the person editor, offered split into its parts.

"mr. drs. J.P. van der Berg" typed into Achternaam sorts under M and greets "Geachte
heer/mevrouw mr. drs. J.P. van der Berg,". This row sees it, says how the name would be split
(titles, initials, first name, particle, surname) and does it with one click. It shares its
row with the address preview, which it covers while the offer stands, so the editor keeps its
size.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QWidget

from lobbycrm.core import names
from lobbycrm.core.i18n import _


@dataclass(frozen=True)
class NameFields:
    titles: QLineEdit
    initials: QLineEdit
    first_name: QLineEdit
    particle: QLineEdit
    surname: QLineEdit


def split_offer(text: str, surname_field: bool) -> names.NameParts | None:
    """The parts of a whole name typed into one field, or None when it reads as one part.

    In the surname field a first name alone is not enough ("Bijsterveld-ter Horst" and other
    surnames of two words); titles, initials or a particle are. In the first-name field any
    surname found counts ("Jan de Vries")."""
    words = text.split()
    if len(words) < 2:
        return None
    try:
        parts = names.parse_full_name(text)
    except ValueError:
        return None
    typed_initials = bool(parts.initials) and parts.initials != names.initials_from_first_name(
        parts.first_name
    )
    if parts.titles or parts.particle or typed_initials:
        return parts
    if not surname_field and parts.surname and parts.first_name:
        return parts
    return None


def _shown(parts: names.NameParts) -> str:
    initials = parts.initials if not parts.first_name else ""
    return " · ".join(
        p for p in (parts.titles, initials, parts.first_name, parts.particle, parts.surname) if p
    )


class NameSplitOffer(QWidget):
    """The preview line, or, while a field holds a whole name, the offer to split it."""

    name_split = Signal()

    def __init__(self, fields: NameFields, preview: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fields = fields
        self._parts: names.NameParts | None = None
        self._from_first_name = False
        self.preview = preview
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.split_button = QPushButton(_("S&plit the name"))
        self.split_button.setAccessibleName(_("Split the name into its parts"))
        self.split_button.setToolTip(
            _("Puts the titles, initials, first name, particle and surname in their own fields.")
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(preview, 1)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.split_button)
        # The row is as tall with the button as without it: the editor does not jump.
        self.setMinimumHeight(self.split_button.sizeHint().height())
        for w in (self.text, self.split_button):
            w.setSizePolicy(w.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Preferred)
        self.split_button.clicked.connect(self._on_split_button_clicked)
        for edit in (fields.surname, fields.first_name):
            edit.textChanged.connect(self.check)
        self.check()

    def offered(self) -> names.NameParts | None:
        return self._parts

    def check(self, *_args: object) -> None:
        """Look at the surname and first-name fields again; show the offer or the preview."""
        f = self._fields
        parts = split_offer(f.surname.text(), surname_field=True)
        self._from_first_name = False
        if parts is None and not f.surname.text().strip():
            parts = split_offer(f.first_name.text(), surname_field=False)
            self._from_first_name = parts is not None
        self._parts = parts
        if parts is not None:
            self.text.setText(_("A whole name? {parts}").format(parts=_shown(parts)))
        self.text.setVisible(parts is not None)
        self.split_button.setVisible(parts is not None)
        self.preview.setVisible(parts is None)

    def _on_split_button_clicked(self) -> None:
        parts = self._parts
        if parts is None:
            return
        f = self._fields
        # What the name holds goes to its field; a field the name says nothing about keeps
        # what was typed there (a first name typed before the whole surname, say).
        for edit, value in (
            (f.titles, parts.titles),
            (f.initials, parts.initials),
            (f.first_name, parts.first_name),
            (f.particle, parts.particle),
        ):
            if value:
                edit.setText(value)
        if self._from_first_name and not parts.first_name:
            f.first_name.clear()  # the whole name was typed there
        f.surname.setText(parts.surname)
        self.check()
        self.name_split.emit()
