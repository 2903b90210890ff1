"""The desktop app on a database with every kind of damaged row (tests/badinput/damage.py):
it starts, opens every section and every tab, selects rows in every list; nothing raises,
nothing is written to the crash log."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox, QTabWidget

from lobbycrm import crashlog
from lobbycrm.bootstrap import open_context
from lobbycrm.ui.main_window import MainWindow
from tests.badinput.damage import damaged_copy


def _visit(window: object, texts: list[str]) -> int:
    """Show every section, every tab, and select the first rows of every list; collect the
    first column's texts of every list in `texts`."""
    visited = 0
    nav = window.nav  # type: ignore[attr-defined]
    for row in range(nav.count()):
        nav.setCurrentRow(row)
        QApplication.processEvents()
        page = window.pages.currentWidget()  # type: ignore[attr-defined]
        for tabs in page.findChildren(QTabWidget):
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                QApplication.processEvents()
        for view in page.findChildren(QAbstractItemView):
            model = view.model()
            if model is None:
                continue
            for column in (0, 3):  # the name, or an agenda item's title
                texts.extend(
                    str(model.index(r, column).data() or "") for r in range(model.rowCount())
                )
            for r in range(min(model.rowCount(), 6)):
                view.setCurrentIndex(model.index(r, 0))
                QApplication.processEvents()
                visited += 1
    return visited


def test_app_opens_every_section_on_damaged_rows(
    qtbot, demo_db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    damaged_db = damaged_copy(demo_db_path, tmp_path)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    shown: list[str] = []
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(
            QMessageBox, name, lambda *a, **k: shown.append(str(a[2:3])) or QMessageBox.Ok
        )
    ctx = open_context(str(damaged_db))
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        texts: list[str] = []
        assert _visit(window, texts) > 20
        # The damaged rows are listed, and say so.
        assert sum("(beschadigd)" in t for t in texts) >= 2, texts
        window.close()
    finally:
        ctx.close()
    assert not crashlog.log_file().exists()
