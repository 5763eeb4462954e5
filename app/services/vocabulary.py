"""The display names of stored codes (tier, stage, channel…) in English and Chinese,
for everything that speaks without Qt: the CLI, reasons in words, reminder titles,
charts and the Excel exports (which import reads back).

The GUI translates the same codes through its catalogue (views/formatting.py, context
"Labels"); a test holds the two to the same words, so a customer reads "有流失风险" in
the list, on the dashboard and in the head-office workbook alike.
"""

from __future__ import annotations

from app.i18n import pick

LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "kind": {"individual": ("Individual", "个人"), "enterprise": ("Enterprise", "企业"),
             "institution": ("Institution", "机构")},
    "gender": {"male": ("Male", "男"), "female": ("Female", "女"),
               "unknown": ("Unknown", "未知")},
    "channel": {"phone": ("Phone", "电话"), "visit": ("Visit", "上门拜访"),
                "wechat": ("WeChat", "微信"), "sms": ("SMS", "短信"),
                "email": ("E-mail", "电子邮件"), "in_branch": ("In branch", "网点到访"),
                "other": ("Other", "其他")},
    "direction": {"outbound": ("Outbound", "我方发起"), "inbound": ("Inbound", "客户发起")},
    "purpose": {"routine": ("Routine", "日常维护"), "revisit": ("Revisit", "回访"),
                "care": ("Care", "关怀"), "survey": ("Survey", "调查"),
                "complaint": ("Complaint", "投诉"), "sale": ("Sale", "销售")},
    "reminder_kind": {"revisit": ("Revisit", "回访"), "birthday": ("Birthday", "生日"),
                      "after_purchase": ("After purchase", "购后跟进"),
                      "manual": ("Manual", "手动"),
                      "complaint_deadline": ("Complaint deadline", "投诉处理期限"),
                      "win_back": ("Win back", "流失挽回")},
    "reminder_status": {"open": ("Open", "待处理"), "done": ("Done", "已完成"),
                        "snoozed": ("Snoozed", "已推迟"), "cancelled": ("Cancelled", "已取消")},
    "severity": {"low": ("Low", "低"), "medium": ("Medium", "中"), "high": ("High", "高"),
                 "critical": ("Critical", "严重")},
    "complaint_status": {"open": ("Open", "待处理"), "in_progress": ("In progress", "处理中"),
                         "resolved": ("Resolved", "已解决"), "closed": ("Closed", "已关闭")},
    "value_tier": {"vip": ("VIP", "VIP"), "high": ("High value", "高价值"),
                   "mid": ("Mid value", "中价值"), "low": ("Low value", "低价值")},
    "lifecycle": {"potential": ("Potential", "潜在客户"), "new": ("New", "新客户"),
                  "repeat": ("Repeat", "复购客户"), "loyal": ("Loyal", "忠诚客户"),
                  "at_risk": ("At risk", "有流失风险"), "churned": ("Churned", "已流失"),
                  "won_back": ("Won back", "已挽回")},
}


def label(kind: str, code: str | None, lang: str | None = None) -> str:
    """The code's name in `lang` ('en' or 'zh'; default: the current language);
    an unknown code as it is, None as ''."""
    if not code:
        return ""
    names = LABELS.get(kind, {}).get(str(code))
    if names is None:
        return str(code)
    return names[1] if (lang or pick("en", "zh")) == "zh" else names[0]


def zh(kind: str) -> dict[str, str]:
    """code → Chinese name, for the Excel layouts."""
    return {code: names[1] for code, names in LABELS[kind].items()}
