"""Screenshot of the letter preview (Letters > Templates) at 1366x768 on the demo data.

Usage: python tools/letter_preview_screenshot.py [OUTPUT_DIR]   (default: docs/screenshots)
Runs offscreen unless DISPLAY is set (e.g. an Xvfb screen of 1366x768).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
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
        ctx.services.letters.set_sender(
            name="Noor Jansen",
            function="Political Affairs Officer",
            organisation="Amnesty International Nederland",
            address="Keizersgracht 177, 1016 DR Amsterdam",
            place="Amsterdam",
            email="n.jansen@amnesty.example",
            phone="020 626 4436",
        )
        from lobbycrm.ui.letters.section import LettersSection
        from lobbycrm.ui.signals import AppSignals

        # The Letters section on its own at the screen size: the main window is held wider
        # than 1366 by the agenda's week grid, which is another section's matter.
        letters = LettersSection(ctx, AppSignals())
        letters.setWindowTitle("LobbyCRM — Brieven")
        letters.setGeometry(0, 0, 1366, 768)
        letters.show()
        editor = letters.editor
        names = [editor.templates.item(i).text() for i in range(editor.templates.count())]
        editor.templates.setCurrentRow(names.index("gezamenlijke-brief"))
        letters.tabs.setCurrentWidget(editor)
        (toorenburg,) = ctx.services.choices.people("Toorenburg", 5)
        editor.recipient.pick(toorenburg)
        for _ in range(5):
            app.processEvents()
        letters.grab().save(str(out / "22-letter-preview.png"))
        letters.close()
        ctx.close()
    print(f"screenshot written to {out / '22-letter-preview.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
