"""The printable dashboard: a multi-page A4 PDF (cover with the KPIs, one chart per
page, the staff-performance table) and each chart as a PNG, for the monthly branch
meeting. Drawn with matplotlib's PdfPages and plain Figures (no Qt, no pyplot).

The pages and PNGs are drawn in memory and written only once all are drawn, each
atomically through app.services.outgoing (temp file beside the target, journaled in
the customer file's private workspace): a cancelled or failed export writes nothing,
and never leaves a half-written report where the old one was, not even after a crash.

The report leaves the vault (printed, mailed): every text it prints about people —
owners in the staff table and the revisit chart, the owner and region of the scope —
is masked as free text first (masking.mask_strings over the whole ReportData, so no
field can be forgotten). It names no customer.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from app.errors import KehuError
from app.services import outgoing
from app.services.daily.satisfaction import DEFAULT_TARGET
from app.services.dashboard.kpis import Kpis, compute_kpis
from app.services.dashboard.scope import DashboardFilter
from app.services.dashboard.series import DashboardSeries, customer_mix, load_series, read_activity
from app.services.dashboard.staff import StaffRow, staff_performance
from app.services.masking import MASKED, mask_strings
from app.store.faults import classify
from app.store.space import ensure_free

A4_LANDSCAPE = (11.69, 8.27)
PNG_DPI = 150
STAFF_ROWS_PER_PAGE = 22


class ReportWriteError(KehuError):
    def __init__(self, path: Path, reason: str):
        super().__init__(f"Could not write the report {path}: {reason}",
                         f"无法写入报表 {path}：{reason}")


class ReportCancelled(KehuError):
    def __init__(self) -> None:
        super().__init__("The report was cancelled; nothing was written.",
                         "已取消生成报表，未写入任何文件。")


@dataclass(frozen=True)
class ReportData:
    flt: DashboardFilter
    now: datetime
    kpis: Kpis
    series: DashboardSeries
    staff: list[StaffRow]
    surveys: tuple = ()  # 12 MonthFigure of services.surveys.monthly, ending with as_of


@dataclass
class ReportResult:
    pdf: Path
    pages: int
    pngs: list[Path] = field(default_factory=list)


def gather(session: Session, flt: DashboardFilter, *, now: datetime,
           target: float = DEFAULT_TARGET) -> ReportData:
    # The customers and the contacts are read once and shared by cards, charts and staff.
    from app.services.surveys import monthly

    mix, activity = customer_mix(session, flt), read_activity(session, flt)
    surveys = monthly.card(session, month=flt.as_of(now), owner=flt.owner,
                           region=flt.region).trend
    return ReportData(flt, now,
                      compute_kpis(session, flt, now=now, target=target, activity=activity),
                      load_series(session, flt, target, mix=mix, activity=activity),
                      staff_performance(session, flt, now=now, mix=mix, activity=activity),
                      surveys)


def _cover(fig, data: ReportData, lang: str) -> None:
    from app.charts.chart_texts import kpi_values, text

    flt, k = data.flt, data.kpis
    fig.text(0.06, 0.9, text("r_title", lang), fontsize=26, color="#1f3b73")
    every = text("r_all", lang)
    fig.text(0.06, 0.84, text("r_period", lang).format(flt.start, flt.end), fontsize=12)
    fig.text(0.06, 0.80, text("r_scope", lang).format(flt.owner or every, flt.region or every),
             fontsize=12)
    values = kpi_values(k)
    rows = [(text("k_" + key, lang).format(k.satisfaction_target), values[key])
            for key in ("customers", "active", "new", "at_risk", "churned", "revisits",
                        "satisfaction", "complaints")]
    top = 0.70
    for i, (name, value) in enumerate(rows):
        y = top - i * 0.065
        fig.text(0.08, y, name, fontsize=13)
        fig.text(0.62, y, value, fontsize=16, color="#1f3b73", ha="right")
    if k.customers > k.tiered:
        fig.text(0.08, top - len(rows) * 0.065, text("k_not_computed", lang).format(
            k.customers - k.tiered), fontsize=10, color="#a05a00")
    fig.text(0.06, 0.05, text("r_generated", lang).format(f"{data.now:%Y-%m-%d %H:%M}"),
             fontsize=9, color="#666666")


def _staff_pages(data: ReportData, lang: str, new_page: Callable):
    from app.charts.chart_texts import STAFF_COLUMNS, staff_values, text

    header = [text(c, lang) for c in STAFF_COLUMNS]
    rows = [staff_values(r, lang) for r in data.staff]
    chunks = [rows[i:i + STAFF_ROWS_PER_PAGE]
              for i in range(0, len(rows), STAFF_ROWS_PER_PAGE)] or [[]]
    for chunk in chunks:
        fig = new_page()
        fig.suptitle(text("r_staff", lang), fontsize=16)
        if not chunk:
            fig.text(0.5, 0.5, text("r_no_staff", lang), ha="center", color="#888888")
            yield fig
            continue
        ax = fig.add_subplot()
        ax.set_axis_off()
        table = ax.table(cellText=chunk, colLabels=header, loc="upper center",
                         cellLoc="center", colLoc="center")
        table.auto_set_font_size(False)
        table.set_fontsize(9)
        table.scale(1, 1.4)
        for (row, _col), cell in table.get_celld().items():
            if row == 0:
                cell.set_facecolor("#e8eef9")
                cell.set_text_props(color="#1f3b73")  # the font has no bold face
        yield fig


def _survey_page(fig, data: ReportData, lang: str) -> None:
    """The month's survey score against the target, then the 12 months as a table."""
    from app.charts.chart_texts import text

    fig.suptitle(text("r_surveys", lang), fontsize=16)
    if not data.surveys:
        return
    c = data.surveys[-1]
    verdict = text("r_survey_none" if c.score is None else
                   "r_survey_met" if c.meets_target else "r_survey_missed", lang)
    fig.text(0.06, 0.14, text("r_survey_line", lang).format(
        c.month, "—" if c.score is None else f"{c.score:.1f}", c.target, verdict),
        fontsize=14, color="#c0392b" if c.meets_target is False else "#1f3b73")
    rows = [[f.month, "—" if f.score is None else f"{f.score:.1f}", f"{f.target:g}",
             f"{f.responses:,}",
             "—" if f.share_at_target is None else f"{f.share_at_target:.0%}",
             "—" if f.nps is None else f"{f.nps:+g}"] for f in data.surveys]
    ax = fig.add_subplot()
    ax.set_axis_off()
    table = ax.table(cellText=rows, colLabels=text("r_survey_cols", lang).split("|"),
                     loc="upper center", cellLoc="center", colLoc="center")
    table.auto_set_font_size(False)
    table.set_fontsize(10)
    table.scale(1, 1.5)
    for (row, _col), cell in table.get_celld().items():
        if row == 0:
            cell.set_facecolor("#e8eef9")
            cell.set_text_props(color="#1f3b73")


def printable(data: ReportData) -> ReportData:
    """The report data as it may be printed: every string masked as free text."""
    return mask_strings(data, MASKED)


def render(data: ReportData, pdf_path: Path, *, png_dir: Path | None = None,
           lang: str | None = None, cancel: Callable[[], bool] | None = None,
           scratch=None) -> ReportResult:
    """Write the PDF (and a PNG per chart into png_dir, if given). `scratch`: the
    customer file (a sessionmaker or its path) whose private folder journals the
    temp files (default: the default customer file's)."""
    data = printable(data)
    from matplotlib import rc_context
    from matplotlib.backends.backend_pdf import PdfPages

    from app.charts.chart_texts import chart_language
    from app.charts.dashboard_figures import CHARTS, new_figure

    lang = chart_language(lang)
    pdf_path = Path(pdf_path)
    result = ReportResult(pdf_path, 0)

    def new_page():
        return new_figure(*A4_LANDSCAPE)

    pdf_bytes, pngs = io.BytesIO(), {}
    # Bigger type than on screen: a chart fills a whole A4 page. Fonts as Type 42: the
    # bundled TrueType font (app.charts.cjk_font) embedded as a subset of the glyphs
    # drawn, text that can be searched and copied (Type 3 would draw each hanzi as a
    # picture).
    with rc_context({"font.size": 14, "pdf.fonttype": 42}), \
            PdfPages(pdf_bytes, metadata={"Title": "Kehu", "Creator": "Kehu"}) as pdf:
        cover = new_page()
        _cover(cover, data, lang)
        pdf.savefig(cover)
        result.pages += 1
        if any(f.responses for f in data.surveys):  # where there are survey answers
            page = new_page()
            _survey_page(page, data, lang)
            pdf.savefig(page)
            result.pages += 1
        for number, (name, draw) in enumerate(CHARTS.items(), start=1):
            if cancel is not None and cancel():
                raise ReportCancelled
            fig = new_page()
            draw(fig, data.series, lang)
            pdf.savefig(fig)
            result.pages += 1
            if png_dir is not None:  # its own 16:9 figure: a page's shape suits no slide
                small, png = new_figure(10, 5.6), io.BytesIO()
                draw(small, data.series, lang)
                small.savefig(png, dpi=PNG_DPI, format="png")
                pngs[Path(png_dir) / f"{number:02d}-{name}.png"] = png.getvalue()
        for fig in _staff_pages(data, lang, new_page):
            pdf.savefig(fig)
            result.pages += 1
    files = {pdf_path: pdf_bytes.getvalue(), **pngs}
    # The sizes are known exactly: refuse before writing anything when they cannot fit.
    for folder in {path.parent for path in files}:
        ensure_free(folder, sum(len(b) for path, b in files.items() if path.parent == folder))
    target = pdf_path
    try:
        with outgoing.workspace_for(scratch) as space, contextlib.ExitStack() as stack:
            # Every temp file is written before any is renamed into place: a failure
            # part-way leaves the old report and charts, never a mix of old and new.
            for target, content in files.items():
                tmp = stack.enter_context(outgoing.release(space, target))
                tmp.write_bytes(content)
            target = pdf_path
        result.pngs.extend(path for path in files if path != pdf_path)
    except OSError as exc:
        raise (classify(exc, target) or ReportWriteError(target, exc.strerror or str(exc))) \
            from exc
    return result


def write_report(sessions, pdf_path: Path, flt: DashboardFilter, *, now: datetime,
                 png_dir: Path | None = None, lang: str | None = None,
                 target: float = DEFAULT_TARGET,
                 cancel: Callable[[], bool] | None = None) -> ReportResult:
    """Read the figures (one session) and write the report; for the CLI and a worker."""
    with sessions() as session:
        data = gather(session, flt, now=now, target=target)
    return render(data, pdf_path, png_dir=png_dir, lang=lang, cancel=cancel, scratch=sessions)
