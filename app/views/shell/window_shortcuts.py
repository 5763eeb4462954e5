"""Menu shortcuts that work wherever the focus is in the main window.

A focused widget may claim a key before any shortcut sees it (a ShortcutOverride it
accepts): under the X11 key scheme a QLineEdit claims Ctrl+E (end of line), Ctrl+K,
Ctrl+U, Ctrl+D… so Ctrl+E (export) did nothing from the search box while Ctrl+I and
Ctrl+L worked. One application-wide filter refuses that claim, for widgets of this
window only, when the key is the shortcut of one of the window's enabled actions and
carries Ctrl, Alt or Meta (or is a function key). Keys that edit text stay with the
field: Delete in the search box deletes a character, it trashes nobody."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)


_CJK_MNEMONIC = re.compile(r"\(&[^&)]\)")  # 今日(&T): the letter in brackets after the word


def plain_label(text: str) -> str:
    """An action's text for a tool button: no mnemonic. Qt strips the "&" but leaves a
    Chinese label's "(T)", so the toolbar read 今日(T) … 移入回收站(T) … 查找(F)."""
    text = _CJK_MNEMONIC.sub("", text)
    text = re.sub(r"&(.)", r"\1", text)  # "&&" is a literal "&"
    return text.rstrip(".…").strip()


def mnemonic(text: str) -> str:
    """The mnemonic letter of a menu text ("Move to &trash" → "T"), or ""."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).upper() if found else ""


def is_command_key(sequence: QKeySequence) -> bool:
    """A key that no text field needs for typing or editing: with Ctrl/Alt/Meta, or F1–F35."""
    if sequence.isEmpty():
        return False
    combo = sequence[0]
    return bool(combo.keyboardModifiers() & _COMMAND_MODIFIERS) or \
        Qt.Key.Key_F1.value <= combo.key().value <= Qt.Key.Key_F35.value


class WindowShortcuts(QObject):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        # Removed by Qt itself when this child of the window is deleted with it.
        QCoreApplication.instance().installEventFilter(self)

    def _is_window_shortcut(self, pressed: QKeySequence) -> bool:
        # About twenty actions, read at each override: always the current set and states.
        return any(action.isEnabled() and pressed in action.shortcuts()
                   for action in self.window.actions())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self.window:
            return False  # a dialog's fields keep their keys
        pressed = QKeySequence(event.keyCombination())
        if is_command_key(pressed) and self._is_window_shortcut(pressed):
            event.ignore()  # not claimed: the shortcut map hands the key to the action
            return True
        return False
