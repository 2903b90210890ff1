"""PDF writer: real files parsed back with pypdf."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from lobbycrm.pdf import write_pdf


def text_of(page) -> str:  # type: ignore[no-untyped-def]
    # Qt places words separately; extraction returns tabs between them.
    return " ".join(page.extract_text().split())


def test_pdf_pages_and_text(tmp_path: Path) -> None:
    long_body = "".join(f"<p>Alinea {i} over de grensprocedure.</p>" for i in range(120))
    out = write_pdf(
        tmp_path / "brief.pdf",
        [
            "<h1>Geachte heer Van Hattem,</h1><p>Zoë, José en Yılmaz: 31.805 handtekeningen.</p>",
            f"<h1>Geachte mevrouw Perin-Gopie,</h1>{long_body}",
        ],
        title="Brieven",
    )
    reader = PdfReader(out)
    assert len(reader.pages) >= 3
    first = text_of(reader.pages[0])
    assert "Geachte heer Van Hattem," in first
    assert "Zoë, José en Yılmaz" in first
    assert "Perin-Gopie" in text_of(reader.pages[1])
    assert "Alinea 119" in " ".join(text_of(p) for p in reader.pages[2:])
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595) < 2 and abs(float(box.height) - 842) < 2  # A4 in points


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "weg.pdf"
    with pytest.raises(InterruptedError):
        write_pdf(target, ["<p>a</p>", "<p>b</p>"], progress=lambda i: i < 1)
    assert not target.exists() and not list(tmp_path.iterdir())
