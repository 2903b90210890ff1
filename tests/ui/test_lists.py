"""Organisations, dossiers and motions: filters, sorting, details, editors, delete and undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from lobbycrm.bootstrap import Context
from lobbycrm.services.letters import LetterRequest
from lobbycrm.ui import lists
from lobbycrm.ui.record_dialogs import DossierDialog, MotionDialog, OrgDialog
from lobbycrm.ui.signals import AppSignals


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def _section(qtbot, make, ctx: Context) -> lists.ListSection:  # type: ignore[no-untyped-def]
    section = make(ctx, AppSignals())
    qtbot.addWidget(section)
    assert isinstance(section, lists.ListSection)
    return section


def test_organisations_filter_sort_and_detail(qtbot, qtmodeltester, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    section = _section(qtbot, lists.organisations, demo_ctx)
    qtmodeltester.check(section.model)
    section.choice.setCurrentIndex(section.choice.findData("party-group"))
    assert section.model.rowCount() == 19 + 12  # the Senate's groups and Amsterdam's council
    section.table.sortByColumn(lists.OrgCol.SEATS, Qt.SortOrder.DescendingOrder)
    seats = [section.model.record(r).cells[lists.OrgCol.SEATS] for r in range(31)]
    numbers = [int(s or 0) for s in seats]
    assert numbers == sorted(numbers, reverse=True) and numbers[0] > 0
    section.search.setText("CDA")
    assert section.model.rowCount() == 2  # the Senate's and the Amsterdam council's
    section.search.setText("CDA Eerste Kamer")
    assert section.model.rowCount() == 1
    text = section.detail.toPlainText()
    assert "Madeleine van Toorenburg" in text and "Zetels: 6" in text


def test_dossier_timeline_and_motion_filters(qtbot, qtmodeltester, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    dossier = next(d for d in demo_ctx.services.dossiers.list() if "Migratiepact" in d.title)
    demo_ctx.services.letters.create_mailing(
        LetterRequest(
            template="gezamenlijke-brief", selectors=["tag:senator"], dossier_id=dossier.id
        ),
        "Brief over het Migratiepact",
    )
    dossiers = _section(qtbot, lists.dossiers, demo_ctx)
    dossiers.search.setText("Migratiepact")
    text = dossiers.detail.toPlainText()
    assert "Plenaire behandeling" in text and "Oproep Geen Kind in de Cel" in text
    assert "Brief: Brief over het Migratiepact" in text
    motions = _section(qtbot, lists.motions, demo_ctx)
    qtmodeltester.check(motions.model)
    motions.choice.setCurrentIndex(motions.choice.findData("aangenomen"))
    assert motions.model.rowCount() == 11
    assert {motions.model.record(r).cells[lists.MotionCol.RESULT] for r in range(11)} == {
        "aangenomen"
    }
    bodies = [motions.choice2.itemText(i) for i in range(1, motions.choice2.count())]
    assert bodies
    motions.choice2.setCurrentIndex(1)
    assert {
        motions.model.record(r).cells[lists.MotionCol.BODY] for r in range(motions.model.rowCount())
    } <= {bodies[0]}
    motions.choice2.setCurrentIndex(0)
    motions.search.setText("Van Nispen")
    assert motions.model.rowCount() == 1


def test_organisation_editor_checks_at_the_field(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    dialog = OrgDialog(demo_ctx.services)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    # Nothing is wrong before the user did anything; Save then says what is missing.
    assert not any(label.isVisibleTo(dialog) for label in dialog.errors.values())
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() or dialog.result() == 0
    assert not save.isEnabled() and dialog.errors["name"].isVisibleTo(dialog)
    assert dialog.saved_id is None
    qtbot.keyClicks(dialog.name, "Stichting Kinderrechten")
    qtbot.keyClicks(dialog.seats, "vijf")
    assert not save.isEnabled() and "geheel getal" in dialog.errors["seats"].text()
    dialog.seats.clear()
    qtbot.keyClicks(dialog.emails, "info@@kinderrechten")
    assert not save.isEnabled() and dialog.errors["emails"].isVisibleTo(dialog)
    dialog.emails.setPlainText("info@kinderrechten.nl")
    dialog.kind.setCurrentIndex(dialog.kind.findData("ngo"))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    org = demo_ctx.services.orgs.get(dialog.saved_id)  # type: ignore[arg-type]
    assert (org.name, org.kind, org.emails) == (
        "Stichting Kinderrechten",
        "ngo",
        ["info@kinderrechten.nl"],
    )


def test_motion_and_dossier_editors_save(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    dossier = DossierDialog(demo_ctx.services)
    qtbot.addWidget(dossier)
    qtbot.keyClicks(dossier.title, "Wet op de jeugdzorg")
    qtbot.keyClicks(dossier.kamerstuk, "36999")
    dossier.status.setCurrentIndex(dossier.status.findData("in-behandeling"))
    qtbot.mouseClick(
        dossier.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    d = demo_ctx.services.dossiers.get(dossier.saved_id)  # type: ignore[arg-type]
    assert (d.kamerstuk, d.status) == ("36 999", "in-behandeling")
    motion = MotionDialog(demo_ctx.services)
    qtbot.addWidget(motion)
    qtbot.keyClicks(motion.title, "Motie over jeugdzorg")
    qtbot.keyClicks(motion.submitters, "Kathmann c.s.")
    motion.dossier.setCurrentIndex(motion.dossier.findData(d.id))
    motion.result.setCurrentIndex(motion.result.findData("verworpen"))
    motion.has_date.setChecked(True)
    qtbot.mouseClick(
        motion.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    m = demo_ctx.services.motions.get(motion.saved_id)  # type: ignore[arg-type]
    assert (m.dossier_id, m.result, m.submitters) == (d.id, "verworpen", "Kathmann c.s.")
    assert m.date is not None


def test_unsaved_changes_are_guarded(qtbot, demo_ctx: Context, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = DossierDialog(demo_ctx.services, demo_ctx.services.dossiers.list()[0].id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title, " (gewijzigd)")
    asked: list[str] = []

    def no(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[1]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", no)
    dialog.reject()
    assert asked and dialog.isVisible()


def test_delete_motion_goes_to_the_bin(qtbot, demo_ctx: Context, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    signals = AppSignals()
    section = lists.motions(demo_ctx, signals)
    qtbot.addWidget(section)
    assert isinstance(section, lists.ListSection)
    before = section.model.rowCount()
    title = section.model.record(0).cells[lists.MotionCol.TITLE]
    section.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    assert section.model.rowCount() == before - 1
    signals.data_changed.emit(demo_ctx.services.bin.restore())
    assert section.model.rowCount() == before
    assert title in [section.model.record(r).cells[1] for r in range(before)]
