"""Headless command line over the services: `python main.py [--db FILE] COMMAND`.

Exit codes: 0 ok, 2 usage, 3 wrong password, 4 damaged or not a Kehu file,
5 invalid input. Messages follow the locale (Chinese on a Chinese locale).
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path

from app import __version__
from app.cli_unlock import new_password, unlock
from app.config import default_db_path
from app.errors import EXIT_OK, KehuError
from app.i18n import pick


def _out(text: str = "") -> None:
    print(text, flush=True)


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _db(args) -> Path:
    return Path(args.db).expanduser() if args.db else default_db_path()


# --- commands ----------------------------------------------------------------------
def cmd_init(args) -> int:
    from app.security.vault import Vault

    db_path = _db(args)
    password = new_password("KEHU_PASSWORD")
    vault, recovery = Vault.create(db_path, password)
    vault.lock()
    _out(pick(f"Created the encrypted customer file {db_path}",
              f"已创建加密客户档案 {db_path}"))
    _out(f"recovery key: {recovery}")
    _err(pick("Write the recovery key down and keep it safe: it is shown only this once and "
              "is the only way in if the password is lost.",
              "请抄写并妥善保管恢复密钥：它只显示这一次，忘记密码时只能靠它打开档案。"))
    return EXIT_OK


def cmd_demo(args) -> int:
    from app.services.demo.generator import generate_demo_data

    def progress(done: int, total: int) -> None:
        _err(pick(f"  {done}/{total} customers", f"  已生成 {done}/{total} 位客户"))

    with unlock(_db(args)) as vault:
        summary = generate_demo_data(vault.sessions, args.customers, seed=args.seed,
                                     progress=progress)
    _out(pick(f"Demo data added: {summary}", f"已添加演示数据：{summary}"))
    return EXIT_OK


def cmd_stats(args) -> int:
    from app.services.stats import table_counts

    with unlock(_db(args)) as vault, vault.sessions() as session:
        counts = table_counts(session)
    if args.json:
        _out(json.dumps(counts, ensure_ascii=False))
    else:
        for key, value in counts.items():
            _out(f"{key:20} {value:>10}")
    return EXIT_OK


def cmd_search(args) -> int:
    from app.services.customers.search import Scope, search

    scope = Scope.TRASH if args.trash else Scope.ACTIVE
    with unlock(_db(args)) as vault, vault.sessions() as session:
        result = search(session, args.text, limit=args.limit, scope=scope)
    if args.json:
        _out(json.dumps([r.to_json() for r in result.rows], ensure_ascii=False))
        return EXIT_OK
    for r in result.rows:
        _out("\t".join([r.code, r.name, r.phone or "", r.owner or "", r.region or ""]))
    _err(pick(f"{result.total} matching, {len(result.rows)} shown",
              f"共 {result.total} 位匹配，显示 {len(result.rows)} 位"))
    return EXIT_OK


def cmd_passwd(args) -> int:
    from app.services import audit

    with unlock(_db(args)) as vault:
        password = new_password("KEHU_NEW_PASSWORD")
        vault.change_password(password)
        with vault.sessions.begin() as session:
            audit.record(session, "password_change", "file", vault.db_path.name,
                         {"path": str(vault.db_path)})
    _out(pick("Password changed. The recovery key is unchanged.",
              "密码已修改。恢复密钥不变。"))
    return EXIT_OK


def cmd_backup(args) -> int:
    with unlock(_db(args)) as vault:
        if args.to:
            path = vault.backup("manual", directory=Path(args.to).expanduser(), keep=0)
        else:
            path = vault.backup("manual")
    _out(str(path))
    return EXIT_OK


def cmd_restore(args) -> int:
    from app.cli_unlock import data_key_from
    from app.security.key_header import KeyHeader
    from app.store import backups
    from app.store.paths import key_header_path

    backup = Path(args.backup).expanduser()
    data_key = data_key_from(KeyHeader.load(key_header_path(backup)),
                             ("Password of the backup", "备份的密码"))
    target = Path(args.to).expanduser()
    backups.restore(backup, target, data_key, overwrite=args.overwrite)
    _out(pick(f"Restored {backup.name} to {target}", f"已将 {backup.name} 恢复到 {target}"))
    return EXIT_OK


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(pick(f"{text!r} is not a whole number ≥ 1",
                                              f"{text!r} 不是不小于 1 的整数"))
    return value


# --- parser --------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    db_help = "customer file (default: the per-user data directory)"
    # Subcommands accept --db too; SUPPRESS keeps them from resetting a --db given
    # before the command. (Separate action objects: argparse shares parents' actions.)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, metavar="FILE", help=db_help)
    parser = argparse.ArgumentParser(
        prog="kehu",
        description="Kehu 客户 — encrypted customer file. Password from KEHU_PASSWORD "
                    "(or KEHU_RECOVERY_KEY), else asked.")
    parser.add_argument("--db", default=None, metavar="FILE", help=db_help)
    parser.add_argument("--version", action="version", version=f"kehu {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", parents=[common], help="create a new encrypted customer file")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", parents=[common], help="fill the file with generated customers")
    p.add_argument("--customers", type=_positive_int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("stats", parents=[common], help="counts per table")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("search", parents=[common],
                       help="find customers by name, pinyin, initials, phone or code")
    p.add_argument("text")
    p.add_argument("--limit", type=_positive_int, default=50, metavar="N")
    p.add_argument("--json", action="store_true")
    p.add_argument("--trash", action="store_true", help="search the trash instead")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("passwd", parents=[common],
                       help="set a new password (from KEHU_NEW_PASSWORD, else asked)")
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser("backup", parents=[common], help="take an encrypted snapshot")
    p.add_argument("--to", metavar="DIR", help="directory (default: backups/ beside the file)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", parents=[common], help="restore a snapshot to a new file")
    p.add_argument("backup", metavar="BACKUP")
    p.add_argument("--to", required=True, metavar="FILE")
    p.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_restore)

    # Imported here: these modules import this one.
    from app.cli_daily import add_daily_commands
    from app.cli_export import add_export_commands
    from app.cli_import import add_import_commands
    from app.cli_plan import add_plan_commands
    from app.cli_report import add_report_commands
    from app.cli_tiers import add_tier_commands

    add_daily_commands(sub, common)  # agenda, log, remind, complete, export-ics
    add_tier_commands(sub, common)  # tiers recompute|summary, tier
    add_plan_commands(sub, common)  # plan
    add_import_commands(sub, common)  # import, undo-import
    add_export_commands(sub, common)  # export, consolidate
    add_report_commands(sub, common)  # report OUT.pdf
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KehuError as exc:
        _err(f"kehu: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        _err(pick("Interrupted; nothing was written half-way.", "已中断；没有写入不完整的数据。"))
        return 130
    except Exception:
        _err(pick("Unexpected error (please report it):", "意外错误（请报告）："))
        traceback.print_exc()
        return 1


if __name__ == "__main__":
    sys.exit(main())
