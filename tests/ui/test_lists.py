"""Organisations, dossiers and motions lists on the demo data."""

from __future__ import annotations

from lobbycrm.bootstrap import Context
from lobbycrm.ui import lists
from lobbycrm.ui.signals import AppSignals


def test_organisations_filter_and_detail(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    section = lists.organisations(demo_ctx, AppSignals())
    qtbot.addWidget(section)
    section.choice.setCurrentIndex(section.choice.findData("party-group"))  # type: ignore[attr-defined]
    table = section.table  # type: ignore[attr-defined]
    assert table.rowCount() == 15
    section.search.setText("CDA")  # type: ignore[attr-defined]
    assert table.rowCount() == 1
    text = section.detail.toPlainText()  # type: ignore[attr-defined]
    assert "Karin van Bijsterveld" in text and "Zetels: 6" in text


def test_dossier_timeline_and_motion_filter(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    dossiers = lists.dossiers(demo_ctx, AppSignals())
    qtbot.addWidget(dossiers)
    dossiers.search.setText("Migratiepact")  # type: ignore[attr-defined]
    text = dossiers.detail.toPlainText()  # type: ignore[attr-defined]
    assert "Plenaire behandeling" in text and "Oproep Geen Kind in de Cel" in text
    motions = lists.motions(demo_ctx, AppSignals())
    qtbot.addWidget(motions)
    motions.choice.setCurrentIndex(motions.choice.findData("aangenomen"))  # type: ignore[attr-defined]
    assert motions.table.rowCount() == 11  # type: ignore[attr-defined]
    motions.search.setText("Van Nispen")  # type: ignore[attr-defined]
    assert motions.table.rowCount() == 1  # type: ignore[attr-defined]
