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
                      "win_back": ("Win back", "流失挽回"),
                      "campaign": ("Campaign", "营销活动"),
                      "survey_follow_up": ("Survey follow-up", "问卷跟进")},
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


# The names of fields (model attributes, import columns) in messages. A message never
# shows the attribute itself ("birthday", "phone"): the import wizard's column names
# (views/imports/mapping_page.py, context "ImportWizard") say the same words; a test
# holds the two together, and another scans every import reason for attribute names.
FIELDS: dict[str, tuple[str, str]] = {
    "uid": ("Customer UID", "客户UID"), "code": ("Customer code", "客户编号"),
    "name": ("Name", "姓名"), "kind": ("Customer type", "客户类型"),
    "gender": ("Gender", "性别"), "birthday": ("Birthday", "生日"),
    "birthday_lunar": ("Lunar birthday", "农历生日"), "id_number": ("ID number", "身份证号"),
    "phone": ("Mobile", "手机"), "phone2": ("Second phone", "备用电话"),
    "email": ("Email", "邮箱"), "wechat": ("WeChat", "微信"), "address": ("Address", "地址"),
    "region": ("Region", "地区"), "branch": ("Branch", "网点"),
    "owner": ("Account manager", "客户经理"), "source": ("Source", "来源"),
    "tags": ("Tags", "标签"), "notes": ("Notes", "备注"),
    "purchased_on": ("Purchase date", "购买日期"), "amount": ("Amount", "金额"),
    "product": ("Product", "产品"), "category": ("Category", "类别"),
    "quantity": ("Quantity", "数量"), "channel": ("Channel", "渠道"),
    "occurred_at": ("Time of contact", "联系时间"), "direction": ("Direction", "方向"),
    "purpose": ("Purpose", "目的"), "summary": ("Summary", "摘要"),
    "outcome": ("Outcome", "结果"), "satisfaction": ("Satisfaction", "满意度"),
    "staff": ("Staff", "经办人"),
    "marketing_consent": ("Marketing consent", "营销同意"),
    "marketing_consent_at": ("Marketing consent date", "营销同意时间"),
    "custom_fields": ("Custom fields", "自定义字段"),
}
# What the records of an import sheet are (the sheet's kind).
SHEET_KINDS: dict[str, tuple[str, str]] = {
    "customers": ("Customers", "客户"), "purchases": ("Purchases", "购买记录"),
    "contacts": ("Contact history", "联系记录"), "ignore": ("Do not import", "不导入"),
}
# The closed vocabulary (a LABELS kind) of a coded field, for listing its choices.
CODED_FIELDS = {"kind": "kind", "gender": "gender", "channel": "channel",
                "direction": "direction", "purpose": "purpose", "severity": "severity"}


def _pick(names: tuple[str, str], lang: str | None) -> str:
    return names[1] if (lang or pick("en", "zh")) == "zh" else names[0]


def field_name(field: str, lang: str | None = None) -> str:
    """The field's name in `lang` (default: the current language); an unknown field
    as it is (the test over the import reasons catches one)."""
    names = FIELDS.get(field)
    return _pick(names, lang) if names else field


def field_names(field: str) -> tuple[str, str]:
    """(English, Chinese) name of the field, for the two-language messages; an unknown
    one (a custom field) by its attribute, in words in English."""
    return FIELDS.get(field, (field.replace("_", " ").capitalize(), field))


def sheet_kind(kind: str, lang: str | None = None) -> str:
    names = SHEET_KINDS.get(kind)
    return _pick(names, lang) if names else kind


def choices(kind: str | None, codes, lang: str) -> str:
    """The allowed codes of a closed vocabulary as a person reads them: in Chinese the
    names (which import and the forms accept too), in English the codes."""
    codes = list(codes)
    if lang == "zh" and kind in LABELS:
        return "、".join(label(kind, c, "zh") for c in codes)
    return ("、" if lang == "zh" else ", ").join(codes)


def value_name(field: str, value, lang: str | None = None):
    """A coded field's value by its name (kind "enterprise" → 企业); others as given."""
    kind = CODED_FIELDS.get(field)
    return label(kind, value, lang) if kind and isinstance(value, str) else value
