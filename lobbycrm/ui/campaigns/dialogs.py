"""Dialogs of the campaigns section: a campaign's editor and recording a signature count."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _, getal, language, short_date
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.services import Services
from lobbycrm.services.campaigns import CampaignInput, parse_count
from lobbycrm.ui.forms import FormDialog
from lobbycrm.ui.pickers import org_picker

PARTNER_KINDS = ("ngo", "coalition", "party", "other")
# How many organisations of partner kinds the dialog lists before the user types.
PARTNER_ROWS = 200


def _checklist(items: list[tuple[str, int]], checked: set[int]) -> QListWidget:
    widget = QListWidget()
    widget.setMaximumHeight(150)
    for label, ident in items:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, ident)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if ident in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    return widget


def checked_ids(widget: QListWidget) -> list[int]:
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


class CampaignDialog(FormDialog):
    """Name, notes, partner organisations and dossiers of a new or existing campaign."""

    def __init__(
        self, services: Services, campaign_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Edit campaign") if campaign_id else _("New campaign"), parent)
        self._services = services
        self._id = campaign_id
        c = services.campaigns.detail(campaign_id) if campaign_id else None
        self.record, self.version = c, (c.version if c else None)
        partners = {p.id for p in c.partners} if c else set()
        dossiers = {d.id for d in c.dossiers} if c else set()
        self._taken = {
            row.name.casefold() for row in services.campaigns.list() if row.id != campaign_id
        }
        self.name = QLineEdit(c.name if c else "")
        self.notes = QPlainTextEdit(c.notes if c else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        # The current partners and the first organisations of partner kinds (a LIMITed
        # query); any other organisation is found by typing in the picker below the list.
        offered = {p.id: p.name for p in c.partners} if c else {}
        for choice in services.choices.organisations("", PARTNER_KINDS, PARTNER_ROWS):
            offered.setdefault(choice.id, choice.label)
        self.partners = _checklist(
            sorted(((n, i) for i, n in offered.items()), key=lambda t: t[0].casefold()), partners
        )
        self.add_partner = org_picker(services.choices)
        self.add_partner.setPlaceholderText(_("Add another partner: type its name..."))
        self.add_partner.setAccessibleName(_("Add a partner"))
        self.add_partner.choice_made.connect(self._on_add_partner_choice_made)
        self.dossiers = _checklist([(d.title, d.id) for d in services.dossiers.list()], dossiers)
        self.field("name", _("&Name"), self.name, (_("name"),))
        self.field("notes", _("No&tes"), self.notes, (_("notes"),))
        self.field("partners", _("&Partners"), self.partners, (_("partners"),))
        self.form.addRow("", self.add_partner)
        self.field("dossiers", _("&Dossiers"), self.dossiers, (_("dossiers"),))
        self.partners.itemChanged.connect(self.validate)
        self.dossiers.itemChanged.connect(self.validate)
        self.resize(560, 560)
        self.finish()

    def _on_add_partner_choice_made(self, org_id: int) -> None:
        """Tick the chosen organisation, adding it to the list when it is not there yet."""
        for row in range(self.partners.count()):
            item = self.partners.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == org_id:
                break
        else:
            choice = self.add_partner.current_choice()
            item = QListWidgetItem(choice.label if choice else str(org_id))
            item.setData(Qt.ItemDataRole.UserRole, org_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            self.partners.addItem(item)
        item.setCheckState(Qt.CheckState.Checked)
        self.partners.scrollToItem(item)
        self.add_partner.set_choice(None)

    def snapshot(self) -> tuple[object, ...]:
        return (
            self.name.text(),
            self.notes.toPlainText(),
            tuple(checked_ids(self.partners)),
            tuple(checked_ids(self.dossiers)),
        )

    def data(self) -> CampaignInput:
        name = " ".join(self.name.text().split())
        if not name:
            raise ValidationError(_("name"), "", _("must not be empty"))
        if name.casefold() in self._taken:
            raise ValidationError(_("name"), name, _("another campaign already has this name"))
        return CampaignInput(
            name=name,
            notes=self.notes.toPlainText(),
            partners=[f"#{i}" for i in checked_ids(self.partners)],
            dossier_ids=checked_ids(self.dossiers),
        )

    def check(self) -> None:
        self.data()

    def save(self) -> int:
        if self._id is None:
            return self._services.campaigns.add(self.data()).ids[0]
        self._services.campaigns.edit(self._id, self.data(), version=self.version)
        return self._id


class SignatureDialog(FormDialog):
    """Record the number of signatures on a day; a second count that day replaces the first."""

    def __init__(self, services: Services, campaign_id: int, parent: QWidget | None = None) -> None:
        super().__init__(_("Record signature count"), parent)
        self._services = services
        self._id = campaign_id
        detail = services.campaigns.detail(campaign_id)
        self._existing = {p.on: p.count for p in detail.signatures}
        self.count = QLineEdit()
        self.count.setPlaceholderText("31.805")
        today = amsterdam_today()
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.replaces = QLabel()
        self.replaces.setWordWrap(True)
        self.field("count", _("&Signatures"), self.count, (_("signatures"),))
        self.field("date", _("D&ate"), self.date, (_("date"),))
        self.form.addRow("", self.replaces)
        self.date.dateChanged.connect(self.validate)
        self.finish()

    def day(self) -> dt.date:
        q = self.date.date()
        return dt.date(q.year(), q.month(), q.day())

    def snapshot(self) -> tuple[object, ...]:
        return (self.count.text(), self.day())

    def check(self) -> None:
        day = self.day()
        before = self._existing.get(day)
        self.replaces.setText(
            _("Replaces the count of {date} ({count}).").format(
                date=short_date(day), count=getal(before, language())
            )
            if before is not None
            else ""
        )
        parse_count(_("signatures"), self.count.text())
        if day > amsterdam_today():
            raise ValidationError(_("date"), day, _("lies in the future"))

    def save(self) -> int:
        count = parse_count(_("signatures"), self.count.text())
        self._services.campaigns.record_signatures(self._id, count, self.day())
        return self._id
