"""Importing a sheet of survey results (head office's paper or phone surveys).

The sheet: the header row (found under title rows, like any import), columns that
name the customer the way every import does (客户编号, 姓名, 手机, 身份证号, 生日, UID —
app.services.imports.headers), the questionnaire (问卷; without that column, a sheet
named after a questionnaire), optionally its version (版本), the answer date (回答日期)
and who asked (调查人), then one column per question, headed by its text or its id
(q1 or "q1 您对…"). Customers are matched by imports.matching (a sure key, the code, a
name only one customer has…); a row matching nobody, or a customer in the trash, is
rejected with the reason. Totals, averages and footer rows (合计, 平均分, 制表人：…) are
skipped, never recorded. Rows are a multiset: each row's key counts its occurrences in
the file, so importing the same file twice records nothing new.

`plan` reads and checks everything and writes nothing (the dry run); `apply` records
the planned responses (follow-ups for those answered in the last 30 days). The CLI's
`survey import` and the import wizard's sheet kind 问卷结果 (KIND; `looks_like_results`
is how the wizard recognises such a sheet) run the same two.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KehuError
from app.i18n import pick
from app.models import SurveyResponse
from app.services.imports import values as cells
from app.services.imports.headers import HEADER_SCAN_ROWS, KEY_FIELDS, SYNONYMS, normalize_header
from app.services.imports.matching import Matcher
from app.services.imports.reader import open_workbook
from app.services.imports.summary_rows import not_a_record
from app.services.surveys.score import score_answers
from app.services.surveys.templates import LEGACY, Template, get_template, list_templates

FOLLOW_UP_DAYS = 30
KIND = "surveys"  # the import wizard's sheet kind for survey results (问卷结果)
_OWN = {
    "template": ["问卷", "问卷名称", "调查问卷", "问卷类型", "template", "questionnaire", "survey"],
    "version": ["版本", "问卷版本", "version"],
    "answered_at": ["回答日期", "回答时间", "调查日期", "调查时间", "回访日期", "日期", "时间",
                    "answered_at", "date"],
    "staff": ["调查人", "访问员", "回访人", "经办人", "staff"],
}
_LOOKUP = {normalize_header(s): f for f, names in _OWN.items() for s in names}
_LOOKUP.update({normalize_header(s): f for f in KEY_FIELDS for s in SYNONYMS["customers"][f]
                if normalize_header(s) not in _LOOKUP})


@dataclass(frozen=True)
class RowNote:
    sheet: str
    row: int
    en: str
    zh: str

    @property
    def reason(self) -> str:
        return pick(self.en, self.zh)

    def to_json(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "reason": self.reason}


@dataclass(frozen=True)
class Planned:
    sheet: str
    row: int
    customer_id: int
    customer: str  # 姓名（编号）
    matched_by: str
    template: Template
    answered_at: datetime
    answers: dict
    score: float
    nps: int | None
    staff: str | None
    origin_key: str

    def to_json(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "customer": self.customer,
                "matched_by": self.matched_by, "template": self.template.name,
                "version": self.template.version,
                "answered_at": self.answered_at.isoformat(sep=" "), "score": self.score,
                "nps": self.nps}


@dataclass
class SurveyPlan:
    file: str
    sha256: str
    planned: list[Planned] = field(default_factory=list)
    rejected: list[RowNote] = field(default_factory=list)
    skipped: list[RowNote] = field(default_factory=list)  # totals, blank…, already in
    sheets: list[RowNote] = field(default_factory=list)  # sheets not read, and why

    def to_json(self) -> dict:
        return {"file": self.file, "to_record": len(self.planned),
                "rejected": [r.to_json() for r in self.rejected],
                "skipped": [r.to_json() for r in self.skipped],
                "sheets_not_read": [r.to_json() for r in self.sheets],
                "responses": [p.to_json() for p in self.planned]}


def _question_column(q, headers: dict[int, str]) -> int | None:
    qid, text = normalize_header(q.id), normalize_header(q.text)
    for index, h in headers.items():
        if h in (qid, text) or (h.startswith(qid) and h.endswith(text)):
            return index
    return None


def _header_row(rows: list[list], templates: list[Template]) -> tuple[int, dict[int, str]]:
    """(0-based index of the header row, column → field) — the row naming most fields
    or questions; (-1, {}) when none names two."""
    texts = {normalize_header(t) for tpl in templates for q in tpl.questions
             for t in (q.id, q.text)}
    best = (-1, {}, 1)
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns = {}
        hits = 0
        for i, cell in enumerate(row):
            h = normalize_header(cell)
            if h in _LOOKUP and _LOOKUP[h] not in columns.values():
                columns[i] = _LOOKUP[h]
                hits += 1
            elif h and (h in texts or any(h.endswith(t) for t in texts if len(t) > 3)):
                hits += 1
        if hits > best[2]:
            best = (index, columns, hits)
    return best[0], best[1]


def _answer(q, raw: Any) -> Any:
    if cells.is_blank(raw):
        return None
    if q.type == "scale":  # 4, "4", "4分"
        return raw if isinstance(raw, int | float) else cells.fold(raw).removesuffix("分")
    if q.type == "multiple":
        return [p for p in (s.strip() for s in cells.fold(raw).replace("，", ",")
                            .replace("、", ",").replace(";", ",").split(",")) if p]
    return cells.text(raw)


class _Rows:
    def __init__(self, session: Session, plan: SurveyPlan):
        self.session, self.plan = session, plan
        self.matcher = Matcher(session)
        self.templates: dict[tuple[str, int | None], Template] = {}
        self.seen: Counter = Counter()
        self.phones = cells.PhoneNormalizer()
        self.known = set(session.scalars(select(SurveyResponse.origin_key).where(
            SurveyResponse.origin_key.like("import:%"))))

    def template(self, name: str, version: int | None) -> Template:
        key = (name, version)
        if key not in self.templates:
            self.templates[key] = get_template(self.session, name, version)
        return self.templates[key]

    def reject(self, sheet: str, row: int, en: str, zh: str) -> None:
        self.plan.rejected.append(RowNote(sheet, row, en, zh))

    def read(self, sheet: str, row: int, line: list, columns: dict[int, str],
             headers: dict[int, str], sheet_template: str | None) -> None:
        got = {f: line[i] if i < len(line) else None for i, f in columns.items()}
        name = cells.fold(got.get("template") or "") or sheet_template
        if not name:
            return self.reject(sheet, row, "No questionnaire named in the row.",
                               "该行没有填写问卷名称。")
        try:
            version = got.get("version")
            version = None if cells.is_blank(version) else int(float(cells.fold(version)))
        except ValueError:
            return self.reject(sheet, row, f"The version {got['version']!r} is not a number.",
                               f"版本“{got['version']}”不是数字。")
        try:
            template = self.template(name, version)
            if template.purpose == LEGACY:
                return self.reject(sheet, row, f"{name} takes no new answers.",
                                   f"“{name}”不接受新的回答。")
            values = self._keys(got)
            ref, how = self.matcher.match_for_record(values)
            if ref is None:
                return self.reject(sheet, row, "No customer in the file matches this row "
                                   "(code, ID number, mobile, or name and birthday).",
                                   "档案中没有与该行匹配的客户（客户编号、身份证号、手机或姓名加生日）。")
            existing = self.matcher.existing[ref]
            if existing.trashed:
                return self.reject(sheet, row, f"{existing.name} ({existing.code}) is in the "
                                   "trash.", f"{existing.name}（{existing.code}）在回收站中。")
            raw_at = got.get("answered_at")
            if cells.is_blank(raw_at):
                return self.reject(sheet, row, "The answer date is missing.", "缺少回答日期。")
            at = cells.moment(raw_at, "answered_at")
            if at.date() > datetime.now().date():
                return self.reject(sheet, row, f"The answer date {at:%Y-%m-%d} is in the "
                                   "future.", f"回答日期 {at:%Y-%m-%d} 晚于今天。")
            answers = {}
            for q in template.questions:
                index = _question_column(q, headers)
                if index is not None and index < len(line):
                    value = _answer(q, line[index])
                    if value is not None:
                        answers[q.id] = value
            scored = score_answers(template, answers)
        except KehuError as exc:
            return self.reject(sheet, row, exc.en, exc.zh)
        digest = hashlib.sha256(json.dumps(
            [ref, template.name, template.version, at.isoformat(), scored.answers],
            ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:40]
        self.seen[digest] += 1
        key = f"import:{digest}#{self.seen[digest]}"
        if key in self.known:
            self.plan.skipped.append(RowNote(sheet, row, "Imported before: skipped.",
                                             "此前已导入：已跳过。"))
            return None
        staff = got.get("staff")
        self.plan.planned.append(Planned(
            sheet, row, ref, f"{existing.name}（{existing.code}）", how, template, at,
            scored.answers, scored.score, scored.nps,
            None if cells.is_blank(staff) else cells.text(staff)[:100], key))
        return None

    def _keys(self, got: dict) -> dict:
        values = {}
        for f in KEY_FIELDS:
            raw = got.get(f)
            if cells.is_blank(raw) or cells.is_masked(raw):
                continue
            if f == "phone":
                values[f] = self.phones(cells.phone(raw))
            elif f == "id_number":
                values[f] = cells.id_number(raw)
            elif f == "birthday":
                values[f] = cells.date_value(raw, f)
            else:
                values[f] = cells.text(raw)
        return values


def _answer_columns(row: list, templates: list[Template]) -> int:
    """How many cells of a header row name a question (by its id or its text)."""
    texts = {normalize_header(t) for tpl in templates for q in tpl.questions
             for t in (q.id, q.text)}
    return sum(1 for cell in row if (h := normalize_header(cell)) and h not in _LOOKUP
               and (h in texts or any(h.endswith(t) for t in texts if len(t) > 3)))


def looks_like_results(session: Session, sheet: str, head_rows: list[list]) -> bool:
    """Whether a sheet (its first rows) is one of survey results, as `plan` would read
    it: a header row naming the customer, the questionnaire (a 问卷 column, or the
    sheet named after one) and at least one question."""
    templates = list_templates(session)
    index, columns = _header_row(head_rows, templates)
    if index < 0 or not (set(columns.values()) & set(KEY_FIELDS)):
        return False
    if "template" not in columns.values() and sheet.strip() not in {t.name for t in templates}:
        return False
    return _answer_columns(head_rows[index], templates) > 0


def plan(session: Session, path: Path | str, sheets: list[str] | None = None) -> SurveyPlan:
    """What importing the file would record, reject and skip, and why. Writes nothing.
    `sheets`: only these (the wizard's choice); the others are listed as not read."""
    templates = list_templates(session)
    names = {t.name for t in templates}
    with open_workbook(path) as wb:
        result = SurveyPlan(Path(path).name, wb.sha256)
        reader = _Rows(session, result)
        for sheet in wb.sheet_names:
            if sheets is not None and sheet not in sheets:
                result.sheets.append(RowNote(sheet, 0, "Not chosen: not read.",
                                             "未选择：未读取。"))
                continue
            rows = list(wb.rows(sheet))
            index, columns = _header_row(rows, templates)
            sheet_template = sheet.strip() if sheet.strip() in names else None
            if index < 0 or not (set(columns.values()) & set(KEY_FIELDS)):
                result.sheets.append(RowNote(sheet, 0, "No header row naming the customer and "
                                             "the answers: not read.",
                                             "没有找到包含客户和答案的表头行：未读取。"))
                continue
            if "template" not in columns.values() and not sheet_template:
                result.sheets.append(RowNote(sheet, index + 1, "No questionnaire column (问卷) "
                                             "and the sheet is not named after one: not read.",
                                             "没有“问卷”列，工作表名也不是问卷名称：未读取。"))
                continue
            headers = {i: normalize_header(c) for i, c in enumerate(rows[index])
                       if i not in columns and normalize_header(c)}
            for number, line in enumerate(rows[index + 1:], start=index + 2):
                if all(cells.is_blank(c) for c in line):
                    continue
                why = not_a_record(line, columns, {"answered_at"})
                if why is not None:
                    result.skipped.append(RowNote(sheet, number, *why))
                    continue
                reader.read(sheet, number, line, columns, headers, sheet_template)
    return result


def apply(session: Session, planned: SurveyPlan, *, now: datetime) -> int:
    """Record the planned responses (the plan of this very session's file state);
    how many. One transaction: the caller's."""
    from app.services import audit
    from app.services.surveys.record import record_response

    recent = now - timedelta(days=FOLLOW_UP_DAYS)
    for p in planned.planned:
        record_response(session, p.customer_id, p.template, p.answers, now=now,
                        answered_at=p.answered_at, staff=p.staff, source="import",
                        origin_key=p.origin_key, follow_up=p.answered_at >= recent)
    audit.record(session, "survey_import", "survey_response", None,
                 {"file": planned.file, "sha256": planned.sha256,
                  "recorded": len(planned.planned), "rejected": len(planned.rejected)})
    return len(planned.planned)
