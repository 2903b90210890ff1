"""Machine preferences (interface language, the user's name in the change log) in a small
JSON file in the user's config folder."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import clean_text, has_surrogates
from lobbycrm.paths import config_dir

LANGUAGES = ("nl", "en")
MAX_USER_NAME = 200


class Preferences(NamedTuple):
    # A NamedTuple, not a dataclass: the command line reads this at every start and
    # dataclasses would import inspect for it.
    language: str = "nl"
    # Whose name goes on every change; empty = the operating-system account name.
    user_name: str = ""


def config_file() -> Path:
    return config_dir() / "config.json"


def clean_user_name(value: object) -> str | None:
    """One line of at most 200 printable characters (blanks folded), or None if unusable."""
    if not isinstance(value, str) or has_surrogates(value):
        return None
    text = clean_text(value)  # the shared input rules: NFC, no control or invisible characters
    if len(text) > MAX_USER_NAME or not text.isprintable():
        return None
    return text


def load() -> Preferences:
    """The saved preferences; a missing or unreadable file (or value) gives the defaults."""
    try:
        data = json.loads(config_file().read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return Preferences()
    if not isinstance(data, dict):
        return Preferences()
    language = data.get("language")
    return Preferences(
        language=language if isinstance(language, str) and language in LANGUAGES else "nl",
        user_name=clean_user_name(data.get("user_name", "")) or "",
    )


def save(prefs: Preferences) -> Path:
    """Written to a temporary file first so a crash never leaves half a file."""
    if prefs.language not in LANGUAGES:
        raise ValidationError(
            _("language"),
            prefs.language,
            _("must be one of: {allowed}").format(allowed=", ".join(LANGUAGES)),
        )
    name = clean_user_name(prefs.user_name)
    if name is None:
        raise ValidationError(_("your name"), None, _("must be one line of at most 200 characters"))
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    data = {**prefs._asdict(), "user_name": name}
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
