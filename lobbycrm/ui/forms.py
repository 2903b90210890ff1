"""Dialog forms that show each problem beside its field, guard unsaved changes and handle a
save refused because a colleague changed the record meanwhile (reload, or see both)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from lobbycrm.core.conflicts import ConflictError
from lobbycrm.core.errors import LobbyError, ValidationError
from lobbycrm.core.i18n import _
from lobbycrm.core.validation import amsterdam_today

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
        # The row the editor was filled from and its version (passed back on save).
        self.record: Any = None
        self.version: int | None = None
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

    # --- a colleague saved first -----------------------------------------------------------

    def fresh_copy(self) -> FormDialog | None:
        """The same editor opened anew on the saved record; used to reload and to show both
        versions. Editors built as `Editor(services, record_id, parent)` that keep them as
        `_services` and `_id` get this for free."""
        services, ident = getattr(self, "_services", None), getattr(self, "_id", None)
        if services is None or ident is None:
            return None
        try:
            return type(self)(services, ident)  # type: ignore[call-arg]
        except LobbyError:  # deleted meanwhile
            return None

    def values(self) -> Mapping[str, object]:
        """What this editor would save, by field name (compared with the saved record)."""
        data = getattr(self, "data", None)
        try:
            value = data() if callable(data) else None
        except LobbyError:
            return {}
        return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else {}

    def saved_values(self) -> Mapping[str, object]:
        """The saved record (`self.record`, the row the editor was filled from)."""
        to_json = getattr(self.record, "to_json", None)
        return to_json() if callable(to_json) else {}

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
        except ConflictError as exc:
            if self._on_conflict(exc):
                self.accept()
            return
        except LobbyError as exc:
            self.show_error(exc)
            return
        self.accept()

    def _on_conflict(self, exc: ConflictError) -> bool:
        """True when the user chose to save their version after all (and it was saved)."""
        fresh = self.fresh_copy()
        if fresh is None:
            self.show_error(exc)
            return False
        choice = resolve_conflict(self, exc, self.values(), fresh.saved_values())
        if choice == RELOAD:
            copy_widget_state(self, fresh)
            self.version = fresh.version
            self._initial = self.snapshot()
            self.validate()
        elif choice == OVERWRITE:
            self.version = fresh.version
            try:
                self.saved_id = self.save()
            except LobbyError as again:
                self.show_error(again)
                return False
            return True
        fresh.deleteLater()
        return False

    def reject(self) -> None:
        if self.snapshot() != self._initial:
            answer = QMessageBox.question(
                self, _("Unsaved changes"), _("Discard the changes you made?")
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def today_qdate() -> QDate:
    """Today in the Netherlands, for a date field (QDate.currentDate is the machine's zone)."""
    return qdate(amsterdam_today())


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


# --- conflicts -------------------------------------------------------------------------------

RELOAD, OVERWRITE, KEEP_EDITING = "reload", "overwrite", "keep-editing"


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_shown(v) for v in value)
    return str(value)


def compare_rows(
    mine: Mapping[str, object], theirs: Mapping[str, object]
) -> list[tuple[str, str, str]]:
    """(field, your value, saved value) for every field both name that differs."""
    from lobbycrm.services.audit import field_words

    rows = []
    for key, value in mine.items():
        if key not in theirs:
            continue
        a, b = _shown(value), _shown(theirs[key])
        if a.strip() != b.strip():
            rows.append((field_words(key)[0] if field_words(key) else key, a, b))
    return rows


class ConflictDialog(QDialog):
    """'Changed by Sanne at 14:32 while you were editing': reload the saved version, see both
    versions side by side, save yours over it after all, or go on editing."""

    def __init__(
        self, exc: ConflictError, rows: list[tuple[str, str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Changed by someone else"))
        self.choice = KEEP_EDITING
        message = QLabel(
            str(exc) + "\n\n" + _("Your changes are not saved yet. What do you want to do?")
        )
        message.setWordWrap(True)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(
            [_("Field"), _("Your version"), _("Saved version ({author})").format(author=exc.author)]
        )
        self.table.setAccessibleName(_("Both versions"))
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(i, j, item)
        self.table.setVisible(False)
        self.reload_button = QPushButton(_("&Reload the saved version"))
        self.compare_button = QPushButton(_("&See both versions"))
        self.overwrite_button = QPushButton(_("Save &mine after all"))
        self.cancel_button = QPushButton(_("&Go on editing"))
        self.compare_button.setEnabled(bool(rows))
        buttons = QDialogButtonBox()
        for button, role in (
            (self.reload_button, QDialogButtonBox.ButtonRole.AcceptRole),
            (self.compare_button, QDialogButtonBox.ButtonRole.ActionRole),
            (self.overwrite_button, QDialogButtonBox.ButtonRole.DestructiveRole),
            (self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole),
        ):
            buttons.addButton(button, role)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        buttons.clicked.connect(self._on_buttons_clicked)
        self.reload_button.setDefault(True)

    def _on_buttons_clicked(self, button: QAbstractButton) -> None:
        if button is self.compare_button:
            self.table.setVisible(True)
            self.compare_button.setEnabled(False)
            self.resize(max(self.width(), 640), max(self.height(), 360))
            return
        if button is self.reload_button:
            self.choice = RELOAD
            self.accept()
        elif button is self.overwrite_button:
            self.choice = OVERWRITE
            self.accept()
        else:
            self.choice = KEEP_EDITING
            self.reject()


def settle_conflict(
    parent: QWidget | None,
    exc: ConflictError,
    mine: object,
    load_saved: Callable[[], Any],
    reload: Callable[[Any], None],
    save_over: Callable[[Any], None],
) -> bool:
    """The whole conflict for an editor that is not a FormDialog: `mine` is what it tried to
    save (a dataclass), `load_saved()` the saved row now; `reload(row)` fills the editor with
    it, `save_over(row)` saves `mine` over that row's version. True when saved after all."""
    try:
        saved = load_saved()
    except LobbyError:  # deleted meanwhile: nothing to reload or compare
        QMessageBox.warning(parent, _("Changed by someone else"), str(exc))
        return False
    values = dataclasses.asdict(mine) if dataclasses.is_dataclass(mine) else {}  # type: ignore[arg-type]
    choice = resolve_conflict(parent, exc, values, saved.to_json())
    if choice == RELOAD:
        reload(saved)
    elif choice == OVERWRITE:
        save_over(saved)
        return True
    return False


def resolve_conflict(
    parent: QWidget | None,
    exc: ConflictError,
    mine: Mapping[str, object],
    theirs: Mapping[str, object],
) -> str:
    """Ask what to do about a refused save: RELOAD, OVERWRITE or KEEP_EDITING."""
    dialog = ConflictDialog(exc, compare_rows(mine, theirs), parent)
    dialog.exec()
    return dialog.choice


def copy_widget_state(target: QWidget, source: QWidget) -> None:
    """Give the fields of `target` the values of the same fields in `source`, an editor built
    by the same code (so its widgets come in the same order)."""
    kinds: tuple[type[QWidget], ...] = (
        QLineEdit,
        QPlainTextEdit,
        QComboBox,
        QCheckBox,
        QDateEdit,
        QDateTimeEdit,
        QTimeEdit,
        QSpinBox,
        QListWidget,
    )

    def fields(root: QWidget) -> list[QWidget]:
        return [w for w in root.findChildren(QWidget) if isinstance(w, kinds)]

    for mine, theirs in zip(fields(target), fields(source), strict=False):
        if type(mine) is not type(theirs):
            continue
        _copy_one(mine, theirs)


def _copy_one(mine: Any, theirs: Any) -> None:
    if isinstance(mine, QLineEdit):
        mine.setText(theirs.text())
    elif isinstance(mine, QPlainTextEdit):
        mine.setPlainText(theirs.toPlainText())
    elif isinstance(mine, QComboBox):
        index = mine.findData(theirs.currentData())
        if index < 0:
            index = mine.findText(theirs.currentText())
        if index >= 0:
            mine.setCurrentIndex(index)
        elif mine.isEditable():
            mine.setEditText(theirs.currentText())
    elif isinstance(mine, QCheckBox):
        mine.setChecked(theirs.isChecked())
    elif isinstance(mine, QDateTimeEdit):
        mine.setDateTime(theirs.dateTime())
    elif isinstance(mine, QSpinBox):
        mine.setValue(theirs.value())
    elif isinstance(mine, QListWidget):
        wanted = {
            theirs.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(theirs.count())
            if theirs.item(i).checkState() == Qt.CheckState.Checked
        }
        for i in range(mine.count()):
            item = mine.item(i)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                checked = item.data(Qt.ItemDataRole.UserRole) in wanted
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
