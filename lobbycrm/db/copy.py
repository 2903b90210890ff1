"""Copy a whole LobbyCRM database into another, empty one (a single user's SQLite file into the
team's PostgreSQL database): every row and its history, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, Table, bindparam, func, insert, inspect, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from lobbycrm.core import labels
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.db import migrate
from lobbycrm.db.engine import make_engine
from lobbycrm.db.models import metadata

BATCH = 2000


class TargetNotEmptyError(LobbyError):
    """The target already holds data; copying would mix two databases."""


def check_url(url: str) -> str:
    try:
        make_url(url)
    except ArgumentError:
        raise ValidationError(
            "URL", url, _("not a database URL (e.g. postgresql+psycopg://user@server/lobbycrm)")
        ) from None
    return url


def _filled_tables(engine: Engine) -> list[str]:
    """LobbyCRM tables of `engine` that hold rows (none when the database is new)."""
    existing = set(inspect(engine).get_table_names())
    filled = []
    with engine.connect() as conn:
        for table in metadata().sorted_tables:
            if (
                table.name in existing
                and conn.execute(select(func.count()).select_from(table)).scalar()
            ):
                filled.append(table.name)
    return filled


def copy_database(
    source: Engine, target_url: str, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Copy every table of `source` (at the newest schema) into the empty database at
    `target_url`, which gets the schema first. One transaction: on any failure the target
    holds no rows. On PostgreSQL the id sequences continue after the copied ids."""
    target = make_engine(check_url(target_url))
    try:
        if str(target.url) == str(source.url):
            raise ValidationError("URL", target_url, _("is the database being copied"))
        filled = _filled_tables(target)
        if filled:
            raise TargetNotEmptyError(
                _("the target database is not empty ({tables}); nothing was copied").format(
                    tables=", ".join(labels.label(labels.RECORD_KIND, n) for n in filled[:5])
                )
            )
        migrate.upgrade(target, target_url)
        counts: dict[str, int] = {}
        with source.connect() as src, target.begin() as dst:
            for table in metadata().sorted_tables:
                counts[table.name] = _copy_table(src, dst, table)
                if progress is not None:
                    progress(table.name, counts[table.name])
            if target.dialect.name == "postgresql":
                _reset_sequences(dst)
        return counts
    finally:
        target.dispose()


def _copy_table(src: Any, dst: Any, table: Table) -> int:
    # A row may point at a later row of its own table (an organisation's parent): those
    # links are filled in after every row is in.
    self_refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    order = list(table.primary_key.columns)
    later: list[dict[str, Any]] = []
    n = 0
    batch: list[dict[str, Any]] = []
    result = src.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
    for row in result.mappings():
        values = dict(row)
        if self_refs and any(values[c] is not None for c in self_refs):
            later.append({"_id": values["id"], **{f"_v_{c}": values[c] for c in self_refs}})
            values.update(dict.fromkeys(self_refs))
        batch.append(values)
        if len(batch) >= BATCH:
            dst.execute(insert(table), batch)
            n += len(batch)
            batch = []
    if batch:
        dst.execute(insert(table), batch)
        n += len(batch)
    if later:
        dst.execute(
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({c: bindparam(f"_v_{c}") for c in self_refs}),
            later,
        )
    return n


def _reset_sequences(dst: Any) -> None:
    for table in metadata().sorted_tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        dst.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:t, 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
            ),
            {"t": f'"{table.name}"'},
        )
