"""The letter composer's widgets and layout: field list, prose editor and source view, and
beside them the preview with the fields, recipients, per-group paragraphs and co-signers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core.i18n import _
from lobbycrm.ui.forms import error_label
from lobbycrm.ui.letters.cosigners import CosignerPanel
from lobbycrm.ui.letters.fieldpanels import FieldInputs, TailoredParagraphs
from lobbycrm.ui.letters.placeholders import PlaceholderEdit
from lobbycrm.ui.letters.preview import LetterPreview
from lobbycrm.ui.letters.recipient_builder import RecipientBuilder
from lobbycrm.ui.letters.sourceview import SourceEdit
from lobbycrm.ui.pickers import SearchPicker
from lobbycrm.ui.signals import AppSignals


def bold_label(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class NewFieldDialog(QDialog):
    """A new free field: what it is called and what the writer should put in it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New field"))
        self.label = QLineEdit()
        self.description = QLineEdit()
        self.label.setAccessibleName(_("Name of the field"))
        self.description.setAccessibleName(_("What belongs in it"))
        form = QFormLayout(self)
        form.addRow(_("&Name of the field"), self.label)
        form.addRow(_("&What belongs in it"), self.description)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class ComposerView(QWidget):
    """The composer's widgets and their layout; LetterComposer gives them behaviour."""

    def __init__(self, ctx: Context, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # --- the text ---
        self.template_choice = QComboBox()
        self.new_button = QPushButton(_("&New letter"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("for example: Oproep asielpact mei 2026"))
        self.subject = PlaceholderEdit(single_line=True)
        self.body = PlaceholderEdit()
        self.source = SourceEdit()
        self.source_why = QLabel()
        self.source_why.setWordWrap(True)
        self.source_why.setStyleSheet("color:#8a1c1c")
        self.stack = QStackedWidget()
        self.prose_button = QPushButton(_("Show as &text again"))
        self.palette = QListWidget()
        self.new_field_button = QPushButton(_("New &field..."))
        self.paragraph_button = QPushButton(_("Paragraph for one &group or person..."))
        # --- beside it ---
        self.recipients = RecipientBuilder(ctx.services, compact=True)
        self.debate = SearchPicker(
            lambda text, limit: ctx.services.choices.events(text, limit),
            ctx.services.choices.event,
            placeholder=_("Debate or meeting: type part of the title..."),
        )
        self.attachments = QListWidget()
        self.attachments.setMaximumHeight(80)
        self.attach_button = QPushButton(_("Add &attachment..."))
        self.preview_for = QComboBox()
        self.preview = LetterPreview(ctx.services.letters)
        self.field_inputs = FieldInputs()
        self.tailored = TailoredParagraphs(ctx)
        self.cosigners = CosignerPanel(ctx, signals)
        self.tabs = QTabWidget()
        self.status = error_label()
        self.record_button = QPushButton(_("&Record letter"))
        self.eml_button = QPushButton()
        self.pdf_button = QPushButton()
        for widget, label in (
            (self.template_choice, _("Start from template")),
            (self.name, _("Name of the letter")),
            (self.subject, _("Subject")),
            (self.body, _("Letter text")),
            (self.source, _("Template source")),
            (self.palette, _("Fields to insert")),
            (self.debate, _("Debate or meeting")),
            (self.attachments, _("Attachments")),
            (self.preview_for, _("Preview for")),
            (self.preview, _("Preview")),
        ):
            widget.setAccessibleName(label)
        self._build()

    # --- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        prose_page = QWidget()
        col = QVBoxLayout(prose_page)
        col.setContentsMargins(0, 0, 0, 0)
        subject_row = QHBoxLayout()
        subject_row.addWidget(QLabel(_("Subject:")))
        subject_row.addWidget(self.subject, 1)
        col.addLayout(subject_row)
        col.addWidget(self.body, 1)
        source_page = QWidget()
        col2 = QVBoxLayout(source_page)
        col2.setContentsMargins(0, 0, 0, 0)
        why_row = QHBoxLayout()
        why_row.addWidget(self.source_why, 1)
        why_row.addWidget(self.prose_button, 0, Qt.AlignmentFlag.AlignTop)
        col2.addLayout(why_row)
        col2.addWidget(self.source, 1)
        self.stack.addWidget(prose_page)
        self.stack.addWidget(source_page)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Start from")))
        top.addWidget(self.template_choice, 1)
        top.addWidget(self.new_button)
        name_row = QHBoxLayout()
        name_label = QLabel(_("&Name"))
        name_label.setBuddy(self.name)
        name_row.addWidget(name_label)
        name_row.addWidget(self.name, 1)
        editor = QWidget()
        ecol = QVBoxLayout(editor)
        ecol.setContentsMargins(0, 0, 0, 0)
        ecol.addLayout(top)
        ecol.addLayout(name_row)
        ecol.addWidget(self.stack, 1)
        palette = QWidget()
        pcol = QVBoxLayout(palette)
        pcol.setContentsMargins(0, 0, 0, 0)
        pcol.addWidget(bold_label(_("Fields (double-click, or type «)")))
        pcol.addWidget(self.palette, 1)
        pcol.addWidget(self.new_field_button)
        pcol.addWidget(self.paragraph_button)
        self.paragraph_button.setToolTip(
            _("Marks a place for a paragraph that only one party group or person gets")
        )
        # Preview with the fields beside it.
        preview_page = QWidget()
        vcol = QVBoxLayout(preview_page)
        vcol.setContentsMargins(4, 4, 4, 4)
        pick = QHBoxLayout()
        preview_label = QLabel(_("Preview &for"))
        preview_label.setBuddy(self.preview_for)
        pick.addWidget(preview_label)
        pick.addWidget(self.preview_for, 1)
        vcol.addLayout(pick)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.preview)
        fields_box = QWidget()
        fcol = QVBoxLayout(fields_box)
        fcol.setContentsMargins(0, 0, 0, 0)
        fcol.addWidget(bold_label(_("What this letter needs (* = required)")))
        fcol.addWidget(self.field_inputs, 1)
        split.addWidget(fields_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        vcol.addWidget(split, 1)
        who_page = QWidget()
        wform = QFormLayout(who_page)
        wform.addRow(_("Recipients"), self.recipients)
        wform.addRow(_("&Debate"), self.debate)
        files = QVBoxLayout()
        files.addWidget(self.attachments)
        files.addWidget(self.attach_button, 0, Qt.AlignmentFlag.AlignLeft)
        wform.addRow(_("Attachments"), files)
        self.tabs.addTab(preview_page, _("Preview and fields"))
        # The recipient builder is tall: it scrolls inside its tab on a laptop screen.
        who_scroll = QScrollArea()
        who_scroll.setWidgetResizable(True)
        who_scroll.setFrameShape(QFrame.Shape.NoFrame)
        who_scroll.setWidget(who_page)
        self.tabs.addTab(who_scroll, _("Recipients and attachments"))
        self.tabs.addTab(self.tailored, _("Per group or person"))
        self.tabs.addTab(self.cosigners, _("Co-signers"))
        split_main = QSplitter()
        split_main.addWidget(palette)
        split_main.addWidget(editor)
        split_main.addWidget(self.tabs)
        split_main.setStretchFactor(1, 3)
        split_main.setStretchFactor(2, 3)
        split_main.setSizes([165, 460, 720])
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.record_button)
        bottom.addWidget(self.eml_button)
        bottom.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split_main, 1)
        layout.addLayout(bottom)
