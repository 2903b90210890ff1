"""Letters as PDF and as a page image: the layout of lobbycrm.letters.layout through Qt."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPaintDevice, QTextDocument

from lobbycrm.letters.layout import (
    MARGIN_MM,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    LetterPage,
    page_html,
)
from lobbycrm.pdf import _ensure_gui, write_pdf

MM_PER_INCH = 25.4


def text_area_px(dpi: float) -> QSizeF:
    """The printable area of an A4 letter (page minus margins) in pixels at `dpi`."""
    return QSizeF(
        (PAGE_WIDTH_MM - 2 * MARGIN_MM) / MM_PER_INCH * dpi,
        (PAGE_HEIGHT_MM - 2 * MARGIN_MM) / MM_PER_INCH * dpi,
    )


def letter_document(page: LetterPage, device: QPaintDevice) -> QTextDocument:
    """The page as a text document laid out on A4 for `device` (the preview draws this one),
    with the sizes and fonts the PDF writer uses."""
    _ensure_gui()
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setPageSize(text_area_px(device.logicalDpiX()))
    doc.setHtml(page_html(page))
    return doc


def write_letters_pdf(path: Path, pages: Sequence[LetterPage], title: str = "") -> Path:
    """Each letter from its first page, A4, into one PDF at `path` (atomically)."""
    return write_pdf(path, [page_html(p) for p in pages], title=title, margins_mm=MARGIN_MM)
