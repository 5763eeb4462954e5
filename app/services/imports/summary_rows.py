"""Rows of a sheet that are not records: totals and subtotals (合计, 小计, Total…),
footer notes (制表人：张三, 打印日期：2026-11-30) and head counts standing in the name
column (14人, 共 9 人). Registers typed by hand end with such rows; taken as data they
become customers named "14人" or purchases that double the revenue.

One rule, used by the dry run for every kind of sheet, before the row is read:
- a summary label in any cell, the whole cell (any case, full-width or not, spaces and
  colons ignored), optionally followed by a colon or a number: "合 计", "合计：",
  "TOTAL", "Sub total", "小计 12,345.00", "合计14人";
- a footer note (制表人…, 审核…, 备注：…, 数据来源…, 打印日期…) in a row whose other
  text cells are footer notes too and which lacks a proper value for one of its kind's
  required fields (a name; a date and an amount; a time and a channel) — so a customer's
  notes cell reading "备注：老客户" or a purchase noted "备注：赠品" keeps its row, while
  "打印日期：" beside a date cell is still a footer;
- a name cell that is only a count of people (14人, 共9人, 合计 14 户).
A label inside longer text is not a label: 小计算器 is a product, Summit a name.
"""

from __future__ import annotations

import re
import unicodedata

_SUMMARY_WORDS = ("合计", "总计", "小计", "累计", "平均", "共计", "总数", "grandtotal",
                  "subtotal", "total", "sum", "average")
# What may follow a summary word inside the same cell: a few words that name the figure
# (合计金额, 平均值), then nothing, a colon and anything, or a figure (合计14人, total1,234).
_SUMMARY = re.compile(
    r"^(?:" + "|".join(_SUMMARY_WORDS) + r")(?:金额|值|数|人数|户数|笔数|数量|消费)?"
    r"(?:[:：(（].*|[-+]?[¥￥$]?\d[\d,.]*\S{0,3})?$")
_FOOTER_WORDS = ("制表人", "制表", "填表人", "填表", "审核人", "审核", "复核", "备注", "注",
                 "数据来源", "打印日期", "打印时间", "打印人", "统计日期", "报表日期")
# A footer note: the word then a colon (制表人：张三), or one of the unambiguous words
# followed by anything (数据来源 营销系统, 打印日期 2026-11-30).
_FOOTER = re.compile(
    r"^(?:(?:" + "|".join(_FOOTER_WORDS) + r")[:：]|数据来源|打印日期|打印时间)")
_HEAD_COUNT = re.compile(r"^(?:共|合计|总计|共计)?[:：]?\d+(?:人|位|户|名|个|家|笔|条)(?:次)?$")


# The characters a label or note can begin with (after spaces; full-width letters
# included): a cell beginning otherwise is passed over without folding it, which keeps
# the rule cheap on a 100k × 20 sheet of names, addresses and products.
_SUMMARY_START = frozenset("合总小累平共" + "tsgaTSGA" + "ｔｓｇａＴＳＧＡ")
_FOOTER_START = frozenset("制填审复备注数打统报")
_COUNT_START = frozenset("共合总0123456789０１２３４５６７８９")


def _folded(value: str) -> str:
    """Width and case folded, spaces removed: '合 计：' → '合计：', 'Sub Total' → 'subtotal'."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).lower()


def _starts(value: object, first: frozenset) -> bool:
    if not isinstance(value, str):
        return False
    head = value[:1]
    if head.isspace():
        head = value.lstrip()[:1]
    return head in first if head else False


def is_summary_label(value: object) -> bool:
    return _starts(value, _SUMMARY_START) and bool(_SUMMARY.match(_folded(value)))


def is_footer_note(value: object) -> bool:
    return _starts(value, _FOOTER_START) and bool(_FOOTER.match(_folded(value)))


def is_head_count(value: object) -> bool:
    """'14人', '共 9 人', '合计：14户' — a count of people, never a person's name."""
    return _starts(value, _COUNT_START) and bool(_HEAD_COUNT.match(_folded(value)))


def _shown(value: object) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= 40 else text[:39] + "…"


def not_a_record(cells: list, columns: dict[int, str],
                 required: set[str]) -> tuple[str, str] | None:
    """Why this row is a totals row, a footer note or a head count (English, Chinese),
    or None for a row to read as a record. `required`: the fields a record of this
    sheet's kind cannot lack."""
    notes = []
    for cell in cells:  # one cheap pass: most cells begin with no label's character
        if not isinstance(cell, str):
            continue
        head = cell[:1]
        if head.isspace():
            head = cell.lstrip()[:1]
        if head in _SUMMARY_START and _SUMMARY.match(_folded(cell)):
            return (f"A totals or summary row ({_shown(cell)}), not a record: skipped.",
                    f"合计或汇总行（{_shown(cell)}），不是记录：已跳过。")
        if head in _FOOTER_START and _FOOTER.match(_folded(cell)):
            notes.append(cell)
    if notes:
        texts = sum(1 for c in cells if isinstance(c, str) and c.strip())
        if len(notes) == texts and not _has_required(cells, columns, required):
            return (f"A footer note ({_shown(notes[0])}), not a record: skipped.",
                    f"表尾备注（{_shown(notes[0])}），不是记录：已跳过。")
    for index in name_columns(columns):
        if index < len(cells) and is_head_count(cells[index]):
            return (f"The name {_shown(cells[index])} is a head count, not a customer: "
                    "skipped.", f"姓名“{_shown(cells[index])}”是人数统计，不是客户：已跳过。")
    return None


def name_columns(columns: dict[int, str]) -> list[int]:
    return [index for index, field in columns.items() if field == "name"]


def _has_required(cells: list, columns: dict[int, str], required: set[str]) -> bool:
    """Every required field's column holds a value that is not a footer note."""
    held = set()
    for index, field in columns.items():
        value = cells[index] if index < len(cells) else None
        blank = value is None or (isinstance(value, str) and not value.strip())
        if field in required and not blank and not is_footer_note(value):
            held.add(field)
    return bool(required) and held >= required
