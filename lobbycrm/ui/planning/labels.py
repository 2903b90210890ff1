"""Words for stances, where they come from and how seats were counted, in the panel."""

from __future__ import annotations

import dataclasses

from lobbycrm.core import labels
from lobbycrm.core.i18n import _, getal, ngettext
from lobbycrm.services.majority_words import stance_source_text
from lobbycrm.services.planning import GroupCount
from lobbycrm.services.seatbar import LIGHT_COLOURS

STANCE_LABELS = labels.STANCE
# Soft colours behind a stance, so a glance at the table shows the balance.
STANCE_COLOURS = LIGHT_COLOURS


def stance_label(code: str) -> str:
    return labels.label(labels.STANCE, code)


def stance_choices() -> list[tuple[str, str]]:
    return labels.choices(labels.STANCE)


def what_if_choices() -> list[tuple[str, str]]:
    """'—' (nothing tried) and the four stances."""
    return [(_("— (as recorded)"), ""), *stance_choices()]


def recorded(g: GroupCount) -> GroupCount:
    """The group as recorded, without a stance tried in a scenario."""
    if not g.tried:
        return g
    return dataclasses.replace(g, stance=g.recorded_stance, tried=False, recorded_stance="")


def based_on_text(g: GroupCount) -> str:
    """Where the recorded stance comes from: 'door de fractie, 12 mei 2026, debat'."""
    return stance_source_text(recorded(g))


def seats_text(g: GroupCount) -> str:
    if g.seats_source == "recorded":
        return getal(g.seats)
    return _("{n} (counted)").format(n=getal(g.seats))


def seats_tooltip(g: GroupCount) -> str:
    if g.seats_source == "recorded":
        return _("Recorded seats. Double-click to change; clear to count the members instead.")
    n = len(g.members)
    return ngettext(
        "No seats recorded: {n} member with a seat is counted. Double-click to record the seats.",
        "No seats recorded: {n} members with a seat are counted. Double-click to record the seats.",
        n,
    ).format(n=n)
