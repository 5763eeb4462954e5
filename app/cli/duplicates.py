"""CLI commands for duplicates:

    duplicates [--min-score S] [--limit N] [--json]   probable pairs, best first
    merge KEEP OTHER [OTHER …] [--take FIELD=CODE …] [--reason TEXT] [--dry-run] [--json]
    unmerge MERGE_ID                                   undo a merge exactly
    not-duplicate A B                                  never propose this pair again
    merges [--json]                                    the merge history
"""

from __future__ import annotations

import argparse
import json

from app.cli.common import open_db, out, positive_int, share
from app.errors import EXIT_OK
from app.i18n import pick
from app.models.base import now as clock_now


def _take(text: str) -> tuple[str, str]:
    name, sep, code = text.partition("=")
    if not sep or not name.strip() or not code.strip():
        raise argparse.ArgumentTypeError(f"expected FIELD=CODE, not {text!r}")
    return name.strip(), code.strip()


def cmd_duplicates(args) -> int:
    from app.services.duplicates.finder import find_candidates
    from app.services.duplicates.score import THRESHOLD

    minimum = THRESHOLD if args.min_score is None else args.min_score
    with open_db(args) as vault, vault.sessions() as session:
        found = find_candidates(session, min_score=minimum, limit=args.limit)
    if args.json:
        out(json.dumps([c.to_json() for c in found], ensure_ascii=False))
        return EXIT_OK
    if not found:
        out(pick(f"No probable duplicates scoring {minimum:.2f} or more.",
                 f"没有得分不低于 {minimum:.2f} 的疑似重复客户。"))
        return EXIT_OK
    for c in found:
        mark = "" if c.proposed else pick("  (look only)", "  （仅供查看）")
        reasons = pick("; ", "；").join(pick(en, zh) for en, zh in c.reasons)
        out(f"{c.score:.2f}  {c.a_code} {c.a_name} ↔ {c.b_code} {c.b_name}  {reasons}{mark}")
    out(pick(f"{len(found)} pair(s).", f"共 {len(found)} 对。"))
    return EXIT_OK


def cmd_merge(args) -> int:
    from app.services.duplicates.merge import merge_customers

    take = dict(args.take or [])
    with open_db(args) as vault, vault.sessions.begin() as session:
        result = merge_customers(session, args.keep, args.others, take=take,
                                 reason=args.reason, now=clock_now(), dry_run=args.dry_run)
    if args.json:
        out(json.dumps({"merge_id": result.merge_id, "kept": result.kept_code,
                        "merged": list(result.merged_codes), "moved": result.moved,
                        "conflicts": result.conflicts, "values": result.values},
                       ensure_ascii=False, default=str))
        return EXIT_OK
    merged = ", ".join(result.merged_codes)
    moved = sum(result.moved.values())
    if result.merge_id is None:
        out(pick(f"Dry run: {merged} would be merged into {result.kept_code} ({moved} records "
                 "would move). Nothing was written.",
                 f"试运行：{merged} 将合并到 {result.kept_code}（将转移 {moved} 条记录）。"
                 "未写入任何内容。"))
    else:
        out(pick(f"Merged {merged} into {result.kept_code}: {moved} records moved. "
                 f"Merge #{result.merge_id} (undo: `unmerge {result.merge_id}`).",
                 f"已将 {merged} 合并到 {result.kept_code}：转移 {moved} 条记录。"
                 f"合并编号 #{result.merge_id}（撤销：`unmerge {result.merge_id}`）。"))
    for name, values in result.conflicts.items():
        shown = ", ".join(f"{code}: {value}" for code, value in values.items())
        out(pick(f"  differed: {name} ({shown}) → kept {result.values.get(name)}",
                 f"  不一致：{name}（{shown}）→ 采用 {result.values.get(name)}"))
    return EXIT_OK


def cmd_unmerge(args) -> int:
    from app.services.duplicates.merge import unmerge

    with open_db(args) as vault, vault.sessions.begin() as session:
        result = unmerge(session, args.merge_id, now=clock_now())
    restored = ", ".join(result.restored_codes)
    out(pick(f"Merge #{result.merge_id} undone: {restored} restored beside {result.kept_code}, "
             f"{sum(result.moved_back.values())} records returned to their owners.",
             f"已撤销合并 #{result.merge_id}：{restored} 已恢复（保留的客户 {result.kept_code}），"
             f"{sum(result.moved_back.values())} 条记录已归还原客户。"))
    if result.stayed:
        later = sum(result.stayed.values())
        out(pick(f"  {later} record(s) added to {result.kept_code} after the merge stay with it.",
                 f"  合并后新增到 {result.kept_code} 的 {later} 条记录仍归其所有。"))
    return EXIT_OK


def cmd_not_duplicate(args) -> int:
    from app.services.customers.service import resolve_id
    from app.services.duplicates.finder import mark_not_duplicate

    with open_db(args) as vault, vault.sessions.begin() as session:
        new = mark_not_duplicate(session, resolve_id(session, args.a), resolve_id(session, args.b))
    out(pick(f"{args.a} and {args.b} will not be proposed as duplicates again." if new
             else f"{args.a} and {args.b} were marked as not duplicates already.",
             f"{args.a} 与 {args.b} 不会再被列为重复客户。" if new
             else f"{args.a} 与 {args.b} 早已标记为非重复。"))
    return EXIT_OK


def cmd_merges(args) -> int:
    from app.services.duplicates.merge import merge_history

    with open_db(args) as vault, vault.sessions() as session:
        rows = merge_history(session)
    if args.json:
        out(json.dumps([{"id": r.id, "merged_at": r.merged_at.isoformat(timespec="seconds"),
                         "kept": r.kept_code, "merged": list(r.merged_codes), "actor": r.actor,
                         "reason": r.reason,
                         "undone_at": r.undone_at.isoformat(timespec="seconds")
                         if r.undone_at else None} for r in rows], ensure_ascii=False))
        return EXIT_OK
    if not rows:
        out(pick("No merges yet.", "还没有合并记录。"))
    for r in rows:
        when = f"{r.undone_at:%Y-%m-%d %H:%M}" if r.undone_at else ""
        state = pick(f"undone {when}", f"已于 {when} 撤销") if when else ""
        out(f"#{r.id}  {r.merged_at:%Y-%m-%d %H:%M}  {', '.join(r.merged_codes)} → {r.kept_code}"
            f"  {r.actor or ''}  {r.reason or ''}  {state}".rstrip())
    return EXIT_OK


def add_duplicate_commands(sub, common) -> None:
    p = sub.add_parser("duplicates", parents=[common],
                       help="probable duplicate customers, best first")
    p.add_argument("--min-score", type=share, metavar="S",
                   help="lowest score listed (default: the merge threshold; 0 lists all)")
    p.add_argument("--limit", type=positive_int, metavar="N")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_duplicates)

    p = sub.add_parser("merge", parents=[common],
                       help="merge customers into a kept one (undo with unmerge)")
    p.add_argument("keep", metavar="KEEP", help="code of the customer kept")
    p.add_argument("others", nargs="+", metavar="OTHER", help="codes merged into it")
    p.add_argument("--take", type=_take, action="append", metavar="FIELD=CODE",
                   help="take this field from that customer (repeatable)")
    p.add_argument("--reason", metavar="TEXT")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("unmerge", parents=[common], help="undo a merge exactly")
    p.add_argument("merge_id", type=positive_int, metavar="MERGE_ID")
    p.set_defaults(func=cmd_unmerge)

    p = sub.add_parser("not-duplicate", parents=[common],
                       help="remember that two customers are different people")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.set_defaults(func=cmd_not_duplicate)

    p = sub.add_parser("merges", parents=[common], help="the merge history")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_merges)
