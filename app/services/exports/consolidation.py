"""Head office: merge many branches' Kehu exports into one workbook.

Each input is verified against its manifest first (template version, per-sheet row
counts and checksums): a tampered, truncated or foreign workbook is refused with the
reason, and nothing is written unless the caller chose to skip refused files. The
registers are merged with a source-branch column; the same customer in two branches
(same uid, ID number or phone) is listed on a conflicts sheet. Masked values (with
"*") cannot be compared and are skipped. The result has a summary with charts, a
sources sheet and its own manifest; it is written atomically (app.services.outgoing:
spools in a private workspace, nothing half-written left, not even after a crash).

The merged workbook leaves head office's hands like any export: masked by default
(app.services.masking, every sheet). Duplicates are found on the full values first,
so masking the output hides nothing from the check. An unmasked merge needs a
reason, written into its manifest (there is no customer file here to audit in).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app import __version__
from app.errors import InvalidInput, KehuError, ValidationError
from app.services import masking as M
from app.services import outgoing
from app.services.exports.charts import Block, write_summary
from app.services.exports.manifest import manifest_rows, sheet_rows, verify_workbook
from app.services.exports.manifest import open_workbook as open_export
from app.services.exports.service import (
    ExportCancelled,
    mask_blocks,
    mask_meta,
    write_manifest_sheet,
)
from app.services.exports.templates import (
    CONSOLIDATED_SCHEMA_VERSION,
    LABELS,
    MONEY,
    REGISTER,
    SUMMARY_TITLE,
    TIER_ORDER,
    Column,
)
from app.services.exports.writer import KehuWorkbook, SplitTable, XlsxTable, part_titles
from app.services.imports.values import amount_fen

BRANCH_COLUMN = Column("source_branch", "来源网点", "source_branch", width=18)
ROW_COLUMN = Column("source_row", "名册行号", "source_row", "int", width=10)
CONFLICT_COLUMNS = (
    Column("basis", "匹配依据", "basis", width=10, mask=M.KEY),
    Column("value", "匹配值", "value", "code", width=38, mask=M.IDENTIFIER),
    BRANCH_COLUMN,
    Column("uid", "客户UID", "uid", width=38, mask=M.KEY),
    Column("code", "客户编号", "code", "code", width=14, mask=M.KEY),
    Column("name", "客户名称", "name", width=28, mask=M.NAME),
    ROW_COLUMN,
)
_KEYS = {"period_from", "period_to", "exported_at", "masked", "customers", "sha256", "status"}
SOURCE_COLUMNS = tuple(Column(k, h, k, "int" if k == "customers" else "text", w,
                              mask=M.KEY if k in _KEYS else M.TEXT) for k, h, w in (
    ("file", "文件", 30), ("branch_name", "网点名称", 16), ("branch_code", "网点代码", 10),
    ("period_from", "期间起", 11), ("period_to", "期间止", 11),
    ("exported_at", "导出时间", 19), ("exported_by", "导出人", 10), ("masked", "脱敏", 6),
    ("customers", "客户数", 9), ("sha256", "校验和", 66), ("status", "状态", 8),
    ("reason", "原因", 50),
))
CONFLICTS_TITLE = "冲突"
SOURCES_TITLE = "来源"
BASIS_LABELS = {"uid": "客户UID", "id_number": "身份证号", "phone": "手机"}
_COL = {c.key: i for i, c in enumerate(REGISTER.columns)}
_MONEY = [i for i, c in enumerate(REGISTER.columns) if c.kind == MONEY]


class ConsolidationRefused(InvalidInput):
    def __init__(self, refused: list[SourceReport]):
        lines_en = [f"{r.path.name}: {r.reason_en}" for r in refused]
        lines_zh = [f"{r.path.name}：{r.reason_zh}" for r in refused]
        super().__init__("Refused, nothing written:\n" + "\n".join(lines_en),
                         "已拒绝，未写入任何文件：\n" + "\n".join(lines_zh))
        self.refused = refused


@dataclass
class SourceReport:
    path: Path
    branch: str = ""
    ok: bool = False
    reason_en: str = ""
    reason_zh: str = ""
    customers: int = 0
    masked: bool = False
    manifest: dict = field(default_factory=dict)

    @property
    def reason(self) -> str:
        from app.i18n import pick

        return pick(self.reason_en, self.reason_zh)


@dataclass(frozen=True)
class Occurrence:
    branch: str
    uid: str
    code: str
    name: str
    row: int


@dataclass(frozen=True)
class Conflict:
    basis: str  # uid | id_number | phone
    value: str
    occurrences: tuple[Occurrence, ...]


@dataclass
class ConsolidationResult:
    path: Path
    sources: list[SourceReport]
    customers: int
    conflicts: list[Conflict]
    checksum: str
    masked: bool = True

    @property
    def refused(self) -> list[SourceReport]:
        return [s for s in self.sources if not s.ok]


def _branch_label(manifest, path: Path) -> str:
    name, code = manifest.get("branch_name"), manifest.get("branch_code")
    if name and code:
        return f"{name}（{code}）"
    return str(name or code or path.stem)


def check_sources(paths: list[Path], password: str | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  cancel: Callable[[], bool] | None = None):
    """Verify every input: (reports, {path: open workbook} for the accepted ones).
    Progress and cancel go per workbook (each is read whole to be checked)."""
    reports, books, seen = [], {}, {}
    for i, path in enumerate(paths):
        if cancel is not None and cancel():
            for wb in books.values():
                wb.close()
            raise ExportCancelled()
        if progress is not None:
            progress(i, len(paths))
        report = SourceReport(Path(path))
        reports.append(report)
        wb = None
        try:
            wb = open_export(report.path, password)
            manifest = verify_workbook(report.path, wb=wb)
        except KehuError as exc:  # ManifestError, WrongPassword
            report.reason_en = getattr(exc, "reason_en", exc.en)
            report.reason_zh = getattr(exc, "reason_zh", exc.zh)
            if wb is not None:
                wb.close()
            continue
        report.manifest = dict(manifest.fields)
        if REGISTER.title not in manifest.sheets:
            report.reason_en = "it has no customer register (客户名册)."
            report.reason_zh = "不含客户名册。"
            wb.close()
            continue
        checksum = manifest.get("sha256")
        if checksum in seen:
            report.reason_en = f"the same export as {seen[checksum]}."
            report.reason_zh = f"与 {seen[checksum]} 是同一份导出。"
            wb.close()
            continue
        seen[checksum] = report.path.name
        report.ok = True
        report.branch = _branch_label(manifest, report.path)
        report.customers = sum(int(manifest.get(f"rows:{title}") or 0)
                               for title in part_titles(REGISTER.title, manifest.sheets))
        report.masked = manifest.get("masked") == "是"
        books[report.path] = wb
    labels = defaultdict(int)
    for report in reports:  # two exports of one branch stay apart
        if report.ok:
            labels[report.branch] += 1
            if labels[report.branch] > 1:
                report.branch = f"{report.branch} #{labels[report.branch]}"
    return reports, books


def consolidate(out: Path | str, paths: list[Path | str], *, now: datetime,
                password: str | None = None, skip_refused: bool = False,
                progress: Callable[[int, int], None] | None = None,
                cancel: Callable[[], bool] | None = None, masked: bool = True,
                reason: str = "", db_path: Path | str | None = None) -> ConsolidationResult:
    """Merge the branch workbooks into `out`. `db_path`: the customer file whose private
    folder holds the scratch files (default: the default customer file's)."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise InvalidInput("The consolidated workbook must be an .xlsx file.",
                           "合并结果必须是 .xlsx 文件。")
    if not masked and not reason.strip():
        raise ValidationError("reason", "An unmasked consolidation needs a reason (it is "
                              "written into the manifest).",
                              "合并未脱敏数据必须填写原因（将写入清单）。")
    paths = [Path(p) for p in paths]
    if any(p.resolve() == out.resolve() for p in paths if p.exists()):
        raise InvalidInput("The output would overwrite one of the inputs.",
                           "输出文件会覆盖某个输入文件。")
    reports, books = check_sources(paths, password, progress, cancel)
    try:
        refused = [r for r in reports if not r.ok]
        if (refused and not skip_refused) or not books:
            raise ConsolidationRefused(refused or reports)
        total = sum(r.customers for r in reports if r.ok)
        policy = M.MaskPolicy(personal=masked)
        with outgoing.workspace_for(db_path) as space, outgoing.release(space, out) as tmp:
            wb = KehuWorkbook(space, policy)
            customers, conflicts, checksum = _write(wb, tmp, reports, books, now, total,
                                                    progress, cancel, reason.strip())
    finally:
        for wb in books.values():
            wb.close()
    return ConsolidationResult(out, reports, customers, conflicts, checksum, masked)


def _register_rows(wb):
    """(row number, values, column index) of every row of a branch's register, over all
    its parts (a register longer than one sheet goes on in 客户名册 (2) …)."""
    for title in part_titles(REGISTER.title, wb.sheetnames):
        rows = sheet_rows(wb, title)
        header = list(next(rows, ()))
        # A version-1 register has no 预测价值 column: its cells stay empty.
        index = [header.index(c.header) if c.header in header else None
                 for c in REGISTER.columns]
        for row_no, raw in enumerate(rows, 2):
            yield row_no, raw, index


def _write(wb: KehuWorkbook, tmp, reports, books, now, total, progress, cancel, reason):
    register = SplitTable(wb, REGISTER.title, (BRANCH_COLUMN, *REGISTER.columns))
    keys: dict[str, dict[str, list[Occurrence]]] = {b: defaultdict(list) for b in BASIS_LABELS}
    tiers: dict[str, dict[str, int]] = {}
    stages: dict[str, dict[str, int]] = {}
    done = 0
    for report in reports:
        if not report.ok:
            continue
        tiers[report.branch] = defaultdict(int)
        stages[report.branch] = defaultdict(int)
        for row_no, raw, index in _register_rows(books[report.path]):
            values = [raw[i] if i is not None and i < len(raw) else None for i in index]
            if all(v is None for v in values):
                continue
            for i in _MONEY:  # the branch wrote yuan; the table takes fen, as an export
                values[i] = _fen(values[i])
            register.append([report.branch, *values])
            _remember(keys, report.branch, values, row_no)
            tiers[report.branch][values[_COL["tier"]] or "未分级"] += 1
            stages[report.branch][values[_COL["stage"]] or "未分级"] += 1
            done += 1
            if done % 2000 == 0:
                if cancel is not None and cancel():
                    raise ExportCancelled()
                if progress is not None:
                    progress(done, total)
    register.close()
    conflicts = _conflicts(keys)
    table = XlsxTable(wb, CONFLICTS_TITLE, CONFLICT_COLUMNS)
    for conflict in conflicts:
        for o in conflict.occurrences:
            table.append([BASIS_LABELS[conflict.basis], conflict.value, o.branch, o.uid,
                          o.code, o.name, o.row])
    table.close()
    sources = XlsxTable(wb, SOURCES_TITLE, SOURCE_COLUMNS)
    for r in reports:
        m = r.manifest
        sources.append([r.path.name, m.get("branch_name"), m.get("branch_code"),
                        m.get("period_from"), m.get("period_to"), m.get("exported_at"),
                        m.get("exported_by"), m.get("masked"), r.customers if r.ok else None,
                        m.get("sha256"), "已合并" if r.ok else "已拒绝",
                        None if r.ok else r.reason_zh])
    sources.close()
    summary = write_summary(wb, SUMMARY_TITLE, f"总部合并汇总 · {len(tiers)} 个网点",
                            mask_blocks(_blocks(tiers, stages, conflicts), wb.masking))
    covered = [*register.covered(), (CONFLICTS_TITLE, table.digest),
               (SOURCES_TITLE, sources.digest), (SUMMARY_TITLE, summary)]
    meta = [
        ("schema_version", "模板版本", CONSOLIDATED_SCHEMA_VERSION),
        ("exported_at", "合并时间", now.strftime("%Y-%m-%d %H:%M:%S")),
        ("app_version", "应用版本", __version__),
        ("branches", "网点数", len(tiers)),
        ("conflicts", "冲突客户数", len(conflicts)),
        ("masked", "个人信息脱敏", "是" if wb.masking.personal else "否"),
    ]
    if not wb.masking.personal:
        meta.append(("unmasked_reason", "未脱敏原因", reason))
    rows = manifest_rows(mask_meta(meta, wb.masking), covered)
    write_manifest_sheet(wb, rows)
    wb.save(tmp)
    return register.rows, conflicts, rows[-1][2]


def _fen(yuan) -> int | None:
    """A money cell of a branch's register back in fen (exactly, through Decimal); a
    cell someone typed over with something that is no amount is left empty."""
    if yuan is None or yuan == "":
        return None
    try:
        return amount_fen(yuan)
    except KehuError:
        return None


def _remember(keys, branch: str, values: list, row_no: int) -> None:
    uid, code, name = values[_COL["uid"]], values[_COL["code"]], values[_COL["name"]]
    occurrence = Occurrence(branch, str(uid or ""), str(code or ""), str(name or ""), row_no)
    if uid:
        keys["uid"][str(uid)].append(occurrence)
    id_number = values[_COL["id_number"]]
    if id_number and not M.is_masked(str(id_number)):
        keys["id_number"][str(id_number).upper()].append(occurrence)
    for column in ("phone", "phone2"):
        phone = values[_COL[column]]
        if phone and not M.is_masked(str(phone)):
            digits = "".join(ch for ch in str(phone) if ch.isdigit())
            if digits:
                keys["phone"][digits].append(occurrence)


def _conflicts(keys) -> list[Conflict]:
    """Keys seen in two or more branches; a customer matched by uid is not listed
    again for its ID number or phone."""
    out, by_uid = [], set()
    for basis in ("uid", "id_number", "phone"):
        for value, occurrences in keys[basis].items():
            if len({o.branch for o in occurrences}) < 2:
                continue
            if basis != "uid" and frozenset(o.uid for o in occurrences) <= by_uid:
                continue
            if basis == "uid":
                by_uid.add(value)
            out.append(Conflict(basis, value, tuple(occurrences)))
    return out


def _blocks(tiers, stages, conflicts) -> list[Block]:
    branches = list(tiers)
    tier_labels = [LABELS["tier"][t] for t in TIER_ORDER] + ["未分级"]
    stage_labels = [*LABELS["stage"].values(), "未分级"]
    per_basis = defaultdict(int)
    for c in conflicts:
        per_basis[BASIS_LABELS[c.basis]] += 1
    return [
        Block("各网点客户数", ["网点", "客户数"],
              [[b, sum(tiers[b].values())] for b in branches], y_title="客户数"),
        Block("各网点价值等级分布", ["网点", *tier_labels],
              [[b, *(tiers[b].get(t, 0) for t in tier_labels)] for b in branches],
              series=len(tier_labels), stacked=True, y_title="客户数"),
        Block("各网点生命周期分布", ["网点", *stage_labels],
              [[b, *(stages[b].get(s, 0) for s in stage_labels)] for b in branches],
              series=len(stage_labels), stacked=True, y_title="客户数"),
        Block("跨网点重复客户", ["匹配依据", "客户数"],
              [[label, per_basis.get(label, 0)] for label in BASIS_LABELS.values()],
              y_title="客户数"),
    ]
