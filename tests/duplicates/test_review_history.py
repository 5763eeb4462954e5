"""The merge history tab: each merge with its time, kept and merged codes, actor and
reason; 撤销合并 restores the customers and says what stays with the kept one; an
error (the merge was undone elsewhere meanwhile) is a clear message, no traceback."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.models import Customer
from app.services.daily.contacts import ContactInput, record_contact
from app.services.duplicates.merge import merge_customers, unmerge
from tests.duplicates.people import add
from tests.duplicates.review_helpers import open_review, select_pair, settle

NOW = datetime(2026, 12, 3, 10, 0)


@pytest.fixture
def pair(vault):
    with vault.sessions.begin() as s:
        a = add(s, "赵敏", email="zhaomin@163.com", phone="13600001111")
        b = add(s, "赵敏", email="ZhaoMin@163.com ", phone="13600001111")
        return a.id, b.id


def _merge_from_the_queue(qtbot, dialog, a, b):
    select_pair(qtbot, dialog, a, b)
    dialog.review.reason.setText("同一人，两次录入")
    dialog.review.merge_button.click()
    settle(qtbot, dialog)


def test_the_history_lists_the_merge_and_undoes_it_with_a_message(qtbot, vault, pair,
                                                                  message_boxes):
    a, b = pair
    dialog = open_review(qtbot, vault)
    _merge_from_the_queue(qtbot, dialog, a, b)
    history = dialog.history
    dialog.tabs.setCurrentWidget(history)
    settle(qtbot, dialog)
    model = history.model
    assert model.rowCount() == 1
    shown = [model.index(0, col).data() for col in range(model.columnCount())]
    with vault.sessions() as s:
        kept_code, gone_code = s.get(Customer, a).code, s.get(Customer, b).code
    assert shown[2] == kept_code and shown[3] == gone_code
    assert shown[1].startswith(f"{datetime.now():%Y-}") and shown[4]  # when, by whom
    assert shown[5] == "同一人，两次录入" and shown[6] == "Merged"
    # A contact logged with the kept customer after the merge stays with it.
    with vault.sessions.begin() as s:
        record_contact(s, a, ContactInput(channel="phone", purpose="revisit",
                                          summary="合并后回访"), now=NOW)
    history.table.selectRow(0)
    assert history.unmerge_button.isEnabled()
    history.unmerge_button.click()
    settle(qtbot, dialog)
    (_parent, _title, text), = message_boxes.of("information")
    assert "undone" in text and gone_code in text
    assert "after the merge" in text and "1 contact" in text, text
    assert not message_boxes.of("warning")
    with vault.sessions() as s:
        assert s.get(Customer, b).merged_into_id is None
        assert s.get(Customer, b).deleted_at is None
    assert model.index(0, 6).data().startswith("Undone")
    assert not history.unmerge_button.isEnabled()  # undone rows cannot be undone again
    assert (a, b) in {(c.a_id, c.b_id) for c in dialog.review.model.rows()}
    dialog.shutdown()


def test_undoing_a_merge_undone_elsewhere_says_so_clearly(qtbot, vault, pair, message_boxes):
    a, b = pair
    with vault.sessions.begin() as s:
        merge_id = merge_customers(s, a, [b], reason="CLI", now=NOW).merge_id
    dialog = open_review(qtbot, vault)
    history = dialog.history
    assert history.model.rowCount() == 1 and history.unmerge_button.isEnabled()
    with vault.sessions.begin() as s:  # another clerk (or the CLI) undoes it meanwhile
        unmerge(s, merge_id, now=NOW)
    history.unmerge_button.click()
    settle(qtbot, dialog)
    (_parent, _title, text), = message_boxes.of("warning")
    assert f"#{merge_id} was undone already" in text and "Traceback" not in text
    assert not message_boxes.of("information")
    assert history.model.index(0, 6).data().startswith("Undone")  # read again
    dialog.shutdown()


def test_history_without_merges_says_so(qtbot, vault, message_boxes):
    dialog = open_review(qtbot, vault)
    dialog.tabs.setCurrentWidget(dialog.history)
    settle(qtbot, dialog)
    assert dialog.history.model.rowCount() == 0
    assert dialog.history.empty.isVisibleTo(dialog) and \
        dialog.history.empty.text() == "No merges yet."
    assert not dialog.history.unmerge_button.isEnabled()
    dialog.shutdown()
