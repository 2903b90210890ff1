"""Handing messages to an SMTP server: STARTTLS, SSL or (for a local relay) no TLS.

Errors come back as `SmtpFailure` with a message fit to show and store; the password never
appears in one (it is scrubbed from anything the server or the library says).
"""

from __future__ import annotations

import base64
import contextlib
import errno
import re
import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _
from lobbycrm.core.reserved import is_local_host, is_reserved_email

SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
# SMTP's transparency rule: a line starting with a dot gets a second one.
DOT_AT_LINE_START = re.compile(rb"(?m)^\.")


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
    otherwise the server or the connection is the problem and the batch should stop.
    `uncertain`: the connection broke after the whole message was handed over and before the
    server answered, so it may have been taken."""

    def __init__(self, message: str, permanent: bool = False, uncertain: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.uncertain = uncertain


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


def _connect_reason(exc: OSError | smtplib.SMTPException) -> str:
    """Why a connection failed, in words a user can act on (not the system's English)."""
    if isinstance(exc, socket.gaierror):
        return _(
            "the server name is not known; check it for typing errors and check that you are online"
        )
    if isinstance(exc, ConnectionRefusedError):
        return _(
            "the server does not accept connections on this port; check the port and the security"
        )
    if isinstance(exc, TimeoutError | socket.timeout):
        return _("the server did not answer in time; check the server name and that you are online")
    if isinstance(exc, OSError) and exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return _("the network or the server cannot be reached; check that you are online")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return _("the server closed the connection; check the port and the security")
    return (exc.strerror if isinstance(exc, OSError) and exc.strerror else "") or str(exc)


def _tls_reason(exc: ssl.SSLError) -> str:
    """Why the secure connection failed, in words a user can act on."""
    reason = str(exc.reason or exc)
    if isinstance(exc, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY" in reason:
        return _(
            "the server's certificate could not be verified (it may have expired, or belong to "
            "another name); ask your mail provider for the right server name"
        )
    if "WRONG_VERSION" in reason or "UNKNOWN_PROTOCOL" in reason:
        return _(
            "the server does not use this kind of security on this port; try another security "
            "or port"
        )
    return reason


def refuses_reserved(host: str, to_address: str) -> bool:
    """Demo data and examples use reserved domains: nothing goes out to them through a real
    mail server, only to a test or catch-all server on this computer."""
    return is_reserved_email(to_address) and not is_local_host(host)


def reserved_refusal(to_address: str) -> str:
    return _(
        "{address} is a reserved example address (as in the demo data) and cannot receive "
        "mail; nothing was sent to it"
    ).format(address=to_address)


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
            self._no_delay()
            smtp.ehlo()
            if cfg.security == "starttls":
                if not smtp.has_extn("starttls"):
                    raise self._fail(
                        _(
                            "{server} does not offer STARTTLS; choose SSL or ask the provider."
                        ).format(server=where)
                    )
                smtp.starttls(context=_tls_context(cfg))
                self._no_delay()
                smtp.ehlo()
            if cfg.user and smtp.has_extn("auth"):
                if self._password is None:
                    raise self._fail(
                        _(
                            "No password is stored for {user} on {host}: type it in E-mail "
                            "settings (on the command line: lobbycrm mail setup)."
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
                    server=where, error=_tls_reason(exc)
                )
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise self._fail(
                _("Cannot connect to {server}: {error}").format(
                    server=where, error=_connect_reason(exc)
                )
            ) from None
        return self

    def _no_delay(self) -> None:
        """Small writes go out at once: the final line of a message must not wait for the
        acknowledgement of its text (Nagle), which would stretch the uncertain instant."""
        sock = getattr(self._smtp, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def send(
        self,
        from_address: str,
        to_address: str,
        raw: bytes,
        handing_over: Callable[[], None] | None = None,
    ) -> None:
        """Hand one message over; returns only when the server accepted it.

        `handing_over()` is called just before the final line of the message goes out: until
        then the server cannot have taken the message (SMTP accepts it only at that line),
        afterwards it may have, even if no answer comes.
        """
        if refuses_reserved(self.cfg.host, to_address):
            raise SmtpFailure(reserved_refusal(to_address), permanent=True)
        smtp = self._smtp
        if smtp is None:
            raise self._fail(_("not connected"))
        handed_over = False
        try:
            options = [f"size={len(raw)}"] if smtp.does_esmtp and smtp.has_extn("size") else []
            code, reply = smtp.mail(from_address, options)
            if code != 250:
                smtp.rset()
                raise smtplib.SMTPSenderRefused(code, reply, from_address)
            code, reply = smtp.rcpt(to_address)
            if code not in (250, 251):
                smtp.rset()
                raise self._fail(
                    _("the server refused {address}: {reply}").format(
                        address=to_address, reply=_reply_text(code, reply)
                    ),
                    permanent=500 <= code < 600,
                )
            smtp.putcmd("data")
            code, reply = smtp.getreply()
            if code != 354:
                raise smtplib.SMTPDataError(code, reply)
            body = DOT_AT_LINE_START.sub(b"..", raw)
            if not body.endswith(b"\r\n"):
                body += b"\r\n"
            smtp.send(body)
            if handing_over is not None:
                handing_over()
            handed_over = True
            smtp.send(b".\r\n")
            code, reply = smtp.getreply()
            if code != 250:
                smtp.rset()
                raise smtplib.SMTPDataError(code, reply)
        except SmtpFailure:
            raise
        except smtplib.SMTPSenderRefused as exc:
            raise self._fail(
                _("the server refused the sender {address}: {reply}").format(
                    address=from_address, reply=_reply_text(exc.smtp_code, exc.smtp_error)
                )
            ) from None
        except smtplib.SMTPResponseException as exc:
            if exc.smtp_code == -1:  # getreply() saw the connection close: no answer
                raise self._broke_off(exc, handed_over) from None
            permanent = 500 <= exc.smtp_code < 600 and exc.smtp_code != 554
            raise self._fail(
                _("the server answered: {reply}").format(
                    reply=_reply_text(exc.smtp_code, exc.smtp_error)
                ),
                permanent=permanent,
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise self._broke_off(exc, handed_over) from None

    def _broke_off(self, exc: BaseException, handed_over: bool) -> SmtpFailure:
        error = str(exc) or type(exc).__name__
        if handed_over:
            return SmtpFailure(
                scrub(
                    _(
                        "the connection broke off after the message was handed over and "
                        "before the server answered; it may have arrived: {error}"
                    ).format(error=error),
                    self._password,
                ),
                uncertain=True,
            )
        return self._fail(_("the connection to the server broke off: {error}").format(error=error))

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
