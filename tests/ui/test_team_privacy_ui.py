"""Team work and privacy in the app: a save refused because a colleague saved first (reload,
compare, save over), who changed a record last, the privacy menu and the review dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from lobbycrm.bootstrap import Context, open_context
from lobbycrm.services.dossiers import DossierInput
from lobbycrm.services.people import PersonFilter, PersonInput
from lobbycrm.ui.forms import ConflictDialog
from lobbycrm.ui.people.dialog import PersonDialog
from lobbycrm.ui.people.section import PeopleSection
from lobbycrm.ui.record_dialogs import DossierDialog
from lobbycrm.ui.signals import AppSignals
from lobbycrm.ui.tools.privacy import PrivacyReviewDialog


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def sanne(demo_db_path: Path) -> Context:
    """A colleague's program on the same database file."""
    ctx = open_context(str(demo_db_path), user="Sanne")
    yield ctx  # type: ignore[misc]
    ctx.close()


def when_modal(act: Callable[[QDialog], None], problems: list[BaseException]) -> None:
    """Run `act` on the next modal dialog (opened by a click the test makes next)."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(10, attempt)
            return
        try:
            act(dialog)
        except BaseException as exc:
            problems.append(exc)
            dialog.done(0)

    QTimer.singleShot(0, attempt)


def click_save(dialog: QDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_dossier_editor_offers_both_versions_and_reloads_the_saved_one(
    qtbot, demo_ctx: Context, sanne: Context
) -> None:  # type: ignore[no-untyped-def]
    dossier = demo_ctx.services.dossiers.list()[0]
    dialog = DossierDialog(demo_ctx.services, dossier.id)
    qtbot.addWidget(dialog)
    dialog.title.setText("Mijn titel")
    sanne.services.dossiers.update(
        dossier.id, DossierInput(title="Titel van Sanne", kamerstuk=dossier.kamerstuk)
    )
    seen: dict[str, object] = {}
    problems: list[BaseException] = []

    def choose(box: QDialog) -> None:
        assert isinstance(box, ConflictDialog)
        assert not box.table.isVisible()
        box.compare_button.click()
        assert box.table.isVisible()
        rows = {
            box.table.item(r, 0).text(): (box.table.item(r, 1).text(), box.table.item(r, 2).text())
            for r in range(box.table.rowCount())
        }
        seen["rows"] = rows
        box.reload_button.click()

    when_modal(choose, problems)
    click_save(dialog)
    assert problems == []
    assert seen["rows"]["titel"] == ("Mijn titel", "Titel van Sanne")
    assert dialog.title.text() == "Titel van Sanne" and dialog.saved_id is None
    assert dialog.version == sanne.services.dossiers.get(dossier.id).version
    dialog.title.setText("Samen besloten")
    click_save(dialog)
    assert demo_ctx.services.dossiers.get(dossier.id).title == "Samen besloten"


def test_person_editor_saves_over_a_colleagues_change_only_when_asked(
    qtbot, demo_ctx: Context, sanne: Context
) -> None:  # type: ignore[no-untyped-def]
    person = demo_ctx.services.people.list(PersonFilter(search="hattem"))[0]
    dialog = PersonDialog(demo_ctx.services, person)
    qtbot.addWidget(dialog)
    dialog.notes.setPlainText("Noor: gesproken op 12 mei")
    sanne.services.people.update(
        person.id,
        PersonInput(
            surname=person.surname,
            particle=person.particle,
            initials=person.initials,
            first_name=person.first_name,
            gender=person.gender,
            emails=person.emails,
            tags=person.tags,
            notes="Sanne: belt terug",
        ),
    )
    problems: list[BaseException] = []

    def keep_editing(box: QDialog) -> None:
        assert isinstance(box, ConflictDialog)
        box.cancel_button.click()

    when_modal(keep_editing, problems)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert problems == []
    assert demo_ctx.services.people.get(person.id).notes == "Sanne: belt terug"  # not overwritten

    when_modal(lambda box: box.overwrite_button.click(), problems)  # type: ignore[attr-defined]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert problems == []
    assert demo_ctx.services.people.get(person.id).notes == "Noor: gesproken op 12 mei"


def test_person_details_say_who_changed_them_and_privacy_actions_work(
    qtbot, monkeypatch, demo_ctx: Context, sanne: Context, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    person = demo_ctx.services.people.list(PersonFilter(search="hattem"))[0]
    sanne.services.people.set_tags(person.id, [*person.tags, "gesproken"])
    section = PeopleSection(demo_ctx, AppSignals())
    qtbot.addWidget(section)
    section.select_person(person.id)
    assert "laatst gewijzigd door Sanne op" in section.detail.toPlainText()

    monkeypatch.setattr(
        "lobbycrm.ui.tools.privacy.QFileDialog.getExistingDirectory",
        lambda *a, **k: str(tmp_path / "inzage"),
    )
    section.export_action.trigger()
    written = sorted(p.suffix for p in (tmp_path / "inzage").iterdir())
    assert written == [".html", ".json"]

    problems: list[BaseException] = []

    def erase(box: QDialog) -> None:
        assert isinstance(box, QMessageBox)
        assert "Van Hattem" in box.text() or "van Hattem" in box.text()
        wissen = next(b for b in box.buttons() if b.text().replace("&", "") == "Wissen")
        wissen.click()

    when_modal(erase, problems)
    section.erase_action.trigger()
    assert problems == []
    assert demo_ctx.services.people.list(PersonFilter(search="hattem")) == []


def test_privacy_review_lists_and_keeps(qtbot, monkeypatch, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    pid = demo_ctx.services.people.add(PersonInput(surname="Vergeten")).ids[0]
    with demo_ctx.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE person SET created_at = '2019-01-01 12:00:00' WHERE id = ?", (pid,)
        )
    dialog = PrivacyReviewDialog(demo_ctx.services, AppSignals())
    qtbot.addWidget(dialog)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "Vergeten" in names
    dialog.table.selectRow(names.index("Vergeten"))
    monkeypatch.setattr(
        "lobbycrm.ui.tools.privacy.QInputDialog.getText", lambda *a, **k: ("archief", True)
    )
    dialog.keep_button.click()
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "Vergeten" not in names
