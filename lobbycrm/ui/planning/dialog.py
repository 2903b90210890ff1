"""The majority panel in its own window, from the agenda's debate detail."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from lobbycrm.core.i18n import _
from lobbycrm.services import Services
from lobbycrm.ui.planning.briefing import save_briefing
from lobbycrm.ui.planning.panel import MajorityPanel
from lobbycrm.ui.signals import AppSignals


class MajorityDialog(QDialog):
    """The panel in its own window (from the agenda's debate detail)."""

    def __init__(
        self,
        services: Services,
        signals: AppSignals,
        dossier_id: int | None = None,
        event_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.panel = MajorityPanel(services, signals, self)
        self.panel.set_target(dossier_id, event_id)
        title = self.panel.count.dossier if self.panel.count else ""
        self.setWindowTitle(_("Majority and stances") + (f": {title}" if title else ""))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.briefing_button: QPushButton | None = None
        if event_id is not None:
            self.briefing_button = buttons.addButton(
                _("&Briefing..."), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.briefing_button.setToolTip(_("Save the debate briefing as PDF or web page"))
            self.briefing_button.clicked.connect(lambda: save_briefing(self, services, event_id))
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        geometry = QSettings().value("planning/majority-dialog")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1000, 700)

    def done(self, result: int) -> None:
        QSettings().setValue("planning/majority-dialog", self.saveGeometry())
        super().done(result)
