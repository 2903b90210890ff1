"""Handing messages to an SMTP server: STARTTLS, SSL or (for a local relay) no TLS.

Errors come back as `SmtpFailure` with a message fit to show and store; the password never
appears in one (it is scrubbed from anything the server or the library says).
"""

from __future__ import annotations

import base64
import smtplib
import socket
import ssl
from dataclasses import dataclass
from types import TracebackType

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _

SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: str = "starttls"
    user: str = ""
    from_address: str = ""
    from_name: str = ""
    cafile: str = ""  # an extra CA certificate (a company's own), besides the system's
    timeout: float = 30.0


class SmtpFailure(LobbyError):
    """Sending did not work. `permanent`: this message will not go (e.g. unknown mailbox);
    otherwise the server or the connection is the problem and the batch should stop."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def scrub(text: str, secret: str | None) -> str:
    """Remove a secret (as is, and base64 as AUTH PLAIN/LOGIN would send it) from a text."""
    if not secret:
        return text
    forms = {secret, base64.b64encode(secret.encode()).decode()}
    for form in forms:
        text = text.replace(form, "***")
    return text


def _reply_text(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return f"{code} {' '.join(text.split())}"


def _tls_context(cfg: SmtpConfig) -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    if cfg.cafile:
        try:
            ctx.load_verify_locations(cafile=cfg.cafile)
        except (OSError, ssl.SSLError) as exc:
            raise SmtpFailure(
                _("The CA certificate {file} cannot be used: {error}").format(
                    file=cfg.cafile, error=exc
                )
            ) from None
    return ctx


class SmtpConnection:
    """An open, logged-in connection; use as a context manager."""

    def __init__(self, cfg: SmtpConfig, password: str | None) -> None:
        self.cfg = cfg
        self._password = password
        self._smtp: smtplib.SMTP | None = None
        self.logged_in = False

    def _fail(self, text: str, permanent: bool = False) -> SmtpFailure:
        return SmtpFailure(scrub(text, self._password), permanent)

    def open(self) -> SmtpConnection:
        cfg = self.cfg
        where = f"{cfg.host}:{cfg.port}"
        try:
            if cfg.security == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    cfg.host, cfg.port, timeout=cfg.timeout, context=_tls_context(cfg)
                )
            else:
                smtp = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
            self._smtp = smtp
            smtp.ehlo()
            if cfg.security == "starttls":
                if not smtp.has_extn("starttls"):
                    raise self._fail(
                        _(
                            "{server} does not offer STARTTLS; choose SSL or ask the provider."
                        ).format(server=where)
                    )
                smtp.starttls(context=_tls_context(cfg))
                smtp.ehlo()
            if cfg.user and smtp.has_extn("auth"):
                if self._password is None:
                    raise self._fail(
                        _(
                            "No password is stored for {user} on {host}: run 'mail setup' again."
                        ).format(user=cfg.user, host=cfg.host)
                    )
                smtp.login(cfg.user, self._password)
                self.logged_in = True
        except SmtpFailure:
            self.close()
            raise
        except smtplib.SMTPAuthenticationError as exc:
            self.close()
            raise self._fail(
                _("{server} refused the login of {user}: {reply}").format(
                    server=where, user=cfg.user, reply=_reply_text(exc.smtp_code, exc.smtp_error)
                )
            ) from None
        except smtplib.SMTPResponseException as exc:
            self.close()
            raise self._fail(
                _("{server} answered: {reply}").format(
                    server=where, reply=_reply_text(exc.smtp_code, exc.smtp_error)
                )
            ) from None
        except ssl.SSLError as exc:
            self.close()
            raise self._fail(
                _("The secure connection to {server} failed: {error}").format(
                    server=where, error=exc.reason or exc
                )
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            if isinstance(exc, socket.gaierror):
                reason = _("unknown host")
            raise self._fail(
                _("Cannot connect to {server}: {error}").format(server=where, error=reason)
            ) from None
        return self

    def send(self, from_address: str, to_address: str, raw: bytes) -> None:
        """Hand one message over; returns only when the server accepted it."""
        if self._smtp is None:
            raise self._fail(_("not connected"))
        try:
            refused = self._smtp.sendmail(from_address, [to_address], raw)
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()), (550, b""))
            raise self._fail(
                _("the server refused {address}: {reply}").format(
                    address=to_address, reply=_reply_text(code, reply)
                ),
                permanent=True,
            ) from None
        except smtplib.SMTPSenderRefused as exc:
            raise self._fail(
                _("the server refused the sender {address}: {reply}").format(
                    address=from_address, reply=_reply_text(exc.smtp_code, exc.smtp_error)
                )
            ) from None
        except smtplib.SMTPResponseException as exc:
            permanent = 500 <= exc.smtp_code < 600 and exc.smtp_code != 554
            raise self._fail(
                _("the server answered: {reply}").format(
                    reply=_reply_text(exc.smtp_code, exc.smtp_error)
                ),
                permanent=permanent,
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise self._fail(
                _("the connection to the server broke off: {error}").format(
                    error=str(exc) or type(exc).__name__
                )
            ) from None
        if refused:
            code, reply = next(iter(refused.values()))
            raise self._fail(
                _("the server refused {address}: {reply}").format(
                    address=to_address, reply=_reply_text(code, reply)
                ),
                permanent=True,
            )

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()
            self._smtp = None

    def __enter__(self) -> SmtpConnection:
        return self.open() if self._smtp is None else self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
