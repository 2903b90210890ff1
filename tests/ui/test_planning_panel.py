"""The majority panel driven like a user: seats and stances edited in the table, totals and
verdict, person stances, history; opened from the dossier section and the agenda."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableView, QWidget

from lobbycrm.bootstrap import Context
from lobbycrm.ui import lists
from lobbycrm.ui.agenda.section import AgendaSection
from lobbycrm.ui.planning import DossierMotionsPanel, MajorityDialog, MajorityPanel
from lobbycrm.ui.planning.models import GroupCol, HistoryCol, MotionCol
from lobbycrm.ui.signals import AppSignals


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def pact(ctx: Context) -> int:
    return next(d.id for d in ctx.services.dossiers.list() if "Migratiepact" in d.title)


def debate(ctx: Context) -> int:
    return next(e.id for e in ctx.services.events.list() if e.kind == "plenary-debate")


@pytest.fixture
def panel(qtbot, demo_ctx: Context) -> MajorityPanel:  # type: ignore[no-untyped-def]
    widget = MajorityPanel(demo_ctx.services, AppSignals())
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.set_target(pact(demo_ctx))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _row(view: QTableView, name: str) -> int:
    model = view.model()
    return next(r for r in range(model.rowCount()) if model.index(r, GroupCol.GROUP).data() == name)


def _open_editor(qtbot, view: QTableView, index: QModelIndex) -> QWidget:  # type: ignore[no-untyped-def]
    """Click the cell, then double-click it: the view opens the cell's editor."""
    view.scrollTo(index)
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: view.indexWidget(index) is not None)
    return view.indexWidget(index)


def _press_return(qtbot, view: QTableView, editor: object) -> None:  # type: ignore[no-untyped-def]
    """Enter ends the edit; the view commits it on its next turn of the event loop."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QTableView.State.EditingState)


def test_models_pass_the_model_tester(
    qtmodeltester, panel: MajorityPanel, demo_ctx: Context
) -> None:  # type: ignore[no-untyped-def]
    demo_ctx.services.planning.set_stance(pact(demo_ctx), "tegen", organisation="BBB")
    panel.refresh()
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.history_model)
    motions = DossierMotionsPanel(demo_ctx.services, AppSignals())
    motions.show_record(
        next(d.id for d in demo_ctx.services.dossiers.list() if "opvang" in d.title)
    )
    assert motions.model.rowCount() > 0
    qtmodeltester.check(motions.model)


def test_groups_totals_and_verdict(panel: MajorityPanel) -> None:
    assert panel.model.rowCount() == 15
    assert panel.model.index(0, GroupCol.GROUP).data() == "BBB"  # largest first
    assert panel.model.index(0, GroupCol.GROUP).data(Qt.ItemDataRole.UserRole) > 0
    assert panel.model.index(0, GroupCol.SEATS_SOURCE).data() == "vastgelegd"
    assert "Eerste Kamer" in panel.heading.text() and "75 zetels" in panel.heading.text()
    assert panel.totals.text() == ("Voor 0 · tegen 0 · twijfel 0 · onbekend 75 — 38 van 75 nodig")
    assert (
        panel.verdict.text()
        == "Nog geen meerderheid: nog 38 zetels nodig voor een meerderheid voor"
    )


def test_edit_seats_in_the_table(qtbot, panel: MajorityPanel, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    row = _row(panel.table, "CDA")
    editor = _open_editor(qtbot, panel.table, panel.model.index(row, GroupCol.SEATS))
    assert isinstance(editor, QLineEdit) and editor.text() == "6"
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, "80")
    _press_return(qtbot, panel.table, editor)
    assert "tussen 0 en 75" in panel.problem.text() and panel.problem.isVisible()
    assert demo_ctx.services.orgs.find("CDA").seats == 6  # nothing written
    editor = _open_editor(qtbot, panel.table, panel.model.index(row, GroupCol.SEATS))
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, "9")
    _press_return(qtbot, panel.table, editor)
    assert demo_ctx.services.orgs.find("CDA").seats == 9
    assert panel.model.index(row, GroupCol.SEATS).data() == "9"
    assert not panel.problem.isVisible()
    assert "groter dan" in panel.warnings.text() or "meer dan" in panel.warnings.text()
    assert "78" in panel.warnings.text()  # 75 - 6 + 9
    # Cleared: the seats are counted from the group's current members (two senators).
    editor = _open_editor(qtbot, panel.table, panel.model.index(row, GroupCol.SEATS))
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    _press_return(qtbot, panel.table, editor)
    assert demo_ctx.services.orgs.find("CDA").seats is None
    assert panel.model.index(row, GroupCol.SEATS).data() == "2"
    assert panel.model.index(row, GroupCol.SEATS_SOURCE).data() == "geteld: 2 leden"
    assert panel.warnings.isHidden()
    assert panel.totals.text().endswith("onbekend 75 — 38 van 75 nodig")  # 4 seats unassigned


def test_edit_a_stance_with_the_combo(qtbot, panel: MajorityPanel, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    signals_seen: list[object] = []
    panel._signals.data_changed.connect(signals_seen.append)
    qtbot.keyClicks(panel.source, "Debat 12 mei")
    for name, stance in (("BBB", "voor"), ("GL-PvdA", "voor"), ("VVD", "tegen")):
        row = _row(panel.table, name)
        combo = _open_editor(qtbot, panel.table, panel.model.index(row, GroupCol.STANCE))
        assert isinstance(combo, QComboBox)
        with qtbot.waitSignal(panel._signals.data_changed):
            combo.setCurrentIndex(combo.findData(stance))
            _press_return(qtbot, panel.table, combo)
        assert panel.model.index(row, GroupCol.STANCE).data(Qt.ItemDataRole.EditRole) == stance
    assert signals_seen and all("stance" in c for c in signals_seen)  # type: ignore[operator]
    assert panel.totals.text() == "Voor 30 · tegen 10 · twijfel 0 · onbekend 35 — 38 van 75 nodig"
    assert panel.verdict.text().startswith("Nog geen meerderheid: nog 8 zetels")
    bbb = _row(panel.table, "BBB")
    assert panel.model.index(bbb, GroupCol.STANCE_SOURCE).data().startswith("door de fractie")
    top = [panel.history_model.index(0, c).data() for c in HistoryCol]
    assert top[0].startswith("VVD") and top[1] == "tegen"
    sources = {panel.history_model.index(r, HistoryCol.SOURCE).data() for r in range(3)}
    assert sources == {"Debat 12 mei", ""}  # the source went with the first stance only
    for name in ("CDA", "D66"):
        demo_ctx.services.planning.set_stance(pact(demo_ctx), "voor", organisation=name)
    panel._signals.data_changed.emit(
        demo_ctx.services.planning.set_stance(pact(demo_ctx), "voor", organisation="CU")
    )
    assert panel.verdict.text() == "Meerderheid voor: 44 van 75 zetels"
    assert len(demo_ctx.services.planning.history(pact(demo_ctx))) == 6  # history kept


def test_person_stance_through_the_form(qtbot, panel: MajorityPanel, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    row = _row(panel.table, "CDA")
    qtbot.mouseClick(
        panel.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.table.visualRect(panel.model.index(row, GroupCol.GROUP)).center(),
    )
    assert panel.group_choice.currentText() == "CDA"
    names = [panel.person_choice.itemText(i) for i in range(panel.person_choice.count())]
    assert names == ["de fractie zelf", "Karin van Bijsterveld", "Madeleine van Toorenborg"]
    panel.person_choice.setCurrentIndex(1)
    panel.stance_choice.setCurrentIndex(panel.stance_choice.findData("tegen"))
    qtbot.keyClicks(panel.note, "Zei dit in de commissie")
    with qtbot.waitSignal(panel._signals.data_changed):
        qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    assert panel.history_model.index(0, HistoryCol.HOLDER).data() == "Karin van Bijsterveld"
    assert panel.history_model.index(0, HistoryCol.NOTE).data() == "Zei dit in de commissie"
    assert panel.note.text() == ""
    assert panel.model.index(row, GroupCol.STANCE).data() == "tegen"
    assert panel.model.index(row, GroupCol.STANCE_SOURCE).data() == "leden eens"
    assert "Karin van Bijsterveld: tegen" in panel.model.index(row, GroupCol.MEMBERS).data()
    panel.person_choice.setCurrentIndex(2)
    panel.stance_choice.setCurrentIndex(panel.stance_choice.findData("voor"))
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    assert panel.model.index(row, GroupCol.STANCE).data() == "twijfel"
    assert panel.model.index(row, GroupCol.STANCE_SOURCE).data() == "leden oneens"
    # The group's own stance wins over its members.
    panel.person_choice.setCurrentIndex(0)
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    assert panel.model.index(row, GroupCol.STANCE).data() == "voor"
    assert panel.model.index(row, GroupCol.STANCE_SOURCE).data().startswith("door de fractie")


def test_dossier_section_has_motions_and_majority_tabs(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    signals = AppSignals()
    section = lists.dossiers(demo_ctx, signals)
    qtbot.addWidget(section)
    assert isinstance(section, lists.ListSection)
    section.resize(1200, 800)
    section.show()
    qtbot.waitExposed(section)
    labels = [section.detail_tabs.tabText(i) for i in range(section.detail_tabs.count())]
    assert labels == ["Details", "Moties", "Meerderheid en standpunten"]
    (_m, motions), (_p, majority) = section.pages
    assert isinstance(motions, DossierMotionsPanel) and isinstance(majority, MajorityPanel)
    section.search.setText("Migratiepact")
    assert majority.model.rowCount() == 15
    section.search.setText("kinderpardon")
    assert majority.model.rowCount() == 0
    assert "geen kamer of raad" in majority.problem.text()
    section.search.setText("asielopvang")
    section.detail_tabs.setCurrentWidget(motions)
    model = motions.model
    assert model.rowCount() == len(
        [m for m in demo_ctx.services.motions.list() if m.dossier == "Kinderen in de asielopvang"]
    )
    row = next(
        r for r in range(model.rowCount()) if "Koekkoek" in model.index(r, MotionCol.TITLE).data()
    )
    assert model.index(row, MotionCol.RESULT).data() == "aangenomen"
    assert model.index(row, MotionCol.EXECUTION).data() == "niet uitgevoerd"
    combo = _open_editor(qtbot, motions.table, model.index(row, MotionCol.EXECUTION))
    assert isinstance(combo, QComboBox)
    with qtbot.waitSignal(signals.data_changed):
        combo.setCurrentIndex(combo.findData("in-uitvoering"))
        _press_return(qtbot, motions.table, combo)
    motion_id = model.index(row, MotionCol.TITLE).data(Qt.ItemDataRole.UserRole)
    assert demo_ctx.services.motions.get(motion_id).execution_status == "in-uitvoering"
    assert model.index(row, MotionCol.EXECUTION).data() == "in uitvoering"


def test_motions_section_adopted_execution_open(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    signals = AppSignals()
    section = lists.motions(demo_ctx, signals)
    qtbot.addWidget(section)
    assert isinstance(section, lists.ListSection)
    section.choice.setCurrentIndex(section.choice.findText("Aangenomen, uitvoering open"))
    expected = {m.id for m in demo_ctx.services.planning.open_motions()}
    shown = {section.model.record(r).id for r in range(section.model.rowCount())}
    assert shown == expected and len(shown) == 11
    first = next(iter(expected))
    signals.data_changed.emit(demo_ctx.services.motions.set_execution(first, "uitgevoerd"))
    assert section.model.rowCount() == 10


def test_from_the_agenda_and_its_text_follows(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    signals = AppSignals()
    agenda = AgendaSection(demo_ctx, signals)
    qtbot.addWidget(agenda)
    agenda.select_id(debate(demo_ctx))
    assert agenda.majority_button.isEnabled()
    assert "voor 0" in agenda.detail.toPlainText()
    qtbot.mouseClick(agenda.majority_button, Qt.MouseButton.LeftButton)
    dialog = agenda.findChild(MajorityDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitExposed(dialog)
    panel = dialog.panel
    assert "Migratiepact" in dialog.windowTitle() and panel.model.rowCount() == 15
    row = _row(panel.table, "BBB")
    combo = _open_editor(qtbot, panel.table, panel.model.index(row, GroupCol.STANCE))
    with qtbot.waitSignal(signals.data_changed):
        combo.setCurrentIndex(combo.findData("voor"))  # type: ignore[attr-defined]
        _press_return(qtbot, panel.table, combo)
    assert "voor 16" in agenda.detail.toPlainText()
    dialog.close()
    # A deadline without a dossier has nothing to count.
    from lobbycrm.services.events import EventInput

    deadline = demo_ctx.services.events.add(
        EventInput(title="Eigen deadline", kind="deadline", date=dt.date(2026, 5, 20))
    ).ids[0]
    agenda.select_id(deadline)
    assert not agenda.majority_button.isEnabled()


def test_every_control_has_an_accessible_name(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractSpinBox

    dialog = MajorityDialog(demo_ctx.services, AppSignals(), dossier_id=pact(demo_ctx))
    qtbot.addWidget(dialog)
    kinds = (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QAbstractSpinBox)
    nameless = [
        type(w).__name__
        for w in dialog.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.window() is dialog
        and not w.accessibleName()
        and not (isinstance(w, QAbstractButton) and w.text())
        and not isinstance(w.parent(), QComboBox | QAbstractItemView | QAbstractSpinBox)
    ]
    assert nameless == []
