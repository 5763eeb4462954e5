"""Every table that belongs to a customer, and what a merge does with it: the one list
a merge and an unmerge walk, so that a table added later cannot be forgotten (a test
fails when a column referring to customer.id is in neither list)."""

from __future__ import annotations

MOVE = "move"  # the rows go to the kept customer; an unmerge sends each one back
UNITE = "unite"  # customer_tag: the kept customer gets the union of the tags
RECOMPUTE = "recompute"  # customer_tier: computed again for the kept customer
# Figures the next run computes for everyone (predicted value, discovered groups): a
# merge leaves the rows as they are (a tombstone's are never read, the kept customer's
# are replaced by the next run), so an unmerge has nothing to restore either.
DERIVED = "derived"

# table → (its customer column, policy)
OWNED: dict[str, tuple[str, str]] = {
    "purchase": ("customer_id", MOVE),
    "contact_event": ("customer_id", MOVE),
    "reminder": ("customer_id", MOVE),
    "complaint": ("customer_id", MOVE),
    "tier_snapshot": ("customer_id", MOVE),
    "customer_provenance": ("customer_id", MOVE),
    "consent_entry": ("customer_id", MOVE),  # the kept customer's flag follows the ledger
    "customer_hold": ("customer_id", MOVE),  # a hold binds the person, whichever record
    "campaign_member": ("customer_id", MOVE),  # the outcome logged stays with the person
    "survey_response": ("customer_id", MOVE),  # the answers are the person's
    # Points follow the person: the kept customer's balance is the sum of both ledgers,
    # and an unmerge sends every entry back (loyalty.levels recomputes the kept level).
    "points_entry": ("customer_id", MOVE),
    "coupon": ("customer_id", MOVE),
    "level_change": ("customer_id", MOVE),
    "customer_tag": ("customer_id", UNITE),
    "customer_tier": ("customer_id", RECOMPUTE),
    "customer_clv": ("customer_id", DERIVED),
    "customer_cluster": ("customer_id", DERIVED),
    "member_level": ("customer_id", DERIVED),  # recomputed for those a merge touches
}

# Columns that refer to a customer without being owned by one (and why).
NOT_OWNED: dict[tuple[str, str], str] = {
    ("customer_merge", "kept_id"): "the merge's own record",
    ("not_duplicate", "a_id"): "a review decision about a pair",
    ("not_duplicate", "b_id"): "a review decision about a pair",
    ("customer", "merged_into_id"): "the tombstone's pointer",
}


def moved_tables() -> list[str]:
    return [t for t, (_c, policy) in OWNED.items() if policy == MOVE]
