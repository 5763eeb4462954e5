"""Open reminders as an iCalendar (.ics) file for a phone or desktop calendar.

One VTODO per open or snoozed reminder (or a 15-minute VEVENT with `as_events`: Google
and Apple Calendar import events but skip to-dos). UIDs are stable per reminder, so
importing a newer export updates the entries instead of doubling them. Times are in
the local time zone, with its VTIMEZONE; the file is written atomically and the export
is recorded in the audit log (it carries names and phone numbers out of the vault).
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
from app.services import audit
from app.services.daily.local_time import local_naive
from app.services.daily.reminders import ReminderRow, open_reminders
from app.store.atomic import atomic_write_bytes

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


def _description(row: ReminderRow) -> str:
    lines = [pick(f"Customer: {row.customer_name} ({row.customer_code})",
                  f"客户：{row.customer_name}（{row.customer_code}）")]
    if row.customer_phone:
        lines.append(pick(f"Phone: {row.customer_phone}", f"电话：{row.customer_phone}"))
    if row.note:
        lines.append(pick(f"Note: {row.note}", f"备注：{row.note}"))
    return "\n".join(lines)


def build_calendar(rows: list[ReminderRow], *, now: datetime, tz: tzinfo | str | None = None,
                   as_events: bool = False) -> Calendar:
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
        item.add("summary", f"{row.title} – {row.customer_name}")
        item.add("description", _description(row))
        cal.add_component(item)
    if zone is not None and rows:  # VTIMEZONE rules for the years the reminders span
        dues = [row.due_at.date() for row in rows]
        cal.add_missing_timezones(first_date=min(dues) - timedelta(days=366),
                                  last_date=max(dues) + timedelta(days=366))
    return cal


def export_open_reminders(session: Session, path: Path | str, *, now: datetime,
                          tz: tzinfo | str | None = None, owner: str | None = None,
                          as_events: bool = False) -> int:
    """Write every open/snoozed reminder (customers in the trash left out) to `path`;
    return how many. `tz` is the zone the stored wall-clock times belong to (default:
    the system's). Needs a writable session: the export is audited."""
    rows = open_reminders(session, owner=owner)
    data = build_calendar(rows, now=now, tz=tz, as_events=as_events).to_ical()
    audit.record(session, "export", "reminder", None,
                 {"format": "ics", "path": str(path), "count": len(rows)})
    session.flush()
    atomic_write_bytes(path, data)
    return len(rows)
