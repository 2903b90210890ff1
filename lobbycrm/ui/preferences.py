"""Preferences dialog: the interface language, saved in the machine's config file."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from lobbycrm import config
from lobbycrm.core.i18n import _


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Preferences"))
        self.language = QComboBox()
        self.language.addItem("Nederlands", "nl")
        self.language.addItem("English", "en")
        self.language.setAccessibleName(_("Interface language"))
        current = config.load().language
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        note = QLabel(_("A new language is used from the next start."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Interface &language"), self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _on_buttons_accepted(self) -> None:
        try:
            config.save(config.Preferences(language=self.language.currentData()))
        except OSError as exc:
            QMessageBox.warning(
                self, _("Preferences"), _("Could not save: {error}").format(error=exc)
            )
            return
        self.accept()
