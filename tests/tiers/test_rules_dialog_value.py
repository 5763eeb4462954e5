"""The rules dialog's value basis combo and its segment cadence table: both read from
and saved to the rules, the preview follows the basis, a row naming a deleted segment
is marked."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtGui import QPalette

from app.services.segments import service as segments
from app.services.tiers import service as tier_service
from app.services.tiers.rules import active_rules, save_rules
from app.views.shell.app_context import AppContext
from app.views.tiers.rules_dialog import RulesDialog
from app.views.tiers.segment_cadence_table import COL_SEGMENT, MISSING_COLOR
from tests.tier_helpers import AS_OF, make_tier_fixture, store_clv

CLOCK = datetime(2026, 6, 1, 9, 0)


@pytest.fixture
def tiered(vault):
    ids = make_tier_fixture(vault)
    with vault.sessions.begin() as s:
        tier_service.recompute(s, AS_OF, clock=lambda: CLOCK)
    return ids


@pytest.fixture
def ctx(vault):
    return AppContext(vault)


def _open(qtbot, ctx) -> RulesDialog:
    dialog = RulesDialog(ctx, clock=lambda: CLOCK)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_shown, timeout=10000):
        dialog.show()
    return dialog


def _save(dialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def _choose_basis(qtbot, dialog, basis: str) -> None:
    combo = dialog.form.value_basis
    with qtbot.waitSignal(dialog.preview_shown, timeout=10000):
        combo.setCurrentIndex(combo.findData(basis))


def test_basis_and_segment_cadences_round_trip_through_save(qtbot, tiered, ctx, vault):
    with vault.sessions.begin() as s:
        segments.save(s, "老客户", "tier=vip")
        segments.save(s, "潜力客户", "tier=mid")
        save_rules(s, {"segment_cadence": [{"segment": "老客户", "every_days": 20}],
                       "clv_discount_rate": 0.2})
    dialog = _open(qtbot, ctx)
    table = dialog.form.segment_cadence
    assert table.entries() == [{"segment": "老客户", "every_days": 20}]
    assert dialog.form.value_basis.currentData() == "monetary"
    table.add_button.click()  # the segment no row names yet
    assert table.entries()[1]["segment"] == "潜力客户"
    table._spin(1).setValue(45)
    table.up_button.click()  # the new row is selected: it moves first
    assert [e["segment"] for e in table.entries()] == ["潜力客户", "老客户"]
    assert not table.up_button.isEnabled() and table.down_button.isEnabled()
    _choose_basis(qtbot, dialog, "clv")
    _save(dialog)
    with vault.sessions() as s:
        rules = active_rules(s)
    assert rules["value_basis"] == "clv"
    assert rules["segment_cadence"] == [{"segment": "潜力客户", "every_days": 45},
                                        {"segment": "老客户", "every_days": 20}]
    assert rules["clv_discount_rate"] == 0.2  # no widget for it: kept, not reset
    again = _open(qtbot, ctx)  # and read back
    assert again.form.value_basis.currentData() == "clv"
    assert again.form.segment_cadence.entries() == rules["segment_cadence"]
    again.form.segment_cadence.table.setCurrentCell(0, COL_SEGMENT)
    again.form.segment_cadence.remove_button.click()
    _save(again)
    with vault.sessions() as s:
        assert active_rules(s)["segment_cadence"] == [{"segment": "老客户", "every_days": 20}]


def test_the_preview_follows_the_value_basis(qtbot, tiered, ctx, vault):
    # 丁 spent little but has the highest prediction; 甲 (VIP by revenue) falls to class C.
    store_clv(vault, AS_OF, {tiered["甲"]: 30000, tiered["丙"]: 20000,
                             tiered["丁"]: 900000, tiered["戊"]: 1000})
    dialog = _open(qtbot, ctx)
    assert (dialog.preview_count("vip"), dialog.preview_count("high")) == (1, 1)
    _choose_basis(qtbot, dialog, "clv")
    assert (dialog.preview_count("vip"), dialog.preview_count("high"),
            dialog.preview_count("mid")) == (0, 1, 3)
    assert dialog.table.item(dialog.row_of("vip"), 2).text() == "0"
    assert dialog.table.item(dialog.row_of("vip"), 1).text() == "1"  # now: unchanged
    assert dialog.form.clv_note.isHidden()  # there are predictions
    _choose_basis(qtbot, dialog, "monetary")
    assert dialog.preview_count("vip") == 1


def test_without_predictions_the_dialog_says_clv_ranks_as_revenue(qtbot, tiered, ctx):
    dialog = _open(qtbot, ctx)
    assert dialog.form.clv_note.isHidden()
    _choose_basis(qtbot, dialog, "clv")
    assert not dialog.form.clv_note.isHidden()
    assert "No predicted values" in dialog.form.clv_note.text()
    assert (dialog.preview_count("vip"), dialog.preview_count("high")) == (1, 1)


def test_a_row_naming_a_deleted_segment_is_marked_and_kept(qtbot, tiered, ctx, vault):
    with vault.sessions.begin() as s:
        segments.save(s, "老客户", "tier=vip")
        segments.save(s, "已停用", "tier=low")
        save_rules(s, {"segment_cadence": [{"segment": "已停用", "every_days": 7},
                                           {"segment": "老客户", "every_days": 20}]})
        segments.delete(s, "已停用")
    dialog = _open(qtbot, ctx)
    table = dialog.form.segment_cadence
    assert [table.is_missing(r) for r in range(2)] == [True, False]
    gone, kept = table._combo(0), table._combo(1)
    assert "deleted" in gone.toolTip() and kept.toolTip() == ""
    assert gone.palette().color(QPalette.ColorRole.ButtonText) == MISSING_COLOR
    assert kept.palette().color(QPalette.ColorRole.ButtonText) != MISSING_COLOR
    gone.setCurrentIndex(gone.findData("老客户"))  # pointing it at a live segment clears it
    assert not table.is_missing(0) and gone.toolTip() == ""
    gone.setCurrentIndex(gone.findData("已停用"))
    _save(dialog)  # not silently dropped: the planner skips it
    with vault.sessions() as s:
        assert active_rules(s)["segment_cadence"][0] == {"segment": "已停用", "every_days": 7}


def test_the_table_offers_no_row_without_saved_segments_and_moves_rows_down(qtbot):
    from app.views.tiers.segment_cadence_table import SegmentCadenceTable

    table = SegmentCadenceTable()
    qtbot.addWidget(table)
    assert not table.add_button.isEnabled() and "No saved segments" in table.add_button.toolTip()
    table.set_segments(["甲群", "乙群"])
    table.set_entries([{"segment": "甲群", "every_days": 5}, {"segment": "乙群", "every_days": 9}])
    with qtbot.waitSignal(table.changed):
        table.table.setCurrentCell(0, COL_SEGMENT)
        table.down_button.click()
    assert table.entries() == [{"segment": "乙群", "every_days": 9},
                               {"segment": "甲群", "every_days": 5}]
    assert table.current_row() == 1 and not table.down_button.isEnabled()
    with qtbot.waitSignal(table.changed):
        table._spin(0).setValue(3650)
    assert table.entries()[0]["every_days"] == 3650 and table._spin(0).maximum() == 3650
