"""Field checks for records: contact events, reminders, complaints, and the plain
text fields of a customer.

Each failure raises ValidationError(field, en, zh) naming the field, like
app.services.customers.validation does for customer fields. Closed vocabularies accept their
code ('phone'), any case, or a common Chinese word ('电话').
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from app.errors import ValidationError
from app.models.enums import Channel, ComplaintSeverity, ComplaintStatus, Direction, Purpose
from app.services import vocabulary
from app.services import vocabulary as _vocabulary  # choice() has a `vocabulary` argument

LABELS: dict[str, tuple[str, str]] = {
    "channel": ("Channel", "渠道"),
    "purpose": ("Purpose", "目的"),
    "direction": ("Direction", "方向"),
    "summary": ("Summary", "摘要"),
    "outcome": ("Outcome", "结果"),
    "satisfaction": ("Satisfaction", "满意度"),
    "satisfaction_after": ("Satisfaction after resolution", "处理后满意度"),
    "staff": ("Staff", "经办人"),
    "occurred_at": ("Time of contact", "联系时间"),
    "title": ("Title", "标题"),
    "note": ("Note", "备注"),
    "due_at": ("Due time", "到期时间"),
    "owner": ("Owner", "负责人"),
    "kind": ("Kind", "类型"),
    "until": ("Snooze until", "推迟到"),
    "follow_up_days": ("Follow-up days", "跟进天数"),
    "category": ("Category", "类别"),
    "severity": ("Severity", "严重程度"),
    "description": ("Description", "描述"),
    "resolution": ("Resolution", "处理结果"),
    "reminder_id": ("Reminder number", "提醒编号"),
    "status": ("Status", "状态"),
    # customer fields (the customer form shares the text checks)
    "wechat": ("WeChat", "微信"),
    "address": ("Address", "地址"),
    "region": ("Region", "区域"),
    "branch": ("Branch", "网点"),
    "source": ("Source", "客户来源"),
    "notes": ("Notes", "备注"),
}

_EXTRA_ALIASES: dict[type[StrEnum], dict[str, str]] = {
    Channel: {"电话": "phone", "上门": "visit", "拜访": "visit", "走访": "visit",
              "微信": "wechat", "短信": "sms", "邮件": "email", "电子邮件": "email",
              "网点": "in_branch", "到店": "in_branch", "柜面": "in_branch", "其他": "other"},
    Purpose: {"例行": "routine", "日常": "routine", "回访": "revisit", "关怀": "care",
              "调查": "survey", "满意度调查": "survey", "投诉": "complaint",
              "销售": "sale", "营销": "sale"},
    Direction: {"呼出": "outbound", "去电": "outbound", "呼入": "inbound", "来电": "inbound"},
    ComplaintSeverity: {"低": "low", "中": "medium", "一般": "medium", "高": "high",
                        "严重": "critical", "紧急": "critical"},
    ComplaintStatus: {"待处理": "open", "重新打开": "open", "处理中": "in_progress",
                      "已解决": "resolved", "已关闭": "closed"},
}
_VOCABULARY_OF = {Channel: "channel", Purpose: "purpose", Direction: "direction",
                  ComplaintSeverity: "severity", ComplaintStatus: "complaint_status"}
# What the GUI and the exports call a code is always accepted back, plus common synonyms.
ALIASES: dict[type[StrEnum], dict[str, str]] = {
    enum: {**{zh: code for code, (_en, zh) in vocabulary.LABELS[kind].items()},
           **_EXTRA_ALIASES.get(enum, {})}
    for enum, kind in _VOCABULARY_OF.items()
}


def label(field: str) -> tuple[str, str]:
    return LABELS.get(field) or vocabulary.field_names(field)


def required_text(value: object, field: str, limit: int, *, one_line: bool = False) -> str:
    text = optional_text(value, field, limit, one_line=one_line)
    if text is None:
        en, zh = label(field)
        raise ValidationError(field, f"{en} is required.", f"{zh}不能为空。")
    return text


def optional_text(value: object, field: str, limit: int, *,
                  one_line: bool = False) -> str | None:
    """Stripped text, None when blank; at most `limit` characters. Line breaks are
    kept, unless `one_line` folds every run of white space into one space."""
    if value is None:
        return None
    text = " ".join(str(value).split()) if one_line else str(value).strip()
    if not text:
        return None
    if len(text) > limit:
        en, zh = label(field)
        raise ValidationError(
            field, f"{en} is {len(text)} characters long; at most {limit} are allowed.",
            f"{zh}共 {len(text)} 个字符，最多允许 {limit} 个。")
    return text


def choice(value: object, vocabulary: type[StrEnum], field: str) -> str:
    """The code of `value` in `vocabulary` (code, any case, or a Chinese alias)."""
    text = str(value).strip() if value is not None else ""
    codes = [member.value for member in vocabulary]
    folded = text.lower().replace("-", "_").replace(" ", "_")
    if folded in codes:
        return folded
    if text in ALIASES.get(vocabulary, {}):
        return ALIASES[vocabulary][text]
    en, zh = label(field)
    raise ValidationError(field, f"{en} {text!r} is not one of: {', '.join(codes)}.",
                          f"{zh} {text!r} 无效，可选："
                          f"{_vocabulary.choices(_VOCABULARY_OF.get(vocabulary), codes, 'zh')}。")


def whole_number(value: object, field: str, low: int, high: int) -> int:
    """An integer in [low, high]; digits in a string are accepted, fractions are not."""
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        number = int(value.strip())
    if number is None or not low <= number <= high:
        en, zh = label(field)
        raise ValidationError(
            field, f"{en} must be a whole number from {low} to {high}; got {value!r}.",
            f"{zh}必须是 {low} 到 {high} 之间的整数，当前为 {value!r}。")
    return number


def score(value: object, field: str = "satisfaction") -> int | None:
    """A satisfaction score 1–5, or None when not given."""
    if value is None or value == "":
        return None
    return whole_number(value, field, 1, 5)


def json_ready(value):
    """`value` (a record's asdict(), a list of them…) for json.dumps: dates and times as
    ISO text, tuples as lists."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    return value
