"""SMTP settings (in the settings table) and the password (in the keyring, nowhere else)."""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from lobbycrm import secret_store
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import check_email, check_text
from lobbycrm.db.models import Setting
from lobbycrm.letters.outputs import one_line
from lobbycrm.mail.smtp import DEFAULT_PORTS, SECURITY, SmtpConfig, SmtpConnection
from lobbycrm.services.dto import Jsonable
from lobbycrm.services.settings import SettingsService

DEFAULT_PAUSE = 2.0  # seconds between two messages
DEFAULT_FOLLOW_UP_DAYS = 30


class MailNotConfigured(LobbyError):
    """No mail server or sender yet; the app answers it by opening E-mail settings."""


@dataclass(frozen=True)
class MailSettings(Jsonable):
    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""
    from_address: str = ""
    from_name: str = ""
    cafile: str = ""
    pause: float = DEFAULT_PAUSE
    follow_up_days: int = DEFAULT_FOLLOW_UP_DAYS

    @property
    def configured(self) -> bool:
        return bool(self.host and self.from_address)

    def smtp(self) -> SmtpConfig:
        return SmtpConfig(
            host=self.host,
            port=self.port,
            security=self.security,
            user=self.user,
            from_address=self.from_address,
            from_name=self.from_name,
            cafile=self.cafile,
        )


class MailService:
    def __init__(self, sessions: sessionmaker[Session], settings: SettingsService) -> None:
        self._sessions = sessions
        self._settings = settings

    def mail_settings(self) -> MailSettings:
        v = self._settings.all("mail.")

        def num(key: str, default: float) -> float:
            try:
                return float(v.get(key, default))
            except ValueError:
                return default

        security = v.get("mail.security", "starttls")
        return MailSettings(
            host=v.get("mail.host", ""),
            port=int(num("mail.port", DEFAULT_PORTS.get(security, 587))),
            security=security,
            user=v.get("mail.user", ""),
            from_address=v.get("mail.from", ""),
            from_name=v.get("mail.from_name", ""),
            cafile=v.get("mail.cafile", ""),
            pause=num("mail.pause", DEFAULT_PAUSE),
            follow_up_days=int(num("mail.follow_up_days", DEFAULT_FOLLOW_UP_DAYS)),
        )

    def setup(
        self,
        host: str,
        from_address: str,
        port: int | None = None,
        security: str = "starttls",
        user: str = "",
        password: str | None = None,
        from_name: str | None = None,
        cafile: str = "",
        pause: float | None = None,
        follow_up_days: int | None = None,
    ) -> MailSettings:
        """Check and keep the SMTP settings; the password goes to the keyring, nowhere else.

        Everything is checked first; then the password is stored (a keyring that refuses
        leaves the settings as they were); then the settings are written in one transaction.
        """
        host = check_text("--host", host, required=True, max_length=255)
        if any(c in host for c in " /:@"):
            raise ValidationError(
                "--host", host, _("give only the server's name, e.g. smtp.example.nl")
            )
        if security not in SECURITY:
            raise ValidationError(
                "--security",
                security,
                _("must be one of: {allowed}").format(allowed=", ".join(SECURITY)),
            )
        port = DEFAULT_PORTS[security] if port is None else port
        if not 0 < port < 65536:
            raise ValidationError("--port", port, _("must be between 1 and 65535"))
        name, address = parseaddr(from_address)
        address = check_email("--from", address or from_address)
        user = check_text("--user", user, max_length=320)
        if password is not None and not user:
            raise ValidationError("--user", "", _("a password needs a user name"))
        if password is not None and (not password or "\n" in password or "\r" in password):
            raise ValidationError("--password-stdin", "***", _("the password is empty"))
        if cafile and not Path(cafile).is_file():
            raise ValidationError("--cafile", cafile, _("file not found"))
        if pause is not None and not 0 <= pause <= 3600:
            raise ValidationError("--pause", pause, _("must be between 0 and 3600 seconds"))
        if follow_up_days is not None and not 0 <= follow_up_days <= 3650:
            raise ValidationError("--follow-up-days", follow_up_days, _("must be 0 or more days"))
        if password is not None:
            secret_store.store_password(user, host, password)
        values = {
            "mail.host": host,
            "mail.port": str(port),
            "mail.security": security,
            "mail.user": user,
            "mail.from": address,
            "mail.cafile": str(Path(cafile).resolve()) if cafile else "",
        }
        if from_name is not None or name:
            values["mail.from_name"] = one_line(from_name if from_name is not None else name)
        if pause is not None:
            values["mail.pause"] = repr(float(pause))
        if follow_up_days is not None:
            values["mail.follow_up_days"] = str(follow_up_days)
        with self._sessions.begin() as s:
            for key, value in values.items():
                row = s.get(Setting, key)
                if row is None:
                    s.add(Setting(key=key, value=value))
                else:
                    row.value = value
        return self.mail_settings()

    def set_options(
        self, pause: float | None = None, follow_up_days: int | None = None
    ) -> MailSettings:
        if pause is not None:
            if not 0 <= pause <= 3600:
                raise ValidationError("--pause", pause, _("must be between 0 and 3600 seconds"))
            self._settings.set("mail.pause", repr(float(pause)))
        if follow_up_days is not None:
            if not 0 <= follow_up_days <= 3650:
                raise ValidationError(
                    "--follow-up-days", follow_up_days, _("must be 0 or more days")
                )
            self._settings.set("mail.follow_up_days", str(follow_up_days))
        return self.mail_settings()

    def has_password(self) -> bool:
        cfg = self.mail_settings()
        if not cfg.user:
            return False
        return secret_store.load_password(cfg.user, cfg.host) is not None

    def forget_password(self) -> bool:
        cfg = self.mail_settings()
        return bool(cfg.user) and secret_store.forget_password(cfg.user, cfg.host)

    def configured(self) -> MailSettings:
        cfg = self.mail_settings()
        if not cfg.configured:
            raise MailNotConfigured(
                _(
                    "Sending e-mail is not set up yet: give the mail server and the sender's "
                    "address under E-mail settings (on the command line: lobbycrm mail setup)."
                )
            )
        return cfg

    def connection(self, cfg: MailSettings, password: str | None = None) -> SmtpConnection:
        if password is None and cfg.user:
            password = secret_store.load_password(cfg.user, cfg.host)
        return SmtpConnection(cfg.smtp(), password)

    @staticmethod
    def keyring_problem() -> secret_store.KeyringUnavailable | None:
        """Why the password cannot be kept safely (`.reason` in plain words, `.details` for
        the curious), or None when it can."""
        try:
            secret_store.usable_backend()
        except secret_store.KeyringUnavailable as exc:
            return exc
        return None

    def test_connection(self, cfg: MailSettings | None = None, password: str | None = None) -> str:
        """Connect, secure, log in and leave; says what worked.

        Without arguments the saved settings and the keyring's password are used; the
        settings dialog passes what is typed so it can be tried before saving.
        """
        cfg = cfg or self.configured()
        with self.connection(cfg, password) as conn:
            how = {"starttls": "STARTTLS", "ssl": "SSL/TLS", "none": _("no encryption")}[
                cfg.security
            ]
            login = (
                _("logged in as {user}").format(user=cfg.user)
                if conn.logged_in
                else _("the server asked no login")
            )
            return _("Connected to {server} ({how}), {login}.").format(
                server=f"{cfg.host}:{cfg.port}", how=how, login=login
            )
