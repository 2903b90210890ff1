"""Letters section: edit templates with a live preview; manage and produce mailings."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core import labels
from lobbycrm.core.errors import LobbyError
from lobbycrm.core.files import file_problem
from lobbycrm.core.i18n import N_, _, ngettext
from lobbycrm.letters import templates
from lobbycrm.services import Changes
from lobbycrm.services.audit import LastChange
from lobbycrm.services.letters import FORMATS, LetterRequest
from lobbycrm.ui.forms import error_label
from lobbycrm.ui.letters.composer import LetterComposer
from lobbycrm.ui.letters.cosigners import CosignerPanel, approve_pending
from lobbycrm.ui.letters.preview import LetterPreview
from lobbycrm.ui.outreach.panels import AnswersPanel, OutboxPanel
from lobbycrm.ui.outreach.sending import send_mailing
from lobbycrm.ui.pickers import SearchPicker
from lobbycrm.ui.signals import AppSignals

STATUS_LABELS = labels.COSIGNER_STATUS
# How many of the newest mailings the list shows before the user types part of a name.
MAILING_ROWS = 200
FORMAT_LABELS = {
    "eml": N_("e-mail drafts (.eml)"),
    "pdf": N_("PDF"),
    "html": N_("web page (.html)"),
    "txt": N_("plain text (.txt)"),
}


class TemplateEditor(QWidget):
    """Edit a template's text; the preview follows as you type, errors name their line."""

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self._ctx = ctx
        self.templates = QListWidget()
        self.name = QLineEdit()
        self.text = QPlainTextEdit()
        choices = ctx.services.choices
        self.recipient = SearchPicker(
            choices.people, choices.person, _("Type a name to preview for...")
        )
        self.event_choice = SearchPicker(
            choices.events, choices.event, _("No event (type to choose one)")
        )
        self.preview = LetterPreview(ctx.services.letters)
        self.error = error_label()
        self.save_button = QPushButton(_("&Save as my template"))
        for widget, label in (
            (self.templates, _("Templates")),
            (self.name, _("Template name")),
            (self.text, _("Template text")),
            (self.recipient, _("Preview for")),
            (self.event_choice, _("Event")),
            (self.preview, _("Preview")),
            (self.error, _("Problems")),
            (self.save_button, _("Save")),
        ):
            widget.setAccessibleName(label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        form = QFormLayout()
        form.addRow(_("&Name"), self.name)
        form.addRow(_("Preview &for"), self.recipient)
        form.addRow(_("E&vent"), self.event_choice)
        editor = QWidget()
        col = QVBoxLayout(editor)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(form)
        col.addWidget(self.text, 1)
        col.addWidget(self.error)
        col.addWidget(self.save_button)
        splitter = QSplitter()
        splitter.addWidget(self.templates)
        splitter.addWidget(editor)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._fill()
        self._timer.timeout.connect(self.update_preview)
        self.text.textChanged.connect(self._timer.start)
        self.recipient.choice_made.connect(self.update_preview)
        self.event_choice.choice_made.connect(self.update_preview)
        self.event_choice.choice_cleared.connect(self.update_preview)
        self.preview.sender_changed.connect(self.update_preview)
        self.templates.currentItemChanged.connect(self._on_templates_current_changed)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        if self.templates.count():
            self.templates.setCurrentRow(0)

    def _fill(self) -> None:
        self.templates.clear()
        for t in templates.available():
            item = QListWidgetItem(t.name)
            item.setData(Qt.ItemDataRole.UserRole, str(t.path))
            self.templates.addItem(item)
        # A first person and the next plenary debate to preview with; each is one LIMITed query.
        choices = self._ctx.services.choices
        if self.recipient.current_id() is None:
            self.recipient.set_choice(next(iter(choices.people("", 1)), None))
        if self.event_choice.current_id() is None:
            self.event_choice.set_choice(
                next(iter(choices.events("", 1, kinds=("plenary-debate",))), None)
            )

    def _on_templates_current_changed(self, item: QListWidgetItem | None, *_a: object) -> None:
        if item is None:
            return
        path = Path(item.data(Qt.ItemDataRole.UserRole))
        self.name.setText(path.stem)
        try:
            # A file in another encoding opens with its bad bytes shown as replacements.
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            text = file_problem(path, exc).why
        self.text.setPlainText(text)
        self.update_preview()

    def update_preview(self, *_args: object) -> None:
        person = self.recipient.current_id()
        if person is None:
            return
        req = LetterRequest(template="", selectors=[], event_id=self.event_choice.current_id())
        try:
            page = self._ctx.services.letters.preview_page(self.text.toPlainText(), req, person)
        except LobbyError as exc:
            self.error.setText(str(exc))
            return
        self.error.setText("")
        self.preview.show_letter(page)

    def _on_save_button_clicked(self) -> None:
        try:
            path = self._ctx.services.letters.save_template(
                self.name.text(), self.text.toPlainText()
            )
        except LobbyError as exc:
            self.error.setText(str(exc))
            return
        current = self.name.text()
        self._fill()
        found = self.templates.findItems(current, Qt.MatchFlag.MatchExactly)
        if found:
            self.templates.setCurrentItem(found[0])
        self.error.setText(_("Saved: {path}").format(path=path))


class MailingPanel(QWidget):
    """A recorded mailing: co-signers and their answers, text versions with diff, producing."""

    new_letter_requested = Signal()
    open_requested = Signal(int)

    def __init__(self, ctx: Context, signals: AppSignals) -> None:
        super().__init__()
        self._ctx = ctx
        self._signals = signals
        self.mailings = QListWidget()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search mailings..."))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search mailings"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self.cosigners = CosignerPanel(ctx, signals)
        self.format = QComboBox()
        for f in FORMATS:
            self.format.addItem(_(FORMAT_LABELS[f]) if f in FORMAT_LABELS else f, f)
        self.produce_button = QPushButton(_("&Produce..."))
        self.send_button = QPushButton(_("Send by &e-mail..."))
        self.new_button = QPushButton(_("&New letter..."))
        self.version_button = QPushButton(_("&Open in the composer"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        for widget, label in (
            (self.mailings, _("Mailings")),
            (self.format, _("Format")),
            (self.produce_button, _("Produce")),
        ):
            widget.setAccessibleName(label)
        produce = QHBoxLayout()
        produce.addWidget(self.new_button)
        produce.addWidget(self.version_button)
        produce.addWidget(QLabel(_("Format")))
        produce.addWidget(self.format)
        produce.addWidget(self.produce_button)
        produce.addWidget(self.send_button)
        produce.addStretch(1)
        right = QWidget()
        col = QVBoxLayout(right)
        col.addWidget(self.summary)
        col.addWidget(self.cosigners, 1)
        col.addLayout(produce)
        left = QWidget()
        left_col = QVBoxLayout(left)
        left_col.setContentsMargins(0, 0, 0, 0)
        left_col.addWidget(self.search)
        left_col.addWidget(self.mailings, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.mailings.currentRowChanged.connect(self._show)
        self.search.textEdited.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.refresh)
        self.produce_button.clicked.connect(self._on_produce_button_clicked)
        self.send_button.clicked.connect(self._on_send_button_clicked)
        self.new_button.clicked.connect(self.new_letter_requested.emit)
        self.version_button.clicked.connect(self._on_version_button_clicked)
        signals.data_changed.connect(self._on_data_changed)
        self.refresh()

    def refresh(self) -> None:
        current = self.current_id()
        # Rebuilding the list is no choice of the user's: the Answers tab must not follow it.
        self.mailings.blockSignals(True)
        self.mailings.clear()
        # The newest mailings; an older one is found by typing part of its name.
        for m in self._ctx.services.letters.mailing_items(self.search.text(), MAILING_ROWS):
            count = ngettext("{n} recipient", "{n} recipients", m.recipients).format(n=m.recipients)
            item = QListWidgetItem(f"{m.name} — {count}")
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            self.mailings.addItem(item)
            if m.id == current:
                self.mailings.setCurrentItem(item)
        if self.mailings.currentRow() < 0 and self.mailings.count():
            self.mailings.setCurrentRow(0)
        self.mailings.blockSignals(False)
        self._show()

    def current_id(self) -> int | None:
        item = self.mailings.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _show(self, *_args: object) -> None:
        mailing_id = self.current_id()
        if mailing_id is None:
            self.summary.setText(_("No mailings yet."))
            self.cosigners.set_mailing(None)
            return
        m = self._ctx.services.letters.mailing(mailing_id)
        changed = LastChange(m.updated_by, m.updated_at, m.version).text()
        self.summary.setText(
            f"<b>{html.escape(m.name)}</b><br>{html.escape(m.template)} — "
            f"{html.escape(self._ctx.services.recipient_words.summary(m.selectors))}"
            f"<br><i>{html.escape(changed)}</i>"
        )
        self.cosigners.set_mailing(mailing_id)

    def _on_version_button_clicked(self) -> None:
        mailing_id = self.current_id()
        if mailing_id is not None:
            self.open_requested.emit(mailing_id)

    def _on_produce_button_clicked(self) -> None:
        mailing_id = self.current_id()
        if mailing_id is None:
            return
        folder = QFileDialog.getExistingDirectory(self, _("Folder for the letters"))
        if folder:
            self.produce(mailing_id, Path(folder))

    def _on_send_button_clicked(self) -> None:
        mailing_id = self.current_id()
        if mailing_id is not None:
            send_mailing(self._ctx, self._signals, self, mailing_id)

    def produce(self, mailing_id: int, folder: Path, allow_pending: bool | None = None) -> str:
        letters = self._ctx.services.letters
        approved = approve_pending(self, letters, mailing_id, allow_pending)
        if approved is None:
            return ""
        req = letters.request_for(mailing_id, self.format.currentData(), folder, approved)
        dialog = QProgressDialog(_("Producing letters..."), _("Cancel"), 0, 100, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)

        def progress(done: int, total: int) -> bool:
            dialog.setMaximum(total)
            dialog.setValue(done)
            return not dialog.wasCanceled()

        try:
            report = letters.produce(req, mailing_id, progress)
        except (LobbyError, InterruptedError, OSError) as exc:
            dialog.close()
            self.summary.setText(str(exc))
            return str(exc)
        dialog.setValue(dialog.maximum())
        text = _("{n} files written to {folder}").format(n=len(report.written), folder=folder)
        if report.skipped:
            text += "\n" + "\n".join(report.skipped)
        self.summary.setText(text)
        self._signals.data_changed.emit(Changes.of("mailing", "interaction"))
        return text

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.kinds & {"mailing", "interaction"}:
            self.refresh()


class LettersSection(QWidget):
    """Tabs for writing, the template source, mailings, answers and the outbox. Only the tab
    shown is built; the others when first shown or asked for (the template source alone
    takes longer than the rest of the section)."""

    def __init__(self, ctx: Context, signals: AppSignals) -> None:
        super().__init__()
        self._ctx = ctx
        self._signals = signals
        self._built: dict[str, QWidget] = {}
        self.composer = LetterComposer(ctx, signals)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.composer, _("Write a letter"))
        self._lazy = ["editor", "mailings", "answers", "outbox"]
        for title in (
            _("Template source"),
            _("Mailings"),
            _("Answers and follow-up"),
            _("Outbox"),
        ):
            self.tabs.addTab(QWidget(), title)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def _tab(self, key: str) -> QWidget:
        """The tab's panel, built (in place of its placeholder) the first time."""
        found = self._built.get(key)
        if found is not None:
            return found
        ctx, signals = self._ctx, self._signals
        panel: QWidget
        if key == "editor":
            panel = TemplateEditor(ctx)
        elif key == "mailings":
            mailings = MailingPanel(ctx, signals)
            mailings.mailings.currentRowChanged.connect(self._follow_mailing)
            mailings.new_letter_requested.connect(self._on_mailings_new_letter_requested)
            mailings.open_requested.connect(self._on_mailings_open_requested)
            panel = mailings
        elif key == "answers":
            panel = AnswersPanel(ctx, signals)
        else:
            panel = OutboxPanel(ctx, signals)
        self._built[key] = panel
        index = 1 + self._lazy.index(key)
        placeholder, title = self.tabs.widget(index), self.tabs.tabText(index)
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, panel, title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()
        return panel

    @property
    def editor(self) -> TemplateEditor:
        return self._tab("editor")  # type: ignore[return-value]

    @property
    def mailings(self) -> MailingPanel:
        return self._tab("mailings")  # type: ignore[return-value]

    @property
    def answers(self) -> AnswersPanel:
        return self._tab("answers")  # type: ignore[return-value]

    @property
    def outbox(self) -> OutboxPanel:
        return self._tab("outbox")  # type: ignore[return-value]

    def _on_tabs_current_changed(self, index: int) -> None:
        if 1 <= index <= len(self._lazy):
            self._tab(self._lazy[index - 1])

    def _follow_mailing(self, *_args: object) -> None:
        mailing_id = self.mailings.current_id()
        if mailing_id is not None:
            self.answers.select_mailing(mailing_id)

    def _on_mailings_new_letter_requested(self) -> None:
        self.composer.new_letter()
        self.tabs.setCurrentWidget(self.composer)

    def _on_mailings_open_requested(self, mailing_id: int) -> None:
        self.composer.open_mailing(mailing_id)
        self.tabs.setCurrentWidget(self.composer)


def create_section(ctx: Context, signals: AppSignals) -> QWidget:
    return LettersSection(ctx, signals)
