"""Plenary planning: stances on a dossier, party groups' seats and the majority count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.core import labels, names
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import amsterdam_today, check_date, check_text
from lobbycrm.db.models import Dossier, Event, Motion, Organisation, Person, Role, Stance
from lobbycrm.services.changes import Changes
from lobbycrm.services.dossiers import dossier_row, motion_row
from lobbycrm.services.dto import DossierRow, MotionRow
from lobbycrm.services.lookup import find_organisation, get_or_fail
from lobbycrm.services.majority import (
    STANCES,
    GroupCount,
    GroupFacts,
    MajorityCount,
    MemberStance,
    Targets,
    apply_scenario,
    count,
    decisive_groups,
)
from lobbycrm.services.people import name_parts
from lobbycrm.services.plenary_contacts import DebateContacts, debate_contacts
from lobbycrm.services.scenario import find_group, parse_what_if

MEMBER_ROLES = ("senator", "kamerlid", "raadslid", "lid", "fractievoorzitter")
CHAMBER_KINDS = ("chamber", "council")

__all__ = [
    "MEMBER_ROLES",
    "STANCES",
    "GroupCount",
    "MajorityCount",
    "MemberStance",
    "NoChamberError",
    "PlanningService",
    "StanceRow",
    "Targets",
    "decisive_groups",
    "find_group",
    "parse_what_if",
]


class NoChamberError(LobbyError):
    """The dossier (or debate) names no chamber or council, so there is nothing to count."""


@dataclass(frozen=True)
class StanceRow:
    id: int
    holder: str
    person_id: int | None
    organisation_id: int | None
    stance: str
    stated_on: dt.date
    source: str
    note: str


def _check_stance(stance: str) -> str:
    if stance not in STANCES:
        raise ValidationError(
            _("stance"), stance, _("must be one of: {allowed}").format(allowed=", ".join(STANCES))
        )
    return stance


def _check_day(on: dt.date | None, today: dt.date | None = None) -> dt.date:
    """A stance is stated on a day that has come: today when none is given."""
    today = today or amsterdam_today()
    if on is None:
        return today
    check_date(_("date"), on)
    if on > today:
        raise ValidationError(_("date"), on, _("lies in the future"))
    return on


def _dossier_chamber(s: Session, dossier: Dossier) -> Organisation | None:
    """The chamber or council a dossier is counted in: its chamber, a municipality's
    council, a committee's chamber."""
    chamber = dossier.chamber
    if chamber is not None and chamber.kind == "municipality":
        chamber = s.scalar(
            select(Organisation).where(
                Organisation.parent_id == chamber.id, Organisation.kind == "council"
            )
        )
    while chamber is not None and chamber.kind not in CHAMBER_KINDS:
        chamber = chamber.parent
    return chamber


def _party_group(s: Session, dossier: Dossier, name: str) -> Organisation:
    """A party group by name: first among the groups of the dossier's chamber ('CDA' is the
    Senate's CDA for a Senate bill, though every council has one), else anywhere."""
    chamber = _dossier_chamber(s, dossier)
    folded = " ".join(name.split()).casefold()
    if chamber is not None and not folded.startswith("#"):
        groups = s.scalars(
            select(Organisation).where(
                Organisation.parent_id == chamber.id, Organisation.kind == "party-group"
            )
        )
        found = [
            g
            for g in groups
            if folded
            in {
                g.name.casefold(),
                (g.short_name or "").casefold(),
                g.name.split(" (")[0].strip().casefold(),
            }
        ]
        if len(found) == 1:
            return found[0]
    org = find_organisation(s, name, kind="party-group")
    if org.kind != "party-group":
        raise ValidationError(_("party group"), name, _("is not a party group"))
    return org


class PlanningService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # --- stances -------------------------------------------------------------------------

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
        """A new stance row of a person or a party group; earlier ones stay as history."""
        _check_stance(stance)
        if (person_id is None) == (organisation is None):
            raise ValidationError(_("person"), None, _("give a person or a party group"))
        with self._sessions.begin() as s:
            dossier = get_or_fail(s, Dossier, dossier_id, _("dossier"))
            org_id = None
            if person_id is not None:
                get_or_fail(s, Person, person_id, _("person"))
            elif organisation is not None:
                org_id = _party_group(s, dossier, organisation).id
            row = Stance(
                dossier_id=dossier_id,
                person_id=person_id,
                organisation_id=org_id,
                stance=stance,
                stated_on=_check_day(on),
                source=check_text(_("source"), source, max_length=300),
                note=check_text(_("notes"), note, single_line=False, max_length=100_000),
            )
            s.add(row)
            s.flush()
            return Changes.of("stance", ids=(row.id,))

    def record_scenario(
        self,
        dossier_id: int,
        tried: Mapping[int, str],
        on: dt.date | None = None,
        source: str = "",
        note: str = "",
    ) -> Changes:
        """Record every tried group stance (party group id -> stance) at once, all or none."""
        if not tried:
            raise ValidationError(_("scenario"), "", _("no stances were tried"))
        for stance in tried.values():
            _check_stance(stance)
        day = _check_day(on)
        source = check_text(_("source"), source, max_length=300)
        note = check_text(_("notes"), note, single_line=False, max_length=100_000)
        with self._sessions.begin() as s:
            get_or_fail(s, Dossier, dossier_id, _("dossier"))
            rows = []
            for org_id, stance in tried.items():
                org = get_or_fail(s, Organisation, org_id, _("party group"))
                if org.kind != "party-group":
                    raise ValidationError(_("party group"), org.name, _("is not a party group"))
                row = Stance(
                    dossier_id=dossier_id,
                    organisation_id=org.id,
                    stance=stance,
                    stated_on=day,
                    source=source,
                    note=note,
                )
                s.add(row)
                rows.append(row)
            s.flush()
            return Changes.of("stance", ids=tuple(r.id for r in rows))

    def history(self, dossier_id: int) -> list[StanceRow]:
        """Every stance recorded on the dossier, newest first."""
        with self._sessions() as s:
            get_or_fail(s, Dossier, dossier_id, _("dossier"))
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
                    holder = (o.short_name or o.name) if o else "?"
                out.append(
                    StanceRow(
                        r.id,
                        holder,
                        r.person_id,
                        r.organisation_id,
                        r.stance,
                        r.stated_on,
                        r.source,
                        r.note,
                    )
                )
            return out

    # --- seats ---------------------------------------------------------------------------

    def set_seats(self, organisation: int | str, seats: int | None) -> Changes:
        """Record a party group's (or chamber's, council's) seats; None counts members instead.

        A group has 0 up to its chamber's seats."""
        with self._sessions.begin() as s:
            if isinstance(organisation, int):
                org = get_or_fail(s, Organisation, organisation, _("organisation"))
            else:
                org = find_organisation(s, organisation)
            if org.kind == "party-group":
                parent = org.parent
                limit = parent.seats if parent is not None and parent.seats else None
                if seats is not None and (seats < 0 or (limit is not None and seats > limit)):
                    reason = (
                        _("must be between 0 and {n} (the seats of {chamber})").format(
                            n=limit, chamber=parent.short_name or parent.name
                        )
                        if limit is not None and parent is not None
                        else _("must not be negative")
                    )
                    raise ValidationError(_("seats"), seats, reason)
            elif org.kind in CHAMBER_KINDS:
                if seats is not None and seats < 1:
                    raise ValidationError(_("seats"), seats, _("must be at least 1"))
            else:
                raise ValidationError(
                    _("seats"), seats, _("only party groups, chambers and councils have seats")
                )
            org.seats = seats
            return Changes.of("organisation", ids=(org.id,))

    def seat_warnings(self, organisation: int, today: dt.date | None = None) -> tuple[str, ...]:
        """Problems with the seats of the chamber of this party group (or of this chamber)."""
        with self._sessions() as s:
            org = get_or_fail(s, Organisation, organisation, _("organisation"))
            chamber = org.parent if org.kind == "party-group" else org
            if chamber is None or chamber.kind not in CHAMBER_KINDS:
                return ()
            facts = self._groups(s, chamber, None, today or amsterdam_today())
            if not facts:
                return ()
            return count(chamber.short_name or chamber.name, chamber.seats, facts).warnings

    # --- the count -----------------------------------------------------------------------

    def _chamber(
        self, s: Session, dossier_id: int | None, event_id: int | None
    ) -> tuple[Organisation, Dossier]:
        dossier: Dossier | None = None
        chamber: Organisation | None = None
        if event_id is not None:
            e = get_or_fail(s, Event, event_id, _("event"))
            dossier = e.dossier
            org = e.organisation
            while org is not None and org.kind not in CHAMBER_KINDS:
                org = org.parent
            chamber = org
            if dossier is None and dossier_id is None:
                raise LobbyError(
                    _("'{title}' has no dossier: link the event to a dossier").format(title=e.title)
                )
        if dossier_id is not None:
            dossier = get_or_fail(s, Dossier, dossier_id, _("dossier"))
        if dossier is None:
            raise LobbyError(_("no dossier: give --dossier or an event that has one"))
        if chamber is None:
            chamber = _dossier_chamber(s, dossier)
        if chamber is None or chamber.kind not in CHAMBER_KINDS:
            raise NoChamberError(
                _(
                    "dossier '{title}' has no chamber or council: choose one as its chamber "
                    "in the dossier's editor, or on the command line: "
                    "lobbycrm dossiers edit {id} --chamber NAME"
                ).format(title=dossier.title, id=dossier.id)
            )
        return chamber, dossier

    def _groups(
        self, s: Session, chamber: Organisation, dossier_id: int | None, today: dt.date
    ) -> list[GroupFacts]:
        groups = list(
            s.scalars(
                select(Organisation).where(
                    Organisation.parent_id == chamber.id, Organisation.kind == "party-group"
                )
            )
        )
        # Someone whose seat in the chamber has ended no longer counts for a group either.
        chamber_roles = list(s.scalars(select(Role).where(Role.organisation_id == chamber.id)))
        in_chamber = {r.person_id for r in chamber_roles}
        still = {r.person_id for r in chamber_roles if r.is_current(today)}
        left_chamber = in_chamber - still
        stances = []
        if dossier_id is not None:
            stances = list(
                s.scalars(
                    select(Stance)
                    .where(Stance.dossier_id == dossier_id)
                    .order_by(Stance.stated_on, Stance.id)
                )
            )
        latest_group = {st.organisation_id: st for st in stances if st.organisation_id}
        latest_person = {st.person_id: st for st in stances if st.person_id}
        facts = []
        for g in groups:
            people = s.scalars(
                select(Person)
                .join(Role, Role.person_id == Person.id)
                .where(
                    Role.organisation_id == g.id,
                    Role.held_on_clause(today),
                    Role.role.in_(MEMBER_ROLES),
                )
                .distinct()
            )
            members = []
            for p in people:
                if p.id in left_chamber:
                    continue
                said = latest_person.get(p.id)
                members.append(
                    MemberStance(
                        p.id,
                        names.display_name(name_parts(p)),
                        said.stance if said else "onbekend",
                        said.stated_on if said else None,
                        said.source if said else "",
                    )
                )
            members.sort(key=lambda m: m.name.casefold())
            own = latest_group.get(g.id)
            facts.append(
                GroupFacts(
                    g.id,
                    g.short_name or g.name,
                    g.seats,
                    tuple(members),
                    own.stance if own else None,
                    own.stated_on if own else None,
                    own.source if own else "",
                    g.name,
                )
            )
        return facts

    def majority(
        self,
        dossier_id: int | None = None,
        event_id: int | None = None,
        today: dt.date | None = None,
        what_if: Mapping[str, str] | Mapping[int, str] | None = None,
    ) -> MajorityCount:
        """Seats and stances per party group of the dossier's (or debate's) chamber.

        `what_if` tries stances (party group name, short name, '#id' or id -> stance) without
        recording them: the count that comes back is a scenario. Raises NoChamberError when
        there is no chamber or council to count."""
        today = today or amsterdam_today()
        with self._sessions() as s:
            chamber, dossier = self._chamber(s, dossier_id, event_id)
            m = count(
                chamber.short_name or chamber.name,
                chamber.seats,
                self._groups(s, chamber, dossier.id, today),
                chamber_id=chamber.id,
                dossier_id=dossier.id,
                dossier=dossier.title,
            )
        if not what_if:
            return m
        tried: dict[int, str] = {}
        for key, stance in what_if.items():
            group = find_group(m, key if isinstance(key, str) else f"#{key}")
            tried[group.organisation_id] = _check_stance(
                labels.code_for(labels.STANCE, stance) or stance
            )
        return apply_scenario(m, tried)

    def targets(self, m: MajorityCount) -> Targets:
        return decisive_groups(m)

    # --- for the briefing ----------------------------------------------------------------

    def contacts(
        self, event_id: int, group_ids: Sequence[int], today: dt.date | None = None
    ) -> DebateContacts:
        """Per party group whom to reach for this debate, with their contact history."""
        with self._sessions() as s:
            get_or_fail(s, Event, event_id, _("event"))
            return debate_contacts(s, event_id, group_ids, today or amsterdam_today())

    def dossier(self, dossier_id: int) -> DossierRow:
        with self._sessions() as s:
            return dossier_row(get_or_fail(s, Dossier, dossier_id, _("dossier")))

    # --- motions -------------------------------------------------------------------------

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
