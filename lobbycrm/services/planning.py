"""Plenary planning: stances on a dossier and the majority count per chamber or council."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import check_text
from lobbycrm.db.models import Dossier, Event, Motion, Organisation, Role, Stance
from lobbycrm.services.changes import Changes
from lobbycrm.services.dossiers import motion_row
from lobbycrm.services.dto import MotionRow
from lobbycrm.services.lookup import find_organisation, get_or_fail

STANCES = ("voor", "tegen", "twijfel", "onbekend")
MEMBER_ROLES = ("senator", "kamerlid", "raadslid", "lid", "fractievoorzitter")


@dataclass(frozen=True)
class GroupCount:
    organisation_id: int
    name: str
    seats: int
    seats_source: str  # "recorded" (the group's seat count) or "members" (current roles)
    stance: str
    stance_source: str  # "group", "members" or ""


@dataclass(frozen=True)
class MajorityCount:
    chamber: str
    total_seats: int
    majority: int
    groups: list[GroupCount]
    voor: int
    tegen: int
    twijfel: int
    onbekend: int

    @property
    def has_majority_for(self) -> bool:
        return self.voor >= self.majority

    @property
    def has_majority_against(self) -> bool:
        return self.tegen >= self.majority


class PlanningService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def set_stance(
        self,
        dossier_id: int,
        stance: str,
        person_id: int | None = None,
        organisation: str | None = None,
        on: dt.date | None = None,
        source: str = "",
        note: str = "",
    ) -> Changes:
        """A new stance row; earlier ones stay as history."""
        if stance not in STANCES:
            raise ValidationError(
                _("stance"),
                stance,
                _("must be one of: {allowed}").format(allowed=", ".join(STANCES)),
            )
        if (person_id is None) == (organisation is None):
            raise ValidationError(_("person"), None, _("give a person or a party group"))
        with self._sessions.begin() as s:
            get_or_fail(s, Dossier, dossier_id, _("dossier"))
            org_id = find_organisation(s, organisation).id if organisation else None
            s.add(
                Stance(
                    dossier_id=dossier_id,
                    person_id=person_id,
                    organisation_id=org_id,
                    stance=stance,
                    stated_on=on or dt.date.today(),
                    source=check_text(_("source"), source, max_length=300),
                    note=check_text(_("notes"), note, single_line=False, max_length=100_000),
                )
            )
            return Changes.of("stance")

    def history(self, dossier_id: int) -> list[tuple[str, str, dt.date, str, str]]:
        """(holder, stance, date, source, note), newest first."""
        from lobbycrm.core import names
        from lobbycrm.db.models import Person
        from lobbycrm.services.people import name_parts

        with self._sessions() as s:
            rows = s.scalars(
                select(Stance)
                .where(Stance.dossier_id == dossier_id)
                .order_by(Stance.stated_on.desc(), Stance.id.desc())
            )
            out = []
            for r in rows:
                if r.person_id:
                    p = s.get(Person, r.person_id)
                    holder = names.display_name(name_parts(p)) if p else "?"
                else:
                    o = s.get(Organisation, r.organisation_id)
                    holder = o.name if o else "?"
                out.append((holder, r.stance, r.stated_on, r.source, r.note))
            return out

    def _chamber(
        self, s: Session, dossier_id: int | None, event_id: int | None
    ) -> tuple[Organisation, int]:
        dossier: Dossier | None = None
        chamber: Organisation | None = None
        if event_id is not None:
            e = get_or_fail(s, Event, event_id, _("event"))
            dossier = e.dossier
            org = e.organisation
            while org is not None and org.kind not in ("chamber", "council"):
                org = org.parent
            chamber = org
        if dossier_id is not None:
            dossier = get_or_fail(s, Dossier, dossier_id, _("dossier"))
        if chamber is None and dossier is not None:
            chamber = dossier.chamber
        if dossier is None:
            raise LobbyError(_("no dossier: give --dossier or an event that has one"))
        if chamber is None:
            raise LobbyError(
                _("no chamber or council: set the dossier's chamber or the event's organisation")
            )
        return chamber, dossier.id

    def majority(
        self,
        dossier_id: int | None = None,
        event_id: int | None = None,
        today: dt.date | None = None,
    ) -> MajorityCount:
        today = today or dt.date.today()
        current = or_(Role.end_date.is_(None), Role.end_date > today)
        with self._sessions() as s:
            chamber, dossier = self._chamber(s, dossier_id, event_id)
            groups = list(
                s.scalars(
                    select(Organisation)
                    .where(Organisation.parent_id == chamber.id, Organisation.kind == "party-group")
                    .order_by(Organisation.name)
                )
            )
            in_chamber = set(
                s.scalars(select(Role.person_id).where(Role.organisation_id == chamber.id, current))
            )
            stances = list(
                s.scalars(
                    select(Stance)
                    .where(Stance.dossier_id == dossier)
                    .order_by(Stance.stated_on, Stance.id)
                )
            )
            latest_group = {st.organisation_id: st.stance for st in stances if st.organisation_id}
            latest_person = {st.person_id: st.stance for st in stances if st.person_id}
            counts: list[GroupCount] = []
            for g in groups:
                members = set(
                    s.scalars(
                        select(Role.person_id).where(
                            Role.organisation_id == g.id, current, Role.role.in_(MEMBER_ROLES)
                        )
                    )
                )
                members &= in_chamber or members
                if g.seats is not None:
                    seats, seats_source = g.seats, "recorded"
                else:
                    seats, seats_source = len(members), "members"
                if g.id in latest_group:
                    stance, source = latest_group[g.id], "group"
                else:
                    said = {latest_person[m] for m in members if m in latest_person} - {"onbekend"}
                    if len(said) == 1:
                        stance, source = said.pop(), "members"
                    elif said:
                        stance, source = "twijfel", "members"
                    else:
                        stance, source = "onbekend", ""
                if seats:
                    counts.append(
                        GroupCount(
                            g.id, g.short_name or g.name, seats, seats_source, stance, source
                        )
                    )
            total = chamber.seats or sum(c.seats for c in counts)
            per = {k: sum(c.seats for c in counts if c.stance == k) for k in STANCES}
            per["onbekend"] += max(0, total - sum(c.seats for c in counts))
            return MajorityCount(
                chamber.short_name or chamber.name,
                total,
                total // 2 + 1,
                counts,
                per["voor"],
                per["tegen"],
                per["twijfel"],
                per["onbekend"],
            )

    def open_motions(self) -> list[MotionRow]:
        """Adopted motions whose execution is not done: to remind government."""
        with self._sessions() as s:
            rows = s.scalars(
                select(Motion).where(
                    Motion.result == "aangenomen", Motion.execution_status != "uitgevoerd"
                )
            )
            return sorted(
                (motion_row(m) for m in rows), key=lambda m: (m.date or dt.date.min, m.id)
            )
