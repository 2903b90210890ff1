"""The one background runner: a job on a worker thread behind a cancellable progress dialog."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _

Progress = Callable[[int, int], bool]


class Worker(QThread):
    """Runs one job; reports progress by signal and never touches a widget."""

    progressed = Signal(int, int)

    def __init__(self, job: Callable[[Progress], Any]) -> None:
        super().__init__()
        self._job = job
        self.cancel = threading.Event()
        self.result: Any = None

    def run(self) -> None:
        def progress(done: int, total: int) -> bool:
            self.progressed.emit(done, total)
            return not self.cancel.is_set()

        try:
            self.result = self._job(progress)
        except (LobbyError, InterruptedError, OSError) as exc:
            self.result = exc


class _ProgressDialog(QProgressDialog):
    """Its slots live on the GUI thread, so the worker's signals reach them queued.

    (A lambda connected to a worker's signal would run on the worker's thread and touch the
    dialog from there, which crashes Qt sooner or later.)
    """

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        if self.maximum() != total:
            self.setMaximum(total)
        self.setValue(min(done, total))

    @Slot()
    def finish(self) -> None:
        self.done(0)


def run_with_progress(
    parent: QWidget | None,
    label: str,
    job: Callable[[Progress], Any],
    cancel_text: str | None = None,
    min_duration_ms: int = 300,
) -> Any:
    """Run `job(progress)` on a worker thread; return its result (or the LobbyError/OSError
    it raised). `progress(done, total)` returns False once the user pressed the cancel
    button; the job decides how to stop cleanly."""
    dialog = _ProgressDialog(label, cancel_text or _("Cancel"), 0, 0, parent)
    dialog.setMinimumDuration(min_duration_ms)
    # Reaching the last step must not close the dialog before the worker has finished.
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    worker = Worker(job)
    worker.progressed.connect(dialog.show_progress)
    # Queued to the GUI thread, so it also ends exec() when the job was done before it began.
    worker.finished.connect(dialog.finish)
    dialog.canceled.connect(worker.cancel.set)
    worker.start()
    dialog.exec()
    worker.wait()
    result = worker.result
    dialog.deleteLater()
    worker.deleteLater()
    return result
