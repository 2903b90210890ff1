"""Organisations, dossiers and motions: sortable, filterable lists with details and editors."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core import labels
from lobbycrm.core.enums import MotionResult, OrgKind
from lobbycrm.core.i18n import N_, _, short_date
from lobbycrm.core.partial_dates import partial_date_text
from lobbycrm.services import Changes, Services
from lobbycrm.services.audit import LastChange
from lobbycrm.ui.feedback import announce
from lobbycrm.ui.forms import FormDialog
from lobbycrm.ui.record_dialogs import (
    DOSSIER_STATUS_LABELS,
    EXECUTION_LABELS,
    KIND_LABELS,
    RESULT_LABELS,
    DossierDialog,
    MotionDialog,
    OrgDialog,
)
from lobbycrm.ui.record_model import Record, RecordModel
from lobbycrm.ui.signals import AppSignals

Choices = Sequence[tuple[str, str]]
# A list over a table that can grow large shows this many rows; typing narrows it in SQL.
LIST_LIMIT = 500


@dataclass
class ListSpec:
    key: str  # QSettings prefix and recycle-bin kind
    bin_kind: str
    columns: type[IntEnum]
    headers: dict[Any, str]
    widths: dict[Any, int]
    kinds: set[str]  # Changes kinds that make the list refresh
    rows: Callable[[str, str], list[Record]]
    detail: Callable[[int], str]
    dialog: Callable[[Services, int | None, QWidget | None], FormDialog]
    label: Callable[[int], str]
    title: str
    new_text: str
    choices: Choices = ()
    choices2: Choices = ()
    accessible: dict[str, str] = field(default_factory=dict)
    # More tabs beside the details, each following the selected row (`show_record(id)`).
    pages: Callable[[Context, AppSignals], list[tuple[str, QWidget]]] | None = None
    # For a table that can grow large: (choice, choice2, typed text) -> at most LIST_LIMIT
    # rows, filtered by a LIMITed query; used instead of `rows`.
    search_rows: Callable[[str, str, str], list[Record]] | None = None


class ListSection(QWidget):
    """A sortable table with a text filter, up to two choice filters and an HTML detail pane."""

    def __init__(self, ctx: Context, signals: AppSignals, spec: ListSpec) -> None:
        super().__init__()
        self._ctx = ctx
        self._signals = signals
        self._spec = spec
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Filter..."))
        self.search.setClearButtonEnabled(True)
        self.choice = QComboBox()
        self.choice2 = QComboBox()
        for combo, options in ((self.choice, spec.choices), (self.choice2, spec.choices2)):
            for value, label in options:
                combo.addItem(label, value)
            combo.setVisible(bool(options))
        self.model = RecordModel(spec.columns, spec.headers)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        for col, width in spec.widths.items():
            self.table.setColumnWidth(int(col), width)
        self.detail = QTextBrowser()
        self.new_button = QPushButton(spec.new_text)
        self.edit_button = QPushButton(_("&Edit"))
        self.delete_button = QPushButton(_("&Delete"))
        self.count_label = QLabel()
        names = {
            "search": _("Filter"),
            "choice": _("Filter"),
            "choice2": _("Filter"),
            **spec.accessible,
        }
        self.search.setAccessibleName(names["search"])
        self.choice.setAccessibleName(names["choice"])
        self.choice2.setAccessibleName(names["choice2"])
        self.table.setAccessibleName(spec.title)
        self.detail.setAccessibleName(_("Details"))
        self.new_button.setAccessibleName(spec.new_text.replace("&", ""))
        self.edit_button.setAccessibleName(_("Edit"))
        self.delete_button.setAccessibleName(_("Delete"))
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.choice, 1)
        bar.addWidget(self.choice2, 1)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        left = QWidget()
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(buttons)
        col.addWidget(self.table, 1)
        self.pages = spec.pages(ctx, signals) if spec.pages else []
        self.detail_tabs = QTabWidget()
        self.detail_tabs.setAccessibleName(_("Details"))
        self.detail_tabs.addTab(self.detail, _("Details"))
        for label, page in self.pages:
            self.detail_tabs.addTab(page, label)
        self.detail_tabs.tabBar().setVisible(bool(self.pages))
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self._selected: int | None = None
        self._restore_state()
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self.refresh)
        self.choice.currentIndexChanged.connect(self.refresh)
        self.choice2.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.table.doubleClicked.connect(self._on_edit_button_clicked)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self._signals.data_changed.connect(self._on_data_changed)
        QShortcut(QKeySequence.StandardKey.New, self, self._on_new_button_clicked)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self._on_delete_button_clicked)

    def refresh(self) -> None:
        needle = self.search.text().casefold().split()
        first, second = self.choice.currentData() or "", self.choice2.currentData() or ""
        if self._spec.search_rows is not None:
            rows = self._spec.search_rows(first, second, self.search.text())
        else:
            rows = [
                r
                for r in self._spec.rows(first, second)
                if all(any(w in c.casefold() for c in r.cells) for w in needle)
            ]
        self.model.set_rows(rows)
        if self._spec.search_rows is not None and len(rows) >= LIST_LIMIT:
            self.count_label.setText(_("Shown: the first {n}; type to narrow").format(n=len(rows)))
        else:
            self.count_label.setText(_("Shown: {n}").format(n=len(rows)))
        row = self.model.row_of(self._selected) if self._selected is not None else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self._show(self.model.record(row).id)
        else:
            self._show(None)

    def select_item(self, ident: int) -> None:
        """Show a row chosen elsewhere (global search); clears filters that hide it."""
        if self.model.row_of(ident) < 0:
            self.search.clear()
            self.choice.setCurrentIndex(0)
            self.choice2.setCurrentIndex(0)
        if self._spec.search_rows is not None and self.model.row_of(ident) < 0:
            self.search.setText(self._spec.label(ident))  # beyond the first rows: find it
        self._selected = ident
        self.refresh()

    def _show(self, ident: int | None) -> None:
        self._selected = ident
        self.edit_button.setEnabled(ident is not None)
        self.delete_button.setEnabled(ident is not None)
        self.detail.setHtml(self._spec.detail(ident) if ident is not None else "")
        for _label, page in self.pages:
            page.show_record(ident)  # type: ignore[attr-defined]

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show(self.model.record(current.row()).id)

    def _on_new_button_clicked(self) -> None:
        dialog = self._spec.dialog(self._ctx.services, None, self)
        if dialog.exec() and dialog.saved_id is not None:
            self._selected = dialog.saved_id
            self._signals.data_changed.emit(Changes.of(*self._spec.kinds, ids=(dialog.saved_id,)))
            self._announce_saved(dialog.saved_id)

    def _on_edit_button_clicked(self, *_args: object) -> None:
        if self._selected is None:
            return
        dialog = self._spec.dialog(self._ctx.services, self._selected, self)
        if dialog.exec():
            self._signals.data_changed.emit(Changes.of(*self._spec.kinds, ids=(self._selected,)))
            self._announce_saved(self._selected)

    def _announce_saved(self, ident: int) -> None:
        announce(self, _("Saved: {name}").format(name=self._spec.label(ident)))

    def _on_delete_button_clicked(self) -> None:
        if self._selected is None:
            return
        name = self._spec.label(self._selected)
        answer = QMessageBox.question(
            self, _("Delete"), _("Delete {name}? You can undo this with Ctrl+Z.").format(name=name)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        changes = self._ctx.services.bin.delete(self._spec.bin_kind, self._selected)
        self._selected = None
        self._signals.data_changed.emit(changes)
        status = getattr(self.window(), "show_status", None)
        if callable(status):
            status(_("{name} deleted. Ctrl+Z puts it back.").format(name=name))

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.kinds & (self._spec.kinds | {"bin"}):
            self.refresh()

    def _restore_state(self) -> None:
        settings = QSettings()
        for key, widget in (("splitter", self.splitter), ("header", self.table.horizontalHeader())):
            state = settings.value(f"{self._spec.key}/{key}")
            if state is not None:
                widget.restoreState(state)

    def hideEvent(self, event: object) -> None:
        settings = QSettings()
        settings.setValue(f"{self._spec.key}/splitter", self.splitter.saveState())
        settings.setValue(f"{self._spec.key}/header", self.table.horizontalHeader().saveState())
        super().hideEvent(event)  # type: ignore[arg-type]


# --- organisations ---------------------------------------------------------------------


class OrgCol(IntEnum):
    NAME = 0
    SHORT = 1
    KIND = 2
    PARENT = 3
    SEATS = 4


def organisations(ctx: Context, signals: AppSignals) -> QWidget:
    services = ctx.services

    def rows(kind: str, _unused: str, search: str = "") -> list[Record]:
        return [
            Record(
                o.id,
                (
                    o.name,
                    o.short_name,
                    _(KIND_LABELS.get(o.kind, o.kind)),
                    o.parent or "",
                    str(o.seats or ""),
                ),
                (None, None, None, None, o.seats if o.seats is not None else -1),
            )
            for o in services.orgs.list(kind=kind or None, search=search, limit=LIST_LIMIT)
        ]

    def detail(org_id: int) -> str:
        o = services.orgs.get(org_id)
        esc = html.escape
        # A large organisation (a council, a chamber) shows its first members; the people
        # list's organisation filter shows them all, in windows.
        members = services.people.rows_for_org(org_id, limit=LIST_LIMIT)
        parts = [
            f"<h2>{esc(o.name)}</h2><p>{esc(_(KIND_LABELS.get(o.kind, o.kind)))}"
            + (f" — {esc(o.parent)}" if o.parent else "")
            + "</p>"
        ]
        for label, value in (
            (_("Seats"), o.seats),
            (_("CBS code"), o.cbs_code),
            (_("Tweede Kamer id"), o.tk_id),
            (_("E-mail"), ", ".join(o.emails)),
            (_("Tags"), ", ".join(o.tags)),
        ):
            if value:
                parts.append(f"<p><b>{esc(label)}:</b> {esc(str(value))}</p>")
        if members:
            parts.append("<h3>" + esc(_("People")) + "</h3><ul>")
            parts.extend(f"<li>{esc(name)} — {esc(role)}</li>" for name, role in members)
            parts.append("</ul>")
            if len(members) >= LIST_LIMIT:
                more = _(
                    "The first {n} are shown; filter the people list by this organisation "
                    "to see everyone."
                ).format(n=len(members))
                parts.append(f"<p><i>{esc(more)}</i></p>")
        return "".join(parts)

    spec = ListSpec(
        key="orgs",
        bin_kind="organisation",
        columns=OrgCol,
        headers={
            OrgCol.NAME: N_("Name"),
            OrgCol.SHORT: N_("Short"),
            OrgCol.KIND: N_("Kind"),
            OrgCol.PARENT: N_("Part of"),
            OrgCol.SEATS: N_("Seats"),
        },
        widths={OrgCol.NAME: 300, OrgCol.SHORT: 90, OrgCol.KIND: 130, OrgCol.PARENT: 220},
        kinds={"organisation", "role"},
        rows=rows,
        search_rows=rows,
        detail=detail,
        dialog=lambda s, i, p: OrgDialog(s, i, p),
        label=lambda i: services.orgs.get(i).name,
        title=_("Organisations"),
        new_text=_("&New organisation"),
        choices=[("", _("All kinds"))] + [(k.value, _(KIND_LABELS[k.value])) for k in OrgKind],
        accessible={"choice": _("Filter by kind")},
    )
    return ListSection(ctx, signals, spec)


# --- dossiers --------------------------------------------------------------------------


class DossierCol(IntEnum):
    KAMERSTUK = 0
    TITLE = 1
    CHAMBER = 2
    STATUS = 3


def dossier_html(services: Services, dossier_id: int) -> str:
    """The dossier with its events, motions, letters and contacts on one timeline."""
    esc = html.escape
    d = services.dossiers.get(dossier_id)
    parts = [
        f"<h2>{esc(d.title)}</h2><p>{esc(d.kamerstuk)} {esc(d.chamber or '')} — "
        f"{esc(_(DOSSIER_STATUS_LABELS.get(d.status, d.status)))}</p>"
    ]
    changed = LastChange(d.updated_by, d.updated_at, d.version).text()
    parts.append(f"<p style='color:gray'>{esc(changed)}</p>")
    if d.kernboodschap:
        parts.append(f"<p><b>{esc(_('Key message: '))}</b>{esc(d.kernboodschap)}</p>")
    if d.asks:
        items = "".join(f"<li>{esc(a)}</li>" for a in d.asks)
        parts.append(f"<p><b>{esc(_('What we ask'))}</b></p><ul>{items}</ul>")
    if d.notes:
        parts.append(f"<p>{esc(d.notes)}</p>")
    timeline: list[tuple[Any, str]] = []
    # Labels outside the f-strings so that message extraction sees them.
    event_label, motion_label, letter_label = _("Event"), _("Motion"), _("Letter")
    for e in services.events.list(dossier_id=dossier_id):
        timeline.append((e.start, f"{event_label}: {e.title}"))
    for m in services.motions.list(dossier_id=dossier_id):
        result = _(RESULT_LABELS.get(m.result, m.result))
        timeline.append((m.date, f"{motion_label}: {m.title} — {result}"))
    for mailing in services.letters.mailings(dossier_id=dossier_id, limit=100):
        timeline.append((mailing.created_at, f"{letter_label}: {mailing.name}"))
    for i in services.interactions.list(dossier_id=dossier_id, limit=100):
        timeline.append(
            (
                i.occurred_at,
                f"{labels.label(labels.INTERACTION_KIND, i.kind)}: {i.subject} "
                f"({i.person or i.organisation or ''})",
            )
        )
    parts.append("<h3>" + esc(_("Timeline")) + "</h3><ul>")
    for when, text in sorted(timeline, key=lambda t: _sortable(t[0]), reverse=True):
        day = short_date(when) if when else ""
        parts.append(f"<li><b>{esc(day)}</b> {esc(text)}</li>")
    parts.append("</ul>")
    return "".join(parts)


def _dossier_pages(ctx: Context, signals: AppSignals) -> list[tuple[str, QWidget]]:
    from lobbycrm.ui.planning import DossierMotionsPanel, MajorityPanel

    return [
        (_("Motions"), DossierMotionsPanel(ctx.services, signals)),
        (_("Majority and stances"), MajorityPanel(ctx.services, signals)),
    ]


def dossiers(ctx: Context, signals: AppSignals) -> QWidget:
    services = ctx.services

    def rows(status: str, _unused: str) -> list[Record]:
        return [
            Record(
                d.id,
                (
                    d.kamerstuk,
                    d.title,
                    d.chamber or "",
                    _(DOSSIER_STATUS_LABELS.get(d.status, d.status)),
                ),
            )
            for d in services.dossiers.list()
            if not status or d.status == status
        ]

    spec = ListSpec(
        key="dossiers",
        bin_kind="dossier",
        columns=DossierCol,
        headers={
            DossierCol.KAMERSTUK: N_("Kamerstuk"),
            DossierCol.TITLE: N_("Title"),
            DossierCol.CHAMBER: N_("Chamber"),
            DossierCol.STATUS: N_("Status"),
        },
        widths={DossierCol.KAMERSTUK: 115, DossierCol.TITLE: 380, DossierCol.CHAMBER: 220},
        kinds={"dossier", "event", "motion", "interaction", "mailing"},
        rows=rows,
        detail=lambda i: dossier_html(services, i),
        dialog=lambda s, i, p: DossierDialog(s, i, p),
        label=lambda i: services.dossiers.get(i).title,
        title=_("Dossiers"),
        new_text=_("&New dossier"),
        choices=[("", _("Every status"))] + [(k, _(v)) for k, v in DOSSIER_STATUS_LABELS.items()],
        accessible={"choice": _("Filter by status")},
        pages=_dossier_pages,
    )
    return ListSection(ctx, signals, spec)


# --- motions ---------------------------------------------------------------------------


OPEN_EXECUTION = "open-execution"  # a filter value beside the results


class MotionCol(IntEnum):
    DATE = 0
    TITLE = 1
    NUMBER = 2
    BODY = 3
    RESULT = 4
    EXECUTION = 5


def motions(ctx: Context, signals: AppSignals) -> QWidget:
    services = ctx.services

    def rows(result: str, body: str) -> list[Record]:
        if result == OPEN_EXECUTION:  # the same list as `lobbycrm motions-open`
            found = [
                m
                for m in services.planning.open_motions()
                if not body or m.body_id == int(body.lstrip("#"))
            ]
        else:
            found = services.motions.list(result=result or None, body=body or None)
        return [
            Record(
                m.id,
                (
                    partial_date_text(m.date, m.date_precision) if m.date else "",
                    m.title,
                    m.number,
                    m.body or "",
                    _(RESULT_LABELS.get(m.result, m.result)),
                    _(EXECUTION_LABELS.get(m.execution_status, m.execution_status)),
                ),
                (m.date.isoformat() if m.date else "",),
            )
            for m in found
        ]

    def detail(motion_id: int) -> str:
        esc = html.escape
        m = services.motions.get(motion_id)
        parts = [f"<h2>{esc(m.title)}</h2>"]
        for label, value in (
            (_("Number"), m.number),
            (_("Date"), partial_date_text(m.date, m.date_precision) if m.date else ""),
            (_("Submitters"), m.submitters),
            (_("Body"), m.body),
            (_("Dossier"), m.dossier),
            (_("Result"), _(RESULT_LABELS.get(m.result, m.result))),
            (_("Execution"), _(EXECUTION_LABELS.get(m.execution_status, m.execution_status))),
            (_("Notes"), m.notes),
        ):
            if value:
                parts.append(f"<p><b>{esc(label)}:</b> {esc(str(value))}</p>")
        return "".join(parts)

    bodies = sorted({(m.body_id, m.body) for m in services.motions.list() if m.body_id and m.body})
    spec = ListSpec(
        key="motions",
        bin_kind="motion",
        columns=MotionCol,
        headers={
            MotionCol.DATE: N_("Date"),
            MotionCol.TITLE: N_("Title"),
            MotionCol.NUMBER: N_("Number"),
            MotionCol.BODY: N_("Body"),
            MotionCol.RESULT: N_("Result"),
            MotionCol.EXECUTION: N_("Execution"),
        },
        widths={
            MotionCol.DATE: 110,
            MotionCol.TITLE: 300,
            MotionCol.NUMBER: 120,
            MotionCol.BODY: 180,
            MotionCol.RESULT: 95,
        },
        kinds={"motion", "organisation"},
        rows=rows,
        detail=detail,
        dialog=lambda s, i, p: MotionDialog(s, i, p),
        label=lambda i: services.motions.get(i).title,
        title=_("Motions"),
        new_text=_("&New motion"),
        choices=[("", _("All results"))]
        + [(r.value, _(RESULT_LABELS[r.value])) for r in MotionResult]
        + [(OPEN_EXECUTION, _("Adopted, execution open"))],
        choices2=[("", _("Every body"))] + [(f"#{i}", name) for i, name in bodies],
        accessible={"choice": _("Filter by result"), "choice2": _("Filter by body")},
    )
    return ListSection(ctx, signals, spec)


def _sortable(value: Any) -> str:
    return value.isoformat() if value is not None else ""
