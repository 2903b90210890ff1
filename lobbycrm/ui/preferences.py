"""Preferences dialog: the interface language, saved in the machine's config file."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lobbycrm import config
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _
from lobbycrm.db.audit import os_user
from lobbycrm.services.letters import LetterService
from lobbycrm.ui.feedback import announce_saved


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, letters: LetterService | None = None) -> None:
        super().__init__(parent)
        self._letters = letters
        self.setWindowTitle(_("Preferences"))
        self.language = QComboBox()
        self.language.addItem("Nederlands", "nl")
        self.language.addItem("English", "en")
        self.language.setAccessibleName(_("Interface language"))
        saved = config.load()
        self.language.setCurrentIndex(max(0, self.language.findData(saved.language)))
        # Whose name goes on every change in the change log (empty: the account name).
        self.user_name = QLineEdit(saved.user_name)
        self.user_name.setPlaceholderText(os_user())
        self.user_name.setAccessibleName(_("Your name in the change log"))
        note = QLabel(_("A new language is used from the next start."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Interface &language"), self.language)
        form.addRow(_("Your &name in the change log"), self.user_name)
        self.sender_button: QPushButton | None = None
        if letters is not None:
            # The sender travels with the database, not with this machine: its own dialog.
            self.sender_button = QPushButton(_("Sender and &letterhead..."))
            self.sender_button.clicked.connect(self._on_sender_button_clicked)
            form.addRow(_("Letters"), self.sender_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _on_sender_button_clicked(self) -> None:
        from lobbycrm.ui.letters.sender import SenderDialog

        if self._letters is not None:
            SenderDialog(self._letters, self).exec()

    def _on_buttons_accepted(self) -> None:
        chosen = self.language.currentData()
        changed = chosen != config.load().language
        try:
            path = config.save(config.Preferences(language=chosen, user_name=self.user_name.text()))
        except (OSError, ValueError, LobbyError) as exc:
            QMessageBox.warning(
                self,
                _("Preferences"),
                _("The preferences could not be saved in {path}: {error}").format(
                    path=config.config_file(), error=getattr(exc, "strerror", None) or exc
                ),
            )
            return
        announce_saved(
            self,
            _("Preferences saved; the new language is used from the next start")
            if changed
            else _("Preferences saved"),
            path,
        )
        self.accept()
