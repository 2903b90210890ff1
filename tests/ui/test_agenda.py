"""The agenda section driven like a user: views, detail pane, new/edit/cancel, export dialog."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import QDate, QSettings, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from lobbycrm.bootstrap import Context
from lobbycrm.ui.agenda.dialog import EventDialog
from lobbycrm.ui.agenda.export_dialog import ExportDialog
from lobbycrm.ui.agenda.section import AgendaSection
from lobbycrm.ui.signals import AppSignals


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def section(qtbot, demo_ctx: Context) -> AgendaSection:  # type: ignore[no-untyped-def]
    widget = AgendaSection(demo_ctx, AppSignals())
    qtbot.addWidget(widget)
    widget.calendar.setSelectedDate(QDate(2026, 5, 19))
    return widget


def test_models_pass_the_model_tester(qtmodeltester, section: AgendaSection) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(section.month_model)


def test_month_week_and_detail_with_people_involved(section: AgendaSection) -> None:
    titles = [section.month_model.row_at(i).title for i in range(section.month_model.rowCount())]
    assert any("Plenaire behandeling" in t for t in titles)
    assert section.month_model.index(0, 0).data() == "wo 13 mei 2026"
    grid = [section.week_grid.item(0, c) for c in range(7)]
    tuesday = grid[1]
    assert tuesday is not None and "Plenaire behandeling" in tuesday.text()
    assert "13:30" in tuesday.text()
    section.week_grid.setCurrentCell(0, 1)
    text = section.detail.toPlainText()
    assert "dinsdag 19 mei 2026" in text
    assert "CDA" in text and "Madeleine van Toorenburg" in text
    assert "Oproep Geen Kind in de Cel" in text and "nog geen antwoord" in text


def test_filter_by_kind(section: AgendaSection) -> None:
    section.kind_filter.setCurrentIndex(section.kind_filter.findData("deadline"))
    kinds = {section.month_model.row_at(i).kind for i in range(section.month_model.rowCount())}
    assert kinds == {"deadline"}


def test_new_event_through_the_dialog(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    dialog = EventDialog(demo_ctx.services, day=dt.date(2026, 6, 2))
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()  # no title yet
    qtbot.keyClicks(dialog.title, "Stemmingen Eerste Kamer")
    dialog.kind.setCurrentIndex(dialog.kind.findData("vote"))
    dialog.start_time.setTime(QTime(15, 0))
    dialog.end_time.setTime(QTime(14, 0))
    assert not save.isEnabled() and "einde" in dialog.error.text().lower()
    dialog.end_time.setTime(QTime(16, 0))
    qtbot.keyClicks(dialog.reminders, "60")
    assert save.isEnabled()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.saved_id is not None
    e = demo_ctx.services.events.get(dialog.saved_id)
    assert e.kind == "vote" and e.reminders == [60]
    assert e.start.astimezone(dt.UTC).hour == 13  # type: ignore[union-attr]


def test_edit_raises_sequence_and_cancel(
    qtbot,
    section: AgendaSection,
    demo_ctx: Context,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    debate = next(
        e
        for e in demo_ctx.services.events.list()
        if e.kind == "plenary-debate" and e.organisation != "Gemeenteraad Amsterdam"
    )
    dialog = EventDialog(demo_ctx.services, debate)
    qtbot.addWidget(dialog)
    dialog.start_date.setDate(QDate(2026, 5, 26))
    dialog.end_date.setDate(QDate(2026, 5, 26))
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    moved = demo_ctx.services.events.get(debate.id)
    assert moved.sequence == debate.sequence + 1
    assert moved.start.date() == dt.date(2026, 5, 26)  # type: ignore[union-attr]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    section._show_detail(debate.id)
    qtbot.mouseClick(section.cancel_button, Qt.MouseButton.LeftButton)
    assert demo_ctx.services.events.get(debate.id).status == "cancelled"


def test_export_dialog_writes_the_choice(qtbot, demo_ctx: Context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(demo_ctx)
    qtbot.addWidget(dialog)
    target = tmp_path / "ek.ics"
    dialog.path.setText(str(target))
    dialog.kind.setCurrentIndex(dialog.kind.findData("plenary-debate"))
    dialog._on_buttons_accepted()
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    # The Senate's plenary and the demo's council debate; not the deadlines.
    assert [str(e["CATEGORIES"].cats[0]) for e in events] == ["Plenair debat"] * 2
    # The organisation is searched as you type: the Senate's debate only.
    (senate,) = [
        c
        for c in demo_ctx.services.choices.organisations("Eerste Kamer der Staten", (), 10)
        if c.label.startswith("Eerste Kamer der Staten-Generaal")
    ]
    dialog.organisation.pick(senate)
    dialog._on_buttons_accepted()
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        "Plenaire behandeling Uitvoerings- en Implementatiewet EU-Asiel en Migratiepact"
    ]


def test_import_and_feed_from_the_menu(
    qtbot,
    demo_ctx: Context,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    from PySide6.QtWidgets import QWidget

    from lobbycrm.ui.agenda.export_dialog import choose_feed, import_calendar

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    parent = QWidget()
    qtbot.addWidget(parent)
    fixture = Path(__file__).resolve().parent.parent / "ical" / "fixtures" / "apple.ics"
    import_calendar(demo_ctx, parent, str(fixture))
    assert shown and shown[0].startswith("toegevoegd: 2")
    feed = tmp_path / "feed.ics"
    choose_feed(demo_ctx, parent, str(feed))
    assert len(Calendar.from_ical(feed.read_bytes()).walk("VEVENT")) == 6  # 4 demo + 2 imported
    choose_feed(demo_ctx, parent, "")
    assert demo_ctx.services.calendar.feed_path() is None


def test_feed_problems_are_shown_not_raised(  # type: ignore[no-untyped-def]
    qtbot, section: AgendaSection, demo_ctx: Context, tmp_path: Path, monkeypatch
) -> None:
    from lobbycrm.ui.agenda.export_dialog import choose_feed

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    choose_feed(demo_ctx, section, str(blocker / "feed.ics"))
    assert warnings and "a-file" in warnings[0]
    assert demo_ctx.services.calendar.feed_path() is None
    folder = tmp_path / "sync"
    choose_feed(demo_ctx, section, str(folder / "feed.ics"))
    (folder / "feed.ics").unlink()
    folder.rmdir()
    folder.write_text("the synced folder is gone")
    eid = section.month_model.row_at(0).id
    section._signals.data_changed.emit(demo_ctx.services.events.cancel(eid))
    assert not section.feed_warning.isHidden()
    assert "agendafeed niet bijgewerkt" in section.feed_warning.text()
    folder.unlink()
    section._signals.data_changed.emit(demo_ctx.services.events.cancel(eid))
    assert section.feed_warning.isHidden()


def test_majority_in_detail_and_briefing_button(
    section: AgendaSection, demo_ctx: Context, tmp_path: Path
) -> None:
    pact = next(d.id for d in demo_ctx.services.dossiers.list() if "Migratiepact" in d.title)
    demo_ctx.services.planning.set_stance(pact, "tegen", organisation="BBB")
    debate = next(
        e.id
        for e in demo_ctx.services.events.list()
        if e.kind == "plenary-debate" and e.organisation != "Gemeenteraad Amsterdam"
    )
    section._show_detail(debate)
    assert "75 zetels, meerderheid 38" in section.detail.toPlainText()
    assert section.briefing_button.isEnabled()
    out = section.write_briefing(tmp_path / "brief.html")
    assert out is not None and "Plenaire behandeling" in out.read_text(encoding="utf-8")
