"""Revisit plans: the tiers' service strategies turned into reminders, idempotently,
on working days (work_calendar, with 调休), under a daily capacity per owner
(capacity), from the candidates each strategy yields (candidates, lunar_birthday).

Entry points: planner.preview_plan / apply_plan."""
