"""The revisit plan preview tells apart what it adds and what is already there: a
person's reminders on a Saturday and on a day already past the cap are shown as
existing, the plan adds nothing there, never passes the cap (1 here) and shows no day
off it does not have to (Dragon Boat Festival, 19 June 2026); every count explains
itself in a tooltip."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.services.daily.reminders import create_reminder
from app.services.tiers import service as tier_service
from app.services.tiers.rules import save_rules
from app.views.shell.app_context import AppContext
from app.views.tiers.plan_dialog import COUNT_KEYS, PlanDialog
from app.views.tiers.plan_load_table import COUNTS_ROLE, DAY_OFF, OVER
from tests.daily_helpers import make_customer
from tests.tier_helpers import AS_OF, add_purchase, make_tier_fixture

CLOCK = datetime(2026, 6, 1, 9, 0)  # a Monday
SATURDAY, CROWDED = date(2026, 6, 6), date(2026, 6, 2)


@pytest.fixture
def dialog(qtbot, vault):
    ids = make_tier_fixture(vault)
    for n, name in enumerate(("庚", "辛", "壬")):  # nobody's customers, long silent
        cid = make_customer(vault, name, phone=f"1371234000{n}")
        with vault.sessions.begin() as s:
            add_purchase(s, cid, 500, 1000)
    with vault.sessions.begin() as s:
        tier_service.recompute(s, AS_OF, clock=lambda: CLOCK)
        save_rules(s, {"daily_capacity": 1})
        for day, n in ((SATURDAY, 3), (CROWDED, 2)):  # a person's own calls
            for hour in range(9, 9 + n):
                create_reminder(s, ids["己"], due_at=datetime(day.year, day.month, day.day,
                                                             hour), title="回访",
                                kind="after_purchase", now=CLOCK)
    dialog = PlanDialog(AppContext(vault), clock=lambda: CLOCK)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=10000):
        dialog.show()
    yield dialog
    dialog.reject()


def _cells(table):
    for r in range(table.rowCount()):
        for c in range(table.columnCount()):
            item = table.item(r, c)
            if item is not None:
                yield table.verticalHeaderItem(r).text(), table.horizontalHeaderItem(c), item


def test_the_preview_shows_added_and_existing_apart_within_the_cap(dialog):
    table, plan = dialog.table, dialog.plan
    assert plan.capacity == 1 and plan.create
    headers = [table.horizontalHeaderItem(c) for c in range(table.columnCount())]
    days = [h.text().split("\n")[0] for h in headers]
    off = [h.text().split("\n")[0] for h in headers if h.background().color() == DAY_OFF]
    assert off == ["06-06"]  # the Saturday holding a person's calls, no other day off
    assert "06-07" not in days and "06-19" not in days  # Sunday, Dragon Boat Festival
    assert {table.verticalHeaderItem(r).text() for r in range(table.rowCount())} == {
        "王经理", "(no owner)"}
    added_total = 0
    for owner, header, item in _cells(table):
        added, there = item.data(COUNTS_ROLE)
        added_total += added
        if header.background().color() == DAY_OFF:
            assert added == 0
        if added:
            assert added + there <= plan.capacity, (owner, header.text())
        assert item.toolTip() and str(added) in item.toolTip()
    assert added_total == len(plan.items)
    by_day = {(owner, header.text().split("\n")[0]): item for owner, header, item in
              _cells(table)}
    assert by_day[("王经理", "06-06")].text() == "0 (+3)"
    crowded = by_day[("王经理", "06-02")]
    assert crowded.text() == "0 (+2)" and crowded.background().color() == OVER
    # the three customers of nobody: one a working day, not all three today
    nobody = sorted(h for (o, h), item in by_day.items() if o == "(no owner)")
    assert len(nobody) == 3 and all(by_day[("(no owner)", h)].text() == "1" for h in nobody)


def test_every_count_says_what_it_counts(dialog):
    tips = [dialog.counts[key].toolTip() for key in COUNT_KEYS]
    assert all(tips) and len(set(tips)) == len(tips)
    held = dialog.counts["held"]
    assert held.text() == f"Left to a person: {dialog.plan.held:,}"
    assert "a person already handles" in held.toolTip()
    assert "capacity of 1" in dialog.counts["spilled"].toolTip()
    assert dialog.kinds.toolTip() and "capacity of 1" in dialog.legend.text()
