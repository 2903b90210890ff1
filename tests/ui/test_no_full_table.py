"""Nothing loads a whole table: the main window on 20,000 persons, 3,000 events, 1,500
organisations and 1,500 mailings reads none of those tables in full, neither at start nor
while every section is opened.

Every SELECT on one of these tables is counted again on the same connection (`SELECT count(*)
FROM (<statement>)` with the same parameters); a statement that would return more than
WHOLE_TABLE rows is a full-table read, whether it has a LIMIT or not (SQLAlchemy writes
`LIMIT -1` for "no limit"). Windows of the people list (200 rows) and of the organisations
list (500) stay under it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from benchmarks.bigdb import Size, build
from lobbycrm.bootstrap import open_context
from lobbycrm.ui.main_window import MainWindow

SIZE = Size(persons=20_000, events=3_000, mailings=1_500, organisations=1_500)
WHOLE_TABLE = 1_000
WATCHED = re.compile(r"\b(?:FROM|JOIN)\s+(person|organisation|event|mailing)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.sqlite"
    build(path, SIZE)
    return path


@pytest.fixture(scope="module")
def reads(big_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, list[str]]]:
    """Per moment ('start', then each section key): the full-table reads seen."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        str(tmp_path_factory.mktemp("settings")),
    )
    app = QApplication.instance() or QApplication([])
    ctx = open_context(str(big_db))
    seen: list[str] = []

    def before(
        _conn: Any, cursor: Any, statement: str, params: Any, _context: Any, many: bool
    ) -> None:
        flat = " ".join(statement.split())
        if many or not flat.upper().startswith("SELECT") or not WATCHED.search(flat):
            return
        n = cursor.connection.execute(f"SELECT count(*) FROM ({statement})", params).fetchone()[0]
        if n > WHOLE_TABLE:
            seen.append(f"{n} rows: {flat[:300]}")

    event.listen(ctx.engine, "before_cursor_execute", before)
    found: dict[str, list[str]] = {}
    start = time.perf_counter()
    window = MainWindow(ctx)
    window.show()
    app.processEvents()
    found["start"], seen[:] = list(seen), []
    for row, key in enumerate(window.section_keys):
        window.nav.setCurrentRow(row)
        app.processEvents()
        assert window.pages.currentWidget().objectName() == f"section-{key}"
        found[key], seen[:] = list(seen), []
    found["_seconds"] = [f"{time.perf_counter() - start:.1f}"]
    yield found
    event.remove(ctx.engine, "before_cursor_execute", before)
    window.close()
    window.deleteLater()
    ctx.close()


def test_start_reads_no_whole_table(reads: dict[str, list[str]]) -> None:
    assert reads["start"] == []


@pytest.mark.parametrize(
    "key",
    [
        "agenda",
        "people",
        "orgs",
        "dossiers",
        "motions",
        "letters",
        "campaigns",
    ],
)
def test_opening_a_section_reads_no_whole_table(reads: dict[str, list[str]], key: str) -> None:
    assert key in reads, f"no section {key!r} in the main window"
    assert reads[key] == []


def test_sections_are_built_when_first_shown(big_db: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The window appears first; the section it opens on is built right after, the others
    when they are first shown."""
    ctx = open_context(str(big_db))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    count = len(window.section_keys)
    assert not any(window.pages.is_built(i) for i in range(count))
    window.show()
    current = window.nav.currentRow()
    qtbot.waitUntil(lambda: window.pages.is_built(current), timeout=5000)
    assert [window.pages.is_built(i) for i in range(count)] == [i == current for i in range(count)]
    ctx.close()
