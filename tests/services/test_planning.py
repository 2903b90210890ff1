"""Stances, the majority count and the debate briefing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.services.dossiers import DossierInput
from lobbycrm.services.orgs import OrgInput
from lobbycrm.services.people import PersonInput, RoleInput
from tests.cli.test_cli import run

TODAY = dt.date(2026, 5, 18)


def debate(ctx: Context) -> int:
    return next(e.id for e in ctx.services.events.list() if e.kind == "plenary-debate")


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
    assert (m.voor, m.tegen, m.onbekend) == (19, 16, 40)
    assert not m.has_majority_for
    planning.set_stance(pact(demo_ctx), "voor", organisation="VVD")
    m = planning.majority(dossier_id=pact(demo_ctx), today=TODAY)
    assert m.voor == 29 and not m.has_majority_for
    planning.set_stance(pact(demo_ctx), "voor", organisation="CDA")
    planning.set_stance(pact(demo_ctx), "voor", organisation="CU")
    assert planning.majority(dossier_id=pact(demo_ctx), today=TODAY).has_majority_for  # 38
    history = planning.history(pact(demo_ctx))
    assert [h[1] for h in history if h[0].startswith("BBB")] == ["tegen", "voor"]


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


def test_briefing_pdf_and_html(demo_ctx: Context, tmp_path: Path) -> None:
    demo_ctx.services.planning.set_stance(pact(demo_ctx), "tegen", organisation="CDA")
    pdf = demo_ctx.services.briefing.write(debate(demo_ctx), tmp_path / "briefing.pdf")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "dinsdag 19 mei 2026, 13:30 – 18:00" in text
    assert "75 zetels, meerderheid 38" in text and "CDA 6 tegen" in text
    assert "Karin van Bijsterveld" in text and "karin.vanbijsterveld@eerstekamer.nl" in text
    assert "nog geen antwoord" in text
    assert "Gezamenlijke brief en petitie naar de woordvoerders" in text  # open deadline
    html = demo_ctx.services.briefing.write(debate(demo_ctx), tmp_path / "b.html").read_text(
        encoding="utf-8"
    )
    assert "<h1>Plenaire behandeling" in html
    with pytest.raises(LobbyError):
        demo_ctx.services.briefing.write(debate(demo_ctx), tmp_path / "b.docx")


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
