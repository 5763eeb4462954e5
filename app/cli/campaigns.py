"""CLI commands for campaigns:

    campaign create NAME --segment S --channel phone|sms|wechat|visit --from D --to D
             [--control PCT] [--coupon Y | --coupon-percent P] [--script T]
             [--response-days N] [--seed N]
    campaign launch NAME [--dry-run] [--reveal REASON] [--json]
    campaign show NAME [--json]     targeted, excluded, control, contacted, responded,
                                    revenue after, control revenue after, lift
"""

from __future__ import annotations

import json

from app.cli.common import db_file, out, positive_int, unlock
from app.errors import EXIT_OK
from app.i18n import pick


def _yuan(fen: int) -> str:
    return f"¥{fen / 100:,.2f}"


def cmd_create(args) -> int:
    from app.services.campaigns import service
    from app.services.daily.local_time import parse_date
    from app.services.imports.values import amount_fen

    value = amount_fen(args.coupon, field="--coupon") if args.coupon else None
    with unlock(db_file(args)) as vault, vault.sessions.begin() as session:
        row = service.create(
            session, args.name, segment=args.segment, channel=args.channel,
            starts_on=parse_date(args.from_, field="--from"),
            ends_on=parse_date(args.to, field="--to"), control_pct=args.control,
            coupon_value_fen=value, coupon_percent=args.coupon_percent,
            script=args.script or "", response_days=args.response_days, seed=args.seed)
    if args.json:
        out(json.dumps(row.to_json(), ensure_ascii=False))
        return EXIT_OK
    out(pick(f"Campaign {row.name} created: segment {row.segment}, {row.channel}, "
             f"{row.starts_on} to {row.ends_on}, control {row.control_pct} % (seed {row.seed}).",
             f"已创建活动“{row.name}”：分群“{row.segment}”，渠道 {row.channel}，"
             f"{row.starts_on} 至 {row.ends_on}，对照组 {row.control_pct}%"
             f"（随机种子 {row.seed}）。"))
    return EXIT_OK


def cmd_launch(args) -> int:
    from app.services.campaigns.launch import EXCLUDED_WORDS, launch

    with unlock(db_file(args)) as vault, vault.sessions.begin() as session:
        result = launch(session, args.name, dry_run=args.dry_run, reveal_reason=args.reveal)
    if args.json:
        out(json.dumps(result.to_json(), ensure_ascii=False))
        return EXIT_OK
    head = pick("Dry run (nothing written): ", "试运行（未写入）：") if result.dry_run else ""
    out(head + pick(
        f"{result.targeted} in the segment, {result.control} held out as control, "
        f"{result.contacted} to contact; {result.reminders} call(s) scheduled, "
        f"{result.unscheduled} beyond the capacity; {result.coupons} coupon(s).",
        f"分群 {result.targeted} 人，对照组 {result.control} 人，待联系 {result.contacted} 人；"
        f"已排电话 {result.reminders} 个，超出容量 {result.unscheduled} 个；"
        f"优惠券 {result.coupons} 张。"))
    for reason, n in result.excluded.items():
        out(pick(f"  excluded, {EXCLUDED_WORDS[reason][0]}: {n}",
                 f"  已排除（{EXCLUDED_WORDS[reason][1]}）：{n}"))
    for row in result.contact_list:
        out(f"  {row.code}\t{row.name}\t{row.address}")
    return EXIT_OK


def cmd_show(args) -> int:
    from app.services.campaigns.evaluate import report

    with unlock(db_file(args)) as vault, vault.sessions() as session:
        r = report(session, args.name)
    if args.json:
        out(json.dumps(r.to_json(), ensure_ascii=False))
        return EXIT_OK
    if not r.launched:
        out(pick(f"Campaign {r.name} is not launched yet.", f"活动“{r.name}”尚未启动。"))
        return EXIT_OK
    lift = f"{r.lift:+.1%}" if r.lift is not None else "—"
    out(pick(f"{r.name}: targeted {r.targeted}, excluded {sum(r.excluded.values())}, "
             f"control {r.control}, contacted {r.contacted}, responded {r.responded}",
             f"{r.name}：目标 {r.targeted}，排除 {sum(r.excluded.values())}，对照 {r.control}，"
             f"已联系 {r.contacted}，有回应 {r.responded}"))
    out(pick(f"  revenue after {_yuan(r.revenue_after_fen)}, control revenue after "
             f"{_yuan(r.control_revenue_after_fen)}, lift {lift}",
             f"  活动后营收 {_yuan(r.revenue_after_fen)}，对照组营收 "
             f"{_yuan(r.control_revenue_after_fen)}，提升 {lift}"))
    if r.response_diff_ci is not None:
        lo, hi = r.response_diff_ci
        out(pick(f"  response rate difference {r.response_diff:+.1%} (95 % interval "
                 f"{lo:+.1%} to {hi:+.1%})",
                 f"  回应率差 {r.response_diff:+.1%}（95% 区间 {lo:+.1%} 至 {hi:+.1%}）"))
    from app.services import vocabulary

    for tier, t in r.by_tier.items():
        label = vocabulary.label("value_tier", tier) if tier else pick("no tier", "未分级")
        out(pick(f"  {label}: target {t['target']} ({t['responded']} bought, "
                 f"{_yuan(t['revenue_fen'])}), control {t['control']} "
                 f"({t['control_responded']} bought, {_yuan(t['control_revenue_fen'])})",
                 f"  {label}：目标 {t['target']}（{t['responded']} 人购买，"
                 f"{_yuan(t['revenue_fen'])}），对照 {t['control']}（{t['control_responded']} "
                 f"人购买，{_yuan(t['control_revenue_fen'])}）"))
    return EXIT_OK


def add_campaign_commands(sub, common) -> None:
    p = sub.add_parser("campaign", parents=[common], help="campaigns: create, launch, show")
    actions = p.add_subparsers(dest="campaign_command", required=True, metavar="ACTION")
    q = actions.add_parser("create", parents=[common], help="a new campaign")
    q.add_argument("name", metavar="NAME")
    q.add_argument("--segment", required=True, metavar="S", help="a saved segment")
    q.add_argument("--channel", required=True, choices=("phone", "sms", "wechat", "visit"))
    q.add_argument("--from", dest="from_", required=True, metavar="D")
    q.add_argument("--to", required=True, metavar="D")
    q.add_argument("--control", type=int, default=10, metavar="PCT",
                   help="hold-out control group, percent (default 10)")
    offer = q.add_mutually_exclusive_group()
    offer.add_argument("--coupon", metavar="Y", help="a coupon worth Y yuan for each target")
    offer.add_argument("--coupon-percent", type=int, metavar="P", help="or P percent off")
    q.add_argument("--script", metavar="T", help="what to say (the reminders' note)")
    q.add_argument("--response-days", type=positive_int, default=30, metavar="N",
                   help="purchases counted this many days after the launch (default 30)")
    q.add_argument("--seed", type=int, metavar="N", help="the control group's seed")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_create)
    q = actions.add_parser("launch", parents=[common], help="check consent, reach the target")
    q.add_argument("name", metavar="NAME")
    q.add_argument("--dry-run", action="store_true", help="say what would happen; write nothing")
    q.add_argument("--reveal", metavar="REASON",
                   help="SMS/WeChat: show the contact list unmasked, for this reason (audited)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_launch)
    q = actions.add_parser("show", parents=[common], help="the campaign's result")
    q.add_argument("name", metavar="NAME")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_show)
