"""The person editor: name parts, contact points, a role and tags, checked before saving."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.core import names
from lobbycrm.core.conflicts import ConflictError
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.i18n import _, short_date
from lobbycrm.core.validation import check_email, check_phone
from lobbycrm.services import Services
from lobbycrm.services.dto import PersonDetail
from lobbycrm.services.people import PersonInput, RoleInput, validate_person
from lobbycrm.ui.forms import settle_conflict, today_qdate
from lobbycrm.ui.people.name_split import NameFields, NameSplitOffer
from lobbycrm.ui.pickers import org_picker
from lobbycrm.ui.room import fit_on_screen, scrolling_form, unclip_labels


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [ln.strip() for ln in edit.toPlainText().splitlines() if ln.strip()]


def _day(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class PersonDialog(QDialog):
    """`saved_id` holds the person's id after a successful save."""

    def __init__(
        self, services: Services, person: PersonDetail | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
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
        self.own_salutation = QLineEdit()
        self.own_salutation.setToolTip(
            _(
                "The person's own form of address, used by every letter instead of the "
                "computed salutation: 'mevrouw Jansen' or 'Beste Karin'. Empty: computed."
            )
        )
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
        self.organisation = org_picker(services.choices)
        self.role = QLineEdit()
        self.portfolio = QLineEdit()
        self.has_start = QCheckBox(_("from"))
        self.start = QDateEdit(today_qdate())
        self.has_end = QCheckBox(_("until"))
        self.end = QDateEdit(today_qdate())
        for w in (self.start, self.end):
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd-MM-yyyy")
        self.preview = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        labels = (
            (self.titles, _("Titles")),
            (self.initials, _("Initials")),
            (self.first_name, _("First name")),
            (self.particle, _("Particle")),
            (self.surname, _("Surname")),
            (self.gender, _("Form of address")),
            (self.own_salutation, _("Own salutation")),
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
        self.phones.setPlaceholderText(_("one per line; the first is the primary number"))
        self.address.setPlaceholderText(
            _("an empty line between addresses; the first is the primary address")
        )
        self.tags.setPlaceholderText(_("separated by commas"))
        period_box = QWidget()
        period = QHBoxLayout(period_box)
        period.setContentsMargins(0, 0, 0, 0)
        for w in (self.has_start, self.start, self.has_end, self.end):
            period.addWidget(w)
        self.field_errors: dict[str, QLabel] = {}
        self.roles_table = QTableWidget(0, 4)
        self.roles_table.setHorizontalHeaderLabels(
            [_("Organisation"), _("Role"), _("Portfolio"), _("Period")]
        )
        self.roles_table.setAccessibleName(_("Roles"))
        self.roles_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roles_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.roles_table.verticalHeader().setVisible(False)
        self.roles_table.horizontalHeader().setStretchLastSection(True)
        self.roles_table.setMaximumHeight(110)
        self.remove_role = QPushButton(_("Remove role"))
        self.remove_role.setAccessibleName(_("Remove the selected role"))
        self._removed_roles: list[int] = []
        form = QFormLayout()
        form.addRow(_("T&itles"), self.titles)
        form.addRow(_("I&nitials"), self.initials)
        form.addRow(_("&First name"), self.first_name)
        form.addRow(_("&Particle"), self.particle)
        form.addRow(_("&Surname"), self._checked("surname", self.surname))
        # The own salutation beside the gender, so the form grows no taller (1366x768).
        address_box = QWidget()
        address_row = QHBoxLayout(address_box)
        address_row.setContentsMargins(0, 0, 0, 0)
        own_label = QLabel(_("Own sa&lutation"))
        own_label.setBuddy(self.own_salutation)
        address_row.addWidget(self.gender)
        address_row.addWidget(own_label)
        address_row.addWidget(self.own_salutation, 1)
        gender_label = QLabel(_("Form of &address"))
        gender_label.setBuddy(self.gender)
        form.addRow(gender_label, address_box)
        self.name_split = NameSplitOffer(
            NameFields(self.titles, self.initials, self.first_name, self.particle, self.surname),
            self.preview,
        )
        form.addRow("", self.name_split)
        form.addRow(_("&E-mail"), self._checked("emails", self.emails))
        form.addRow(_("P&hone"), self._checked("phones", self.phones))
        form.addRow(_("Postal a&ddress"), self.address)
        form.addRow(_("&Tags"), self.tags)
        form.addRow(_("N&otes"), self.notes)
        if person is not None and person.roles:
            form.addRow(_("Roles"), self.roles_table)
            form.addRow("", self.remove_role)
        form.addRow(QLabel("<b>" + _("Add a role") + "</b>"))
        form.addRow(_("Or&ganisation"), self._checked("organisation", self.organisation))
        form.addRow(_("&Role"), self._checked("role", self.role))
        form.addRow(_("Portf&olio"), self.portfolio)
        form.addRow(_("Period"), self._checked("end", period_box))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        unclip_labels(form)
        scroll = scrolling_form(form)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if person is not None:
            self._fill(person)
            self._fill_roles(person)
        self._initial = self._snapshot()
        self._connect_signals()
        # Opened, the form shows no problems yet: they appear once the user types or saves.
        self._quiet = True
        self._on_fields_changed()
        self._quiet = False
        fit_on_screen(self, scroll, extra=self.fontMetrics().lineSpacing() * 2)

    def _checked(self, key: str, widget: QWidget) -> QWidget:
        """The widget with a problem label beneath it, shown while its value is wrong."""
        label = QLabel()
        label.setStyleSheet("color: #b00020")
        label.setWordWrap(True)
        label.setVisible(False)
        label.setAccessibleName(_("Problem"))
        self.field_errors[key] = label
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(widget)
        col.addWidget(label)
        return box

    def _fill_roles(self, p: PersonDetail) -> None:
        self.roles_table.setRowCount(len(p.roles))
        for i, r in enumerate(p.roles):
            start = short_date(r.start) if r.start else "…"
            end = short_date(r.end) if r.end else "…"
            for j, text in enumerate((r.organisation, r.role, r.portfolio, f"{start} – {end}")):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                if not r.current:
                    item.setForeground(QBrush(QColor("gray")))
                self.roles_table.setItem(i, j, item)
        self.roles_table.setWordWrap(False)
        self.roles_table.resizeColumnsToContents()

    def _on_remove_role_clicked(self) -> None:
        row = self.roles_table.currentRow()
        item = self.roles_table.item(row, 0)
        if item is None:
            return
        self._removed_roles.append(int(item.data(Qt.ItemDataRole.UserRole)))
        self.roles_table.removeRow(row)

    def _field_key(self, exc: ValidationError) -> str | None:
        names = {
            _("surname"): "surname",
            _("e-mail"): "emails",
            _("phone"): "phones",
            _("organisation"): "organisation",
            _("role"): "role",
            _("end"): "end",
        }
        return names.get(exc.field)

    def _show_problem(self, exc: LobbyError | None) -> None:
        for label in self.field_errors.values():
            label.setVisible(False)
        self.error.setText(str(exc) if exc else "")
        if isinstance(exc, ValidationError):
            key = self._field_key(exc)
            if key is not None:
                self.field_errors[key].setText(exc.reason)
                self.field_errors[key].setVisible(True)

    def _connect_signals(self) -> None:
        self.remove_role.clicked.connect(self._on_remove_role_clicked)
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
            self.own_salutation,
        ):
            edit.textChanged.connect(self._on_fields_changed)
        for plain in (self.emails, self.phones):
            plain.textChanged.connect(self._on_fields_changed)
        self.gender.currentIndexChanged.connect(self._on_fields_changed)
        self.organisation.choice_made.connect(self._on_fields_changed)
        self.organisation.textChanged.connect(self._on_fields_changed)
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
        self.own_salutation.setText(p.own_salutation)
        self.emails.setPlainText("\n".join(p.emails))
        self.phones.setPlainText("\n".join(p.phones))
        self.address.setPlainText("\n\n".join(p.addresses))
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
            self.own_salutation.text(),
            self.emails.toPlainText(),
            self.phones.toPlainText(),
            self.address.toPlainText(),
            self.tags.text(),
            self.notes.toPlainText(),
            self.organisation.current_id(),
            self.organisation.text(),
            self.role.text(),
            self.portfolio.text(),
            tuple(self._removed_roles),
        )

    def person_input(self) -> PersonInput:
        """The form's values, each field checked; raises ValidationError naming the field."""
        if not self.surname.text().strip():
            raise ValidationError(_("surname"), "", _("must not be empty"))
        for e in _lines(self.emails):
            check_email(_("e-mail"), e)
        for ph in _lines(self.phones):
            check_phone(_("phone"), ph)
        # Addresses are separated by an empty line; the first is the primary one.
        blocks = re.split(r"\n\s*\n", self.address.toPlainText().strip())
        addresses = [b.strip() for b in blocks if b.strip()]
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
            addresses=addresses,
            tags=[t.strip() for t in self.tags.text().split(",") if t.strip()],
            own_salutation=self.own_salutation.text(),
            particle_is_surname=self._person.particle_is_surname if self._person else False,
        )

    def role_input(self) -> RoleInput | None:
        org_id = self.organisation.current_id()
        org = f"#{org_id}" if org_id is not None else ""
        typed = self.organisation.text().strip()
        if not org and not typed and not self.role.text().strip():
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
            self._show_problem(None if self._quiet else exc)
            save.setEnabled(self._quiet)
            self.preview.setText("")
            return
        try:
            # As it will be stored: a whole name typed into the surname field is split.
            clean = validate_person(data)
        except ValidationError as exc:
            self._show_problem(None if self._quiet else exc)
            save.setEnabled(self._quiet)
            self.preview.setText("")
            return
        parts = names.NameParts(
            surname=clean.surname,
            particle=clean.particle,
            initials=clean.initials,
            first_name=clean.first_name,
            titles=clean.titles,
            particle_is_surname=clean.particle_is_surname,
        )
        computed = names.salutation(parts, clean.gender)
        self.own_salutation.setPlaceholderText(computed)
        shown = names.personal_salutation(parts, clean.gender, clean.own_salutation or "")
        self.preview.setText(f"{names.address_line(parts, clean.gender)} — {shown}")
        self._show_problem(None)
        save.setEnabled(True)

    def _on_buttons_accepted(self) -> None:
        try:
            data, role = self.person_input(), self.role_input()
            if self._person is None:
                self.saved_id = self._services.people.add(data, [role] if role else []).ids[0]
            else:
                try:
                    self._services.people.update(
                        self._person.id, data, version=self._person.version
                    )
                except ConflictError as exc:
                    if not self._on_conflict(exc, data):
                        return
                for role_id in self._removed_roles:
                    self._services.people.delete_role(role_id)
                if role is not None:
                    self._services.people.add_role(self._person.id, role)
                self.saved_id = self._person.id
        except LobbyError as exc:
            self._show_problem(exc)
            return
        self.accept()

    def _on_conflict(self, exc: ConflictError, data: PersonInput) -> bool:
        """A colleague saved this person meanwhile: reload, compare, or save over it."""
        person = self._person
        assert person is not None

        def reload(saved: PersonDetail) -> None:
            self._person = saved
            self._fill(saved)
            self._fill_roles(saved)
            self._initial = self._snapshot()

        def save_over(saved: PersonDetail) -> None:
            self._services.people.update(person.id, data, version=saved.version)

        return settle_conflict(
            self, exc, data, lambda: self._services.people.get(person.id), reload, save_over
        )

    def reject(self) -> None:
        if self._snapshot() != self._initial:
            answer = QMessageBox.question(
                self, _("Unsaved changes"), _("Discard the changes to this person?")
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
