"""Machine preferences (interface language) in a small JSON file in the user's config folder."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.paths import config_dir

LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class Preferences:
    language: str = "nl"


def config_file() -> Path:
    return config_dir() / "config.json"


def load() -> Preferences:
    """The saved preferences; a missing or unreadable file gives the defaults."""
    try:
        data = json.loads(config_file().read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return Preferences()
    # A file edited by hand or by another tool: anything unexpected falls back to the default.
    language = data.get("language") if isinstance(data, dict) else None
    return Preferences(
        language=language if isinstance(language, str) and language in LANGUAGES else "nl"
    )


def save(prefs: Preferences) -> Path:
    """Written to a temporary file first so a crash never leaves half a file."""
    if prefs.language not in LANGUAGES:
        raise ValidationError(
            _("language"),
            prefs.language,
            _("must be one of: {allowed}").format(allowed=", ".join(LANGUAGES)),
        )
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(prefs), indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
