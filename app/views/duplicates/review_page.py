"""The review page: the queue of candidate pairs (left) and the compare of the selected
pair (right) with 合并 / 不是重复 / 跳过.

The finder runs in a worker behind a cancellable progress dialog; the compare and the
merge's dry run are read by a LatestOnlyLoader (a click while one reads replaces it).
A merge takes the pair and every other pair of the merged-away customer off the queue
and offers Undo in the main window's status bar (ctx.undoable); the undo puts them
back. Every change tells the other views (ctx.data_changed)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import KehuError
from app.services.duplicates.finder import Candidate
from app.services.duplicates.score import THRESHOLD
from app.views.duplicates import ops
from app.views.duplicates.compare_table import CompareTable
from app.views.duplicates.queue_model import QueueModel
from app.views.duplicates.words import (
    merged_message,
    preview_message,
    reasons_text,
    unmerged_message,
)
from app.views.shell.app_context import AppContext
from app.views.widgets.busy import run_with_busy_dialog
from app.views.widgets.latest_only_loader import LatestOnlyLoader
from app.views.widgets.progress_task import ProgressTask

QUEUE_PAGE, EMPTY_PAGE = 0, 1


class ReviewPage(QWidget):
    merged = Signal(int)  # merge id
    unmerged = Signal(int)
    searched = Signal(int)  # pairs found

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.loader = LatestOnlyLoader(ctx, self)
        self.task: ProgressTask | None = None
        self.keep_id: int | None = None
        self.view_data: ops.PairView | None = None
        self._removed: dict[int, list[Candidate]] = {}  # merge id → pairs it took away

        self.low_box = QCheckBox(self.tr("Show &low-score look-alikes"))
        self.low_box.setToolTip(self.tr(
            "Also list pairs below the merge threshold (families on one landline, "
            "namesakes): to look at or mark as not duplicates, never to merge"))
        self.low_box.toggled.connect(lambda _on: self.search())
        self.search_button = QPushButton(self.tr("Search &again"))
        self.search_button.clicked.connect(self.search)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.low_box)
        top.addWidget(self.search_button)
        top.addStretch(1)
        top.addWidget(self.count_label)

        self.model = QueueModel(self)
        self.queue = QTableView()
        self.queue.setObjectName("duplicates_queue")
        self.queue.setModel(self.model)
        self.queue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue.verticalHeader().hide()
        self.queue.horizontalHeader().setStretchLastSection(True)
        self.queue.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.queue.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.compare = CompareTable()
        self.compare.mask = self.ctx.screen_mask
        self.ctx.screen_mask.changed.connect(lambda: self._show_current())
        self.compare.choice_changed.connect(self._load_pair)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why they are the same person (kept in the "
                                               "merge history)"))
        reason_label = QLabel(self.tr("R&eason:"))
        reason_label.setBuddy(self.reason)
        self.swap_button = QPushButton(self.tr("Keep the &other one"))
        self.swap_button.setToolTip(self.tr("Swap which customer is kept; the other one is "
                                            "merged into it"))
        self.swap_button.clicked.connect(self.swap)
        self.merge_button = QPushButton(self.tr("&Merge"))
        self.merge_button.clicked.connect(self.merge)
        self.not_dup_button = QPushButton(self.tr("&Not a duplicate"))
        self.not_dup_button.clicked.connect(self.not_duplicate)
        self.skip_button = QPushButton(self.tr("&Skip"))
        self.skip_button.clicked.connect(self.skip)
        reason_row = QHBoxLayout()
        reason_row.addWidget(reason_label)
        reason_row.addWidget(self.reason, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.swap_button)
        buttons.addStretch(1)
        for button in (self.merge_button, self.not_dup_button, self.skip_button):
            buttons.addWidget(button)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.compare, self.preview):
            column.addWidget(widget, 1 if widget is self.compare else 0)
        column.addLayout(reason_row)
        column.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.queue)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 600])  # both codes and names and the reasons show

        self.empty = QLabel()
        self.empty.setObjectName("duplicates_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.empty)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        self._set_buttons()

    # --- finding --------------------------------------------------------------------
    def searching(self) -> bool:
        return self.task is not None

    def busy(self) -> bool:
        return self.searching() or self.loader.busy()

    def search(self) -> None:
        if self.searching() or self.ctx.is_locked:
            return
        minimum = 0.0 if self.low_box.isChecked() else THRESHOLD
        self.search_button.setEnabled(False)
        self.task = ProgressTask(self, self.tr("Looking for duplicate customers…"),
                                 ops.find_pairs, self.ctx.sessions(), minimum,
                                 on_done=self._found, on_error=self._find_failed)

    def _found(self, found: list[Candidate]) -> None:
        self.task = None
        self.search_button.setEnabled(True)
        self.model.set_candidates(found)
        self.message.clear()
        self._after_queue_change(0)
        self.searched.emit(len(found))

    def _find_failed(self, exc: BaseException) -> None:
        self.task = None
        self.search_button.setEnabled(True)
        if isinstance(exc, ops.FindCancelled):
            self.message.setText(self.tr("The search was cancelled; the queue is as before."))
        elif isinstance(exc, KehuError):
            QMessageBox.warning(self, self.window().windowTitle(), str(exc))
        else:
            raise exc  # unexpected: the crash dialog shows it

    def _after_queue_change(self, row: int) -> None:
        """Show the pair at `row` (or the one before, at the end), or the empty state."""
        total = self.model.rowCount()
        proposed = sum(1 for c in self.model.rows() if c.proposed)
        self.count_label.setText(self.tr("{0} pair(s), {1} proposed for merging")
                                 .format(total, proposed))
        if total == 0:
            self.empty.setText(self._empty_text())
            self.pages.setCurrentIndex(EMPTY_PAGE)
            self.compare.clear_pair()
            self.view_data = None
            self.title.clear()
            self.preview.clear()
            self._set_buttons()
            return
        self.pages.setCurrentIndex(QUEUE_PAGE)
        self.queue.selectRow(min(row, total - 1))
        self._show_current()

    def _empty_text(self) -> str:
        if self.low_box.isChecked():
            return self.tr("No customers look alike: no pairs were found, not even "
                           "look-alikes with a low score.")
        return self.tr("No probable duplicates were found. Tick “Show low-score "
                       "look-alikes” to see pairs that only look alike.")

    # --- the selected pair ----------------------------------------------------------
    def current(self) -> Candidate | None:
        index = self.queue.currentIndex()
        if not index.isValid() or self.model.rowCount() == 0:
            return None
        return self.model.row_at(index.row())

    def _show_current(self) -> None:
        pair = self.current()
        self.view_data = None
        if pair is None:
            return
        # Kept by default: the older customer (the lower id; the finder puts it first).
        self.keep_id = pair.a_id
        self.compare.clear_pair()
        self.reason.setText(reasons_text(pair))
        look = "" if pair.proposed else " " + self.tr(
            "(below the merge threshold: look only, never merged from here)")
        self.title.setText(self.tr("Score {0:.2f}: {1}").format(pair.score, reasons_text(pair))
                           + look)
        self.preview.clear()
        self._set_buttons()
        self._load_pair()

    def _load_pair(self) -> None:
        pair = self.current()
        if pair is None:
            return
        keep = self.keep_id if pair.proposed else None
        self.loader.submit(ops.read_pair, pair.a_id, pair.b_id, keep, self.compare.take(),
                           on_done=lambda data: self._pair_read(pair, data),
                           on_error=self._pair_failed)
        self._set_buttons()

    def _pair_read(self, pair: Candidate, data: ops.PairView) -> None:
        if pair != self.current():
            return
        self.view_data = data
        keep_code = pair.a_code if self.keep_id == pair.a_id else pair.b_code
        self.compare.set_pair(data.a, data.b, keep_code, pair.proposed)
        self.compare.set_preview(data.preview)
        if data.preview is not None:
            self.preview.setText(preview_message(data.preview))
        self._set_buttons()

    def _pair_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, KehuError):
            raise exc
        self.view_data = None
        self.preview.setText(str(exc))  # e.g. one of the two was merged or trashed since
        self._set_buttons()

    def _set_buttons(self) -> None:
        pair = self.current()
        ready = pair is not None and self.view_data is not None and not self.loader.busy()
        self.merge_button.setEnabled(ready and pair.proposed)
        self.swap_button.setEnabled(ready and pair.proposed)
        self.not_dup_button.setEnabled(pair is not None)
        self.skip_button.setEnabled(pair is not None)
        if pair is not None and not pair.proposed:
            self.merge_button.setToolTip(self.tr("Below the merge threshold: these two only "
                                                 "look alike, so they are not merged here"))
        else:
            self.merge_button.setToolTip(self.tr("Merge the other customer into the kept one"))

    def swap(self) -> None:
        pair = self.current()
        if pair is None or not pair.proposed:
            return
        self.keep_id = pair.b_id if self.keep_id == pair.a_id else pair.a_id
        self.compare.set_keep(pair.a_code if self.keep_id == pair.a_id else pair.b_code)
        self._load_pair()

    # --- decisions ------------------------------------------------------------------
    def merge(self) -> None:
        pair = self.current()
        if pair is None or not pair.proposed or self.view_data is None:
            return
        other = pair.b_id if self.keep_id == pair.a_id else pair.a_id
        row = self.queue.currentIndex().row()
        try:
            result = run_with_busy_dialog(
                ops.merge_pair, self.ctx.sessions(), self.keep_id, other,
                self.compare.take(), self.reason.text().strip(),
                label=self.tr("Merging…"), parent=self)
        except KehuError as exc:
            QMessageBox.warning(self, self.window().windowTitle(), str(exc))
            return
        self._removed[result.merge_id] = self.model.remove_customer(other)
        self._after_queue_change(row)
        done = merged_message(result)
        self.message.setText(done + " " + self.tr("Undo: the button in the main window's "
                                                  "status bar, or the merge history."))
        self.ctx.data_changed.emit()
        self.merged.emit(result.merge_id)
        merge_id = result.merge_id
        self.ctx.undoable.emit(done, lambda: self.unmerge(merge_id))

    def unmerge(self, merge_id: int) -> str:
        """Undo a merge (the status bar's Undo, the history's button); returns what was
        done, in words. Typed errors (undone already…) reach the caller."""
        result = run_with_busy_dialog(ops.unmerge, self.ctx.sessions(), merge_id,
                                      label=self.tr("Undoing the merge…"), parent=self)
        back = self._removed.pop(merge_id, [])
        if back:
            row = self.queue.currentIndex().row()
            self.model.put_back(back)
            self._after_queue_change(max(row, 0))
        text = unmerged_message(result)
        self.message.setText(text)
        self.ctx.data_changed.emit()
        self.unmerged.emit(merge_id)
        return text

    def not_duplicate(self) -> None:
        pair = self.current()
        if pair is None:
            return
        row = self.queue.currentIndex().row()
        try:
            ops.not_duplicate(self.ctx.sessions(), pair.a_id, pair.b_id)
        except KehuError as exc:
            QMessageBox.warning(self, self.window().windowTitle(), str(exc))
            return
        self.model.remove(pair)
        self._after_queue_change(row)
        self.message.setText(self.tr("{0} and {1} are marked as different people and will "
                                     "not be proposed again.").format(pair.a_code, pair.b_code))

    def skip(self) -> None:
        """The next pair, nothing written (after the last, back to the first)."""
        total = self.model.rowCount()
        if total == 0:
            return
        row = self.queue.currentIndex().row()
        self.queue.selectRow((row + 1) % total)

    def shutdown(self) -> None:
        if self.task is not None:
            self.task.cancel()
        self.loader.shutdown()
