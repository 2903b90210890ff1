"""Recycle bin, duplicates and global search on a real PostgreSQL server (when installed)."""

from __future__ import annotations

from lobbycrm.bootstrap import open_context
from lobbycrm.services.people import PersonFilter, PersonInput


def test_bin_merge_and_search_on_postgresql(pg_url: str) -> None:
    ctx = open_context(pg_url)
    try:
        services = ctx.services
        services.demo.load()
        person = services.people.list(PersonFilter(search="hattem"))[0]
        total = services.people.count()
        services.bin.delete("person", person.id)
        assert services.people.count() == total - 1
        assert services.bin.restore().ids == (person.id,)
        back = services.people.get(person.id)
        assert (back.emails, back.tags, len(back.roles)) == (
            person.emails,
            person.tags,
            len(person.roles),
        )
        copy = services.people.add(
            PersonInput(surname="Hattem", particle="van", emails=[person.emails[0].upper()])
        ).ids[0]
        pairs = services.duplicates.candidates()
        assert (person.id, copy, "email") in [(p.keep_id, p.other_id, p.reason) for p in pairs]
        services.duplicates.merge(person.id, copy)
        assert services.people.count() == total
        hits = services.search.search("hattem")
        assert ("person", person.id) in [(h.kind, h.id) for h in hits]
    finally:
        ctx.close()
