"""Campaigns: define (a target, a channel, a period, an offer, a script, a control
group), launch (consent per channel, holds, the control group drawn with a recorded
seed, call reminders under the planner's capacity or a contact list), outcomes, and the
evaluation against the control group."""
