"""The revisit planner against a real encrypted file, with hand-computed days:
working days and 调休, capacity overflow and its order, the four kinds, idempotent
re-planning, and rules changes that move only the reminders nobody touched."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.models import ContactEvent, CustomerTier, Purchase, Reminder
from app.services.customers import service as customer_service
from app.services.customers.input import CustomerInput
from app.services.daily.reminders import (
    cancel_reminder,
    create_reminder,
    edit_reminder,
    snooze_reminder,
)
from app.services.revisits.planner import apply_plan, preview_plan
from app.services.tiers.rules import Rules, merged, save_rules


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store

CLOCK = datetime(2026, 11, 24, 10, 15)


def add_customer(s, name: str, owner: str | None = "王经理", **fields) -> int:
    return customer_service.create_customer(s, CustomerInput(name=name, owner=owner,
                                                             **fields)).id


def set_tier(s, cid: int, tier: str | None, last_purchase: date | None,
             stage: str = "repeat") -> None:
    s.add(CustomerTier(customer_id=cid, value_tier=tier, lifecycle_stage=stage,
                       frequency=1, monetary_fen=100,
                       first_purchase=last_purchase, last_purchase=last_purchase,
                       reason="{}", changed_at=CLOCK))
    s.flush()


def rules(**body) -> Rules:
    return Rules(merged(body))


def tiered(s, name: str, tier: str, last_purchase: date, **fields) -> int:
    cid = add_customer(s, name, **fields)
    set_tier(s, cid, tier, last_purchase)
    return cid


def dues(plan) -> list[tuple[int, str, date]]:
    """(customer, kind, due) of what the plan writes, in due order."""
    return sorted(((p.customer_id, p.kind, p.due) for p in plan.items),
                  key=lambda t: (t[2], t[0], t[1]))


def reminders(s) -> list[tuple]:
    return [tuple(r) for r in s.execute(
        select(Reminder.id, Reminder.customer_id, Reminder.kind, Reminder.due_at,
               Reminder.status, Reminder.user_modified, Reminder.title, Reminder.owner,
               Reminder.origin_rule, Reminder.idempotency_key, Reminder.snoozed_until,
               Reminder.updated_at).order_by(Reminder.id))]


def count(s) -> int:
    return s.scalar(select(func.count()).select_from(Reminder))


# --- working days ----------------------------------------------------------------------
def test_due_days_skip_national_day_2025_and_keep_adjusted_working_days(session):
    """Friday 26 September 2025, VIP cadence 30: targets on a Saturday before the
    holiday, inside it, on the worked Saturday after it, and on a Sunday."""
    s = session
    a = tiered(s, "甲", "vip", date(2025, 8, 28))  # → Sat 27 Sep → the worked Sunday 28
    b = tiered(s, "乙", "vip", date(2025, 9, 2))   # → Thu 2 Oct (holiday) → Thu 9 Oct
    c = tiered(s, "丙", "vip", date(2025, 9, 11))  # → Sat 11 Oct, worked → itself
    d = tiered(s, "丁", "vip", date(2025, 9, 12))  # → Sun 12 Oct → Mon 13 Oct
    plan = preview_plan(s, date(2025, 9, 26), 30, rules(), clock=lambda: CLOCK)
    assert dues(plan) == [(a, "revisit", date(2025, 9, 28)), (b, "revisit", date(2025, 10, 9)),
                          (c, "revisit", date(2025, 10, 11)), (d, "revisit", date(2025, 10, 13))]
    assert [p.target for p in sorted(plan.items, key=lambda p: p.customer_id)] == [
        date(2025, 9, 27), date(2025, 10, 2), date(2025, 10, 11), date(2025, 10, 12)]
    assert plan.warnings == [] and plan.unknown_years == []


def test_uncovered_year_plans_weekdays_and_warns(session):
    s = session
    cid = tiered(s, "甲", "vip", date(2034, 12, 1))  # → Sun 31 Dec 2034 → Mon 1 Jan 2035
    plan = preview_plan(s, date(2034, 12, 20), 30, rules(), clock=lambda: CLOCK)
    assert dues(plan) == [(cid, "revisit", date(2035, 1, 1))]
    assert plan.unknown_years == [2034, 2035]
    assert "holidays of 2035 unknown: weekends only" in plan.warnings
    assert plan.to_json()["warnings"] == plan.warnings


# --- capacity ----------------------------------------------------------------------------
def _five_vips(s) -> list[int]:
    """Targets (VIP cadence 30): 19, 24, 19, 27 and 21 November 2026."""
    return [tiered(s, name, "vip", day) for name, day in (
        ("一", date(2026, 10, 20)), ("二", date(2026, 10, 25)), ("三", date(2026, 10, 20)),
        ("四", date(2026, 10, 28)), ("五", date(2026, 10, 22)))]


def test_capacity_overflow_two_two_one_most_overdue_first(session):
    """Friday 27 November 2026, capacity 2: all five are due today or overdue; the
    most overdue go first (c1 and c3 tie on 19 Nov: lower id first), the rest
    overflow over the weekend to Monday 30 Nov and Tuesday 1 Dec."""
    s = session
    c1, c2, c3, c4, c5 = _five_vips(s)
    plan = preview_plan(s, date(2026, 11, 27), 30, rules(daily_capacity=2),
                        clock=lambda: CLOCK)
    assert dues(plan) == [
        (c1, "revisit", date(2026, 11, 27)), (c3, "revisit", date(2026, 11, 27)),
        (c2, "revisit", date(2026, 11, 30)), (c5, "revisit", date(2026, 11, 30)),
        (c4, "revisit", date(2026, 12, 1))]
    assert plan.load == {("王经理", date(2026, 11, 27)): 2, ("王经理", date(2026, 11, 30)): 2,
                         ("王经理", date(2026, 12, 1)): 1}
    by_day = {}
    for p in sorted(plan.items, key=lambda p: p.due):
        by_day.setdefault(p.due, []).append(p.customer_id)
    assert by_day[date(2026, 11, 30)] == [c5, c2]  # 21 Nov before 24 Nov


def test_capacity_counts_existing_reminders_and_ranks_tiers(session):
    """As above, plus: a person's birthday reminder on Monday takes one place (manual
    ones do not count: capacity is about these four kinds); a high
    customer more overdue than all VIPs still comes after them; another owner's
    customer has a capacity of their own."""
    s = session
    c1, c2, c3, c4, c5 = _five_vips(s)
    c6 = tiered(s, "六", "high", date(2026, 9, 1))  # cadence 45 → 16 Oct
    c7 = tiered(s, "七", "vip", date(2026, 10, 1), owner="李经理")
    create_reminder(s, c1, due_at=datetime(2026, 11, 30, 15, 0), title="送生日礼物",
                    kind="birthday", now=CLOCK)
    create_reminder(s, c1, due_at=datetime(2026, 12, 1, 15, 0), title="送资料",
                    kind="manual", now=CLOCK)
    create_reminder(s, c1, due_at=datetime(2026, 12, 2, 9, 0), title="done already",
                    kind="revisit", now=CLOCK)  # a person's revisit: c1 is held…
    plan = preview_plan(s, date(2026, 11, 27), 30, rules(daily_capacity=2),
                        clock=lambda: CLOCK)
    assert plan.held == 1  # …so c1 gets no planned revisit
    assert dues(plan) == [
        (c3, "revisit", date(2026, 11, 27)), (c5, "revisit", date(2026, 11, 27)),
        (c7, "revisit", date(2026, 11, 27)),
        (c2, "revisit", date(2026, 11, 30)),
        (c4, "revisit", date(2026, 12, 1)), (c6, "revisit", date(2026, 12, 1))]
    assert plan.load[("王经理", date(2026, 11, 30))] == 2  # the birthday one + c2
    assert plan.load[("王经理", date(2026, 12, 2))] == 1  # the person's revisit
    assert plan.load[("李经理", date(2026, 11, 27))] == 1


def test_items_beyond_the_horizon_are_spilled_not_written(session):
    s = session
    ids = _five_vips(s)
    plan = preview_plan(s, date(2026, 11, 27), 3, rules(daily_capacity=2),
                        clock=lambda: CLOCK)  # Fri, Sat, Sun: only Friday works
    assert sorted(p.customer_id for p in plan.items) == [ids[0], ids[2]]
    assert dict(plan.spilled) == {"revisit": 3}
    apply_plan(s, plan, clock=lambda: CLOCK)
    assert count(s) == 2


# --- the four kinds ---------------------------------------------------------------------
def test_after_purchase_birthday_and_win_back(session):
    """Tuesday 1 September 2026, 30 days (to 30 September)."""
    s = session
    buyer = add_customer(s, "买家")  # no tier row: no revisit, but a follow-up
    for day in (date(2026, 8, 31), date(2026, 8, 31), date(2026, 8, 25)):
        s.add(Purchase(customer_id=buyer, purchased_on=day, amount_fen=9900))
    s.flush()
    first_pid = s.scalar(select(func.min(Purchase.id)))
    lunar = add_customer(s, "农历", birthday=date(1980, 8, 15), birthday_lunar=True)
    solar = add_customer(s, "公历", birthday=date(1975, 9, 20))
    late = add_customer(s, "明年", birthday=date(1975, 12, 1))  # outside the horizon
    risky = add_customer(s, "风险")
    set_tier(s, risky, "mid", date(2026, 3, 1), stage="at_risk")
    s.add(ContactEvent(customer_id=risky, occurred_at=datetime(2026, 8, 20, 14, 0),
                       channel="phone"))  # revisit: 20 Aug + 90 → 18 Nov, not now
    held = add_customer(s, "已有")
    set_tier(s, held, "low", date(2026, 3, 1), stage="at_risk")
    create_reminder(s, held, due_at=datetime(2026, 9, 10, 9, 0), title="挽回", kind="win_back",
                    now=CLOCK)
    s.flush()
    plan = preview_plan(s, date(2026, 9, 1), 30, rules(), clock=lambda: CLOCK)
    assert dues(plan) == [
        (risky, "win_back", date(2026, 9, 1)),
        (held, "revisit", date(2026, 9, 1)),          # low, 1 Mar + 180 = 28 Aug: overdue
        (buyer, "after_purchase", date(2026, 9, 3)),  # 31 Aug + 3; 25 Aug + 3 has passed
        (solar, "birthday", date(2026, 9, 20)),       # a Sunday, but worked (调休)
        (lunar, "birthday", date(2026, 9, 28)),       # 八月十五 = 25 Sep, Mid-Autumn → Mon
    ]
    keys = {p.kind: p.key for p in plan.items if p.customer_id != held}
    assert keys == {"after_purchase": f"plan:after_purchase:{first_pid}:2026-09-03",
                    "birthday": f"plan:birthday:{lunar}:2026:2026-09-25",
                    "win_back": f"plan:win_back:{risky}:2026-03-01"}
    assert plan.held == 1 and late not in {p.customer_id for p in plan.items}
    assert plan.counts() == {"revisit": 1, "after_purchase": 1, "birthday": 2, "win_back": 1}

    early = preview_plan(s, date(2026, 9, 1), 30, rules(birthday_lead_days=2, win_back=False),
                         clock=lambda: CLOCK)
    assert {(p.customer_id, p.due) for p in early.items if p.kind == "birthday"} == {
        (solar, date(2026, 9, 18)), (lunar, date(2026, 9, 23))}
    assert not [p for p in early.items if p.kind == "win_back"]
    off = preview_plan(s, date(2026, 9, 1), 30, rules(birthday_care=False), clock=lambda: CLOCK)
    assert off.counts()["birthday"] == 0


def test_birthday_across_new_year(session):
    s = session
    cid = add_customer(s, "元旦后", birthday=date(1988, 1, 5))
    plan = preview_plan(s, date(2026, 12, 20), 30, rules(), clock=lambda: CLOCK)
    assert [(p.key, p.due) for p in plan.items] == [
        (f"plan:birthday:{cid}:2027:2027-01-05", date(2027, 1, 5))]


# --- writing, idempotence, re-planning ----------------------------------------------------
def test_preview_writes_nothing_and_apply_writes_what_it_showed(session):
    s = session
    ids = _five_vips(s)
    plan = preview_plan(s, date(2026, 11, 27), 30, rules(daily_capacity=2),
                        clock=lambda: CLOCK)
    assert count(s) == 0
    result = apply_plan(s, plan, clock=lambda: CLOCK)
    assert (result.created, result.replaced, result.withdrawn, result.stale) == (5, 0, 0, 0)
    rows = {r[1]: r for r in reminders(s)}
    assert rows[ids[3]][3] == datetime(2026, 12, 1, 9, 0)
    assert rows[ids[3]][6] == "Revisit (VIP, every 30 days)"
    assert rows[ids[3]][8:10] == ("plan:revisit@v0", f"plan:revisit:{ids[3]}:2026-11-27")
    assert {r[4] for r in rows.values()} == {"open"} and not any(r[5] for r in rows.values())


def test_running_twice_adds_nothing(session):
    s = session
    _five_vips(s)
    buyer = add_customer(s, "买家", birthday=date(1990, 12, 3))
    s.add(Purchase(customer_id=buyer, purchased_on=date(2026, 11, 26), amount_fen=100))
    s.flush()
    apply_plan(s, preview_plan(s, date(2026, 11, 27), 30, rules(daily_capacity=2),
                               clock=lambda: CLOCK), clock=lambda: CLOCK)
    before = reminders(s)
    assert len(before) == 7
    for today in (date(2026, 11, 27), date(2026, 11, 28)):  # again, and the next day
        again = preview_plan(s, today, 30, rules(daily_capacity=2), clock=lambda: CLOCK)
        assert (again.create, again.replace, again.withdraw) == ([], [], [])
        assert again.kept == 7
        result = apply_plan(s, again, clock=lambda: CLOCK)
        assert (result.created, result.replaced, result.withdrawn) == (0, 0, 0)
    assert reminders(s) == before


def test_rules_change_replans_only_untouched_reminders(session):
    """Tuesday 24 November 2026. Under v1 (VIP every 30 days) five VIPs bought on
    10 Nov are due Thu 10 Dec, and a low customer (every 180 days, bought 30 May)
    on Thu 26 Nov. Then a person edits one, snoozes one, cancels one and completes
    none. v2: VIP every 20 days (→ Mon 30 Nov), low every 365 (beyond the horizon)."""
    s = session
    today = date(2026, 11, 24)
    save_rules(s, {})
    vips = [tiered(s, f"客户{i}", "vip", date(2026, 11, 10)) for i in range(4)]
    low = tiered(s, "低", "low", date(2026, 5, 30))
    first = apply_plan(s, preview_plan(s, today, 30, clock=lambda: CLOCK), clock=lambda: CLOCK)
    assert first.created == 5
    rid = {r[1]: r[0] for r in reminders(s)}
    assert {r[3] for r in reminders(s) if r[1] in vips} == {datetime(2026, 12, 10, 9, 0)}
    edit_reminder(s, rid[vips[1]], {"title": "回访，带上新品目录"}, now=CLOCK)
    snooze_reminder(s, rid[vips[2]], until=date(2026, 12, 15), now=CLOCK)
    cancel_reminder(s, rid[vips[3]], now=CLOCK)
    touched = [r for r in reminders(s) if r[1] in vips[1:]]

    save_rules(s, {"strategy": {"vip": {"cadence_days": 20}, "low": {"cadence_days": 365}}})
    plan = preview_plan(s, today, 30, clock=lambda: CLOCK)
    assert [(p.customer_id, p.due, p.replaces) for p in plan.replace] == [
        (vips[0], date(2026, 11, 30), rid[vips[0]])]
    # The cancelled one stays cancelled; its customer's revisit under the new cadence
    # is a new reminder. The edited and the snoozed ones hold their customers.
    assert [(p.customer_id, p.due) for p in plan.create] == [(vips[3], date(2026, 11, 30))]
    assert plan.withdraw == [rid[low]] and plan.held == 2
    result = apply_plan(s, plan, clock=lambda: datetime(2026, 11, 24, 11, 0))
    assert (result.created, result.replaced, result.withdrawn, result.stale) == (1, 1, 1, 0)

    assert [r for r in reminders(s) if r[0] in {t[0] for t in touched}] == touched
    moved = next(r for r in reminders(s) if r[0] == rid[vips[0]])
    assert moved[3] == datetime(2026, 11, 30, 9, 0)
    assert moved[8:10] == ("plan:revisit@v2", f"plan:revisit:{vips[0]}:2026-11-30")
    assert low not in {r[1] for r in reminders(s)}
    again = preview_plan(s, today, 30, clock=lambda: CLOCK)
    assert (again.create, again.replace, again.withdraw) == ([], [], [])


def test_apply_leaves_reminders_changed_after_the_preview(session):
    s = session
    save_rules(s, {})
    cid = tiered(s, "甲", "vip", date(2026, 11, 10))
    apply_plan(s, preview_plan(s, date(2026, 11, 24), 30, clock=lambda: CLOCK),
               clock=lambda: CLOCK)
    save_rules(s, {"strategy": {"vip": {"cadence_days": 20}}})
    plan = preview_plan(s, date(2026, 11, 24), 30, clock=lambda: CLOCK)
    assert len(plan.replace) == 1
    rid = plan.replace[0].replaces
    edit_reminder(s, rid, {"due_at": datetime(2026, 12, 8, 14, 0)}, now=CLOCK)
    before = reminders(s)
    result = apply_plan(s, plan, clock=lambda: CLOCK)
    assert (result.replaced, result.stale) == (0, 1)
    assert reminders(s) == before and before[0][1] == cid


def test_birthday_lead_change_moves_or_keeps_the_planned_call(session):
    """Tuesday 1 September 2026; a solar birthday on Sunday 20 September (worked, 调休)
    was planned with no lead. Two days' lead moves it to Friday 18 September, in
    place; 25 days' lead asks for 26 August, already past: it is left as it is,
    not withdrawn."""
    s = session
    cid = add_customer(s, "公历", birthday=date(1975, 9, 20))
    apply_plan(s, preview_plan(s, date(2026, 9, 1), 30, rules(), clock=lambda: CLOCK),
               clock=lambda: CLOCK)
    (rid,) = [r[0] for r in reminders(s)]
    moved = preview_plan(s, date(2026, 9, 1), 30, rules(birthday_lead_days=2),
                         clock=lambda: CLOCK)
    assert [(p.customer_id, p.key, p.due, p.replaces) for p in moved.items] == [
        (cid, f"plan:birthday:{cid}:2026:2026-09-18", date(2026, 9, 18), rid)]
    assert moved.withdraw == []
    past = preview_plan(s, date(2026, 9, 1), 30, rules(birthday_lead_days=25),
                        clock=lambda: CLOCK)
    assert (past.create, past.replace, past.withdraw, past.kept) == ([], [], [], 1)


def test_a_day_already_over_capacity_takes_nothing_more(session):
    """Friday 27 November 2026, capacity 2, and a person already put three of these
    kinds on Friday: the five overdue VIPs start on Monday; Friday's load stays 3."""
    s = session
    c1, c2, c3, c4, c5 = _five_vips(s)
    other = add_customer(s, "其他")
    for hour in (9, 10, 11):
        create_reminder(s, other, due_at=datetime(2026, 11, 27, hour, 0), title="回访",
                        kind="after_purchase", now=CLOCK)
    plan = preview_plan(s, date(2026, 11, 27), 30, rules(daily_capacity=2),
                        clock=lambda: CLOCK)
    assert dues(plan) == [
        (c1, "revisit", date(2026, 11, 30)), (c3, "revisit", date(2026, 11, 30)),
        (c2, "revisit", date(2026, 12, 1)), (c5, "revisit", date(2026, 12, 1)),
        (c4, "revisit", date(2026, 12, 2))]
    assert plan.load[("王经理", date(2026, 11, 27))] == 3
    assert plan.load[("王经理", date(2026, 11, 30))] == 2


# --- the preview dialog -----------------------------------------------------------------
def test_plan_dialog_shows_each_day_and_previews_again_when_the_horizon_changes(qtbot, vault):
    """Each cell is the load of that owner and day; a new horizon is previewed once,
    after the 300 ms pause (not after as many milliseconds as there are days)."""
    from collections import Counter

    from app.services.tiers import service as tier_service
    from app.views.shell.app_context import AppContext
    from app.views.tiers.plan_dialog import PlanDialog
    from tests.tier_helpers import AS_OF, make_tier_fixture

    make_tier_fixture(vault)
    with vault.sessions.begin() as s:
        tier_service.recompute(s, AS_OF, clock=lambda: CLOCK)
    dialog = PlanDialog(AppContext(vault), clock=lambda: CLOCK)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=10000):
        dialog.show()
    assert dialog.plan.days == 30 and dialog.plan.create
    shown = {dialog.table.horizontalHeaderItem(c).text().split("\n")[0]:
             int(dialog.table.item(0, c).text())
             for c in range(dialog.table.columnCount()) if dialog.table.item(0, c)}
    assert shown == Counter(f"{p.due:%m-%d}" for p in dialog.plan.create)
    previews = []
    dialog.previewed.connect(lambda: previews.append(dialog.plan.days))
    dialog.days.setValue(90)
    assert dialog._timer.isActive() and dialog._timer.interval() == 300
    qtbot.waitUntil(lambda: previews == [90], timeout=10000)
    dialog.reject()
