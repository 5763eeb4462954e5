"""CLI commands `import` and `undo-import`.

import FILE: dry run (counts per sheet, the reason for every skipped, rejected or review
row — a probable duplicate, held back unless --probable create —, field diffs; with
--dry-run every customer to create as well; --json lists them all under "creates"),
then — unless --dry-run — a backup and one transaction. --report writes the rejected
and review rows as a workbook to fix and import again.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.cli.common import backup_before, err, open_db, out
from app.errors import EXIT_OK
from app.i18n import pick
from app.services.vocabulary import sheet_kind

_ACTIONS = {"create": ("create", "新建"), "update": ("update", "更新"), "skip": ("skip", "跳过"),
            "reject": ("reject", "拒绝"), "review": ("review", "待核对")}


def _print_plan(plan, *, creates: bool) -> None:
    """Counts per sheet, then every row that is not a plain create: updates with their
    changes, skips and rejects with the reason, creates with a note for review. With
    `creates` (the dry run) every customer to create is listed too, so a wrong one can
    be spotted before anything is written."""
    for s in plan.sheets:
        c = s.counts
        kind_en, kind_zh = (sheet_kind(s.kind, lang) for lang in ("en", "zh"))
        out(pick(f"Sheet {s.sheet} ({kind_en}, header row {s.header_row}): "
                 f"{c['create']} to create, {c['update']} to update, {c['skip']} skipped, "
                 f"{c['reject']} rejected, {c['review']} to review",
                 f"工作表 {s.sheet}（{kind_zh}，表头第 {s.header_row} 行）：新建 {c['create']}，"
                 f"更新 {c['update']}，跳过 {c['skip']}，拒绝 {c['reject']}，"
                 f"待核对 {c['review']}"))
    for sheet, note in plan.ignored_notes():
        out(pick(f"Sheet {sheet} not imported: {note}", f"工作表 {sheet} 不导入：{note}"))
    for fate in plan.fates:
        label = pick(*_ACTIONS[fate.action])
        where = f"  {fate.sheet}!{fate.row} {label}"
        if fate.action == "create":
            created = plan.created_row(fate)
            if created is None or not (creates or created.note):
                continue  # a purchase or contact to add, or a plain create outside a dry run
            who = " ".join(x for x in (created.name, created.phone) if x)
            out(f"{where}: {who}" + (f" — {created.note}" if created.note else ""))
            continue
        out(f"{where}: {fate.diff_text() if fate.diff else fate.reason}")
    if plan.already_imported:
        batch, at = plan.already_imported
        out(pick(f"This file was already imported on {at:%Y-%m-%d %H:%M} (import {batch}).",
                 f"此文件已于 {at:%Y-%m-%d %H:%M} 导入过（导入编号 {batch}）。"))


def cmd_import(args) -> int:
    from app.services.imports.apply import apply_plan
    from app.services.imports.report import columns_of, write_rejected
    from app.services.imports.session import dry_run

    path = Path(args.file).expanduser()

    def progress(done: int, total: int) -> None:
        err(pick(f"  importing {done}/{total}", f"  正在导入 {done}/{total}"))

    with open_db(args) as vault:
        with vault.sessions() as session:
            plan, mappings = dry_run(session, path, sheets=args.sheet, profile=args.mapping,
                                     policy=args.policy, probable=args.probable)
        if args.report:
            written = write_rejected(plan, Path(args.report).expanduser(),
                                     masked=args.report_unmasked is None,
                                     reason=args.report_unmasked or "",
                                     sessions=vault.sessions, columns=columns_of(mappings))
            err(pick(f"{written} rejected or review rows written to {args.report}",
                     f"已将 {written} 个被拒绝或待核对的行写入 {args.report}"))
        result = None
        if not args.dry_run and plan.has_changes:
            result = apply_plan(vault.sessions, plan, progress=progress,
                                backup=backup_before(vault, "import"))
    if args.json:
        payload = plan.to_json()
        payload["dry_run"] = bool(args.dry_run)
        payload["batch"] = result.batch_id if result else None
        out(json.dumps(payload, ensure_ascii=False))
        return EXIT_OK
    _print_plan(plan, creates=bool(args.dry_run))
    if args.dry_run:
        out(pick("Dry run: nothing was written.", "试运行：未写入任何内容。"))
    elif result is None:
        out(pick("Nothing to change: the customer file already holds everything in this file.",
                 "无需更改：客户档案已包含此文件的全部内容。"))
    else:
        out(pick(f"Imported as import {result.batch_id}: {result.created} customers created, "
                 f"{result.updated} updated, {result.purchases} purchases and "
                 f"{result.contacts} contacts added. Undo with: undo-import {result.batch_id}",
                 f"已导入（导入编号 {result.batch_id}）：新建客户 {result.created}，"
                 f"更新 {result.updated}，新增购买 {result.purchases}、联系 {result.contacts}。"
                 f"撤销：undo-import {result.batch_id}"))
    return EXIT_OK


def cmd_undo_import(args) -> int:
    from app.services.imports.undo import undo_import

    with open_db(args) as vault:
        r = undo_import(vault.sessions, args.batch, force=args.force,
                        backup=backup_before(vault, "undo-import"))
    out(pick(f"Import {r.batch_id} ({r.file_name}) undone: {r.removed_customers} customers "
             f"removed, {r.restored_customers} restored, {r.removed_purchases} purchases and "
             f"{r.removed_contacts} contacts removed.",
             f"已撤销导入 {r.batch_id}（{r.file_name}）：删除客户 {r.removed_customers}，"
             f"恢复 {r.restored_customers}，删除购买 {r.removed_purchases}、"
             f"联系 {r.removed_contacts}。"))
    if r.skipped_customers:
        out(pick(f"Skipped {r.skipped_customers} customers changed since the import "
                 "(left as they are):", f"跳过导入后被修改的客户 {r.skipped_customers} 位"
                 "（保持原样）："))
        for line in r.skipped:
            out(f"  {line}")
    return EXIT_OK


def add_import_commands(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", parents=[common],
                       help="import customers, purchases and contacts from .xlsx/.xls/.csv")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--sheet", action="append", metavar="S",
                   help="only this sheet (repeatable; default: every recognised sheet)")
    p.add_argument("--mapping", metavar="NAME", help="a saved column-mapping profile")
    p.add_argument("--policy", choices=("fill", "overwrite", "skip"), default="fill",
                   help="for rows matching a customer: fill empty fields (default), "
                        "overwrite, or skip")
    p.add_argument("--probable", choices=("skip", "create"), default="skip",
                   help="for rows that probably are a customer already in the file though "
                        "no sure key matches (shown as review): skip them (default), or "
                        "create them as new customers, to merge later")
    p.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    p.add_argument("--report", metavar="OUT.xlsx",
                   help="write the rejected rows here (personal data masked)")
    p.add_argument("--report-unmasked", metavar="REASON",
                   help="write the report unmasked, to fix and re-import it (audited)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("undo-import", parents=[common], help="undo the latest import")
    p.add_argument("batch", nargs="?", type=int, metavar="BATCH",
                   help="import number (default: the latest)")
    p.add_argument("--force", action="store_true",
                   help="undo even if customers were changed since the import: only what is "
                        "still as the import left it is undone; the rest is skipped")
    p.set_defaults(func=cmd_undo_import)
