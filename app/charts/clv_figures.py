"""The dashboard's two predicted-value charts, drawn from a dashboard.clv.ClvOverview:
the spread of the values (a histogram whose last bar holds everyone above the axis's
end, see services.dashboard.clv) and the ten customers of highest value.

Not part of dashboard_figures.CHARTS (the PDF report's pages): the top-10 chart names
customers, and the report is not where personal names should travel.
"""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from app.charts.chart_texts import text
from app.charts.dashboard_figures import empty_state
from app.charts.portrait_figures import compact
from app.services.dashboard.clv import ClvBin, ClvOverview

SPREAD_COLOR, OVERFLOW_COLOR, TOP_COLOR = "#5b8def", "#2e5aac", "#c9a227"
NAME_CHARS = 12  # a longer name is cut with "…": the bars keep half the axes


def yuan(fen: int, lang: str) -> str:
    """¥ and a short figure: ¥850, ¥1.2万 / ¥12.0k."""
    return "¥" + compact(fen / 100, lang)


def bin_label(b: ClvBin, lang: str) -> str:
    if b.hi_fen is None:
        return "≥" + yuan(b.lo_fen, lang)
    return f"{yuan(b.lo_fen, lang)}–{compact(b.hi_fen / 100, lang)}"


def _title(ov: ClvOverview, key: str, lang: str) -> str:
    if not ov.has_run:
        return text(key, lang)
    return f"{text(key, lang)}\n{text('clv_as_of', lang).format(ov.as_of, ov.horizon_days)}"


def _empty(fig: Figure, ov: ClvOverview, key: str, lang: str) -> bool | None:
    """An empty state when there is nothing to draw (None: there is)."""
    if not ov.has_run:
        return empty_state(fig, text(key, lang), text("clv_no_run", lang))
    if not ov.customers:
        return empty_state(fig, _title(ov, key, lang), text("clv_no_customers", lang))
    return None


def draw_clv_spread(fig: Figure, ov: ClvOverview, lang: str) -> bool:
    empty = _empty(fig, ov, "clv_spread", lang)
    if empty is not None:
        return empty
    fig.clear()
    ax = fig.add_subplot()
    ax.set_title(_title(ov, "clv_spread", lang), fontsize="medium")
    xs = range(len(ov.bins))
    bars = ax.bar(xs, [b.count for b in ov.bins], width=0.9,
                  color=[OVERFLOW_COLOR if b.hi_fen is None else SPREAD_COLOR
                         for b in ov.bins])
    for bar, b in zip(bars, ov.bins, strict=True):
        bar.set_gid(bin_label(b, lang))  # for the tests: which band a bar is
    ax.bar_label(bars, [f"{b.count:,}" if b.count else "" for b in ov.bins],
                 fontsize="x-small", padding=2)
    ax.set_xticks(list(xs), [bin_label(b, lang) for b in ov.bins], rotation=45, ha="right",
                  rotation_mode="anchor", fontsize="x-small")
    ax.set_xlabel(text("clv_axis", lang), fontsize="small")
    ax.set_ylabel(text("customers", lang), fontsize="small")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(y=0.15)
    return True


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[:NAME_CHARS - 1] + "…"


def draw_clv_top(fig: Figure, ov: ClvOverview, lang: str) -> bool:
    empty = _empty(fig, ov, "clv_top", lang)
    if empty is not None:
        return empty
    fig.clear()
    ax = fig.add_subplot()
    ax.set_title(_title(ov, "clv_top", lang), fontsize="medium")
    rows = list(range(len(ov.top)))[::-1]  # the best on top
    values = [t.clv_fen / 100 for t in ov.top]
    bars = ax.barh(rows, values, color=TOP_COLOR, height=0.7)
    for bar, t in zip(bars, ov.top, strict=True):
        bar.set_gid(t.code)
    ax.bar_label(bars, [yuan(t.clv_fen, lang) for t in ov.top], fontsize="x-small",
                 padding=2)
    ax.set_yticks(rows, [f"{_short(t.name)} ({t.code})" for t in ov.top], fontsize="small")
    ax.set_xticks([])  # the bars' labels give the figures
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_xlim(0, (max(values) or 1) * 1.25)
    return True


CLV_CHARTS: dict[str, Callable[[Figure, ClvOverview, str], bool]] = {
    "clv_spread": draw_clv_spread, "clv_top": draw_clv_top,
}
