"""Dutch name rules from DOMAIN.md."""

from __future__ import annotations

import pytest

from lobbycrm.core import names
from lobbycrm.core.names import NameParts


def P(
    surname: str,
    particle: str = "",
    initials: str = "",
    first: str = "",
    titles: str = "",
    belgian: bool = False,
) -> NameParts:
    return NameParts(
        surname=surname,
        particle=particle,
        initials=initials,
        first_name=first,
        titles=titles,
        particle_is_surname=belgian,
    )


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (P("Hattem", "van", first="Alexander"), "Alexander van Hattem"),
        (P("Hattem", "van", initials="A."), "A. van Hattem"),
        (P("Bijsterveld", "van", first="Karin"), "Karin van Bijsterveld"),
        (P("Veld", "In 't", first="Sophie"), "Sophie in 't Veld"),
        (P("Hattem", "van"), "Van Hattem"),
        (P("Rompuy", "Van", first="Herman", belgian=True), "Herman Van Rompuy"),
    ],
)
def test_display_name_lowercases_particle_after_given_name(parts: NameParts, expected: str) -> None:
    assert names.display_name(parts) == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (P("Hattem", "van"), "Van Hattem"),
        (P("Linden", "van der"), "Van der Linden"),
        (P("Veld", "in 't"), "In 't Veld"),
        (P("Veld", "'t"), "'t Veld"),
        (P("Bijsterveld-ter Horst", "van den"), "Van den Bijsterveld-ter Horst"),
        (P("Perin-Gopie"), "Perin-Gopie"),
    ],
)
def test_surname_alone_capitalises_only_first_particle_word(
    parts: NameParts, expected: str
) -> None:
    assert names.surname_alone(parts) == expected


@pytest.mark.parametrize(
    ("parts", "gender", "expected"),
    [
        (P("Hattem", "van", "A.", "Alexander", "mr. dr."), "man", "Geachte heer Van Hattem,"),
        (P("Perin-Gopie", "", "G.", "Gaby", "mr."), "vrouw", "Geachte mevrouw Perin-Gopie,"),
        (P("Dessing", first="Johan"), "onbekend", "Geachte Johan Dessing,"),
        (P("Dessing", initials="J."), "onbekend", "Geachte heer/mevrouw Dessing,"),
        (
            P("Bijsterveld-ter Horst", "van den", first="Karin"),
            "vrouw",
            "Geachte mevrouw Van den Bijsterveld-ter Horst,",
        ),
        (P("Veld", "in 't", first="Sophie"), "vrouw", "Geachte mevrouw In 't Veld,"),
        (P("Linden", "van der", first="Zoë"), "onbekend", "Geachte Zoë van der Linden,"),
    ],
)
def test_salutation(parts: NameParts, gender: str, expected: str) -> None:
    assert names.salutation(parts, gender) == expected


def test_titles_in_address_block_not_in_salutation() -> None:
    p = P("Hattem", "van", "A.", "Alexander", "mr. dr.")
    assert names.address_line(p, "man") == "De heer mr. dr. A. van Hattem"
    assert "mr." not in names.salutation(p, "man")
    assert names.address_line(P("Perin-Gopie", "", "G.", titles="mr."), "vrouw") == (
        "Mevrouw mr. G. Perin-Gopie"
    )


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (P("Hattem", "van", "A."), "Hattem, A. van"),
        (P("Linden", "van der", "Z."), "Linden, Z. van der"),
        (P("Bijsterveld-ter Horst", "van den", "K."), "Bijsterveld-ter Horst, K. van den"),
        (P("Rompuy", "van", "H.", belgian=True), "Van Rompuy, H."),
    ],
)
def test_sort_name_puts_particle_after(parts: NameParts, expected: str) -> None:
    assert names.sort_name(parts) == expected


def test_sort_order_is_dutch_case_and_accent_insensitive() -> None:
    people = [
        P("Vries", "de", "J."),
        P("Ömer", initials="A."),
        P("Vriesema", initials="B."),
        P("Hattem", "van", "A."),
        P("Linden", "van der", "Z."),
        P("Oosterhout", initials="C."),
        P("ozturk", initials="D."),
        P("Rompuy", "Van", "H.", belgian=True),
        P("Aalst", initials="E."),
    ]
    ordered = [names.sort_name(p) for p in sorted(people, key=names.sort_key)]
    assert ordered == [
        "Aalst, E.",
        "Hattem, A. van",
        "Linden, Z. van der",
        "Ömer, A.",
        "Oosterhout, C.",
        "ozturk, D.",
        "Van Rompuy, H.",
        "Vries, J. de",
        "Vriesema, B.",
    ]


def test_fold_keeps_letters_without_accents() -> None:
    assert names.fold("Zoë Ørsted Yılmaz José") == "zoe orsted yilmaz jose"


def test_diacritics_are_kept_in_display() -> None:
    assert names.display_name(P("Yılmaz", first="Zoë")) == "Zoë Yılmaz"


@pytest.mark.parametrize(
    ("text", "titles", "initials", "first", "particle", "surname"),
    [
        ("Jan de Vries", "", "J.", "Jan", "de", "Vries"),
        ("A. van Hattem", "", "A.", "", "van", "Hattem"),
        (
            "Karin van den Bijsterveld-ter Horst",
            "",
            "K.",
            "Karin",
            "van den",
            "Bijsterveld-ter Horst",
        ),
        ("mr. dr. A.B. van der Linden", "mr. dr.", "A.B.", "", "van der", "Linden"),
        ("Sophie in 't Veld", "", "S.", "Sophie", "in 't", "Veld"),
        ("Hattem, A. van", "", "A.", "", "van", "Hattem"),
        ("martin van rooijen", "", "M.", "Martin", "van", "Rooijen"),
        ("Gaby Perin-Gopie", "", "G.", "Gaby", "", "Perin-Gopie"),
        ("Jan Willem de Boer", "", "J.W.", "Jan Willem", "de", "Boer"),
        ("Zoë Ørsted", "", "Z.", "Zoë", "", "Ørsted"),
        ("Hattem", "", "", "", "", "Hattem"),
    ],
)
def test_parse_full_name(
    text: str, titles: str, initials: str, first: str, particle: str, surname: str
) -> None:
    p = names.parse_full_name(text)
    assert (p.titles, p.initials, p.first_name, p.particle, p.surname) == (
        titles,
        initials,
        first,
        particle,
        surname,
    )


def test_parse_empty_name_is_refused() -> None:
    with pytest.raises(ValueError):
        names.parse_full_name("   ")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("ab", "A.B."), ("A B", "A.B."), ("A.B", "A.B."), ("Th. J.", "Th.J."), ("", "")],
)
def test_normalize_initials(raw: str, expected: str) -> None:
    assert names.normalize_initials(raw) == expected


def test_role_and_group_salutations() -> None:
    assert names.role_salutation("Griffier") == "Geachte griffier,"
    assert names.role_salutation("fractievoorzitter") == "Geachte fractievoorzitter,"
    assert names.group_salutation("Eerste Kamer") == "Geachte senatoren,"
    assert names.group_salutation("Tweede Kamer") == "Geachte Kamerleden,"
    assert names.group_salutation("vaste commissie voor Asiel en Migratie") == (
        "Geachte leden van de vaste commissie voor Asiel en Migratie,"
    )
