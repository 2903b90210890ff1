"""The briefing's page layout: rows never split, headings stay with what follows, the table's
header row repeats, every page gets its header and 'pagina X van Y'."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from lobbycrm.core.document import Cell, Column, Document, Heading, Paragraph, Table, cell, line
from lobbycrm.pdf.briefing import BOTTOM, PAGE_H, TOP, _Flow, _paginate, write_document_pdf


def _flow(height: float, keep: bool = False, header: _Flow | None = None) -> _Flow:
    return _Flow(height, lambda _p, _y: None, keep_with_next=keep, repeat=header)


def test_paginate_keeps_rows_whole_and_repeats_the_header() -> None:
    room = PAGE_H - BOTTOM - TOP
    heading = _flow(room * 0.1, keep=True)
    header = _flow(room * 0.05, keep=True)
    rows = [_flow(room * 0.3, header=header) for _ in range(7)]
    pages = _paginate([_flow(room * 0.6), heading, header, *rows])
    for page in pages:
        for flow, y in page.placed:
            assert y + flow.height <= PAGE_H - BOTTOM + 0.01  # nothing runs off a page
    placed = [[f for f, _y in p.placed] for p in pages]
    # The heading did not stay alone at the foot of page 1: it moved with header and row.
    assert heading not in placed[0] and placed[1][:3] == [heading, header, rows[0]]
    # A continued table starts each page with its header row.
    for flows in placed[2:]:
        assert flows[0] is header
    assert sum(f in rows for flows in placed for f in flows) == 7


def test_every_page_has_its_header_and_number(tmp_path: Path) -> None:
    rows = tuple((cell(f"Fractie {i}"), Cell((line("x"),) * 6)) for i in range(60))
    doc = Document(
        title="Test",
        lang="nl",
        header="Briefing · Debat · dinsdag 19 mei 2026",
        footer="LobbyCRM",
        page_label="pagina {page} van {pages}",
        blocks=(
            Heading("Titel", 1),
            Paragraph((line("Eerste alinea"),)),
            Table((Column("Fractie", 0.3), Column("Wat", 0.7)), rows),
        ),
    )
    pdf = write_document_pdf(tmp_path / "t.pdf", doc)
    texts = [" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages]
    assert len(texts) > 2
    for i, text in enumerate(texts, start=1):
        assert text.startswith("Briefing · Debat · dinsdag 19 mei 2026")
        assert f"pagina {i} van {len(texts)}" in text
        if i > 1:  # the header row repeats where the table continues
            assert "Fractie Wat" in text
    # Every row whole on one page: its name and its six lines together.
    for i in range(60):
        page = next(t for t in texts if f"Fractie {i} " in t)
        assert page.split(f"Fractie {i} ")[1].startswith("x x x x x x")
    assert [p.name for p in tmp_path.iterdir()] == ["t.pdf"]
