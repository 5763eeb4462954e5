"""Open reminders as an iCalendar (.ics) file for a phone or desktop calendar.

One VTODO per open or snoozed reminder (or a 15-minute VEVENT with `as_events`: Google
and Apple Calendar import events but skip to-dos). UIDs are stable per reminder, so
importing a newer export updates the entries instead of doubling them. Times are in
the local time zone, with its VTIMEZONE.

An .ics leaves the vault for a phone or a web calendar, out of Kehu's hands, so it is
masked by default like an export (app.services.masking): the customer's name (张**),
phone (138****8000) and every number or address in titles and notes. The customer
code stays, to look the customer up in Kehu. An unmasked calendar needs a reason.
Either way the export is audited, committed before the file is released
(app.services.outgoing), and written atomically.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, Todo
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import pick
from app.services import audit, outgoing
from app.services import masking as M
from app.services.daily.local_time import local_naive
from app.services.daily.reminders import ReminderRow, open_reminders

EVENT_LENGTH = timedelta(minutes=15)
PRODID = "-//Kehu//Kehu customer reminders//ZH"


def uid_for(reminder_id: int) -> str:
    return f"reminder-{reminder_id}@kehu"


def system_zone() -> ZoneInfo | None:
    """The system's named time zone (TZ, /etc/localtime, /etc/timezone), else None."""
    names = [os.environ.get("TZ", "").lstrip(":")]
    try:
        link = os.path.realpath("/etc/localtime")
        names.append(link.split("zoneinfo/", 1)[1] if "zoneinfo/" in link else "")
        names.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    for name in filter(None, names):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return None


def _zone(tz: tzinfo | str | None) -> tzinfo | None:
    if isinstance(tz, str):
        try:
            return ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError("tz", f"Unknown time zone {tz!r} (e.g. Asia/Shanghai).",
                                  f"未知时区 {tz!r}（例如 Asia/Shanghai）。") from None
    return tz if tz is not None else system_zone()


def _aware(wall_clock: datetime, zone: tzinfo | None) -> datetime:
    """A stored (naive, local) time as an aware one. Without a named zone the OS's
    rules place it, and it is written in UTC."""
    if zone is None:
        return wall_clock.astimezone().astimezone(UTC)
    return wall_clock.replace(tzinfo=zone)


def _description(row: ReminderRow, policy: M.MaskPolicy) -> str:
    name = policy.apply(M.NAME, row.customer_name)
    code = row.customer_code
    lines = [pick(f"Customer: {name} ({code})", f"客户：{name}（{code}）")]
    if row.customer_phone:
        phone = policy.apply(M.PHONE, row.customer_phone)
        lines.append(pick(f"Phone: {phone}", f"电话：{phone}"))
    if row.note:
        note = policy.apply(M.TEXT, row.note)
        lines.append(pick(f"Note: {note}", f"备注：{note}"))
    return "\n".join(lines)


def _summary(row: ReminderRow, policy: M.MaskPolicy) -> str:
    return f"{policy.apply(M.TEXT, row.title)} – {policy.apply(M.NAME, row.customer_name)}"


def calendar_policy(masked: bool = True) -> M.MaskPolicy:
    """Masked: names too (a calendar entry shows on a phone's lock screen)."""
    return M.MaskPolicy(personal=True, names=True) if masked else M.UNMASKED


def build_calendar(rows: list[ReminderRow], *, now: datetime, tz: tzinfo | str | None = None,
                   as_events: bool = False, masked: bool = True) -> Calendar:
    policy = calendar_policy(masked)
    zone = _zone(tz)
    stamp = _aware(local_naive(now), zone).astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", pick("Kehu reminders", "客户提醒"))
    for row in rows:
        item = Event() if as_events else Todo()
        item.add("uid", uid_for(row.id))
        item.add("dtstamp", stamp)
        due = _aware(row.due_at, zone)
        if as_events:
            item.add("dtstart", due)
            item.add("dtend", due + EVENT_LENGTH)
        else:
            item.add("due", due)
            item.add("status", "NEEDS-ACTION")
        item.add("summary", _summary(row, policy))
        item.add("description", _description(row, policy))
        cal.add_component(item)
    if zone is not None and rows:  # VTIMEZONE rules for the years the reminders span
        dues = [row.due_at.date() for row in rows]
        cal.add_missing_timezones(first_date=min(dues) - timedelta(days=366),
                                  last_date=max(dues) + timedelta(days=366))
    return cal


def export_open_reminders(session: Session, path: Path | str, *, now: datetime,
                          tz: tzinfo | str | None = None, owner: str | None = None,
                          as_events: bool = False, masked: bool = True,
                          reason: str = "") -> int:
    """Write every open/snoozed reminder (customers in the trash left out) to `path`;
    return how many. `tz` is the zone the stored wall-clock times belong to (default:
    the system's). Masked unless `masked=False` with a `reason`. The audit entry is
    committed on its own before the file is released: `session` is only read."""
    if not masked and not reason.strip():
        raise ValidationError("reason", "An unmasked calendar needs a reason (it is audited).",
                              "导出未脱敏的日历必须填写原因（将记入审计日志）。")
    path = Path(path)
    rows = open_reminders(session, owner=owner)
    data = build_calendar(rows, now=now, tz=tz, as_events=as_events, masked=masked).to_ical()

    def detail() -> dict:
        return {"format": "ics", "path": str(path), "count": len(rows), "masked": masked,
                "reason": reason.strip() or None}

    with outgoing.workspace_for(session) as space, \
            outgoing.release(space, path, bind=session, entity="reminder", detail=detail,
                             actor=audit.current_user()) as tmp:
        tmp.write_bytes(data)
    return len(rows)
