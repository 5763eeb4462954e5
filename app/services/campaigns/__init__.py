"""Campaigns: create (service), launch to a saved segment with consent checks, a seeded
hold-out control group, call reminders under the revisit planner's capacity or a masked
contact list (launch), and the result against the control group (evaluate)."""
