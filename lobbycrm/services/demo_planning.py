"""Demo data for plenary planning: the key message and asks of the pact's dossier.

A key message or asks the user already wrote are left alone; loading again changes nothing.
"""

from __future__ import annotations

import json
from typing import Any

from lobbycrm.db.models import Dossier
from lobbycrm.resources_path import resource_path


def load_planning_demo(dossiers: dict[str, Dossier]) -> None:
    """Give the demo dossiers their key message and asks where they have none."""
    data: dict[str, Any] = json.loads(
        resource_path("demo", "planning.json").read_text(encoding="utf-8")
    )
    for spec in data["dossier_asks"]:
        d = dossiers[spec["dossier"]]
        if not d.kernboodschap and d.asks in ("", "[]"):
            d.kernboodschap = spec["kernboodschap"]
            d.asks = json.dumps(spec["asks"], ensure_ascii=False)
