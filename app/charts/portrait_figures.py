"""The customer portrait (客户画像) in one figure of four panels: purchases per month,
R/F/M against the tier's medians, contacts by channel, satisfaction history."""

from __future__ import annotations

import math
from datetime import date, timedelta

from matplotlib.dates import AutoDateLocator, DateFormatter
from matplotlib.figure import Figure

from app.charts.chart_texts import code, text
from app.charts.dashboard_figures import (
    CHANNEL_COLORS,
    DONE,
    EMPTY_COLOR,
    PLANNED,
    empty_state,
    month_label,
)
from app.services.dashboard.portrait import Portrait
from app.services.dashboard.scope import month_keys


def _note(ax, message: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", color=EMPTY_COLOR,
            transform=ax.transAxes, gid="empty_state")


def _purchases(ax, p: Portrait, lang: str) -> None:
    ax.set_title(text("p_purchases", lang), fontsize="medium")
    first, last = p.purchases[0][0], p.purchases[-1][0]
    months = month_keys(date.fromisoformat(first + "-01"), date.fromisoformat(last + "-01"))
    amount = {m: fen for m, _n, fen in p.purchases}
    ax.bar(range(len(months)), [amount.get(m, 0) / 100 for m in months], color="#5b8def")
    step = math.ceil(len(months) / 8)  # at most eight labels under half the figure
    ticks = list(range(0, len(months), step))
    ax.set_xticks(ticks, [month_label(months[i]) for i in ticks], fontsize="x-small",
                  rotation=45, ha="right", rotation_mode="anchor")
    ax.set_ylabel(text("p_amount", lang), fontsize="small")
    ax.tick_params(axis="y", labelsize="x-small")


def compact(value: float, lang: str) -> str:
    """A figure short enough for a bar a third of a half-figure wide: 1,234,567 → "123.5万"
    in Chinese, "1.2M" in English (thousands separators below ten thousand)."""
    if lang == "zh":
        for size, unit in ((100_000_000, "亿"), (10_000, "万")):
            if abs(value) >= size:
                return f"{value / size:.1f}{unit}"
    else:
        for size, unit in ((1_000_000_000, "B"), (1_000_000, "M"), (10_000, "k")):
            if abs(value) >= size:
                return f"{value / size:.1f}{unit}"
    return f"{value:,.0f}"


def two_lines(title: str) -> str:
    """"Monetary (¥)" → "Monetary\n(¥)": three titles side by side in half the figure
    fit only broken before their unit (one line: cut, or touching in Chinese)."""
    for opening in ("（", " ("):
        head, sep, unit = title.partition(opening)
        if sep:
            return f"{head}\n{sep.strip()}{unit}"
    return title


def _rfm(sub, p: Portrait, lang: str) -> None:
    sub.suptitle(text("p_rfm", lang), fontsize="medium")
    if not p.rfm:
        _note(sub.add_subplot(), text("p_no_tier", lang))
        return
    for metric, ax in zip(p.rfm, sub.subplots(1, len(p.rfm)), strict=True):
        scale = 100 if metric.name == "monetary_fen" else 1  # fen → yuan for the eye
        values = [(metric.value or 0) / scale, (metric.tier_median or 0) / scale]
        bars = ax.bar([0, 1], values, color=[DONE, PLANNED], width=0.7)
        # The two bars compare, their labels give the figures: no y axis (its ticks and
        # a "1e6" offset took the width the titles need).
        ax.bar_label(bars, [compact(v, lang) for v in values], fontsize="x-small",
                     padding=1)
        ax.set_ylim(0, max(values) * 1.2 or 1)
        ax.set_yticks([])
        for side in ("left", "top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_xlim(-0.55, 1.55)
        ax.set_xticks([0, 1], [text("p_customer", lang), text("p_median", lang)],
                      fontsize="x-small")
        ax.set_title(two_lines(text(metric.name, lang)), fontsize="small")


def _contacts(ax, p: Portrait, lang: str) -> None:
    ax.set_title(text("p_contacts", lang), fontsize="medium")
    if not p.contacts:
        _note(ax, text("p_no_contacts", lang))
        return
    rows = list(range(len(p.contacts)))[::-1]
    bars = ax.barh(rows, [n for _c, n in p.contacts],
                   color=[CHANNEL_COLORS[i % len(CHANNEL_COLORS)] for i in range(len(rows))])
    ax.bar_label(bars, [f"{n:,}" for _c, n in p.contacts], fontsize="x-small", padding=2)
    ax.set_yticks(rows, [code(c, lang) for c, _n in p.contacts], fontsize="small")
    ax.tick_params(axis="x", labelsize="x-small")
    ax.margins(x=0.2)


def _scores(ax, p: Portrait, lang: str) -> None:
    ax.set_title(text("p_scores", lang), fontsize="medium")
    if not p.scores:
        _note(ax, text("p_no_scores", lang))
        return
    when = [at for at, _s in p.scores]
    ax.plot(when, [s for _at, s in p.scores], marker="o", color="#2e5aac", markersize=4)
    ax.axhline(p.target, color="#d9534f", linestyle="--", linewidth=1,
               label=text("target", lang).format(p.target))
    if when[0] == when[-1]:  # one day only: a month either side, not years
        ax.set_xlim(when[0] - timedelta(days=30), when[-1] + timedelta(days=30))
    ax.set_ylim(0.8, 5.2)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.tick_params(labelsize="x-small")
    # At most six dates, written as the month ticks are ("2026-07"), not one a month
    # crowding a narrow dossier.
    ax.xaxis.set_major_locator(AutoDateLocator(minticks=2, maxticks=6))
    ax.xaxis.set_major_formatter(DateFormatter("%Y-%m"))
    for label in ax.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")
    ax.legend(fontsize="x-small", loc="lower left")


def draw_portrait(fig: Figure, p: Portrait, lang: str) -> bool:
    """False (and an empty-state text) for a customer without purchases."""
    if not p.has_purchases:
        return empty_state(fig, p.name, text("p_no_purchases", lang))
    fig.clear()
    (a, b), (c, d) = fig.subfigures(2, 2)
    _purchases(a.add_subplot(), p, lang)
    _rfm(b, p, lang)
    _contacts(c.add_subplot(), p, lang)
    _scores(d.add_subplot(), p, lang)
    return True
