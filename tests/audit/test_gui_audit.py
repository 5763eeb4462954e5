"""What a person does in the window is in the audit: each unlock (by password or by the
recovery key) and each settings change, with the values that changed; and the settings
say plainly that roles come with team mode (PIPL access control is not faked)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.security.vault import Vault
from app.services import audit
from app.views.files.unlock_dialog import UnlockDialog
from app.views.settings.settings_dialog import SettingsDialog
from app.views.shell.app_context import AppContext
from app.views.shell.integrity_watch import IntegrityWatch
from tests.conftest import PASSWORD


def _actions(vault) -> list[tuple[str, dict]]:
    with vault.sessions() as session:
        return [(e.action, e.detail) for e in audit.entries(session)
                if e.action in ("unlock", "settings_change")]


def _unlock(qtbot, db_path, secret: str, recovery: bool) -> Vault:
    """Unlock in the dialog, then let the integrity check run as the window does after
    each unlock: the unlock is written only once the file is known to be whole."""
    dialog = UnlockDialog(db_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.use_recovery.setChecked(recovery)
    dialog.secret.setText(secret)
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.vault is not None, timeout=10000)
    assert _actions(dialog.vault) == [] or recovery  # not written before the check
    watch = IntegrityWatch(AppContext(dialog.vault), dialog)
    with qtbot.waitSignal(watch.checked, timeout=10000):
        watch.start()
    return dialog.vault


def test_each_unlock_is_audited_with_its_method(qtbot, vault_and_recovery, db_path):
    vault, recovery = vault_and_recovery
    vault.lock()
    opened = _unlock(qtbot, db_path, PASSWORD, recovery=False)
    opened.lock()
    opened = _unlock(qtbot, db_path, recovery, recovery=True)
    try:
        unlocks = [d for a, d in _actions(opened) if a == "unlock"]
        assert sorted(d["method"] for d in unlocks) == ["password", "recovery_key"]
        with opened.sessions() as session:
            assert audit.verify(session).ok
    finally:
        opened.lock()


def test_a_wrong_password_writes_nothing(qtbot, vault, db_path):
    vault.lock()
    dialog = UnlockDialog(db_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.secret.setText("not the password")
    dialog.ok.click()
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=10000)
    assert dialog.vault is None
    opened = _unlock(qtbot, db_path, PASSWORD, recovery=False)
    try:
        assert [a for a, _ in _actions(opened)] == ["unlock"]
    finally:
        opened.lock()


def test_settings_changes_are_audited_and_roles_explained(qtbot, vault):
    ctx = AppContext(vault)
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "team mode" in dialog.roles_note.text()
    dialog.idle_minutes.setValue(25)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert _actions(vault) == [("settings_change", {"idle_lock_minutes": 25})]
    again = SettingsDialog(ctx)  # saved unchanged: nothing to audit
    qtbot.addWidget(again)
    again.show()
    qtbot.mouseClick(again.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert len(_actions(vault)) == 1
