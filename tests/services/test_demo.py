"""Demo data: the facts of the seed letters, loaded twice without doubling."""

from __future__ import annotations

import datetime as dt

from lobbycrm.bootstrap import Context
from lobbycrm.services.people import PersonFilter


def test_demo_twice_adds_nothing(ctx: Context) -> None:
    first = ctx.services.demo.load()
    n_people = ctx.services.people.count()
    n_orgs = len(ctx.services.orgs.list())
    second = ctx.services.demo.load()
    assert first.created > 100 and second.created == 0
    assert ctx.services.people.count() == n_people
    assert len(ctx.services.orgs.list()) == n_orgs


def test_demo_contents(demo_ctx: Context) -> None:
    s = demo_ctx.services
    senators = s.people.list(PersonFilter(organisation="Eerste Kamer", role="senator"))
    assert len(senators) == 19
    by_mail = {p.emails[0]: p for p in senators}
    perin = by_mail["gaby.perin-gopie@eerstekamer.example"]
    assert perin.salutation == "Geachte mevrouw Perin-Gopie,"
    assert by_mail["alexander.vanhattem@eerstekamer.example"].salutation == (
        "Geachte heer Van Hattem,"
    )
    assert by_mail["martin.vanrooijen@eerstekamer.example"].display_name == "Martin van Rooijen"
    ngos = {o.name for o in s.orgs.list(kind="ngo")} | {
        o.name for o in s.orgs.list(kind="coalition")
    }
    assert {"Amnesty International Nederland", "UNICEF", "Kinderrechtencollectief"} <= ngos
    debate = next(
        e
        for e in s.events.list()
        if e.kind == "plenary-debate" and e.organisation != "Gemeenteraad Amsterdam"
    )
    assert debate.start.date() == dt.date(2026, 5, 19)  # type: ignore[union-attr]
    assert debate.start.weekday() == 1  # a Tuesday
    campaign = s.campaigns.list()[0]
    assert campaign.name == "Geen Kind in de Cel" and campaign.signatures == 31805
    assert len(campaign.partners) == 7
    assert any(m.number == "19 637, nr. 3185" for m in s.motions.list())
    councils = {m.body for m in s.motions.list(result="aangenomen") if m.body and "raad" in m.body}
    assert len(councils) == 7
    timeline = s.interactions.list(person_id=senators[0].id)
    assert timeline and timeline[0].subject.startswith("Oproep Geen Kind in de Cel")


def test_demo_municipal_campaign_counts(demo_ctx: Context) -> None:
    s = demo_ctx.services
    campaign = next(c for c in s.campaigns.list() if c.name == "Kinderpardon in de gemeenteraad")
    d = s.campaigns.detail(campaign.id)
    assert [p.name for p in d.partners] == ["KinderpardonNU"]
    assert [x.title for x in d.dossiers] == ["Wettelijk kinderpardon voor gewortelde kinderen"]
    assert d.municipal and d.signatures == ()
    councils = d.councils
    assert (councils.written_to, councils.acknowledged, councils.adopted) == (8, 3, 7)
    assen = next(c for c in councils.councils if c.name == "Gemeenteraad Assen")
    assert assen.cbs_code == "GM0106" and assen.first_written_on == dt.date(2025, 4, 24)
    assert not assen.acknowledged and not assen.adopted
    first, reminder = d.mailings
    assert (first.template, first.sent_on, first.recipients, first.acknowledged) == (
        "verzoek-griffie",
        dt.date(2025, 4, 24),
        8,
        3,  # two answered the letter, Kampen the reminder (which answers the letter too)
    )
    assert reminder.follow_up_of == first.id and reminder.sent_on == dt.date(2025, 5, 24)
    assert (reminder.recipients, reminder.acknowledged) == (6, 1)
    # The griffie contacts are fictional and say so.
    griffies = s.people.list(PersonFilter(role="griffier", organisation="Gemeenteraad Assen"))
    assert [p.emails for p in griffies] == [["griffie@assen.example"]]
    assert "Demogegevens" in griffies[0].notes


def test_demo_twice_adds_no_campaign_rows(ctx: Context) -> None:
    ctx.services.demo.load()
    ids = [c.id for c in ctx.services.campaigns.list()]
    before = [ctx.services.campaigns.detail(i) for i in ids]
    assert ctx.services.demo.load().created == 0
    assert [ctx.services.campaigns.detail(i) for i in ids] == before
    assert len(ctx.services.letters.mailings()) == 2
