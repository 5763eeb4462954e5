"""Chinese on screen on every machine: the bundled font for Qt.

Qt draws a character the UI font lacks in a fallback family that fontconfig (or the
platform) offers; on a machine without any CJK font there is none, and every hanzi of
the interface and of the data is an empty box. `setup_fonts()` registers the font Kehu
ships (app.charts.cjk_font.BUNDLED_FONT) for this process with
`QFontDatabase.addApplicationFont` (nothing installed, no cache to go stale) and, when no
system family draws Simplified Chinese, appends it to the application font's family
list: Latin text keeps the system's UI font, Chinese falls back to the bundled one.

A system CJK font, where there is one, is left in charge: it is complete (the subset
holds GB 2312 only) and hinted for the screen, and it is what the rest of the desktop
shows. The charts and the PDF always use the bundled font (cjk_font says why).

When neither exists (the bundled file missing or damaged on a machine without CJK
fonts) `warn_if_no_chinese()` says so in a dialog whose English stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication, QRawFont

from app.charts.cjk_font import BUNDLED_FONT

# Drawn on the first screen (the create-file and unlock dialogs): a family that lacks
# one of these does not count as drawing Chinese.
SAMPLE = "客户文件密码新建打开"

NO_CHINESE_FONT = QT_TRANSLATE_NOOP(
    "Fonts", "No font with Chinese characters could be loaded: the font shipped with "
    "Kehu ({path}) is missing or damaged, and this system has no Chinese font. Chinese "
    "text shows as empty boxes. Reinstall Kehu, or install a Chinese font (on Debian or "
    "Ubuntu: sudo apt-get install fonts-noto-cjk).")


@dataclass(frozen=True)
class FontSetup:
    bundled_family: str | None  # None: the shipped file could not be loaded
    system_family: str | None   # a system family that draws Chinese, if any
    fallback_added: bool        # the bundled family was appended to the app font

    @property
    def draws_chinese(self) -> bool:
        return self.system_family is not None or self.bundled_family is not None


def draws(family: str, text: str = SAMPLE) -> bool:
    """Does this very family (not a fallback Qt would pick for it) have glyphs for text?"""
    raw = QRawFont.fromFont(QFont(family), QFontDatabase.WritingSystem.SimplifiedChinese)
    return (raw.isValid() and raw.familyName() == family
            and all(raw.supportsCharacter(ord(c)) for c in text))


def system_cjk_family(exclude: str | None = None) -> str | None:
    """The first installed family that claims Simplified Chinese and draws the sample."""
    for family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        if family != exclude and not QFontDatabase.isPrivateFamily(family) and draws(family):
            return family
    return None


def register_bundled(path: Path = BUNDLED_FONT) -> str | None:
    """Add the shipped font for this process; its family, or None if it cannot be used."""
    font_id = QFontDatabase.addApplicationFont(str(path))  # -1: missing or not a font
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families and draws(families[0]):
        return families[0]
    if font_id >= 0:
        QFontDatabase.removeApplicationFont(font_id)
    return None


def setup_fonts(app: QGuiApplication, bundled: Path = BUNDLED_FONT) -> FontSetup:
    """Call once, after the QApplication exists and before the first window."""
    system = system_cjk_family()  # before registering: the bundled one is no system font
    own = register_bundled(bundled)
    added = False
    if system is None and own is not None:
        font = app.font()
        # The family the UI font really resolves to ("Sans Serif" is only an alias), so
        # Latin text keeps its look; Chinese falls through to the bundled family.
        primary = QFontInfo(font).family()
        font.setFamilies([primary, own] if primary != own else [own])
        app.setFont(font)
        added = True
    return FontSetup(own, system, added)


def no_chinese_font_message(path: Path = BUNDLED_FONT) -> str:
    """English first (readable without a CJK font), then the translation if there is one."""
    english = NO_CHINESE_FONT.format(path=path)
    translated = QCoreApplication.translate("Fonts", NO_CHINESE_FONT).format(path=path)
    return english if translated == english else f"{english}\n\n{translated}"


def warn_if_no_chinese(setup: FontSetup, parent=None, path: Path = BUNDLED_FONT) -> bool:
    """Tell the user why Chinese is boxes; True if the warning was shown."""
    if setup.draws_chinese:
        return False
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, "Kehu", no_chinese_font_message(path))
    return True
