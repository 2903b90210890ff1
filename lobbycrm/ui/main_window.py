"""The main window: navigation bar, one page per section, status bar."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from lobbycrm.bootstrap import Context
from lobbycrm.core.i18n import _
from lobbycrm.services.search import Hit
from lobbycrm.ui.agenda import calendar_actions
from lobbycrm.ui.import_dialog import interchange_actions
from lobbycrm.ui.search_dialog import SearchDialog
from lobbycrm.ui.sections import sections
from lobbycrm.ui.signals import AppSignals


class MainWindow(QMainWindow):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self._ctx = ctx
        self.setWindowTitle("LobbyCRM")
        self.nav = QListWidget()
        self.nav.setAccessibleName(_("Sections"))
        self.pages = QStackedWidget()
        self.signals = AppSignals(self)
        self.section_keys: list[str] = []
        for section in sections():
            self.nav.addItem(_(section.label))
            page: QWidget
            if section.factory is None:
                page = QLabel(_("This section is coming soon."))
                page.setAlignment(Qt.AlignmentFlag.AlignCenter)
            else:
                page = section.factory(ctx, self.signals)
            page.setObjectName(f"section-{section.key}")
            self.section_keys.append(section.key)
            self.pages.addWidget(page)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.nav.setMinimumWidth(self.nav.sizeHintForColumn(0) + 32)
        self.setCentralWidget(self.splitter)
        self._build_menus()
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self._restore()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        demo = QAction(_("Load demo data"), self)
        demo.triggered.connect(self._load_demo)
        file_menu.addAction(demo)
        file_menu.addSeparator()
        for action in calendar_actions(self._ctx, self):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in interchange_actions(self._ctx, self.signals, self):
            file_menu.addAction(action)
        file_menu.addSeparator()
        search = QAction(_("&Search..."), self)
        search.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence(QKeySequence.StandardKey.Find)])
        search.triggered.connect(self.open_search)
        file_menu.addAction(search)
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    def open_search(self) -> None:
        dialog = SearchDialog(self._ctx.services.search, self)
        if dialog.exec() and dialog.chosen is not None:
            self.show_hit(dialog.chosen)

    def show_hit(self, hit: Hit) -> None:
        """Switch to the hit's section and select it there."""
        row = self.section_keys.index(hit.section)
        self.nav.setCurrentRow(row)
        page = self.pages.widget(row)
        select = getattr(page, "select_id", None)
        if callable(select):
            select(hit.id)

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

    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 800)
        self.nav.setCurrentRow(int(settings.value("main/section", 1)))

    def closeEvent(self, event: object) -> None:
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/section", self.nav.currentRow())
        super().closeEvent(event)  # type: ignore[arg-type]
