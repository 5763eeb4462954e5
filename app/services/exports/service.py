"""Export for head office: the chosen sheets of the customer file as an .xlsx with a
summary (native charts) and a manifest (branch, period, counts, checksums), or one
sheet as a UTF-8 (BOM) .csv.

Personal data is masked (app.services.masking, applied by the writer to every row of
every sheet, the summary and the manifest included) unless the caller says otherwise
and gives a reason. The file is written through app.services.outgoing: sheet spools
in the customer file's private workspace, the target as a temp file beside it,
encrypted if a password is given, fsynced; the audit entry is committed in its own
transaction before the rename releases the file, and a failed or cancelled write is
recorded as such. Nothing half-written stays, not even after a crash.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from app import __version__
from app.errors import KehuError, ValidationError
from app.services import audit, outgoing
from app.services.exports import rows as rows_mod
from app.services.exports.charts import Block, write_summary
from app.services.exports.manifest import manifest_rows
from app.services.exports.protect import check_password, encrypt_file
from app.services.exports.rows import ExportFilter
from app.services.exports.surveys import count_survey_rows, survey_rows
from app.services.exports.templates import (
    ALL_SHEET_KEYS,
    DATA_SHEETS,
    MANIFEST_HEADERS,
    MANIFEST_TITLE,
    SCHEMA_VERSION,
    STAGE_ORDER,
    SUMMARY_KEY,
    SUMMARY_TITLE,
    SURVEY_KEY,
    SURVEYS,
    TIER_ORDER,
    label,
)
from app.services.exports.writer import (
    KehuWorkbook,
    SplitTable,
    header_cells,
    text_cell,
    value_cell,
    write_csv,
)
from app.services.masking import TEXT, MaskPolicy
from app.store.space import ensure_free

PROGRESS_EVERY = 2000
UNTIERED = "未分级"
NO_OWNER = "（未指定）"


class ExportCancelled(KehuError):
    def __init__(self):
        super().__init__("Export cancelled; no file was written.", "导出已取消，未写入文件。")


@dataclass(frozen=True)
class ExportOptions:
    sheets: tuple[str, ...] = ALL_SHEET_KEYS
    flt: ExportFilter = field(default_factory=ExportFilter)
    masked: bool = True  # every personal field but names (app.services.masking)
    mask_names: bool = False
    reason: str = ""  # required for an unmasked export; goes to the audit log
    password: str | None = None
    branch_name: str | None = None
    branch_code: str | None = None


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: dict[str, int]
    checksum: str | None
    encrypted: bool
    no_consent: int = 0  # customers the other filters kept, left out for lack of consent


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValidationError("path", f"Export to .xlsx or .csv, not {suffix or 'no extension'}.",
                              f"只能导出为 .xlsx 或 .csv，不能是 {suffix or '无扩展名'}。")
    return suffix[1:]


def check_options(path: Path, options: ExportOptions) -> str:
    """The file format; ValidationError for anything that would make a wrong export."""
    fmt = file_format(path)
    unknown = [s for s in options.sheets if s not in ALL_SHEET_KEYS]
    if unknown or not options.sheets:
        raise ValidationError(
            "sheets", f"Unknown sheet(s) {', '.join(unknown) or '(none)'}; choose from "
                      f"{', '.join(ALL_SHEET_KEYS)}.",
            f"未知工作表 {'、'.join(unknown) or '（无）'}；可选 {'、'.join(ALL_SHEET_KEYS)}。")
    if not options.masked and not options.reason.strip():
        raise ValidationError("reason", "An unmasked export needs a reason (it is audited).",
                              "导出未脱敏数据必须填写原因（将记入审计日志）。")
    flt = options.flt
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        raise ValidationError("period", "The period ends before it starts.",
                              "期间的结束日期早于开始日期。")
    check_password(options.password)
    if fmt == "csv":
        data = [s for s in options.sheets if s in DATA_SHEETS]
        if len(options.sheets) != 1 or len(data) != 1:
            raise ValidationError("sheets", "A .csv file holds exactly one data sheet.",
                                  ".csv 文件只能包含一个数据工作表。")
        if options.password:
            raise ValidationError("password", "A .csv file cannot be password-protected; "
                                  "export to .xlsx instead.",
                                  ".csv 文件无法加密，请导出为 .xlsx。")
    return fmt


def _branch(session: Session, options: ExportOptions) -> tuple[str, str]:
    name = options.branch_name or rows_mod.main_branch(session, options.flt) or ""
    return name, options.branch_code or ""


def _reader(session, key: str, flt, now):
    if key == "register":
        return rows_mod.register_rows(session, flt)
    if key == "revisits":
        return rows_mod.revisit_rows(session, flt, now)
    return {"purchases": rows_mod.purchase_rows, "contacts": rows_mod.contact_rows,
            "complaints": rows_mod.complaint_rows}[key](session, flt)


def _count(session, key, flt) -> int:
    if key == "register":
        return rows_mod.count_register(session, flt)
    return rows_mod.count_records(session, key, flt)


class _Ticker:
    """Progress and cancel, checked every PROGRESS_EVERY rows (cheap per row)."""

    def __init__(self, total: int, progress, cancel):
        self.total, self.done = total, 0
        self.progress, self.cancel = progress, cancel

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.done % PROGRESS_EVERY < n:
            self.check()

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise ExportCancelled()
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


# Bytes per exported row, measured on demo data with some margin: the final file, and
# for .xlsx the uncompressed sheet spools in the private workspace beside it.
BYTES_PER_ROW = {"csv": 400, "xlsx": 1200}


def _ensure_room(session: Session, path: Path, fmt: str, rows: int) -> None:
    """Refuse before writing when the export cannot fit (the disk of the target, and of
    the workspace beside the customer file where .xlsx spools go)."""
    needed = rows * BYTES_PER_ROW[fmt] + 64 * 1024  # the summary and manifest sheets
    ensure_free(path.parent, needed)
    workspace_disk = outgoing.db_path_of(session).parent
    if fmt == "xlsx" and workspace_disk.exists() and path.parent.exists() and \
            workspace_disk.stat().st_dev != path.parent.stat().st_dev:
        ensure_free(workspace_disk, needed)


def export(session: Session, path: Path | str, options: ExportOptions, *, now: datetime,
           actor: str | None = None, progress: Callable[[int, int], None] | None = None,
           cancel: Callable[[], bool] | None = None) -> ExportResult:
    """Write the export to `path` (.xlsx or .csv). The audit entry is committed on its
    own (before the file is released), so `session` is only read from."""
    path = Path(path)
    fmt = check_options(path, options)
    flt = options.flt
    if flt.segment and not flt.segment_expression:  # today's members of a saved segment
        from dataclasses import replace

        from app.services.segments.service import get as get_segment

        flt = replace(flt, segment_expression=get_segment(session, flt.segment).expression)
        options = replace(options, flt=flt)
    no_consent = _without_consent(session, flt)
    masking = MaskPolicy(personal=options.masked, names=options.mask_names)
    keys = [k for k in DATA_SHEETS if k in options.sheets]
    total = sum(_count(session, k, flt) for k in keys)
    if SURVEY_KEY in options.sheets and fmt == "xlsx":
        total += count_survey_rows(session, flt)
    ticker = _Ticker(total, progress, cancel)
    ticker.check()
    _ensure_room(session, path, fmt, ticker.total)
    actor = actor or audit.current_user()
    written: dict = {"rows": None, "sha256": None}

    def detail() -> dict:
        return {
            "path": str(path), "format": fmt, "sheets": list(options.sheets),
            "rows": written["rows"], "masked": options.masked,
            "names_masked": options.mask_names, "reason": options.reason.strip() or None,
            "encrypted": bool(options.password), "filter": flt.describe(),
            "no_consent": no_consent,
            "period": _period_text(flt), "sha256": written["sha256"]}

    with outgoing.workspace_for(session) as space, \
            outgoing.release(space, path, bind=session, entity="customer", detail=detail,
                             actor=actor) as tmp:
        if fmt == "csv":
            template = DATA_SHEETS[keys[0]]
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                count = write_csv(fh, template.columns, _reader(session, keys[0], flt, now),
                                  masking, on_row=lambda _n: ticker.step())
            written["rows"] = {keys[0]: count}
        else:
            wb = KehuWorkbook(space, masking)
            branch = _branch(session, options)
            if options.password:
                # The plain workbook stays in memory: nothing readable touches the disk
                # but the sheet spools, in the private workspace.
                plain = io.BytesIO()
                counts, checksum = _write_xlsx(session, wb, plain, keys, options, branch, now,
                                               actor, ticker)
                plain.seek(0)
                encrypt_file(plain, tmp, options.password)
            else:
                counts, checksum = _write_xlsx(session, wb, tmp, keys, options, branch, now,
                                               actor, ticker)
            written.update(rows=counts, sha256=checksum)
        ticker.check()
    if progress is not None:
        progress(ticker.total, ticker.total)
    return ExportResult(path, written["rows"], written["sha256"], bool(options.password),
                        no_consent)


def _without_consent(session, flt: ExportFilter) -> int:
    if not flt.consent:
        return 0
    from dataclasses import replace

    from app.services.privacy.consent import check_purpose

    check_purpose(flt.consent)  # an unknown purpose: said before anything is written
    return (rows_mod.count_register(session, replace(flt, consent=None))
            - rows_mod.count_register(session, flt))


def _period_text(flt: ExportFilter) -> str:
    if not flt.date_from and not flt.date_to:
        return "全部"
    start = flt.date_from.isoformat() if flt.date_from else "…"
    end = flt.date_to.isoformat() if flt.date_to else "…"
    return f"{start} 至 {end}"


def _write_xlsx(session, wb: KehuWorkbook, target, keys, options: ExportOptions, branch, now,
                actor, ticker) -> tuple[dict[str, int], str]:
    flt = options.flt
    covered = []
    counts: dict[str, int] = {}
    for key in keys:
        template = DATA_SHEETS[key]
        table = SplitTable(wb, template.title, template.columns)
        for values in _reader(session, key, flt, now):
            table.append(values)
            ticker.step()
        table.close()
        counts[key] = table.rows
        covered.extend(table.covered())
    if SURVEY_KEY in options.sheets:
        table = SplitTable(wb, SURVEYS.title, SURVEYS.columns)
        for values in survey_rows(session, flt):
            table.append(values)
            ticker.step()
        table.close()
        counts[SURVEY_KEY] = table.rows
        covered.extend(table.covered())
    if SUMMARY_KEY in options.sheets:
        figures = rows_mod.summary_figures(session, flt, now)
        heading = f"客户汇总 · {branch[0] or '—'} · {_period_text(flt)}"
        digest = write_summary(wb, SUMMARY_TITLE, wb.masking.apply(TEXT, heading),
                               mask_blocks(summary_blocks(figures), wb.masking))
        covered.append((SUMMARY_TITLE, digest))
    meta = [
        ("schema_version", "模板版本", SCHEMA_VERSION),
        ("branch_name", "网点名称", branch[0] or None),
        ("branch_code", "网点代码", branch[1] or None),
        ("period_from", "期间起", flt.date_from.isoformat() if flt.date_from else None),
        ("period_to", "期间止", flt.date_to.isoformat() if flt.date_to else None),
        ("exported_at", "导出时间", now.strftime("%Y-%m-%d %H:%M:%S")),
        ("app_version", "应用版本", __version__),
        ("exported_by", "导出人", actor or None),
        ("masked", "个人信息脱敏", "是" if options.masked else "否"),
        ("names_masked", "姓名脱敏", "是" if options.mask_names else "否"),
        ("filter", "筛选条件", flt.describe() or None),
    ]
    rows = manifest_rows(mask_meta(meta, wb.masking), covered)
    write_manifest_sheet(wb, rows)
    ticker.check()
    wb.save(target)
    return counts, rows[-1][2]


# Manifest values that are free text (names a person typed); the others are Kehu's own.
FREE_TEXT_META = frozenset({"branch_name", "branch_code", "exported_by", "filter"})


def mask_meta(meta: list[tuple], masking: MaskPolicy) -> list[tuple]:
    return [(key, name, masking.apply(TEXT, value) if key in FREE_TEXT_META else value)
            for key, name, value in meta]


def mask_blocks(blocks: list[Block], masking: MaskPolicy) -> list[Block]:
    """The summary tables with their text cells (owners, branches…) masked as free text."""
    for block in blocks:
        block.rows = [[masking.apply(TEXT, v) for v in row] for row in block.rows]
    return blocks


def write_manifest_sheet(wb, rows) -> None:
    ws = wb.create_sheet(MANIFEST_TITLE)
    for letter, width in (("A", 24), ("B", 22), ("C", 68)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.append(header_cells(ws, list(MANIFEST_HEADERS)))
    for key, name, value in rows:
        ws.append([text_cell(ws, key), text_cell(ws, name),
                   None if value is None else value_cell(ws, value)])


def summary_blocks(figures: dict) -> list[Block]:
    tiers = figures["tiers"]
    stages = figures["stages"]
    tier_rows = [[label("tier", t), int(tiers.get(t, 0))] for t in TIER_ORDER]
    tier_rows.append([UNTIERED, int(tiers.get(None, 0))])
    stage_rows = [[label("stage", s), int(stages.get(s, 0))] for s in STAGE_ORDER]
    if stages.get(None):
        stage_rows.append([UNTIERED, int(stages[None])])
    revisit_rows = []
    for owner, done, pending, late in figures["revisits"]:
        total = done + pending + late
        revisit_rows.append([owner or NO_OWNER, done, pending, late,
                             round(done / total, 4) if total else None])
    return [
        Block("按价值等级的客户数", ["价值等级", "客户数"], tier_rows, y_title="客户数"),
        Block("按生命周期的客户数", ["生命周期", "客户数"], stage_rows, y_title="客户数"),
        Block("每月联系次数", ["月份", "联系次数"], [list(m) for m in figures["months"]],
              chart="line", y_title="次数"),
        Block("各负责人回访完成情况", ["负责人", "已完成", "待办", "逾期", "完成率"],
              revisit_rows, series=3, stacked=True, percent_columns=(5,), y_title="条数"),
    ]
