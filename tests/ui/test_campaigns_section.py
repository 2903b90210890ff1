"""The campaigns section driven like a user: the list, the chart, counts, councils, dialogs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.ui.campaigns.chart import SignatureChart, nice_top
from lobbycrm.ui.campaigns.dialogs import CampaignDialog, SignatureDialog
from lobbycrm.ui.campaigns.model import CouncilCol, MailingCol
from lobbycrm.ui.campaigns.section import CampaignsSection
from lobbycrm.ui.forms import FormDialog
from lobbycrm.ui.signals import AppSignals

PETITION = "Geen Kind in de Cel"
COUNCILS = "Kinderpardon in de gemeenteraad"


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def section(qtbot, demo_ctx: Context) -> CampaignsSection:  # type: ignore[no-untyped-def]
    signals = AppSignals()
    widget = CampaignsSection(demo_ctx, signals)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


def click_row(qtbot, view: QTableView, text: str) -> None:  # type: ignore[no-untyped-def]
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == text)
    rect = view.visualRect(model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def in_dialog(qtbot, fill: Callable[[QDialog], None]) -> list[BaseException]:  # type: ignore[no-untyped-def]
    """Run `fill` on the modal dialog the next click opens; a failure closes the dialog."""
    problems: list[BaseException] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(10, act)
            return
        try:
            fill(dialog)
        except BaseException as exc:  # reported by the test, not lost in the event loop
            problems.append(exc)
            dialog.done(0)

    QTimer.singleShot(0, act)
    return problems


def save(qtbot, dialog: FormDialog) -> None:  # type: ignore[no-untyped-def]
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_models_pass_the_model_tester(qtmodeltester, qtbot, section: CampaignsSection) -> None:  # type: ignore[no-untyped-def]
    click_row(qtbot, section.table, COUNCILS)
    for model in (
        section.model,
        section.counts_model,
        section.mailings_model,
        section.councils_model,
    ):
        qtmodeltester.check(model)


def test_council_campaign_shows_mailings_and_council_counts(
    qtbot,
    section: CampaignsSection,  # type: ignore[no-untyped-def]
) -> None:
    assert section.model.rowCount() == 2
    click_row(qtbot, section.table, COUNCILS)
    assert section.detail is not None and section.detail.name == COUNCILS
    assert section.councils_box.isVisibleTo(section)
    assert section.council_counts.text() == (
        "Aangeschreven: 8 · ontvangst bevestigd: 3 · motie aangenomen: 7"
    )
    assert section.councils_model.rowCount() == 8
    names = [section.councils_model.record(r).cells[CouncilCol.NAME] for r in range(8)]
    assen = section.councils_model.record(names.index("Gemeenteraad Assen")).cells
    assert assen[CouncilCol.CBS] == "GM0106" and assen[CouncilCol.ACKNOWLEDGED] == "nee"
    assert assen[CouncilCol.WRITTEN_ON] == "do 24 apr 2025" and assen[CouncilCol.MOTION] == ""
    first, reminder = (section.mailings_model.record(r).cells for r in range(2))
    assert first[MailingCol.RATE] == "38%" and first[MailingCol.ACKNOWLEDGED] == "3"
    assert reminder[MailingCol.NAME].endswith("Herinnering: verzoek griffie")
    assert reminder[MailingCol.RATE] == "17%" and reminder[MailingCol.SENT_ON] == "za 24 mei 2025"
    assert "Partners: KinderpardonNU" in section.about.text()
    assert not section.chart.points and "Nog geen" in section.chart.toolTip()


def test_petition_chart_record_and_delete_a_count(
    qtbot,
    section: CampaignsSection,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    click_row(qtbot, section.table, PETITION)
    assert not section.councils_box.isVisibleTo(section)
    assert section.chart.points == [(dt.date(2026, 5, 13), 31805)]
    assert section.chart.accessibleDescription() == "31.805 op wo 13 mei 2026"
    assert "31.805" in section.latest.text()
    section.chart.grab()  # one point paints

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, SignatureDialog)
        qtbot.keyClicks(dialog.count, "-5")
        assert dialog.errors["count"].isVisibleTo(dialog)
        assert "negatief" in dialog.errors["count"].text()
        assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
        dialog.count.clear()
        qtbot.keyClicks(dialog.count, "12.500")
        dialog.date.setDate(QDate(2026, 4, 13))
        save(qtbot, dialog)

    problems = in_dialog(qtbot, fill)
    qtbot.mouseClick(section.record_button, Qt.MouseButton.LeftButton)
    assert problems == []
    assert section.chart.points == [(dt.date(2026, 4, 13), 12500), (dt.date(2026, 5, 13), 31805)]
    assert section.chart.toolTip() == "12.500 op ma 13 apr 2026; 31.805 op wo 13 mei 2026"
    assert section.counts_model.rowCount() == 2
    section.chart.grab()  # many points paint
    assert "31.805" in section.latest.text()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    click_row(qtbot, section.counts, "wo 13 mei 2026")
    qtbot.mouseClick(section.delete_count_button, Qt.MouseButton.LeftButton)
    assert section.chart.points == [(dt.date(2026, 4, 13), 12500)]
    assert "12.500" in section.latest.text()


def test_deleting_a_count_asks_first(qtbot, section: CampaignsSection, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    click_row(qtbot, section.table, PETITION)
    assert not section.delete_count_button.isEnabled()  # nothing selected yet
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    click_row(qtbot, section.counts, "wo 13 mei 2026")
    qtbot.mouseClick(section.delete_count_button, Qt.MouseButton.LeftButton)
    assert section.chart.points == [(dt.date(2026, 5, 13), 31805)]


def test_new_campaign_through_the_dialog(qtbot, section: CampaignsSection) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, CampaignDialog)
        qtbot.keyClicks(dialog.name, PETITION.upper())
        assert dialog.errors["name"].isVisibleTo(dialog)  # the name is taken
        dialog.name.clear()
        qtbot.keyClicks(dialog.name, "Kinderpardon in de Staten")
        qtbot.keyClicks(dialog.notes, "Provincies")
        partners = dialog.partners
        row = next(i for i in range(partners.count()) if partners.item(i).text() == "UNICEF")
        partners.item(row).setCheckState(Qt.CheckState.Checked)
        save(qtbot, dialog)

    problems = in_dialog(qtbot, fill)
    qtbot.mouseClick(section.new_button, Qt.MouseButton.LeftButton)
    assert problems == []
    assert section.model.rowCount() == 3
    d = section.detail
    assert d is not None and d.name == "Kinderpardon in de Staten" and d.notes == "Provincies"
    assert [p.name for p in d.partners] == ["UNICEF"]
    assert "Nog geen tellingen" in section.latest.text() or not section.chart.points
    section.chart.grab()  # no points paint


def test_edit_keeps_the_other_fields(qtbot, section: CampaignsSection, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    click_row(qtbot, section.table, PETITION)
    before = section.detail
    assert before is not None
    dialog = CampaignDialog(demo_ctx.services, before.id)
    qtbot.addWidget(dialog)
    dialog.name.clear()
    assert "leeg" in dialog.errors["name"].text()
    qtbot.keyClicks(dialog.name, "Geen kind in de cel!")
    save(qtbot, dialog)
    after = demo_ctx.services.campaigns.detail(before.id)
    assert after.name == "Geen kind in de cel!"
    assert (after.partners, after.dossiers, after.signatures) == (
        before.partners,
        before.dossiers,
        before.signatures,
    )


def test_refreshes_on_data_changed(demo_ctx: Context, qtbot) -> None:  # type: ignore[no-untyped-def]
    signals = AppSignals()
    section = CampaignsSection(demo_ctx, signals)
    qtbot.addWidget(section)
    cid = next(c.id for c in demo_ctx.services.campaigns.list() if c.name == PETITION)
    section.select_item(cid)
    changes = demo_ctx.services.campaigns.record_signatures(cid, 40000, dt.date(2026, 6, 1))
    signals.data_changed.emit(changes)
    assert section.chart.points[-1] == (dt.date(2026, 6, 1), 40000)


def test_every_control_has_an_accessible_name(section: CampaignsSection) -> None:
    kinds = (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit)
    nameless = [
        type(w).__name__
        for w in section.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.isVisibleTo(section)
        and not w.accessibleName()
        and not isinstance(w.parent(), QComboBox | QAbstractItemView)
    ]
    assert nameless == []
    assert section.chart.accessibleName() == "Handtekeningen door de tijd"


def test_axis_maximum_is_round() -> None:
    assert nice_top(31805) == (40000, 10000)
    assert nice_top(7) == (8, 2)
    assert nice_top(0) == (1, 1)
    chart = SignatureChart()
    assert chart.summary() == "Nog geen tellingen van handtekeningen vastgelegd."
