"""E-mail settings: the server, the sender, the password (to the keyring) and a test button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import check_email
from lobbycrm.mail.smtp import DEFAULT_PORTS
from lobbycrm.services.mail_settings import MailSettings
from lobbycrm.ui.feedback import announce
from lobbycrm.ui.forms import FormDialog

SECURITY_LABELS = {
    "starttls": "STARTTLS",
    "ssl": "SSL/TLS",
    "none": "",  # translated when shown
}


def keyring_advice(reason: str) -> str:
    """The keyring problem in plain words, and what still works in the app."""
    return " ".join(
        (
            reason,
            _(
                "LobbyCRM therefore does not keep the password. If your mail server needs no "
                "password, sending works as usual. Otherwise, when you send a mailing, "
                "LobbyCRM offers to make e-mail drafts that you send from your mail program."
            ),
            _(
                "To send from LobbyCRM itself, start the password store of your system "
                "(GNOME Keyring or KWallet on Linux, the Keychain on macOS, the Credential "
                "Manager on Windows) and open E-mail settings again."
            ),
        )
    )


class TechnicalDetails(QWidget):
    """A "Details" button that shows the technical facts for whoever helps the user."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = QPushButton(_("Show &technical details"))
        self.button.setCheckable(True)
        self.text = QLabel(details)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setVisible(False)
        # Read by tests/ui/test_visible_text.py: meant to be technical, not translated.
        self.text.setProperty("technicalDetails", True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.text)
        self.button.toggled.connect(self.text.setVisible)
        if not details:
            self.hide()


class MailSettingsDialog(FormDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(_("E-mail settings"), parent)
        self._ctx = ctx
        mail = ctx.services.mail
        cfg = mail.mail_settings()
        self.keyring_problem = mail.keyring_problem()
        self.host = QLineEdit(cfg.host)
        self.host.setPlaceholderText("smtp.example.nl")
        self.security = QComboBox()
        for key, label in SECURITY_LABELS.items():
            self.security.addItem(label or _("none (local relay only)"), key)
        self.security.setCurrentIndex(self.security.findData(cfg.security))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(cfg.port)
        self.user = QLineEdit(cfg.user)
        self.from_address = QLineEdit(cfg.from_address)
        self.from_address.setPlaceholderText("naam@organisatie.nl")
        self.from_name = QLineEdit(cfg.from_name)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        stored = False
        if cfg.user and self.keyring_problem is None:
            try:
                stored = mail.has_password()
            except LobbyError:
                stored = False
        self.password.setPlaceholderText(
            _("(kept in the system keyring)") if stored else _("only kept in the system keyring")
        )
        self.pause = QDoubleSpinBox()
        self.pause.setRange(0, 3600)
        self.pause.setDecimals(1)
        self.pause.setSuffix(" s")
        self.pause.setValue(cfg.pause)
        self.follow_up = QSpinBox()
        self.follow_up.setRange(0, 3650)
        self.follow_up.setSuffix(" " + _("days"))
        self.follow_up.setValue(cfg.follow_up_days)
        self.field("host", _("&Server"), self.host, ("--host",))
        self.field("security", _("Se&curity"), self.security, ("--security",))
        self.field("port", _("&Port"), self.port, ("--port",))
        self.field("user", _("&User name"), self.user, ("--user",))
        self.field("password", _("Pass&word"), self.password, ("--password-stdin",))
        self.field("from", _("&From address"), self.from_address, ("--from",))
        self.field("from_name", _("From &name"), self.from_name)
        self.field("pause", _("Pa&use between messages"), self.pause, ("--pause",))
        self.field("follow_up", _("Follow up &after"), self.follow_up, ("--follow-up-days",))
        problem = self.keyring_problem
        self.keyring_note = QLabel(keyring_advice(problem.reason) if problem else "")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setAccessibleName(_("Keyring"))
        self.keyring_details = TechnicalDetails(problem.details if problem else "")
        note = QWidget()
        column = QVBoxLayout(note)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.keyring_note)
        column.addWidget(self.keyring_details)
        if problem is not None:
            self.password.setEnabled(False)
        self.form.addRow(note)
        note.setVisible(problem is not None)  # once it has a parent, or it opens a window
        self.test_button = QPushButton(_("&Test connection"))
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setAccessibleName(_("Test result"))
        self.form.addRow(self.test_button, self.test_result)
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.security.currentIndexChanged.connect(self._on_security_changed)
        self.setMinimumWidth(600)
        self.finish()

    def _on_security_changed(self) -> None:
        if self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(DEFAULT_PORTS[self.security.currentData()])

    def typed(self) -> MailSettings:
        return MailSettings(
            host=self.host.text().strip(),
            port=self.port.value(),
            security=self.security.currentData(),
            user=self.user.text().strip(),
            from_address=self.from_address.text().strip(),
            from_name=self.from_name.text().strip(),
            cafile=self._ctx.services.mail.mail_settings().cafile,
            pause=self.pause.value(),
            follow_up_days=self.follow_up.value(),
        )

    def check(self) -> None:
        if not self.host.text().strip():
            raise ValidationError("--host", "", _("required"))
        check_email("--from", self.from_address.text())
        if self.password.text() and not self.user.text().strip():
            raise ValidationError("--user", "", _("a password needs a user name"))

    def _on_test_button_clicked(self) -> None:
        self.test_result.setText(_("Connecting..."))
        self.test_result.repaint()
        if not self.validate_now():
            self.test_result.setStyleSheet("color: #b00020")
            self.test_result.setText(_("Fill in the fields marked in red first."))
            return
        try:
            text = self._ctx.services.mail.test_connection(
                self.typed(), self.password.text() or None
            )
        except LobbyError as exc:
            self.test_result.setStyleSheet("color: #b00020")
            self.test_result.setText(str(exc))
            return
        self.test_result.setStyleSheet("color: #1b5e20")
        self.test_result.setText(text)

    def save(self) -> int:
        cfg = self.typed()
        self._ctx.services.mail.setup(
            host=cfg.host,
            port=cfg.port,
            security=cfg.security,
            user=cfg.user,
            from_address=cfg.from_address,
            from_name=cfg.from_name,
            password=self.password.text() or None,
            cafile=cfg.cafile,
            pause=cfg.pause,
            follow_up_days=cfg.follow_up_days,
        )
        announce(
            self,
            _("E-mail settings saved; the password is in the system keyring.")
            if self.password.text()
            else _("E-mail settings saved."),
        )
        return 0
