"""Collect every text the app shows: walk the widgets of each section, menu entry and dialog.

The explorer opens every section of the section registry, triggers every menu entry and clicks
every button it finds (in sections and, a few levels deep, in the dialogs they open), so a
dialog added later is visited without being named here. Modal dialogs and message boxes are
read and closed from a timer that runs inside their event loop; save dialogs are answered with
a fresh folder (so exports really run and their confirmations can be read), folder choosers
with an empty folder, open dialogs are cancelled.

VISIBLE_TEXT_TRACE=FILE appends each button the explorer presses to FILE (to find where it
stopped, should a new dialog ever wait for something the explorer does not answer).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QProgressDialog,
    QSpinBox,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)

SEP = " › "
TECHNICAL = "technical details"  # what a widget marked with the property technicalDetails shows
MAX_ROWS = 40  # rows of each list or table read per visit
_MNEMONIC = re.compile(r"&(&?)")


def without_mnemonic(text: str) -> str:
    """What a button or menu shows: '&Save' -> 'Save', 'Q&&A' -> 'Q&A'."""
    return _MNEMONIC.sub(lambda m: "&" if m.group(1) else "", text)


def plain(text: str) -> str:
    """Rich text (HTML) as the words the user reads."""
    if QtGuiNamespace.mightBeRichText(text):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


@dataclass(frozen=True)
class Seen:
    shown: str  # as the user reads it (mnemonics resolved, HTML as plain text)
    raw: str  # as set on the widget
    what: str  # "label", "button", "window title", ...
    where: str  # "Personen › Nieuwe persoon › Opslaan"


def key(obj: object) -> int:
    return int(shiboken6.getCppPointer(obj)[0])  # type: ignore[arg-type]


def button_menu(button: QAbstractButton) -> QMenu | None:
    menu = getattr(button, "menu", None)
    return menu() if callable(menu) else None


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return int(model.columnCount(parent))
    except TypeError:  # list models keep columnCount private: one column
        return 1


def _trace(text: str) -> None:
    import os

    path = os.environ.get("VISIBLE_TEXT_TRACE")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text + "\n")


def alive(obj: object) -> bool:
    return obj is not None and shiboken6.isValid(obj)


class Collector:
    """Every distinct text, with the first place it was seen."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str, str], Seen] = {}
        self._menus_done: set[tuple[str, bool]] = set()

    def add(self, text: str | None, what: str, where: str, mnemonic: bool = False) -> None:
        if not text or not text.strip():
            return
        shown = plain(without_mnemonic(text) if mnemonic else text)
        for line in shown.splitlines():
            line = " ".join(line.split())
            if line:
                self.seen.setdefault((line, text, what), Seen(line, text, what, where))

    # --- widgets --------------------------------------------------------------------------

    def tree(self, root: QWidget, where: str) -> None:
        """Texts of `root` and of every widget inside it that is not explicitly hidden."""
        if not alive(root):
            return
        self.widget(root, where)
        if isinstance(root, QTabWidget):
            self._tabs(root, where)
            return
        for child in root.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if not alive(child) or child.isWindow() or child.isHidden():
                continue
            self.tree(child, where)

    def _tabs(self, tabs: QTabWidget, where: str) -> None:
        current = tabs.currentIndex()
        for i in range(tabs.count()):
            if not tabs.isTabVisible(i):
                continue
            label = without_mnemonic(tabs.tabText(i))
            self.add(tabs.tabText(i), "tab", where, mnemonic=True)
            self.add(tabs.tabToolTip(i), "tooltip", where)
            tabs.setCurrentIndex(i)
            QCoreApplication.processEvents()
            self.tree(tabs.widget(i), f"{where}{SEP}{label}")
        tabs.setCurrentIndex(current)
        for corner in (tabs.cornerWidget(Qt.Corner.TopRightCorner),):
            if corner is not None:
                self.tree(corner, where)

    def widget(self, w: QWidget, where: str) -> None:
        if isinstance(w.window(), QFileDialog) and (
            isinstance(w, QAbstractItemView) or w.objectName() == "lookInCombo"
        ):
            return  # the names of the user's files and folders
        if w.isWindow():
            self.add(w.windowTitle(), "window title", where)
        self.add(w.toolTip(), "tooltip", where)
        self.add(w.whatsThis(), "what's this", where)
        self.add(w.statusTip(), "status tip", where)
        self.add(w.accessibleName(), "accessible name", where)
        self.add(w.accessibleDescription(), "accessible description", where)
        for action in w.actions():
            self.action(action, where)
        if w.property("technicalDetails") and isinstance(w, QLabel):
            # Behind a "technical details" button on purpose: for whoever helps the user.
            self.add(w.text(), TECHNICAL, where)
        elif isinstance(w, QLabel):
            self.add(w.text(), "label", where, mnemonic=w.buddy() is not None)
        elif isinstance(w, QAbstractButton):
            self.add(w.text(), "button", where, mnemonic=True)
            if button_menu(w) is not None:
                self.menu(button_menu(w), where)
        elif isinstance(w, QGroupBox):
            self.add(w.title(), "group title", where, mnemonic=True)
        elif isinstance(w, QTabBar) and not isinstance(w.parentWidget(), QTabWidget):
            for i in range(w.count()):
                self.add(w.tabText(i), "tab", where, mnemonic=True)
                self.add(w.tabToolTip(i), "tooltip", where)
        elif isinstance(w, QComboBox):
            self.add(w.placeholderText(), "placeholder", where)
            for i in range(min(w.count(), 300)):
                self.add(w.itemText(i), "list entry", where)
                self.add(w.itemData(i, Qt.ItemDataRole.ToolTipRole), "tooltip", where)
        elif isinstance(w, QLineEdit):
            if not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox)):
                self.add(w.placeholderText(), "placeholder", where)
                if w.isReadOnly():
                    self.add(w.text(), "text", where)
                self.context_menu(w, w.isReadOnly(), where)
        elif isinstance(w, QAbstractSpinBox):
            self.add(w.specialValueText(), "text", where)
            self.add(w.text(), "text", where)
            if isinstance(w, (QSpinBox, QDoubleSpinBox)):
                self.add(w.prefix(), "text", where)
                self.add(w.suffix(), "text", where)
            if isinstance(w, QDateTimeEdit) and w.calendarPopup() and w.calendarWidget():
                self.tree(w.calendarWidget(), where)
        elif isinstance(w, (QTextEdit, QPlainTextEdit)):
            self.add(w.placeholderText(), "placeholder", where)
            if w.isReadOnly():
                self.add(w.toPlainText()[:20000], "text", where)
            self.context_menu(w, w.isReadOnly(), where)
        elif isinstance(w, QProgressBar):
            self.add(w.text(), "text", where)
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            self.model(w, where)
        if isinstance(w, QMessageBox):
            self.add(w.text(), "message", where)
            self.add(w.informativeText(), "message", where)
            technical = bool(w.property("technicalDetails"))
            self.add(w.detailedText(), TECHNICAL if technical else "message details", where)
        if isinstance(w, QProgressDialog):
            self.add(w.labelText(), "message", where)
        if isinstance(w, QMainWindow):
            self.add(w.statusBar().currentMessage(), "status message", where)
            for action in w.menuBar().actions():
                self.action(action, where)

    def model(self, view: QAbstractItemView, where: str) -> None:
        model: QAbstractItemModel = view.model()
        headers = []
        if hasattr(view, "horizontalHeader") and not view.horizontalHeader().isHidden():
            headers.append(Qt.Orientation.Horizontal)
        if isinstance(view, QTreeView) and not view.isHeaderHidden():
            headers.append(Qt.Orientation.Horizontal)
        columns = _columns(model, QModelIndex())
        for orientation in set(headers):
            for c in range(columns):
                if view.isColumnHidden(c) if hasattr(view, "isColumnHidden") else False:
                    continue
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(c, orientation, role)
                    if isinstance(value, str):
                        self.add(value, "column header", where)
        self._rows(model, QModelIndex(), view, where, depth=0)

    def _rows(
        self,
        model: QAbstractItemModel,
        parent: QModelIndex,
        view: QAbstractItemView,
        where: str,
        depth: int,
    ) -> None:
        rows = min(model.rowCount(parent), MAX_ROWS)
        for r in range(rows):
            for c in range(_columns(model, parent)):
                index = model.index(r, c, parent)
                for role, what in (
                    (Qt.ItemDataRole.DisplayRole, "list entry"),
                    (Qt.ItemDataRole.ToolTipRole, "tooltip"),
                ):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        self.add(value, what, where)
            first = model.index(r, 0, parent)
            if depth < 2 and isinstance(view, QTreeView) and model.rowCount(first) > 0:
                self._rows(model, first, view, where, depth + 1)

    def action(self, action: QAction, where: str) -> None:
        if action.isSeparator() or not action.isVisible():
            return
        self.add(action.text().split("\t")[0], "menu entry", where, mnemonic=True)
        if action.toolTip() != without_mnemonic(action.text()).replace("...", ""):
            self.add(action.toolTip(), "tooltip", where)
        self.add(action.statusTip(), "status tip", where)
        if action.menu() is not None:
            self.menu(action.menu(), where)

    def menu(self, menu: QMenu, where: str) -> None:
        self.add(menu.title(), "menu", where, mnemonic=True)
        for action in menu.actions():
            self.action(action, f"{where}{SEP}{without_mnemonic(menu.title())}")

    def context_menu(self, w: QLineEdit | QTextEdit | QPlainTextEdit, ro: bool, where: str) -> None:
        """The standard right-click menu of each kind of text field (Qt's own texts)."""
        kind = (type(w).__name__, ro)
        if kind in self._menus_done:
            return
        self._menus_done.add(kind)
        menu = w.createStandardContextMenu()
        for action in menu.actions():
            self.action(action, f"{where}{SEP}context menu")
        menu.deleteLater()


Answer = Callable[[QFileDialog], None]


class Explorer:
    """Opens every section, menu entry and button; reads and closes what they open."""

    def __init__(
        self, window: QMainWindow, collector: Collector, files: Path, max_depth: int = 3
    ) -> None:
        self.window = window
        self.collector = collector
        self.files = files
        self.max_depth = max_depth
        self.stack: list[str] = []
        self.active: set[int] = set()
        self.windows_seen: set[int] = {key(window)}
        self.proposed_names: list[str] = []
        self._counter = itertools.count(1)

    @contextmanager
    def watching(self) -> Iterator[None]:
        """While something may open a window: a timer of its own (a timer's slot is never
        entered again while it runs, so each nesting level needs its own) reads it."""
        timer = QTimer()
        timer.setInterval(25)
        timer.timeout.connect(self._poll)
        timer.start()
        try:
            yield
        finally:
            timer.stop()
            timer.deleteLater()

    # --- driving -------------------------------------------------------------------------

    def run(self, sections: Iterable[str], open_section: Callable[[int], QWidget]) -> list[str]:
        """Visit each section (by index), then the menus; returns the sections visited."""
        visited = []
        for row, label in enumerate(sections):
            self.stack = [label]
            with self.watching():
                page = open_section(row)
                self.settle()
            visited.append(label)
            self.collector.tree(self.window, label)
            self.explore(page, label, depth=0)
        self.stack = [""]
        self.menus()
        return visited

    def menus(self) -> None:
        bar = self.window.menuBar()
        for top in bar.actions():
            menu = top.menu()
            if menu is None:
                continue
            title = without_mnemonic(menu.title())
            self.collector.menu(menu, "menu")
            for action in menu.actions():
                if action.isSeparator() or not action.isEnabled() or action.menu() is not None:
                    continue
                if action.menuRole() == QAction.MenuRole.QuitRole:
                    continue
                where = f"{title}{SEP}{without_mnemonic(action.text())}"
                self.stack = [where]
                with self.watching():
                    action.trigger()
                    self.settle()
                self.collector.tree(self.window, where)

    def explore(self, root: QWidget, where: str, depth: int) -> None:
        """Click every button inside `root` (accepting buttons last) and read what changes;
        then do the same on each tab that was not showing."""
        self._explore_buttons(root, where)
        self._other_tabs(root, where, depth)

    def _explore_buttons(self, root: QWidget, where: str) -> None:
        for button in self._buttons(root):
            if not alive(button) or not alive(root):
                return
            if root.isWindow() and not root.isVisible():
                return
            if not button.isVisible() or not button.isEnabled():
                continue
            label = (
                without_mnemonic(button.text())
                or button.toolTip()
                or button.accessibleName()
                or f"{type(button).__name__} {button.objectName()}".strip()
            )
            self.stack.append(f"{where}{SEP}{label}")
            _trace(self.stack[-1])
            try:
                menu = button_menu(button)
                with self.watching():
                    if menu is not None:
                        for action in list(menu.actions()):
                            if alive(action) and action.isEnabled() and not action.isSeparator():
                                action.trigger()
                                self.settle()
                    else:
                        button.click()
                        self.settle()
            finally:
                self.stack.pop()
            if alive(root) and (not root.isWindow() or root.isVisible()):
                self.collector.tree(root, where)

    def _other_tabs(self, root: QWidget, where: str, depth: int) -> None:
        """Buttons on the tabs that were not showing: show each tab and explore it."""
        if not alive(root) or (root.isWindow() and not root.isVisible()):
            return
        for tabs in root.findChildren(QTabWidget):
            if not alive(tabs) or not tabs.isVisible() or tabs.window() is not root.window():
                continue
            current = tabs.currentIndex()
            for i in range(tabs.count()):
                if i == current or not alive(tabs) or not tabs.isTabEnabled(i):
                    continue
                tabs.setCurrentIndex(i)
                self.settle()
                label = without_mnemonic(tabs.tabText(i))
                page = tabs.widget(i)
                self.collector.tree(page, f"{where}{SEP}{label}")
                self._explore_buttons(page, f"{where}{SEP}{label}")
            if alive(tabs):
                tabs.setCurrentIndex(current)

    def _buttons(self, root: QWidget) -> list[QAbstractButton]:
        first: list[QAbstractButton] = []
        last: list[QAbstractButton] = []
        for button in root.findChildren(QAbstractButton):
            if button.window() is not root.window():
                continue
            if type(button).__name__ in ("QTableCornerButton", "QLineEditIconButton"):
                continue
            box = button.parentWidget()
            if isinstance(box, QDialogButtonBox):
                role = box.buttonRole(button)
                if role in (
                    QDialogButtonBox.ButtonRole.RejectRole,
                    QDialogButtonBox.ButtonRole.DestructiveRole,
                    QDialogButtonBox.ButtonRole.NoRole,
                ):
                    continue  # the explorer closes the dialog itself
                last.append(button)
            else:
                first.append(button)
        return first + last

    def settle(self) -> None:
        """Let queued work run, then read and close whatever opened without blocking."""
        for _i in range(3):
            QCoreApplication.processEvents()
        for _i in range(20):
            modal = QApplication.activeModalWidget()
            if modal is None or key(modal) in self.active or not modal.isVisible():
                break
            self.handle(modal)
        for w in QApplication.topLevelWidgets():
            if (
                alive(w)
                and w.isVisible()
                and key(w) not in self.windows_seen
                and key(w) not in self.active
                and not isinstance(w, QMenu)
                and w.windowType() not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
            ):
                self.handle(w)

    def _poll(self) -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu) and alive(popup):
            self.collector.menu(popup, self._where())
            popup.close()
        modal = QApplication.activeModalWidget()
        if (
            modal is not None
            and alive(modal)
            and key(modal) not in self.active
            and modal.isVisible()
        ):
            self.handle(modal)

    def _where(self) -> str:
        return self.stack[-1] if self.stack else ""

    # --- windows -------------------------------------------------------------------------

    def handle(self, w: QWidget) -> None:
        k = key(w)
        self.active.add(k)
        self.windows_seen.add(k)
        title = w.windowTitle() or type(w).__name__
        where = f"{self._where()}{SEP}{title}" if self._where() else title
        try:
            QCoreApplication.processEvents()
            if not alive(w):
                return
            self.collector.tree(w, where)
            if isinstance(w, QProgressDialog):
                return  # closes itself when its job is done
            if isinstance(w, QFileDialog):
                self._answer(w)
                return
            if isinstance(w, QMessageBox):
                self._close_message_box(w)
                return
            depth = len(self.stack)
            if depth <= self.max_depth:
                self.stack.append(where)
                try:
                    self.explore(w, where, depth)
                finally:
                    self.stack.pop()
            if alive(w) and w.isVisible():
                if isinstance(w, QDialog):
                    w.done(QDialog.DialogCode.Rejected)  # past any "discard changes?" guard
                else:
                    w.close()
        finally:
            self.active.discard(k)

    def _close_message_box(self, box: QMessageBox) -> None:
        buttons = box.buttons()
        for role in (
            QMessageBox.ButtonRole.RejectRole,
            QMessageBox.ButtonRole.NoRole,
        ):
            for b in buttons:
                if box.buttonRole(b) == role:
                    b.click()
                    return
        if len(buttons) == 1:
            buttons[0].click()
        else:
            box.done(0)

    def _answer(self, dialog: QFileDialog) -> None:
        """Save: a fresh folder, the proposed name; folder: an empty folder; open: cancel."""
        folder = self.files / f"answer-{next(self._counter)}"
        folder.mkdir(parents=True)
        if dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave:
            proposed = Path(dialog.selectedFiles()[0]).name if dialog.selectedFiles() else ""
            self.proposed_names.append(proposed)
            dialog.setDirectory(str(folder))
            dialog.selectFile(str(folder / (proposed or "bestand")))
            dialog.accept()
        elif dialog.fileMode() == QFileDialog.FileMode.Directory:
            dialog.setDirectory(str(folder))
            dialog.selectFile(str(folder))
            dialog.accept()
        else:
            dialog.done(QDialog.DialogCode.Rejected)
        if alive(dialog) and dialog.isVisible():
            dialog.done(QDialog.DialogCode.Rejected)
