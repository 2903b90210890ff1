"""The seat bar on screen: the same SVG the briefing prints, drawn across the panel's width."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QRectF, QSize
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from lobbycrm.core.i18n import _, getal, ngettext
from lobbycrm.services.majority import MajorityCount, Targets
from lobbycrm.services.majority_words import stance_word
from lobbycrm.services.seatbar import HEIGHT, description, segments, svg

# Pixels per unit of the picture: its text (21 units) comes out about as large as a heading.
SCALE = 0.72


class SeatBarView(QWidget):
    """Paints `services.seatbar.svg` at a fixed height, as wide as the panel (the picture is
    made for the width, so its text keeps its size); hovering a piece names its group."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = QSvgRenderer(self)
        self._count: MajorityCount | None = None
        self._targets: Targets | None = None
        self._units = 1000
        self.svg = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(round(HEIGHT * SCALE))
        self.setAccessibleName(_("Seat bar"))

    def set_count(self, m: MajorityCount | None, targets: Targets | None = None) -> None:
        self._count, self._targets = m, targets
        self.setAccessibleDescription(description(m) if m is not None else "")
        self._render()

    def _render(self) -> None:
        m = self._count
        self._units = max(600, round(self.width() / SCALE))
        self.svg = svg(m, self._targets, self._units) if m is not None and m.total_seats else ""
        self._renderer.load(QByteArray(self.svg.encode("utf-8")))
        self.setVisible(bool(self.svg))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(800, self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._count is not None and round(self.width() / SCALE) != self._units:
            self._render()

    def _area(self) -> QRectF:
        return QRectF(0, 0, self._units * SCALE, HEIGHT * SCALE)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.svg:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer.render(painter, self._area())
        painter.end()

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            text = self.tip_at(e.position().x())
            if text:
                QToolTip.showText(e.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

    def tip_at(self, x: float) -> str:
        """What lies under horizontal position x: group, seats, stance."""
        m = self._count
        area = self._area()
        if m is None or not m.total_seats or not 0 <= x < area.width():
            return ""
        seat = x / area.width() * m.total_seats
        for seg in segments(m, self._targets):
            if seg.start <= seat < seg.start + seg.seats:
                name = seg.label or _("no party group")
                seats = ngettext("{n} seat", "{n} seats", seg.seats).format(n=getal(seg.seats))
                text = f"{name}: {seats}, {stance_word(seg.stance)}"
                if seg.tried:
                    text += " " + _("(tried, not recorded)")
                if seg.target:
                    text += "\n" + _("Among the groups to call first.")
                return text
        return ""
