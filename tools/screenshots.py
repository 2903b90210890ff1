"""Open the app on the demo data offscreen and save a PNG of every section.

Usage: python tools/screenshots.py [OUTPUT_DIR]   (default: docs/screenshots)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import QApplication

from lobbycrm.bootstrap import open_context
from lobbycrm.core.i18n import set_language


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    set_language("nl")
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        ctx = open_context(str(Path(tmp) / "demo.sqlite"))
        ctx.services.demo.load()
        from lobbycrm.ui.main_window import MainWindow

        window = MainWindow(ctx)
        window.resize(1400, 860)
        window.show()
        for row, key in enumerate(window.section_keys):
            window.nav.setCurrentRow(row)
            page = window.pages.currentWidget()
            if key == "agenda":
                page.calendar.setSelectedDate(QDate(2026, 5, 19))  # type: ignore[attr-defined]
                page.week_grid.setCurrentCell(0, 1)  # type: ignore[attr-defined]
            app.processEvents()
            window.grab().save(str(out / f"{row + 1:02d}-{key}.png"))
        window.close()
        ctx.close()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
