"""Labels for stances, their sources and seat counts (English sources, translated when shown)."""

from __future__ import annotations

from lobbycrm.core import labels
from lobbycrm.core.i18n import N_, _, ngettext
from lobbycrm.services.planning import GroupCount

STANCE_LABELS = labels.STANCE
STANCE_SOURCE_LABELS = {
    "group": N_("stated by the group"),
    "members": N_("members agree"),
    "members-split": N_("members disagree"),
    "": "",
}
# Soft colours behind a stance, so a glance at the table shows the balance.
STANCE_COLOURS = {"voor": "#d7f0d9", "tegen": "#f6d5d5", "twijfel": "#fbecc8"}


def stance_label(code: str) -> str:
    return _(STANCE_LABELS.get(code, code))


def stance_choices() -> list[tuple[str, str]]:
    return [(_(label), code) for code, label in STANCE_LABELS.items()]


def seats_source_text(g: GroupCount) -> str:
    if g.seats_source == "recorded":
        return _("recorded")
    n = len(g.members)
    return ngettext("counted: {n} member", "counted: {n} members", n).format(n=n)
