"""Delete with undo: the bin restores a person, organisation or dossier with everything attached."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import NotFoundError, ValidationError
from lobbycrm.db.models import event_person
from lobbycrm.services.people import PersonFilter, PersonInput


def _person_with_everything(ctx: Context) -> int:
    for p in ctx.services.people.list():
        if p.roles and p.tags and p.emails and ctx.services.interactions.list(person_id=p.id):
            return p.id
    raise AssertionError("the demo data has no person with roles, tags, e-mail and timeline")


def _links(ctx: Context, person_id: int) -> int:
    with ctx.sessions() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(event_person)
                .where(event_person.c.person_id == person_id)
            )
            or 0
        )


def test_delete_then_restore_brings_back_the_full_person(demo_ctx: Context) -> None:
    services = demo_ctx.services
    pid = _person_with_everything(demo_ctx)
    with demo_ctx.sessions.begin() as s:
        event_id = services.events.list()[0].id
        s.execute(event_person.insert().values(event_id=event_id, person_id=pid))
    before = services.people.get(pid)
    timeline = services.interactions.list(person_id=pid)
    total = services.people.count(PersonFilter())

    changes = services.bin.delete("person", pid)
    assert "person" in changes
    with pytest.raises(NotFoundError):
        services.people.get(pid)
    assert services.people.count(PersonFilter()) == total - 1
    assert [e.label for e in services.bin.entries()] == [before.display_name]

    restored = services.bin.restore()
    assert restored.ids == (pid,)
    after = services.people.get(pid)
    assert (after.display_name, after.emails, after.phones, after.addresses, after.tags) == (
        before.display_name,
        before.emails,
        before.phones,
        before.addresses,
        before.tags,
    )
    assert [(r.organisation, r.role, r.start, r.end) for r in after.roles] == [
        (r.organisation, r.role, r.start, r.end) for r in before.roles
    ]
    assert [
        (i.kind, i.subject, i.occurred_at) for i in services.interactions.list(person_id=pid)
    ] == [(i.kind, i.subject, i.occurred_at) for i in timeline]
    assert _links(demo_ctx, pid) == 1
    assert services.bin.entries() == []


def test_restore_with_an_empty_bin_says_so(ctx: Context) -> None:
    with pytest.raises(ValidationError, match="niets"):
        ctx.services.bin.restore()


def test_restore_survives_a_deleted_tag_and_a_reused_id(demo_ctx: Context) -> None:
    services = demo_ctx.services
    pid = _person_with_everything(demo_ctx)
    tags = services.people.get(pid).tags
    services.bin.delete("person", pid)
    new_id = services.people.add(PersonInput(surname="Nieuw")).ids[0]
    restored_id = services.bin.restore().ids[0]
    assert restored_id != new_id
    assert services.people.get(restored_id).tags == tags


def test_organisation_and_dossier_links_come_back(demo_ctx: Context) -> None:
    services = demo_ctx.services
    dossier = next(d for d in services.dossiers.list() if services.motions.list(dossier_id=d.id))
    motions = [m.id for m in services.motions.list(dossier_id=dossier.id)]
    services.bin.delete("dossier", dossier.id)
    assert all(services.motions.get(m).dossier_id is None for m in motions)
    services.bin.restore()
    assert all(services.motions.get(m).dossier_id == dossier.id for m in motions)

    org = next(o for o in services.orgs.list() if services.people.rows_for_org(o.id))
    members = services.people.rows_for_org(org.id)
    services.bin.delete("organisation", org.id)
    assert services.people.rows_for_org(org.id) == []
    services.bin.restore()
    assert services.people.rows_for_org(org.id) == members
