"""Change password through the real dialog, on a real encrypted file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from app.errors import WrongPassword
from app.models import AuditLog
from app.security.vault import Vault
from app.store.paths import key_header_path
from app.views.settings.change_password_dialog import ChangePasswordDialog
from app.views.shell.app_context import AppContext
from tests.conftest import PASSWORD

NEW_PASSWORD = "新的密码 new-Secret 42!"


@pytest.fixture
def dialog(qtbot, vault):
    d = ChangePasswordDialog(AppContext(vault))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def fill(d, current, new, repeat=None):
    d.current.setText(current)
    d.password.setText(new)
    d.repeat.setText(new if repeat is None else repeat)


def test_ok_needs_current_and_two_matching_new_passwords(qtbot, dialog):
    assert not dialog.ok.isEnabled()
    qtbot.keyClicks(dialog.current, "whatever")
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.repeat, "short")
    assert not dialog.ok.isEnabled() and "8" in dialog.strength.text()
    fill(dialog, "whatever", "long enough 1", "long enough 2")
    assert not dialog.ok.isEnabled() and "differ" in dialog.mismatch.text()
    fill(dialog, "whatever", "whatever")
    assert not dialog.ok.isEnabled() and "same" in dialog.mismatch.text()
    fill(dialog, "", "long enough 1")
    assert not dialog.ok.isEnabled()
    fill(dialog, "whatever", "long enough 1")
    assert dialog.ok.isEnabled() and not dialog.mismatch.text()


def test_wrong_current_password_stays_open_and_writes_nothing(qtbot, dialog, vault, db_path,
                                                              message_boxes):
    header_before = key_header_path(db_path).read_bytes()
    fill(dialog, "not the password", NEW_PASSWORD)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=10000)
    assert "current password is wrong" in dialog.error.text()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.current.hasFocus() and dialog.current.selectedText() == "not the password"
    assert key_header_path(db_path).read_bytes() == header_before
    assert message_boxes.calls == []
    vault.lock()
    Vault.open_with_password(db_path, PASSWORD).lock()  # the old password still opens it


def test_right_password_changes_it_and_keeps_the_recovery_key(qtbot, dialog, vault_and_recovery,
                                                              db_path, message_boxes):
    vault, recovery = vault_and_recovery
    fill(dialog, PASSWORD, NEW_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not dialog.current.text() and not dialog.password.text()  # not kept around
    assert message_boxes.kinds() == ["information"]
    assert "recovery key is unchanged" in message_boxes.of("information")[0][2]
    vault.lock()
    with pytest.raises(WrongPassword):
        Vault.open_with_password(db_path, PASSWORD)
    with Vault.open_with_password(db_path, NEW_PASSWORD) as reopened, \
            reopened.sessions() as session:
        rows = session.scalars(select(AuditLog).where(AuditLog.action == "password_change"))
        [row] = rows
        assert row.entity == "file" and row.detail["path"] == str(db_path)
    Vault.open_with_recovery_key(db_path, recovery).lock()


def test_cancel_is_ignored_while_the_change_runs(qtbot, dialog, vault, db_path,
                                                 message_boxes):
    fill(dialog, PASSWORD, NEW_PASSWORD)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    dialog.reject()  # e.g. Esc while the key is being derived
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert message_boxes.kinds() == ["information"]  # the change went through, not a cancel
    vault.lock()
    Vault.open_with_password(db_path, NEW_PASSWORD).lock()


def test_locking_closes_the_dialog_and_clears_it(qtbot, dialog):
    fill(dialog, PASSWORD, NEW_PASSWORD)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        dialog.ctx.lock()
    assert not dialog.current.text() and not dialog.password.text()
