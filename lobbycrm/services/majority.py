"""Majority arithmetic: seats per party group, each group's stance, totals against the line."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lobbycrm.core.i18n import _

STANCES = ("voor", "tegen", "twijfel", "onbekend")
# Who is easiest to win over first, when two sets of groups are equally small.
_PERSUADE_COST = {"twijfel": 0, "onbekend": 1, "tegen": 3}


@dataclass(frozen=True)
class MemberStance:
    """A current member of a party group and their latest stance on the dossier."""

    person_id: int
    name: str
    stance: str  # "onbekend" when nothing is recorded
    stated_on: dt.date | None = None
    source: str = ""


@dataclass(frozen=True)
class GroupFacts:
    """What the database knows about one party group, before any arithmetic."""

    organisation_id: int
    name: str
    recorded_seats: int | None
    members: tuple[MemberStance, ...]
    own_stance: str | None = None
    own_stated_on: dt.date | None = None
    own_source: str = ""
    full_name: str = ""  # the organisation's whole name; `name` is its short name


@dataclass(frozen=True)
class GroupCount:
    organisation_id: int
    name: str
    seats: int
    seats_source: str  # "recorded" (the group's seat count) or "members" (current roles)
    stance: str
    # "group" (its own stance), "members" (its members agree), "members-split" (they do not:
    # counted as twijfel) or "" (nothing known).
    stance_source: str
    recorded_seats: int | None = None
    members: tuple[MemberStance, ...] = ()
    stated_on: dt.date | None = None  # of the group's own stance
    source: str = ""  # where the group's own stance was heard (debate, e-mail, ...)
    full_name: str = ""
    # In a scenario ("what if CDA votes against?"): `stance` is the one tried and
    # `recorded_stance` the one recorded (stance_source still says where that comes from).
    tried: bool = False
    recorded_stance: str = ""

    @property
    def members_said(self) -> tuple[MemberStance, ...]:
        return tuple(m for m in self.members if m.stance != "onbekend")


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
    chamber_id: int = 0
    dossier_id: int = 0
    dossier: str = ""
    total_source: str = "recorded"  # "recorded" (the chamber's seats) or "groups" (their sum)
    warnings: tuple[str, ...] = ()
    # The stances tried in a scenario, by party group id; empty for the recorded count.
    scenario: tuple[tuple[int, str], ...] = ()

    @property
    def is_scenario(self) -> bool:
        return bool(self.scenario)

    @property
    def unassigned(self) -> int:
        """Seats of the chamber that no party group accounts for (counted as onbekend)."""
        return max(0, self.total_seats - sum(g.seats for g in self.groups))

    def seats(self, stance: str) -> int:
        return {
            "voor": self.voor,
            "tegen": self.tegen,
            "twijfel": self.twijfel,
            "onbekend": self.onbekend,
        }[stance]

    @property
    def has_majority_for(self) -> bool:
        return self.voor >= self.majority

    @property
    def has_majority_against(self) -> bool:
        return self.tegen >= self.majority

    @property
    def needed_for(self) -> int:
        """Seats still to win for a majority in favour (0 when there is one)."""
        return max(0, self.majority - self.voor)

    @property
    def for_still_possible(self) -> bool:
        """Whether the seats not yet against could still make a majority in favour."""
        return self.voor + self.twijfel + self.onbekend >= self.majority


def majority_line(total_seats: int) -> int:
    """Half the seats plus one: 38 of 75, 76 of 150, 23 of 45."""
    return total_seats // 2 + 1


def group_stance(own: str | None, members: Sequence[MemberStance]) -> tuple[str, str]:
    """(stance, source): the group's own stance wins; 'onbekend' from the group says nothing,
    so its members speak; members who disagree make the group twijfel."""
    if own and own != "onbekend":
        return own, "group"
    said = {m.stance for m in members} - {"onbekend"}
    if len(said) == 1:
        return said.pop(), "members"
    if said:
        return "twijfel", "members-split"
    return "onbekend", ""


def count(
    chamber: str,
    chamber_seats: int | None,
    groups: Sequence[GroupFacts],
    *,
    chamber_id: int = 0,
    dossier_id: int = 0,
    dossier: str = "",
) -> MajorityCount:
    """The majority count for one chamber or council. Seats no group accounts for are
    counted as onbekend; a chamber without a seat count takes the groups' sum."""
    counts: list[GroupCount] = []
    for g in groups:
        if g.recorded_seats is not None:
            seats, seats_source = g.recorded_seats, "recorded"
        else:
            seats, seats_source = len(g.members), "members"
        stance, source = group_stance(g.own_stance, g.members)
        counts.append(
            GroupCount(
                organisation_id=g.organisation_id,
                name=g.name,
                seats=seats,
                seats_source=seats_source,
                stance=stance,
                stance_source=source,
                recorded_seats=g.recorded_seats,
                members=g.members,
                stated_on=g.own_stated_on if source == "group" else None,
                source=g.own_source if source == "group" else "",
                full_name=g.full_name or g.name,
            )
        )
    counts.sort(key=lambda c: (-c.seats, c.name.casefold()))
    in_groups = sum(c.seats for c in counts)
    total = chamber_seats if chamber_seats else in_groups
    per = _totals(counts, total)
    warnings = []
    if not counts:
        warnings.append(_("{chamber} has no party groups yet").format(chamber=chamber))
    if chamber_seats and in_groups > chamber_seats:
        warnings.append(
            _(
                "the party groups' seats add up to {sum}, more than the {total} seats of {chamber}"
            ).format(sum=in_groups, total=chamber_seats, chamber=chamber)
        )
    return MajorityCount(
        chamber=chamber,
        total_seats=total,
        majority=majority_line(total),
        groups=counts,
        voor=per["voor"],
        tegen=per["tegen"],
        twijfel=per["twijfel"],
        onbekend=per["onbekend"],
        total_source="recorded" if chamber_seats else "groups",
        warnings=tuple(warnings),
        chamber_id=chamber_id,
        dossier_id=dossier_id,
        dossier=dossier,
    )


def _totals(groups: Sequence[GroupCount], total: int) -> dict[str, int]:
    per = {k: sum(c.seats for c in groups if c.stance == k) for k in STANCES}
    per["onbekend"] += max(0, total - sum(c.seats for c in groups))
    return per


def apply_scenario(m: MajorityCount, tried: Mapping[int, str]) -> MajorityCount:
    """The count as it would be if the groups in `tried` (party group id -> stance) took
    those stances; nothing is recorded. Groups tried at the stance they already have are
    left out of the scenario."""
    for stance in tried.values():
        if stance not in STANCES:
            raise ValueError(stance)
    groups = []
    applied = []
    for g in m.groups:
        new = tried.get(g.organisation_id)
        if new is None or new == g.stance:
            groups.append(g)
            continue
        applied.append((g.organisation_id, new))
        groups.append(dataclasses.replace(g, stance=new, tried=True, recorded_stance=g.stance))
    per = _totals(groups, m.total_seats)
    return dataclasses.replace(
        m,
        groups=groups,
        voor=per["voor"],
        tegen=per["tegen"],
        twijfel=per["twijfel"],
        onbekend=per["onbekend"],
        scenario=tuple(applied),
    )


@dataclass(frozen=True)
class Targets:
    """Whom to call first.

    kind "win": no majority for yet; `groups` is the smallest set of party groups not yet
    for whose seats reach the majority line (the undecided preferred over the unknown, the
    unknown over those against). kind "keep": there is a majority for; `groups` are the
    supporters without any one of whom it is lost. kind "out-of-reach": even every group
    not yet for together does not reach the line (`groups` is empty).
    """

    kind: str
    groups: tuple[GroupCount, ...]
    needed: int  # seats still needed for a majority for (0 for "keep")

    @property
    def seats(self) -> int:
        return sum(g.seats for g in self.groups)


def decisive_groups(m: MajorityCount) -> Targets:
    """The party groups whose move decides the vote (see Targets)."""
    if m.has_majority_for:
        keep = tuple(
            g for g in m.groups if g.stance == "voor" and g.seats and m.voor - g.seats < m.majority
        )
        return Targets("keep", keep, 0)
    needed = m.needed_for
    candidates = [g for g in m.groups if g.stance != "voor" and g.seats > 0]
    # Smallest number of groups first, then the easiest to persuade, then the larger groups
    # (candidates come largest first, so lower indices win a tie): a small knapsack over
    # "seats reached, capped at what is needed".
    best: dict[int, tuple[int, int, tuple[int, ...]]] = {0: (0, 0, ())}
    for i, g in enumerate(candidates):
        for reached, (n, cost, chosen) in list(best.items()):
            if reached >= needed:
                continue
            new = min(needed, reached + g.seats)
            option = (n + 1, cost + _PERSUADE_COST[g.stance], (*chosen, i))
            if new not in best or option < best[new]:
                best[new] = option
    found = best.get(needed)
    if found is None:
        return Targets("out-of-reach", (), needed)
    return Targets("win", tuple(candidates[i] for i in found[2]), needed)
