"""A text editor in which every «placeholder» is one unit: shown as a chip, never half-deleted.

Placeholders are inserted from the field list, or by typing « or Ctrl+Space and picking one
from the list that opens. The cursor never rests inside one; Backspace and Delete remove a whole
placeholder; a selection that cuts through one is widened to include all of it.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QCompleter, QTextEdit, QWidget

from lobbycrm.letters import prose

OPEN = prose.OPEN


class PlaceholderHighlighter(QSyntaxHighlighter):
    """Shows each «placeholder» as a coloured chip; per-recipient paragraphs in another colour."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._field = QTextCharFormat()
        self._field.setBackground(QColor("#dbe9fb"))
        self._field.setForeground(QColor("#0b3d91"))
        self._paragraph = QTextCharFormat()
        self._paragraph.setBackground(QColor("#fde9c8"))
        self._paragraph.setForeground(QColor("#7a4100"))

    def highlightBlock(self, text: str) -> None:
        for start, end, p in prose.placeholders_in(text):
            fmt = self._paragraph if p.kind == "paragraph" else self._field
            self.setFormat(start, end - start, fmt)


def spans(text: str) -> list[tuple[int, int]]:
    return [(s, e) for s, e, _p in prose.placeholders_in(text)]


class PlaceholderEdit(QTextEdit):
    """Plain-text editing with atomic placeholders; `single_line` for the subject."""

    placeholder_inserted = Signal(str)

    def __init__(self, single_line: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.single_line = single_line
        self.highlighter = PlaceholderHighlighter(self.document())
        self._last_pos = 0
        self._labels = QStringListModel(self)
        self.completer = QCompleter(self._labels, self)
        self.completer.setWidget(self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated[str].connect(self._on_completer_activated)
        self.cursorPositionChanged.connect(self._on_self_cursor_position_changed)
        if single_line:
            self.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setFixedHeight(self.fontMetrics().height() + 14)
            self.setTabChangesFocus(True)

    # --- public ------------------------------------------------------------------------------

    def set_labels(self, labels: list[str]) -> None:
        """What the completion list offers."""
        self._labels.setStringList(labels)

    def text(self) -> str:
        return self.toPlainText()

    def set_text(self, text: str) -> None:
        self.setPlainText(text.replace("\n", " ") if self.single_line else text)

    def insert_placeholder(self, label: str) -> None:
        """Put «label» at the cursor (outside any placeholder), replacing a selection."""
        cursor = self.textCursor()
        self._widen(cursor)
        cursor.insertText(prose.placeholder_text(label))
        self.setTextCursor(cursor)
        self.placeholder_inserted.emit(label)

    def show_completion(self) -> None:
        prefix = self._typed_prefix()
        self.completer.setCompletionPrefix(prefix or "")
        rect = self.cursorRect()
        rect.setWidth(260)
        self.completer.complete(rect)

    # --- placeholder geometry ----------------------------------------------------------------

    def _span_at(self, pos: int, inclusive: bool = False) -> tuple[int, int] | None:
        """The placeholder (document positions) that `pos` is strictly inside."""
        block = self.document().findBlock(pos)
        base = block.position()
        for s, e in spans(block.text()):
            lo, hi = base + s, base + e
            if lo < pos < hi or (inclusive and lo <= pos <= hi):
                return lo, hi
        return None

    def _widen(self, cursor: QTextCursor) -> None:
        """Stretch a selection so that it covers whole placeholders only."""
        if not cursor.hasSelection():
            return
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        first = self._span_at(start)
        last = self._span_at(end)
        if first:
            start = first[0]
        if last:
            end = last[1]
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)

    def _typed_prefix(self) -> str | None:
        """What was typed after an open « on this line, if the cursor follows one."""
        cursor = self.textCursor()
        block = cursor.block()
        before = block.text()[: cursor.positionInBlock()]
        at = before.rfind(OPEN)
        if at < 0 or prose.CLOSE in before[at:]:
            return None
        return before[at + 1 :]

    # --- events ------------------------------------------------------------------------------

    def _on_self_cursor_position_changed(self) -> None:
        cursor = self.textCursor()
        pos = cursor.position()
        inside = self._span_at(pos)
        if inside is not None:
            lo, hi = inside
            if cursor.hasSelection():
                # A selection grows to take the whole placeholder, never shrinks from it.
                target = hi if pos > cursor.anchor() else lo
            else:
                target = hi if pos >= self._last_pos else lo
            if cursor.hasSelection():
                cursor.setPosition(target, QTextCursor.MoveMode.KeepAnchor)
            else:
                cursor.setPosition(target)
            self.setTextCursor(cursor)
            pos = target
        self._last_pos = pos

    def _on_completer_activated(self, label: str) -> None:
        prefix = self._typed_prefix()
        cursor = self.textCursor()
        if prefix is not None:
            cursor.movePosition(
                QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(prefix) + 1
            )
            self.setTextCursor(cursor)
        self.insert_placeholder(label)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completer.popup()
        key = event.key()
        if popup.isVisible() and key in (
            Qt.Key.Key_Enter,
            Qt.Key.Key_Return,
            Qt.Key.Key_Escape,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            event.ignore()  # the popup handles these
            return
        if key == Qt.Key.Key_Space and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.show_completion()
            return
        if self.single_line and key in (Qt.Key.Key_Enter, Qt.Key.Key_Return):
            event.ignore()
            return
        cursor = self.textCursor()
        if cursor.hasSelection() and (
            event.text() or key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)
        ):
            self._widen(cursor)
            self.setTextCursor(cursor)
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and not cursor.hasSelection():
            pos = cursor.position()
            probe = pos - 1 if key == Qt.Key.Key_Backspace else pos + 1
            whole = self._span_at(probe, inclusive=False) or self._touching(pos, key)
            if whole is not None:
                cursor.setPosition(whole[0])
                cursor.setPosition(whole[1], QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
                self.setTextCursor(cursor)
                return
        super().keyPressEvent(event)
        if event.text() == OPEN or (popup.isVisible() and event.text()):
            self.show_completion()
        elif popup.isVisible() and self._typed_prefix() is None:
            popup.hide()

    def _touching(self, pos: int, key: int) -> tuple[int, int] | None:
        """A placeholder that ends right before (Backspace) or starts right at (Delete) pos."""
        block = self.document().findBlock(pos)
        base = block.position()
        for s, e in spans(block.text()):
            if key == Qt.Key.Key_Backspace and base + e == pos:
                return base + s, base + e
            if key == Qt.Key.Key_Delete and base + s == pos:
                return base + s, base + e
        return None
