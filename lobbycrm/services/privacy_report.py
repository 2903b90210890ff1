"""The access report (AVG art. 15) as one readable HTML5 page, from `PrivacyService.access`."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from typing import Any

from lobbycrm.core.i18n import _, date_time, language, short_date

STYLE = """
body { font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em;
       line-height: 1.4; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
th, td { text-align: left; vertical-align: top; padding: 0.25em 0.5em;
         border-bottom: 1px solid #eee; }
th { background: #f4f4f4; }
pre { white-space: pre-wrap; background: #f8f8f8; padding: 0.75em; border: 1px solid #ddd; }
.none { color: #666; font-style: italic; }
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _when(value: str | None) -> str:
    if not value:
        return ""
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) == 10:
        return short_date(parsed.date())
    return date_time(parsed)


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    if not rows:
        return f'<p class="none">{_e(_("Nothing recorded."))}</p>'
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _section(title: str, content: str) -> str:
    return f"<section><h2>{_e(title)}</h2>{content}</section>"


def _letters(items: list[dict[str, Any]]) -> str:
    if not items:
        return f'<p class="none">{_e(_("Nothing recorded."))}</p>'
    parts = []
    for item in items:
        parts.append(f"<h3>{_e(item['mailing'])}</h3>")
        facts = [
            (_("Status"), item["status_label"]),
            (_("Sent"), _when(item["first_sent_at"])),
            (_("Answered"), _when(item["answered_at"])),
            (_("Note"), item["note"]),
        ]
        parts.append(_table([_("What"), _("Value")], [f for f in facts if f[1]]))
        for m in item["messages"]:
            parts.append(
                f"<p><b>{_e(_('E-mail'))}</b> {_e(m['to'])} — {_e(m['status_label'])}"
                f"{' — ' + _e(_when(m['sent_at'])) if m['sent_at'] else ''}</p>"
                f"<p><b>{_e(_('Subject'))}:</b> {_e(m['subject'])}</p><pre>{_e(m['text'])}</pre>"
            )
        if item["letter_text"]:
            parts.append(
                f"<p>{_e(_('The letter as it reads now, made again from its newest text:'))}</p>"
                f"<pre>{_e(item['letter_text'])}</pre>"
            )
    return "".join(parts)


def render_html(data: dict[str, Any]) -> str:
    """A complete HTML5 document (lang set to the interface language)."""
    p = data["person"]
    identity = [
        (_("Name"), p["name"]),
        (_("Formal name"), p["formal_name"]),
        (_("Salutation"), p["salutation"]),
        (_("Titles"), p["titles"]),
        (_("Initials"), p["initials"]),
        (_("First name"), p["first_name"]),
        (_("Particle"), p["particle"]),
        (_("Surname"), p["surname"]),
        (_("Form of address"), p["gender_label"]),
        (_("Tweede Kamer id"), p["tk_id"]),
        (_("Notes"), p["notes"]),
        (_("Recorded on"), _when(p["created_at"])),
        (_("Last changed"), f"{_when(p['updated_at'])} {p['updated_by']}".strip()),
    ]
    rows: list[tuple[str, Callable[[], str]]] = [
        (_("Identity"), lambda: _table([_("What"), _("Value")], [i for i in identity if i[1]])),
        (
            _("Contact points"),
            lambda: _table(
                [_("Kind"), _("Value"), _("Label"), _("Primary")],
                [
                    (c["kind_label"], c["value"], c["label"], _("yes") if c["primary"] else "")
                    for c in data["contact_points"]
                ],
            ),
        ),
        (
            _("Roles"),
            lambda: _table(
                [_("Organisation"), _("Role"), _("Portfolio"), _("From"), _("Until")],
                [
                    (
                        r["organisation"],
                        r["role"],
                        r["portfolio"],
                        _when(r["start"]),
                        _when(r["end"]),
                    )
                    for r in data["roles"]
                ],
            ),
        ),
        (_("Tags"), lambda: _table([_("Tag")], [(t,) for t in data["tags"]])),
        (
            _("Events"),
            lambda: _table(
                [_("Date"), _("Title")], [(_when(e["start"]), e["title"]) for e in data["events"]]
            ),
        ),
        (
            _("Contact moments and notes"),
            lambda: _table(
                [_("Date"), _("Kind"), _("Subject"), _("Notes")],
                [
                    (_when(i["occurred_at"]), i["kind_label"], i["subject"], i["notes"])
                    for i in data["interactions"]
                ],
            ),
        ),
        (_("Letters and e-mails sent"), lambda: _letters(data["letters"])),
        (
            _("Replies"),
            lambda: _table(
                [_("Date"), _("Kind"), _("Subject"), _("Notes")],
                [
                    (_when(i["occurred_at"]), i["kind_label"], i["subject"], i["notes"])
                    for i in data["replies"]
                ],
            ),
        ),
        (
            _("Stances"),
            lambda: _table(
                [_("Date"), _("Dossier"), _("Stance"), _("Source"), _("Note")],
                [
                    (
                        _when(st["stated_on"]),
                        st["dossier"],
                        st["stance_label"],
                        st["source"],
                        st["note"],
                    )
                    for st in data["stances"]
                ],
            ),
        ),
        (
            _("Who changed what"),
            lambda: _table(
                [_("When"), _("Who"), _("What"), _("Change")],
                [
                    (
                        _when(c["at"]),
                        c["author"],
                        c["kind_label"],
                        c["action_label"]
                        + (": " + ", ".join(c["field_labels"]) if c["field_labels"] else ""),
                    )
                    for c in data["changes"]
                ],
            ),
        ),
    ]
    title = _("Personal data held about {name}").format(name=p["name"])
    intro = _(
        "Everything LobbyCRM holds about this person on {date} (access request, GDPR "
        "article 15). The same data is in the JSON file beside this report."
    ).format(date=_when(data["generated_at"]))
    body = "".join(_section(t, build()) for t, build in rows)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language()}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{_e(title)}</h1>\n<p>{_e(intro)}</p>\n{body}\n</body>\n</html>\n"
    )
