"""Kill `lobbycrm letters send` mid-batch again and again; count second copies and held messages.

Usage: python benchmarks/outbox_crash.py [RUNS] [--pause SECONDS]
Each run: the demo's 19 senators, a real SMTP server on loopback (aiosmtpd), SIGKILL a random
0-50 ms after the server took a random 2nd-15th message (the hardest moment: the program is
just recording it), then `lobbycrm outbox send`. Prints how often a message was held (it was
handed over but its answer not recorded; the user settles it), how many recipients got a
second copy (must be 0) and the time per message of an uninterrupted batch.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

LOBBYCRM = [sys.executable, "-m", "lobbycrm"]
SEND = [
    "letters", "send", "--template", "gezamenlijke-brief", "--to", "tag:senator",
    "--event", "1", "--allow-pending",
]  # fmt: skip


@dataclass
class Inbox:
    """aiosmtpd handler that keeps the recipients of what arrived."""

    to: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.to.extend(a.lower() for a in envelope.rcpt_tos)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*LOBBYCRM, *args, "--db", str(db)], capture_output=True, text=True, check=False
    )


def prepared(template: Path, folder: Path, name: str, port: int) -> Path:
    db = folder / f"{name}.sqlite"
    shutil.copy(template, db)
    cli(db, "mail", "setup", "--host", "127.0.0.1", "--port", str(port), "--security", "none",
        "--from", "noor@amnesty.example")  # fmt: skip
    return db


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("runs", type=int, nargs="?", default=20)
    parser.add_argument("--pause", default="0")
    opts = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    template = folder / "demo.sqlite"
    cli(template, "demo")
    held_runs = second_copies = lost = 0
    for n in range(opts.runs):
        inbox = Inbox()
        port = free_port()
        server = Controller(inbox, hostname="127.0.0.1", port=port)
        server.start()
        db = prepared(template, folder, f"run{n}", port)
        proc = subprocess.Popen(
            [*LOBBYCRM, *SEND, "--pause", opts.pause, "--db", str(db)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        target = random.randint(2, 15)
        while len(inbox.to) < target and proc.poll() is None:
            time.sleep(0.0005)
        time.sleep(random.random() * 0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        cli(db, "outbox", "send", "--pause", "0")
        listed = json.loads(cli(db, "outbox", "list", "--format", "json").stdout)
        held = [m for m in listed if m["status"] == "sending"]
        got = Counter(inbox.to)
        held_runs += bool(held)
        second_copies += sum(1 for v in got.values() if v > 1)
        lost += 19 - len(got) - sum(1 for m in held if m["to_email"].lower() not in got)
        server.stop()
    inbox = Inbox()
    port = free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    db = prepared(template, folder, "whole", port)
    start = time.perf_counter()
    cli(db, *SEND, "--pause", "0")
    per_message = (time.perf_counter() - start) / max(1, len(inbox.to))
    server.stop()
    shutil.rmtree(folder, ignore_errors=True)
    print(f"{opts.runs} killed batches (pause {opts.pause} s between messages)")
    print(f"  runs with a message held for settling: {held_runs}")
    print(f"  recipients with a second copy:         {second_copies}")
    print(f"  recipients with no copy and not held:  {lost}")
    print(f"uninterrupted batch: {per_message * 1000:.1f} ms per message incl. start-up")
    return 0 if second_copies == 0 and lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
