"""One import from start to finish, as the CLI and the wizard drive it: open the file,
detect each sheet's kind and columns (optionally with a saved profile), plan (dry run),
apply. Thin glue over import_reader / import_headers / import_plan / import_apply."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from app.errors import InvalidInput
from app.services import vocabulary
from app.services.imports.apply import ApplyResult, apply_plan
from app.services.imports.headers import (
    HEADER_SCAN_ROWS,
    IGNORE,
    SheetMapping,
    apply_profile,
    detect,
)
from app.services.imports.kehu import MANIFEST_TITLE, export_version, kehu_mapping
from app.services.imports.plan import ImportPlan, plan_import
from app.services.imports.reader import Limits, Workbook, open_workbook

PREVIEW_ROWS = 8


def head_rows(workbook: Workbook, sheet: str, count: int = HEADER_SCAN_ROWS) -> list[list]:
    out = []
    for row in workbook.rows(sheet):
        out.append(list(row))
        if len(out) >= count:
            break
    return out


def sheet_heads(workbook: Workbook, count: int = HEADER_SCAN_ROWS) -> dict[str, list[list]]:
    """The first `count` rows of every sheet (each sheet is parsed once here)."""
    return {name: head_rows(workbook, name, count) for name in workbook.sheet_names}


def detect_mappings(workbook: Workbook, sheets: list[str] | None = None,
                    profile: str | None = None,
                    heads: dict[str, list[list]] | None = None) -> list[SheetMapping]:
    """A mapping per sheet (IGNORE for sheets that look like no known kind); `heads`
    from sheet_heads, when the caller has read them already."""
    names = workbook.sheet_names
    if sheets:
        unknown = [s for s in sheets if s not in names]
        if unknown:
            raise InvalidInput(
                f"The file has no sheet {unknown[0]!r}; its sheets: {', '.join(names)}.",
                f"文件中没有工作表 {unknown[0]!r}；现有工作表：{'、'.join(names)}。")
    heads = heads if heads is not None else sheet_heads(workbook)
    version = None
    if MANIFEST_TITLE in names:
        version = export_version(heads[MANIFEST_TITLE])
    mappings = []
    for name in names:
        head = heads[name]
        mapping = kehu_mapping(name, head, version) or detect(name, head)
        if sheets and name not in sheets and mapping.kind != IGNORE:
            mapping.kind = IGNORE
            mapping.note_en, mapping.note_zh = "Not chosen.", "未选择。"
        if profile and mapping.kind != IGNORE:
            mapping = apply_profile(mapping, profile)
        mappings.append(mapping)
    return mappings


# What a purchase or contact sheet needs besides its own required columns.
_CUSTOMER_KEY = ("a customer key (UID, ID number, mobile, code or name)",
                 "客户识别列（UID、身份证号、手机、编号或姓名）")


def check_mappings(mappings: list[SheetMapping]) -> None:
    active = [m for m in mappings if m.kind != IGNORE]
    if not active:
        raise InvalidInput("No sheet with customers, purchases or contacts was recognised; "
                           "choose the sheets and columns by hand.",
                           "没有识别出客户、购买或联系记录工作表，请手动选择工作表和列。")
    for m in active:
        missing = sorted(m.missing_required())
        if missing:
            names = [_CUSTOMER_KEY if f == "customer" else vocabulary.field_names(f)
                     for f in missing]
            raise InvalidInput(
                f"Sheet {m.sheet}: no column is mapped to {', '.join(n[0] for n in names)}.",
                f"工作表 {m.sheet}：没有列对应到 {'、'.join(n[1] for n in names)}。")


def dry_run(session: Session, path: Path | str, *, sheets: list[str] | None = None,
            profile: str | None = None, policy: str = "fill", probable: str = "skip",
            limits: Limits | None = None, mappings: list[SheetMapping] | None = None,
            progress: Callable[[int, int], None] | None = None,
            cancel: Callable[[], bool] | None = None) -> tuple[ImportPlan, list[SheetMapping]]:
    workbook = open_workbook(path, limits)
    try:
        mappings = mappings or detect_mappings(workbook, sheets, profile)
        check_mappings(mappings)
        plan = plan_import(session, workbook, mappings, policy, probable=probable,
                           progress=progress, cancel=cancel)
    finally:
        workbook.close()
    return plan, mappings


def run_import(sessions: sessionmaker[Session], path: Path | str, *,
               backup: Callable[[], Path], sheets: list[str] | None = None,
               profile: str | None = None, policy: str = "fill", probable: str = "skip",
               limits: Limits | None = None,
               progress: Callable[[int, int], None] | None = None,
               cancel: Callable[[], bool] | None = None) -> tuple[ImportPlan, ApplyResult]:
    with sessions() as session:
        plan, _ = dry_run(session, path, sheets=sheets, profile=profile, policy=policy,
                          probable=probable, limits=limits, cancel=cancel)
    return plan, apply_plan(sessions, plan, backup=backup, progress=progress, cancel=cancel)
