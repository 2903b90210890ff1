"""The main window: navigation bar, one page per section, menus, global search, status bar."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from lobbycrm.core.errors import LobbyError
from lobbycrm.core.i18n import _
from lobbycrm.services.changes import Changes
from lobbycrm.ui.sections import sections
from lobbycrm.ui.signals import AppSignals

if TYPE_CHECKING:
    from lobbycrm.bootstrap import Context
    from lobbycrm.ui.search_dialog import SearchDialog

# Dialogs, the File menu's import/export/mail entries and the sections are imported when
# first needed: the window appears before they are loaded.

# Which section shows a global search hit of each kind.
HIT_SECTIONS = {
    "person": "people",
    "organisation": "orgs",
    "dossier": "dossiers",
    "motion": "motions",
    "event": "agenda",
}


class _Placeholder(QWidget):
    """Holds a section's place; once painted (the window is on screen) it asks for the page."""

    def __init__(self, on_painted: Callable[[], None]) -> None:
        super().__init__()
        self._on_painted: Callable[[], None] | None = on_painted

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._on_painted is not None:
            callback, self._on_painted = self._on_painted, None
            QTimer.singleShot(0, callback)


class SectionStack(QStackedWidget):
    """One page per section, each built by `build(index)` when it is first shown or asked for;
    until then an empty placeholder holds its place."""

    def __init__(self, count: int, build: Callable[[int], QWidget]) -> None:
        super().__init__()
        # Called once, when the window is first on the screen (before a section is built).
        self.on_screen: list[Callable[[], None]] = []
        self._build = build
        self._built = [False] * count
        for index in range(count):
            super().addWidget(_Placeholder(lambda i=index: self._painted(i)))

    def _painted(self, index: int) -> None:
        callbacks, self.on_screen = self.on_screen, []
        for callback in callbacks:
            callback()
            if not self.isVisible():  # the database could not be opened
                return
        if super().currentIndex() == index:
            self.ensure(index)

    def show_later(self, index: int) -> None:
        """Make `index` current but build it only once the window is on the screen, so that
        the window appears first and the section fills in right after."""
        super().setCurrentIndex(index)

    def is_built(self, index: int) -> bool:
        return 0 <= index < len(self._built) and self._built[index]

    def ensure(self, index: int) -> QWidget | None:
        """The page at `index`, built now if it was not yet."""
        if not 0 <= index < len(self._built):
            return None
        if not self._built[index]:
            self._built[index] = True
            placeholder = super().widget(index)
            was_current = super().currentIndex() == index
            page = self._build(index)
            self.insertWidget(index, page)
            self.removeWidget(placeholder)
            placeholder.deleteLater()
            if was_current:
                super().setCurrentIndex(index)
            # What a section is built from lives as long as the window: keep it out of the
            # collector's full passes, which otherwise walk every widget and mapped class
            # and cost a keystroke 50-100 ms now and then.
            gc.collect(1)
            gc.freeze()
        return super().widget(index)

    def widget(self, index: int) -> QWidget:  # type: ignore[override]
        return self.ensure(index)  # type: ignore[return-value]

    def setCurrentIndex(self, index: int) -> None:
        self.ensure(index)
        super().setCurrentIndex(index)

    def currentWidget(self) -> QWidget:
        return self.ensure(super().currentIndex())  # type: ignore[return-value]


class MainWindow(QMainWindow):
    """`ctx` is the open database; or, for the fastest start, None with `open_ctx`: the window
    appears first and opens the database (importing SQLAlchemy) once it is on the screen."""

    def __init__(
        self,
        ctx: Context | None = None,
        *,
        open_ctx: Callable[[], Context | None] | None = None,
        url: str = "",
    ) -> None:
        super().__init__()
        self._ctx: Context = ctx  # type: ignore[assignment]  # set by _open when None
        self._open_ctx = open_ctx
        self.setWindowTitle("LobbyCRM")
        self.nav = QListWidget()
        self.nav.setAccessibleName(_("Sections"))
        self.signals = AppSignals(self)
        self._starting = True  # the first section is built after the window appears
        self._sections = sections()
        self.section_keys: list[str] = [section.key for section in self._sections]
        for section in self._sections:
            self.nav.addItem(_(section.label))
        # A section's page is built the first time it is shown, not at start.
        self.pages = SectionStack(len(self._sections), self._build_page)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.nav.setMinimumWidth(self.nav.sizeHintForColumn(0) + 32)
        self.setCentralWidget(self.splitter)
        self.file_menu = self.menuBar().addMenu(_("&File"))
        self._file_extras = QAction(self)  # marks where add_file_actions inserts
        self._file_extras.setSeparator(True)
        self._build_menus()
        self._started = False
        if ctx is None:
            self.pages.on_screen.append(self._open)
        self.pages.on_screen.append(self.finish_start)
        self.file_menu.aboutToShow.connect(self.finish_start)
        # Never show a password that might be in a server URL.
        url = ctx.url if ctx is not None else url
        where = url.split("@")[-1] if "@" in url else url.removeprefix("sqlite:///")
        self.database_label = QLabel(where.rsplit("/", 1)[-1])
        self.database_label.setToolTip(where)
        self.statusBar().addPermanentWidget(self.database_label)
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)
        self.signals.data_changed.connect(self._on_data_changed)
        self._restore()
        self._starting = False

    # --- menus ---------------------------------------------------------------------------

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: object,
        keys: Iterable[QKeySequence | QKeySequence.StandardKey | str] = (),
    ) -> QAction:
        action = QAction(text, self)
        sequences = [k if isinstance(k, QKeySequence) else QKeySequence(k) for k in keys]
        if sequences:
            action.setShortcuts(sequences)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        file_menu = self.file_menu
        self._action(file_menu, _("Load demo data"), self._load_demo)
        file_menu.addAction(self._file_extras)
        file_menu.addSeparator()
        self.preferences_action = self._action(
            file_menu,
            _("&Preferences..."),
            self.open_preferences,
            [QKeySequence.StandardKey.Preferences],
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        file_menu.addSeparator()
        quit_action = self._action(
            file_menu, _("&Quit"), self.close, [QKeySequence.StandardKey.Quit]
        )
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit = self.menuBar().addMenu(_("&Edit"))
        self.undo_action = self._action(
            edit, _("&Undo delete"), self.undo_delete, [QKeySequence.StandardKey.Undo]
        )
        edit.addSeparator()
        self.search_action = self._action(
            edit, _("&Search everything..."), self.open_search, ["Ctrl+K", "Ctrl+F"]
        )
        edit.addSeparator()
        self._action(edit, _("Possible &duplicates..."), self.open_duplicates)
        self._action(edit, _("Recycle &bin..."), self.open_bin)
        self._action(edit, _("&Privacy review (AVG)..."), self.open_privacy_review)

        view = self.menuBar().addMenu(_("&View"))
        for row in range(self.nav.count()):
            self._action(
                view,
                self.nav.item(row).text(),
                lambda _checked=False, r=row: self.nav.setCurrentRow(r),
                [f"Ctrl+{row + 1}"] if row < 9 else [],
            )

        help_menu = self.menuBar().addMenu(_("&Help"))
        about = self._action(help_menu, _("&About LobbyCRM"), self._about)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def _open(self) -> None:
        """Open the database now that the window is visible; the app ends if it cannot."""
        opened = self._open_ctx() if self._open_ctx is not None else None
        if opened is None:
            self.pages.on_screen.clear()
            self.close()
            app = QApplication.instance()
            if app is not None:
                app.exit(1)
            return
        self._ctx = opened

    @property
    def ctx(self) -> Context | None:
        return self._ctx

    def finish_start(self) -> None:
        """What the window does not need to appear: the File menu's import, export and mail
        entries and the state of Undo. Runs once the window is on the screen (or when the File
        menu opens first)."""
        if self._started or self._ctx is None:
            return
        self._started = True
        from lobbycrm.ui.agenda import calendar_actions
        from lobbycrm.ui.import_dialog import interchange_actions
        from lobbycrm.ui.outreach import mail_actions

        self.add_file_actions(calendar_actions(self._ctx, self))
        self.add_file_actions(interchange_actions(self._ctx, self.signals, self))
        self.add_file_actions(mail_actions(self._ctx, self))
        self._on_data_changed(Changes())

    def add_file_actions(self, actions: Iterable[QAction]) -> None:
        """Other features (calendar export, import/export) add their entries to the File menu."""
        for action in actions:
            self.file_menu.insertAction(self._file_extras, action)

    # --- actions -------------------------------------------------------------------------

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def open_search(self) -> SearchDialog:
        from lobbycrm.ui.search_dialog import SearchDialog

        dialog = SearchDialog(self._ctx.services.search, self)
        dialog.hit_chosen.connect(self.show_item)
        dialog.open()
        return dialog

    def show_item(self, kind: str, ident: int) -> None:
        """Switch to the section of a search hit and select it there when the page can."""
        key = HIT_SECTIONS.get(kind)
        if key not in self.section_keys:
            return
        self.nav.setCurrentRow(self.section_keys.index(key))
        select = getattr(self.pages.currentWidget(), "select_item", None)
        if callable(select):
            select(ident)

    def undo_delete(self) -> None:
        entries = self._ctx.services.bin.entries()
        if not entries:
            self.show_status(_("There is no delete to undo."))
            return
        try:
            changes = self._ctx.services.bin.restore(entries[0].id)
        except LobbyError as exc:
            QMessageBox.warning(self, _("Undo delete"), str(exc))
            return
        self.signals.data_changed.emit(changes)
        self.show_status(_("Restored: {name}").format(name=entries[0].label))

    def open_duplicates(self) -> None:
        from lobbycrm.ui.tools.duplicates import DuplicatesDialog

        DuplicatesDialog(self._ctx.services, self.signals, self).exec()

    def open_bin(self) -> None:
        from lobbycrm.ui.tools.recycle_bin import RecycleBinDialog

        RecycleBinDialog(self._ctx.services, self.signals, self).exec()

    def open_privacy_review(self) -> None:
        from lobbycrm.ui.tools.privacy import PrivacyReviewDialog

        PrivacyReviewDialog(self._ctx.services, self.signals, self).exec()

    def open_preferences(self) -> None:
        from lobbycrm.ui.preferences import PreferencesDialog

        # says itself where the preferences went
        PreferencesDialog(self, self._ctx.services.letters).exec()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            _("About LobbyCRM"),
            _("LobbyCRM: people, debates and letters for Dutch lobbyists, offline."),
        )

    def offer_demo_if_empty(self) -> None:
        if not self._ctx.services.demo.is_empty():
            return
        answer = QMessageBox.question(
            self, "LobbyCRM", _("The database is empty. Load the demo data?")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._load_demo()

    def _load_demo(self) -> None:
        result = self._ctx.services.demo.load()
        self.signals.data_changed.emit(result.changes)
        self.statusBar().showMessage(_("Demo data loaded: {n} new rows").format(n=result.created))

    def _build_page(self, index: int) -> QWidget:
        section = self._sections[index]
        page: QWidget
        if section.factory is None:
            page = QLabel(_("This section is coming soon."))
            page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        else:
            page = section.factory(self._ctx, self.signals)
        page.setObjectName(f"section-{section.key}")
        return page

    # --- slots and state -----------------------------------------------------------------

    def _on_nav_current_row_changed(self, row: int) -> None:
        if self._starting:
            self.pages.show_later(row)
        else:
            self.pages.setCurrentIndex(row)

    def _on_data_changed(self, changes: Changes) -> None:
        self.undo_action.setEnabled(bool(self._ctx.services.bin.entries()))

    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self._fit_screen()
        state = settings.value("main/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        else:  # the section list as narrow as its names; the rest for the work
            nav = self.nav.minimumWidth()
            self.splitter.setSizes([nav, max(1, self.width() - nav)])
        key = settings.value("main/section_key")
        # A fresh start opens the Agenda: the next debate is where the work is.
        first = self.section_keys.index("agenda") if "agenda" in self.section_keys else 0
        row = self.section_keys.index(key) if key in self.section_keys else first
        self.nav.setCurrentRow(row)

    def _fit_screen(self) -> None:
        """A first start: 1400x800 or the screen's free area when smaller, centred on it."""
        screen = self.screen()
        area = screen.availableGeometry() if screen is not None else None
        if area is None or area.isEmpty():
            self.resize(1200, 800)
            return
        # Leave room for the title bar and frame the window manager adds.
        width, height = min(1400, area.width() - 16), min(800, area.height() - 48)
        self.resize(width, height)
        self.move(
            area.x() + (area.width() - width) // 2, area.y() + (area.height() - height - 32) // 2
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/splitter", self.splitter.saveState())
        row = self.nav.currentRow()
        if 0 <= row < len(self.section_keys):
            settings.setValue("main/section_key", self.section_keys[row])
        super().closeEvent(event)
