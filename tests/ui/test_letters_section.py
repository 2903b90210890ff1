"""The letters section: live preview while typing, saving a template, producing a mailing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox

from lobbycrm.bootstrap import Context
from lobbycrm.services.letters import LetterRequest
from lobbycrm.ui.letters.section import LettersSection
from lobbycrm.ui.signals import AppSignals


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def section(qtbot, demo_ctx: Context) -> LettersSection:  # type: ignore[no-untyped-def]
    demo_ctx.services.letters.set_sender(
        name="Noor", organisation="Amnesty", email="noor@amnesty.example"
    )
    widget = LettersSection(demo_ctx, AppSignals())
    qtbot.addWidget(widget)
    return widget


def test_live_preview_and_syntax_error_with_line(qtbot, section: LettersSection) -> None:  # type: ignore[no-untyped-def]
    editor = section.editor
    editor.templates.setCurrentRow(
        [editor.templates.item(i).text() for i in range(editor.templates.count())].index(
            "gezamenlijke-brief"
        )
    )
    # The recipient is a search-as-you-type picker, not a list of every person.
    hattem = editor._ctx.services.choices.people("hattem", 1)
    editor.recipient.pick(hattem[0])
    assert "Geachte heer Van Hattem," in editor.preview.toPlainText()
    editor.text.setPlainText("Onderwerp: Test\n\n{{ recipient.salutation }}\nregel\n{% if %}\n")
    qtbot.waitUntil(lambda: "regel 5" in editor.error.text(), timeout=3000)
    editor.text.setPlainText("Onderwerp: Test\n\n{{ recipient.salutation }} Zoë\n")
    qtbot.waitUntil(
        lambda: "Geachte heer Van Hattem, Zoë" in editor.preview.toPlainText(), timeout=3000
    )
    assert editor.error.text() == ""


def test_save_user_template(qtbot, section: LettersSection) -> None:  # type: ignore[no-untyped-def]
    editor = section.editor
    editor.name.setText("mijn brief")
    editor.text.setPlainText("Onderwerp: Eigen\n\n{{ recipient.salutation }}\n")
    editor._on_save_button_clicked()
    names = [editor.templates.item(i).text() for i in range(editor.templates.count())]
    assert "mijn brief" in names and "Opgeslagen" in editor.error.text()


def test_cosigner_status_and_produce(
    qtbot,
    section: LettersSection,
    demo_ctx: Context,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    debate = next(
        e.id
        for e in demo_ctx.services.events.list()
        if e.kind == "plenary-debate" and e.organisation != "Gemeenteraad Amsterdam"
    )
    mailing = demo_ctx.services.letters.create_mailing(
        LetterRequest(
            template="gezamenlijke-brief",
            # The demo's CDA has one confirmed spokesperson; VVD's makes two recipients.
            selectors=["org:CDA+role:woordvoerder", "org:VVD+role:woordvoerder"],
            event_id=debate,
            cosigners=["Amnesty", "UNICEF"],
        ),
        "Brief CDA",
    )
    panel = section.mailings
    panel.refresh()
    panel.mailings.setCurrentRow(0)
    assert panel.cosigners.table.rowCount() == 2
    for row in range(2):
        combo = panel.cosigners.table.cellWidget(row, 1)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData("approved" if row == 0 else "declined"))
    statuses = [c.status for c in demo_ctx.services.letters.mailing(mailing).cosigners]
    assert statuses == ["approved", "declined"]
    panel.format.setCurrentIndex(panel.format.findData("txt"))
    text = panel.produce(mailing, tmp_path)
    assert "2 bestanden" in text
    body = next(tmp_path.glob("Toorenburg*.txt")).read_text(encoding="utf-8")
    assert "Amnesty International Nederland" in body and "UNICEF" not in body


def test_only_the_shown_tab_is_built_the_others_when_first_shown(  # type: ignore[no-untyped-def]
    qtbot, section: LettersSection
) -> None:
    from lobbycrm.ui.letters.section import TemplateEditor

    titles = [section.tabs.tabText(i) for i in range(section.tabs.count())]
    assert len(titles) == 5
    assert section.tabs.currentWidget() is section.composer
    assert not any(isinstance(section.tabs.widget(i), TemplateEditor) for i in range(5))
    section.tabs.setCurrentIndex(1)
    editor = section.tabs.currentWidget()
    assert isinstance(editor, TemplateEditor) and editor is section.editor
    assert section.tabs.currentIndex() == 1
    assert [section.tabs.tabText(i) for i in range(section.tabs.count())] == titles
    # Asked for in code, a tab is built in its place without being shown.
    outbox = section.outbox
    assert section.tabs.widget(4) is outbox and section.tabs.currentIndex() == 1


def test_producing_with_unanswered_cosigners_asks_first(
    qtbot, demo_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Co-signers who have not answered: producing asks; 'no' produces nothing."""
    from PySide6.QtWidgets import QMessageBox, QWidget

    from lobbycrm.services.letters import LetterRequest
    from lobbycrm.ui.letters.cosigners import approve_pending

    letters = demo_ctx.services.letters
    req = LetterRequest(
        template="gezamenlijke-brief",
        selectors=["org:CDA+role:woordvoerder"],
        cosigners=["UNICEF"],
    )
    mailing = letters.create_mailing(req, "Vraagt eerst")
    assert [c.status for c in letters.mailing(mailing).cosigners] == ["invited"]
    parent = QWidget()
    qtbot.addWidget(parent)
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def question(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
            asked.append(text)
            return button

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    assert approve_pending(parent, letters, mailing, None) is None
    assert asked and "UNICEF" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    assert approve_pending(parent, letters, mailing, None) is True
    # Given beforehand (the command line's --allow-pending): not asked again.
    asked.clear()
    assert approve_pending(parent, letters, mailing, False) is False
    assert not asked
