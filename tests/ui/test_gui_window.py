"""The main window driven by keyboard: global search, undo of a delete, duplicates, preferences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from lobbycrm import config
from lobbycrm.bootstrap import Context
from lobbycrm.services.people import PersonInput, RoleInput
from lobbycrm.ui.main_window import MainWindow
from lobbycrm.ui.people.model import Col
from lobbycrm.ui.people.section import PeopleSection
from lobbycrm.ui.preferences import PreferencesDialog
from lobbycrm.ui.search_dialog import SearchDialog
from lobbycrm.ui.tools.duplicates import DuplicatesDialog


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def window(qtbot, demo_ctx: Context) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    w = MainWindow(demo_ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w


def _people(window: MainWindow) -> PeopleSection:
    page = window.pages.widget(window.section_keys.index("people"))
    assert isinstance(page, PeopleSection)
    return page


def _open_dialog() -> SearchDialog:
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, SearchDialog)]
    return next(d for d in dialogs if d.isVisible())


def test_ctrl_k_finds_a_person_and_shows_her(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.nav.setCurrentRow(window.section_keys.index("motions"))
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = _open_dialog()
    qtbot.keyClicks(dialog.query, "bijsterveld")
    qtbot.waitUntil(lambda: dialog.results.count() > 0, timeout=3000)
    assert dialog.results.item(0).text().startswith("Persoon: ")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert window.section_keys[window.nav.currentRow()] == "people"
    assert "Van Bijsterveld" in _people(window).detail.toPlainText()


def test_search_covers_other_kinds(qtbot, window: MainWindow, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    dossier = demo_ctx.services.dossiers.list()[0]
    dialog = window.open_search()
    qtbot.keyClicks(dialog.query, dossier.title[:12])
    qtbot.waitUntil(lambda: dialog.results.count() > 0, timeout=3000)
    texts = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert any(t.startswith("Dossier: " + dossier.title) for t in texts)
    dialog.reject()


def test_delete_then_ctrl_z_restores(
    qtbot, window: MainWindow, demo_ctx: Context, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    section = _people(window)
    window.nav.setCurrentRow(window.section_keys.index("people"))
    total = demo_ctx.services.people.count()
    section.view.selectRow(0)
    name = demo_ctx.services.people.get(section.model.person_id(0)).display_name
    roles = demo_ctx.services.people.get(section.model.person_id(0)).roles
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    assert demo_ctx.services.people.count() == total - 1
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    section.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert demo_ctx.services.people.count() == total
    assert section.model.total == total
    assert name in window.statusBar().currentMessage()
    restored = demo_ctx.services.people.get(section.model.person_id(0))
    assert restored.display_name == name and len(restored.roles) == len(roles)


def test_people_sort_by_email_and_former_filter(qtbot, qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    section = _people(window)
    section.view.sortByColumn(Col.EMAIL, Qt.SortOrder.DescendingOrder)
    emails = [section.model.index(r, Col.EMAIL).data() for r in range(section.model.rowCount())]
    assert emails == sorted(emails, key=str.lower, reverse=True)
    qtmodeltester.check(section.model)
    everyone = section.model.total
    person = section.model.person_id(3)
    section._ctx.services.people.add_role(
        person,
        RoleInput("Tweede Kamer der Staten-Generaal", "kamerlid", "", None, dt.date(2020, 1, 1)),
    )
    section.role_status.setCurrentIndex(section.role_status.findData("former"))
    assert 0 < section.model.total < everyone
    section.view.sortByColumn(Col.NAME, Qt.SortOrder.AscendingOrder)
    shown = [section.model.person_id(r) for r in range(section.model.rowCount())]
    assert person in shown
    for pid in shown:
        assert any(not r.current for r in section._ctx.services.people.get(pid).roles)


def test_merge_duplicates_through_the_dialog(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    from lobbycrm.ui.signals import AppSignals

    person = demo_ctx.services.people.list()[0]
    copy = demo_ctx.services.people.add(
        PersonInput(
            surname=person.surname,
            particle=person.particle,
            initials=person.initials,
            emails=[person.emails[0].upper()],
            phones=["06 1234 5678"],
        )
    ).ids[0]
    dialog = DuplicatesDialog(demo_ctx.services, AppSignals())
    qtbot.addWidget(dialog)
    row = next(
        i for i, p in enumerate(dialog._pairs) if {p.keep_id, p.other_id} == {person.id, copy}
    )
    dialog.table.selectRow(row)
    qtbot.mouseClick(dialog.keep_first, Qt.MouseButton.LeftButton)
    merged = demo_ctx.services.people.get(person.id)
    assert "06 1234 5678" in merged.phones
    assert merged.roles == person.roles and merged.emails == person.emails
    assert all({p.keep_id, p.other_id} != {person.id, copy} for p in dialog._pairs)


def test_preferences_store_the_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog._on_buttons_accepted()
    assert config.load().language == "en"


def test_every_interactive_widget_has_an_accessible_name(window: MainWindow) -> None:
    kinds = (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit)
    for key in ("people", "orgs", "dossiers", "motions"):
        page = window.pages.widget(window.section_keys.index(key))
        nameless = [
            type(w).__name__
            for w in page.findChildren(QWidget)
            if isinstance(w, kinds)
            and w.isVisibleTo(page)
            and not w.accessibleName()
            # The line edit inside an editable combo box and the header views are Qt's own.
            and not isinstance(w.parent(), QComboBox | QAbstractItemView)
        ]
        assert nameless == [], key


def test_person_editor_shows_problems_at_the_field_and_removes_a_role(  # type: ignore[no-untyped-def]
    qtbot, demo_ctx: Context
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from lobbycrm.ui.people.dialog import PersonDialog

    person = next(p for p in demo_ctx.services.people.list() if len(p.roles) >= 1)
    dialog = PersonDialog(demo_ctx.services, person)
    qtbot.addWidget(dialog)
    dialog.surname.clear()
    assert dialog.field_errors["surname"].isVisibleTo(dialog)
    assert "leeg" in dialog.field_errors["surname"].text()
    qtbot.keyClicks(dialog.surname, person.surname)
    assert not dialog.field_errors["surname"].isVisibleTo(dialog)
    dialog.emails.setPlainText("niet-goed@")
    assert dialog.field_errors["emails"].isVisibleTo(dialog)
    dialog.emails.setPlainText("\n".join(person.emails))
    dialog.organisation.pick(demo_ctx.services.choices.organisations("", limit=1)[0])
    qtbot.keyClicks(dialog.role, "adviseur")
    dialog.has_start.setChecked(True)
    dialog.has_end.setChecked(True)
    dialog.end.setDate(dialog.start.date().addDays(-3))
    assert dialog.field_errors["end"].isVisibleTo(dialog)
    dialog.has_end.setChecked(False)
    dialog.roles_table.selectRow(0)
    qtbot.mouseClick(dialog.remove_role, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    after = demo_ctx.services.people.get(person.id)
    assert person.roles[0].id not in [r.id for r in after.roles]
    assert "adviseur" in [r.role for r in after.roles]
    assert len(after.roles) == len(person.roles)


def test_language_comes_from_option_then_preference(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from lobbycrm.ui.app import interface_language

    assert interface_language(None) == "nl"
    config.save(config.Preferences(language="en"))
    assert interface_language(None) == "en"
    assert interface_language("nl") == "nl"
    monkeypatch.setenv("LOBBYCRM_LANG", "nl")
    assert interface_language(None) == "nl"


def test_log_a_call_in_two_clicks(
    qtbot, window: MainWindow, demo_ctx: Context, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from lobbycrm.ui.people.section import InteractionDialog

    section = _people(window)
    window.nav.setCurrentRow(window.section_keys.index("people"))
    section.view.selectRow(0)
    pid = section.model.person_id(0)
    chosen: list[str] = []

    def fill_and_accept(dialog: InteractionDialog) -> int:
        chosen.append(dialog.kind.currentData())
        dialog.subject.setText("Gebeld over de stemming")
        return 1

    monkeypatch.setattr(InteractionDialog, "exec", fill_and_accept)
    call = next(a for a in section.log_menu.actions() if a.data() == "call")
    call.trigger()
    assert chosen == ["call"]
    latest = demo_ctx.services.interactions.list(person_id=pid, limit=1)[0]
    assert (latest.kind, latest.subject) == ("call", "Gebeld over de stemming")
    assert "Gebeld over de stemming" in section.detail.toPlainText()


def test_dialogs_name_every_control(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractSpinBox

    from lobbycrm.ui.people.dialog import PersonDialog
    from lobbycrm.ui.record_dialogs import DossierDialog, MotionDialog, OrgDialog
    from lobbycrm.ui.signals import AppSignals
    from lobbycrm.ui.tools.recycle_bin import RecycleBinDialog

    person = demo_ctx.services.people.list()[0]
    services = demo_ctx.services
    dialogs = [
        PersonDialog(services, person),
        OrgDialog(services, services.orgs.list()[0].id),
        DossierDialog(services, services.dossiers.list()[0].id),
        MotionDialog(services, services.motions.list()[0].id),
        SearchDialog(services.search),
        DuplicatesDialog(services, AppSignals()),
        RecycleBinDialog(services, AppSignals()),
        PreferencesDialog(),
    ]
    kinds = (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QAbstractSpinBox,
    )
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        nameless = [
            type(w).__name__
            for w in dialog.findChildren(QWidget)
            if isinstance(w, kinds)
            and w.window() is dialog  # not the popups of combo boxes and date edits
            and not w.accessibleName()
            and not (isinstance(w, QAbstractButton) and w.text())
            and not isinstance(
                w.parent(), QComboBox | QAbstractItemView | QAbstractSpinBox | QLineEdit
            )
        ]
        assert nameless == [], type(dialog).__name__


def test_person_editor_keeps_several_addresses_first_is_primary(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    from lobbycrm.ui.people.dialog import PersonDialog

    dialog = PersonDialog(demo_ctx.services)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.surname, "Kuiken")
    dialog.address.setPlainText(
        "Binnenhof 22\n2513 AA Den Haag\n\n\nPostbus 20018\n2500 EA Den Haag"
    )
    dialog.phones.setPlainText("070 318 2211\n06 1234 5678")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    p = demo_ctx.services.people.get(dialog.saved_id)  # type: ignore[arg-type]
    assert p.addresses == ["Binnenhof 22\n2513 AA Den Haag", "Postbus 20018\n2500 EA Den Haag"]
    assert p.phones == ["070 318 2211", "06 1234 5678"]
    primary = [c.value for c in p.contacts if c.primary]
    assert "Binnenhof 22\n2513 AA Den Haag" in primary and "070 318 2211" in primary
    again = PersonDialog(demo_ctx.services, p)
    qtbot.addWidget(again)
    assert again.person_input().addresses == p.addresses


def test_person_detail_lists_linked_events_and_dossiers(
    qtbot, window: MainWindow, demo_ctx: Context
) -> None:  # type: ignore[no-untyped-def]
    from lobbycrm.db.models import event_person

    event = next(e for e in demo_ctx.services.events.list() if e.dossier_id)
    section = _people(window)
    pid = section.model.person_id(1)
    with demo_ctx.sessions.begin() as s:
        s.execute(event_person.insert().values(event_id=event.id, person_id=pid))
    section.select_item(pid)
    text = section.detail.toPlainText()
    assert "Agendapunten" in text and event.title in text
    assert "Dossiers" in text and (event.dossier or "") in text
