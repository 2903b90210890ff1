"""Letters as PDF and as a page on screen: the HTML of lobbycrm.letters.layout through Qt.

The pdf layer does not know the letters layer: callers pass the page's HTML and margins.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPaintDevice, QTextDocument

from lobbycrm.pdf import _ensure_gui, write_pdf

MM_PER_INCH = 25.4
A4_MM = (210.0, 297.0)


def text_area_px(dpi: float, margin_mm: float) -> QSizeF:
    """The printable area of an A4 page (page minus margins) in pixels at `dpi`."""
    width, height = A4_MM
    return QSizeF(
        (width - 2 * margin_mm) / MM_PER_INCH * dpi,
        (height - 2 * margin_mm) / MM_PER_INCH * dpi,
    )


def letter_document(html: str, device: QPaintDevice, margin_mm: float) -> QTextDocument:
    """A page's HTML laid out on A4 for `device` (the preview draws this one), with the sizes
    and fonts the PDF writer uses."""
    _ensure_gui()
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setPageSize(text_area_px(device.logicalDpiX(), margin_mm))
    doc.setHtml(html)
    return doc


def write_letters_pdf(path: Path, pages: Sequence[str], margin_mm: float, title: str = "") -> Path:
    """Each letter's HTML from a new A4 page, into one PDF at `path` (atomically)."""
    return write_pdf(path, pages, title=title, margins_mm=margin_mm)
