"""A small printable document (headings, paragraphs, lists, tables, pictures) and its HTML5.

The briefing is built once in this shape; `to_html` writes it as an HTML5 page and
`lobbycrm.pdf.briefing` lays the same blocks out on A4 pages, so both say the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Span:
    """A run of text with one look."""

    text: str
    bold: bool = False
    muted: bool = False
    colour: str = ""  # '#rrggbb'


Line = tuple[Span, ...]


def line(*parts: str | Span) -> Line:
    """A line from plain strings and spans: line('Voor: ', Span('30', bold=True))."""
    return tuple(p if isinstance(p, Span) else Span(p) for p in parts if p)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2  # 1 = the document's title


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[Line, ...]
    # "" body text; "lead" larger (the key message); "verdict" bold and larger; "note" small
    # and grey; "banner" boxed (a scenario, a cancelled debate).
    style: str = ""


@dataclass(frozen=True)
class BulletList:
    items: tuple[Line, ...]


@dataclass(frozen=True)
class Figure:
    svg: str  # a standalone SVG document
    alt: str
    aspect: float  # height / width


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # share of the table's width; the shares add up to 1
    align: str = "left"


@dataclass(frozen=True)
class Cell:
    lines: tuple[Line, ...]
    fill: str = ""  # background '#rrggbb'


@dataclass(frozen=True)
class Table:
    """Rows are never split across pages; the header row repeats on every page."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    label: str = ""  # what the table is, for screen readers


Block = Heading | Paragraph | BulletList | Figure | Table


@dataclass(frozen=True)
class Document:
    title: str
    lang: str  # 'nl' or 'en'
    header: str  # at the top of every page: what and when
    footer: str  # at the foot of every page, left
    page_label: str  # '... {page} ... {pages}', e.g. 'pagina {page} van {pages}'
    blocks: tuple[Block, ...]


def cell(*lines: Line | str, fill: str = "") -> Cell:
    return Cell(tuple(line(x) if isinstance(x, str) else x for x in lines if x), fill)


# --- HTML5 -------------------------------------------------------------------------------


def _span_html(s: Span) -> str:
    text = escape(s.text)
    styles = [f"color:{s.colour}"] if s.colour else []
    classes = ["muted"] if s.muted else []
    if styles or classes:
        attrs = (f' class="{" ".join(classes)}"' if classes else "") + (
            f' style="{";".join(styles)}"' if styles else ""
        )
        text = f"<span{attrs}>{text}</span>"
    return f"<strong>{text}</strong>" if s.bold else text


def line_html(ln: Line) -> str:
    return "".join(_span_html(s) for s in ln)


def _lines_html(lines: Sequence[Line]) -> str:
    return "<br>".join(line_html(ln) for ln in lines)


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _page_css(doc: Document) -> str:
    """The running header and 'page X of Y' in the print margins (where browsers can)."""
    label = doc.page_label
    before, _sep, rest = label.partition("{page}")
    middle, _sep, after = rest.partition("{pages}")
    parts = [
        _css_string(before) if before else "",
        "counter(page)",
        _css_string(middle) if middle else "",
        "counter(pages)",
        _css_string(after) if after else "",
    ]
    content = " ".join(p for p in parts if p)
    return (
        "@page {\n"
        f"  @top-left {{ content: {_css_string(doc.header)}; }}\n"
        f"  @bottom-left {{ content: {_css_string(doc.footer)}; }}\n"
        f"  @bottom-right {{ content: {content}; }}\n"
        "}\n"
    )


def _block_html(b: Block) -> str:
    if isinstance(b, Heading):
        level = min(max(b.level, 1), 3)
        return f"<h{level}>{escape(b.text)}</h{level}>"
    if isinstance(b, Paragraph):
        cls = f' class="{b.style}"' if b.style else ""
        return f"<p{cls}>{_lines_html(b.lines)}</p>"
    if isinstance(b, BulletList):
        items = "".join(f"<li>{line_html(i)}</li>" for i in b.items)
        return f"<ul>{items}</ul>"
    if isinstance(b, Figure):
        body = b.svg
        if body.startswith("<?xml"):
            body = body.split("?>", 1)[1]
        return f'<figure class="chart">{body}</figure>'
    head = "".join(
        f'<th scope="col" style="width:{c.width * 100:.0f}%"'
        + (f' class="{c.align}"' if c.align != "left" else "")
        + f">{escape(c.title)}</th>"
        for c in b.columns
    )
    rows = []
    for row in b.rows:
        cells = []
        for col, c in zip(b.columns, row, strict=True):
            attrs = f' class="{col.align}"' if col.align != "left" else ""
            if c.fill:
                attrs += f' style="background:{c.fill}"'
            cells.append(f"<td{attrs}>{_lines_html(c.lines)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    label = f' aria-label="{escape(b.label)}"' if b.label else ""
    return f"<table{label}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def to_html(doc: Document, css: str) -> str:
    """The document as one self-contained HTML5 page with its own print stylesheet."""
    body = "\n".join(_block_html(b) for b in doc.blocks)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(doc.lang)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(doc.title)}</title>\n"
        f"<style>\n{css}\n{_page_css(doc)}</style>\n"
        "</head>\n"
        "<body>\n"
        f'<header class="running">{escape(doc.header)}</header>\n'
        f"<main>\n{body}\n</main>\n"
        f'<footer class="running">{escape(doc.footer)}</footer>\n'
        "</body>\n"
        "</html>\n"
    )
