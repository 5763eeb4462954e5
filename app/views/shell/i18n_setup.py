"""Pick the UI language: the setting if set, else Chinese on a Chinese locale."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app import i18n
from app.paths import resource_path

I18N_DIR = resource_path("resources", "i18n")


def choose_language(setting: str, system: QLocale | None = None) -> str:
    if setting in ("zh", "en"):
        return setting
    system = system or QLocale.system()
    return "zh" if system.language() == QLocale.Language.Chinese else "en"


def install_translator(app: QApplication, setting: str) -> str:
    """Install the Chinese catalogue when needed; returns 'zh' or 'en'."""
    lang = choose_language(setting)
    i18n.set_language(lang)  # service and error messages follow the UI
    if lang == "zh":
        translator = QTranslator(app)
        if translator.load(str(I18N_DIR / "kehu_zh_CN.qm")):
            app.installTranslator(translator)
            app._kehu_translator = translator  # keep it alive with the app
        qt_base = QTranslator(app)  # Qt's own buttons (OK/Cancel…) in Chinese
        from PySide6.QtCore import QLibraryInfo

        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_base.load("qtbase_zh_CN", path):
            app.installTranslator(qt_base)
            app._kehu_qt_translator = qt_base
    return lang
