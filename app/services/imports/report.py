"""The rejected rows, and the rows held back for review (probable duplicates), as an
.xlsx: per sheet the original header row and cells plus a reason column (the reason
names the row of the original file and, for a review row, the customer it probably
is). Text is written as text, never as a formula, whatever it begins with.

Who it is for, and masking. The workbook is written for the file's owner to fix the
rows, but it is a file that leaves the vault like an export (it gets mailed back to
whoever sent the data), so by default it is masked like one (app.services.masking):
the cells of mapped personal columns by their kind, every other cell as free text.
Masked cells mean "no value" when imported again, so a masked workbook is for
finding the rows (the reason says which row of the original file, and why) and
fixing them there. To fix and re-import the workbook itself, write it unmasked:
that needs a reason and the customer file, and is audited like an unmasked export
(committed before the file is released; a failed write is recorded as failed).
Scratch files live in the customer file's private workspace (app.services.outgoing).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.errors import ValidationError
from app.i18n import pick
from app.services import masking as M
from app.services import outgoing
from app.services.imports.plan import ImportPlan

REASON_HEADER = ("Import problem", "导入问题")
# The import field a column is mapped to → what its values are to the masking.
FIELD_KINDS = {
    "name": M.NAME, "phone": M.PHONE, "phone2": M.PHONE, "id_number": M.ID_NUMBER,
    "email": M.EMAIL, "wechat": M.WECHAT, "address": M.ADDRESS, "birthday": M.BIRTHDAY,
    "customer_name": M.NAME, "customer_phone": M.PHONE, "customer_id_number": M.ID_NUMBER,
}


def _cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value if not isinstance(value, dt.time) else str(value))
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula
    return cell


def write_rejected(plan: ImportPlan, out: Path | str, *, masked: bool = True,
                   reason: str = "", sessions=None, columns: dict | None = None,
                   actor: str | None = None) -> int:
    """Write the workbook (atomically); returns the number of rows written.

    `sessions` (a sessionmaker of the customer file) places the scratch files and, for
    an unmasked workbook, receives the audit entry; `columns` maps, per sheet, a column
    index to its import field (the plan's mappings), so that each column is masked by
    its kind (unmapped columns are masked as free text)."""
    if not masked and (not reason.strip() or sessions is None):
        raise ValidationError("reason", "An unmasked rejected-rows workbook needs a reason "
                              "and the open customer file (it is audited).",
                              "导出未脱敏的被拒绝行需要填写原因并打开客户档案（将记入审计日志）。")
    policy = M.MaskPolicy(personal=masked)
    out = Path(out)
    counts = {"rows": 0}

    def detail() -> dict:
        return {"path": str(out), "format": "xlsx", "kind": "rejected_rows",
                "file": plan.file_name, "rows": counts["rows"], "masked": masked,
                "reason": reason.strip() or None}

    bind = None if masked else sessions
    with outgoing.workspace_for(sessions) as space, \
            outgoing.release(space, out, bind=bind, entity="import", detail=detail,
                             actor=actor) as tmp:
        book = _book(plan, policy, space, columns or {}, counts)
        book.save(tmp)
    return counts["rows"]


def _book(plan: ImportPlan, policy: M.MaskPolicy, space, columns: dict, counts: dict):
    from app.services.exports.writer import KehuWorkbook

    book = KehuWorkbook(space, policy)
    for summary in plan.sheets:
        rejected = [f for f in plan.fates if f.sheet == summary.sheet
                    and f.action in ("reject", "review")]
        if not rejected:
            continue
        sheet = book.create_sheet(summary.sheet[:31])
        width = max([len(summary.headers)] + [len(f.cells or []) for f in rejected])
        headers = list(summary.headers) + [""] * (width - len(summary.headers))
        sheet.append([_cell(sheet, h) for h in headers] + [_cell(sheet, pick(*REASON_HEADER))])
        fields = columns.get(summary.sheet, {})
        mask = policy.row_masker([FIELD_KINDS.get(fields.get(i, ""), M.TEXT)
                                  for i in range(width)] + [M.TEXT])
        for fate in rejected:
            cells = list(fate.cells or []) + [""] * (width - len(fate.cells or []))
            row = [*cells, pick(f"Row {fate.row}: {fate.reason_en}",
                                f"第 {fate.row} 行：{fate.reason_zh}")]
            if mask is not None:
                row = mask(row)
            sheet.append([_cell(sheet, v) for v in row])
            counts["rows"] += 1
    if not counts["rows"]:
        sheet = book.create_sheet("OK")
        sheet.append([pick("No rows were rejected or held back for review.",
                           "没有被拒绝或待核对的行。")])
    return book


def columns_of(mappings) -> dict[str, dict[int, str]]:
    """Per sheet, column index → import field, from the dry run's sheet mappings."""
    return {m.sheet: dict(m.columns) for m in mappings or [] if getattr(m, "columns", None)}
