"""Use cases for campaigns and their petition signature counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import check_text
from lobbycrm.db.models import Campaign, Dossier, SignatureCount
from lobbycrm.services.changes import Changes
from lobbycrm.services.dto import CampaignRow
from lobbycrm.services.lookup import find_organisation, get_or_fail


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
    )


class CampaignService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def list(self) -> list[CampaignRow]:
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

    def add(
        self,
        name: str,
        notes: str = "",
        partners: Sequence[str] = (),
        dossier_ids: Sequence[int] = (),
    ) -> Changes:
        with self._sessions.begin() as s:
            c = Campaign(
                name=check_text(_("name"), name, required=True, max_length=300),
                notes=check_text(_("notes"), notes, single_line=False, max_length=100_000),
            )
            c.partners = [find_organisation(s, p) for p in partners]
            c.dossiers = [get_or_fail(s, Dossier, d, _("dossier")) for d in dossier_ids]
            s.add(c)
            s.flush()
            return Changes.of("campaign", ids=(c.id,))

    def record_signatures(self, campaign_id: int, count: int, on: dt.date) -> Changes:
        """Keep the count for a day (a second count the same day replaces the first)."""
        if count < 0:
            raise ValidationError(_("signatures"), count, _("must not be negative"))
        with self._sessions.begin() as s:
            c = get_or_fail(s, Campaign, campaign_id, _("campaign"))
            same_day = [sc for sc in c.signature_counts if sc.counted_on == on]
            if same_day:
                same_day[0].count = count
            else:
                c.signature_counts.append(SignatureCount(counted_on=on, count=count))
            return Changes.of("campaign", ids=(campaign_id,))
