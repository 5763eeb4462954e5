"""The words in the charts, in both languages.

Charts are drawn by code without Qt (the CLI report draws them too), so their text
cannot go through tr(): like the services' messages it carries both languages and
picks one (the UI's language, as set by app.i18n). The codes' names come from
app.services.vocabulary, which a test holds to the GUI's catalogue.
"""

from __future__ import annotations

from app import i18n
from app.charts.cjk_font import configure
from app.services import vocabulary

TEXTS: dict[str, tuple[str, str]] = {
    "tiers": ("Customers per tier", "各价值等级客户数"),
    "stages": ("Lifecycle funnel", "生命周期漏斗"),
    "purchases": ("Purchases and revenue per month", "每月购买笔数与金额"),
    "contacts": ("Contacts per month by channel", "每月联系次数（按渠道）"),
    "satisfaction": ("Satisfaction per month", "每月平均满意度"),
    "revisits": ("Revisits planned vs done per owner", "各负责人回访计划与完成"),
    "customers": ("Customers", "客户数"),
    "purchase_count": ("Purchases", "购买笔数"),
    "revenue": ("Revenue (¥10k)", "金额（万元）"),
    "contact_count": ("Contacts", "联系次数"),
    "average": ("Average score (1–5)", "平均分（1–5）"),
    "target": ("Target {0:.1f}", "目标 {0:.1f}"),
    "planned": ("Planned", "计划"),
    "done": ("Done", "已完成"),
    "nobody": ("(nobody)", "（未分配）"),
    "no_data": ("No data for this period and filter.", "该时间段和筛选条件下没有数据。"),
    "no_tiers": ("No customers in this filter.", "该筛选条件下没有客户。"),
    "clv_spread": ("Predicted value: customers per band", "预测价值分布"),
    "clv_top": ("Top 10 customers by predicted value", "预测价值前 10 名客户"),
    "clv_axis": ("Predicted value (¥)", "预测价值（元）"),
    "clv_as_of": ("as of {0}, next {1} days", "截至 {0}，未来 {1} 天"),
    "clv_no_run": ("No predicted values yet: they are computed with the daily tier "
                   "recompute (or clv fit).",
                   "暂无预测价值：预测价值随每日价值等级重算生成（或运行 clv fit）。"),
    "clv_no_customers": ("No customer in this filter has a predicted value.",
                         "该筛选条件下没有客户有预测价值。"),
    "p_purchases": ("Purchases per month", "每月购买"),
    "p_amount": ("Amount (¥)", "金额（元）"),
    "p_rfm": ("R / F / M against the tier median", "R / F / M 与同等级中位数对比"),
    "p_contacts": ("Contacts by channel", "各渠道联系次数"),
    "p_scores": ("Satisfaction history", "满意度历史"),
    "p_customer": ("Customer", "本客户"),
    "p_median": ("Median", "中位数"),
    "p_no_purchases": ("No purchases yet.", "暂无购买记录。"),
    "p_no_tier": ("No tier computed yet.", "尚未计算价值等级。"),
    "p_no_contacts": ("No contacts yet.", "暂无联系记录。"),
    "p_no_scores": ("No satisfaction scores yet.", "暂无满意度评分。"),
    # the printable report
    "r_title": ("Customer dashboard", "客户经营看板"),
    "r_period": ("Period: {0} to {1}", "时间段：{0} 至 {1}"),
    "r_scope": ("Owner: {0} · Region: {1}", "客户经理：{0} · 区域：{1}"),
    "r_all": ("all", "全部"),
    "r_generated": ("Generated {0} by Kehu", "由 Kehu 生成于 {0}"),
    "r_staff": ("Staff performance", "员工绩效"),
    "r_surveys": ("Satisfaction surveys: score per month (0–100)",
                  "满意度问卷：每月得分（百分制）"),
    "r_survey_line": ("{0}: {1} against the target {2:g} ({3})",
                      "{0}：{1} 分，目标 {2:g} 分（{3}）"),
    "r_survey_none": ("no responses", "没有回答"),
    "r_survey_met": ("met", "达标"),
    "r_survey_missed": ("missed", "未达标"),
    "r_survey_cols": ("Month|Score|Target|Responses|At target|NPS",
                      "月份|得分|目标|回答数|达标占比|NPS"),
    "r_no_staff": ("Nobody has customers or activity in this period and filter.",
                   "该时间段和筛选条件下没有员工数据。"),
    "k_customers": ("Customers", "客户总数"),
    "k_active": ("Active in the last 90 days", "近 90 天活跃"),
    "k_new": ("New this month", "本月新增"),
    "k_at_risk": ("At risk", "有流失风险"),
    "k_churned": ("Churned this quarter", "本季度流失"),
    "k_revisits": ("Revisits done / planned this month", "本月回访完成 / 计划"),
    "k_satisfaction": ("Average satisfaction (target {0:.1f})", "平均满意度（目标 {0:.1f}）"),
    "k_complaints": ("Complaints open / overdue", "投诉 未结 / 逾期"),
    "k_not_computed": ("{0:,} customers have no tier computed yet",
                       "{0:,} 位客户尚未计算价值等级"),
    "s_owner": ("Owner", "负责人"),
    "s_customers": ("Customers", "客户数"),
    "s_tiers": ("VIP / high / mid / low / other", "VIP / 高 / 中 / 低 / 其他"),
    "s_revisits": ("Revisits due / done / overdue", "回访 应做 / 完成 / 逾期"),
    "s_contacts": ("Contacts", "联系次数"),
    "s_satisfaction": ("Satisfaction", "满意度"),
    "s_complaints": ("Complaints in time / resolved", "投诉 按时 / 已解决"),
    "recency_days": ("Recency (days)", "最近购买（天前）"),
    "frequency": ("Frequency (purchases)", "购买频次（笔）"),
    "monetary_fen": ("Monetary (¥)", "消费金额（元）"),
}

# Tiers, stages and channels in the same words as the GUI and the exports.
CODES: dict[str, tuple[str, str]] = {
    **vocabulary.LABELS["value_tier"], **vocabulary.LABELS["lifecycle"],
    "none": ("Not computed", "未计算"),  # customers without a tier row
    **vocabulary.LABELS["channel"],
}


def chart_language(lang: str | None = None) -> str:
    """The language to draw in: the UI's. Kehu ships its Chinese font, so this is English
    instead only when that file is missing or damaged and the system has no CJK font
    either (English words beat empty boxes)."""
    found = configure()  # always: names in the data (owners…) are Chinese in any UI
    lang = lang or i18n.current_language()
    return "en" if lang == "zh" and found is None else lang


def text(key: str, lang: str) -> str:
    en, zh = TEXTS[key]
    return zh if lang == "zh" else en


def code(kind_code: str, lang: str) -> str:
    """Display name of a stored code; an unknown code shows as it is."""
    pair = CODES.get(kind_code)
    if pair is None:
        return kind_code
    return pair[1] if lang == "zh" else pair[0]


# --- values shown the same way on the dashboard cards, its table and in the report -----
def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _rate(value: float | None) -> str:
    return "" if value is None else f" ({value:.0%})"


def kpi_values(k) -> dict[str, str]:
    """Card key → the figure as text (a dashboard_kpis.Kpis); "—" where nothing counts."""
    return {
        "customers": f"{k.customers:,}",
        "active": f"{k.active:,}",
        "new": f"{k.new:,}",
        "at_risk": f"{k.at_risk:,}",
        "churned": f"{k.churned:,}",
        "revisits": f"{k.revisits_done:,} / {k.revisits_planned:,}{_rate(k.revisit_rate)}",
        "satisfaction": _score(k.satisfaction_average),
        "complaints": f"{k.complaints_open:,} / {k.complaints_overdue:,}",
    }


STAFF_COLUMNS = ("s_owner", "s_customers", "s_tiers", "s_revisits", "s_contacts",
                 "s_satisfaction", "s_complaints")


def staff_values(row, lang: str) -> list[str]:
    """One staff_performance.StaffRow as the cells of STAFF_COLUMNS."""
    t = row.tiers
    other = t.get("potential", 0) + t.get("none", 0)
    return [
        row.owner or text("nobody", lang),
        f"{row.customers:,}",
        f"{t.get('vip', 0)} / {t.get('high', 0)} / {t.get('mid', 0)} / {t.get('low', 0)}"
        f" / {other}",
        f"{row.revisits_due:,} / {row.revisits_done:,} / {row.revisits_overdue:,}",
        f"{row.contacts:,}",
        _score(row.satisfaction_average),
        f"{row.complaints_in_time:,} / {row.complaints_resolved:,}",
    ]
