"""Screenshots for plenary planning: the briefing's first page and the majority panel with a
what-if scenario, on the demo data (with example stances, not real positions).

Usage: python tools/planning_screenshots.py [OUTPUT_DIR]   (default: docs/screenshots)
Needs `pdftoppm` (Debian: poppler-utils) to turn the PDF's first page into a PNG.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from lobbycrm.bootstrap import open_context
from lobbycrm.core.i18n import set_language

# Example stances so the pictures show colour; the source says they are examples.
EXAMPLE = (
    ("GL-PvdA", "voor", dt.date(2026, 5, 12)),
    ("PvdD", "voor", dt.date(2026, 5, 12)),
    ("SP", "voor", dt.date(2026, 5, 13)),
    ("Volt", "voor", dt.date(2026, 5, 13)),
    ("D66", "twijfel", dt.date(2026, 5, 14)),
    ("CDA", "twijfel", dt.date(2026, 5, 14)),
    ("PVV", "tegen", dt.date(2026, 5, 12)),
    ("JA21", "tegen", dt.date(2026, 5, 12)),
    ("FVD", "tegen", dt.date(2026, 5, 12)),
)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: install poppler-utils", file=sys.stderr)
        return 1
    set_language("nl")
    app = QApplication.instance() or QApplication([])
    from lobbycrm.ui.translation import install_translators

    install_translators(app, "nl")  # Qt's own buttons in Dutch, as in the app
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        ctx = open_context(str(Path(tmp) / "demo.sqlite"))
        ctx.services.demo.load()
        s = ctx.services
        debate = next(
            e
            for e in s.events.list()
            if e.kind == "plenary-debate" and "Eerste Kamer" in (e.organisation or "")
        )
        assert debate.dossier_id is not None
        for group, stance, day in EXAMPLE:
            s.planning.set_stance(
                debate.dossier_id, stance, organisation=group, on=day, source="voorbeeld"
            )
        pdf = s.briefing.write(debate.id, Path(tmp) / "briefing.pdf", today=dt.date(2026, 5, 18))
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "100",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(out / "15-briefing"),
            ],
            check=True,
        )
        from lobbycrm.ui.planning import MajorityDialog
        from lobbycrm.ui.planning.models import GroupCol
        from lobbycrm.ui.signals import AppSignals

        dialog = MajorityDialog(s, AppSignals(), event_id=debate.id)
        dialog.resize(1200, 720)
        dialog.show()
        panel = dialog.panel
        for name, stance in (("CDA", "voor"), ("D66", "voor"), ("BBB", "tegen")):
            group = next(g for g in panel.count.groups if g.name == name)  # type: ignore[union-attr]
            panel._commit(group.organisation_id, GroupCol.WHAT_IF, stance)
        app.processEvents()
        app.processEvents()
        dialog.grab().save(str(out / "16-majority-scenario.png"))
        dialog.close()
        ctx.close()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
