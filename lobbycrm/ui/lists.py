"""Organisations, dossiers and motions: filterable lists with a detail pane."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core.enums import MotionResult, OrgKind
from lobbycrm.core.i18n import N_, _, short_date
from lobbycrm.services import Changes
from lobbycrm.ui.signals import AppSignals

Row = tuple[int, list[str]]

KIND_LABELS = {
    "chamber": N_("chamber"),
    "party-group": N_("party group"),
    "committee": N_("committee"),
    "municipality": N_("municipality"),
    "council": N_("municipal council"),
    "ministry": N_("ministry"),
    "party": N_("political party"),
    "ngo": N_("NGO"),
    "coalition": N_("coalition"),
    "other": N_("other"),
}


class ListSection(QWidget):
    """A table with a text filter and up to one choice filter, and an HTML detail pane."""

    def __init__(
        self,
        signals: AppSignals,
        headers: Sequence[str],
        kinds: set[str],
        rows: Callable[[str], list[Row]],
        detail: Callable[[int], str],
        choices: Sequence[tuple[str, str]] = (),
        accessible: str = "",
    ) -> None:
        super().__init__()
        self._rows = rows
        self._detail = detail
        self._kinds = kinds
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Filter..."))
        self.search.setClearButtonEnabled(True)
        self.choice = QComboBox()
        for value, label in choices:
            self.choice.addItem(label, value)
        self.choice.setVisible(bool(choices))
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels([_(h) for h in headers])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.detail = QTextBrowser()
        self.search.setAccessibleName(_("Filter"))
        self.choice.setAccessibleName(_("Filter"))
        self.table.setAccessibleName(accessible)
        self.detail.setAccessibleName(_("Details"))
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.choice, 1)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.search.textChanged.connect(self.refresh)
        self.choice.currentIndexChanged.connect(self.refresh)
        self.table.currentCellChanged.connect(self._on_table_current_changed)
        signals.data_changed.connect(self._on_data_changed)
        self.refresh()

    def refresh(self) -> None:
        needle = self.search.text().casefold().strip()
        rows = [
            r
            for r in self._rows(self.choice.currentData() or "")
            if not needle or any(needle in c.casefold() for c in r[1])
        ]
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(rows))
        for i, (ident, cells) in enumerate(rows):
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, ident)
                self.table.setItem(i, j, item)
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()
        if rows:
            self.table.selectRow(0)
            self._on_table_current_changed(0, 0)
        else:
            self.detail.clear()

    def select_id(self, ident: int) -> None:
        self.search.clear()
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == ident:
                self.table.selectRow(row)
                self._on_table_current_changed(row, 0)
                return

    def _on_table_current_changed(self, row: int, _col: int, *_args: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.detail.setHtml(self._detail(item.data(Qt.ItemDataRole.UserRole)))

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.kinds & self._kinds:
            self.refresh()


def organisations(ctx: Context, signals: AppSignals) -> QWidget:
    services = ctx.services

    def rows(kind: str) -> list[Row]:
        return [
            (
                o.id,
                [
                    o.name,
                    o.short_name,
                    _(KIND_LABELS.get(o.kind, o.kind)),
                    o.parent or "",
                    str(o.seats or ""),
                ],
            )
            for o in services.orgs.list(kind=kind or None)
        ]

    def detail(org_id: int) -> str:
        o = services.orgs.get(org_id)
        esc = html.escape
        members = services.people.rows_for_org(org_id)
        parts = [
            f"<h2>{esc(o.name)}</h2><p>{esc(_(KIND_LABELS.get(o.kind, o.kind)))}"
            + (f" — {esc(o.parent)}" if o.parent else "")
            + "</p>"
        ]
        for label, value in (
            (_("Seats"), o.seats),
            (_("CBS code"), o.cbs_code),
            (_("E-mail"), ", ".join(o.emails)),
        ):
            if value:
                parts.append(f"<p><b>{esc(label)}:</b> {esc(str(value))}</p>")
        if members:
            parts.append(f"<h3>{esc(_('People'))}</h3><ul>")
            parts.extend(f"<li>{esc(name)} — {esc(role)}</li>" for name, role in members)
            parts.append("</ul>")
        return "".join(parts)

    choices = [("", _("All kinds"))] + [(k.value, _(KIND_LABELS[k.value])) for k in OrgKind]
    return ListSection(
        signals,
        [N_("Name"), N_("Short"), N_("Kind"), N_("Part of"), N_("Seats")],
        {"organisation", "role"},
        rows,
        detail,
        choices,
        _("Organisations"),
    )


def dossiers(ctx: Context, signals: AppSignals) -> QWidget:
    services = ctx.services

    def rows(_choice: str) -> list[Row]:
        return [
            (d.id, [d.kamerstuk, d.title, d.chamber or "", d.status])
            for d in services.dossiers.list()
        ]

    def detail(dossier_id: int) -> str:
        esc = html.escape
        d = services.dossiers.get(dossier_id)
        parts = [
            f"<h2>{esc(d.title)}</h2><p>{esc(d.kamerstuk)} {esc(d.chamber or '')} — "
            f"{esc(d.status)}</p>"
        ]
        if d.notes:
            parts.append(f"<p>{esc(d.notes)}</p>")
        timeline: list[tuple[Any, str]] = []
        for e in services.events.list(dossier_id=dossier_id):
            timeline.append((e.start, f"{_('Event')}: {e.title}"))
        for m in services.motions.list(dossier_id=dossier_id):
            timeline.append((m.date, f"{_('Motion')}: {m.title} — {m.result}"))
        for i in services.interactions.list(dossier_id=dossier_id, limit=100):
            timeline.append((i.occurred_at, f"{i.kind}: {i.subject} ({i.person or ''})"))
        parts.append(f"<h3>{esc(_('Timeline'))}</h3><ul>")
        for when, text in sorted(timeline, key=lambda t: _sortable(t[0]), reverse=True):
            day = short_date(when) if when else ""
            parts.append(f"<li><b>{esc(day)}</b> {esc(text)}</li>")
        parts.append("</ul>")
        return "".join(parts)

    return ListSection(
        signals,
        [N_("Kamerstuk"), N_("Title"), N_("Chamber"), N_("Status")],
        {"dossier", "event", "motion", "interaction"},
        rows,
        detail,
        accessible=_("Dossiers"),
    )


def motions(ctx: Context, signals: AppSignals) -> QWidget:
    services = ctx.services

    def rows(result: str) -> list[Row]:
        return [
            (
                m.id,
                [str(m.date or ""), m.title, m.number, m.body or "", m.result, m.execution_status],
            )
            for m in services.motions.list(result=result or None)
        ]

    def detail(motion_id: int) -> str:
        esc = html.escape
        m = services.motions.get(motion_id)
        parts = [f"<h2>{esc(m.title)}</h2>"]
        for label, value in (
            (_("Number"), m.number),
            (_("Submitters"), m.submitters),
            (_("Body"), m.body),
            (_("Dossier"), m.dossier),
            (_("Result"), m.result),
            (_("Execution"), m.execution_status),
            (_("Notes"), m.notes),
        ):
            if value:
                parts.append(f"<p><b>{esc(label)}:</b> {esc(str(value))}</p>")
        return "".join(parts)

    choices = [("", _("All results"))] + [(r.value, r.value) for r in MotionResult]
    return ListSection(
        signals,
        [N_("Date"), N_("Title"), N_("Number"), N_("Body"), N_("Result"), N_("Execution")],
        {"motion"},
        rows,
        detail,
        choices,
        _("Motions"),
    )


def _sortable(value: Any) -> str:
    return value.isoformat() if value is not None else ""
