"""`lobbycrm mail|letters send|outbox` as whole processes: a real Secret Service keyring,
real SMTP servers on loopback, a batch killed halfway and resumed."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import keyring
import pytest
from aiosmtpd.controller import Controller

from lobbycrm import secret_store
from tests.cli.test_cli import run
from tests.mail.conftest import PASSWORD, USER, Recorder, TlsServer

SEND = [
    "letters", "send", "--template", "gezamenlijke-brief", "--to", "tag:senator",
    "--event", "1", "--allow-pending",
]  # fmt: skip


def lobbycrm(db: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "lobbycrm", *args, "--db", str(db), "--lang", "en"]
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=120)


def files_under(*folders: Path) -> list[Path]:
    return [p for f in folders if f.exists() for p in f.rglob("*") if p.is_file()]


@pytest.mark.usefixtures("use_keyring")
def test_password_in_secret_service_only_and_sending_with_login(
    tmp_path: Path, tls_smtp_server: TlsServer
) -> None:
    db = tmp_path / "m.sqlite"
    assert run(db, "demo").returncode == 0
    outputs: list[str] = []

    def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        r = lobbycrm(db, *args, stdin=stdin)
        outputs.extend([r.stdout, r.stderr])
        return r

    setup = [
        "mail", "setup", "--host", "127.0.0.1", "--port", str(tls_smtp_server.port),
        "--user", USER, "--from", "Noor Jansen <noor@amnesty.example>",
        "--security", "starttls", "--cafile", str(tls_smtp_server.cafile), "--password-stdin",
    ]  # fmt: skip
    r = cli(*setup, stdin=PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    assert "keyring" in r.stdout
    # The password is in the Secret Service, read back through the real keyring API.
    assert keyring.get_password(secret_store.SERVICE, f"{USER}@127.0.0.1") == PASSWORD
    r = cli("mail", "show")
    assert "in the keyring" in r.stdout

    r = cli("mail", "test")
    assert r.returncode == 0, r.stderr
    assert "STARTTLS" in r.stdout and USER in r.stdout
    r = cli(*SEND, "--pause", "0")
    assert r.returncode == 0, r.stderr
    assert len(tls_smtp_server.recorder.received) == 19
    assert tls_smtp_server.logins and set(tls_smtp_server.logins) == {USER}
    r = cli("outbox", "list", "--format", "json")
    assert {m["status"] for m in json.loads(r.stdout)} == {"sent"}

    # A wrong password: a clear refusal that does not repeat the password.
    wrong = "verkeerd-Wachtwoord-123"
    assert cli(*setup, stdin=wrong + "\n").returncode == 0
    r = cli("mail", "test")
    assert r.returncode == 1
    assert "refused the login" in r.stderr and wrong not in r.stderr + r.stdout

    # Neither password is in any file the app wrote, nor in anything it printed.
    data_dir = Path(os.environ["LOBBYCRM_DATA_DIR"])
    config_dir = Path(os.environ["LOBBYCRM_CONFIG_DIR"])
    written = files_under(tmp_path, data_dir, config_dir, Path(os.environ["XDG_CONFIG_HOME"]))
    assert any(p.name == "m.sqlite" for p in written)
    for secret in (PASSWORD, wrong):
        for path in written:
            assert secret.encode() not in path.read_bytes(), path
        assert not any(secret in text for text in outputs)
    with sqlite3.connect(db) as conn:
        keys = {k for (k,) in conn.execute("SELECT key FROM setting WHERE key LIKE 'mail.%'")}
    assert "mail.password" not in keys and "mail.host" in keys


@pytest.mark.parametrize(
    ("backend", "expected"),
    [
        ("keyrings.alt.file.PlaintextKeyring", "plain text in"),
        ("keyring.backends.null.Keyring", "no keyring (password store) is available"),
        ("keyring.backends.fail.Keyring", "no keyring (password store) is available"),
    ],
)
def test_unsafe_or_missing_keyring_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str, expected: str
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", backend)
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "share"))
    db = tmp_path / "k.sqlite"
    assert run(db, "init").returncode == 0
    before = sqlite3.connect(db).execute("SELECT * FROM setting").fetchall()
    r = lobbycrm(
        db, "mail", "setup", "--host", "smtp.example.nl", "--user", "noor",
        "--from", "noor@amnesty.example", "--password-stdin", stdin="geheim-123\n",
    )  # fmt: skip
    assert r.returncode == 1
    assert expected in r.stderr and "letters render --format eml" in r.stderr
    if "Plaintext" in backend:
        assert str(home) in r.stderr  # says where the secrets would have gone
    assert sqlite3.connect(db).execute("SELECT * FROM setting").fetchall() == before
    assert not any(b"geheim-123" in p.read_bytes() for p in files_under(tmp_path))


def test_letters_send_outbox_list_and_resume(
    tmp_path: Path, smtp_server: tuple[Controller, Recorder]
) -> None:
    controller, recorder = smtp_server
    db = tmp_path / "s.sqlite"
    assert run(db, "demo").returncode == 0
    r = lobbycrm(
        db, "mail", "setup", "--host", "127.0.0.1", "--port", str(controller.port),
        "--security", "none", "--from", "noor@amnesty.example", "--pause", "0",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert lobbycrm(db, "mail", "test").returncode == 0
    recorder.fail_after = 7
    r = lobbycrm(db, *SEND)
    assert r.returncode == 1
    assert "7 sent" in r.stdout and "451" in r.stdout and "outbox send" in r.stderr
    listed = json.loads(lobbycrm(db, "outbox", "list", "--format", "json").stdout)
    assert Counter(m["status"] for m in listed) == {"sent": 7, "failed": 1, "queued": 11}
    assert all(m["message_id"].startswith("<lobbycrm.") for m in listed)
    table = lobbycrm(db, "outbox", "list").stdout
    assert "failed" in table and "451" in table

    recorder.fail_after = None
    r = lobbycrm(db, "outbox", "send")
    assert r.returncode == 0, r.stderr
    assert "12 sent" in r.stdout
    counts = Counter(recorder.to_addresses())
    assert len(counts) == 19 and set(counts.values()) == {1}
    mailing = str(listed[0]["mailing_id"])  # the demo has mailings of its own
    status = json.loads(lobbycrm(db, "letters", "status", mailing, "--format", "json").stdout)
    assert len(status) == 19 and {s["status"] for s in status} == {"sent"}
    assert lobbycrm(db, "outbox", "send").returncode == 0  # nothing left: nothing sent
    assert len(recorder.received) == 19


def test_batch_killed_halfway_resumes_without_second_copies(
    tmp_path: Path, smtp_server: tuple[Controller, Recorder]
) -> None:
    controller, recorder = smtp_server
    db = tmp_path / "k.sqlite"
    assert run(db, "demo").returncode == 0
    lobbycrm(
        db, "mail", "setup", "--host", "127.0.0.1", "--port", str(controller.port),
        "--security", "none", "--from", "noor@amnesty.example",
    )  # fmt: skip
    cmd = [sys.executable, "-m", "lobbycrm", *SEND, "--pause", "0.3", "--db", str(db)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(recorder.received) < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)  # no chance to clean up
    proc.wait()
    got_before = Counter(recorder.to_addresses())
    assert 4 <= sum(got_before.values()) < 19

    r = lobbycrm(db, "outbox", "send", "--pause", "0")
    listed = json.loads(lobbycrm(db, "outbox", "list", "--format", "json").stdout)
    held = [m for m in listed if m["status"] == "sending"]
    assert r.returncode == (1 if held else 0), r.stderr
    counts = Counter(recorder.to_addresses())
    assert set(counts.values()) == {1}  # nobody got a second copy
    for m in held:  # the officer checks and settles each held message
        arrived = m["to_email"].lower() in counts
        flag = "--arrived" if arrived else "--not-arrived"
        assert lobbycrm(db, "outbox", "settle", str(m["id"]), flag).returncode == 0
    assert lobbycrm(db, "outbox", "send", "--pause", "0").returncode == 0
    counts = Counter(recorder.to_addresses())
    assert len(counts) == 19 and set(counts.values()) == {1}
    listed = json.loads(lobbycrm(db, "outbox", "list", "--format", "json").stdout)
    assert {m["status"] for m in listed} == {"sent"}
