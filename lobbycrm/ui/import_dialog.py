"""Import persons from CSV (with column mapping and preview) or vCard, off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.filenames import dated_name
from lobbycrm.core.i18n import N_, _, ngettext
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.interchange.csvfile import CsvError, guess_field, sniff
from lobbycrm.services.imports import ImportReport, import_changes
from lobbycrm.services.people import PersonFilter
from lobbycrm.ui import background
from lobbycrm.ui.background import Progress
from lobbycrm.ui.feedback import announce_saved
from lobbycrm.ui.signals import AppSignals

FIELD_LABELS = {
    "": N_("(ignore)"),
    "titles": N_("Titles"),
    "initials": N_("Initials"),
    "first_name": N_("First name"),
    "particle": N_("Particle"),
    "surname": N_("Surname"),
    "name": N_("Full name"),
    "gender": N_("Form of address"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "organisation": N_("Organisation"),
    "role": N_("Role"),
    "portfolio": N_("Portfolio"),
    "tags": N_("Tags"),
    "notes": N_("Notes"),
    "start": N_("Start date"),
    "end": N_("End date"),
}


def run_with_progress(parent: QWidget, job: Callable[[Progress], Any]) -> Any:
    """Run an import or export behind a cancellable progress dialog; return its result."""
    return background.run_with_progress(parent, _("Importing..."), job)


def report_text(report: ImportReport) -> str:
    if report.rejected:
        return "\n".join([report.refusal()] + [str(r) for r in report.rejected[:200]])
    head = _("Dry run: nothing was changed.") + "\n" if report.dry_run else ""
    return head + _("added: {a}, updated: {u}, unchanged: {n}, skipped: {s}").format(
        a=report.added, u=report.updated, n=report.unchanged, s=report.skipped
    )


class CsvImportDialog(QDialog):
    """Map the file's columns, look at the first rows, check, then import."""

    def __init__(self, ctx: Context, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._path = path
        self.report: ImportReport | None = None
        self.setWindowTitle(_("Import persons: {name}").format(name=path.name))
        header, rows = sniff(path.read_bytes(), str(path))
        self.preview = QTableWidget(len(rows), len(header))
        self.combos: list[QComboBox] = []
        for name in header:
            combo = QComboBox()
            for value, label in FIELD_LABELS.items():
                combo.addItem(_(label), value)
            combo.setCurrentIndex(max(0, combo.findData(guess_field(name) or "")))
            combo.setAccessibleName(_("Field for column {name}").format(name=name))
            self.combos.append(combo)
        self._header = header
        self.preview.setHorizontalHeaderLabels(header)
        for r, record in enumerate(rows):
            for c, cell in enumerate(record[: len(header)]):
                self.preview.setItem(r, c, QTableWidgetItem(cell))
        mapping_row = QHBoxLayout()
        for name, combo in zip(header, self.combos, strict=True):
            column = QVBoxLayout()
            column.addWidget(QLabel(name))
            column.addWidget(combo)
            mapping_row.addLayout(column)
        self.on_match = QComboBox()
        self.on_match.addItem(_("update the person"), "update")
        self.on_match.addItem(_("skip the row"), "skip")
        self.create_orgs = QCheckBox(_("Add organisations that do not exist yet"))
        self.check_button = QPushButton(_("&Check (nothing is saved)"))
        self.result = QTextBrowser()
        self.result.setMaximumHeight(140)
        for widget, label in (
            (self.preview, _("First rows")),
            (self.on_match, _("On match")),
            (self.create_orgs, _("Add organisations")),
            (self.check_button, _("Check")),
            (self.result, _("Report")),
        ):
            widget.setAccessibleName(label)
        options = QHBoxLayout()
        options.addWidget(QLabel(_("Same e-mail as a known person:")))
        options.addWidget(self.on_match)
        options.addWidget(self.create_orgs)
        options.addStretch(1)
        options.addWidget(self.check_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            _("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        layout = QVBoxLayout(self)
        layout.addLayout(mapping_row)
        layout.addWidget(self.preview, 1)
        layout.addLayout(options)
        layout.addWidget(self.result)
        layout.addWidget(self.buttons)
        self.check_button.clicked.connect(lambda: self.run(dry_run=True))
        self.buttons.accepted.connect(lambda: self.run(dry_run=False))
        self.buttons.rejected.connect(self.reject)
        self.resize(980, 560)

    def mapping(self) -> dict[str, str | None]:
        return {
            name: (combo.currentData() or None)
            for name, combo in zip(self._header, self.combos, strict=True)
        }

    def run(self, dry_run: bool, in_thread: bool = True) -> ImportReport | None:
        def job(progress: Callable[[int, int], bool]) -> ImportReport:
            return self._ctx.services.imports.import_csv(
                self._path,
                dry_run,
                self.on_match.currentData(),
                self.create_orgs.isChecked(),
                progress,
                self.mapping(),
            )

        result = run_with_progress(self, job) if in_thread else job(lambda _d, _t: True)
        if not isinstance(result, ImportReport):
            self.result.setPlainText(str(result))
            return None
        self.result.setPlainText(report_text(result))
        if not dry_run and result.ok:
            self.report = result
            self.accept()
        return result


def import_persons(ctx: Context, signals: AppSignals, parent: QWidget) -> None:
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Import persons"),
        str(Path.home()),
        _("Persons (*.csv *.txt *.vcf *.vcard);;All files (*)"),
    )
    if not name:
        return
    path = Path(name)
    try:
        if path.suffix.lower() in (".vcf", ".vcard"):
            result = run_with_progress(
                parent, lambda progress: ctx.services.imports.import_vcard(path, progress=progress)
            )
            message = str(result) if not isinstance(result, ImportReport) else report_text(result)
            QMessageBox.information(parent, _("Import persons"), message)
        else:
            dialog = CsvImportDialog(ctx, path, parent)
            if not dialog.exec():
                return
    except (CsvError, OSError) as exc:
        QMessageBox.warning(parent, _("Import persons"), str(exc))
        return
    signals.data_changed.emit(import_changes())


def export_persons(ctx: Context, parent: QWidget) -> None:
    name, chosen = QFileDialog.getSaveFileName(
        parent,
        _("Export persons"),
        str(Path.home() / dated_name(_("persons"), amsterdam_today(), suffix=".csv")),
        _("CSV for Excel (*.csv);;vCard (*.vcf)"),
    )
    if not name:
        return
    path = Path(name)
    try:
        vcard = path.suffix.lower() == ".vcf" or "vcf" in chosen
        exports = ctx.services.exports
        count = background.run_with_progress(
            parent,
            _("Exporting..."),
            lambda progress: (
                exports.export_vcard(path, PersonFilter(), progress=progress)
                if vcard
                else exports.export_csv(path, PersonFilter(), progress=progress)
            ),
        )
    except (LobbyError, OSError) as exc:
        QMessageBox.warning(parent, _("Export persons"), str(exc))
        return
    if not isinstance(count, int):
        QMessageBox.warning(parent, _("Export persons"), str(count))
        return
    announce_saved(
        parent, ngettext("{n} person exported", "{n} persons exported", count).format(n=count), path
    )


def import_tk(ctx: Context, signals: AppSignals, parent: QWidget) -> None:
    folder = QFileDialog.getExistingDirectory(parent, _("Folder with Tweede Kamer open data"))
    if not folder:
        return
    try:
        r = ctx.services.tk.import_folder(Path(folder))
    except LobbyError as exc:
        QMessageBox.warning(parent, _("Tweede Kamer open data"), str(exc))
        return
    QMessageBox.information(
        parent,
        _("Tweede Kamer open data"),
        _(
            "persons: {pa} added, {pu} updated; organisations: {oa} added; roles: {ra} added, "
            "{re} ended; events: {ea} added, {eu} updated"
        ).format(
            pa=r.persons_added,
            pu=r.persons_updated,
            oa=r.organisations_added,
            ra=r.roles_added,
            re=r.roles_ended,
            ea=r.events_added,
            eu=r.events_updated,
        ),
    )
    signals.data_changed.emit(import_changes())


def interchange_actions(ctx: Context, signals: AppSignals, parent: QWidget) -> list[QAction]:
    actions = []
    for label, slot in (
        (_("Import &persons (CSV, vCard)..."), lambda: import_persons(ctx, signals, parent)),
        (_("E&xport persons (CSV, vCard)..."), lambda: export_persons(ctx, parent)),
        (_("Import Tweede &Kamer open data..."), lambda: import_tk(ctx, signals, parent)),
    ):
        action = QAction(label, parent)
        action.triggered.connect(slot)
        actions.append(action)
    return actions
