"""Editors for organisations, dossiers and motions, with problems shown at the field."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from lobbycrm.core import labels
from lobbycrm.core.enums import DossierStatus, ExecutionStatus, MotionResult, OrgKind
from lobbycrm.core.errors import ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import check_email
from lobbycrm.services import Services
from lobbycrm.services.dossiers import (
    KERNBOODSCHAP_MAX,
    DossierInput,
    MotionInput,
    check_asks,
)
from lobbycrm.services.orgs import OrgInput
from lobbycrm.ui.forms import FormDialog, today_qdate
from lobbycrm.ui.pickers import org_picker

KIND_LABELS = labels.ORG_KIND
RESULT_LABELS = labels.MOTION_RESULT
EXECUTION_LABELS = labels.EXECUTION
DOSSIER_STATUS_LABELS = labels.DOSSIER_STATUS
# The organisations a dossier or motion can belong to.
BODY_KINDS = ("chamber", "council", "municipality")


def _combo(items: list[tuple[str, object]], current: object = None) -> QComboBox:
    combo = QComboBox()
    for label, value in items:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _plain(text: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(70)
    return edit


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [ln.strip() for ln in edit.toPlainText().splitlines() if ln.strip()]


class OrgDialog(FormDialog):
    def __init__(
        self, services: Services, org_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Edit organisation") if org_id else _("New organisation"), parent)
        self._services = services
        self._id = org_id
        o = services.orgs.get(org_id) if org_id else None
        self.record, self.version = o, (o.version if o else None)
        self.name = QLineEdit(o.name if o else "")
        self.short_name = QLineEdit(o.short_name if o else "")
        self.full_name = QLineEdit(o.full_name if o else "")
        self.full_name.setPlaceholderText(_("for letters: vaste commissie voor ..."))
        self.kind = _combo(
            [(_(KIND_LABELS[k.value]), k.value) for k in OrgKind], o.kind if o else "other"
        )
        self.parent_org = org_picker(
            services.choices, current=o.parent_id if o else None, exclude=org_id
        )
        self.seats = QLineEdit(str(o.seats) if o and o.seats is not None else "")
        self.tk_id = QLineEdit(o.tk_id or "" if o else "")
        self.cbs_code = QLineEdit(o.cbs_code or "" if o else "")
        self.emails = _plain("\n".join(o.emails) if o else "")
        self.tags = QLineEdit(", ".join(o.tags) if o else "")
        self.tags.setPlaceholderText(_("separated by commas"))
        self.field("name", _("&Name"), self.name, (_("name"),))
        self.field("short", _("S&hort name"), self.short_name, (_("short name"),))
        self.field("full", _("F&ull official name"), self.full_name, (_("full name"),))
        self.field("kind", _("&Kind"), self.kind, (_("kind"),))
        self.field("parent", _("&Part of"), self.parent_org, (_("parent"), _("organisation")))
        self.field("seats", _("S&eats"), self.seats, (_("seats"),))
        self.field("tk", _("&Tweede Kamer id"), self.tk_id)
        self.field("cbs", _("&CBS code"), self.cbs_code)
        self.field("emails", _("E-&mail"), self.emails, (_("e-mail"),))
        self.field("tags", _("Ta&gs"), self.tags)
        self.finish()

    def data(self) -> OrgInput:
        seats_text = self.seats.text().strip()
        if seats_text and not seats_text.isdigit():
            raise ValidationError(_("seats"), seats_text, _("must be a whole number"))
        for e in _lines(self.emails):
            check_email(_("e-mail"), e)
        if not self.name.text().strip():
            raise ValidationError(_("name"), "", _("must not be empty"))
        return OrgInput(
            name=self.name.text(),
            kind=self.kind.currentData(),
            short_name=self.short_name.text(),
            full_name=self.full_name.text(),
            parent=self.parent_org.currentData() or "",
            tk_id=self.tk_id.text().strip() or None,
            cbs_code=self.cbs_code.text().strip() or None,
            seats=int(seats_text) if seats_text else None,
            emails=_lines(self.emails),
            tags=[t.strip() for t in self.tags.text().split(",") if t.strip()],
        )

    def check(self) -> None:
        self.data()

    def save(self) -> int:
        if self._id is None:
            return self._services.orgs.add(self.data()).ids[0]
        self._services.orgs.update(self._id, self.data(), version=self.version)
        return self._id


class DossierDialog(FormDialog):
    def __init__(
        self, services: Services, dossier_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Edit dossier") if dossier_id else _("New dossier"), parent)
        self._services = services
        self._id = dossier_id
        d = services.dossiers.get(dossier_id) if dossier_id else None
        self.record, self.version = d, (d.version if d else None)
        self.title = QLineEdit(d.title if d else "")
        self.kamerstuk = QLineEdit(d.kamerstuk if d else "")
        self.kamerstuk.setPlaceholderText("36 334")
        self.chamber = org_picker(services.choices, BODY_KINDS, d.chamber_id if d else None)
        self.status = _combo(
            [(_(DOSSIER_STATUS_LABELS[s.value]), s.value) for s in DossierStatus],
            d.status if d else "open",
        )
        self.notes = _plain(d.notes if d else "")
        self.kernboodschap = _plain(d.kernboodschap if d else "")
        self.kernboodschap.setPlaceholderText(_("What you want from this dossier, in a sentence"))
        self.asks = _plain("\n".join(d.asks) if d else "")
        self.asks.setPlaceholderText(_("One ask per line, e.g. no children in border detention"))
        self.field("title", _("&Title"), self.title, (_("title"),))
        self.field("kamerstuk", _("&Kamerstuk"), self.kamerstuk, (_("kamerstuk"),))
        self.field("chamber", _("&Chamber"), self.chamber, (_("organisation"),))
        self.field("status", _("&Status"), self.status, (_("status"),))
        self.field("kernboodschap", _("Key &message"), self.kernboodschap, (_("key message"),))
        self.field("asks", _("As&ks"), self.asks, (_("asks"),))
        self.field("notes", _("N&otes"), self.notes, (_("notes"),))
        self.finish()

    def data(self) -> DossierInput:
        if not self.title.text().strip():
            raise ValidationError(_("title"), "", _("must not be empty"))
        return DossierInput(
            title=self.title.text(),
            kamerstuk=self.kamerstuk.text(),
            chamber=self.chamber.currentData() or "",
            status=self.status.currentData(),
            notes=self.notes.toPlainText(),
            kernboodschap=self.kernboodschap.toPlainText(),
            asks=_lines(self.asks),
        )

    def check(self) -> None:
        data = self.data()
        check_asks(data.asks or [])
        if len((data.kernboodschap or "").strip()) > KERNBOODSCHAP_MAX:
            raise ValidationError(
                _("key message"),
                "",
                _("is longer than {n} characters").format(n=KERNBOODSCHAP_MAX),
            )

    def save(self) -> int:
        if self._id is None:
            return self._services.dossiers.add(self.data()).ids[0]
        self._services.dossiers.update(self._id, self.data(), version=self.version)
        return self._id


class MotionDialog(FormDialog):
    def __init__(
        self, services: Services, motion_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Edit motion") if motion_id else _("New motion"), parent)
        self._services = services
        self._id = motion_id
        m = services.motions.get(motion_id) if motion_id else None
        self.record, self.version = m, (m.version if m else None)
        self.title = QLineEdit(m.title if m else "")
        self.number = QLineEdit(m.number if m else "")
        self.number.setPlaceholderText("19 637, nr. 3185")
        self.submitters = QLineEdit(m.submitters if m else "")
        self.body = org_picker(services.choices, BODY_KINDS, m.body_id if m else None)
        self.dossier = _combo(
            [("", 0)] + [(d.title, d.id) for d in services.dossiers.list()],
            m.dossier_id if m and m.dossier_id else 0,
        )
        self.has_date = QCheckBox(_("known"))
        self.has_date.setAccessibleName(_("Date known"))
        self.date = QDateEdit(today_qdate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setAccessibleName(_("Date"))
        if m and m.date:
            self.has_date.setChecked(True)
            self.date.setDate(QDate(m.date.year, m.date.month, m.date.day))
        # A motion known only by month or year ("maart 2025"): the day is not made up.
        self.precision = _combo(
            [(_("exact day"), "day"), (_("month only"), "month"), (_("year only"), "year")],
            m.date_precision if m else "day",
        )
        self.precision.setAccessibleName(_("How much of the date is known"))
        self.result = _combo(
            [(_(RESULT_LABELS[r.value]), r.value) for r in MotionResult],
            m.result if m else "onbekend",
        )
        self.execution = _combo(
            [(_(EXECUTION_LABELS[e.value]), e.value) for e in ExecutionStatus],
            m.execution_status if m else "onbekend",
        )
        self.notes = _plain(m.notes if m else "")
        self.field("title", _("&Title"), self.title, (_("title"),))
        self.field("number", _("N&umber"), self.number, (_("number"),))
        self.field("submitters", _("&Submitters"), self.submitters, (_("submitters"),))
        self.field("body", _("&Body"), self.body, (_("organisation"),))
        self.field("dossier", _("&Dossier"), self.dossier, (_("dossier"),))
        self.form.addRow(_("D&ate"), self._date_row())
        self.field("result", _("&Result"), self.result, (_("result"),))
        self.field("execution", _("&Execution"), self.execution, (_("execution status"),))
        self.field("notes", _("N&otes"), self.notes, (_("notes"),))
        self.has_date.toggled.connect(self._on_has_date_toggled)
        self._on_has_date_toggled(self.has_date.isChecked())
        self.finish()

    def _date_row(self) -> QWidget:
        from PySide6.QtWidgets import QHBoxLayout

        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_date)
        row.addWidget(self.date, 1)
        row.addWidget(self.precision)
        return box

    def _on_has_date_toggled(self, on: bool) -> None:
        self.date.setEnabled(on)
        self.precision.setEnabled(on)

    def snapshot(self) -> tuple[object, ...]:
        return (
            *super().snapshot(),
            self.has_date.isChecked(),
            self.date.date().toString(),
            self.precision.currentData(),
        )

    def data(self) -> MotionInput:
        if not self.title.text().strip():
            raise ValidationError(_("title"), "", _("must not be empty"))
        q = self.date.date()
        return MotionInput(
            title=self.title.text(),
            number=self.number.text(),
            submitters=self.submitters.text(),
            body=self.body.currentData() or "",
            dossier_id=self.dossier.currentData() or None,
            date=dt.date(q.year(), q.month(), q.day()) if self.has_date.isChecked() else None,
            date_precision=self.precision.currentData(),
            result=self.result.currentData(),
            execution_status=self.execution.currentData(),
            notes=self.notes.toPlainText(),
        )

    def check(self) -> None:
        self.data()

    def save(self) -> int:
        if self._id is None:
            return self._services.motions.add(self.data()).ids[0]
        self._services.motions.update(self._id, self.data(), version=self.version)
        return self._id
