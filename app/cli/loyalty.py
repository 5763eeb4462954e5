"""CLI commands for points, rewards, coupons and member levels:

    points CUSTOMER [--json]                    balance, level, ledger and coupons
    points adjust CUSTOMER N --reason T         add (N > 0) or take away (N < 0) points
    points run [--as-of D] [--full] [--json]    the daily run: earn, expire, levels
    redeem CUSTOMER REWARD [--json]             a reward of the catalogue for points
    rewards [--all] [--json]                    the catalogue
    rewards add NAME --cost N --stock N [--kind gift|fee_waiver|coupon]
            [--coupon-value Y --coupon-days N]
    coupon issue --segment S (--value Y | --percent P) --until D [--from D] [--json]
    coupon use CODE --purchase ID               link a coupon to a purchase
    levels recompute [--as-of D] [--json]       every active customer's member level
"""

from __future__ import annotations

import argparse
import json

from app.cli.common import open_db, out, positive_int
from app.errors import EXIT_OK, InvalidInput
from app.i18n import pick


def _yuan(fen: int) -> str:
    return f"¥{fen / 100:,.2f}"


def _fen(text: str, flag: str) -> int:
    from app.services.imports.values import amount_fen

    return amount_fen(text, field=flag)


def _date(text: str | None, flag: str):
    from app.services.daily.local_time import parse_date

    return parse_date(text, field=flag) if text else None


def _words(args) -> list[str]:
    return list(args.words)


# --- points ------------------------------------------------------------------------------
def cmd_points(args) -> int:
    words = _words(args)
    if words[0] == "adjust":
        return _adjust(args, words[1:])
    if words[0] == "run":
        if len(words) != 1:
            raise InvalidInput("Usage: points run [--as-of D] [--full]",
                               "用法：points run [--as-of D] [--full]")
        return _run(args)
    if len(words) != 1:
        raise InvalidInput("Usage: points CUSTOMER, points adjust CUSTOMER N --reason T, "
                           "or points run.", "用法：points CUSTOMER、points adjust CUSTOMER N "
                           "--reason T，或 points run。")
    return _show(args, words[0])


def _show(args, key: str) -> int:
    from app.services.customers.service import get_customer, resolve_id
    from app.services.loyalty import coupons, ledger, levels

    with open_db(args) as vault, vault.sessions() as session:
        cid = resolve_id(session, key)
        row = get_customer(session, cid)
        balance = ledger.balance(session, cid)
        level = levels.level_of(session, cid)
        entries = ledger.entries(session, cid, args.limit)
        owned = coupons.of_customer(session, cid)
    if args.json:
        out(json.dumps({"customer": row.code, "balance": balance, "level": level.level,
                        "level_changes": [{"at": at.isoformat(), "from": old, "to": new,
                                           "reason": why}
                                          for at, old, new, why in level.history],
                        "ledger": [e.to_json() for e in entries],
                        "coupons": [c.to_json() for c in owned]}, ensure_ascii=False))
        return EXIT_OK
    out(f"{row.name} ({row.code})")
    out(pick(f"  balance: {balance:,} points   level: {level.level}",
             f"  积分余额：{balance:,}   会员等级：{level.level}"))
    if level.history:
        at, _old, _new, why = level.history[0]
        out(f"  {at:%Y-%m-%d} {why}")
    for e in entries:
        expires = pick(f"  (until {e.expires_on})", f"（{e.expires_on} 到期）") \
            if e.expires_on else ""
        out(f"  {e.day}  {e.points:+,}  {e.reason}{expires}")
    for c in owned:
        from app.services.loyalty.coupons import offer_words

        state = (pick(f"used {c.used_at:%Y-%m-%d}", f"{c.used_at:%Y-%m-%d} 已使用")
                 if c.used_at else pick(f"valid {c.valid_from}–{c.valid_until}",
                                        f"有效期 {c.valid_from} 至 {c.valid_until}"))
        out(pick(f"  coupon {c.code} {offer_words(c.value_fen, c.percent_off)} {state}",
                 f"  优惠券 {c.code} {offer_words(c.value_fen, c.percent_off)} {state}"))
    return EXIT_OK


def _adjust(args, rest: list[str]) -> int:
    from app.services.customers.service import resolve_id
    from app.services.loyalty import ledger

    if len(rest) != 2:
        raise InvalidInput("Usage: points adjust CUSTOMER N --reason T",
                           "用法：points adjust CUSTOMER N --reason T")
    try:
        points = int(rest[1])
    except ValueError:
        raise InvalidInput(f"{rest[1]!r} is not a whole number of points.",
                           f"{rest[1]!r} 不是整数积分。") from None
    with open_db(args) as vault, vault.sessions.begin() as session:
        cid = resolve_id(session, rest[0])
        entry = ledger.adjust(session, cid, points, reason=args.reason or "",
                              today=_date(args.as_of, "--as-of"))
        balance = ledger.balance(session, cid)
        code = ledger.code_of(session, cid)
    if args.json:
        out(json.dumps({"customer": code, "entry": entry.to_json(), "balance": balance},
                       ensure_ascii=False))
        return EXIT_OK
    out(pick(f"{code}: {points:+,} points ({entry.reason}); balance {balance:,}.",
             f"{code}：积分 {points:+,}（{entry.reason}）；余额 {balance:,}。"))
    return EXIT_OK


def _run(args) -> int:
    from app.models.base import now
    from app.services.loyalty import daily

    with open_db(args) as vault, vault.sessions.begin() as session:
        result = daily.run(session, _date(args.as_of, "--as-of"), clock=now, full=args.full)
    if args.json:
        out(json.dumps(result.to_json(), ensure_ascii=False))
        return EXIT_OK
    out(pick(f"Points as of {result.as_of}: {result.earned} purchase(s) earned, "
             f"{result.reversed} refund(s) taken back ({result.points:+,} points), "
             f"{result.expired} customer(s) lost expired points; levels "
             f"{result.level_ups} up, {result.level_downs} down.",
             f"积分已更新至 {result.as_of}：{result.earned} 笔购买获得积分，{result.reversed} "
             f"笔退款扣回（合计 {result.points:+,} 分），{result.expired} 位客户有积分过期；"
             f"会员等级升 {result.level_ups} 位、降 {result.level_downs} 位。"))
    return EXIT_OK


# --- rewards -----------------------------------------------------------------------------
def cmd_redeem(args) -> int:
    from app.services.customers.service import resolve_id
    from app.services.loyalty import rewards

    with open_db(args) as vault, vault.sessions.begin() as session:
        done = rewards.redeem(session, resolve_id(session, args.customer), args.reward,
                              today=_date(args.as_of, "--as-of"))
    if args.json:
        out(json.dumps(done.to_json(), ensure_ascii=False))
        return EXIT_OK
    coupon = pick(f"; coupon {done.coupon}", f"；优惠券 {done.coupon}") if done.coupon else ""
    out(pick(f"{done.customer_code} redeemed {done.reward} for {done.points:,} points; "
             f"balance {done.balance:,}, {done.stock_left} left in stock{coupon}.",
             f"{done.customer_code} 已用 {done.points:,} 积分兑换“{done.reward}”；"
             f"余额 {done.balance:,}，库存剩余 {done.stock_left}{coupon}。"))
    return EXIT_OK


def cmd_rewards(args) -> int:
    from app.services.loyalty import rewards

    with open_db(args) as vault, vault.sessions() as session:
        rows = rewards.catalogue(session, all_=args.all)
    if args.json:
        out(json.dumps([r.to_json() for r in rows], ensure_ascii=False))
        return EXIT_OK
    if not rows:
        out(pick("No rewards yet: add one with `rewards add`.",
                 "尚无奖品：请用 `rewards add` 添加。"))
    for r in rows:
        kind = pick(*rewards.KIND_LABELS.get(r.kind, (r.kind, r.kind)))
        extra = f" {_yuan(r.coupon_value_fen)}" if r.coupon_value_fen else ""
        out(pick(f"  {r.name} ({kind}{extra}): {r.points_cost:,} points, {r.stock} in stock",
                 f"  {r.name}（{kind}{extra}）：{r.points_cost:,} 积分，库存 {r.stock}"))
    return EXIT_OK


def cmd_rewards_add(args) -> int:
    from app.services.loyalty import rewards

    value = _fen(args.coupon_value, "--coupon-value") if args.coupon_value else None
    with open_db(args) as vault, vault.sessions.begin() as session:
        row = rewards.add(session, args.name, points_cost=args.cost, stock=args.stock,
                          kind=args.kind, coupon_value_fen=value, coupon_days=args.coupon_days)
    if args.json:
        out(json.dumps(row.to_json(), ensure_ascii=False))
        return EXIT_OK
    out(pick(f"Reward {row.name} added: {row.points_cost:,} points, {row.stock} in stock.",
             f"已添加奖品“{row.name}”：{row.points_cost:,} 积分，库存 {row.stock}。"))
    return EXIT_OK


# --- coupons -----------------------------------------------------------------------------
def cmd_coupon_issue(args) -> int:
    from app.services.loyalty import coupons

    value = _fen(args.value, "--value") if args.value else None
    with open_db(args) as vault, vault.sessions.begin() as session:
        result = coupons.issue_to_segment(
            session, args.segment, value_fen=value, percent_off=args.percent,
            valid_until=_date(args.until, "--until"), valid_from=_date(args.from_, "--from"))
    if args.json:
        out(json.dumps({"segment": result.segment, "issued": result.issued,
                        "held_out": result.held_out, "codes": list(result.codes)},
                       ensure_ascii=False))
        return EXIT_OK
    offer = coupons.offer_words(value, args.percent)
    held = (pick(f"; {result.held_out} on hold left out",
                 f"；{result.held_out} 位保留冻结的客户未发放") if result.held_out else "")
    out(pick(f"Issued {result.issued} coupon(s) of {offer} to segment {result.segment}, "
             f"valid until {args.until}{held}.",
             f"已向分群“{result.segment}”发放 {result.issued} 张 {offer} 优惠券，"
             f"有效期至 {args.until}{held}。"))
    return EXIT_OK


def cmd_coupon_use(args) -> int:
    from app.services.loyalty import coupons

    with open_db(args) as vault, vault.sessions.begin() as session:
        row = coupons.use(session, args.code, args.purchase)
    if args.json:
        out(json.dumps(row.to_json(), ensure_ascii=False))
        return EXIT_OK
    out(pick(f"Coupon {row.code} used on purchase #{row.purchase_id}.",
             f"优惠券 {row.code} 已用于购买记录 #{row.purchase_id}。"))
    return EXIT_OK


# --- levels ------------------------------------------------------------------------------
def cmd_levels_recompute(args) -> int:
    from app.models.base import now
    from app.services.loyalty import levels

    with open_db(args) as vault, vault.sessions.begin() as session:
        result = levels.recompute(session, _date(args.as_of, "--as-of"), clock=now)
    if args.json:
        out(json.dumps({"as_of": result.as_of.isoformat(), "customers": result.customers,
                        "ups": result.ups, "downs": result.downs, "levels": result.counts},
                       ensure_ascii=False))
        return EXIT_OK
    out(pick(f"Member levels as of {result.as_of}: {result.customers} customers, "
             f"{result.ups} up, {result.downs} down.",
             f"会员等级已按 {result.as_of} 重新计算：{result.customers} 位客户，"
             f"升级 {result.ups} 位，降级 {result.downs} 位。"))
    for name, n in result.counts.items():
        out(f"  {name}: {n}")
    return EXIT_OK


def add_loyalty_commands(sub, common) -> None:
    p = sub.add_parser("points", parents=[common],
                       help="a customer's points; adjust them; the daily points run")
    p.add_argument("words", nargs="+", metavar="CUSTOMER | adjust CUSTOMER N | run")
    p.add_argument("--reason", metavar="T", help="why the points are adjusted (required)")
    p.add_argument("--as-of", metavar="D", help="the day (default: today)")
    p.add_argument("--full", action="store_true",
                   help="run: read every purchase and recompute every level")
    p.add_argument("--limit", type=positive_int, default=50, metavar="N",
                   help="ledger entries shown (default 50)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_points)

    p = sub.add_parser("redeem", parents=[common], help="redeem a reward for points")
    p.add_argument("customer", metavar="CUSTOMER", help="code (KH000123), id or uid")
    p.add_argument("reward", metavar="REWARD", help="the reward's name or number")
    p.add_argument("--as-of", metavar="D", help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_redeem)

    p = sub.add_parser("rewards", parents=[common], help="the rewards catalogue: list or add")
    p.add_argument("--all", action="store_true", help="also the withdrawn ones")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rewards)
    actions = p.add_subparsers(dest="rewards_command", required=False, metavar="ACTION")
    q = actions.add_parser("add", parents=[common], help="add a reward")
    q.add_argument("name", metavar="NAME")
    q.add_argument("--cost", type=positive_int, required=True, metavar="N", help="points")
    q.add_argument("--stock", type=int, required=True, metavar="N")
    q.add_argument("--kind", default="gift", choices=("gift", "fee_waiver", "coupon"))
    q.add_argument("--coupon-value", metavar="Y", help="a coupon reward's value in yuan")
    q.add_argument("--coupon-days", type=positive_int, metavar="N",
                   help="how many days a coupon reward's coupon is valid")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_rewards_add)

    p = sub.add_parser("coupon", parents=[common], help="issue coupons to a segment; use one")
    actions = p.add_subparsers(dest="coupon_command", required=True, metavar="ACTION")
    q = actions.add_parser("issue", parents=[common], help="one coupon per segment member")
    q.add_argument("--segment", required=True, metavar="S", help="a saved segment")
    offer = q.add_mutually_exclusive_group(required=True)
    offer.add_argument("--value", metavar="Y", help="the coupon's value in yuan")
    offer.add_argument("--percent", type=int, metavar="P", help="percent off (1–99)")
    q.add_argument("--until", required=True, metavar="D", help="the last valid day")
    q.add_argument("--from", dest="from_", metavar="D", help="the first valid day (today)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_coupon_issue)
    q = actions.add_parser("use", parents=[common], help="use a coupon on a purchase")
    q.add_argument("code", metavar="CODE")
    q.add_argument("--purchase", type=positive_int, required=True, metavar="ID")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_coupon_use)

    p = sub.add_parser("levels", parents=[common], help="member levels")
    actions = p.add_subparsers(dest="levels_command", required=True, metavar="ACTION")
    q = actions.add_parser("recompute", parents=[common],
                           help="recompute every active customer's member level")
    q.add_argument("--as-of", metavar="D", help="as of this day (default: today)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_levels_recompute)
