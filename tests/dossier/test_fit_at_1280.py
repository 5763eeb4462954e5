"""At 1280×800 in Chinese the dossier's tabs and the list's columns fit (issue 15
item 9): every tab visible without scroll arrows, the list without a horizontal scroll
bar, long names elided in the middle with the full text in a tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QToolButton
from sqlalchemy import func, select

from app.i18n import set_language
from app.models import ContactEvent, Purchase
from app.services.demo.generator import generate_demo_data
from app.views.customers.customer_table_model import COL_CREATED, COL_NAME, COL_TAGS
from app.views.shell.app_context import AppContext
from app.views.shell.fonts import setup_fonts
from app.views.shell.i18n_setup import I18N_DIR
from app.views.shell.main_window import CUSTOMERS_PAGE, MainWindow


@pytest.fixture
def chinese():
    """The Chinese catalogue and the bundled Chinese font, as the app starts them."""
    setup_fonts(QApplication.instance())
    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "kehu_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    set_language("zh")
    yield
    set_language(None)
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def window(qtbot, vault, chinese, message_boxes):
    message_boxes.answer = QMessageBox.StandardButton.Discard
    generate_demo_data(vault.sessions, 300, seed=3)
    win = MainWindow(AppContext(vault))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.show_page(CUSTOMERS_PAGE)
    qtbot.waitUntil(lambda: not win.list_panel.busy(), timeout=10000)
    yield win
    win.list_panel.shutdown()


def busiest_customer(vault) -> int:
    """The customer with the most contacts among those with purchases: many counts."""
    with vault.sessions() as s:
        bought = select(Purchase.customer_id)
        return s.scalar(select(ContactEvent.customer_id).where(ContactEvent.customer_id.in_(bought))
                        .group_by(ContactEvent.customer_id)
                        .order_by(func.count().desc()).limit(1))


def test_every_dossier_tab_is_visible_at_1280_in_chinese(qtbot, window, vault):
    win = window
    assert win.width() == 1280
    cid = busiest_customer(vault)
    with qtbot.waitSignal(win.dossier.loaded, timeout=10000):
        win.open_customer(cid)
    tabs = win.dossier.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles[0] == "资料" and titles[6] == "画像" and titles[-1] == "同意"
    assert sum(any(ch.isdigit() for ch in t) for t in titles) >= 2  # counts are shown
    bar = tabs.tabBar()
    assert bar.sizeHint().width() <= tabs.width(), (titles, bar.sizeHint(), tabs.width())
    assert [b for b in bar.findChildren(QToolButton) if b.isVisible()] == []  # no arrows
    assert bar.tabRect(tabs.count() - 1).right() <= bar.width()
    # Room for a busier customer too: counts on every tab that counts (nine tabs since
    # the points tab; widgets.compact_tabs gives them the room).
    for index, count in ((1, 128), (2, 56), (3, 12), (4, 3), (5, 9)):
        tabs.setTabText(index, f"{titles[index].split()[0]} {count}")
    assert bar.sizeHint().width() <= tabs.width(), ([tabs.tabText(i) for i in range(9)],
                                                    bar.sizeHint(), tabs.width())
    # The whole word and the count in each tab's tooltip.
    assert tabs.tabToolTip(1).startswith("联系记录") and tabs.tabToolTip(6) == "客户画像"


def test_the_list_fits_at_1280_and_long_names_are_whole_in_tooltips(qtbot, window):
    win = window
    table = win.list_panel.table
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() <= table.viewport().width(), timeout=3000)
    assert table.horizontalScrollBar().maximum() == 0
    assert not table.horizontalScrollBar().isVisible()
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
    model = win.list_panel.model
    longest = max(range(model.rowCount()), key=lambda r: len(model.row_at(r).name))
    name = model.row_at(longest).name
    assert len(name) >= 10  # a company: "…有限公司"
    assert model.index(longest, COL_NAME).data(Qt.ItemDataRole.ToolTipRole) == name
    # Every column but the name is wide enough for its Chinese header.
    metrics = header.fontMetrics()
    for col in range(model.columnCount()):
        if not table.isColumnHidden(col) and col != COL_NAME:
            title = model.headerData(col, Qt.Orientation.Horizontal)
            assert header.sectionSize(col) >= metrics.horizontalAdvance(title), title
    # The columns left out at first are one click away in the header's menu.
    assert table.isColumnHidden(COL_CREATED) and table.isColumnHidden(COL_TAGS)
    actions = {a.text(): a for a in table.column_actions()}
    actions["建档日期"].setChecked(True)
    assert not table.isColumnHidden(COL_CREATED)
