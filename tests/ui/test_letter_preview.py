"""The letter preview shows the printed page and follows the chosen recipient at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor

from lobbycrm.bootstrap import Context
from lobbycrm.services.choices import Choice
from lobbycrm.ui.letters.section import LettersSection
from lobbycrm.ui.signals import AppSignals


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def section(qtbot, demo_ctx: Context) -> LettersSection:  # type: ignore[no-untyped-def]
    demo_ctx.services.letters.set_sender(
        name="Noor Jansen",
        function="Political Affairs Officer",
        organisation="Amnesty International Nederland",
        address="Keizersgracht 177, 1016 DR Amsterdam",
        place="Amsterdam",
    )
    widget = LettersSection(demo_ctx, AppSignals())
    widget.resize(1366, 700)
    qtbot.addWidget(widget)
    editor = widget.editor
    names = [editor.templates.item(i).text() for i in range(editor.templates.count())]
    editor.templates.setCurrentRow(names.index("gezamenlijke-brief"))
    return widget


def pick(section: LettersSection, text: str) -> Choice:
    """The one person the recipient picker finds for this text, as a user typing it would."""
    (found,) = section.editor._ctx.services.choices.people(text, 10)
    return found


def test_preview_is_the_page_and_follows_the_recipient(qtbot, section: LettersSection) -> None:  # type: ignore[no-untyped-def]
    editor = section.editor
    editor.recipient.pick(pick(section, "Hattem"))
    text = editor.preview.toPlainText()
    assert "Geachte heer Van Hattem," in text
    # The printed page in print order: letterhead, address block, date line, subject, signature.
    order = [
        "Amnesty International Nederland",
        "De heer A. van Hattem",
        "Amsterdam, ",
        "Betreft: ",
        "Geachte heer Van Hattem,",
        "Met vriendelijke groet,",
        "Noor Jansen",
        "Political Affairs Officer",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions and positions == sorted(positions)
    # Switching recipient replaces the page at once (no timer in between).
    editor.recipient.pick(pick(section, "Toorenburg"))
    text = editor.preview.toPlainText()
    assert "Geachte mevrouw Van Toorenburg," in text and "Van Hattem" not in text
    assert "van de CDA-fractie" in text
    assert editor.preview.page is not None
    assert editor.preview.page.salutation == "Geachte mevrouw Van Toorenburg,"


def test_preview_draws_a_white_sheet_with_the_text(qtbot, section: LettersSection) -> None:  # type: ignore[no-untyped-def]
    section.tabs.setCurrentWidget(section.editor)
    section.show()
    qtbot.waitExposed(section)
    view = section.editor.preview.view
    image = view.grab().toImage()
    assert image.width() > 100
    # Grey around, a white sheet inside, dark text on it.
    assert image.pixelColor(2, 2) != QColor("white")
    middle = image.pixelColor(image.width() // 2, 8 + 20)
    assert middle == QColor("white")
    dark = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, min(image.height(), 600), 3)
        if image.pixelColor(x, y).lightness() < 90
    )
    assert dark > 50


def test_sender_dialog_sets_the_letterhead(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    from lobbycrm.ui.letters.sender import SenderDialog

    letters = demo_ctx.services.letters
    dialog = SenderDialog(letters)
    qtbot.addWidget(dialog)
    assert dialog.inputs["function"].text() == ""  # a placeholder is not offered as a value
    qtbot.keyClicks(dialog.inputs["organisation"], "Defence for Children")
    qtbot.keyClicks(dialog.inputs["place"], "Leiden")
    qtbot.keyClicks(dialog.inputs["phone"], "071 516 0980\x1b[31m")  # control characters dropped
    dialog._on_buttons_accepted()
    assert dialog.result() == dialog.DialogCode.Accepted
    sender = letters.sender()
    assert sender["organisation"]["name"] == "Defence for Children"
    assert sender["place"] == "Leiden" and sender["function"] == ""
    assert "\x1b" not in sender["phone"]
    head = letters.letterhead()
    assert head.organisation == "Defence for Children" and head.place == "Leiden"


def test_preferences_open_the_sender_dialog(qtbot, demo_ctx: Context, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from lobbycrm.ui.letters import sender as sender_module
    from lobbycrm.ui.preferences import PreferencesDialog

    opened: list[object] = []
    monkeypatch.setattr(sender_module.SenderDialog, "exec", lambda self: opened.append(self) or 0)
    dialog = PreferencesDialog(None, demo_ctx.services.letters)
    qtbot.addWidget(dialog)
    assert dialog.sender_button is not None
    qtbot.mouseClick(dialog.sender_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and isinstance(opened[0], sender_module.SenderDialog)
