"""The active loyalty rules, read once per call from the versioned rule set."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class LoyaltyRules:
    body: dict[str, Any]  # the merged `loyalty` section
    rule_set_id: int | None = None

    @property
    def per_yuan(self) -> float:
        return float(self.body["points_per_yuan"])

    def tier_multiplier(self, tier: str | None) -> float:
        return float(self.body["tier_multipliers"].get(tier or "", 1.0)) if tier else 1.0

    @property
    def birthday_multiplier(self) -> float:
        return float(self.body["birthday_multiplier"])

    @property
    def excluded(self) -> tuple[str, ...]:
        return tuple(self.body["excluded_categories"])

    @property
    def expiry(self) -> dict[str, Any]:
        return self.body["expiry"]

    @property
    def levels(self) -> dict[str, Any]:
        return self.body["levels"]

    def expires_on(self, earned: date) -> date | None:
        """The last day points earned on `earned` can be spent (None: never expire)."""
        policy = self.expiry["policy"]
        if policy == "year_end":
            return date(earned.year + int(self.expiry["years"]), 12, 31)
        if policy == "days":
            return earned + timedelta(days=int(self.expiry["days"]))
        return None

    def points_for(self, amount_fen: int, tier: str | None, birthday_month: bool) -> int:
        """Points for a purchase of |amount_fen| (whole points, fractions dropped): the
        same arithmetic as the SQL of earn.py."""
        factor = self.per_yuan * self.tier_multiplier(tier) * (
            self.birthday_multiplier if birthday_month else 1.0)
        return int(abs(amount_fen) * factor / 100.0 + 1e-9)


def loyalty_rules(session: Session, body: dict[str, Any] | None = None) -> LoyaltyRules:
    from app.services.tiers.rules import active_rules, validate

    if body is not None:  # rules being tried out (tests, previews)
        return LoyaltyRules(validate(body)["loyalty"])
    rules = active_rules(session)
    return LoyaltyRules(rules["loyalty"], rules.rule_set_id)
