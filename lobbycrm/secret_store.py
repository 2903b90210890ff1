"""The SMTP password lives only in the operating system's keyring (through `keyring`).

Backends that would not keep it safe are refused: the fail and null backends (no keyring at
all) and plain-text file backends such as keyrings.alt's PlaintextKeyring.
"""

from __future__ import annotations

import os

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _

SERVICE = "LobbyCRM SMTP"


class KeyringUnavailable(LobbyError):
    """No safe keyring: says why and how to fix it, and that drafts still work."""


def _name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__name__}"


def _plaintext_path(backend: KeyringBackend) -> str | None:
    cls = type(backend)
    text = f"{cls.__module__}.{cls.__name__}".lower()
    if "plaintext" in text or (cls.__module__.startswith("keyrings.alt") and "crypt" not in text):
        return str(getattr(backend, "file_path", "") or _("a file on disk"))
    return None


def _how_to_fix() -> str:
    return _(
        "Start the system keyring (GNOME Keyring or KWallet on Linux, the Keychain on macOS, "
        "the Credential Manager on Windows) or choose one with the environment variable "
        "PYTHON_KEYRING_BACKEND. Until then you can write the messages as e-mail drafts "
        "(letters render --format eml) and send them from your mail program."
    )


def usable_backend() -> KeyringBackend:
    """The keyring backend to use, or KeyringUnavailable saying why not."""
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a backend that can't even start (no D-Bus, a wrong name)
        chosen = os.environ.get("PYTHON_KEYRING_BACKEND", "")
        reason = (
            _("The keyring backend {name} chosen in PYTHON_KEYRING_BACKEND cannot be used.")
            if chosen
            else _("The system keyring cannot be reached.")
        ).format(name=chosen)
        raise KeyringUnavailable(f"{reason} {_how_to_fix()}") from exc
    parts: list[KeyringBackend] = list(getattr(backend, "backends", None) or [backend])
    for part in parts:
        path = _plaintext_path(part)
        if path is not None:
            reason = _(
                "The keyring backend {name} would keep the password as plain text in {path}."
            ).format(name=_name(part), path=path)
            raise KeyringUnavailable(f"{reason} {_how_to_fix()}")
    real = [
        p
        for p in parts
        if type(p).__module__ not in ("keyring.backends.fail", "keyring.backends.null")
    ]
    if not real:
        reason = _("No keyring is available to keep the e-mail password ({name}).").format(
            name=_name(backend)
        )
        raise KeyringUnavailable(f"{reason} {_how_to_fix()}")
    return backend


def account(user: str, host: str) -> str:
    return f"{user}@{host}"


def store_password(user: str, host: str, password: str) -> None:
    backend = usable_backend()
    try:
        backend.set_password(SERVICE, account(user, host), password)
    except keyring.errors.KeyringError as exc:
        reason = _("The keyring refused to store the password: {error}").format(
            error=f"{type(exc).__name__}: {exc}"
        )
        raise KeyringUnavailable(f"{reason} {_how_to_fix()}") from None


def load_password(user: str, host: str) -> str | None:
    backend = usable_backend()
    try:
        return backend.get_password(SERVICE, account(user, host))
    except keyring.errors.KeyringError as exc:
        reason = _("The keyring could not be read: {error}").format(
            error=f"{type(exc).__name__}: {exc}"
        )
        raise KeyringUnavailable(f"{reason} {_how_to_fix()}") from None


def forget_password(user: str, host: str) -> bool:
    backend = usable_backend()
    try:
        backend.delete_password(SERVICE, account(user, host))
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(
            _("The keyring could not be changed: {error}").format(
                error=f"{type(exc).__name__}: {exc}"
            )
        ) from None
    return True
