"""The dossier's portrait tab (客户画像): the predicted value in words over purchases
per month, R/F/M against the tier's medians, contacts by channel and satisfaction
history, drawn by app.charts.

Read in a worker only while the tab is shown (and again after ctx.data_changed);
matplotlib is imported the first time a portrait is drawn, not at start-up. A
customer without purchases gets a sentence instead of empty axes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.errors import KehuError
from app.services.dashboard import portrait as portrait_service
from app.views.dossier.prediction_text import prediction_text
from app.views.shell.app_context import AppContext
from app.views.widgets.latest_only_loader import LatestOnlyLoader


def read_portrait(sessions, customer_id: int):
    with sessions() as session:
        return portrait_service.load_portrait(session, customer_id)


class PortraitTab(QWidget):
    loaded = Signal(int)  # this customer's portrait (or its empty state) is on screen

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: int | None = None
        self.portrait = None  # the last Portrait shown
        self.canvas = None  # FigureCanvasQTAgg, made on first use
        self._stale = True
        self._loader = LatestOnlyLoader(ctx, self)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: palette(placeholder-text); padding: 24px")
        self.value = QLabel()  # the predicted value: the same words as the tiers tab
        self.value.setObjectName("predictedValue")
        self.value.setWordWrap(True)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value.setContentsMargins(6, 4, 6, 0)
        self.value.hide()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.value)
        layout.addWidget(self.pages, 1)
        ctx.locked.connect(self.clear)
        ctx.data_changed.connect(self._mark_stale)

    def set_customer(self, customer_id: int | None) -> None:
        if customer_id == self.customer_id:
            return
        self.customer_id = customer_id
        self.portrait = None
        self._loader.invalidate()
        self._show_message(self.tr("Loading…") if customer_id else "")
        self._mark_stale()

    def is_empty_state(self) -> bool:
        return self.pages.currentWidget() is self.message

    def clear(self) -> None:
        self._loader.invalidate()
        self.portrait = None
        self._stale = True
        self._show_message("")

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        return self._loader.shutdown(timeout_ms)

    # ------------------------------------------------------------ loading
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._load()

    def _mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self._load()

    def _load(self) -> None:
        if self.customer_id is None or self.ctx.is_locked:
            return
        self._stale = False
        cid = self.customer_id
        self._loader.submit(read_portrait, cid, on_done=lambda p: self._loaded(cid, p),
                            on_error=self._failed)

    def _loaded(self, customer_id: int, portrait) -> None:
        if customer_id != self.customer_id:
            return
        self.portrait = portrait
        self.value.setText(prediction_text(portrait.prediction))
        self.value.show()
        if not portrait.has_purchases:
            self._show_message(self.tr(
                "No purchases yet: the portrait is drawn from the purchase history."))
        else:
            from app.charts.chart_texts import chart_language
            from app.charts.portrait_figures import draw_portrait

            canvas = self._canvas()
            draw_portrait(canvas.figure, portrait, chart_language())
            self.pages.setCurrentWidget(canvas)
            canvas.draw_idle()  # once, at the size the page gives it (draw() first: twice)
        self.loaded.emit(customer_id)

    def _canvas(self):
        if self.canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

            from app.charts.dashboard_figures import new_figure

            self.canvas = FigureCanvasQTAgg(new_figure(9, 6))
            self.pages.addWidget(self.canvas)
        return self.canvas

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, KehuError):
            self._show_message(str(exc))
            return
        raise exc

    def _show_message(self, text: str) -> None:
        if self.portrait is None:  # loading, cleared or failed: no figures to stand by
            self.value.hide()
        self.message.setText(text)
        self.pages.setCurrentWidget(self.message)
