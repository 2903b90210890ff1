"""Demo data for plenary planning: a dossier's key message and asks, and a council to count.

Loading it again finds every row by its name or UID and adds nothing; a key message or asks
the user already wrote are left alone.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lobbycrm.core.validation import AMSTERDAM
from lobbycrm.db.models import Dossier, Event, Organisation
from lobbycrm.resources_path import resource_path


def load_planning_demo(
    s: Session, orgs: dict[str, Organisation], dossiers: dict[str, Dossier]
) -> int:
    """Create what is missing; returns how many rows were created."""
    data: dict[str, Any] = json.loads(
        resource_path("demo", "planning.json").read_text(encoding="utf-8")
    )
    created = 0
    for spec in data["dossier_asks"]:
        d = dossiers[spec["dossier"]]
        if not d.kernboodschap and d.asks in ("", "[]"):
            d.kernboodschap = spec["kernboodschap"]
            d.asks = json.dumps(spec["asks"], ensure_ascii=False)
    spec = data["council"]
    council = orgs[spec["council"]]
    if council.seats is None:
        council.seats = spec["seats"]
    for name, seats, *short in spec["groups"]:
        full = f"{name} ({council.name})"
        group = s.scalar(select(Organisation).where(Organisation.name == full))
        if group is None:
            group = Organisation(
                name=full,
                short_name=short[0] if short else name,
                kind="party-group",
                parent=council,
                seats=seats,
                notes=spec["source"],
            )
            s.add(group)
            created += 1
    e = spec["event"]
    if s.scalar(select(Event).where(Event.uid == e["uid"])) is None:
        s.add(
            Event(
                uid=e["uid"],
                kind=e["kind"],
                title=e["title"],
                description=e["description"],
                location=e["location"],
                all_day=False,
                starts_at=dt.datetime.fromisoformat(e["start"]).replace(tzinfo=AMSTERDAM),
                ends_at=dt.datetime.fromisoformat(e["end"]).replace(tzinfo=AMSTERDAM),
                organisation=council,
                dossier=dossiers[e["dossier"]],
            )
        )
        created += 1
    return created
