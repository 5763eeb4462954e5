"""One dashboard chart on a Qt canvas: the figure is drawn by app.charts (the same code
as the PDF report; the predicted-value charts by app.charts.clv_figures, from their own
data); a click on a bar emits the bar's drill-down key; the mouse wheel scrolls the
page around it."""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QSizePolicy

from app.charts.clv_figures import CLV_CHARTS
from app.charts.dashboard_figures import CHARTS, empty_state, new_figure
from app.services.dashboard.clv import ClvOverview
from app.services.dashboard.series import DashboardSeries


class ChartView(FigureCanvasQTAgg):
    bar_clicked = Signal(str, str)  # chart name, bar key

    def __init__(self, name: str, parent=None):
        super().__init__(new_figure())
        if parent is not None:
            self.setParent(parent)
        self.name = name
        self.has_data = False
        self._last_click = None
        self.setMinimumHeight(300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.mpl_connect("pick_event", self._picked)

    def draw_series(self, series: DashboardSeries | ClvOverview, lang: str) -> bool:
        draw = CHARTS.get(self.name) or CLV_CHARTS[self.name]
        self.has_data = draw(self.figure, series, lang)
        self.draw()
        return self.has_data

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
