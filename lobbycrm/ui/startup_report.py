"""Measurements for benchmarks/app_start.py, switched on by environment variables only.

LOBBYCRM_REPORT_SHOWN=FILE: when the main window is first exposed on the screen, write the
wall-clock time (time.time()) to FILE, and on a second line the time the section it opens on
is built and filled (the database open). LOBBYCRM_REPORT_TIMINGS=FILE: after that, open every
section once, time it and a search keystroke in the people list, write the figures as JSON
to FILE and quit. Nothing here runs (or is imported) in normal use.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

SHOWN_ENV = "LOBBYCRM_REPORT_SHOWN"
TIMINGS_ENV = "LOBBYCRM_REPORT_TIMINGS"


def wanted() -> bool:
    return bool(os.environ.get(SHOWN_ENV) or os.environ.get(TIMINGS_ENV))


class _ExposeWatcher(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Expose:
            handle = self._window.windowHandle()
            if handle is not None and handle.isExposed():
                self._done = True
                shown = os.environ.get(SHOWN_ENV)
                if shown:
                    Path(shown).write_text(repr(time.time()) + "\n", encoding="utf-8")
                    self._poll = QTimer(self)
                    self._poll.setInterval(5)
                    self._poll.timeout.connect(lambda: self._ready(Path(shown)))
                    self._poll.start()
                if os.environ.get(TIMINGS_ENV):
                    QTimer.singleShot(300, lambda: _time_sections(self._window))
        return False

    def _ready(self, path: Path) -> None:
        pages = self._window.pages  # type: ignore[attr-defined]
        if pages.is_built(pages.currentIndex()):
            self._poll.stop()
            with path.open("a", encoding="utf-8") as f:
                f.write(repr(time.time()) + "\n")


def watch(window: QMainWindow) -> None:
    """Call right after window.show()."""
    handle = window.windowHandle()
    if handle is not None:
        handle.installEventFilter(_ExposeWatcher(window))


def _settle() -> None:
    app = QApplication.instance()
    if app is not None:
        app.processEvents()


def _time_sections(window: QMainWindow) -> None:
    nav = window.nav  # type: ignore[attr-defined]
    keys: list[str] = window.section_keys  # type: ignore[attr-defined]
    first: dict[str, float] = {}
    again: dict[str, float] = {}
    for timings in (first, again):
        for row, key in enumerate(keys):
            start = time.perf_counter()
            nav.setCurrentRow(row)
            window.pages.currentWidget().repaint()  # type: ignore[attr-defined]
            _settle()
            timings[key] = (time.perf_counter() - start) * 1000
    people = window.pages.widget(keys.index("people"))  # type: ignore[attr-defined]
    nav.setCurrentRow(keys.index("people"))
    _settle()
    keystrokes: dict[str, float] = {}
    typed = ""
    for letter in "jansen":
        typed += letter
        people.search.blockSignals(True)  # the debounce timer is left out: time the work
        people.search.setText(typed)
        people.search.blockSignals(False)
        start = time.perf_counter()
        people.apply_filter()
        people.view.viewport().repaint()
        _settle()
        keystrokes[typed] = (time.perf_counter() - start) * 1000
    path = Path(os.environ[TIMINGS_ENV])
    path.write_text(
        json.dumps({"first_open": first, "switch": again, "keystroke": keystrokes}, indent=1),
        encoding="utf-8",
    )
    window.close()
    app = QApplication.instance()
    if app is not None:
        app.quit()
