"""The menus as a clerk reads them, in English and in Chinese: one mnemonic per letter
within each menu and among the menu-bar titles, every item with one; tool buttons show
no "(T)" (Qt drops the "&" but not a Chinese label's bracketed letter, so the toolbar
read 今日(T) … 移入回收站(T) … 查找(F) beside 文件(F)); the shortcut column shows keys,
never a word (QKeySequence.Preferences has no key on Linux and read "设置")."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton

from app.views.shell.app_context import AppContext
from app.views.shell.i18n_setup import I18N_DIR
from app.views.shell.main_window import MainWindow
from app.views.shell.window_shortcuts import is_command_key, mnemonic

pytestmark = pytest.mark.usefixtures("message_boxes")


@pytest.fixture(params=["en", "zh"])
def window(request, qtbot, vault):
    translator = QTranslator()
    if request.param == "zh":
        assert translator.load(str(I18N_DIR / "kehu_zh_CN.qm"))
        QCoreApplication.installTranslator(translator)
    try:
        win = MainWindow(AppContext(vault))
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.addWidget(win)
    win.show()
    win.lang = request.param
    yield win
    win.list_panel.shutdown()


def _duplicates(texts: list[str]) -> dict[str, list[str]]:
    letters = Counter(mnemonic(t) for t in texts)
    return {letter: [t for t in texts if mnemonic(t) == letter]
            for letter, n in letters.items() if n > 1}


def test_mnemonics_are_unique_in_every_menu_and_on_the_menu_bar(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert all(mnemonic(t) for t in titles), titles
    assert _duplicates(titles) == {}
    if window.lang == "zh":
        assert "文件(&F)" in titles and "视图(&V)" in titles  # the catalogue was read
    menus = window.menuBar().findChildren(QMenu)
    assert len(menus) >= 4
    for menu in menus:
        items = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert all(mnemonic(t) for t in items), (menu.title(), items)
        assert _duplicates(items) == {}, menu.title()


def test_tool_buttons_show_no_mnemonic(window):
    toolbar = window.findChild(QToolBar, "main_toolbar")
    texts = [b.text() for b in toolbar.findChildren(QToolButton) if b.defaultAction()]
    assert len(texts) >= 7
    for text in texts:
        assert "&" not in text and "(" not in text and text, texts
    if window.lang == "zh":
        assert {"今日", "查找", "移入回收站"} <= set(texts)


def test_the_shortcut_column_shows_keys(window):
    for menu in window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            for key in action.shortcuts():
                # Delete is the one key without Ctrl: a key, not a word like "Settings".
                assert is_command_key(key) or key == QKeySequence("Del"), \
                    (action.text(), key.toString())
    assert window.act_settings.shortcut() == QKeySequence("Ctrl+,")
    assert window.act_quit.shortcut() == QKeySequence("Ctrl+Q")
