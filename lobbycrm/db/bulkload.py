"""Loading many rows into SQLite tables at once (an import of 100,000 persons)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy.orm import Session


@contextmanager
def indexes_built_after(session: Session, tables: Sequence[str], adding: int) -> Iterator[None]:
    """On SQLite, drop the indexes of `tables` that hold fewer rows than `adding`, and build
    them again when the block is done: building an index once over sorted keys is cheaper
    than keeping it up to date row by row. Both happen inside the session's transaction, so
    a failure or a rollback leaves every index as it was. Indexes behind UNIQUE and PRIMARY
    KEY constraints stay (they have no SQL of their own), so those still hold row by row.
    Elsewhere, and for tables already larger than what is added, nothing changes."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    rebuild: list[str] = []
    for table in tables:
        largest = connection.exec_driver_sql(f'SELECT max(rowid) FROM "{table}"').scalar()
        if (largest or 0) >= adding:
            continue
        for name, sql in connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
            " AND sql IS NOT NULL",
            (table,),
        ).all():
            connection.exec_driver_sql(f'DROP INDEX "{name}"')
            rebuild.append(sql)
    yield
    for sql in rebuild:
        connection.exec_driver_sql(sql)
