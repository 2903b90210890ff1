"""Prose with «placeholders» <-> Jinja template text: both ways, exactly, and honest refusals."""

from __future__ import annotations

import pytest

from lobbycrm.letters import prose, templates

LETTER = prose.ProseLetter(
    subject="Oproep voor «Naam debat» van «Datum debat»",
    body=(
        "«Aanhef»\n\n"
        "Namens «Aantal medeondertekenaars» organisaties schrijven wij u over «Kern». "
        "De {{ haakjes }} blijven tekst.\n\n"
        "«Alinea op maat: Fractie alinea»\n\n"
        "Inmiddels tekenden «Aantal handtekeningen» mensen; fractie: «Fractie», "
        "veld: «Fractie (veld)».\n\n"
        "Met vriendelijke groet,\n«Naam afzender»\n«Medeondertekenaars»\n"
    ),
    header=["{# description: Proefbrief #}", "{# field kern: De kern in een zin #}"],
    defaults={"kern": 'het "pact"'},
)

CONTEXT = {
    "recipient": {"salutation": "Geachte heer Van Hattem,", "party": "PVV"},
    "event": {"title": "Asielpact", "start": None},
    "cosigners": [{"name": "Amnesty"}, {"name": "UNICEF"}],
    "campaign": {"signatures": 31805},
    "sender": {"name": "Noor"},
}


def test_prose_to_jinja_and_back_is_exact() -> None:
    source = prose.to_jinja(LETTER)
    assert "{{ fields.kern | default(" in source
    assert "{% if fields.fractie_alinea is defined %}" in source
    assert source.startswith(
        "{# description: Proefbrief #}\n{# field kern: De kern in een zin #}\n"
    )
    assert templates.parse_template("proef", source).description == "Proefbrief"
    assert prose.to_prose(source) == LETTER
    # ... and the canonical text on disk survives a second round unchanged.
    assert prose.to_jinja(prose.to_prose(source)) == source


def test_the_jinja_renders_what_the_prose_says() -> None:
    template = templates.parse_template("proef", prose.to_jinja(LETTER))
    with_paragraph = templates.render(
        template, {**CONTEXT, "fields": {"fractie_alinea": "Speciaal voor u.", "fractie": "X"}}, "x"
    )
    assert with_paragraph.subject == "Oproep voor Asielpact van"
    body = with_paragraph.body
    assert body.startswith("Geachte heer Van Hattem,\n\nNamens 2 organisaties")
    assert 'over het "pact". De {{ haakjes }} blijven tekst.' in body
    assert (
        "\n\nSpeciaal voor u.\n\nInmiddels tekenden 31.805 mensen; fractie: PVV, veld: X." in body
    )
    assert body.endswith("Noor\nAmnesty en UNICEF\n")
    without = templates.render(template, {**CONTEXT, "fields": {"fractie": "X"}}, "x").body
    assert "Speciaal" not in without and "blijven tekst.\n\nInmiddels" in without


def test_placeholders_are_classified() -> None:
    assert prose.classify("Aanhef") == prose.Placeholder(
        "Aanhef", "builtin", "recipient.salutation"
    )
    assert prose.classify("Eerste brief").key == "eerste_brief"
    assert prose.classify("Fractie (veld)") == prose.Placeholder(
        "Fractie (veld)", "field", "fractie"
    )
    assert prose.classify("Alinea op maat: Fractie").kind == "paragraph"
    assert prose.field_label("fractie") == "Fractie (veld)"
    assert prose.field_name("Één zin") == "een_zin"
    assert prose.fields_in(LETTER) == ["kern", "fractie_alinea", "fractie"]


@pytest.mark.parametrize(
    ("source", "line", "why"),
    [
        ("Onderwerp: x\n\nA\n{% for c in cosigners %}{{ c.name }}{% endfor %}\n", 4, "herhaalt"),
        ("Onderwerp: x\n\nA\n\n{% if recipient.party %}B{% endif %}\n", 5, "voorwaarde"),
        ("Onderwerp: x\n\n{% macro m() %}x{% endmacro %}\n", 3, "macro"),
        ("Onderwerp: {{ recipient.tags[0] }}\n\nA\n", 1, "uitdrukking"),
        ("Onderwerp: x\n\nA «B»\n", 3, "«"),
        ("Onderwerp: x\n\nA\n{% if %}\n", 4, ""),
        ("{# description: D #}\nOnderwerp: x\n\nA\n{% for x in y %}{% endfor %}\n", 5, "herhaalt"),
    ],
)
def test_logic_prose_cannot_show_is_reported_with_line_and_reason(
    source: str, line: int, why: str
) -> None:
    with pytest.raises(prose.NotProse) as caught:
        prose.to_prose(source)
    problem = caught.value.problems[0]
    assert problem.line == line
    assert why in problem.reason


def test_builtin_joint_letter_is_refused_with_reasons() -> None:
    source = templates.load("gezamenlijke-brief").path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    with pytest.raises(prose.NotProse) as caught:
        prose.to_prose(source)
    assert caught.value.problems


def test_header_with_field_adds_or_replaces() -> None:
    header = prose.header_with_field(["{# description: D #}"], "kern", "Eerste")
    assert header == ["{# description: D #}", "{# field kern: Eerste #}"]
    assert prose.header_with_field(header, "kern", "Tweede")[1] == "{# field kern: Tweede #}"
