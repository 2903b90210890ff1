"""Benchmarks measure the program as a user's machine runs it: its modules compiled.

An installed program finds its modules compiled (pip compiles them on install, and Python
writes them at the first start of an editable install). With PYTHONDONTWRITEBYTECODE set, as on
some build machines, every start would compile LobbyCRM's own modules from source again (about
0.06 s) while the floors' libraries are compiled; so a benchmark compiles them first.
"""

from __future__ import annotations

import compileall
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "lobbycrm"


def compile_program() -> None:
    compileall.compile_dir(str(PACKAGE), quiet=1)
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("PYTHONDONTWRITEBYTECODE is set: LobbyCRM's modules were compiled first")
