"""Settings that travel with the database (letterhead, signature, sender)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lobbycrm.db.models.base import Base, Timestamped


class Setting(Timestamped, Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
