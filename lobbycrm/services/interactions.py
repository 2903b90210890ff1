"""Use cases for the activity log: letters, e-mails, calls, meetings, replies."""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lobbycrm.core import names
from lobbycrm.core.enums import InteractionKind
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import check_date, check_datetime, check_text
from lobbycrm.db.models import Dossier, Event, Interaction, Organisation, Person
from lobbycrm.services.changes import Changes
from lobbycrm.services.correspondence import ContactEntry, histories
from lobbycrm.services.dto import InteractionRow
from lobbycrm.services.lookup import get_or_fail
from lobbycrm.services.people import name_parts


@dataclass
class InteractionInput:
    kind: str
    occurred_at: dt.datetime
    person_id: int | None = None
    organisation_id: int | None = None
    subject: str = ""
    notes: str = ""
    dossier_id: int | None = None
    event_id: int | None = None
    mailing_id: int | None = None
    follow_up_on: dt.date | None = None
    message_id: str | None = None  # of a sent or received e-mail


def interaction_row(i: Interaction) -> InteractionRow:
    return InteractionRow(
        id=i.id,
        person_id=i.person_id,
        person=names.display_name(name_parts(i.person)) if i.person else None,
        organisation_id=i.organisation_id,
        organisation=i.organisation.name if i.organisation else None,
        kind=i.kind,
        occurred_at=i.occurred_at,
        subject=i.subject,
        notes=i.notes,
        dossier_id=i.dossier_id,
        event_id=i.event_id,
        mailing_id=i.mailing_id,
        follow_up_on=i.follow_up_on,
        follow_up_done=i.follow_up_done,
        message_id=i.message_id,
    )


def build_interaction(s: Session, data: InteractionInput) -> Interaction:
    """Validated Interaction row added to `s` (used by other services inside their unit of work)."""
    try:
        kind = InteractionKind(data.kind).value
    except ValueError:
        allowed = ", ".join(k.value for k in InteractionKind)
        raise ValidationError(
            _("kind"), data.kind, _("must be one of: {allowed}").format(allowed=allowed)
        ) from None
    if data.person_id is None and data.organisation_id is None:
        raise ValidationError(_("person"), None, _("a person or an organisation is required"))
    check_datetime(_("date"), data.occurred_at)
    if data.follow_up_on is not None:
        check_date(_("follow-up"), data.follow_up_on)
    i = Interaction(
        kind=kind,
        occurred_at=data.occurred_at,
        person=get_or_fail(s, Person, data.person_id, _("person")) if data.person_id else None,
        organisation=get_or_fail(s, Organisation, data.organisation_id, _("organisation"))
        if data.organisation_id
        else None,
        subject=check_text(_("subject"), data.subject),
        notes=check_text(_("notes"), data.notes, single_line=False, max_length=1_000_000),
        dossier_id=get_or_fail(s, Dossier, data.dossier_id, _("dossier")).id
        if data.dossier_id
        else None,
        event_id=get_or_fail(s, Event, data.event_id, _("event")).id if data.event_id else None,
        mailing_id=data.mailing_id,
        follow_up_on=data.follow_up_on,
        message_id=data.message_id,
    )
    s.add(i)
    return i


class InteractionService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add(self, data: InteractionInput) -> Changes:
        with self._sessions.begin() as s:
            i = build_interaction(s, data)
            s.flush()
            return Changes.of("interaction", ids=(i.id,))

    def delete(self, interaction_id: int) -> Changes:
        with self._sessions.begin() as s:
            s.delete(get_or_fail(s, Interaction, interaction_id, _("interaction")))
            return Changes.of("interaction", ids=(interaction_id,))

    def follow_ups(
        self, until: dt.date | None = None, since: dt.date | None = None
    ) -> list[InteractionRow]:
        """Open follow-ups (not marked done) due on or before `until` (the to-do list)."""
        stmt = (
            select(Interaction)
            .options(selectinload(Interaction.person), selectinload(Interaction.organisation))
            .where(Interaction.follow_up_on.is_not(None), Interaction.follow_up_done.is_(False))
            .order_by(Interaction.follow_up_on, Interaction.id)
        )
        if until is not None:
            stmt = stmt.where(Interaction.follow_up_on <= until)
        if since is not None:
            stmt = stmt.where(Interaction.follow_up_on >= since)
        with self._sessions() as s:
            return [interaction_row(i) for i in s.scalars(stmt)]

    def set_follow_up_done(self, interaction_id: int, done: bool = True) -> Changes:
        with self._sessions.begin() as s:
            i = get_or_fail(s, Interaction, interaction_id, _("interaction"))
            if i.follow_up_on is None:
                raise ValidationError(
                    _("interaction"), interaction_id, _("this interaction has no follow-up date")
                )
            i.follow_up_done = done
            return Changes.of("interaction", ids=(interaction_id,))

    def timeline(self, person_id: int) -> builtins.list[ContactEntry]:
        """A person's letters (drafted, sent, failed; each mailing once), answers and
        contacts, newest first."""
        with self._sessions() as s:
            get_or_fail(s, Person, person_id, _("person"))
            return histories(s, [person_id])[person_id]

    def list(
        self,
        person_id: int | None = None,
        organisation_id: int | None = None,
        dossier_id: int | None = None,
        mailing_id: int | None = None,
        limit: int | None = None,
    ) -> list[InteractionRow]:
        """Newest first."""
        stmt = select(Interaction).options(
            selectinload(Interaction.person), selectinload(Interaction.organisation)
        )
        if person_id is not None:
            stmt = stmt.where(Interaction.person_id == person_id)
        if organisation_id is not None:
            stmt = stmt.where(Interaction.organisation_id == organisation_id)
        if dossier_id is not None:
            stmt = stmt.where(Interaction.dossier_id == dossier_id)
        if mailing_id is not None:
            stmt = stmt.where(Interaction.mailing_id == mailing_id)
        stmt = stmt.order_by(Interaction.occurred_at.desc(), Interaction.id.desc()).limit(limit)
        with self._sessions() as s:
            return [interaction_row(i) for i in s.scalars(stmt)]
