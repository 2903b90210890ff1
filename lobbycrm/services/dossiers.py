"""Use cases for dossiers (bills, policy files) and motions."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lobbycrm.core.enums import DossierStatus, ExecutionStatus, MotionResult
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.core.partial_dates import DatePrecision, check_precision, normalise
from lobbycrm.core.validation import check_date, check_text
from lobbycrm.db.models import Dossier, Motion
from lobbycrm.services.audit import get_for_edit
from lobbycrm.services.changes import Changes
from lobbycrm.services.dto import DossierRow, MotionRow
from lobbycrm.services.lookup import find_organisation, get_or_fail


def _choice(
    field: str, value: str, allowed: type[DossierStatus | MotionResult | ExecutionStatus]
) -> str:
    try:
        return allowed(value.strip().lower()).value
    except ValueError:
        options = ", ".join(v.value for v in allowed)
        raise ValidationError(
            field, value, _("must be one of: {allowed}").format(allowed=options)
        ) from None


@dataclass
class DossierInput:
    title: str
    kamerstuk: str = ""
    chamber: str = ""
    status: str = DossierStatus.OPEN.value
    notes: str = ""
    # None leaves what is stored alone (an edit that does not show these fields).
    kernboodschap: str | None = None
    asks: Sequence[str] | None = None


@dataclass
class MotionInput:
    title: str
    number: str = ""
    submitters: str = ""
    body: str = ""
    dossier_id: int | None = None
    date: dt.date | None = None
    result: str = MotionResult.ONBEKEND.value
    execution_status: str = ExecutionStatus.ONBEKEND.value
    notes: str = ""
    # 'day', 'month' or 'year'. None: a day for a new motion; on an edit, what is stored
    # stays while the date is the same (a form that does not show it changes nothing).
    date_precision: str | None = None


def normalise_kamerstuk(value: str) -> str:
    """'36334' -> '36 334' (the way kamerstuk numbers are written)."""
    text = " ".join(value.split())
    digits = text.replace(" ", "")
    if digits.isdigit() and len(digits) > 3:
        return f"{digits[:-3]} {digits[-3:]}"
    return text


KERNBOODSCHAP_MAX = 1000
ASK_MAX = 300
ASKS_MAX = 20


def stored_asks(text: str | None) -> tuple[str, ...]:
    """The asks as stored (a JSON list of strings); anything else reads as no asks, so a
    damaged value never stops a view."""
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return ()
    if not isinstance(value, list):
        return ()
    return tuple(str(v) for v in value if isinstance(v, str) and v.strip())


def check_asks(asks: Sequence[str]) -> list[str]:
    """Each ask on one line, empty ones dropped; at most ASKS_MAX of ASK_MAX characters."""
    out = []
    for i, ask in enumerate(asks, start=1):
        if len(ask.strip()) > ASK_MAX:
            raise ValidationError(
                _("asks"),
                ask,
                _("ask {n} is longer than {max} characters").format(n=i, max=ASK_MAX),
            )
        text = check_text(_("asks"), ask, max_length=ASK_MAX)
        if text:
            out.append(text)
    if len(out) > ASKS_MAX:
        raise ValidationError(_("asks"), len(out), _("at most {n} asks").format(n=ASKS_MAX))
    return out


def _apply_asks(d: Dossier, kernboodschap: str | None, asks: Sequence[str] | None) -> None:
    if kernboodschap is not None:
        d.kernboodschap = check_text(
            _("key message"), kernboodschap, single_line=False, max_length=KERNBOODSCHAP_MAX
        )
    if asks is not None:
        d.asks = json.dumps(check_asks(asks), ensure_ascii=False)


def dossier_row(d: Dossier) -> DossierRow:
    return DossierRow(
        d.id,
        d.title,
        d.kamerstuk,
        d.chamber_id,
        d.chamber.name if d.chamber else None,
        d.status,
        d.notes,
        kernboodschap=d.kernboodschap or "",
        asks=stored_asks(d.asks),
        version=d.row_version,
        updated_by=d.updated_by,
        updated_at=d.updated_at,
    )


def motion_row(m: Motion) -> MotionRow:
    return MotionRow(
        id=m.id,
        title=m.title,
        number=m.number,
        submitters=m.submitters,
        body_id=m.body_id,
        body=m.body.name if m.body else None,
        dossier_id=m.dossier_id,
        dossier=m.dossier.title if m.dossier else None,
        date=m.date,
        result=m.result,
        execution_status=m.execution_status,
        notes=m.notes,
        date_precision=m.date_precision,
        version=m.row_version,
        updated_by=m.updated_by,
        updated_at=m.updated_at,
    )


class DossierService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def list(self) -> list[DossierRow]:
        with self._sessions() as s:
            stmt = select(Dossier).options(selectinload(Dossier.chamber)).order_by(Dossier.title)
            return [dossier_row(d) for d in s.scalars(stmt)]

    def get(self, dossier_id: int) -> DossierRow:
        with self._sessions() as s:
            return dossier_row(get_or_fail(s, Dossier, dossier_id, _("dossier")))

    def _apply(self, s: Session, d: Dossier, data: DossierInput) -> None:
        d.title = check_text(_("title"), data.title, required=True)
        d.kamerstuk = normalise_kamerstuk(check_text(_("kamerstuk"), data.kamerstuk, max_length=20))
        d.chamber = find_organisation(s, data.chamber) if data.chamber.strip() else None
        d.status = _choice(_("status"), data.status, DossierStatus)
        d.notes = check_text(_("notes"), data.notes, single_line=False, max_length=100_000)
        _apply_asks(d, data.kernboodschap, data.asks)

    def set_asks(
        self,
        dossier_id: int,
        kernboodschap: str | None = None,
        asks: Sequence[str] | None = None,
    ) -> Changes:
        """The key message and/or the asks of a dossier (None leaves that part alone)."""
        with self._sessions.begin() as s:
            _apply_asks(get_or_fail(s, Dossier, dossier_id, _("dossier")), kernboodschap, asks)
            return Changes.of("dossier", ids=(dossier_id,))

    def add(self, data: DossierInput) -> Changes:
        with self._sessions.begin() as s:
            d = Dossier(title="")
            self._apply(s, d, data)
            s.add(d)
            s.flush()
            return Changes.of("dossier", ids=(d.id,))

    def update(self, dossier_id: int, data: DossierInput, version: int | None = None) -> Changes:
        with self._sessions.begin() as s:
            self._apply(s, get_for_edit(s, Dossier, dossier_id, _("dossier"), version), data)
            return Changes.of("dossier", ids=(dossier_id,))

    def delete(self, dossier_id: int) -> Changes:
        with self._sessions.begin() as s:
            s.delete(get_or_fail(s, Dossier, dossier_id, _("dossier")))
            return Changes.of("dossier", "motion", "event", ids=(dossier_id,))


def _motion_date(m: Motion, data: MotionInput) -> tuple[dt.date | None, str]:
    """The checked date and how much of it is known (the first of a month or year)."""
    if data.date is None:
        return None, DatePrecision.DAY.value
    day = check_date(_("date"), data.date)
    if data.date_precision is not None:
        precision = check_precision(_("date precision"), data.date_precision)
    elif day == m.date:
        precision = m.date_precision or DatePrecision.DAY.value
    else:
        precision = DatePrecision.DAY.value
    return normalise(day, precision), precision


class MotionService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def list(
        self, dossier_id: int | None = None, result: str | None = None, body: str | None = None
    ) -> list[MotionRow]:
        stmt = select(Motion).options(selectinload(Motion.body), selectinload(Motion.dossier))
        if dossier_id is not None:
            stmt = stmt.where(Motion.dossier_id == dossier_id)
        if result:
            stmt = stmt.where(Motion.result == _choice(_("result"), result, MotionResult))
        with self._sessions() as s:
            if body:
                stmt = stmt.where(Motion.body_id == find_organisation(s, body).id)
            rows = [motion_row(m) for m in s.scalars(stmt)]
        return sorted(rows, key=lambda m: (m.date or dt.date.min, m.id))

    def get(self, motion_id: int) -> MotionRow:
        with self._sessions() as s:
            return motion_row(get_or_fail(s, Motion, motion_id, _("motion")))

    def _apply(self, s: Session, m: Motion, data: MotionInput) -> None:
        m.title = check_text(_("title"), data.title, required=True)
        m.number = check_text(_("number"), data.number, max_length=50)
        m.submitters = check_text(_("submitters"), data.submitters)
        m.body = find_organisation(s, data.body) if data.body.strip() else None
        m.dossier = (
            get_or_fail(s, Dossier, data.dossier_id, _("dossier")) if data.dossier_id else None
        )
        m.date, m.date_precision = _motion_date(m, data)
        m.result = _choice(_("result"), data.result, MotionResult)
        m.execution_status = _choice(_("execution status"), data.execution_status, ExecutionStatus)
        m.notes = check_text(_("notes"), data.notes, single_line=False, max_length=100_000)

    def add(self, data: MotionInput) -> Changes:
        with self._sessions.begin() as s:
            m = Motion(title="")
            self._apply(s, m, data)
            s.add(m)
            s.flush()
            return Changes.of("motion", ids=(m.id,))

    def update(self, motion_id: int, data: MotionInput, version: int | None = None) -> Changes:
        with self._sessions.begin() as s:
            self._apply(s, get_for_edit(s, Motion, motion_id, _("motion"), version), data)
            return Changes.of("motion", ids=(motion_id,))

    def set_execution(self, motion_id: int, status: str) -> Changes:
        """Only the execution status: whether government carried the motion out."""
        with self._sessions.begin() as s:
            m = get_or_fail(s, Motion, motion_id, _("motion"))
            m.execution_status = _choice(_("execution status"), status, ExecutionStatus)
            return Changes.of("motion", ids=(motion_id,))

    def delete(self, motion_id: int) -> Changes:
        with self._sessions.begin() as s:
            s.delete(get_or_fail(s, Motion, motion_id, _("motion")))
            return Changes.of("motion", ids=(motion_id,))
