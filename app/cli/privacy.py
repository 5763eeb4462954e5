"""CLI commands for personal-data rights:

    consent CUSTOMER [--json]                       current consents and their history
    consent CUSTOMER (--grant P | --withdraw P) [--channel C] [--date D] [--wording T]
            [--note T]                              add an entry (P may be "marketing")
"""

from __future__ import annotations

import json
from datetime import datetime, time

from app.cli.common import db_file, out, unlock
from app.errors import EXIT_OK
from app.i18n import pick


def _purposes(text: str) -> list[str]:
    from app.services.privacy import consent

    # "marketing" is the three marketing channels at once, as the profile box means it.
    return list(consent.MARKETING) if text == "marketing" else [text]


def _consent(args) -> int:
    from app.services.customers.service import get_customer, resolve_id
    from app.services.daily.local_time import parse_date
    from app.services.privacy import consent

    change = args.grant or args.withdraw
    when = None
    if args.date:
        day = parse_date(args.date, field="--date")
        when = datetime.combine(day, time(12, 0)) if day != datetime.now().date() else None
    with unlock(db_file(args)) as vault, vault.sessions.begin() as session:
        cid = resolve_id(session, args.customer)
        if change:
            consent.record(session, cid, _purposes(change), bool(args.grant),
                           channel=args.channel, at=when, wording=args.wording,
                           note=args.note)
        row = get_customer(session, cid)
        state = consent.current(session, cid)
        history = consent.history(session, cid)
    if args.json:
        out(json.dumps({"customer": row.code, "marketing_consent": row.marketing_consent,
                        "current": {p: (e.granted if e else None) for p, e in state.items()},
                        "history": [e.to_json() for e in history]}, ensure_ascii=False))
        return EXIT_OK
    if change:
        out(pick("Recorded.", "已记录。"))
    out(f"{row.code} {row.name}")
    for purpose, entry in state.items():
        en, zh = consent.PURPOSES[purpose]
        if entry is None:
            status = pick("never asked", "未征询")
        elif entry.granted:
            status = pick(f"granted {entry.at:%Y-%m-%d}", f"{entry.at:%Y-%m-%d} 同意")
        else:
            status = pick(f"withdrawn {entry.at:%Y-%m-%d}", f"{entry.at:%Y-%m-%d} 撤回")
        out(f"  {pick(en, zh)}: {status}")
    return EXIT_OK


def add_privacy_commands(sub, common) -> None:
    from app.services.privacy.consent import CHANNELS, PURPOSES

    purposes = ", ".join([*PURPOSES, "marketing"])
    p = sub.add_parser("consent", parents=[common],
                       help="a customer's consents (PIPL): show, grant, withdraw")
    p.add_argument("customer", metavar="CUSTOMER", help="code (KH000123), id or uid")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--grant", metavar="PURPOSE", help=f"one of {purposes}")
    how.add_argument("--withdraw", metavar="PURPOSE", help=f"one of {purposes}")
    p.add_argument("--channel", default="counter", metavar="C",
                   help=f"how it was given: {', '.join(CHANNELS)} (default counter)")
    p.add_argument("--date", metavar="D", help="the day it was given (default: now)")
    p.add_argument("--wording", metavar="T", help="the wording shown to the person")
    p.add_argument("--note", metavar="T")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_consent)
