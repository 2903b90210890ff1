"""The briefing's many Qt calls no longer abort the program on exit (PySide6 6.12, Py 3.11)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_briefing_of_the_demo_exits_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite"
    run = [sys.executable, "-m", "lobbycrm", "--db", str(db)]
    assert subprocess.run([*run, "demo"], capture_output=True, timeout=120).returncode == 0
    out = tmp_path / "b.pdf"
    r = subprocess.run(
        [*run, "briefing", "1", "--out", str(out)], capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 0, r.stderr[-500:]
    assert "none_dealloc" not in r.stderr and out.read_bytes().startswith(b"%PDF")
