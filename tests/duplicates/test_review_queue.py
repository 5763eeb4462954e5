"""The review queue of 客户 → 查找重复客户 on a real encrypted file: pairs best first
with their reasons in words; look-alikes only with the toggle, and never mergeable;
a clear sentence when there is nothing to review; the menu item opens it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models import Customer, CustomerMerge, NotDuplicate
from app.services.duplicates.score import THRESHOLD
from app.views.duplicates import ops
from app.views.duplicates.review_page import EMPTY_PAGE, QUEUE_PAGE
from tests.duplicates.people import household
from tests.duplicates.review_helpers import codes, open_review, select_pair, settle

pytestmark = pytest.mark.usefixtures("message_boxes")


@pytest.fixture
def truth(vault):
    with vault.sessions.begin() as s:
        return household(s)


def test_the_queue_lists_the_probable_pairs_best_first_with_their_reasons(qtbot, vault,
                                                                          truth):
    dialog = open_review(qtbot, vault)
    review = dialog.review
    rows = review.model.rows()
    expected = {tuple(sorted((a, b))) for a, b, same in truth if same}
    assert {(c.a_id, c.b_id) for c in rows} == expected
    scores = [c.score for c in rows]
    assert scores == sorted(scores, reverse=True) and all(s >= THRESHOLD for s in scores)
    model = review.model
    for row in range(model.rowCount()):
        shown = [model.index(row, col).data() for col in range(model.columnCount())]
        assert shown[0] == f"{rows[row].score:.2f}"
        assert rows[row].a_code in shown[1] and rows[row].b_code in shown[2]
        assert shown[3] and shown[4] == "Merge"
    traditional = next(c for c in rows if {c.a_name, c.b_name} == {"张伟", "張偉"})
    reasons = model.index(rows.index(traditional), 3).data()
    assert "traditional" in reasons.lower(), reasons
    assert review.pages.currentIndex() == QUEUE_PAGE
    assert review.current() == rows[0]  # the best pair is shown at once
    assert review.merge_button.isEnabled()
    assert "2 pair" not in review.count_label.text() and str(len(rows)) in \
        review.count_label.text()
    dialog.shutdown()


def test_a_family_on_one_landline_is_shown_low_and_cannot_be_merged(qtbot, vault, truth):
    dialog = open_review(qtbot, vault)
    review = dialog.review
    assert all(c.proposed for c in review.model.rows())
    review.low_box.setChecked(True)  # searches again, down to 0
    settle(qtbot, dialog)
    family = next(c for c in review.model.rows() if {c.a_name, c.b_name} == {"刘建国", "刘丽华"})
    assert not family.proposed and "family" in review.model.index(
        review.model.rows().index(family), 3).data()
    select_pair(qtbot, dialog, family.a_id, family.b_id)
    assert review.model.index(review.queue.currentIndex().row(), 4).data() == "Look only"
    assert not review.merge_button.isEnabled() and not review.swap_button.isEnabled()
    assert review.not_dup_button.isEnabled() and review.skip_button.isEnabled()
    assert "look only" in review.title.text()
    assert review.compare.item(0, 1).text() == "刘建国"  # viewable side by side
    review.merge()  # even called directly, nothing is merged
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(CustomerMerge)) == 0
        assert s.get(Customer, family.b_id).merged_into_id is None
    dialog.shutdown()


def test_with_nothing_to_review_a_sentence_says_so(qtbot, vault):
    dialog = open_review(qtbot, vault)
    review = dialog.review
    assert review.model.rowCount() == 0
    assert review.pages.currentIndex() == EMPTY_PAGE
    assert "No probable duplicates were found" in review.empty.text()
    assert not review.merge_button.isEnabled() and not review.skip_button.isEnabled()
    review.low_box.setChecked(True)
    settle(qtbot, dialog)
    assert review.pages.currentIndex() == EMPTY_PAGE
    assert "not even look-alikes" in review.empty.text()
    dialog.shutdown()


def test_not_a_duplicate_takes_the_pair_away_for_good(qtbot, vault, truth):
    dialog = open_review(qtbot, vault)
    review = dialog.review
    first = review.current()
    before = len(review.model.rows())
    review.not_dup_button.click()
    settle(qtbot, dialog)
    assert first not in review.model.rows() and len(review.model.rows()) == before - 1
    assert "not be proposed again" in review.message.text()
    with vault.sessions() as s:
        assert s.get(NotDuplicate, (first.a_id, first.b_id)) is not None
    review.search_button.click()  # a new search does not propose it again
    settle(qtbot, dialog)
    assert (first.a_code, first.b_code) not in codes(dialog)
    assert len(review.model.rows()) == before - 1
    dialog.shutdown()


def test_skip_moves_on_and_changes_nothing(qtbot, vault, truth):
    dialog = open_review(qtbot, vault)
    review = dialog.review
    listed = codes(dialog)
    with vault.sessions() as s:
        customers = sorted(tuple(r) for r in s.execute(select(Customer.__table__)))
    review.skip_button.click()
    settle(qtbot, dialog)
    assert review.queue.currentIndex().row() == 1
    assert review.current() == review.model.rows()[1]
    for _ in range(len(listed) - 1):
        review.skip_button.click()
    settle(qtbot, dialog)
    assert review.queue.currentIndex().row() == 0  # after the last, the first again
    assert codes(dialog) == listed
    with vault.sessions() as s:
        assert sorted(tuple(r) for r in s.execute(select(Customer.__table__))) == customers
        assert s.scalar(select(func.count()).select_from(NotDuplicate)) == 0
        assert s.scalar(select(func.count()).select_from(CustomerMerge)) == 0
    dialog.shutdown()


def test_the_search_can_be_cancelled(vault, truth):
    with pytest.raises(ops.FindCancelled):
        ops.find_pairs(vault.sessions, 0.0, progress=lambda *_: None, cancel=lambda: True)
    steps = []
    found = ops.find_pairs(vault.sessions, 0.0, progress=lambda d, t: steps.append((d, t)),
                           cancel=lambda: False)
    assert found and steps


def test_the_customer_menu_opens_the_review(qtbot, vault, truth):
    from app.views.shell.app_context import AppContext
    from app.views.shell.main_window import MainWindow

    win = MainWindow(AppContext(vault))
    qtbot.addWidget(win)
    win.show()
    action = win.duplicates.act_find
    from PySide6.QtWidgets import QMenu

    customer_menu = next(m for m in win.menuBar().findChildren(QMenu)
                         if m.title() == "&Customer")
    assert action in customer_menu.actions()
    action.trigger()
    dialog = win.duplicates.dialog
    assert dialog.isVisible()
    settle(qtbot, dialog)
    assert dialog.review.model.rowCount() == sum(1 for *_p, same in truth if same)
    win.close()
