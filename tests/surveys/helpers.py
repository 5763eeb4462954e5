"""Shared pieces of the survey tests."""

from __future__ import annotations

from datetime import datetime

from app.services.surveys import templates

# A Friday afternoon: the follow-ups are due on the second working day after it.
NOW = datetime(2026, 12, 4, 15, 0)


def seeded(vault) -> None:
    with vault.sessions.begin() as s:
        templates.ensure_defaults(s)


GOOD = {"q1": 5, "q2": 5, "q3": "已解决", "nps": 10}  # 回访满意度 → 100
