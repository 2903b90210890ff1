"""The debate briefing read back from the files a user gets: the PDF's text (pypdf) and the
HTML parsed as HTML5 (html5lib)."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path

import html5lib
import pytest
from pypdf import PdfReader

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import set_language
from lobbycrm.services.dossiers import DossierInput
from lobbycrm.services.events import EventInput
from lobbycrm.services.letters import LetterRequest
from lobbycrm.services.orgs import OrgInput
from lobbycrm.services.people import PersonFilter, PersonInput, RoleInput

TODAY = dt.date(2026, 5, 18)
TITLE = "Plenaire behandeling Uitvoerings- en Implementatiewet EU-Asiel en Migratiepact"


def debate(ctx: Context) -> int:
    return next(
        e.id
        for e in ctx.services.events.list()
        if e.kind == "plenary-debate" and e.organisation != "Gemeenteraad Amsterdam"
    )


def pact(ctx: Context) -> int:
    return next(d.id for d in ctx.services.dossiers.list() if "Migratiepact" in d.title)


def pages(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def between(text: str, start: str, end: str) -> str:
    i = text.index(start)
    return text[i : text.index(end, i)]


def wrapped(name: str) -> str:
    """A pattern for a group name that may wrap in its narrow column ("Visseren- Hamakers")."""
    return re.escape(name).replace("\\-", "-\\s?")


def group_row(table: str, name: str, seats: int, next_name: str, next_seats: int) -> str:
    found = re.search(
        rf"\b{re.escape(name)} {seats}\b(.*?)\b{re.escape(next_name)} {next_seats}\b", table
    )
    assert found, name
    return found.group(1)


@pytest.fixture
def spokesperson(demo_ctx: Context) -> int:
    """A D66 spokesperson (the demo's D66 has none) with a phone number."""
    return demo_ctx.services.people.add(
        PersonInput(
            surname="Paternotte",
            first_name="Jan",
            gender="man",
            emails=["j.paternotte@example.org"],
            phones=["070 312 92 00"],
        ),
        [RoleInput("D66 (Eerste Kamer)", "woordvoerder", "asiel en migratie")],
    ).ids[0]


def test_first_page_says_where_the_vote_stands(demo_ctx: Context, tmp_path: Path) -> None:
    s = demo_ctx.services
    s.dossiers.set_asks(
        pact(demo_ctx),
        "Geen kinderen in grensdetentie.",
        ["Deel de zorgen in het debat", "Overweeg een motie"],
    )
    s.planning.set_stance(
        pact(demo_ctx),
        "tegen",
        organisation="CDA",
        on=dt.date(2026, 5, 12),
        source="debat Tweede Kamer",
    )
    s.planning.set_stance(pact(demo_ctx), "voor", organisation="GL-PvdA", on=dt.date(2026, 5, 13))
    s.planning.set_stance(pact(demo_ctx), "voor", organisation="BBB", on=dt.date(2026, 5, 13))
    pdf = s.briefing.write(debate(demo_ctx), tmp_path / "briefing.pdf", today=TODAY)
    text = pages(pdf)
    first = text[0]
    # The key message and asks under the heading, before the count.
    assert first.index("Kernboodschap: Geen kinderen in grensdetentie.") < first.index(
        "Waar de stemming staat"
    )
    assert "Wat wij vragen" in first and "Overweeg een motie" in first
    # The seat bar (its legend and majority line) and the verdict in one sentence.
    # GL-PvdA 14 + BBB 12 for, CDA 6 against: the seats on record, not the 2023 result.
    assert "meerderheid: 38" in first and "voor 26" in first and "tegen 6" in first
    assert (
        "Nog geen meerderheid: voor 26, tegen 6, twijfel 0, onbekend 43 van de 75 zetels; "
        "nog 12 zetels nodig voor een meerderheid voor (38)." in first
    )
    # Whom to call first: the smallest set of groups not yet for that brings 8 seats.
    assert "Eerst bellen: VVD (9 zetels, onbekend) en D66 (7 zetels, onbekend); samen 16" in first
    assert "Fracties, grootste eerst" in first


def test_every_group_in_seat_order_with_stance_source_and_page_numbers(
    demo_ctx: Context, spokesperson: int, tmp_path: Path
) -> None:
    s = demo_ctx.services
    s.planning.set_stance(
        pact(demo_ctx),
        "tegen",
        organisation="CDA",
        on=dt.date(2026, 5, 12),
        source="debat Tweede Kamer",
    )
    cu = next(p for p in s.people.list() if p.surname == "Huizinga-Heringa")
    s.planning.set_stance(
        pact(demo_ctx), "twijfel", person_id=cu.id, on=dt.date(2026, 5, 14), source="gesprek"
    )
    pdf = s.briefing.write(debate(demo_ctx), tmp_path / "b.pdf", today=TODAY)
    text = pages(pdf)
    n = len(text)
    assert n >= 2
    for i, page in enumerate(text, start=1):
        assert f"pagina {i} van {n}" in page
        assert page.startswith(f"Briefing · {TITLE} · dinsdag 19 mei 2026")
    whole = " ".join(text)
    table = between(whole, "Fracties, grootste eerst", "Contactgeschiedenis")
    count = s.planning.majority(event_id=debate(demo_ctx), today=TODAY)
    assert len(count.groups) == 19
    seats = [g.seats for g in count.groups]
    assert seats == sorted(seats, reverse=True)
    position = 0
    for g in count.groups:  # every group, in seat order, groups without spokesperson too
        found = re.compile(rf"\b{wrapped(g.name)} {g.seats}\b").search(table, position)
        assert found, g.name
        position = found.end()
    # No group's row is split across pages: its spokespersons are on the page it starts on.
    contacts = s.planning.contacts(debate(demo_ctx), [g.organisation_id for g in count.groups])
    for g in count.groups:
        start = next(
            p
            for p in text
            if "verstuurde brief" in p  # the table's header row: the table is on this page
            and re.search(rf"\b{wrapped(g.name)} {g.seats} ", p.split("verstuurde brief", 1)[1])
        )
        for c in contacts.by_group.get(g.organisation_id, []):
            # A long address may wrap anywhere in its cell: compare without the breaks.
            assert c.email in "".join(start.split()), (g.name, c.name)
    # BBB: the demo's BBB senators' group is not confirmed, so no BBB spokesperson is known.
    assert "geen woordvoerder bekend" in group_row(table, "BBB", 12, "VVD", 9)
    assert "geen woordvoerder bekend" in table[table.index("Beukering 1") :]
    cda = group_row(table, "CDA", 6, "PVV", 4)
    assert "tegen door de fractie, 12 mei 2026, debat Tweede Kamer" in cda
    assert "madeleine.vantoorenburg@eerstekamer.example" in "".join(cda.split())
    assert "e-mail verstuurd 14 mei 2026 · nog geen antwoord" in cda
    cu_row = group_row(table, "CU", 3, "FVD", 3)
    assert "twijfel 1 van 1 leden zei dit, laatst 14 mei 2026, gesprek" in cu_row
    d66 = group_row(table, "D66", 7, "CDA", 6)
    assert "Jan Paternotte" in d66 and "070 312 92 00 · j.paternotte@example.org" in d66
    assert "nog geen brief" in d66
    # A person's history is shown once, newest first.
    assert whole.count("Madeleine van Toorenburg") == 2  # the table and the history
    # The stance history gives every source.
    assert "12 mei 2026 CDA tegen debat Tweede Kamer" in whole


def test_a_draft_is_never_called_sent(demo_ctx: Context, spokesperson: int, tmp_path: Path) -> None:
    s = demo_ctx.services
    report = s.letters.produce(
        LetterRequest(
            template="gezamenlijke-brief",
            selectors=[f"person:{spokesperson}"],
            fmt="eml",
            out_dir=tmp_path / "eml",
            event_id=debate(demo_ctx),
        )
    )
    assert report.written  # an .eml draft exists, logged on the timeline

    senators = [p.display_name for p in s.people.list(PersonFilter(tag="senator"))]

    def d66_and_history() -> tuple[str, str]:
        whole = " ".join(pages(s.briefing.write(debate(demo_ctx), tmp_path / "b.pdf", TODAY)))
        table = between(whole, "Fracties, grootste eerst", "Contactgeschiedenis")
        history = between(whole, "Contactgeschiedenis", "Moties op het dossier")
        # Paternotte's part of the history: up to the next senator's name.
        start = history.index("Jan Paternotte")
        ends = [history.find(n, start) for n in senators]
        mine = history[start : min([e for e in ends if e > start] or [len(history)])]
        # D66's own demo senator (Griffioen) got the real letter: look at Paternotte's part.
        return group_row(table, "D66", 7, "CDA", 6).split("Jan Paternotte", 1)[1], mine

    row, history = d66_and_history()
    assert "verstuurd" not in row.lower() and "verstuurd" not in history.lower()
    assert "nog geen brief (een concept van" in row and "is nooit verzonden)" in row
    assert "e-mail alleen als concept gemaakt, nooit verzonden" in history
    # Once it really went out (here: marked by hand), it is sent; then answered.
    s.replies.mark(report.mailing_id, spokesperson, "sent", on=dt.date(2026, 5, 15))
    row, history = d66_and_history()
    assert "e-mail verstuurd 15 mei 2026 · nog geen antwoord" in row
    s.replies.mark(report.mailing_id, spokesperson, "replied", on=dt.date(2026, 5, 16))
    row, history = d66_and_history()
    assert "e-mail verstuurd 15 mei 2026 · beantwoord 16 mei 2026" in row
    assert "concept" not in row


def test_html_is_html5_in_the_users_language_with_a_print_stylesheet(
    demo_ctx: Context, spokesperson: int, tmp_path: Path
) -> None:
    s = demo_ctx.services
    out = s.briefing.write(debate(demo_ctx), tmp_path / "b.html", today=TODAY)
    source = out.read_text(encoding="utf-8")
    assert source.startswith("<!DOCTYPE html>")
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    root = parser.parse(source)  # strict: any parse error raises
    assert parser.errors == []
    assert root.get("lang") == "nl"
    style = "".join(e.text or "" for e in root.iter("style"))
    assert "@media print" in style and "size: A4" in style
    assert '"pagina " counter(page) " van " counter(pages)' in style
    assert root.find(".//{http://www.w3.org/2000/svg}svg") is not None  # the seat bar, inline
    text = " ".join("".join(root.find("body").itertext()).split())
    # The same content as the PDF: every group, largest first.
    count = s.planning.majority(event_id=debate(demo_ctx), today=TODAY)
    first_cells = [
        "".join(tr.find("td").itertext()).strip()
        for table in root.iter("table")
        for tr in table.iter("tr")
        if tr.find("td") is not None
    ]
    wanted = {g.name for g in count.groups}
    names = [c for c in first_cells if c in wanted]
    assert names[: len(count.groups)] == [g.name for g in count.groups]
    assert "geen woordvoerder bekend" in text and "Waar de stemming staat" in text
    assert "Jan Paternotte" in text and "070 312 92 00" in text
    set_language("en")
    try:
        english = s.briefing.write(debate(demo_ctx), tmp_path / "en.html", today=TODAY)
        root = html5lib.parse(english.read_text(encoding="utf-8"), namespaceHTMLElements=False)
        assert root.get("lang") == "en"
        assert "Where the vote stands" in "".join(root.itertext())
    finally:
        set_language("nl")


def test_files_get_ordinary_permissions(demo_ctx: Context, tmp_path: Path, umask: int) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    for name in ("b.pdf", "b.html"):
        target = tmp_path / name
        target.write_bytes(b"old")
        os.chmod(target, 0o600)
        out = demo_ctx.services.briefing.write(debate(demo_ctx), target, today=TODAY)
        assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask  # 0640, not a temp's 0600
        assert out.read_bytes()[:5] in (b"%PDF-", b"<!DOC")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.html", "b.pdf"]  # no leftovers


def test_bad_targets_name_the_file_and_leave_nothing(demo_ctx: Context, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    b = demo_ctx.services.briefing
    with pytest.raises(LobbyError, match="docx"):
        b.write(debate(demo_ctx), tmp_path / "b.docx")
    with pytest.raises(LobbyError, match="geen-map"):
        b.write(debate(demo_ctx), tmp_path / "geen-map" / "b.pdf")
    (tmp_path / "map.pdf").mkdir()
    with pytest.raises(LobbyError, match="map"):
        b.write(debate(demo_ctx), tmp_path / "map.pdf")
    with pytest.raises(LobbyError):
        b.write(10**6, tmp_path / "b.pdf")
    assert [p.name for p in tmp_path.iterdir()] == ["map.pdf"]


def test_default_name_says_what_and_when(demo_ctx: Context) -> None:
    b = demo_ctx.services.briefing
    assert b.default_name(debate(demo_ctx)) == "briefing-2026-05-19-eerste-kamer.pdf"
    assert b.default_name(debate(demo_ctx), ".html") == "briefing-2026-05-19-eerste-kamer.html"


def test_council_debate(ctx: Context, tmp_path: Path) -> None:
    """A municipal council: its groups by seats, the council's majority, group leaders as
    contacts where no spokesperson is known."""
    s = ctx.services
    s.orgs.add(OrgInput(name="Gemeente Kampen", kind="municipality"))
    s.orgs.add(
        OrgInput(name="Gemeenteraad Kampen", kind="council", parent="Gemeente Kampen", seats=31)
    )
    groups = (
        ("ChristenUnie Kampen", "CU", 8),
        ("Ons Kampen", "", 7),
        ("CDA Kampen", "CDA", 5),
        ("GroenLinks Kampen", "GL", 3),
    )
    for name, short, seats in groups:
        s.orgs.add(
            OrgInput(
                name=name,
                short_name=short,
                kind="party-group",
                parent="Gemeenteraad Kampen",
                seats=seats,
            )
        )
    leader = s.people.add(
        PersonInput(surname="Jansen", initials="P.", gender="vrouw"),
        [
            RoleInput("Gemeenteraad Kampen", "raadslid"),
            RoleInput("Ons Kampen", "fractievoorzitter"),
        ],
    ).ids[0]
    dossier = s.dossiers.add(DossierInput("Wettelijk kinderpardon", "", "Gemeente Kampen")).ids[0]
    event = s.events.add(
        EventInput(
            title="Raadsvergadering Kampen",
            kind="plenary-debate",
            start=dt.datetime(2026, 6, 4, 19, 30, tzinfo=dt.UTC),
            organisation="Gemeenteraad Kampen",
            dossier_id=dossier,
        )
    ).ids[0]
    s.planning.set_stance(dossier, "voor", organisation="CU", on=dt.date(2026, 5, 1))
    s.planning.set_stance(
        dossier, "voor", person_id=leader, on=dt.date(2026, 5, 2), source="gesprek"
    )
    m = s.planning.majority(event_id=event, what_if={"CDA": "voor"})
    assert (m.total_seats, m.majority, m.voor, m.is_scenario) == (31, 16, 20, True)
    text = " ".join(pages(s.briefing.write(event, tmp_path / "raad.pdf", today=TODAY)))
    assert "meerderheid: 16" in text and "van de 31 zetels" in text
    assert "Gemeenteraad Kampen: 31 zetels." in text
    table = between(text, "Fracties, grootste eerst", "Contactgeschiedenis")
    assert [m.group(1) for m in re.finditer(r"\b(CU|Ons Kampen|CDA|GL) \d\b", table)] == [
        "CU",
        "Ons Kampen",
        "CDA",
        "GL",
    ]
    ons = group_row(table, "Ons Kampen", 7, "CDA", 5)
    assert "geen woordvoerder bekend" in ons and "P. Jansen · fractievoorzitter" in ons
    assert "voor 1 van 1 leden zei dit, laatst 2 mei 2026, gesprek" in ons
    assert s.briefing.default_name(event) == "briefing-2026-06-04-gemeenteraad-kampen.pdf"
