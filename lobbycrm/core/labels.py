"""Words for the stable codes stored in the database, in the interface language.

Codes (``plenary-debate``, ``confirmed``, ``tegen``) stay in the database, in JSON output and in
command-line options; everything a person reads goes through this module. One table per kind of
code, English source strings translated with ``_()`` when shown.
"""

from __future__ import annotations

import re

from lobbycrm.core.i18n import N_, SUPPORTED, _, in_language, ngettext

EVENT_KIND = {
    "plenary-debate": N_("Plenary debate"),
    "committee-debate": N_("Committee debate"),
    "legislative-consultation": N_("Legislative consultation"),
    "written-round-deadline": N_("Written round deadline"),
    "vote": N_("Vote"),
    "meeting": N_("Meeting"),
    "deadline": N_("Deadline"),
    "other": N_("Other"),
}
EVENT_STATUS = {
    "confirmed": N_("confirmed"),
    "tentative": N_("tentative"),
    "cancelled": N_("cancelled"),
}
ORG_KIND = {
    "chamber": N_("chamber"),
    "party-group": N_("party group"),
    "committee": N_("committee"),
    "municipality": N_("municipality"),
    "council": N_("municipal council"),
    "ministry": N_("ministry"),
    "party": N_("political party"),
    "ngo": N_("NGO"),
    "coalition": N_("coalition"),
    "other": N_("other"),
}
STANCE = {
    "voor": N_("for"),
    "tegen": N_("against"),
    "twijfel": N_("undecided"),
    "onbekend": N_("unknown"),
}
MOTION_RESULT = {
    "aangenomen": N_("adopted"),
    "verworpen": N_("rejected"),
    "ingetrokken": N_("withdrawn"),
    "aangehouden": N_("held over"),
    "onbekend": N_("unknown"),
}
EXECUTION = {
    "onbekend": N_("unknown"),
    "niet-uitgevoerd": N_("not carried out"),
    "in-uitvoering": N_("being carried out"),
    "uitgevoerd": N_("carried out"),
}
DOSSIER_STATUS = {
    "open": N_("open"),
    "in-behandeling": N_("under consideration"),
    "aangenomen": N_("adopted"),
    "verworpen": N_("rejected"),
    "ingetrokken": N_("withdrawn"),
    "gesloten": N_("closed"),
}
INTERACTION_KIND = {
    "letter": N_("letter"),
    "email": N_("e-mail"),
    "call": N_("call"),
    "meeting": N_("meeting"),
    "note": N_("note"),
    "reply": N_("reply received"),
    "acknowledgement": N_("acknowledgement"),
}
# A recipient's status in a mailing, and a message's status in the outbox.
DELIVERY_STATUS = {
    "queued": N_("queued"),
    "sending": N_("sending"),
    "sent": N_("sent"),
    "failed": N_("failed"),
    "drafted": N_("drafted"),
    "acknowledged": N_("acknowledged"),
    "replied": N_("replied"),
    "no_answer": N_("no answer"),
    "held": N_("held"),
}
COSIGNER_STATUS = {
    "invited": N_("invited"),
    "approved": N_("approved"),
    "declined": N_("declined"),
}
GENDER = {
    "man": N_("man"),
    "vrouw": N_("woman"),
    "onbekend": N_("unknown"),
}
CONTACT_KIND = {
    "email": N_("e-mail"),
    "phone": N_("phone"),
    "address": N_("address"),
}
# What a recycle-bin entry is.
ROW_KIND = {
    "person": N_("person"),
    "organisation": N_("organisation"),
    "dossier": N_("dossier"),
    "motion": N_("motion"),
}
# The kinds of record (table names) the change log names.
RECORD_KIND = {
    "person": N_("person"),
    "contact_point": N_("contact point"),
    "role": N_("role"),
    "organisation": N_("organisation"),
    "dossier": N_("dossier"),
    "motion": N_("motion"),
    "event": N_("event"),
    "reminder": N_("reminder"),
    "interaction": N_("contact moment"),
    "stance": N_("stance"),
    "mailing": N_("mailing"),
    "mailing_version": N_("letter text"),
    "cosigner": N_("co-signer"),
    "mailing_recipient": N_("recipient"),
    "campaign": N_("campaign"),
    "signature_count": N_("signature count"),
    "setting": N_("setting"),
    "change_log": N_("change-log entry"),
    "outbox_message": N_("e-mail in the outbox"),
    "recycle_bin": N_("recycle-bin entry"),
}
# What happened to a record, as the change log says it.
CHANGE_ACTION = {
    "add": N_("added"),
    "edit": N_("changed"),
    "delete": N_("deleted"),
    "erase": N_("erased (privacy request)"),
}

TABLES: dict[str, dict[str, str]] = {
    "event_kind": EVENT_KIND,
    "event_status": EVENT_STATUS,
    "org_kind": ORG_KIND,
    "stance": STANCE,
    "motion_result": MOTION_RESULT,
    "execution": EXECUTION,
    "dossier_status": DOSSIER_STATUS,
    "interaction_kind": INTERACTION_KIND,
    "delivery_status": DELIVERY_STATUS,
    "cosigner_status": COSIGNER_STATUS,
    "gender": GENDER,
    "contact_kind": CONTACT_KIND,
    "row_kind": ROW_KIND,
    "record_kind": RECORD_KIND,
    "change_action": CHANGE_ACTION,
}


def label(table: dict[str, str], code: str | None) -> str:
    """The translated word for `code`; an unknown code (written by another tool) is shown as is."""
    if not code:
        return ""
    source = table.get(code)
    return _(source) if source else code


def choices(table: dict[str, str]) -> list[tuple[str, str]]:
    """(label, code) pairs in the table's order, for pickers and help texts."""
    return [(_(source), code) for code, source in table.items()]


def code_for(table: dict[str, str], text: str) -> str | None:
    """The code a user meant: the code itself or its label in either language."""
    key = " ".join(text.split()).casefold()
    for code, source in table.items():
        if key in (code.casefold(), *(w.casefold() for w in words(source))):
            return code
    return None


def words(source: str) -> tuple[str, ...]:
    """A label in every language: the English source and its translations."""
    return (source, *(in_language(source, lang) for lang in SUPPORTED if lang != "en"))


def offset_text(minutes: int) -> str:
    """A reminder offset as people say it: '1 dag', '2 uur', '30 minuten', '1 dag en 2 uur'."""
    if minutes <= 0:
        return _("at the start")
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    weeks, week_rest = divmod(days, 7)
    parts: list[str] = []
    if weeks and not week_rest and not rest:
        return ngettext("{n} week", "{n} weeks", weeks).format(n=weeks)
    if days:
        parts.append(ngettext("{n} day", "{n} days", days).format(n=days))
    if hours:
        parts.append(ngettext("{n} hour", "{n} hours", hours).format(n=hours))
    if mins:
        parts.append(ngettext("{n} minute", "{n} minutes", mins).format(n=mins))
    if len(parts) == 1:
        return parts[0]
    return _("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


def reminder_text(minutes: int) -> str:
    """'1 dag vooraf', '1 uur vooraf'."""
    if minutes <= 0:
        return _("at the start")
    return _("{offset} before").format(offset=offset_text(minutes))


_OFFSET_UNITS = {
    **dict.fromkeys(("m", "min", "mins", "minuut", "minuten", "minute", "minutes"), 1),
    **dict.fromkeys(("u", "h", "uur", "uren", "hour", "hours", "hr", "hrs"), 60),
    **dict.fromkeys(("d", "dag", "dagen", "day", "days"), 24 * 60),
    **dict.fromkeys(("w", "wk", "week", "weken", "weeks"), 7 * 24 * 60),
}
# Patterns, not compiled at import: the command line's start-up does not need them.
_OFFSET_PART = r"(\d{1,6})\s*([a-z]+)"
_OFFSET_FILLER = r",|\ben\b|\band\b|\bvooraf\b|\bbefore\b|\btevoren\b"


def parse_offset(text: str) -> int | None:
    """A reminder offset as people type it, in minutes: '90', '1d', '2u', '30m', '1 dag',
    '2 hours', '1 dag en 2 uur'. None when it is not one."""
    value = " ".join(text.split()).casefold()
    if value.isdigit():
        return int(value)
    value = re.sub(_OFFSET_FILLER, " ", value).strip()
    if not value or re.sub(_OFFSET_PART, "", value).strip():
        return None
    total = 0
    for amount, unit in re.findall(_OFFSET_PART, value):
        if unit not in _OFFSET_UNITS:
            return None
        total += int(amount) * _OFFSET_UNITS[unit]
    return total
