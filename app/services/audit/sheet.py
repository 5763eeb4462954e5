"""The audit trail as a workbook for an auditor (PIPL Art. 54): one sheet of entries
(newest first, filtered as on screen) and one with the hash chain's verification, so the
copy says whether the log it came from was intact. Written whole to a temp file, then
renamed; every cell is text or a date, never a formula. The export is itself audited."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.services import audit

HEADERS = ("编号 ID", "时间 Time", "操作 Action", "操作人 Actor", "对象 Entity",
           "对象编号 Entity ID", "详情 Detail", "哈希 Hash")


def write(session: Session, path: Path | str, *, since: date | None = None,
          until: date | None = None, action: str | None = None,
          actor: str | None = None) -> int:
    """Write the matching entries to `path` (.xlsx); the number written."""
    from openpyxl import Workbook

    from app.services.exports.writer import header_cells, text_cell, value_cell
    from app.store.atomic import atomic_write_bytes

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise InvalidInput(f"The audit is written as an .xlsx workbook, not {path.name}.",
                           f"审计日志只能导出为 .xlsx 工作簿，不能导出为 {path.name}。")
    rows = audit.entries(session, since=since, until=until, action=action, actor=actor)
    hashes = audit.hashes(session, [r.id for r in rows])
    check = audit.verify(session)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("审计日志")
    sheet.append(header_cells(sheet, list(HEADERS)))
    for r in rows:
        detail = json.dumps(r.detail, ensure_ascii=False, sort_keys=True) if r.detail else ""
        sheet.append([value_cell(sheet, r.id),
                      text_cell(sheet, f"{r.at:%Y-%m-%d %H:%M:%S}"),
                      text_cell(sheet, r.action), text_cell(sheet, r.actor or ""),
                      text_cell(sheet, r.entity or ""), text_cell(sheet, r.entity_id or ""),
                      text_cell(sheet, detail), text_cell(sheet, hashes.get(r.id, ""))])
    summary = book.create_sheet("校验 Verification")
    verdict = ("完整 intact" if check.ok else
               f"已被改动 altered: {len(check.problems)}")
    for label, value in (("记录总数 Entries", check.entries),
                         ("已脱敏记录 Redacted", check.redacted),
                         ("哈希链 Hash chain", verdict),
                         ("导出记录数 Exported", len(rows)),
                         ("筛选 Filter", _filter_text(since, until, action, actor))):
        summary.append([text_cell(summary, label), value_cell(summary, value)])
    for entry_id, en, zh in check.problems[:1000]:
        summary.append([value_cell(summary, entry_id), text_cell(summary, f"{zh} / {en}")])
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    audit.record(session, "audit.export", "audit_log", None,
                 {"file": path.name, "entries": len(rows),
                  "filter": _filter_text(since, until, action, actor)})
    return len(rows)


def _filter_text(since, until, action, actor) -> str:
    parts = [f"since {since}" if since else "", f"until {until}" if until else "",
             f"action {action}" if action else "", f"actor {actor}" if actor else ""]
    return ", ".join(p for p in parts if p) or "all"
