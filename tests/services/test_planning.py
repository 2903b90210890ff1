"""Stances, the majority count and the debate briefing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.db.models import Dossier
from lobbycrm.services.dossiers import DossierInput
from lobbycrm.services.letters import LetterRequest
from lobbycrm.services.majority import GroupFacts, MajorityCount, count, decisive_groups
from lobbycrm.services.majority_words import stance_source_text, targets_sentence
from lobbycrm.services.orgs import OrgInput
from lobbycrm.services.people import PersonInput, RoleInput
from tests.cli.test_cli import run

TODAY = dt.date(2026, 5, 18)


def debate(ctx: Context) -> int:
    return next(
        e.id
        for e in ctx.services.events.list()
        if e.kind == "plenary-debate" and e.organisation != "Gemeenteraad Amsterdam"
    )


def pact(ctx: Context) -> int:
    return next(d.id for d in ctx.services.dossiers.list() if "Migratiepact" in d.title)


def test_majority_on_the_senate(demo_ctx: Context) -> None:
    planning = demo_ctx.services.planning
    m = planning.majority(event_id=debate(demo_ctx), today=TODAY)
    assert (m.total_seats, m.majority, m.onbekend) == (75, 38, 75)
    planning.set_stance(pact(demo_ctx), "voor", organisation="GL-PvdA")
    planning.set_stance(pact(demo_ctx), "voor", organisation="BBB")
    planning.set_stance(pact(demo_ctx), "tegen", organisation="BBB")  # changed its mind
    planning.set_stance(pact(demo_ctx), "voor", organisation="D66")
    m = planning.majority(event_id=debate(demo_ctx), today=TODAY)
    # Seats as on record in 2025-2026: GL-PvdA 14, BBB 12, D66 7 (not the 2023 result).
    assert (m.voor, m.tegen, m.onbekend) == (21, 12, 42)
    assert not m.has_majority_for
    planning.set_stance(pact(demo_ctx), "voor", organisation="VVD")
    m = planning.majority(dossier_id=pact(demo_ctx), today=TODAY)
    assert m.voor == 30 and not m.has_majority_for  # + VVD 9
    planning.set_stance(pact(demo_ctx), "voor", organisation="CDA")
    planning.set_stance(pact(demo_ctx), "voor", organisation="CU")
    assert planning.majority(dossier_id=pact(demo_ctx), today=TODAY).has_majority_for  # 39
    history = planning.history(pact(demo_ctx))
    assert [h.stance for h in history if h.holder.startswith("BBB")] == ["tegen", "voor"]


def test_member_stances_seats_from_roles_and_ended_roles(ctx: Context) -> None:
    s = ctx.services
    s.orgs.add(OrgInput(name="Tweede Kamer", kind="chamber", seats=150))
    s.orgs.add(OrgInput(name="Fractie A", kind="party-group", parent="Tweede Kamer"))
    s.orgs.add(OrgInput(name="Fractie B", kind="party-group", parent="Tweede Kamer"))
    dossier = s.dossiers.add(DossierInput("Wet X", "36 999", "Tweede Kamer")).ids[0]
    ids = []
    for i, group in enumerate(["Fractie A"] * 3 + ["Fractie B"] * 2):
        pid = s.people.add(
            PersonInput(surname=f"Lid{i}"),
            [RoleInput("Tweede Kamer", "kamerlid"), RoleInput(group, "lid")],
        ).ids[0]
        ids.append(pid)
    # One member of A has left: the role ended, so A counts 2 seats.
    role = next(r for r in s.people.get(ids[0]).roles if r.organisation == "Fractie A")
    s.people.end_role(role.id, TODAY - dt.timedelta(days=1))
    s.planning.set_stance(dossier, "voor", person_id=ids[1])
    s.planning.set_stance(dossier, "voor", person_id=ids[2])
    s.planning.set_stance(dossier, "voor", person_id=ids[3])
    s.planning.set_stance(dossier, "tegen", person_id=ids[4])
    m = s.planning.majority(dossier_id=dossier, today=TODAY)
    groups = {g.name: g for g in m.groups}
    assert groups["Fractie A"].seats == 2 and groups["Fractie A"].seats_source == "members"
    assert (groups["Fractie A"].stance, groups["Fractie B"].stance) == ("voor", "twijfel")
    assert (m.total_seats, m.majority, m.voor, m.twijfel, m.onbekend) == (150, 76, 2, 2, 146)


def test_council_majority(ctx: Context) -> None:
    s = ctx.services
    s.orgs.add(OrgInput(name="Gemeenteraad Kampen", kind="council", seats=31))
    for name, seats in (("ChristenUnie Kampen", 8), ("Ons Kampen", 7)):
        s.orgs.add(
            OrgInput(name=name, kind="party-group", parent="Gemeenteraad Kampen", seats=seats)
        )
    dossier = s.dossiers.add(
        DossierInput("Motie gewortelde kinderen", "", "Gemeenteraad Kampen")
    ).ids[0]
    s.planning.set_stance(dossier, "voor", organisation="ChristenUnie Kampen")
    m = s.planning.majority(dossier_id=dossier)
    assert (m.total_seats, m.majority, m.voor, m.onbekend) == (31, 16, 8, 23)


def test_bad_stance_input(demo_ctx: Context) -> None:
    with pytest.raises(ValidationError):
        demo_ctx.services.planning.set_stance(pact(demo_ctx), "misschien", organisation="CDA")
    with pytest.raises(ValidationError):
        demo_ctx.services.planning.set_stance(pact(demo_ctx), "voor")
    with pytest.raises(LobbyError):
        demo_ctx.services.planning.majority()


def test_open_motions(demo_ctx: Context) -> None:
    titles = [m.title for m in demo_ctx.services.planning.open_motions()]
    assert any("Van Nispen" in t for t in titles) and len(titles) == 11


def test_cli_planning(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    run(db, "demo")
    assert (
        run(db, "stances", "set", "--dossier", "1", "--org", "CDA", "--stance", "tegen").returncode
        == 0
    )
    r = run(db, "majority", "--event", "1", "--format", "json")
    assert r.returncode == 0 and '"majority": 38' in r.stdout
    out = tmp_path / "b.pdf"
    r = run(db, "briefing", "1", "--out", str(out))
    assert r.returncode == 0 and out.read_bytes().startswith(b"%PDF")
    assert run(db, "briefing", "999", "--out", str(out)).returncode == 1
    assert (
        run(
            db, "stances", "set", "--dossier", "1", "--org", "CDA", "--stance", "misschien"
        ).returncode
        == 2
    )


# --- the arithmetic rules (README, "Plenary planning") ---------------------------------


def test_majority_line_is_half_plus_one() -> None:
    from lobbycrm.services.majority import majority_line

    assert [majority_line(n) for n in (75, 150, 45, 31, 1)] == [38, 76, 23, 16, 1]


def test_group_stance_rules() -> None:
    from lobbycrm.services.majority import MemberStance, group_stance

    def members(*stances: str) -> list[MemberStance]:
        return [MemberStance(i, f"Lid {i}", s) for i, s in enumerate(stances)]

    assert group_stance("tegen", members("voor", "voor")) == ("tegen", "group")
    assert group_stance(None, members("voor", "onbekend", "voor")) == ("voor", "members")
    assert group_stance(None, members("voor", "tegen")) == ("twijfel", "members-split")
    assert group_stance(None, members("twijfel", "voor")) == ("twijfel", "members-split")
    assert group_stance(None, members("onbekend", "onbekend")) == ("onbekend", "")
    assert group_stance(None, []) == ("onbekend", "")
    # The group saying 'onbekend' tells nothing: its members speak.
    assert group_stance("onbekend", members("tegen")) == ("tegen", "members")


def _council(ctx: Context) -> tuple[int, dict[str, int]]:
    """A council of 45: group A records 20 seats (with only two members entered), group B's
    seats are counted from its members, group C has a recorded stance."""
    s = ctx.services
    s.orgs.add(OrgInput(name="Gemeente Utrecht", kind="municipality"))
    s.orgs.add(
        OrgInput(name="Gemeenteraad Utrecht", kind="council", parent="Gemeente Utrecht", seats=45)
    )
    s.orgs.add(
        OrgInput(name="Groep A", kind="party-group", parent="Gemeenteraad Utrecht", seats=20)
    )
    s.orgs.add(OrgInput(name="Groep B", kind="party-group", parent="Gemeenteraad Utrecht"))
    s.orgs.add(OrgInput(name="Groep C", kind="party-group", parent="Gemeenteraad Utrecht", seats=6))
    dossier = s.dossiers.add(DossierInput("Opvang in Utrecht", "", "Gemeente Utrecht")).ids[0]
    people: dict[str, int] = {}
    for name, group in [
        ("Aa", "Groep A"),
        ("Ab", "Groep A"),
        ("Ba", "Groep B"),
        ("Bb", "Groep B"),
        ("Bc", "Groep B"),
        ("Ca", "Groep C"),
    ]:
        people[name] = s.people.add(
            PersonInput(surname=name),
            [RoleInput("Gemeenteraad Utrecht", "raadslid"), RoleInput(group, "raadslid")],
        ).ids[0]
    return dossier, people


def test_council_of_45_recorded_and_counted_seats_and_member_stances(ctx: Context) -> None:
    s = ctx.services
    dossier, p = _council(ctx)
    s.planning.set_stance(dossier, "voor", person_id=p["Aa"])
    s.planning.set_stance(dossier, "voor", person_id=p["Ab"])
    s.planning.set_stance(dossier, "tegen", person_id=p["Bb"])
    s.planning.set_stance(dossier, "onbekend", person_id=p["Bc"])
    s.planning.set_stance(dossier, "voor", person_id=p["Ca"])
    s.planning.set_stance(dossier, "tegen", organisation="Groep C")  # the group overrides
    m = s.planning.majority(dossier_id=dossier, today=TODAY)  # via the municipality's council
    assert (m.chamber, m.total_seats, m.majority) == ("Gemeenteraad Utrecht", 45, 23)
    groups = {g.name: g for g in m.groups}
    a, b, c = groups["Groep A"], groups["Groep B"], groups["Groep C"]
    assert (a.seats, a.seats_source, a.stance, a.stance_source) == (
        20,
        "recorded",
        "voor",
        "members",
    )
    assert (b.seats, b.seats_source, b.stance, b.stance_source) == (
        3,
        "members",
        "tegen",
        "members",
    )
    assert (c.seats, c.stance, c.stance_source, c.stated_on) == (
        6,
        "tegen",
        "group",
        amsterdam_today(),
    )
    assert [(x.name, x.stance) for x in b.members] == [
        ("Ba", "onbekend"),
        ("Bb", "tegen"),
        ("Bc", "onbekend"),
    ]
    # 45 - 29 seats no group accounts for are unknown.
    assert (m.voor, m.tegen, m.twijfel, m.onbekend) == (20, 9, 0, 16)
    assert not m.has_majority_for and m.needed_for == 3 and m.for_still_possible
    assert [g.name for g in m.groups] == ["Groep A", "Groep C", "Groep B"]  # by seats
    s.planning.set_stance(dossier, "voor", person_id=p["Ba"])  # B's members now disagree
    m = s.planning.majority(dossier_id=dossier, today=TODAY)
    b = next(g for g in m.groups if g.name == "Groep B")
    assert (b.stance, b.stance_source) == ("twijfel", "members-split")
    assert (m.voor, m.tegen, m.twijfel) == (20, 6, 3)


def test_ended_and_future_roles_neither_count_nor_lend_their_stance(ctx: Context) -> None:
    s = ctx.services
    dossier, p = _council(ctx)
    s.planning.set_stance(dossier, "voor", person_id=p["Ba"])
    s.planning.set_stance(dossier, "tegen", person_id=p["Bb"])
    # Bb left group B yesterday; Bc left the council (the group role was never ended).
    for name, org in (("Bb", "Groep B"), ("Bc", "Gemeenteraad Utrecht")):
        role = next(r for r in s.people.get(p[name]).roles if r.organisation == org)
        s.people.end_role(role.id, TODAY - dt.timedelta(days=1))
    # A new member whose seat starts next month does not count yet.
    s.people.add(
        PersonInput(surname="Bd"),
        [RoleInput("Groep B", "raadslid", start=TODAY + dt.timedelta(days=30))],
    )
    m = s.planning.majority(dossier_id=dossier, today=TODAY)
    b = next(g for g in m.groups if g.name == "Groep B")
    assert (b.seats, b.stance, [x.name for x in b.members]) == (1, "voor", ["Ba"])
    assert m.voor == 1 and m.tegen == 0


def test_seats_recorded_validated_and_cleared(ctx: Context) -> None:
    s = ctx.services
    dossier, _p = _council(ctx)
    group_b = s.orgs.find("Groep B").id
    s.planning.set_seats(group_b, 12)
    b = next(g for g in s.planning.majority(dossier_id=dossier).groups if g.name == "Groep B")
    assert (b.seats, b.seats_source) == (12, "recorded")
    for bad in (-1, 46):
        with pytest.raises(ValidationError) as err:
            s.planning.set_seats(group_b, bad)
        assert err.value.field == "zetels"
    assert "tussen 0 en 45" in str(err.value)
    assert s.orgs.get(group_b).seats == 12  # unchanged
    assert s.planning.seat_warnings(group_b) == ()
    s.planning.set_seats("Groep B", 20)  # 20 + 20 + 6 = 46 of 45
    warnings = s.planning.seat_warnings(group_b)
    assert warnings and "46" in warnings[0] and "45" in warnings[0]
    assert s.planning.majority(dossier_id=dossier).warnings == warnings
    s.planning.set_seats(group_b, None)  # back to counting the members
    b = next(g for g in s.planning.majority(dossier_id=dossier).groups if g.name == "Groep B")
    assert (b.seats, b.seats_source, b.recorded_seats) == (3, "members", None)
    s.planning.set_seats(group_b, 0)
    assert s.orgs.get(group_b).seats == 0
    with pytest.raises(ValidationError):
        s.planning.set_seats("Gemeenteraad Utrecht", 0)
    s.orgs.add(OrgInput(name="Stichting X", kind="ngo"))
    with pytest.raises(ValidationError):
        s.planning.set_seats("Stichting X", 3)


def test_chamber_without_seat_count_takes_the_groups_sum(ctx: Context) -> None:
    s = ctx.services
    s.orgs.add(OrgInput(name="Provinciale Staten", kind="council"))
    s.orgs.add(OrgInput(name="P", kind="party-group", parent="Provinciale Staten", seats=7))
    s.orgs.add(OrgInput(name="Q", kind="party-group", parent="Provinciale Staten", seats=4))
    dossier = s.dossiers.add(DossierInput("Wet Y", "", "Provinciale Staten")).ids[0]
    s.planning.set_stance(dossier, "voor", organisation="P")
    m = s.planning.majority(dossier_id=dossier)
    assert (m.total_seats, m.total_source, m.majority, m.voor) == (11, "groups", 6, 7)
    assert m.has_majority_for and m.needed_for == 0
    s.planning.set_seats("P", 99)  # no chamber total to check against
    assert s.planning.seat_warnings(s.orgs.find("P").id) == ()


def test_no_chamber_is_a_clear_error(demo_ctx: Context) -> None:
    from lobbycrm.services.planning import NoChamberError

    kinderpardon = next(d for d in demo_ctx.services.dossiers.list() if "kinderpardon" in d.title)
    with pytest.raises(NoChamberError) as err:
        demo_ctx.services.planning.majority(dossier_id=kinderpardon.id)
    assert kinderpardon.title in str(err.value) and "kamer" in str(err.value)
    reminder = next(e for e in demo_ctx.services.events.list() if e.dossier_id == kinderpardon.id)
    with pytest.raises(NoChamberError):
        demo_ctx.services.planning.majority(event_id=reminder.id)


def test_stance_holders_are_checked(demo_ctx: Context) -> None:
    from lobbycrm.core.errors import NotFoundError

    planning = demo_ctx.services.planning
    with pytest.raises(NotFoundError):
        planning.set_stance(pact(demo_ctx), "voor", person_id=99_999)
    with pytest.raises(LobbyError):
        planning.set_stance(pact(demo_ctx), "voor", organisation="Amnesty")
    assert planning.history(pact(demo_ctx)) == []


def test_execution_status_and_open_motions(demo_ctx: Context) -> None:
    s = demo_ctx.services
    motion = next(m for m in s.planning.open_motions() if "Van Nispen" in m.title)
    s.motions.set_execution(motion.id, "uitgevoerd")
    assert motion.id not in [m.id for m in s.planning.open_motions()]
    with pytest.raises(ValidationError):
        s.motions.set_execution(motion.id, "half")
    assert s.motions.get(motion.id).execution_status == "uitgevoerd"


def test_cli_seats(tmp_path: Path) -> None:
    from tests.cli.test_cli import dump

    db = tmp_path / "p.sqlite"
    run(db, "demo")
    assert run(db, "orgs", "seats", "CDA", "7").returncode == 0
    before = dump(db)
    r = run(db, "orgs", "seats", "CDA", "80")
    assert r.returncode == 1 and "N:" in r.stderr and "75" in r.stderr
    r = run(db, "orgs", "seats", "CDA")
    assert r.returncode == 1 and "--clear" in r.stderr
    assert run(db, "orgs", "seats", "Amnesty", "3").returncode == 1
    assert run(db, "orgs", "seats", "Nergens", "3").returncode == 1
    assert dump(db) == before
    r = run(db, "orgs", "seats", "BBB", "30")  # 30 + 14 + 10 + 7 + ... > 75
    assert r.returncode == 0 and "75" in r.stderr
    r = run(db, "majority", "--dossier", "1", "--format", "json")
    assert '"warnings": [' in r.stdout and '"seats": 30' in r.stdout
    assert run(db, "orgs", "seats", "BBB", "--clear").returncode == 0
    r = run(db, "majority", "--dossier", "3")
    assert r.returncode == 1 and "kinderpardon" in r.stderr.lower()


# --- what if, and whom to call first ----------------------------------------------------


def _count(stances: dict[str, tuple[int, str]], total: int = 75) -> MajorityCount:
    facts = [
        GroupFacts(i, name, seats, (), stance if stance != "onbekend" else None)
        for i, (name, (seats, stance)) in enumerate(stances.items(), start=1)
    ]
    return count("Kamer", total, facts)


def test_decisive_groups_smallest_set_persuadable_first() -> None:
    m = _count(
        {
            "A": (20, "voor"),
            "B": (10, "tegen"),
            "C": (9, "twijfel"),
            "D": (9, "onbekend"),
            "E": (5, "twijfel"),
            "F": (4, "twijfel"),
            "G": (17, "tegen"),
        }
    )
    t = decisive_groups(m)
    # 18 seats needed: no single group has them; of the pairs that do, C+D beats B+C
    # (unknown is easier to win over than against) and G alone is one seat short.
    assert (t.kind, [g.name for g in t.groups], t.needed, t.seats) == ("win", ["C", "D"], 18, 18)
    assert "Eerst bellen: C (9 zetels, twijfel) en D (9 zetels, onbekend); samen 18 zetels" in (
        targets_sentence(t)
    )
    # One group decides on its own: the smallest set is that group.
    t = decisive_groups(_count({"A": (30, "voor"), "B": (10, "tegen"), "C": (5, "twijfel")}))
    assert [g.name for g in t.groups] == ["B"]
    # A majority for: the supporters without whom it is lost.
    t = decisive_groups(_count({"A": (30, "voor"), "B": (9, "voor"), "C": (1, "voor")}))
    assert (t.kind, [g.name for g in t.groups]) == ("keep", ["A", "B"])
    assert targets_sentence(t).startswith("Houd ze vast: zonder een van A (30 zetels, voor) en B")
    # Out of reach: even everyone not yet for does not make 38.
    t = decisive_groups(_count({"A": (10, "voor"), "B": (10, "twijfel")}))
    assert (t.kind, t.groups, t.needed) == ("out-of-reach", (), 28)


def test_what_if_follows_and_records_nothing(demo_ctx: Context) -> None:
    planning = demo_ctx.services.planning
    planning.set_stance(pact(demo_ctx), "voor", organisation="GL-PvdA", on=TODAY)
    planning.set_stance(pact(demo_ctx), "voor", organisation="BBB", on=TODAY)
    before = planning.history(pact(demo_ctx))
    m = planning.majority(
        event_id=debate(demo_ctx),
        today=TODAY,
        what_if={
            "CDA": "tegen",
            "christenunie": "against",
            "#" + str(_group_id(demo_ctx, "VVD")): "voor",
        },
    )
    # GL-PvdA 14 + BBB 12 + VVD 9 for, CDA 6 + CU 3 against.
    assert m.is_scenario and (m.voor, m.tegen) == (35, 9) and not m.has_majority_for
    tried = {g.name: (g.stance, g.recorded_stance) for g in m.groups if g.tried}
    assert tried == {
        "CDA": ("tegen", "onbekend"),
        "CU": ("tegen", "onbekend"),
        "VVD": ("voor", "onbekend"),
    }
    assert "geprobeerd in een scenario, niet vastgelegd" in stance_source_text(
        next(g for g in m.groups if g.name == "CDA")
    )
    assert planning.history(pact(demo_ctx)) == before  # nothing recorded
    recorded = planning.majority(event_id=debate(demo_ctx), today=TODAY)
    assert not recorded.is_scenario and recorded.voor == 26  # GL-PvdA 14 + BBB 12
    with pytest.raises(ValidationError, match="kies uit: GL-PvdA, BBB"):
        planning.majority(event_id=debate(demo_ctx), what_if={"Nergens": "voor"})
    with pytest.raises(ValidationError):
        planning.majority(event_id=debate(demo_ctx), what_if={"CDA": "misschien"})


def _group_id(ctx: Context, name: str) -> int:
    return ctx.services.orgs.find(name).id


def test_record_scenario_all_at_once_with_date_and_source(demo_ctx: Context) -> None:
    planning = demo_ctx.services.planning
    tried = {_group_id(demo_ctx, "CDA"): "tegen", _group_id(demo_ctx, "CU"): "twijfel"}
    changes = planning.record_scenario(
        pact(demo_ctx), tried, on=dt.date(2026, 5, 19), source="plenair debat"
    )
    assert "stance" in changes.kinds and len(changes.ids) == 2
    rows = {(h.holder, h.stance, h.stated_on, h.source) for h in planning.history(pact(demo_ctx))}
    assert rows == {
        ("CDA", "tegen", dt.date(2026, 5, 19), "plenair debat"),
        ("CU", "twijfel", dt.date(2026, 5, 19), "plenair debat"),
    }
    # A stance is not stated in the future; a person is not a party group; all or nothing.
    future = amsterdam_today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="toekomst"):
        planning.record_scenario(pact(demo_ctx), tried, on=future)
    with pytest.raises(ValidationError, match="toekomst"):
        planning.set_stance(pact(demo_ctx), "voor", organisation="CDA", on=future)
    amnesty = demo_ctx.services.orgs.find("Amnesty").id
    with pytest.raises(ValidationError):
        planning.record_scenario(pact(demo_ctx), {**tried, amnesty: "voor"})
    with pytest.raises(ValidationError):
        planning.record_scenario(pact(demo_ctx), {})
    assert len(planning.history(pact(demo_ctx))) == 2


def test_cli_what_if_confirmation_and_json(tmp_path: Path) -> None:
    from tests.cli.test_cli import dump

    db = tmp_path / "p.sqlite"
    run(db, "demo")
    r = run(
        db,
        "stances",
        "set",
        "--dossier",
        "1",
        "--org",
        "CDA",
        "--stance",
        "twijfel",
        "--date",
        "12-05-2026",
        "--source",
        "debat",
    )
    assert (
        r.returncode == 0 and r.stderr.strip() == "standpunt vastgelegd: CDA twijfel op 12-05-2026"
    )
    before = dump(db)
    r = run(db, "majority", "--event", "1", "--what-if", "CDA=tegen", "--what-if", "CU=tegen")
    assert r.returncode == 0, r.stderr
    assert "Scenario, niets vastgelegd: CDA tegen, CU tegen." in r.stdout
    assert "Nog geen meerderheid: voor 0, tegen 9" in r.stdout
    assert "Eerst bellen: GL-PvdA (14 zetels, onbekend)" in r.stdout
    r = run(
        db,
        "majority",
        "--event",
        "1",
        "--what-if",
        "CDA=tegen",
        "--what-if",
        "CU=tegen",
        "--format",
        "json",
    )
    data = json.loads(r.stdout)[0]
    assert data["recorded"] is False and (data["tegen"], data["onbekend"]) == (9, 66)
    assert data["decisive"] == {
        "kind": "win",
        "needed": 38,
        "seats": 42,
        "party_groups": ["GL-PvdA", "BBB", "VVD", "D66"],
    }
    cda = next(g for g in data["groups"] if g["party_group"] == "CDA")
    assert (cda["stance"], cda["recorded_stance"], cda["tried"]) == ("tegen", "twijfel", True)
    assert (cda["stated_on"], cda["source"]) == ("2026-05-12", "debat")
    decisive = [g["party_group"] for g in data["groups"] if g["decisive"]]
    assert decisive == ["GL-PvdA", "BBB", "VVD", "D66"]
    r = run(db, "majority", "--event", "1", "--what-if", "CDA")
    assert r.returncode == 1 and "--what-if" in r.stderr and "CDA=tegen" in r.stderr
    r = run(db, "majority", "--event", "1", "--what-if", "Nergens=voor")
    assert r.returncode == 1 and "kies uit" in r.stderr
    assert dump(db) == before  # what-if never writes


def test_dossier_key_message_and_asks(demo_ctx: Context, tmp_path: Path) -> None:
    dossiers = demo_ctx.services.dossiers
    d = dossiers.get(pact(demo_ctx))
    assert d.kernboodschap.startswith("Geen kinderen in grensdetentie")  # demo data
    assert len(d.asks) == 3 and d.to_json()["asks"] == list(d.asks)
    dossiers.set_asks(pact(demo_ctx), "Kort.", ["  Eerste  ", "", "Tweede"])
    d = dossiers.get(pact(demo_ctx))
    assert (d.kernboodschap, d.asks) == ("Kort.", ("Eerste", "Tweede"))
    dossiers.set_asks(pact(demo_ctx), asks=[])
    assert (
        dossiers.get(pact(demo_ctx)).asks == ()
        and dossiers.get(pact(demo_ctx)).kernboodschap == "Kort."
    )
    with pytest.raises(ValidationError, match="vraag 2"):
        dossiers.set_asks(pact(demo_ctx), asks=["ok", "x" * 301])
    # An edit that does not show the asks leaves them alone.
    dossiers.set_asks(pact(demo_ctx), asks=["Blijft"])
    dossiers.update(pact(demo_ctx), DossierInput(d.title, d.kamerstuk, "Eerste Kamer", d.status))
    assert dossiers.get(pact(demo_ctx)).asks == ("Blijft",)
    # Damaged stored asks read as none instead of stopping a view.
    with demo_ctx.sessions.begin() as s:
        s.get(Dossier, pact(demo_ctx)).asks = "{niet: json"
    assert dossiers.get(pact(demo_ctx)).asks == ()


def test_cli_dossier_asks(tmp_path: Path) -> None:
    from tests.cli.test_cli import dump

    db = tmp_path / "p.sqlite"
    run(db, "demo")
    r = run(
        db,
        "dossiers",
        "asks",
        "1",
        "--kernboodschap",
        "Geen kind in de cel.",
        "--ask",
        "Deel de zorgen",
        "--ask",
        "Dien een motie in",
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "Kernboodschap: Geen kind in de cel.",
        "1. Deel de zorgen",
        "2. Dien een motie in",
    ]
    r = run(db, "dossiers", "asks", "1", "--format", "json")
    assert json.loads(r.stdout)[0]["asks"] == ["Deel de zorgen", "Dien een motie in"]
    before = dump(db)
    r = run(db, "dossiers", "asks", "1", "--ask", "x" * 400)
    assert r.returncode == 1 and "vraag 1" in r.stderr
    assert run(db, "dossiers", "asks", "1", "--ask", "a", "--clear").returncode == 1
    assert run(db, "dossiers", "asks", "99").returncode == 1
    assert dump(db) == before
    r = run(db, "dossiers", "asks", "1", "--clear")
    assert r.returncode == 0 and "nog geen vragen" in r.stdout


def test_stances_come_back_with_an_undone_delete(demo_ctx: Context) -> None:
    s = demo_ctx.services
    karin = next(p for p in s.people.list() if p.surname == "Bijsterveld")
    s.planning.set_stance(pact(demo_ctx), "tegen", organisation="CDA", source="debat")
    s.planning.set_stance(pact(demo_ctx), "voor", person_id=karin.id)
    before = [(h.holder, h.stance, h.source) for h in s.planning.history(pact(demo_ctx))]
    s.bin.delete("dossier", pact(demo_ctx))
    s.bin.restore()
    assert [(h.holder, h.stance, h.source) for h in s.planning.history(pact(demo_ctx))] == before
    s.bin.delete("person", karin.id)
    assert len(s.planning.history(pact(demo_ctx))) == 1
    s.bin.restore()
    assert len(s.planning.history(pact(demo_ctx))) == 2
    # A person's stance on a dossier deleted meanwhile is not put back half (no holder).
    s.bin.delete("person", karin.id)
    s.bin.delete("dossier", pact(demo_ctx))
    entries = s.bin.entries()
    s.bin.restore(entries[1].id)  # the person, without the dossier
    assert s.people.get(karin.id).surname == "Bijsterveld"


def test_letters_get_the_key_message_and_asks(demo_ctx: Context) -> None:
    s = demo_ctx.services
    s.dossiers.set_asks(
        pact(demo_ctx), "Geen kind in de cel.", ["Deel de zorgen", "Dien een motie in"]
    )
    karin = next(p for p in s.people.list() if p.surname == "Bijsterveld")
    text = (
        "Onderwerp: {{ dossier.title }}\n\n{{ dossier.kernboodschap }}\n"
        "{% for a in dossier.asks %}- {{ a }}\n{% endfor %}"
    )
    request = LetterRequest(
        template="eigen", selectors=[f"person:{karin.id}"], dossier_id=pact(demo_ctx)
    )
    rendered = s.letters.preview(text, request, karin.id)
    assert "Geen kind in de cel.\n- Deel de zorgen\n- Dien een motie in" in rendered
