"""`duplicates`, `merge` and `bin` as whole processes against a real database file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LOBBYCRM_DB"}
    cmd = [sys.executable, "-m", "lobbycrm", *args, "--db", str(db)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)


def test_find_merge_delete_and_restore(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    a = run(
        db,
        "people",
        "add",
        "--surname",
        "Hattem",
        "--particle",
        "van",
        "--initials",
        "A.",
        "--email",
        "a@ek.nl",
    ).stdout.strip()
    b = run(
        db,
        "people",
        "add",
        "--surname",
        "Hattem",
        "--first-name",
        "Alexander",
        "--email",
        "A@EK.nl",
        "--phone",
        "070 312 9200",
    ).stdout.strip()
    found = json.loads(run(db, "duplicates", "--format", "json").stdout)
    assert [(str(r["keep_id"]), str(r["other_id"]), r["reason"]) for r in found] == [
        (a, b, "email")
    ]
    merged = run(db, "merge", a, b)
    assert merged.returncode == 0 and merged.stdout.strip() == a
    shown = json.loads(run(db, "people", "show", a, "--format", "json").stdout)
    assert "070 312 9200" in json.dumps(shown)
    assert run(db, "people", "show", b).returncode == 1

    assert run(db, "bin", "delete", "person", a).returncode == 0
    assert run(db, "people", "show", a).returncode == 1
    listed = json.loads(run(db, "bin", "list", "--format", "json").stdout)
    assert [r["label"] for r in listed] == ["Alexander van Hattem"]
    restored = run(db, "bin", "restore")
    assert restored.returncode == 0 and restored.stdout.strip() == a
    assert run(db, "people", "show", a).returncode == 0


def test_errors_exit_1_with_a_message(tmp_path: Path) -> None:
    db = tmp_path / "e.sqlite"
    empty = run(db, "bin", "restore")
    assert empty.returncode == 1 and "niets om terug te zetten" in empty.stderr
    missing = run(db, "merge", "1", "2")
    assert missing.returncode == 1 and "persoon" in missing.stderr
