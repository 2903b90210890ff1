"""Naming rows and refusing stale saves: a row's label for the change log and messages, the
version check a service makes, and which row a refused flush was about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from lobbycrm.core import labels, names
from lobbycrm.core.conflicts import ConflictError
from lobbycrm.db.models import ChangeLog, Versioned, mappers

WATCH_KEY = "lobbycrm_versions_read"


# --- labels ------------------------------------------------------------------------------


def field_of(row: Any, key: str) -> Any:
    if isinstance(row, Mapping):
        return row.get(key)
    return getattr(row, key, None)


def row_label(table: str, row: Any) -> str:
    """How a row is named in the log: a person's name, a dossier's title, ..."""
    if table == "person":
        parts = names.NameParts(
            surname=field_of(row, "surname") or "",
            particle=field_of(row, "particle") or "",
            initials=field_of(row, "initials") or "",
            first_name=field_of(row, "first_name") or "",
            titles=field_of(row, "titles") or "",
            particle_is_surname=bool(field_of(row, "particle_is_surname")),
        )
        return names.display_name(parts)[:300]
    for key in ("name", "title", "key"):
        value = field_of(row, key)
        if isinstance(value, str) and value:
            return value[:300]
    return ""


@cache
def models() -> dict[str, type[Any]]:
    """table name -> mapped class"""
    return {m.local_table.name: m.class_ for m in mappers() if isinstance(m.local_table, Table)}


def table_of(obj: object) -> Table | None:
    table = getattr(type(obj), "__table__", None)
    return table if isinstance(table, Table) else None


# --- conflicts ---------------------------------------------------------------------------


def check_version(obj: Versioned, expected: int | None, what: str) -> None:
    """Refuse to save over a row someone changed after the caller read version `expected`."""
    if expected is not None and obj.row_version != expected:
        table = table_of(obj)
        raise ConflictError(
            what,
            getattr(obj, "id", ""),
            obj.updated_by,
            getattr(obj, "updated_at", None),
            obj.row_version,
            row_label(table.name, obj) if table is not None else "",
        )


def _what(table: str) -> str:
    return labels.label(labels.RECORD_KIND, table)


def conflict_for(session: Session) -> ConflictError | None:
    """Which row another session changed or deleted under this flush, and by whom."""
    watched = session.info.get(WATCH_KEY, [])
    engine = session.get_bind().engine
    with engine.connect() as conn:
        for cls, identity, version in watched:
            table = cls.__table__
            ident = identity[0]
            row = conn.execute(
                select(table.c.row_version, table.c.updated_by, table.c.updated_at).where(
                    table.c.id == ident
                )
            ).first()
            if row is not None and row.row_version == version:
                continue
            if row is not None:
                at = row.updated_at.replace(tzinfo=dt.UTC) if row.updated_at else None
                full = conn.execute(select(table).where(table.c.id == ident)).mappings().first()
                return ConflictError(
                    _what(table.name),
                    ident,
                    row.updated_by,
                    at,
                    row.row_version,
                    row_label(table.name, full) if full is not None else "",
                )
            gone = conn.execute(
                select(ChangeLog.author, ChangeLog.at, ChangeLog.label)
                .where(ChangeLog.kind == table.name, ChangeLog.row_id == ident)
                .order_by(ChangeLog.id.desc())
                .limit(1)
            ).first()
            return ConflictError(
                _what(table.name),
                ident,
                gone.author if gone else "",
                gone.at.replace(tzinfo=dt.UTC) if gone and gone.at else None,
                None,
                gone.label if gone else "",
            )
    return None
