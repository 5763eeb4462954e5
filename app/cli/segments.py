"""CLI commands for segments:

    segments discover [--k K] [--json]                     groups found in the data
    segments save NAME (--cluster ID | --filter EXPR) [--replace]
    segments list [--json]                                 saved segments, member counts
    segments show NAME [--json]                            members of one segment
    segments delete NAME
"""

from __future__ import annotations

import json

from app.cli.common import open_db, out
from app.errors import EXIT_OK
from app.i18n import pick


def _discover(args) -> int:
    from app.services.segments import clusters

    with open_db(args) as vault, vault.sessions.begin() as session:
        run, _ = clusters.rediscover(session, k=args.k)
        groups = clusters.groups(run)
    if args.json:
        out(json.dumps({"k": run.k, "silhouette": round(run.silhouette, 4),
                        "used_clv": run.used_clv, "customers": run.customers,
                        "clusters": [g.to_json() for g in groups]}, ensure_ascii=False))
        return EXIT_OK
    out(pick(f"{run.k} groups among {run.customers:,} customers with purchases "
             f"(silhouette {run.silhouette:.2f}):",
             f"{run.customers:,} 位有购买记录的客户分为 {run.k} 群"
             f"（轮廓系数 {run.silhouette:.2f}）："))
    for g in groups:
        clv = f"¥{g.mean_clv_fen / 100:,.0f}" if g.mean_clv_fen is not None else "—"
        out(pick(f"  {g.id}. {g.description}: {g.size:,} customers, {g.revenue_share:.0%} of "
                 f"revenue, mean predicted value {clv}",
                 f"  {g.id}. {g.description}：{g.size:,} 位客户，占收入 {g.revenue_share:.0%}，"
                 f"平均预测价值 {clv}"))
    return EXIT_OK


def _save(args) -> int:
    from app.services.segments import service

    expression = f"cluster={args.cluster}" if args.cluster is not None else args.filter
    with open_db(args) as vault, vault.sessions.begin() as session:
        row = service.save(session, args.name, expression, replace=args.replace)
        n = service.count(session, row.name)
        text = row.expression
    out(pick(f"Saved segment “{args.name}” ({text}): {n:,} customers today.",
             f"已保存分群“{args.name}”（{text}）：目前 {n:,} 位客户。"))
    return EXIT_OK


def _list(args) -> int:
    from app.services.segments import service

    with open_db(args) as vault, vault.sessions() as session:
        rows = service.listing(session)
    if args.json:
        out(json.dumps([r.to_json() for r in rows], ensure_ascii=False))
    elif not rows:
        out(pick("No saved segments.", "没有已保存的分群。"))
    for r in rows if not args.json else ():
        out(pick(f"{r.name}: {r.expression} — {r.count:,} customers",
                 f"{r.name}：{r.expression} — {r.count:,} 位客户"))
    return EXIT_OK


def _show(args) -> int:
    from app.services.segments import service

    with open_db(args) as vault, vault.sessions() as session:
        members = service.members(session, args.name)
        expression = service.get(session, args.name).expression
    codes = [code for _id, code in members]
    if args.json:
        out(json.dumps({"name": args.name, "expression": expression, "count": len(codes),
                        "members": codes}, ensure_ascii=False))
        return EXIT_OK
    out(pick(f"{args.name} ({expression}): {len(codes):,} customers",
             f"{args.name}（{expression}）：{len(codes):,} 位客户"))
    for code in codes:
        out(f"  {code}")
    return EXIT_OK


def _delete(args) -> int:
    from app.services.segments import service

    with open_db(args) as vault, vault.sessions.begin() as session:
        service.delete(session, args.name)
    out(pick(f"Deleted segment “{args.name}”.", f"已删除分群“{args.name}”。"))
    return EXIT_OK


def add_segment_commands(sub, common) -> None:
    p = sub.add_parser("segments", parents=[common],
                       help="groups found in the data, and saved segments")
    verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")
    d = verbs.add_parser("discover", parents=[common], help="cluster the customers")
    d.add_argument("--k", type=int, choices=range(3, 9), metavar="K",
                   help="number of groups, 3–8 (default: chosen by silhouette)")
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=_discover)
    s = verbs.add_parser("save", parents=[common], help="save a segment")
    s.add_argument("name", metavar="NAME")
    how = s.add_mutually_exclusive_group(required=True)
    how.add_argument("--cluster", type=int, metavar="ID", help="a group of the latest run")
    how.add_argument("--filter", metavar="EXPR",
                     help="conditions such as tier=vip,stage=at_risk,clv_fen>=100000")
    s.add_argument("--replace", action="store_true", help="change a segment of that name")
    s.set_defaults(func=_save)
    lst = verbs.add_parser("list", parents=[common], help="saved segments")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=_list)
    sh = verbs.add_parser("show", parents=[common], help="members of a segment")
    sh.add_argument("name", metavar="NAME")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(func=_show)
    de = verbs.add_parser("delete", parents=[common], help="delete a saved segment")
    de.add_argument("name", metavar="NAME")
    de.set_defaults(func=_delete)
