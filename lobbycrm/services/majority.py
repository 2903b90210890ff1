"""Majority arithmetic: seats per party group, each group's stance, totals against the line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from lobbycrm.core.i18n import _

STANCES = ("voor", "tegen", "twijfel", "onbekend")


@dataclass(frozen=True)
class MemberStance:
    """A current member of a party group and their latest stance on the dossier."""

    person_id: int
    name: str
    stance: str  # "onbekend" when nothing is recorded
    stated_on: dt.date | None = None


@dataclass(frozen=True)
class GroupFacts:
    """What the database knows about one party group, before any arithmetic."""

    organisation_id: int
    name: str
    recorded_seats: int | None
    members: tuple[MemberStance, ...]
    own_stance: str | None = None
    own_stated_on: dt.date | None = None


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
            )
        )
    counts.sort(key=lambda c: (-c.seats, c.name.casefold()))
    in_groups = sum(c.seats for c in counts)
    total = chamber_seats if chamber_seats else in_groups
    per = {k: sum(c.seats for c in counts if c.stance == k) for k in STANCES}
    per["onbekend"] += max(0, total - in_groups)
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
