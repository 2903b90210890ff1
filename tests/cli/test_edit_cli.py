"""`people add/edit --salutation`, `people edit` and `dossiers edit` on the command line:
Dutch confirmations, refused input exits 1 and leaves the database as it was."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from lobbycrm.cli import run


def cli(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run([*args, "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


def dump(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return [(t, *row) for t in tables for row in conn.execute(f'SELECT * FROM "{t}"')]


@pytest.fixture
def db(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    for args in (
        ("orgs", "add", "--name", "Eerste Kamer", "--kind", "chamber", "--seats", "75"),
        ("orgs", "add", "--name", "Gemeente Utrecht", "--kind", "municipality"),
        ("people", "add", "--surname", "Hart", "--particle", "'t", "--first-name", "Maarten",
         "--gender", "man", "--email", "m.thart@eerstekamer.example"),
        ("dossiers", "add", "--title", "Uitvoeringswet Asiel- en Migratiepact"),
    ):  # fmt: skip
        code, _out, err = cli(db_path, capsys, *args)
        assert code == 0, err
    return db_path


def test_people_add_with_own_salutation(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(
        db,
        capsys,
        "people",
        "add",
        "--surname",
        "Jansen-De Jong",
        "--initials",
        "aj",
        "--title",
        "Drs",
        "--gender",
        "vrouw",
        "--salutation",
        "mevrouw Jansen",
    )
    assert code == 0, err
    new_id = out.strip()
    assert err.strip() == f"persoon {new_id} toegevoegd: A.J. Jansen-de Jong"
    code, out, _err = cli(db, capsys, "people", "show", new_id)
    assert out.splitlines()[:2] == [
        "drs. A.J. Jansen-de Jong",
        "Geachte mevrouw Jansen, (eigen aanhef)",
    ]


def test_people_edit_changes_only_what_is_given(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = cli(
        db, capsys, "people", "edit", "1", "--salutation", "Beste Maarten", "--title", "dr."
    )
    assert code == 0, err
    assert err.strip() == "persoon 1 gewijzigd: Maarten 't Hart; aanhef: Beste Maarten,"
    code, out, _err = cli(db, capsys, "people", "show", "1", "--format", "json")
    p = json.loads(out)[0]
    assert (p["particle"], p["surname"], p["titles"], p["emails"]) == (
        "'t",
        "Hart",
        "dr.",
        ["m.thart@eerstekamer.example"],
    )
    assert p["salutation"] == "Beste Maarten,"
    assert p["computed_salutation"] == "Geachte heer 't Hart,"
    # '' goes back to the computed salutation; a role is added with --org/--role.
    code, _out, err = cli(
        db, capsys, "people", "edit", "1", "--salutation", "", "--org", "Eerste Kamer",
        "--role", "senator", "--email", "maarten@eerstekamer.example",
    )  # fmt: skip
    assert code == 0, err
    assert err.strip().endswith("aanhef: Geachte heer 't Hart,")
    p = json.loads(cli(db, capsys, "people", "show", "1", "--format", "json")[1])[0]
    assert p["emails"] == ["maarten@eerstekamer.example"]
    assert [(r["role"], r["organisation"]) for r in p["roles"]] == [("senator", "Eerste Kamer")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1", "--email", "geen-adres"], "e-mail"),
        (["1", "--gender", "vrouw", "--org", "Nergens", "--role", "lid"], "Nergens"),
        (["1", "--surname", ""], "achternaam"),
        (["1", "--salutation", "x" * 201], "aanhef"),
        (["1"], "niets te wijzigen"),
        (["99", "--surname", "Jansen"], "99"),
        (["1", "--notes", "x", "--if-version", "0"], "gewijzigd"),
    ],
)
def test_people_edit_bad_input_exits_1_and_changes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = dump(db)
    code, out, err = cli(db, capsys, "people", "edit", *args)
    assert code == 1 and out == ""
    assert err.startswith("lobbycrm: fout: ") and message in err, err
    assert dump(db) == before


def test_dossiers_edit_sets_the_chamber_the_majority_count_asks_for(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = cli(db, capsys, "majority", "--dossier", "1")
    assert code == 1
    assert "lobbycrm dossiers edit 1 --chamber NAAM" in err
    code, _out, err = cli(
        db, capsys, "dossiers", "edit", "1", "--chamber", "Eerste Kamer", "--kamerstuk", "36634"
    )
    assert code == 0, err
    assert err.strip() == (
        "dossier 1 gewijzigd: Uitvoeringswet Asiel- en Migratiepact (36 634), kamer: Eerste Kamer"
    )
    rows = json.loads(cli(db, capsys, "dossiers", "list", "--format", "json")[1])
    assert (rows[0]["chamber"], rows[0]["kamerstuk"], rows[0]["title"]) == (
        "Eerste Kamer",
        "36 634",
        "Uitvoeringswet Asiel- en Migratiepact",
    )
    code, _out, err = cli(db, capsys, "majority", "--dossier", "1")
    assert code == 0, err
    code, _out, err = cli(db, capsys, "dossiers", "edit", "1", "--title", "Pactwet")
    assert code == 0 and "Pactwet (36 634), kamer: Eerste Kamer" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1", "--chamber", "Nergens"], "Nergens"),
        (["1", "--title", ""], "titel"),
        (["1"], "niets te wijzigen"),
        (["7", "--title", "x"], "7"),
        (["1", "--title", "x", "--if-version", "0"], "gewijzigd"),
    ],
)
def test_dossiers_edit_bad_input_exits_1_and_changes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = dump(db)
    code, out, err = cli(db, capsys, "dossiers", "edit", *args)
    assert code == 1 and out == ""
    assert err.startswith("lobbycrm: fout: ") and message in err, err
    assert dump(db) == before


def test_orgs_add_full_name(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(
        db, capsys, "orgs", "add", "--name", "Immigratie & Asiel / JBZ-Raad", "--kind",
        "committee", "--parent", "Eerste Kamer", "--full-name",
        "vaste commissie voor Immigratie & Asiel / JBZ-Raad",
    )  # fmt: skip
    assert code == 0, err
    row = json.loads(cli(db, capsys, "orgs", "show", out.strip(), "--format", "json")[1])[0]
    assert row["full_name"] == "vaste commissie voor Immigratie & Asiel / JBZ-Raad"
    assert row["salutation"] == (
        "Geachte leden van de vaste commissie voor Immigratie & Asiel / JBZ-Raad,"
    )
