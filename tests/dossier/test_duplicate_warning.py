"""The live duplicate warning in the new-customer form (issue 16): typing the phone of
a customer already in the file shows "Possibly the same as KH… 王芳 (same mobile
number)"; a click on the code opens that customer's dossier; another phone hides the
line. Editing a customer never warns about itself. Driven through the main window."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from app.views.shell.app_context import AppContext
from app.views.shell.main_window import MainWindow
from tests.daily_helpers import make_customer
from tests.dossier.test_profile_form import type_and_leave
from tests.helpers import type_text


@pytest.fixture
def window(qtbot, vault, message_boxes):
    message_boxes.answer = QMessageBox.StandardButton.Discard
    win = MainWindow(AppContext(vault))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not win.list_panel.busy(), timeout=10000)
    yield win
    win.list_panel.shutdown()


def _settled(qtbot, warning) -> None:
    qtbot.waitUntil(lambda: not warning.busy(), timeout=10000)


def _click_link(qtbot, label) -> None:
    """Click the middle of the link, which follows the sentence's first words."""
    metrics = label.fontMetrics()
    text = label.text()
    head = text[:text.index("<a")]
    name = text[text.index(">", text.index("<a")) + 1:text.index("</a>")]
    rect = label.contentsRect()
    x = rect.left() + metrics.horizontalAdvance(head) + metrics.horizontalAdvance(name) // 2
    y = rect.top() + (rect.height() // 2 if label.heightForWidth(rect.width()) <=
                      metrics.height() * 1.5 else metrics.height() // 2)
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(x, y))


def test_a_phone_of_an_existing_customer_warns_and_the_link_opens_it(qtbot, window, vault):
    win = window
    wang = make_customer(vault, name="王芳", phone="13800138000")
    make_customer(vault, name="李四", phone="13900139000")
    win.list_panel.refresh()
    qtbot.waitUntil(lambda: not win.list_panel.busy(), timeout=10000)
    qtbot.keyClick(win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = win.dossier.form
    warning = form.duplicate_warning
    type_and_leave(qtbot, form, "name", "王芳")
    _settled(qtbot, warning)
    assert not warning.isVisibleTo(win)  # a name alone tells nothing
    type_and_leave(qtbot, form, "phone", "13800138000")
    qtbot.waitUntil(lambda: warning.isVisibleTo(win), timeout=10000)
    text = warning.text.text()
    assert "KH000001" in text and "王芳" in text and "same mobile number" in text
    assert [m.id for m in warning.matches] == [wang]

    # Another phone: the line goes.
    type_and_leave(qtbot, form, "phone", "13700137000")
    _settled(qtbot, warning)
    assert not warning.isVisibleTo(win) and warning.matches == []

    # Back to the known phone; the link opens that customer (the typed draft is dropped).
    type_and_leave(qtbot, form, "phone", "13800138000")
    qtbot.waitUntil(lambda: warning.isVisibleTo(win), timeout=10000)
    _click_link(qtbot, warning.text)
    qtbot.waitUntil(lambda: win.dossier.title.text() == "王芳", timeout=10000)
    assert win.dossier.current_customer_id() == wang and not win.dossier.is_new()
    assert win.list_panel.current_customer_id() == wang
    assert not warning.isVisibleTo(win)


def test_several_matches_name_the_best_and_count_the_others(qtbot, window, vault):
    win = window
    for n in range(3):
        make_customer(vault, name="王芳", birthday=date(1980, 5, 1), phone=f"1380013800{n}")
    qtbot.keyClick(win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = win.dossier.form
    type_and_leave(qtbot, form, "name", "王芳")
    type_and_leave(qtbot, form, "birthday", "1980-05-01")
    warning = form.duplicate_warning
    qtbot.waitUntil(lambda: warning.isVisibleTo(win), timeout=10000)
    assert "KH000001" in warning.text.text() and "and 2 others" in warning.text.text()
    assert "same birthday" in warning.text.text()


def test_editing_a_customer_does_not_warn_about_itself(qtbot, window, vault):
    win = window
    wang = make_customer(vault, name="王芳", phone="13800138000")
    win.list_panel.refresh()
    qtbot.waitUntil(lambda: not win.list_panel.busy(), timeout=10000)
    win.open_customer(wang)
    qtbot.waitUntil(lambda: win.dossier.form.customer_id == wang, timeout=10000)
    form = win.dossier.form
    warning = form.duplicate_warning
    type_text(qtbot, form.fields.editors["email"], "wf@qq.com")
    qtbot.waitUntil(lambda: warning.busy(), timeout=3000)
    _settled(qtbot, warning)
    assert not warning.isVisibleTo(win) and warning.matches == []
