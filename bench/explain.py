"""EXPLAIN QUERY PLAN for the statements an app function runs, to show why it is slow."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session


def plans(session: Session, call: Callable[[Session], object]) -> list[dict]:
    """Run `call(session)`, capture its SELECTs, and return each one's query plan."""
    captured: list[tuple[str, object]] = []
    engine = session.get_bind()

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        call(session)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    conn = session.connection()
    out = []
    for statement, params in captured:
        if not statement.lstrip().upper().startswith("SELECT"):
            continue
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).fetchall()
        depth: dict[int, int] = {0: -1}
        lines = []
        for node, parent, _unused, detail in rows:  # indent children under their parent
            depth[node] = depth.get(parent, -1) + 1
            lines.append("  " * depth[node] + detail)
        out.append({"sql": statement, "params": list(params or ()), "plan": lines})
    return out
