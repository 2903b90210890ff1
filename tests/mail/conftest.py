"""Real parts for the mail tests: SMTP servers on loopback (aiosmtpd) and a Secret Service
keyring (gnome-keyring inside its own D-Bus session, with a throwaway HOME)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring.core
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Recorder:
    """aiosmtpd handler: keeps what arrived; can refuse after k messages or one address."""

    received: list[Envelope] = field(default_factory=list)
    fail_after: int | None = None
    fail_reply: str = "451 4.7.1 Too many messages, try again later"
    refuse: set[str] = field(default_factory=set)
    arrived: threading.Event = field(default_factory=threading.Event)
    # Take the n-th message, then drop the connection instead of answering.
    drop_after: int | None = None

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address.lower() in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        if self.fail_after is not None and len(self.received) >= self.fail_after:
            return self.fail_reply
        self.received.append(envelope)
        self.arrived.set()
        if self.drop_after is not None and len(self.received) == self.drop_after:
            server.transport.abort()
        return "250 2.0.0 Queued"

    def to_addresses(self) -> list[str]:
        return [a.lower() for e in self.received for a in e.rcpt_tos]


@pytest.fixture
def smtp_server() -> Iterator[tuple[Controller, Recorder]]:
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, recorder
    controller.stop()


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1/localhost (the client trusts it via --cafile)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class TlsServer:
    port: int
    cafile: Path
    recorder: Recorder
    logins: list[str]


USER, PASSWORD = "noor@amnesty.example", "Zeer-geheim wachtwoord 7!"


@pytest.fixture
def tls_smtp_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsServer]:
    """STARTTLS required before AUTH; only USER/PASSWORD may log in."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = make_certificate(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    recorder = Recorder()
    logins: list[str] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth: Any) -> Any:
        ok = (
            isinstance(auth, LoginPassword)
            and auth.login.decode() == USER
            and auth.password.decode() == PASSWORD
        )
        if ok:
            logins.append(auth.login.decode())
        return AuthResult(success=ok, handled=False)

    port = free_port()
    controller = Controller(
        recorder,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_required=True,
    )
    controller.start()
    yield TlsServer(port, cert, recorder, logins)
    controller.stop()


KEYRING_SCRIPT = """\
printf '%s' "$1" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
printf '%s' "$DBUS_SESSION_BUS_ADDRESS" > "$2.tmp" && mv "$2.tmp" "$2"
exec sleep 3600
"""


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """gnome-keyring's Secret Service in a private D-Bus session; yields the environment a
    process needs to use it through keyring's SecretService backend."""
    missing = [p for p in ("dbus-run-session", "gnome-keyring-daemon") if not shutil.which(p)]
    if missing:
        if os.environ.get("LOBBYCRM_REQUIRE_KEYRING"):
            pytest.fail(f"needed for the keyring tests: {', '.join(missing)}")
        pytest.skip(f"not installed: {', '.join(missing)} (apt install gnome-keyring dbus)")
    home = tmp_path_factory.mktemp("keyring-home")
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(home / "run"),
    }
    (home / "run").mkdir(mode=0o700)
    address_file = home / "bus-address"
    proc = subprocess.Popen(
        [
            "dbus-run-session",
            "--",
            "sh",
            "-c",
            KEYRING_SCRIPT,
            "sh",
            "unlock-pw",
            str(address_file),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 20
    while not address_file.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("gnome-keyring did not start in its D-Bus session")
        time.sleep(0.05)
    yield {
        "DBUS_SESSION_BUS_ADDRESS": address_file.read_text(),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
    }
    os.killpg(proc.pid, 15)
    proc.wait(timeout=10)


@pytest.fixture
def use_keyring(secret_service: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process and the processes it starts use the Secret Service keyring."""
    for key, value in secret_service.items():
        monkeypatch.setenv(key, value)
    keyring.core.init_backend()
    yield
    monkeypatch.undo()
    keyring.core.init_backend()
