"""CustomerListPanel driven through real widgets offscreen, over a real encrypted file."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import select

from app.models import Customer
from app.security.vault import Vault
from app.services.customers.input import CustomerInput
from app.services.customers.search import Scope
from app.services.customers.service import create_customer, move_to_trash
from app.services.demo.generator import generate_demo_data
from app.views.customers import customer_list_panel as panel_module
from app.views.customers.customer_list_panel import CustomerListPanel
from app.views.customers.customer_table_model import (
    COL_NAME,
    COL_OWNER,
    COL_PHONE,
    COL_TIER,
    PAGE_SIZE,
)
from app.views.shell.app_context import AppContext
from tests.conftest import PASSWORD
from tests.helpers import type_text

PEOPLE = [  # name, phone, owner, region, tags
    ("张三", "13800138000", "王经理", "西湖区", ["VIP客户"]),
    ("张三丰", "13912345678", "李经理", "滨江区", []),
    ("李四", "15011112222", "王经理", "滨江区", ["信用卡"]),
    ("欧阳娜娜", "010-12345678", "李经理", "西湖区", ["VIP客户"]),
    ("周深", "13300003333", "王经理", "西湖区", []),
]


@pytest.fixture
def people(vault):
    ids = {}
    with vault.sessions.begin() as s:
        for name, phone, owner, region, tags in PEOPLE:
            ids[name] = create_customer(s, CustomerInput(
                name=name, phone=phone, owner=owner, region=region, tags=tags)).id
    return ids


@pytest.fixture
def ctx(vault):
    return AppContext(vault)


@pytest.fixture
def panel(qtbot, ctx):
    def make() -> CustomerListPanel:
        widget = CustomerListPanel(ctx)
        qtbot.addWidget(widget)
        widget.resize(900, 500)
        widget.show()
        qtbot.waitExposed(widget)
        settle(qtbot, widget)
        qtbot.waitUntil(lambda: widget._pool.activeThreadCount() == 0)  # choices loaded
        return widget
    return make


def settle(qtbot, panel: CustomerListPanel) -> None:
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10000)


def shown(panel: CustomerListPanel) -> list[str]:
    model = panel.model
    return [model.row_at(r).name for r in range(model.rowCount())]


def type_search(qtbot, panel: CustomerListPanel, text: str) -> None:
    panel.search.clear()
    type_text(qtbot, panel.search, text)
    settle(qtbot, panel)


def test_a_big_file_opens_with_a_page_read_and_the_end_is_one_drag_away(qtbot, vault, panel):
    generate_demo_data(vault.sessions, 2000, seed=11)
    p = panel()
    assert p.model.total() == p.model.rowCount() == 2000
    assert p.count_label.text() == "2,000 customers"
    assert 0 < p.model.kept_rows() <= 3 * PAGE_SIZE
    bar = p.table.verticalScrollBar()
    bar.setValue(bar.maximum())  # the thumb dragged to the bottom: the end, at once
    qtbot.wait(10)
    assert p.table.rowAt(p.table.viewport().height() - 2) == 1999
    assert p.model.kept_rows() <= 4 * PAGE_SIZE
    rows = p.table.verticalHeader()
    assert rows.sectionResizeMode(0) == rows.ResizeMode.Fixed


def test_typing_pinyin_initials_shows_the_customers_and_the_count(qtbot, people, panel):
    p = panel()
    assert p.count_label.text() == "5 customers"
    type_search(qtbot, p, "zs")
    assert sorted(shown(p)) == ["周深", "张三", "张三丰"]
    assert p.count_label.text() == "3 matches"
    type_search(qtbot, p, "zsf")
    assert shown(p) == ["张三丰"] and p.count_label.text() == "1 match"
    type_search(qtbot, p, "张三")
    assert shown(p)[0] == "张三"  # the exact match first
    type_search(qtbot, p, "0013")
    assert shown(p) == ["张三"]


def test_quick_filters_combine_with_the_search(qtbot, people, panel):
    p = panel()
    assert [p.owner_box.itemText(i) for i in range(p.owner_box.count())] == [
        "All owners", "李经理", "王经理"]
    assert p.tag_box.findData("VIP客户") > 0 and p.region_box.findData("西湖区") > 0
    type_search(qtbot, p, "zs")
    p.owner_box.setCurrentIndex(p.owner_box.findData("王经理"))
    settle(qtbot, p)
    assert sorted(shown(p)) == ["周深", "张三"] and p.count_label.text() == "2 matches"
    p.tag_box.setCurrentIndex(p.tag_box.findData("VIP客户"))
    settle(qtbot, p)
    assert shown(p) == ["张三"]
    type_search(qtbot, p, "")
    assert shown(p) == ["张三"] and p.count_label.text() == "1 customer"
    p.owner_box.setCurrentIndex(0)
    settle(qtbot, p)
    assert sorted(shown(p)) == ["张三", "欧阳娜娜"]


def test_the_trash_toggle_shows_only_the_trash(qtbot, vault, people, panel):
    with vault.sessions.begin() as s:
        move_to_trash(s, [people["张三丰"]])
    p = panel()
    assert "张三丰" not in shown(p)
    qtbot.mouseClick(p.trash_button, Qt.MouseButton.LeftButton)
    settle(qtbot, p)
    assert shown(p) == ["张三丰"] and p.count_label.text() == "1 in the trash"
    assert p.model.query().flt.scope == Scope.TRASH
    type_search(qtbot, p, "zs")  # the search runs in the trash too
    assert shown(p) == ["张三丰"]
    type_search(qtbot, p, "李四")
    assert shown(p) == [] and "No matches for “李四”" in p.empty_label.text()
    assert p.empty_label.isVisible()


def test_enter_and_double_click_on_a_row_ask_to_open_it(qtbot, people, panel):
    p = panel()
    assert p.select_customer(people["李四"])
    p.table.setFocus()
    with qtbot.waitSignal(p.open_requested) as opened:
        qtbot.keyClick(p.table, Qt.Key.Key_Return)
    assert opened.args == [people["李四"]]
    row = p.model.row_of(people["周深"])
    center = p.table.visualRect(p.model.index(row, COL_NAME)).center()
    qtbot.mouseClick(p.table.viewport(), Qt.MouseButton.LeftButton, pos=center)  # press first
    with qtbot.waitSignal(p.open_requested) as opened:
        qtbot.mouseDClick(p.table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert opened.args == [people["周深"]]


def test_clicks_and_keys_change_the_current_customer(qtbot, people, panel):
    p = panel()
    seen: list[int] = []
    p.current_customer_changed.connect(seen.append)
    row = p.model.row_of(people["张三"])
    center = p.table.visualRect(p.model.index(row, COL_NAME)).center()
    qtbot.mouseClick(p.table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert seen == [people["张三"]] and p.selected_ids() == [people["张三"]]
    qtbot.keyClick(p.table, Qt.Key.Key_Down)
    assert seen[-1] == p.model.customer_id(row + 1)
    left = seen[-1]
    membership: list[tuple[int, bool]] = []
    p.current_in_list.connect(lambda cid, inside: membership.append((cid, inside)))
    type_search(qtbot, p, "李四")  # the current customer left the list: it stays current
    assert seen[-1] == left and p.current_customer_id() == left and p.selected_ids() == []
    assert membership[-1] == (left, False)  # and the panel says it is not in the list
    p.select_customer(people["李四"])
    assert membership[-1] == (people["李四"], True)
    assert seen[-1] == people["李四"]
    p.select_customer(0)
    assert seen[-1] == 0 and p.selected_ids() == []


def test_stale_results_are_dropped(qtbot, people, panel, monkeypatch):
    """A slow query is overtaken: its rows never reach the table."""
    p = panel()
    release = threading.Event()
    real = panel_module.first_page

    def slow_first_page(session, query, rows):
        if query.text == "张":
            release.wait(5)
        return real(session, query, rows)

    monkeypatch.setattr(panel_module, "first_page", slow_first_page)
    applied: list[str] = []
    real_apply = p.model.apply_page
    monkeypatch.setattr(p.model, "apply_page",
                        lambda page: (applied.append(page.query.text), real_apply(page)))
    results: list[int] = []
    p.results_shown.connect(results.append)
    p.search.setText("张")
    qtbot.waitUntil(lambda: p._loader.running)  # the slow one runs
    p.search.setText("李")
    p.debounce.timeout.emit()  # the debounce fires while "张" still runs
    p.search.setText("zs")  # and is replaced by a newer query before it starts
    p.debounce.timeout.emit()
    release.set()
    settle(qtbot, p)
    assert applied == ["zs"] and len(results) == 1
    assert sorted(shown(p)) == ["周深", "张三", "张三丰"]


def test_typing_fast_runs_only_the_last_query(qtbot, people, panel, monkeypatch):
    p = panel()
    asked: list[str] = []
    real = panel_module.first_page
    monkeypatch.setattr(panel_module, "first_page",
                        lambda s, q, rows: (asked.append(q.text), real(s, q, rows))[1])
    p.debounce.setInterval(2000)  # longer than the typing below, however slow the machine
    qtbot.keyClicks(p.search, "zsf")
    p.debounce.timeout.emit()
    settle(qtbot, p)
    assert asked == ["zsf"] and shown(p) == ["张三丰"]


def test_refresh_keeps_the_selection_and_drops_what_left(qtbot, vault, people, panel):
    p = panel()
    p.select_customer(people["李四"])
    seen: list[int] = []
    p.current_customer_changed.connect(seen.append)
    with vault.sessions.begin() as s:
        move_to_trash(s, [people["张三"]])
        new = create_customer(s, CustomerInput(name="阿新", phone="13512345678")).id
    p.ctx.data_changed.emit()
    settle(qtbot, p)
    assert "张三" not in shown(p) and "阿新" in shown(p)
    assert p.selected_ids() == [people["李四"]] and seen == []  # no flicker
    p.refresh()
    p.select_customer(new)  # right after a save: selected once the refresh is in
    settle(qtbot, p)
    assert p.selected_ids() == [new] and seen == [new]
    membership: list[tuple[int, bool]] = []
    p.current_in_list.connect(lambda cid, inside: membership.append((cid, inside)))
    with vault.sessions.begin() as s:
        move_to_trash(s, [new])
    p.refresh()
    settle(qtbot, p)
    # Trashed: its row went, it stays current (the dossier shows it, in the trash)
    # and the list says it does not hold it.
    assert p.count_label.text() == "4 customers" and p.selected_ids() == []
    assert seen[-1] == new and membership[-1] == (new, False)
    p.show_in_list(new)  # one click: the trash view, with it selected
    settle(qtbot, p)
    assert p.trash_button.isChecked() and p.selected_ids() == [new]
    assert membership[-1] == (new, True)


def test_clicking_headers_sorts_in_sql_and_the_state_is_remembered(
        qtbot, vault, ctx, people, panel):
    p = panel()
    header = p.table.horizontalHeader()

    def click(col: int) -> None:
        pos = QPoint(header.sectionViewportPosition(col) + 5, header.height() // 2)
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        settle(qtbot, p)

    click(COL_PHONE)
    with vault.sessions() as s:
        by_phone = list(s.scalars(select(Customer.name).where(Customer.deleted_at.is_(None))
                                  .order_by(Customer.phone, Customer.id)))
    assert shown(p) == by_phone
    click(COL_PHONE)
    assert shown(p) == by_phone[::-1]
    click(COL_TIER)  # not sortable: the indicator goes back
    assert header.sortIndicatorSection() == COL_PHONE
    assert p.model.query().order_by == "phone" and p.model.query().descending
    header.resizeSection(COL_OWNER, 111)  # (the name stretches over what is left)
    state = p.header_state()
    assert isinstance(state, bytes) and state

    other = panel()
    assert other.restore_header_state(state)
    settle(qtbot, other)
    assert other.table.horizontalHeader().sectionSize(COL_OWNER) == 111
    assert shown(other) == by_phone[::-1]
    click(COL_PHONE)  # asc → desc → none: the natural order (by name) again
    assert header.sortIndicatorSection() == -1 and p.model.query().order_by is None


def test_lock_drops_every_row_and_unlock_reads_them_again(qtbot, db_path, people, ctx, panel):
    p = panel()
    type_search(qtbot, p, "zs")
    ctx.lock()
    assert p.model.rowCount() == 0 and p.search.text() == "" and p.owner_box.count() == 1
    assert p.model.kept_rows() == 0 and p.model.row_at(0) is None
    vault = Vault.open_with_password(db_path, PASSWORD)
    try:
        ctx.set_unlocked(vault)
        settle(qtbot, p)
        assert len(shown(p)) == len(PEOPLE)
        qtbot.waitUntil(lambda: p.owner_box.count() == 3)
    finally:
        vault.lock()


def test_empty_states(qtbot, vault, panel):
    p = panel()
    assert p.empty_label.isVisible() and "No customers yet" in p.empty_label.text()
    assert p.count_label.text() == "0 customers"
    with vault.sessions.begin() as s:
        create_customer(s, CustomerInput(name="王五"))
    p.refresh()
    settle(qtbot, p)
    assert not p.empty_label.isVisible()
    type_search(qtbot, p, "不存在")
    assert p.empty_label.text() == "No matches for “不存在”."
    p.trash_button.setChecked(True)
    type_search(qtbot, p, "")
    assert p.empty_label.text() == "The trash is empty."


def test_search_box_keys(qtbot, people, panel):
    p = panel()
    p.focus_search()
    assert p.search.hasFocus()
    qtbot.keyClicks(p.search, "zs")
    with qtbot.waitSignal(p.current_customer_changed):
        qtbot.keyClick(p.search, Qt.Key.Key_Return)  # runs now, then picks the first match
    settle(qtbot, p)
    assert p.current_customer_id() == p.model.customer_id(0) and p.table.hasFocus()
    p.focus_search()
    qtbot.keyClick(p.search, Qt.Key.Key_Escape)
    settle(qtbot, p)
    assert p.search.text() == "" and len(shown(p)) == len(PEOPLE)
    p.select_customer(0)
    p.focus_search()
    qtbot.keyClick(p.search, Qt.Key.Key_Down)
    assert p.table.hasFocus() and p.current_customer_id() == p.model.customer_id(0)


def test_a_saved_customer_is_found_and_selected_far_down_the_list(qtbot, vault, panel):
    generate_demo_data(vault.sessions, 600, seed=5)
    p = panel()
    with vault.sessions.begin() as s:  # "zuo…" sorts after the first page
        new = create_customer(s, CustomerInput(name="左新客", phone="13598765432")).id
    seen: list[int] = []
    p.current_customer_changed.connect(seen.append)
    p.refresh()
    p.select_customer(new)
    settle(qtbot, p)
    # Its place is read from SQL (the rows before it in name order): selected there.
    row = p.model.row_of(new)
    assert row >= PAGE_SIZE and p.model.row_at(row).name == "左新客"
    assert p.current_customer_id() == new and seen == [new] and p.selected_ids() == [new]
    type_search(qtbot, p, "左新客")  # found: it keeps its row and stays current
    assert shown(p) == ["左新客"] and p.selected_ids() == [new] and seen == [new]
    type_search(qtbot, p, "zzzz")  # not found: still current, no row selected
    assert seen == [new] and p.selected_ids() == []


def test_refresh_keeps_the_scroll_position(qtbot, vault, panel):
    generate_demo_data(vault.sessions, 600, seed=9)
    p = panel()
    bar = p.table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    where, rows = bar.value(), p.model.rowCount()
    p.refresh()
    settle(qtbot, p)
    assert p.model.rowCount() == rows and bar.value() == where


def test_search_results_say_why_each_row_matched(qtbot, vault, people, panel):
    from app.views.customers.customer_table_model import COL_MATCH

    with vault.sessions.begin() as s:
        s.get(Customer, people["周深"]).phone2 = "13355556666"
    p = panel()
    assert p.table.isColumnHidden(COL_MATCH)  # the whole list: no such column
    type_search(qtbot, p, "5555")  # found only by a second phone no column shows
    assert shown(p) == ["周深"] and not p.table.isColumnHidden(COL_MATCH)
    assert p.model.index(0, COL_MATCH).data() == "Second phone 133****6666"  # masked on screen
    assert p.model.headerData(COL_MATCH, Qt.Orientation.Horizontal) == "Matched"
    assert p.table.horizontalHeader().visualIndex(COL_MATCH) == 2  # next to the name
    type_search(qtbot, p, "KH000003")
    assert shown(p) == ["李四"] and p.model.index(0, COL_MATCH).data() == "Code"
    type_search(qtbot, p, "zs")
    assert {p.model.index(r, COL_MATCH).data() for r in range(p.model.rowCount())} == {
        "Pinyin initials"}
    p.search.clear()
    settle(qtbot, p)
    assert p.table.isColumnHidden(COL_MATCH)


def test_a_search_never_reads_page_after_page_to_find_the_current_customer(qtbot, vault,
                                                                           panel):
    """The current customer far down a search's matches stays current (the dossier
    says where it is) without the UI thread reading the search page by page."""
    from tests.helpers import bulk_customers

    bulk_customers(vault, 3000)
    p = panel()
    last = p.model.customer_id(p.model.rowCount() - 1)
    p.select_customer(last)
    settle(qtbot, p)
    type_search(qtbot, p, "客户")
    assert p.model.total() == 3000
    assert p.model.kept_rows() <= 2 * PAGE_SIZE
    assert p._current_id == last  # still current, though not on the pages read
