"""Launching a campaign: who is in the target now, who is left out and why (a
storage-only hold; no consent for the channel, never given or withdrawn; no number
or WeChat to reach them by), the hold-out control group drawn at random with the
campaign's recorded seed, and for calls and visits one reminder per customer for its
owner, spread over the campaign's working days under the planner's daily capacity.
SMS and WeChat campaigns get their contact list (`write_list`) instead.

All or nothing: an empty target, nobody left to contact or a campaign launched
already is refused with the reason and writes nothing; a dry run writes nothing."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.models import CampaignMember, Customer, CustomerTier, Reminder
from app.models.base import now
from app.models.enums import ReminderKind, ReminderStatus
from app.services import audit, outgoing
from app.services import masking as M
from app.services.campaigns import define
from app.services.daily.local_time import at_workday_start
from app.services.privacy import consent, hold
from app.services.revisits import candidates as rc
from app.services.revisits.capacity import place
from app.services.revisits.work_calendar import WorkCalendar
from app.services.tiers.rules import active_rules

# Why a customer of the target is left out → (English, 中文).
EXCLUDED = {
    "hold": ("on a storage-only hold", "处于保留冻结"),
    "withdrawn": ("withdrew consent for this channel", "已撤回该渠道的营销同意"),
    "no_consent": ("never consented to this channel", "未同意该渠道的营销"),
    "no_phone": ("no phone number", "没有电话号码"),
    "no_wechat": ("no WeChat ID", "没有微信号"),
}
TARGET, CONTROL, LEFT_OUT = "target", "control", "excluded"
KEY_PREFIX = "campaign:"
_ROWS = 500


@dataclass
class Launch:
    name: str
    channel: str
    dry_run: bool
    targeted: int = 0  # in the target when launched
    excluded: dict[str, int] = field(default_factory=dict)  # reason → count
    control: int = 0
    contacted: int = 0  # the target group: to be called, visited or messaged
    reminders: int = 0
    unscheduled: int = 0  # calls that did not fit the period under the daily capacity
    per_owner: dict[str, int] = field(default_factory=dict)
    seed: int = 0

    def to_json(self) -> dict:
        return {"name": self.name, "channel": self.channel, "dry_run": self.dry_run,
                "targeted": self.targeted, "excluded": dict(self.excluded),
                "excluded_total": sum(self.excluded.values()), "control": self.control,
                "contacted": self.contacted, "reminders": self.reminders,
                "unscheduled": self.unscheduled, "per_owner": dict(self.per_owner),
                "seed": self.seed}


def _people(session: Session, d: define.Definition) -> list[tuple]:
    """(id, name, phone, wechat, owner, tier) of the target's active customers."""
    stmt = (select(Customer.id, Customer.name, Customer.phone, Customer.wechat,
                   Customer.owner, CustomerTier.value_tier)
            .outerjoin(CustomerTier, CustomerTier.customer_id == Customer.id)
            .where(Customer.deleted_at.is_(None), Customer.merged_into_id.is_(None),
                   define.target_condition(session, d))
            .order_by(Customer.id))
    return [tuple(r) for r in session.execute(stmt)]


def _reasons(session: Session, d: define.Definition, people: list[tuple],
             today: date) -> dict[int, str]:
    """Customer id → why left out, for those who are."""
    held = hold.held_ids(session, today)
    purpose = define.CHANNELS[d.channel][2]
    granted: set[int] = set()
    withdrawn: set[int] = set()
    if purpose:
        granted = set(session.scalars(select(Customer.id).where(consent.consents_to(purpose))))
        withdrawn = consent.withdrawn_ids(session, purpose)
    out = {}
    for cid, _name, phone, wechat, _owner, _tier in people:
        if cid in held:
            out[cid] = "hold"
        elif purpose and cid in withdrawn:
            out[cid] = "withdrawn"
        elif purpose and cid not in granted:
            out[cid] = "no_consent"
        elif d.channel in ("phone", "sms") and not phone:
            out[cid] = "no_phone"
        elif d.channel == "wechat" and not wechat:
            out[cid] = "no_wechat"
    return out


def draw_control(ids: list[int], pct: int, seed: int) -> set[int]:
    """The hold-out group: `pct` % of `ids` at random, the same for the same seed."""
    chosen = sorted(ids)
    random.Random(seed).shuffle(chosen)
    return set(chosen[:round(len(chosen) * pct / 100)])


def _refuse_empty(d: define.Definition, people: list, reasons: dict[int, str]) -> None:
    if not people:
        raise InvalidInput(f"The target of “{d.name}” ({d.target_text}) has no customers "
                           "now; nothing was launched.",
                           f"活动“{d.name}”的目标（{d.target_text}）目前没有客户；未启动。")
    if len(reasons) == len(people):
        counts = Counter(reasons.values())
        why_en = ", ".join(f"{n} {EXCLUDED[r][0]}" for r, n in counts.most_common())
        why_zh = "，".join(f"{n} 位{EXCLUDED[r][1]}" for r, n in counts.most_common())
        raise InvalidInput(f"Nobody of the {len(people)} customers of “{d.name}” may be "
                           f"contacted by {define.CHANNELS[d.channel][0]}: {why_en}. "
                           "Nothing was launched.",
                           f"活动“{d.name}”的 {len(people)} 位目标客户均不能通过"
                           f"{define.CHANNELS[d.channel][1]}联系：{why_zh}。未启动。")


def launch(session: Session, name: str, *, dry_run: bool = False, today: date | None = None,
           clock: Callable[[], datetime] = now) -> Launch:
    campaign = define.row(session, name)
    d = define.get(session, name)
    if d.launched_at is not None:
        raise InvalidInput(f"“{name}” was launched on {d.launched_at:%Y-%m-%d %H:%M}; a "
                           "campaign is launched once.",
                           f"活动“{name}”已于 {d.launched_at:%Y-%m-%d %H:%M} 启动；"
                           "每个活动只能启动一次。")
    stamp = clock().replace(microsecond=0)
    today = today or stamp.date()
    if d.ends_on < today:
        raise InvalidInput(f"“{name}” ended on {d.ends_on}: nothing to launch.",
                           f"活动“{name}”已于 {d.ends_on} 结束，无法启动。")
    people = _people(session, d)
    reasons = _reasons(session, d, people, today)
    _refuse_empty(d, people, reasons)
    eligible = [p[0] for p in people if p[0] not in reasons]
    control = draw_control(eligible, d.control_pct, d.seed)
    result = Launch(name, d.channel, dry_run, targeted=len(people),
                    excluded=dict(Counter(reasons.values())), control=len(control),
                    contacted=len(eligible) - len(control), seed=d.seed)
    targets = [p for p in people if p[0] not in reasons and p[0] not in control]
    result.per_owner = dict(Counter(p[4] or "" for p in targets))
    placed = _placed_calls(session, d, targets, today) if d.channel in define.CALL_CHANNELS \
        else {}
    result.reminders = sum(1 for due in placed.values() if due <= d.ends_on)
    result.unscheduled = len(placed) - result.reminders
    if dry_run:
        return result
    reminder_ids = _write_reminders(session, d, targets, placed, stamp)
    rows = [{"campaign_id": d.id, "customer_id": cid, "owner": owner, "tier": tier,
             "grp": LEFT_OUT if cid in reasons else CONTROL if cid in control else TARGET,
             "reason": reasons.get(cid), "reminder_id": reminder_ids.get(cid),
             "coupon_id": None, "outcome": None, "outcome_at": None}
            for cid, _n, _p, _w, owner, tier in people]
    for i in range(0, len(rows), _ROWS):
        session.execute(insert(CampaignMember), rows[i:i + _ROWS])
    campaign.launched_at = stamp
    _issue_coupons(session, d, [p[0] for p in targets])
    audit.record(session, "campaign.launch", "campaign", d.id,
                 {"name": name, **result.to_json()})
    return result


def _placed_calls(session: Session, d: define.Definition, targets: list[tuple],
                  today: date) -> dict[int, date]:
    """Customer → the working day of their call, under each owner's daily capacity
    (the reminders already there count); a day after the period: no room."""
    start = max(today, d.starts_on)
    rules = active_rules(session)
    calendar = WorkCalendar()
    load = Counter()
    day_of = func.date(Reminder.due_at)
    for owner, day, n in session.execute(
            select(Reminder.owner, day_of, func.count())
            .where(Reminder.status.in_((ReminderStatus.OPEN, ReminderStatus.SNOOZED)),
                   Reminder.due_at >= at_workday_start(start),
                   Reminder.due_at < at_workday_start(d.ends_on + timedelta(days=1)))
            .group_by(Reminder.owner, day_of)):
        load[(owner, date.fromisoformat(str(day)))] = n
    items = [rc.Candidate(ReminderKind.CAMPAIGN, f"campaign:{d.id}:{cid}",
                          f"{KEY_PREFIX}{d.id}:{cid}", cid, owner or None, tier, start,
                          f"{d.name}：{name}", start)
             for cid, name, _p, _w, owner, tier in targets]
    placed = place(items, load, int(rules["daily_capacity"]), calendar, d.ends_on)
    return {p.candidate.customer_id: p.due for p in placed}


def _write_reminders(session: Session, d: define.Definition, targets: list[tuple],
                     placed: dict[int, date], stamp: datetime) -> dict[int, int]:
    names = {p[0]: (p[1], p[4]) for p in targets}
    rows = [{"customer_id": cid, "due_at": at_workday_start(due), "kind": ReminderKind.CAMPAIGN,
             "title": f"{d.name}：{names[cid][0]}"[:200], "note": d.script or None,
             "status": ReminderStatus.OPEN, "owner": names[cid][1] or None,
             "origin_rule": f"campaign:{d.name}"[:100],
             "idempotency_key": f"{KEY_PREFIX}{d.id}:{cid}", "user_modified": False,
             "snoozed_until": None, "completed_at": None, "completed_event_id": None,
             "created_at": stamp, "updated_at": stamp}
            for cid, due in placed.items() if due <= d.ends_on]
    for i in range(0, len(rows), _ROWS):
        session.execute(insert(Reminder), rows[i:i + _ROWS])
    prefix = f"{KEY_PREFIX}{d.id}:"
    return dict((cid, rid) for rid, cid in session.execute(
        select(Reminder.id, Reminder.customer_id).where(
            Reminder.idempotency_key >= prefix, Reminder.idempotency_key < prefix[:-1] + ";")))


def _issue_coupons(session: Session, d: define.Definition, ids: list[int]) -> None:
    """The offer's coupons for the target group (loyalty), when the campaign has one."""
    if not d.offer or not ids:
        return
    from app.services.campaigns import offer

    offer.issue(session, d, ids)


# --- the contact list of an SMS or WeChat campaign ------------------------------------
def write_list(session: Session, name: str, path: Path | str, *, masked: bool = True,
               reason: str = "") -> int:
    """The target group's contact list as a workbook (masked unless a reason is given;
    audited before the file is released); the number of rows. `session` only reads."""
    import openpyxl

    from app.services.exports.writer import header_cells, text_cell

    if not masked and not reason.strip():
        raise InvalidInput("An unmasked contact list needs a reason (it is audited).",
                           "导出未脱敏的联系名单必须填写原因（将记入审计日志）。")
    d = define.get(session, name)
    if d.launched_at is None:
        raise InvalidInput(f"Launch “{name}” first: its list is the target group at launch.",
                           f"请先启动活动“{name}”：名单即启动时的目标组。")
    column = Customer.wechat if d.channel == "wechat" else Customer.phone
    rows = session.execute(
        select(Customer.code, Customer.name, column, Customer.owner)
        .join(CampaignMember, CampaignMember.customer_id == Customer.id)
        .where(CampaignMember.campaign_id == d.id, CampaignMember.grp == TARGET)
        .order_by(Customer.code)).all()
    policy = M.MASKED if masked else M.UNMASKED
    kind = M.WECHAT if d.channel == "wechat" else M.PHONE
    contact = "微信号 WeChat" if d.channel == "wechat" else "手机 Phone"
    path = Path(path)

    def detail() -> dict:
        return {"campaign": name, "path": str(path), "count": len(rows), "masked": masked,
                "reason": reason.strip() or None}

    with outgoing.workspace_for(session) as space, \
            outgoing.release(space, path, bind=session, action="campaign.list",
                             entity="campaign", detail=detail,
                             actor=audit.current_user()) as tmp:
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("名单 List")
        ws.append(header_cells(ws, ["客户编号 Code", "姓名 Name", contact, "客户经理 Owner",
                                    "话术 Script"]))
        for code, cname, value, owner in rows:
            ws.append([text_cell(ws, str(v or "")) for v in (
                code, policy.apply(M.NAME, cname), policy.apply(kind, value), owner,
                policy.apply(M.TEXT, d.script))])
        wb.save(tmp)
    return len(rows)
