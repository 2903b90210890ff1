"""Tweede Kamer open data from fixture files in the gegevensmagazijn's OData shape."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError
from lobbycrm.services.people import PersonFilter
from tests.cli.test_cli import dump, run

FIXTURES = Path(__file__).with_name("tk")
TODAY = dt.date(2026, 11, 22)


def test_import_members_groups_committees_and_activities(demo_ctx: Context) -> None:
    report = demo_ctx.services.tk.import_folder(FIXTURES, today=TODAY)
    assert (report.persons_added, report.events_added) == (3, 2)
    people = {p.sort_name: p for p in demo_ctx.services.people.list(PersonFilter(search=""))}
    fleur = people["Linden, F.M. van der"]
    assert fleur.display_name == "Fleur van der Linden"
    assert fleur.salutation == "Geachte mevrouw Van der Linden,"
    assert fleur.address_line == "Mevrouw mr. F.M. van der Linden"
    roles = {(r.organisation, r.role) for r in fleur.roles if r.current}
    assert ("GroenLinks-PvdA", "fractievoorzitter") in roles
    assert ("vaste commissie voor Asiel en Migratie", "voorzitter") in roles
    assert ("Tweede Kamer der Staten-Generaal", "kamerlid") in roles
    former = people["Vries, A. de"]
    assert not any(r.current for r in former.roles)
    assert "Weg" not in " ".join(people)  # Verwijderd: true is skipped
    committees = [
        o
        for o in demo_ctx.services.orgs.list(kind="committee")
        if o.name == "vaste commissie voor Asiel en Migratie"
    ]
    assert len(committees) == 1 and committees[0].tk_id == "c-1"  # the demo's one, adopted
    events = {e.title: e for e in demo_ctx.services.events.list()}
    debate = events["Vreemdelingen- en asielbeleid"]
    assert debate.kind == "committee-debate" and debate.organisation == (
        "vaste commissie voor Asiel en Migratie"
    )
    assert debate.start.astimezone(dt.UTC).hour == 9  # type: ignore[union-attr]
    assert events["Debat over de asielinstroom"].status == "cancelled"


def test_newer_download_updates_and_ends_roles_without_doubling(
    ctx: Context, tmp_path: Path
) -> None:
    ctx.services.tk.import_folder(FIXTURES, today=TODAY)
    count = ctx.services.people.count()
    newer = tmp_path / "nieuwer"
    shutil.copytree(FIXTURES, newer)
    zetels = json.loads((newer / "FractieZetelPersoon.json").read_text(encoding="utf-8"))
    zetels["value"] = [z for z in zetels["value"] if z["Id"] != "fzp-2"]
    (newer / "FractieZetelPersoon.json").write_text(json.dumps(zetels), encoding="utf-8")
    acts = json.loads((newer / "Activiteit-1.json").read_text(encoding="utf-8"))
    acts["value"][0]["Aanvangstijd"] = "2026-12-16T10:00:00+01:00"
    acts["value"][0]["Eindtijd"] = "2026-12-16T13:00:00+01:00"
    (newer / "Activiteit-1.json").write_text(json.dumps(acts), encoding="utf-8")
    report = ctx.services.tk.import_folder(newer, today=TODAY)
    assert report.persons_added == 0 and report.roles_ended >= 2 and report.events_updated == 1
    assert ctx.services.people.count() == count
    joost = ctx.services.people.list(PersonFilter(search="ozturk"))[0]
    vvd = next(r for r in joost.roles if r.organisation.startswith("Volkspartij"))
    assert vvd.end == TODAY and not vvd.current  # history kept, role ended
    moved = next(e for e in ctx.services.events.list() if e.title.startswith("Vreemdelingen"))
    assert moved.sequence == 1 and moved.start.day == 16  # type: ignore[union-attr]


def test_bad_folder_imports_nothing(ctx: Context, tmp_path: Path) -> None:
    with pytest.raises(LobbyError, match="Persoon"):
        ctx.services.tk.import_folder(tmp_path)
    (tmp_path / "Persoon.json").write_text("{niet: json", encoding="utf-8")
    with pytest.raises(LobbyError, match=r"Persoon\.json"):
        ctx.services.tk.import_folder(tmp_path)
    (tmp_path / "Persoon.json").write_text(
        '{"value": [{"Id": "x", "Achternaam": ""}]}', encoding="utf-8"
    )
    with pytest.raises(LobbyError):
        ctx.services.tk.import_folder(tmp_path)
    assert ctx.services.people.count() == 0


def test_cli_import_tk(tmp_path: Path) -> None:
    db = tmp_path / "tk.sqlite"
    run(db, "init")
    before = dump(db)
    r = run(db, "import", "tk", str(FIXTURES), "--dry-run")
    assert r.returncode == 0 and "Proefdraai" in r.stdout and dump(db) == before
    r = run(db, "import", "tk", str(FIXTURES))
    assert r.returncode == 0 and "3 toegevoegd" in r.stdout
    r = run(db, "import", "tk", str(tmp_path / "bestaat-niet"))
    assert r.returncode == 1 and "bestaat-niet" in r.stderr
