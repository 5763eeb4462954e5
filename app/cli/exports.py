"""CLI: `export` (the customer file to .xlsx/.csv for head office) and `consolidate`
(head office merges branch exports). Input is checked before the file is unlocked;
the written file is either complete or absent, masked unless --unmasked with a
--reason; scratch files stay in the customer file's private folder (.kehu-tmp).
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

from app.cli.common import err, file_or_none, open_db, out
from app.errors import EXIT_INVALID_INPUT, EXIT_OK, ValidationError
from app.i18n import pick
from app.models.base import now as clock_now


def _day(text: str | None, flag: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(flag, f"{flag}: {text!r} is not a date like 2026-01-31.",
                              f"{flag}：{text!r} 不是日期（例如 2026-01-31）。") from None


def _sheets(text: str | None, target: Path) -> tuple[str, ...]:
    from app.services.exports.templates import (
        ALL_SHEET_KEYS,
        DATA_SHEETS,
        SUMMARY_TITLE,
        SURVEYS,
    )

    if not text:
        return ("register",) if target.suffix.lower() == ".csv" else ALL_SHEET_KEYS
    by_title = {t.title: k for k, t in DATA_SHEETS.items()} | {SUMMARY_TITLE: "summary",
                                                                SURVEYS.title: SURVEYS.key}
    names = [n.strip() for n in text.replace("，", ",").split(",") if n.strip()]
    return tuple(by_title.get(n, n.lower()) for n in names)


def _password(var: str | None) -> str | None:
    if not var:
        return None
    value = os.environ.get(var)
    if not value:
        raise ValidationError("password", f"The environment variable {var} is not set.",
                              f"环境变量 {var} 未设置。")
    return value


def cmd_export(args) -> int:
    from app.services.exports.rows import ExportFilter
    from app.services.exports.service import ExportOptions, check_options, export

    target = Path(args.out).expanduser()
    options = ExportOptions(
        sheets=_sheets(args.sheets, target),
        flt=ExportFilter(date_from=_day(args.date_from, "--from"),
                         date_to=_day(args.date_to, "--to"), owner=args.owner,
                         tier=args.tier, tag=args.tag, segment=args.segment,
                         consent=args.consent),
        masked=not args.unmasked, mask_names=args.mask_names, reason=args.reason or "",
        password=_password(args.password_env), branch_name=args.branch_name,
        branch_code=args.branch_code)
    check_options(target, options)  # before asking for the customer file's password
    with open_db(args) as vault, vault.sessions.begin() as session:
        result = export(session, target, options, now=clock_now())
    counts = ", ".join(f"{k} {v}" for k, v in result.rows.items())
    out(pick(f"Exported to {result.path}: {counts}", f"已导出到 {result.path}：{counts}"))
    if result.no_consent:
        from app.services.privacy.consent import PURPOSES

        en, zh = PURPOSES[options.flt.consent]
        out(pick(f"{result.no_consent:,} customers left out: no consent to {en}.",
                 f"{result.no_consent:,} 位客户未导出：未同意{zh}。"))
    if not options.masked:
        err(pick("Unmasked personal data: the export was recorded in the audit log.",
                 "含未脱敏个人信息：本次导出已记入审计日志。"))
    if result.checksum:
        out(f"sha256: {result.checksum}")
    return EXIT_OK


def cmd_consolidate(args) -> int:
    from app.services.exports.consolidation import consolidate

    result = consolidate(Path(args.out).expanduser(), [Path(p).expanduser() for p in args.inputs],
                         now=clock_now(), password=_password(args.password_env),
                         skip_refused=args.skip_refused, masked=not args.unmasked,
                         reason=args.reason or "", db_path=file_or_none(args))
    for source in result.sources:
        if source.ok:
            out(pick(f"  merged   {source.path.name}: {source.branch}, "
                     f"{source.customers} customers",
                     f"  已合并 {source.path.name}：{source.branch}，{source.customers} 位客户"))
        else:
            err(pick(f"  REFUSED  {source.path.name}: {source.reason_en}",
                     f"  已拒绝 {source.path.name}：{source.reason_zh}"))
    out(pick(f"Consolidated {result.customers} customers into {result.path}; "
             f"{len(result.conflicts)} customers appear in more than one branch.",
             f"已将 {result.customers} 位客户合并到 {result.path}；"
             f"{len(result.conflicts)} 位客户出现在多个网点。"))
    if not result.masked:
        err(pick("Unmasked personal data: the reason is written into the manifest.",
                 "含未脱敏个人信息：原因已写入清单。"))
    return EXIT_INVALID_INPUT if result.refused else EXIT_OK


def add_export_commands(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export", parents=[common],
                       help="export customers for head office (.xlsx with manifest, or .csv)")
    p.add_argument("out", metavar="OUT.xlsx|OUT.csv")
    p.add_argument("--sheets", metavar="S,…",
                   help="register, purchases, contacts, revisits, complaints, surveys, summary "
                        "(default: all; .csv: register)")
    p.add_argument("--from", dest="date_from", metavar="D", help="period start, 2026-01-01")
    p.add_argument("--to", dest="date_to", metavar="D", help="period end (inclusive)")
    p.add_argument("--owner", metavar="O", help="only this account manager's customers")
    p.add_argument("--tier", metavar="T", help="vip, high, mid, low or none")
    p.add_argument("--tag", metavar="TAG", help="only customers with this tag")
    p.add_argument("--segment", metavar="NAME", help="only the members of a saved segment")
    p.add_argument("--consent", metavar="PURPOSE",
                   help="only the customers who consent to it now (marketing_sms, …)")
    p.add_argument("--unmasked", action="store_true",
                   help="write personal data in full: phones, ID numbers, birthdays, e-mail, "
                        "WeChat, addresses, numbers in notes (needs --reason; audited)")
    p.add_argument("--reason", metavar="TEXT", help="why an unmasked export is needed")
    p.add_argument("--mask-names", action="store_true", help="also mask names (张**, surname kept)")
    p.add_argument("--password-env", metavar="VAR",
                   help="encrypt the workbook with the password in this environment variable")
    p.add_argument("--branch-name", metavar="N", help="branch name for the manifest")
    p.add_argument("--branch-code", metavar="C", help="branch code for the manifest")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("consolidate", parents=[common],
                       help="head office: verify and merge branch exports into one workbook")
    p.add_argument("out", metavar="OUT.xlsx")
    p.add_argument("inputs", nargs="+", metavar="BRANCH.xlsx")
    p.add_argument("--skip-refused", action="store_true",
                   help="merge the valid workbooks even if some are refused (exit status 5)")
    p.add_argument("--password-env", metavar="VAR",
                   help="password of encrypted branch workbooks, from this variable")
    p.add_argument("--unmasked", action="store_true",
                   help="write personal data in full (needs --reason, kept in the manifest)")
    p.add_argument("--reason", metavar="TEXT", help="why an unmasked merge is needed")
    p.set_defaults(func=cmd_consolidate)
