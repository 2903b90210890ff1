"""CSV import and export of persons against real files: Excel's dialects, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError
from lobbycrm.services.people import PersonFilter
from tests.cli.test_cli import dump, run


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


DUTCH = (
    "Titel;Voorletters;Voornaam;Tussenvoegsel;Achternaam;Aanhef;E-mail;Telefoon;"
    "Organisatie;Functie;Portefeuille;Tags\n"
    "mr.;G.;Gaby;;Perin-Gopie;mevr;gaby.perin-gopie@eerstekamer.example;070 312 9200;"
    "Volt (Eerste Kamer);woordvoerder;asiel en migratie;senator\n"
    ";;Zoë;;Ørsted;v;zoe@example.org;;Eerste Kamer;senator;;nieuw, test\n"
    ";;;;Yılmaz;;;;;;;\n"
)


def test_semicolon_bom_file_and_reimport_changes_nothing(demo_ctx: Context, tmp_path: Path) -> None:
    path = write(tmp_path / "lijst.csv", "\ufeff" + DUTCH)
    report = demo_ctx.services.imports.import_csv(path)
    # Perin-Gopie exists already: her title and phone number are added to her.
    assert (report.added, report.updated, report.unchanged) == (2, 1, 0)
    zoe = demo_ctx.services.people.list(PersonFilter(search="orsted"))[0]
    assert zoe.display_name == "Zoë Ørsted" and zoe.tags == ["nieuw", "test"]
    assert zoe.roles[0].organisation == "Eerste Kamer der Staten-Generaal"
    before = demo_ctx.services.people.get(zoe.id).updated_at
    again = demo_ctx.services.imports.import_csv(path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert demo_ctx.services.people.get(zoe.id).updated_at == before


def test_windows_1252_comma_file_with_full_names(ctx: Context, tmp_path: Path) -> None:
    path = write(
        tmp_path / "excel.csv",
        "Naam,E-mail,Geslacht\n"
        "Karin van den Bijsterveld-ter Horst,k@example.org,vrouw\n"
        "José Müller,jose@example.org,man\n",
        encoding="cp1252",
    )
    report = ctx.services.imports.import_csv(path)
    assert report.added == 2
    people = {p.sort_name: p for p in ctx.services.people.list()}
    assert people["Bijsterveld-ter Horst, K. van den"].salutation == (
        "Geachte mevrouw Van den Bijsterveld-ter Horst,"
    )
    assert "Müller, J." in people


def test_rejected_rows_name_line_and_column_and_nothing_is_written(
    ctx: Context, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "fout.csv",
        "first_name,surname,email,organisation,start\n"
        "Jan,Jansen,jan@example.org,,\n"
        "Piet,,piet@example.org,,\n"
        "Kees,Vries,geen-adres,,\n"
        "Anna,Bakker,anna@example.org,Nergens,\n"
        "Bob,Smit,bob@example.org,,31-31-2024\n",
    )
    report = ctx.services.imports.import_csv(path, create_orgs=False)
    assert [(r.line, r.column) for r in report.rejected] == [
        (3, "surname"),
        (4, "email"),
        (5, "organisation"),
        (6, "start"),
    ]
    assert ctx.services.people.count() == 0


def test_the_refusal_counts_rows_not_their_problems(ctx: Context, tmp_path: Path) -> None:
    from lobbycrm.core.i18n import set_language

    path = write(
        tmp_path / "fout.csv",
        "voornaam;achternaam;e-mail;telefoon\n"
        "Sara;Fadil;fadil@@x;abc\n"  # two problems on one row
        "Jan;Jansen;jan@example.org;\n"
        "Kees;Vries;geen-adres;\n",
    )
    report = ctx.services.imports.import_csv(path)
    assert len(report.rejected) == 3
    set_language("nl")
    assert report.refusal() == "Er is niets geïmporteerd: 2 regels afgewezen."
    set_language("en")
    assert report.refusal() == "Nothing was imported: 2 rows rejected."
    set_language("nl")


def test_match_by_email_update_or_skip(demo_ctx: Context, tmp_path: Path) -> None:
    path = write(
        tmp_path / "m.csv",
        "voornaam;achternaam;e-mail;telefoon\n"
        "Alexander;Hattem;alexander.vanhattem@eerstekamer.example;06 1234 5678\n",
    )
    skip = demo_ctx.services.imports.import_csv(path, on_match="skip")
    assert skip.skipped == 1
    update = demo_ctx.services.imports.import_csv(path)
    assert update.updated == 1
    hattem = demo_ctx.services.people.list(PersonFilter(search="hattem"))[0]
    assert hattem.phones == ["06 1234 5678"] and hattem.particle == ""


@pytest.mark.parametrize(
    "content", [b"", b"\x89PNG\r\n\x1a\n\x00\x00\x00", b"kleur;maat\nrood;L\n"]
)
def test_not_a_person_csv_gets_a_clear_message(
    ctx: Context, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "raar.csv"
    path.write_bytes(content)
    with pytest.raises(LobbyError, match=r"raar\.csv"):
        ctx.services.imports.import_csv(path)


def test_export_round_trip(demo_ctx: Context, tmp_path: Path) -> None:
    out = tmp_path / "senatoren.csv"
    assert demo_ctx.services.exports.export_csv(out, PersonFilter(tag="senator")) == 19
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.split(b"\r\n")[0]
    report = demo_ctx.services.imports.import_csv(out)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 19)


def test_cli_dry_run_rejects_and_exit_codes(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    run(db, "demo")
    good = write(tmp_path / "ok.csv", DUTCH)
    before = dump(db)
    r = run(db, "import", "csv", str(good), "--dry-run")
    assert r.returncode == 0 and "Proefdraai" in r.stdout and "toegevoegd: 2" in r.stdout
    assert dump(db) == before
    bad = write(tmp_path / "bad.csv", "achternaam;e-mail\nJansen;fout\n")
    r = run(db, "import", "csv", str(bad))
    assert r.returncode == 1 and "regel 2" in r.stdout and "e-mail" in r.stdout
    assert dump(db) == before
    r = run(db, "import", "csv", str(good))
    assert r.returncode == 0 and "toegevoegd: 2" in r.stdout
    r = run(db, "export", "csv", str(tmp_path / "uit.csv"), "--comma")
    assert r.returncode == 0 and (tmp_path / "uit.csv").read_bytes().count(b",") > 20


def test_cancelled_import_leaves_nothing(ctx: Context, tmp_path: Path) -> None:
    lines = ["achternaam;e-mail"] + [f"Jansen{i};p{i}@example.org" for i in range(1200)]
    path = write(tmp_path / "groot.csv", "\n".join(lines) + "\n")
    seen: list[int] = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return done < 500

    with pytest.raises(InterruptedError):
        ctx.services.imports.import_csv(path, progress=progress)
    assert seen[:2] == [0, 500] and ctx.services.people.count() == 0


def test_cancelled_export_writes_no_file(demo_ctx: Context, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    out = folder / "uit.csv"
    with pytest.raises(InterruptedError):
        demo_ctx.services.exports.export_csv(out, progress=lambda done, total: False)
    assert list(folder.iterdir()) == []
    assert demo_ctx.services.exports.export_csv(out, progress=lambda d, t: True) == 31
