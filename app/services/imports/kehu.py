"""Kehu's own exports coming back (a branch's workbook, head office's merge, a CSV of one
sheet): recognised by the manifest sheet (清单) and by the exact template headers of
export_templates, so each sheet gets its proper kind instead of a guess.

- 客户名册 (register, also with head office's 来源网点 column first) → customers.
- 购买记录 / 联系记录 → purchases / contacts. Matching them back is sound: every row names
  its customer by 客户UID (kept through the round trip, even in a masked export), then
  by 客户编号; a record already in the file (same customer, date/time, amount/channel,
  product/summary) is skipped, so a re-import adds nothing. The record's own UID
  (购买UID / 联系UID) is not taken over: imported records get new ones.
- 回访计划 / 投诉记录 → not imported, with a note: a revisit plan is made by Kehu's own
  planner from the tiers, and a complaint has a workflow (deadlines, status) that a
  spreadsheet row cannot be replayed into; importing them as customers would be wrong.
- 清单 / 汇总 and any other sheet of a Kehu export → not imported, with a note.

A Kehu CSV export keeps text from turning into formulas with a leading apostrophe
(exports.cells.csv_safe) and keeps digit-only codes text with a leading tab
(exports.writer.csv_value); csv_unguard takes those off again, and the reader applies it
only to a CSV whose header is one of the export templates: in anybody else's file an
apostrophe is the customer's own text.
"""

from __future__ import annotations

from app.services.exports.cells import RISKY_PREFIXES
from app.services.exports.templates import (
    COMPLAINTS,
    DATA_SHEETS,
    MANIFEST_HEADERS,
    MANIFEST_TITLE,
    REGISTER,
    REGISTER_V1,
    REVISITS,
    SUMMARY_TITLE,
    SURVEYS,
    SheetTemplate,
)
from app.services.exports.templates import CONTACTS as CONTACTS_T
from app.services.exports.templates import PURCHASES as PURCHASES_T
from app.services.imports.headers import (
    CONTACTS,
    CUSTOMERS,
    IGNORE,
    NOTE_MANIFEST,
    PURCHASES,
    SheetMapping,
    map_columns,
    normalize_header,
)

_SCHEMA_KEY = "schema_version"
_BRANCH_HEADERS = {normalize_header("来源网点"), normalize_header("source_branch")}
_KINDS = {REGISTER.key: CUSTOMERS, PURCHASES_T.key: PURCHASES, CONTACTS_T.key: CONTACTS}
_NOT_IMPORTABLE = {
    REVISITS.key: (
        "The revisit plan of a Kehu export: not importable (revisits are planned in Kehu "
        "from the tiers); not imported.",
        "Kehu 导出的回访计划：不可导入（回访由 Kehu 按价值等级自动安排），不导入。"),
    COMPLAINTS.key: (
        "The complaints of a Kehu export: not importable (a complaint's workflow and "
        "deadlines cannot be replayed from a row; record it in Kehu); not imported.",
        "Kehu 导出的投诉记录：不可导入（投诉的处理流程和期限无法从表格行重建，请在 Kehu 中"
        "登记），不导入。"),
}
_SURVEY_SHEET = ("The survey figures of a Kehu export (per month, not per response): "
                 "read-only, not imported.",
                 "Kehu 导出的问卷满意度（按月汇总，不是逐份回答）：只读，不导入。")
_OTHER_SHEET = ("Not one of the importable sheets of a Kehu export (register, purchases, "
                "contacts); not imported.",
                "不是 Kehu 导出文件中可导入的工作表（客户名册、购买记录、联系记录），不导入。")
_CHANGED_LAYOUT = ("Its columns differ from the Kehu export template, so it is not imported "
                   "automatically; choose a kind by hand to import it.",
                   "其列与 Kehu 导出模板不一致，不自动导入；如需导入请手动选择类型。")


def _trimmed(row: list) -> list[str]:
    cells = [normalize_header(c) for c in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _matches(cells: list[str], template: SheetTemplate) -> bool:
    if len(cells) != len(template.columns):
        return False
    return all(cell in (normalize_header(c.header), normalize_header(c.alias))
               for cell, c in zip(cells, template.columns, strict=True))


def template_of(header_row: list) -> SheetTemplate | None:
    """The export template whose headers this row is (Chinese or English aliases)."""
    cells = _trimmed(header_row)
    registers = (REGISTER, REGISTER_V1)  # a version-1 register lacks 预测价值
    if cells and cells[0] in _BRANCH_HEADERS and any(_matches(cells[1:], r) for r in registers):
        return REGISTER  # head office's consolidated register
    if _matches(cells, REGISTER_V1):
        return REGISTER
    for template in DATA_SHEETS.values():
        if _matches(cells, template):
            return template
    return None


def export_version(manifest_rows: list[list]) -> str | None:
    """The schema version a Kehu manifest sheet declares, or None if it is not one."""
    if not manifest_rows or tuple(_trimmed(manifest_rows[0])[:3]) != MANIFEST_HEADERS:
        return None
    for row in manifest_rows[1:]:
        if row and str(row[0] or "").strip() == _SCHEMA_KEY and len(row) > 2 and row[2]:
            return str(row[2]).strip()
    return None


def _ignored(sheet: str, note: tuple[str, str]) -> SheetMapping:
    return SheetMapping(sheet, IGNORE, 1, note_en=note[0], note_zh=note[1])


def kehu_mapping(sheet: str, head_rows: list[list], version: str | None) -> SheetMapping | None:
    """The mapping of a sheet laid out by a Kehu export; None if it is not one (and the
    workbook is no Kehu export): the generic detection takes over."""
    name = sheet.strip()
    if name in (MANIFEST_TITLE, SUMMARY_TITLE) or name.lower() in ("manifest", "summary"):
        return _ignored(sheet, NOTE_MANIFEST)
    if name == SURVEYS.title and version is not None:
        return _ignored(sheet, _SURVEY_SHEET)
    template = template_of(head_rows[0]) if head_rows else None
    if template is None:
        if version is None:
            return None
        known = any(t.title == name for t in DATA_SHEETS.values())
        return _ignored(sheet, _CHANGED_LAYOUT if known else _OTHER_SHEET)
    if template.key in _NOT_IMPORTABLE:
        return _ignored(sheet, _NOT_IMPORTABLE[template.key])
    kind = _KINDS[template.key]
    headers = ["" if c is None else str(c).strip() for c in head_rows[0]]
    en = f"Recognised as the {template.key} sheet of a Kehu export."
    zh = f"识别为 Kehu 导出的{template.title}工作表。"
    return SheetMapping(sheet, kind, 1, headers, map_columns(headers, kind), en, zh)


def is_kehu_export_header(row: list) -> bool:
    """Whether a CSV's first row is the header of one of Kehu's export templates."""
    return template_of(row) is not None


def csv_unguard(cell: str) -> str:
    """Undo the guard Kehu's CSV export puts on a cell: exactly one apostrophe where the
    rest (past any apostrophes of the text itself) begins with = + - @ tab or CR, else the
    tab before a digit-only code or ID. Never both: a guarded '\t123 was the text \t123."""
    if cell.startswith("'") and cell[1:].lstrip("'").startswith(RISKY_PREFIXES):
        return cell[1:]
    if cell.startswith("\t") and cell[1:].isdigit():
        return cell[1:]
    return cell
