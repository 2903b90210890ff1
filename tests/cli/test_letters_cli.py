"""`lobbycrm letters` as a whole process."""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import default
from pathlib import Path

from tests.cli.test_cli import dump, run


def test_render_eml_preview_and_refusals(tmp_path: Path) -> None:
    db = tmp_path / "l.sqlite"
    assert run(db, "demo").returncode == 0
    assert (
        run(
            db,
            "letters",
            "sender",
            "--name",
            "Noor Jansen",
            "--organisation",
            "Amnesty",
            "--email",
            "n.jansen@amnesty.example",
        ).returncode
        == 0
    )
    r = run(db, "letters", "templates")
    assert "gezamenlijke-brief" in r.stdout and "verzoek-griffie" in r.stdout
    out = tmp_path / "out"
    r = run(
        db,
        "letters",
        "render",
        "--template",
        "gezamenlijke-brief",
        "--to",
        "tag:senator",
        "--to",
        "role:griffier+org:I&A/JBZ",  # Dragstra, who has no e-mail address
        "--event",
        "1",
        "--cosigner",
        "Amnesty",
        "--format",
        "eml",
        "--out",
        str(out),
        "--allow-pending",
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("geschreven:") == 19 and "Dragstra" in r.stdout
    msg = BytesParser(policy=default).parsebytes(next(out.glob("Perin-Gopie*.eml")).read_bytes())
    assert msg["X-Unsent"] == "1"
    r = run(
        db,
        "letters",
        "render",
        "--template",
        "gezamenlijke-brief",
        "--to",
        "tag:senator",
        "--event",
        "1",
        "--preview",
        "10",
    )
    assert r.returncode == 0 and "Geachte heer Van Hattem," in r.stdout
    before = dump(db)
    needs_event = tmp_path / "debat.txt"
    needs_event.write_text(
        "Onderwerp: {{ event.title }}\n\n{{ recipient.salutation }}\n", encoding="utf-8"
    )
    r = run(
        db,
        "letters",
        "render",
        "--template",
        str(needs_event),
        "--to",
        "tag:senator",
        "--format",
        "eml",
        "--out",
        str(tmp_path / "x"),
    )
    assert r.returncode == 1 and "event" in r.stderr
    r = run(
        db,
        "letters",
        "render",
        "--template",
        "gezamenlijke-brief",
        "--to",
        "tag:senator",
        "--event",
        "1",
        "--attach",
        str(tmp_path / "weg.pdf"),
        "--out",
        str(tmp_path / "y"),
    )
    assert r.returncode == 1 and "weg.pdf" in r.stderr
    r = run(
        db,
        "letters",
        "render",
        "--template",
        "bestaat-niet",
        "--to",
        "tag:senator",
        "--out",
        str(tmp_path / "z"),
    )
    assert r.returncode == 1 and "bestaat-niet" in r.stderr
    assert dump(db) == before
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()


def test_mailing_cosign_version_diff_produce(tmp_path: Path) -> None:
    db = tmp_path / "m.sqlite"
    run(db, "demo")
    r = run(
        db,
        "letters",
        "mailing",
        "--template",
        "gezamenlijke-brief",
        "--to",
        "org:CDA+role:woordvoerder",
        "--to",
        "org:VVD+role:woordvoerder",  # the demo's CDA has one confirmed spokesperson
        "--event",
        "1",
        "--cosigner",
        "Amnesty",
        "--cosigner",
        "UNICEF",
        "--name",
        "Brief CDA",
    )
    assert r.returncode == 0, r.stderr
    mailing = r.stdout.strip()
    out = tmp_path / "out"
    r = run(db, "letters", "render", "--mailing", mailing, "--format", "txt", "--out", str(out))
    assert r.returncode == 1 and "Amnesty" in r.stderr and "UNICEF" in r.stderr
    assert (
        run(
            db,
            "letters",
            "cosign",
            mailing,
            "--org",
            "Amnesty",
            "--status",
            "approved",
            "--date",
            "2026-05-12",
        ).returncode
        == 0
    )
    assert (
        run(db, "letters", "cosign", mailing, "--org", "UNICEF", "--status", "declined").returncode
        == 0
    )
    text = tmp_path / "v2.txt"
    text.write_text(
        "Onderwerp: Oproep aan {{ recipient.party }}\n\n{{ recipient.salutation }}"
        "\n\nNieuwe tekst.\n\n{{ cosigners | lijst }}\n",
        encoding="utf-8",
    )
    r = run(db, "letters", "version", mailing, str(text), "--note", "korter")
    assert r.stdout.strip() == "2"
    r = run(db, "letters", "diff", mailing, "1", "2")
    assert "+Nieuwe tekst." in r.stdout and "--- versie 1" in r.stdout
    r = run(db, "letters", "render", "--mailing", mailing, "--format", "txt", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "versie 2: 2 ontvangers" in r.stdout
    body = next(out.glob("Toorenburg*.txt")).read_text(encoding="utf-8")
    assert body.startswith("Oproep aan CDA") and "Amnesty International Nederland" in body
    assert "UNICEF" not in body
    show = run(db, "letters", "show", mailing).stdout
    assert "UNICEF: afgezien" in show and "versie 2" in show
    assert "2 ontvangers: 2 alleen als concept, 0 verstuurd" in show
