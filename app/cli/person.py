"""CLI command for the person's copy (PIPL Art. 45):

    person-export CUSTOMER OUT.xlsx     everything the file holds about one person,
    person-export CUSTOMER OUT.pdf      unmasked, as one Chinese workbook (.xlsx) or
                                        as readable Chinese PDF pages (.pdf) (audited)
"""

from __future__ import annotations

from app.cli.common import open_db, out
from app.errors import EXIT_OK, NotFound
from app.i18n import pick


def _resolve(session, key: str) -> int:
    """CUSTOMER as a code (KH000123), a uid or a numeric id."""
    from app.services.customers.service import resolve_id

    try:
        return resolve_id(session, key)
    except NotFound:
        if key.strip().isdigit():
            return resolve_id(session, int(key))
        raise


def _person_export(args) -> int:
    from app.reports.person_copy_file import export
    from app.services.privacy.person_copy import check_format

    check_format(args.out)  # before the password prompt: a wrong name writes nothing
    with open_db(args) as vault, vault.sessions.begin() as session:
        copy = export(session, _resolve(session, args.customer), args.out)
    out(pick(f"Wrote the copy for {copy.code} to {args.out} (unmasked: keep it safe).",
             f"已将 {copy.code} 的个人信息副本写入 {args.out}（未脱敏，请妥善保管）。"))
    return EXIT_OK


def add_person_commands(sub, common) -> None:
    p = sub.add_parser("person-export", parents=[common],
                       help="a copy of everything held about one person (PIPL Art. 45)")
    p.add_argument("customer", metavar="CUSTOMER", help="code (KH000123), id or uid")
    p.add_argument("out", metavar="OUT",
                   help="the file to write: a workbook (.xlsx) or PDF pages (.pdf)")
    p.set_defaults(func=_person_export)
