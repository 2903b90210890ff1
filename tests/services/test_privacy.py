"""AVG duties on a real SQLite file: access report, erasure that leaves no trace in the file's
bytes while campaign figures stay, and the review of persons no longer needed."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import html5lib
import pytest
from aiosmtpd.controller import Controller

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import NotFoundError
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.db.backup import backup_sqlite
from lobbycrm.db.engine import sqlite_path
from lobbycrm.services.dossiers import DossierInput
from lobbycrm.services.events import EventInput
from lobbycrm.services.interactions import InteractionInput
from lobbycrm.services.letters import LetterRequest
from lobbycrm.services.orgs import OrgInput
from lobbycrm.services.people import PersonInput, RoleInput
from tests.mail.conftest import Recorder, smtp_server  # noqa: F401  (the SMTP fixture)
from tests.mail.helpers import setup_plain

NAME = "Hélène Verbeek-Oudshoorn"
EMAIL = "h.verbeek@testwolde.example"
PHONE = "+31 6 44556677"


@dataclass
class History:
    person: int
    other: int
    mailing: int
    campaign: int
    dossier: int


@pytest.fixture
def history(
    demo_ctx: Context,
    smtp_server: tuple[Controller, Recorder],  # noqa: F811
    tmp_path: Path,
) -> History:
    """A griffier who was sent a campaign letter by e-mail, replied, has a stance, a note,
    an event and a tag, and is named in a dossier's notes."""
    s = demo_ctx.services
    s.orgs.add(OrgInput(name="Gemeente Testwolde", kind="municipality"))
    s.orgs.add(OrgInput(name="Gemeenteraad Testwolde", kind="council", parent="Gemeente Testwolde"))
    start = amsterdam_today() - dt.timedelta(days=400)
    pid = s.people.add(
        PersonInput(
            surname="Verbeek-Oudshoorn",
            first_name="Hélène",
            gender="vrouw",
            emails=[EMAIL],
            phones=[PHONE],
            addresses=["Raadhuisplein 1\n9999 ZZ Testwolde"],
            tags=["testgriffie"],
            notes="Privé bereikbaar na 18 uur.",
        ),
        [RoleInput("Gemeenteraad Testwolde", "griffier", start=start)],
    ).ids[0]
    other = s.people.add(
        PersonInput(
            surname="Smit",
            first_name="Jan",
            emails=["j.smit@testwolde.example"],
            tags=["testgriffie"],
        ),
        [RoleInput("Gemeenteraad Testwolde", "raadslid", start=start)],
    ).ids[0]
    dossier = s.dossiers.add(
        DossierInput(title="Kinderpardon Testwolde", notes=f"Gesprek met {NAME} op het stadhuis.")
    ).ids[0]
    campaign = s.campaigns.add("Testwolde-campagne", dossier_ids=[dossier]).ids[0]
    setup_plain(demo_ctx, smtp_server[0].port)
    queued = s.outbox.queue(
        LetterRequest(
            template="gezamenlijke-brief",
            selectors=["tag:testgriffie"],
            event_id=1,
            campaign_id=campaign,
            allow_pending=True,
        )
    )
    assert s.outbox.send(pause=0).ok
    assert any(EMAIL in a for a in smtp_server[1].to_addresses())
    message_id = next(m.message_id for m in s.outbox.outbox() if m.person_id == pid)
    reply = EmailMessage()
    reply["From"] = f"{NAME} <{EMAIL}>"
    reply["To"] = "noor@amnesty.example"
    reply["Subject"] = "Re: brief"
    reply["Date"] = format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(hours=1))
    reply["Message-ID"] = "<antwoord-1@testwolde.example>"
    reply["In-Reply-To"] = message_id
    reply.set_content(f"Met vriendelijke groet,\n{NAME}\n{PHONE}\n")
    (tmp_path / "antwoord.eml").write_bytes(reply.as_bytes())
    assert s.replies.import_replies([tmp_path / "antwoord.eml"]).imported
    s.planning.set_stance(dossier, "voor", person_id=pid, source="gesprek", note="positief")
    s.interactions.add(
        InteractionInput(
            kind="note",
            occurred_at=dt.datetime.now(dt.UTC),
            person_id=pid,
            subject="Telefoongesprek",
            notes=f"Belde terug op {PHONE}.",
        )
    )
    s.events.add(
        EventInput(
            title="Raadsvergadering Testwolde",
            kind="meeting",
            start=dt.datetime.now(dt.UTC) + dt.timedelta(days=3),
            person_ids=[pid],
        )
    )
    return History(pid, other, queued.mailing_id, campaign, dossier)


def test_export_holds_every_kind_of_data_and_a_valid_html_report(
    demo_ctx: Context, history: History, tmp_path: Path
) -> None:
    result = demo_ctx.services.privacy.export(history.person, tmp_path / "inzage")
    data = json.loads(result.json.read_text(encoding="utf-8"))
    assert data["person"]["name"] == NAME
    assert data["person"]["notes"] == "Privé bereikbaar na 18 uur."
    assert {c["value"] for c in data["contact_points"]} >= {EMAIL, PHONE}
    assert [r["role"] for r in data["roles"]] == ["griffier"]
    assert data["tags"] == ["testgriffie"]
    assert [e["title"] for e in data["events"]] == ["Raadsvergadering Testwolde"]
    assert "Telefoongesprek" in [i["subject"] for i in data["interactions"]]
    assert [r["kind"] for r in data["replies"]] == ["reply"]
    letters = [x for x in data["letters"] if x["mailing_id"] == history.mailing]
    assert letters and letters[0]["status"] == "replied"
    assert letters[0]["messages"][0]["text"].startswith("Geachte mevrouw Verbeek-Oudshoorn")
    assert [(st["stance"], st["source"]) for st in data["stances"]] == [("voor", "gesprek")]
    assert data["changes"] and all(c["author"] for c in data["changes"])
    assert {c["kind"] for c in data["changes"]} >= {"person", "contact_point", "interaction"}

    page = result.html.read_text(encoding="utf-8")
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(page)  # raises on any HTML5 parse error
    assert document.get("lang") == "nl"
    assert page.startswith("<!DOCTYPE html>")
    headings = [h.text for h in document.iter("h2")]
    for title in (
        "Contactgegevens",
        "Contactmomenten en notities",
        "Verstuurde brieven en e-mails",
        "Antwoorden",
        "Standpunten",
        "Wie wijzigde wat",
    ):
        assert title in headings
    assert NAME in page and EMAIL in page and "Geachte mevrouw Verbeek-Oudshoorn" in page


def _database_bytes(path: Path) -> bytes:
    """The database file and every file beside it that SQLite writes (-wal, -shm, -journal)."""
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file())


def test_erasure_leaves_nothing_in_the_file_and_keeps_the_campaign_figures(
    demo_ctx: Context, history: History
) -> None:
    s = demo_ctx.services
    path = sqlite_path(demo_ctx.url)
    assert path is not None
    backup = backup_sqlite(path, path.parent / "backups" / "voor-het-wissen.sqlite")
    before = s.campaigns.detail(history.campaign)
    recipients_before = len(s.replies.recipients(history.mailing))
    assert before.councils.written_to == 1 and before.councils.acknowledged == 1
    needles = [NAME, "Verbeek-Oudshoorn", EMAIL, PHONE, "44556677", "Raadhuisplein 1"]
    content = _database_bytes(path)
    assert all(n.encode() in content for n in needles[:3])  # the scan can find them

    report = s.privacy.erase(history.person)

    content = _database_bytes(path)
    for needle in needles:
        for form in (needle, needle.lower(), json.dumps(needle)[1:-1]):
            assert form.encode() not in content, form
    assert report.file_cleaned and report.anonymous_recipients == 1
    assert report.backups == [backup]
    with pytest.raises(NotFoundError):
        s.people.get(history.person)
    after = s.campaigns.detail(history.campaign)
    assert after.mailings == before.mailings  # sent, acknowledged, replied, rates
    assert after.councils.written_to == 1 and after.councils.acknowledged == 1
    assert len(s.replies.recipients(history.mailing)) == recipients_before
    assert s.dossiers.get(history.dossier).notes == "Gesprek met [gewist] op het stadhuis."
    # The other recipient and their history are untouched.
    assert s.people.get(history.other).emails == ["j.smit@testwolde.example"]
    assert s.audit.log(person_id=history.other)
    erased = [c for c in s.audit.log() if c.action == "erase"]
    assert len(erased) == 1 and erased[0].label == "" and erased[0].author
    assert s.audit.log(person_id=history.person) == []


def test_erasing_a_person_in_the_recycle_bin_removes_the_snapshot(demo_ctx: Context) -> None:
    s = demo_ctx.services
    pid = s.people.add(
        PersonInput(surname="Oudshoorn-Vermeer", first_name="Brechtje", emails=[EMAIL])
    ).ids[0]
    s.bin.delete("person", pid)
    assert "Oudshoorn-Vermeer" in [e.label.split()[-1] for e in s.bin.entries()]
    s.privacy.erase(pid)
    assert all("Oudshoorn" not in e.label for e in s.bin.entries())
    path = sqlite_path(demo_ctx.url)
    assert path is not None
    assert b"Oudshoorn-Vermeer" not in _database_bytes(path)
    assert EMAIL.encode() not in _database_bytes(path)


def test_review_lists_former_members_without_recent_contact(demo_ctx: Context) -> None:
    s = demo_ctx.services
    long_ago = amsterdam_today() - dt.timedelta(days=4 * 365)
    former = s.people.add(
        PersonInput(surname="Oudgediende", emails=["oud@example.org"]),
        [
            RoleInput(
                "Eerste Kamer", "senator", start=long_ago, end=long_ago + dt.timedelta(days=30)
            )
        ],
    ).ids[0]
    current = s.people.add(
        PersonInput(surname="Zittend"), [RoleInput("Eerste Kamer", "senator", start=long_ago)]
    ).ids[0]
    # Added long ago (the review leaves people alone who were added within the period).
    with demo_ctx.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE person SET created_at = ? WHERE id IN (?, ?)",
            (f"{long_ago} 12:00:00", former, current),
        )
    listed = {r.id: r for r in s.privacy.review(older_than_months=24)}
    assert former in listed and current not in listed
    assert listed[former].last_role.startswith("senator, Eerste Kamer")
    s.privacy.keep(former, "blijft relevant voor het archief")
    assert former not in {r.id for r in s.privacy.review(older_than_months=24)}
