"""Headless command line over the services: `python main.py [--db FILE] COMMAND`.

Exit codes: 0 ok, 2 usage, 3 wrong password, 4 damaged or not a Kehu file,
5 invalid input, 6 the file is busy, 7 disk full, 8 no permission / read-only,
9 disk I/O error, 130 interrupted, 141 output pipe closed (`kehu search x | head -1`),
1 a bug (the only case with a traceback). Messages follow the locale (Chinese on a
Chinese locale).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback

from app import __version__
from app.cli.common import err, file_or_none
from app.errors import KehuError
from app.i18n import pick
from app.store.faults import classify, is_broken_pipe

# Like a program killed by SIGPIPE (128 + 13), which is what `| head` expects of a writer.
EXIT_BROKEN_PIPE = 141


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

    from app.cli.audit import add_audit_commands
    from app.cli.campaigns import add_campaign_commands
    from app.cli.clv import add_clv_commands
    from app.cli.customers import add_customer_commands
    from app.cli.daily import add_daily_commands
    from app.cli.duplicates import add_duplicate_commands
    from app.cli.exports import add_export_commands
    from app.cli.file import add_file_commands
    from app.cli.imports import add_import_commands
    from app.cli.loyalty import add_loyalty_commands
    from app.cli.person import add_person_commands
    from app.cli.privacy import add_privacy_commands
    from app.cli.report import add_report_commands
    from app.cli.retention import add_retention_commands
    from app.cli.revisits import add_plan_commands
    from app.cli.segments import add_segment_commands
    from app.cli.surveys import add_survey_commands
    from app.cli.team import add_team_commands
    from app.cli.tiers import add_tier_commands

    add_file_commands(sub, common)  # init, stats, check, passwd, backup, restore
    add_customer_commands(sub, common)  # demo, search
    add_daily_commands(sub, common)  # agenda, log, remind, complete, export-ics
    add_tier_commands(sub, common)  # tiers recompute|summary, tier
    add_plan_commands(sub, common)  # plan
    add_import_commands(sub, common)  # import, undo-import
    add_export_commands(sub, common)  # export, consolidate
    add_report_commands(sub, common)  # report OUT.pdf
    add_duplicate_commands(sub, common)  # duplicates, merge, unmerge, not-duplicate, merges
    add_clv_commands(sub, common)  # clv fit|top|CUSTOMER
    add_segment_commands(sub, common)  # segments discover|save|list|show|delete
    add_audit_commands(sub, common)  # audit [verify]
    add_privacy_commands(sub, common)  # consent
    add_person_commands(sub, common)  # person-export
    add_retention_commands(sub, common)  # retention review|erase|anonymise
    add_campaign_commands(sub, common)  # campaign create|launch|show|outcome|list
    add_survey_commands(sub, common)  # survey templates|record|import, satisfaction
    add_loyalty_commands(sub, common)  # points, redeem, rewards, coupon, levels
    add_team_commands(sub, common)  # team init|add-user|users (PostgreSQL)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KehuError as exc:
        return _report(exc)
    except KeyboardInterrupt:
        err(pick("Interrupted; nothing was written half-way.", "已中断；没有写入不完整的数据。"))
        return 130
    except Exception as exc:
        if is_broken_pipe(exc):
            return _end_quietly_on_broken_pipe()
        typed = classify(exc, file_or_none(args))  # a full disk, a busy file…: said, not a bug
        if typed is not None:
            return _report(typed)
        err(pick("Unexpected error (please report it):", "意外错误（请报告）："))
        traceback.print_exc()
        return 1


def _report(exc: KehuError) -> int:
    with contextlib.suppress(BrokenPipeError, OSError):
        err(f"kehu: {exc}")
    return exc.exit_code


def _end_quietly_on_broken_pipe() -> int:
    """The reader of our output went away (`| head -1`): stop without a word. stdout is
    pointed at devnull so the interpreter's final flush does not fail again (the
    Python documentation's advice for SIGPIPE)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT_BROKEN_PIPE


if __name__ == "__main__":
    sys.exit(main())
