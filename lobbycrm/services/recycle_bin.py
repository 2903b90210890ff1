"""Delete with undo: a row and everything that hangs off it go into the bin as JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from lobbycrm.core import names
from lobbycrm.core.errors import NotFoundError, ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.db.models import (
    BinEntry,
    ContactPoint,
    Cosigner,
    Dossier,
    Event,
    Interaction,
    Mailing,
    Motion,
    Organisation,
    Person,
    Role,
    Stance,
    campaign_dossier,
    campaign_partner,
    event_person,
    organisation_tag,
    person_tag,
)
from lobbycrm.services.changes import Changes
from lobbycrm.services.people import name_parts


@dataclass(frozen=True)
class BinRow:
    id: int
    kind: str
    label: str
    deleted_at: dt.datetime


def _table(model: Any) -> Table:
    return model if isinstance(model, Table) else model.__table__


@dataclass(frozen=True)
class _Spec:
    root: Table
    # Rows deleted with the root (ON DELETE CASCADE): (table, column pointing at the root).
    owned: tuple[tuple[Table, str], ...]
    # Rows that only lose their link (ON DELETE SET NULL): put back on restore.
    linked: tuple[tuple[Table, str], ...]
    kinds: frozenset[str]
    label: Callable[[Any], str]


def _person_label(row: Any) -> str:
    return names.display_name(name_parts(row))


SPECS: dict[str, _Spec] = {
    "person": _Spec(
        _table(Person),
        (
            (_table(ContactPoint), "person_id"),
            (_table(Role), "person_id"),
            (person_tag, "person_id"),
            (_table(Interaction), "person_id"),
            (event_person, "person_id"),
            (_table(Stance), "person_id"),
        ),
        (),
        frozenset({"person", "role", "tag", "interaction", "event", "stance"}),
        _person_label,
    ),
    "organisation": _Spec(
        _table(Organisation),
        (
            (_table(ContactPoint), "organisation_id"),
            (_table(Role), "organisation_id"),
            (organisation_tag, "organisation_id"),
            (_table(Interaction), "organisation_id"),
            (campaign_partner, "organisation_id"),
            (_table(Cosigner), "organisation_id"),
            (_table(Stance), "organisation_id"),
        ),
        (
            (_table(Organisation), "parent_id"),
            (_table(Dossier), "chamber_id"),
            (_table(Motion), "body_id"),
            (_table(Event), "organisation_id"),
        ),
        frozenset({"organisation", "role", "interaction", "dossier", "motion", "event", "stance"}),
        lambda row: str(row.name),
    ),
    "dossier": _Spec(
        _table(Dossier),
        ((campaign_dossier, "dossier_id"), (_table(Stance), "dossier_id")),
        (
            (_table(Motion), "dossier_id"),
            (_table(Event), "dossier_id"),
            (_table(Interaction), "dossier_id"),
            (_table(Mailing), "dossier_id"),
        ),
        frozenset({"dossier", "motion", "event", "interaction", "campaign", "stance"}),
        lambda row: str(row.title),
    ),
    "motion": _Spec(_table(Motion), (), (), frozenset({"motion"}), lambda row: str(row.title)),
}


# Columns that may be empty in the table but not for this row: a stance belongs to a person
# or a party group, so one whose holder is gone is not put back.
_HOLDERS = {("stance", "person_id"), ("stance", "organisation_id")}


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$d": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "$dt" in value:
            return dt.datetime.fromisoformat(value["$dt"])
        if "$d" in value:
            return dt.date.fromisoformat(value["$d"])
    return value


def _rows(s: Session, table: Table, column: str, ident: int) -> list[dict[str, Any]]:
    result = s.execute(select(table).where(table.c[column] == ident)).mappings()
    return [{k: _encode(v) for k, v in r.items()} for r in result]


def _free_id(s: Session, table: Table, ident: Any) -> bool:
    return s.execute(select(table.c.id).where(table.c.id == ident)).first() is None


def _damaged(entry_id: int) -> ValidationError:
    return ValidationError(
        _("bin entry"), entry_id, _("is damaged and cannot be restored; remove it for good")
    )


def _payload(stored: str, entry_id: int) -> dict[str, Any]:
    """A bin entry's snapshot as written by `delete`; anything else (another tool, a bug) is
    refused as damaged instead of failing halfway."""
    try:
        data = json.loads(stored)
    except (ValueError, TypeError, RecursionError):
        raise _damaged(entry_id) from None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("root"), dict)
        or "id" not in data["root"]
        or not all(
            isinstance(data.get(key), list)
            and all(isinstance(item, list) and len(item) == 3 for item in data[key])
            for key in ("owned", "linked")
        )
    ):
        raise _damaged(entry_id)
    return data


class RecycleBinService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def delete(self, kind: str, ident: int) -> Changes:
        """Delete a row with its dependents, keeping a snapshot that `restore` puts back."""
        spec = self._spec(kind)
        with self._sessions.begin() as s:
            root = s.execute(select(spec.root).where(spec.root.c.id == ident)).first()
            if root is None:
                raise NotFoundError(_(kind), ident)
            payload = {
                "root": _rows(s, spec.root, "id", ident)[0],
                "owned": [[t.name, col, _rows(s, t, col, ident)] for t, col in spec.owned],
                "linked": [
                    [t.name, col, [r["id"] for r in _rows(s, t, col, ident)]]
                    for t, col in spec.linked
                ],
            }
            s.add(BinEntry(kind=kind, label=spec.label(root), payload=json.dumps(payload)))
            s.execute(delete(spec.root).where(spec.root.c.id == ident))
            return Changes.of(*spec.kinds, "bin", ids=(ident,))

    def entries(self) -> list[BinRow]:
        """What is in the bin, newest first (without the snapshots themselves)."""
        stmt = select(BinEntry.id, BinEntry.kind, BinEntry.label, BinEntry.deleted_at).order_by(
            BinEntry.deleted_at.desc(), BinEntry.id.desc()
        )
        with self._sessions() as s:
            return [BinRow(i, k, label, when) for i, k, label, when in s.execute(stmt)]

    def restore(self, entry_id: int | None = None) -> Changes:
        """Put a deleted row back (the newest one by default); returns its (possibly new) id."""
        with self._sessions.begin() as s:
            if entry_id is None:
                entry = s.scalars(
                    select(BinEntry).order_by(BinEntry.deleted_at.desc(), BinEntry.id.desc())
                ).first()
                if entry is None:
                    raise ValidationError(_("bin"), "", _("there is nothing to restore"))
            else:
                found = s.get(BinEntry, entry_id)
                if found is None:
                    raise NotFoundError(_("bin entry"), entry_id)
                entry = found
            spec = self._spec(entry.kind)
            data = _payload(entry.payload, entry.id)
            tables = {t.name: t for t, _col in (*spec.owned, *spec.linked)}
            try:
                root = {k: _decode(v) for k, v in data["root"].items()}
            except (ValueError, TypeError, AttributeError):
                raise _damaged(entry.id) from None
            if not _free_id(s, spec.root, root["id"]):
                del root["id"]
            result = s.execute(insert(spec.root).values(root).returning(spec.root.c.id))
            new_id = int(result.scalar_one())
            for name, col, rows in data["owned"]:
                table = tables[name]
                for raw in rows:
                    row = {k: _decode(v) for k, v in raw.items()}
                    row[col] = new_id
                    if "id" in row and not _free_id(s, table, row["id"]):
                        del row["id"]
                    if self._parents_exist(s, table, row):
                        s.execute(insert(table).values(row))
            for name, col, ids in data["linked"]:
                table = tables[name]
                s.execute(
                    update(table)
                    .where(table.c.id.in_(ids), table.c[col].is_(None))
                    .values({col: new_id})
                )
            s.delete(entry)
            return Changes.of(*spec.kinds, "bin", ids=(new_id,))

    def purge(self, entry_id: int) -> Changes:
        with self._sessions.begin() as s:
            entry = s.get(BinEntry, entry_id)
            if entry is None:
                raise NotFoundError(_("bin entry"), entry_id)
            s.delete(entry)
            return Changes.of("bin", ids=(entry_id,))

    @staticmethod
    def _parents_exist(s: Session, table: Table, row: dict[str, Any]) -> bool:
        """A linked row (a tag, an event, an organisation) may have gone since the delete."""
        for fk in table.foreign_keys:
            value = row.get(fk.parent.name)
            if value is None:
                continue
            target = fk.column
            if s.execute(select(target).where(target == value)).first() is None:
                if fk.parent.nullable and (table.name, fk.parent.name) not in _HOLDERS:
                    row[fk.parent.name] = None
                else:
                    return False
        return True

    @staticmethod
    def _spec(kind: str) -> _Spec:
        try:
            return SPECS[kind]
        except KeyError:
            raise ValidationError(_("kind"), kind, _("cannot be deleted to the bin")) from None
