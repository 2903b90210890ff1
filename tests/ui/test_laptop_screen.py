"""The app on an ordinary laptop: it fits 1366x768, opens the Agenda on the next debate, and
reminder offsets read as people say them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from lobbycrm.bootstrap import Context
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.services.events import EventInput
from lobbycrm.ui.agenda.dialog import EventDialog
from lobbycrm.ui.agenda.section import AgendaSection, event_html
from lobbycrm.ui.main_window import MainWindow
from lobbycrm.ui.signals import AppSignals

# The smallest window the app may ask for: a 1366x768 screen less panels and title bar.
MAX_WIDTH, MAX_HEIGHT = 1280, 720


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def _event(ctx: Context, title: str, kind: str, day: dt.date, **extra: object) -> int:
    start = dt.datetime.combine(day, dt.time(13, 30), tzinfo=dt.UTC)
    changes = ctx.services.events.add(
        EventInput(title=title, kind=kind, start=start, end=start + dt.timedelta(hours=2), **extra)  # type: ignore[arg-type]
    )
    return changes.ids[0]


def test_every_section_fits_a_laptop_screen(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    nav = window.nav.minimumWidth()
    for row, key in enumerate(window.section_keys):
        window.nav.setCurrentRow(row)  # builds the section when it is built on first show
        page = window.pages.widget(row)
        hint = page.minimumSizeHint()
        assert hint.width() + nav <= MAX_WIDTH, (key, hint)
        assert hint.height() <= MAX_HEIGHT - 60, (key, hint)
    hint, minimum = window.minimumSizeHint(), window.minimumSize()
    assert hint.width() <= MAX_WIDTH and hint.height() <= MAX_HEIGHT, hint
    assert minimum.width() <= MAX_WIDTH and minimum.height() <= MAX_HEIGHT, minimum


def test_window_opens_inside_the_screen(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    assert area.contains(window.geometry()), (area, window.geometry())


def test_agenda_toolbar_wraps_instead_of_widening(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    section = AgendaSection(demo_ctx, AppSignals())
    qtbot.addWidget(section)
    section.resize(520, 600)
    section.show()
    qtbot.waitExposed(section)
    assert section.minimumSizeHint().width() <= 520
    # Narrow: the buttons take more than one line; every one of them stays inside the section.
    tops = {section.majority_button.y(), section.new_button.y()}
    assert len(tops) == 2
    for button in (section.new_button, section.majority_button, section.today_button):
        assert button.mapTo(section, button.rect().bottomRight()).x() <= section.width()


def test_fresh_start_opens_the_agenda_on_the_next_debate(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    today = amsterdam_today()
    _event(demo_ctx, "Overleg met de griffie", "meeting", today + dt.timedelta(days=3))
    cancelled = _event(demo_ctx, "Afgelast debat", "plenary-debate", today + dt.timedelta(days=10))
    demo_ctx.services.events.cancel(cancelled)
    far = today + dt.timedelta(days=120)
    debate = _event(demo_ctx, "Plenair debat over de asielwet", "plenary-debate", far)
    _event(demo_ctx, "Later debat", "plenary-debate", far + dt.timedelta(days=7))
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    assert window.section_keys[window.nav.currentRow()] == "agenda"
    agenda = window.pages.currentWidget()
    assert isinstance(agenda, AgendaSection)
    assert agenda.selected_event_id() == debate
    # Months away: the calendar shows that month, the detail pane the debate.
    assert (agenda.calendar.yearShown(), agenda.calendar.monthShown()) == (far.year, far.month)
    assert agenda.calendar.selectedDate() == QDate(far.year, far.month, far.day)
    assert "Plenair debat over de asielwet" in agenda.detail.toPlainText()


def test_with_no_debate_to_come_the_agenda_opens_on_the_last_one(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    """The demo's debates lie in the past: the agenda shows the last of them, not an empty
    month."""
    today = amsterdam_today()
    for e in demo_ctx.services.events.list(start=today):
        demo_ctx.services.events.cancel(e.id)
    last = max(
        (e for e in demo_ctx.services.events.list(end=today) if e.kind == "plenary-debate"),
        key=lambda e: e.start.date() if isinstance(e.start, dt.datetime) else e.start,
    )
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    agenda = window.pages.currentWidget()
    assert isinstance(agenda, AgendaSection)
    assert agenda.selected_event_id() == last.id
    day = last.start.date() if isinstance(last.start, dt.datetime) else last.start
    assert (agenda.calendar.yearShown(), agenda.calendar.monthShown()) == (day.year, day.month)
    assert last.title in agenda.detail.toPlainText()


def test_today_button_and_go_to_date(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    section = AgendaSection(demo_ctx, AppSignals())
    qtbot.addWidget(section)
    section.go_to_date.setDate(QDate(2026, 5, 19))
    assert (section.calendar.yearShown(), section.calendar.monthShown()) == (2026, 5)
    titles = [section.month_model.row_at(i).title for i in range(section.month_model.rowCount())]
    assert any("Plenaire behandeling" in t for t in titles)
    qtbot.mouseClick(section.today_button, Qt.MouseButton.LeftButton)
    today = amsterdam_today()
    assert section.calendar.selectedDate() == QDate(today.year, today.month, today.day)
    assert section.calendar.monthShown() == today.month
    assert section.today_button.text().replace("&", "") == "Vandaag"


def test_reminders_read_as_people_say_them(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    day = amsterdam_today() + dt.timedelta(days=20)
    ident = _event(demo_ctx, "Commissiedebat", "committee-debate", day, reminders=[1440, 60])
    event = demo_ctx.services.events.get(ident)
    detail = event_html(demo_ctx, event)
    assert "1 dag vooraf" in detail and "1 uur vooraf" in detail
    assert "min" not in detail.split("Herinneringen")[1].split("</p>")[0]
    dialog = EventDialog(demo_ctx.services, event)
    qtbot.addWidget(dialog)
    assert dialog.reminders.text() == "1 uur; 1 dag"
    dialog.reminders.clear()
    qtbot.keyClicks(dialog.reminders, "2 dagen; 1 uur en 30 minuten; 15")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.error.text() == "", dialog.error.text()
    assert demo_ctx.services.events.get(ident).reminders == [15, 90, 2880]
