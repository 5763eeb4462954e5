"""First-start and unlock dialogs, driven through real widgets offscreen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import text

from app.views.files.create_file_dialog import CreateFileDialog, RecoveryKeyDialog
from app.views.files.unlock_dialog import UnlockDialog
from tests.conftest import PASSWORD
from tests.helpers import dir_fingerprint


def test_create_dialog_needs_two_matching_passwords_of_8(qtbot, tmp_path):
    dialog = CreateFileDialog(tmp_path / "k.db")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.repeat, "short")
    assert not ok.isEnabled() and "8" in dialog.strength.text()
    dialog.password.setText("长一点的密码 long enough")
    dialog.repeat.setText("长一点的密码 long enouGH")
    assert not ok.isEnabled() and dialog.mismatch.text() == "The two passwords differ."
    dialog.repeat.setText("长一点的密码 long enough")
    assert ok.isEnabled() and not dialog.mismatch.text()


def test_recovery_key_dialog_needs_confirmation(qtbot):
    dialog = RecoveryKeyDialog("ABCD-EFGH")
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc does not skip it
    assert dialog.isVisible() and dialog.key.text() == "ABCD-EFGH"
    # On the box itself: the widget's centre is off its label when no font is installed
    # (a fresh machine), and a click there does not toggle it.
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton, pos=_box_centre(dialog.confirm))
    assert ok.isEnabled()


def _box_centre(checkbox):
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    option = QStyleOptionButton()
    checkbox.initStyleOption(option)
    return checkbox.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option,
                                           checkbox).center()


def test_unlock_dialog_stays_open_on_wrong_password_then_unlocks(qtbot, vault, db_path):
    vault.lock()
    before = dir_fingerprint(db_path.parent)
    dialog = UnlockDialog(db_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.secret, "wrong password")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=10000)
    assert "Wrong password" in dialog.error.text()
    assert dialog.isVisible() and dialog.vault is None
    assert dir_fingerprint(db_path.parent) == before  # nothing written
    dialog.secret.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.vault is not None and not dialog.vault.is_locked
    assert dialog.secret.text() == ""
    dialog.vault.lock()


def test_unlock_with_recovery_key(qtbot, vault_and_recovery, db_path):
    vault, recovery = vault_and_recovery
    vault.lock()
    dialog = UnlockDialog(db_path)
    qtbot.addWidget(dialog)
    dialog.use_recovery.setChecked(True)
    dialog.secret.setText(recovery)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.ok.click()
    unlocked = dialog.vault
    try:
        assert unlocked.db_path == db_path and not unlocked.is_locked
        with unlocked.sessions() as s:  # the data key really opens the file
            assert s.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    finally:
        unlocked.lock()


def test_recent_files_switch_the_file_to_unlock(qtbot, tmp_path, vault, db_path):
    other = tmp_path / "other.db"
    other.write_bytes(b"x")
    dialog = UnlockDialog(db_path, recent_files=[db_path, other])
    qtbot.addWidget(dialog)
    assert dialog.recent.count() == 2  # the prompt and the other file (not the current one)
    dialog.recent.setCurrentIndex(1)
    dialog.recent.activated.emit(1)
    assert dialog.db_path == other and "other.db" in dialog.where.text()


def test_demo_fill_from_the_first_start_dialog_adds_customers(qtbot, vault):
    from app.views.files.demo_fill import fill_with_demo_data

    assert fill_with_demo_data(vault, None, customers=60) is True
    with vault.sessions() as s:
        assert s.execute(text("SELECT count(*) FROM customer")).scalar() == 60
