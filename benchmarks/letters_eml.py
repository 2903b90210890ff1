"""Time producing 1,000 tailored .eml drafts, against rendering the template with bare Jinja2.

Usage: python benchmarks/letters_eml.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from jinja2 import Environment

from lobbycrm.bootstrap import open_context
from lobbycrm.letters import templates
from lobbycrm.services.letters import LetterRequest
from lobbycrm.services.people import PersonInput


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(str(Path(tmp) / "bench.sqlite"))
        ctx.services.demo.load()
        for i in range(n):
            ctx.services.people.add(
                PersonInput(
                    surname=f"Jansen{i}",
                    particle="van" if i % 3 else "",
                    first_name="Sam",
                    gender=("man", "vrouw", "onbekend")[i % 3],
                    emails=[f"sam{i}@example.org"],
                    tags=["bench"],
                )
            )
        ctx.services.letters.set_sender(
            name="Noor", organisation="Amnesty", email="noor@example.org"
        )
        debate = next(e.id for e in ctx.services.events.list() if e.kind == "plenary-debate")
        req = LetterRequest(
            template="gezamenlijke-brief",
            selectors=["tag:bench"],
            fmt="eml",
            out_dir=Path(tmp) / "out",
            event_id=debate,
            cosigners=["Amnesty", "UNICEF"],
            allow_pending=True,
        )
        t0 = time.perf_counter()
        report = ctx.services.letters.produce(req)
        ours = time.perf_counter() - t0
        t = templates.load("gezamenlijke-brief")
        base = ctx.services.letters.base_context(req)
        people = ctx.services.letters.select(["tag:bench"])
        contexts = [
            {**base, "recipient": ctx.services.letters.recipient_context(p), "fields": {}}
            for p in people
        ]
        env = Environment(trim_blocks=True, lstrip_blocks=True)
        env.filters.update(templates.ENV.filters)
        subject, body = env.from_string(t.subject), env.from_string(t.body)
        t0 = time.perf_counter()
        for c in contexts:
            subject.render(c)
            body.render(c)
        bare = time.perf_counter() - t0
        ctx.close()
    print(f"drafts written:                 {len(report.written)}")
    print(f"lobbycrm letters render (eml):  {ours:.2f} s")
    print(f"bare Jinja2, same template:     {bare:.3f} s")
    print(f"ratio ours / bare:              {ours / bare:.0f}")
    print(f"target < 3 s:                   {'met' if ours < 3 else 'NOT met'}")


if __name__ == "__main__":
    main()
