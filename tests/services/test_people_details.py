"""`details` (plain rows, for listings of thousands) gives what `list` (ORM objects) gives."""

from __future__ import annotations

import sqlite3

import pytest

from lobbycrm.bootstrap import Context
from lobbycrm.services.people import PersonFilter


@pytest.mark.parametrize(
    "f",
    [
        PersonFilter(),
        PersonFilter(search="van"),
        PersonFilter(current=True),
        PersonFilter(search="zzz-nobody"),
    ],
)
def test_details_equal_list(demo_ctx: Context, f: PersonFilter) -> None:
    fast = [p.to_json() for p in demo_ctx.services.people.details(f)]
    slow = [p.to_json() for p in demo_ctx.services.people.list(f)]
    assert fast == slow
    if f == PersonFilter():
        assert len(fast) > 10
        assert any(p["roles"] for p in fast) and any(p["tags"] for p in fast)
        assert any(p["contacts"] for p in fast)


def test_details_of_a_damaged_row_and_a_role_without_organisation(demo_ctx: Context) -> None:
    """A name with a control character and a role whose organisation another tool deleted
    still list, saying what is wrong, the same way in both."""
    first = demo_ctx.services.people.list(PersonFilter(current=True))[0]
    demo_ctx.engine.dispose()
    with sqlite3.connect(str(demo_ctx.engine.url.database)) as conn:  # another tool
        conn.execute("UPDATE person SET surname = surname || char(27) WHERE id = ?", (first.id,))
        conn.execute("UPDATE role SET organisation_id = 999999 WHERE person_id = ?", (first.id,))
    fast = [p.to_json() for p in demo_ctx.services.people.details()]
    slow = [p.to_json() for p in demo_ctx.services.people.list()]
    assert fast == slow
    shown = next(p for p in fast if p["id"] == first.id)
    assert shown["damaged"] and any(r["organisation"] == "?" for r in shown["roles"])
