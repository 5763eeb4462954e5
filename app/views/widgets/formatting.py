"""How values look in the UI: dates as 2026-11-24, money as ¥1,234.50, and the
display names of stored codes (kind, gender, channel…), translated."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CTX = "Labels"

_LABELS: dict[str, dict[str, str]] = {
    "kind": {
        "individual": QT_TRANSLATE_NOOP("Labels", "Individual"),
        "enterprise": QT_TRANSLATE_NOOP("Labels", "Enterprise"),
        "institution": QT_TRANSLATE_NOOP("Labels", "Institution"),
    },
    "gender": {
        "male": QT_TRANSLATE_NOOP("Labels", "Male"),
        "female": QT_TRANSLATE_NOOP("Labels", "Female"),
        "unknown": QT_TRANSLATE_NOOP("Labels", "Unknown"),
    },
    "channel": {
        "phone": QT_TRANSLATE_NOOP("Labels", "Phone"),
        "visit": QT_TRANSLATE_NOOP("Labels", "Visit"),
        "wechat": QT_TRANSLATE_NOOP("Labels", "WeChat"),
        "sms": QT_TRANSLATE_NOOP("Labels", "SMS"),
        "email": QT_TRANSLATE_NOOP("Labels", "E-mail"),
        "in_branch": QT_TRANSLATE_NOOP("Labels", "In branch"),
        "other": QT_TRANSLATE_NOOP("Labels", "Other"),
    },
    "direction": {
        "outbound": QT_TRANSLATE_NOOP("Labels", "Outbound"),
        "inbound": QT_TRANSLATE_NOOP("Labels", "Inbound"),
    },
    "purpose": {
        "routine": QT_TRANSLATE_NOOP("Labels", "Routine"),
        "revisit": QT_TRANSLATE_NOOP("Labels", "Revisit"),
        "care": QT_TRANSLATE_NOOP("Labels", "Care"),
        "survey": QT_TRANSLATE_NOOP("Labels", "Survey"),
        "complaint": QT_TRANSLATE_NOOP("Labels", "Complaint"),
        "sale": QT_TRANSLATE_NOOP("Labels", "Sale"),
    },
    "reminder_kind": {
        "revisit": QT_TRANSLATE_NOOP("Labels", "Revisit"),
        "birthday": QT_TRANSLATE_NOOP("Labels", "Birthday"),
        "after_purchase": QT_TRANSLATE_NOOP("Labels", "After purchase"),
        "manual": QT_TRANSLATE_NOOP("Labels", "Manual"),
        "complaint_deadline": QT_TRANSLATE_NOOP("Labels", "Complaint deadline"),
        "win_back": QT_TRANSLATE_NOOP("Labels", "Win back"),
        "campaign": QT_TRANSLATE_NOOP("Labels", "Campaign"),
        "survey_follow_up": QT_TRANSLATE_NOOP("Labels", "Survey follow-up"),
    },
    "reminder_status": {
        "open": QT_TRANSLATE_NOOP("Labels", "Open"),
        "done": QT_TRANSLATE_NOOP("Labels", "Done"),
        "snoozed": QT_TRANSLATE_NOOP("Labels", "Snoozed"),
        "cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    },
    "severity": {
        "low": QT_TRANSLATE_NOOP("Labels", "Low"),
        "medium": QT_TRANSLATE_NOOP("Labels", "Medium"),
        "high": QT_TRANSLATE_NOOP("Labels", "High"),
        "critical": QT_TRANSLATE_NOOP("Labels", "Critical"),
    },
    "complaint_status": {
        "open": QT_TRANSLATE_NOOP("Labels", "Open"),
        "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
        "resolved": QT_TRANSLATE_NOOP("Labels", "Resolved"),
        "closed": QT_TRANSLATE_NOOP("Labels", "Closed"),
    },
    "value_tier": {
        "vip": QT_TRANSLATE_NOOP("Labels", "VIP"),
        "high": QT_TRANSLATE_NOOP("Labels", "High value"),
        "mid": QT_TRANSLATE_NOOP("Labels", "Mid value"),
        "low": QT_TRANSLATE_NOOP("Labels", "Low value"),
    },
    "lifecycle": {
        "potential": QT_TRANSLATE_NOOP("Labels", "Potential"),
        "new": QT_TRANSLATE_NOOP("Labels", "New"),
        "repeat": QT_TRANSLATE_NOOP("Labels", "Repeat"),
        "loyal": QT_TRANSLATE_NOOP("Labels", "Loyal"),
        "at_risk": QT_TRANSLATE_NOOP("Labels", "At risk"),
        "churned": QT_TRANSLATE_NOOP("Labels", "Churned"),
        "won_back": QT_TRANSLATE_NOOP("Labels", "Won back"),
    },
}


def label(kind: str, code: str | None) -> str:
    """Translated display name of a stored code; unknown codes shown as they are."""
    if not code:
        return ""
    source = _LABELS.get(kind, {}).get(code)
    return QCoreApplication.translate(CTX, source) if source else code


def choices(kind: str) -> list[tuple[str, str]]:
    """(code, translated label) pairs for a combo box."""
    return [(code, QCoreApplication.translate(CTX, src)) for code, src in _LABELS[kind].items()]


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat()


def format_datetime(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def format_money(fen: int | None) -> str:
    """Integer fen → ¥1,234.50 (never via float)."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(int(fen)), 100)
    return f"{sign}¥{yuan:,}.{cents:02d}"
