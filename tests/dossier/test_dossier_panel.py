"""The dossier pane with real widgets: tabs read in a worker, the trash banner,
locking with unsaved edits, and the generic row table model."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.config import Settings
from app.models import Customer, Purchase
from app.security.vault import Vault
from app.services.customers import service as customer_service
from app.services.customers.dossier import Capped, PurchaseRow
from app.views.dossier import dossier_columns
from app.views.dossier.dossier_panel import DossierPanel
from app.views.shell.app_context import AppContext
from app.views.widgets.row_table_model import SORT_ROLE, RowTableModel
from tests.conftest import PASSWORD
from tests.daily_helpers import make_customer
from tests.dossier.test_profile_form import type_and_leave
from tests.helpers import shown_widget, type_text


@pytest.fixture
def ctx(vault):
    context = AppContext(vault, Settings(default_owner="王经理"))
    yield context
    if context.vault is not None and context.vault is not vault:
        context.vault.lock()  # the one reopened by a test


@pytest.fixture
def panel(qtbot, ctx):
    return shown_widget(qtbot, DossierPanel(ctx), 800, 700)


def show(qtbot, panel, cid):
    with qtbot.waitSignal(panel.loaded, timeout=10000) as blocker:
        panel.show_customer(cid)
    assert blocker.args == [cid]


def cells(tab) -> list[list[str]]:
    model = tab.view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_purchases_tab_lists_purchases_with_yuan(qtbot, panel, vault):
    cid = make_customer(vault, phone="13800138000")
    with vault.sessions.begin() as s:
        s.add(Purchase(customer_id=cid, purchased_on=date(2025, 3, 1), amount_fen=1_234_50,
                       product="季季红理财", category="理财产品", channel="柜面"))
        s.add(Purchase(customer_id=cid, purchased_on=date(2024, 1, 5), amount_fen=99,
                       product="基金定投", category="基金", quantity=3))
    show(qtbot, panel, cid)
    assert panel.title.text() == "张三" and "KH000001" in panel.subtitle.text()
    assert panel.tabs.tabText(2) == "Purchases 2"
    assert not panel.purchases.is_empty_shown()
    assert cells(panel.purchases) == [
        ["2025-03-01", "季季红理财", "¥1,234.50", "1", "理财产品", "柜面"],
        ["2024-01-05", "基金定投", "¥0.99", "3", "基金", ""],
    ]
    summary = panel.purchases.summary.text()
    assert "2 purchases" in summary and "¥1,235.49" in summary and "2025-03-01" in summary
    # Sorting by amount happens on the number, not on the text.
    panel.purchases.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert cells(panel.purchases)[0][2] == "¥0.99"
    assert panel.form.fields.editors["phone"].text() == "13800138000"


def test_customer_without_records_shows_empty_states(qtbot, panel, vault):
    cid = make_customer(vault)
    live = (panel.timeline, panel.reminders, panel.complaints)
    with qtbot.waitSignals([tab.loaded for tab in live], timeout=10000):
        show(qtbot, panel, cid)
    for tab in (panel.purchases, panel.tiers):
        assert tab.is_empty_shown() and tab.empty.text()
    for tab in live:
        assert tab.is_empty_shown() and tab.message.text() == tab.empty_text()
    assert "Log the first one below" in panel.timeline.message.text()
    assert "no purchases" in panel.purchases.empty.text()
    assert not panel.purchases.summary.isVisibleTo(panel)
    assert panel.tabs.tabText(1) == "Timeline"  # nothing to count: no "(0)"
    assert "Satisfaction" not in panel.subtitle.text()  # no scores yet


def test_demo_customer_tabs_match_their_counts(qtbot, panel, vault):
    from app.services.demo.generator import generate_demo_data

    generate_demo_data(vault.sessions, 20, seed=5, today=date(2026, 1, 15))
    with vault.sessions() as s:
        cid = s.scalar(select(Purchase.customer_id).limit(1))
        bought = s.scalar(select(func.count()).select_from(Purchase)
                          .where(Purchase.customer_id == cid))
    show(qtbot, panel, cid)
    assert bought >= 1 and panel.purchases.model.rowCount() == bought
    assert panel.tabs.tabText(2) == f"Purchases {bought}"
    assert all(text.startswith("¥") for text in (r[2] for r in cells(panel.purchases)))


def test_trash_banner_and_its_buttons(qtbot, panel, vault, ctx):
    cid = make_customer(vault)
    show(qtbot, panel, cid)
    assert not panel.banner.isVisibleTo(panel) and panel.trash_button.isVisibleTo(panel)
    with qtbot.waitSignal(panel.trash_requested) as blocker:
        qtbot.mouseClick(panel.trash_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [cid]
    # The main window trashes it and says so; the pane reloads.
    with vault.sessions.begin() as s:
        customer_service.move_to_trash(s, [cid])
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        ctx.data_changed.emit()
    assert panel.banner.isVisibleTo(panel) and "In trash since" in panel.banner_text.text()
    assert not panel.trash_button.isVisibleTo(panel)
    assert not panel.form.fields.isEnabled()
    with qtbot.waitSignal(panel.restore_requested) as blocker:
        qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [cid]
    with qtbot.waitSignal(panel.purge_requested) as blocker:
        qtbot.mouseClick(panel.purge_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [cid]
    with vault.sessions.begin() as s:  # purged: the pane has nothing left to show
        customer_service.purge(s, [cid])
    ctx.data_changed.emit()
    qtbot.waitUntil(lambda: panel.pages.currentWidget() is panel.empty_page, timeout=10000)
    assert panel.current_customer_id() is None


def test_new_customer_saved_from_the_pane(qtbot, panel, vault, ctx):
    panel.start_new()
    assert panel.is_new() and panel.current_customer_id() is None
    assert not panel.tabs.isTabEnabled(2) and not panel.trash_button.isVisibleTo(panel)
    type_and_leave(qtbot, panel.form, "name", "王五")
    changes = []
    ctx.data_changed.connect(lambda: changes.append(panel.current_customer_id()))
    with qtbot.waitSignal(panel.saved, timeout=10000) as blocker:
        panel.form.save_button.click()
    (cid,) = blocker.args
    qtbot.waitUntil(lambda: changes == [cid], timeout=10000)  # once, with the id known
    qtbot.waitUntil(lambda: panel.title.text() == "王五", timeout=10000)
    assert panel.current_customer_id() == cid and not panel.is_new()
    assert panel.tabs.isTabEnabled(2)
    with vault.sessions() as s:
        assert s.get(Customer, cid).owner == "王经理"


def test_switching_quickly_shows_the_last_customer_only(qtbot, panel, vault):
    a, b = make_customer(vault, "甲"), make_customer(vault, "乙")
    seen = []
    panel.loaded.connect(seen.append)
    panel.show_customer(a)
    panel.show_customer(b)
    qtbot.waitUntil(lambda: b in seen, timeout=10000)
    qtbot.wait(50)
    assert seen == [b] and panel.title.text() == "乙"


def test_switching_customer_during_a_save(qtbot, panel, vault, ctx):
    a, b = make_customer(vault, "甲"), make_customer(vault, "乙")
    show(qtbot, panel, a)
    type_and_leave(qtbot, panel.form, "wechat", "jia_01")
    saved, changes = [], []
    panel.saved.connect(saved.append)
    ctx.data_changed.connect(lambda: changes.append(1))
    assert panel.form.save()
    panel.discard_changes()
    panel.show_customer(b)  # before the save has come back
    qtbot.waitUntil(lambda: bool(changes), timeout=10000)
    qtbot.waitUntil(lambda: panel.title.text() == "乙", timeout=10000)
    assert saved == [] and panel.current_customer_id() == b
    assert panel.form.fields.editors["name"].text() == "乙"
    assert panel.form.fields.isEnabled() and not panel.has_unsaved_changes()
    with vault.sessions() as s:
        assert s.get(Customer, a).wechat == "jia_01"  # written all the same


def test_lock_keeps_unsaved_edits_and_restores_them(qtbot, panel, vault, ctx, db_path):
    cid = make_customer(vault, phone="13800138000")
    with vault.sessions.begin() as s:
        s.add(Purchase(customer_id=cid, purchased_on=date(2025, 3, 1), amount_fen=5000))
    show(qtbot, panel, cid)
    type_and_leave(qtbot, panel.form, "name", "张三丰")
    type_text(qtbot, panel.form.fields.editors["notes"], "下周回访")
    assert panel.has_unsaved_changes()

    ctx.lock()
    assert panel.pages.currentWidget() is panel.locked_page
    assert "unsaved changes are kept" in panel.locked_page.text()
    form = panel.form
    assert form.fields.editors["name"].text() == "" and form.fields.editors["phone"].text() == ""
    assert panel.purchases.model.rowCount() == 0 and panel.title.text() == ""
    assert panel.has_unsaved_changes() and form.save() is False

    with qtbot.waitSignal(panel.loaded, timeout=10000):
        ctx.set_unlocked(Vault.open_with_password(db_path, PASSWORD))
    assert panel.pages.currentWidget() is panel.content_page
    assert form.fields.editors["name"].text() == "张三丰"
    assert form.fields.editors["notes"].toPlainText() == "下周回访"
    assert form.fields.editors["phone"].text() == "13800138000"
    assert panel.purchases.model.rowCount() == 1 and panel.has_unsaved_changes()
    with qtbot.waitSignal(panel.saved, timeout=10000):
        form.save_button.click()
    with ctx.sessions()() as s:
        stored = s.get(Customer, cid)
        assert (stored.name, stored.notes) == ("张三丰", "下周回访")


def test_lock_keeps_a_new_customer_draft_unless_discarded(qtbot, panel, ctx, db_path):
    panel.start_new()
    type_and_leave(qtbot, panel.form, "name", "赵六")
    ctx.lock()
    panel.discard_changes()  # the user chose to drop the draft
    assert not panel.has_unsaved_changes()
    assert "unsaved" not in panel.locked_page.text()
    ctx.set_unlocked(Vault.open_with_password(db_path, PASSWORD))
    assert panel.is_new() and panel.form.fields.editors["name"].text() == ""

    type_and_leave(qtbot, panel.form, "name", "赵六")
    ctx.lock()
    ctx.set_unlocked(Vault.open_with_password(db_path, PASSWORD))
    assert panel.form.fields.editors["name"].text() == "赵六"
    assert panel.form.save_button.isEnabled()


def test_dirty_changed_is_forwarded_and_edits_survive_a_refresh(qtbot, panel, vault):
    cid = make_customer(vault)
    show(qtbot, panel, cid)
    with qtbot.waitSignal(panel.dirty_changed) as blocker:
        type_and_leave(qtbot, panel.form, "wechat", "zs_01")
    assert blocker.args == [True]
    show(qtbot, panel, cid)  # the same customer again (e.g. the list refreshed)
    assert panel.form.fields.editors["wechat"].text() == "zs_01"
    assert panel.has_unsaved_changes()
    with qtbot.waitSignal(panel.dirty_changed) as blocker:
        panel.discard_changes()
    assert blocker.args == [False]


def test_row_table_model_passes_the_model_tester(qtmodeltester):
    rows = [PurchaseRow(i, date(2025, 1, i + 1), f"产品{i}", "基金", i, i * 1001, None)
            for i in range(5)]
    model = RowTableModel(dossier_columns.purchase_columns(), rows)
    qtmodeltester.check(model)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Amount"
    assert model.index(3, 2).data() == "¥30.03"
    assert model.index(3, 2).data(SORT_ROLE) == 3003
    align = model.index(3, 2).data(Qt.ItemDataRole.TextAlignmentRole)
    assert align & int(Qt.AlignmentFlag.AlignRight.value)
    model.set_rows(())
    qtmodeltester.check(model)


def test_contact_and_tier_columns_show_names_not_codes():
    from app.services.customers.dossier import ContactRow, TierRow

    event = ContactRow(1, datetime(2025, 5, 1, 9, 30), "wechat", "inbound", "revisit",
                       "回访", None, 4, "王经理")
    model = RowTableModel(dossier_columns.contact_columns(), [event])
    assert [model.index(0, c).data() for c in range(4)] == [
        "2025-05-01 09:30", "WeChat", "Revisit", "回访"]
    assert model.index(0, 5).data() == "★★★★☆" and model.index(0, 6).data() == "Inbound"
    tier = TierRow(1, datetime(2025, 5, 1), None, "potential", "no purchase")
    model = RowTableModel(dossier_columns.tier_columns(), Capped((tier,), 1).rows)
    assert model.index(0, 1).data() == "None yet" and model.index(0, 2).data() == "Potential"


def test_show_timeline_brings_the_quick_log_forward(qtbot, panel, vault):
    cid = make_customer(vault, "时间线")
    panel.show_customer(cid)
    panel.show_timeline()  # asked before the customer is loaded: done once it is
    qtbot.waitUntil(lambda: panel.tabs.currentWidget() is panel.timeline, timeout=10000)
    assert panel.current_customer_id() == cid
    assert panel.focusWidget() is panel.timeline.quick_log.summary  # ready to type
