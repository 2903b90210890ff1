"""A printable document (lobbycrm.core.document) laid out on A4 pages with Qt's PDF writer.

Every page gets a header (what and when) and a footer ('pagina 2 van 3'); a table row is
never split across pages and the table's header row repeats on each page it continues on;
a heading always stays with what follows it.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextOption,
)

from lobbycrm.core.document import (
    Block,
    BulletList,
    Document,
    Figure,
    Heading,
    Line,
    Paragraph,
    Table,
    line_html,
)
from lobbycrm.pdf import _ensure_gui

DPI = 300
MM = DPI / 25.4
PT = DPI / 72
PAGE_W = 210 * MM
PAGE_H = 297 * MM
LEFT = 16 * MM
RIGHT = 16 * MM
TOP = 22 * MM
BOTTOM = 20 * MM
BODY_W = PAGE_W - LEFT - RIGHT
FAMILY = "DejaVu Sans"
INK = "#1a1a1a"
GREY = "#555555"
RULE = "#bbbbbb"
CELL_PAD = 1.6 * MM

# Sizes in points: large enough to read at arm's length.
SIZES = {"body": 10.5, "lead": 12.5, "verdict": 12.5, "note": 9.5, "table": 10.0}
HEADING_SIZES = {1: 18.0, 2: 13.5, 3: 11.5}


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont(FAMILY)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(size)
    font.setBold(bold)
    # No 'fi'/'fl' ligatures: text copied or searched in the PDF reads 'Briefing', not 'Brieﬁng'.
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def _text_doc(device: QPdfWriter, html: str, width: float, size: float, bold: bool = False):  # type: ignore[no-untyped-def]
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(_font(size, bold))
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(f"body {{ color: {INK}; }} .muted {{ color: {GREY}; }}")
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setHtml(f"<body>{html}</body>")
    doc.setTextWidth(width)
    return doc


def _lines(lines: Sequence[Line]) -> str:
    return "<br>".join(line_html(ln) for ln in lines)


# --- flowables ---------------------------------------------------------------------------


@dataclass
class _Flow:
    height: float
    draw: Callable[[QPainter, float], None]  # (painter, top y)
    space_before: float = 0.0
    keep_with_next: bool = False
    repeat: _Flow | None = None  # a table row's header, repeated on a new page
    is_header: bool = False


def _text_flow(
    device: QPdfWriter,
    html: str,
    size: float,
    *,
    bold: bool = False,
    space_before: float = 0.0,
    keep_with_next: bool = False,
    indent: float = 0.0,
    box: bool = False,
    rule: bool = False,
) -> _Flow:
    pad = 2.2 * MM if box else 0.0
    width = BODY_W - indent - 2 * pad
    doc = _text_doc(device, html, width, size, bold)
    text_h = doc.size().height()
    height = text_h + 2 * pad + (1.2 * MM if rule else 0.0)

    def draw(p: QPainter, y: float) -> None:
        if box:
            p.save()
            p.setPen(QPen(QColor(INK), 0.6 * MM))
            p.setBrush(QColor("#fff4d6"))
            p.drawRect(QRectF(LEFT + indent, y, BODY_W - indent, text_h + 2 * pad))
            p.restore()
        p.save()
        p.translate(LEFT + indent + pad, y + pad)
        doc.drawContents(p)
        p.restore()
        if rule:
            p.save()
            p.setPen(QPen(QColor(INK), 0.5 * MM))
            bottom = y + text_h + 0.6 * MM
            p.drawLine(QPointF(LEFT, bottom), QPointF(LEFT + BODY_W, bottom))
            p.restore()

    return _Flow(height, draw, space_before, keep_with_next)


def _figure_flow(fig: Figure) -> _Flow:
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(fig.svg.encode("utf-8")))
    height = BODY_W * fig.aspect

    def draw(p: QPainter, y: float) -> None:
        renderer.render(p, QRectF(LEFT, y, BODY_W, height))

    return _Flow(height, draw, space_before=2.5 * MM)


def _table_flows(device: QPdfWriter, table: Table) -> list[_Flow]:
    widths = [c.width * BODY_W for c in table.columns]
    size = SIZES["table"]

    def row_flow(cells_html: list[str], fills: list[str], header: bool) -> _Flow:
        docs = []
        for html, w, col in zip(cells_html, widths, table.columns, strict=True):
            aligned = f'<div align="right">{html}</div>' if col.align == "right" else html
            docs.append(_text_doc(device, aligned, w - 2 * CELL_PAD, size, bold=header))
        height = max(d.size().height() for d in docs) + 2 * CELL_PAD

        def draw(p: QPainter, y: float) -> None:
            x = LEFT
            p.save()
            if header:
                p.fillRect(QRectF(LEFT, y, BODY_W, height), QColor("#e8e8e8"))
            for d, w, fill in zip(docs, widths, fills, strict=True):
                if fill:
                    p.fillRect(QRectF(x, y, w, height), QColor(fill))
                p.save()
                p.translate(x + CELL_PAD, y + CELL_PAD)
                d.drawContents(p)
                p.restore()
                x += w
            p.setPen(QPen(QColor(GREY if header else RULE), (0.5 if header else 0.25) * MM))
            p.drawLine(QPointF(LEFT, y + height), QPointF(LEFT + BODY_W, y + height))
            p.restore()

        return _Flow(height, draw, is_header=header)

    head = row_flow([escape(c.title) for c in table.columns], ["" for _c in table.columns], True)
    head.space_before = 1.5 * MM
    head.keep_with_next = True
    flows = [head]
    for row in table.rows:
        flow = row_flow([_lines(c.lines) for c in row], [c.fill for c in row], False)
        flow.repeat = head
        flows.append(flow)
    return flows


def _flows(device: QPdfWriter, blocks: Sequence[Block]) -> list[_Flow]:
    out: list[_Flow] = []
    for b in blocks:
        if isinstance(b, Heading):
            level = min(max(b.level, 1), 3)
            out.append(
                _text_flow(
                    device,
                    escape(b.text),
                    HEADING_SIZES[level],
                    bold=True,
                    space_before=(0 if level == 1 else 6 if level == 2 else 4) * MM,
                    keep_with_next=True,
                    rule=level == 2,
                )
            )
        elif isinstance(b, Paragraph):
            size = SIZES.get(b.style, SIZES["body"])
            html = _lines(b.lines)
            if b.style == "note":
                html = f'<span class="muted">{html}</span>'
            out.append(
                _text_flow(
                    device,
                    html,
                    size,
                    bold=b.style in ("verdict", "banner"),
                    space_before=1.6 * MM,
                    box=b.style == "banner",
                )
            )
        elif isinstance(b, BulletList):
            for i, item in enumerate(b.items):
                out.append(
                    _bullet_flow(
                        device, line_html(item), space_before=1.6 * MM if i == 0 else 0.6 * MM
                    )
                )
        elif isinstance(b, Figure):
            out.append(_figure_flow(b))
        else:
            out.extend(_table_flows(device, b))
    return out


def _bullet_flow(device: QPdfWriter, html: str, space_before: float) -> _Flow:
    indent = 6 * MM
    flow = _text_flow(device, html, SIZES["body"], indent=indent, space_before=space_before)
    inner = flow.draw
    metrics = QFontMetricsF(_font(SIZES["body"]), device)

    def draw(p: QPainter, y: float) -> None:
        p.save()
        p.setFont(_font(SIZES["body"]))
        p.setPen(QColor(INK))
        p.drawText(QPointF(LEFT + 1.5 * MM, y + metrics.ascent()), "•")
        p.restore()
        inner(p, y)

    return _Flow(flow.height, draw, flow.space_before)


# --- pages -------------------------------------------------------------------------------


@dataclass
class _Page:
    placed: list[tuple[_Flow, float]] = field(default_factory=list)


def _paginate(flows: list[_Flow]) -> list[_Page]:
    pages = [_Page()]
    bottom = PAGE_H - BOTTOM
    y = TOP
    for i, f in enumerate(flows):
        gap = f.space_before if pages[-1].placed else 0.0
        need = gap + f.height
        # Keep a heading (or a table's header row) with what follows it.
        j = i
        while flows[j].keep_with_next and j + 1 < len(flows):
            j += 1
            need += flows[j].space_before + flows[j].height
        if y + need > bottom and pages[-1].placed:
            pages.append(_Page())
            y = TOP
            gap = 0.0
            if f.repeat is not None:
                pages[-1].placed.append((f.repeat, y))
                y += f.repeat.height
        y += gap
        pages[-1].placed.append((f, y))
        y += f.height
    return pages


def _chrome(p: QPainter, doc: Document, number: int, total: int) -> None:
    """The header (what and when) and the footer (who made it, page X of Y)."""
    small = _font(8.5)
    metrics = QFontMetricsF(small, p.device())
    p.save()
    p.setFont(small)
    p.setPen(QColor(GREY))
    head_y = 12 * MM
    header = metrics.elidedText(doc.header, Qt.TextElideMode.ElideRight, BODY_W)
    p.drawText(QPointF(LEFT, head_y), header)
    p.setPen(QPen(QColor(RULE), 0.25 * MM))
    p.drawLine(QPointF(LEFT, head_y + 2 * MM), QPointF(LEFT + BODY_W, head_y + 2 * MM))
    foot_y = PAGE_H - 11 * MM
    p.drawLine(QPointF(LEFT, foot_y - 4 * MM), QPointF(LEFT + BODY_W, foot_y - 4 * MM))
    p.setPen(QColor(GREY))
    label = doc.page_label.format(page=number, pages=total)
    label_w = metrics.horizontalAdvance(label)
    footer = metrics.elidedText(doc.footer, Qt.TextElideMode.ElideRight, BODY_W - label_w - 6 * MM)
    p.drawText(QPointF(LEFT, foot_y), footer)
    p.drawText(QPointF(LEFT + BODY_W - label_w, foot_y), label)
    p.restore()


def write_document_pdf(path: Path, doc: Document) -> Path:
    """Write `doc` as an A4 PDF at `path` (via a temporary file beside it)."""
    _ensure_gui()
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    # Created here first: an ordinary file (0666 less the umask, as any program's), and a
    # folder that is missing or read-only shows up as an OSError naming the reason.
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666))
    writer = QPdfWriter(str(tmp))
    writer.setTitle(doc.title)
    writer.setCreator("LobbyCRM")
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    ok = False
    try:
        flows = _flows(writer, doc.blocks)
        pages = _paginate(flows)
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(errno.EIO, "the PDF could not be written", str(path))
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            for n, page in enumerate(pages, start=1):
                if n > 1:
                    writer.newPage()
                _chrome(painter, doc, n, len(pages))
                for flow, y in page.placed:
                    flow.draw(painter, y)
        finally:
            painter.end()
        del writer
        ok = True
    finally:
        if not ok:
            tmp.unlink(missing_ok=True)
    return tmp.replace(path)


__all__ = ["write_document_pdf"]
