"""Who changed what: the row version and last author of editable rows, and the change log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Index, String, Text
from sqlalchemy.engine.interfaces import ExecutionContext
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from lobbycrm.db.models.base import Base, UTCDateTime, utcnow

# Where the author of the running transaction is kept on its connection (set when a session
# begins, see db/audit.py), so that plain SQL statements name the author too.
AUTHOR_KEY = "lobbycrm_author"


def connection_author(context: ExecutionContext) -> str:
    """Column default: the author of the session that runs the statement."""
    info = context.connection.info if context.connection is not None else {}
    return str(info.get(AUTHOR_KEY, ""))[:200]


class Versioned:
    """An editable row: its version rises with every change (a save made on an older copy is
    refused, see db/audit.py) and it names who changed it last."""

    row_version: Mapped[int] = mapped_column(default=1, server_default="1")
    updated_by: Mapped[str] = mapped_column(
        String(200), default=connection_author, onupdate=connection_author, server_default=""
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.row_version}


class ChangeLog(Base):
    """One added, changed or deleted row: who, when, which fields (never their values).

    `person_id`, `dossier_id` and `mailing_id` name the record the change belongs to (the row
    itself or the one it hangs off), so a person's or a dossier's history is one query, and
    erasing a person removes every entry about them. They are plain numbers, not foreign
    keys: the history of a deleted row stays.
    """

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    author: Mapped[str] = mapped_column(String(200), default="", index=True)
    action: Mapped[str] = mapped_column(String(10))  # add, edit, delete, erase
    kind: Mapped[str] = mapped_column(String(50))  # table name
    row_id: Mapped[int | None] = mapped_column()
    rows: Mapped[int] = mapped_column(default=1)  # more than one for bulk statements
    label: Mapped[str] = mapped_column(String(300), default="")
    fields: Mapped[str] = mapped_column(Text, default="")  # changed columns, comma-separated
    person_id: Mapped[int | None] = mapped_column(index=True)
    dossier_id: Mapped[int | None] = mapped_column(index=True)
    mailing_id: Mapped[int | None] = mapped_column(index=True)

    __table_args__ = (Index("ix_change_log_kind_row_id", "kind", "row_id"),)
