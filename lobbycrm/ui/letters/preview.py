"""The letter preview: the printed page (white A4, margins, fonts) drawn from the PDF layout."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.core.i18n import _
from lobbycrm.letters.layout import (
    MARGIN_MM,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    LetterPage,
    page_html,
)
from lobbycrm.pdf.letter import MM_PER_INCH, letter_document
from lobbycrm.services.letters import LetterService

GAP = 16  # pixels of grey around and between the pages


class _PageView(QWidget):
    """Draws the document page by page on white A4 sheets, scaled to the available width."""

    def __init__(self) -> None:
        super().__init__()
        self.doc: QTextDocument | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def _mm(self, mm: float) -> float:
        return mm / MM_PER_INCH * self.logicalDpiX()

    def _zoom(self) -> float:
        return max(0.2, (self.width() - 2 * GAP) / self._mm(PAGE_WIDTH_MM))

    def _pages(self) -> int:
        return max(1, self.doc.pageCount()) if self.doc is not None else 1

    def set_document(self, doc: QTextDocument) -> None:
        self.doc = doc
        self._fit_height()
        self.update()

    def _fit_height(self) -> None:
        page_h = self._mm(PAGE_HEIGHT_MM) * self._zoom()
        height = int(GAP + self._pages() * (page_h + GAP))
        if self.minimumHeight() != height:
            self.setMinimumHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), QColor("#8c9096"))
        zoom = self._zoom()
        page_w, page_h = self._mm(PAGE_WIDTH_MM) * zoom, self._mm(PAGE_HEIGHT_MM) * zoom
        margin = self._mm(MARGIN_MM)
        text_h = self._mm(PAGE_HEIGHT_MM - 2 * MARGIN_MM)
        text_w = self._mm(PAGE_WIDTH_MM - 2 * MARGIN_MM)
        for page in range(self._pages()):
            top = GAP + page * (page_h + GAP)
            sheet = QRectF(GAP, top, page_w, page_h)
            painter.fillRect(sheet.translated(3, 3), QColor(0, 0, 0, 60))
            painter.fillRect(sheet, Qt.GlobalColor.white)
            if self.doc is None:
                continue
            painter.save()
            painter.translate(QPointF(GAP, top))
            painter.scale(zoom, zoom)
            painter.translate(margin, margin - page * text_h)
            self.doc.drawContents(painter, QRectF(0, page * text_h, text_w, text_h))
            painter.restore()
        painter.end()


class LetterPreview(QWidget):
    """Shows one recipient's letter as it will be printed; `show_letter` replaces it at once."""

    sender_changed = Signal()

    def __init__(self, letters: LetterService | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._letters = letters
        self.page: LetterPage | None = None
        self.view = _PageView()
        self.view.setAccessibleName(_("Letter as printed"))
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.view)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.caption = QLabel(_("As printed (A4)"))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.caption, 1)
        self.sender_button: QPushButton | None = None
        if letters is not None:
            self.sender_button = QPushButton(_("Sender and &letterhead..."))
            self.sender_button.clicked.connect(self._on_sender_button_clicked)
            top.addWidget(self.sender_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)

    def show_letter(self, page: LetterPage) -> None:
        self.page = page
        self.caption.setText(_("As printed (A4)"))
        self.view.set_document(letter_document(page_html(page), self.view, MARGIN_MM))

    def show_message(self, text: str) -> None:
        """No letter to show (no recipient chosen yet): an empty sheet and this line above it."""
        self.page = None
        self.caption.setText(text)
        self.view.doc = None
        self.view.update()

    def toPlainText(self) -> str:  # named like the text widget it replaced
        """The text of the page as shown, letterhead to signature."""
        return self.view.doc.toPlainText() if self.view.doc is not None else ""

    def _on_sender_button_clicked(self) -> None:
        from lobbycrm.ui.letters.sender import SenderDialog

        if self._letters is not None and SenderDialog(self._letters, self).exec():
            self.sender_changed.emit()
