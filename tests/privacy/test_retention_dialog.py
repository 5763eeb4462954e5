"""The retention dialog lists the customers past the period, counts the held ones, and
anonymises them after a confirmation naming the count (nothing without a reason or a
yes)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from app.models import Customer
from app.views.privacy.retention_dialog import RetentionDialog
from app.views.shell.app_context import AppContext
from tests.privacy.test_retention import NAME, _people


@pytest.fixture
def dialog(qtbot, vault):
    d = RetentionDialog(AppContext(vault))
    qtbot.addWidget(d)
    return d


def test_the_dialog_lists_and_anonymises_after_a_confirmation(dialog, vault, message_boxes):
    ids = _people(vault)
    assert dialog.reload()
    assert dialog.model.rowCount() == 1 and "1 more" in dialog.summary.text()
    dialog.anonymise_button.click()  # no reason: asked for one, nothing done
    assert message_boxes.kinds() == ["information"]
    dialog.reason.setText("超过保存期限")
    message_boxes.answer = QMessageBox.StandardButton.No
    dialog.anonymise_button.click()
    with vault.sessions() as s:
        assert s.get(Customer, ids["old"]).name == NAME
    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.anonymise_button.click()
    assert "1 customer" in message_boxes.of("question")[-1][2]
    with vault.sessions() as s:
        assert s.get(Customer, ids["old"]).name.startswith("已匿名")
    assert dialog.model.rowCount() == 0 and not dialog.erase_button.isEnabled()
    assert "Done: 1" in dialog.summary.text()
