"""The consent ledger: record a consent or its withdrawal, read the current state and
the history, and the condition "consents to PURPOSE now" that lists and exports use.

The current state of a purpose is its latest entry (by the date the person gave it,
then by the order recorded). The customer's `marketing_consent` flag is derived: it is
on while any marketing purpose is granted, and it is rewritten by `sync_flags` after
every change of the ledger; an import (and a caller of update_customer that sets the
flag) writes the ledger through `follow_flag`, never the flag alone. The dossier's
marketing box only shows the flag: consents are recorded on its consent tab."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.models import ConsentEntry, Customer
from app.models.base import now
from app.services import audit

# purpose → (English, 中文)
PURPOSES: dict[str, tuple[str, str]] = {
    "marketing_phone": ("marketing by phone", "电话营销"),
    "marketing_sms": ("marketing by SMS", "短信营销"),
    "marketing_wechat": ("marketing by WeChat", "微信营销"),
    "share_head_office": ("sharing with head office", "向总部共享"),
    "sensitive": ("processing of sensitive information (financial accounts, ID documents)",
                  "处理敏感个人信息（金融账户、身份证件）"),
}
MARKETING = ("marketing_phone", "marketing_sms", "marketing_wechat")
CHANNELS: dict[str, tuple[str, str]] = {
    "counter": ("at the counter", "柜面"),
    "paper": ("paper form", "纸质表单"),
    "phone": ("by phone", "电话"),
    "sms": ("by SMS", "短信"),
    "wechat": ("WeChat", "微信"),
    "online": ("online", "线上"),
    "profile": ("the profile's marketing box", "资料中的营销勾选"),
    "import": ("an imported workbook", "导入的表格"),
    "migration": ("the flag kept before the ledger", "台账之前的标记"),
}
# What the profile checkbox says; recorded as the wording when the box is ticked.
PROFILE_WORDING = "同意接收营销信息（电话、短信、微信）"


@dataclass(frozen=True)
class Consent:
    id: int
    purpose: str
    granted: bool
    at: datetime
    channel: str
    recorded_by: str
    recorded_at: datetime
    wording: str
    note: str

    def to_json(self) -> dict:
        return {"purpose": self.purpose, "granted": self.granted,
                "at": self.at.isoformat(sep=" "), "channel": self.channel,
                "recorded_by": self.recorded_by,
                "recorded_at": self.recorded_at.isoformat(sep=" "),
                "wording": self.wording, "note": self.note}


def check_purpose(purpose: str) -> str:
    if purpose not in PURPOSES:
        raise InvalidInput(f"Unknown consent purpose “{purpose}”; one of "
                           f"{', '.join(PURPOSES)}.",
                           f"没有“{purpose}”这种同意用途；可选：{'、'.join(PURPOSES)}。")
    return purpose


def _check_channel(channel: str) -> str:
    if channel not in CHANNELS:
        raise InvalidInput(f"Unknown channel “{channel}”; one of {', '.join(CHANNELS)}.",
                           f"没有“{channel}”这种渠道；可选：{'、'.join(CHANNELS)}。")
    return channel


def _customer_id(session: Session, customer_id: int) -> int:
    row = session.execute(select(Customer.id, Customer.deleted_at).where(
        Customer.id == customer_id)).first()
    if row is None or row.deleted_at is not None:
        raise NotFound(f"No active customer {customer_id}.", f"找不到在用的客户 {customer_id}。")
    return row.id


def record(session: Session, customer_id: int, purposes: Iterable[str], granted: bool, *,
           channel: str, at: datetime | None = None, wording: str | None = None,
           note: str | None = None, by: str | None = None,
           clock=now) -> list[ConsentEntry]:
    """Add one entry per purpose (all or none: every check runs before anything is
    added), then bring the customer's flag up to date."""
    purposes = [check_purpose(p) for p in purposes]
    if not purposes:
        raise InvalidInput("Name at least one purpose.", "请至少指定一种用途。")
    _check_channel(channel)
    moment = clock()
    at = at or moment
    if at > moment:
        raise InvalidInput(f"A consent cannot be dated in the future ({at:%Y-%m-%d}).",
                           f"同意日期不能晚于今天（{at:%Y-%m-%d}）。")
    cid = _customer_id(session, customer_id)
    who = by or audit.current_user()
    rows = [ConsentEntry(customer_id=cid, purpose=p, granted=granted, at=at, channel=channel,
                         recorded_by=who, recorded_at=moment, wording=wording, note=note)
            for p in purposes]
    session.add_all(rows)
    session.flush()
    sync_flags(session, [cid])
    audit.record(session, "consent.grant" if granted else "consent.withdraw", "customer",
                 cid, {"purposes": purposes, "channel": channel,
                       "at": at.isoformat(sep=" ")})
    return rows


def _latest():
    """Each (customer, purpose)'s latest entry: a subquery with rank 1 = current."""
    rank = func.row_number().over(
        partition_by=(ConsentEntry.customer_id, ConsentEntry.purpose),
        order_by=(ConsentEntry.at.desc(), ConsentEntry.id.desc())).label("rank")
    return select(ConsentEntry.customer_id, ConsentEntry.purpose, ConsentEntry.granted,
                  ConsentEntry.at, rank).subquery()


def consents_to(purpose: str) -> ColumnElement[bool]:
    """SQL condition on Customer: the purpose is granted now."""
    check_purpose(purpose)
    latest = _latest()
    return Customer.id.in_(select(latest.c.customer_id).where(
        latest.c.rank == 1, latest.c.purpose == purpose, latest.c.granted.is_(True)))


def withdrawn_ids(session: Session, purpose: str) -> set[int]:
    """The customers whose latest entry for the purpose is a withdrawal."""
    check_purpose(purpose)
    latest = _latest()
    return set(session.scalars(select(latest.c.customer_id).where(
        latest.c.rank == 1, latest.c.purpose == purpose, latest.c.granted.is_(False))))


def current(session: Session, customer_id: int) -> dict[str, Consent | None]:
    """purpose → its latest entry (None: never asked), for every purpose."""
    state: dict[str, Consent | None] = dict.fromkeys(PURPOSES)
    for entry in history(session, customer_id):  # newest first
        if state.get(entry.purpose) is None:
            state[entry.purpose] = entry
    return state


def history(session: Session, customer_id: int) -> list[Consent]:
    rows = session.scalars(select(ConsentEntry).where(ConsentEntry.customer_id == customer_id)
                           .order_by(ConsentEntry.at.desc(), ConsentEntry.id.desc()))
    return [Consent(r.id, r.purpose, r.granted, r.at, r.channel, r.recorded_by or "",
                    r.recorded_at, r.wording or "", r.note or "") for r in rows]


def _marketing_state(session: Session, ids: list[int]) -> dict[int, datetime | None]:
    """customer → the date of the latest marketing grant still in force (None: no
    marketing purpose granted now), for the customers given."""
    latest = _latest()
    out: dict[int, datetime | None] = dict.fromkeys(ids)
    rows = session.execute(select(latest.c.customer_id, func.max(latest.c.at)).where(
        latest.c.rank == 1, latest.c.purpose.in_(MARKETING), latest.c.granted.is_(True),
        latest.c.customer_id.in_(ids)).group_by(latest.c.customer_id))
    for cid, at in rows:
        out[cid] = at
    return out


def sync_flags(session: Session, ids: list[int]) -> None:
    """Rewrite the derived flag (and its date) of these customers from the ledger."""
    for start in range(0, len(ids), 500):
        for cid, at in _marketing_state(session, ids[start:start + 500]).items():
            session.execute(update(Customer).where(Customer.id == cid).values(
                marketing_consent=at is not None, marketing_consent_at=at))


def follow_flag(session: Session, customer_ids: list[int], *, channel: str,
                at: datetime | None = None, wording: str | None = PROFILE_WORDING) -> int:
    """The profile box or an imported column set the marketing flag: write that into
    the ledger for the customers whose ledger says otherwise (a tick grants every
    marketing purpose, an untick withdraws those granted). Returns the customers
    changed."""
    if not customer_ids:
        return 0
    flags = {r.id: (r.marketing_consent, r.marketing_consent_at) for r in session.execute(
        select(Customer.id, Customer.marketing_consent, Customer.marketing_consent_at)
        .where(Customer.id.in_(customer_ids)))}
    state = {}
    for start in range(0, len(customer_ids), 500):
        state.update(_marketing_state(session, customer_ids[start:start + 500]))
    moment = now()
    changed = []
    for cid in customer_ids:
        flag, flag_at = flags.get(cid, (False, None))
        wanted, has = bool(flag), state.get(cid) is not None
        if wanted == has:
            continue
        purposes = MARKETING
        if not wanted:  # withdraw only what is granted now
            now_state = current(session, cid)
            purposes = tuple(p for p in MARKETING if now_state[p] and now_state[p].granted)
        # The date the file gave (an imported consent date) unless it is in the future.
        when = at or (flag_at if wanted and flag_at and flag_at <= moment else moment)
        session.add_all(ConsentEntry(
            customer_id=cid, purpose=p, granted=wanted, at=when, channel=channel,
            recorded_by=audit.current_user(), recorded_at=moment,
            wording=wording if wanted else None) for p in purposes)
        changed.append(cid)
    if changed:
        session.flush()
        sync_flags(session, changed)
        audit.record(session, "consent.follow_flag", "customer", changed,
                     {"channel": channel})
    return len(changed)
