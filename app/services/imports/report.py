"""The rejected rows as an .xlsx: per sheet the original header row and cells plus a
reason column, ready to fix and import again (the reason column is not mapped).
Text is written as text, never as a formula, whatever it begins with."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from app.i18n import pick
from app.services.imports.plan import ImportPlan
from app.store.atomic import atomic_write_bytes

REASON_HEADER = ("Import problem", "导入问题")


def _cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value if not isinstance(value, dt.time) else str(value))
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula
    return cell


def write_rejected(plan: ImportPlan, out: Path | str) -> int:
    """Write the workbook (atomically); returns the number of rows written."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    written = 0
    for summary in plan.sheets:
        rejected = [f for f in plan.fates if f.sheet == summary.sheet and f.action == "reject"]
        if not rejected:
            continue
        sheet = book.create_sheet(summary.sheet[:31])
        width = max([len(summary.headers)] + [len(f.cells or []) for f in rejected])
        headers = list(summary.headers) + [""] * (width - len(summary.headers))
        sheet.append([_cell(sheet, h) for h in headers] + [_cell(sheet, pick(*REASON_HEADER))])
        for fate in rejected:
            cells = list(fate.cells or []) + [""] * (width - len(fate.cells or []))
            sheet.append([_cell(sheet, v) for v in cells] + [_cell(sheet, fate.reason)])
            written += 1
    if not written:
        sheet = book.create_sheet("OK")
        sheet.append([pick("No rows were rejected.", "没有被拒绝的行。")])
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write_bytes(Path(out), buffer.getvalue())
    return written
