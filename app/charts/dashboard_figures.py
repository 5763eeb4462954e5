"""The dashboard charts, drawn into a matplotlib Figure from a DashboardSeries.

Each `draw_*` clears the figure and draws one chart; without data it writes an empty
state text instead (no axes, nothing divided by zero) and returns False. Every bar
that stands for a set of customers is pickable, with its drill-down key in its gid
("vip", "at_risk", "2026-03", "2026-03|phone", an owner…): the dashboard page turns
a click into dashboard_series.bar_filter(chart, key).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from app.charts.chart_texts import code, text
from app.services.dashboard.series import DashboardSeries

TIER_COLORS = {"vip": "#c9a227", "high": "#d9534f", "mid": "#5b8def", "low": "#8fbf7f",
               "potential": "#b0b0b0", "none": "#dddddd"}
STAGE_COLORS = {"potential": "#b0b0b0", "new": "#7fc8f8", "repeat": "#5b8def",
                "loyal": "#2e5aac", "at_risk": "#f0ad4e", "churned": "#d9534f",
                "won_back": "#5cb85c", "none": "#dddddd"}
CHANNEL_COLORS = ("#5b8def", "#f0ad4e", "#5cb85c", "#9b59b6", "#17a2b8", "#d9534f", "#999999")
PLANNED, DONE = "#c6d8f7", "#2e5aac"
EMPTY_COLOR = "#888888"


def new_figure(width: float = 6.0, height: float = 3.4, dpi: float = 100,
               layout="constrained") -> Figure:
    """Constrained layout unless told otherwise (the screen's charts: screen_layout)."""
    return Figure(figsize=(width, height), dpi=dpi, layout=layout)


def empty_state(fig: Figure, title: str, message: str) -> bool:
    fig.clear()
    fig.suptitle(title)
    fig.text(0.5, 0.5, message, ha="center", va="center", color=EMPTY_COLOR, wrap=True,
             gid="empty_state")
    return False


def _axes(fig: Figure, title: str):
    """A fresh figure with one titled axes."""
    fig.clear()
    ax = fig.add_subplot()
    ax.set_title(title)
    return ax


def _whole(ax) -> None:
    """Whole numbers on an axis of counts (a few customers: no "0.2" ticks)."""
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))


def _pickable(bars, keys) -> None:
    """A click on a bar reports its drill-down key (see the module's docstring)."""
    for bar, key in zip(bars, keys, strict=True):
        bar.set_picker(True)
        bar.set_gid(key)


def month_label(month: str) -> str:
    """A month key as its tick label: "2026-07", the same in both languages (a
    two-digit year read as a day, "26-07"; 7月 loses the year across January)."""
    return month


def _label_months(ax, months) -> None:
    slanted = len(months) > 6  # twelve full labels side by side need the slant
    ax.set_xticks(range(len(months)), [month_label(m) for m in months],
                  rotation=45 if slanted else 0, ha="right" if slanted else "center",
                  rotation_mode="anchor" if slanted else "default", fontsize="small")


def _bar_values(ax, bars, values, fmt=str) -> None:
    ax.bar_label(bars, [fmt(v) if v else "" for v in values], fontsize="small", padding=2)


def draw_tiers(fig: Figure, s: DashboardSeries, lang: str) -> bool:
    title = text("tiers", lang)
    values = [c.count for c in s.tiers]
    if not sum(values):
        return empty_state(fig, title, text("no_tiers", lang))
    ax = _axes(fig, title)
    keys = [c.key for c in s.tiers]
    bars = ax.bar(range(len(keys)), values,
                  color=[TIER_COLORS.get(k, "#999999") for k in keys])
    _pickable(bars, keys)
    ax.set_xticks(range(len(keys)), [code(k, lang) for k in keys], fontsize="medium")
    ax.set_ylabel(text("customers", lang))
    _whole(ax)
    _bar_values(ax, bars, values, lambda v: f"{v:,}")
    ax.margins(y=0.15)
    return True


# A funnel bar narrower than this share of the widest gets its figure beside it: the
# widest label ("100,000" in small type, ~50 px) fits in a fifth of the narrowest axes
# the dashboard gives a chart (~450 px at 1280 px), and beside a bar at most 80 % wide
# there is always 10 % of the axes free on its right.
INSIDE_SHARE = 0.2


def _funnel_label(ax, bar, value: int, top: int) -> None:
    y = bar.get_y() + bar.get_height() / 2
    if value >= INSIDE_SHARE * top:
        ax.text(top / 2, y, f"{value:,}", ha="center", va="center", fontsize="small",
                gid="funnel_label")
    else:  # just right of the bar's end
        ax.annotate(f"{value:,}", (bar.get_x() + bar.get_width(), y), xytext=(4, 0),
                    textcoords="offset points", ha="left", va="center", fontsize="small",
                    gid="funnel_label")


def draw_stages(fig: Figure, s: DashboardSeries, lang: str) -> bool:
    """A funnel: one centred horizontal bar per stage, widest = most customers."""
    title = text("stages", lang)
    values = [c.count for c in s.stages]
    if not sum(values):
        return empty_state(fig, title, text("no_tiers", lang))
    ax = _axes(fig, title)
    keys = [c.key for c in s.stages]
    top = max(values)
    rows = list(range(len(keys)))[::-1]  # first stage on top
    bars = ax.barh(rows, values, left=[(top - v) / 2 for v in values],
                   color=[STAGE_COLORS.get(k, "#999999") for k in keys], height=0.7)
    _pickable(bars, keys)
    for bar, value in zip(bars, values, strict=True):
        _funnel_label(ax, bar, value, top)
    ax.set_yticks(rows, [code(k, lang) for k in keys], fontsize="medium")
    ax.set_xticks([])
    ax.set_xlim(0, top)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    return True


def draw_purchases(fig: Figure, s: DashboardSeries, lang: str) -> bool:
    title = text("purchases", lang)
    counts = [p.count for p in s.purchases]
    if not sum(counts):
        return empty_state(fig, title, text("no_data", lang))
    ax = _axes(fig, title)
    bars = ax.bar(range(len(counts)), counts, color="#9cc3f5",
                  label=text("purchase_count", lang))
    months = [p.month for p in s.purchases]
    _pickable(bars, months)
    ax.set_ylabel(text("purchase_count", lang))
    _whole(ax)
    _label_months(ax, months)
    money = ax.twinx()
    # Drawing only: 万元 as a float is fine on an axis, the stored amounts stay fen.
    money.plot(range(len(counts)), [p.revenue_fen / 1_000_000 for p in s.purchases],
               color="#d9534f", marker="o", markersize=3, label=text("revenue", lang))
    money.set_ylabel(text("revenue", lang))
    money.set_ylim(bottom=0)
    handles = ax.get_legend_handles_labels()[0] + money.get_legend_handles_labels()[0]
    ax.legend(handles, [h.get_label() for h in handles], fontsize="small", loc="upper left")
    return True


def draw_contacts(fig: Figure, s: DashboardSeries, lang: str) -> bool:
    title = text("contacts", lang)
    if not any(sum(c.counts) for c in s.contacts):
        return empty_state(fig, title, text("no_data", lang))
    ax = _axes(fig, title)
    bottom = [0] * len(s.months)
    for i, series in enumerate(s.contacts):
        bars = ax.bar(range(len(s.months)), series.counts, bottom=bottom,
                      color=CHANNEL_COLORS[i % len(CHANNEL_COLORS)],
                      label=code(series.channel, lang))
        _pickable(bars, [f"{month}|{series.channel}" for month in s.months])
        bottom = [b + n for b, n in zip(bottom, series.counts, strict=True)]
    ax.set_ylabel(text("contact_count", lang))
    _whole(ax)
    _label_months(ax, s.months)
    ax.legend(fontsize="x-small", ncols=2, loc="upper left")
    ax.margins(y=0.25)
    return True


def draw_satisfaction(fig: Figure, s: DashboardSeries, lang: str) -> bool:
    title = text("satisfaction", lang)
    if not any(m.count for m in s.satisfaction):
        return empty_state(fig, title, text("no_data", lang))
    ax = _axes(fig, title)
    values = [m.average if m.average is not None else math.nan for m in s.satisfaction]
    ax.plot(range(len(values)), values, marker="o", color="#2e5aac",
            label=text("average", lang))
    ax.axhline(s.target, color="#d9534f", linestyle="--", linewidth=1,
               label=text("target", lang).format(s.target))
    ax.set_ylim(1, 5.2)
    ax.set_ylabel(text("average", lang))
    _label_months(ax, s.months)
    ax.legend(fontsize="small", loc="lower left")
    return True


def draw_revisits(fig: Figure, s: DashboardSeries, lang: str) -> bool:
    title = text("revisits", lang)
    if not s.revisits:
        return empty_state(fig, title, text("no_data", lang))
    ax = _axes(fig, title)
    xs = range(len(s.revisits))
    width = 0.4
    planned = ax.bar([x - width / 2 for x in xs], [r.planned for r in s.revisits], width,
                     color=PLANNED, label=text("planned", lang))
    done = ax.bar([x + width / 2 for x in xs], [r.done for r in s.revisits], width,
                  color=DONE, label=text("done", lang))
    for group in (planned, done):
        _pickable(group, [r.owner for r in s.revisits])
    ax.set_xlim(-0.6, max(len(s.revisits), 4) - 0.4)  # one owner: not one giant bar
    names = [r.owner or text("nobody", lang) for r in s.revisits]
    ax.set_xticks(list(xs), names, rotation=30 if len(names) > 5 else 0,
                  ha="right" if len(names) > 5 else "center", fontsize="small")
    ax.set_ylabel(text("planned", lang) + " / " + text("done", lang))
    _whole(ax)
    ax.legend(fontsize="small")
    return True


CHARTS: dict[str, Callable[[Figure, DashboardSeries, str], bool]] = {
    "tiers": draw_tiers, "stages": draw_stages, "purchases": draw_purchases,
    "contacts": draw_contacts, "satisfaction": draw_satisfaction, "revisits": draw_revisits,
}
