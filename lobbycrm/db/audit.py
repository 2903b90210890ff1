"""Who did it, for every service at once: session events record each change in the change log,
stamp editable rows with their author and refuse a save made on a stale copy.

Nothing here is called by the services themselves. Sessions made by `make_sessions` are
`AuditedSession`s; their author comes from the sessionmaker (`info[AUTHOR_KEY]`, set once at
start-up). On every flush:

- an editable (`Versioned`) row that changed gets `updated_by`/`updated_at`, and SQLAlchemy's
  version counter rises with its UPDATE (`... WHERE row_version = <read>`): a row changed by
  someone else since this transaction read it raises `ConflictError` instead of being
  overwritten. A change to a row the editable row owns (a person's contact points and roles,
  an event's reminders, a mailing's versions and co-signers) counts as a change of the owner.
- every added, changed or deleted row (except the machinery tables in `NOT_LOGGED`) gets one
  `change_log` entry naming the changed fields, never their values.

Plain SQL statements run through a session (bulk imports, the recycle bin) are logged too:
updates and deletes per row, bulk inserts as one entry with their count.

`check_version` is what a service calls when the caller says which version it edited.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Boolean, Connection, Table, event, insert, inspect, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import (
    ORMExecuteState,
    RelationshipDirection,
    Session,
    SessionTransaction,
    UOWTransaction,
)
from sqlalchemy.orm.exc import StaleDataError

from lobbycrm.core.conflicts import ConflictError
from lobbycrm.core.i18n import _
from lobbycrm.db.conflicts import (
    WATCH_KEY,
    check_version,
    conflict_for,
    field_of,
    models,
    row_label,
    table_of,
)
from lobbycrm.db.models import ChangeLog, Versioned, mappers, utcnow
from lobbycrm.db.models.audit import AUTHOR_KEY

__all__ = [
    "AUTHOR_KEY",
    "SUPPRESS_KEY",
    "AuditedSession",
    "bulk_insert",
    "bulk_inserts_combined",
    "check_version",
    "os_user",
    "row_label",
    "session_author",
]

# Sending machinery and bookkeeping: their rows are not edits anyone needs to trace.
NOT_LOGGED = frozenset({"change_log", "recycle_bin", "outbox_message", "tag", "alembic_version"})
# Columns that change with every save or follow from others; never listed as "changed".
BOOKKEEPING = frozenset(
    {"created_at", "updated_at", "updated_by", "row_version", "sort_key", "search_text"}
)
# Where a row belongs (the record its history is shown with), checked in this order.
OWNER_COLUMNS = ("person_id", "organisation_id", "dossier_id", "mailing_id", "event_id")
_OWNER_TABLES = {
    "person_id": "person",
    "organisation_id": "organisation",
    "dossier_id": "dossier",
    "mailing_id": "mailing",
    "event_id": "event",
    "campaign_id": "campaign",
}
_PENDING_KEY = "lobbycrm_change_log"
# Set on a session whose changes must leave no trace (an erasure writes its own entry).
SUPPRESS_KEY = "lobbycrm_no_log"
# Set while bulk inserts are logged as one entry per table (an import written in parts).
_COMBINE_KEY = "lobbycrm_bulk_combined"
_LOG_TABLE = cast(Table, ChangeLog.__table__)


def os_user() -> str:
    """The user name of the operating-system account (what a team member logs in as)."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError, ImportError):
        name = os.environ.get("USERNAME") or os.environ.get("USER") or ""
    return " ".join(name.split())[:200] or _("unknown")


def session_author(session: Session) -> str:
    return str(session.info.get(AUTHOR_KEY) or os_user())


class AuditedSession(Session):
    """A session whose flushes are recorded; a stale save raises ConflictError."""

    def flush(self, objects: Sequence[Any] | None = None) -> None:
        try:
            super().flush(objects)
        except StaleDataError as exc:
            raise conflict_for(self) or ConflictError(_("record"), "", "", None) from exc
        except OperationalError as exc:
            # SQLite: a transaction that read before another program's save can no longer
            # write ("database is locked" at once); when that save touched our rows, say so.
            conflict = conflict_for(self) if "locked" in str(exc.orig) else None
            if conflict is not None:
                raise conflict from exc
            raise


def _refs(table: str, row: Any, row_id: int | None) -> dict[str, int | None]:
    """The person, dossier and mailing a row belongs to (itself, or the column naming it)."""
    out: dict[str, int | None] = {}
    for key, own in (("person_id", "person"), ("dossier_id", "dossier"), ("mailing_id", "mailing")):
        value = row_id if table == own else field_of(row, key)
        out[key] = value if isinstance(value, int) else None
    return out


def _owner_label(session: Session, table: str, row: Any) -> str:
    """A row without a name of its own (a contact point, a stance) is named by its owner."""
    own = row_label(table, row)
    if own or table in ("person", "organisation", "dossier", "motion", "event", "mailing"):
        return own
    by_table = models()
    for column in (*OWNER_COLUMNS, "campaign_id"):
        value = field_of(row, column)
        owner_table = _OWNER_TABLES.get(column, "")
        if isinstance(value, int) and owner_table in by_table:
            owner = session.get(by_table[owner_table], value)
            if owner is not None:
                return row_label(owner_table, owner)
    return ""


def _entry(
    session: Session,
    action: str,
    table: str,
    row: Any,
    row_id: int | None,
    author: str,
    now: dt.datetime,
    fields: Iterable[str] = (),
    rows: int = 1,
) -> dict[str, Any]:
    return {
        "at": now,
        "author": author,
        "action": action,
        "kind": table,
        "row_id": row_id,
        "rows": rows,
        "label": _owner_label(session, table, row) if row is not None else "",
        "fields": ",".join(dict.fromkeys(fields)),
        **(_refs(table, row, row_id) if row is not None else dict.fromkeys(_REF_KEYS)),
    }


_REF_KEYS = ("person_id", "dossier_id", "mailing_id")


def _write(session: Session, entries: Sequence[dict[str, Any]]) -> None:
    """Kept until the transaction commits; one save is one entry per row, however many
    flushes it took (an add and later edits of the same row in one transaction stay an add)."""
    if session.info.get(SUPPRESS_KEY):
        return
    pending: dict[tuple[Any, ...], dict[str, Any]] = session.info.setdefault(_PENDING_KEY, {})
    combine = session.info.get(_COMBINE_KEY)
    for entry in entries:
        if entry["row_id"] is None:
            if combine and entry["action"] == "add":
                key = ("bulk", entry["kind"])
                earlier = pending.get(key)
                if earlier is not None:
                    entry = {**earlier, "rows": earlier["rows"] + entry["rows"]}
                pending[key] = entry
            else:
                pending[(len(pending), "bulk")] = entry
            continue
        key = (entry["kind"], entry["row_id"])
        earlier = pending.get(key)
        if earlier is None or entry["action"] == "delete":
            if earlier is not None and earlier["action"] == "add":
                entry = {**entry, "action": "delete"}
            pending[key] = entry
        elif earlier["action"] == "edit" and entry["action"] == "edit":
            fields = dict.fromkeys([*earlier["fields"].split(","), *entry["fields"].split(",")])
            pending[key] = {**entry, "fields": ",".join(f for f in fields if f)}
        elif earlier["action"] == "add":
            pending[key] = {**entry, "action": "add", "fields": "", "at": earlier["at"]}


@event.listens_for(AuditedSession, "before_commit")
def _before_commit(session: Session) -> None:
    session.flush()
    pending = session.info.pop(_PENDING_KEY, None)
    if pending:
        session.connection().execute(insert(_LOG_TABLE), list(pending.values()))


@event.listens_for(AuditedSession, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING_KEY, None)


# --- ownership (a contact point belongs to its person) -----------------------------------


@cache
def _owned_by() -> dict[type, tuple[tuple[str, type], ...]]:
    """child class -> (attribute holding the owner's id, owner class) for every one-to-many
    relationship with delete-orphan from an editable class (Person.contacts, Event.reminders)."""
    found: dict[type, list[tuple[str, type]]] = {}
    for mapper in mappers():
        if not issubclass(mapper.class_, Versioned):
            continue
        for rel in mapper.relationships:
            if rel.direction is not RelationshipDirection.ONETOMANY:
                continue
            if not rel.cascade.delete_orphan:
                continue
            for _local, remote in rel.local_remote_pairs or ():
                prop = rel.mapper.get_property_by_column(remote)
                found.setdefault(rel.mapper.class_, []).append((prop.key, mapper.class_))
    return {k: tuple(v) for k, v in found.items()}


def _owners(session: Session, obj: object) -> list[object]:
    out: list[object] = []
    for key, owner_cls in _owned_by().get(type(obj), ()):
        value = getattr(obj, key, None)
        if value is None:
            history = inspect(obj).attrs[key].history
            value = next(iter(history.deleted or ()), None)
        if isinstance(value, int):
            owner = session.get(owner_cls, value)
            if owner is not None:
                out.append(owner)
    return out


# --- the session -------------------------------------------------------------------------


def _touch(obj: Versioned, author: str, now: dt.datetime) -> None:
    obj.updated_by = author
    obj.updated_at = now  # type: ignore[attr-defined]


@event.listens_for(AuditedSession, "after_begin")
def _after_begin(session: Session, transaction: SessionTransaction, connection: Connection) -> None:
    # Column defaults (Versioned.updated_by) read the author from the connection.
    connection.info[AUTHOR_KEY] = session_author(session)


@event.listens_for(AuditedSession, "before_flush")
def _before_flush(session: Session, flush_context: UOWTransaction, instances: object) -> None:
    author, now = session_author(session), utcnow()
    for obj in list(session.dirty):
        if isinstance(obj, Versioned) and session.is_modified(obj):
            _touch(obj, author, now)
    changed = [*session.new, *session.deleted]
    changed += [o for o in session.dirty if session.is_modified(o)]
    for obj in changed:
        for owner in _owners(session, obj):
            if isinstance(owner, Versioned) and owner not in session.deleted:
                _touch(owner, author, now)
    for obj in session.new:
        if isinstance(obj, Versioned):
            obj.updated_by = author
    # What each edited row's version was when this transaction read it (for the message).
    session.info[WATCH_KEY] = [
        (type(obj), inspect(obj).identity, obj.row_version)
        for obj in (*session.dirty, *session.deleted)
        if isinstance(obj, Versioned) and inspect(obj).identity is not None
    ]


def _changed_fields(obj: object) -> list[str]:
    state = inspect(obj)
    return [
        attr.key
        for attr in state.attrs
        if attr.key not in BOOKKEEPING and attr.history.has_changes()
    ]


@event.listens_for(AuditedSession, "after_flush")
def _after_flush(session: Session, flush_context: UOWTransaction) -> None:
    author, now = session_author(session), utcnow()
    entries: list[dict[str, Any]] = []
    for obj in session.new:
        table = table_of(obj)
        if table is not None and table.name not in NOT_LOGGED:
            entries.append(_entry(session, "add", table.name, obj, _ident(obj), author, now))
    for obj in session.dirty:
        table = table_of(obj)
        if table is None or table.name in NOT_LOGGED or not session.is_modified(obj):
            continue
        fields = _changed_fields(obj)
        if fields:
            entries.append(
                _entry(session, "edit", table.name, obj, _ident(obj), author, now, fields)
            )
    for obj in session.deleted:
        table = table_of(obj)
        if table is not None and table.name not in NOT_LOGGED:
            entries.append(_entry(session, "delete", table.name, obj, _ident(obj), author, now))
    _write(session, entries)


def _ident(obj: object) -> int | None:
    # A row inserted by this flush has its key but no identity yet.
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    if len(key) == 1 and isinstance(key[0], int):
        return key[0]
    return None


# --- plain SQL statements through a session ----------------------------------------------


@event.listens_for(AuditedSession, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    if state.session.info.get(SUPPRESS_KEY):
        return
    stmt: Any = state.statement
    table = getattr(stmt, "table", None)
    if not isinstance(table, Table) or table.name in NOT_LOGGED or "id" not in table.c:
        return
    session = state.session
    author, now = session_author(session), utcnow()
    connection = session.connection()
    params = state.parameters
    if state.is_insert:
        _log_insert(session, connection, stmt, table, params, author, now)
        return
    if isinstance(params, list) and params and "id" in params[0]:
        # Bulk UPDATE by primary key: one entry per row, its fields from the parameters.
        fields = [k for k in params[0] if k != "id" and k not in BOOKKEEPING]
        rows = connection.execute(
            select(table).where(table.c.id.in_([p["id"] for p in params]))
        ).mappings()
        _write(
            session,
            [_entry(session, "edit", table.name, r, r["id"], author, now, fields) for r in rows],
        )
        return
    if isinstance(params, list):
        # Executed once per parameter set without ids to name: one entry with the count.
        action = "delete" if state.is_delete else "edit"
        _write(
            session,
            [_entry(session, action, table.name, None, None, author, now, rows=len(params))],
        )
        return
    where = stmt.whereclause
    query = select(table) if where is None else select(table).where(where)
    affected = list(connection.execute(query, params or {}).mappings())
    action = "delete" if state.is_delete else "edit"
    fields = [] if state.is_delete else _statement_fields(stmt)
    _write(
        session,
        [_entry(session, action, table.name, r, r["id"], author, now, fields) for r in affected],
    )
    if state.is_update and "row_version" in table.c and "row_version" not in fields and affected:
        # A plain UPDATE of an editable row is a change too: an editor holding the old
        # version must not save over it.
        state.statement = stmt.values({table.c.row_version: table.c.row_version + 1})


@contextmanager
def bulk_inserts_combined(session: Session) -> Iterator[None]:
    """Inside the block, the bulk inserts into one table are logged as one entry with the rows
    of all of them: an import written in parts logs as one written at once."""
    session.info[_COMBINE_KEY] = True
    try:
        yield
    finally:
        session.info.pop(_COMBINE_KEY, None)


def bulk_insert(
    session: Session,
    table: Table,
    rows: Sequence[dict[str, Any]] | Sequence[tuple[Any, ...]],
    same: dict[str, Any] | None = None,
    refs: dict[str, int | None] | None = None,
    columns: Sequence[str] | None = None,
) -> None:
    """Insert many rows (an import of 100,000 persons), logged as one change-log entry with
    the count. `same` holds the values every row shares (timestamps, author); `refs` names
    the record the entry belongs to (`{"mailing_id": 7}`: the copies of one mailing). Rows are
    dicts, or tuples in the order of `columns`.

    On SQLite one prepared statement runs in the driver: the values shared by all rows are
    converted once and written into the statement, and only columns whose type needs it
    (dates) are converted per row, and only when they hold a value; converting every value
    of every row was most of the time of a large import. Other databases take a plain Core
    executemany."""
    if not rows:
        return
    same = same or {}
    connection = session.connection()
    dialect = connection.dialect
    keys = list(columns) if columns is not None else list(cast(dict[str, Any], rows[0]))
    tuples: list[tuple[Any, ...]]
    if columns is not None:
        tuples = cast(list[tuple[Any, ...]], list(rows))
    else:
        values = itemgetter(*keys) if len(keys) > 1 else (lambda r: (r[keys[0]],))
        tuples = [values(r) for r in rows]
    if dialect.name != "sqlite":
        many = [{**dict(zip(keys, t, strict=True)), **same} for t in tuples]
        connection.execute(insert(table), many)
    else:
        _sqlite_insert(connection, table, keys, tuples, same)
    if table.name not in NOT_LOGGED and not session.info.get(SUPPRESS_KEY):
        author, now = session_author(session), utcnow()
        entry = _entry(session, "add", table.name, None, None, author, now, rows=len(rows))
        _write(session, [{**entry, **{k: v for k, v in (refs or {}).items() if k in _REF_KEYS}}])


def _sql_literal(value: Any) -> str | None:
    """`value` written into SQL text, or None when it must be bound as a parameter."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    return None


def _sqlite_insert(
    connection: Connection,
    table: Table,
    keys: list[str],
    rows: list[tuple[Any, ...]],
    same: dict[str, Any],
) -> None:
    dialect = connection.dialect

    def processor(column: str) -> Any:
        kind = table.c[column].type
        if isinstance(kind, Boolean):
            return None  # the driver stores True and False as 1 and 0, as SQLAlchemy does
        return kind.dialect_impl(dialect).bind_processor(dialect)

    quote = dialect.identifier_preparer.quote
    names = [quote(c) for c in keys]
    slots = ["?"] * len(keys)
    bound: list[Any] = []
    for column, value in same.items():
        process = processor(column)
        value = value if process is None or value is None else process(value)
        literal = _sql_literal(value)
        names.append(quote(column))
        slots.append("?" if literal is None else literal)
        if literal is None:
            bound.append(value)
    sql = f"INSERT INTO {quote(table.name)} ({', '.join(names)}) VALUES ({', '.join(slots)})"
    for i, column in enumerate(keys):
        process = processor(column)
        if process is not None and any(r[i] is not None for r in rows):
            rows = [(*r[:i], None if r[i] is None else process(r[i]), *r[i + 1 :]) for r in rows]
    if bound:
        extra = tuple(bound)
        rows = [r + extra for r in rows]
    connection.exec_driver_sql(sql, rows)


def _statement_fields(stmt: Any) -> list[str]:
    values = getattr(stmt, "_values", None) or {}
    out = []
    for key in values:
        name = getattr(key, "key", key)
        if isinstance(name, str) and name not in BOOKKEEPING:
            out.append(name)
    return out


def _log_insert(
    session: Session,
    connection: Connection,
    stmt: Any,
    table: Table,
    params: Any,
    author: str,
    now: dt.datetime,
) -> None:
    if isinstance(params, list) and len(params) > 1:
        # A bulk insert (an import): one entry with the count.
        _write(
            session, [_entry(session, "add", table.name, None, None, author, now, rows=len(params))]
        )
        return
    values: dict[str, Any] = dict(params[0] if isinstance(params, list) and params else {})
    if not values:
        try:
            values = dict(stmt.compile().params)
        except Exception:  # an insert from a SELECT has no single row to name
            values = {}
    row_id = values.get("id")
    _write(
        session,
        [
            _entry(
                session,
                "add",
                table.name,
                values,
                row_id if isinstance(row_id, int) else None,
                author,
                now,
            )
        ],
    )
