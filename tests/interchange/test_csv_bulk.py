"""A large CSV import: rows written in bulk read back whole, one change-log entry per table,
an unchanged re-import changes nothing and a changed row updates only that person."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lobbycrm.bootstrap import Context
from lobbycrm.services.people import PersonFilter

HEADER = (
    "voornaam;tussenvoegsel;achternaam;aanhef;e-mail;telefoon;organisatie;functie;begindatum;tags"
)


def _file(path: Path, rows: int, surname_of_3: str = "Jansen3") -> Path:
    lines = [HEADER]
    for i in range(rows):
        surname = surname_of_3 if i == 3 else f"Jansen{i}"
        lines.append(
            f"Zoë;van der;{surname};mevr;p{i}@example.org;06 {10000000 + i};Tweede Kamer;"
            f"woordvoerder;1-2-2024;{'import, bench' if i % 2 else ''}"
        )
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def test_bulk_rows_read_back_and_are_logged_once_per_table(ctx: Context, tmp_path: Path) -> None:
    before = {c.id for c in ctx.services.audit.log()}
    report = ctx.services.imports.import_csv(_file(tmp_path / "a.csv", 300), create_orgs=True)
    assert report.ok and report.added == 300
    people = ctx.services.people.list(PersonFilter(search="Jansen3"), limit=20)
    person = next(p for p in people if p.surname == "Jansen3")
    assert person.display_name == "Zoë van der Jansen3" and person.gender == "vrouw"
    assert person.emails == ["p3@example.org"] and person.phones == ["06 10000003"]
    assert person.tags == ["bench", "import"]
    role = person.roles[0]
    assert (role.organisation, role.role, role.start) == (
        "Tweede Kamer",
        "woordvoerder",
        dt.date(2024, 2, 1),
    )
    assert isinstance(person.updated_at, dt.datetime)
    new = [c for c in ctx.services.audit.log() if c.id not in before]
    counted = {c.kind: c.rows for c in new if c.action == "add" and c.row_id is None}
    assert counted == {"person": 300, "contact_point": 600, "role": 300, "person_tag": 300}


def test_reimport_changes_nothing_and_a_changed_row_only_its_person(
    ctx: Context, tmp_path: Path
) -> None:
    path = _file(tmp_path / "a.csv", 50)
    ctx.services.imports.import_csv(path, create_orgs=True)
    count = len(ctx.services.audit.log())
    again = ctx.services.imports.import_csv(path, create_orgs=True)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 50)
    assert len(ctx.services.audit.log()) == count
    changed = ctx.services.imports.import_csv(
        _file(tmp_path / "b.csv", 50, surname_of_3="Jansen-Smit"), create_orgs=True
    )
    assert (changed.added, changed.updated, changed.unchanged) == (0, 1, 49)
    assert [p.surname for p in ctx.services.people.list(PersonFilter(search="Smit"))] == [
        "Jansen-Smit"
    ]


def test_author_with_quotes_is_stored_as_typed(db_path: Path, tmp_path: Path) -> None:
    # The author every bulk row shares is written into the statement once, as an SQL literal.
    from lobbycrm.bootstrap import open_context

    author = "Sinéad O'Neill'); DROP TABLE person; --"
    ctx = open_context(str(db_path), user=author)
    try:
        report = ctx.services.imports.import_csv(_file(tmp_path / "a.csv", 5), create_orgs=True)
        assert report.ok and report.added == 5
        people = ctx.services.people.list(PersonFilter(search="Jansen"), limit=20)
        assert len(people) == 5 and {p.updated_by for p in people} == {author}
        assert all(p.roles[0].start == dt.date(2024, 2, 1) for p in people)
        assert {c.author for c in ctx.services.audit.log()} >= {author}
    finally:
        ctx.close()


def test_imported_persons_keep_the_keys_an_edit_would_give(ctx: Context, tmp_path: Path) -> None:
    """The bulk path writes sort key and search text itself: the same as the path every edit
    takes (refresh_derived), for names with particles, accents, inner particles and no first
    name or e-mail."""
    from sqlalchemy import select

    from lobbycrm.db.models import Person
    from lobbycrm.services.people import refresh_derived

    rows = [
        "Zoë;van der;Berg;mevr;zoe@example.org",
        ";de;Jansen-De Jong;;",
        "Ömer;;Öztürk;dhr;OMER@Example.ORG",
        "Jan Willem;in 't;Veld;;jw@example.org",
        "Anna;;d'Ancona;;",
    ]
    path = tmp_path / "namen.csv"
    path.write_text("voornaam;tussenvoegsel;achternaam;aanhef;e-mail\n" + "\n".join(rows) + "\n")
    assert ctx.services.imports.import_csv(path).added == len(rows)
    with ctx.sessions() as s:
        people = s.scalars(select(Person)).all()
        stored = {p.id: (p.sort_key, p.search_text) for p in people}
        for p in people:
            refresh_derived(p)
        derived = {p.id: (p.sort_key, p.search_text) for p in people}
        s.rollback()
    assert len(stored) == len(rows) and stored == derived
    assert any("omer@example.org" in text for _key, text in stored.values())


def test_reimport_of_some_persons_compares_each_with_itself(ctx: Context, tmp_path: Path) -> None:
    """A re-import reads the stored persons by id range when their ids lie close together and
    by the ids themselves when they are scattered: every other person (a range with persons in
    between that are not in the file) and every tenth (scattered), one of each changed. Each
    row is compared with its own person only, and only the changed ones are updated."""
    lines = _file(tmp_path / "all.csv", 200).read_text(encoding="utf-8-sig").splitlines()
    assert ctx.services.imports.import_csv(tmp_path / "all.csv", create_orgs=True).added == 200
    for step, changed_row in ((2, 42), (10, 150)):
        rows = [line for i, line in enumerate(lines[1:]) if i % step == 0]
        rows = [
            line.replace(f";Jansen{i * step};", f";Jansen{i * step}-Smit{step};")
            if i * step == changed_row
            else line
            for i, line in enumerate(rows)
        ]
        path = tmp_path / f"every-{step}.csv"
        path.write_text("\n".join([lines[0], *rows]) + "\n", encoding="utf-8")
        report = ctx.services.imports.import_csv(path, create_orgs=True)
        assert (report.added, report.updated, report.unchanged) == (0, 1, len(rows) - 1)
        found = ctx.services.people.list(PersonFilter(search=f"Smit{step}"))
        assert [p.surname for p in found] == [f"Jansen{changed_row}-Smit{step}"]
        assert found[0].emails == [f"p{changed_row}@example.org"]
    assert ctx.services.people.count() == 200


def test_the_quick_unchanged_test_agrees_with_merging() -> None:
    """A re-import asks `_unchanged(old, new)` instead of `_merge(old, new) == old`: on
    50,000 random pairs (names, given parts, genders, e-mail addresses in other case, phones,
    tags in capitals, an own salutation) both say the same, and both answers occur."""
    import dataclasses
    import random

    from lobbycrm.services.imports import _merge, _unchanged
    from lobbycrm.services.people import PersonInput

    rng = random.Random(27)

    def some(pool: list[str], most: int = 2) -> list[str]:
        return rng.sample(pool, rng.randint(0, most))

    def person(stored: bool) -> PersonInput:
        return PersonInput(
            surname=rng.choice(["Jansen", "Berg"]),
            particle=rng.choice(["", "van der"]),
            initials=rng.choice(["", "A.", "J.W."]),
            first_name=rng.choice(["", "Anna", "Jan Willem"]),
            titles=rng.choice(["", "mr."]),
            gender=rng.choice(["man", "vrouw", "onbekend"]),
            notes=rng.choice(["", "kent ons"]),
            emails=some(["a@x.nl", "A@X.nl", "b@x.nl"]),
            phones=some(["06 1", "06 2"]),
            tags=[t.lower() for t in some(["Zorg", "asiel"])]
            if stored
            else some(["Zorg", "asiel"]),
            own_salutation=rng.choice([None, None, None, "Beste Anna"]) if stored else None,
        )

    fields = ["surname", "initials", "first_name", "titles", "gender", "notes", "emails"]
    fields += ["phones", "tags"]
    answers = set()
    for _ in range(50_000):
        old, new = person(stored=True), person(stored=False)
        if rng.random() < 0.5:
            # The row as stored, typed in other case, with at most one field from another row.
            again = dataclasses.replace(
                old,
                own_salutation=None,
                emails=[e.swapcase() for e in old.emails],
                tags=[t.title() for t in old.tags],
            )
            changed = rng.choice([None, *fields])
            new = (
                again
                if changed is None
                else dataclasses.replace(again, **{changed: getattr(new, changed)})
            )
        expected = _merge(old, new) == old
        assert _unchanged(old, new) == expected, (old, new)
        answers.add(expected)
    assert answers == {True, False}
