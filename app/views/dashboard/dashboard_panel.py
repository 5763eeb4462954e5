"""The dashboard page: KPI cards, six charts, the two predicted-value charts (value
spread, top 10; from the latest CLV run, narrowed by owner and region) and the
staff-performance table, over a period, an owner and a region.

Reading happens in a worker, in steps so the page fills in as figures arrive: the KPI
cards first (cheap counts; satisfaction follows with the contacts), then the customer
mix (tier and funnel charts), the purchases and revisits, the predicted values, the
one pass over the contacts (contacts and satisfaction charts), and last the staff
table, which reuses the mix and the contacts (LatestOnlyLoader: a newer filter drops
older results).
Charts are drawn in the UI thread, one per event-loop turn, while the worker reads
the next step (SQLite lets go of the GIL), so the window stays responsive. A click on a card or
a bar asks the services for exactly the customers behind it and emits
`drill_down(ListFilter, label)`; the main window shows them in the customer list.
`timings` keeps the last load's SQL and drawing times (for the bench); the drawing
time is every figure drawing of the charts from the refresh on, redraws included.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.charts.chart_texts import chart_language, code, kpi_values, text
from app.charts.clv_figures import CLV_CHARTS
from app.errors import KehuError
from app.reports import pdf as report_pdf
from app.services.customers.listing import distinct_values
from app.services.dashboard import clv as dashboard_clv
from app.services.dashboard import kpis as dashboard_kpis
from app.services.dashboard import series as dashboard_series
from app.services.dashboard import staff as staff_performance
from app.services.dashboard.scope import DashboardFilter, month_keys
from app.services.surveys import legacy as survey_legacy
from app.services.surveys import monthly as survey_monthly
from app.views.dashboard.campaigns_table import CampaignsTable
from app.views.dashboard.chart_view import ChartView
from app.views.dashboard.dashboard_filter_bar import DashboardFilterBar
from app.views.dashboard.kpi_card import KpiCard
from app.views.dashboard.staff_table import StaffTable
from app.views.shell.app_context import AppContext, FileLocked
from app.views.widgets.latest_only_loader import LatestOnlyLoader
from app.views.widgets.progress_task import ProgressTask
from app.workers import run_task

CARDS_PER_ROW = 5


def _timed(fn: Callable, *args, **kw):
    started = time.perf_counter()
    result = fn(*args, **kw)
    return result, (time.perf_counter() - started) * 1000


def read_kpis(sessions, flt: DashboardFilter, now: datetime):
    with sessions.begin() as s:  # 1–5 scores logged since: carried over (writes only then)
        survey_legacy.sync(s, full=False)
    with sessions() as s:
        kpis, ms = _timed(dashboard_kpis.card_kpis, s, flt, now=now)
        survey = survey_monthly.card(s, month=flt.as_of(now), owner=flt.owner,
                                     region=flt.region)
        return (kpis, survey), distinct_values(s, "owner"), distinct_values(s, "region"), ms


def read_mix(sessions, flt: DashboardFilter):
    with sessions() as s:
        return _timed(dashboard_series.customer_mix, s, flt)


def read_purchases(sessions, flt: DashboardFilter):
    def both(s):
        return (dashboard_series.monthly_purchases(s, flt),
                dashboard_series.revisits_by_owner(s, flt))
    with sessions() as s:
        return _timed(both, s)


def read_clv(sessions, flt: DashboardFilter):
    with sessions() as s:
        return _timed(dashboard_clv.clv_overview, s, flt)


def read_activity(sessions, flt: DashboardFilter):
    with sessions() as s:
        return _timed(dashboard_series.read_activity, s, flt)


def read_staff(sessions, flt: DashboardFilter, now: datetime, mix, activity):
    with sessions() as s:
        return _timed(staff_performance.staff_performance, s, flt, now=now, mix=mix,
                      activity=activity)


def read_drill(sessions, flt: DashboardFilter, chart: str, key: str, now: datetime):
    with sessions() as s:
        if chart == "kpi":
            return dashboard_kpis.drill_filter(s, flt, key, now=now)
        return dashboard_series.bar_filter(s, flt, chart, key)


class DashboardPanel(QWidget):
    drill_down = Signal(object, str)  # a ListFilter and what it shows, in words
    kpis_shown = Signal()
    loaded = Signal()  # cards, charts and table all on screen

    def __init__(self, ctx: AppContext, clock: Callable[[], datetime] = datetime.now,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.clock = clock
        self.timings: dict[str, float] = {}
        self.export_task: ProgressTask | None = None
        self._loader = LatestOnlyLoader(ctx, self)
        self._flt: DashboardFilter | None = None
        self._lang = chart_language()
        self._draw_queue: list[ChartView] = []
        self._series = None
        self._clv = dashboard_clv.NO_RUN
        self._series_done = False
        self._kpis = None
        self._survey = None
        self._mix = None
        self._stale = True
        self._generation = 0
        self._build()
        ctx.locked.connect(self.clear)
        ctx.unlocked.connect(self._mark_stale)
        ctx.data_changed.connect(self._mark_stale)

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        self.filters = DashboardFilterBar(self.clock().date())
        self.filters.changed.connect(self.refresh)
        self.filters.refresh_button.clicked.connect(self.refresh)
        self.filters.export_button.clicked.connect(self.export_pdf)
        QShortcut(QKeySequence("F5"), self, self.refresh,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.status = QLabel()
        self.status.setStyleSheet("color: palette(placeholder-text)")
        labels = self._drill_labels()
        captions = {
            "customers": self.tr("Customers"), "active": self.tr("Active in the last 90 days"),
            "new": self.tr("New this month"), "at_risk": self.tr("At risk"),
            "churned": self.tr("Churned this quarter"),
            "revisits": self.tr("Revisits done / planned this month"),
            "satisfaction": self.tr("Satisfaction score (0–100)"),
            "complaints_open": self.tr("Open complaints"),
            "complaints_overdue": self.tr("Overdue complaints")}
        self.cards: dict[str, KpiCard] = {}
        cards = QGridLayout()
        for i, key in enumerate(dashboard_kpis.KPI_KEYS):
            card = KpiCard(key, captions[key], self.tr("Click to list: {0}").format(labels[key]))
            card.clicked.connect(lambda k: self.open_drill("kpi", k))
            self.cards[key] = card
            cards.addWidget(card, i // CARDS_PER_ROW, i % CARDS_PER_ROW)
        # The month's free-text answers, from the satisfaction card (a click on the
        # card itself lists the customers below the target).
        self.texts_button = QPushButton(self.tr("Survey comments…"))
        self.texts_button.setFlat(True)
        self.texts_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.texts_button.setToolTip(self.tr("The month's free-text survey answers, for reading"))
        self.texts_button.setStyleSheet("text-align: left; color: palette(link); padding: 0")
        self.texts_button.clicked.connect(self.open_texts)
        self.cards["satisfaction"].layout().addWidget(self.texts_button)
        self.charts: dict[str, ChartView] = {}
        grid = QGridLayout()
        for i, name in enumerate(("tiers", "stages", "purchases", "contacts", "satisfaction",
                                  "revisits")):
            view = ChartView(name)
            view.setToolTip(self.tr("Click a bar to list its customers"))
            view.bar_clicked.connect(self.open_drill)
            self.charts[name] = view
            grid.addWidget(view, i // 2, i % 2)
        # Predicted value: not drill-down charts (a band or a name is no list filter).
        self.clv_charts: dict[str, ChartView] = {}
        for i, name in enumerate(CLV_CHARTS, start=len(self.charts)):
            view = ChartView(name)
            self.clv_charts[name] = view
            grid.addWidget(view, i // 2, i % 2)
        self.staff = StaffTable()
        staff_title = QLabel(self.tr("Staff performance"))
        font = staff_title.font()
        font.setBold(True)
        staff_title.setFont(font)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addLayout(cards)
        column.addLayout(grid)
        column.addWidget(staff_title)
        column.addWidget(self.staff)
        self.campaigns = CampaignsTable(self.ctx, self.clock)  # reads on its own
        column.addWidget(self.campaigns)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filters)
        layout.addWidget(self.status)
        layout.addWidget(self.scroll, 1)

    def _drill_labels(self) -> dict[str, str]:
        return {
            "customers": self.tr("All customers in the filter"),
            "active": self.tr("Active in the last 90 days (a purchase or a contact)"),
            "new": self.tr("New this month"),
            "at_risk": self.tr("At risk of churning"),
            "churned": self.tr("Churned this quarter"),
            "revisits": self.tr("Revisits planned this month, not done yet"),
            "satisfaction": self.tr("Survey score below the target this month"),
            "complaints_open": self.tr("With an open complaint"),
            "complaints_overdue": self.tr("With an overdue complaint")}

    # ------------------------------------------------------------ loading
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read everything again for the current filters (the newest request wins)."""
        if self.ctx.is_locked:
            return
        self._stale = False
        self.filters.set_today(self.clock().date())
        try:
            flt = self.filters.current()
        except KehuError as exc:
            self.status.setText(str(exc))
            return
        self._flt = flt
        self._generation += 1
        self._draw_queue.clear()
        self._series_done = False
        self._lang = chart_language()
        self.timings = {"started": time.perf_counter()}
        for view in self._views():
            view.reset_timing()
        self.status.setText(self.tr("Reading the figures…"))
        self._loader.submit(read_kpis, flt, self.clock(), on_done=self._kpis_read,
                            on_error=self._failed)
        self.campaigns.refresh()

    def busy(self) -> bool:
        return self._loader.busy() or bool(self._draw_queue) or self.campaigns.busy()

    def _kpis_read(self, result) -> None:
        (kpis, self._survey), owners, regions, ms = result
        self.timings["kpis_sql_ms"] = ms
        self.filters.set_choices(owners, regions)  # keeps the choice, emits nothing
        self._kpis = kpis
        self._show_cards(kpis, scores=False)
        self.timings["kpis_shown_ms"] = self._since_start()
        self.kpis_shown.emit()
        self.status.setText(self.tr("Drawing the charts…"))
        flt = self._flt
        self._series = dashboard_series.DashboardSeries(
            months=tuple(month_keys(flt.start, flt.end)), tiers=(), stages=(), purchases=(),
            contacts=(), satisfaction=(), target=kpis.satisfaction_target, revisits=())
        self.timings.update(series_sql_ms=0.0, draw_ms=0.0)
        # Cheapest first, so that charts are drawn (UI thread) while the next read runs.
        self._loader.submit(read_mix, flt, on_done=self._mix_read, on_error=self._failed)

    def _show_cards(self, kpis, *, scores: bool) -> None:
        values = kpi_values(kpis)
        for key in ("customers", "active", "new", "at_risk", "churned", "revisits"):
            self.cards[key].set_value(values[key])
        if kpis.customers > kpis.tiered:
            self.cards["at_risk"].set_value(values["at_risk"], self.tr(
                "{0:,} without a tier yet").format(kpis.customers - kpis.tiered))
        self._show_survey_card()
        self.cards["complaints_open"].set_value(f"{kpis.complaints_open:,}")
        self.cards["complaints_overdue"].set_value(f"{kpis.complaints_overdue:,}",
                                                   warn=kpis.complaints_overdue > 0)

    def _show_survey_card(self) -> None:
        """The month's survey score (0–100, the 1–5 scores ×20 included) against the
        file's target, the 12 months before it in the tooltip."""
        card, survey = self.cards["satisfaction"], self._survey
        c = survey.current
        if not c.responses:
            card.set_value("—", self.tr("{0}: no survey responses; target {1:g}").format(
                c.month, c.target))
        else:
            nps = "—" if c.nps is None else f"{c.nps:+g}"
            card.set_value(f"{c.score:.1f}", self.tr(
                "{0}: {1:,} responses, NPS {2}; target {3:g}").format(
                c.month, c.responses, nps, c.target), warn=not c.meets_target)
        trend = [f"{f.month}  {'—' if f.score is None else f'{f.score:.1f}'}"
                 for f in survey.trend]
        card.setToolTip("\n".join([self.tr("Click to list: {0}").format(
            self._drill_labels()["satisfaction"]), self.tr("Score per month:"), *trend]))

    def _add_series(self, ms: float, charts: tuple[str, ...], **fields) -> None:
        self.timings["series_sql_ms"] += ms
        self._series = replace(self._series, **fields)
        idle = not self._draw_queue
        self._draw_queue.extend(self.charts.get(name) or self.clv_charts[name]
                                for name in charts)
        if idle:
            generation = self._generation
            QTimer.singleShot(0, lambda: self._draw_next(generation))

    def _mix_read(self, result) -> None:
        self._mix, ms = result
        self._add_series(ms, ("tiers", "stages"), tiers=self._mix.tiers(),
                         stages=self._mix.stages())
        self._loader.submit(read_purchases, self._flt, on_done=self._purchases_read,
                            on_error=self._failed)

    def _purchases_read(self, result) -> None:
        (purchases, revisits), ms = result
        self._add_series(ms, ("purchases", "revisits"), purchases=purchases, revisits=revisits)
        self._loader.submit(read_clv, self._flt, on_done=self._clv_read, on_error=self._failed)

    def _clv_read(self, result) -> None:
        self._clv, ms = result
        self._add_series(ms, tuple(CLV_CHARTS))
        self._loader.submit(read_activity, self._flt, on_done=self._activity_read,
                            on_error=self._failed)

    def _activity_read(self, result) -> None:
        activity, ms = result
        months = self._series.months
        self._kpis = dashboard_kpis.with_scores(self._kpis, activity)
        self._show_cards(self._kpis, scores=True)
        self._series_done = True
        self._add_series(ms, ("contacts", "satisfaction"),
                         contacts=activity.channel_series(months),
                         satisfaction=activity.satisfaction_series(months))
        self._loader.submit(read_staff, self._flt, self.clock(), self._mix, activity,
                            on_done=self._staff_read, on_error=self._failed)

    def _draw_next(self, generation: int) -> None:
        if generation != self._generation or not self._draw_queue or self.ctx.is_locked:
            return
        view = self._draw_queue.pop(0)
        view.draw_series(self._clv if view.name in CLV_CHARTS else self._series, self._lang)
        self._count_drawing()
        if self._draw_queue:
            QTimer.singleShot(0, lambda: self._draw_next(generation))
        elif self._series_done:
            self.timings["charts_shown_ms"] = self._since_start()
            self._maybe_done()

    def _staff_read(self, result) -> None:
        rows, self.timings["staff_sql_ms"] = result
        self.staff.set_rows(rows, self._lang)
        self._maybe_done()

    def _maybe_done(self) -> None:
        if self._draw_queue or "staff_sql_ms" not in self.timings or \
                "charts_shown_ms" not in self.timings:
            return
        self.timings["all_shown_ms"] = self._since_start()
        self._count_drawing()
        flt = self._flt
        self.status.setText(self.tr("{0} to {1}; figures as of {2:%Y-%m-%d %H:%M}.").format(
            flt.start.isoformat(), flt.end.isoformat(), self.clock()))
        self.loaded.emit()

    def _views(self) -> list[ChartView]:
        return [*self.charts.values(), *self.clv_charts.values()]

    def _count_drawing(self) -> None:
        """Drawing so far: the charts' own draws and any redraw a resize asked for."""
        self.timings["draw_ms"] = sum(view.drawing_ms for view in self._views())
        self.timings["draws"] = sum(view.draws for view in self._views())

    def _since_start(self) -> float:
        return (time.perf_counter() - self.timings["started"]) * 1000

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, KehuError):
            self.status.setText(str(exc))
            return
        raise exc  # unexpected: the crash dialog shows it

    def clear(self) -> None:
        """The file locked: drop every figure and whatever is on its way."""
        self._loader.invalidate()
        self._generation += 1
        self._draw_queue.clear()
        self._series = None
        self._clv = dashboard_clv.NO_RUN
        self._stale = True
        for card in self.cards.values():
            card.set_value("…")
        for view in self._views():
            view.show_message("", "")
        self.staff.setRowCount(0)
        self.campaigns.clear()
        self.status.setText(self.tr("The customer file is locked."))

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        charts = self._loader.shutdown(timeout_ms)
        return self.campaigns.shutdown(timeout_ms) and charts

    # ------------------------------------------------------------ drill-down
    def open_drill(self, chart: str, key: str) -> None:
        """Ask for the customers behind a card ("kpi", key) or a bar (chart, key)."""
        if self.ctx.is_locked or self._flt is None:
            return
        if chart == "kpi":
            label = self._drill_labels()[key]
        else:
            label = f"{text(chart, self._lang)}: {self._bar_label(chart, key)}"
        generation = self._generation
        try:
            sessions = self.ctx.sessions()
        except FileLocked:
            return
        run_task(read_drill, sessions, self._flt, chart, key, self.clock(),
                 on_done=lambda flt: self._drilled(generation, flt, label),
                 on_error=self._failed)

    def _bar_label(self, chart: str, key: str) -> str:
        if chart == "contacts":
            month, channel = key.split("|", 1)
            return f"{month} {code(channel, self._lang)}"
        if chart == "revisits":
            return key or text("nobody", self._lang)
        return code(key, self._lang)

    def _drilled(self, generation: int, flt, label: str) -> None:
        if generation == self._generation and not self.ctx.is_locked:
            self.drill_down.emit(flt, label)

    def open_texts(self) -> None:
        """问卷文字意见 of the card's month (the filter's as-of month)."""
        from app.views.surveys.texts_dialog import SurveyTextsDialog

        if self.ctx.is_locked:
            return
        now = self.clock()
        month = self._flt.as_of(now) if self._flt is not None else now.date()
        self.texts_dialog = SurveyTextsDialog(self.ctx, month, today=now.date(), parent=self)
        self.texts_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.texts_dialog.open()

    # ------------------------------------------------------------ export
    def export_pdf(self) -> None:
        if self.ctx.is_locked or self._flt is None:
            return
        flt = self._flt
        suggested = Path.home() / f"kehu-dashboard-{flt.start:%Y%m}-{flt.end:%Y%m}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export the dashboard"),
                                              str(suggested), self.tr("PDF files (*.pdf)"))
        if not name:
            return
        path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        png_dir = path.with_name(path.stem + "-charts")
        try:
            sessions = self.ctx.sessions()
        except FileLocked:
            return
        self.filters.export_button.setEnabled(False)
        self.status.setText(self.tr("Writing the report…"))
        # A progress dialog whose Cancel reaches write_report's `cancel` (nothing written).
        self.export_task = ProgressTask(
            self, self.tr("Writing the report…"),
            partial(report_pdf.write_report, now=self.clock(), png_dir=png_dir, lang=self._lang),
            sessions, path, flt, on_done=self._exported, on_error=self._export_failed)

    def _exported(self, result) -> None:
        self.export_task = None
        self.filters.export_button.setEnabled(True)
        self.status.setText(self.tr("Report written: {0} ({1} pages); charts as PNG in {2}")
                            .format(str(result.pdf), result.pages,
                                    str(result.pngs[0].parent) if result.pngs else ""))

    def _export_failed(self, exc: BaseException) -> None:
        self.export_task = None
        self.filters.export_button.setEnabled(True)
        if isinstance(exc, report_pdf.ReportCancelled):  # the user's own choice: no box
            self.status.setText(str(exc))
            return
        if isinstance(exc, KehuError):
            self.status.clear()
            QMessageBox.warning(self, self.tr("Export the dashboard"), str(exc))
            return
        raise exc
