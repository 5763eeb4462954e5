"""CLI commands for the daily work: agenda, log, remind, complete, export-ics.

Thin: parse → service → print. Input is checked before the file is unlocked; every
write is one transaction. Bad input (a date, a score, an unknown channel, a customer
or reminder that does not exist) exits 5 with a message naming the problem.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from app.cli.common import err, open_db, out
from app.errors import EXIT_OK, ValidationError
from app.i18n import pick
from app.models.base import now as clock_now
from app.services.daily.local_time import parse_datetime


def _moment(text: str | None, flag: str, *, default_time=None) -> datetime | None:
    if text is None:
        return None
    if default_time is None:
        return parse_datetime(text, field=flag)
    return parse_datetime(text, field=flag, default_time=default_time)


def _reminder_id(text: str) -> int:
    cleaned = text.strip().lstrip("#")
    if not cleaned.isdigit():
        raise ValidationError("reminder_id", f"{text!r} is not a reminder number.",
                              f"{text!r} 不是提醒编号。")
    return int(cleaned)


def _at(value: datetime) -> str:
    return f"{value:%Y-%m-%d %H:%M}"


# --- agenda ------------------------------------------------------------------------
def _print_items(title_en: str, title_zh: str, items, total: int) -> None:
    out(pick(f"{title_en}: {total}", f"{title_zh}：{total}"))
    for item in items:
        late = (pick(f"  ({item.days_overdue} days overdue)", f"（逾期 {item.days_overdue} 天）")
                if item.days_overdue else "")
        snoozed = pick(" [snoozed]", "［已推迟］") if item.status == "snoozed" else ""
        out(f"  #{item.reminder_id}  {_at(item.due_at)}  {item.customer_code} "
            f"{item.customer_name} {item.customer_phone or ''}  {item.title}{snoozed}{late}")
    if total > len(items):
        out(pick(f"  … and {total - len(items)} more", f"  ……另有 {total - len(items)} 条"))


def cmd_agenda(args) -> int:
    from app.services.daily.agenda import agenda

    current = clock_now()
    when = _moment(args.date, "--date", default_time=current.time()) or current
    with open_db(args) as vault, vault.sessions() as session:
        result = agenda(session, now=when, owner=args.owner, days_ahead=args.days)
    if args.json:
        out(json.dumps(result.to_json(), ensure_ascii=False))
        return EXIT_OK
    counts = result.counts
    out(pick(f"Agenda for {result.day:%Y-%m-%d}", f"{result.day:%Y-%m-%d} 日程"))
    _print_items("Overdue", "逾期", result.overdue, counts.overdue)
    _print_items("Due today", "今日到期", result.due_today, counts.due_today)
    _print_items(f"Upcoming (next {result.days_ahead} days)",
                 f"未来 {result.days_ahead} 天", result.upcoming, counts.upcoming)
    out(pick(f"Complaints due: {counts.complaints_due} ({counts.complaints_overdue} overdue)",
             f"到期投诉：{counts.complaints_due}（已逾期 {counts.complaints_overdue}）"))
    for c in result.complaints_due:
        flag = pick("  OVERDUE", "  已逾期") if c.overdue else ""
        out(f"  !{c.complaint_id}  {_at(c.deadline_at)}  {c.customer_code} {c.customer_name}"
            f"  {c.category} [{c.severity}, {c.status}]{flag}")
    return EXIT_OK


# --- writes --------------------------------------------------------------------------
def cmd_log(args) -> int:
    from app.services.customers.service import get_customer
    from app.services.daily.contacts import ContactInput, log_contact

    data = ContactInput(channel=args.channel, purpose=args.purpose, summary=args.text,
                        direction=args.direction, outcome=args.outcome,
                        satisfaction=args.satisfaction, staff=args.staff,
                        occurred_at=_moment(args.at, "--at"))
    with open_db(args) as vault, vault.sessions.begin() as session:
        logged = log_contact(session, args.customer, data, now=clock_now(),
                             follow_up_days=args.follow_up_days,
                             follow_up_title=args.follow_up_title)
        customer = get_customer(session, args.customer)
    out(pick(f"Contact #{logged.contact.id} logged for {customer.name} ({customer.code}).",
             f"已记录客户 {customer.name}（{customer.code}）的联系 #{logged.contact.id}。"))
    if logged.reminder:
        r = logged.reminder
        out(pick(f"Follow-up reminder #{r.id} due {_at(r.due_at)}: {r.title}",
                 f"跟进提醒 #{r.id}，到期 {_at(r.due_at)}：{r.title}"))
    return EXIT_OK


def cmd_remind(args) -> int:
    from app.services.daily.reminders import create_reminder

    due = _moment(args.due, "--due")
    current = clock_now()
    with open_db(args) as vault, vault.sessions.begin() as session:
        r = create_reminder(session, args.customer, due_at=due, title=args.title,
                            kind=args.kind, note=args.note, owner=args.owner, now=current)
    out(pick(f"Reminder #{r.id} for {r.customer_name} ({r.customer_code}) due "
             f"{_at(r.due_at)}: {r.title}",
             f"已为客户 {r.customer_name}（{r.customer_code}）添加提醒 #{r.id}，"
             f"到期 {_at(r.due_at)}：{r.title}"))
    if r.due_at < current:
        err(pick("Note: that time has passed; the reminder is already overdue.",
                 "注意：该时间已过，提醒已逾期。"))
    return EXIT_OK


def cmd_complete(args) -> int:
    from app.services.daily.reminders import complete_reminder

    rid = _reminder_id(args.reminder_id)
    with open_db(args) as vault, vault.sessions.begin() as session:
        r, contact = complete_reminder(session, rid, outcome=args.outcome, now=clock_now(),
                                       channel=args.channel, purpose=args.purpose,
                                       satisfaction=args.satisfaction, staff=args.staff)
    out(pick(f"Reminder #{r.id} done; contact #{contact.id} recorded for {r.customer_name} "
             f"({r.customer_code}).",
             f"提醒 #{r.id} 已完成；已为客户 {r.customer_name}（{r.customer_code}）"
             f"记录联系 #{contact.id}。"))
    return EXIT_OK


def cmd_export_ics(args) -> int:
    from app.services.daily.ics import export_open_reminders

    target = Path(args.out).expanduser()
    if args.unmasked and not (args.reason or "").strip():  # before the file is unlocked
        raise ValidationError("reason", "An unmasked calendar needs a reason (it is audited).",
                              "导出未脱敏的日历必须填写原因（将记入审计日志）。")
    with open_db(args) as vault, vault.sessions.begin() as session:
        count = export_open_reminders(session, target, now=clock_now(), tz=args.tz,
                                      owner=args.owner, as_events=args.events,
                                      masked=not args.unmasked, reason=args.reason or "")
    out(pick(f"Exported {count} open reminders to {target}",
             f"已将 {count} 条未完成提醒导出到 {target}"))
    return EXIT_OK


# --- parser --------------------------------------------------------------------------
def add_daily_commands(sub, common: argparse.ArgumentParser) -> None:
    """Register the daily-work subcommands on the main parser's `sub`."""
    p = sub.add_parser("agenda", parents=[common],
                       help="overdue, today's and upcoming reminders; complaints due")
    p.add_argument("--date", metavar="D", help="as of this day (default: today)")
    p.add_argument("--days", type=int, default=7, metavar="N", help="upcoming window")
    p.add_argument("--owner", metavar="O", help="only this owner's reminders and complaints")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_agenda)

    p = sub.add_parser("log", parents=[common], help="log a contact with a customer")
    p.add_argument("customer", metavar="CUSTOMER", help="customer code or uid")
    p.add_argument("--channel", required=True, metavar="C",
                   help="phone, visit, wechat, sms, email, in_branch, other")
    p.add_argument("--purpose", required=True, metavar="P",
                   help="routine, revisit, care, survey, complaint, sale")
    p.add_argument("--text", required=True, metavar="T", help="summary")
    p.add_argument("--direction", default="outbound", metavar="D", help="outbound or inbound")
    p.add_argument("--outcome", metavar="TEXT")
    p.add_argument("--satisfaction", metavar="S", help="score 1–5")
    p.add_argument("--staff", metavar="NAME")
    p.add_argument("--at", metavar="WHEN", help="when it happened (default: now)")
    p.add_argument("--follow-up-days", metavar="N", help="also add a reminder N days later")
    p.add_argument("--follow-up-title", metavar="T")
    p.set_defaults(func=cmd_log)

    p = sub.add_parser("remind", parents=[common], help="add a reminder for a customer")
    p.add_argument("customer", metavar="CUSTOMER", help="customer code or uid")
    p.add_argument("--due", required=True, metavar="D", help="2026-11-24 [15:30]; a day → 09:00")
    p.add_argument("--title", required=True, metavar="T")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--kind", default="manual", metavar="K")
    p.add_argument("--owner", metavar="O")
    p.set_defaults(func=cmd_remind)

    p = sub.add_parser("complete", parents=[common],
                       help="mark a reminder done, recording the outcome as a contact")
    p.add_argument("reminder_id", metavar="REMINDER_ID")
    p.add_argument("--outcome", required=True, metavar="TEXT")
    p.add_argument("--channel", default="phone", metavar="C")
    p.add_argument("--purpose", metavar="P",
                   help="default by the reminder's kind: care for a birthday, else revisit")
    p.add_argument("--satisfaction", metavar="S", help="score 1–5")
    p.add_argument("--staff", metavar="NAME")
    p.set_defaults(func=cmd_complete)

    p = sub.add_parser("export-ics", parents=[common],
                       help="write the open reminders to an iCalendar (.ics) file")
    p.add_argument("out", metavar="OUT.ics")
    p.add_argument("--tz", metavar="ZONE", help="time zone, e.g. Asia/Shanghai (default: system)")
    p.add_argument("--owner", metavar="O")
    p.add_argument("--events", action="store_true",
                   help="write events instead of to-dos (for Google/Apple Calendar)")
    p.add_argument("--unmasked", action="store_true",
                   help="names and phones in full (needs --reason; audited)")
    p.add_argument("--reason", metavar="TEXT", help="why an unmasked calendar is needed")
    p.set_defaults(func=cmd_export_ics)
