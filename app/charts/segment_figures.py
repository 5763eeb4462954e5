"""The 分群 chart: each discovered group as a bubble, its size against its value
(mean predicted value, or mean revenue when there is no prediction), the bubble's
area its share of the revenue. Drawn without Qt, like the dashboard's charts."""

from __future__ import annotations

from matplotlib.figure import Figure

from app import i18n
from app.charts.cjk_font import configure

TEXTS = {
    "title": ("Groups: size against value", "各分群：客户数与价值"),
    "size": ("Customers", "客户数"),
    "clv": ("Mean predicted value (¥)", "平均预测价值（元）"),
    "monetary": ("Mean revenue in the window (¥)", "窗口期平均消费（元）"),
    "empty": ("No groups yet: press Find groups to find them in the data.",
              "尚未分群：点击“重新分群”从数据中发现客户群。"),
}
COLORS = ("#2e5aac", "#5b8def", "#5cb85c", "#f0ad4e", "#d9534f", "#9b59b6", "#17a2b8",
          "#999999")


def _t(key: str) -> str:
    en, zh = TEXTS[key]
    return i18n.pick(en, zh)


def draw_groups(fig: Figure, groups: list, used_clv: bool) -> bool:
    """`groups`: segments.clusters.Group rows. False (an empty state) without any."""
    configure()
    fig.clear()
    if not groups:
        fig.text(0.5, 0.5, _t("empty"), ha="center", va="center", color="#888888",
                 wrap=True, gid="empty_state")
        return False
    ax = fig.add_subplot()
    ax.set_title(_t("title"))
    value = [(g.mean_clv_fen if used_clv else g.mean_monetary_fen) / 100 for g in groups]
    top = max(g.revenue_share for g in groups) or 1
    for n, (g, v) in enumerate(zip(groups, value, strict=True)):
        ax.scatter([g.size], [v], s=200 + 2400 * g.revenue_share / top, alpha=0.6,
                   color=COLORS[n % len(COLORS)], gid=f"group-{g.id}")
        ax.annotate(str(g.id), (g.size, v), ha="center", va="center", fontsize=11)
    ax.set_xlabel(_t("size"))
    ax.set_ylabel(_t("clv" if used_clv else "monetary"))
    ax.margins(0.2)
    return True
