"""The built-in templates read as good Dutch in every combination; the Dutch filters."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

import pytest

from lobbycrm.letters import templates
from lobbycrm.letters.dutch import fractie, in_words, join_and, plural

BUILTIN = [
    "gezamenlijke-brief",
    "herinnering",
    "position-paper",
    "verkiezingsprogramma",
    "verzoek-griffie",
]
ORGS = [
    "Amnesty International Nederland",
    "ASKV",
    "Defence for Children",
    "INLIA Foundation",
    "Kinderrechtencollectief",
    "Meldpunt Vreemdelingendetentie",
    "Rode Kruis",
    "Stichting LOS",
    "UNICEF",
    "VluchtelingenWerk Nederland",
    "KinderpardonNU",
    "Werkgroep Kind in azc",
]
MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"


def test_in_words_up_to_twenty_then_digits() -> None:
    assert [in_words(n) for n in (1, 3, 12, 20)] == ["één", "drie", "twaalf", "twintig"]
    assert in_words(21) == "21" and in_words(31805) == "31.805"
    assert in_words(["a", "b", "c"]) == "drie"  # a list counts its items
    assert in_words("7") == "zeven" and in_words(None) == ""


def test_join_and_and_plural() -> None:
    assert join_and([]) == "" and join_and(["ASKV"]) == "ASKV"
    assert join_and(["ASKV", "UNICEF"]) == "ASKV en UNICEF"
    assert join_and([{"name": "A"}, {"name": "B"}, {"name": "C"}]) == "A, B en C"
    assert join_and(["A", "B"], "of") == "A of B"
    assert plural(1, "bijlage", "bijlagen") == "bijlage"
    assert plural([1, 2], "bijlage", "bijlagen") == "bijlagen"


def test_fractie_reads_as_dutch() -> None:
    assert fractie("CDA") == "CDA-fractie"
    assert fractie("GL-PvdA") == "GL-PvdA-fractie"
    assert fractie("Fractie-Nanninga") == "Fractie-Nanninga"
    assert fractie("Partij voor de Dieren") == "fractie van de Partij voor de Dieren"


def context(n: int, attachment: bool, event: bool, party: str, signatures: int) -> dict[str, Any]:
    ctx: dict[str, Any] = {
        "sender": {
            "name": "Noor Jansen",
            "function": "Political Affairs Officer",
            "email": "n.jansen@amnesty.example",
            "organisation": {"name": "Amnesty International Nederland"},
        },
        "recipient": {
            "salutation": "Geachte mevrouw Van Bijsterveld,",
            "portfolio": "asiel en migratie" if party else "",
            "party": party,
            "committee": "Immigratie & Asiel / JBZ-Raad" if party else "",
            "organisation": "Eerste Kamer der Staten-Generaal",
        },
        "cosigners": [{"name": name, "short_name": ""} for name in ORGS[:n]],
        "dossier": {
            "title": "Uitvoerings- en Implementatiewet EU-Asiel en Migratiepact",
            "kamerstuk": "36 334",
            "kernboodschap": "",
            "asks": ["Geen kinderen in grensdetentie."] if party else [],
        },
        "campaign": {
            "name": "Geen Kind in de Cel",
            "signatures": signatures,
            "partners": [{"name": "VluchtelingenWerk Nederland"}, {"name": "ASKV"}],
        },
        "attachments": (
            [{"name": "Petitie Geen Kind in de Cel.pdf", "title": "Petitie Geen Kind in de Cel"}]
            if attachment
            else []
        ),
        "fields": {},
        "today": dt.date(2026, 5, 13),
    }
    if event:
        ctx["event"] = {
            "title": "Plenaire behandeling Uitvoerings- en Implementatiewet",
            "start": dt.datetime(2026, 5, 19, 13, 30),
            "kind": "Plenair debat",
        }
    return ctx


def small_counts(text: str) -> list[str]:
    """Numbers up to twenty written in digits, leaving out dates and list numbering."""
    text = re.sub(rf"\b\d{{1,2}} ({MONTHS}) \d{{4}}\b", "", text)
    text = re.sub(r"(?m)^\d+\. ", "", text)
    return [m for m in re.findall(r"(?<![\d.])\b\d{1,2}\b(?![.,]?\d)", text) if int(m) <= 20]


COMBINATIONS = list(
    itertools.product(BUILTIN, (1, 2, 3, 12), (False, True), (False, True), ("CDA", ""), (7, 31805))
)


@pytest.mark.parametrize(("name", "n", "attachment", "event", "party", "signatures"), COMBINATIONS)
def test_every_combination_reads_well(
    name: str, n: int, attachment: bool, event: bool, party: str, signatures: int
) -> None:
    t = templates.load(name)
    r = templates.render(t, context(n, attachment, event, party, signatures), "test")
    text = f"{r.subject}\n\n{r.body}"
    assert "de fractie van" not in text
    assert small_counts(text) == [], text
    assert "deze punten" not in text
    assert "{" not in text and "}" not in text  # no template code, comments included
    if not attachment:
        assert not re.search(r"bijlage|bijgevoegd|bijgaand", text, re.IGNORECASE), text
    assert "  " not in text and "\n\n\n" not in text and " ." not in text and " ," not in text
    assert r.body.startswith(("Geachte mevrouw Van Bijsterveld,", "Geachte griffier,"))
    assert "Met vriendelijke groet,\n\nNoor Jansen\nPolitical Affairs Officer\n" in r.body


@pytest.mark.parametrize("n", [1, 2, 3, 12])
def test_joint_letter_counts_in_words_and_lists_each_cosigner(n: int) -> None:
    t = templates.load("gezamenlijke-brief")
    body = templates.render(t, context(n, True, True, "CDA", 7), "test").body
    words = {1: "", 2: "twee", 3: "drie", 12: "twaalf"}[n]
    if n > 1:
        assert f"Namens {words} maatschappelijke organisaties vragen wij" in body
        assert "\n".join(ORGS[:n]) in body
    else:
        assert "Namens Amnesty International Nederland vragen wij" in body
    assert "van de CDA-fractie" in body
    assert "gesteund door zeven mensen" in body
    assert "In de bijlage vindt u Petitie Geen Kind in de Cel." in body


def test_template_header_describes_template_and_fields() -> None:
    for name in BUILTIN:
        text = templates.load(name).body
        assert re.search(r"\{# description: [^#]+ #\}", text), name
        fields = set(re.findall(r"\{# field ([a-z_]+): [^#]+ #\}", text))
        used = set(re.findall(r"fields\.([a-z_]+)", text))
        assert used <= fields, f"{name}: fields without a description: {used - fields}"
