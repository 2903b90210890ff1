"""E-mail in the app: SMTP settings, sending with progress, the outbox, answers, follow-up."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from lobbycrm.bootstrap import Context
from lobbycrm.core.i18n import _


def mail_actions(ctx: Context, parent: QWidget) -> list[QAction]:
    """File menu: E-mail settings..."""
    from lobbycrm.ui.outreach.settings_dialog import MailSettingsDialog

    action = QAction(_("E-&mail settings..."), parent)
    action.triggered.connect(lambda: MailSettingsDialog(ctx, parent).exec())
    return [action]
