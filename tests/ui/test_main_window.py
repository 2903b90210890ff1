"""The main window opens on a real database, offers the demo on an empty one, remembers state."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from lobbycrm.bootstrap import open_context
from lobbycrm.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def test_empty_database_offers_demo(qtbot, db_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctx = open_context(str(db_path))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.offer_demo_if_empty()
    assert ctx.services.people.count() >= 19
    assert "Demogegevens" in window.statusBar().currentMessage()
    ctx.close()


def test_section_is_remembered(qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = open_context(str(db_path))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.nav.setCurrentRow(3)
    window.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.nav.currentRow() == 3
    assert again.pages.currentIndex() == 3
    ctx.close()


def test_global_search_jumps_to_the_hit(qtbot, demo_db_path: Path) -> None:  # type: ignore[no-untyped-def]
    from lobbycrm.ui.search_dialog import SearchDialog

    ctx = open_context(str(demo_db_path))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    dialog = SearchDialog(ctx.services.search, window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.query, "Nispen")
    dialog.update_results()
    texts = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert texts == [
        "Motie: Motie-Van Nispen over betere leefomstandigheden voor kinderen in de opvang"
    ]
    dialog.query.setText("perin")
    dialog._on_query_return_pressed()
    assert dialog.chosen is not None
    window.show_hit(dialog.chosen)
    assert window.section_keys[window.nav.currentRow()] == "people"
    assert "Gaby Perin-Gopie" in window.pages.currentWidget().detail.toPlainText()  # type: ignore[attr-defined]
    ctx.close()


def test_search_service_covers_every_kind(demo_ctx) -> None:  # type: ignore[no-untyped-def]
    sections = {h.section for h in demo_ctx.services.search.search("kind")}
    assert {"orgs", "dossiers", "motions"} <= sections
    assert [h.label for h in demo_ctx.services.search.search("ÖRSTED hattem")] == []
    assert [h.label for h in demo_ctx.services.search.search("van hattem")] == ["Hattem, A. van"]
    assert demo_ctx.services.search.search("   ") == []
