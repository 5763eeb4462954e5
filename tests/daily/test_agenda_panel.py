"""The Today page: groups and counts on an injected clock, moving the clock forward,
one click / one key to the dossier, completing and snoozing from the agenda, the owner
filter, the empty state, locking, and qtmodeltester on the agenda model."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt

from app.models import Reminder
from app.services.daily import complaints as cs
from app.services.daily import reminders as rs
from app.views.agenda.agenda_model import (
    COL_CUSTOMER,
    COL_TITLE,
    GROUP_COMPLAINTS,
    GROUP_OVERDUE,
    GROUP_TODAY,
    GROUP_UPCOMING,
    OVERDUE_COLOR,
    AgendaModel,
)
from app.views.agenda.agenda_panel import AgendaPanel
from app.views.shell.app_context import AppContext
from tests.daily_helpers import NOW, count, make_customer

DAY = timedelta(days=1)
TODAY0 = datetime(2026, 11, 24)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


pytestmark = pytest.mark.usefixtures("message_boxes")


def add_reminder(vault, customer: str, due: datetime, title: str, **kw) -> int:
    with vault.sessions.begin() as s:
        return rs.create_reminder(s, customer, due_at=due, title=title, now=NOW, **kw).id


@pytest.fixture
def data(vault):
    """Two customers with reminders around NOW (Tue 2026-11-24 10:15) and a complaint."""
    ids = {"张三": make_customer(vault, owner="王经理", phone="13800138000"),
           "李四": make_customer(vault, name="李四", owner="赵经理")}
    add_reminder(vault, "KH000001", TODAY0 - 3 * DAY + timedelta(hours=15), "三天前回访")
    add_reminder(vault, "KH000001", TODAY0 + timedelta(hours=16), "今天下午回电")
    add_reminder(vault, "KH000002", TODAY0 + timedelta(hours=11), "李四今天")
    add_reminder(vault, "KH000002", TODAY0 + 2 * DAY + timedelta(hours=9), "后天拜访")
    with vault.sessions.begin() as s:
        cs.open_complaint(s, "KH000002", category="服务态度", severity="critical",
                          description="柜员态度差", now=NOW)  # deadline 14:15 today
    return ids


def make_panel(qtbot, vault, clock) -> AgendaPanel:
    panel = AgendaPanel(AppContext(vault), clock=clock)
    qtbot.addWidget(panel)
    panel.resize(1000, 600)
    panel.show()
    wait_loaded(qtbot, panel)
    return panel


def wait_loaded(qtbot, panel: AgendaPanel) -> None:
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10000)


def reload(qtbot, panel: AgendaPanel) -> None:
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.refresh()


def titles(model: AgendaModel, group: int) -> list[str]:
    parent = model.group_index(group)
    return [model.index(r, COL_TITLE, parent).data() for r in range(model.rowCount(parent))]


def row_index(model: AgendaModel, group: int, row: int, column: int = 0):
    return model.index(row, column, model.group_index(group))


def test_groups_counts_and_the_clock_moving_forward(qtbot, vault, data):
    clock = Clock(NOW)
    panel = make_panel(qtbot, vault, clock)
    model = panel.model
    assert [model.count(g) for g in range(4)] == [1, 2, 1, 1]
    assert model.group_index(GROUP_OVERDUE).data() == "Overdue (1)"
    assert model.group_index(GROUP_TODAY).data() == "Due today (2)"
    assert model.group_index(GROUP_UPCOMING).data() == "Upcoming 7 days (1)"
    assert model.group_index(GROUP_COMPLAINTS).data() == "Complaint deadlines (1)"
    assert titles(model, GROUP_OVERDUE) == ["三天前回访"]
    assert titles(model, GROUP_TODAY) == ["李四今天", "今天下午回电"]
    overdue = row_index(model, GROUP_OVERDUE, 0)
    assert overdue.siblingAtColumn(COL_CUSTOMER).data() == "张三 (KH000001)"
    assert overdue.siblingAtColumn(2).data() == "138****8000"  # masked until revealed
    assert overdue.siblingAtColumn(5).data() == "3 days"
    assert overdue.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOR
    assert row_index(model, GROUP_TODAY, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert row_index(model, GROUP_TODAY, 0).data() == "11:00"
    complaint = row_index(model, GROUP_COMPLAINTS, 0)
    assert complaint.siblingAtColumn(COL_TITLE).data() == "服务态度 · Critical · Open"
    assert complaint.data(Qt.ItemDataRole.ForegroundRole) is None
    assert panel.view.day_label.text() == "Tuesday, 2026-11-24"

    # The laptop stayed off until Friday: everything since is overdue, no waiting.
    clock.now = NOW + 3 * DAY
    reload(qtbot, panel)
    assert titles(model, GROUP_OVERDUE) == ["三天前回访", "李四今天", "今天下午回电", "后天拜访"]
    assert [row_index(model, GROUP_OVERDUE, r, 5).data() for r in range(4)] == [
        "6 days", "3 days", "3 days", "1 day"]
    assert model.count(GROUP_TODAY) == 0 and model.count(GROUP_UPCOMING) == 0
    complaint = row_index(model, GROUP_COMPLAINTS, 0)
    assert complaint.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOR
    assert complaint.siblingAtColumn(5).data() == "3 days"


def test_the_agenda_model_passes_qtmodeltester(qtbot, qtmodeltester, vault, data):
    model = AgendaModel()
    qtmodeltester.check(model)
    panel = make_panel(qtbot, vault, Clock(NOW))
    qtmodeltester.check(panel.model)
    panel.model.clear()
    qtmodeltester.check(panel.model)


def test_one_click_on_the_customer_or_enter_opens_the_dossier(qtbot, vault, data):
    panel = make_panel(qtbot, vault, Clock(NOW))
    tree = panel.tree
    index = row_index(panel.model, GROUP_TODAY, 0, COL_CUSTOMER)  # 李四's reminder
    with qtbot.waitSignal(panel.open_customer, timeout=2000) as opened:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                         pos=tree.visualRect(index).center())
    assert opened.args == [data["李四"]]

    tree.setCurrentIndex(row_index(panel.model, GROUP_OVERDUE, 0))
    tree.setFocus()
    with qtbot.waitSignal(panel.open_customer, timeout=2000) as opened:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert opened.args == [data["张三"]]
    with qtbot.waitSignal(panel.log_requested, timeout=2000) as logged:
        qtbot.keyClick(tree, Qt.Key.Key_L)
    assert logged.args == [data["张三"]]

    # A click on another column only selects (so the buttons can act on the row).
    title = row_index(panel.model, GROUP_UPCOMING, 0, COL_TITLE)
    with qtbot.assertNotEmitted(panel.open_customer, wait=100):
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                         pos=tree.visualRect(title).center())
    assert panel.current_customer_id() == data["李四"]
    assert panel.view.complete_button.isEnabled() and panel.snooze_button.isEnabled()

    # Complaint rows can be opened and logged, not completed or snoozed.
    tree.setCurrentIndex(row_index(panel.model, GROUP_COMPLAINTS, 0))
    assert panel.act_log.isEnabled() and not panel.act_complete.isEnabled()
    assert not panel.snooze_button.isEnabled()


def test_complete_from_the_agenda_removes_it(qtbot, vault, data):
    panel = make_panel(qtbot, vault, Clock(NOW))
    tree = panel.tree
    tree.setCurrentIndex(row_index(panel.model, GROUP_OVERDUE, 0))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog = panel.complete_dialog
    assert dialog is not None and dialog.reminder.title == "三天前回访"
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    assert not dialog.ok.isEnabled()  # the outcome is required
    qtbot.keyClicks(dialog.outcome, "Called back, all fine")
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        dialog.ok.click()
    assert panel.model.count(GROUP_OVERDUE) == 0
    assert "三天前回访" not in titles(panel.model, GROUP_OVERDUE)
    assert count(vault, Reminder, Reminder.status == "done") == 1
    with vault.sessions() as s:
        done = s.query(Reminder).filter_by(status="done").one()
        assert done.completed_at == NOW  # the panel's clock, not the wall clock
    assert panel.complete_dialog is None


def test_snooze_from_the_agenda_moves_it(qtbot, vault):
    make_customer(vault)
    real_now = datetime.now().replace(microsecond=0)
    rid = add_reminder(vault, "KH000001", real_now - timedelta(hours=30), "昨天的回访")
    panel = make_panel(qtbot, vault, datetime.now)
    assert panel.select_key(("r", rid))
    assert panel.model.count(GROUP_OVERDUE) == 1
    action = next(a for a in panel.snooze_popup.actions() if a.data() == "next_week")
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        action.trigger()
    assert panel.model.count(GROUP_OVERDUE) == 0
    assert titles(panel.model, GROUP_UPCOMING) == ["昨天的回访"]
    with vault.sessions() as s:
        moved = rs.get_reminder(s, rid)
    assert moved.status == "snoozed" and moved.snoozed_until == moved.due_at
    # Next week: the coming Monday, 09:00 (1–7 days ahead, whatever today is).
    assert moved.due_at.weekday() == 0 and moved.due_at.time() == time(9, 0)
    assert 1 <= (moved.due_at.date() - real_now.date()).days <= 7


def test_owner_filter_reload_on_data_change_empty_state_and_lock(qtbot, vault, data):
    panel = make_panel(qtbot, vault, Clock(NOW))
    box = panel.owner_box
    assert [box.itemText(i) for i in range(box.count())] == ["All owners", "王经理", "赵经理"]
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        box.setCurrentIndex(box.findData("赵经理"))
    assert titles(panel.model, GROUP_TODAY) == ["李四今天"]
    assert panel.model.count(GROUP_OVERDUE) == 0

    add_reminder(vault, "KH000002", TODAY0 + timedelta(hours=17), "新加的提醒")
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.ctx.data_changed.emit()
    assert titles(panel.model, GROUP_TODAY) == ["李四今天", "新加的提醒"]

    panel.clock = Clock(NOW + 400 * DAY)  # everything far behind, nothing for 赵经理 ahead
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        box.setCurrentIndex(0)
    assert panel.model.count(GROUP_OVERDUE) == 5

    panel.ctx.lock()
    assert panel.model.total() == 0 and box.count() == 1
    assert panel.view.pages.currentWidget() is panel.empty_label
    assert "locked" in panel.empty_label.text()
    assert not panel.act_refresh.isEnabled()


def test_nothing_due_shows_the_empty_state(qtbot, vault):
    make_customer(vault)
    panel = make_panel(qtbot, vault, Clock(NOW))
    assert panel.model.total() == 0
    assert panel.view.pages.currentWidget() is panel.empty_label
    assert "Nothing due — well done." in panel.empty_label.text()
