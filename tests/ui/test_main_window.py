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
