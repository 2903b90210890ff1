"""Screenshots of the letter composer and the co-signer panel at 1366x768, on the demo data.

Usage: python tools/letter_screenshots.py [OUTPUT_DIR]   (default: docs/screenshots)
With DISPLAY set (e.g. Xvfb :95 -screen 0 1366x768x24) the screen is captured with ImageMagick's
`import`, so window borders and popups look as they do; without it the window is rendered
offscreen.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from lobbycrm.bootstrap import open_context
from lobbycrm.core.i18n import set_language

SUBJECT = "Oproep over «Naam debat»"
BODY = (
    "«Aanhef»\n\n"
    "Op «Datum debat» bespreekt u «Naam debat». Namens «Medeondertekenaars» vragen wij uw "
    "aandacht voor kinderen in de asielprocedure.\n\n"
    "«Kern»\n\n"
    "«Alinea op maat: Fractie alinea»\n\n"
    "Wij vragen u: «Vraag».\n\n"
    "Met vriendelijke groet,\n\n"
    "«Naam afzender»\n«Organisatie afzender»\n"
)


def shoot(app: QApplication, window: QWidget, target: Path) -> None:
    for _i in range(5):
        app.processEvents()
    if os.environ.get("DISPLAY") and shutil.which("import"):
        subprocess.run(["import", "-window", "root", str(target)], check=True)
    else:
        window.grab().save(str(target))


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    set_language("nl")
    app = QApplication.instance() or QApplication([])
    translator = QTranslator(app)
    if translator.load(
        QLocale("nl_NL"),
        "qtbase",
        "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(translator)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LOBBYCRM_DATA_DIR"] = str(Path(tmp) / "data")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        ctx = open_context(str(Path(tmp) / "demo.sqlite"))
        ctx.services.demo.load()
        ctx.services.letters.set_sender(
            name="Noor de Wit",
            function="beleidsmedewerker politieke zaken",
            organisation="Defence for Children",
            email="noor@defence.example",
            place="Amsterdam",
        )
        from lobbycrm.letters import prose
        from lobbycrm.ui.letters.section import LettersSection
        from lobbycrm.ui.signals import AppSignals

        # The Letters section alone on the whole 1366x768 screen.
        window = LettersSection(ctx, AppSignals())
        window.setWindowTitle("LobbyCRM — Brieven")
        window.setGeometry(0, 0, 1366, 768)
        window.show()
        composer = window.composer
        composer.new_letter()
        composer.name.setText("Oproep asielpact")
        composer._header = [
            "{# description: Gezamenlijke oproep aan de woordvoerders voor het debat #}",
            "{# field kern: De kern van de oproep, in een of twee zinnen #}",
            "{# field vraag: Wat wij de senator vragen te doen #}",
        ]
        composer.subject.set_text(SUBJECT)
        composer.body.set_text(BODY)
        debate = next(
            e
            for e in ctx.services.events.list()
            if e.kind == "plenary-debate" and "Eerste Kamer" in (e.organisation or "")
        )
        composer.debate.set_current(debate.id)
        cda = ctx.services.orgs.find("CDA")
        composer.recipients.set_selectors([f"org:#{cda.id}", "tag:senator"])
        composer._on_recipients_selection_changed()
        composer.field_inputs.set_values(
            {
                "kern": "Kinderen horen niet in een grenskamp; toets elk besluit aan hun belang.",
                "vraag": "steun het amendement over kinderen in de grensprocedure",
            }
        )
        composer.tailored.set_entries(
            ["group:CDA:fractie_alinea=Wij danken de CDA-fractie voor haar eerdere vragen."]
        )
        composer.refresh()
        composer.preview_for.setCurrentIndex(0)
        assert prose.to_prose(composer.template_source()).body == BODY

        mailing = composer.record()
        letters_service = ctx.services.letters
        for name in ("Amnesty", "UNICEF", "VluchtelingenWerk Nederland"):
            try:
                letters_service.set_cosigner(mailing, name, "invited")
            except Exception:
                continue
        letters_service.set_cosigner(mailing, "Amnesty", "approved")
        composer.refresh()
        composer.preview_for.setCurrentIndex(0)
        shoot(app, window, out / "21-letter-composer.png")
        composer.body.set_text(
            BODY.replace("vragen wij uw aandacht", "vragen wij met klem uw aandacht").replace(
                "Wij vragen u:", "Wij vragen u daarom:"
            )
        )
        composer.record()
        composer.tabs.setCurrentWidget(composer.cosigners)
        composer.cosigners.refresh()
        shoot(app, window, out / "23-cosigners.png")
        window.close()
        ctx.close()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
