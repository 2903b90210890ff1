"""The CSV import dialog: column mapping with preview, a check, the import on a worker thread."""

from __future__ import annotations

from pathlib import Path

from lobbycrm.bootstrap import Context
from lobbycrm.services.people import PersonFilter
from lobbycrm.ui.import_dialog import CsvImportDialog


def test_mapping_check_and_import(qtbot, demo_ctx: Context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "lijst.csv"
    path.write_text(
        "Wie;Adres;Kleur\nSophie in 't Veld;s@example.eu;groen\nJan de Vries;geen-adres;rood\n",
        encoding="utf-8",
    )
    dialog = CsvImportDialog(demo_ctx, path)
    qtbot.addWidget(dialog)
    assert dialog.preview.item(0, 0).text() == "Sophie in 't Veld"
    # "Wie" and "Adres" are not known column names: the user maps them.
    assert [c.currentData() for c in dialog.combos] == ["", "", ""]
    dialog.combos[0].setCurrentIndex(dialog.combos[0].findData("name"))
    dialog.combos[1].setCurrentIndex(dialog.combos[1].findData("email"))
    checked = dialog.run(dry_run=True, in_thread=False)
    assert checked is not None and not checked.ok
    assert "regel 3" in dialog.result.toPlainText() and "Adres" in dialog.result.toPlainText()
    path.write_text(
        "Wie;Adres;Kleur\nSophie in 't Veld;s@example.eu;groen\nJan de Vries;jan@example.nl;rood\n",
        encoding="utf-8",
    )
    done = dialog.run(dry_run=False)
    assert done is not None and done.added == 2 and dialog.report is done
    found = demo_ctx.services.people.list(PersonFilter(search="sophie"))
    assert [p.salutation for p in found] == ["Geachte Sophie in 't Veld,"]
