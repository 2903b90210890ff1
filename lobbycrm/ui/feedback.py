"""Telling the user where a saved or exported file went, with one click to open it or its folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QWidget

from lobbycrm.core.i18n import _

NOTICE_MS = 20000


def main_window(widget: QWidget | None) -> QMainWindow | None:
    """The main window a widget (or the dialog it sits in) belongs to."""
    while widget is not None:
        if isinstance(widget, QMainWindow):
            return widget
        widget = widget.parentWidget()
    return None


class SavedNotice(QWidget):
    """'Briefing opgeslagen: briefing-2026-05-19.pdf  [Openen] [Map openen]' in the status bar."""

    def __init__(self, message: str, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(message)
        self.label.setToolTip(str(path))
        self.open_button = QPushButton(_("Open"))
        self.folder_button = QPushButton(_("Open folder"))
        layout.addWidget(self.label)
        for button in (self.open_button, self.folder_button):
            button.setFlat(True)
            layout.addWidget(button)
        layout.addStretch(1)  # the buttons stay beside the file name they act on
        self.open_button.setVisible(path.is_file())
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.folder_button.clicked.connect(self._on_folder_button_clicked)

    def _on_open_button_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def _on_folder_button_clicked(self) -> None:
        folder = self.path if self.path.is_dir() else self.path.parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def announce_saved(widget: QWidget | None, message: str, path: Path) -> SavedNotice | None:
    """Show `message` with Open / Open folder in the main window's status bar.

    `message` says what was saved ('Briefing opgeslagen'); the file name is added. Returns the
    notice (tests click its buttons), or None when there is no main window to show it in.
    """
    window = main_window(widget)
    if window is None:
        return None
    bar = window.statusBar()
    old = getattr(window, "_saved_notice", None)
    if isinstance(old, SavedNotice):
        bar.removeWidget(old)
        old.deleteLater()
    notice = SavedNotice(_("{what}: {name}").format(what=message, name=path.name), path, bar)
    bar.clearMessage()
    bar.addWidget(notice, 1)
    notice.show()
    window._saved_notice = notice  # type: ignore[attr-defined]

    def _expire() -> None:
        if getattr(window, "_saved_notice", None) is notice:
            bar.removeWidget(notice)
            notice.deleteLater()
            window._saved_notice = None  # type: ignore[attr-defined]

    QTimer.singleShot(NOTICE_MS, notice, _expire)
    return notice


def announce(widget: QWidget | None, message: str, ms: int = 10000) -> bool:
    """A save that wrote no file of its own (a record, a setting): say so in the status bar.

    Returns False when there is no main window to show it in.
    """
    window = main_window(widget)
    if window is None:
        return False
    window.statusBar().showMessage(message, ms)
    return True
