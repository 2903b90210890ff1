"""Campaigns: the council overview's counts, mailing answer rates, signatures, validation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.db.models import Mailing
from lobbycrm.services.campaigns import CampaignInput, parse_count
from lobbycrm.services.dossiers import DossierInput, MotionInput
from lobbycrm.services.letters import LetterRequest
from lobbycrm.services.orgs import OrgInput
from lobbycrm.services.people import PersonInput, RoleInput

FIRST = dt.date(2025, 4, 24)
REMINDER = dt.date(2025, 5, 24)


@dataclass
class World:
    campaign: int
    first: int
    reminder: int
    assen: int
    kampen: int
    zwolle: int
    culemborg: int


def _council(ctx: Context, town: str, cbs: str) -> None:
    ctx.services.orgs.add(OrgInput(name=f"Gemeente {town}", kind="municipality", cbs_code=cbs))
    ctx.services.orgs.add(
        OrgInput(name=f"Gemeenteraad {town}", kind="council", parent=f"Gemeente {town}")
    )


def _person(ctx: Context, surname: str, *roles: RoleInput) -> int:
    return ctx.services.people.add(
        PersonInput(surname=surname, initials="A.", emails=[f"{surname.lower()}@griffie.example"]),
        list(roles),
    ).ids[0]


def build(ctx: Context) -> World:
    """Four councils written to on 24 April 2025 and reminded a month later.

    Assen: its griffier got both letters and never answered. Kampen: the griffier has a role
    at the municipality, acknowledged the reminder, and the council adopted a motion on the
    campaign's dossier. Zwolle: the recipient's role at the council ended before the letter,
    and its council's motion is on another dossier. Culemborg: the letter bounced.
    """
    s = ctx.services
    for town, cbs in (
        ("Assen", "GM0106"),
        ("Kampen", "GM0166"),
        ("Zwolle", "GM0193"),
        ("Culemborg", "GM0216"),
    ):
        _council(ctx, town, cbs)
    s.orgs.add(OrgInput(name="Tweede Kamer", kind="chamber"))
    s.orgs.add(OrgInput(name="KinderpardonNU", kind="ngo", short_name="KPNU"))
    pardon = s.dossiers.add(DossierInput("Kinderpardon")).ids[0]
    other = s.dossiers.add(DossierInput("Jeugdzorg")).ids[0]
    assen = _person(ctx, "Aalders", RoleInput("Gemeenteraad Assen", "griffier"))
    kampen = _person(ctx, "Bakker", RoleInput("Gemeente Kampen", "griffier"))
    zwolle = _person(
        ctx,
        "Claes",
        RoleInput("Gemeenteraad Zwolle", "griffier", end=dt.date(2025, 1, 1)),
        RoleInput("Tweede Kamer", "medewerker"),
    )
    culemborg = _person(ctx, "Dekker", RoleInput("Gemeenteraad Culemborg", "griffier"))
    campaign = s.campaigns.add(
        CampaignInput("Kinderpardon in de gemeenteraad", "", ["KPNU"], [pardon])
    ).ids[0]
    first = s.letters.create_mailing(
        LetterRequest(
            template="verzoek-griffie",
            selectors=[f"person:{p}" for p in (assen, kampen, zwolle, culemborg)],
            campaign_id=campaign,
            dossier_id=pardon,
        ),
        "Verzoek griffie",
    )
    for p in (assen, kampen, zwolle):
        s.replies.mark(first, p, "sent", on=FIRST)
    s.replies.mark(first, culemborg, "failed", on=FIRST)
    reminder, who = s.followups.create_follow_up(first, days=30, today=REMINDER)
    assert {r.person_id for r in who} == {assen, kampen, zwolle}
    for p in (assen, kampen, zwolle):
        s.replies.mark(reminder, p, "sent", on=REMINDER)
    s.replies.mark(reminder, kampen, "acknowledged", on=dt.date(2025, 5, 26))
    for title, body, dossier, result in (
        ("Motie Kampen", "Gemeenteraad Kampen", pardon, "aangenomen"),
        ("Motie Assen", "Gemeenteraad Assen", pardon, "verworpen"),
        ("Motie Zwolle", "Gemeenteraad Zwolle", other, "aangenomen"),
        ("Motie-Van Nispen", "Tweede Kamer", pardon, "aangenomen"),
    ):
        s.motions.add(
            MotionInput(
                title=title, body=body, dossier_id=dossier, date=dt.date(2025, 6, 10), result=result
            )
        )
    return World(campaign, first, reminder, assen, kampen, zwolle, culemborg)


def test_council_counts(ctx: Context) -> None:
    w = build(ctx)
    d = ctx.services.campaigns.detail(w.campaign)
    overview = d.councils
    assert d.municipal
    assert (overview.written_to, overview.acknowledged, overview.adopted) == (2, 1, 1)
    assert [c.name for c in overview.councils] == ["Gemeenteraad Assen", "Gemeenteraad Kampen"]
    assen, kampen = overview.councils
    assert (assen.cbs_code, assen.first_written_on, assen.acknowledged, assen.adopted) == (
        "GM0106",
        FIRST,
        False,
        False,
    )
    assert assen.motions == ()  # rejected: not an adopted motion
    assert (kampen.cbs_code, kampen.written_to, kampen.acknowledged, kampen.adopted) == (
        "GM0166",
        True,
        True,
        True,
    )
    assert [(m.title, m.date) for m in kampen.motions] == [("Motie Kampen", dt.date(2025, 6, 10))]


def test_mailings_with_their_reminder_and_answer_rates(ctx: Context) -> None:
    w = build(ctx)
    first, reminder = ctx.services.campaigns.detail(w.campaign).mailings
    assert (first.id, reminder.id, reminder.follow_up_of) == (w.first, w.reminder, w.first)
    # The silent ones became no_answer when the reminder went: still sent. Kampen's
    # acknowledgement of the reminder answers the first letter as well.
    assert (first.recipients, first.sent, first.failed, first.acknowledged) == (4, 3, 1, 1)
    assert first.answer_rate == pytest.approx(1 / 3) and first.sent_on == FIRST
    assert (reminder.recipients, reminder.sent, reminder.acknowledged) == (3, 3, 1)
    assert reminder.answer_rate == pytest.approx(1 / 3)
    # A reminder recorded without the campaign still belongs to it through follow_up_of.
    with ctx.sessions.begin() as s:
        s.get_one(Mailing, w.reminder).campaign_id = None
    d = ctx.services.campaigns.detail(w.campaign)
    assert [m.id for m in d.mailings] == [w.first, w.reminder]
    assert d.councils.acknowledged == 1


def test_a_role_that_started_after_the_letter_does_not_count(ctx: Context) -> None:
    w = build(ctx)
    ctx.services.people.add_role(
        w.zwolle, RoleInput("Gemeenteraad Zwolle", "griffier", start=dt.date(2025, 9, 1))
    )
    names = [c.name for c in ctx.services.campaigns.detail(w.campaign).councils.councils]
    assert "Gemeenteraad Zwolle" not in names


def test_a_campaign_without_councils_is_not_municipal(ctx: Context) -> None:
    cid = ctx.services.campaigns.add("Petitie").ids[0]
    d = ctx.services.campaigns.detail(cid)
    assert not d.municipal and d.mailings == () and d.signatures == ()
    assert d.latest_signatures is None
    assert (d.councils.written_to, d.councils.acknowledged, d.councils.adopted) == (0, 0, 0)


def test_signature_history_is_ordered_and_one_per_day(ctx: Context) -> None:
    c = ctx.services.campaigns
    cid = c.add("Geen Kind in de Cel").ids[0]
    today = dt.date(2026, 5, 20)
    for day, count in (("2026-05-13", 31805), ("2026-04-01", 12000), ("2026-04-20", 20000)):
        c.record_signatures(cid, count, dt.date.fromisoformat(day), today=today)
    c.record_signatures(cid, 21000, dt.date(2026, 4, 20), today=today)  # replaces that day
    d = c.detail(cid)
    assert [(p.on.isoformat(), p.count) for p in d.signatures] == [
        ("2026-04-01", 12000),
        ("2026-04-20", 21000),
        ("2026-05-13", 31805),
    ]
    assert d.latest_signatures == 31805 and c.get(cid).signatures == 31805
    c.delete_signatures(cid, dt.date(2026, 5, 13))
    assert c.detail(cid).latest_signatures == 21000
    with pytest.raises(ValidationError) as err:
        c.delete_signatures(cid, dt.date(2026, 5, 13))
    assert err.value.field == _("date")


def test_signature_counts_refuse_negative_and_future(ctx: Context) -> None:
    c = ctx.services.campaigns
    cid = c.add("Petitie").ids[0]
    with pytest.raises(ValidationError) as err:
        c.record_signatures(cid, -1, dt.date(2026, 5, 1))
    assert err.value.field == _("signatures") and "negatief" in err.value.reason
    with pytest.raises(ValidationError) as err:
        c.record_signatures(cid, 10, dt.date(2026, 5, 21), today=dt.date(2026, 5, 20))
    assert err.value.field == _("date") and "toekomst" in err.value.reason
    assert c.detail(cid).signatures == ()


def test_parse_count_accepts_dutch_grouping() -> None:
    assert parse_count("--count", "31.805") == 31805
    assert parse_count("--count", "31 805") == 31805
    assert parse_count("--count", " 31805 ") == 31805
    for bad in ("3.1", "31,805", "abc", "", "1.2345"):
        with pytest.raises(ValidationError):
            parse_count("--count", bad)
    with pytest.raises(ValidationError) as err:
        parse_count("--count", "-5")
    assert "negatief" in err.value.reason


def test_edit_validates_each_field_and_changes_nothing_on_error(ctx: Context) -> None:
    s = ctx.services
    s.orgs.add(OrgInput(name="KinderpardonNU", kind="ngo", short_name="KPNU"))
    s.orgs.add(OrgInput(name="UNICEF", kind="ngo"))
    dossier = s.dossiers.add(DossierInput("Kinderpardon")).ids[0]
    cid = s.campaigns.add(CampaignInput("Kinderpardon", "", ["KPNU"], [dossier])).ids[0]
    s.campaigns.add("Andere campagne")
    before = s.campaigns.get(cid)
    for data, field in (
        (CampaignInput("  "), _("name")),
        (CampaignInput("andere CAMPAGNE"), _("name")),
        (CampaignInput("Nieuw", partners=["Bestaat niet"]), _("partners")),
        (CampaignInput("Nieuw", dossier_ids=[999]), _("dossiers")),
    ):
        with pytest.raises(ValidationError) as err:
            s.campaigns.edit(cid, data)
        assert err.value.field == field
        assert s.campaigns.get(cid) == before
    changes = s.campaigns.edit(
        cid, CampaignInput("Kinderpardon NU", "Gemeenten", ["UNICEF", "KPNU", "#1"], [])
    )
    assert "campaign" in changes and changes.ids == (cid,)
    after = s.campaigns.detail(cid)
    assert after.name == "Kinderpardon NU" and after.notes == "Gemeenten"
    assert [p.name for p in after.partners] == ["KinderpardonNU", "UNICEF"]
    assert after.dossiers == ()


def test_party_group_in_a_council_and_a_municipality_without_council(ctx: Context) -> None:
    s = ctx.services
    _council(ctx, "Assen", "GM0106")
    s.orgs.add(OrgInput(name="CDA Assen", kind="party-group", parent="Gemeenteraad Assen"))
    s.orgs.add(OrgInput(name="Gemeente Tynaarlo", kind="municipality", cbs_code="GM1730"))
    leader = _person(ctx, "Eelman", RoleInput("CDA Assen", "fractievoorzitter"))
    clerk = _person(ctx, "Fokkema", RoleInput("Gemeente Tynaarlo", "griffier"))
    campaign = s.campaigns.add("Brief aan de raden").ids[0]
    mailing = s.letters.create_mailing(
        LetterRequest(
            template="verzoek-griffie",
            selectors=[f"person:{leader}", f"person:{clerk}"],
            campaign_id=campaign,
        ),
        "Brief",
    )
    s.replies.mark(mailing, leader, "sent", on=FIRST)
    s.replies.mark(mailing, clerk, "replied", on=FIRST)
    rows = s.campaigns.detail(campaign).councils.councils
    assert [(r.name, r.kind, r.cbs_code, r.acknowledged) for r in rows] == [
        ("Gemeente Tynaarlo", "municipality", "GM1730", True),
        ("Gemeenteraad Assen", "council", "GM0106", False),
    ]
