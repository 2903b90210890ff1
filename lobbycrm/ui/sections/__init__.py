"""Registry of the main window's sections; each feature adds its page factory here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from lobbycrm.ui.signals import AppSignals

if TYPE_CHECKING:
    from lobbycrm.bootstrap import Context

SectionFactory = Callable[["Context", AppSignals], QWidget]


@dataclass(frozen=True)
class Section:
    key: str
    label: str  # English source; translated with _() when shown
    factory: SectionFactory | None = None  # None: an honest "coming soon" page


def _agenda(ctx: Context, signals: AppSignals) -> QWidget:
    from lobbycrm.ui.agenda import create_section

    return create_section(ctx, signals)


def _letters(ctx: Context, signals: AppSignals) -> QWidget:
    from lobbycrm.ui.letters import create_section

    return create_section(ctx, signals)


def _campaigns(ctx: Context, signals: AppSignals) -> QWidget:
    from lobbycrm.ui.campaigns import create_section

    return create_section(ctx, signals)


def _people(ctx: Context, signals: AppSignals) -> QWidget:
    from lobbycrm.ui.people import create_section

    return create_section(ctx, signals)


def _lists(name: str) -> SectionFactory:
    def factory(ctx: Context, signals: AppSignals) -> QWidget:
        from lobbycrm.ui import lists

        make: SectionFactory = getattr(lists, name)
        return make(ctx, signals)

    return factory


def sections() -> list[Section]:
    return [
        Section("agenda", "Agenda", _agenda),
        Section("people", "People", _people),
        Section("orgs", "Organisations", _lists("organisations")),
        Section("dossiers", "Dossiers", _lists("dossiers")),
        Section("motions", "Motions", _lists("motions")),
        Section("letters", "Letters", _letters),
        Section("campaigns", "Campaigns", _campaigns),
    ]
