"""Complaints: opened with a deadline from a per-severity SLA, then moved through a
status workflow:

    open → in_progress → resolved → closed        (open → resolved also: fixed at once)
    resolved | closed → open                      (reopen: a fresh SLA deadline from now)

Resolving needs a resolution text; a satisfaction score after resolution (1–5) is
taken only when resolving or closing. Functions never commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound, ValidationError
from app.models import Complaint, Customer
from app.models.enums import ComplaintSeverity, ComplaintStatus
from app.services.daily import record_fields as rf
from app.services.daily.contacts import active_customer_id
from app.services.daily.local_time import local_naive
from app.services.edits import versions
from app.services.planner_hints import not_in_trash, rare

S, St = ComplaintSeverity, ComplaintStatus
DEFAULT_SLA: dict[str, timedelta] = {
    S.LOW: timedelta(days=7), S.MEDIUM: timedelta(days=3),
    S.HIGH: timedelta(hours=24), S.CRITICAL: timedelta(hours=4),
}
OPEN_STATUSES = (St.OPEN, St.IN_PROGRESS)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    St.OPEN: (St.IN_PROGRESS, St.RESOLVED),
    St.IN_PROGRESS: (St.RESOLVED,),
    St.RESOLVED: (St.CLOSED, St.OPEN),
    St.CLOSED: (St.OPEN,),
}
STATUS_WORDS = {St.OPEN: ("open", "待处理"), St.IN_PROGRESS: ("in progress", "处理中"),
                St.RESOLVED: ("resolved", "已解决"), St.CLOSED: ("closed", "已关闭")}
CATEGORY_LIMIT = 50
TEXT_LIMIT = 5000
LIST_LIMIT = 1000


class ComplaintTransitionError(InvalidInput):
    """The workflow does not allow moving from `current` to `requested`."""

    def __init__(self, complaint_id: int, current: str, requested: str):
        cur_en, cur_zh = STATUS_WORDS.get(current, (current, current))
        req_en, req_zh = STATUS_WORDS.get(requested, (requested, requested))
        allowed = TRANSITIONS.get(current, ())
        ok_en = ", ".join(STATUS_WORDS[s][0] for s in allowed) or "nothing"
        ok_zh = "、".join(STATUS_WORDS[s][1] for s in allowed) or "无"
        super().__init__(
            f"Complaint #{complaint_id} cannot go from “{cur_en}” to “{req_en}”; "
            f"from {cur_en} it can go to: {ok_en}.",
            f"投诉 #{complaint_id} 不能从“{cur_zh}”改为“{req_zh}”；当前可改为：{ok_zh}。")
        self.current = current
        self.requested = requested


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    customer_id: int
    customer_code: str
    customer_name: str
    customer_phone: str | None
    opened_at: datetime
    category: str
    severity: str
    status: str
    description: str
    deadline_at: datetime | None
    resolution: str | None
    resolved_at: datetime | None
    closed_at: datetime | None
    satisfaction_after: int | None
    owner: str | None
    version: int = 1  # as read: a change made on this row passes it back (versions.py)
    overdue: bool = False  # as of the `now` it was read with

    def to_json(self) -> dict:
        return rf.json_ready(asdict(self))


_ROW_COLUMNS = (
    Complaint.id, Complaint.customer_id, Customer.code, Customer.name, Customer.phone,
    Complaint.opened_at, Complaint.category, Complaint.severity, Complaint.status,
    Complaint.description, Complaint.deadline_at, Complaint.resolution, Complaint.resolved_at,
    Complaint.closed_at, Complaint.satisfaction_after, Complaint.owner, Complaint.version,
)


def is_overdue(complaint: ComplaintRow | Complaint | Row, now: datetime) -> bool:
    """Still open or in progress after its deadline."""
    return (complaint.status in OPEN_STATUSES and complaint.deadline_at is not None
            and complaint.deadline_at < local_naive(now))


def deadline_for(severity: str, opened_at: datetime,
                 sla: dict[str, timedelta] | None = None) -> datetime:
    """`opened_at` plus the SLA of `severity` (DEFAULT_SLA, overridden by `sla`)."""
    level = rf.choice(severity, ComplaintSeverity, "severity")
    return local_naive(opened_at) + {**DEFAULT_SLA, **(sla or {})}[level]


def _rows(session: Session, stmt, now: datetime) -> list[ComplaintRow]:
    now = local_naive(now)
    return [ComplaintRow(*rec, overdue=is_overdue(rec, now)) for rec in session.execute(stmt)]


def rows_select():
    """The columns of a ComplaintRow (overdue aside), for callers adding where/order."""
    return select(*_ROW_COLUMNS).join(Customer, Customer.id == Complaint.customer_id)


def get_complaint(session: Session, complaint_id: int, *, now: datetime) -> ComplaintRow:
    rows = _rows(session, rows_select().where(Complaint.id == complaint_id), now)
    if not rows:
        raise NotFound(f"No complaint #{complaint_id}.", f"找不到投诉 #{complaint_id}。")
    return rows[0]


def open_complaint(session: Session, customer_key: int | str, *, category: str,
                   severity: str, description: str, now: datetime, owner: str | None = None,
                   sla: dict[str, timedelta] | None = None) -> ComplaintRow:
    """A new open complaint, deadline = now + SLA(severity); owner defaults to the
    customer's account manager."""
    cid = active_customer_id(session, customer_key)
    stamp = local_naive(now)
    values = {
        "category": rf.required_text(category, "category", CATEGORY_LIMIT, one_line=True),
        "severity": rf.choice(severity, ComplaintSeverity, "severity"),
        "description": rf.required_text(description, "description", TEXT_LIMIT),
        "owner": rf.optional_text(owner, "owner", 100, one_line=True),
    }
    if values["owner"] is None:
        values["owner"] = session.scalar(select(Customer.owner).where(Customer.id == cid))
    complaint = Complaint(customer_id=cid, opened_at=stamp, status=St.OPEN,
                          deadline_at=deadline_for(values["severity"], stamp, sla),
                          created_at=stamp, updated_at=stamp, **values)
    session.add(complaint)
    session.flush()
    return get_complaint(session, complaint.id, now=stamp)


def change_status(session: Session, complaint_id: int, new_status: str, *, now: datetime,
                  resolution: str | None = None, satisfaction_after: int | None = None,
                  sla: dict[str, timedelta] | None = None,
                  expected_version: int | None = None) -> ComplaintRow:
    """Move a complaint along the workflow (see the module docstring). Raises
    ComplaintTransitionError for a move the workflow does not allow, and EditConflict
    when someone else changed it since the row at `expected_version` was read."""
    complaint = session.get(Complaint, complaint_id, populate_existing=True)
    if complaint is None:
        raise NotFound(f"No complaint #{complaint_id}.", f"找不到投诉 #{complaint_id}。")
    target = rf.choice(new_status, ComplaintStatus, "status")
    if target not in TRANSITIONS.get(complaint.status, ()):  # the more telling refusal
        raise ComplaintTransitionError(complaint_id, complaint.status, target)
    describe = describe_complaint(complaint_id)
    versions.check(session, complaint, expected_version, describe)
    text = rf.optional_text(resolution, "resolution", TEXT_LIMIT)
    score = rf.score(satisfaction_after, "satisfaction_after")
    finishing = target in (St.RESOLVED, St.CLOSED)
    if score is not None and not finishing:
        raise ValidationError(
            "satisfaction_after",
            "Satisfaction after resolution is recorded only when resolving or closing.",
            "处理后满意度只能在解决或关闭投诉时记录。")
    if text is not None and not finishing:
        raise ValidationError("resolution",
                              "A resolution is recorded only when resolving or closing.",
                              "处理结果只能在解决或关闭投诉时填写。")
    stamp = local_naive(now)
    if target == St.RESOLVED and text is None:
        raise ValidationError("resolution", "Resolving a complaint needs a resolution.",
                              "解决投诉时必须填写处理结果。")
    with versions.guarded(session, complaint, describe):
        if target == St.RESOLVED:
            complaint.resolved_at = stamp
        elif target == St.CLOSED:
            complaint.closed_at = stamp
        elif target == St.OPEN:  # reopened: the earlier resolution stays as history
            complaint.resolved_at = complaint.closed_at = None
            complaint.deadline_at = deadline_for(complaint.severity, stamp, sla)
        if text is not None:
            complaint.resolution = text
        if score is not None:
            complaint.satisfaction_after = score
        complaint.status = target
        complaint.updated_at = stamp
    return get_complaint(session, complaint_id, now=stamp)


def describe_complaint(complaint_id: int):
    """"complaint #12 of 王芳", for EditConflict."""
    return versions.describe_record(Complaint, complaint_id, "Complaint", "投诉")


def list_complaints(session: Session, *, now: datetime,
                    status: str | Iterable[str] | None = None, overdue_only: bool = False,
                    customer_id: int | None = None, owner: str | None = None,
                    limit: int = LIST_LIMIT) -> list[ComplaintRow]:
    """Complaints across customers (trash left out), newest first; with `overdue_only`,
    the open/in-progress ones past their deadline, most overdue first."""
    statuses = None
    if status is not None:
        wanted = [status] if isinstance(status, str) else list(status)
        statuses = [rf.choice(s, ComplaintStatus, "status") for s in wanted]
    stmt = rows_select().where(not_in_trash())
    if overdue_only:
        statuses = [s for s in (statuses or OPEN_STATUSES) if s in OPEN_STATUSES]
        stmt = stmt.where(Complaint.deadline_at < local_naive(now))
        stmt = stmt.order_by(Complaint.deadline_at, Complaint.id)
    else:
        stmt = stmt.order_by(Complaint.opened_at.desc(), Complaint.id.desc())
    if statuses is not None:
        stmt = stmt.where(rare(Complaint.status.in_(statuses)))
    if customer_id is not None:
        stmt = stmt.where(Complaint.customer_id == customer_id)
    if owner:
        stmt = stmt.where(Complaint.owner == owner)
    return _rows(session, stmt.limit(limit), now)
