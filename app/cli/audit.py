"""CLI commands for the audit trail:

    audit [--since D] [--until D] [--action A] [--actor U] [--limit N] [--json]
    audit verify [--json]        check the hash chain; exit 4 when it is broken
"""

from __future__ import annotations

import json

from app.cli.common import open_db, out, positive_int
from app.errors import EXIT_DAMAGED, EXIT_OK
from app.i18n import pick


def _list(args) -> int:
    from app.services import audit
    from app.services.daily.local_time import parse_date

    since = parse_date(args.since, field="--since") if args.since else None
    until = parse_date(args.until, field="--until") if args.until else None
    with open_db(args) as vault, vault.sessions() as session:
        rows = audit.entries(session, since=since, until=until, action=args.action,
                             actor=args.actor, limit=args.limit)
    if args.json:
        out(json.dumps([r.to_json() for r in rows], ensure_ascii=False))
        return EXIT_OK
    if not rows:
        out(pick("No audit entries match.", "没有符合条件的审计记录。"))
    for r in rows:
        subject = f" {r.entity}:{r.entity_id}" if r.entity_id else f" {r.entity}" if r.entity \
            else ""
        detail = json.dumps(r.detail, ensure_ascii=False) if r.detail else ""
        out(f"{r.at:%Y-%m-%d %H:%M:%S}  {r.actor or '—'}  {r.action}{subject}  {detail}")
    return EXIT_OK


def _verify(args) -> int:
    from app.services import audit

    with open_db(args) as vault, vault.sessions() as session:
        result = audit.verify(session)
    if args.json:
        out(json.dumps(result.to_json(), ensure_ascii=False))
    elif result.ok:
        out(pick(f"The audit trail is intact: {result.entries:,} entries, chain unbroken.",
                 f"审计记录完整：共 {result.entries:,} 条，哈希链未断。"))
    else:
        out(pick(f"The audit trail was altered: {len(result.problems)} problem(s) in "
                 f"{result.entries:,} entries.",
                 f"审计记录被改动过：{result.entries:,} 条中有 {len(result.problems)} 处问题。"))
        for row_id, en, zh in result.problems:
            out(pick(f"  entry {row_id}: {en}", f"  第 {row_id} 条：{zh}"))
    return EXIT_OK if result.ok else EXIT_DAMAGED


def _run(args) -> int:
    return _verify(args) if args.what == "verify" else _list(args)


def add_audit_commands(sub, common) -> None:
    p = sub.add_parser("audit", parents=[common],
                       help="who did what to the file (list, or verify the chain)")
    p.add_argument("what", nargs="?", choices=["verify"], metavar="verify",
                   help="check that no entry was changed, removed or inserted")
    p.add_argument("--since", metavar="D", help="from this day (YYYY-MM-DD)")
    p.add_argument("--until", metavar="D", help="through this day (YYYY-MM-DD)")
    p.add_argument("--action", metavar="A",
                   help="one action (merge) or a group (segments → segments.save, …)")
    p.add_argument("--actor", metavar="U", help="entries by this user")
    p.add_argument("--limit", type=positive_int, metavar="N", help="newest N entries")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_run)
