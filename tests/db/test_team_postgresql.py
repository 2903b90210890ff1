"""A team on one PostgreSQL server: two sessions editing at once, and two outbox senders."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from lobbycrm.bootstrap import Context, open_context
from lobbycrm.core.conflicts import ConflictError
from lobbycrm.db.models import Person
from lobbycrm.services.letters import LetterRequest
from lobbycrm.services.people import PersonFilter, PersonInput
from tests.mail.conftest import Recorder, free_port
from tests.mail.helpers import setup_plain

# A lock wait longer than this fails the statement (so "waited for the other" cannot pass).
NO_WAIT = "options=-c%20lock_timeout%3D3000"


@pytest.fixture
def team(pg_url: str) -> Iterator[tuple[Context, Context]]:
    """Noor and Sanne, each with their own program (engine, sessions) on one database."""
    noor = open_context(f"{pg_url}&{NO_WAIT}", user="Noor")
    sanne = open_context(f"{pg_url}&{NO_WAIT}", user="Sanne")
    try:
        yield noor, sanne
    finally:
        noor.close()
        sanne.close()


def _person(ctx: Context, surname: str, email: str) -> int:
    return ctx.services.people.add(PersonInput(surname=surname, emails=[email])).ids[0]


def test_same_person_edited_twice_one_save_is_refused_nothing_lost(
    team: tuple[Context, Context],
) -> None:
    noor, sanne = team
    pid = _person(noor, "Hattem", "a.vanhattem@example.org")
    read_by_noor = noor.services.people.get(pid)
    read_by_sanne = sanne.services.people.get(pid)
    assert read_by_noor.version == read_by_sanne.version

    noor.services.people.update(
        pid,
        PersonInput(surname="Hattem", particle="van", emails=["a.vanhattem@example.org"]),
        version=read_by_noor.version,
    )
    with pytest.raises(ConflictError) as refused:
        sanne.services.people.update(
            pid,
            PersonInput(surname="Hattem", emails=["a.vanhattem@example.org"], notes="Sanne"),
            version=read_by_sanne.version,
        )
    assert "Noor" in str(refused.value) and "terwijl u aan het bewerken was" in str(refused.value)
    now = sanne.services.people.get(pid)
    assert now.particle == "van" and now.notes == "" and now.updated_by == "Noor"
    # After reloading, Sanne's save goes through.
    sanne.services.people.update(
        pid,
        PersonInput(
            surname="Hattem", particle="van", emails=["a.vanhattem@example.org"], notes="Sanne"
        ),
        version=now.version,
    )
    assert noor.services.people.get(pid).notes == "Sanne"
    authors = [c.author for c in noor.services.audit.log(person_id=pid)]
    assert authors[:2] == ["Sanne", "Noor"]


def test_same_person_saved_at_the_same_instant_exactly_one_wins(
    team: tuple[Context, Context],
) -> None:
    noor = team[0]
    pid = _person(noor, "Perin-Gopie", "perin@example.org")
    version = noor.services.people.get(pid).version
    start = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def save(ctx: Context, who: str) -> None:
        start.wait()
        try:
            ctx.services.people.update(
                pid,
                PersonInput(surname="Perin-Gopie", notes=who, emails=["perin@example.org"]),
                version=version,
            )
            outcome[who] = "saved"
        except ConflictError:
            outcome[who] = "refused"

    threads = [threading.Thread(target=save, args=(c, w)) for c, w in team_names(team)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcome.values()) == ["refused", "saved"]
    winner = next(w for w, o in outcome.items() if o == "saved")
    assert noor.services.people.get(pid).notes == winner


def team_names(team: tuple[Context, Context]) -> list[tuple[Context, str]]:
    return [(team[0], "Noor"), (team[1], "Sanne")]


def test_a_save_racing_an_open_edit_is_refused_not_overwritten(
    team: tuple[Context, Context],
) -> None:
    """The ORM's version check: a transaction that read the row before a colleague's save
    cannot write over it, even without the caller passing a version."""
    noor, sanne = team
    pid = _person(noor, "Jansen", "jansen@example.org")
    with noor.sessions() as s:
        row = s.get(Person, pid)
        assert row is not None
        sanne.services.people.update(
            pid, PersonInput(surname="Jansen", notes="Sanne", emails=["jansen@example.org"])
        )
        row.notes = "Noor"
        with pytest.raises(ConflictError, match="Sanne"):
            s.commit()
    assert noor.services.people.get(pid).notes == "Sanne"


def test_different_persons_are_edited_at_the_same_time_without_waiting(
    team: tuple[Context, Context],
) -> None:
    noor, sanne = team
    first = _person(noor, "Bijsterveld", "bijsterveld@example.org")
    second = _person(noor, "Dittrich", "dittrich@example.org")
    # Noor's edit of the first person is open (its row locked, change log pending) ...
    with noor.sessions.begin() as s:
        row = s.get(Person, first)
        assert row is not None
        row.notes = "Noor"
        s.flush()
        # ... while Sanne saves the second person: no lock of Noor's is in her way
        # (lock_timeout would fail her statement after 3 s).
        began = time.monotonic()
        sanne.services.people.update(
            second,
            PersonInput(surname="Dittrich", notes="Sanne", emails=["dittrich@example.org"]),
            version=sanne.services.people.get(second).version,
        )
        took = time.monotonic() - began
    assert took < 2.0
    assert noor.services.people.get(first).notes == "Noor"
    assert noor.services.people.get(second).notes == "Sanne"
    assert {c.author for c in noor.services.audit.log(person_id=second)} >= {"Sanne"}


def test_two_outbox_senders_send_each_message_once(
    team: tuple[Context, Context], smtp_slow: tuple[Controller, Recorder]
) -> None:
    noor = team[0]
    controller, recorder = smtp_slow
    noor.services.demo.load()
    setup_plain(noor, controller.port)
    queued = noor.services.outbox.queue(
        LetterRequest(
            template="gezamenlijke-brief",
            selectors=["tag:senator"],
            event_id=1,
            allow_pending=True,
        )
    )
    assert len(queued.queued) == 19
    reports = {}
    start = threading.Barrier(2)

    def send(ctx: Context, who: str) -> None:
        start.wait()
        reports[who] = ctx.services.outbox.send(pause=0)

    threads = [threading.Thread(target=send, args=(c, w)) for c, w in team_names(team)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    sent = reports["Noor"].sent + reports["Sanne"].sent
    assert sorted(sent) == sorted(queued.queued)  # every message by exactly one sender
    assert reports["Noor"].sent and reports["Sanne"].sent  # both really sent
    assert Counter(recorder.to_addresses()).most_common(1)[0][1] == 1
    assert len(recorder.received) == 19
    assert {r.status for r in noor.services.outbox.outbox()} == {"sent"}


class _SlowRecorder(Recorder):
    """Takes a little time per message, so that two senders really interleave."""

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        import asyncio

        await asyncio.sleep(0.05)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def smtp_slow() -> Iterator[tuple[Controller, Recorder]]:
    recorder = _SlowRecorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, recorder
    controller.stop()


def test_erasure_on_postgresql_keeps_mailing_counts(team: tuple[Context, Context]) -> None:
    from lobbycrm.db.models import Interaction, MailingRecipient
    from lobbycrm.services.campaign_overview import mailing_stats

    noor, sanne = team
    noor.services.demo.load()
    senator = noor.services.people.list(PersonFilter(search="hattem"))[0]
    mailing = noor.services.letters.create_mailing(
        LetterRequest(template="gezamenlijke-brief", selectors=["tag:senator"], event_id=1)
    )
    noor.services.replies.mark(mailing, senator.id, "replied", note="Eens")
    noor.services.planning.set_stance(1, "voor", person_id=senator.id)
    with noor.sessions() as s:
        before = mailing_stats(s, [mailing])
    report = sanne.services.privacy.erase(senator.id)
    assert report.anonymous_recipients == 1 and report.file_cleaned
    with noor.sessions() as s:
        assert mailing_stats(s, [mailing]) == before
        assert (
            s.scalar(
                select(func.count())
                .select_from(Interaction)
                .where(Interaction.person_id == senator.id)
            )
            == 0
        )
        anonymous = s.scalars(
            select(MailingRecipient).where(MailingRecipient.person_id.is_(None))
        ).all()
        assert [r.status for r in anonymous] == ["replied"]
    assert noor.services.audit.log(person_id=senator.id) == []
    assert [c.author for c in noor.services.audit.log() if c.action == "erase"] == ["Sanne"]
