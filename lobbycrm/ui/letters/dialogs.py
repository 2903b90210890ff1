"""Dialogs of the letters section: a new mailing, and a new text version of a mailing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _
from lobbycrm.letters import templates
from lobbycrm.services.letters import LetterRequest
from lobbycrm.ui.forms import error_label
from lobbycrm.ui.letters.recipient_builder import RecipientBuilder
from lobbycrm.ui.pickers import SearchPicker, org_picker


class NewMailingDialog(QDialog):
    """Record a mailing: template, recipients, event, co-signers, attachments, fields."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.mailing_id: int | None = None
        self.setWindowTitle(_("New mailing"))
        self.name = QLineEdit()
        self.template = QComboBox()
        for t in templates.available():
            self.template.addItem(t.name, t.name)
        self.selectors = RecipientBuilder(ctx.services)
        choices = ctx.services.choices
        self.event_choice = SearchPicker(
            choices.events, choices.event, _("No event (type to choose one)")
        )
        self.cosigners = QLineEdit()
        self.cosigners.setPlaceholderText(_("names or short names, separated by commas"))
        # Organisations are found as you type and added to the names above.
        self.add_cosigner = org_picker(ctx.services.choices)
        self.add_cosigner.setPlaceholderText(_("Add a co-signer: type its name..."))
        self.add_cosigner.setAccessibleName(_("Add a co-signer"))
        self.add_cosigner.choice_made.connect(self._on_add_cosigner_choice_made)
        self.attachments = QListWidget()
        self.attachments.setMaximumHeight(70)
        add_attachment = QPushButton(_("Add &attachment..."))
        add_attachment.clicked.connect(self._on_add_attachment_clicked)
        self.fields = QPlainTextEdit()
        self.fields.setPlaceholderText(
            _("one per line: key=value, group:CDA:key=value or person:12:key=value")
        )
        self.fields.setMaximumHeight(90)
        self.error = error_label()
        for widget, label in (
            (self.name, _("Name")),
            (self.template, _("Template")),
            (self.selectors, _("Recipients")),
            (self.event_choice, _("Event")),
            (self.cosigners, _("Co-signers")),
            (self.attachments, _("Attachments")),
            (add_attachment, _("Add attachment")),
            (self.fields, _("Fields")),
        ):
            widget.setAccessibleName(label)
        files = QHBoxLayout()
        files.addWidget(self.attachments, 1)
        files.addWidget(add_attachment)
        form = QFormLayout()
        form.addRow(_("&Name"), self.name)
        form.addRow(_("&Template"), self.template)
        form.addRow(_("&Recipients"), self.selectors)
        form.addRow(_("E&vent"), self.event_choice)
        form.addRow(_("&Co-signers"), self.cosigners)
        form.addRow("", self.add_cosigner)
        form.addRow(_("Attachments"), files)
        form.addRow(_("&Fields"), self.fields)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(1000, 640)

    def _on_add_cosigner_choice_made(self, _org_id: int) -> None:
        choice = self.add_cosigner.current_choice()
        if choice is None:
            return
        names = [n.strip() for n in self.cosigners.text().split(",") if n.strip()]
        if choice.label not in names:
            names.append(choice.label)
        self.cosigners.setText(", ".join(names))
        self.add_cosigner.set_choice(None)

    def _on_add_attachment_clicked(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Attachments"), str(Path.home()))
        self.attachments.addItems(names)

    def request(self) -> LetterRequest:
        def split(text: str) -> list[str]:
            return [p.strip() for p in text.split(",") if p.strip()]

        return LetterRequest(
            template=self.template.currentData() or "",
            selectors=self.selectors.selection(),
            event_id=self.event_choice.current_id(),
            cosigners=split(self.cosigners.text()),
            attachments=[
                Path(self.attachments.item(i).text()) for i in range(self.attachments.count())
            ],
            fields=[ln.strip() for ln in self.fields.toPlainText().splitlines() if ln.strip()],
        )

    def _on_buttons_accepted(self) -> None:
        try:
            req = self.request()
            if not req.selectors:
                raise LobbyError(_("Tick at least one group or person under Recipients."))
            for path in req.attachments:
                if not path.is_file():
                    raise LobbyError(_("{path}: file not found").format(path=path))
            self._ctx.services.letters.copies(req)  # every copy must render before recording
            self.mailing_id = self._ctx.services.letters.create_mailing(req, self.name.text())
        except LobbyError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class VersionDialog(QDialog):
    """Edit the letter's text; saving keeps it as a new version (the old ones stay)."""

    def __init__(self, ctx: Context, mailing_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._mailing_id = mailing_id
        self.saved_number: int | None = None
        number, text = ctx.services.letters.version_text(mailing_id)
        # A colleague's new text saved meanwhile makes this save refused (not silently later).
        self._version = ctx.services.letters.mailing(mailing_id).version
        self.setWindowTitle(_("New version (now version {n})").format(n=number))
        self.text = QPlainTextEdit(text)
        self.note = QLineEdit()
        self.error = error_label()
        self.text.setAccessibleName(_("Letter text"))
        self.note.setAccessibleName(_("What changed"))
        form = QFormLayout()
        form.addRow(_("What &changed"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(760, 620)

    def _on_buttons_accepted(self) -> None:
        try:
            self.saved_number = self._ctx.services.letters.save_version(
                self._mailing_id, self.text.toPlainText(), self.note.text(), self._version
            )
        except LobbyError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
