"""Use cases for campaigns: their dossiers, partners, petition signature counts and results."""

from __future__ import annotations

import builtins
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import amsterdam_today, check_date, check_int, check_text
from lobbycrm.db.models import Campaign, Dossier, SignatureCount
from lobbycrm.services.audit import get_for_edit
from lobbycrm.services.campaign_overview import (
    CouncilOverview,
    MailingStats,
    campaign_mailing_ids,
    council_overview,
    mailing_stats,
)
from lobbycrm.services.changes import Changes
from lobbycrm.services.dto import CampaignRow, Jsonable
from lobbycrm.services.lookup import find_organisation, get_or_fail

_GROUPED = re.compile(r"^\d{1,3}([. ]\d{3})+$")


def campaign_row(c: Campaign) -> CampaignRow:
    counts = [(sc.counted_on, sc.count) for sc in c.signature_counts]
    return CampaignRow(
        id=c.id,
        name=c.name,
        notes=c.notes,
        dossiers=[d.title for d in c.dossiers],
        partners=[o.name for o in c.partners],
        signatures=counts[-1][1] if counts else None,
        signature_counts=counts,
        version=c.row_version,
    )


MAX_SIGNATURES = 10_000_000_000


def parse_count(field_name: str, text: str) -> int:
    """A whole number of signatures as people type it: '31805', '31.805' or '31 805'."""
    value = text.strip()
    if _GROUPED.match(value):
        value = value.replace(".", "").replace(" ", "")
    if not value.isdigit():
        if value.startswith("-") and value[1:].isdigit():
            raise ValidationError(field_name, text, _("must not be negative"))
        raise ValidationError(field_name, text, _("must be a whole number, like 31805 or 31.805"))
    return int(value)


@dataclass(frozen=True)
class CampaignInput:
    name: str
    notes: str = ""
    partners: Sequence[str] = ()  # names, short names or '#id' of organisations
    dossier_ids: Sequence[int] = ()


@dataclass(frozen=True)
class DossierRef(Jsonable):
    id: int
    title: str
    kamerstuk: str


@dataclass(frozen=True)
class PartnerRef(Jsonable):
    id: int
    name: str
    short_name: str


@dataclass(frozen=True)
class SignaturePoint(Jsonable):
    on: dt.date
    count: int


@dataclass(frozen=True)
class CampaignDetail(Jsonable):
    """A campaign with everything its page shows (see campaign_overview for what counts)."""

    id: int
    name: str
    notes: str
    dossiers: tuple[DossierRef, ...]
    partners: tuple[PartnerRef, ...]
    signatures: tuple[SignaturePoint, ...]  # one per day, oldest first
    latest_signatures: int | None
    mailings: tuple[MailingStats, ...]
    councils: CouncilOverview
    # Municipal: at least one council was written to or adopted a motion on its dossiers.
    municipal: bool
    version: int = 0


class CampaignService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def list(self) -> builtins.list[CampaignRow]:
        stmt = (
            select(Campaign)
            .options(
                selectinload(Campaign.dossiers),
                selectinload(Campaign.partners),
                selectinload(Campaign.signature_counts),
            )
            .order_by(Campaign.name)
        )
        with self._sessions() as s:
            return [campaign_row(c) for c in s.scalars(stmt)]

    def get(self, campaign_id: int) -> CampaignRow:
        with self._sessions() as s:
            return campaign_row(get_or_fail(s, Campaign, campaign_id, _("campaign")))

    def detail(self, campaign_id: int) -> CampaignDetail:
        """The campaign page: dossiers, partners, signature history, mailings, councils."""
        with self._sessions() as s:
            c = get_or_fail(s, Campaign, campaign_id, _("campaign"))
            mailing_ids = campaign_mailing_ids(s, c.id)
            overview = council_overview(s, mailing_ids, [d.id for d in c.dossiers])
            points = tuple(SignaturePoint(sc.counted_on, sc.count) for sc in c.signature_counts)
            return CampaignDetail(
                id=c.id,
                name=c.name,
                notes=c.notes,
                dossiers=tuple(
                    DossierRef(d.id, d.title, d.kamerstuk)
                    for d in sorted(c.dossiers, key=lambda d: d.title.casefold())
                ),
                partners=tuple(
                    PartnerRef(o.id, o.name, o.short_name)
                    for o in sorted(c.partners, key=lambda o: o.name.casefold())
                ),
                signatures=points,
                latest_signatures=points[-1].count if points else None,
                mailings=tuple(mailing_stats(s, mailing_ids)),
                councils=overview,
                municipal=bool(overview.councils),
                version=c.row_version,
            )

    def _apply(self, s: Session, c: Campaign, data: CampaignInput) -> None:
        """Check every field (each problem names it) and copy it onto `c`."""
        name = check_text(_("name"), data.name, required=True, max_length=300)
        clash = s.scalar(
            select(Campaign.id).where(
                func.lower(Campaign.name) == name.lower(), Campaign.id != (c.id or 0)
            )
        )
        if clash is not None:
            raise ValidationError(_("name"), name, _("another campaign already has this name"))
        notes = check_text(_("notes"), data.notes, single_line=False, max_length=100_000)
        partners = []
        for text in data.partners:
            if not text.strip():
                continue
            try:
                org = find_organisation(s, text)
            except LobbyError as exc:
                raise ValidationError(_("partners"), text, str(exc)) from None
            if org not in partners:
                partners.append(org)
        dossiers = []
        for ident in data.dossier_ids:
            d = s.get(Dossier, ident)
            if d is None:
                raise ValidationError(_("dossiers"), ident, _("there is no dossier with this id"))
            if d not in dossiers:
                dossiers.append(d)
        c.name, c.notes, c.partners, c.dossiers = name, notes, partners, dossiers

    def add(
        self,
        name: str | CampaignInput,
        notes: str = "",
        partners: Sequence[str] = (),
        dossier_ids: Sequence[int] = (),
    ) -> Changes:
        """A new campaign; the Changes carry its id."""
        data = (
            name
            if isinstance(name, CampaignInput)
            else CampaignInput(name, notes, partners, dossier_ids)
        )
        with self._sessions.begin() as s:
            c = Campaign(name="", notes="")
            self._apply(s, c, data)
            s.add(c)
            s.flush()
            return Changes.of("campaign", ids=(c.id,))

    def edit(self, campaign_id: int, data: CampaignInput, version: int | None = None) -> Changes:
        """Replace name, notes, partners and dossiers; nothing changes when one is wrong."""
        with self._sessions.begin() as s:
            c = get_for_edit(s, Campaign, campaign_id, _("campaign"), version)
            self._apply(s, c, data)
            return Changes.of("campaign", ids=(campaign_id,))

    def record_signatures(
        self, campaign_id: int, count: int, on: dt.date, today: dt.date | None = None
    ) -> Changes:
        """Keep the count for a day (a second count the same day replaces the first).

        Refused: a negative count, and a day after today (Amsterdam time).
        """
        if isinstance(count, bool) or not isinstance(count, int):
            raise ValidationError(_("signatures"), count, _("must be a whole number"))
        if count < 0:
            raise ValidationError(_("signatures"), count, _("must not be negative"))
        # More signatures than people on earth is a typing error (and would not fit the column).
        check_int(_("signatures"), count, minimum=0, maximum=MAX_SIGNATURES)
        if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
            raise ValidationError(_("date"), on, _("not a valid date (use YYYY-MM-DD)"))
        check_date(_("date"), on)
        today = today or amsterdam_today()
        if on > today:
            raise ValidationError(_("date"), on, _("lies in the future"))
        with self._sessions.begin() as s:
            c = get_or_fail(s, Campaign, campaign_id, _("campaign"))
            same_day = [sc for sc in c.signature_counts if sc.counted_on == on]
            if same_day:
                same_day[0].count = count
                for extra in same_day[1:]:
                    c.signature_counts.remove(extra)
            else:
                c.signature_counts.append(SignatureCount(counted_on=on, count=count))
            return Changes.of("campaign", ids=(campaign_id,))

    def delete_signatures(self, campaign_id: int, on: dt.date) -> Changes:
        """Remove the count recorded for a day."""
        with self._sessions.begin() as s:
            c = get_or_fail(s, Campaign, campaign_id, _("campaign"))
            found = [sc for sc in c.signature_counts if sc.counted_on == on]
            if not found:
                raise ValidationError(_("date"), on, _("no signature count on this day"))
            for sc in found:
                c.signature_counts.remove(sc)
            return Changes.of("campaign", ids=(campaign_id,))
