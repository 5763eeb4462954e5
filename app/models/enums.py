"""Closed vocabularies stored as short text codes (readable in exports and SQL)."""

from __future__ import annotations

from enum import StrEnum


class CustomerKind(StrEnum):
    INDIVIDUAL = "individual"
    ENTERPRISE = "enterprise"
    INSTITUTION = "institution"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


class Channel(StrEnum):
    PHONE = "phone"
    VISIT = "visit"
    WECHAT = "wechat"
    SMS = "sms"
    EMAIL = "email"
    IN_BRANCH = "in_branch"
    OTHER = "other"


class Direction(StrEnum):
    OUTBOUND = "outbound"
    INBOUND = "inbound"


class Purpose(StrEnum):
    ROUTINE = "routine"
    REVISIT = "revisit"
    CARE = "care"
    SURVEY = "survey"
    COMPLAINT = "complaint"
    SALE = "sale"


class ReminderKind(StrEnum):
    REVISIT = "revisit"
    BIRTHDAY = "birthday"
    AFTER_PURCHASE = "after_purchase"
    MANUAL = "manual"
    COMPLAINT_DEADLINE = "complaint_deadline"
    WIN_BACK = "win_back"
    CAMPAIGN = "campaign"  # a call or visit of a campaign (services.campaigns)
    SURVEY_FOLLOW_UP = "survey_follow_up"  # a low survey score or an NPS detractor


class ReminderStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    SNOOZED = "snoozed"
    CANCELLED = "cancelled"


class ComplaintSeverity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class ComplaintStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


class ValueTier(StrEnum):
    VIP = "vip"
    HIGH = "high"
    MID = "mid"
    LOW = "low"


class LifecycleStage(StrEnum):
    POTENTIAL = "potential"
    NEW = "new"
    REPEAT = "repeat"
    LOYAL = "loyal"
    AT_RISK = "at_risk"
    CHURNED = "churned"
    WON_BACK = "won_back"
