"""Saving a debate briefing from the app: a name that says what and when, then a notice with
Open / Open folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _
from lobbycrm.services import Services
from lobbycrm.ui.feedback import announce_saved

FOLDER_KEY = "planning/briefing-folder"


def write_briefing(
    parent: QWidget | None, services: Services, event_id: int, path: Path
) -> Path | None:
    """Write the briefing to `path` (.pdf or .html); say where it went, or what went wrong."""
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        written = services.briefing.write(event_id, path)
    except (LobbyError, OSError) as exc:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, _("Debate briefing"), str(exc))
        return None
    QApplication.restoreOverrideCursor()
    QSettings().setValue(FOLDER_KEY, str(written.parent))
    announce_saved(parent, _("Briefing saved"), written)
    return written


def save_briefing(parent: QWidget | None, services: Services, event_id: int) -> Path | None:
    """Ask where (suggesting 'briefing-2026-05-19-eerste-kamer.pdf'), then write it."""
    folder = Path(str(QSettings().value(FOLDER_KEY, "") or Path.home()))
    if not folder.is_dir():
        folder = Path.home()
    pdf, html = _("PDF document (*.pdf)"), _("Web page (*.html)")
    name, chosen = QFileDialog.getSaveFileName(
        parent,
        _("Save debate briefing"),
        str(folder / services.briefing.default_name(event_id, ".pdf")),
        f"{pdf};;{html}",
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".pdf", ".html", ".htm"):
        path = path.with_name(path.name + (".html" if chosen == html else ".pdf"))
    return write_briefing(parent, services, event_id, path)
