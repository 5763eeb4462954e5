"""The settings dialog names every backup's reason in words, in the UI's language —
never the code in the file name ("import")."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from app.views.settings.settings_dialog import SettingsDialog
from app.views.shell.app_context import AppContext
from app.views.shell.i18n_setup import I18N_DIR

# every reason the app writes (vault.backup(reason) callers, the migration snapshot)
REASONS = {"manual": "手动备份", "import": "导入前", "undo-import": "撤销导入前",
           "before-migration-3": "文件格式升级前"}


@pytest.fixture
def chinese_ui(qapp):
    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "kehu_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def _reasons(qtbot, vault) -> dict[str, str]:
    dialog = SettingsDialog(AppContext(vault))
    qtbot.addWidget(dialog)
    shown = {}
    for row in range(dialog.backups.topLevelItemCount()):
        item = dialog.backups.topLevelItem(row)
        shown[item.toolTip(0)] = item.text(2)
    return shown


def test_every_backup_reason_is_in_words(qtbot, vault, chinese_ui):
    paths = {vault.backup(reason, keep=0): reason for reason in [*REASONS, "odd-one"]}
    shown = {paths[Path(p)]: text for p, text in _reasons(qtbot, vault).items()}
    assert shown == {**REASONS, "odd-one": "其他（odd-one）"}
    for code, text in shown.items():
        assert code not in text or code == "odd-one"
