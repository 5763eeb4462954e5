"""Loyalty: the points ledger (ledger), earning from purchases (earn), expiry (expiry),
the rewards catalogue and redemption (rewards), coupons (coupons), member levels
(levels) and the daily run that ties them to the tier recompute (daily). The earning
rules are the `loyalty` section of the versioned rule set (rules)."""
