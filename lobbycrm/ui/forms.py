"""Dialog forms that show each problem beside its field and guard unsaved changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.i18n import _

ERROR_STYLE = "color: #b00020"


class FormDialog(QDialog):
    """Subclasses add fields with `field()`, implement `check()` (raise ValidationError
    naming a field) and `save()` (call the service, return the row id).

    Problems are shown once the user has edited a field or pressed Save, never on a form
    that was just opened: an empty new form is not a mistake yet.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}
        self._names: dict[str, str] = {}  # translated field name -> key
        self.saved_id: int | None = None
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._initial: tuple[object, ...] = ()
        self._touched = False

    def field(self, key: str, label: str, widget: QWidget, names: tuple[str, ...] = ()) -> None:
        """`label` carries the mnemonic; `names` are the service's names for this field."""
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setVisible(False)
        error.setWordWrap(True)
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(widget)
        col.addWidget(error)
        self.form.addRow(label, box)
        plain = label.replace("&", "")
        widget.setAccessibleName(plain)
        error.setAccessibleName(_("Problem with {field}").format(field=plain))
        self.errors[key] = error
        self.widgets[key] = widget
        for name in (plain.lower(), *names):
            self._names[name.lower()] = key
        signal: Callable[..., object] | None = None
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            signal = widget.textChanged.connect
        elif isinstance(widget, QComboBox):
            signal = widget.currentIndexChanged.connect
        if signal is not None:
            signal(self._on_field_edited)

    def _on_field_edited(self, *_args: object) -> None:
        self._touched = True
        self.validate()

    def finish(self) -> None:
        """Call at the end of the subclass constructor."""
        self._initial = self.snapshot()
        self._touched = False
        self.validate()

    def snapshot(self) -> tuple[object, ...]:
        out: list[object] = []
        for w in self.widgets.values():
            if isinstance(w, QLineEdit):
                out.append(w.text())
            elif isinstance(w, QPlainTextEdit):
                out.append(w.toPlainText())
            elif isinstance(w, QComboBox):
                out.append(w.currentData())
            else:
                out.append(w.property("value"))
        return tuple(out)

    def check(self) -> None:
        """Raise ValidationError for the first field in error."""

    def save(self) -> int:
        raise LobbyError(_("nothing to save"))

    def show_error(self, exc: LobbyError) -> None:
        for label in self.errors.values():
            label.setVisible(False)
        self.general_error.setText("")
        key = self._names.get(exc.field.lower()) if isinstance(exc, ValidationError) else None
        if key is not None and isinstance(exc, ValidationError):
            self.errors[key].setText(exc.reason)
            self.errors[key].setVisible(True)
        else:
            self.general_error.setText(str(exc))

    def validate(self) -> bool:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        try:
            self.check()
        except LobbyError as exc:
            if self._touched:
                self.show_error(exc)
                save.setEnabled(False)
            else:  # Save stays available: pressing it shows what is missing
                self._clear_errors()
                save.setEnabled(True)
            return False
        self._clear_errors()
        save.setEnabled(True)
        return True

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.setVisible(False)
        self.general_error.setText("")

    def validate_now(self) -> bool:
        """Check and show every problem, as pressing Save does."""
        self._touched = True
        return self.validate()

    def _on_buttons_accepted(self) -> None:
        if not self.validate_now():
            return
        try:
            self.saved_id = self.save()
        except LobbyError as exc:
            self.show_error(exc)
            return
        self.accept()

    def reject(self) -> None:
        if self.snapshot() != self._initial:
            answer = QMessageBox.question(
                self, _("Unsaved changes"), _("Discard the changes you made?")
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()


def error_label() -> QLabel:
    """Where a dialog names the field that is wrong, before anything is saved."""
    label = QLabel()
    label.setStyleSheet("color: #b00020")
    label.setWordWrap(True)
    label.setAccessibleName(_("Problems"))
    return label


class GuardedDialog(QDialog):
    """Asks before closing when the fields differ from how they were opened."""

    discard_question = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._initial: tuple[object, ...] = ()

    def _snapshot(self) -> tuple[object, ...]:
        return ()

    def remember_fields(self) -> None:
        self._initial = self._snapshot()

    def reject(self) -> None:
        if self._snapshot() != self._initial:
            answer = QMessageBox.question(self, _("Unsaved changes"), self.discard_question)
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
