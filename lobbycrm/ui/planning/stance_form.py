"""Recording a stance: of a party group of the chamber or one of its members, on a day."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import amsterdam_today
from lobbycrm.services import Services
from lobbycrm.services.planning import MajorityCount
from lobbycrm.ui.forms import today_qdate
from lobbycrm.ui.planning.labels import stance_choices


class StanceForm(QWidget):
    """Who (a group of the counted chamber, or one of its current members), what, when, and
    where it was heard. The date starts at the debate's day once that has come, else today."""

    stance_recorded = Signal(object)  # the Changes
    problem_found = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._count: MajorityCount | None = None
        self._default_day = amsterdam_today()
        self.group_choice = QComboBox()
        self.person_choice = QComboBox()
        self.stance_choice = QComboBox()
        for label, code in stance_choices():
            self.stance_choice.addItem(label, code)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setMaximumDate(today_qdate())
        self.source = QLineEdit()
        self.source.setPlaceholderText(_("Where you heard it: debate, e-mail, conversation"))
        self.note = QLineEdit()
        self.record_button = QPushButton(_("&Record stance"))
        for widget, name in (
            (self.group_choice, _("Party group")),
            (self.person_choice, _("Person")),
            (self.stance_choice, _("Stance")),
            (self.date, _("Date")),
            (self.source, _("Source")),
            (self.note, _("Note")),
            (self.record_button, _("Record stance")),
        ):
            widget.setAccessibleName(name)
        form = QFormLayout(self)
        who = QHBoxLayout()
        who.addWidget(self.group_choice, 1)
        who.addWidget(self.person_choice, 2)
        form.addRow(_("&Who"), who)
        what = QHBoxLayout()
        what.addWidget(self.stance_choice)
        since = QLabel(_("s&ince"))
        since.setBuddy(self.date)
        what.addWidget(since)
        what.addWidget(self.date)
        source = QLabel(_("S&ource"))
        source.setBuddy(self.source)
        what.addWidget(source)
        what.addWidget(self.source, 1)
        form.addRow(_("&Stance"), what)
        note = QHBoxLayout()
        note.addWidget(self.note, 1)
        note.addWidget(self.record_button)
        form.addRow(_("&Note"), note)
        for row, buddy in ((0, self.group_choice), (1, self.stance_choice), (2, self.note)):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            if isinstance(label, QLabel):
                label.setBuddy(buddy)
        self.set_default_day(self._default_day)
        self.group_choice.currentIndexChanged.connect(self._on_group_choice_changed)
        self.record_button.clicked.connect(self._on_record_button_clicked)

    # --- what it offers ------------------------------------------------------------------

    def set_count(self, m: MajorityCount | None) -> None:
        """The groups (and their members) of the counted chamber are the choices."""
        self._count = m
        current = self.group_choice.currentData()
        self.group_choice.blockSignals(True)
        self.group_choice.clear()
        for g in m.groups if m else []:
            self.group_choice.addItem(g.name, g.organisation_id)
        self.group_choice.setCurrentIndex(max(0, self.group_choice.findData(current)))
        self.group_choice.blockSignals(False)
        self._on_group_choice_changed()
        enabled = m is not None and bool(m.groups)
        for w in (self.group_choice, self.person_choice, self.record_button):
            w.setEnabled(enabled)

    def set_default_day(self, day: dt.date) -> None:
        self._default_day = min(day, amsterdam_today())
        self.date.setMaximumDate(today_qdate())
        self.date.setDate(
            QDate(self._default_day.year, self._default_day.month, self._default_day.day)
        )

    def select_group(self, organisation_id: int) -> None:
        index = self.group_choice.findData(organisation_id)
        if index >= 0:
            self.group_choice.setCurrentIndex(index)

    def day(self) -> dt.date:
        q = self.date.date()
        return dt.date(q.year(), q.month(), q.day())

    def clear_text(self) -> None:
        self.source.clear()
        self.note.clear()

    # --- slots ---------------------------------------------------------------------------

    def _on_group_choice_changed(self, *_args: object) -> None:
        self.person_choice.clear()
        self.person_choice.addItem(_("the party group itself"), 0)
        group_id = self.group_choice.currentData()
        for g in self._count.groups if self._count else []:
            if g.organisation_id == group_id:
                for m in g.members:
                    self.person_choice.addItem(m.name, m.person_id)

    def _on_record_button_clicked(self) -> None:
        m = self._count
        group_id = self.group_choice.currentData()
        if m is None or group_id is None:
            return
        person_id = self.person_choice.currentData() or None
        try:
            changes = self._services.planning.set_stance(
                m.dossier_id,
                self.stance_choice.currentData(),
                person_id=person_id,
                organisation=None if person_id else f"#{group_id}",
                on=self.day(),
                source=self.source.text(),
                note=self.note.text(),
            )
        except LobbyError as exc:
            self.problem_found.emit(str(exc))
            return
        self.clear_text()
        self.stance_recorded.emit(changes)
