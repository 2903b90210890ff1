"""The person editor offers to split a whole name typed into one field, and keeps its size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QMessageBox, QScrollArea

from lobbycrm.bootstrap import Context
from lobbycrm.core import names
from lobbycrm.ui.people.dialog import PersonDialog
from lobbycrm.ui.people.name_split import split_offer


@pytest.fixture(autouse=True)
def _discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing an edited editor asks; the tests' clean-up answers yes."""
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)


@pytest.mark.parametrize(
    ("text", "surname_field", "expected"),
    [
        ("mr. drs. J.P. van der Berg", True, ("mr. drs.", "J.P.", "", "van der", "Berg")),
        ("van der Linden", True, ("", "", "", "van der", "Linden")),
        ("Jan de Vries", False, ("", "J.", "Jan", "de", "Vries")),
        ("Perin-Gopie", True, None),
        ("Bijsterveld-ter Horst", True, None),  # a surname of two words stays one
        ("Jan", False, None),
    ],
)
def test_what_is_offered(text: str, surname_field: bool, expected: tuple[str, ...] | None) -> None:
    parts = split_offer(text, surname_field)
    found = (
        (parts.titles, parts.initials, parts.first_name, parts.particle, parts.surname)
        if parts
        else None
    )
    assert found == expected


def test_a_whole_name_in_the_surname_is_split_with_one_click(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    dialog = PersonDialog(demo_ctx.services)
    qtbot.addWidget(dialog)
    dialog.show()
    size = dialog.size()
    offer = dialog.name_split
    assert not offer.split_button.isVisible() and dialog.error.text() == ""
    qtbot.keyClicks(dialog.surname, "mr. drs. J.P. van der Berg")
    assert offer.split_button.isVisible()
    assert offer.text.text() == "Een hele naam? mr. drs. · J.P. · van der · Berg"
    assert dialog.size() == size
    qtbot.mouseClick(offer.split_button, Qt.MouseButton.LeftButton)
    fields = (dialog.titles, dialog.initials, dialog.first_name, dialog.particle, dialog.surname)
    assert [f.text() for f in fields] == ["mr. drs.", "J.P.", "", "van der", "Berg"]
    assert not offer.split_button.isVisible() and dialog.preview.isVisible()
    assert "Geachte heer/mevrouw Van der Berg," in dialog.preview.text()
    # A problem appearing beneath a field does not make the dialog jump.
    qtbot.keyClicks(dialog.emails, "geen-adres")
    assert dialog.field_errors["emails"].isVisibleTo(dialog) and dialog.size() == size
    dialog.emails.clear()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.saved_id is not None
    saved = demo_ctx.services.people.get(dialog.saved_id)
    assert (saved.titles, saved.initials, saved.particle, saved.surname) == (
        "mr. drs.",
        "J.P.",
        "van der",
        "Berg",
    )
    assert names.sort_name(names.NameParts("Berg", "van der", "J.P.")) == "Berg, J.P. van der"


def test_a_whole_name_in_the_first_name_field(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    dialog = PersonDialog(demo_ctx.services)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.first_name, "Jan de Vries")
    qtbot.mouseClick(dialog.name_split.split_button, Qt.MouseButton.LeftButton)
    assert [dialog.first_name.text(), dialog.particle.text(), dialog.surname.text()] == [
        "Jan",
        "de",
        "Vries",
    ]


def test_labels_have_room_and_the_form_scrolls(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    person = next(p for p in demo_ctx.services.people.list() if len(p.roles) > 1)
    dialog = PersonDialog(demo_ctx.services, person)
    qtbot.addWidget(dialog)
    dialog.show()
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None
    form = scroll.widget().layout()
    assert isinstance(form, QFormLayout)
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = item.widget() if item else None
        if isinstance(label, QLabel) and label.text():
            advance = QFontMetrics(label.font()).horizontalAdvance(label.text().replace("&", ""))
            assert label.contentsRect().width() >= advance + 3, label.text()
    assert dialog.height() <= dialog.screen().availableGeometry().height()


def test_the_roles_organisation_is_searched_and_must_be_picked(qtbot, demo_ctx: Context) -> None:  # type: ignore[no-untyped-def]
    dialog = PersonDialog(demo_ctx.services)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.surname, "Jansen")
    picker = dialog.organisation
    qtbot.keyClicks(picker, "CDA")
    qtbot.waitUntil(lambda: picker.model.rowCount() > 0)
    # A few matches from a limited query, not the whole table.
    found = [c.label for c in picker.model.choices]
    assert "CDA (Eerste Kamer)" in found and len(found) < 5
    # Typed but not picked: the field says so and nothing can be saved.
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert dialog.field_errors["organisation"].isVisibleTo(dialog) and not save.isEnabled()
    picker.set_current(next(c.id for c in picker.model.choices if c.label == "CDA (Eerste Kamer)"))
    qtbot.keyClicks(dialog.role, "woordvoerder")
    assert save.isEnabled()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    saved = demo_ctx.services.people.get(dialog.saved_id or 0)
    assert [(r.organisation, r.role) for r in saved.roles] == [
        ("CDA (Eerste Kamer)", "woordvoerder")
    ]
