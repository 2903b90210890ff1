"""The letter composer: write the letter as prose with «fields», choose who gets it, fill in
what it needs, see each recipient's copy, record it and produce e-mail drafts or a PDF."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QListWidgetItem,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _
from lobbycrm.letters import fields as letter_fields
from lobbycrm.letters import prose, templates
from lobbycrm.letters.layout import build_page
from lobbycrm.services import Changes
from lobbycrm.services.letters import LetterRequest
from lobbycrm.ui.letters.composer_view import ComposerView, NewFieldDialog
from lobbycrm.ui.letters.cosigners import approve_pending
from lobbycrm.ui.signals import AppSignals

PREVIEW_LIMIT = 100  # recipients offered in the preview list


def new_body() -> str:
    """An empty letter: salutation, room to write, closing and the sender."""
    labels = dict((expr, label) for label, expr in prose.builtin_labels())
    salutation, name, organisation = (
        prose.placeholder_text(labels[expr])
        for expr in ("recipient.salutation", "sender.name", "sender.organisation.name")
    )
    closing = "Met vriendelijke groet,"  # letter text, not the interface: always Dutch
    return f"{salutation}\n\n\n\n{closing}\n\n{name}\n{organisation}\n"


class LetterComposer(ComposerView):
    """Keeps the prose, the Jinja source and the values in step; records and produces."""

    letter_recorded = Signal(int)

    def __init__(self, ctx: Context, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(ctx, signals, parent)
        self._ctx = ctx
        self._signals = signals
        self.mailing_id: int | None = None
        self._stored_source = ""
        self._header: list[str] = []
        self._defaults: dict[str, str] = {}
        self._prose_lines: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._fill_templates()
        self._fill_palette()
        self._connect_signals()
        self.new_letter()

    def _connect_signals(self) -> None:
        self._timer.timeout.connect(self.refresh)
        for edit in (self.subject, self.body):
            edit.textChanged.connect(self._timer.start)
        self.source.textChanged.connect(self._timer.start)
        self.template_choice.activated.connect(self._on_template_choice_activated)
        self.new_button.clicked.connect(self.new_letter)
        self.prose_button.clicked.connect(self._on_prose_button_clicked)
        self.palette.itemActivated.connect(self._on_palette_item_activated)
        self.new_field_button.clicked.connect(self._on_new_field_button_clicked)
        self.paragraph_button.clicked.connect(self._on_paragraph_button_clicked)
        self.recipients.selection_changed.connect(self._on_recipients_selection_changed)
        self.debate.choice_made.connect(self._timer.start)
        self.debate.choice_cleared.connect(self._timer.start)
        self.attach_button.clicked.connect(self._on_attach_button_clicked)
        self.preview_for.currentIndexChanged.connect(self.update_preview)
        self.preview.sender_changed.connect(self.update_preview)
        self.field_inputs.values_changed.connect(self._timer.start)
        self.tailored.paragraphs_changed.connect(self._timer.start)
        self.record_button.clicked.connect(self._on_record_button_clicked)
        self.eml_button.clicked.connect(lambda: self._ask_and_produce("eml"))
        self.pdf_button.clicked.connect(lambda: self._ask_and_produce("pdf"))

    def _fill_templates(self) -> None:
        self.template_choice.clear()
        self.template_choice.addItem(_("(an empty letter)"), "")
        for entry in templates.catalogue(check=False):
            if entry.path is None:
                continue
            if entry.broken or entry.template is None:
                description = _("cannot be used as it is")
            else:
                description = entry.template.description
            text = f"{entry.name} — {description}" if description else entry.name
            self.template_choice.addItem(text, str(entry.path))

    def _fill_palette(self) -> None:
        self.palette.clear()
        used = [n for n in prose.fields_in(self.letter()) if n not in self._slots()]
        for name in used:
            item = QListWidgetItem(prose.field_label(name))
            item.setData(Qt.ItemDataRole.UserRole, prose.field_label(name))
            item.setToolTip(_("A field you fill in yourself"))
            self.palette.addItem(item)
        for label, _expr in prose.builtin_labels():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, label)
            self.palette.addItem(item)
        labels = [self.palette.item(i).text() for i in range(self.palette.count())]
        self.subject.set_labels(labels)
        self.body.set_labels(labels)

    # --- the letter --------------------------------------------------------------------------

    def in_prose(self) -> bool:
        return self.stack.currentIndex() == 0

    def letter(self) -> prose.ProseLetter:
        return prose.ProseLetter(
            self.subject.text(), self.body.text(), list(self._header), dict(self._defaults)
        )

    def template_source(self) -> str:
        return prose.to_jinja(self.letter()) if self.in_prose() else self.source.toPlainText()

    def _slots(self) -> list[str]:
        return [
            p.key for _s, _e, p in prose.placeholders_in(self.body.text()) if p.kind == "paragraph"
        ]

    def new_letter(self) -> None:
        self.mailing_id = None
        self._header, self._defaults = [], {}
        self.name.clear()
        self.subject.set_text("")
        self.body.set_text(new_body())
        self.stack.setCurrentIndex(0)
        self.cosigners.set_mailing(None)
        self.template_choice.setCurrentIndex(0)
        self.refresh()

    def open_source(self, source: str) -> None:
        """Show a template: as prose when it can be, else as source saying why."""
        try:
            letter = prose.to_prose(source)
        except prose.NotProse as exc:
            self.source.setPlainText(source)
            self._prose_lines = {p.line for p in exc.problems}
            self.source.mark_lines(self._prose_lines)
            self.source_why.setText(
                _(
                    "This template uses things the composer cannot show as ordinary text, "
                    "so it opens as its source:"
                )
                + "\n"
                + "\n".join(p.text() for p in exc.problems[:6])
            )
            self.stack.setCurrentIndex(1)
        else:
            self._header, self._defaults = letter.header, letter.defaults
            self.subject.set_text(letter.subject)
            self.body.set_text(letter.body)
            self.stack.setCurrentIndex(0)
        self.refresh()

    def open_mailing(self, mailing_id: int) -> None:
        """Continue a recorded letter: its newest text, recipients, values and co-signers."""
        letters = self._ctx.services.letters
        m = letters.mailing(mailing_id)
        _number, text = letters.version_text(mailing_id)
        self.mailing_id = mailing_id
        self._stored_source = text
        self.name.setText(m.name)
        self.open_source(text)
        self.recipients.set_selectors(m.selectors)
        self.debate.set_current(m.event_id)
        self.attachments.clear()
        for path in m.attachments:
            self.add_attachment(Path(path))
        plain: dict[str, str] = {}
        for entry in m.fields:
            key, _sep, value = entry.partition("=")
            if ":" not in key:
                plain[key.strip()] = value
        self.field_inputs.set_values(plain)
        self.tailored.set_entries(m.fields)
        self.cosigners.set_mailing(mailing_id)
        self.refresh()

    def insert_field(self, label: str) -> None:
        target = self.subject if self.subject.hasFocus() else self.body
        if not self.in_prose():
            return
        target.insert_placeholder(label)

    def add_field(self, label: str, description: str) -> str:
        """A new free field: described in the template's header, inserted at the cursor."""
        name = prose.field_name(label)
        if not name:
            raise LobbyError(_("Give the field a name with at least one letter."))
        if description.strip():
            self._header = prose.header_with_field(self._header, name, description)
        self.insert_field(prose.field_label(name))
        self._fill_palette()
        return name

    def add_paragraph_place(self, label: str) -> str:
        name = prose.field_name(label)
        if not name:
            raise LobbyError(_("Give the place a name with at least one letter."))
        cursor = self.body.textCursor()
        if cursor.positionInBlock() > 0:
            self.body.insertPlainText("\n")
        self.body.insert_placeholder(prose.paragraph_label(name))
        self.body.insertPlainText("\n\n")
        self.refresh()
        self.tailored.slot.setCurrentIndex(self.tailored.slot.findData(name))
        return name

    def request(self, template: str = "") -> LetterRequest:
        values = [f"{k}={v}" for k, v in self.field_inputs.values().items()]
        return LetterRequest(
            template=template,
            selectors=self.recipients.selectors(),
            event_id=self.debate.current_id(),
            attachments=[
                Path(self.attachments.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.attachments.count())
            ],
            fields=values + self.tailored.entries(),
        )

    def add_attachment(self, path: Path) -> None:
        item = QListWidgetItem(path.name)
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        item.setToolTip(str(path))
        self.attachments.addItem(item)
        self._timer.start()

    # --- checking and preview ----------------------------------------------------------------

    def missing(self) -> list[str]:
        source = self.template_source()
        slots = set(self._slots())
        found = letter_fields.missing_fields(source, self.field_inputs.values())
        return [f.name for f in found if f.name not in slots]

    def refresh(self) -> None:
        source = self.template_source()
        slots = set(self._slots())
        self.tailored.set_slots(sorted(slots))
        infos = [f for f in letter_fields.template_fields(source) if f.name not in slots]
        self.field_inputs.set_fields(infos)
        self._fill_palette()
        missing = self.missing()
        self.field_inputs.mark_missing(set(missing))
        if missing:
            names = ", ".join(prose.placeholder_text(prose.field_label(n)) for n in missing)
            for button in (self.eml_button, self.pdf_button):
                button.setText(_("Fill in first: {names}").format(names=names))
                button.setEnabled(False)
        else:
            self.eml_button.setText(_("Make &e-mail drafts..."))
            self.pdf_button.setText(_("Make &PDF..."))
            for button in (self.eml_button, self.pdf_button):
                button.setEnabled(bool(self.recipients.selectors()))
        self.update_preview()

    def _on_recipients_selection_changed(self) -> None:
        current = self.preview_for.currentData()
        self.preview_for.blockSignals(True)
        self.preview_for.clear()
        try:
            people = (
                self._ctx.services.letters.select(self.recipients.selectors())
                if self.recipients.selectors()
                else []
            )
        except LobbyError as exc:
            self.status.setText(str(exc))
            people = []
        for p in people[:PREVIEW_LIMIT]:
            self.preview_for.addItem(p.display_name, p.id)
        found = self.preview_for.findData(current)
        self.preview_for.setCurrentIndex(max(0, found))
        self.preview_for.blockSignals(False)
        self.refresh()

    def update_preview(self) -> None:
        person = self.preview_for.currentData()
        if person is None:
            self.preview.show_message(_("Choose recipients to see their letter here."))
            return
        letters = self._ctx.services.letters
        source = self.template_source()
        values = dict(self.field_inputs.values())
        # A field still empty shows as its placeholder, so the preview can be read anyway.
        for name in self.missing():
            values[name] = prose.placeholder_text(prose.field_label(name))
        req = dataclasses.replace(
            self.request(),
            attachments=[],  # a preview reads no files; producing checks them
            selectors=[f"person:{person}"],
            fields=[f"{k}={v}" for k, v in values.items()] + self.tailored.entries(),
            cosigners=self._cosigner_names(),
        )
        try:
            template = templates.parse_template(self.name.text() or _("draft"), source)
            copy = letters.copies(req, template)[0]
        except LobbyError as exc:
            self.status.setText(str(exc))
            line = getattr(exc, "line", None)
            if not self.in_prose() and isinstance(line, int):
                self.source.mark_lines(self._prose_lines | {line})
            return
        self.status.setText("")
        if not self.in_prose():
            self.source.mark_lines(self._prose_lines)
        self.preview.show_letter(build_page(copy, letters.letterhead()))

    def _cosigner_names(self) -> list[str]:
        if self.mailing_id is None:
            return []
        rows = self._ctx.services.letters.mailing(self.mailing_id).cosigners
        return [c.organisation for c in rows if c.status != "declined"]

    # --- recording and producing -------------------------------------------------------------

    def record(self) -> int:
        """Store the letter: its template (first time) or a new text version, and its values."""
        letters = self._ctx.services.letters
        source = self.template_source()
        name = self.name.text().strip()
        if not name:
            raise LobbyError(_("Give the letter a name first."))
        if self.mailing_id is None:
            taken = {entry.name.casefold() for entry in templates.catalogue(check=False)}
            if name.casefold() in taken:
                # Saving would silently replace that template for every later letter.
                raise LobbyError(
                    _(
                        "A template named {name} exists already: give this letter another name."
                    ).format(name=name)
                )
            letters.save_template(name, source)
            self.mailing_id = letters.create_mailing(self.request(name), name)
            self._stored_source = source
            self.cosigners.set_mailing(self.mailing_id)
            self.letter_recorded.emit(self.mailing_id)
            changes = Changes.of("mailing", ids=(self.mailing_id,))
        else:
            if source != self._stored_source:
                letters.save_version(self.mailing_id, source, _("changed in the composer"))
                self._stored_source = source
            changes = letters.update_mailing(self.mailing_id, self.request(name))
            self.cosigners.refresh()
        self._signals.data_changed.emit(changes)
        self.status.setText(_("Recorded."))
        return self.mailing_id

    def _on_record_button_clicked(self) -> None:
        try:
            self.record()
        except LobbyError as exc:
            self.status.setText(str(exc))

    def _ask_and_produce(self, fmt: str) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Folder for the letters"))
        if folder:
            self.produce(fmt, Path(folder))

    def produce(self, fmt: str, folder: Path, allow_pending: bool | None = None) -> str:
        """Record, then write every copy; a missing field stops it before anything is written."""
        missing = self.missing()
        if missing:
            text = _("Fill in first: {names}").format(
                names=", ".join(prose.field_label(n) for n in missing)
            )
            self.status.setText(text)
            return text
        letters = self._ctx.services.letters
        try:
            mailing_id = self.record()
            approved = approve_pending(self, letters, mailing_id, allow_pending)
            if approved is None:
                return ""
            req = letters.request_for(mailing_id, fmt, folder, approved)
            report = letters.produce(req, mailing_id)
        except (LobbyError, OSError) as exc:
            self.status.setText(str(exc))
            return str(exc)
        text = _("{n} files written to {folder}").format(n=len(report.written), folder=folder)
        if report.skipped:
            text += " — " + "; ".join(report.skipped)
        self.status.setText(text)
        self._signals.data_changed.emit(Changes.of("mailing", "interaction"))
        return text

    # --- slots -------------------------------------------------------------------------------

    def _on_template_choice_activated(self, _index: int) -> None:
        path = self.template_choice.currentData()
        if not path:
            self.new_letter()
            return
        try:
            source = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            self.status.setText(str(exc))
            return
        self.mailing_id = None
        self.cosigners.set_mailing(None)
        # The letter gets a name of its own: recording must not overwrite the template.
        self.name.clear()
        self.open_source(source)

    def _on_prose_button_clicked(self) -> None:
        self.open_source(self.source.toPlainText())

    def _on_palette_item_activated(self, item: QListWidgetItem) -> None:
        self.insert_field(str(item.data(Qt.ItemDataRole.UserRole)))

    def new_field_dialog(self) -> NewFieldDialog:
        return NewFieldDialog(self)

    def _on_new_field_button_clicked(self) -> None:
        dialog = self.new_field_dialog()
        if dialog.exec():
            try:
                self.add_field(dialog.label.text(), dialog.description.text())
            except LobbyError as exc:
                self.status.setText(str(exc))

    def _on_paragraph_button_clicked(self) -> None:
        label, ok = QInputDialog.getText(
            self,
            _("Paragraph for one group or person"),
            _("Name of this place in the letter (for example: Fractie-alinea)"),
        )
        if ok and label.strip():
            try:
                self.add_paragraph_place(label)
            except LobbyError as exc:
                self.status.setText(str(exc))
            self.tabs.setCurrentWidget(self.tailored)

    def _on_attach_button_clicked(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Attachments"), str(Path.home()))
        for name in names:
            self.add_attachment(Path(name))
