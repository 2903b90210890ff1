"""The majority panel driven like a user: the seat bar and verdict, seats edited in the
table, a what-if scenario that records nothing until asked, members on double-click, person
stances, history; opened from the dossier section and the agenda."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTableView, QWidget

from lobbycrm.bootstrap import Context
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.services.people import PersonInput, RoleInput
from lobbycrm.ui import lists
from lobbycrm.ui.agenda.section import AgendaSection
from lobbycrm.ui.planning import DossierMotionsPanel, MajorityDialog, MajorityPanel
from lobbycrm.ui.planning.members import MembersDialog
from lobbycrm.ui.planning.models import GroupCol, HistoryCol, MemberCol, MotionCol
from lobbycrm.ui.signals import AppSignals


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def pact(ctx: Context) -> int:
    return next(d.id for d in ctx.services.dossiers.list() if "Migratiepact" in d.title)


def debate(ctx: Context) -> int:
    return next(
        e.id
        for e in ctx.services.events.list()
        if e.kind == "plenary-debate" and e.organisation != "Gemeenteraad Amsterdam"
    )


@pytest.fixture
def panel(qtbot, demo_ctx: Context) -> MajorityPanel:  # type: ignore[no-untyped-def]
    # The demo's CDA has one confirmed member; a made-up second one lets members disagree.
    demo_ctx.services.people.add(
        PersonInput(surname="Bakker", first_name="Anna", gender="vrouw"),
        [RoleInput("CDA (Eerste Kamer)", "lid")],
    )
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


def test_groups_bar_and_verdict(panel: MajorityPanel) -> None:
    assert panel.model.rowCount() == 19
    assert panel.model.index(0, GroupCol.GROUP).data() == "GL-PvdA"  # largest first
    assert panel.model.index(0, GroupCol.GROUP).data(Qt.ItemDataRole.UserRole) > 0
    assert panel.model.index(0, GroupCol.SEATS).data() == "14"
    assert panel.model.index(0, GroupCol.BASED_ON).data() == "nog niets bekend"
    headers = [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in GroupCol]
    assert headers == [
        "Fractie",
        "Zetels",
        "Standpunt",
        "Waarop gebaseerd",
        "Wat als…",
        "Standpunten van leden",
    ]
    assert "Eerste Kamer" in panel.heading.text() and "75 zetels" in panel.heading.text()
    assert panel.verdict.text() == (
        "Nog geen meerderheid: voor 0, tegen 0, twijfel 0, onbekend 75 van de 75 zetels; "
        "nog 38 zetels nodig voor een meerderheid voor (38)."
    )
    assert panel.target_text.text().startswith("Eerst bellen: GL-PvdA (14 zetels, onbekend)")
    # The same picture as the briefing, drawn across the panel.
    assert panel.bar.isVisible() and "meerderheid: 38" in panel.bar.svg
    assert "GL-PvdA: 14 zetels, onbekend" in panel.bar.tip_at(5)
    assert panel.scenario.isHidden()
    # Plain words for the form (issue 20): no "Zetels volgens" / "Standpunt volgens".
    texts = " ".join(w.text() for w in panel.findChildren(QLabel))
    assert "volgens" not in texts and "Nieuw standpunt (" not in texts


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
    assert panel.model.index(row, GroupCol.SEATS).data() == "2 (geteld)"
    assert "2 leden met een zetel" in panel.model.index(row, GroupCol.SEATS).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert panel.warnings.isHidden()
    assert "onbekend 75 van de 75 zetels" in panel.verdict.text()  # 4 seats unassigned


def _try(qtbot, panel: MajorityPanel, name: str, stance: str) -> None:  # type: ignore[no-untyped-def]
    row = _row(panel.table, name)
    combo = _open_editor(qtbot, panel.table, panel.model.index(row, GroupCol.WHAT_IF))
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(stance))
    _press_return(qtbot, panel.table, combo)


def test_what_if_follows_and_records_nothing_until_asked(
    qtbot, panel: MajorityPanel, demo_ctx: Context
) -> None:  # type: ignore[no-untyped-def]
    seen: list[object] = []
    panel._signals.data_changed.connect(seen.append)
    before = demo_ctx.services.planning.history(pact(demo_ctx))
    for name, stance in (("BBB", "voor"), ("GL-PvdA", "voor"), ("VVD", "tegen")):
        _try(qtbot, panel, name, stance)
    assert seen == [] and demo_ctx.services.planning.history(pact(demo_ctx)) == before
    assert panel.scenario.isVisible()
    assert "Scenario: er is niets opgeslagen." in panel.scenario_text.text()
    assert "BBB voor (vastgelegd: onbekend)" in panel.scenario_text.text()
    assert panel.verdict.text().startswith("Nog geen meerderheid: voor 26, tegen 9,")
    # 12 seats short: the smallest set of groups not tried against that brings them.
    assert panel.target_text.text().startswith(
        "Eerst bellen: D66 (7 zetels, onbekend) en CDA (6 zetels, onbekend)"
    )
    assert "tegen 9" in panel.bar.svg and 'stroke-dasharray="9,6"' in panel.bar.svg
    bbb = _row(panel.table, "BBB")
    assert panel.model.index(bbb, GroupCol.STANCE).data() == "onbekend"  # as recorded
    assert panel.model.index(bbb, GroupCol.WHAT_IF).data() == "voor"  # as tried
    # Back to "as recorded" for one group, then clear the whole scenario.
    _try(qtbot, panel, "VVD", "")
    assert panel.verdict.text().startswith("Nog geen meerderheid: voor 26, tegen 0,")
    qtbot.mouseClick(panel.clear_scenario_button, Qt.MouseButton.LeftButton)
    assert panel.scenario.isHidden() and "voor 0" in panel.verdict.text()
    # Tried again, then recorded with one click: the form's date and source go with it.
    for name, stance in (("CDA", "tegen"), ("CU", "tegen")):
        _try(qtbot, panel, name, stance)
    qtbot.keyClicks(panel.form.source, "debat 12 mei")
    assert "bron: debat 12 mei" in panel.record_scenario_button.toolTip()
    with qtbot.waitSignal(panel._signals.data_changed):
        qtbot.mouseClick(panel.record_scenario_button, Qt.MouseButton.LeftButton)
    rows = [
        (h.holder, h.stance, h.stated_on, h.source)
        for h in demo_ctx.services.planning.history(pact(demo_ctx))
    ]
    assert sorted(rows) == [
        ("CDA", "tegen", amsterdam_today(), "debat 12 mei"),
        ("CU", "tegen", amsterdam_today(), "debat 12 mei"),
    ]
    assert panel.scenario.isHidden() and panel.form.source.text() == ""
    cda = _row(panel.table, "CDA")
    assert panel.model.index(cda, GroupCol.STANCE).data() == "tegen"
    assert panel.model.index(cda, GroupCol.BASED_ON).data().startswith("door de fractie, ")
    assert panel.history_model.rowCount() == 2
    # Without a source typed, the record says it is the user's own assessment.
    _try(qtbot, panel, "D66", "voor")
    qtbot.mouseClick(panel.record_scenario_button, Qt.MouseButton.LeftButton)
    assert demo_ctx.services.planning.history(pact(demo_ctx))[0].source == "eigen inschatting"


def test_double_click_a_group_shows_its_members(
    qtbot, panel: MajorityPanel, demo_ctx: Context
) -> None:  # type: ignore[no-untyped-def]
    anna = next(p for p in demo_ctx.services.people.list() if p.surname == "Bakker")
    demo_ctx.services.planning.set_stance(
        pact(demo_ctx), "tegen", person_id=anna.id, on=dt.date(2026, 5, 12), source="gesprek"
    )
    panel.refresh()
    index = panel.model.index(_row(panel.table, "CDA"), GroupCol.GROUP)
    panel.table.scrollTo(index)
    centre = panel.table.visualRect(index).center()
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: panel.findChild(MembersDialog) is not None)
    dialog = panel.findChild(MembersDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "CDA: leden en standpunten"
    members = [
        [dialog.model.index(r, c).data() for c in MemberCol] for r in range(dialog.model.rowCount())
    ]
    assert members == [
        ["Anna Bakker", "tegen", "di 12 mei 2026", "gesprek"],
        ["Madeleine van Toorenburg", "onbekend", "", ""],
    ]
    assert "1 van 2 leden zei dit" in dialog.summary.text()
    dialog.close()


def test_person_stance_through_the_form(qtbot, panel: MajorityPanel, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    form = panel.form
    row = _row(panel.table, "CDA")
    qtbot.mouseClick(
        panel.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.table.visualRect(panel.model.index(row, GroupCol.GROUP)).center(),
    )
    assert form.group_choice.currentText() == "CDA"
    # Only the chamber's groups, and only the chosen group's members: no list of everyone.
    assert form.group_choice.count() == 19
    names = [form.person_choice.itemText(i) for i in range(form.person_choice.count())]
    assert names == ["de fractie zelf", "Anna Bakker", "Madeleine van Toorenburg"]
    form.person_choice.setCurrentIndex(1)
    form.stance_choice.setCurrentIndex(form.stance_choice.findData("tegen"))
    qtbot.keyClicks(form.note, "Zei dit in de commissie")
    with qtbot.waitSignal(panel._signals.data_changed):
        qtbot.mouseClick(form.record_button, Qt.MouseButton.LeftButton)
    assert panel.history_model.index(0, HistoryCol.HOLDER).data() == "Anna Bakker"
    assert panel.history_model.index(0, HistoryCol.NOTE).data() == "Zei dit in de commissie"
    assert form.note.text() == ""
    assert panel.model.index(row, GroupCol.STANCE).data() == "tegen"
    assert panel.model.index(row, GroupCol.BASED_ON).data().startswith("1 van 2 leden zei dit")
    assert "Anna Bakker: tegen" in panel.model.index(row, GroupCol.MEMBERS).data()
    form.person_choice.setCurrentIndex(2)
    form.stance_choice.setCurrentIndex(form.stance_choice.findData("voor"))
    qtbot.mouseClick(form.record_button, Qt.MouseButton.LeftButton)
    assert panel.model.index(row, GroupCol.STANCE).data() == "twijfel"
    assert panel.model.index(row, GroupCol.BASED_ON).data() == "leden oneens: 1 voor, 1 tegen"
    # The group's own stance wins over its members.
    form.person_choice.setCurrentIndex(0)
    qtbot.mouseClick(form.record_button, Qt.MouseButton.LeftButton)
    assert panel.model.index(row, GroupCol.STANCE).data() == "voor"
    assert panel.model.index(row, GroupCol.BASED_ON).data().startswith("door de fractie")
    # From a dossier the date starts today; it cannot lie in the future.
    assert form.day() == amsterdam_today()
    assert form.date.maximumDate().toPython() == amsterdam_today()


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
    assert majority.model.rowCount() == 19
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
    assert "Migratiepact" in dialog.windowTitle() and panel.model.rowCount() == 19
    # A stance recorded from the debate starts at the debate's day (19 May 2026, past).
    assert panel.form.day() == dt.date(2026, 5, 19)
    panel.form.stance_choice.setCurrentIndex(panel.form.stance_choice.findData("voor"))
    with qtbot.waitSignal(signals.data_changed):
        qtbot.mouseClick(panel.form.record_button, Qt.MouseButton.LeftButton)
    assert demo_ctx.services.planning.history(pact(demo_ctx))[0].stated_on == dt.date(2026, 5, 19)
    assert "voor 14" in agenda.detail.toPlainText()  # the largest group, GL-PvdA
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


def test_briefing_button_suggests_a_dated_name_and_says_where_it_went(
    qtbot, demo_ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog, QMainWindow

    from lobbycrm.ui.feedback import SavedNotice

    asked: list[str] = []

    def save_as(_parent: object, _title: str, suggested: str, _filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "mijn-briefing"), "Webpagina (*.html)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    window = QMainWindow()
    qtbot.addWidget(window)
    signals = AppSignals()
    agenda = AgendaSection(demo_ctx, signals)
    window.setCentralWidget(agenda)
    window.show()
    agenda.select_id(debate(demo_ctx))
    qtbot.mouseClick(agenda.briefing_button, Qt.MouseButton.LeftButton)
    assert Path(asked[0]).name == "briefing-2026-05-19-eerste-kamer.pdf"
    written = tmp_path / "mijn-briefing.html"  # the chosen kind's suffix was added
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    notice = window.statusBar().findChild(SavedNotice)
    assert notice is not None and "Briefing opgeslagen: mijn-briefing.html" in notice.label.text()
    # The majority window of a debate has the same button.
    dialog = MajorityDialog(demo_ctx.services, signals, event_id=debate(demo_ctx), parent=window)
    assert dialog.briefing_button is not None
    qtbot.mouseClick(dialog.briefing_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2
    dialog.close()


def test_dossier_editor_key_message_and_asks(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    from lobbycrm.ui.record_dialogs import DossierDialog

    dialog = DossierDialog(demo_ctx.services, pact(demo_ctx))
    qtbot.addWidget(dialog)
    assert dialog.kernboodschap.toPlainText().startswith("Geen kinderen in grensdetentie")
    assert len(dialog.asks.toPlainText().splitlines()) == 3
    dialog.kernboodschap.setPlainText("Geen kind in de cel.")
    dialog.asks.setPlainText("Eerste vraag\n\n  Tweede vraag  \n")
    assert dialog.validate()
    dialog.asks.setPlainText("x" * 301)
    assert not dialog.validate() and "300" in dialog.errors["asks"].text()
    dialog.asks.setPlainText("Eerste vraag\nTweede vraag")
    dialog._on_buttons_accepted()
    d = demo_ctx.services.dossiers.get(pact(demo_ctx))
    assert (d.kernboodschap, d.asks) == ("Geen kind in de cel.", ("Eerste vraag", "Tweede vraag"))
