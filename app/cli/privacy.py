"""CLI commands for personal-data rights:

    consent CUSTOMER [--json]                       current consents and their history
    consent CUSTOMER (--grant P | --withdraw P) [--channel C] [--date D] [--wording T]
            [--note T]                              add an entry (P may be "marketing")
    erase CUSTOMER --reason TEXT [--retake-backups] [--json]
                                                    remove the person's data (Art. 47)
    hold CUSTOMER --until D --reason TEXT           storage only: kept, not processed
    release CUSTOMER                                end the hold
"""

from __future__ import annotations

import json
from datetime import datetime, time

from app.cli.common import db_file, is_team, open_db, out
from app.errors import EXIT_OK, KehuError
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
    with open_db(args) as vault, vault.sessions.begin() as session:
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


def _backups_note(db_path) -> None:
    from app.store.backups import list_backups
    from app.store.paths import backup_dir_for

    n = len(list_backups(backup_dir_for(db_path), db_path.stem))
    if n:
        out(pick(f"{n} backup(s) taken before still hold this person until they rotate "
                 "out; `backup --retake` replaces them now with one fresh backup.",
                 f"之前的 {n} 份备份仍含此人的信息，轮换淘汰后才消失；可立即用 "
                 "`backup --retake` 以一份新备份替换它们。"))


def _erase(args) -> int:
    from app.services.customers.service import resolve_id
    from app.services.privacy.erase import erase

    retaken = failed = None
    if args.retake_backups and is_team(args):  # before the erasure, not after it
        db_file(args)  # refused in words: a server's backups are its administrator's
    with open_db(args) as vault:
        with vault.sessions.begin() as session:
            result = erase(session, resolve_id(session, args.customer), reason=args.reason)
        if args.retake_backups:
            try:
                retaken = vault.retake_backups("erase")
            except KehuError as exc:  # said after the erasure, which stands
                failed = exc
    if args.json:
        data = result.to_json()
        if retaken is not None:
            data["backups_replaced"] = retaken[1]
        out(json.dumps(data, ensure_ascii=False))
    else:
        out(pick(f"Erased {result.code} ({result.customers} record(s)); "
                 f"{result.audit_entries_scrubbed} audit entries, {result.merges_removed} "
                 f"merges and {result.imports_scrubbed} imports scrubbed of the person's data.",
                 f"已删除 {result.code}（{result.customers} 条记录）；已清除 "
                 f"{result.audit_entries_scrubbed} 条审计记录、{result.merges_removed} 次合并、"
                 f"{result.imports_scrubbed} 次导入中的个人信息。"))
    if failed is not None:
        raise failed  # e.g. a full disk: the earlier backups are all kept
    if retaken is None:
        if not is_team(args):  # a server's backups are its administrator's
            _backups_note(db_file(args))
    elif not args.json:
        out(pick(f"{retaken[1]} earlier backup(s) replaced by one fresh backup without the "
                 f"person: {retaken[0]}", f"之前的 {retaken[1]} 份备份已替换为一份不含此人的"
                 f"新备份：{retaken[0]}"))
    return EXIT_OK


def _hold(args) -> int:
    from app.services.customers.service import resolve_id
    from app.services.daily.local_time import parse_date
    from app.services.privacy import hold

    until = parse_date(args.until, field="--until") if args.until else None
    with open_db(args) as vault, vault.sessions.begin() as session:
        put = hold.put(session, resolve_id(session, args.customer), until=until,
                       reason=args.reason or "")
    out(pick(f"On hold until {put.until}: kept, not processed (no exports, plans or "
             "contact lists), not erasable.",
             f"已保留冻结至 {put.until}：数据保存但不处理（不导出、不排计划、不进联系名单），"
             "不可删除。"))
    return EXIT_OK


def _release(args) -> int:
    from app.services.customers.service import resolve_id
    from app.services.privacy import hold

    with open_db(args) as vault, vault.sessions.begin() as session:
        hold.release(session, resolve_id(session, args.customer))
    out(pick("Hold released.", "已解除保留冻结。"))
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
    e = sub.add_parser("erase", parents=[common],
                       help="erase a person's personal data from the file (PIPL Art. 47)")
    e.add_argument("customer", metavar="CUSTOMER")
    e.add_argument("--reason", required=True, metavar="TEXT")
    e.add_argument("--retake-backups", action="store_true",
                   help="then replace the earlier backups (which still hold the person) "
                        "with one fresh backup")
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=_erase)
    h = sub.add_parser("hold", parents=[common],
                       help="storage-only hold: keep the data, stop processing it")
    h.add_argument("customer", metavar="CUSTOMER")
    h.add_argument("--until", metavar="D", help="the end of the hold (required)")
    h.add_argument("--reason", metavar="TEXT", help="why the data must be kept (required)")
    h.set_defaults(func=_hold)
    r = sub.add_parser("release", parents=[common], help="end a storage-only hold")
    r.add_argument("customer", metavar="CUSTOMER")
    r.set_defaults(func=_release)
