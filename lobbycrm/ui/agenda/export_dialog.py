"""File > Export to calendar: choose what to export and where."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core.enums import EventKind
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.filenames import dated_name
from lobbycrm.core.i18n import _, ngettext
from lobbycrm.services.calendar import ExportSelection, kind_label
from lobbycrm.ui.feedback import announce_saved
from lobbycrm.ui.forms import today_qdate
from lobbycrm.ui.pickers import org_picker


class ExportDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(_("Export to calendar"))
        today = today_qdate()
        self.use_range = QCheckBox(_("Only from"))
        self.date_from = QDateEdit(today)
        self.date_to = QDateEdit(today.addMonths(6))
        for w in (self.date_from, self.date_to):
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd-MM-yyyy")
        self.kind = QComboBox()
        self.kind.addItem(_("All kinds"), "")
        for k in EventKind:
            self.kind.addItem(kind_label(k.value), k.value)
        # Searched as you type (no list of every organisation); empty means all of them.
        self.organisation = org_picker(ctx.services.choices)
        self.organisation.setPlaceholderText(_("All organisations"))
        self.dossier = QComboBox()
        self.dossier.addItem(_("All dossiers"), 0)
        for d in ctx.services.dossiers.list():
            self.dossier.addItem(d.title, d.id)
        self.path = QLineEdit(
            str(Path.home() / dated_name("agenda", None, str(today.year()), suffix=".ics"))
        )
        browse = QPushButton(_("Browse..."))
        browse.clicked.connect(self._on_browse_clicked)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        for widget, name in (
            (self.use_range, _("Only a date range")),
            (self.date_from, _("From")),
            (self.date_to, _("To")),
            (self.kind, _("Kind")),
            (self.organisation, _("Organisation")),
            (self.dossier, _("Dossier")),
            (self.path, _("File")),
            (browse, _("Browse")),
        ):
            widget.setAccessibleName(name)
        span = QHBoxLayout()
        span.addWidget(self.use_range)
        span.addWidget(self.date_from)
        span.addWidget(QLabel(_("to")))
        span.addWidget(self.date_to)
        where = QHBoxLayout()
        where.addWidget(self.path)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(_("Period"), span)
        form.addRow(_("&Kind"), self.kind)
        form.addRow(_("&Organisation"), self.organisation)
        form.addRow(_("&Dossier"), self.dossier)
        file_label = QLabel(_("&File"))
        file_label.setBuddy(self.path)  # a row holding a layout gets no buddy by itself
        form.addRow(file_label, where)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)

    def selection(self) -> ExportSelection:
        def day(q: QDate) -> dt.date:
            return dt.date(q.year(), q.month(), q.day())

        ranged = self.use_range.isChecked()
        return ExportSelection(
            start=day(self.date_from.date()) if ranged else None,
            end=day(self.date_to.date()) if ranged else None,
            kind=self.kind.currentData() or None,
            organisation=self.organisation.currentData() or None,
            dossier_id=self.dossier.currentData() or None,
        )

    def _on_browse_clicked(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export to calendar"), self.path.text(), _("Calendar files (*.ics)")
        )
        if name:
            self.path.setText(name)

    def _on_buttons_accepted(self) -> None:
        try:
            count = self._ctx.services.calendar.export(Path(self.path.text()), self.selection())
        except (LobbyError, OSError) as exc:
            self.result_label.setText(str(exc))
            return
        message = ngettext("{n} event exported", "{n} events exported", count).format(n=count)
        self.result_label.setText(message)
        announce_saved(self, message, Path(self.path.text()))
        self.accept()


def export_action(ctx: Context, parent: QWidget) -> QAction:
    """File menu entry: Export to calendar..."""
    action = QAction(_("Export to &calendar..."), parent)
    action.triggered.connect(lambda: ExportDialog(ctx, parent).exec())
    return action


def import_calendar(ctx: Context, parent: QWidget, path: str | None = None) -> str | None:
    """Ask for an .ics file, import it (matched by UID) and tell what changed."""
    if path is None:
        path, _filter = QFileDialog.getOpenFileName(
            parent, _("Import calendar"), str(Path.home()), _("Calendar files (*.ics)")
        )
    if not path:
        return None
    try:
        report = ctx.services.calendar.import_file(Path(path))
    except LobbyError as exc:
        QMessageBox.warning(parent, _("Import calendar"), str(exc))
        return str(exc)
    text = _("added: {a}, updated: {u}, unchanged: {n}, skipped: {s}").format(
        a=len(report.added), u=len(report.updated), n=len(report.unchanged), s=len(report.skipped)
    )
    if report.skipped:
        text += "\n\n" + "\n".join(report.skipped)
    QMessageBox.information(parent, _("Import calendar"), text)
    return text


def choose_feed(ctx: Context, parent: QWidget, path: str | None = None) -> None:
    """Set (or switch off, with an empty choice) the .ics file kept current after changes."""
    if path is None:
        current = ctx.services.calendar.feed_path()
        path, _filter = QFileDialog.getSaveFileName(
            parent,
            _("Calendar feed: keep this file current"),
            str(current or Path.home() / "lobbycrm.ics"),
            _("Calendar files (*.ics)"),
        )
    try:
        ctx.services.calendar.set_feed(Path(path) if path else None)
    except LobbyError as exc:
        QMessageBox.warning(parent, _("Calendar feed"), str(exc))
        return
    if path:
        announce_saved(parent, _("Calendar feed, kept current after every change"), Path(path))


def calendar_actions(ctx: Context, parent: QWidget) -> list[QAction]:
    """File menu entries: export, import and the self-updating feed."""
    importing = QAction(_("&Import calendar..."), parent)
    importing.triggered.connect(lambda: import_calendar(ctx, parent))
    feed = QAction(_("Calendar &feed..."), parent)
    feed.triggered.connect(lambda: choose_feed(ctx, parent))
    return [export_action(ctx, parent), importing, feed]
