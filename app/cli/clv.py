"""CLI commands for predicted customer value (BG/NBD + Gamma-Gamma):

    clv fit [--as-of D] [--json]                      fit both models, score and store
    clv CUSTOMER [--horizon-days N] [--as-of D] [--json]   one customer's prediction
    clv top [--limit N] [--json]                      highest predicted value first

One positional word, not argparse subcommands: a subparser would refuse every
customer code as an unknown command. Codes look like KH000123, so the words fit and
top are never a customer.
"""

from __future__ import annotations

import json

from app.cli.common import open_db, out, positive_int
from app.errors import EXIT_OK
from app.i18n import pick
from app.models.base import now as clock_now
from app.services.daily.local_time import parse_date

ACTIONS = ("fit", "top")


def _yuan(fen: int) -> str:
    return f"¥{fen / 100:,.2f}"


def cmd_clv(args) -> int:
    action = args.target.lower() if args.target.lower() in ACTIONS else None
    if action != "top" and args.limit is not None:
        args.parser.error(pick("--limit goes with `clv top`", "--limit 只用于 `clv top`"))
    if action is not None and args.horizon_days is not None:
        args.parser.error(pick("--horizon-days goes with `clv CUSTOMER`",
                               "--horizon-days 只用于 `clv 客户`"))
    if action == "top" and args.as_of:
        args.parser.error(pick("`clv top` reads the latest run; --as-of goes with fit or "
                               "CUSTOMER", "`clv top` 读取最近一次计算；--as-of 用于 fit 或客户"))
    as_of = parse_date(args.as_of, field="--as-of") if args.as_of else None
    if action == "fit":
        return _fit(args, as_of)
    if action == "top":
        return _top(args)
    return _customer(args, as_of)


def _fit(args, as_of) -> int:
    from app.services.clv.service import refresh

    with open_db(args) as vault, vault.sessions.begin() as session:
        result = refresh(session, as_of, clock=clock_now)
    fit = result.fit
    if args.json:
        out(json.dumps(fit.to_json(), ensure_ascii=False))
        return EXIT_OK
    bg, gg = fit.bg, fit.gg
    out(pick(f"Predicted values as of {result.as_of}: {result.customers} customers "
             f"({result.repeat_buyers} bought again), stored.",
             f"已按 {result.as_of} 计算并保存预测价值：{result.customers} 位客户"
             f"（{result.repeat_buyers} 位复购）。"))
    out(f"  BG/NBD (weeks): r={bg.r:.4f} alpha={bg.alpha:.4f} a={bg.a:.4f} b={bg.b:.4f} "
        f"LL={bg.log_likelihood:.1f}")
    out(pick(f"  Gamma-Gamma (yuan): p={gg.p:.4f} q={gg.q:.4f} gamma={gg.gamma:.4f}",
             f"  Gamma-Gamma（元）：p={gg.p:.4f} q={gg.q:.4f} gamma={gg.gamma:.4f}"))
    return EXIT_OK


def _top(args) -> int:
    from app.services.clv.service import top

    with open_db(args) as vault, vault.sessions() as session:
        rows = top(session, args.limit or 20)
    if args.json:
        out(json.dumps([r.to_json() for r in rows], ensure_ascii=False))
        return EXIT_OK
    for r in rows:
        p = r.prediction
        out(f"{_yuan(p.clv_fen):>14}  {r.code} {r.name}  "
            + pick(f"P(alive) {p.p_alive:.0%}, {p.expected_purchases:.1f} purchases",
                   f"仍活跃 {p.p_alive:.0%}，预计 {p.expected_purchases:.1f} 次"))
    if rows:
        out(pick(f"As of {rows[0].prediction.as_of}, next {rows[0].prediction.horizon_days} "
                 "days.", f"截至 {rows[0].prediction.as_of}，未来 "
                 f"{rows[0].prediction.horizon_days} 天。"))
    return EXIT_OK


def _customer(args, as_of) -> int:
    from app.services.clv.service import predict
    from app.services.customers.service import resolve_id

    with open_db(args) as vault, vault.sessions() as session:
        p = predict(session, resolve_id(session, args.target), horizon_days=args.horizon_days,
                    as_of=as_of)
    if args.json:
        out(json.dumps(p.to_json(), ensure_ascii=False))
        return EXIT_OK
    out(p.reason())
    out(pick(f"  P(alive) {p.p_alive:.1%}; {p.expected_purchases:.2f} purchases expected in "
             f"{p.horizon_days} days; {_yuan(p.expected_spend_fen)} a purchase; value "
             f"{_yuan(p.clv_fen)} (as of {p.as_of})",
             f"  仍活跃概率 {p.p_alive:.1%}；{p.horizon_days} 天内预计购买 "
             f"{p.expected_purchases:.2f} 次；每次 {_yuan(p.expected_spend_fen)}；预测价值 "
             f"{_yuan(p.clv_fen)}（截至 {p.as_of}）"))
    return EXIT_OK


def add_clv_commands(sub, common) -> None:
    p = sub.add_parser(
        "clv", parents=[common], help="predicted customer value (BG/NBD + Gamma-Gamma)",
        description="clv fit: fit both models and store every customer's prediction; "
                    "clv CUSTOMER: one customer's prediction; clv top: highest first.")
    p.add_argument("target", metavar="fit | top | CUSTOMER",
                   help="fit, top, or a customer code or uid")
    p.add_argument("--as-of", metavar="D", help="as of this day (fit, CUSTOMER)")
    p.add_argument("--horizon-days", type=positive_int, metavar="N",
                   help="prediction horizon in days (CUSTOMER; default the stored 90)")
    p.add_argument("--limit", type=positive_int, metavar="N",
                   help="how many customers (top; default 20)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_clv, parser=p)
