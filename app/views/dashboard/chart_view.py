"""One dashboard chart on a Qt canvas: the figure is drawn by app.charts (the same code
as the PDF report; the predicted-value charts by app.charts.clv_figures, from their own
data); a click on a bar emits the bar's drill-down key; the mouse wheel scrolls the
page around it.

Every figure drawing of the canvas is timed in `drawing_ms` (the chart's own draw and
the redraws a resize asks for), so the dashboard's drawing time counts all of them."""

from __future__ import annotations

import time

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QPointF, QSize, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QSizePolicy

from app.charts.clv_figures import CLV_CHARTS
from app.charts.dashboard_figures import CHARTS, empty_state, new_figure
from app.charts.screen_layout import MarginsLayout
from app.services.dashboard.clv import ClvOverview
from app.services.dashboard.series import DashboardSeries


class ChartView(FigureCanvasQTAgg):
    bar_clicked = Signal(str, str)  # chart name, bar key

    def __init__(self, name: str, parent=None):
        super().__init__(new_figure(layout=MarginsLayout()))  # cheaper than constrained
        if parent is not None:
            self.setParent(parent)
        self.name = name
        self.has_data = False
        self._last_click = None
        self.drawing_ms = 0.0  # every draw of this canvas since the last reset_timing()
        self.draws = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.mpl_connect("pick_event", self._picked)
        self._hint = QSize(*self.get_width_height())
        # Never shorter than the hint: the page scrolls anyway, and a table below
        # filling in (staff, campaigns) squeezed the charts first and let the scroll
        # area grow the page after, so each chart drawn by then was drawn twice more.
        self.setMinimumHeight(self._hint.height())

    def sizeHint(self) -> QSize:
        """The figure's first size, always: matplotlib's hint is the figure's current
        size, so each resize moved the page's layout under it (a table filling in
        below squeezed every chart to its minimum and let it grow back, two redraws
        of each chart drawn by then)."""
        return self._hint

    def draw_series(self, series: DashboardSeries | ClvOverview, lang: str) -> bool:
        draw = CHARTS.get(self.name) or CLV_CHARTS[self.name]
        started = time.perf_counter()
        self.has_data = draw(self.figure, series, lang)
        self.drawing_ms += (time.perf_counter() - started) * 1000
        self.draw()
        return self.has_data

    def draw(self) -> None:
        started = time.perf_counter()
        super().draw()
        # Drawn at the current size: a redraw a resize queued before this one (still
        # pending until the next paint) would draw the same picture a second time.
        self._draw_pending = False
        self.drawing_ms += (time.perf_counter() - started) * 1000
        self.draws += 1

    def reset_timing(self) -> None:
        self.drawing_ms, self.draws = 0.0, 0

    def wheelEvent(self, event) -> None:
        """The wheel scrolls the page, not the chart: the charts have nothing to zoom,
        and the canvas swallowed the wheel (as matplotlib's scroll_event), so the
        dashboard stopped scrolling wherever the pointer was over a chart. The event
        goes to the enclosing scroll area's viewport, as if the canvas were not there."""
        area = self.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is None:
            event.ignore()
            return
        viewport = area.viewport()
        at = QPointF(viewport.mapFromGlobal(event.globalPosition().toPoint()))
        forwarded = QWheelEvent(at, event.globalPosition(), event.pixelDelta(),
                                event.angleDelta(), event.buttons(), event.modifiers(),
                                event.phase(), event.inverted(), event.source())
        QApplication.sendEvent(viewport, forwarded)
        event.setAccepted(forwarded.isAccepted())

    def show_message(self, title: str, message: str) -> None:
        self.has_data = False
        empty_state(self.figure, title, message)
        self.draw()

    def _picked(self, event) -> None:
        key = event.artist.get_gid()
        click = event.mouseevent
        if key is None or getattr(click, "button", None) != 1 or click is self._last_click:
            return  # one click, one drill-down (even where artists overlap)
        self._last_click = click
        self.bar_clicked.emit(self.name, key)
