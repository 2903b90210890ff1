"""Recycle bin: deleted rows kept as a JSON snapshot so a delete can be undone."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lobbycrm.db.models.base import Base, UTCDateTime, utcnow


class BinEntry(Base):
    __tablename__ = "recycle_bin"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(500), default="")
    payload: Mapped[str] = mapped_column(Text)
    deleted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
