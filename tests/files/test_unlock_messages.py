"""The unlock dialog knows whether a password or a recovery key was typed: a wrong one
is named for what it is ("Wrong password.", not "password or recovery key"), in both
languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from app.security import recovery_key
from app.views.files.unlock_dialog import UnlockDialog
from app.views.shell.i18n_setup import I18N_DIR

WORDS = {"en": ("Wrong password.", "Wrong recovery key."),
         "zh": ("密码不正确。", "恢复密钥不正确。")}


@pytest.fixture(params=["en", "zh"])
def lang(request):
    translator = QTranslator()
    if request.param == "zh":
        assert translator.load(str(I18N_DIR / "kehu_zh_CN.qm"))
        QCoreApplication.installTranslator(translator)
    yield request.param
    QCoreApplication.removeTranslator(translator)


def _try(qtbot, dialog, secret: str) -> str:
    dialog.secret.setText(secret)
    dialog.ok.click()
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=10000)
    return dialog.error.text()


def test_a_wrong_password_or_key_is_named_for_what_was_typed(qtbot, vault, db_path, lang):
    vault.lock()
    dialog = UnlockDialog(db_path)
    qtbot.addWidget(dialog)
    dialog.show()
    wrong_password, wrong_key = WORDS[lang]
    assert _try(qtbot, dialog, "not the password") == wrong_password
    dialog.use_recovery.setChecked(True)
    _raw, other_key = recovery_key.generate()  # well formed, but not this file's
    assert _try(qtbot, dialog, other_key) == wrong_key
    dialog.use_recovery.setChecked(False)
    assert _try(qtbot, dialog, "still not it") == wrong_password
    assert dialog.vault is None and dialog.isVisible()
