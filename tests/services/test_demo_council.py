"""The demo's council debate: Amsterdam's council (seats after the elections of March 2022)
counted and briefed like a chamber, without taking the Senate's group names."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from lobbycrm.bootstrap import Context
from lobbycrm.db.models import Organisation
from lobbycrm.services.lookup import find_organisation

COUNCIL = "Gemeenteraad Amsterdam"
# The final result of 21 March 2022 (nieuws.nl/ANP), largest first; ties by name.
SEATS = [
    ("PvdA Amsterdam", 9),
    ("GroenLinks Amsterdam", 8),
    ("D66 Amsterdam", 7),
    ("VVD Amsterdam", 5),
    ("BIJ1 Amsterdam", 3),
    ("PvdD Amsterdam", 3),
    ("DENK Amsterdam", 2),
    ("JA21 Amsterdam", 2),
    ("SP Amsterdam", 2),
    ("Volt Amsterdam", 2),
    ("CDA Amsterdam", 1),
    ("FvD Amsterdam", 1),
]


def council_debate(ctx: Context) -> int:
    found = [
        e
        for e in ctx.services.events.list()
        if e.kind == "plenary-debate" and e.organisation == COUNCIL
    ]
    assert len(found) == 1
    e = found[0]
    assert e.dossier == "Wettelijk kinderpardon voor gewortelde kinderen"
    assert e.start.date() == dt.date(2025, 6, 25)  # type: ignore[union-attr]
    assert "verzonnen" in e.description  # the meeting is made up and says so
    return e.id


def test_demo_has_one_council_debate_counted_over_the_councils_seats(demo_ctx: Context) -> None:
    m = demo_ctx.services.planning.majority(event_id=council_debate(demo_ctx))
    assert m.chamber == COUNCIL
    assert (m.total_seats, m.total_source, m.majority) == (45, "recorded", 23)
    assert sum(g.seats for g in m.groups) == 45 and not m.warnings
    assert [(g.name, g.seats) for g in m.groups] == SEATS
    assert m.onbekend == 45 and m.voor == m.tegen == m.twijfel == 0


def test_council_groups_name_their_sources(demo_ctx: Context) -> None:
    with demo_ctx.sessions() as s:
        council = find_organisation(s, COUNCIL)
        assert council.seats == 45
        assert "gecontroleerd op 7 december 2026" in council.notes
        groups = list(s.scalars(select(Organisation).where(Organisation.parent_id == council.id)))
        assert len(groups) == 12
        for g in groups:
            assert g.kind == "party-group"
            assert "gecontroleerd op 7 december 2026" in g.notes, g.name
            assert "https://nieuws.nl/algemeen/20220321/" in g.notes, g.name
            assert g.name.endswith(" (Gemeenteraad Amsterdam)")


def test_senate_names_still_find_the_senate_groups(demo_ctx: Context) -> None:
    """'CDA' is the Senate's CDA everywhere but in the council's own count."""
    with demo_ctx.sessions() as s:
        assert find_organisation(s, "CDA", kind="party-group").name == "CDA (Eerste Kamer)"
        assert find_organisation(s, "CDA Amsterdam").name == "CDA (Gemeenteraad Amsterdam)"
    planning = demo_ctx.services.planning
    pact = next(d.id for d in demo_ctx.services.dossiers.list() if "Migratiepact" in d.title)
    planning.set_stance(pact, "voor", organisation="CDA", on=dt.date(2026, 5, 1))
    senate = {g.name: g.stance for g in planning.majority(dossier_id=pact).groups}
    assert senate["CDA"] == "voor"
    event = council_debate(demo_ctx)
    council = {g.name: g.stance for g in planning.majority(event_id=event).groups}
    assert council["CDA Amsterdam"] == "onbekend"
    # In a what-if on the council's debate, 'CDA' is the council's CDA.
    tried = planning.majority(event_id=event, what_if={"CDA": "voor", "PvdA": "voor"})
    assert (tried.voor, tried.is_scenario) == (10, True)


def test_briefing_lists_the_council_groups_in_seat_order(demo_ctx: Context, tmp_path: Path) -> None:
    path = demo_ctx.services.briefing.write(council_debate(demo_ctx), tmp_path / "raad.pdf")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)
    assert "meerderheid: 23" in text and "van de 45 zetels" in text
    assert "Gemeenteraad Amsterdam: 45 zetels." in text
    i = text.index("Fracties, grootste eerst")
    table = text[i : text.index("Contactgeschiedenis", i)]
    names = "|".join(re.escape(n).replace("\\ ", r"\s") for n, _ in SEATS)
    found = [
        (" ".join(m.group(1).split()), int(m.group(2)))
        for m in re.finditer(rf"\b({names}) (\d+)\b", table)
    ]
    assert found == SEATS
    assert "Eerste Kamer" not in table
