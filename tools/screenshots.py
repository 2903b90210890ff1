"""Open the app on the demo data offscreen; save a PNG of every section and the main dialogs.

Usage: python tools/screenshots.py [OUTPUT_DIR]   (default: docs/screenshots)
       python tools/screenshots.py --laptop [OUTPUT_DIR]

--laptop opens the app with a fresh configuration on the current X display (a 1366x768 Xvfb:
`Xvfb :97 -screen 0 1366x768x24 & DISPLAY=:97 python tools/screenshots.py --laptop`), at the
size it chooses itself, and saves the whole screen for every section as laptop-NN-KEY.png:
what a user of a common NGO laptop sees, with anything cut off by the screen edge visible.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

LAPTOP = "--laptop" in sys.argv
if not LAPTOP:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QDate, QLibraryInfo, QLocale, QSettings, QTranslator  # noqa: E402 (after the platform choice)
from PySide6.QtWidgets import QApplication  # noqa: E402 (after the platform choice)

from lobbycrm.bootstrap import open_context  # noqa: E402 (after the platform choice)
from lobbycrm.core.i18n import set_language  # noqa: E402 (after the platform choice)


def save_dialogs(ctx, window, app, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The person editor, the global search and the duplicates tool."""
    from lobbycrm.services.people import PersonInput
    from lobbycrm.ui.people.dialog import PersonDialog
    from lobbycrm.ui.tools.duplicates import DuplicatesDialog

    person = next(p for p in ctx.services.people.list() if len(p.roles) > 1 and p.emails)
    editor = PersonDialog(ctx.services, person, window)
    editor.show()
    editor.resize(max(700, editor.sizeHint().width()), editor.sizeHint().height())
    app.processEvents()
    app.processEvents()
    editor.grab().save(str(out / "10-person-editor.png"))
    editor.close()
    search = window.open_search()
    search.query.setText("van")
    search.run()
    app.processEvents()
    search.grab().save(str(out / "11-search.png"))
    search.close()
    ctx.services.people.add(
        PersonInput(
            surname=person.surname,
            particle=person.particle,
            initials=person.initials,
            emails=[person.emails[0]],
        )
    )
    duplicates = DuplicatesDialog(ctx.services, window.signals, window)
    duplicates.show()
    app.processEvents()
    duplicates.grab().save(str(out / "12-duplicates.png"))
    duplicates.close()


def save_outreach_and_majority(ctx, window, app, out: Path) -> None:  # type: ignore[no-untyped-def]
    """Letters > Answers on the council request (who acknowledged), and a dossier's majority."""
    keys = window.section_keys
    window.nav.setCurrentRow(keys.index("letters"))
    letters = window.pages.currentWidget()
    letters.tabs.setCurrentWidget(letters.answers)
    first = min(m.id for m in ctx.services.letters.mailings() if m.campaign_id)
    letters.answers.select_mailing(first)
    app.processEvents()
    window.grab().save(str(out / "13-answers.png"))
    window.nav.setCurrentRow(keys.index("dossiers"))
    dossiers = window.pages.currentWidget()
    debate = next(e for e in ctx.services.events.list() if e.kind == "plenary-debate")
    pact = debate.dossier_id
    dossiers.select_item(pact)
    dossiers.detail_tabs.setCurrentIndex(dossiers.detail_tabs.count() - 1)
    app.processEvents()
    window.grab().save(str(out / "14-majority.png"))


def save_laptop(window, app, out: Path) -> None:  # type: ignore[no-untyped-def]
    """Every section as the whole 1366x768 screen shows it, the window at its own first size."""
    from PySide6.QtCore import QEventLoop, QTimer

    screen = window.screen()
    size = screen.size()
    print(f"screen {size.width()}x{size.height()}, window {window.frameGeometry()}")
    for row, key in enumerate(window.section_keys):
        window.nav.setCurrentRow(row)
        # Let the window manager and the layouts settle (a busy processEvents loop would
        # trip PySide6's None reference count bug).
        loop = QEventLoop()
        QTimer.singleShot(700, loop.quit)
        loop.exec()
        screen.grabWindow(0).save(str(out / f"laptop-{row + 1:02d}-{key}.png"))


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--laptop"]
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    set_language("nl")
    app = QApplication.instance() or QApplication([])
    translator = QTranslator(app)
    # Qt's own buttons (Opslaan, Annuleren) in Dutch, as the app does.
    if translator.load(
        QLocale("nl_NL"),
        "qtbase",
        "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(translator)
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        ctx = open_context(str(Path(tmp) / "demo.sqlite"))
        ctx.services.demo.load()
        from lobbycrm.ui.main_window import MainWindow

        window = MainWindow(ctx)
        if LAPTOP:
            window.show()
            save_laptop(window, app, out)
            window.close()
            ctx.close()
            print(f"screenshots written to {out}")
            return 0
        window.resize(1400, 860)
        window.show()
        for row, key in enumerate(window.section_keys):
            window.nav.setCurrentRow(row)
            page = window.pages.currentWidget()
            if key == "agenda":
                page.calendar.setSelectedDate(QDate(2026, 5, 19))  # type: ignore[attr-defined]
                page.week_grid.setCurrentCell(0, 1)  # type: ignore[attr-defined]
            if key == "campaigns":  # the council campaign shows mailings and councils
                councils = [c.id for c in ctx.services.campaigns.list() if "gemeenteraad" in c.name]
                page.select_item(councils[0])  # type: ignore[attr-defined]
            app.processEvents()
            window.grab().save(str(out / f"{row + 1:02d}-{key}.png"))
        save_outreach_and_majority(ctx, window, app, out)
        save_dialogs(ctx, window, app, out)
        window.close()
        ctx.close()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
