"""The SMTP password lives only in the operating system's keyring (through `keyring`).

Backends that would not keep it safe are refused: the fail and null backends (no keyring at
all) and plain-text file backends such as keyrings.alt's PlaintextKeyring.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# `keyring` is imported inside the functions that use it: loading it (and its backends) takes
# tens of milliseconds that a start of the app or a command without mail should not pay.

SERVICE = "LobbyCRM SMTP"


class KeyringUnavailable(LobbyError):
    """No safe keyring. `reason` says what is wrong in plain words, `details` the technical
    facts (the backend, the file, the environment variable) for a "Details" button; the
    message itself adds what to do on the command line, where it is printed."""

    def __init__(self, reason: str, details: str = "") -> None:
        self.reason = reason
        self.details = details
        super().__init__(f"{reason} {_command_line_way_out()}")


def _name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__name__}"


def _plaintext_path(backend: KeyringBackend) -> str | None:
    cls = type(backend)
    text = f"{cls.__module__}.{cls.__name__}".lower()
    if "plaintext" in text or (cls.__module__.startswith("keyrings.alt") and "crypt" not in text):
        return str(getattr(backend, "file_path", "") or _("a file on disk"))
    return None


def _command_line_way_out() -> str:
    return _(
        "Start the password store of your system (GNOME Keyring or KWallet on Linux, the "
        "Keychain on macOS, the Credential Manager on Windows). Until then you can write the "
        "messages as e-mail drafts (letters render --format eml) and send them from your mail "
        "program."
    )


def _details(backend: KeyringBackend, extra: str = "") -> str:
    lines = [_("Keyring backend: {name}").format(name=_name(backend))]
    if extra:
        lines.append(extra)
    lines.append(
        _("Another backend can be chosen with the environment variable {variable}.").format(
            variable="PYTHON_KEYRING_BACKEND"
        )
    )
    return "\n".join(lines)


def usable_backend() -> KeyringBackend:
    """The keyring backend to use, or KeyringUnavailable saying why not."""
    import keyring.errors

    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a backend that can't even start (no D-Bus, a wrong name)
        chosen = os.environ.get("PYTHON_KEYRING_BACKEND", "")
        reason = (
            _("The keyring backend {name} chosen in PYTHON_KEYRING_BACKEND cannot be used.")
            if chosen
            else _("The system keyring cannot be reached.")
        ).format(name=chosen)
        details = _("Error: {error}").format(error=f"{type(exc).__name__}: {exc}")
        raise KeyringUnavailable(reason, details) from exc
    parts: list[KeyringBackend] = list(getattr(backend, "backends", None) or [backend])
    for part in parts:
        path = _plaintext_path(part)
        if path is not None:
            raise KeyringUnavailable(
                _(
                    "The e-mail password cannot be kept safely on this computer: the only "
                    "password store available would keep it as plain text in {path}."
                ).format(path=path),
                _details(part),
            )
    real = [
        p
        for p in parts
        if type(p).__module__ not in ("keyring.backends.fail", "keyring.backends.null")
    ]
    if not real:
        raise KeyringUnavailable(
            _(
                "The e-mail password cannot be kept safely on this computer: no keyring "
                "(password store) is available."
            ),
            _details(backend),
        )
    return backend


def _failure(reason: str, exc: Exception) -> KeyringUnavailable:
    import keyring.errors

    error = _("Error: {error}").format(error=f"{type(exc).__name__}: {exc}")
    return KeyringUnavailable(reason, _details(keyring.get_keyring(), error))


def account(user: str, host: str) -> str:
    return f"{user}@{host}"


def store_password(user: str, host: str, password: str) -> None:
    import keyring.errors

    backend = usable_backend()
    try:
        backend.set_password(SERVICE, account(user, host), password)
    except keyring.errors.KeyringError as exc:
        raise _failure(
            _("The password store (keyring) refused to keep the e-mail password."), exc
        ) from None


def load_password(user: str, host: str) -> str | None:
    import keyring.errors

    backend = usable_backend()
    try:
        return backend.get_password(SERVICE, account(user, host))
    except keyring.errors.KeyringError as exc:
        raise _failure(
            _("The password store (keyring) could not be read; it may be locked."), exc
        ) from None


def forget_password(user: str, host: str) -> bool:
    import keyring.errors

    backend = usable_backend()
    try:
        backend.delete_password(SERVICE, account(user, host))
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.KeyringError as exc:
        raise _failure(
            _("The password store (keyring) could not be changed; it may be locked."), exc
        ) from None
    return True
