"""The `loyalty` section of the versioned rule set (tiers.rules stores and versions it):
points per yuan, multipliers per value tier and for the birthday month, categories that
earn nothing, the expiry policy and the member levels. Defaults here; `validate` says
which setting is wrong and why. Imports nothing of tiers (tiers.rules imports this)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from app.errors import ValidationError

TIER_CODES = ("vip", "high", "mid", "low")
EXPIRY_POLICIES = ("none", "year_end", "days")
LEVEL_BASES = ("points", "tier")

LOYALTY_DEFAULTS: dict[str, Any] = {
    "points_per_yuan": 1,  # points for each whole yuan spent (fractions are dropped)
    # Multiplied in by the customer's value tier at earning time (no tier: 1).
    "tier_multipliers": {"vip": 2.0, "high": 1.5, "mid": 1.2, "low": 1.0},
    "birthday_multiplier": 2.0,  # a purchase in the customer's birthday month
    "excluded_categories": [],  # purchases of these categories earn nothing
    # "year_end": points expire at the end of the year `years` after the year they were
    # earned (1: earned in 2026, gone after 2027-12-31); "days": `days` after earning;
    # "none": never. Oldest points go first.
    "expiry": {"policy": "year_end", "years": 1, "days": 730},
    # Levels from the points earned in the last `window_days` ("points": reach
    # min_points) or from the value tier ("tier": by_tier names the level).
    "levels": {
        "basis": "points",
        "window_days": 365,
        "names": ["普卡", "银卡", "金卡", "钻石卡"],
        "min_points": [0, 1000, 5000, 20000],
        "by_tier": {"vip": "钻石卡", "high": "金卡", "mid": "银卡", "low": "普卡"},
    },
}


def _bad(path: str, en: str, zh: str) -> ValidationError:
    return ValidationError(f"loyalty.{path}", f"loyalty.{path}: {en}", f"loyalty.{path}：{zh}")


def _number(path: str, value: Any, lo: float, hi: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        raise _bad(path, f"must be a number from {lo:g} to {hi:g}.",
                   f"必须是 {lo:g} 到 {hi:g} 之间的数。")


def _whole(path: str, value: Any, lo: int, hi: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise _bad(path, f"must be a whole number from {lo} to {hi}.",
                   f"必须是 {lo} 到 {hi} 之间的整数。")


def _texts(path: str, value: Any, *, max_len: int) -> list[str]:
    if not isinstance(value, list) or not all(
            isinstance(v, str) and v.strip() and len(v) <= max_len for v in value):
        raise _bad(path, f"must be a list of names (each at most {max_len} characters).",
                   f"必须是名称列表（每个最多 {max_len} 个字）。")
    return value


def validate_loyalty(section: Any) -> None:
    """Raise a ValidationError naming the first setting of `section` that is wrong."""
    if not isinstance(section, dict):
        raise _bad("", "must be a set of settings.", "必须是一组设置。")
    _number("points_per_yuan", section["points_per_yuan"], 0, 1000)
    multipliers = section["tier_multipliers"]
    if not isinstance(multipliers, dict):
        raise _bad("tier_multipliers", "must give a multiplier per tier (vip, high, mid, low).",
                   "须为每个价值等级（vip、high、mid、low）给出倍数。")
    for tier in TIER_CODES:
        _number(f"tier_multipliers.{tier}", multipliers.get(tier), 0, 10)
    unknown = sorted(set(multipliers) - set(TIER_CODES))
    if unknown:
        raise _bad("tier_multipliers", f"unknown tier {unknown[0]!r}; the tiers are "
                   "vip, high, mid and low.", f"未知的价值等级 {unknown[0]!r}；"
                   "可用 vip、high、mid、low。")
    _number("birthday_multiplier", section["birthday_multiplier"], 1, 10)
    _texts("excluded_categories", section["excluded_categories"], max_len=100)
    expiry = section["expiry"]
    if not isinstance(expiry, dict) or expiry.get("policy") not in EXPIRY_POLICIES:
        raise _bad("expiry.policy", "must be \"none\", \"year_end\" or \"days\".",
                   "必须是 \"none\"（不过期）、\"year_end\"（年末）或 \"days\"（天数）。")
    if expiry["policy"] == "year_end":
        _whole("expiry.years", expiry.get("years"), 0, 10)
    if expiry["policy"] == "days":
        _whole("expiry.days", expiry.get("days"), 1, 3650)
    levels = section["levels"]
    if not isinstance(levels, dict) or levels.get("basis") not in LEVEL_BASES:
        raise _bad("levels.basis", "must be \"points\" (earned in the window) or \"tier\" "
                   "(the value tier).", "必须是 \"points\"（期间内获得的积分）或 \"tier\""
                   "（价值等级）。")
    _whole("levels.window_days", levels.get("window_days"), 1, 3650)
    names = _texts("levels.names", levels.get("names"), max_len=20)
    if not 1 <= len(names) <= 10 or len(set(names)) != len(names):
        raise _bad("levels.names", "needs one to ten different names, lowest first.",
                   "须有 1 到 10 个互不相同的名称，由低到高。")
    thresholds = levels.get("min_points")
    if not isinstance(thresholds, list) or len(thresholds) != len(names):
        raise _bad("levels.min_points", "needs one threshold per level name.",
                   "每个等级名称须对应一个积分门槛。")
    for n, value in enumerate(thresholds):
        _whole(f"levels.min_points.{n}", value, 0, 10**9)
    if thresholds[0] != 0 or any(b <= a for a, b in pairwise(thresholds)):
        raise _bad("levels.min_points", "must start at 0 and rise from each level to the "
                   "next.", "须从 0 开始，且逐级升高。")
    by_tier = levels.get("by_tier")
    if not isinstance(by_tier, dict) or any(by_tier.get(t) not in names for t in TIER_CODES):
        raise _bad("levels.by_tier", "must name one of the levels for each tier "
                   "(vip, high, mid, low).", "须为每个价值等级（vip、high、mid、low）"
                   "指定一个会员等级名称。")
