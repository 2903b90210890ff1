"""Campaigns section: the list, and per campaign its partners, signatures, mailings, councils."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _, getal, language, short_date
from lobbycrm.services import Changes
from lobbycrm.services.campaigns import CampaignDetail
from lobbycrm.ui.campaigns.chart import SignatureChart
from lobbycrm.ui.campaigns.dialogs import CampaignDialog, SignatureDialog
from lobbycrm.ui.campaigns.model import (
    CampaignCol,
    CouncilCol,
    MailingCol,
    campaign_model,
    campaign_records,
    council_model,
    council_records,
    count_model,
    count_records,
    mailing_model,
    mailing_records,
)
from lobbycrm.ui.feedback import announce
from lobbycrm.ui.signals import AppSignals

# Changes that can alter what a campaign page shows.
REFRESH_KINDS = frozenset(
    {
        "campaign",
        "mailing",
        "interaction",
        "motion",
        "organisation",
        "outbox",
        "dossier",
        "person",
        "role",
        "bin",
    }
)


def _table(model: object, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setSortingEnabled(True)
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    view.setAccessibleName(name)
    return view


class CampaignsSection(QWidget):
    def __init__(self, ctx: Context, signals: AppSignals) -> None:
        super().__init__()
        self._ctx = ctx
        self._signals = signals
        self._selected: int | None = None
        self.detail: CampaignDetail | None = None
        self.model = campaign_model()
        self.table = _table(self.model, _("Campaigns"))
        self.table.setColumnWidth(CampaignCol.NAME, 230)
        self.table.setColumnWidth(CampaignCol.SIGNATURES, 110)
        self.new_button = QPushButton(_("&New campaign"))
        self.edit_button = QPushButton(_("&Edit"))
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.latest = QLabel()
        self.chart = SignatureChart()
        self.counts_model = count_model()
        self.counts = _table(self.counts_model, _("Signature counts"))
        self.counts.setMaximumWidth(290)
        self.counts.setColumnWidth(0, 140)
        self.counts.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.record_button = QPushButton(_("&Record signature count..."))
        self.delete_count_button = QPushButton(_("De&lete count"))
        self.mailings_model = mailing_model()
        self.mailings = _table(self.mailings_model, _("Mailings of the campaign"))
        self.mailings.setColumnWidth(MailingCol.NAME, 300)
        self.mailings.setColumnWidth(MailingCol.SENT_ON, 120)
        for column in list(MailingCol)[2:]:
            self.mailings.setColumnWidth(column, 80)
        self.mailings.setColumnWidth(MailingCol.ACKNOWLEDGED, 140)
        self.councils_box = QGroupBox(_("Municipal councils"))
        self.council_counts = QLabel()
        self.council_counts.setWordWrap(True)
        self.councils_model = council_model()
        self.councils = _table(self.councils_model, _("Councils"))
        for column, width in (
            (CouncilCol.NAME, 210),
            (CouncilCol.WRITTEN_ON, 150),
            (CouncilCol.ACKNOWLEDGED, 140),
            (CouncilCol.MOTION, 300),
        ):
            self.councils.setColumnWidth(column, width)
        for widget, name in (
            (self.new_button, _("New campaign")),
            (self.edit_button, _("Edit campaign")),
            (self.record_button, _("Record signature count")),
            (self.delete_count_button, _("Delete signature count")),
            (self.latest, _("Latest signature count")),
            (self.council_counts, _("Council counts")),
        ):
            widget.setAccessibleName(name)
        self._build_layout()
        self._restore_state()
        self._connect_signals()
        self.refresh()

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        left = QWidget()
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(buttons)
        col.addWidget(self.table, 1)

        signatures = QWidget()
        sig_row = QHBoxLayout(signatures)
        sig_row.setContentsMargins(0, 0, 0, 0)
        sig_row.addWidget(self.chart, 1)
        count_col = QVBoxLayout()
        count_col.addWidget(self.counts, 1)
        count_col.addWidget(self.record_button)
        count_col.addWidget(self.delete_count_button)
        sig_row.addLayout(count_col)
        top = QWidget()
        top_col = QVBoxLayout(top)
        top_col.setContentsMargins(0, 0, 0, 0)
        top_col.addWidget(self.title)
        top_col.addWidget(self.about)
        top_col.addWidget(self.latest)
        top_col.addWidget(signatures, 1)

        mailings = QWidget()
        mail_col = QVBoxLayout(mailings)
        mail_col.setContentsMargins(0, 0, 0, 0)
        mail_col.addWidget(QLabel(_("Mailings and their answers")))
        mail_col.addWidget(self.mailings, 1)

        council_col = QVBoxLayout(self.councils_box)
        council_col.addWidget(self.council_counts)
        council_col.addWidget(self.councils, 1)

        self.detail_splitter = QSplitter(Qt.Orientation.Vertical)
        self.detail_splitter.addWidget(top)
        self.detail_splitter.addWidget(mailings)
        self.detail_splitter.addWidget(self.councils_box)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail_splitter)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([380, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def _connect_signals(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.table.doubleClicked.connect(self._on_edit_button_clicked)
        self.counts.selectionModel().currentRowChanged.connect(self._on_counts_current_changed)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.record_button.clicked.connect(self._on_record_button_clicked)
        self.delete_count_button.clicked.connect(self._on_delete_count_button_clicked)
        self._signals.data_changed.connect(self._on_data_changed)
        QShortcut(QKeySequence.StandardKey.New, self, self._on_new_button_clicked)
        QShortcut(
            QKeySequence.StandardKey.Delete, self.counts, self._on_delete_count_button_clicked
        )

    # --- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        self.model.set_rows(campaign_records(self._ctx.services.campaigns.list()))
        row = self.model.row_of(self._selected) if self._selected is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self._show(self.model.record(row).id)
        else:
            self._show(None)

    def select_item(self, ident: int) -> None:
        self._selected = ident
        self.refresh()

    def _show(self, ident: int | None) -> None:
        self._selected = ident
        self.detail = self._ctx.services.campaigns.detail(ident) if ident is not None else None
        d = self.detail
        for button in (self.edit_button, self.record_button):
            button.setEnabled(d is not None)
        if d is None:
            self.title.setText(_("No campaigns yet. Make one with New campaign."))
            for label in (self.about, self.latest):
                label.clear()
            self.chart.set_points([])
            self.counts_model.set_rows([])
            self.mailings_model.set_rows([])
            self.councils_box.hide()
            self.delete_count_button.setEnabled(False)
            return
        esc = html.escape
        self.title.setText(f"<h2>{esc(d.name)}</h2>")
        lines = []
        if d.notes:
            lines.append(d.notes)
        dossiers = ", ".join(x.title for x in d.dossiers) or "—"
        partners = ", ".join(x.name for x in d.partners) or "—"
        lines.append(_("Dossiers: {items}").format(items=dossiers))
        lines.append(_("Partners: {items}").format(items=partners))
        self.about.setText("\n".join(lines))
        if d.signatures:
            last = d.signatures[-1]
            self.latest.setText(
                _("Latest count: {count} signatures on {date}").format(
                    count=getal(last.count, language()), date=short_date(last.on)
                )
            )
        else:
            self.latest.setText(_("No signature counts recorded yet."))
        self.chart.set_points([(p.on, p.count) for p in d.signatures])
        self.counts_model.set_rows(count_records(d.signatures))
        self.delete_count_button.setEnabled(self.counts.currentIndex().isValid())
        self.mailings_model.set_rows(mailing_records(d.mailings))
        self.councils_box.setVisible(d.municipal)
        overview = d.councils
        self.council_counts.setText(
            _(
                "Written to: {written} · acknowledged: {acknowledged} · adopted a motion: {adopted}"
            ).format(
                written=overview.written_to,
                acknowledged=overview.acknowledged,
                adopted=overview.adopted,
            )
        )
        self.councils_model.set_rows(council_records(overview.councils))

    def selected_count_day(self) -> dt.date | None:
        index = self.counts.currentIndex()
        if not index.isValid():
            return None
        day = self.counts_model.record(index.row()).keys[0]
        return day if isinstance(day, dt.date) else None

    # --- slots ---------------------------------------------------------------------------

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show(self.model.record(current.row()).id)

    def _on_counts_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.delete_count_button.setEnabled(current.isValid())

    def _on_new_button_clicked(self) -> None:
        dialog = CampaignDialog(self._ctx.services, None, self)
        if dialog.exec() and dialog.saved_id is not None:
            self._selected = dialog.saved_id
            self._signals.data_changed.emit(Changes.of("campaign", ids=(dialog.saved_id,)))
            self._announce_saved(dialog.saved_id)

    def _on_edit_button_clicked(self, *_args: object) -> None:
        if self._selected is None:
            return
        dialog = CampaignDialog(self._ctx.services, self._selected, self)
        if dialog.exec():
            self._signals.data_changed.emit(Changes.of("campaign", ids=(self._selected,)))
            self._announce_saved(self._selected)

    def _on_record_button_clicked(self) -> None:
        if self._selected is None:
            return
        dialog = SignatureDialog(self._ctx.services, self._selected, self)
        if dialog.exec():
            self._signals.data_changed.emit(Changes.of("campaign", ids=(self._selected,)))
            announce(self, _("Signature count saved."))

    def _announce_saved(self, campaign_id: int) -> None:
        name = self._ctx.services.campaigns.get(campaign_id).name
        announce(self, _("Saved: {name}").format(name=name))

    def _on_delete_count_button_clicked(self) -> None:
        day = self.selected_count_day()
        if self._selected is None or day is None or self.detail is None:
            return
        count = next(p.count for p in self.detail.signatures if p.on == day)
        answer = QMessageBox.question(
            self,
            _("Delete count"),
            _("Delete the count of {date} ({count} signatures)?").format(
                date=short_date(day),
                count=getal(count, language()),
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            changes = self._ctx.services.campaigns.delete_signatures(self._selected, day)
        except LobbyError as exc:
            QMessageBox.warning(self, _("Delete count"), str(exc))
            return
        self._signals.data_changed.emit(changes)

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.kinds & REFRESH_KINDS:
            self.refresh()

    # --- state ---------------------------------------------------------------------------

    def _restore_state(self) -> None:
        settings = QSettings()
        for key, widget in (
            ("splitter", self.splitter),
            ("detail_splitter", self.detail_splitter),
            ("header", self.table.horizontalHeader()),
            ("mailings_header", self.mailings.horizontalHeader()),
            ("councils_header", self.councils.horizontalHeader()),
        ):
            state = settings.value(f"campaigns/{key}")
            if state is not None:
                widget.restoreState(state)

    def hideEvent(self, event: object) -> None:
        settings = QSettings()
        settings.setValue("campaigns/splitter", self.splitter.saveState())
        settings.setValue("campaigns/detail_splitter", self.detail_splitter.saveState())
        settings.setValue("campaigns/header", self.table.horizontalHeader().saveState())
        settings.setValue("campaigns/mailings_header", self.mailings.horizontalHeader().saveState())
        settings.setValue("campaigns/councils_header", self.councils.horizontalHeader().saveState())
        super().hideEvent(event)  # type: ignore[arg-type]


def create_section(ctx: Context, signals: AppSignals) -> QWidget:
    return CampaignsSection(ctx, signals)
