"""The dossier's timeline tab with real widgets: the quick-log bar (with a follow-up
reminder in the same transaction), filters, keyset paging on scroll, inline errors,
locking, and the header's satisfaction figures."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import ContactEvent, Reminder
from app.services.customers import service as customer_service
from app.services.customers.dossier import ContactRow
from app.services.daily import contacts as contact_service
from app.services.daily.contacts import ContactInput, TimelinePage
from app.views.dossier.dossier_panel import DossierPanel
from app.views.dossier.list_models import TimelineModel
from app.views.dossier.timeline_tab import TimelineTab
from tests.daily_helpers import NOW, count, make_customer
from tests.helpers import shown_widget, type_text


@pytest.fixture
def ctx(owner_ctx):
    return owner_ctx


@pytest.fixture
def tab(qtbot, ctx):
    widget = shown_widget(qtbot, TimelineTab(ctx))
    widget.quick_log.clock = lambda: NOW
    return widget


def log(vault, cid, channel, purpose, summary, at, **kw):
    with vault.sessions.begin() as s:
        contact_service.log_contact(s, cid, ContactInput(channel, purpose, summary,
                                                         occurred_at=at, **kw), now=NOW)


def show(qtbot, tab, cid):
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.set_customer(cid)


def column(tab, col) -> list[str]:
    return [tab.model.index(r, col).data() for r in range(tab.model.rowCount())]


def test_quick_log_with_follow_up_through_the_widgets(qtbot, vault, ctx):
    cid = make_customer(vault)
    log(vault, cid, "wechat", "care", "节日问候", NOW - timedelta(days=3))
    panel = DossierPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    timeline = panel.timeline
    timeline.quick_log.clock = lambda: NOW
    with qtbot.waitSignals([panel.loaded, timeline.loaded], timeout=10000):
        panel.show_customer(cid)
    panel.tabs.setCurrentWidget(timeline)
    bar = timeline.quick_log
    bar.channel.setCurrentIndex(bar.channel.findData("phone"))
    bar.purpose.setCurrentIndex(bar.purpose.findData("revisit"))
    bar.satisfaction.set_score(5)
    bar.follow_up.setChecked(True)
    bar.follow_up_days.setValue(3)
    bar.summary.setFocus()
    type_text(qtbot, bar.summary, "电话回访，客户满意")
    logged = []
    bar.logged.connect(logged.append)
    with qtbot.waitSignal(timeline.loaded, timeout=10000):
        qtbot.keyClick(bar.summary, Qt.Key.Key_Return)

    with vault.sessions() as s:
        event = s.scalars(select(ContactEvent).where(ContactEvent.summary == "电话回访，客户满意")
                          ).one()
        assert (event.customer_id, event.channel, event.purpose) == (cid, "phone", "revisit")
        assert (event.satisfaction, event.staff, event.occurred_at) == (5, "王经理", NOW)
        follow = s.scalars(select(Reminder)).one()
        assert (follow.customer_id, follow.status, follow.kind) == (cid, "open", "revisit")
        assert follow.due_at == datetime(2026, 11, 27, 9, 0)
    assert logged[0].reminder.id == follow.id
    assert timeline.model.rowCount() == 2
    assert timeline.model.row_at(0).summary == "电话回访，客户满意"  # newest first
    assert bar.summary.text() == "" and panel.focusWidget() is bar.summary
    assert not bar.follow_up.isChecked() and bar.satisfaction.score() is None
    assert bar.channel.currentData() == "phone"  # the choices stay for the next one
    qtbot.waitUntil(lambda: panel.tabs.tabText(1) == "Timeline 2", timeout=10000)
    assert panel.tabs.tabText(3) == "Reminders 1"
    assert "Satisfaction 5.0 (latest 5)" in panel.subtitle.text()


def test_quick_log_without_text_or_follow_up(qtbot, vault, tab):
    cid = make_customer(vault)
    show(qtbot, tab, cid)
    assert tab.is_empty_shown() and "Log the first one below" in tab.message.text()
    bar = tab.quick_log
    assert not bar.log_button.isEnabled()
    qtbot.keyClick(bar.summary, Qt.Key.Key_Return)  # nothing to log
    assert count(vault, ContactEvent) == 0
    type_text(qtbot, bar.summary, "微信发送产品资料")
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        qtbot.mouseClick(bar.log_button, Qt.MouseButton.LeftButton)
    assert count(vault, ContactEvent) == 1 and count(vault, Reminder) == 0
    assert not tab.is_empty_shown() and column(tab, 3) == ["微信发送产品资料"]
    assert tab.focusWidget() is bar.summary  # back from the button, ready for the next


def test_errors_are_shown_inline_and_nothing_is_written(qtbot, vault, tab):
    cid = make_customer(vault)
    show(qtbot, tab, cid)
    with vault.sessions.begin() as s:  # trashed from another window meanwhile
        customer_service.move_to_trash(s, [cid])
    bar = tab.quick_log
    type_text(qtbot, bar.summary, "来电咨询")
    bar.follow_up.setChecked(True)
    assert bar.log() is None
    assert "trash" in bar.error.text() and bar.error.isVisibleTo(tab)
    assert bar.summary.text() == "来电咨询"  # kept, to try again
    assert count(vault, ContactEvent) == 0 and count(vault, Reminder) == 0
    type_text(qtbot, bar.summary, "!")
    assert not bar.error.isVisibleTo(tab)
    tab.set_read_only(True)  # what the dossier does for a customer in the trash
    assert not bar.log_button.isEnabled() and not bar.summary.isEnabled()


def test_filters_narrow_the_timeline(qtbot, vault, tab):
    cid = make_customer(vault)
    log(vault, cid, "phone", "revisit", "电话回访", NOW - timedelta(days=1))
    log(vault, cid, "wechat", "care", "生日祝福", NOW - timedelta(days=2))
    log(vault, cid, "wechat", "sale", "推荐理财", NOW - timedelta(days=3))
    log(vault, cid, "visit", "revisit", "上门回访", NOW - timedelta(days=4))
    show(qtbot, tab, cid)
    assert column(tab, 3) == ["电话回访", "生日祝福", "推荐理财", "上门回访"]
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.channel_filter.setCurrentIndex(tab.channel_filter.findData("wechat"))
    assert column(tab, 3) == ["生日祝福", "推荐理财"]
    assert set(column(tab, 1)) == {"WeChat"}  # shown by name
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.purpose_filter.setCurrentIndex(tab.purpose_filter.findData("sale"))
    assert column(tab, 3) == ["推荐理财"]
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.channel_filter.setCurrentIndex(tab.channel_filter.findData("visit"))
    assert tab.is_empty_shown() and tab.message.text() == "No contacts match these filters."
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.set_filters(None, "revisit")
    assert column(tab, 3) == ["电话回访", "上门回访"]


def test_logging_what_a_filter_hides_resets_the_filter(qtbot, vault, tab):
    cid = make_customer(vault)
    log(vault, cid, "wechat", "care", "生日祝福", NOW - timedelta(days=2))
    show(qtbot, tab, cid)
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.set_filters("wechat", None)
    bar = tab.quick_log
    bar.channel.setCurrentIndex(bar.channel.findData("visit"))
    type_text(qtbot, bar.summary, "上门拜访")
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        bar.log()
    assert tab.filters() == (None, None)
    assert column(tab, 3) == ["上门拜访", "生日祝福"]


def test_more_rows_are_read_as_the_view_scrolls(qtbot, vault, tab):
    cid = make_customer(vault)
    other = make_customer(vault, name="李四")
    for i in range(23):
        log(vault, cid, "phone", "routine", f"第{i:02d}次", NOW - timedelta(hours=i))
    log(vault, other, "phone", "routine", "别的客户", NOW)
    tab.page_size = 5
    tab.resize(900, 160)  # a few rows fit: the rest come on scrolling
    show(qtbot, tab, cid)
    assert tab.model.rowCount() >= 5 and tab.model.has_more()

    def scrolled_to_the_end() -> bool:
        tab.view.scrollToBottom()
        return not tab.model.has_more()

    qtbot.waitUntil(scrolled_to_the_end, timeout=10000)
    assert column(tab, 3) == [f"第{i:02d}次" for i in range(23)]  # no gaps, no twice
    assert tab.more_note.text() == "23 shown"


def test_lock_clears_and_unlock_reads_again(qtbot, vault, tab, ctx, db_path):
    from app.security.vault import Vault
    from tests.conftest import PASSWORD

    cid = make_customer(vault)
    log(vault, cid, "phone", "routine", "电话", NOW)
    show(qtbot, tab, cid)
    ctx.lock()
    assert tab.model.rowCount() == 0 and not tab.quick_log.log_button.isEnabled()
    assert not tab.channel_filter.isEnabled()
    reopened = Vault.open_with_password(db_path, PASSWORD)
    try:
        with qtbot.waitSignal(tab.loaded, timeout=10000):
            ctx.set_unlocked(reopened)
        assert column(tab, 3) == ["电话"]
    finally:
        reopened.lock()


def test_timeline_model_passes_the_model_tester(qtmodeltester):
    rows = tuple(ContactRow(i, datetime(2026, 1, 10 - i), "phone", "outbound", "routine",
                            f"第{i}次", None, None, None) for i in range(3))
    model = TimelineModel()
    model.set_page(TimelinePage(rows, (rows[-1].occurred_at, rows[-1].id)))
    wanted = []
    model.more_wanted.connect(wanted.append)
    assert model.canFetchMore()
    qtmodeltester.check(model)  # it calls fetchMore too
    model.fetchMore()
    assert wanted == [(rows[-1].occurred_at, 2)] and not model.canFetchMore()  # once
    more = (ContactRow(9, datetime(2025, 1, 1), "sms", "outbound", "care", "短信", None, 3,
                       None),)
    assert not model.append_page((datetime(2020, 1, 1), 1), TimelinePage(more))  # stale
    assert model.append_page(wanted[0], TimelinePage(more))
    assert model.rowCount() == 4 and not model.canFetchMore()
    qtmodeltester.check(model)
