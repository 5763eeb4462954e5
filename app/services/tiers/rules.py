"""The tiering and revisit rules: thresholds, per-tier strategies, capacity.

Stored as versioned JSON in `rule_set` (name "tiering"); saving never edits a
version in place, it adds the next one and makes it the active one, so every
snapshot can name the rules it was computed under. A missing key falls back to
its default, so an older rule set keeps working when a new setting appears.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import RuleSet
from app.models.base import now
from app.models.enums import ValueTier
from app.services.loyalty.rules import LOYALTY_DEFAULTS, validate_loyalty

RULE_SET_NAME = "tiering"
TIERS = (ValueTier.VIP, ValueTier.HIGH, ValueTier.MID, ValueTier.LOW)  # best first
ABC_ORDER = "ABC"
# What "value" means for the M score and the ABC classes: the historical revenue in the
# window, or the latest predicted value (services.clv, see tiers.value).
VALUE_BASES = ("monetary", "clv")

DEFAULT_RULES: dict[str, Any] = {
    "window_days": 365,  # F and M are counted over this many days; None = all history
    "abc": {"a_share": 0.70, "b_share": 0.90},
    "value_basis": "monetary",  # or "clv": M and ABC rank the predicted value instead
    # First match wins, best tier first; a customer matching none is "low".
    # score = R + F + M (3..15); min_abc "B" admits classes A and B.
    "tiers": {
        "vip": {"min_score": 13, "min_abc": "A"},
        "high": {"min_score": 10, "min_abc": "B"},
        "mid": {"min_score": 7, "min_abc": "C"},
    },
    "lifecycle": {
        "loyal_min_purchases": 5,
        "single_purchase_gap_days": 90,  # the rhythm assumed after one purchase
        "at_risk_multiple": 2.0,
        "at_risk_floor_days": 60,
        "churned_multiple": 4.0,
        "churned_floor_days": 180,
        "won_back_days": 180,  # how long a returned customer stays "won back"
    },
    "strategy": {
        "vip": {"cadence_days": 30},
        "high": {"cadence_days": 45},
        "mid": {"cadence_days": 90},
        "low": {"cadence_days": 180},
    },
    "after_purchase_days": 3,
    "birthday_care": True,
    "birthday_lead_days": 0,  # the care call on the day (0) or this many days before
    "win_back": True,
    "daily_capacity": 20,  # planned revisits per owner per working day
    # A saved segment's own revisit cadence, over its members' tier cadence; the first
    # entry a customer is a member of wins: [{"segment": NAME, "every_days": N}, ...].
    "segment_cadence": [],
    # Predicted value (services.clv): a yuan next year is worth 1/(1 + rate) today.
    "clv_discount_rate": 0.10,
    # Retention (PIPL Art. 19, GB/T 35273 §6.1): personal data is kept this many years
    # after the customer's last purchase or contact (after creation if neither).
    "retention_years": 5,
    # Satisfaction surveys (services.surveys): each month's score (0–100) should reach the
    # target; a response below the low mark, or an NPS detractor, gets a follow-up.
    "satisfaction_target": 80,
    "satisfaction_low": 60,
    # Points, rewards and member levels (services.loyalty.rules).
    "loyalty": LOYALTY_DEFAULTS,
}


@dataclass(frozen=True)
class Rules:
    """The active rules: the merged JSON body and the rule_set row it came from."""

    body: dict[str, Any]
    rule_set_id: int | None = None
    version: int = 0

    def __getitem__(self, key: str) -> Any:
        return self.body[key]

    @property
    def lifecycle(self) -> dict[str, Any]:
        return self.body["lifecycle"]

    def cadence_days(self, tier: str | None) -> int | None:
        entry = self.body["strategy"].get(tier or "")
        return int(entry["cadence_days"]) if entry and entry.get("cadence_days") else None


def merged(body: dict[str, Any] | None) -> dict[str, Any]:
    """Defaults overlaid with `body`, one level of nesting deep."""
    out = copy.deepcopy(DEFAULT_RULES)
    for key, value in (body or {}).items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            for sub, subvalue in value.items():
                if isinstance(subvalue, dict) and isinstance(out[key].get(sub), dict):
                    out[key][sub] = {**out[key][sub], **subvalue}
                else:
                    out[key][sub] = subvalue
        else:
            out[key] = value
    return out


def _number(body: dict, path: str, value: Any, lo: float, hi: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        raise ValidationError(path, f"{path} must be a number from {lo:g} to {hi:g}.",
                              f"{path} 必须是 {lo:g} 到 {hi:g} 之间的数。")


def _whole(path: str, value: Any, lo: int, hi: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ValidationError(path, f"{path} must be a whole number from {lo} to {hi}.",
                              f"{path} 必须是 {lo} 到 {hi} 之间的整数。")


def _flag(path: str, value: Any) -> None:
    if not isinstance(value, bool):
        raise ValidationError(path, f"{path} must be true or false.",
                              f"{path} 必须是 true 或 false。")


def validate(body: dict[str, Any]) -> dict[str, Any]:
    """The merged rules if they make sense, else a ValidationError naming the setting."""
    rules = merged(body)
    window = rules["window_days"]
    if window is not None:
        _number(rules, "window_days", window, 1, 36500)
    a, b = rules["abc"]["a_share"], rules["abc"]["b_share"]
    _number(rules, "abc.a_share", a, 0.01, 1)
    _number(rules, "abc.b_share", b, 0.01, 1)
    if a > b:
        raise ValidationError("abc.b_share", "The B share must not be below the A share.",
                              "B 类累计占比不能低于 A 类。")
    previous = 16
    for tier in ("vip", "high", "mid"):
        entry = rules["tiers"][tier]
        _number(rules, f"tiers.{tier}.min_score", entry["min_score"], 3, 15)
        if entry.get("min_abc") not in tuple(ABC_ORDER):
            raise ValidationError(f"tiers.{tier}.min_abc", "The ABC class must be A, B or C.",
                                  "ABC 类别必须是 A、B 或 C。")
        if entry["min_score"] > previous:
            raise ValidationError(f"tiers.{tier}.min_score",
                                  "A lower tier cannot need a higher score than the one above.",
                                  "较低等级所需的分数不能高于上一级。")
        previous = entry["min_score"]
    life = rules["lifecycle"]
    _number(rules, "lifecycle.loyal_min_purchases", life["loyal_min_purchases"], 2, 1000)
    _number(rules, "lifecycle.single_purchase_gap_days", life["single_purchase_gap_days"], 1,
            3650)
    _number(rules, "lifecycle.at_risk_multiple", life["at_risk_multiple"], 1, 100)
    _number(rules, "lifecycle.churned_multiple", life["churned_multiple"], 1, 100)
    _number(rules, "lifecycle.at_risk_floor_days", life["at_risk_floor_days"], 0, 3650)
    _number(rules, "lifecycle.churned_floor_days", life["churned_floor_days"], 0, 3650)
    _number(rules, "lifecycle.won_back_days", life["won_back_days"], 1, 3650)
    if (life["churned_multiple"] < life["at_risk_multiple"]
            or life["churned_floor_days"] < life["at_risk_floor_days"]):
        raise ValidationError("lifecycle.churned_multiple",
                              "Churned must come after at risk (multiple and floor).",
                              "“已流失”的倍数和下限不能小于“流失风险”。")
    for tier in TIERS:
        _whole(f"strategy.{tier}.cadence_days", rules["strategy"][tier]["cadence_days"], 1, 3650)
    _whole("after_purchase_days", rules["after_purchase_days"], 0, 365)
    _whole("birthday_lead_days", rules["birthday_lead_days"], 0, 30)
    _whole("daily_capacity", rules["daily_capacity"], 1, 1000)
    entries = rules["segment_cadence"]
    if not isinstance(entries, list) or not all(
            isinstance(e, dict) and isinstance(e.get("segment"), str) and e["segment"].strip()
            for e in entries):
        raise ValidationError("segment_cadence",
                              "Each segment cadence names a saved segment.",
                              "每条分群回访周期都须指定一个已保存的分群。")
    for n, entry in enumerate(entries):
        _whole(f"segment_cadence.{n}.every_days", entry.get("every_days"), 1, 3650)
    if rules["value_basis"] not in VALUE_BASES:
        raise ValidationError("value_basis",
                              "value_basis must be \"monetary\" (historical revenue) or "
                              "\"clv\" (predicted value).",
                              "value_basis 必须是 \"monetary\"（历史消费金额）或 "
                              "\"clv\"（预测价值）。")
    _number(rules, "clv_discount_rate", rules["clv_discount_rate"], 0, 1)
    years = rules["retention_years"]
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 30:
        raise ValidationError("retention_years",
                              f"The retention period must be a whole number of years from 1 "
                              f"to 30 (not {years}): years after the last purchase or "
                              "contact.", f"保存期限必须是 1 到 30 之间的整数年（不是 {years}），"
                              "自最后一次购买或联系起算。")
    _number(rules, "satisfaction_target", rules["satisfaction_target"], 1, 100)
    _number(rules, "satisfaction_low", rules["satisfaction_low"], 0, 100)
    if rules["satisfaction_low"] > rules["satisfaction_target"]:
        raise ValidationError("satisfaction_low",
                              "The low mark for a follow-up cannot be above the target.",
                              "触发跟进的低分线不能高于满意度目标。")
    _flag("birthday_care", rules["birthday_care"])
    _flag("win_back", rules["win_back"])
    if window is not None:
        _whole("window_days", window, 1, 36500)
    for path in ("lifecycle.loyal_min_purchases", "lifecycle.single_purchase_gap_days",
                 "lifecycle.at_risk_floor_days", "lifecycle.churned_floor_days",
                 "lifecycle.won_back_days"):
        section, key = path.split(".")
        _whole(path, rules[section][key], 0, 36500)
    for tier in ("vip", "high", "mid"):
        _whole(f"tiers.{tier}.min_score", rules["tiers"][tier]["min_score"], 3, 15)
    validate_loyalty(rules["loyalty"])
    return rules


def active_rules(session: Session) -> Rules:
    row = session.scalars(select(RuleSet).where(RuleSet.name == RULE_SET_NAME,
                                                RuleSet.active.is_(True))
                          .order_by(RuleSet.version.desc()).limit(1)).first()
    if row is None:
        return Rules(merged(None))
    return Rules(merged(row.body), row.id, row.version)


def save_rules(session: Session, body: dict[str, Any]) -> Rules:
    """Validate and store `body` as the next version, the active one from now on."""
    rules = validate(body)
    latest = session.scalar(select(func.max(RuleSet.version))
                            .where(RuleSet.name == RULE_SET_NAME)) or 0
    session.execute(update(RuleSet).where(RuleSet.name == RULE_SET_NAME).values(active=False))
    row = RuleSet(name=RULE_SET_NAME, version=latest + 1, body=rules, active=True,
                  created_at=now())
    session.add(row)
    session.flush()
    return Rules(rules, row.id, row.version)
