"""Qt's own dialogs speak the interface language: file dialog, standard buttons, menus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QLineEdit

from lobbycrm.ui.translation import install_translators, qt_messages, remove_translators


@pytest.fixture
def language(qapp) -> Iterator[object]:  # type: ignore[no-untyped-def]
    installed: list[object] = []
    default = QLocale()

    def install(lang: str) -> None:
        installed.extend(install_translators(qapp, lang))

    yield install
    remove_translators(qapp, installed)  # type: ignore[arg-type]
    QLocale.setDefault(default)


def file_dialog_labels(qtbot) -> list[str]:  # type: ignore[no-untyped-def]
    dialog = QFileDialog(None, "x")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    return [label.text() for label in dialog.findChildren(QLabel)]


def test_file_dialog_in_dutch(qtbot, language) -> None:  # type: ignore[no-untyped-def]
    language("nl")
    labels = file_dialog_labels(qtbot)
    # Qt 6 renamed "Look in:" to "&Look in:"; Qt's Dutch catalogue only knows the old text.
    assert "&Zoeken in:" in labels and "Bestanden van &type:" in labels
    assert "Bestands&naam:" in labels  # from Qt's own catalogue
    assert not any("Look" in text or "Files of" in text for text in labels)
    assert QLocale().name() == "nl_NL"


def test_standard_buttons_and_context_menu_in_dutch(qtbot, language) -> None:  # type: ignore[no-untyped-def]
    language("nl")
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Yes
        | QDialogButtonBox.StandardButton.No
    )
    qtbot.addWidget(box)
    assert {b.text().replace("&", "") for b in box.buttons()} == {
        "Opslaan",
        "Annuleren",
        "Ja",
        "Nee",
    }
    edit = QLineEdit("tekst")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]
    assert "&Ongedaan maken" in texts and "Alles selecteren" in texts


def test_english_keeps_qt_texts(qtbot, language) -> None:  # type: ignore[no-untyped-def]
    language("en")
    assert "&Look in:" in file_dialog_labels(qtbot)
    assert QLocale().name() == "en_GB"


def test_our_qt_catalogue_has_contexts() -> None:
    messages = qt_messages("nl")
    assert messages[("QFileDialog", "&Look in:")] == "&Zoeken in:"
    assert all(context.startswith("Q") for context, _source in messages)
