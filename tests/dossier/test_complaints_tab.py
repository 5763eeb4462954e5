"""The dossier's complaints tab with real widgets: open a complaint (deadline from the
SLA), walk the workflow through the tab's buttons with illegal ones disabled, the
overdue mark, and a transition refused because the complaint changed meanwhile."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from app.services.daily import complaints as complaint_service
from app.views.complaints.open_complaint_dialog import OpenComplaintDialog
from app.views.complaints.resolve_complaint_dialog import ResolveComplaintDialog
from app.views.dossier.complaints_tab import ComplaintsTab
from app.views.dossier.list_models import OVERDUE_COLOR
from tests.daily_helpers import make_customer
from tests.helpers import scripted, shown_widget, type_text

NOW = datetime.now().replace(microsecond=0)


@pytest.fixture
def ctx(owner_ctx):
    return owner_ctx


@pytest.fixture
def tab(qtbot, ctx):
    return shown_widget(qtbot, ComplaintsTab(ctx))


def show(qtbot, tab, cid):
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.set_customer(cid)


def stored(vault, complaint_id):
    with vault.sessions() as s:
        return complaint_service.get_complaint(s, complaint_id, now=NOW)


def buttons(tab) -> dict[str, bool]:
    names = {tab.start_action: "start", tab.resolve_action: "resolve",
             tab.close_action: "close", tab.reopen_action: "reopen"}
    return {names[a]: tab.button(a).isEnabled() for a in tab.status_actions().values()}


def click(qtbot, tab, action):
    with qtbot.waitSignal(tab.loaded, timeout=10000):  # ctx.data_changed reloads the list
        qtbot.mouseClick(tab.button(action), Qt.MouseButton.LeftButton)


def test_open_and_walk_the_workflow_through_the_buttons(qtbot, vault, tab, monkeypatch):
    cid = make_customer(vault, owner="王经理")
    show(qtbot, tab, cid)
    assert tab.is_empty_shown() and tab.message.text() == "No complaints from this customer."
    assert buttons(tab) == dict.fromkeys(("start", "resolve", "close", "reopen"), False)

    def open_one(dialog: OpenComplaintDialog) -> None:
        assert dialog.category.count() == 5 and dialog.category.itemText(0) == \
            "Service attitude"
        assert dialog.severity.currentData() == "medium"
        dialog.severity.setCurrentIndex(dialog.severity.findData("high"))
        assert "in 24 hours" in dialog.deadline.text()
        assert not dialog.ok.isEnabled()
        type_text(qtbot, dialog.category.lineEdit(), "等候时间")
        type_text(qtbot, dialog.description, "网点排队超过一小时")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    scripted(monkeypatch, OpenComplaintDialog, open_one)
    click(qtbot, tab, tab.open_action)
    (row,) = tab.model.rows()
    opened = stored(vault, row.id)
    assert (opened.category, opened.severity, opened.status) == ("等候时间", "high", "open")
    assert opened.deadline_at == opened.opened_at + timedelta(hours=24)
    assert (opened.description, opened.owner) == ("网点排队超过一小时", "王经理")
    assert tab.selected_id() == row.id and "网点排队超过一小时" in tab.detail.text()
    assert buttons(tab) == {"start": True, "resolve": True, "close": False, "reopen": False}

    click(qtbot, tab, tab.start_action)
    assert stored(vault, row.id).status == "in_progress"
    assert buttons(tab) == {"start": False, "resolve": True, "close": False, "reopen": False}

    def resolve(dialog: ResolveComplaintDialog) -> None:
        assert not dialog.ok.isEnabled()  # a resolution is required
        type_text(qtbot, dialog.resolution, "增开窗口，致电道歉")
        dialog.satisfaction.set_score(4)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    scripted(monkeypatch, ResolveComplaintDialog, resolve)
    click(qtbot, tab, tab.resolve_action)
    resolved = stored(vault, row.id)
    assert (resolved.status, resolved.resolution, resolved.satisfaction_after) == (
        "resolved", "增开窗口，致电道歉", 4)
    assert "Resolution: 增开窗口，致电道歉" in tab.detail.text()
    assert buttons(tab) == {"start": False, "resolve": False, "close": True, "reopen": True}

    click(qtbot, tab, tab.close_action)
    assert stored(vault, row.id).status == "closed"
    assert tab.model.index(0, 3).data() == "Closed"
    assert buttons(tab) == {"start": False, "resolve": False, "close": False, "reopen": True}

    later = NOW + timedelta(days=2)
    tab.clock = lambda: later
    click(qtbot, tab, tab.reopen_action)
    reopened = stored(vault, row.id)
    assert reopened.status == "open" and reopened.deadline_at == later + timedelta(hours=24)
    assert buttons(tab) == {"start": True, "resolve": True, "close": False, "reopen": False}


def test_an_overdue_complaint_is_marked(qtbot, vault, tab):
    cid = make_customer(vault)
    with vault.sessions.begin() as s:
        late = complaint_service.open_complaint(
            s, cid, category="业务差错", severity="high", description="转账回单错误",
            now=NOW - timedelta(days=2))  # 24 h SLA: a day past its deadline
        fresh = complaint_service.open_complaint(
            s, cid, category="服务态度", severity="low", description="态度冷淡", now=NOW)
        done = complaint_service.open_complaint(
            s, cid, category="系统故障", severity="critical", description="系统宕机",
            now=NOW - timedelta(days=3))
        complaint_service.change_status(s, done.id, "resolved", resolution="已修复", now=NOW)
    show(qtbot, tab, cid)
    rows = {r.id: i for i, r in enumerate(tab.model.rows())}
    red = Qt.ItemDataRole.ForegroundRole
    late_deadline = tab.model.index(rows[late.id], 4)
    assert late_deadline.data().endswith("· overdue")
    assert late_deadline.data(red).color() == OVERDUE_COLOR
    assert tab.model.index(rows[late.id], 1).data(red).color() == OVERDUE_COLOR  # whole row
    for other in (fresh.id, done.id):  # not late yet; late but resolved
        assert "overdue" not in tab.model.index(rows[other], 4).data()
        assert tab.model.index(rows[other], 4).data(red) is None


def test_a_transition_refused_meanwhile_is_shown(qtbot, vault, tab, message_boxes):
    cid = make_customer(vault)
    with vault.sessions.begin() as s:
        row = complaint_service.open_complaint(s, cid, category="服务态度", severity="low",
                                               description="态度冷淡", now=NOW)
    show(qtbot, tab, cid)
    assert buttons(tab)["start"]
    with vault.sessions.begin() as s:  # resolved from another window
        complaint_service.change_status(s, row.id, "resolved", resolution="已道歉", now=NOW)
    with qtbot.waitSignal(tab.loaded, timeout=10000):  # the tab reads it again
        assert tab.change_status("in_progress") is False
    (warning,) = message_boxes.of("warning")
    assert "cannot go from “resolved” to “in progress”" in warning[2]
    assert message_boxes.kinds() == ["warning"]
    assert stored(vault, row.id).status == "resolved"
    assert buttons(tab) == {"start": False, "resolve": False, "close": True, "reopen": True}


def test_open_complaint_dialog_keeps_typed_errors(qtbot, vault, ctx):
    from app.services.customers import service as customer_service

    cid = make_customer(vault)
    dialog = OpenComplaintDialog(ctx, cid)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.category.lineEdit(), "其他")
    type_text(qtbot, dialog.description, "说明")
    with vault.sessions.begin() as s:
        customer_service.move_to_trash(s, [cid])
    assert dialog.save() is False and "trash" in dialog.error.text() and dialog.isVisible()


def test_trashed_customers_complaints_are_shown_read_only(qtbot, vault, tab):
    from app.services.customers import service as customer_service

    cid = make_customer(vault)
    with vault.sessions.begin() as s:
        complaint_service.open_complaint(s, cid, category="服务态度", severity="low",
                                         description="态度冷淡", now=NOW)
        customer_service.move_to_trash(s, [cid])
    show(qtbot, tab, cid)
    tab.set_read_only(True)
    assert tab.model.rowCount() == 1
    assert not tab.open_action.isEnabled() and not any(buttons(tab).values())
