"""People involved in a debate, grouped by party group, with what they were sent."""

from __future__ import annotations

import datetime as dt

from lobbycrm.bootstrap import Context
from lobbycrm.core.validation import AMSTERDAM
from lobbycrm.services.interactions import InteractionInput
from lobbycrm.services.people import PersonFilter, RoleInput


def test_spokespersons_of_the_debate_by_party_group(demo_ctx: Context) -> None:
    s = demo_ctx.services
    debate = next(
        e
        for e in s.events.list()
        if e.kind == "plenary-debate" and e.organisation != "Gemeenteraad Amsterdam"
    )
    groups = s.involved.for_event(debate.id, today=dt.date(2026, 5, 18))
    by_group = {g.party_group: [p.display_name for p in g.people] for g in groups}
    assert by_group["CDA"] == ["Madeleine van Toorenburg"]
    assert by_group["VVD"] == ["Marian Kaljouw"]
    # The demo's BBB senators: their group is not confirmed in its sources, so none is listed.
    assert "BBB" not in by_group
    assert sum(len(g.people) for g in groups) == 16
    hattem = next(p for g in groups for p in g.people if p.display_name.endswith("Hattem"))
    assert hattem.last_sent_subject and hattem.last_sent_subject.startswith("Oproep")
    assert hattem.answered is False
    # A reply after the letter counts as answered; ending the role removes him.
    s.interactions.add(
        InteractionInput(
            kind="reply",
            person_id=hattem.person_id,
            occurred_at=dt.datetime(2026, 5, 15, 9, tzinfo=AMSTERDAM),
        )
    )
    again = s.involved.for_event(debate.id, today=dt.date(2026, 5, 18))
    assert next(p for g in again for p in g.people if p.person_id == hattem.person_id).answered
    role = next(r for r in s.people.get(hattem.person_id).roles if r.role == "woordvoerder")
    s.people.end_role(role.id, dt.date(2026, 5, 16))
    later = s.involved.for_event(debate.id, today=dt.date(2026, 5, 18))
    assert hattem.person_id not in [p.person_id for g in later for p in g.people]


def test_committee_members_when_event_belongs_to_a_committee(demo_ctx: Context) -> None:
    s = demo_ctx.services
    from lobbycrm.services.events import EventInput

    eid = s.events.add(
        EventInput(
            title="Commissievergadering",
            kind="committee-debate",
            date=dt.date(2026, 6, 2),
            organisation="vaste commissie voor Immigratie & Asiel / JBZ-Raad",
        )
    ).ids[0]
    member = s.people.list(PersonFilter(search="perin"))[0]
    s.people.add_role(
        member.id, RoleInput("vaste commissie voor Immigratie & Asiel / JBZ-Raad", "lid")
    )
    names = [p.display_name for g in s.involved.for_event(eid) for p in g.people]
    assert "Gaby Perin-Gopie" in names and "Laurens Dragstra" in names
