"""Start the desktop app: QApplication, translators, bootstrap, main window."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from lobbycrm import config, crashlog
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.files import file_problem
from lobbycrm.core.i18n import _, set_language
from lobbycrm.ui.translation import install_translators

if TYPE_CHECKING:
    from lobbycrm.bootstrap import Context


def interface_language(lang: str | None) -> str:
    """--lang, then LOBBYCRM_LANG, then the preference saved on this machine."""
    return lang or os.environ.get("LOBBYCRM_LANG") or config.load().language


def install_excepthook() -> None:
    """An error nobody expected (in a slot, a paint) shows a short message and goes to the
    log file in the user-data folder; the user never sees a traceback, the app stays open."""
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)  # type: ignore[arg-type]
            return
        path = crashlog.record(exc.with_traceback(tb))  # type: ignore[arg-type]
        if showing or QApplication.instance() is None:
            return
        showing = True
        try:
            QMessageBox.critical(QApplication.activeWindow(), "LobbyCRM", crashlog.message(path))
        finally:
            showing = False

    sys.excepthook = hook


def open_database(db: str | None, parent: QWidget | None = None) -> Context | None:
    """Open (create or upgrade) the database; a problem is shown in a message and None
    returned. SQLAlchemy and the services are imported here, after the window appears."""
    from sqlalchemy.exc import SQLAlchemyError

    from lobbycrm.bootstrap import open_context
    from lobbycrm.db.engine import database_problem

    try:
        return open_context(db)
    except (LobbyError, OSError, SQLAlchemyError) as exc:
        if isinstance(exc, SQLAlchemyError):
            error = database_problem(exc, db)
        elif isinstance(exc, OSError):
            error = str(file_problem(exc.filename or db or "", exc))
        else:
            error = str(exc)
        QMessageBox.critical(
            parent, "LobbyCRM", _("The database could not be opened: {error}").format(error=error)
        )
        return None


def run_gui(db: str | None = None, lang: str | None = None) -> int:
    chosen = set_language(interface_language(lang))
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("LobbyCRM")
    app.setOrganizationName("LobbyCRM")
    install_translators(app, chosen)
    install_excepthook()
    from lobbycrm.paths import resolve_db_url
    from lobbycrm.ui.main_window import MainWindow

    try:
        url = resolve_db_url(db)
    except (LobbyError, OSError):
        url = ""  # open_database says what is wrong
    # The window appears first; the database is opened (and SQLAlchemy imported) as soon as it
    # is on the screen, then the section it opens on is built.
    window = MainWindow(None, open_ctx=lambda: open_database(db, window), url=url)
    window.show()
    if os.environ.get("LOBBYCRM_REPORT_SHOWN") or os.environ.get("LOBBYCRM_REPORT_TIMINGS"):
        from lobbycrm.ui import startup_report  # only for benchmarks/app_start.py

        startup_report.watch(window)
    window.pages.on_screen.append(window.offer_demo_if_empty)
    code = app.exec()
    if window.ctx is not None:
        window.ctx.close()
    return int(code)
