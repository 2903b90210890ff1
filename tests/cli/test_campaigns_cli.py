"""`lobbycrm campaigns ...` as whole processes: add, edit, signatures, show, councils."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from lobbycrm.__main__ import main
from tests.cli.test_cli import dump, run


def in_process(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    """The same entry point as the `lobbycrm` script, without starting a process per case."""
    try:
        code = main([*args, "--db", str(db)])
    except SystemExit as exc:  # argparse's usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "campaigns.sqlite"
    for args in (
        ("orgs", "add", "--name", "KinderpardonNU", "--kind", "ngo", "--short", "KPNU"),
        ("orgs", "add", "--name", "UNICEF", "--kind", "ngo"),
        ("dossiers", "add", "--title", "Kinderpardon"),
    ):
        code, out, err = in_process(capsys, path, *args)
        assert code == 0, err
    assert out.strip() == "1"
    return path


def ok(db: Path, *args: str) -> str:
    """A whole `lobbycrm` process."""
    r = run(db, *args)
    assert r.returncode == 0, r.stderr
    return r.stdout


BAD_INPUT = [
    (("add", "--name", "Nieuw", "--partner", "Bestaat niet"), 1, "--partner"),
    (("add", "--name", "Nieuw", "--dossier", "99"), 1, "--dossier"),
    (("add", "--name", "Nieuw", "--dossier", "een"), 2, "--dossier"),
    (("add", "--name", " "), 1, "--name"),
    (("add", "--name", "KINDERPARDON"), 1, "--name"),
    (("edit", "1", "--no-partners", "--partner", "UNICEF"), 1, "--no-partners"),
    (("edit", "1", "--dossier", "7"), 1, "--dossier"),
    (("signatures", "1", "--count", "-5"), 1, "--count"),
    (("signatures", "1", "--count", "veel"), 1, "--count"),
    (("signatures", "1", "--count", "10", "--date", "2026-13-01"), 1, "--date"),
    (("signatures", "1", "--count", "10", "--date", "2999-01-01"), 1, "--date"),
    (("signatures", "1", "--delete"), 1, "--date"),
    (("signatures", "1", "--delete", "--date", "2026-01-01"), 1, "--date"),
    (("signatures", "1"), 2, "--count"),
    (("show", "9"), 1, "9"),
]


def test_bad_input_names_the_option_and_changes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (
        ("add", "--name", "Kinderpardon", "--partner", "KPNU"),
        ("signatures", "1", "--count", "100", "--date", "2026-05-01"),
    ):
        assert in_process(capsys, db, "campaigns", *args)[0] == 0
    before = dump(db)
    for args, expected, option in BAD_INPUT:
        code, out, err = in_process(capsys, db, "campaigns", *args)
        assert (code, out) == (expected, ""), (args, err)
        assert option in err, (args, err)
        assert dump(db) == before, args


def test_add_edit_signatures_and_show(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def quick(*args: str) -> str:
        code, out, err = in_process(capsys, db, *args)
        assert code == 0, err
        return out

    out = ok(
        db, "campaigns", "add", "--name", "Kinderpardon", "--partner", "KPNU", "--dossier", "1"
    )
    assert out.strip() == "1"
    listed = json.loads(ok(db, "campaigns", "list", "--format", "json"))
    assert [(c["name"], c["partners"]) for c in listed] == [("Kinderpardon", ["KinderpardonNU"])]
    quick("campaigns", "edit", "1", "--name", "Kinderpardon NU", "--notes", "Gemeenten")
    quick("campaigns", "edit", "1", "--partner", "UNICEF", "--partner", "KPNU")
    quick("campaigns", "signatures", "1", "--count", "31.805", "--date", "2026-05-13")
    quick("campaigns", "signatures", "1", "--count", "12000", "--date", "13-04-2026")
    quick("campaigns", "signatures", "1", "--count", "12500", "--date", "2026-04-13")
    shown = json.loads(quick("campaigns", "show", "1", "--format", "json"))[0]
    assert shown["name"] == "Kinderpardon NU" and shown["notes"] == "Gemeenten"
    assert [p["name"] for p in shown["partners"]] == ["KinderpardonNU", "UNICEF"]
    assert [d["title"] for d in shown["dossiers"]] == ["Kinderpardon"]
    assert shown["signatures"] == [
        {"on": "2026-04-13", "count": 12500},
        {"on": "2026-05-13", "count": 31805},
    ]
    assert shown["latest_signatures"] == 31805 and shown["municipal"] is False
    table = ok(db, "campaigns", "show", "1")
    assert "Handtekeningen: 31.805 op wo 13 mei 2026" in table
    assert "ma 13 apr 2026: 12.500" in table
    quick("campaigns", "signatures", "1", "--delete", "--date", "2026-05-13")
    quick("campaigns", "edit", "1", "--no-partners", "--no-dossiers")
    shown = json.loads(quick("campaigns", "show", "1", "--format", "json"))[0]
    assert shown["latest_signatures"] == 12500
    assert shown["partners"] == [] and shown["dossiers"] == []


def test_councils_of_the_demo_campaign(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def quick(*args: str) -> str:
        code, out, err = in_process(capsys, db, *args)
        assert code == 0, err
        return out

    db = tmp_path / "demo.sqlite"
    ok(db, "demo")
    campaign = next(
        c["id"]
        for c in json.loads(quick("campaigns", "list", "--format", "json"))
        if c["name"] == "Kinderpardon in de gemeenteraad"
    )
    rows = list(
        csv.DictReader(
            io.StringIO(
                ok(db, "campaigns", "councils", str(campaign), "--format", "csv", "--lang", "en")
            )
        )
    )
    assert len(rows) == 8
    assen = next(r for r in rows if r["council"] == "Gemeenteraad Assen")
    assert (assen["CBS code"], assen["first written on"], assen["acknowledged"]) == (
        "GM0106",
        "2025-04-24",
        "no",
    )
    kampen = next(r for r in rows if r["council"] == "Gemeenteraad Kampen")
    assert kampen["acknowledged"] == "yes"
    assert kampen["motion"] == "Motie gewortelde kinderen (Kampen)"
    data = json.loads(quick("campaigns", "councils", str(campaign), "--format", "json"))[0]
    assert (data["written_to"], data["acknowledged"], data["adopted"]) == (8, 3, 7)
    table = quick("campaigns", "councils", str(campaign))
    assert table.rstrip().splitlines()[-1] == (
        "Aangeschreven raden: 8, ontvangst bevestigd: 3, motie aangenomen: 7"
    )
    shown = quick("campaigns", "show", str(campaign))
    assert "Herinnering: verzoek griffie" in shown and "38%" in shown and "17%" in shown
