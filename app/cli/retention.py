"""CLI commands for the retention period (PIPL Art. 19, GB/T 35273 §6.1):

    retention review [--years N] [--json]           customers past the period
    retention erase --reason T --count N [--years N]      erase them (all or nothing)
    retention anonymise --reason T --count N [--years N]  blank them, keep purchases

--count must be the number `review` lists; otherwise nothing is changed.
"""

from __future__ import annotations

import json

from app.cli.common import open_db, out, positive_int
from app.errors import EXIT_OK
from app.i18n import pick


def _review(args) -> int:
    from app.services.privacy import retention

    with open_db(args) as vault, vault.sessions() as session:
        result = retention.survey(session, years=args.years)
    if args.json:
        out(json.dumps(result.to_json(), ensure_ascii=False))
        return EXIT_OK
    out(pick(f"{len(result.expired)} customer(s) with no purchase or contact for more than "
             f"{result.years} years (before {result.cutoff}).",
             f"{len(result.expired)} 位客户超过 {result.years} 年（{result.cutoff} 之前起）"
             "没有购买或联系。"))
    for e in result.expired:
        out(f"  {e.code}  {e.name}  {e.last_activity}  "
            + pick(f"{e.years_since} years", f"{e.years_since} 年"))
    if result.held:
        out(pick(f"{result.held} more are on a storage-only hold: kept, not listed.",
                 f"另有 {result.held} 位处于保留冻结中：保存，不列出。"))
    if result.expired:
        out(pick(f"Act on them with `retention anonymise|erase --reason T --count "
                 f"{len(result.expired)}`.",
                 f"处理方式：`retention anonymise|erase --reason 原因 --count "
                 f"{len(result.expired)}`。"))
    return EXIT_OK


def _act(args) -> int:
    from app.services.privacy import retention

    act = retention.erase_expired if args.action == "erase" else retention.anonymise_expired
    with open_db(args) as vault, vault.sessions.begin() as session:
        ids = [e.id for e in retention.review(session, years=args.years)]
        n = act(session, ids, reason=args.reason, expected_count=args.count,
                years=args.years)
    if args.action == "erase":
        out(pick(f"Erased {n} customer(s) past the retention period.",
                 f"已删除 {n} 位超过保存期限的客户。"))
    else:
        out(pick(f"Anonymised {n} customer(s) past the retention period; their purchases "
                 "stay for the statistics.",
                 f"已匿名化 {n} 位超过保存期限的客户；其购买记录保留用于统计。"))
    if n:
        out(pick("Backups taken before still hold them until they rotate out.",
                 "之前的备份仍含这些信息，轮换淘汰后才消失。"))
    return EXIT_OK


def _count(text: str) -> int:
    return 0 if text.strip() == "0" else positive_int(text)


def add_retention_commands(sub, common) -> None:
    p = sub.add_parser("retention", parents=[common],
                       help="the retention period: customers past it, erase or anonymise "
                            "them (PIPL Art. 19)")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    r = actions.add_parser("review", parents=[common], help="list customers past the period")
    r.add_argument("--years", type=positive_int, metavar="N",
                   help="the period (default: the file's rule retention_years)")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=_review)
    for name, words in (("erase", "erase them (as `erase` does, each)"),
                        ("anonymise", "blank their personal data, keep their purchases")):
        a = actions.add_parser(name, parents=[common], help=words)
        a.add_argument("--reason", required=True, metavar="TEXT")
        a.add_argument("--count", required=True, type=_count, metavar="N",
                       help="the number `retention review` lists (a check)")
        a.add_argument("--years", type=positive_int, metavar="N")
        a.set_defaults(func=_act)
