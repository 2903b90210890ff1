"""vCard 3.0/4.0 import and export against files in the shapes address books write."""

from __future__ import annotations

from pathlib import Path

import pytest

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError
from lobbycrm.services.people import PersonFilter
from tests.cli.test_cli import dump, run

THUNDERBIRD = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL;PREF=1:sophie.intveld@example.eu\r\n"
    "FN:Sophie in 't Veld\r\nN:in 't Veld;Sophie;;;\r\nNOTE:Kent het dossier\\, goed\r\n"
    "  bereikbaar\r\nUID:6a2e8b1c\r\nEND:VCARD\r\n"
)
GOOGLE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Karin van den Bijsterveld-ter Horst\r\n"
    "N:van den Bijsterveld-ter Horst;Karin;;;\r\nEMAIL;TYPE=INTERNET;TYPE=WORK:k.bth@example.nl\r\n"
    "TEL;TYPE=CELL:+31 6 1234 5678\r\nORG:Eerste Kamer\r\nTITLE:senator\r\n"
    "CATEGORIES:myContacts,asiel\r\nEND:VCARD\r\n"
)
APPLE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 15.1//EN\r\n"
    "N:Yılmaz;Zoë;;mr.;\r\nFN:mr. Zoë Yılmaz\r\nitem1.EMAIL;type=INTERNET;type=pref:zoe@example.org"
    "\r\nEND:VCARD\r\n"
)


def test_import_address_book_shapes_and_again(demo_ctx: Context, tmp_path: Path) -> None:
    path = tmp_path / "contacten.vcf"
    path.write_text(THUNDERBIRD + GOOGLE + APPLE, encoding="utf-8")
    report = demo_ctx.services.imports.import_vcard(path)
    assert report.added == 3 and not report.rejected
    people = {p.sort_name: p for p in demo_ctx.services.people.list()}
    sophie = people["Veld, S. in 't"]
    assert sophie.salutation == "Geachte Sophie in 't Veld,"
    assert sophie.notes == "Kent het dossier, goed bereikbaar"
    karin = people["Bijsterveld-ter Horst, K. van den"]
    assert karin.phones == ["+31 6 1234 5678"] and karin.tags == ["asiel", "mycontacts"]
    assert karin.roles[0].organisation == "Eerste Kamer der Staten-Generaal"
    zoe = people["Yılmaz, Z."]
    assert zoe.titles == "mr." and zoe.emails == ["zoe@example.org"]
    again = demo_ctx.services.imports.import_vcard(path)
    assert again.added == 0 and again.unchanged == 3


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_export_and_read_back(demo_ctx: Context, tmp_path: Path, version: str) -> None:
    out = tmp_path / "senatoren.vcf"
    assert demo_ctx.services.exports.export_vcard(out, PersonFilter(tag="senator"), version) == 19
    data = out.read_bytes()
    assert data.count(b"BEGIN:VCARD") == 19 and f"VERSION:{version}".encode() in data
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    report = demo_ctx.services.imports.import_vcard(out)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 19)


def test_bad_vcard_files(ctx: Context, tmp_path: Path) -> None:
    for name, content in (
        ("leeg.vcf", b""),
        ("geen.vcf", b"hallo\r\n"),
        ("half.vcf", b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jan\r\n"),
    ):
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(LobbyError, match=name.replace(".", r"\.")):
            ctx.services.imports.import_vcard(path)
    assert ctx.services.people.count() == 0


def test_cli_vcard(tmp_path: Path) -> None:
    db = tmp_path / "v.sqlite"
    run(db, "demo")
    path = tmp_path / "c.vcf"
    path.write_text(GOOGLE, encoding="utf-8")
    before = dump(db)
    r = run(db, "import", "vcard", str(path), "--dry-run")
    assert r.returncode == 0 and "toegevoegd: 1" in r.stdout and dump(db) == before
    assert run(db, "import", "vcard", str(path)).returncode == 0
    r = run(db, "export", "vcard", str(tmp_path / "uit.vcf"), "--version", "3.0")
    assert r.returncode == 0 and b"VERSION:3.0" in (tmp_path / "uit.vcf").read_bytes()
