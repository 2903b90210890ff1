"""Sender and letterhead dialog: who signs the letters and what the letterhead says."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import N_, _
from lobbycrm.letters.layout import SENDER_PLACEHOLDERS
from lobbycrm.services.letters import LetterService
from lobbycrm.ui.forms import error_label

FIELDS = (
    ("name", N_("&Name")),
    ("function", N_("&Function")),
    ("organisation", N_("&Organisation")),
    ("address", N_("&Address")),
    ("place", N_("&Place (for the date line)")),
    ("email", N_("&E-mail")),
    ("phone", N_("P&hone")),
    ("website", N_("&Website")),
)


class SenderDialog(QDialog):
    """Edits the sender settings that travel with the database."""

    def __init__(self, letters: LetterService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._letters = letters
        self.setWindowTitle(_("Sender and letterhead"))
        current = letters.sender()
        current["organisation"] = current["organisation"]["name"]
        self.inputs: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label in FIELDS:
            value = current.get(key, "")
            box = QLineEdit("" if value == SENDER_PLACEHOLDERS.get(key) else value)
            box.setAccessibleName(_(label).replace("&", ""))
            self.inputs[key] = box
            form.addRow(_(label), box)
        note = QLabel(
            _(
                "Shown in the letterhead and the signature of every letter. "
                "What is left empty is left out."
            )
        )
        note.setWordWrap(True)
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _on_buttons_accepted(self) -> None:
        try:
            self._letters.set_sender(**{k: box.text() for k, box in self.inputs.items()})
        except LobbyError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
