"""A stance recorded from a debate's majority panel is dated on the debate's day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from lobbycrm.bootstrap import Context
from lobbycrm.core.validation import AMSTERDAM, amsterdam_today
from lobbycrm.services.events import EventInput
from lobbycrm.ui.planning import MajorityDialog
from lobbycrm.ui.signals import AppSignals


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def _debate_on(ctx: Context, day: dt.date) -> int:
    pact = next(d.id for d in ctx.services.dossiers.list() if "Migratiepact" in d.title)
    start = dt.datetime(day.year, day.month, day.day, 13, 30, tzinfo=AMSTERDAM)
    return ctx.services.events.add(
        EventInput(
            title="Plenaire behandeling",
            kind="plenary-debate",
            start=start,
            end=start + dt.timedelta(hours=4),
            organisation="Eerste Kamer",
            dossier_id=pact,
        )
    ).ids[0]


def test_the_stance_date_starts_at_the_debates_day(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    held = amsterdam_today() - dt.timedelta(days=40)
    dialog = MajorityDialog(demo_ctx.services, AppSignals(), event_id=_debate_on(demo_ctx, held))
    qtbot.addWidget(dialog)
    form = dialog.panel.form
    assert form.day() == held != amsterdam_today()
    form.stance_choice.setCurrentIndex(form.stance_choice.findData("tegen"))
    form.record_button.click()
    assert demo_ctx.services.planning.history(dialog.panel.dossier_id())[0].stated_on == held


def test_a_debate_still_to_come_dates_the_stance_today(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    # A stance cannot be stated on a day that has not come; the service refuses it too.
    coming = amsterdam_today() + dt.timedelta(days=10)
    dialog = MajorityDialog(demo_ctx.services, AppSignals(), event_id=_debate_on(demo_ctx, coming))
    qtbot.addWidget(dialog)
    assert dialog.panel.form.day() == amsterdam_today()
