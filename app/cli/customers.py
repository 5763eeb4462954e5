"""CLI commands on customers: demo (generated customers) and search."""

from __future__ import annotations

import json

from app.cli.common import err, open_db, out, positive_int, share
from app.errors import EXIT_OK
from app.i18n import pick


def cmd_demo(args) -> int:
    from app.services.demo.generator import generate_demo_data

    def progress(done: int, total: int) -> None:
        err(pick(f"  {done}/{total} customers", f"  已生成 {done}/{total} 位客户"))

    with open_db(args) as vault:
        summary = generate_demo_data(vault.sessions, args.customers, seed=args.seed,
                                     progress=progress, duplicates=args.duplicates)
    out(pick(f"Demo data added: {summary.in_words()}.",
             f"已添加演示数据：{summary.in_words()}。"))
    if summary.twins or summary.families:
        out(pick(f"  Among them {summary.twins:,} planted duplicates and {summary.families:,} "
                 "family members on a shared landline (custom fields 演示重复 / 演示家人).",
                 f"  其中埋入重复客户 {summary.twins:,} 位、同一座机的家人 "
                 f"{summary.families:,} 位（见自定义字段“演示重复”“演示家人”）。"))
    return EXIT_OK


def cmd_search(args) -> int:
    from app.services.customers.search import Scope, search

    scope = Scope.TRASH if args.trash else Scope.ACTIVE
    with open_db(args) as vault, vault.sessions() as session:
        result = search(session, args.text, limit=args.limit, scope=scope)
    if args.json:
        out(json.dumps([r.to_json() for r in result.rows], ensure_ascii=False))
        return EXIT_OK
    for r in result.rows:
        out("\t".join([r.code, r.name, r.phone or "", r.owner or "", r.region or ""]))
    err(pick(f"{result.total} matching, {len(result.rows)} shown",
             f"共 {result.total} 位匹配，显示 {len(result.rows)} 位"))
    return EXIT_OK


def add_customer_commands(sub, common) -> None:
    p = sub.add_parser("demo", parents=[common], help="fill the file with generated customers")
    p.add_argument("--customers", type=positive_int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p.add_argument("--duplicates", type=share, default=0.0, metavar="RATE",
                   help="plant this share of duplicates with known truth (e.g. 0.03)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("search", parents=[common],
                       help="find customers by name, pinyin, initials, phone or code")
    p.add_argument("text")
    p.add_argument("--limit", type=positive_int, default=50, metavar="N")
    p.add_argument("--json", action="store_true")
    p.add_argument("--trash", action="store_true", help="search the trash instead")
    p.set_defaults(func=cmd_search)
