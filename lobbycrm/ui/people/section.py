"""People section: search and filters over a lazily loaded list, detail pane, editing."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core import labels
from lobbycrm.core.enums import InteractionKind
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _, getal, language, ngettext, short_date
from lobbycrm.core.validation import AMSTERDAM
from lobbycrm.services import Changes
from lobbycrm.services.audit import LastChange
from lobbycrm.services.interactions import InteractionInput
from lobbycrm.services.people import PersonFilter
from lobbycrm.ui.feedback import announce
from lobbycrm.ui.people.dialog import PersonDialog
from lobbycrm.ui.people.model import Col, PeopleTableModel
from lobbycrm.ui.pickers import SearchPicker
from lobbycrm.ui.signals import AppSignals
from lobbycrm.ui.tools.privacy import confirm_and_erase, export_access_report

INTERACTION_LABELS = labels.INTERACTION_KIND


class InteractionDialog(QDialog):
    """Log a note, call, meeting or reply in one go."""

    def __init__(self, kind: str = "note", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Log contact"))
        self.kind = QComboBox()
        for k in InteractionKind:
            self.kind.addItem(_(INTERACTION_LABELS[k.value]), k.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.subject = QLineEdit()
        self.notes = QPlainTextEdit()
        self.kind.setAccessibleName(_("Kind"))
        self.subject.setAccessibleName(_("Subject"))
        self.notes.setAccessibleName(_("Notes"))
        form = QFormLayout()
        form.addRow(_("&Kind"), self.kind)
        form.addRow(_("&Subject"), self.subject)
        form.addRow(_("&Notes"), self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class PeopleSection(QWidget):
    def __init__(self, ctx: Context, signals: AppSignals) -> None:
        super().__init__()
        self._ctx = ctx
        self._signals = signals
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name or e-mail..."))
        self.search.setClearButtonEnabled(True)
        # Organisations are searched as you type; an empty field means all of them.
        choices = ctx.services.choices
        self.org_filter = SearchPicker(
            choices.organisations, choices.organisation, _("All organisations")
        )
        self.role_filter = QLineEdit()
        self.role_filter.setPlaceholderText(_("role"))
        self.portfolio_filter = QLineEdit()
        self.portfolio_filter.setPlaceholderText(_("portfolio"))
        self.tag_filter = QComboBox()
        self.role_status = QComboBox()
        self.role_status.addItem(_("Current and former"), "")
        self.role_status.addItem(_("Current roles"), "current")
        self.role_status.addItem(_("Former roles"), "former")
        self.model = PeopleTableModel(ctx.services.people)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(Col.NAME, Qt.SortOrder.AscendingOrder)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(Col.NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Col.EMAIL, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.setColumnWidth(Col.NAME, 220)
        self.view.setColumnWidth(Col.EMAIL, 260)
        self.view.setColumnWidth(Col.FUNCTIONS, 380)
        self.count_label = QLabel()
        self.detail = QTextBrowser()
        self.new_button = QPushButton(_("&New person"))
        self.edit_button = QPushButton(_("&Edit"))
        self.delete_button = QPushButton(_("&Delete"))
        self.note_button = QToolButton()
        self.note_button.setText(_("&Log contact"))
        self.note_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.log_menu = QMenu(self.note_button)
        for kind in ("note", "call", "meeting", "reply", "email"):
            action = QAction(_(INTERACTION_LABELS[kind]).capitalize() + "...", self.log_menu)
            action.setData(kind)
            self.log_menu.addAction(action)
        self.note_button.setMenu(self.log_menu)
        # Privacy (AVG): the person's access report, or erasure on request.
        self.privacy_button = QToolButton()
        self.privacy_button.setText(_("&Privacy"))
        self.privacy_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.privacy_menu = QMenu(self.privacy_button)
        self.export_action = self.privacy_menu.addAction(_("Export access report (AVG)..."))
        self.erase_action = self.privacy_menu.addAction(_("Erase on request (AVG)..."))
        self.privacy_button.setMenu(self.privacy_menu)
        for widget, name in (
            (self.search, _("Search people")),
            (self.org_filter, _("Filter by organisation")),
            (self.role_filter, _("Filter by role")),
            (self.portfolio_filter, _("Filter by portfolio")),
            (self.tag_filter, _("Filter by tag")),
            (self.role_status, _("Current or former roles")),
            (self.view, _("People")),
            (self.detail, _("Person details")),
            (self.new_button, _("New person")),
            (self.edit_button, _("Edit person")),
            (self.delete_button, _("Delete person")),
            (self.note_button, _("Log contact")),
            (self.privacy_button, _("Privacy")),
        ):
            widget.setAccessibleName(name)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for w in (self.org_filter, self.role_filter, self.portfolio_filter, self.tag_filter):
            filters.addWidget(w, 1)
        filters.addWidget(self.role_status)
        buttons = QHBoxLayout()
        for b in (
            self.new_button,
            self.edit_button,
            self.delete_button,
            self.note_button,
            self.privacy_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        left = QWidget()
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(buttons)
        col.addWidget(self.view, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._selected: int | None = None
        self._fill_filters()
        self._connect_signals()
        state = QSettings().value("people/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        header_state = QSettings().value("people/header")
        if header_state is not None:
            self.view.horizontalHeader().restoreState(header_state)
        self.apply_filter()

    def _fill_filters(self) -> None:
        self.tag_filter.blockSignals(True)
        tag = self.tag_filter.currentData()
        self.tag_filter.clear()
        self.tag_filter.addItem(_("All tags"), "")
        for name in self._tags():
            self.tag_filter.addItem(name, name)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(tag)))
        self.tag_filter.blockSignals(False)

    def _tags(self) -> list[str]:
        return self._ctx.services.people.tag_names()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._timer.start)
        self.role_filter.textChanged.connect(self._timer.start)
        self.portfolio_filter.textChanged.connect(self._timer.start)
        self._timer.timeout.connect(self.apply_filter)
        self.org_filter.choice_made.connect(self.apply_filter)
        self.org_filter.choice_cleared.connect(self.apply_filter)
        self.tag_filter.currentIndexChanged.connect(self.apply_filter)
        self.role_status.currentIndexChanged.connect(self.apply_filter)
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)
        self.view.doubleClicked.connect(self._on_edit_button_clicked)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.log_menu.triggered.connect(self._on_log_menu_triggered)
        self.export_action.triggered.connect(self._on_export_action_triggered)
        self.erase_action.triggered.connect(self._on_erase_action_triggered)
        self._signals.data_changed.connect(self._on_data_changed)
        QShortcut(QKeySequence.StandardKey.New, self, self._on_new_button_clicked)
        QShortcut(QKeySequence.StandardKey.Delete, self.view, self._on_delete_button_clicked)

    def current_filter(self) -> PersonFilter:
        return PersonFilter(
            search=self.search.text(),
            tag=self.tag_filter.currentData() or "",
            organisation=f"#{org}" if (org := self.org_filter.current_id()) else "",
            role=self.role_filter.text().strip(),
            portfolio=self.portfolio_filter.text().strip(),
            current=self.role_status.currentData() == "current",
            former=self.role_status.currentData() == "former",
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        total = self.model.total
        if self.model.capped:
            self.count_label.setText(_("more than {n} people").format(n=getal(total, language())))
        else:
            self.count_label.setText(ngettext("{n} person", "{n} people", total).format(n=total))
        if self._selected is None and self.model.rowCount():
            self.view.selectRow(0)
        else:
            self._show(self._selected)

    def select_item(self, person_id: int) -> None:
        """Show a person chosen elsewhere (global search), even when filtered out."""
        self.select_person(person_id)

    def select_id(self, person_id: int) -> None:
        self.select_person(person_id)

    def select_person(self, person_id: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.person_id(row) == person_id:
                self.view.selectRow(row)
                return
        self._show(person_id)

    def _on_view_current_changed(self, current: object, _previous: object) -> None:
        if hasattr(current, "isValid") and current.isValid():  # type: ignore[attr-defined]
            self._show(self.model.person_id(current.row()))  # type: ignore[attr-defined]

    def _show(self, person_id: int | None) -> None:
        self._selected = person_id
        for b in (self.edit_button, self.delete_button, self.note_button, self.privacy_button):
            b.setEnabled(person_id is not None)
        if person_id is None:
            self.detail.setHtml("<p>" + html.escape(_("Select a person.")) + "</p>")
            return
        try:
            p = self._ctx.services.people.get(person_id)
        except LobbyError:
            self._show(None)
            return
        esc = html.escape
        changed = LastChange(p.updated_by, p.updated_at, p.version).text()
        parts = [
            f"<h2>{esc(p.display_name)}</h2><p>{esc(p.address_line)}<br>"
            f"<i>{esc(p.salutation)}</i></p>",
            f"<p style='color:gray'>{esc(changed)}</p>",
        ]
        contact = [f"✉ {esc(e)}" for e in p.emails] + [f"☎ {esc(t)}" for t in p.phones]
        contact += [esc(a).replace("\n", "<br>") for a in p.addresses]
        if contact:
            parts.append("<p>" + "<br>".join(contact) + "</p>")
        if p.roles:
            parts.append(f"<h3>{esc(_('Roles'))}</h3><ul>")
            for r in p.roles:
                start = short_date(r.start) if r.start else "…"
                end = short_date(r.end) if r.end else "…"
                period = f"{start} – {end}"
                text = esc(
                    f"{r.role}, {r.organisation}"
                    + (f" ({r.portfolio})" if r.portfolio else "")
                    + f" [{period}]"
                )
                parts.append(
                    f"<li>{text}</li>"
                    if r.current
                    else f"<li style='color:gray'>{text} ({esc(_('former'))})</li>"
                )
            parts.append("</ul>")
        if p.tags:
            parts.append(f"<p><b>{esc(_('Tags'))}:</b> {esc(', '.join(p.tags))}</p>")
        if p.notes:
            parts.append(f"<p>{esc(p.notes).replace(chr(10), '<br>')}</p>")
        links = self._ctx.services.links.for_person(person_id)
        if links.dossiers:
            parts.append("<h3>" + esc(_("Dossiers")) + "</h3><ul>")
            parts.extend(
                f"<li>{esc(d.title)}" + (f" ({esc(d.kamerstuk)})" if d.kamerstuk else "") + "</li>"
                for d in links.dossiers
            )
            parts.append("</ul>")
        if links.events:
            parts.append("<h3>" + esc(_("Events")) + "</h3><ul>")
            parts.extend(
                f"<li><b>{esc(short_date(e.start))}</b> {esc(e.title)}</li>" for e in links.events
            )
            parts.append("</ul>")
        # Letters say whether they were sent or only drafted; each mailing shows once.
        timeline = self._ctx.services.interactions.timeline(person_id)[:50]
        if timeline:
            parts.append(f"<h3>{esc(_('Timeline'))}</h3><ul>")
            for e in timeline:
                subject = f": {esc(e.subject)}" if e.subject else ""
                parts.append(
                    f"<li><b>{esc(short_date(e.when))}</b> {esc(e.state_text())}{subject}</li>"
                )
            parts.append("</ul>")
        self.detail.setHtml("".join(parts))

    def _on_new_button_clicked(self) -> None:
        dialog = PersonDialog(self._ctx.services, parent=self)
        if dialog.exec() and dialog.saved_id is not None:
            self._selected = dialog.saved_id
            self._signals.data_changed.emit(Changes.of("person", ids=(dialog.saved_id,)))
            self.select_person(dialog.saved_id)
            self._announce_saved(dialog.saved_id)

    def _on_edit_button_clicked(self, *_args: object) -> None:
        if self._selected is None:
            return
        dialog = PersonDialog(
            self._ctx.services, self._ctx.services.people.get(self._selected), self
        )
        if dialog.exec():
            self._signals.data_changed.emit(Changes.of("person", ids=(self._selected,)))
            self._announce_saved(self._selected)

    def _announce_saved(self, person_id: int) -> None:
        name = self._ctx.services.people.get(person_id).display_name
        announce(self, _("Saved: {name}").format(name=name))

    def _on_delete_button_clicked(self) -> None:
        if self._selected is None:
            return
        p = self._ctx.services.people.get(self._selected)
        answer = QMessageBox.question(
            self,
            _("Delete person"),
            _("Delete {name} with all roles, contact points and timeline?").format(
                name=p.display_name
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            changes = self._ctx.services.bin.delete("person", p.id)
            self._selected = None
            self._signals.data_changed.emit(changes)
            status = getattr(self.window(), "show_status", None)
            if callable(status):
                status(_("{name} deleted. Ctrl+Z puts it back.").format(name=p.display_name))

    def _on_export_action_triggered(self) -> None:
        if self._selected is not None:
            export_access_report(self, self._ctx.services, self._selected)

    def _on_erase_action_triggered(self) -> None:
        if self._selected is None:
            return
        changes = confirm_and_erase(self, self._ctx.services, self._selected)
        if changes is not None:
            self._selected = None
            self._signals.data_changed.emit(changes)

    def _on_log_menu_triggered(self, action: QAction) -> None:
        if self._selected is None:
            return
        dialog = InteractionDialog(str(action.data()), parent=self)
        if dialog.exec():
            self.log_contact(
                dialog.kind.currentData(), dialog.subject.text(), dialog.notes.toPlainText()
            )

    def log_contact(self, kind: str, subject: str, notes: str) -> None:
        if self._selected is None:
            return
        try:
            changes = self._ctx.services.interactions.add(
                InteractionInput(
                    kind=kind,
                    occurred_at=dt.datetime.now(AMSTERDAM),
                    person_id=self._selected,
                    subject=subject,
                    notes=notes,
                )
            )
        except LobbyError as exc:
            QMessageBox.warning(self, _("Log contact"), str(exc))
            return
        self._signals.data_changed.emit(changes)
        announce(self, _("Contact logged in the timeline."))

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.kinds & {"person", "role", "tag", "organisation", "interaction", "mailing"}:
            self._fill_filters()
            self.apply_filter()

    def hideEvent(self, event: object) -> None:
        QSettings().setValue("people/splitter", self.splitter.saveState())
        QSettings().setValue("people/header", self.view.horizontalHeader().saveState())
        super().hideEvent(event)  # type: ignore[arg-type]


def create_section(ctx: Context, signals: AppSignals) -> QWidget:
    return PeopleSection(ctx, signals)
