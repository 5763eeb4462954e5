"""Masking on screen and its reveals (GB/T 35273 §7.2; PIPL Art. 51).

The screen shows a customer's phones, ID number, e-mail and WeChat masked, with the
same maskers as every outgoing file (`masking.SCREEN`). Seeing one in full is a
deliberate act — a click on the field, or turning on "show in full for this session"
— and each is written to the audit log before the value is shown: who (the OS user
and the staff name configured in Kehu), when, which customer and which field.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.models import Customer
from app.services import audit
from app.services import masking as M

# The customer's fields the screen masks → the kind of value each holds.
FIELDS: dict[str, str] = {
    "phone": M.PHONE,
    "phone2": M.PHONE,
    "id_number": M.ID_NUMBER,
    "email": M.EMAIL,
    "wechat": M.WECHAT,
    "notes": M.TEXT,  # free text: the numbers and addresses typed into it
}
ACTION = "reveal"
SESSION_ACTION = "reveal.session"
# How a value came to be shown in full.
BY_CLICK = "click"  # the field's own button (or F2, or a double click)
BY_EDIT = "edit"  # opened for editing
BY_SESSION = "session"  # the session-wide setting was on when the dossier was shown


def shown(field: str, value):
    """A customer field as the screen shows it by default (masked where it is personal)."""
    kind = FIELDS.get(field, M.TEXT)
    return M.SCREEN.apply(kind, value)


def shown_kind(kind: str, value):
    """A value of a kind (masking.PHONE …) as the screen shows it by default."""
    return M.SCREEN.apply(kind, value)


def check_fields(fields: Iterable[str]) -> list[str]:
    names = list(dict.fromkeys(fields))
    unknown = [f for f in names if f not in FIELDS]
    if unknown or not names:
        what = ", ".join(unknown) or "(none)"
        raise InvalidInput(f"Cannot show field {what} in full; the masked fields are "
                           f"{', '.join(FIELDS)}.",
                           f"无法显示字段 {what}：可显示的屏蔽字段为 {'、'.join(FIELDS)}。")
    return names


def record(session: Session, customer_id: int, fields: Iterable[str], *, staff: str = "",
           how: str = BY_CLICK) -> None:
    """Put a reveal of these fields of one customer on record (the caller commits)."""
    names = check_fields(fields)
    code = session.scalar(select(Customer.code).where(Customer.id == customer_id))
    if code is None:
        raise NotFound(f"No customer {customer_id}.", f"找不到客户 {customer_id}。")
    audit.record(session, ACTION, "customer", customer_id,
                 {"code": code, "fields": names, "how": how,
                  "os_user": audit.current_user(), "staff": staff or ""})


def record_session(session: Session, *, on: bool, staff: str = "") -> None:
    """The session-wide "show in full" was turned on or off (the caller commits)."""
    audit.record(session, SESSION_ACTION, None, None,
                 {"on": bool(on), "os_user": audit.current_user(), "staff": staff or ""})


def reveal(sessions, customer_id: int, fields: Iterable[str], *, staff: str = "",
           how: str = BY_CLICK) -> None:
    """Record a reveal in its own committed transaction (for a worker): the value may
    be shown once this returns, never before."""
    with sessions() as session, session.begin():
        record(session, customer_id, fields, staff=staff, how=how)


def set_session(sessions, *, on: bool, staff: str = "") -> None:
    with sessions() as session, session.begin():
        record_session(session, on=on, staff=staff)
