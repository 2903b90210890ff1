"""A small line chart of a petition's signature counts over time, drawn with QPainter."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from lobbycrm.core.i18n import _, getal, language, short_date

LINE = QColor("#1f5fa8")
GRID = QColor("#d0d4da")
TEXT = QColor("#333333")


def nice_top(value: int) -> tuple[int, int]:
    """A round axis maximum at or above `value` and its step (1, 2 or 5 times a power of 10)."""
    if value <= 0:
        return 1, 1
    raw = value / 4
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(1, int(step))
    return step * math.ceil(value / step), step


class SignatureChart(QWidget):
    """Counts (day, number) as dots joined by a line; the figures also in name and tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[tuple[dt.date, int]] = []
        self.setMinimumSize(260, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(_("Signatures over time"))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._describe()

    def sizeHint(self) -> QSize:
        return QSize(440, 190)

    @property
    def points(self) -> list[tuple[dt.date, int]]:
        return list(self._points)

    def set_points(self, points: Sequence[tuple[dt.date, int]]) -> None:
        self._points = sorted(points)
        self._describe()
        self.update()

    def summary(self) -> str:
        """What the chart shows, in words (for screen readers and the tooltip)."""
        if not self._points:
            return _("No signature counts recorded yet.")
        return "; ".join(
            _("{count} on {date}").format(count=getal(n, language()), date=short_date(day))
            for day, n in self._points
        )

    def _describe(self) -> None:
        text = self.summary()
        self.setToolTip(text)
        self.setAccessibleDescription(text)

    # --- drawing ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        metrics = p.fontMetrics()
        line_height = metrics.height()
        if not self._points:
            p.setPen(TEXT)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.summary())
            p.end()
            return
        top, step = nice_top(max(n for _d, n in self._points))
        labels = [getal(v, language()) for v in range(0, top + 1, step)]
        left = max(metrics.horizontalAdvance(t) for t in labels) + 10
        plot = QRectF(
            left,
            line_height,
            max(10.0, self.width() - left - 16),
            max(10.0, self.height() - 3 * line_height),
        )
        self._draw_grid(p, plot, top, step)
        positions = self._positions(plot, top)
        p.setPen(QPen(LINE, 2))
        if len(positions) > 1:
            p.drawPolyline(QPolygonF(positions))
        p.setBrush(LINE)
        for point in positions:
            p.drawEllipse(point, 3.5, 3.5)
        p.setPen(TEXT)
        last_count = self._points[-1][1]
        last = positions[-1]
        value = getal(last_count, language())
        width = metrics.horizontalAdvance(value)
        x = min(last.x() - width / 2, self.width() - width - 2)
        p.drawText(QPointF(max(plot.left(), x), last.y() - 6), value)
        self._draw_dates(p, plot, positions)
        p.end()

    def _positions(self, plot: QRectF, top: int) -> list[QPointF]:
        first = self._points[0][0]
        span = (self._points[-1][0] - first).days
        out = []
        for day, n in self._points:
            share = (day - first).days / span if span else 0.5
            y = plot.bottom() - plot.height() * n / top
            out.append(QPointF(plot.left() + share * plot.width(), y))
        return out

    def _draw_grid(self, p: QPainter, plot: QRectF, top: int, step: int) -> None:
        metrics = p.fontMetrics()
        for value in range(0, top + 1, step):
            y = plot.bottom() - plot.height() * value / top
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(TEXT)
            text = getal(value, language())
            x = plot.left() - 6 - metrics.horizontalAdvance(text)
            p.drawText(QPointF(x, y + metrics.ascent() / 2 - 1), text)

    def _draw_dates(self, p: QPainter, plot: QRectF, positions: list[QPointF]) -> None:
        """The first and last day under the axis, and between them the days that fit."""
        metrics = p.fontMetrics()
        baseline = plot.bottom() + metrics.height() + 2
        taken: list[tuple[float, float]] = []
        order = [len(positions) - 1, 0, *range(1, len(positions) - 1)]
        for i in order:
            text = short_date(self._points[i][0])
            width = metrics.horizontalAdvance(text)
            x = positions[i].x() - width / 2
            x = min(max(0.0, x), self.width() - width)
            if any(x < right + 8 and x + width + 8 > left for left, right in taken):
                continue
            taken.append((x, x + width))
            p.drawText(QPointF(x, baseline), text)
