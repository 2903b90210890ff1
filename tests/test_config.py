"""Machine preferences round-trip through the config file and survive a damaged file."""

from __future__ import annotations

import pytest

from lobbycrm import config
from lobbycrm.core.errors import ValidationError


def test_defaults_save_and_load() -> None:
    assert config.load() == config.Preferences(language="nl")
    path = config.save(config.Preferences(language="en"))
    assert path.parent == config.config_file().parent and path.is_file()
    assert config.load().language == "en"


def test_damaged_file_gives_defaults_and_bad_language_is_refused() -> None:
    config.config_file().parent.mkdir(parents=True, exist_ok=True)
    config.config_file().write_text("{not json", encoding="utf-8")
    assert config.load().language == "nl"
    with pytest.raises(ValidationError, match="taal: moet een van deze zijn: nl, en"):
        config.save(config.Preferences(language="fr"))
