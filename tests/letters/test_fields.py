"""The fields a template uses, their descriptions and defaults, and which ones are required."""

from __future__ import annotations

from pathlib import Path

from lobbycrm.letters import templates
from lobbycrm.letters.fields import (
    FieldInfo,
    field_values,
    missing_fields,
    template_description,
    template_fields,
)

SOURCE = """{# description: Brief aan de woordvoerders
   voor een debat #}
{# field kern: De kern van de oproep (default: Wij vragen uw aandacht.) #}
{# field naam_debat: Naam van het debat #}
{# field ongebruikt: Staat er, maar wordt niet gebruikt #}
Onderwerp: {{ fields.naam_debat }}

{{ fields.kern }} {{ fields["datum"] }}
{% if fields.fractie %}{{ fields.fractie }}{% endif %}
{{ fields.x if fields.x else "" }} {{ fields.get("y") }}
{{ fields.slot | default("Met dank.") }}
{% if fields.z is defined %}ja{% else %}{{ fields.z }}{% endif %}
{{ fields.w }}{% if fields.w is defined %}!{% endif %}
"""


def test_fields_in_order_with_descriptions_defaults_and_required() -> None:
    found = template_fields(SOURCE)
    assert found == [
        FieldInfo("kern", "De kern van de oproep", "Wij vragen uw aandacht.", False),
        FieldInfo("naam_debat", "Naam van het debat", None, True),
        FieldInfo("datum", "", None, True),
        FieldInfo("fractie", "", None, False),
        FieldInfo("x", "", None, False),
        FieldInfo("y", "", None, False),
        FieldInfo("slot", "", "Met dank.", False),
        # Guarded in the if-branch, used bare in the else-branch: required.
        FieldInfo("z", "", None, True),
        # One unguarded use is enough to need a value.
        FieldInfo("w", "", None, True),
    ]


def test_description_spans_lines_and_is_empty_without_comment() -> None:
    assert template_description(SOURCE) == "Brief aan de woordvoerders voor een debat"
    assert template_description("Onderwerp: x\n\nTekst") == ""


def test_missing_fields_counts_blank_as_missing() -> None:
    missing = missing_fields(SOURCE, {"naam_debat": "  ", "datum": "1 mei", "z": "z"})
    assert [f.name for f in missing] == ["naam_debat", "w"]
    assert missing_fields(SOURCE, {"naam_debat": "D", "datum": "1", "z": "z", "w": "w"}) == []


def test_template_with_syntax_error_still_lists_its_fields() -> None:
    found = template_fields('{{ fields.a }} {% if %} {{ fields["b"] }} {{ fields.get("c") }}')
    assert [(f.name, f.required) for f in found] == [("a", True), ("b", True), ("c", False)]


def test_builtin_templates_need_no_field() -> None:
    for path in sorted(templates.builtin_dir().glob("*.txt")):
        source = Path(path).read_text(encoding="utf-8")
        assert missing_fields(source, {}) == [], path.name


def test_rendering_with_field_values_fills_defaults_and_leaves_optional_empty() -> None:
    source = (
        "{# field kern: Kern (default: Standaard) #}\n"
        "Onderwerp: {{ fields.naam_debat }}\n\n"
        "{{ fields.kern }}|{% if fields.fractie %}F{% endif %}|{{ fields.slot | default('S') }}"
    )
    tpl = templates.parse_template("t", source.split("\n", 1)[1])
    out = templates.render(tpl, {"fields": field_values(source, {"naam_debat": "Debat"})}, "iemand")
    assert out.subject == "Debat"
    assert out.body == "Standaard||S\n"


def test_comment_default_of_a_guarded_field_only_describes_it() -> None:
    """`{% if fields.kern is defined %}` decides itself what an empty field means: the
    comment's default is shown to the user, never put into the letter."""
    source = (
        "Onderwerp: x\n{# field kern: Kern (default: de kernboodschap van het dossier) #}\n"
        "{# field datum: Datum (default: volgende week) #}\n\n"
        "{% if fields.kern is defined %}{{ fields.kern }}{% else %}Eigen tekst.{% endif %} "
        "{{ fields.datum }}"
    )
    assert [(f.name, f.default, f.required) for f in template_fields(source)] == [
        ("kern", "de kernboodschap van het dossier", False),
        ("datum", "volgende week", False),
    ]
    tpl = templates.parse_template("t", source)
    out = templates.render(tpl, {"fields": field_values(source, {})}, "iemand")
    assert out.body == "Eigen tekst. volgende week\n"
