"""PDF output through Qt's PDF writer (QtGui only): HTML documents to A4 pages."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import (
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)


def _keep_none_alive() -> None:
    """PySide6 6.12 on Python 3.11 returns None from a void Qt call without taking a reference,
    so every call (painter.save(), doc.drawContents(), ...) takes one reference from None. A
    long briefing makes tens of thousands of such calls, and the program then aborts on exit
    ("none_dealloc"), after the PDF is written. Giving None a billion references it never
    gives back makes up for that (None is never freed anyway); from Python 3.12 on None is
    immortal and nothing is done."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1_000_000_000


_keep_none_alive()


_app: QGuiApplication | None = None


def _ensure_gui() -> None:
    """QTextDocument needs a QGuiApplication; the command line has none: make an offscreen one."""
    global _app
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication([])


def write_pdf(
    path: Path,
    documents: Sequence[str],
    title: str = "",
    margins_mm: float = 20.0,
    progress: Callable[[int], bool] | None = None,
) -> Path:
    """Write each HTML document as its own run of A4 pages into one PDF at `path`.

    `progress(i)` is called before document i; returning False stops (no file is left behind).
    """
    _ensure_gui()
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    writer = QPdfWriter(str(tmp))
    writer.setTitle(title)
    writer.setCreator("LobbyCRM")
    writer.setResolution(300)
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(margins_mm, margins_mm, margins_mm, margins_mm),
        QPageLayout.Unit.Millimeter,
    )
    writer.setPageLayout(layout)
    painter = QPainter(writer)
    ok = True
    try:
        rect = writer.pageLayout().paintRectPixels(writer.resolution())
        for i, html in enumerate(documents):
            if progress is not None and not progress(i):
                ok = False
                break
            if i > 0:
                writer.newPage()
            doc = QTextDocument()
            doc.documentLayout().setPaintDevice(writer)
            doc.setPageSize(QSizeF(rect.width(), rect.height()))
            doc.setHtml(html)
            pages = doc.pageCount()
            for page in range(pages):
                if page > 0:
                    writer.newPage()
                painter.save()
                painter.translate(0, -page * rect.height())
                doc.drawContents(painter, _page_rect(page, rect.width(), rect.height()))
                painter.restore()
    finally:
        painter.end()
    if not ok:
        tmp.unlink(missing_ok=True)
        raise InterruptedError("cancelled")
    tmp.replace(path)
    return path


def _page_rect(page: int, width: float, height: float):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRectF

    return QRectF(0, page * height, width, height)
