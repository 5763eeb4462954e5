"""Crash dialog, language choice, display formats, and a complete Chinese catalogue."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.views.shell.crash_dialog import crash_text, show_crash
from app.views.shell.i18n_setup import I18N_DIR, choose_language
from app.views.widgets import formatting

ROOT = Path(__file__).resolve().parents[2]
TS = I18N_DIR / "kehu_zh_CN.ts"


def test_crash_dialog_shows_copyable_details(qtbot):
    try:
        raise ValueError("boom 出错")
    except ValueError:
        info = sys.exc_info()
    box = show_crash(*info)
    qtbot.addWidget(box)
    assert "boom 出错" in box.text()
    assert "Traceback" in box.detailedText() and "ValueError" in box.detailedText()
    copy = next(b for b in box.buttons() if b.text() == "Copy details")
    copy.click()
    assert QApplication.clipboard().text() == crash_text(*info)
    assert box.isVisible()  # copying does not close it


@pytest.mark.parametrize(("setting", "system", "expected"), [
    ("zh", QLocale.Language.English, "zh"),
    ("en", QLocale.Language.Chinese, "en"),
    ("system", QLocale.Language.Chinese, "zh"),
    ("system", QLocale.Language.German, "en"),
])
def test_language_follows_the_setting_else_the_system(setting, system, expected):
    previous = QLocale()
    QLocale.setDefault(QLocale(system))
    try:
        assert choose_language(setting, QLocale(system)) == expected
    finally:
        QLocale.setDefault(previous)


def test_money_and_dates_look_chinese():
    assert formatting.format_money(123450) == "¥1,234.50"
    assert formatting.format_money(-5) == "-¥0.05"
    assert formatting.format_money(0) == "¥0.00"
    assert formatting.format_date(date(2026, 11, 24)) == "2026-11-24"
    assert formatting.format_datetime(datetime(2026, 11, 24, 9, 5)) == "2026-11-24 09:05"


def test_the_chinese_catalogue_is_complete_and_compiled(qtbot):
    tree = ET.parse(TS)
    unfinished = [m.findtext("source") for m in tree.iter("message")
                  if m.find("translation").get("type") == "unfinished"]
    assert unfinished == []
    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "kehu_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("UnlockDialog", "Unlock") == "解锁"
        assert formatting.label("channel", "wechat") == "微信"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    """A string added without `make i18n` (and a translation) fails here."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        lupdate = Path(shutil.which("pyside6-lupdate") or "pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "app").rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True,
                   capture_output=True)

    def messages(path):
        return {(c.findtext("name"), m.findtext("source"))
                for c in ET.parse(path).iter("context") for m in c.iter("message")}

    missing = messages(fresh) - messages(TS)
    assert not missing, f"run `make i18n` and translate: {sorted(missing)[:10]}"


def test_start_up_imports_nothing_heavy_before_the_unlock_dialog(tmp_path):
    """The unlock dialog must come up without SQLAlchemy, openpyxl or matplotlib
    (each costs 0.2–0.8 s): they load in the background or when first used."""
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "import app.views.shell.app_main as m\n"
        "from app.views.files.unlock_dialog import UnlockDialog\n"
        "d = UnlockDialog(__import__('pathlib').Path('x.db'))\n"
        "d.show(); app.processEvents()\n"
        "heavy = [n for n in ('sqlalchemy', 'alembic', 'openpyxl', 'matplotlib', 'pypinyin',\n"
        "                     'cryptography', 'sqlcipher3') if n in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen",
           "KEHU_DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
