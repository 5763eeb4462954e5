"""Value tiers (RFM quintiles + ABC → VIP/high/mid/low) and lifecycle stages: the rules
(rules), the computation over all customers as arrays (compute, vector), the reference
lifecycle of one customer (lifecycle) and the reason in words (reason).

Entry points: service.recompute / summary / tier_of / refresh_if_stale,
rules.active_rules / save_rules."""
