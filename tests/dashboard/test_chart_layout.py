"""The charts' geometry, measured by matplotlib itself at the sizes the screens give
them (a dossier beside the list, 1280×800 and 1920×1080 windows): the portrait's titles
neither touch each other nor leave the figure, its value labels stay inside their
axes, the funnel's figures sit inside their bar or wholly beside it, and months read
"2026-07" in both languages."""

from __future__ import annotations

import re
from datetime import datetime
from itertools import combinations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from app.charts.cjk_font import configure
from app.charts.dashboard_figures import draw_purchases, draw_stages, new_figure
from app.charts.portrait_figures import draw_portrait
from app.services.dashboard.portrait import Portrait, RfmMetric
from app.services.dashboard.series import Count, DashboardSeries, MonthPurchases

MONTHS = tuple(f"2025-{m:02d}" for m in range(8, 13)) + tuple(f"2026-{m:02d}"
                                                               for m in range(1, 8))
PORTRAIT = Portrait(
    customer_id=1, name="张三",
    purchases=tuple((f"{2024 + m // 12}-{m % 12 + 1:02d}", 1, 123456) for m in range(0, 30, 2)),
    tier="vip", stage="loyal",
    # a big spender: seven-figure yuan, which used to need a "1e6" axis offset
    rfm=(RfmMetric("recency_days", 15, 40), RfmMetric("frequency", 120, 5),
         RfmMetric("monetary_fen", 123_456_700, 45_678_900)),
    contacts=(("phone", 12), ("wechat", 7), ("visit", 2)),
    scores=tuple((datetime(2025, m, 1), 3 + m % 3) for m in range(1, 12)))
SERIES = DashboardSeries(
    months=MONTHS, tiers=(),
    stages=tuple(Count(k, v) for k, v in (
        ("potential", 200), ("new", 1342), ("repeat", 900), ("loyal", 300),
        ("at_risk", 80), ("churned", 718), ("won_back", 9))),
    purchases=tuple(MonthPurchases(m, 100 + i, 5_000_000 * i) for i, m in enumerate(MONTHS)),
    contacts=(), satisfaction=(), target=4.0, revisits=())
# pixels: the dossier's canvas in a 1280×800 window is about 560 wide (the list takes
# the rest); maximised on 1280×800 and 1920×1080 it is the bigger ones
PORTRAIT_SIZES = [(500, 400), (560, 420), (640, 480), (900, 600), (1280, 800), (1920, 1080)]
GAP = 3  # pixels between two titles: closer, Chinese titles read as one
CHART_SIZES = [(450, 300), (600, 300), (950, 400)]  # one dashboard chart


def _drawn(width: int, height: int, draw, data, lang: str):
    configure()
    fig = new_figure(width / 100, height / 100, dpi=100)
    FigureCanvasAgg(fig)
    draw(fig, data, lang)
    fig.canvas.draw()
    return fig, fig.canvas.get_renderer()


def _inside(inner, outer, slack: float = 0.5) -> bool:
    return (inner.x0 >= outer.x0 - slack and inner.x1 <= outer.x1 + slack
            and inner.y0 >= outer.y0 - slack and inner.y1 <= outer.y1 + slack)


def _titles(fig):
    titles = [ax.title for ax in fig.axes if ax.title.get_text()]
    titles += [sub._suptitle for sub in fig.subfigs if sub._suptitle is not None]
    return titles


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", PORTRAIT_SIZES)
def test_portrait_titles_do_not_overlap_and_stay_in_the_figure(size, lang):
    fig, renderer = _drawn(*size, draw_portrait, PORTRAIT, lang)
    titles = _titles(fig)
    assert len(titles) == 7  # three panels, the R/F/M heading and its three metrics
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in titles]
    for text, box in boxes:
        assert _inside(box, fig.bbox), f"{text!r} leaves the figure at {size}"
    for (a, box_a), (b, box_b) in combinations(boxes, 2):
        assert not box_a.padded(GAP / 2).overlaps(box_b.padded(GAP / 2)), \
            f"{a!r} touches {b!r} at {size}"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", PORTRAIT_SIZES)
def test_portrait_value_labels_stay_inside_their_axes(size, lang):
    fig, renderer = _drawn(*size, draw_portrait, PORTRAIT, lang)
    labels = 0
    for ax in fig.axes:
        for label in ax.texts:
            labels += 1
            assert _inside(label.get_window_extent(renderer), ax.bbox), \
                f"{label.get_text()!r} crosses its axes at {size}"
        assert not ax.yaxis.get_offset_text().get_text()  # no "1e6" over a title
    assert labels == 3 * 2 + 3  # R, F, M (customer and median), three channels


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_month_ticks_read_year_and_month(lang):
    fig, _ = _drawn(900, 600, draw_portrait, PORTRAIT, lang)
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks[0] == "2024-01" and all(re.fullmatch(r"20\d\d-\d\d", t) for t in ticks)
    assert len(ticks) <= 8
    fig, _ = _drawn(600, 300, draw_purchases, SERIES, lang)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == list(MONTHS)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", CHART_SIZES)
def test_funnel_figures_fit_inside_their_bar_or_sit_beside_it(size, lang):
    fig, renderer = _drawn(*size, draw_stages, SERIES, lang)
    ax = fig.axes[0]
    labels = [t for t in ax.texts if t.get_gid() == "funnel_label"]
    bars = [p for p in ax.patches if p.get_gid()]
    assert [t.get_text() for t in labels] == [f"{c.count:,}" for c in SERIES.stages]
    for label, bar in zip(labels, bars, strict=True):
        box, bar_box = label.get_window_extent(renderer), bar.get_window_extent(renderer)
        assert _inside(box, ax.bbox), f"{label.get_text()} leaves the axes at {size}"
        inside = bar_box.x0 <= box.x0 and box.x1 <= bar_box.x1
        beside = box.x0 >= bar_box.x1
        assert inside or beside, f"{label.get_text()} straddles its bar's end at {size}"
    narrow = labels[-1]  # 9 of 1,342: beside its sliver of a bar
    assert narrow.get_window_extent(renderer).x0 >= bars[-1].get_window_extent(renderer).x1
