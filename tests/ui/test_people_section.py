"""The people section driven as a user: search, filter, create and edit, log contact, delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from lobbycrm.bootstrap import Context
from lobbycrm.ui.people.dialog import PersonDialog
from lobbycrm.ui.people.section import PeopleSection
from lobbycrm.ui.signals import AppSignals


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def section(qtbot, demo_ctx: Context) -> PeopleSection:  # type: ignore[no-untyped-def]
    widget = PeopleSection(demo_ctx, AppSignals())
    qtbot.addWidget(widget)
    return widget


def names(section: PeopleSection) -> list[str]:
    return [section.model.index(r, 0).data() for r in range(section.model.rowCount())]


def test_model_passes_the_model_tester(qtmodeltester, section: PeopleSection) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(section.model)


def test_dutch_order_search_and_filters(qtbot, section: PeopleSection) -> None:  # type: ignore[no-untyped-def]
    assert names(section)[:3] == ["Bijsterveld, K. van", "Blaak, M.", "Dessing, J."]
    qtbot.keyClicks(section.search, "hattem")
    qtbot.waitUntil(lambda: names(section) == ["Hattem, A. van"], timeout=3000)
    section.search.clear()
    # The organisation filter searches as you type.
    cda = section._ctx.services.choices.organisations("CDA Eerste Kamer")
    section.org_filter.pick(next(c for c in cda if c.label == "CDA (Eerste Kamer)"))
    # Van Bijsterveld's group is not confirmed in the demo's sources, so CDA has one member.
    qtbot.waitUntil(lambda: names(section) == ["Toorenburg, M. van"], timeout=3000)
    assert section.count_label.text() == "1 persoon"
    section.view.selectRow(0)
    text = section.detail.toPlainText()
    assert "Geachte mevrouw Van Toorenburg," in text and "Oproep Geen Kind in de Cel" in text


def _pick(qtbot, dialog: PersonDialog, typed: str, name: str) -> None:  # type: ignore[no-untyped-def]
    """Type in the organisation field and pick the match from the popup, as a user does."""
    picker = dialog.organisation
    dialog.show()
    dialog.activateWindow()
    picker.setFocus()
    qtbot.keyClicks(picker, typed)
    qtbot.waitUntil(lambda: any(c.label == name for c in picker.model.choices))
    row = next(i for i, c in enumerate(picker.model.choices) if c.label == name)
    popup = picker.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    popup.setCurrentIndex(picker.completer_.completionModel().index(row, 0))
    with qtbot.waitSignal(picker.choice_made):
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.text() == name


def test_create_person_through_the_dialog(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    dialog = PersonDialog(demo_ctx.services)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    # Just opened, nothing is wrong yet: Opslaan names the empty surname.
    assert save.isEnabled() and dialog.error.text() == ""
    assert not any(label.isVisibleTo(dialog) for label in dialog.field_errors.values())
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "achternaam" in dialog.error.text()
    assert dialog.field_errors["surname"].isVisibleTo(dialog) and dialog.saved_id is None
    qtbot.keyClicks(dialog.first_name, "Sophie")
    qtbot.keyClicks(dialog.particle, "in 't")
    qtbot.keyClicks(dialog.surname, "Veld")
    dialog.gender.setCurrentIndex(dialog.gender.findData("vrouw"))
    qtbot.keyClicks(dialog.emails, "geen-adres")
    assert not save.isEnabled() and "e-mail" in dialog.error.text()
    dialog.emails.setPlainText("s.intveld@example.org")
    assert "Geachte mevrouw In 't Veld," in dialog.preview.text()
    _pick(qtbot, dialog, "tweede kamer", "Tweede Kamer der Staten-Generaal")
    qtbot.keyClicks(dialog.role, "kamerlid")
    dialog.has_start.setChecked(True)
    dialog.has_end.setChecked(True)
    dialog.end.setDate(dialog.start.date().addDays(-1))
    assert not save.isEnabled() and "einde" in dialog.error.text()
    dialog.has_end.setChecked(False)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    person = demo_ctx.services.people.get(dialog.saved_id)  # type: ignore[arg-type]
    assert person.sort_name == "Veld, S. in 't" and person.roles[0].role == "kamerlid"


def test_edit_log_contact_and_delete(
    qtbot,
    section: PeopleSection,
    demo_ctx: Context,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    qtbot.keyClicks(section.search, "dessing")
    qtbot.waitUntil(lambda: names(section) == ["Dessing, J."], timeout=3000)
    section.view.selectRow(0)
    pid = section._selected
    assert pid is not None
    dialog = PersonDialog(demo_ctx.services, demo_ctx.services.people.get(pid))
    qtbot.addWidget(dialog)
    dialog.gender.setCurrentIndex(dialog.gender.findData("man"))
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert demo_ctx.services.people.get(pid).salutation == "Geachte heer Dessing,"
    section.log_contact("call", "Gebeld over het debat", "")
    assert "Gebeld over het debat" in section.detail.toPlainText()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    assert demo_ctx.services.people.count() == 30  # 23 + 8 demo griffies - 1


def test_unsaved_changes_are_not_lost_silently(qtbot, demo_ctx: Context, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def answer(choice: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def ask(_parent, _title, text):  # type: ignore[no-untyped-def]
            asked.append(text)
            return choice

        return ask

    dialog = PersonDialog(demo_ctx.services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()  # nothing typed: closes without asking
    assert asked == [] and not dialog.isVisible()
    dialog = PersonDialog(demo_ctx.services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.surname, "Jansen")
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    dialog.reject()
    assert dialog.isVisible() and "persoon" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    dialog.reject()
    assert not dialog.isVisible()


def test_broad_search_counts_to_a_cap_and_still_scrolls_to_the_end(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path
) -> None:
    """Past 1,000 matches the count stops ("meer dan 1.000 personen", no scan of every match on
    each keystroke); a narrow search that fits the first window is counted without a query;
    scrolling still reaches the last person."""
    from benchmarks.bigdb import Size, build
    from lobbycrm.bootstrap import open_context
    from lobbycrm.core.i18n import set_language
    from lobbycrm.services.people import PersonFilter
    from lobbycrm.ui.people.model import COUNT_CAP

    set_language("nl")
    path = tmp_path / "many.sqlite"
    build(path, Size(persons=1_300, events=10, mailings=10, organisations=20))
    ctx = open_context(str(path))
    try:
        everyone = ctx.services.people.count()
        assert everyone > COUNT_CAP
        assert ctx.services.people.count(cap=COUNT_CAP + 1) == COUNT_CAP + 1
        section = PeopleSection(ctx, AppSignals())
        qtbot.addWidget(section)
        section.apply_filter()
        assert section.count_label.text() == "meer dan 1.000 personen"
        while section.model.canFetchMore():
            section.model.fetchMore()
        assert section.model.rowCount() == everyone
        assert not section.model.capped and section.model.total == everyone
        one = ctx.services.people.rows(PersonFilter(), 0, 1)[0]
        section.search.setText(one.display_name)
        section.apply_filter()
        found = ctx.services.people.count(PersonFilter(search=one.display_name))
        assert section.model.total == found == section.model.rowCount()
        assert section.count_label.text() in {"1 persoon", f"{found} personen"}
    finally:
        ctx.close()
