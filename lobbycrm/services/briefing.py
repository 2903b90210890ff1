"""The debate briefing: one HTML or PDF document to read on the train."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _, datum, short_date, time_of_day
from lobbycrm.resources_path import resource_path
from lobbycrm.services.calendar import write_atomically
from lobbycrm.services.dossiers import MotionService
from lobbycrm.services.events import EventService
from lobbycrm.services.interactions import InteractionService
from lobbycrm.services.involved import InvolvedService
from lobbycrm.services.planning import PlanningService

DEADLINE_KINDS = ("deadline", "written-round-deadline", "vote")


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(resource_path("briefing"))),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["datum"] = datum
    return env


class BriefingService:
    def __init__(
        self,
        events: EventService,
        involved: InvolvedService,
        planning: PlanningService,
        interactions: InteractionService,
        motions: MotionService,
    ) -> None:
        self._motions = motions
        self._events = events
        self._involved = involved
        self._planning = planning
        self._interactions = interactions

    def html(self, event_id: int) -> str:
        e = self._events.get(event_id)
        if isinstance(e.start, dt.datetime):
            end = f" – {time_of_day(e.end)}" if isinstance(e.end, dt.datetime) else ""
            when = f"{datum(e.start)}, {time_of_day(e.start)}{end}"
        else:
            when = datum(e.start)
        majority = None
        stances: dict[str, str] = {}
        if e.dossier_id is not None:
            try:
                majority = self._planning.majority(event_id=event_id)
            except LobbyError:
                majority = None
            for st in reversed(self._planning.history(e.dossier_id)):
                stances[st.holder] = st.stance
        groups = []
        for g in self._involved.for_event(event_id):
            people = []
            for p in g.people:
                recent = [
                    f"{short_date(i.occurred_at)} {i.subject}"
                    for i in self._interactions.list(person_id=p.person_id, limit=3)
                ]
                people.append(
                    {
                        **dataclasses.asdict(p),
                        "stance": stances.get(p.display_name),
                        "recent": recent,
                    }
                )
            count = (
                next((c for c in majority.groups if c.name == g.party_group), None)
                if majority
                else None
            )
            groups.append(
                {
                    "party_group": g.party_group,
                    "people": people,
                    "seats": count.seats if count else None,
                    "stance": count.stance if count else None,
                }
            )
        start_day = e.start.date() if isinstance(e.start, dt.datetime) else e.start
        deadlines = [
            d
            for d in self._events.list(end=start_day)
            if d.kind in DEADLINE_KINDS
            and d.status != "cancelled"
            and d.id != e.id
            and (d.dossier_id == e.dossier_id or d.dossier_id is None)
            and (d.start.date() if isinstance(d.start, dt.datetime) else d.start)
            >= start_day - dt.timedelta(days=60)
        ]
        dossier: dict[str, Any] | None = (
            {"title": e.dossier, "kamerstuk": e.kamerstuk} if e.dossier else None
        )
        motions = self._motions.list(dossier_id=e.dossier_id) if e.dossier_id else []
        return (
            _environment()
            .get_template("briefing.html")
            .render(
                event=e,
                when=when,
                dossier=dossier,
                majority=majority,
                groups=groups,
                motions=motions,
                deadlines=deadlines,
            )
        )

    def write(self, event_id: int, out: Path) -> Path:
        out = Path(out)
        suffix = out.suffix.lower()
        if suffix not in (".pdf", ".html", ".htm"):
            raise LobbyError(_("{path}: use a file name ending in .pdf or .html").format(path=out))
        page = self.html(event_id)
        if suffix == ".pdf":
            from lobbycrm.pdf import write_pdf

            title = self._events.get(event_id).title
            return write_pdf(out, [page], title=_("Briefing: {title}").format(title=title))
        write_atomically(out, page.encode("utf-8"))
        return out
