"""Demo data of the municipal campaign: griffie contacts, the request letter and its reminder.

Loading it again finds every row by its e-mail address or name and adds nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lobbycrm.core.validation import AMSTERDAM
from lobbycrm.db.models import (
    Campaign,
    Dossier,
    Interaction,
    Mailing,
    MailingRecipient,
    MailingVersion,
    Organisation,
    Person,
)
from lobbycrm.resources_path import resource_path
from lobbycrm.services.recipients import mark_answer_in_thread

PersonMaker = Callable[[Session, dict[str, Any]], tuple[Person, bool]]
RoleMaker = Callable[[Person, Organisation, str], None]


def _moment(text: str) -> dt.datetime:
    """A day alone is taken at noon (as a status marked by hand); times are Amsterdam time."""
    value = dt.datetime.fromisoformat(text if "T" in text else f"{text}T12:00")
    return value.replace(tzinfo=AMSTERDAM).astimezone(dt.UTC)


def _template_text(name: str) -> str:
    return resource_path("templates", f"{name}.txt").read_text(encoding="utf-8")


def load_municipal_campaign(
    s: Session,
    spec: dict[str, Any],
    orgs: dict[str, Organisation],
    dossiers: dict[str, Dossier],
    person: PersonMaker,
    role: RoleMaker,
) -> int:
    """Create what is missing; returns how many rows were created."""
    created = 0
    c = s.scalar(select(Campaign).where(Campaign.name == spec["name"]))
    if c is None:
        c = Campaign(name=spec["name"], notes=spec["notes"])
        c.partners = [orgs[k] for k in spec["partners"]]
        c.dossiers = [dossiers[k] for k in spec["dossiers"]]
        s.add(c)
        created += 1
    griffies: list[tuple[str, Person]] = []
    for g in spec["griffies"]:
        p, new = person(s, g)
        created += new
        role(p, orgs[g["council"]], "griffier")
        griffies.append((g["council"], p))
    s.flush()
    dossier = dossiers[spec["dossiers"][0]]
    first: Mailing | None = None
    silent = [p for _key, p in griffies]
    for m in spec["mailings"]:
        mailing, new = _mailing(s, m, c, dossier, first, silent)
        created += new
        when = _moment(m["sent"])
        answered = {key: _moment(day) for key, day in m.get("acknowledged", {}).items()}
        for key, p in griffies:
            if p not in silent:
                continue
            made = _recipient(s, mailing, p, m["subject"], when, answered.get(key), spec)
            created += made
            if made and key in answered and mailing.follow_up_of is not None:
                # As the app does: an answer to the reminder answers the first letter too.
                s.flush()
                mark_answer_in_thread(s, mailing.id, p.id, "acknowledged", answered[key])
        if first is not None and new:
            # As a reminder does: the first letter's silent recipients become no_answer.
            for row in s.scalars(
                select(MailingRecipient).where(
                    MailingRecipient.mailing_id == first.id, MailingRecipient.status == "sent"
                )
            ):
                row.status = "no_answer"
        silent = [p for key, p in griffies if p in silent and key not in answered]
        first = first or mailing
    return created


def _mailing(
    s: Session,
    spec: dict[str, Any],
    c: Campaign,
    dossier: Dossier,
    first: Mailing | None,
    to: list[Person],
) -> tuple[Mailing, bool]:
    found = s.scalar(
        select(Mailing).where(Mailing.name == spec["name"], Mailing.campaign_id == c.id)
    )
    if found is not None:
        return found, False
    m = Mailing(
        name=spec["name"],
        template=spec["template"],
        selectors=json.dumps([f"person:{p.id}" for p in to]),
        fields="[]",
        attachments="[]",
        dossier_id=dossier.id,
        campaign_id=c.id,
        follow_up_of=first.id if first is not None and spec.get("follow_up") else None,
    )
    m.versions.append(MailingVersion(number=1, text=_template_text(spec["template"]), note=""))
    s.add(m)
    s.flush()
    return m, True


def _recipient(
    s: Session,
    m: Mailing,
    p: Person,
    subject: str,
    sent: dt.datetime,
    answered: dt.datetime | None,
    spec: dict[str, Any],
) -> int:
    exists = s.scalar(
        select(MailingRecipient.id).where(
            MailingRecipient.mailing_id == m.id, MailingRecipient.person_id == p.id
        )
    )
    if exists is not None:
        return 0
    s.add(
        MailingRecipient(
            mailing_id=m.id,
            person_id=p.id,
            status="acknowledged" if answered else "sent",
            first_sent_at=sent,
            answered_at=answered,
            by_hand=answered is not None,
            note=spec["note"] if answered else "",
        )
    )
    s.add(
        Interaction(
            person=p,
            kind="email",
            occurred_at=sent,
            subject=subject,
            dossier_id=m.dossier_id,
            mailing_id=m.id,
        )
    )
    if answered is not None:
        s.add(
            Interaction(
                person=p,
                kind="acknowledgement",
                occurred_at=answered,
                subject=subject,
                notes=spec["note"],
                dossier_id=m.dossier_id,
                mailing_id=m.id,
            )
        )
    return 1
