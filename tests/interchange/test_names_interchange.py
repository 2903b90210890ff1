"""Dutch names as files and open data bring them: CSV `naam`, vCard N and FN, Tweede Kamer
Persoon records. Each is read from a real file and shown the Dutch way."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from lobbycrm.bootstrap import Context
from lobbycrm.interchange.vcard import write_cards

FIXTURES = Path(__file__).with_name("tk")


def _by_sort_name(ctx: Context) -> dict[str, tuple[str, str, str, str]]:
    return {
        p.sort_name: (p.display_name, p.salutation, p.address_line, p.gender)
        for p in ctx.services.people.list()
    }


def test_csv_full_names_with_prefixes_titles_and_double_surnames(
    ctx: Context, tmp_path: Path
) -> None:
    path = tmp_path / "namen.csv"
    path.write_text(
        "Naam;E-mail\n"
        "mevrouw drs. A.J. Jansen-de Jong;aj@example.org\n"
        "Hetty Janssen-van der Berg;hetty@example.org\n"
        "de heer Maarten 't Hart;m@example.org\n"
        "Mw. Hedy d'Ancona;hedy@example.org\n"
        "dr. Sam Fadil;sam@example.org\n"
        "dhr. IJ. van Dam;ij@example.org\n",
        encoding="utf-8",
    )
    report = ctx.services.imports.import_csv(path)
    assert report.added == 6, report.rejected
    people = _by_sort_name(ctx)
    assert people["Jansen-de Jong, A.J."] == (
        "A.J. Jansen-de Jong",
        "Geachte mevrouw Jansen-de Jong,",
        "Mevrouw drs. A.J. Jansen-de Jong",
        "vrouw",
    )
    assert people["Janssen-van der Berg, H."][:3] == (
        "Hetty Janssen-van der Berg",
        "Geachte Hetty Janssen-van der Berg,",
        "H. Janssen-van der Berg",
    )
    assert people["Hart, M. 't"][1:] == ("Geachte heer 't Hart,", "De heer M. 't Hart", "man")
    assert people["Ancona, H. d'"][:2] == ("Hedy d'Ancona", "Geachte mevrouw d'Ancona,")
    assert people["Fadil, S."][2] == "Dr. S. Fadil"
    assert people["Dam, IJ. van"][1:] == ("Geachte heer Van Dam,", "De heer IJ. van Dam", "man")


def test_vcard_family_names_with_particles_and_full_names(ctx: Context, tmp_path: Path) -> None:
    path = tmp_path / "adresboek.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:d'Ancona;Hedy;;;\r\nFN:Hedy d'Ancona\r\n"
        "EMAIL:hedy@example.org\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Jansen-De Jong;Anna;;drs.;\r\n"
        "EMAIL:anna@example.org\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:mevrouw mr. Hetty Janssen-van der Berg\r\n"
        "EMAIL:h@example.org\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    report = ctx.services.imports.import_vcard(path)
    assert report.added == 3, report.rejected
    people = _by_sort_name(ctx)
    assert people["Ancona, H. d'"][0] == "Hedy d'Ancona"
    assert people["Jansen-de Jong, A."][2] == "Drs. A. Jansen-de Jong"
    written = write_cards(ctx.services.people.list()).decode("utf-8")
    assert "N:d'Ancona;Hedy;;;" in written and "N:Jansen-de Jong;Anna;;drs.;" in written
    assert people["Janssen-van der Berg, H."][1:] == (
        "Geachte mevrouw Janssen-van der Berg,",
        "Mevrouw mr. H. Janssen-van der Berg",
        "vrouw",
    )


def test_tweede_kamer_names_as_the_open_data_writes_them(ctx: Context, tmp_path: Path) -> None:
    folder = tmp_path / "tk"
    shutil.copytree(FIXTURES, folder)
    persons = json.loads((folder / "Persoon.json").read_text(encoding="utf-8"))
    base = {"GewijzigdOp": "2025-11-20T10:00:00+01:00", "Verwijderd": False}
    persons["value"] += [
        {**base, "Id": "p-t", "Titels": "Drs", "Initialen": "IJ.", "Roepnaam": "IJsbrand",
         "Tussenvoegsel": "'T", "Achternaam": "Hart", "Geslacht": "man"},
        {**base, "Id": "p-d", "Initialen": "H.", "Roepnaam": "Hedy", "Tussenvoegsel": "D’",
         "Achternaam": "Ancona", "Geslacht": "vrouw"},
        {**base, "Id": "p-j", "Titels": "mr.", "Initialen": "A.J.", "Roepnaam": "Anna",
         "Achternaam": "Jansen-De Jong", "Geslacht": "vrouw"},
    ]  # fmt: skip
    (folder / "Persoon.json").write_text(json.dumps(persons), encoding="utf-8")
    ctx.services.tk.import_folder(folder)
    people = _by_sort_name(ctx)
    assert people["Hart, IJ. 't"] == (
        "IJsbrand 't Hart",
        "Geachte heer 't Hart,",
        "De heer drs. IJ. 't Hart",
        "man",
    )
    assert people["Ancona, H. d'"][:2] == ("Hedy d'Ancona", "Geachte mevrouw d'Ancona,")
    assert people["Jansen-de Jong, A.J."][1:3] == (
        "Geachte mevrouw Jansen-de Jong,",
        "Mevrouw mr. A.J. Jansen-de Jong",
    )
