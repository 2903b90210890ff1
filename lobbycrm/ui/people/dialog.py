"""The person editor: name parts, contact points, a role and tags, checked before saving."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.core import names
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import check_email, check_phone
from lobbycrm.services import Services
from lobbycrm.services.dto import PersonDetail
from lobbycrm.services.people import PersonInput, RoleInput
from lobbycrm.ui.forms import GuardedDialog, error_label


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [ln.strip() for ln in edit.toPlainText().splitlines() if ln.strip()]


def _day(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class PersonDialog(GuardedDialog):
    """`saved_id` holds the person's id after a successful save."""

    def __init__(
        self, services: Services, person: PersonDetail | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.discard_question = _("Discard the changes to this person?")
        self._services = services
        self._person = person
        self.saved_id: int | None = None
        self.setWindowTitle(_("Edit person") if person else _("New person"))
        self.titles = QLineEdit()
        self.initials = QLineEdit()
        self.first_name = QLineEdit()
        self.particle = QLineEdit()
        self.surname = QLineEdit()
        self.gender = QComboBox()
        for value, label in (("onbekend", _("unknown")), ("man", _("man")), ("vrouw", _("woman"))):
            self.gender.addItem(label, value)
        self.emails = QPlainTextEdit()
        self.phones = QPlainTextEdit()
        self.address = QPlainTextEdit()
        for edit in (self.emails, self.phones, self.address):
            edit.setMaximumHeight(70)
            edit.setTabChangesFocus(True)
        self.tags = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        self.notes.setTabChangesFocus(True)
        self.organisation = QComboBox()
        self.organisation.addItem("", "")
        for org in services.orgs.list():
            self.organisation.addItem(org.name, f"#{org.id}")
        self.role = QLineEdit()
        self.portfolio = QLineEdit()
        self.has_start = QCheckBox(_("from"))
        self.start = QDateEdit(QDate.currentDate())
        self.has_end = QCheckBox(_("until"))
        self.end = QDateEdit(QDate.currentDate())
        for w in (self.start, self.end):
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd-MM-yyyy")
        self.preview = QLabel()
        self.error = error_label()
        labels = (
            (self.titles, _("Titles")),
            (self.initials, _("Initials")),
            (self.first_name, _("First name")),
            (self.particle, _("Particle")),
            (self.surname, _("Surname")),
            (self.gender, _("Form of address")),
            (self.emails, _("E-mail addresses")),
            (self.phones, _("Phone numbers")),
            (self.address, _("Postal address")),
            (self.tags, _("Tags")),
            (self.notes, _("Notes")),
            (self.organisation, _("Organisation")),
            (self.role, _("Role")),
            (self.portfolio, _("Portfolio")),
            (self.has_start, _("Has a start date")),
            (self.start, _("Start date")),
            (self.has_end, _("Has an end date")),
            (self.end, _("End date")),
            (self.error, _("Problems")),
        )
        for widget, label in labels:
            widget.setAccessibleName(label)
        self.emails.setPlaceholderText(_("one per line; the first is the primary address"))
        self.tags.setPlaceholderText(_("separated by commas"))
        period = QHBoxLayout()
        for w in (self.has_start, self.start, self.has_end, self.end):
            period.addWidget(w)
        form = QFormLayout()
        form.addRow(_("T&itles"), self.titles)
        form.addRow(_("I&nitials"), self.initials)
        form.addRow(_("&First name"), self.first_name)
        form.addRow(_("&Particle"), self.particle)
        form.addRow(_("&Surname"), self.surname)
        form.addRow(_("Form of &address"), self.gender)
        form.addRow("", self.preview)
        form.addRow(_("&E-mail"), self.emails)
        form.addRow(_("P&hone"), self.phones)
        form.addRow(_("Postal a&ddress"), self.address)
        form.addRow(_("&Tags"), self.tags)
        form.addRow(_("N&otes"), self.notes)
        form.addRow(QLabel("<b>" + _("Add a role") + "</b>"))
        form.addRow(_("Or&ganisation"), self.organisation)
        form.addRow(_("&Role"), self.role)
        form.addRow(_("Portf&olio"), self.portfolio)
        form.addRow(_("Period"), period)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if person is not None:
            self._fill(person)
        self.remember_fields()
        self._connect_signals()
        self._on_fields_changed()

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        for edit in (
            self.titles,
            self.initials,
            self.first_name,
            self.particle,
            self.surname,
            self.role,
            self.tags,
        ):
            edit.textChanged.connect(self._on_fields_changed)
        for plain in (self.emails, self.phones):
            plain.textChanged.connect(self._on_fields_changed)
        self.gender.currentIndexChanged.connect(self._on_fields_changed)
        self.organisation.currentIndexChanged.connect(self._on_fields_changed)
        for box in (self.has_start, self.has_end):
            box.toggled.connect(self._on_fields_changed)
        for date in (self.start, self.end):
            date.dateChanged.connect(self._on_fields_changed)

    def _fill(self, p: PersonDetail) -> None:
        self.titles.setText(p.titles)
        self.initials.setText(p.initials)
        self.first_name.setText(p.first_name)
        self.particle.setText(p.particle)
        self.surname.setText(p.surname)
        self.gender.setCurrentIndex(max(0, self.gender.findData(p.gender)))
        self.emails.setPlainText("\n".join(p.emails))
        self.phones.setPlainText("\n".join(p.phones))
        self.address.setPlainText(p.addresses[0] if p.addresses else "")
        self.tags.setText(", ".join(p.tags))
        self.notes.setPlainText(p.notes)

    def _snapshot(self) -> tuple[object, ...]:
        return (
            self.titles.text(),
            self.initials.text(),
            self.first_name.text(),
            self.particle.text(),
            self.surname.text(),
            self.gender.currentData(),
            self.emails.toPlainText(),
            self.phones.toPlainText(),
            self.address.toPlainText(),
            self.tags.text(),
            self.notes.toPlainText(),
            self.organisation.currentData(),
            self.role.text(),
            self.portfolio.text(),
        )

    def person_input(self) -> PersonInput:
        """The form's values, each field checked; raises ValidationError naming the field."""
        if not self.surname.text().strip():
            raise ValidationError(_("surname"), "", _("must not be empty"))
        for e in _lines(self.emails):
            check_email(_("e-mail"), e)
        for ph in _lines(self.phones):
            check_phone(_("phone"), ph)
        address = self.address.toPlainText().strip()
        return PersonInput(
            surname=self.surname.text(),
            particle=self.particle.text(),
            initials=self.initials.text(),
            first_name=self.first_name.text(),
            titles=self.titles.text(),
            gender=self.gender.currentData(),
            notes=self.notes.toPlainText(),
            emails=_lines(self.emails),
            phones=_lines(self.phones),
            addresses=[address] if address else [],
            tags=[t.strip() for t in self.tags.text().split(",") if t.strip()],
        )

    def role_input(self) -> RoleInput | None:
        org = self.organisation.currentData()
        if not org and not self.role.text().strip():
            return None
        if not org:
            raise ValidationError(_("organisation"), "", _("choose the role's organisation"))
        if not self.role.text().strip():
            raise ValidationError(_("role"), "", _("must not be empty"))
        start = _day(self.start.date()) if self.has_start.isChecked() else None
        end = _day(self.end.date()) if self.has_end.isChecked() else None
        if start and end and end < start:
            raise ValidationError(
                _("end"), end.isoformat(), _("end lies before start ({start})").format(start=start)
            )
        return RoleInput(org, self.role.text(), self.portfolio.text(), start, end)

    def _on_fields_changed(self) -> None:
        self.start.setEnabled(self.has_start.isChecked())
        self.end.setEnabled(self.has_end.isChecked())
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        try:
            data = self.person_input()
            self.role_input()
        except ValidationError as exc:
            self.error.setText(str(exc))
            save.setEnabled(False)
            self.preview.setText("")
            return
        parts = names.NameParts(
            surname=data.surname,
            particle=data.particle.lower(),
            initials=names.normalize_initials(data.initials),
            first_name=data.first_name,
            titles=data.titles,
        )
        self.preview.setText(
            f"{names.address_line(parts, data.gender)} — {names.salutation(parts, data.gender)}"
        )
        self.error.setText("")
        save.setEnabled(True)

    def _on_buttons_accepted(self) -> None:
        try:
            data, role = self.person_input(), self.role_input()
            if self._person is None:
                self.saved_id = self._services.people.add(data, [role] if role else []).ids[0]
            else:
                self._services.people.update(self._person.id, data)
                if role is not None:
                    self._services.people.add_role(self._person.id, role)
                self.saved_id = self._person.id
        except LobbyError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
