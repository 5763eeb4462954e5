"""CustomerTableModel against a real encrypted file: paging, SQL sort, search, filters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from sqlalchemy import select

from app.models import Customer
from app.services.customers.input import CustomerInput
from app.services.customers.listing import ListFilter
from app.services.customers.search import Scope
from app.services.customers.service import create_customer, move_to_trash, update_customer
from app.services.demo.generator import generate_demo_data
from app.views.customers.customer_table_model import (
    COL_CODE,
    COL_CREATED,
    COL_NAME,
    COL_OWNER,
    COL_PHONE,
    COL_TAGS,
    MAX_PAGES,
    PAGE_SIZE,
    CustomerIdRole,
    CustomerRowRole,
    CustomerTableModel,
    InTrashRole,
)


@pytest.fixture
def people(vault):
    spec = [("张三", "13800138000", "王经理", ["VIP客户"]),
            ("张三丰", "13912345678", "李经理", []),
            ("李四", "15011112222", "王经理", ["VIP客户", "信用卡"]),
            ("欧阳娜娜", "010-12345678", "李经理", [])]
    ids = {}
    with vault.sessions.begin() as s:
        for name, phone, owner, tags in spec:
            ids[name] = create_customer(s, CustomerInput(name=name, phone=phone, owner=owner,
                                                         tags=tags)).id
    return ids


@pytest.fixture
def many(vault):
    generate_demo_data(vault.sessions, 2000, seed=7)
    return 2000


def make_model(vault) -> CustomerTableModel:
    model = CustomerTableModel(lambda: vault.sessions)
    model.request(model.wanted_query())
    return model


def names(model) -> list[str]:
    return [model.row_at(r).name for r in range(model.rowCount())]


def test_model_passes_the_qt_model_tester_in_list_and_search_modes(qtmodeltester, vault, many):
    model = make_model(vault)
    qtmodeltester.check(model)
    model.set_query("zh")
    qtmodeltester.check(model)
    model.sort(COL_PHONE, Qt.SortOrder.DescendingOrder)  # the sorted search (id list)
    qtmodeltester.check(model)
    model.set_filter(ListFilter(scope=Scope.TRASH))
    qtmodeltester.check(model)


def test_the_model_counts_every_match_and_reads_a_page_where_it_is_looked_at(vault, many):
    model = make_model(vault)
    assert model.rowCount() == model.total() == many  # the scroll bar spans them all
    assert model.kept_rows() == PAGE_SIZE  # but only the first page was read
    assert not model.canFetchMore(QModelIndex())
    last = model.row_at(many - 1)
    assert last is not None and model.kept_rows() == 2 * PAGE_SIZE
    ids = [model.customer_id(r) for r in range(many)]
    assert len(set(ids)) == len(ids) == many and ids[-1] == last.id


def test_every_customer_is_read_once_in_name_order(vault, many):
    model = make_model(vault)
    with vault.sessions() as s:
        expected = list(s.scalars(select(Customer.id).where(Customer.deleted_at.is_(None))
                                  .order_by(Customer.name_pinyin, Customer.id)))
    assert [model.customer_id(r) for r in range(model.rowCount())] == expected


def test_scrolling_a_view_to_the_bottom_shows_the_last_customer_at_once(qtbot, vault, many):
    model = make_model(vault)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.scrollToBottom()
    qtbot.wait(10)
    bottom = view.rowAt(view.viewport().height() - 2)
    assert bottom == many - 1
    with vault.sessions() as s:
        last_name = s.scalar(select(Customer.name).where(Customer.deleted_at.is_(None))
                             .order_by(Customer.name_pinyin.desc(), Customer.id.desc())
                             .limit(1))
    assert model.data(model.index(bottom, COL_NAME)) == last_name


@pytest.mark.parametrize(("column", "key", "order"), [
    (COL_PHONE, Customer.phone, Qt.SortOrder.AscendingOrder),
    (COL_OWNER, Customer.owner, Qt.SortOrder.DescendingOrder),
    (COL_CREATED, Customer.created_at, Qt.SortOrder.DescendingOrder),
    (COL_CODE, Customer.code, Qt.SortOrder.DescendingOrder),
    (COL_NAME, Customer.name_pinyin, Qt.SortOrder.DescendingOrder),
])
def test_sorting_a_column_re_queries_in_sql(vault, many, column, key, order):
    model = make_model(vault)
    model.sort(column, order)
    assert model.sort_column() == column
    desc = order == Qt.SortOrder.DescendingOrder
    with vault.sessions() as s:
        expected = list(s.scalars(
            select(Customer.id).where(Customer.deleted_at.is_(None))
            .order_by(key.desc() if desc else key.asc(),
                      Customer.id.desc() if desc else Customer.id.asc())))
    assert [model.customer_id(r) for r in range(model.rowCount())] == expected
    assert [model.row_at(r).id for r in (0, len(expected) // 2, len(expected) - 1)] == \
        [expected[0], expected[len(expected) // 2], expected[-1]]
    model.sort(-1)  # the natural order again
    assert model.sort_column() == -1 and model.query().order_by is None


def test_an_unsortable_column_leaves_the_order_alone(vault, people):
    model = make_model(vault)
    model.sort(COL_PHONE)
    model.sort(COL_TAGS)
    assert model.query().order_by == "phone"


def test_search_shows_matches_with_exact_ones_first_and_pages_them(vault, people, many):
    model = make_model(vault)
    model.set_query("张三")
    assert model.is_search() and names(model)[0] == "张三"
    assert "张三丰" in names(model)
    model.set_query("zsf")
    assert "张三丰" in names(model)
    model.set_query("1")  # every mobile: a page now, the rest on demand
    assert model.rowCount() == model.total() > 1000 and model.kept_rows() == PAGE_SIZE
    ids = [model.customer_id(r) for r in range(model.rowCount())]
    assert len(ids) == len(set(ids)) == model.total()


def test_sorting_a_search_sorts_its_matches_in_sql(vault, people, many):
    from app.services.customers.search import search_ids

    model = make_model(vault)
    model.set_query("zh")
    model.sort(COL_PHONE, Qt.SortOrder.AscendingOrder)
    with vault.sessions() as s:
        expected = search_ids(s, "zh", order_by="phone")
    assert model.total() == len(expected)
    assert [model.customer_id(r) for r in range(model.rowCount())] == expected


def test_filters_combine_with_the_search(vault, people):
    model = make_model(vault)
    model.set_query("zs")
    assert sorted(names(model)) == ["张三", "张三丰"]
    model.set_filter(ListFilter(owner="王经理"))
    assert names(model) == ["张三"] and model.total() == 1
    model.set_query("")
    assert sorted(names(model)) == ["张三", "李四"]
    model.set_filter(ListFilter(owner="王经理", tag="信用卡"))
    assert names(model) == ["李四"]


def test_trash_scope_shows_only_trashed_customers(vault, people):
    with vault.sessions.begin() as s:
        move_to_trash(s, [people["李四"]])
    model = make_model(vault)
    assert "李四" not in names(model)
    model.set_filter(ListFilter(scope=Scope.TRASH))
    assert names(model) == ["李四"]
    assert model.data(model.index(0, COL_NAME), InTrashRole) is True
    assert "trash" in model.data(model.index(0, COL_NAME), Qt.ItemDataRole.ToolTipRole)


def test_roles_headers_and_lookups(vault, people):
    model = make_model(vault)
    row = model.row_of(people["李四"])
    assert row >= 0 and model.customer_id(row) == people["李四"]
    assert model.data(model.index(row, COL_NAME)) == "李四"
    assert model.data(model.index(row, COL_PHONE)) == "150****2222"  # masked on screen
    assert model.data(model.index(row, COL_TAGS)) == "VIP客户, 信用卡"
    assert model.data(model.index(row, 0), CustomerIdRole) == people["李四"]
    assert model.data(model.index(row, 0), CustomerRowRole).owner == "王经理"
    created = model.data(model.index(row, COL_CREATED))
    assert len(created) == 10 and created[4] == "-"  # 2026-11-24
    assert model.headerData(COL_NAME, Qt.Orientation.Horizontal) == "Name"
    assert model.row_of(999_999) == -1 and model.customer_id(99) == 0


def test_refresh_row_after_an_edit_and_after_a_trash(qtbot, vault, people):
    model = make_model(vault)
    with vault.sessions.begin() as s:
        update_customer(s, people["张三"], {"owner": "新经理"})
    row = model.row_of(people["张三"])
    with qtbot.waitSignal(model.dataChanged):
        model.refresh_row(people["张三"])
    assert model.row_at(row).owner == "新经理"
    with vault.sessions.begin() as s:
        move_to_trash(s, [people["张三"]])
    with qtbot.waitSignal(model.total_changed):
        model.refresh_row(people["张三"])
    assert model.row_of(people["张三"]) == -1 and model.total() == 3


def test_reload_reads_again_and_clear_drops_all(vault, many):
    model = make_model(vault)
    model.row_at(many - 1)
    model.reload()
    assert model.rowCount() == many and model.kept_rows() == PAGE_SIZE
    model.clear()
    assert model.rowCount() == 0 and model.total() == 0 and model.kept_rows() == 0
    assert model.row_at(0) is None


def test_ensure_loaded_pages_through_an_id_list(vault, many):
    model = make_model(vault)
    model.sort(COL_PHONE, Qt.SortOrder.DescendingOrder)
    with vault.sessions() as s:
        last = s.scalar(select(Customer.id).where(Customer.deleted_at.is_(None))
                        .order_by(Customer.phone, Customer.id).limit(1))
    row = model.ensure_loaded(last)
    assert row == model.rowCount() - 1 == many - 1


def test_rows_gone_meanwhile_leave_empty_rows_until_a_reload(vault, people):
    """Customers trashed since the count: their places read as empty rows (never a
    crash, never another customer's data), and a reload counts again."""
    model = make_model(vault)
    with vault.sessions.begin() as s:
        move_to_trash(s, list(people.values())[:2])
    model._pages.clear()  # as if scrolled away and back
    assert model.rowCount() == 4
    shown = [model.data(model.index(r, COL_NAME)) for r in range(4)]
    assert shown.count(None) == 2
    model.reload()
    assert model.rowCount() == 2 and None not in names(model)


def test_an_id_list_keeps_places_of_customers_purged_meanwhile(vault, people):
    from app.services.customers.service import purge

    model = make_model(vault)
    model.sort(COL_PHONE)
    with vault.sessions.begin() as s:
        move_to_trash(s, [people["李四"]])
        purge(s, [people["李四"]])
    model._pages.clear()
    shown = [model.row_at(r) for r in range(model.rowCount())]
    assert sorted(r.name for r in shown if r) == ["张三", "张三丰", "欧阳娜娜"]
    model.reload()
    assert sorted(names(model)) == ["张三", "张三丰", "欧阳娜娜"]


def test_memory_stays_at_a_few_pages_after_dragging_across_every_row(qtbot, vault, many):
    model = make_model(vault)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    bar = view.verticalScrollBar()
    for value in range(0, bar.maximum() + 1, max(1, bar.maximum() // 60)):
        bar.setValue(value)  # a drag of the thumb, top to bottom
        view.viewport().repaint()
    bar.setValue(bar.maximum())
    view.viewport().repaint()
    assert model.kept_rows() <= MAX_PAGES * PAGE_SIZE
    assert view.rowAt(view.viewport().height() - 2) == many - 1


def test_ctrl_end_and_ctrl_home_move_rows_and_keep_the_column(qtbot, vault, many):
    from app.views.customers.customer_table_view import CustomerTableView

    model = make_model(vault)
    view = CustomerTableView(model)
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    view.setCurrentIndex(model.index(0, COL_NAME))
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (many - 1, COL_NAME)
    assert view.rowAt(view.viewport().height() - 2) == many - 1  # scrolled there
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, COL_NAME)


def test_a_drag_lands_on_row_99_999_of_100k_at_once(qtbot, vault):
    from app.views.customers.customer_table_view import CustomerTableView
    from tests.helpers import bulk_customers

    bulk_customers(vault, 100_000)
    model = make_model(vault)
    assert model.rowCount() == 100_000  # one COUNT, not pages fetched so far
    view = CustomerTableView(model)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())  # the thumb dropped at the bottom, in one move
    view.viewport().repaint()
    last = view.rowAt(view.viewport().height() - 2)
    assert last == 99_999
    assert model.row_at(last).name == "客户099999"
    bar.setValue(bar.maximum() // 2)  # and the middle is the middle
    view.viewport().repaint()
    assert abs(view.rowAt(0) - 50_000) < 100
    view.setCurrentIndex(model.index(10, COL_NAME))
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (99_999, COL_NAME)
    assert model.kept_rows() <= MAX_PAGES * PAGE_SIZE
