"""`letters send --mailing N --attach FILE`: the file goes into every message sent; a missing
one is refused with nothing recorded; sent messages take the place of the drafts."""

from __future__ import annotations

from pathlib import Path

from aiosmtpd.controller import Controller

from lobbycrm.bootstrap import Context
from lobbycrm.services.letters import LetterRequest
from tests.cli.test_cli import dump, run
from tests.mail.conftest import Recorder
from tests.mail.helpers import parsed, setup_plain


def test_send_with_attach_and_mailing_puts_the_file_in_every_message(
    demo_ctx: Context, demo_db_path: Path, smtp_server: tuple[Controller, Recorder], tmp_path: Path
) -> None:
    controller, recorder = smtp_server
    setup_plain(demo_ctx, controller.port)
    letters = demo_ctx.services.letters
    mailing = letters.create_mailing(
        LetterRequest(
            template="gezamenlijke-brief",
            selectors=["org:CDA+role:woordvoerder", "org:VVD+role:woordvoerder"],
        ),
        "CDA",
    )
    before = dump(demo_db_path)
    r = run(demo_db_path, "letters", "send", "--mailing", str(mailing), "--attach",
            str(tmp_path / "weg.pdf"))  # fmt: skip
    assert r.returncode == 1 and "weg.pdf" in r.stderr
    assert dump(demo_db_path) == before and recorder.received == []
    # Drafted first: the sent message then takes the drafts' place.
    r = run(demo_db_path, "letters", "render", "--mailing", str(mailing), "--out",
            str(tmp_path / "concept"))  # fmt: skip
    assert r.returncode == 0, r.stderr
    bijlage = tmp_path / "oproep.pdf"
    bijlage.write_bytes(b"%PDF-1.4 oproep")
    r = run(demo_db_path, "letters", "send", "--mailing", str(mailing), "--attach",
            str(bijlage))  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert len(recorder.received) == 2
    for envelope in recorder.received:
        msg = parsed(envelope)
        files = {p.get_filename(): p.get_content() for p in msg.iter_attachments()}
        assert files == {"oproep.pdf": b"%PDF-1.4 oproep"}
    counts = letters.mailing(mailing).counts
    assert (counts.recipients, counts.drafted, counts.sent) == (2, 0, 2)
    logged = demo_ctx.services.interactions.list(mailing_id=mailing)
    assert len(logged) == 2 and all(
        "Verstuurd" in i.notes or "verstuurd" in i.notes for i in logged
    )
