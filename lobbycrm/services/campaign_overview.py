"""What a campaign achieved: its mailings' answer rates and the councils written to or moved.

Definitions (the CLI, the app and the tests all rely on exactly these):

- The mailings of a campaign are those recorded with the campaign, plus every reminder that
  follows one of them (`follow_up_of`, at any depth), even when the reminder itself was
  recorded without the campaign.
- A recipient row counts as *sent* when its status is sent, acknowledged, replied or
  no_answer (a reminder went out for it): the letter reached the recipient as far as we know.
  Drafted copies (made but not known to be sent) and failed ones are not sent.
- *Answered* means acknowledged or replied; a mailing's answer rate is answered / sent, and
  has no value while nothing was sent. An answer to a reminder answers the letter it reminds
  of too (see services/recipients.py), so the first letter's rate counts the whole thread.
- A council is an organisation of kind "council"; a municipality with a council among its
  children is shown as that council, one without as itself. An organisation whose parent is a
  council or municipality (a party group in the council) belongs to that council.
- A council was *written to* when a campaign mailing was sent to a person who, on the day it
  was sent (else the day the copy was made), held a role there: at the council, at its
  municipality or at an organisation inside it. Roles that had ended by then (or had not yet
  begun) do not count. *First written on* is the earliest such day. A recipient erased on
  request (privacy) counts at the organisations kept with their recipient row.
- A council counts as *acknowledged* when any recipient counted there acknowledged or replied
  to any campaign mailing.
- A council *adopted a motion* when a motion with result "aangenomen" on one of the
  campaign's dossiers has that council (or its municipality) as its body. Motions on other
  dossiers do not count.
- The overview lists every council that was written to or adopted a motion, by name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from lobbycrm.core.validation import AMSTERDAM
from lobbycrm.db.models import Mailing, MailingRecipient, Motion, Organisation, Role
from lobbycrm.services.dto import Jsonable

SENT_STATUSES = frozenset({"sent", "acknowledged", "replied", "no_answer"})
ANSWERED_STATUSES = frozenset({"acknowledged", "replied"})
COUNCIL_KINDS = ("council", "municipality")


@dataclass(frozen=True)
class MailingStats(Jsonable):
    """One mailing of the campaign with where its recipients stand."""

    id: int
    name: str
    template: str
    follow_up_of: int | None  # the mailing this one reminds of
    sent_on: dt.date | None  # the first day a copy was sent
    recipients: int
    sent: int
    acknowledged: int
    replied: int
    failed: int
    answer_rate: float | None  # (acknowledged + replied) / sent; None while nothing was sent


@dataclass(frozen=True)
class CouncilMotion(Jsonable):
    id: int
    title: str
    date: dt.date | None
    date_precision: str = "day"  # or only the 'month' / 'year' is known


@dataclass(frozen=True)
class CouncilRow(Jsonable):
    organisation_id: int
    name: str
    kind: str  # council, or municipality when it has no council of its own
    cbs_code: str | None
    written_to: bool
    first_written_on: dt.date | None
    acknowledged: bool
    adopted: bool
    motions: tuple[CouncilMotion, ...]  # adopted motions on the campaign's dossiers, by date


@dataclass(frozen=True)
class CouncilOverview(Jsonable):
    councils: tuple[CouncilRow, ...]
    written_to: int
    acknowledged: int
    adopted: int


def campaign_mailing_ids(s: Session, campaign_id: int) -> list[int]:
    """The campaign's own mailings and every reminder following one of them, in id order."""
    found = set(s.scalars(select(Mailing.id).where(Mailing.campaign_id == campaign_id)))
    frontier = set(found)
    while frontier:
        more = set(s.scalars(select(Mailing.id).where(Mailing.follow_up_of.in_(frontier))))
        frontier = more - found
        found |= frontier
    return sorted(found)


def _day(value: dt.datetime) -> dt.date:
    return value.astimezone(AMSTERDAM).date() if value.tzinfo else value.date()


def mailing_stats(s: Session, mailing_ids: Iterable[int]) -> list[MailingStats]:
    ids = list(mailing_ids)
    if not ids:
        return []
    rows: dict[int, list[MailingRecipient]] = {i: [] for i in ids}
    for r in s.scalars(select(MailingRecipient).where(MailingRecipient.mailing_id.in_(ids))):
        rows[r.mailing_id].append(r)
    out = []
    for m in s.scalars(select(Mailing).where(Mailing.id.in_(ids)).order_by(Mailing.id)):
        recipients = rows[m.id]
        statuses = [r.status for r in recipients]
        sent = sum(st in SENT_STATUSES for st in statuses)
        answered = sum(st in ANSWERED_STATUSES for st in statuses)
        days = [_day(r.first_sent_at) for r in recipients if r.first_sent_at is not None]
        out.append(
            MailingStats(
                id=m.id,
                name=m.name,
                template=m.template,
                follow_up_of=m.follow_up_of,
                sent_on=min(days) if days else None,
                recipients=len(recipients),
                sent=sent,
                acknowledged=statuses.count("acknowledged"),
                replied=statuses.count("replied"),
                failed=statuses.count("failed"),
                answer_rate=answered / sent if sent else None,
            )
        )
    return out


class _Councils:
    """Maps any organisation to the council (or council-less municipality) it belongs to."""

    def __init__(self, s: Session) -> None:
        self.orgs = {
            o.id: o
            for o in s.scalars(select(Organisation).where(Organisation.kind.in_(COUNCIL_KINDS)))
        }
        self._council_of: dict[int, int] = {}
        for o in sorted(self.orgs.values(), key=lambda o: o.id):
            if o.kind == "council" and o.parent_id in self.orgs:
                self._council_of.setdefault(o.parent_id, o.id)

    def unit(self, org_id: int | None, parent_id: int | None = None) -> int | None:
        if org_id in self.orgs:
            o = self.orgs[org_id]
            if o.kind == "municipality":
                return self._council_of.get(o.id, o.id)
            return o.id
        if parent_id is not None and parent_id in self.orgs:
            return self.unit(parent_id)
        return None

    def cbs_code(self, unit_id: int) -> str | None:
        o = self.orgs[unit_id]
        if o.cbs_code:
            return o.cbs_code
        parent = self.orgs.get(o.parent_id) if o.parent_id is not None else None
        return parent.cbs_code if parent is not None else None


def _erased_units(councils: _Councils, held_org_ids: str) -> list[int]:
    """The councils of an erased recipient, from the organisations kept on their row."""
    try:
        ids = json.loads(held_org_ids or "[]")
    except ValueError:
        return []
    units = []
    for org_id, parent_id in ids if isinstance(ids, list) else []:
        unit = councils.unit(org_id, parent_id)
        if unit is not None:
            units.append(unit)
    return units


def council_overview(
    s: Session, mailing_ids: Iterable[int], dossier_ids: Iterable[int]
) -> CouncilOverview:
    """The councils written to or adopting a motion, as the module docstring defines them."""
    councils = _Councils(s)
    ids = list(mailing_ids)
    recipients = (
        list(s.scalars(select(MailingRecipient).where(MailingRecipient.mailing_id.in_(ids))))
        if ids
        else []
    )
    person_ids = {r.person_id for r in recipients if r.person_id is not None}
    roles: dict[int, list[tuple[Role, int]]] = {}
    if person_ids:
        stmt = (
            select(Role, Organisation.parent_id)
            .join(Organisation, Organisation.id == Role.organisation_id)
            .where(Role.person_id.in_(person_ids))
        )
        for role, parent_id in s.execute(stmt):
            unit = councils.unit(role.organisation_id, parent_id)
            if unit is not None:
                roles.setdefault(role.person_id, []).append((role, unit))
    written: dict[int, dt.date] = {}
    acknowledged: set[int] = set()
    for r in recipients:
        if r.status not in SENT_STATUSES:
            continue
        day = _day(r.first_sent_at or r.created_at)
        if r.person_id is None:
            units = _erased_units(councils, r.held_org_ids)
        else:
            units = [unit for role, unit in roles.get(r.person_id, []) if role.held_on(day)]
        for unit in units:
            written[unit] = min(day, written.get(unit, day))
            if r.status in ANSWERED_STATUSES:
                acknowledged.add(unit)
    motions: dict[int, list[CouncilMotion]] = {}
    dossiers = list(dossier_ids)
    if dossiers:
        stmt2 = select(Motion).where(
            Motion.dossier_id.in_(dossiers),
            Motion.result == "aangenomen",
            Motion.body_id.is_not(None),
        )
        for m in s.scalars(stmt2):
            unit = councils.unit(m.body_id)
            if unit is not None:
                motions.setdefault(unit, []).append(
                    CouncilMotion(m.id, m.title, m.date, m.date_precision)
                )
    rows = []
    for unit in set(written) | set(motions):
        o = councils.orgs[unit]
        adopted = sorted(motions.get(unit, []), key=lambda m: (m.date or dt.date.max, m.id))
        rows.append(
            CouncilRow(
                organisation_id=unit,
                name=o.name,
                kind=o.kind,
                cbs_code=councils.cbs_code(unit),
                written_to=unit in written,
                first_written_on=written.get(unit),
                acknowledged=unit in acknowledged,
                adopted=bool(adopted),
                motions=tuple(adopted),
            )
        )
    rows.sort(key=lambda r: (r.name.casefold(), r.organisation_id))
    return CouncilOverview(
        councils=tuple(rows),
        written_to=len(written),
        acknowledged=len(acknowledged),
        adopted=sum(r.adopted for r in rows),
    )
