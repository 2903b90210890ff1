"""The majority count in words, shared by the briefing, the panel and the command line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from babel.dates import format_date

from lobbycrm.core import labels
from lobbycrm.core.i18n import _, getal, language, ngettext
from lobbycrm.core.validation import AMSTERDAM
from lobbycrm.services.majority import GroupCount, MajorityCount, Targets


def stance_word(code: str) -> str:
    return labels.label(labels.STANCE, code)


def day_text(value: dt.date | dt.datetime) -> str:
    """'14 mei 2026': short enough for a table cell, day in Amsterdam."""
    if isinstance(value, dt.datetime):
        value = value.astimezone(AMSTERDAM).date() if value.tzinfo else value.date()
    return format_date(value, "d MMM y", locale="nl_NL" if language() == "nl" else "en_GB")


def stance_source_text(g: GroupCount) -> str:
    """Where a group's stance comes from, in words: who said it, when, and the source."""
    if g.tried:
        return _("tried in a scenario, not recorded (recorded: {stance})").format(
            stance=stance_word(g.recorded_stance)
        )
    if g.stance_source == "group":
        parts = [_("stated by the group")]
        if g.stated_on:
            parts.append(day_text(g.stated_on))
        if g.source:
            parts.append(g.source)
        return ", ".join(parts)
    said = g.members_said
    if g.stance_source == "members":
        latest = max((m.stated_on for m in said if m.stated_on), default=None)
        text = ngettext(
            "{n} of {total} member said so", "{n} of {total} members said so", len(said)
        ).format(n=len(said), total=len(g.members))
        sources = sorted({m.source for m in said if m.source})
        if latest:
            text += ", " + _("latest {day}").format(day=day_text(latest))
        if sources:
            text += ", " + "; ".join(sources)
        return text
    if g.stance_source == "members-split":
        per = {k: sum(1 for m in said if m.stance == k) for k in ("voor", "tegen", "twijfel")}
        counts = ", ".join(f"{n} {stance_word(k)}" for k, n in per.items() if n)
        return _("members disagree: {counts}").format(counts=counts)
    return _("nothing known yet")


def verdict_sentence(m: MajorityCount) -> str:
    """Where the vote stands, the totals included, in one sentence."""
    n = {
        "voor": getal(m.voor),
        "tegen": getal(m.tegen),
        "twijfel": getal(m.twijfel),
        "onbekend": getal(m.onbekend),
        "total": getal(m.total_seats),
        "majority": getal(m.majority),
    }
    if m.has_majority_for:
        return _(
            "There is a majority for: {voor} of the {total} seats ({majority} needed); "
            "against {tegen}, undecided {twijfel}, unknown {onbekend}."
        ).format(**n)
    if m.has_majority_against:
        return _(
            "There is a majority against: {tegen} of the {total} seats ({majority} needed); "
            "for {voor}, undecided {twijfel}, unknown {onbekend}."
        ).format(**n)
    if not m.for_still_possible:
        return _(
            "A majority for is no longer possible: for {voor}, against {tegen}, undecided "
            "{twijfel}, unknown {onbekend} of the {total} seats ({majority} needed)."
        ).format(**n)
    return ngettext(
        "No majority yet: for {voor}, against {tegen}, undecided {twijfel}, unknown {onbekend} "
        "of the {total} seats; {needed} more seat needed for a majority for ({majority}).",
        "No majority yet: for {voor}, against {tegen}, undecided {twijfel}, unknown {onbekend} "
        "of the {total} seats; {needed} more seats needed for a majority for ({majority}).",
        m.needed_for,
    ).format(needed=getal(m.needed_for), **n)


def _group_words(g: GroupCount) -> str:
    return ngettext("{name} ({n} seat, {stance})", "{name} ({n} seats, {stance})", g.seats).format(
        name=g.name, n=getal(g.seats), stance=stance_word(g.stance)
    )


def _and_list(items: Sequence[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return _("{first} and {last}").format(first=", ".join(items[:-1]), last=items[-1])


def targets_sentence(t: Targets) -> str:
    """Whom to call first, in words."""
    names = _and_list([_group_words(g) for g in t.groups])
    if t.kind == "keep":
        if not t.groups:
            return _("There is a majority for that does not depend on any single party group.")
        return ngettext(
            "Keep them on board: without {groups} the majority for is lost.",
            "Keep them on board: without any one of {groups} the majority for is lost.",
            len(t.groups),
        ).format(groups=names)
    if t.kind == "out-of-reach":
        return ngettext(
            "Even all party groups not yet for together do not bring the {n} seat still needed.",
            "Even all party groups not yet for together do not bring the {n} seats still needed.",
            t.needed,
        ).format(n=getal(t.needed))
    return ngettext(
        "Call first: {groups}; {seats} seat together, enough for a majority for.",
        "Call first: {groups}; {seats} seats together, enough for a majority for.",
        t.seats,
    ).format(groups=names, seats=getal(t.seats))
