"""File problems name the file once and say why in the user's language."""

from __future__ import annotations

from pathlib import Path

from lobbycrm.core.files import file_problem
from lobbycrm.core.i18n import set_language


def _problem(path: Path) -> str:
    try:
        path.read_text(encoding="utf-8")
    except OSError as exc:
        return str(file_problem(path, exc))
    raise AssertionError("expected an error")


def test_missing_file_and_folder_in_both_languages(tmp_path: Path) -> None:
    set_language("nl")
    assert _problem(tmp_path / "nope.ics") == f"{tmp_path / 'nope.ics'}: bestand niet gevonden"
    assert _problem(tmp_path) == f"{tmp_path}: is een map"
    set_language("en")
    message = _problem(tmp_path / "nope.ics")
    assert message.endswith(": file not found") and "Errno" not in message
    assert message.count("nope.ics") == 1
