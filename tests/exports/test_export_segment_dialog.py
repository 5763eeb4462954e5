"""The export dialog's segment combo on a real encrypted demo file: "All customers" and
the saved names; a chosen segment exports exactly its members today (the workbook
read back), ANDed with the owner filter, and the manifest names it; a segment deleted
after the dialog opened is an error in the dialog, no file written."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.config import Settings
from app.models import Customer
from app.services.exports.manifest import verify_workbook
from app.services.segments import service as segments
from app.views.exports.export_dialog import ExportDialog
from app.views.shell.app_context import AppContext
from tests.customers.segment_helpers import (
    active_with,
    busiest_owner,
    demo_with_values,
    save_segment,
)
from tests.exports.test_export_service import sheet_dicts
from tests.helpers import shown_widget

NOW = datetime(2026, 12, 2, 10, 0)


@pytest.fixture
def demo(vault):
    demo_with_values(vault)
    return vault


def _dialog(qtbot, vault) -> ExportDialog:
    dialog = shown_widget(qtbot, ExportDialog(AppContext(vault, Settings()),
                                              clock=lambda: NOW), 700, 700)
    for key, box in dialog.sheet_boxes.items():
        box.setChecked(key == "register")
    return dialog


def _codes(vault, ids: set[int]) -> set[str]:
    with vault.sessions() as s:
        return set(s.scalars(select(Customer.code).where(Customer.id.in_(ids))))


def _exported_codes(path) -> list[str]:
    return [r["客户编号"] for r in sheet_dicts(openpyxl.load_workbook(path)["客户名册"])]


def test_a_chosen_segment_exports_exactly_its_members(qtbot, demo, tmp_path):
    want = save_segment(demo, "忠诚客户", "stage=loyal")
    save_segment(demo, "贵宾", "tier=vip")
    dialog = _dialog(qtbot, demo)
    combo = dialog.segment_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["All customers", "忠诚客户",
                                                                "贵宾"]
    assert dialog.options().flt.segment is None
    combo.setCurrentIndex(combo.findData("忠诚客户"))
    assert dialog.options().flt.segment == "忠诚客户"
    out = tmp_path / "loyal.xlsx"
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=10000) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    codes = _exported_codes(out)
    assert len(codes) == len(set(codes)) == done.args[0].rows["register"]
    assert set(codes) == _codes(demo, want) and 5 < len(want) < 300
    assert verify_workbook(out).get("filter") == "分群=忠诚客户"


def test_the_segment_is_anded_with_the_owner(qtbot, demo, tmp_path):
    want = save_segment(demo, "中等", "tier=mid")
    owner = busiest_owner(demo)
    dialog = _dialog(qtbot, demo)
    dialog.owner_combo.setCurrentIndex(dialog.owner_combo.findData(owner))
    dialog.segment_combo.setCurrentIndex(dialog.segment_combo.findData("中等"))
    out = tmp_path / "mid.xlsx"
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.start()
    both = want & active_with(demo, owner=owner)
    assert set(_exported_codes(out)) == _codes(demo, both) and both != want
    assert verify_workbook(out).get("filter") == f"客户经理={owner}；分群=中等"


def test_a_segment_deleted_after_opening_is_an_error_in_the_dialog(qtbot, demo, tmp_path):
    save_segment(demo, "临时", "tier=low")
    dialog = _dialog(qtbot, demo)
    dialog.segment_combo.setCurrentIndex(dialog.segment_combo.findData("临时"))
    with demo.sessions.begin() as s:
        segments.delete(s, "临时")
    out = tmp_path / "gone.xlsx"
    dialog.path_edit.setText(str(out))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)
    assert "临时" in dialog.error.text() and dialog.isVisible()
    assert not out.exists()
