"""Start the desktop app: QApplication, translators, bootstrap, main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from lobbycrm import config
from lobbycrm.bootstrap import open_context
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _, set_language
from lobbycrm.ui.translation import install_translators


def interface_language(lang: str | None) -> str:
    """--lang, then LOBBYCRM_LANG, then the preference saved on this machine."""
    return lang or os.environ.get("LOBBYCRM_LANG") or config.load().language


def run_gui(db: str | None = None, lang: str | None = None) -> int:
    chosen = set_language(interface_language(lang))
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("LobbyCRM")
    app.setOrganizationName("LobbyCRM")
    install_translators(app, chosen)
    try:
        ctx = open_context(db)
    except (LobbyError, OSError) as exc:
        QMessageBox.critical(
            None, "LobbyCRM", _("The database could not be opened: {error}").format(error=exc)
        )
        return 1
    from lobbycrm.ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.show()
    window.offer_demo_if_empty()
    code = app.exec()
    ctx.close()
    return int(code)
