"""Screenshots of the recipient builder (new mailing) and the person editor's name split.

Usage: python tools/recipient_screenshots.py [OUTPUT_DIR]   (default: docs/screenshots)
Offscreen; each window is given the room a 1366x768 screen leaves it (minus a task bar and
a title bar) and fails loudly when its minimum size does not fit there.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from lobbycrm.bootstrap import open_context
from lobbycrm.core.i18n import set_language


def settle(app: QApplication) -> None:
    for _ in range(20):
        app.processEvents()


# What a 1366x768 screen leaves a window: a task bar of 40 and a title bar of 30 pixels.
ROOM = (1366, 768 - 40 - 30)


def shoot(app: QApplication, widget: QWidget, path: Path, size: tuple[int, int] = ROOM) -> None:
    settle(app)
    need = widget.minimumSizeHint()
    if need.width() > ROOM[0] or need.height() > ROOM[1]:
        raise SystemExit(f"{path.name}: needs {need.width()}x{need.height()}, more than {ROOM}")
    widget.resize(*size)
    settle(app)
    widget.grab().save(str(path))


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    set_language("nl")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale("nl_NL"), "qtbase", "_", path):
        app.installTranslator(translator)
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        ctx = open_context(str(Path(tmp) / "demo.sqlite"))
        ctx.services.demo.load()
        from lobbycrm.ui.letters.section import LettersSection
        from lobbycrm.ui.signals import AppSignals

        section = LettersSection(ctx, AppSignals())
        composer = section.composer
        section.tabs.setCurrentWidget(composer)
        composer.tabs.setCurrentIndex(1)  # Ontvangers en bijlagen
        composer.recipients.set_selection(["tag:senator+role:woordvoerder", "org:CDA"])
        composer.recipients.groups.setCurrentRow(0)
        section.show()
        shoot(app, section, out / "27-composer-recipients.png")
        section.hide()
        from lobbycrm.ui.people.dialog import PersonDialog

        editor = PersonDialog(ctx.services)
        editor.surname.setText("mr. drs. J.P. van der Berg")
        editor.show()
        size = editor.size()
        shoot(app, editor, out / "26-name-split.png", (size.width(), size.height()))
        editor.hide()
        ctx.close()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
