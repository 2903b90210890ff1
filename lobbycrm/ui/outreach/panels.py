"""The Outbox and Answers tabs of the Letters section."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import N_, _, ngettext, short_date
from lobbycrm.services import Changes
from lobbycrm.ui.outreach.sending import send_mailing, send_outbox
from lobbycrm.ui.outreach.settings_dialog import MailSettingsDialog
from lobbycrm.ui.pickers import SearchPicker
from lobbycrm.ui.signals import AppSignals

STATUS_COLOURS = {
    "failed": "#b00020",
    "sending": "#b26a00",
    "queued": "#555555",
    "replied": "#1b5e20",
    "acknowledged": "#2e7d32",
    "no_answer": "#b26a00",
}


def _item(text: str, status: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if status in STATUS_COLOURS:
        item.setForeground(QColor(STATUS_COLOURS[status]))
    return item


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setStretchLastSection(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.setAccessibleName(name)
    return table


def fit_columns(table: QTableWidget, widest: int = 340) -> None:
    """Columns as wide as their contents (the last one stretches), none wider than `widest`."""
    for col in range(table.columnCount() - 1):
        table.resizeColumnToContents(col)
        table.setColumnWidth(col, min(table.columnWidth(col), widest))


class OutboxPanel(QWidget):
    """Every message with its status and error; resume, settle or remove."""

    def __init__(self, ctx: Context, signals: AppSignals) -> None:
        super().__init__()
        self._ctx = ctx
        self._signals = signals
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = _table(
            [_("Mailing"), _("Recipient"), _("Status"), _("Attempts"), _("Sent"), _("Error")],
            _("Outbox"),
        )
        self.send_button = QPushButton(_("&Send waiting messages"))
        self.arrived_button = QPushButton(_("It &arrived"))
        self.not_arrived_button = QPushButton(_("It did &not arrive"))
        self.remove_button = QPushButton(_("&Remove from the outbox"))
        self.settings_button = QPushButton(_("E-mail &settings..."))
        buttons = QHBoxLayout()
        for b in (
            self.send_button,
            self.arrived_button,
            self.not_arrived_button,
            self.remove_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.settings_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.send_button.clicked.connect(self._on_send_button_clicked)
        self.arrived_button.clicked.connect(lambda: self._settle(True))
        self.not_arrived_button.clicked.connect(lambda: self._settle(False))
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.settings_button.clicked.connect(self._on_settings_button_clicked)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        signals.data_changed.connect(self._on_data_changed)
        self._rows: list[tuple[int, str]] = []
        self.refresh()

    def refresh(self) -> None:
        rows = self._ctx.services.outbox.outbox()
        self._rows = [(r.id, r.status) for r in rows]
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            sent = short_date(r.sent_at) if r.sent_at else ""
            cells = [
                r.mailing,
                f"{r.to_name} <{r.to_email}>",
                _(r.status),
                str(r.attempts),
                sent,
                r.error,
            ]
            for col, text in enumerate(cells):
                self.table.setItem(i, col, _item(text, r.status))
        fit_columns(self.table)
        counts = Counter(r.status for r in rows)
        waiting = counts.get("queued", 0) + counts.get("failed", 0)
        self.summary.setText(
            _("{sent} sent, {waiting} waiting or failed, {held} interrupted").format(
                sent=counts.get("sent", 0), waiting=waiting, held=counts.get("sending", 0)
            )
        )
        self.send_button.setEnabled(waiting > 0)
        self._update_buttons()

    def selected(self) -> list[tuple[int, str]]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self._rows[r] for r in rows if r < len(self._rows)]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        held = bool(chosen) and all(s == "sending" for _i, s in chosen)
        self.arrived_button.setEnabled(held)
        self.not_arrived_button.setEnabled(held)
        self.remove_button.setEnabled(
            bool(chosen) and all(s in ("queued", "failed") for _i, s in chosen)
        )

    def _on_send_button_clicked(self) -> None:
        send_outbox(self._ctx, self._signals, self)

    def _settle(self, arrived: bool) -> None:
        for message_id, _status in self.selected():
            self._ctx.services.outbox.resolve_interrupted(message_id, arrived)
        self._signals.data_changed.emit(Changes.of("outbox", "mailing", "interaction"))

    def _on_remove_button_clicked(self) -> None:
        chosen = self.selected()
        answer = QMessageBox.question(
            self,
            _("Remove messages"),
            ngettext(
                "Remove {n} message that was not sent from the outbox?",
                "Remove {n} messages that were not sent from the outbox?",
                len(chosen),
            ).format(n=len(chosen)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        for message_id, _status in chosen:
            self._ctx.services.outbox.cancel(message_id)
        self._signals.data_changed.emit(Changes.of("outbox"))

    def _on_settings_button_clicked(self) -> None:
        MailSettingsDialog(self._ctx, self).exec()

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.kinds & {"outbox", "mailing", "interaction"}:
            self.refresh()


class AnswersPanel(QWidget):
    """Per mailing: each recipient's status; mark by hand, read replies, make the reminder."""

    MARKS = (
        ("acknowledged", N_("Receipt &acknowledged")),
        ("replied", N_("&Replied")),
        ("no_answer", N_("&No answer")),
        ("sent", N_("Back to &sent")),
    )

    def __init__(self, ctx: Context, signals: AppSignals) -> None:
        super().__init__()
        self._ctx = ctx
        self._signals = signals
        choices = ctx.services.choices
        self.mailing = SearchPicker(
            choices.mailings, choices.mailing, _("Type to find a mailing...")
        )
        self.mailing.setAccessibleName(_("Mailing"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = _table(
            [_("Name"), _("E-mail"), _("Status"), _("Sent"), _("Answered on"), _("Note")],
            _("Recipients"),
        )
        self.mark_buttons: dict[str, QPushButton] = {}
        marks = QHBoxLayout()
        marks.addWidget(QLabel(_("Mark selected:")))
        for status, label in self.MARKS:
            button = QPushButton(_(label))
            button.clicked.connect(lambda _c=False, s=status: self.mark_selected(s))
            self.mark_buttons[status] = button
            marks.addWidget(button)
        marks.addStretch(1)
        self.send_button = QPushButton(_("Send by &e-mail..."))
        self.import_button = QPushButton(_("Read &received mail..."))
        self.followup_button = QPushButton(_("Make &reminder..."))
        actions = QHBoxLayout()
        for b in (self.send_button, self.import_button, self.followup_button):
            actions.addWidget(b)
        actions.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Mailing")))
        top.addWidget(self.mailing, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(marks)
        layout.addLayout(actions)
        self._people: list[int | None] = []
        self.mailing.choice_made.connect(self._show)
        self.send_button.clicked.connect(self._on_send_button_clicked)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.followup_button.clicked.connect(self._on_followup_button_clicked)
        signals.data_changed.connect(self._on_data_changed)
        self.refresh()

    def current_id(self) -> int | None:
        return self.mailing.current_id()

    def select_mailing(self, mailing_id: int) -> None:
        if mailing_id != self.mailing.current_id():
            self.mailing.set_current(mailing_id)
            self._show()

    def refresh(self) -> None:
        current = self.current_id()
        # The chosen mailing again (its name may have changed), else the newest one.
        choice = self._ctx.services.choices.mailing(current) if current is not None else None
        if choice is None:
            choice = next(iter(self._ctx.services.choices.mailings("", 1)), None)
        self.mailing.set_choice(choice)
        self._show()

    def _show(self, *_args: object) -> None:
        mailing_id = self.current_id()
        rows = self._ctx.services.replies.recipients(mailing_id) if mailing_id else []
        self._people = [r.person_id for r in rows]
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            status = _(r.status) + (" " + _("(by hand)") if r.by_hand else "")
            cells = [
                r.name,
                r.email,
                status,
                short_date(r.first_sent_at) if r.first_sent_at else "",
                short_date(r.answered_at) if r.answered_at else "",
                r.note,
            ]
            for col, text in enumerate(cells):
                self.table.setItem(i, col, _item(text, r.status))
        fit_columns(self.table)
        counts: dict[str, int] = {}
        for r in rows:
            counts[r.status] = counts.get(r.status, 0) + 1
        answered = counts.get("replied", 0) + counts.get("acknowledged", 0)
        self.summary.setText(
            _(
                "{n} recipients: {answered} answered ({replied} replied), {waiting} waiting, "
                "{failed} failed"
            ).format(
                n=len(rows),
                answered=answered,
                replied=counts.get("replied", 0),
                waiting=counts.get("sent", 0)
                + counts.get("no_answer", 0)
                + counts.get("drafted", 0),
                failed=counts.get("failed", 0),
            )
            if rows
            else _("Nobody has been sent this mailing yet.")
        )
        for b in (*self.mark_buttons.values(), self.followup_button):
            b.setEnabled(bool(rows))
        self.send_button.setEnabled(mailing_id is not None)

    def selected_people(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [p for r in rows if r < len(self._people) and (p := self._people[r]) is not None]

    def mark_selected(self, status: str) -> None:
        mailing_id = self.current_id()
        if mailing_id is None:
            return
        for person_id in self.selected_people():
            self._ctx.services.replies.mark(mailing_id, person_id, status)
        self._signals.data_changed.emit(Changes.of("mailing", "interaction"))

    def _on_send_button_clicked(self) -> None:
        mailing_id = self.current_id()
        if mailing_id is not None:
            send_mailing(self._ctx, self._signals, self, mailing_id)

    def import_files(self, paths: list[Path]) -> str:
        try:
            report = self._ctx.services.replies.import_replies(paths)
        except LobbyError as exc:
            return str(exc)
        self._signals.data_changed.emit(Changes.of("mailing", "interaction"))
        n = len(report.imported)
        lines = [
            ngettext("{n} answer logged", "{n} answers logged", n).format(n=n)
            + "; "
            + _("undeliverable: {b}, not matched: {u}, already known: {a}").format(
                b=len(report.bounced), u=len(report.unmatched), a=report.already
            )
        ]
        lines += [f"{who}: {_(status)}" for _src, who, _m, status in report.imported]
        lines += [f"{src}: {reason}" for src, reason in report.unmatched]
        return "\n".join(lines)

    def _on_import_button_clicked(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Received mail"),
            "",
            _("E-mail (*.eml *.mbox *.mbx);;All files (*)"),
        )
        if files:
            QMessageBox.information(
                self, _("Received mail"), self.import_files([Path(f) for f in files])
            )

    def make_reminder(self, days: int) -> str:
        mailing_id = self.current_id()
        if mailing_id is None:
            return ""
        try:
            reminder, who = self._ctx.services.followups.create_follow_up(mailing_id, days)
        except LobbyError as exc:
            return str(exc)
        self._signals.data_changed.emit(Changes.of("mailing"))
        self.select_mailing(reminder)
        name = self._ctx.services.letters.mailing(reminder).name
        return ngettext(
            "Reminder mailing made for {n} recipient: {name}",
            "Reminder mailing made for {n} recipients: {name}",
            len(who),
        ).format(n=len(who), name=name)

    def _on_followup_button_clicked(self) -> None:
        mailing_id = self.current_id()
        if mailing_id is None:
            return
        default = self._ctx.services.mail.mail_settings().follow_up_days or 30
        days, ok = QInputDialog.getInt(
            self,
            _("Make reminder"),
            _("Remind those who have not answered after how many days?"),
            default,
            0,
            3650,
        )
        if not ok:
            return
        silent = self._ctx.services.followups.follow_up(mailing_id, days)
        if not silent:
            QMessageBox.information(
                self, _("Make reminder"), _("Nobody to remind after {days} days.").format(days=days)
            )
            return
        names = "\n".join(r.name for r in silent[:30])
        more = len(silent) - 30
        if more > 0:
            names += "\n" + _("and {n} more").format(n=more)
        answer = QMessageBox.question(
            self,
            _("Make reminder"),
            ngettext(
                "Make a reminder mailing for this recipient?",
                "Make a reminder mailing for these {n} recipients?",
                len(silent),
            ).format(n=len(silent))
            + "\n\n"
            + names,
        )
        if answer == QMessageBox.StandardButton.Yes:
            QMessageBox.information(self, _("Make reminder"), self.make_reminder(days))

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.kinds & {"mailing", "interaction", "outbox"}:
            self.refresh()
