"""Every case of the bad-input corpus (cases.py) through the real entry point: refused with the
expected words, exit 1 (2 for usage), no traceback, no crash log, and the database and the
input files byte for byte as they were."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lobbycrm import crashlog
from lobbycrm.__main__ import main
from lobbycrm.bootstrap import open_context
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import set_language
from tests.badinput.cases import CASES, Case


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "-"


def test_the_corpus_covers_every_way_in() -> None:
    assert len(CASES) >= 80
    assert len({c.id for c in CASES}) == len(CASES)
    kinds = {c.argv[1] if c.argv[:1] == ("import",) else c.argv[:1] for c in CASES if c.argv}
    for way in ("csv", "vcard", "ics", "tk", "replies"):
        assert way in kinds, way
    assert sum(1 for c in CASES if c.call) >= 10  # the services behind the desktop forms
    assert sum(1 for c in CASES if c.lang == "en") >= 5


def _run_cli(case: Case, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    if case.subprocess:
        env = {**os.environ, **case.env}
        r = subprocess.run(
            [sys.executable, "-m", "lobbycrm", *argv],
            input=case.stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        return r.returncode, r.stdout + r.stderr
    stdin = sys.stdin
    if case.stdin is not None:
        sys.stdin = io.StringIO(case.stdin)
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.stdin = stdin
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_refused(
    case: Case, demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "invoer"
    folder.mkdir()
    for name, data in case.files.items():
        (folder / name).write_bytes(data)
    watched = [demo_db_path, *(folder / name for name in case.files)]
    before = [fingerprint(p) for p in watched]
    if case.call is not None:
        set_language(case.lang or "nl")
        ctx = open_context(str(demo_db_path))
        try:
            with pytest.raises(LobbyError) as info:
                case.call(ctx)
        finally:
            ctx.close()
        code, message = 1, str(info.value)
    else:
        argv = [
            a.replace("{dir}", str(folder)).replace("{db}", str(demo_db_path)) for a in case.argv
        ]
        if "--db" not in argv:
            argv += ["--db", str(demo_db_path)]
        if case.lang:
            argv += ["--lang", case.lang]
        code, message = _run_cli(case, argv, capsys)
    assert code == case.code, message
    assert case.expect in message, message
    assert "Traceback" not in message and "('" not in message, message
    assert not crashlog.log_file().exists(), crashlog.log_file().read_text(encoding="utf-8")
    assert [fingerprint(p) for p in watched] == before, "a refused input changed a file"
