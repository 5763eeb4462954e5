"""The password-strength line stays quiet on an empty field: "Too short…" only once
something too short is typed (the create-file and change-password dialogs share it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.views.files.create_file_dialog import CreateFileDialog
from app.views.settings.change_password_dialog import ChangePasswordDialog
from app.views.shell.app_context import AppContext
from app.views.widgets.password_strength import strength_text


def _quiet_until_typed(qtbot, dialog) -> None:
    dialog.show()
    assert dialog.strength.text() == ""
    qtbot.keyClicks(dialog.password, "abc")
    assert dialog.strength.text().startswith("Too short")
    for _ in range(3):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Backspace)
    assert dialog.password.text() == "" and dialog.strength.text() == ""
    dialog.password.setText("长一点的密码 long enough")  # keyClicks types ASCII only
    assert dialog.strength.text() == "Strong"


def test_the_create_dialog_is_quiet_before_typing(qtbot, tmp_path):
    dialog = CreateFileDialog(tmp_path / "k.db")
    qtbot.addWidget(dialog)
    height = dialog.strength.sizeHint().height()
    _quiet_until_typed(qtbot, dialog)
    assert dialog.strength.minimumHeight() >= height > 0  # the line keeps its place


@pytest.mark.usefixtures("message_boxes")
def test_the_change_password_dialog_is_quiet_before_typing(qtbot, vault):
    dialog = ChangePasswordDialog(AppContext(vault))
    qtbot.addWidget(dialog)
    _quiet_until_typed(qtbot, dialog)


def test_strength_text_of_nothing_is_nothing():
    assert strength_text("") == ""
    assert strength_text("x").startswith("Too short")
