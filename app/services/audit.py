"""Append-only audit trail of sensitive actions."""

from __future__ import annotations

import getpass

from sqlalchemy.orm import Session

from app.models import AuditLog


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some sandboxes: not worth failing for
        return ""


def record(session: Session, action: str, entity: str | None = None,
           entity_ids: list | str | int | None = None, detail: dict | None = None,
           actor: str | None = None) -> None:
    if isinstance(entity_ids, list):
        ids = ",".join(str(i) for i in entity_ids[:50])
        detail = {**(detail or {}), "count": len(entity_ids)}
    else:
        ids = None if entity_ids is None else str(entity_ids)
    session.add(AuditLog(action=action, actor=actor or current_user(), entity=entity,
                         entity_id=ids[:64] if ids else None, detail=detail or {}))
