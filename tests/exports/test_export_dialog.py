"""The export and consolidation dialogs, driven through their widgets, and the File
menu entries that open them."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.config import Settings
from app.models import AuditLog
from app.services.exports.manifest import verify_workbook
from app.views.exports.consolidate_dialog import ConsolidateDialog
from app.views.exports.export_dialog import ExportDialog
from app.views.shell.app_context import AppContext
from tests.exports.test_export_service import ID_ZHANG, NOW, seed, sheet_dicts
from tests.helpers import scripted, shown_widget, type_text


@pytest.fixture
def ctx(vault):
    with vault.sessions.begin() as s:
        seed(s)
    return AppContext(vault, Settings())


@pytest.fixture
def dialog(qtbot, ctx):
    return shown_widget(qtbot, ExportDialog(ctx, clock=lambda: NOW), 700, 700)


def _export(qtbot, dialog, path) -> object:
    dialog.path_edit.setText(str(path))
    with qtbot.waitSignal(dialog.exported, timeout=10000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_masked_by_default_and_unmasked_needs_a_reason(qtbot, dialog, vault, tmp_path):
    assert dialog.mask_check.isChecked() and not dialog.reason_edit.isEnabled()
    out = tmp_path / "full.xlsx"
    dialog.path_edit.setText(str(out))
    dialog.mask_check.click()
    assert dialog.reason_edit.isEnabled()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and "needs a reason" in dialog.error.text()
    assert not out.exists()
    type_text(qtbot, dialog.reason_edit, "总部年度核对")
    result = _export(qtbot, dialog, out)
    assert result.rows["register"] == 3 and not dialog.isVisible()
    wb = openpyxl.load_workbook(out)
    assert ID_ZHANG in [r["身份证号"] for r in sheet_dicts(wb["客户名册"])]
    assert verify_workbook(out).get("masked") == "否"
    with vault.sessions() as s:
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "export")).one()
    assert entry.detail["reason"] == "总部年度核对"


def test_sheets_filters_and_password(qtbot, dialog, tmp_path):
    for key in ("purchases", "contacts", "revisits", "complaints", "surveys"):
        dialog.sheet_boxes[key].setChecked(False)
    dialog.owner_combo.setCurrentIndex(dialog.owner_combo.findData("王经理"))
    dialog.tier_combo.setCurrentIndex(dialog.tier_combo.findData("vip"))
    dialog.mask_names_check.setChecked(True)
    type_text(qtbot, dialog.password_edit, "pw-1234")
    type_text(qtbot, dialog.password_again, "pw-9999")
    dialog.path_edit.setText(str(tmp_path / "p.xlsx"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "passwords differ" in dialog.error.text()
    dialog.password_again.clear()
    type_text(qtbot, dialog.password_again, "pw-1234")
    result = _export(qtbot, dialog, tmp_path / "p.xlsx")
    assert result.encrypted and result.rows == {"register": 1}
    manifest = verify_workbook(tmp_path / "p.xlsx", password="pw-1234")
    assert manifest.get("filter") == "客户经理=王经理；价值等级=VIP"
    assert manifest.sheets == ["客户名册", "汇总"]


def test_period_and_csv(qtbot, dialog, tmp_path):
    from datetime import date

    from PySide6.QtCore import QDate

    dialog.period_check.setChecked(True)
    dialog.date_from.setDate(QDate(2026, 5, 1))
    dialog.date_to.setDate(QDate(2026, 5, 31))
    dialog.path_edit.setText(str(tmp_path / "c.csv"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "exactly one data sheet" in dialog.error.text()
    for key, box in dialog.sheet_boxes.items():
        box.setChecked(key == "contacts")
    assert dialog.options().flt.date_from == date(2026, 5, 1)
    result = _export(qtbot, dialog, tmp_path / "c.csv")
    assert result.rows == {"contacts": 1}
    assert "+回访" in (tmp_path / "c.csv").read_text(encoding="utf-8-sig")


def test_file_menu_opens_the_export_dialog(qtbot, ctx, monkeypatch, tmp_path):
    from app.views.shell.main_window import MainWindow

    window = MainWindow(ctx, clock=lambda: NOW)
    qtbot.addWidget(window)
    out = tmp_path / "menu.xlsx"

    def script(dialog):
        dialog.path_edit.setText(str(out))
        dialog.start()
        qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)

    scripted(monkeypatch, ExportDialog, script)
    assert window.exchange.act_export.shortcut().toString() == "Ctrl+E"
    window.exchange.act_export.trigger()
    assert out.exists() and "Exported" in window.statusBar().currentMessage()
    opened = []
    scripted(monkeypatch, ConsolidateDialog, lambda d: opened.append(d.windowTitle()))
    window.exchange.act_consolidate.trigger()
    assert opened == ["Consolidate branch workbooks"]
    window.list_panel.shutdown()


def test_consolidation_dialog_merges_and_reports_refusals(qtbot, vault, tmp_path):
    from app.services.exports.service import ExportOptions, export

    with vault.sessions.begin() as s:
        seed(s)
    with vault.sessions.begin() as s:
        export(s, tmp_path / "a.xlsx", ExportOptions(branch_name="甲"), now=NOW)
        export(s, tmp_path / "b.xlsx", ExportOptions(branch_name="乙"), now=NOW)
    wb = openpyxl.load_workbook(tmp_path / "b.xlsx")
    wb["客户名册"].delete_rows(4)
    wb.save(tmp_path / "cut.xlsx")
    dialog = shown_widget(qtbot, ConsolidateDialog(clock=lambda: NOW), 700, 600)
    dialog.add_inputs([tmp_path / "a.xlsx", tmp_path / "cut.xlsx", tmp_path / "a.xlsx"])
    assert dialog.files.count() == 2
    dialog.out_edit.setText(str(tmp_path / "hq.xlsx"))
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)
    assert "cut.xlsx" in dialog.report.toPlainText() and "truncated" in \
        dialog.report.toPlainText()
    assert not (tmp_path / "hq.xlsx").exists()
    dialog.files.item(1).setSelected(True)
    dialog.remove_selected()
    dialog.add_inputs([tmp_path / "b.xlsx"])
    with qtbot.waitSignal(dialog.consolidated, timeout=10000):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    text = dialog.report.toPlainText()
    assert "Consolidated 6 customers" in text and "3 customers appear in more than one" in text
