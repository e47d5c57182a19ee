"""The interface language on screen: the stored choice, Qt's own catalog, the language menu.

Our texts go through `app.i18n` (gettext); Qt's standard buttons and dialogs read Qt's
`qtbase_<lang>` catalog, loaded here with a QTranslator when Qt ships one (Qt 6.12 has no
qtbase_vi; English needs none). Widgets take their texts when they are built, so a new
language shows in windows built afterwards: the flow rebuilds the main window on a switch.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenuBar

from app import settings
from app.context import AppContext
from app.i18n import LANGUAGES, current_language, set_language

# Both languages on purpose: whoever left the program in a language they cannot read
# still finds the way back.
MENU_TITLE = "Ngôn ngữ / Language"
_QT_LANGUAGES = {"vi": QLocale.Language.Vietnamese, "en": QLocale.Language.English}
_qt_translator: QTranslator | None = None


def install_qt_translation(lang: str) -> bool:
    """Load Qt's qtbase catalog for `lang` in place of the previous one; False if none."""
    global _qt_translator
    app = QCoreApplication.instance()
    if app is None:
        return False
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if lang == "en":
        return False  # Qt's own texts are English
    translator = QTranslator(app)
    where = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(_QT_LANGUAGES.get(lang, QLocale.Language.Vietnamese)),
                       "qtbase", "_", where):
        app.installTranslator(translator)
        _qt_translator = translator
        return True
    return False


def apply_language(lang: str) -> str:
    """Our catalogs and Qt's for `lang` (unknown codes fall back to Vietnamese)."""
    lang = set_language(lang)
    install_qt_translation(lang)
    return lang


def apply_stored_language(ctx: AppContext) -> str:
    """The language saved in this database's settings (Vietnamese unless switched)."""
    return apply_language(settings.read_all(ctx).get("language") or "vi")


class LanguageMenu(QObject):
    """“Ngôn ngữ / Language” in the menu bar: one checkable entry per language."""

    language_chosen = Signal(str)

    def __init__(self, bar: QMenuBar, parent: QObject | None = None):
        super().__init__(parent)
        self.menu = bar.addMenu(MENU_TITLE)
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():  # each language named in itself
            action = QAction(name, self, checkable=True)
            action.setData(code)
            self.group.addAction(action)
            self.menu.addAction(action)
            self.actions[code] = action
        self.show_current()
        self.group.triggered.connect(self._on_action_triggered)

    def show_current(self) -> None:
        action = self.actions.get(current_language())
        if action is not None:
            action.setChecked(True)

    def _on_action_triggered(self, action: QAction) -> None:
        if action.data() != current_language():
            self.language_chosen.emit(action.data())
