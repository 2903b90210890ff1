"""The letter composer, driven as a new user would: no `{` typed anywhere, real files out."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from lobbycrm.bootstrap import Context
from lobbycrm.ui.letters.composer import LetterComposer
from lobbycrm.ui.letters.placeholders import PlaceholderEdit
from lobbycrm.ui.letters.recipient_builder import RecipientBuilder
from lobbycrm.ui.letters.section import LettersSection
from lobbycrm.ui.pickers import SearchPicker
from lobbycrm.ui.signals import AppSignals


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """What the user types; the point of the composer is that this never needs a brace."""
    assert "{" not in text and "}" not in text
    qtbot.keyClicks(widget, text)


def tick(qtbot: QtBot, builder: RecipientBuilder, source: str, text: str, wanted: str) -> None:
    """Search the recipient builder for one kind of recipient and tick the match."""
    builder.source.setCurrentIndex(builder.source.findData(source))
    type_text(qtbot, builder.search, text)
    offered = builder.offered
    qtbot.waitUntil(
        lambda: any(offered.item(i).text().startswith(wanted) for i in range(offered.count()))
    )
    item = next(
        offered.item(i) for i in range(offered.count()) if offered.item(i).text().startswith(wanted)
    )
    item.setCheckState(Qt.CheckState.Checked)


def pick(qtbot: QtBot, picker: SearchPicker, text: str, wanted: str) -> None:
    """Type part of a name into a picker and choose the match holding `wanted`."""
    assert picker.isVisible()
    picker.window().activateWindow()
    picker.setFocus()
    qtbot.waitUntil(picker.hasFocus)
    type_text(qtbot, picker, text)
    qtbot.waitUntil(lambda: any(wanted in c.label for c in picker.model.choices))
    labels = [c.label for c in picker.model.choices]
    row = next(i for i, label in enumerate(labels) if wanted in label)
    popup = picker.completer_.popup()
    if not popup.isVisible():
        # Offscreen, the focus sometimes settles late after a tab switch: click back in.
        qtbot.mouseClick(picker, Qt.MouseButton.LeftButton)
        picker.setFocus()
        qtbot.waitUntil(picker.hasFocus)
        picker.refresh()
    qtbot.waitUntil(popup.isVisible)
    for _i in range(row + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    with qtbot.waitSignal(picker.choice_made):
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    # The closing popup hands the focus back to its field; let it, before the next field.
    qtbot.waitUntil(lambda: not popup.isVisible() and QApplication.activePopupWidget() is None)


def complete(qtbot: QtBot, edit: PlaceholderEdit, typed: str, wanted: str) -> None:
    """Type « and a few letters, then take `wanted` from the completion list."""
    edit.setFocus()
    type_text(qtbot, edit, "«" + typed)
    popup = edit.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    model = edit.completer.completionModel()
    rows = [model.index(i, 0).data() for i in range(model.rowCount())]
    for _i in range(rows.index(wanted) + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def modal(qtbot: QtBot, act: object) -> None:
    """Answer the next modal dialog with `act(dialog)` once it is shown."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        act(dialog)  # type: ignore[operator]

    QTimer.singleShot(0, answer)


def test_placeholder_is_one_unit(qtbot: QtBot) -> None:
    edit = PlaceholderEdit()
    qtbot.addWidget(edit)
    edit.set_text("Beste «Aanhef» en verder")
    cursor = edit.textCursor()
    cursor.setPosition(len("Beste «Aanhef»"))
    edit.setTextCursor(cursor)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.text() == "Beste  en verder"
    edit.set_text("Beste «Naam debat» en")
    cursor = edit.textCursor()
    cursor.setPosition(len("Beste "))
    edit.setTextCursor(cursor)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert edit.text() == "Beste  en"
    # The cursor never rests inside a placeholder, so typing cannot split one.
    edit.set_text("A «Fractie» B")
    cursor = edit.textCursor()
    cursor.setPosition(2)
    edit.setTextCursor(cursor)
    qtbot.keyClick(edit, Qt.Key.Key_Right)
    assert edit.textCursor().position() == len("A «Fractie»")
    type_text(qtbot, edit, "!")
    assert edit.text() == "A «Fractie»! B"
    # A selection that cuts through a placeholder removes all of it.
    cursor = edit.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.text() == "! B"


def test_template_with_logic_opens_as_source_saying_why(qtbot: QtBot, demo_ctx: Context) -> None:
    composer = LetterComposer(demo_ctx, AppSignals())
    qtbot.addWidget(composer)
    composer.open_source("Onderwerp: x\n\nA\n{% for c in cosigners %}{{ c.name }}{% endfor %}\n")
    assert not composer.in_prose()
    assert "regel 4" in composer.source_why.text() and "herhaalt" in composer.source_why.text()
    assert composer.source.toPlainText().startswith("Onderwerp: x")
    # A syntax error typed in the source names its line, and the line is marked.
    composer.recipients.set_selectors(["person:1"])
    composer._on_recipients_selection_changed()
    composer.source.setPlainText("Onderwerp: x\n\nA\n{% if %}\n")
    qtbot.waitUntil(lambda: "regel 4" in composer.status.text())
    assert 4 in {s.cursor.blockNumber() + 1 for s in composer.source.extraSelections()}
    # Once the logic is gone, the letter shows as text again.
    composer.source.setPlainText("Onderwerp: {{ event.title }}\n\n{{ recipient.salutation }}\n")
    qtbot.mouseClick(composer.prose_button, Qt.MouseButton.LeftButton)
    assert composer.in_prose() and composer.body.text() == "«Aanhef»\n"
    assert composer.subject.text() == "«Naam debat»"


def test_ctrl_space_offers_the_fields(qtbot: QtBot) -> None:
    edit = PlaceholderEdit()
    edit.set_labels(["Aanhef", "Naam debat", "Kern"])
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    type_text(qtbot, edit, "Beste ")
    qtbot.keyClick(edit, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    popup = edit.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert edit.text() == "Beste «Aanhef»"


def test_new_joint_letter_from_scratch(qtbot: QtBot, demo_ctx: Context, tmp_path: Path) -> None:
    demo_ctx.services.letters.set_sender(
        name="Noor de Wit", organisation="Amnesty", email="noor@amnesty.example", place="Amsterdam"
    )
    section = LettersSection(demo_ctx, AppSignals())
    qtbot.addWidget(section)
    section.resize(1366, 720)
    section.show()
    composer = section.composer
    assert section.tabs.currentWidget() is composer
    qtbot.mouseClick(composer.new_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, composer.name, "Oproep asielpact")

    # Subject: words and a field taken from the completion list.
    composer.subject.setFocus()
    type_text(qtbot, composer.subject, "Oproep over ")
    complete(qtbot, composer.subject, "naam d", "Naam debat")
    assert composer.subject.text() == "Oproep over «Naam debat»"

    # Body: under the salutation, a sentence with two new fields of our own.
    body = composer.body
    body.setFocus()
    cursor = body.textCursor()
    cursor.setPosition(len("«Aanhef»\n\n"))
    body.setTextCursor(cursor)
    type_text(qtbot, body, "Op ")
    complete(qtbot, body, "datum", "Datum debat")
    type_text(qtbot, body, " bespreekt u het pact. ")
    modal(
        qtbot,
        lambda d: (
            qtbot.keyClicks(d.label, "Kern"),
            qtbot.keyClicks(d.description, "De kern van de oproep in een zin"),
            d.accept(),
        ),
    )
    qtbot.mouseClick(composer.new_field_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, body, " Wij vragen u: ")
    modal(
        qtbot,
        lambda d: (
            qtbot.keyClicks(d.label, "Vraag"),
            qtbot.keyClicks(d.description, "Wat wij van de senator vragen"),
            d.accept(),
        ),
    )
    qtbot.mouseClick(composer.new_field_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, body, ". Namens ")
    complete(qtbot, body, "medeonder", "Medeondertekenaars")
    type_text(qtbot, body, ".")
    assert QApplication.activeModalWidget() is None
    # A paragraph only the CDA group gets.
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    modal(qtbot, lambda d: (d.setTextValue("Fractie-alinea"), d.accept()))
    qtbot.mouseClick(composer.paragraph_button, Qt.MouseButton.LeftButton)
    assert isinstance(composer.tabs.currentWidget(), type(composer.tailored))
    assert "«Alinea op maat: Fractie alinea»" in body.text()

    # Recipients in words: the CDA group and one person.
    section_tabs = composer.tabs
    section_tabs.setCurrentIndex(1)
    chooser = composer.recipients
    tick(qtbot, chooser, "org", "CDA", "CDA (Eerste Kamer)")
    tick(qtbot, chooser, "person", "hattem", "Alexander van Hattem")
    assert chooser.words() == ["CDA (Eerste Kamer) (1)", "Alexander van Hattem"]
    pick(qtbot, composer.debate, "asiel", "Plenaire behandeling")
    attachment = tmp_path / "petitie.pdf"
    attachment.write_bytes(b"%PDF-1.4 petitie\n")
    composer.add_attachment(attachment)

    # The per-group paragraph.
    tailored = composer.tailored
    composer.tabs.setCurrentWidget(tailored)
    tailored.scope.setCurrentIndex(tailored.scope.findData("group"))
    pick(qtbot, tailored.who, "CDA", "CDA")
    type_text(qtbot, tailored.text, "Wij danken de CDA-fractie voor haar eerdere vragen.")
    qtbot.mouseClick(tailored.add_button, Qt.MouseButton.LeftButton)
    assert tailored.entries() == [
        "group:CDA:fractie_alinea=Wij danken de CDA-fractie voor haar eerdere vragen."
    ]

    # The fields are asked for; producing names what is missing.
    qtbot.waitUntil(lambda: set(composer.field_inputs.inputs) == {"kern", "vraag"})
    qtbot.waitUntil(lambda: "«Kern»" in composer.eml_button.text())
    assert not composer.eml_button.isEnabled() and "«Vraag»" in composer.pdf_button.text()
    notes = [w.text() for w in composer.field_inputs.widget().findChildren(QLabel)]
    assert "De kern van de oproep in een zin" in notes
    refused = composer.produce("eml", tmp_path / "te-vroeg")
    assert "Kern" in refused and "Vraag" in refused
    assert not (tmp_path / "te-vroeg").exists()
    type_text(qtbot, composer.field_inputs.inputs["kern"], "bescherm kinderen in de asielprocedure")
    type_text(qtbot, composer.field_inputs.inputs["vraag"], "steun het amendement")
    qtbot.waitUntil(composer.eml_button.isEnabled)

    # Preview for each of the two recipients (the demo's CDA group has one senator now).
    composer.tabs.setCurrentIndex(0)
    names = [composer.preview_for.itemText(i) for i in range(composer.preview_for.count())]
    assert len(names) == 2
    seen: dict[str, str] = {}
    for i in range(2):
        composer.preview_for.setCurrentIndex(i)
        seen[names[i]] = composer.preview.toPlainText()
    cda_text = next(t for n, t in seen.items() if "Toorenburg" in n)
    hattem = next(t for n, t in seen.items() if "Hattem" in n)
    assert "Geachte mevrouw Van Toorenburg," in cda_text
    assert "Wij danken de CDA-fractie" in cda_text and "Wij danken" not in hattem
    assert "bescherm kinderen in de asielprocedure" in hattem and "{" not in hattem

    # Record, invite two co-signers and record their approval.
    qtbot.mouseClick(composer.record_button, Qt.MouseButton.LeftButton)
    assert composer.mailing_id is not None
    panel = composer.cosigners
    composer.tabs.setCurrentWidget(panel)
    for typed, name in (("amnesty", "Amnesty"), ("unicef", "UNICEF")):
        pick(qtbot, panel.invite_picker, typed, name)
        qtbot.mouseClick(panel.invite_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2)
    for row in range(2):
        combo = panel.table.cellWidget(row, 1)
        assert isinstance(combo, QComboBox)
        assert combo.currentText() == "uitgenodigd"
        combo.setCurrentIndex(combo.findText("akkoord"))
        qtbot.waitUntil(lambda r=row: panel.table.cellWidget(r, 1) is not None)
    cosigners = demo_ctx.services.letters.mailing(composer.mailing_id).cosigners
    assert [c.status for c in cosigners] == ["approved", "approved"]
    assert all(c.decided_on is not None for c in cosigners)

    # Produce e-mail drafts and a PDF.
    eml_dir, pdf_dir = tmp_path / "eml", tmp_path / "pdf"
    assert "2 bestanden" in composer.produce("eml", eml_dir)
    written = composer.produce("pdf", pdf_dir)
    assert "bestanden" in written, written
    messages: dict[str, EmailMessage] = {}
    for path in eml_dir.glob("*.eml"):
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        messages[str(msg["To"])] = msg
    assert len(messages) == 2
    cda = next(m for to, m in messages.items() if "Toorenburg" in to)
    pvv = next(m for to, m in messages.items() if "Hattem" in to)
    for msg in (cda, pvv):
        assert msg["Subject"].startswith("Oproep over ")
        assert msg["X-Unsent"] == "1"
        text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "bescherm kinderen in de asielprocedure" in text
        assert "Wij vragen u: steun het amendement." in text
        assert "Namens Amnesty International Nederland en UNICEF." in text
        assert "{" not in text and "«" not in text
        files = [p.get_filename() for p in msg.iter_attachments()]
        assert files == ["petitie.pdf"]
    assert "Wij danken de CDA-fractie" in cda.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Wij danken" not in pvv.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    pdfs = list(pdf_dir.glob("*.pdf"))
    assert pdfs and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    from pypdf import PdfReader

    pdf_text = "".join(
        page.extract_text() for page in PdfReader(next(p for p in pdfs if "Hattem" in p.name)).pages
    )
    words = " ".join(pdf_text.split())
    assert "Wij vragen u: steun het amendement." in words and "De heer A. van Hattem" in words

    # The template on disk is ordinary Jinja, with the field descriptions in its header.
    from lobbycrm.letters import templates

    source = templates.load("Oproep asielpact").source
    assert "{# field kern: De kern van de oproep in een zin #}" in source
    assert "{{ fields.kern }}" in source and "{% if fields.fractie_alinea is defined %}" in source


def test_recording_never_overwrites_a_template(qtbot: QtBot, demo_ctx: Context) -> None:
    from lobbycrm.core.errors import LobbyError
    from lobbycrm.letters import templates

    composer = LetterComposer(demo_ctx, AppSignals())
    qtbot.addWidget(composer)
    before = templates.load("herinnering").source
    composer.template_choice.setCurrentIndex(
        next(
            i
            for i in range(composer.template_choice.count())
            if composer.template_choice.itemText(i).startswith("herinnering")
        )
    )
    composer._on_template_choice_activated(composer.template_choice.currentIndex())
    assert composer.name.text() == ""
    composer.name.setText("herinnering")
    composer.recipients.set_selectors(["person:1"])
    with pytest.raises(LobbyError, match="andere naam"):
        composer.record()
    assert templates.load("herinnering").source == before
    assert composer.mailing_id is None


def test_versions_side_by_side_with_changes_marked(qtbot: QtBot, demo_ctx: Context) -> None:
    from lobbycrm.services.letters import LetterRequest
    from lobbycrm.ui.letters.cosigners import CosignerPanel

    letters = demo_ctx.services.letters
    mailing = letters.create_mailing(
        LetterRequest(template="herinnering", selectors=["person:1"], cosigners=["UNICEF"]), "Proef"
    )
    _n, text = letters.version_text(mailing)
    letters.save_version(mailing, text.replace("nogmaals", "opnieuw"), "woord")
    panel = CosignerPanel(demo_ctx, AppSignals())
    qtbot.addWidget(panel)
    panel.set_mailing(mailing)
    combo = panel.table.cellWidget(0, 1)
    assert isinstance(combo, QComboBox) and combo.currentText() == "uitgenodigd"
    assert panel.version_a.currentData() == 1 and panel.version_b.currentData() == 2
    old, new = panel.old_pane.toHtml(), panel.new_pane.toHtml()
    assert "nogmaals" in old and "nogmaals" not in new and "opnieuw" in new
    assert "#f5a9a6" in old and "#8fd9a8" in new  # the changed words, not just the lines
    assert "1 regel(s) verschillen" in panel.diff_summary.text()


def test_field_list_inserts_at_the_cursor(qtbot: QtBot, demo_ctx: Context) -> None:
    composer = LetterComposer(demo_ctx, AppSignals())
    qtbot.addWidget(composer)
    composer.body.set_text("Beste ,")
    cursor = composer.body.textCursor()
    cursor.setPosition(len("Beste "))
    composer.body.setTextCursor(cursor)
    item = next(
        composer.palette.item(i)
        for i in range(composer.palette.count())
        if composer.palette.item(i).text() == "Fractie"
    )
    composer.palette.itemActivated.emit(item)
    assert composer.body.text() == "Beste «Fractie»,"
    assert "{{ recipient.party }}" in composer.template_source()
