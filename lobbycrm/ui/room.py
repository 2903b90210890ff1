"""Room on a small screen: forms that scroll instead of growing, labels that are not clipped."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QScrollArea, QWidget


def unclip_labels(form: QFormLayout) -> None:
    """Give the form's labels a few pixels more than they measure: a label whose mnemonic
    letter comes first ("&Tussenvoegsel") is drawn in two runs without the kerning it was
    measured with, and lost its last letter ("Tussenvoegse|l")."""
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = item.widget() if item is not None else None
        if isinstance(label, QLabel):
            label.setMinimumWidth(label.sizeHint().width() + 4)


def scrolling_form(form: QFormLayout) -> QScrollArea:
    """The form in a frameless scroll area: a problem appearing beneath a field makes the
    form longer, never the dialog bigger, and a long form still fits a 1366x768 screen."""
    body = QWidget()
    body.setLayout(form)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(body)
    return scroll


def fit_on_screen(dialog: QWidget, scroll: QScrollArea, extra: int = 0) -> None:
    """Open the dialog as big as its form wants (plus `extra` pixels of height for a problem
    to appear in), as far as the screen allows."""
    body = scroll.widget()
    want = body.sizeHint() if body is not None else scroll.sizeHint()
    room = dialog.screen().availableGeometry() if dialog.screen() else None
    rest = dialog.sizeHint().height() - scroll.sizeHint().height()
    width = want.width() + scroll.verticalScrollBar().sizeHint().width() + 24
    height = want.height() + rest + extra
    if room is not None:
        width = min(width, room.width() - 20)
        height = min(height, room.height() - 40)
    dialog.resize(width, height)
