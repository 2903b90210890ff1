"""Issue 13: broken templates listed not fatal, render limits, required fields, attachments
kept and checked, drafts counted once and never called sent, the person's timeline."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from email import message_from_bytes
from pathlib import Path

import pytest
from sqlalchemy import select

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError
from lobbycrm.db.models import Mailing
from lobbycrm.letters import templates
from lobbycrm.services.campaign_overview import mailing_stats
from lobbycrm.services.correspondence import histories, last_sent
from lobbycrm.services.letters import LetterRequest, MissingFields
from lobbycrm.services.people import PersonInput
from tests.letters.test_letters import request


def dump(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return [(t, *row) for t in tables for row in conn.execute(f'SELECT * FROM "{t}"')]


def db_file(ctx: Context) -> Path:
    return Path(ctx.engine.url.database or "")


@pytest.fixture
def sender(demo_ctx: Context) -> None:
    demo_ctx.services.letters.set_sender(
        name="Noor Jansen", organisation="Amnesty", email="n.jansen@amnesty.example"
    )


def user_template(name: str, content: str | bytes) -> Path:
    folder = templates.user_template_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- point 8: a template never stops the program ---------------------------------------------


def test_broken_templates_are_listed_with_file_line_and_reason_and_others_still_work() -> None:
    syntax = user_template("kapot", "Onderwerp: x\n\nregel 3\n{% if %}\n")
    binary = user_template("binair", b"Onderwerp: x\n\nregel 3\n\xff\xfe\n")
    failing = user_template(
        "faalt", "{# description: Faalt #}\nOnderwerp: x\n\n{{ recipient.bestaat_niet }}\n"
    )
    good = user_template(
        "goed", "{# description: Een goede brief #}\nOnderwerp: Hallo\n\n{{ fields.kern }}\n"
    )
    entries = {e.name: e for e in templates.catalogue()}
    assert entries["kapot"].template is None
    assert entries["kapot"].problem.startswith(f"{syntax}: regel 4: ")
    assert entries["binair"].template is None
    assert entries["binair"].problem.startswith(f"{binary}: regel 4: ")
    assert "UTF-8" in entries["binair"].problem
    assert entries["faalt"].template is None
    assert str(failing) in entries["faalt"].problem
    assert "regel 4" in entries["faalt"].problem and "bestaat_niet" in entries["faalt"].problem
    # The others are there and usable.
    assert entries["goed"].template is not None and entries["goed"].path == good
    assert entries["goed"].template.description == "Een goede brief"
    assert entries["gezamenlijke-brief"].template is not None
    assert {t.name for t in templates.available()} >= {"kapot", "goed", "gezamenlijke-brief"}


def test_copy_failing_for_one_recipient_names_them_and_writes_nothing(
    demo_ctx: Context, sender: None, tmp_path: Path
) -> None:
    # Divides by the number of tags: fine for tagged senators, not for someone without tags.
    path = user_template(
        "deling",
        "Onderwerp: x\n\n{{ recipient.salutation }}\n{{ 10 // recipient.tags | length }}\n",
    )
    demo_ctx.services.people.add(PersonInput(surname="Zondertag", emails=["z@example.org"]))
    nobody = demo_ctx.services.people.find_by_email("z@example.org")[0]
    before = dump(db_file(demo_ctx))
    out = tmp_path / "out"
    req = request(demo_ctx, out, template="deling", selectors=["tag:senator", f"person:{nobody}"])
    with pytest.raises(templates.TemplateProblem) as caught:
        demo_ctx.services.letters.produce(req)
    assert caught.value.file == str(path) and caught.value.line == 4
    assert "Zondertag" in str(caught.value) and "nul" in str(caught.value)
    assert not out.exists()
    assert dump(db_file(demo_ctx)) == before


def test_too_long_a_copy_stops_with_a_message_and_writes_nothing(
    demo_ctx: Context, sender: None, tmp_path: Path
) -> None:
    user_template(
        "lang",
        "Onderwerp: x\n\n{% for i in range(90000) %}{% for j in range(20) %}xxxxx{% endfor %}"
        "{% endfor %}\n",
    )
    user_template("keer", "Onderwerp: x\n\n{{ 'x' * 100000000 }}\n")
    before = dump(db_file(demo_ctx))
    for name in ("lang", "keer"):
        out = tmp_path / name
        with pytest.raises(templates.TemplateProblem, match=r"1\.000\.000 tekens"):
            demo_ctx.services.letters.produce(request(demo_ctx, out, template=name))
        assert not out.exists()
    assert dump(db_file(demo_ctx)) == before


def test_too_slow_a_copy_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templates, "MAX_SECONDS", 0.3)
    slow = templates.parse_template(
        "traag",
        "Onderwerp: x\n\n{% for i in range(100000) %}{% for j in range(100000) %}"
        "{% endfor %}{% endfor %}",
    )
    with pytest.raises(templates.TemplateProblem, match="seconden"):
        templates.render(slow, {"fields": {}}, "iemand")
    looping = templates.parse_template(
        "macro",
        "Onderwerp: x\n\n{% macro m(n) %}{% for i in range(100000) %}{{ m(n) if false }}"
        "{% endfor %}{% endmacro %}{% for i in range(100000) %}{{ m(1) }}{% endfor %}",
    )
    with pytest.raises(templates.TemplateProblem, match="seconden"):
        templates.render(looping, {"fields": {}}, "iemand")


# --- point 3: the fields a letter needs ------------------------------------------------------


def test_missing_required_field_stops_before_anything_is_written_or_recorded(
    demo_ctx: Context, sender: None, tmp_path: Path
) -> None:
    user_template(
        "velden",
        "{# field kern: De kern #}\n{# field slot: Slotzin (default: Groet) #}\n"
        "Onderwerp: x\n\n{{ fields.kern }} {{ fields.slot }}\n",
    )
    before = dump(db_file(demo_ctx))
    out = tmp_path / "out"
    with pytest.raises(MissingFields) as caught:
        demo_ctx.services.letters.produce(request(demo_ctx, out, template="velden"))
    assert [f.name for f in caught.value.missing] == ["kern"]
    assert "kern (De kern)" in str(caught.value)
    # Given for the CDA group only: the others still lack it and are named.
    with pytest.raises(MissingFields) as caught:
        demo_ctx.services.letters.produce(
            request(demo_ctx, out, template="velden", fields=["group:CDA:kern=Voor het CDA"])
        )
    assert caught.value.who and all("Van Bijsterveld" not in w for w in caught.value.who)
    assert not out.exists()
    assert dump(db_file(demo_ctx)) == before
    report = demo_ctx.services.letters.produce(
        request(demo_ctx, out, template="velden", fields=["kern=Onze kern"], fmt="txt")
    )
    assert "Onze kern Groet" in report.written[0].read_text(encoding="utf-8")


# --- point 5: attachments --------------------------------------------------------------------


def test_mailing_attachments_go_into_every_draft_and_are_listed(
    demo_ctx: Context, sender: None, tmp_path: Path
) -> None:
    letters = demo_ctx.services.letters
    brief = tmp_path / "gezamenlijke brief.pdf"
    brief.write_bytes(b"%PDF-1.4 brief")
    petitie = tmp_path / "petitie.csv"
    petitie.write_text("naam\nAnna\n", encoding="utf-8")
    req = request(demo_ctx, tmp_path / "a", attachments=[brief], selectors=["tag:senator"])
    first = letters.produce(req)
    # Added for the second run (as `--attach` beside `--mailing` does): kept with the mailing.
    again = dataclasses.replace(req, out_dir=tmp_path / "b", attachments=[petitie])
    letters.produce(again, first.mailing_id)
    emls = sorted((tmp_path / "b").glob("*.eml"))
    assert len(emls) == first.recipients == 19
    for path in emls:
        msg = message_from_bytes(path.read_bytes())
        parts = {p.get_filename(): p.get_payload(decode=True) for p in msg.walk()}
        assert parts["gezamenlijke brief.pdf"] == b"%PDF-1.4 brief"
        assert parts["petitie.csv"] == b"naam\nAnna\n"
    rows = letters.attachments(first.mailing_id)
    assert [(r.name, r.size, r.problem) for r in rows] == [
        ("gezamenlijke brief.pdf", 14, ""),
        ("petitie.csv", 10, ""),
    ]
    petitie.unlink()
    assert letters.attachments(first.mailing_id)[1].problem == "bestand niet gevonden"


def test_missing_or_unreadable_attachment_changes_nothing(
    demo_ctx: Context, sender: None, tmp_path: Path
) -> None:
    letters = demo_ctx.services.letters
    kept = tmp_path / "bijlage.pdf"
    kept.write_bytes(b"%PDF")
    mailing = letters.create_mailing(request(demo_ctx, tmp_path, attachments=[kept]), "Met bijlage")
    kept.unlink()  # gone since it was attached
    before = dump(db_file(demo_ctx))
    for extra in ([], [tmp_path / "weg.pdf"], [tmp_path]):  # a folder cannot be read as a file
        out = tmp_path / "out"
        req = dataclasses.replace(letters.request_for(mailing, "eml", out, True), attachments=extra)
        with pytest.raises(LobbyError):
            letters.produce(req, mailing)
        assert not out.exists()
        assert dump(db_file(demo_ctx)) == before


# --- point 7: counts that mean something -----------------------------------------------------


def test_rendering_again_replaces_drafts_and_counts_each_recipient_once(
    demo_ctx: Context, sender: None, tmp_path: Path
) -> None:
    letters = demo_ctx.services.letters
    req = request(demo_ctx, tmp_path / "0", selectors=["tag:senator"])
    report = letters.produce(req)
    for run in range(1, 4):
        letters.produce(dataclasses.replace(req, out_dir=tmp_path / str(run)), report.mailing_id)
    row = letters.mailing(report.mailing_id)
    assert row.copies == 19
    assert (row.counts.recipients, row.counts.drafted, row.counts.sent) == (19, 19, 0)
    logged = demo_ctx.services.interactions.list(mailing_id=report.mailing_id)
    assert len(logged) == 19
    assert len({i.person_id for i in logged}) == 19
    # The newest run's copy is the one on record.
    assert all(i.notes.endswith(".eml") for i in logged)


def test_a_draft_is_never_called_sent(demo_ctx: Context, sender: None, tmp_path: Path) -> None:
    letters = demo_ctx.services.letters
    campaign = demo_ctx.services.campaigns.list()[0].id
    req = request(
        demo_ctx,
        tmp_path,
        selectors=["org:CDA+role:woordvoerder", "org:VVD+role:woordvoerder"],
        campaign_id=campaign,
    )
    report = letters.produce(req)
    person = letters.select(req.selectors)[0].id
    timeline = demo_ctx.services.interactions.timeline(person)
    drafts = [e for e in timeline if e.mailing_id == report.mailing_id]
    assert len(drafts) == 1 and drafts[0].delivery == "drafted"
    assert "verstuurd" not in drafts[0].state_text().replace("nooit verstuurd", "")
    with demo_ctx.sessions() as s:
        stats = next(m for m in mailing_stats(s, [report.mailing_id]))
        assert (stats.recipients, stats.sent, stats.sent_on) == (2, 0, None)
        # The briefing's "last letter sent" for this person is not the draft.
        sent = last_sent(histories(s, [person])[person])
    assert sent is None or sent.mailing_id != report.mailing_id
    counts = letters.mailing(report.mailing_id).counts
    assert (counts.drafted, counts.sent, counts.answered) == (2, 0, 0)


# --- point 9: the timeline -------------------------------------------------------------------


def test_timeline_newest_first_with_letters_answers_and_contacts(
    demo_ctx: Context, sender: None, tmp_path: Path
) -> None:
    from lobbycrm.services.interactions import InteractionInput

    person_id = demo_ctx.services.letters.select(["tag:senator"])[0].id
    interactions = demo_ctx.services.interactions
    old = dt.datetime(2020, 1, 2, 10, 0, tzinfo=dt.UTC)
    interactions.add(InteractionInput("call", old, person_id=person_id, subject="Gebeld"))
    interactions.add(
        InteractionInput(
            "meeting", old + dt.timedelta(days=1), person_id=person_id, subject="Gesprek"
        )
    )
    demo_ctx.services.letters.produce(
        request(demo_ctx, tmp_path, selectors=[f"person:{person_id}"])
    )
    timeline = interactions.timeline(person_id)
    whens = [e.when for e in timeline]
    assert whens == sorted(whens, reverse=True)
    kinds = [e.kind for e in timeline]
    assert kinds[0] == "email" and timeline[0].delivery == "drafted"
    assert kinds.index("meeting") < kinds.index("call")
    assert json.dumps([e.to_json() for e in timeline])  # JSON-ready


def test_mailing_row_reads_attachments_of_a_damaged_row(demo_ctx: Context) -> None:
    with demo_ctx.sessions.begin() as s:
        m = s.scalars(select(Mailing)).first()
        assert m is not None
        m.attachments = "niet json"
        mailing_id = m.id
    assert demo_ctx.services.letters.attachments(mailing_id) == []


def test_letter_request_attachments_default_is_empty() -> None:
    assert LetterRequest(template="x", selectors=[]).attachments == []


def test_preview_shows_a_missing_field_as_a_placeholder(demo_ctx: Context, sender: None) -> None:
    text = "{# field kern: De kern #}\nOnderwerp: x\n\n{{ recipient.salutation }} {{ fields.kern }}"
    person = demo_ctx.services.letters.select(["tag:senator"])[0].id
    req = LetterRequest(template="x", selectors=[], attachments=[Path("/bestaat/niet.pdf")])
    shown = demo_ctx.services.letters.preview(text, req, person)
    assert shown.startswith("x\n\nGeachte ") and shown.endswith("«kern»\n")


def test_sample_recipient_has_every_value_a_real_one_has(demo_ctx: Context) -> None:
    """Listing tries each template on a sample recipient: one with fewer values would call a
    good template broken, one with more would let a broken one through."""
    letters = demo_ctx.services.letters
    real = letters.recipient_context(letters.select(["tag:senator"])[0])
    assert set(templates.SAMPLE_CONTEXT["recipient"]) == set(real)
    assert set(templates.SAMPLE_CONTEXT["sender"]) == set(letters.sender())


def test_many_drafts_are_logged_once_per_mailing_with_the_count_and_who_made_them(
    demo_ctx: Context, sender: None, tmp_path: Path
) -> None:
    """Nineteen copies: one change-log entry for the interactions and one for the recipients,
    each with the count, the mailing and the author; the rows themselves are all there."""
    letters = demo_ctx.services.letters
    report = letters.produce(request(demo_ctx, tmp_path / "0", selectors=["tag:senator"]))
    entries = demo_ctx.services.audit.log(mailing_id=report.mailing_id)
    by_kind = {e.kind: e for e in entries if e.kind in ("interaction", "mailing_recipient")}
    assert [e.kind for e in entries].count("interaction") == 1
    for kind in ("interaction", "mailing_recipient"):
        entry = by_kind[kind]
        assert (entry.action, entry.rows, entry.mailing_id) == ("add", 19, report.mailing_id)
        assert entry.author  # who made the drafts
        assert entry.what().startswith("19 ×")
    logged = demo_ctx.services.interactions.list(mailing_id=report.mailing_id)
    assert len(logged) == 19
    assert {i.kind for i in logged} == {"email"}
    assert all(i.subject and i.notes.endswith(".eml") and i.message_id for i in logged)
    row = letters.mailing(report.mailing_id)
    assert (row.counts.recipients, row.counts.drafted) == (19, 19)
