"""CLI commands for campaigns:

    campaign create NAME (--segment S | --filter EXPR) --channel C --from D --to D
                    [--control PCT] [--coupon YUAN --coupon-until D] [--script T]
                    [--window-days N] [--seed N]
    campaign launch NAME [--dry-run] [--list OUT.xlsx [--unmasked --reason T]] [--json]
    campaign show NAME [--json]      targeted, excluded by consent, control, contacted,
                                     responded, revenue after, control revenue after, lift
    campaign outcome NAME CUSTOMER OUTCOME
    campaign contacts NAME OUT.xlsx [--unmasked --reason T]
    campaign list [--json]
"""

from __future__ import annotations

import json

from app.cli.common import open_db, out, positive_int
from app.errors import EXIT_OK, InvalidInput
from app.i18n import pick


def _yuan(fen: float | int | None) -> str:
    return "—" if fen is None else f"¥{fen / 100:,.2f}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _create(args) -> int:
    from app.services.campaigns import define
    from app.services.daily.local_time import parse_date
    from app.services.imports.values import amount_fen

    offer = None
    if args.coupon is not None:  # valid to the campaign's last day unless told otherwise
        until = args.coupon_until or args.ends
        offer = {"coupon_value_fen": amount_fen(args.coupon, "--coupon"),
                 "coupon_until": parse_date(until, field="--coupon-until")}
    with open_db(args) as vault, vault.sessions.begin() as session:
        d = define.create(session, args.name, segment=args.segment, filter=args.filter,
                          channel=args.channel,
                          starts_on=parse_date(args.starts, field="--from"),
                          ends_on=parse_date(args.ends, field="--to"),
                          control_pct=args.control, offer=offer, script=args.script,
                          window_days=args.window_days, seed=args.seed)
    out(pick(f"Campaign “{d.name}” created ({d.target_text}, {d.channel}, "
             f"{d.starts_on} – {d.ends_on}, control {d.control_pct} %, seed {d.seed}).",
             f"已创建活动“{d.name}”（{d.target_text}，{define.CHANNELS[d.channel][1]}，"
             f"{d.starts_on} 至 {d.ends_on}，对照组 {d.control_pct}%，随机种子 {d.seed}）。"))
    return EXIT_OK


def _launch(args) -> int:
    from app.services.campaigns import define, launch

    if args.unmasked and not args.list:
        raise InvalidInput("--unmasked is for the contact list (--list).",
                           "--unmasked 仅用于联系名单（--list）。")
    with open_db(args) as vault:
        with vault.sessions.begin() as session:
            d = define.get(session, args.name)
            result = launch.launch(session, args.name, dry_run=args.dry_run)
        rows = None
        if args.list and not args.dry_run:
            with vault.sessions() as session:
                rows = launch.write_list(session, args.name, args.list,
                                         masked=not args.unmasked, reason=args.reason or "")
    if args.json:
        out(json.dumps({**result.to_json(), "list_rows": rows}, ensure_ascii=False))
        return EXIT_OK
    head = pick("Dry run — nothing written." if result.dry_run else "Launched.",
                "试运行——未写入任何数据。" if result.dry_run else "已启动。")
    out(f"{head} {result.name}")
    out(pick(f"  target now: {result.targeted}", f"  目标客户：{result.targeted}"))
    for reason, n in sorted(result.excluded.items()):
        en, zh = launch.EXCLUDED.get(reason, (reason, reason))
        out(pick(f"  left out, {en}: {n}", f"  排除（{zh}）：{n}"))
    out(pick(f"  control group (not contacted): {result.control}",
             f"  对照组（不联系）：{result.control}"))
    out(pick(f"  to contact: {result.contacted}", f"  待联系：{result.contacted}"))
    if d.channel in define.CALL_CHANNELS:
        out(pick(f"  reminders for the owners: {result.reminders}",
                 f"  为客户经理生成的提醒：{result.reminders}"))
        if result.unscheduled:
            out(pick(f"  {result.unscheduled} did not fit the period under the daily "
                     "capacity: lengthen the campaign or raise the capacity.",
                     f"  有 {result.unscheduled} 位在每日容量内排不进活动期："
                     "请延长活动或提高容量。"))
    if rows is not None:
        out(pick(f"  contact list: {rows} rows → {args.list}",
                 f"  联系名单：{rows} 行 → {args.list}"))
    elif d.channel not in define.CALL_CHANNELS and not result.dry_run:
        out(pick(f"  write its contact list with: campaign contacts \"{d.name}\" OUT.xlsx",
                 f"  导出联系名单：campaign contacts \"{d.name}\" OUT.xlsx"))
    return EXIT_OK


def _contacts(args) -> int:
    from app.services.campaigns import launch

    with open_db(args) as vault, vault.sessions() as session:
        rows = launch.write_list(session, args.name, args.out, masked=not args.unmasked,
                                 reason=args.reason or "")
    out(pick(f"{rows} rows → {args.out}", f"{rows} 行 → {args.out}"))
    return EXIT_OK


def _show(args) -> int:
    from app.services.campaigns import define, evaluate

    with open_db(args) as vault, vault.sessions.begin() as session:
        d = define.get(session, args.name)
        result = evaluate.evaluate(session, args.name) if d.launched_at else None
    if args.json:
        out(json.dumps({"definition": d.to_json(),
                        **(result.to_json() if result else {"launched": False})},
                       ensure_ascii=False))
        return EXIT_OK
    out(f"{d.name} — {d.target_text}, {define.CHANNELS[d.channel][1]}, "
        f"{d.starts_on} – {d.ends_on}")
    if result is None:
        out(pick("  not launched yet", "  尚未启动"))
        return EXIT_OK
    j = result.to_json()
    lift = result.lift
    out(pick(f"  targeted {j['targeted']}, excluded by consent {j['excluded_by_consent']}, "
             f"control {j['control']}, contacted {j['contacted']}, responded {j['responded']}"
             f" ({_pct(result.response_rate)})",
             f"  目标 {j['targeted']}，因未同意排除 {j['excluded_by_consent']}，对照组 "
             f"{j['control']}，已联系 {j['contacted']}，有响应 {j['responded']}"
             f"（{_pct(result.response_rate)}）"))
    out(pick(f"  {result.window_end - result.launched_on} after launch: bought "
             f"{_pct(result.target.rate)} vs control {_pct(result.control.rate)}; revenue "
             f"after {_yuan(result.target.revenue_fen)}, control revenue after "
             f"{_yuan(result.control.revenue_fen)}",
             f"  启动后至 {result.window_end}：购买率 {_pct(result.target.rate)}，对照组 "
             f"{_pct(result.control.rate)}；活动后收入 {_yuan(result.target.revenue_fen)}，"
             f"对照组收入 {_yuan(result.control.revenue_fen)}"))
    if lift.difference is not None:
        out(pick(f"  lift {lift.difference:+.1%} (95 % CI {lift.low:+.1%} to {lift.high:+.1%});"
                 f" revenue per customer {_yuan(lift.revenue_per_customer_fen)}",
                 f"  提升 {lift.difference:+.1%}（95% 置信区间 {lift.low:+.1%} 至 "
                 f"{lift.high:+.1%}）；人均收入差 {_yuan(lift.revenue_per_customer_fen)}"))
    return EXIT_OK


def _outcome(args) -> int:
    from app.services.campaigns import outcome

    with open_db(args) as vault, vault.sessions.begin() as session:
        outcome.record(session, args.name, args.customer, args.outcome)
    out(pick("Recorded.", "已记录。"))
    return EXIT_OK


def _list(args) -> int:
    from app.services.campaigns import define

    with open_db(args) as vault, vault.sessions() as session:
        rows = define.listing(session)
    if args.json:
        out(json.dumps([r.to_json() for r in rows], ensure_ascii=False))
        return EXIT_OK
    if not rows:
        out(pick("No campaigns yet.", "尚无活动。"))
    for r in rows:
        state = pick("launched", "已启动") if r.launched_at else pick("draft", "未启动")
        out(f"{r.name}\t{r.channel}\t{r.starts_on}–{r.ends_on}\t{state}")
    return EXIT_OK


def add_campaign_commands(sub, common) -> None:
    from app.services.campaigns.define import CHANNELS
    from app.services.campaigns.outcome import OUTCOMES

    p = sub.add_parser("campaign", parents=[common],
                       help="campaigns: create, launch, show the effect, log outcomes")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    c = actions.add_parser("create", parents=[common], help="define a campaign")
    c.add_argument("name", metavar="NAME")
    target = c.add_mutually_exclusive_group(required=True)
    target.add_argument("--segment", metavar="S", help="a saved segment")
    target.add_argument("--filter", metavar="EXPR", help="e.g. tier=vip,stage=at_risk")
    c.add_argument("--channel", required=True, choices=list(CHANNELS))
    c.add_argument("--from", dest="starts", required=True, metavar="D")
    c.add_argument("--to", dest="ends", required=True, metavar="D")
    c.add_argument("--control", type=int, default=10, metavar="PCT",
                   help="hold-out control group, %% of the target (default 10)")
    c.add_argument("--coupon", metavar="YUAN", help="offer a coupon of this value")
    c.add_argument("--coupon-until", metavar="D", help="default: the campaign's last day")
    c.add_argument("--script", metavar="T", help="what to say")
    c.add_argument("--window-days", type=positive_int, default=30, metavar="N",
                   help="days after the launch whose purchases count (default 30)")
    c.add_argument("--seed", type=int, metavar="N", help="the control group's random seed")
    c.set_defaults(func=_create)
    la = actions.add_parser("launch", parents=[common], help="launch (or --dry-run)")
    la.add_argument("name", metavar="NAME")
    la.add_argument("--dry-run", action="store_true")
    la.add_argument("--list", metavar="OUT.xlsx", help="the contact list (SMS, WeChat)")
    la.add_argument("--unmasked", action="store_true", help="the list unmasked (--reason)")
    la.add_argument("--reason", metavar="T")
    la.add_argument("--json", action="store_true")
    la.set_defaults(func=_launch)
    s = actions.add_parser("show", parents=[common], help="the campaign and its effect")
    s.add_argument("name", metavar="NAME")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=_show)
    o = actions.add_parser("outcome", parents=[common], help="log a contacted customer's outcome")
    o.add_argument("name", metavar="NAME")
    o.add_argument("customer", metavar="CUSTOMER")
    o.add_argument("outcome", metavar="OUTCOME", help=", ".join(OUTCOMES))
    o.set_defaults(func=_outcome)
    ct = actions.add_parser("contacts", parents=[common],
                            help="the contact list of a launched SMS or WeChat campaign")
    ct.add_argument("name", metavar="NAME")
    ct.add_argument("out", metavar="OUT.xlsx")
    ct.add_argument("--unmasked", action="store_true", help="unmasked (needs --reason)")
    ct.add_argument("--reason", metavar="T")
    ct.set_defaults(func=_contacts)
    ls = actions.add_parser("list", parents=[common], help="every campaign")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=_list)
