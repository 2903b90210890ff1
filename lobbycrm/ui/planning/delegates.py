"""Editors inside the planning tables: a choice list and a seat count that may be cleared."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
)
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from lobbycrm.core.i18n import _

Index = QModelIndex | QPersistentModelIndex


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of (label, value); choosing an item commits it at once."""

    def __init__(
        self, choices: Callable[[], Sequence[tuple[str, str]]], name: str, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._choices = choices
        self._name = name

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(self._name)
        for label, value in self._choices():
            combo.addItem(label, value)
        combo.activated.connect(lambda _i, c=combo: self._on_combo_activated(c))
        return combo

    def _on_combo_activated(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        if editor.currentData() != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class SeatsDelegate(QStyledItemDelegate):
    """Digits only; an empty field means: count the group's members instead."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        edit = QLineEdit(parent)
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), edit))
        edit.setPlaceholderText(_("count members"))
        edit.setAccessibleName(_("Seats"))
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        text = editor.text().strip()
        if text != str(index.data(Qt.ItemDataRole.EditRole) or ""):
            model.setData(index, int(text) if text else None, Qt.ItemDataRole.EditRole)
