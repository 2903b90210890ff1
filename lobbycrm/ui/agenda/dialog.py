"""Dialog to create or edit an agenda item, checking the fields before saving."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.core import labels
from lobbycrm.core.conflicts import ConflictError
from lobbycrm.core.enums import EventKind, EventStatus
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import AMSTERDAM, amsterdam_today
from lobbycrm.services import Services
from lobbycrm.services.calendar import kind_label
from lobbycrm.services.dto import EventRow
from lobbycrm.services.events import EventInput
from lobbycrm.ui.forms import GuardedDialog, error_label, qdate, settle_conflict
from lobbycrm.ui.pickers import org_picker


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class EventDialog(GuardedDialog):
    """Edits one event; `saved_id` holds the event's id after a successful save."""

    def __init__(
        self,
        services: Services,
        event: EventRow | None = None,
        day: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.discard_question = _("Discard the changes to this event?")
        self._services = services
        self._event = event
        self.saved_id: int | None = None
        self.setWindowTitle(_("Edit event") if event else _("New event"))
        self.title = QLineEdit()
        self.kind = QComboBox()
        for k in EventKind:
            self.kind.addItem(kind_label(k.value), k.value)
        self.all_day = QCheckBox(_("All day"))
        self.start_date = QDateEdit()
        self.end_date = QDateEdit()
        for w in (self.start_date, self.end_date):
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd-MM-yyyy")
        self.start_time = QTimeEdit()
        self.end_time = QTimeEdit()
        for w in (self.start_time, self.end_time):
            w.setDisplayFormat("HH:mm")
        self.location = QLineEdit()
        # Searched as you type: a combo box of every organisation does not hold at scale.
        self.organisation = org_picker(services.choices)
        self.dossier = QComboBox()
        self.dossier.addItem("", 0)
        for d in services.dossiers.list():
            self.dossier.addItem(f"{d.title}" + (f" ({d.kamerstuk})" if d.kamerstuk else ""), d.id)
        self.portfolio = QLineEdit()
        self.reminders = QLineEdit()
        self.reminders.setPlaceholderText(_("e.g. 1 day; 1 hour; 30 minutes"))
        self.status = QComboBox()
        for st in EventStatus:
            self.status.addItem(_(st.value), st.value)
        self.error = error_label()
        self.error.setAccessibleName(_("Problems"))
        for widget, name in (
            (self.title, _("Title")),
            (self.kind, _("Kind")),
            (self.all_day, _("All day")),
            (self.start_date, _("Start date")),
            (self.start_time, _("Start time")),
            (self.end_date, _("End date")),
            (self.end_time, _("End time")),
            (self.location, _("Location")),
            (self.organisation, _("Organisation")),
            (self.dossier, _("Dossier")),
            (self.portfolio, _("Portfolio")),
            (self.reminders, _("Reminders")),
            (self.status, _("Status")),
        ):
            widget.setAccessibleName(name)
        when = QHBoxLayout()
        when.addWidget(self.start_date)
        when.addWidget(self.start_time)
        until = QHBoxLayout()
        until.addWidget(self.end_date)
        until.addWidget(self.end_time)
        form = QFormLayout()
        form.addRow(_("&Title"), self.title)
        form.addRow(_("&Kind"), self.kind)
        form.addRow("", self.all_day)
        form.addRow(_("&Start"), when)
        form.addRow(_("&End"), until)
        form.addRow(_("&Location"), self.location)
        form.addRow(_("&Organisation"), self.organisation)
        form.addRow(_("&Dossier"), self.dossier)
        form.addRow(_("&Portfolio"), self.portfolio)
        form.addRow(_("&Reminders"), self.reminders)
        form.addRow(_("St&atus"), self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._fill(event, day or amsterdam_today())
        self.remember_fields()
        self._connect_signals()
        self._on_fields_changed()

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.all_day.toggled.connect(self._on_fields_changed)
        for w in (self.start_date, self.end_date):
            w.dateChanged.connect(self._on_fields_changed)
        for t in (self.start_time, self.end_time):
            t.timeChanged.connect(self._on_fields_changed)
        self.title.textChanged.connect(self._on_fields_changed)
        self.reminders.textChanged.connect(self._on_fields_changed)

    def _fill(self, e: EventRow | None, day: dt.date) -> None:
        if e is None:
            self.start_date.setDate(qdate(day))
            self.end_date.setDate(qdate(day))
            self.start_time.setTime(QTime(10, 0))
            self.end_time.setTime(QTime(12, 0))
            self.status.setCurrentIndex(self.status.findData("confirmed"))
            return
        self.title.setText(e.title)
        self.kind.setCurrentIndex(max(0, self.kind.findData(e.kind)))
        self.all_day.setChecked(e.all_day)
        if isinstance(e.start, dt.datetime):
            self.start_date.setDate(qdate(e.start.date()))
            self.start_time.setTime(QTime(e.start.hour, e.start.minute))
            end = e.end if isinstance(e.end, dt.datetime) else e.start
            self.end_date.setDate(qdate(end.date()))
            self.end_time.setTime(QTime(end.hour, end.minute))
        else:
            self.start_date.setDate(qdate(e.start))
            end_day = e.end if isinstance(e.end, dt.date) else e.start
            self.end_date.setDate(qdate(end_day))
        self.location.setText(e.location)
        self.organisation.set_current(e.organisation_id)
        self.dossier.setCurrentIndex(max(0, self.dossier.findData(e.dossier_id or 0)))
        self.portfolio.setText(e.portfolio)
        self.reminders.setText("; ".join(labels.offset_text(m) for m in e.reminders))
        self.status.setCurrentIndex(max(0, self.status.findData(e.status)))

    def _snapshot(self) -> tuple[object, ...]:
        return (
            self.title.text(),
            self.kind.currentData(),
            self.all_day.isChecked(),
            self.start_date.date(),
            self.start_time.time(),
            self.end_date.date(),
            self.end_time.time(),
            self.location.text(),
            self.organisation.currentData(),
            self.dossier.currentData(),
            self.portfolio.text(),
            self.reminders.text(),
            self.status.currentData(),
        )

    def _reminder_minutes(self) -> list[int]:
        """'1 dag; 1 uur' as shown, or typed as '1d, 2u' or whole minutes ('60, 1440')."""
        out = []
        for chunk in self.reminders.text().split(";"):
            words = f" {chunk.casefold()} "
            # '1 dag, 2 uur en 5 minuten' is one offset; '60, 1440' and '1 dag, 1 uur' are two.
            pieces = [chunk] if " en " in words or " and " in words else chunk.split(",")
            for piece in (p.strip() for p in pieces):
                if not piece:
                    continue
                minutes = labels.parse_offset(piece)
                if minutes is None:
                    raise ValidationError(
                        _("Reminders"), piece, _("give a time before, e.g. 1 day, 2 hours or 30")
                    )
                out.append(minutes)
        return out

    def to_input(self) -> EventInput:
        """The dialog's values; raises ValidationError naming the field."""
        if not self.title.text().strip():
            raise ValidationError(_("Title"), "", _("must not be empty"))
        data = EventInput(
            title=self.title.text(),
            kind=self.kind.currentData(),
            location=self.location.text(),
            organisation=self.organisation.currentData(),
            dossier_id=self.dossier.currentData(),
            portfolio=self.portfolio.text(),
            status=self.status.currentData(),
            reminders=self._reminder_minutes(),
        )
        start_day = _pydate(self.start_date.date())
        end_day = _pydate(self.end_date.date())
        if self.all_day.isChecked():
            if end_day < start_day:
                raise ValidationError(
                    _("End date"),
                    end_day,
                    _("end lies before start ({start})").format(start=start_day),
                )
            data.date, data.end_date = start_day, end_day if end_day != start_day else None
        else:
            st, et = self.start_time.time(), self.end_time.time()
            start = dt.datetime(
                start_day.year,
                start_day.month,
                start_day.day,
                st.hour(),
                st.minute(),
                tzinfo=AMSTERDAM,
            )
            end = dt.datetime(
                end_day.year, end_day.month, end_day.day, et.hour(), et.minute(), tzinfo=AMSTERDAM
            )
            if end < start:
                raise ValidationError(
                    _("End"),
                    end.strftime("%d-%m-%Y %H:%M"),
                    _("end lies before start ({start})").format(
                        start=start.strftime("%d-%m-%Y %H:%M")
                    ),
                )
            data.start, data.end = start, end
        return data

    def _on_conflict(self, exc: ConflictError, data: EventInput) -> bool:
        """A colleague saved this event meanwhile: reload, compare, or save over it."""
        event = self._event
        assert event is not None

        def reload(saved: EventRow) -> None:
            self._event = saved
            self._fill(saved, amsterdam_today())
            self.remember_fields()

        def save_over(saved: EventRow) -> None:
            self._services.events.update(event.id, data, version=saved.version)

        return settle_conflict(
            self, exc, data, lambda: self._services.events.get(event.id), reload, save_over
        )

    def _on_fields_changed(self) -> None:
        timed = not self.all_day.isChecked()
        self.start_time.setVisible(timed)
        self.end_time.setVisible(timed)
        try:
            self.to_input()
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return
        self.error.setText("")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)

    def _on_buttons_accepted(self) -> None:
        try:
            data = self.to_input()
            if self._event is None:
                self.saved_id = self._services.events.add(data).ids[0]
            else:
                try:
                    self._services.events.update(self._event.id, data, version=self._event.version)
                except ConflictError as exc:
                    if not self._on_conflict(exc, data):
                        return
                self.saved_id = self._event.id
        except LobbyError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
