"""Every save and export says where it went; default file names say what and when."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import QSettings
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMainWindow

from lobbycrm import config
from lobbycrm.bootstrap import Context
from lobbycrm.core.i18n import set_language
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.ui import import_dialog
from lobbycrm.ui.agenda.export_dialog import ExportDialog
from lobbycrm.ui.feedback import SavedNotice
from lobbycrm.ui.main_window import MainWindow
from lobbycrm.ui.preferences import PreferencesDialog


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def window(qtbot, demo_ctx: Context) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(demo_ctx)
    qtbot.addWidget(w)
    return w


def notice(window: QMainWindow) -> SavedNotice:
    found = window.statusBar().findChildren(SavedNotice)
    assert len(found) == 1, "one notice in the status bar"
    return found[0]


def test_calendar_export_names_the_year_and_says_where(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    dialog = ExportDialog(window._ctx, window)
    assert Path(dialog.path.text()).name == f"agenda-{amsterdam_today().year}.ics"
    # The file row's label underlines its key instead of showing '&Bestand'.
    label = next(lb for lb in dialog.findChildren(QLabel) if lb.buddy() is dialog.path)
    assert label.text() == "&Bestand"
    target = tmp_path / Path(dialog.path.text()).name
    dialog.path.setText(str(target))
    dialog._on_buttons_accepted()
    assert dialog.result() == QDialog.DialogCode.Accepted
    count = len(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    shown = notice(window)
    assert shown.label.text() == f"{count} agendapunten geëxporteerd: {target.name}"
    shown.open_button.click()
    shown.folder_button.click()
    assert opened == [str(target), str(tmp_path)]


def test_person_export_proposes_a_dated_name(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    proposed: list[str] = []

    def choose(_parent, _title, where, _filters):  # type: ignore[no-untyped-def]
        proposed.append(where)
        return str(tmp_path / Path(where).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    import_dialog.export_persons(window._ctx, window)
    name = f"personen-{amsterdam_today().isoformat()}.csv"
    assert Path(proposed[0]).name == name
    assert (tmp_path / name).is_file()
    people = window._ctx.services.people.count()
    assert notice(window).label.text() == f"{people} personen geëxporteerd: {name}"


def test_preferences_say_where_they_went(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = PreferencesDialog(window)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog._on_buttons_accepted()
    assert json.loads(config.config_file().read_text(encoding="utf-8"))["language"] == "en"
    text = notice(window).label.text()
    assert "volgende start" in text and text.endswith(config.config_file().name)


def test_record_saves_are_confirmed(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def save_as_is(dialog: QDialog) -> int:  # the user presses Save without changes
        dialog.buttons.accepted.emit()  # type: ignore[attr-defined]
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", save_as_is)
    orgs = window.pages.widget(window.section_keys.index("orgs"))
    orgs._on_edit_button_clicked()
    name = window._ctx.services.orgs.get(orgs._selected).name
    assert window.statusBar().currentMessage() == f"Opgeslagen: {name}"


@pytest.mark.parametrize(
    ("lang", "one", "many"), [("nl", "1 persoon", "{n} personen"), ("en", "1 person", "{n} people")]
)
def test_people_counter_says_one_person(qtbot, demo_ctx: Context, lang, one, many) -> None:  # type: ignore[no-untyped-def]
    set_language(lang)
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    people = window.pages.widget(window.section_keys.index("people"))
    assert people.count_label.text() == many.format(n=demo_ctx.services.people.count())
    people.search.setText("Bijsterveld")
    people.apply_filter()
    assert people.count_label.text() == one
