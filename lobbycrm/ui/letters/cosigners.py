"""Joint letters: the invited organisations with their answer and its date, and the text
versions of the letter compared side by side."""

from __future__ import annotations

import datetime as dt
import difflib
import html

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core import labels
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _, short_date
from lobbycrm.letters import prose
from lobbycrm.services.letters import COSIGNER_STATUSES, LetterService
from lobbycrm.ui.forms import error_label, today_qdate
from lobbycrm.ui.pickers import SearchPicker
from lobbycrm.ui.signals import AppSignals

NO_DATE = QDate(2000, 1, 1)
REMOVED, ADDED, EMPTY = "#fde2e1", "#dcf5e3", "#f3f4f6"
REMOVED_WORD, ADDED_WORD = "#f5a9a6", "#8fd9a8"


def approve_pending(
    parent: QWidget, letters: LetterService, mailing_id: int, allow_pending: bool | None
) -> bool | None:
    """Whether to produce while co-signers have not answered: as given, or asked when there
    are such co-signers; None when the user chose not to produce."""
    pending = [c for c in letters.mailing(mailing_id).cosigners if c.status == "invited"]
    if not pending or allow_pending is not None:
        return bool(allow_pending)
    answer = QMessageBox.question(
        parent,
        _("Co-signers have not answered"),
        _("{names} have not answered yet. Produce anyway and count them as approved?").format(
            names=", ".join(c.organisation for c in pending)
        ),
    )
    return True if answer == QMessageBox.StandardButton.Yes else None


def _words_html(a: str, b: str) -> tuple[str, str]:
    """Two changed lines with the changed words marked on each side."""
    wa, wb = a.split(" "), b.split(" ")
    left: list[str] = []
    right: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb).get_opcodes():
        ta, tb = html.escape(" ".join(wa[i1:i2])), html.escape(" ".join(wb[j1:j2]))
        if op == "equal":
            left.append(ta)
            right.append(tb)
        else:
            if ta:
                left.append(f"<span style='background:{REMOVED_WORD}'>{ta}</span>")
            if tb:
                right.append(f"<span style='background:{ADDED_WORD}'>{tb}</span>")
    return " ".join(left), " ".join(right)


def side_by_side(old: str, new: str) -> tuple[str, str, int]:
    """HTML for the old and the new pane, lines aligned; and how many lines changed."""
    a, b = old.splitlines(), new.splitlines()
    left: list[tuple[str, str, str]] = []  # (number, html, background)
    right: list[tuple[str, str, str]] = []
    changed = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                left.append((str(i + 1), html.escape(a[i]), ""))
                right.append((str(j + 1), html.escape(b[j]), ""))
            continue
        changed += max(i2 - i1, j2 - j1)
        for k in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + k, j1 + k
            if i < i2 and j < j2:
                la, rb = _words_html(a[i], b[j])
                left.append((str(i + 1), la, REMOVED))
                right.append((str(j + 1), rb, ADDED))
            elif i < i2:
                left.append((str(i + 1), html.escape(a[i]), REMOVED))
                right.append(("", "", EMPTY))
            else:
                left.append(("", "", EMPTY))
                right.append((str(j + 1), html.escape(b[j]), ADDED))

    def pane(rows: list[tuple[str, str, str]]) -> str:
        body = "".join(
            f"<tr style='background:{bg or 'transparent'}'>"
            f"<td style='color:#6b7280' align='right'>{n}</td>"
            f"<td style='white-space:pre-wrap'>{text or '&nbsp;'}</td></tr>"
            for n, text, bg in rows
        )
        return f"<table cellspacing='0' cellpadding='2' width='100%'>{body}</table>"

    return pane(left), pane(right), changed


def readable(source: str) -> str:
    """A version as the composer shows it (prose with «fields») when it can be."""
    try:
        letter = prose.to_prose(source)
    except prose.NotProse:
        return source
    return f"{prose.SUBJECT_PREFIX}{letter.subject}\n\n{letter.body}"


class CosignerPanel(QWidget):
    """Who co-signs one mailing: status and date per organisation; invite more; text versions."""

    def __init__(self, ctx: Context, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._signals = signals
        self._mailing_id: int | None = None
        self._recording = False
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Organisation"), _("Answer"), _("Date")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.invite_picker = SearchPicker(
            lambda text, limit: ctx.services.choices.organisations(text, (), limit),
            ctx.services.choices.organisation,
            placeholder=_("Invite an organisation: type part of its name..."),
        )
        self.invite_button = QPushButton(_("&Invite"))
        self.version_a = QComboBox()
        self.version_b = QComboBox()
        self.old_pane = QTextBrowser()
        self.new_pane = QTextBrowser()
        self.diff_summary = QLabel()
        self.error = error_label()
        for widget, label in (
            (self.table, _("Co-signers")),
            (self.invite_picker, _("Organisation to invite")),
            (self.invite_button, _("Invite")),
            (self.version_a, _("Older version")),
            (self.version_b, _("Newer version")),
            (self.old_pane, _("Text of the older version")),
            (self.new_pane, _("Text of the newer version")),
        ):
            widget.setAccessibleName(label)
        invite = QHBoxLayout()
        invite.addWidget(self.invite_picker, 1)
        invite.addWidget(self.invite_button)
        top = QWidget()
        col = QVBoxLayout(top)
        col.setContentsMargins(0, 0, 0, 0)
        title = QLabel(_("Co-signers: record each organisation's answer"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        col.addWidget(title)
        col.addWidget(self.table, 1)
        col.addLayout(invite)
        col.addWidget(self.error)
        versions = QHBoxLayout()
        versions.addWidget(QLabel(_("Compare")))
        versions.addWidget(self.version_a, 1)
        versions.addWidget(QLabel(_("with")))
        versions.addWidget(self.version_b, 1)
        panes = QSplitter()
        panes.addWidget(self.old_pane)
        panes.addWidget(self.new_pane)
        bottom = QWidget()
        col2 = QVBoxLayout(bottom)
        col2.setContentsMargins(0, 0, 0, 0)
        col2.addLayout(versions)
        col2.addWidget(self.diff_summary)
        col2.addWidget(panes, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.invite_button.clicked.connect(self._on_invite_button_clicked)
        self.version_a.currentIndexChanged.connect(self._show_diff)
        self.version_b.currentIndexChanged.connect(self._show_diff)
        self.old_pane.verticalScrollBar().valueChanged.connect(
            self.new_pane.verticalScrollBar().setValue
        )
        self.new_pane.verticalScrollBar().valueChanged.connect(
            self.old_pane.verticalScrollBar().setValue
        )

    # --- public ------------------------------------------------------------------------------

    def set_mailing(self, mailing_id: int | None) -> None:
        self._mailing_id = mailing_id
        self.refresh()

    def refresh(self) -> None:
        if self._recording:
            # Called back while one of the table's own combo boxes is answering: rebuild later.
            QTimer.singleShot(0, self.refresh)
            return
        self.table.setRowCount(0)
        self.error.setText("")
        for combo in (self.version_a, self.version_b):
            combo.blockSignals(True)
            combo.clear()
        if self._mailing_id is None:
            for combo in (self.version_a, self.version_b):
                combo.blockSignals(False)
            self.old_pane.clear()
            self.new_pane.clear()
            return
        m = self._ctx.services.letters.mailing(self._mailing_id)
        self.table.setRowCount(len(m.cosigners))
        for row, c in enumerate(m.cosigners):
            name = QTableWidgetItem(c.organisation)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, name)
            combo = QComboBox()
            combo.setAccessibleName(_("Answer of {org}").format(org=c.organisation))
            for status in COSIGNER_STATUSES:
                combo.addItem(labels.label(labels.COSIGNER_STATUS, status), status)
            combo.setCurrentIndex(combo.findData(c.status))
            date = QDateEdit()
            date.setCalendarPopup(True)
            date.setDisplayFormat("d-M-yyyy")
            date.setAccessibleName(_("Date of the answer of {org}").format(org=c.organisation))
            # No answer, no date: the lowest date shows as an empty field.
            date.setMinimumDate(NO_DATE)
            date.setSpecialValueText(" ")
            day = c.decided_on
            date.setDate(QDate(day.year, day.month, day.day) if day else NO_DATE)
            date.setEnabled(c.status != "invited")
            combo.currentIndexChanged.connect(
                lambda _i, org=c.organisation, box=combo, d=date: self._record(org, box, d)
            )
            date.dateChanged.connect(
                lambda _d, org=c.organisation, box=combo, d=date: self._record(org, box, d)
            )
            self.table.setCellWidget(row, 1, combo)
            self.table.setCellWidget(row, 2, date)
        for number, note, at in m.versions:
            text = _("version {n}").format(n=number)
            extra = " · ".join(x for x in (note, short_date(at) if at else "") if x)
            for combo in (self.version_a, self.version_b):
                combo.addItem(f"{text} — {extra}" if extra else text, number)
        last = self.version_b.count() - 1
        self.version_a.setCurrentIndex(max(0, last - 1))
        self.version_b.setCurrentIndex(last)
        for combo in (self.version_a, self.version_b):
            combo.blockSignals(False)
        self._show_diff()

    def record(self, organisation: str, status: str, on: dt.date | None = None) -> None:
        """Store an answer (the test and the combo boxes come here)."""
        if self._mailing_id is None:
            return
        try:
            changes = self._ctx.services.letters.set_cosigner(
                self._mailing_id, organisation, status, on
            )
        except LobbyError as exc:
            self.error.setText(str(exc))
            return
        self._recording = True
        try:
            self._signals.data_changed.emit(changes)
        finally:
            self._recording = False

    # --- slots -------------------------------------------------------------------------------

    def _record(self, organisation: str, combo: QComboBox, date: QDateEdit) -> None:
        status = str(combo.currentData())
        date.setEnabled(status != "invited")
        if status != "invited" and date.date() == NO_DATE:
            date.blockSignals(True)
            date.setDate(today_qdate())
            date.blockSignals(False)
        on = date.date().toPython() if status != "invited" else None
        assert on is None or isinstance(on, dt.date)
        self.record(organisation, status, on)

    def _on_invite_button_clicked(self) -> None:
        ident = self.invite_picker.current_id()
        if ident is None or self._mailing_id is None:
            self.error.setText(_("Choose an organisation from the list first."))
            return
        self.record(f"#{ident}", "invited")
        self.invite_picker.set_choice(None)
        self.refresh()

    def _show_diff(self, *_args: object) -> None:
        if self._mailing_id is None or self.version_a.count() == 0:
            return
        a, b = self.version_a.currentData(), self.version_b.currentData()
        letters = self._ctx.services.letters
        _na, old = letters.version_text(self._mailing_id, a)
        _nb, new = letters.version_text(self._mailing_id, b)
        left, right, changed = side_by_side(readable(old), readable(new))
        self.old_pane.setHtml(left)
        self.new_pane.setHtml(right)
        self.diff_summary.setText(
            _("No differences.")
            if not changed
            else _(
                "{n} line(s) differ: removed or changed on the left, added on the right."
            ).format(n=changed)
        )
