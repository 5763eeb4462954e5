"""Tiers in the GUI: list badges and filters, a drill-down, the dossier's tier
history and the rules editor's live preview, on the hand-computed fixture."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from app.models import CustomerTier, RuleSet
from app.services.customers.search import ListFilter
from app.services.tiers import service as tier_service
from app.views.customers.customer_list_panel import CustomerListPanel
from app.views.customers.customer_table_model import COL_STAGE, COL_TIER
from app.views.dossier.dossier_panel import DossierPanel
from app.views.shell.app_context import AppContext
from app.views.tiers.rules_dialog import RulesDialog
from tests.daily_helpers import count
from tests.tier_helpers import AS_OF, make_tier_fixture

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


def _panel(qtbot, ctx) -> CustomerListPanel:
    panel = CustomerListPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(900, 500)
    panel.show()
    _settle(qtbot, panel)
    return panel


def _settle(qtbot, panel) -> None:
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10000)


def _names(panel) -> list[str]:
    return sorted(panel.model.row_at(r).name for r in range(panel.model.rowCount()))


def test_tier_and_stage_filters_narrow_the_list_and_rows_carry_badges(qtbot, tiered, ctx):
    panel = _panel(qtbot, ctx)
    assert len(_names(panel)) == 6
    bar = panel.filter_bar
    bar.tier_box.setCurrentIndex(bar.tier_box.findData("mid"))
    _settle(qtbot, panel)
    assert _names(panel) == ["丁", "丙"] and panel.count_label.text() == "2 customers"
    bar.stage_box.setCurrentIndex(bar.stage_box.findData("churned"))
    _settle(qtbot, panel)
    assert _names(panel) == ["丁"]
    bar.tier_box.setCurrentIndex(0)
    _settle(qtbot, panel)
    assert _names(panel) == ["丁", "戊"]
    row = next(r for r in range(panel.model.rowCount()) if panel.model.row_at(r).name == "丁")
    assert panel.model.index(row, COL_TIER).data() == "Mid value"
    assert panel.model.index(row, COL_STAGE).data() == "Churned"
    assert panel.model.index(row, COL_STAGE).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_a_drill_down_shows_exactly_its_customers_until_cleared(qtbot, tiered, ctx):
    panel = _panel(qtbot, ctx)
    panel.show_filter(ListFilter(ids=frozenset({tiered["甲"], tiered["己"]})), "两位客户")
    _settle(qtbot, panel)
    assert _names(panel) == ["己", "甲"]
    assert panel.filter_bar.drill_button.isVisible()
    assert "两位客户" in panel.filter_bar.drill_button.text()
    qtbot.mouseClick(panel.filter_bar.drill_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, panel)
    assert len(_names(panel)) == 6 and not panel.filter_bar.drill_button.isVisible()


def test_the_dossier_shows_the_tier_history(qtbot, tiered, ctx, vault):
    from app.models import Purchase

    with vault.sessions.begin() as s:  # 丁 buys again: won back at the next recompute
        s.add(Purchase(customer_id=tiered["丁"], purchased_on=AS_OF, amount_fen=3000))
    with vault.sessions.begin() as s:
        tier_service.recompute(s, AS_OF, clock=lambda: datetime(2026, 6, 1, 18, 0))
    panel = DossierPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.show_customer(tiered["丁"])
    model = panel.tiers.view.model()
    rows = [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    assert [r[2] for r in rows] == ["Won back", "Churned"]
    assert any("250" in cell for cell in rows[1] if cell)  # the reason, in words
    assert "Won back" in panel.subtitle.text()


def test_rules_editor_preview_follows_a_threshold_before_saving(qtbot, tiered, ctx, vault):
    dialog = RulesDialog(ctx, clock=lambda: CLOCK)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_shown, timeout=10000):
        dialog.show()
    vip = dialog.row_of("vip")
    assert dialog.preview_count("vip") == 1 and dialog.table.item(vip, 2).text() == "1"
    dialog.form.fields["tiers.high.min_score"].setValue(9)  # a tier may not need more …
    with qtbot.waitSignal(dialog.preview_shown, timeout=10000):
        dialog.form.fields["tiers.vip.min_score"].setValue(9)  # … than the one above it
    # 丙 (9 points, class A) becomes VIP.
    assert dialog.preview_count("vip") == 2 and dialog.table.item(vip, 2).text() == "2"
    assert dialog.table.item(vip, 1).text() == "1"  # the current count is unchanged
    assert count(vault, RuleSet) == 0  # nothing saved yet
    churn = dialog.form.fields["lifecycle.churned_multiple"]
    churn.setValue(1.0)  # below "at risk" (2×): refused, Save disabled
    qtbot.waitUntil(lambda: "Churned" in dialog.status.text(), timeout=5000)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    assert not save.isEnabled()
    with qtbot.waitSignal(dialog.preview_shown, timeout=10000):
        churn.setValue(4.0)
    assert save.isEnabled()
    save.click()
    assert count(vault, RuleSet) == 1
    assert count(vault, CustomerTier, CustomerTier.value_tier == "vip") == 2


def test_plan_dialog_previews_the_load_then_writes_once(qtbot, tiered, ctx, vault,
                                                        message_boxes):
    from app.models import Reminder
    from app.views.tiers.plan_dialog import PlanDialog

    dialog = PlanDialog(ctx, clock=lambda: CLOCK)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=10000):
        dialog.show()
    plan = dialog.plan
    assert plan.create and dialog.apply_button.isEnabled()
    assert count(vault, Reminder) == 0  # a preview writes nothing
    # The table shows the planned load of 王经理 (the fixture's owner), day by day.
    shown = {dialog.table.horizontalHeaderItem(c).text().split("\n")[0]:
             int(dialog.table.item(0, c).text())
             for c in range(dialog.table.columnCount()) if dialog.table.item(0, c)}
    assert shown == Counter(f"{p.due:%m-%d}" for p in plan.create)  # day by day
    assert dialog.table.verticalHeaderItem(0).text() == "王经理"
    with qtbot.waitSignal(dialog.previewed, timeout=10000):  # previewed again after writing
        dialog.apply_button.click()
    assert count(vault, Reminder) == len(plan.create)
    assert message_boxes.kinds() == ["information"]
    assert not dialog.plan.create and not dialog.apply_button.isEnabled()  # idempotent


def test_tier_menu_recomputes_and_is_disabled_when_locked(qtbot, vault, ctx, message_boxes):
    from app.views.shell.main_window import MainWindow

    ids = make_tier_fixture(vault)
    window = MainWindow(ctx, clock=lambda: CLOCK)
    qtbot.addWidget(window)
    window.show()
    window.tier_actions.act_recompute.trigger()
    assert count(vault, CustomerTier) == len(ids)
    assert "6 customers" in window.statusBar().currentMessage()
    window.locker.lock()
    assert not window.tier_actions.act_plan.isEnabled()
    window.list_panel.shutdown()


def test_stale_tiers_are_brought_up_to_date_in_the_background_once_a_day(qtbot, vault, ctx):
    from app.models import TierRun
    from app.views.shell.main_window import MainWindow

    make_tier_fixture(vault)
    window = MainWindow(ctx, clock=lambda: CLOCK)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(ctx.data_changed, timeout=10000):
        window.tier_actions.refresh_if_stale()
    qtbot.waitUntil(lambda: not window.tier_actions.refreshing, timeout=10000)
    assert count(vault, CustomerTier) == 6 and count(vault, TierRun) == 1
    assert window.statusBar().currentMessage() == (
        "Tiers brought up to date: 6 customers changed tier or stage.")
    window.tier_actions.refresh_if_stale()  # the same day: nothing to do
    qtbot.waitUntil(lambda: not window.tier_actions.refreshing, timeout=10000)
    assert count(vault, TierRun) == 1
    window.list_panel.shutdown()


def test_rules_preview_marks_the_counts_that_move(qtbot, tiered, ctx):
    dialog = RulesDialog(ctx, clock=lambda: CLOCK)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_shown, timeout=10000):
        dialog.show()
    assert not dialog.table.item(dialog.row_of("vip"), 2).font().bold()
    dialog.form.fields["tiers.high.min_score"].setValue(9)
    with qtbot.waitSignal(dialog.preview_shown, timeout=10000):
        dialog.form.fields["tiers.vip.min_score"].setValue(9)
    assert dialog.table.item(dialog.row_of("vip"), 2).font().bold()  # VIP: 1 → 2
    assert not dialog.table.item(dialog.row_of("high"), 2).font().bold()  # high value: still 1
    dialog.reject()


def test_rules_preview_shows_tiers_and_stages_as_two_headed_groups(qtbot, tiered, ctx):
    dialog = RulesDialog(ctx, clock=lambda: CLOCK)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_shown, timeout=10000):
        dialog.show()
    table = dialog.table
    names = [table.item(r, 0).text().strip() for r in range(table.rowCount())]
    assert names == ["Value tier", "VIP", "High value", "Mid value", "Low value", "Potential",
                     "Lifecycle stage", "Potential", "New", "Repeat", "Loyal", "At risk",
                     "Churned", "Won back"]
    for heading in (0, 6):  # a heading row spans the table and carries no count
        assert table.columnSpan(heading, 0) == 3 and table.item(heading, 1) is None
        assert table.item(heading, 0).font().bold()
    # the customers without a value tier and the potential stage: one label, same count
    assert table.item(dialog.row_of("potential"), 2).text() == "1"  # 己
    assert table.item(dialog.row_of("potential", stage=True), 2).text() == "1"
    assert table.item(dialog.row_of("churned", stage=True), 2).text() == "2"  # 丁, 戊
    dialog.reject()
