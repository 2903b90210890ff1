"""Lines of the briefing about people: how to reach them, what they were really sent, how they
answered, and their contact history. 'Verstuurd' is only ever said of what went out."""

from __future__ import annotations

from lobbycrm.core import labels
from lobbycrm.core.document import Cell, Line, Span, line
from lobbycrm.core.i18n import _
from lobbycrm.services.correspondence import ContactEntry
from lobbycrm.services.majority_words import day_text
from lobbycrm.services.plenary_contacts import Contact

SUBJECT_MAX = 90


def short(text: str, limit: int = SUBJECT_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def answer_text(entry: ContactEntry) -> str:
    if entry.answer == "replied":
        return _("answered {day}").format(day=day_text(entry.answered_at or entry.when))
    if entry.answer == "acknowledged":
        return _("receipt confirmed {day}").format(day=day_text(entry.answered_at or entry.when))
    return _("no answer yet")


def sent_text(entry: ContactEntry) -> Line:
    """'e-mail verstuurd 14 mei 2026 · nog geen antwoord': only for what really went out."""
    what = labels.label(labels.INTERACTION_KIND, entry.kind)
    head = _("{what} sent {day}").format(what=what, day=day_text(entry.when))
    return line(head, " · ", Span(answer_text(entry), bold=not entry.answer))


def history_text(entry: ContactEntry) -> Line:
    """One line of a person's history: day, what happened, subject."""
    what = labels.label(labels.INTERACTION_KIND, entry.kind)
    if entry.kind in ("letter", "email"):
        if entry.delivery == "sent":
            state = _("{what} sent, {answer}").format(what=what, answer=answer_text(entry))
        elif entry.delivery == "failed":
            state = _("{what} did not go out").format(what=what)
        else:
            state = _("{what} drafted only, never mailed").format(what=what)
    else:
        state = what
    subject = short(entry.subject, 70) if entry.subject else ""
    return line(
        Span(day_text(entry.when), bold=True),
        " · ",
        state,
        *((" · ", Span(subject, muted=True)) if subject else ()),
    )


def contact_lines(c: Contact, with_roles: bool) -> list[Line]:
    """Two lines a person: name (and role), phone and e-mail; then the last letter that really
    went out and whether it was answered."""
    reach = [x for x in (c.phone, c.email) if x]
    head = line(
        Span(c.name, bold=True),
        *((" · ", Span(", ".join(c.roles), muted=True)) if with_roles and c.roles else ()),
        *((" · " + " · ".join(reach),) if reach else ()),
    )
    if c.last_sent is not None:
        return [head, sent_text(c.last_sent)]
    drafted = next((e for e in c.history if e.kind in ("letter", "email")), None)
    if drafted is None:
        return [head, line(Span(_("no letter yet"), muted=True))]
    text = _("no letter yet (a draft of {day} was never mailed)").format(day=day_text(drafted.when))
    return [head, line(Span(text, muted=True))]


def group_cell(contacts: list[Contact]) -> Cell:
    spokes = [c for c in contacts if c.spokesperson]
    lines: list[Line] = []
    if not spokes:
        lines.append(line(Span(_("no spokesperson known"), muted=True)))
    for c in contacts:
        lines.extend(contact_lines(c, with_roles=not c.spokesperson))
    return Cell(tuple(lines))
