"""The reader's quick path for clean rows gives what cleaning each cell gives."""

from __future__ import annotations

import random

import pytest

from lobbycrm.core.validation import clean_text, is_clean
from lobbycrm.interchange.csvfile import read_rows

CELLS = [
    "Jansen",
    "van der Berg",
    " Jansen",
    "Jansen ",
    "van  der Berg",
    "Zoë",
    "Zoe\u0308",  # e + combining diaeresis: NFC makes it ë
    "Ömer",
    "Jan\u200bsen",  # zero-width space
    "Jan\u3164sen",  # Hangul filler, printable but invisible
    "Jan\u00a0sen",  # no-break space
    "'=1+1",  # the export's formula guard
    "'t Hart",
    "d'Ancona",
    "",
    "   ",
    "a\tb",
    "\ufe0fJansen",
]


@pytest.mark.parametrize("cell", CELLS)
def test_is_clean_means_cleaning_changes_nothing(cell: str) -> None:
    assert is_clean(cell) == (clean_text(cell) == cell)


def test_random_text_is_clean_exactly_when_cleaning_changes_nothing() -> None:
    alphabet = "aZ ë'\u0308\u200b\u3164\u00a0\t-é"
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
        assert is_clean(text) == (clean_text(text) == text), repr(text)


def _csv(rows: list[list[str]]) -> bytes:
    lines = ["voornaam;achternaam;e-mail;notities"]
    for row in rows:
        lines.append(";".join('"' + c.replace('"', '""') + '"' for c in row))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def test_each_cell_is_read_as_cleaning_it_gives() -> None:
    rng = random.Random(11)
    rows = [
        [rng.choice(CELLS), rng.choice(CELLS) or "X", "a@example.org", rng.choice(CELLS)]
        for _ in range(400)
    ]
    read = read_rows(_csv(rows), "p.csv")
    expected = []
    for row in rows:
        values = {}
        for field, cell in zip(("first_name", "surname", "email", "notes"), row, strict=True):
            if cell.startswith(("'=", "'+", "'-", "'@")):
                cell = cell[1:]
            cleaned = clean_text(cell, single_line=field != "notes")
            if cleaned:
                values[field] = cleaned
        if values:
            expected.append(values)
    assert [r.values for r in read] == expected
    assert all(not r.problems for r in read)
