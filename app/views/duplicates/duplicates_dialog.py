"""The duplicates window: a review tab and a merge history tab, beside the main window
(not modal: the clerk may look a customer up meanwhile). The search starts when the
window is first shown; it closes when the file locks."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout

from app.views.duplicates.history_page import HistoryPage
from app.views.duplicates.review_page import ReviewPage
from app.views.shell.app_context import AppContext


class DuplicatesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Find duplicate customers"))
        self.resize(1280, 720)
        self.review = ReviewPage(ctx, self)
        self.history = HistoryPage(ctx, self.review.unmerge, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.review, self.tr("&Review"))
        self.tabs.addTab(self.history, self.tr("Merge &history"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        for signal in (self.review.merged, self.review.unmerged):
            signal.connect(lambda _id: self.history.reload())
        ctx.locked.connect(self._locked)
        self._searched_once = False

    def start(self) -> None:
        """Show the window; the first time (or after a lock) search at once."""
        self.show()
        self.raise_()
        self.activateWindow()
        if not self._searched_once:
            self._searched_once = True
            self.review.search()
            self.history.reload()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.history:
            self.history.reload()

    def _locked(self) -> None:
        # Nothing of the file stays on screen, and the next opening searches afresh.
        self.shutdown()
        self.review.model.clear()
        self.history.model.clear()
        self._searched_once = False
        self.hide()

    def shutdown(self) -> None:
        self.review.shutdown()
        self.history.shutdown()
