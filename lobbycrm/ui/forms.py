"""Pieces every editing dialog shares: the problem label and the unsaved-changes guard."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QWidget

from lobbycrm.core.i18n import _


def error_label() -> QLabel:
    """Where a dialog names the field that is wrong, before anything is saved."""
    label = QLabel()
    label.setStyleSheet("color: #b00020")
    label.setWordWrap(True)
    label.setAccessibleName(_("Problems"))
    return label


class GuardedDialog(QDialog):
    """Asks before closing when the fields differ from how they were opened."""

    discard_question = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._initial: tuple[object, ...] = ()

    def _snapshot(self) -> tuple[object, ...]:
        return ()

    def remember_fields(self) -> None:
        self._initial = self._snapshot()

    def reject(self) -> None:
        if self._snapshot() != self._initial:
            answer = QMessageBox.question(self, _("Unsaved changes"), self.discard_question)
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
