"""Qt's own texts (file dialogs, standard buttons, context menus) in the interface language."""

from __future__ import annotations

from functools import cache

from babel.messages.pofile import read_po
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from lobbycrm.resources_path import resource_path

# Qt's catalogues to load, by base name. Only qtbase: "qt_nl.qm" is a meta catalogue that also
# needs qtmultimedia and friends, which PySide6-Essentials does not ship, so it never loads.
QT_CATALOGUES = ("qtbase",)

QT_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


@cache
def qt_messages(lang: str) -> dict[tuple[str, str], str]:
    """(Qt context, source text) -> translation from resources/translations/<lang>/qt/*.po."""
    folder = resource_path("translations", lang, "qt")
    out: dict[tuple[str, str], str] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.po")):
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for message in catalog:
            if isinstance(message.id, str) and message.id and message.string and message.context:
                out[(message.context, message.id)] = str(message.string)
    return out


class CatalogueTranslator(QTranslator):
    """Qt's texts that Qt's own catalogue for the language lacks.

    Qt 6 changed some source texts (the file dialog's "Look in:" became "&Look in:") while the
    Dutch qtbase catalogue still translates the old ones, so those labels stayed English.
    Installed after Qt's catalogue, this one is asked first. It answers None when it has no
    translation: Qt asks the next catalogue only after a null string, and PySide turns None
    (not "") into one; an empty answer would blank the text.
    """

    def __init__(self, messages: dict[tuple[str, str], str], parent: QObject | None = None):
        super().__init__(parent)
        self._messages = messages

    def translate(  # type: ignore[override]
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        return self._messages.get((context, source_text))

    def isEmpty(self) -> bool:
        return not self._messages


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Make Qt speak `lang` ('nl' or 'en'): its locale, its own catalogue and ours.

    Returns the translators installed (to remove them again, as the tests do). English needs
    none: Qt's source texts are English.
    """
    locale = QLocale(QT_LOCALES.get(lang, QT_LOCALES["nl"]))
    QLocale.setDefault(locale)
    installed: list[QTranslator] = []
    if lang == "en":
        return installed
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in QT_CATALOGUES:
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    ours = CatalogueTranslator(qt_messages(lang), app)
    if not ours.isEmpty():
        app.installTranslator(ours)
        installed.append(ours)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
