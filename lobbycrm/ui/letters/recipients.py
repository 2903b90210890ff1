"""A mailing's stored recipient selection in words, never as its code (the recipient builder in
recipient_builder.py makes the selections)."""

from __future__ import annotations

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import N_, _

SPOKESPERSON = "+role:woordvoerder"
KINDS: tuple[tuple[str, str], ...] = (
    ("group", N_("Party group")),
    ("tag", N_("Label")),
    ("person", N_("Person")),
    ("committee", N_("Committee")),
    ("org", N_("Organisation")),
)


def describe_selector(ctx: Context, selector: str) -> str:
    """One selector in words (never the code): 'fractie CDA, alleen woordvoerders'."""
    terms = selector.split("+")
    first, rest = terms[0], terms[1:]
    kind, _sep, value = first.partition(":")
    ident = value.strip().lstrip("#")
    text = value
    try:
        if kind == "person" and ident.isdigit():
            found = ctx.services.choices.person(int(ident))
            text = found.label if found else value
        elif kind in ("org", "committee"):
            org = ctx.services.orgs.find(value)
            if org.kind == "party-group":
                text = _("party group {name}").format(name=org.short_name or org.name)
            elif org.kind == "committee":
                text = _("committee {name}").format(name=org.name)
            else:
                text = _("people of {name}").format(name=org.name)
        elif kind == "tag":
            text = _("everyone labelled '{tag}'").format(tag=value)
        elif kind == "role":
            text = _("everyone with the role '{role}'").format(role=value)
        elif kind == "portfolio":
            text = _("spokespersons for '{portfolio}'").format(portfolio=value)
    except LobbyError:
        text = value
    if any(t.strip() == SPOKESPERSON.lstrip("+") for t in rest):
        text = _("{who}, only spokespersons").format(who=text)
    return text
