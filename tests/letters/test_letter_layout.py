"""The printed letter: one layout for preview and PDF, read back from the PDF itself."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader

from lobbycrm.bootstrap import Context
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.letters import templates
from lobbycrm.letters.layout import (
    SENDER_PLACEHOLDERS,
    build_page,
    letter_date,
    page_html,
    split_body,
)
from lobbycrm.letters.outputs import Copy, Letterhead
from lobbycrm.services.letters import LetterRequest
from tests.cli.test_cli import run

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def pdf_text(path: Path) -> str:
    raw = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    # NFKC undoes the ligatures of the PDF font ('ﬀ' in 'Affairs').
    text = unicodedata.normalize("NFKC", raw)
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def in_order(text: str, parts: list[str]) -> None:
    """Every part occurs, each after the one before it."""
    flat = " ".join(text.split())
    at = 0
    for part in parts:
        found = flat.find(part, at)
        assert found >= 0, f"{part!r} missing after position {at} in:\n{flat}"
        at = found + len(part)


def test_letter_date_has_no_weekday() -> None:
    assert letter_date(dt.date(2026, 5, 12)) == "12 mei 2026"
    # A moment counts in Amsterdam: 23:30 UTC on 12 May is already 13 May there.
    assert letter_date(dt.datetime(2026, 5, 12, 23, 30, tzinfo=dt.UTC)) == "13 mei 2026"


def test_joint_letter_pdf_for_a_senator_with_a_particle(tmp_path: Path) -> None:
    db = tmp_path / "brief.sqlite"
    assert run(db, "demo").returncode == 0
    r = run(
        db,
        "letters",
        "sender",
        "--name",
        "Noor Jansen",
        "--function",
        "Political Affairs Officer",
        "--organisation",
        "Amnesty International Nederland",
        "--address",
        "Keizersgracht 177, 1016 DR Amsterdam",
        "--place",
        "Amsterdam",
        "--email",
        "n.jansen@amnesty.example",
    )
    assert r.returncode == 0, r.stderr
    out = tmp_path / "pdf"
    r = run(
        db,
        "letters",
        "render",
        "--template",
        "gezamenlijke-brief",
        "--to",
        "org:CDA+role:woordvoerder",
        "--to",
        "org:VVD+role:woordvoerder",
        "--event",
        "1",  # the demo's plenary of 19 May 2026
        "--campaign",
        "1",
        "--cosigner",
        "Amnesty",
        "--cosigner",
        "UNICEF",
        "--cosigner",
        "VWN",
        "--allow-pending",
        "--format",
        "pdf",
        "--out",
        str(out),
    )
    assert r.returncode == 0, r.stderr
    today = amsterdam_today()
    text = pdf_text(next(out.glob("Toorenburg-M-van-*.pdf")))
    in_order(
        text,
        [
            "Amnesty International Nederland",  # letterhead
            "Keizersgracht 177, 1016 DR Amsterdam",
            "Mevrouw M. van Toorenburg",  # address block
            "Eerste Kamer der Staten-Generaal",
            f"Amsterdam, {letter_date(today)}",
            "Betreft: Plenaire behandeling Uitvoerings- en Implementatiewet",
            "Geachte mevrouw Van Toorenburg,",
            "Op dinsdag 19 mei 2026 staat op de agenda",
            "Namens drie maatschappelijke organisaties",
            "woordvoerder asiel en migratie van de CDA-fractie",
            "31.805 mensen",
            "Met vriendelijke groet,",
            "Noor Jansen",
            "Political Affairs Officer",
            "Amnesty International Nederland",
            "Amnesty International Nederland",
            "UNICEF",
            "VluchtelingenWerk Nederland",
        ],
    )
    assert re.search(r"Amsterdam, \d{1,2} [a-z]+ \d{4}", text)
    assert not any(f"Amsterdam, {day}" in text for day in WEEKDAYS)
    assert "de fractie van" not in text and "bijlage" not in text
    assert "«" not in text  # every sender field was set: no placeholder printed
    # The combined PDF holds both spokespersons (CDA, VVD), each from the start of a page.
    combined = PdfReader(out / "alle-brieven.pdf")
    firsts = [" ".join(p.extract_text().split()) for p in combined.pages]
    assert sum("Geachte mevrouw Van Toorenburg," in t for t in firsts) == 1
    assert sum("Geachte mevrouw Kaljouw," in t for t in firsts) == 1


def copy(body: str) -> Copy:
    return Copy(
        person_id=1,
        file_stem="x",
        to_name="A. van Hattem",
        to_email=None,
        address_lines=("De heer A. van Hattem", "Eerste Kamer der Staten-Generaal"),
        subject="Onderwerp",
        body=body,
        date=dt.date(2026, 5, 12),
    )


def test_page_parts_found_in_the_rendered_text() -> None:
    body = (
        "Geachte heer Van Hattem,\n\nEerste alinea.\nTweede regel.\n\nAanbieding handtekeningen"
        "\n\nSlot.\n\nMet vriendelijke groet,\n\nNoor Jansen\nPolitical Affairs Officer\n\n"
        "Namens de ondertekenende organisaties:\nASKV\nUNICEF\n"
    )
    salutation, paragraphs, closing, signature = split_body(body)
    assert salutation == "Geachte heer Van Hattem,"
    assert paragraphs == ["Eerste alinea.\nTweede regel.", "Aanbieding handtekeningen", "Slot."]
    assert closing == "Met vriendelijke groet,"
    assert signature == [
        ["Noor Jansen", "Political Affairs Officer"],
        ["Namens de ondertekenende organisaties:", "ASKV", "UNICEF"],
    ]
    head = Letterhead(organisation="Amnesty", name="Noor", place="Den Haag", lines=("Straat 1",))
    page = build_page(copy(body), head)
    assert page.place_date == "Den Haag, 12 mei 2026"
    assert page.address == ("De heer A. van Hattem", "Eerste Kamer der Staten-Generaal")
    assert page.text().index("Amnesty") < page.text().index("De heer A. van Hattem")


def test_unset_sender_shows_plain_placeholders_and_a_closing_is_always_there() -> None:
    page = build_page(copy("Geachte heer Van Hattem,\n\nKorte brief zonder slot."), Letterhead())
    assert page.organisation == SENDER_PLACEHOLDERS["organisation"]
    assert page.letterhead_lines == (SENDER_PLACEHOLDERS["address"],)
    assert page.place_date.startswith(SENDER_PLACEHOLDERS["place"] + ", ")
    assert page.closing == "Met vriendelijke groet,"
    assert re.search(r"«[^»]+»", page.text())


def test_preview_page_is_what_is_produced(demo_ctx: Context, tmp_path: Path) -> None:
    """The page the app previews and the page `render --format html|pdf` writes are one."""
    letters = demo_ctx.services.letters
    letters.set_sender(name="Noor Jansen", organisation="Amnesty International Nederland")
    hattem = next(p for p in demo_ctx.services.people.list() if p.surname == "Hattem")
    debate = next(
        e
        for e in demo_ctx.services.events.list()
        if e.kind == "plenary-debate" and e.organisation != "Gemeenteraad Amsterdam"
    )
    req = LetterRequest(
        template="gezamenlijke-brief",
        selectors=[f"person:{hattem.id}"],
        fmt="html",
        out_dir=tmp_path,
        event_id=debate.id,
        cosigners=["Amnesty", "UNICEF"],
        allow_pending=True,
    )
    text = templates.load("gezamenlijke-brief").path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    page = letters.preview_page(text, req, hattem.id)
    written = letters.produce(req).written
    assert [p.read_text(encoding="utf-8") for p in written] == [page_html(page)]
    assert page.salutation == "Geachte heer Van Hattem,"
    assert page.address[0] == "De heer A. van Hattem"
    assert page.signature[-1] == (
        "Namens de ondertekenende organisaties:",
        "Amnesty International Nederland",
        "UNICEF",
    )
