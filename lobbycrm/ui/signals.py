"""The one app-wide signal: a service call changed data (carries a `Changes`)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppSignals(QObject):
    data_changed = Signal(object)  # lobbycrm.services.Changes
