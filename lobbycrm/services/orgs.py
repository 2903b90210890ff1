"""Use cases for organisations: chambers, party groups, committees, councils, NGOs."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lobbycrm.core import names
from lobbycrm.core.enums import ContactKind, OrgKind
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import check_email, check_int, check_text
from lobbycrm.db.models import ContactPoint, Organisation
from lobbycrm.services.audit import get_for_edit
from lobbycrm.services.changes import Changes
from lobbycrm.services.dto import OrgRow
from lobbycrm.services.lookup import find_organisation, get_or_fail, tag_for


@dataclass
class OrgInput:
    name: str
    kind: str
    short_name: str = ""
    parent: str = ""
    tk_id: str | None = None
    cbs_code: str | None = None
    seats: int | None = None
    notes: str = ""
    emails: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    # The full official name for letters; None leaves what is stored alone.
    full_name: str | None = None


def check_kind(value: str) -> str:
    try:
        return OrgKind(value.strip().lower()).value
    except ValueError:
        allowed = ", ".join(k.value for k in OrgKind)
        raise ValidationError(
            _("kind"), value, _("must be one of: {allowed}").format(allowed=allowed)
        ) from None


def body_lines(o: Organisation) -> tuple[str, str]:
    """How a letter addresses the organisation as a body: salutation and address line
    ('Geachte leden van de CDA-fractie,', 'Aan de leden van de CDA-fractie in de Eerste
    Kamer')."""
    full = o.full_name or ""
    chamber = ""
    if o.parent is not None and o.parent.kind in ("chamber", "council"):
        chamber = o.parent.short_name or o.parent.name
    return (
        names.body_salutation(o.kind, o.name, o.short_name, full),
        names.body_address(o.kind, o.name, o.short_name, full, chamber),
    )


def org_row(o: Organisation) -> OrgRow:
    salutation, address = body_lines(o)
    return OrgRow(
        id=o.id,
        name=o.name,
        short_name=o.short_name,
        kind=o.kind,
        parent_id=o.parent_id,
        parent=o.parent.name if o.parent else None,
        tk_id=o.tk_id,
        cbs_code=o.cbs_code,
        seats=o.seats,
        emails=[c.value for c in o.contacts if c.kind == ContactKind.EMAIL],
        tags=[t.name for t in o.tags],
        version=o.row_version,
        updated_by=o.updated_by,
        updated_at=o.updated_at,
        full_name=o.full_name or "",
        salutation=salutation,
        address_line=address,
    )


class OrgService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def list(
        self, kind: str | None = None, search: str = "", limit: int | None = None
    ) -> list[OrgRow]:
        """Organisations by name; the app passes a limit and lets the user type to narrow."""
        stmt = select(Organisation).options(
            selectinload(Organisation.parent),
            selectinload(Organisation.contacts),
            selectinload(Organisation.tags),
        )
        if kind:
            stmt = stmt.where(Organisation.kind == check_kind(kind))
        if limit is not None:
            for word in search.lower().split():
                stmt = stmt.where(
                    or_(
                        func.lower(Organisation.name).contains(word, autoescape=True),
                        func.lower(Organisation.short_name).contains(word, autoescape=True),
                    )
                )
            stmt = stmt.order_by(func.lower(Organisation.name), Organisation.id).limit(limit)
        with self._sessions() as s:
            rows = [org_row(o) for o in s.scalars(stmt)]
        if search.strip() and limit is None:
            key = search.strip().casefold()
            rows = [r for r in rows if key in r.name.casefold() or key in r.short_name.casefold()]
        return sorted(rows, key=lambda r: (r.name.casefold(), r.id))

    def get(self, org_id: int) -> OrgRow:
        with self._sessions() as s:
            return org_row(get_or_fail(s, Organisation, org_id, _("organisation")))

    def find(self, name: str) -> OrgRow:
        with self._sessions() as s:
            return org_row(find_organisation(s, name))

    def _apply(self, s: Session, o: Organisation, data: OrgInput) -> None:
        o.name = check_text(_("name"), data.name, required=True, max_length=300)
        o.kind = check_kind(data.kind)
        o.short_name = check_text(_("short name"), data.short_name, max_length=50)
        if data.full_name is not None:
            o.full_name = check_text(_("full name"), data.full_name, max_length=500)
        o.notes = check_text(_("notes"), data.notes, single_line=False, max_length=100_000)
        o.tk_id = check_text("tk-id", data.tk_id, max_length=64) or None
        o.cbs_code = check_text(_("CBS code"), data.cbs_code, max_length=10).upper() or None
        if data.seats is not None and data.seats < 0:
            raise ValidationError(_("seats"), data.seats, _("must not be negative"))
        # The same bound as the stored column reads (db.models.base.SafeCount).
        o.seats = (
            check_int(_("seats"), data.seats, minimum=0, maximum=100_000)
            if data.seats is not None
            else None
        )
        if data.parent.strip():
            parent = find_organisation(s, data.parent)
            if parent.id == o.id and o.id is not None:
                raise ValidationError(_("parent"), data.parent, _("cannot be itself"))
            o.parent = parent
        else:
            o.parent = None
        emails = [check_email(_("e-mail"), e) for e in data.emails if e.strip()]
        current = {c.value.lower(): c for c in o.contacts if c.kind == ContactKind.EMAIL}
        for i, e in enumerate(emails):
            row = current.pop(e.lower(), None) or ContactPoint(kind="email", value=e)
            row.value_key, row.is_primary = e.lower(), i == 0
            if row not in o.contacts:
                o.contacts.append(row)
        for row in current.values():
            o.contacts.remove(row)
        o.tags = [tag_for(s, t) for t in dict.fromkeys(t for t in data.tags if t.strip())]

    def add(self, data: OrgInput) -> Changes:
        with self._sessions.begin() as s:
            o = Organisation(name="", kind="other")
            self._apply(s, o, data)
            s.add(o)
            s.flush()
            return Changes.of("organisation", ids=(o.id,))

    def update(self, org_id: int, data: OrgInput, version: int | None = None) -> Changes:
        with self._sessions.begin() as s:
            o = get_for_edit(s, Organisation, org_id, _("organisation"), version)
            self._apply(s, o, data)
            return Changes.of("organisation", ids=(org_id,))

    def delete(self, org_id: int) -> Changes:
        with self._sessions.begin() as s:
            s.delete(get_or_fail(s, Organisation, org_id, _("organisation")))
            return Changes.of("organisation", "role", ids=(org_id,))
