"""The global search finds people, organisations, dossiers, motions and events."""

from __future__ import annotations

from lobbycrm.bootstrap import Context


def test_search_over_every_kind(demo_ctx: Context) -> None:
    search = demo_ctx.services.search.search
    person = demo_ctx.services.people.list()[0]
    hits = search(person.surname)
    assert ("person", person.id) in [(h.kind, h.id) for h in hits]
    org = demo_ctx.services.orgs.list()[0]
    assert ("organisation", org.id) in [(h.kind, h.id) for h in search(org.name)]
    dossier = demo_ctx.services.dossiers.list()[0]
    assert ("dossier", dossier.id) in [(h.kind, h.id) for h in search(dossier.title)]
    motion = demo_ctx.services.motions.list()[0]
    assert ("motion", motion.id) in [(h.kind, h.id) for h in search(motion.title)]
    event = demo_ctx.services.events.list()[0]
    assert ("event", event.id) in [(h.kind, h.id) for h in search(event.title)]


def test_wildcards_are_literal_and_empty_finds_nothing(demo_ctx: Context) -> None:
    assert demo_ctx.services.search.search("%") == []
    assert demo_ctx.services.search.search("   ") == []
