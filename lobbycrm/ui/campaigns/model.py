"""Table models of the campaigns section: campaigns, signature counts, mailings, councils."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from lobbycrm.core.i18n import N_, _, getal, language, short_date
from lobbycrm.core.partial_dates import partial_date_text
from lobbycrm.services.campaign_overview import CouncilRow, MailingStats
from lobbycrm.services.campaigns import SignaturePoint
from lobbycrm.services.dto import CampaignRow
from lobbycrm.ui.record_model import Index, Record, RecordModel


class CampaignCol(IntEnum):
    NAME = 0
    SIGNATURES = 1
    PARTNERS = 2


class CountCol(IntEnum):
    DATE = 0
    COUNT = 1


class MailingCol(IntEnum):
    NAME = 0
    SENT_ON = 1
    RECIPIENTS = 2
    SENT = 3
    ACKNOWLEDGED = 4
    REPLIED = 5
    FAILED = 6
    RATE = 7


class CouncilCol(IntEnum):
    NAME = 0
    CBS = 1
    WRITTEN_ON = 2
    ACKNOWLEDGED = 3
    MOTION = 4
    MOTION_DATE = 5


CAMPAIGN_HEADERS = {
    CampaignCol.NAME: N_("Name"),
    CampaignCol.SIGNATURES: N_("Signatures"),
    CampaignCol.PARTNERS: N_("Partners"),
}
COUNT_HEADERS = {CountCol.DATE: N_("Date"), CountCol.COUNT: N_("Signatures")}
MAILING_HEADERS = {
    MailingCol.NAME: N_("Mailing"),
    MailingCol.SENT_ON: N_("Sent on"),
    MailingCol.RECIPIENTS: N_("Recipients"),
    MailingCol.SENT: N_("Sent"),
    MailingCol.ACKNOWLEDGED: N_("Acknowledged"),
    MailingCol.REPLIED: N_("Replied"),
    MailingCol.FAILED: N_("Failed"),
    MailingCol.RATE: N_("Answer rate"),
}
COUNCIL_HEADERS = {
    CouncilCol.NAME: N_("Council"),
    CouncilCol.CBS: N_("CBS code"),
    CouncilCol.WRITTEN_ON: N_("First written on"),
    CouncilCol.ACKNOWLEDGED: N_("Acknowledged"),
    CouncilCol.MOTION: N_("Motion adopted"),
    CouncilCol.MOTION_DATE: N_("Motion date"),
}


def number(value: int | None) -> str:
    return "" if value is None else getal(value, language())


def rate(value: float | None) -> str:
    """An answer rate as a Dutch percentage ('33%'); empty while nothing was sent."""
    return "" if value is None else f"{getal(round(value * 100), language())}%"


class NumberModel(RecordModel):
    """A RecordModel whose number columns are right-aligned."""

    def __init__(
        self, columns: type[IntEnum], headers: dict[Any, str], numeric: Sequence[int] = ()
    ) -> None:
        super().__init__(columns, headers)
        self._numeric = set(numeric)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and index.isValid()
            and index.column() in self._numeric
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


def campaign_model() -> NumberModel:
    return NumberModel(CampaignCol, CAMPAIGN_HEADERS, [CampaignCol.SIGNATURES])


def campaign_records(rows: Sequence[CampaignRow]) -> list[Record]:
    return [
        Record(
            c.id,
            (c.name, number(c.signatures), ", ".join(c.partners)),
            (None, c.signatures if c.signatures is not None else -1),
        )
        for c in rows
    ]


def count_model() -> NumberModel:
    return NumberModel(CountCol, COUNT_HEADERS, [CountCol.COUNT])


def count_records(points: Sequence[SignaturePoint]) -> list[Record]:
    """Newest first; the row id is the day's ordinal (a day has one count)."""
    return [
        Record(p.on.toordinal(), (short_date(p.on), number(p.count)), (p.on, p.count))
        for p in reversed(points)
    ]


def mailing_model() -> NumberModel:
    return NumberModel(MailingCol, MAILING_HEADERS, list(MailingCol)[2:])


def mailing_records(rows: Sequence[MailingStats]) -> list[Record]:
    out = []
    for m in rows:
        name = m.name if m.follow_up_of is None else "↳ " + m.name
        out.append(
            Record(
                m.id,
                (
                    name,
                    short_date(m.sent_on) if m.sent_on else "",
                    number(m.recipients),
                    number(m.sent),
                    number(m.acknowledged),
                    number(m.replied),
                    number(m.failed),
                    rate(m.answer_rate),
                ),
                (
                    m.id,
                    m.sent_on.isoformat() if m.sent_on else "",
                    m.recipients,
                    m.sent,
                    m.acknowledged,
                    m.replied,
                    m.failed,
                    m.answer_rate if m.answer_rate is not None else -1.0,
                ),
            )
        )
    return out


def council_model() -> NumberModel:
    return NumberModel(CouncilCol, COUNCIL_HEADERS)


def council_records(rows: Sequence[CouncilRow]) -> list[Record]:
    out = []
    for c in rows:
        motion = c.motions[0] if c.motions else None
        out.append(
            Record(
                c.organisation_id,
                (
                    c.name,
                    c.cbs_code or "",
                    short_date(c.first_written_on) if c.first_written_on else "",
                    _("yes") if c.acknowledged else _("no"),
                    motion.title if motion else "",
                    partial_date_text(motion.date, motion.date_precision)
                    if motion and motion.date
                    else "",
                ),
                (
                    None,
                    None,
                    c.first_written_on.isoformat() if c.first_written_on else "",
                    None,
                    None,
                    motion.date.isoformat() if motion and motion.date else "",
                ),
            )
        )
    return out
