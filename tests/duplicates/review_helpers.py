"""Open the duplicates window on a test file and drive it as a clerk would."""

from __future__ import annotations

from app.views.duplicates.compare_table import COL_A, COL_B, COL_RESULT
from app.views.duplicates.duplicates_dialog import DuplicatesDialog
from app.views.duplicates.words import FIELDS
from app.views.shell.app_context import AppContext


def open_review(qtbot, vault, ctx: AppContext | None = None) -> DuplicatesDialog:
    dialog = DuplicatesDialog(ctx or AppContext(vault))
    qtbot.addWidget(dialog)
    dialog.start()
    settle(qtbot, dialog)
    return dialog


def settle(qtbot, dialog: DuplicatesDialog) -> None:
    """The search, the compare and the history reads are all done."""
    qtbot.waitUntil(lambda: not dialog.review.busy() and not dialog.history.loader.busy(),
                    timeout=15000)


def codes(dialog) -> list[tuple[str, str]]:
    return [(c.a_code, c.b_code) for c in dialog.review.model.rows()]


def select_pair(qtbot, dialog, a_id: int, b_id: int) -> None:
    review = dialog.review
    low, high = sorted((a_id, b_id))
    row = next(i for i, c in enumerate(review.model.rows()) if (c.a_id, c.b_id) == (low, high))
    review.queue.selectRow(row)
    settle(qtbot, dialog)
    assert review.current().a_id == low


def cell(dialog, field: str, col: int) -> str:
    return dialog.review.compare.item(list(FIELDS).index(field), col).text()


def click_value(qtbot, dialog, field: str, col: int) -> None:
    """Click the value of `field` in column A or B of the compare, as the mouse does."""
    from PySide6.QtCore import Qt

    table = dialog.review.compare
    index = table.model().index(list(FIELDS).index(field), col)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(index).center())
    settle(qtbot, dialog)


__all__ = ["COL_A", "COL_B", "COL_RESULT", "cell", "click_value", "codes", "open_review",
           "select_pair", "settle"]
