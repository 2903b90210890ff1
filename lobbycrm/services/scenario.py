"""What-if scenarios on the command line and in the app: 'CDA=tegen' and which group that is."""

from __future__ import annotations

from lobbycrm.core import labels
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.services.majority import STANCES, GroupCount, MajorityCount


def parse_what_if(items: list[str]) -> dict[str, str]:
    """'CDA=tegen' items (also 'CDA=against') -> {group: stance code}; a group named twice
    takes its last stance."""
    out: dict[str, str] = {}
    for item in items:
        group, sep, word = item.partition("=")
        if not sep or not group.strip() or not word.strip():
            raise ValidationError("--what-if", item, _("write it as GROUP=STANCE, e.g. CDA=tegen"))
        code = labels.code_for(labels.STANCE, word)
        if code is None:
            raise ValidationError(
                "--what-if",
                item,
                _("must be one of: {allowed}").format(allowed=", ".join(STANCES)),
            )
        out[group.strip()] = code
    return out


def _group_names(g: GroupCount) -> set[str]:
    """'CU', 'ChristenUnie (Eerste Kamer)' and 'ChristenUnie' for one party group."""
    full = g.full_name or g.name
    bare = full.split(" (")[0] if full.endswith(")") else full
    return {g.name.casefold(), full.casefold(), bare.strip().casefold()}


def find_group(m: MajorityCount, key: str) -> GroupCount:
    """A party group of the counted chamber by short name, name or '#id' (case-insensitive)."""
    text = key.strip()
    if text.startswith("#") and text[1:].isdigit():
        found = [g for g in m.groups if g.organisation_id == int(text[1:])]
    else:
        folded = " ".join(text.split()).casefold()
        found = [g for g in m.groups if folded in _group_names(g)]
    if len(found) == 1:
        return found[0]
    raise ValidationError(
        _("party group"),
        key,
        _("is not a party group of {chamber}; choose from: {groups}").format(
            chamber=m.chamber, groups=", ".join(g.name for g in m.groups)
        ),
    )
