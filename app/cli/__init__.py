"""Headless command line over the services: `python main.py [--db FILE] COMMAND`.

Exit codes: 0 ok, 2 usage, 3 wrong password, 4 damaged or not a Kehu file,
5 invalid input. Messages follow the locale (Chinese on a Chinese locale).
"""

from __future__ import annotations

import argparse
import sys
import traceback

from app import __version__
from app.cli.common import err
from app.errors import KehuError
from app.i18n import pick


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

    from app.cli.customers import add_customer_commands
    from app.cli.daily import add_daily_commands
    from app.cli.exports import add_export_commands
    from app.cli.file import add_file_commands
    from app.cli.imports import add_import_commands
    from app.cli.report import add_report_commands
    from app.cli.revisits import add_plan_commands
    from app.cli.tiers import add_tier_commands

    add_file_commands(sub, common)  # init, stats, passwd, backup, restore
    add_customer_commands(sub, common)  # demo, search
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
        err(f"kehu: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        err(pick("Interrupted; nothing was written half-way.", "已中断；没有写入不完整的数据。"))
        return 130
    except Exception:
        err(pick("Unexpected error (please report it):", "意外错误（请报告）："))
        traceback.print_exc()
        return 1


if __name__ == "__main__":
    sys.exit(main())
