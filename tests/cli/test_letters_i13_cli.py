"""Issue 13 on the command line, as whole processes: templates listed with their fields (and
the broken ones), a missing field refused, --attach beside --mailing for render and send,
counts per recipient, and the person's timeline in `people show`."""

from __future__ import annotations

import json
import os
from email import message_from_bytes
from email.parser import BytesParser
from email.policy import default
from pathlib import Path

from tests.cli.test_cli import dump, run

FIELDS_TEMPLATE = """{# description: Verzoek om een gesprek over het debat #}
{# field kern: De kern van het verzoek #}
{# field datum: Voorgestelde datum (default: volgende week) #}
Onderwerp: Gesprek

{{ recipient.salutation }}

{{ fields.kern }} Wij stellen voor: {{ fields.datum }}.
{% if fields.ps %}{{ fields.ps }}{% endif %}
"""


def user_templates() -> Path:
    folder = Path(os.environ["LOBBYCRM_DATA_DIR"]) / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def demo(tmp_path: Path) -> Path:
    db = tmp_path / "l.sqlite"
    assert run(db, "demo").returncode == 0
    r = run(db, "letters", "sender", "--name", "Noor", "--organisation", "Amnesty", "--email",
            "noor@amnesty.example")  # fmt: skip
    assert r.returncode == 0, r.stderr
    return db


def test_templates_listed_with_description_and_fields_broken_ones_named(tmp_path: Path) -> None:
    db = demo(tmp_path)
    folder = user_templates()
    (folder / "gesprek.txt").write_text(FIELDS_TEMPLATE, encoding="utf-8")
    (folder / "kapot.txt").write_text("Onderwerp: x\n\n{% for a in b %}\n", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Onderwerp: café\n".encode("latin-1"))
    r = run(db, "letters", "templates")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    block = out[out.index("gesprek (") :].split("\n\n")[0]
    assert "Beschrijving: Verzoek om een gesprek over het debat" in block
    assert "Veld kern: De kern van het verzoek; verplicht" in block
    assert "Veld datum: Voorgestelde datum; niet verplicht, standaard: volgende week" in block
    assert "Veld ps: niet verplicht" in block
    assert f"onbruikbaar: {folder / 'kapot.txt'}: regel 3: " in out
    assert "wordt niet afgesloten" in out
    assert f"onbruikbaar: {folder / 'latin1.txt'}: regel 1: byte 15 is geen UTF-8" in out
    assert "2 sjablonen zijn onbruikbaar" in out
    # The built-in ones are there, without their raw first line.
    assert "gezamenlijke-brief (ingebouwd)" in out
    builtin = out[: out.index("gesprek (")]
    assert "{%" not in builtin and "{{" not in builtin


def test_render_names_the_missing_field_and_writes_nothing(tmp_path: Path) -> None:
    db = demo(tmp_path)
    (user_templates() / "gesprek.txt").write_text(FIELDS_TEMPLATE, encoding="utf-8")
    before = dump(db)
    out = tmp_path / "out"
    args = ("letters", "render", "--template", "gesprek", "--to", "tag:senator", "--out", str(out))
    r = run(db, *args)
    assert r.returncode == 1
    assert "kern (De kern van het verzoek)" in r.stderr and "--set kern=" in r.stderr
    assert "datum" not in r.stderr.split("--set")[0]  # it has a default
    assert not out.exists() and dump(db) == before
    r = run(db, *args, "--set", "kern=Graag spreken wij u.")
    assert r.returncode == 0, r.stderr
    msg = BytesParser(policy=default).parsebytes(next(out.glob("*.eml")).read_bytes())
    body = msg.get_body(("plain",))
    assert body is not None
    assert "Graag spreken wij u. Wij stellen voor: volgende week." in body.get_content()


def test_attach_with_mailing_render_counts_once_and_bad_attachment_changes_nothing(
    tmp_path: Path,
) -> None:
    db = demo(tmp_path)
    r = run(db, "letters", "mailing", "--template", "gezamenlijke-brief", "--to", "tag:senator",
            "--event", "1", "--name", "Senaat")  # fmt: skip
    assert r.returncode == 0, r.stderr
    mailing = r.stdout.strip()
    petitie = tmp_path / "petitie.pdf"
    petitie.write_bytes(b"%PDF-1.4 petitie")
    for i in range(4):
        extra = ("--attach", str(petitie)) if i == 0 else ()
        r = run(db, "letters", "render", "--mailing", mailing, "--out", str(tmp_path / f"o{i}"),
                *extra)  # fmt: skip
        assert r.returncode == 0, r.stderr
    # The attachment given once is kept with the mailing: in every draft of the last run too.
    drafts = list((tmp_path / "o3").glob("*.eml"))
    assert len(drafts) == 19
    for path in drafts:
        names = [p.get_filename() for p in message_from_bytes(path.read_bytes()).walk()]
        assert "petitie.pdf" in names
    r = run(db, "letters", "show", mailing)
    assert "19 ontvangers: 19 alleen als concept, 0 verstuurd" in r.stdout
    assert f"bijlage: {petitie}" in r.stdout and "76" not in r.stdout
    r = run(db, "letters", "mailings")
    line = next(x for x in r.stdout.splitlines() if x.startswith(f"{mailing}\t"))
    assert line.endswith(
        "19 ontvangers: 19 alleen als concept, 0 verstuurd, 0 mislukt, 0 beantwoord"
    )

    before = dump(db)
    for bad in (tmp_path / "weg.pdf", tmp_path):
        out = tmp_path / "bad"
        r = run(db, "letters", "render", "--mailing", mailing, "--out", str(out), "--attach",
                str(bad))  # fmt: skip
        assert r.returncode == 1 and str(bad.name) in r.stderr
        assert not out.exists()
    petitie.unlink()  # the mailing's own attachment is gone now
    r = run(db, "letters", "render", "--mailing", mailing, "--out", str(tmp_path / "bad"))
    assert r.returncode == 1 and "petitie.pdf" in r.stderr
    assert not (tmp_path / "bad").exists() and dump(db) == before


def test_people_show_prints_the_timeline_newest_first(tmp_path: Path) -> None:
    db = demo(tmp_path)
    r = run(db, "people", "show", "10", "--format", "json")
    assert r.returncode == 0, r.stderr
    earlier = json.loads(r.stdout)[0]["timeline"]
    r = run(db, "letters", "render", "--template", "gezamenlijke-brief", "--to", "person:10",
            "--event", "1", "--out", str(tmp_path / "o"))  # fmt: skip
    assert r.returncode == 0, r.stderr
    r = run(db, "people", "show", "10")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.split("Tijdlijn:\n")[1].splitlines()
    assert "e-mail alleen als concept gemaakt" in lines[0]
    stamps = [line.split()[0] + " " + line.split()[1] for line in lines if line.strip()]
    assert stamps == sorted(stamps, reverse=True)
    r = run(db, "people", "show", "10", "--format", "json")
    timeline = json.loads(r.stdout)[0]["timeline"]
    assert len(timeline) == len(earlier) + 1
    assert timeline[0]["delivery"] == "drafted" and timeline[0]["kind"] == "email"
    whens = [e["when"] for e in timeline]
    assert whens == sorted(whens, reverse=True)
