"""The screen's chart layout (app.charts.screen_layout.MarginsLayout, instead of
constrained layout): at the sizes the dashboard gives a chart, in both languages, with
big figures and long names, every text of every dashboard chart lies inside the figure
(nothing clipped) and the axes keep most of it."""

from __future__ import annotations

from datetime import date

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from app.charts.cjk_font import configure
from app.charts.clv_figures import CLV_CHARTS
from app.charts.dashboard_figures import CHARTS, new_figure
from app.charts.screen_layout import MarginsLayout
from app.services.dashboard.clv import ClvBin, ClvOverview, TopValue
from app.services.dashboard.series import (
    ChannelSeries,
    Count,
    DashboardSeries,
    MonthPurchases,
    MonthSatisfaction,
    OwnerRevisits,
)

MONTHS = tuple(f"2025-{m:02d}" for m in range(1, 13))
SERIES = DashboardSeries(
    months=MONTHS,
    tiers=tuple(Count(k, v) for k, v in (("vip", 7_925), ("high", 16_924), ("mid", 134_585),
                                         ("low", 25_750), ("potential", 18_064),
                                         ("none", 1_000))),
    stages=tuple(Count(k, v) for k, v in (
        ("potential", 18_064), ("new", 10_694), ("repeat", 8_312), ("loyal", 137_127),
        ("at_risk", 5_889), ("churned", 23_162), ("won_back", 9))),
    # revenue in the billions of fen: seven-figure 万元 ticks on the right
    purchases=tuple(MonthPurchases(m, 30_000 + 100 * i, 9_000_000_000 * (i + 1))
                    for i, m in enumerate(MONTHS)),
    contacts=tuple(ChannelSeries(c, tuple(10_000 + 500 * i for i in range(12)))
                   for c in ("phone", "visit", "wechat", "sms", "email", "in_branch", "other")),
    satisfaction=tuple(MonthSatisfaction(m, 3.5 + i / 20, 100) for i, m in enumerate(MONTHS)),
    target=4.0,
    revisits=tuple(OwnerRevisits(name, 600 + i, 300 + i) for i, name in enumerate(
        ("欧阳明远", "Alexandra Montgomery", "张三", "李四", "王五", "", "赵六", "钱七",
         "孙八", "周九", "吴十", "郑十一"))))
CLV = ClvOverview(
    as_of=date(2026, 7, 1), horizon_days=365, customers=100_000, total_fen=10**12,
    bins=(*(ClvBin(i * 500_000, (i + 1) * 500_000, 10_000 - 400 * i) for i in range(12)),
          ClvBin(6_000_000, None, 1_234)),
    top=tuple(TopValue(i, f"C{100000 + i}", name, 99_000_000 - i * 1_000_000)
              for i, name in enumerate(("欧阳明远", "Alexandra Montgomery-Smithson", "张三",
                                        "李四", "王五", "赵六", "钱七", "孙八", "周九",
                                        "吴十"))))
SIZES = [(450, 300), (600, 340), (724, 340), (950, 400)]  # one dashboard chart, pixels
ALL = {**CHARTS, **CLV_CHARTS}


def _texts(fig):
    for ax in fig.axes:
        yield ax.title
        for axis in (ax.xaxis, ax.yaxis):
            if axis.get_visible():
                yield axis.label
                lo, hi = sorted(axis.get_view_interval())
                for tick in axis.get_major_ticks():  # those drawn: inside the view
                    if lo - 1e-9 <= tick.get_loc() <= hi + 1e-9:
                        yield tick.label1
                        yield tick.label2
        yield from ax.texts
        legend = ax.get_legend()
        if legend is not None:
            yield from legend.get_texts()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", list(ALL))
def test_every_text_of_a_chart_stays_in_the_figure(name, size, lang):
    configure()
    fig = new_figure(size[0] / 100, size[1] / 100, dpi=100, layout=MarginsLayout())
    FigureCanvasAgg(fig)
    assert ALL[name](fig, CLV if name in CLV_CHARTS else SERIES, lang)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = [t for t in _texts(fig) if t.get_visible() and t.get_text()]
    assert len(texts) > 5
    for t in texts:
        box = t.get_window_extent(renderer)
        assert box.x0 >= -0.5 and box.y0 >= -0.5, f"{t.get_text()!r} clipped at {size}"
        assert box.x1 <= fig.bbox.x1 + 0.5 and box.y1 <= fig.bbox.y1 + 0.5, \
            f"{t.get_text()!r} clipped at {size}"
    ax = fig.axes[0].get_position()
    assert ax.width > 0.3 and ax.height > 0.3  # the margins do not eat the chart


def test_the_layout_leaves_no_more_margin_than_constrained_layout_does():
    """Measured margins are as tight as constrained layout's, give or take a few pixels."""
    configure()
    for name, draw in CHARTS.items():
        areas = []
        for layout in ("constrained", MarginsLayout()):
            fig = new_figure(7.24, 3.4, layout=layout)
            FigureCanvasAgg(fig)
            draw(fig, SERIES, "zh")
            fig.canvas.draw()
            box = fig.axes[0].get_position()
            areas.append(box.width * box.height)
        assert areas[1] >= 0.9 * areas[0], name
