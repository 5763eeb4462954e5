"""A copy for the person (PIPL Art. 45): everything the file holds about one customer,
unmasked, as plain frozen values (`collect`), written as one Chinese workbook
(app.services.privacy.person_xlsx) or as readable Chinese PDF pages
(app.reports.person_pdf); `app.reports.person_copy_file.export` picks by the extension and audits.

The copy reads every table that keys on a customer (app.models: purchases, contact
events with their satisfaction scores, reminders, complaints, tags, consents, holds,
the current tier with its reason in words, the latest predicted value), what was done
with the data (the audit entries about the customer: reveals, exports, merges, holds,
consents, in words) and the records of the same person merged into it with their own
values, the survey responses with every answer in words, free text included, points
with their ledger, member level and coupons where present, and the campaigns that
reached or held them out; it never reads another customer's rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.models import (
    Complaint,
    ContactEvent,
    Customer,
    CustomerHold,
    CustomerTier,
    Purchase,
    Reminder,
    Tag,
    customer_tag,
)
from app.models.base import now
from app.services import vocabulary
from app.services.privacy import consent

FORMATS = (".xlsx", ".pdf")

# The profile in the order a person reads it: (attribute, 中文).
PROFILE_FIELDS: tuple[tuple[str, str], ...] = (
    ("code", "客户编号"), ("uid", "客户UID"), ("name", "姓名"), ("kind", "客户类型"),
    ("gender", "性别"), ("birthday", "生日"), ("birthday_lunar", "农历生日"),
    ("id_number", "身份证号"), ("phone", "手机"), ("phone2", "备用电话"),
    ("email", "邮箱"), ("wechat", "微信"), ("address", "地址"), ("region", "地区"),
    ("branch", "网点"), ("owner", "客户经理"), ("source", "来源"),
    ("marketing_consent", "营销同意"), ("marketing_consent_at", "营销同意时间"),
    ("notes", "备注"), ("created_at", "建档时间"), ("updated_at", "最近修改时间"),
    ("deleted_at", "移入回收站时间"),
)


@dataclass(frozen=True)
class ProfileItem:
    label: str  # 中文
    value: str | int | date | datetime | None


@dataclass(frozen=True)
class PurchaseItem:
    purchased_on: date
    amount_fen: int
    product: str
    category: str
    quantity: int
    channel: str


@dataclass(frozen=True)
class ContactItem:
    occurred_at: datetime
    channel: str  # in words (中文)
    direction: str
    purpose: str
    summary: str
    outcome: str
    satisfaction: int | None
    staff: str


@dataclass(frozen=True)
class ReminderItem:
    due_at: datetime
    kind: str
    title: str
    note: str
    status: str
    owner: str
    completed_at: datetime | None


@dataclass(frozen=True)
class ComplaintItem:
    opened_at: datetime
    category: str
    severity: str
    status: str
    description: str
    resolution: str
    resolved_at: datetime | None
    closed_at: datetime | None
    satisfaction_after: int | None


@dataclass(frozen=True)
class ConsentItem:
    purpose: str  # in words
    granted: bool
    at: datetime
    channel: str
    recorded_by: str
    wording: str
    note: str
    current: bool  # the purpose's latest entry


@dataclass(frozen=True)
class HoldItem:
    until: date
    reason: str
    created_by: str
    created_at: datetime
    released_at: datetime | None


@dataclass(frozen=True)
class TierItem:
    tier: str  # in words
    stage: str
    reason: str  # in words (中文)
    frequency: int
    monetary_fen: int
    first_purchase: date | None
    last_purchase: date | None
    as_of: date


@dataclass(frozen=True)
class ClvItem:
    as_of: date
    horizon_days: int
    p_alive: float
    expected_purchases: float
    clv_fen: int


@dataclass(frozen=True)
class AuditItem:
    """One thing done with the person's data (shown in full, exported, merged …)."""
    at: datetime
    action: str  # in words
    actor: str
    detail: str  # in words


@dataclass(frozen=True)
class MergedItem:
    """A record of the same person merged into this one, with the values it had."""
    merged_at: datetime
    codes: str
    reason: str
    actor: str
    values: str  # the merged records' own values, in words


@dataclass(frozen=True)
class SurveyItem:
    answered_at: datetime
    template: str  # name and version, 回访满意度（第 1 版）
    score: float
    nps: int | None
    answers: str  # every answer in words: 题目：答案；…
    staff: str


@dataclass(frozen=True)
class PointsLine:
    day: date
    kind: str  # in words (中文)
    points: int
    expires_on: date | None
    reason: str  # in words (中文)


@dataclass(frozen=True)
class CouponItem:
    code: str
    offer: str  # "¥50.00" or "九折": in words
    valid_from: date
    valid_until: date
    used_at: datetime | None


@dataclass(frozen=True)
class PointsItem:
    balance: int
    level: str
    level_changes: tuple[str, ...]  # "2026-05-01 由普卡升为银卡：…" newest first
    ledger: tuple[PointsLine, ...]  # oldest first
    coupons: tuple[CouponItem, ...]


@dataclass(frozen=True)
class PersonCopy:
    customer_id: int
    code: str
    made_at: datetime
    profile: tuple[ProfileItem, ...]
    custom_fields: tuple[ProfileItem, ...]
    tags: tuple[str, ...]
    consents: tuple[ConsentItem, ...]
    purchases: tuple[PurchaseItem, ...]
    contacts: tuple[ContactItem, ...]
    reminders: tuple[ReminderItem, ...]
    complaints: tuple[ComplaintItem, ...]
    holds: tuple[HoldItem, ...]
    tier: TierItem | None
    clv: ClvItem | None
    audit: tuple[AuditItem, ...] = ()
    merged: tuple[MergedItem, ...] = ()
    surveys: tuple[SurveyItem, ...] = ()
    points: PointsItem | None = None  # no ledger, level or coupon: None
    campaigns: tuple[str, ...] = ()  # "春季回访（短信，2027-03-01 至 2027-03-12）：目标组"


def _zh(kind: str, code: str | None) -> str:
    return vocabulary.label(kind, code, "zh") if code else ""


def _profile(c: Customer) -> tuple[ProfileItem, ...]:
    coded = {"kind": "kind", "gender": "gender"}
    items = []
    for attr, label in PROFILE_FIELDS:
        value = getattr(c, attr)
        if attr in coded:
            value = _zh(coded[attr], value)
        elif isinstance(value, bool):
            value = "是" if value else "否"
        items.append(ProfileItem(label, value))
    return tuple(items)


def _consents(session: Session, customer_id: int) -> tuple[ConsentItem, ...]:
    latest = {e.id for e in consent.current(session, customer_id).values() if e}
    return tuple(
        ConsentItem(consent.PURPOSES.get(e.purpose, ("", e.purpose))[1], e.granted, e.at,
                    consent.CHANNELS.get(e.channel, ("", e.channel))[1], e.recorded_by,
                    e.wording, e.note, e.id in latest)
        for e in consent.history(session, customer_id))


def _tier(session: Session, customer_id: int) -> TierItem | None:
    from app.services.tiers.reason import describe
    from app.services.tiers.service import latest_run

    t = session.get(CustomerTier, customer_id)
    if t is None:
        return None
    run = latest_run(session)
    as_of = run.as_of if run else t.changed_at.date()
    tier = _zh("value_tier", t.value_tier) or "未分级"
    return TierItem(tier, _zh("lifecycle", t.lifecycle_stage),
                    describe(t.reason, "zh", as_of=as_of, last_purchase=t.last_purchase),
                    t.frequency, t.monetary_fen, t.first_purchase, t.last_purchase, as_of)


def _clv(session: Session, customer_id: int) -> ClvItem | None:
    from app.services.clv.service import latest_of

    p = latest_of(session, customer_id)
    if p is None:
        return None
    return ClvItem(p.as_of, p.horizon_days, p.p_alive, p.expected_purchases, p.clv_fen)


# What an audit entry about a person says was done, in words.
AUDIT_ACTIONS = {
    "reveal": "在屏幕上显示完整信息", "person_export": "生成个人信息副本", "export": "导出",
    "merge": "合并重复档案", "unmerge": "撤销合并", "hold": "保留冻结", "release": "解除冻结",
    "consent.grant": "记录同意", "consent.withdraw": "记录撤回同意", "trash": "移入回收站",
    "restore": "从回收站恢复", "import": "导入", "import_undo": "撤销导入",
}
# Keys of an audit entry's detail, in words; others are left out of the copy (hashes,
# counters of the app's own bookkeeping).
AUDIT_DETAIL = {"fields": "字段", "how": "方式", "staff": "工作人员", "os_user": "系统用户",
                "reason": "原因", "code": "客户编号", "format": "格式", "purposes": "用途",
                "channel": "渠道", "until": "截止日期", "merged": "被合并档案"}
_HOW = {"click": "点击显示", "edit": "编辑时显示", "session": "本次会话显示完整信息"}


def _detail_words(detail: dict) -> str:
    parts = []
    for key, words in AUDIT_DETAIL.items():
        value = detail.get(key)
        if value in (None, "", []):
            continue
        if key == "fields":
            value = "、".join(vocabulary.field_name(str(f), "zh") for f in value)
        elif key == "how":
            value = _HOW.get(str(value), str(value))
        elif isinstance(value, list | tuple):
            value = "、".join(str(v) for v in value)
        parts.append(f"{words}：{value}")
    return "；".join(parts)


def _audit(session: Session, customer_id: int) -> tuple[AuditItem, ...]:
    from app.services import audit

    return tuple(AuditItem(e.at, AUDIT_ACTIONS.get(e.action, e.action), e.actor,
                           _detail_words(e.detail))
                 for e in audit.about_customer(session, customer_id))


def _merged(session: Session, customer_id: int) -> tuple[MergedItem, ...]:
    from app.models import CustomerMerge

    items = []
    for m in session.scalars(select(CustomerMerge).where(
            CustomerMerge.kept_id == customer_id, CustomerMerge.undone_at.is_(None))
            .order_by(CustomerMerge.id)):
        codes = session.scalars(select(Customer.code).where(
            Customer.id.in_(m.merged_ids or []))).all()
        values = []
        for c in session.scalars(select(Customer).where(Customer.id.in_(m.merged_ids or []))):
            shown = [f"{label}：{getattr(c, attr)}" for attr, label in PROFILE_FIELDS
                     if attr in _MERGED_FIELDS and getattr(c, attr)]
            values.append(f"{c.code}（{'，'.join(shown)}）")
        items.append(MergedItem(m.merged_at, "、".join(codes), m.reason or "", m.actor or "",
                                "；".join(values)))
    return tuple(items)


# The merged records' own values the copy repeats (the kept record's are the profile).
_MERGED_FIELDS = frozenset({"name", "birthday", "id_number", "phone", "phone2", "email",
                            "wechat", "address", "created_at"})


def _surveys(session: Session, customer_id: int) -> tuple[SurveyItem, ...]:
    from app.services.surveys.record import responses_of
    from app.services.surveys.templates import get_template

    items, templates = [], {}
    for r in responses_of(session, customer_id):
        key = (r.template, r.version)
        if key not in templates:
            templates[key] = get_template(session, r.template, r.version)
        words = []
        for q in templates[key].questions:
            if q.id in r.answers:
                value = r.answers[q.id]
                words.append(f"{q.text}：{'、'.join(value) if isinstance(value, list) else value}")
        items.append(SurveyItem(r.answered_at, f"{r.template}（第 {r.version} 版）", r.score,
                                r.nps, "；".join(words), r.staff or ""))
    return tuple(items)


def _points(session: Session, customer_id: int) -> PointsItem | None:
    from app.services.loyalty import coupons, ledger, levels

    rows = ledger.raw_entries(session, customer_id)
    lines = tuple(
        PointsLine(e.day, ledger.KIND_LABELS.get(e.kind, ("", e.kind))[1], e.points,
                   e.expires_on, text)
        for e, text in zip(rows, ledger.words(session, rows, "zh"), strict=True))
    level = levels.level_of(session, customer_id)
    changes = tuple(f"{c.changed_at:%Y-%m-%d} "
                    f"{levels.describe(c.reason, c.old_level, c.new_level, 'zh')}"
                    for c in levels.changes(session, customer_id))
    owned = tuple(CouponItem(c.code, coupons.offer_words(c.value_fen, c.percent_off, "zh"),
                             c.valid_from, c.valid_until, c.used_at)
                  for c in coupons.of_customer(session, customer_id))
    if not lines and not changes and not owned:
        return None
    return PointsItem(ledger.balance(session, customer_id), level.level, changes, lines, owned)


GROUP_WORDS = {"target": "目标组（联系）", "control": "对照组（不联系）",
               "excluded": "已排除"}


def _campaigns(session: Session, customer_id: int) -> tuple[str, ...]:
    from app.models import Campaign, CampaignMember
    from app.services.campaigns.define import CHANNELS
    from app.services.campaigns.launch import EXCLUDED
    from app.services.campaigns.outcome import OUTCOMES

    rows = session.execute(
        select(Campaign.name, Campaign.channel, Campaign.starts_on, Campaign.ends_on,
               CampaignMember.grp, CampaignMember.reason, CampaignMember.outcome)
        .join(Campaign, Campaign.id == CampaignMember.campaign_id)
        .where(CampaignMember.customer_id == customer_id).order_by(Campaign.starts_on))
    return tuple(
        f"{name}（{CHANNELS.get(channel, ('', channel))[1]}，{start} 至 {end}）："
        f"{GROUP_WORDS.get(group, group)}"
        + (f"，{EXCLUDED.get(reason, ('', reason))[1]}" if reason else "")
        + (f"，结果：{OUTCOMES.get(result, ('', result))[1]}" if result else "")
        for name, channel, start, end, group, reason, result in rows)


def collect(session: Session, customer_id: int) -> PersonCopy:
    """Everything the file holds about one customer (trashed ones too), unmasked."""
    c = session.get(Customer, customer_id)
    if c is None:
        raise NotFound(f"No customer #{customer_id}.", f"没有编号为 #{customer_id} 的客户。")
    cid = c.id
    rows = session.scalars
    purchases = tuple(
        PurchaseItem(p.purchased_on, p.amount_fen, p.product or "", p.category or "",
                     p.quantity, p.channel or "")
        for p in rows(select(Purchase).where(Purchase.customer_id == cid)
                      .order_by(Purchase.purchased_on, Purchase.id)))
    contacts = tuple(
        ContactItem(e.occurred_at, _zh("channel", e.channel), _zh("direction", e.direction),
                    _zh("purpose", e.purpose), e.summary or "", e.outcome or "",
                    e.satisfaction, e.staff or "")
        for e in rows(select(ContactEvent).where(ContactEvent.customer_id == cid)
                      .order_by(ContactEvent.occurred_at, ContactEvent.id)))
    reminders = tuple(
        ReminderItem(r.due_at, _zh("reminder_kind", r.kind), r.title, r.note or "",
                     _zh("reminder_status", r.status), r.owner or "", r.completed_at)
        for r in rows(select(Reminder).where(Reminder.customer_id == cid)
                      .order_by(Reminder.due_at, Reminder.id)))
    complaints = tuple(
        ComplaintItem(k.opened_at, k.category, _zh("severity", k.severity),
                      _zh("complaint_status", k.status), k.description or "",
                      k.resolution or "", k.resolved_at, k.closed_at, k.satisfaction_after)
        for k in rows(select(Complaint).where(Complaint.customer_id == cid)
                      .order_by(Complaint.opened_at, Complaint.id)))
    holds = tuple(
        HoldItem(h.until, h.reason or "", h.created_by or "", h.created_at, h.released_at)
        for h in rows(select(CustomerHold).where(CustomerHold.customer_id == cid)
                      .order_by(CustomerHold.id)))
    tags = tuple(rows(select(Tag.name).join(customer_tag, customer_tag.c.tag_id == Tag.id)
                      .where(customer_tag.c.customer_id == cid).order_by(Tag.name)))
    custom = tuple(ProfileItem(str(k), v if isinstance(v, int | float) else str(v))
                   for k, v in sorted((c.custom_fields or {}).items()))
    return PersonCopy(cid, c.code, now(), _profile(c), custom, tags,
                      _consents(session, cid), purchases, contacts, reminders, complaints,
                      holds, _tier(session, cid), _clv(session, cid),
                      audit=_audit(session, cid), merged=_merged(session, cid),
                      surveys=_surveys(session, cid), points=_points(session, cid),
                      campaigns=_campaigns(session, cid))


def check_format(path: Path | str) -> str:
    """The output format by the file's extension; anything else is refused."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InvalidInput(
            f"Cannot write a copy as '{suffix or Path(path).name}': use a .xlsx or .pdf file.",
            f"无法以“{suffix or Path(path).name}”格式保存副本：请使用 .xlsx 或 .pdf 文件。")
    return suffix.lstrip(".")


def write_xlsx(copy: PersonCopy, path: Path | str) -> None:
    from app.services.privacy.person_xlsx import write_xlsx as write

    write(copy, path)
