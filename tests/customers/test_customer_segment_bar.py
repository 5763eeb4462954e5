"""The list panel's segment combo and "Save as segment…", driven through the real
widgets over a real encrypted demo file: the combo narrows the list to exactly the
segment's members (alone and with a tag or owner), save-as writes the chosen filters
as an expression and shows the new segment, the button says why it is disabled, a
taken name is replaced only when the user says so, and a segment deleted meanwhile
falls back to "All segments" without a traceback."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from app.i18n import set_language
from app.services.customers.search import ListFilter
from app.services.segments import service as segments
from app.views.customers.customer_list_panel import CustomerListPanel
from app.views.shell.app_context import AppContext
from tests.customers.segment_helpers import (
    active_with,
    busiest_owner,
    demo_with_values,
    members,
    save_segment,
)


@pytest.fixture
def demo(vault):
    demo_with_values(vault)
    return vault


@pytest.fixture
def panel(qtbot, demo):
    widget = CustomerListPanel(AppContext(demo))
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    settle(qtbot, widget)
    yield widget
    widget.shutdown()


def settle(qtbot, panel: CustomerListPanel) -> None:
    qtbot.waitUntil(lambda: not panel.busy() and panel._pool.activeThreadCount() == 0,
                    timeout=10000)


def shown_ids(panel: CustomerListPanel) -> set[int]:
    model = panel.model
    ids = [model.customer_id(r) for r in range(model.rowCount())]
    assert len(ids) == len(set(ids)) == model.total()
    return set(ids)


def choose(box, data) -> None:
    index = box.findData(data)
    assert index >= 0, (data, [box.itemText(i) for i in range(box.count())])
    box.setCurrentIndex(index)


def segment_choices(panel: CustomerListPanel) -> list[str]:
    box = panel.filter_bar.segment_box
    return [box.itemData(i) for i in range(1, box.count())]


def reload_choices(qtbot, panel: CustomerListPanel, names: list[str]) -> None:
    """Read the choices again and wait until the segment combo offers `names`."""
    panel.reload_choices()
    qtbot.waitUntil(lambda: segment_choices(panel) == names, timeout=10000)
    settle(qtbot, panel)


def answer_name(monkeypatch, name: str, ok: bool = True) -> list[str]:
    """QInputDialog.getText answers `name`; the labels it was asked with are kept."""
    asked: list[str] = []

    def get_text(_parent, _title, label, *args, **kwargs):
        asked.append(label)
        return name, ok

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return asked


def test_the_combo_narrows_to_exactly_the_members(qtbot, demo, panel):
    bar = panel.filter_bar
    assert bar.segment_box.itemText(0) == "All segments" and bar.segment_box.count() == 1
    want = save_segment(demo, "中等价值", "tier=mid")
    reload_choices(qtbot, panel, ["中等价值"])
    everyone = shown_ids(panel)
    choose(bar.segment_box, "中等价值")
    settle(qtbot, panel)
    assert shown_ids(panel) == want and 0 < len(want) < len(everyone)
    assert panel.count_label.text() == f"{len(want)} customers"
    choose(bar.tag_box, "VIP客户")
    settle(qtbot, panel)
    assert shown_ids(panel) == want & active_with(demo, tag="VIP客户")
    bar.tag_box.setCurrentIndex(0)
    owner = busiest_owner(demo)
    choose(bar.owner_box, owner)
    settle(qtbot, panel)
    assert shown_ids(panel) == want & active_with(demo, owner=owner) != set()
    bar.segment_box.setCurrentIndex(0)
    settle(qtbot, panel)
    assert shown_ids(panel) == active_with(demo, owner=owner)


def test_save_as_writes_the_chosen_filters_and_shows_the_segment(qtbot, demo, panel,
                                                              monkeypatch, message_boxes):
    bar = panel.filter_bar
    owner = busiest_owner(demo)
    choose(bar.owner_box, owner)
    bar.clv_box.setCurrentIndex(1)  # the first preset: ≥ ¥1,000
    bar.clv_box.activated.emit(1)
    settle(qtbot, panel)
    listed = shown_ids(panel)
    assert listed and bar.save_segment_button.isEnabled()
    asked = answer_name(monkeypatch, "  经理的高价值客户 ")
    qtbot.mouseClick(bar.save_segment_button, Qt.MouseButton.LeftButton)
    settle(qtbot, panel)
    assert message_boxes.calls == []
    expression = f"owner={owner},clv_fen>=100000"
    assert expression in asked[0]
    with demo.sessions() as s:
        assert segments.get(s, "经理的高价值客户").expression == expression
    assert members(demo, "经理的高价值客户") == listed
    # The new segment is chosen and says the filters alone: the rest back to "all".
    assert bar.segment_box.currentData() == "经理的高价值客户"
    assert bar.owner_box.currentIndex() == 0 and bar.clv_box.value() == (None, None)
    assert shown_ids(panel) == listed
    qtbot.waitUntil(lambda: segment_choices(panel) == ["经理的高价值客户"], timeout=10000)


def test_a_taken_name_is_replaced_only_when_the_user_says_so(qtbot, demo, panel,
                                                           monkeypatch, message_boxes):
    save_segment(demo, "重点", "tier=vip")
    reload_choices(qtbot, panel, ["重点"])
    bar = panel.filter_bar
    choose(bar.tier_box, "low")
    answer_name(monkeypatch, "重点")
    message_boxes.answer = QMessageBox.StandardButton.No
    bar.save_segment_button.click()
    assert len(message_boxes.of("question")) == 1 and "exists already" in \
        message_boxes.of("question")[0][2]
    with demo.sessions() as s:
        assert segments.get(s, "重点").expression == "tier=vip"
    assert bar.segment_box.currentIndex() == 0  # nothing saved, nothing chosen
    message_boxes.answer = QMessageBox.StandardButton.Yes
    bar.save_segment_button.click()
    settle(qtbot, panel)
    with demo.sessions() as s:
        assert segments.get(s, "重点").expression == "tier=low"
    assert bar.segment_box.currentData() == "重点"
    assert shown_ids(panel) == active_with(demo, tier="low")


def test_a_value_with_a_comma_is_refused_and_a_cancel_saves_nothing(qtbot, demo, panel,
                                                                    monkeypatch,
                                                                    message_boxes):
    bar = panel.filter_bar
    bar.owner_box.addItem("王,李", "王,李")  # as an owner with a comma would be listed
    choose(bar.owner_box, "王,李")
    settle(qtbot, panel)
    asked = answer_name(monkeypatch, "不会保存")
    bar.save_segment_button.click()
    assert asked == [] and len(message_boxes.of("warning")) == 1
    assert "comma" in message_boxes.of("warning")[0][2]
    bar.owner_box.setCurrentIndex(0)
    choose(bar.tier_box, "vip")
    answer_name(monkeypatch, "取消了", ok=False)
    bar.save_segment_button.click()
    with demo.sessions() as s:
        assert segments.names(s) == []


def test_the_button_says_why_it_is_disabled(qtbot, demo, panel):
    bar = panel.filter_bar
    button = bar.save_segment_button
    assert not button.isEnabled() and "Choose an owner" in button.toolTip()
    save_segment(demo, "贵宾", "tier=vip")
    reload_choices(qtbot, panel, ["贵宾"])
    choose(bar.segment_box, "贵宾")  # a segment alone is saved already
    assert not button.isEnabled()
    choose(bar.stage_box, "loyal")
    assert button.isEnabled() and "Save the chosen filters" in button.toolTip()
    bar.trash_button.click()
    assert not button.isEnabled() and "trash" in button.toolTip()
    bar.trash_button.click()
    assert button.isEnabled()
    ids = frozenset(sorted(shown_ids(panel))[:3])
    panel.show_filter(ListFilter(ids=ids, tier="vip"), "仪表盘")
    settle(qtbot, panel)
    assert not button.isEnabled() and "drill-down" in button.toolTip()
    bar.drill_button.click()
    settle(qtbot, panel)
    assert button.isEnabled()


def test_a_segment_deleted_meanwhile_falls_back_to_all(qtbot, demo, panel):
    bar = panel.filter_bar
    for name in ("甲", "乙"):
        save_segment(demo, name, "tier=vip" if name == "甲" else "tier=mid")
    reload_choices(qtbot, panel, ["乙", "甲"])
    everyone = shown_ids(panel)
    choose(bar.segment_box, "甲")
    settle(qtbot, panel)
    assert shown_ids(panel) == members(demo, "甲")
    # Deleted (say from the command line); the list is read again before the choices.
    with demo.sessions.begin() as s:
        segments.delete(s, "甲")
    panel.model.reload()
    settle(qtbot, panel)
    assert bar.segment_box.currentIndex() == 0
    assert segment_choices(panel) == ["乙"]
    assert shown_ids(panel) == everyone
    # Deleted, and the choices read again first (as set_choices does for an owner).
    choose(bar.segment_box, "乙")
    settle(qtbot, panel)
    with demo.sessions.begin() as s:
        segments.delete(s, "乙")
    reload_choices(qtbot, panel, [])
    assert bar.segment_box.currentIndex() == 0
    assert shown_ids(panel) == everyone


@pytest.fixture
def chinese():
    translator = QTranslator()
    from app.views.shell.fonts import setup_fonts
    from app.views.shell.i18n_setup import I18N_DIR

    setup_fonts(QApplication.instance())
    assert translator.load(str(I18N_DIR / "kehu_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    set_language("zh")
    yield
    set_language(None)
    QCoreApplication.removeTranslator(translator)


def test_the_bar_fits_beside_the_dossier_at_1280_in_chinese(qtbot, demo, chinese,
                                                           message_boxes):
    from app.views.shell.main_window import CUSTOMERS_PAGE, MainWindow

    message_boxes.answer = QMessageBox.StandardButton.Discard
    win = MainWindow(AppContext(demo))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.show_page(CUSTOMERS_PAGE)
    panel = win.list_panel
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10000)
    bar = panel.filter_bar
    assert bar.segment_box.itemText(0) == "全部分群"
    assert bar.save_segment_button.text() == "保存为分群…"
    assert bar.minimumSizeHint().width() <= panel.width(), (bar.minimumSizeHint(),
                                                            panel.width())
    assert bar.save_segment_button.geometry().right() <= bar.width()
    panel.shutdown()


def test_a_group_saved_on_the_groups_page_is_offered_in_the_list(qtbot, demo,
                                                                 message_boxes):
    from app.views.shell.main_window import MainWindow

    win = MainWindow(AppContext(demo))
    qtbot.addWidget(win)
    win.show()
    panel = win.list_panel
    settle(qtbot, panel)
    page = win._ensure_segments()
    with demo.sessions.begin() as s:  # what the page's save_as does, less the clustering
        segments.save(s, "第一组", "tier=vip")
    page.segments_changed.emit()
    qtbot.waitUntil(lambda: segment_choices(panel) == ["第一组"], timeout=10000)
    settle(qtbot, panel)
    panel.shutdown()
