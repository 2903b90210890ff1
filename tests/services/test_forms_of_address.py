"""Forms of address end to end: a person's own salutation, names typed whole, bodies
addressed as bodies in a rendered letter, duplicates across typing styles, open data."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from lobbycrm.bootstrap import Context
from lobbycrm.db.models import Person
from lobbycrm.services.letters import LetterRequest
from lobbycrm.services.orgs import OrgInput
from lobbycrm.services.people import PersonInput, RoleInput, name_parts, refresh_derived

COMMITTEE = "Immigratie & Asiel / JBZ-Raad"
TEMPLATE = """Onderwerp: Uitvoeringswet

{{ recipient.salutation }}
{% if body is defined %}{{ body.salutation }}
{{ body.address_line }}
{% endif %}{{ recipient.party_address }}
{{ recipient.committee_salutation }}
{{ recipient.address_line }}
"""


def _senate(ctx: Context) -> tuple[int, int]:
    orgs, people = ctx.services.orgs, ctx.services.people
    orgs.add(
        OrgInput(name="Eerste Kamer der Staten-Generaal", short_name="Eerste Kamer", kind="chamber")
    )
    orgs.add(OrgInput(name="CDA", kind="party-group", parent="Eerste Kamer"))
    orgs.add(
        OrgInput(name=COMMITTEE, short_name="I&A/JBZ", kind="committee", parent="Eerste Kamer")
    )
    roles = [
        RoleInput("Eerste Kamer", "senator"),
        RoleInput("CDA", "lid"),
        RoleInput(COMMITTEE, "lid"),
    ]
    # Typed whole into the surname field, with her own form of address.
    jansen = people.add(
        PersonInput(
            surname="mevrouw drs. A.J. Jansen-de Jong",
            emails=["a.jansen@eerstekamer.example"],
            own_salutation="mevrouw Jansen",
        ),
        roles,
    ).ids[0]
    hart = people.add(
        PersonInput(
            surname="'T Hart",
            first_name="Maarten",
            gender="man",
            emails=["m.thart@eerstekamer.example"],
        ),
        roles,
    ).ids[0]
    return jansen, hart


def test_whole_name_typed_is_stored_in_parts_with_gender(ctx: Context) -> None:
    jansen, hart = _senate(ctx)
    p = ctx.services.people.get(jansen)
    assert (p.titles, p.initials, p.particle, p.surname, p.gender) == (
        "drs.",
        "A.J.",
        "",
        "Jansen-de Jong",
        "vrouw",
    )
    assert p.computed_salutation == "Geachte mevrouw Jansen-de Jong,"
    assert p.salutation == "Geachte mevrouw Jansen,"
    assert p.address_line == "Mevrouw drs. A.J. Jansen-de Jong"
    h = ctx.services.people.get(hart)
    assert (h.particle, h.surname, h.salutation, h.sort_name) == (
        "'t",
        "Hart",
        "Geachte heer 't Hart,",
        "Hart, M. 't",
    )


def test_own_salutation_is_kept_by_an_edit_that_does_not_show_it_and_cleared_by_empty(
    ctx: Context,
) -> None:
    jansen, _hart = _senate(ctx)
    people = ctx.services.people
    p = people.get(jansen)
    people.update(jansen, PersonInput(surname=p.surname, initials=p.initials, gender="vrouw"))
    assert people.get(jansen).salutation == "Geachte mevrouw Jansen,"
    people.update(
        jansen,
        PersonInput(surname=p.surname, initials=p.initials, gender="vrouw", own_salutation=""),
    )
    assert people.get(jansen).salutation == "Geachte mevrouw Jansen-de Jong,"


def test_rendered_letter_uses_own_salutation_and_addresses_the_committee_as_a_body(
    ctx: Context, tmp_path: Path
) -> None:
    jansen, hart = _senate(ctx)
    letters = ctx.services.letters
    letters.save_template("aan-de-commissie", TEMPLATE)
    req = LetterRequest(
        template="aan-de-commissie",
        selectors=[f"committee:{COMMITTEE}"],
        fmt="txt",
        out_dir=tmp_path / "out",
    )
    report = letters.produce(req)
    texts = {
        p.name.rsplit("-", 1)[1].removesuffix(".txt"): p.read_text("utf-8") for p in report.written
    }
    assert len(texts) == 2
    her, him = texts[str(jansen)], texts[str(hart)]
    assert "Geachte mevrouw Jansen,\n" in her and "Jansen-de Jong," not in her
    assert "Geachte heer 't Hart,\n" in him
    for text in (her, him):
        assert "Geachte leden van de vaste commissie voor Immigratie & Asiel / JBZ-Raad,\n" in text
        assert (
            "Aan de leden van de vaste commissie voor Immigratie & Asiel / JBZ-Raad van de "
            "Eerste Kamer\n" in text
        )
        assert "Aan de leden van de CDA-fractie in de Eerste Kamer\n" in text
    assert "Mevrouw drs. A.J. Jansen-de Jong\n" in her
    # The full official name, once set, is what letters use.
    cda = ctx.services.orgs.find("CDA")
    ctx.services.orgs.update(
        cda.id,
        OrgInput(
            name="CDA",
            kind="party-group",
            parent="Eerste Kamer",
            full_name="fractie van het CDA in de Eerste Kamer",
        ),
    )
    assert ctx.services.orgs.get(cda.id).address_line == (
        "Aan de leden van de fractie van het CDA in de Eerste Kamer"
    )
    copy = letters.copies(req)[0]
    assert "Aan de leden van de fractie van het CDA in de Eerste Kamer\n" in copy.body


def test_a_letter_to_persons_has_no_body(ctx: Context) -> None:
    jansen, _hart = _senate(ctx)
    letters = ctx.services.letters
    assert letters.addressed_body([f"person:{jansen}"]) is None
    assert letters.addressed_body(["org:CDA"]) is not None
    assert letters.addressed_body(["org:CDA+role:lid"]) is None


def test_duplicates_pair_a_name_typed_whole_with_the_same_name_in_parts(ctx: Context) -> None:
    people = ctx.services.people
    in_parts = people.add(
        PersonInput(surname="Berg", particle="van der", initials="J.P.", titles="mr. drs.")
    ).ids[0]
    people.add(PersonInput(surname="Berg", particle="van der", initials="K."))
    # Written by an older version or another tool: the whole name in the surname column.
    with ctx.sessions.begin() as s:
        old = Person(surname="mr. drs. J.P. van der Berg", sort_key="")
        s.add(old)
        s.flush()
        refresh_derived(old)
        whole = old.id
    pairs = ctx.services.duplicates.candidates()
    assert [(p.keep_id, p.other_id, p.reason) for p in pairs] == [(in_parts, whole, "name")]
    ctx.services.duplicates.merge(whole, in_parts)
    with ctx.sessions() as s:
        kept = s.scalars(select(Person).where(Person.id == whole)).one()
        parts = name_parts(kept)
    assert (parts.titles, parts.initials, parts.particle, parts.surname) == (
        "mr. drs.",
        "J.P.",
        "van der",
        "Berg",
    )
