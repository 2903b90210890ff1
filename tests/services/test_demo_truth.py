"""The demo is true where it names real people, and it cannot reach anyone (issue 16)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from lobbycrm.bootstrap import Context
from lobbycrm.core.reserved import is_fictional_phone, is_reserved_email
from lobbycrm.db.models import ContactPoint, Motion, Organisation, Person
from lobbycrm.services.people import PersonFilter

CHECKED = "gecontroleerd op 7 december 2026"


def _senators(ctx: Context) -> dict[str, object]:
    rows = ctx.services.people.list(PersonFilter(organisation="Eerste Kamer", role="senator"))
    return {p.display_name: p for p in rows}


def _group_of(ctx: Context, name: str) -> str | None:
    person = _senators(ctx)[name]
    detail = ctx.services.people.get(person.id)  # type: ignore[attr-defined]
    groups = [
        r.organisation
        for r in detail.roles
        if r.organisation_kind == "party-group" and r.role == "lid"
    ]
    assert len(groups) <= 1, groups
    return groups[0] if groups else None


def test_every_address_and_number_in_the_demo_is_reserved(demo_ctx: Context) -> None:
    """Loop over every contact point the demo wrote: none can reach a real person."""
    with demo_ctx.sessions() as s:
        points = list(s.scalars(select(ContactPoint)))
    emails = [c.value for c in points if c.kind == "email"]
    phones = [c.value for c in points if c.kind == "phone"]
    assert len(emails) >= 19 + 8 + 2  # senators, griffies, the Senate and KinderpardonNU
    assert phones, "the demo shows phone numbers too"
    assert [e for e in emails if not is_reserved_email(e)] == []
    assert [p for p in phones if not is_fictional_phone(p)] == []
    assert "noortje.thijssen@eerstekamer.example" in emails
    assert {c.kind for c in points} <= {"email", "phone"}  # no other kind to check


def test_group_seats_follow_the_record_not_the_2023_result(demo_ctx: Context) -> None:
    with demo_ctx.sessions() as s:
        senate = s.scalar(select(Organisation).where(Organisation.short_name == "Eerste Kamer"))
        assert senate is not None
        groups = list(
            s.scalars(
                select(Organisation).where(
                    Organisation.parent_id == senate.id, Organisation.kind == "party-group"
                )
            )
        )
        seats = {g.short_name: g.seats for g in groups}
        notes = {g.short_name: g.notes for g in groups}
    assert sum(v or 0 for v in seats.values()) == 75
    assert len(groups) == 19
    assert (seats["BBB"], seats["VVD"], seats["D66"], seats["FVD"], seats["PvdD"]) == (
        12,
        9,
        7,
        3,
        2,
    )
    for short in ("Walenkamp", "Van de Sanden", "Beukering", "Visseren-Hamakers", "OPNL"):
        assert seats[short] == 1, short
    for short, text in notes.items():
        assert "https://" in text and CHECKED in text, short
        assert "19 mei 2026" in text  # says how far the check reaches


def test_senators_groups_as_on_record(demo_ctx: Context) -> None:
    assert _group_of(demo_ctx, "Marian Kaljouw") == "VVD (Eerste Kamer)"
    assert _group_of(demo_ctx, "Ingrid Visseren-Hamakers") == (
        "Fractie-Visseren-Hamakers (Eerste Kamer)"
    )
    assert _group_of(demo_ctx, "Auke van der Goot") == "OPNL (Eerste Kamer)"
    assert _group_of(demo_ctx, "Arie Griffioen") == "D66 (Eerste Kamer)"
    assert _group_of(demo_ctx, "Cees van de Sanden") == "Fractie-Van de Sanden (Eerste Kamer)"
    assert _group_of(demo_ctx, "Pim Walenkamp") == "Fractie-Walenkamp (Eerste Kamer)"
    assert _group_of(demo_ctx, "Madeleine van Toorenburg") == "CDA (Eerste Kamer)"
    # Not confirmed in the sources: left out, and the note says so.
    senators = _senators(demo_ctx)
    for name in ("Robbert Lievense", "Robert van Gasteren", "Karin van Bijsterveld"):
        assert _group_of(demo_ctx, name) is None
        assert "niet bevestigd" in senators[name].notes  # type: ignore[attr-defined]
    assert "Peter Nicolaï" in senators and "Peter Nicolai" not in senators
    assert not any("Toorenborg" in n for n in senators)


def test_every_senator_note_names_its_sources(demo_ctx: Context) -> None:
    with demo_ctx.sessions() as s:
        people = list(
            s.scalars(select(Person).join(Person.tags).where(Person.tags.any(name="senator")))
        )
    assert len(people) == 19
    for p in people:
        assert CHECKED in p.notes and ("https://" in p.notes or "niet bevestigd" in p.notes), (
            p.surname
        )
        assert ".example" in p.notes  # the note tells the address is a reserved example


def test_asylum_committee_has_its_full_name(demo_ctx: Context) -> None:
    names = {o.name for o in demo_ctx.services.orgs.list(kind="committee")}
    assert "vaste commissie voor Immigratie & Asiel / JBZ-Raad" in names


def test_demo_motions_known_by_month_or_year(demo_ctx: Context, tmp_path: Path) -> None:
    with demo_ctx.sessions() as s:
        amersfoort = s.scalar(select(Motion).where(Motion.title.contains("Amersfoort")))
        van_nispen = s.scalar(select(Motion).where(Motion.title.contains("Van Nispen")))
        assert amersfoort is not None and van_nispen is not None
        assert (amersfoort.date, amersfoort.date_precision) == (dt.date(2025, 3, 1), "month")
        assert (van_nispen.date, van_nispen.date_precision) == (dt.date(2024, 1, 1), "year")


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lobbycrm", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_lists_and_adds_motions_with_their_precision(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    assert _cli(db, "demo").returncode == 0
    listing = _cli(db, "motions", "list").stdout
    amersfoort = next(line for line in listing.splitlines() if "Amersfoort" in line)
    assert "maart 2025" in amersfoort and "mrt" not in amersfoort
    nispen = next(line for line in listing.splitlines() if "Van Nispen" in line)
    assert " 2024 " in nispen
    added = _cli(db, "motions", "add", "--title", "Motie-Test", "--date", "2025-02")
    assert added.returncode == 0
    again = _cli(db, "motions", "list", "--format", "json").stdout
    assert '"date_precision": "month"' in again
    assert "februari 2025" in _cli(db, "motions", "list").stdout
    bad = _cli(db, "motions", "add", "--title", "Motie-Fout", "--date", "2025-13")
    assert bad.returncode != 0 and "--date" in bad.stderr and "JJJJ-MM" in bad.stderr
    assert "Motie-Fout" not in _cli(db, "motions", "list").stdout  # database unchanged


@pytest.mark.parametrize(
    ("precision", "shown"), [("day", "za 1 mrt 2025"), ("month", "maart 2025"), ("year", "2025")]
)
def test_briefing_and_service_keep_the_precision(
    demo_ctx: Context, precision: str, shown: str
) -> None:
    from lobbycrm.core.partial_dates import partial_date_text
    from lobbycrm.services.dossiers import MotionInput

    motions = demo_ctx.services.motions
    new_id = motions.add(
        MotionInput(title="M", date=dt.date(2025, 3, 1), date_precision=precision)
    ).ids[0]
    row = motions.get(new_id)
    assert partial_date_text(row.date, row.date_precision) == shown  # type: ignore[arg-type]
    # An edit from a form that does not show the precision keeps it while the date stays.
    motions.update(new_id, MotionInput(title="M2", date=row.date))
    assert motions.get(new_id).date_precision == precision


def test_briefing_shows_a_month_as_a_month(demo_ctx: Context, tmp_path: Path) -> None:
    from lobbycrm.services.briefing import motion_day_text
    from lobbycrm.services.dossiers import MotionInput

    day = dt.date(2025, 3, 1)
    assert [motion_day_text(day, p) for p in ("day", "month", "year")] == [
        "1 mrt 2025",
        "maart 2025",
        "2025",
    ]
    s = demo_ctx.services
    pact = next(d.id for d in s.dossiers.list() if "Migratiepact" in d.title)
    debate = next(
        e.id
        for e in s.events.list()
        if e.kind == "plenary-debate" and e.organisation != "Gemeenteraad Amsterdam"
    )
    s.motions.add(
        MotionInput(title="Motie-Proef", dossier_id=pact, date=day, date_precision="month")
    )
    html = s.briefing.write(debate, tmp_path / "b.html", today=dt.date(2026, 5, 18))
    text = html.read_text(encoding="utf-8")
    assert "Motie-Proef" in text and "maart 2025" in text and "1 mrt 2025" not in text
