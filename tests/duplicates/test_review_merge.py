"""Merging from the review window on a real encrypted file: a conflicting field chosen
with one click ends up in the kept customer, the merged-away customer's pairs leave the
queue, which customer is kept can be swapped, and Undo in the main window's status bar
restores both customers and puts the pair back."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.models import Customer
from app.services.duplicates.merge import merge_history
from app.views.shell.app_context import AppContext
from app.views.shell.main_window import MainWindow
from tests.duplicates.people import add
from tests.duplicates.review_helpers import (
    COL_A,
    COL_B,
    COL_RESULT,
    cell,
    click_value,
    codes,
    open_review,
    select_pair,
    settle,
)

pytestmark = pytest.mark.usefixtures("message_boxes")
NOW = datetime(2026, 12, 3, 10, 0)


@pytest.fixture
def twins(vault):
    """One person typed twice, with a different address each time; and a third copy of
    the second (so one merge takes two pairs off the queue)."""
    with vault.sessions.begin() as s:
        a = add(s, "王芳", phone="13700001111", birthday=date(1980, 1, 2),
                address="杭州市西湖区文三路1号", email="wf@163.com")
        b = add(s, "王芳", phone="13700001111", birthday=date(1980, 1, 2),
                address="杭州市上城区解放路2号", owner="李经理")
        c = add(s, "陈静", phone="13912345678")
        d = add(s, "陈静", phone="13912345678", address="宁波市")
        return a.id, b.id, c.id, d.id


def test_the_other_value_of_a_conflict_chosen_with_a_click_is_kept(qtbot, vault, twins):
    a, b, *_ = twins
    dialog = open_review(qtbot, vault)
    review = dialog.review
    select_pair(qtbot, dialog, a, b)
    compare = review.compare
    assert compare.conflicts() == ["address"]  # owner and e-mail are only on one side
    assert "(kept)" in compare.horizontalHeaderItem(COL_A).text()  # the older one
    assert cell(dialog, "address", COL_A).startswith("✓")
    assert cell(dialog, "address", COL_RESULT) == "杭州市西湖区文三路1号"
    assert cell(dialog, "owner", COL_RESULT) == "李经理"  # an empty field is filled
    assert cell(dialog, "birthday", COL_RESULT) == cell(dialog, "birthday", COL_A).lstrip("✓ ")
    assert "1980" in cell(dialog, "birthday", COL_RESULT)  # a date, not its frozen form
    click_value(qtbot, dialog, "address", COL_B)
    assert compare.take() == {"address": review.current().b_code}
    assert cell(dialog, "address", COL_B).startswith("✓")
    assert not cell(dialog, "address", COL_A).startswith("✓")
    assert cell(dialog, "address", COL_RESULT) == "杭州市上城区解放路2号"  # the dry run
    click_value(qtbot, dialog, "email", COL_B)  # no conflict: no choice to make
    assert compare.take() == {"address": review.current().b_code}
    review.merge_button.click()
    settle(qtbot, dialog)
    with vault.sessions() as s:
        kept, gone = s.get(Customer, a), s.get(Customer, b)
        assert kept.address == "杭州市上城区解放路2号" and kept.email == "wf@163.com"
        assert kept.owner == "李经理"
        assert gone.merged_into_id == a and gone.deleted_at is not None
        assert merge_history(s)[0].reason  # the reasons in words, as the default
    assert (a, b) not in {(c.a_id, c.b_id) for c in review.model.rows()}
    assert "Merged" in review.message.text()
    dialog.shutdown()


def test_the_kept_customer_can_be_swapped(qtbot, vault, twins):
    a, b, *_ = twins
    dialog = open_review(qtbot, vault)
    review = dialog.review
    select_pair(qtbot, dialog, a, b)
    review.swap_button.click()
    settle(qtbot, dialog)
    assert "(kept)" in review.compare.horizontalHeaderItem(COL_B).text()
    assert cell(dialog, "address", COL_RESULT) == "杭州市上城区解放路2号"
    review.merge_button.click()
    settle(qtbot, dialog)
    with vault.sessions() as s:
        assert s.get(Customer, a).merged_into_id == b
        kept = s.get(Customer, b)
        assert (kept.address, kept.email) == ("杭州市上城区解放路2号", "wf@163.com")
    dialog.shutdown()


def test_a_merge_takes_every_pair_of_the_merged_customer_off_the_queue(qtbot, vault, twins):
    _a, _b, c, d = twins
    with vault.sessions.begin() as s:
        e = add(s, "陈静", phone="13912345678", email="cj@163.com").id
    dialog = open_review(qtbot, vault)
    review = dialog.review
    pairs = {(x.a_id, x.b_id) for x in review.model.rows()}
    assert {(c, d), (c, e), (d, e)} <= pairs
    select_pair(qtbot, dialog, c, d)
    review.merge_button.click()  # d goes into c: (c, d) and (d, e) leave, (c, e) stays
    settle(qtbot, dialog)
    left = {(x.a_id, x.b_id) for x in review.model.rows()}
    assert (c, d) not in left and (d, e) not in left and (c, e) in left
    dialog.shutdown()


def test_undo_in_the_status_bar_restores_both_customers(qtbot, vault, twins):
    a, b, *_ = twins
    with vault.sessions() as s:
        before = sorted(tuple(r) for r in s.execute(
            select(Customer.__table__).where(Customer.id.in_((a, b)))))
    ctx = AppContext(vault)
    seen = []
    ctx.data_changed.connect(lambda: seen.append("changed"))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.duplicates.act_find.trigger()
    dialog = win.duplicates.dialog
    settle(qtbot, dialog)
    listed = codes(dialog)
    select_pair(qtbot, dialog, a, b)
    click_value(qtbot, dialog, "address", COL_B)
    dialog.review.merge_button.click()
    settle(qtbot, dialog)
    assert seen  # the list and the dossier reload
    assert "Merged" in win.statusBar().currentMessage()
    assert win.trash_undo.undo_button.isVisible()
    assert len(codes(dialog)) == len(listed) - 1
    seen.clear()
    win.trash_undo.undo_button.click()
    settle(qtbot, dialog)
    with vault.sessions() as s:
        after = sorted(tuple(r) for r in s.execute(
            select(Customer.__table__).where(Customer.id.in_((a, b)))))
        assert merge_history(s)[0].undone_at is not None
    assert after == before
    assert seen and "undone" in win.statusBar().currentMessage()
    assert not win.trash_undo.undo_button.isVisible()
    assert sorted(codes(dialog)) == sorted(listed)  # the pair is back in the queue
    win.close()
