"""PDF output through Qt's PDF writer (QtGui only): HTML documents to A4 pages."""

from __future__ import annotations

import os
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

from lobbycrm.core.none_refs import keep_none_alive

keep_none_alive()  # see lobbycrm.core.none_refs


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
