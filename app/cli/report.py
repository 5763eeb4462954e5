"""CLI: `report OUT.pdf [--from D] [--to D] [--owner O] [--region R] [--png-dir DIR]`:
the dashboard as a printable multi-page PDF, and each chart as a PNG.

The period defaults to the last twelve calendar months up to today; the PNGs go to
OUT's folder under OUT-charts/ unless --png-dir names another (or --no-png).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import err, open_db, out
from app.errors import EXIT_OK, ValidationError
from app.i18n import pick
from app.models.base import now as clock_now
from app.services.daily.local_time import parse_date


def cmd_report(args) -> int:
    from app.reports.pdf import write_report
    from app.services.dashboard.scope import DashboardFilter

    current = clock_now()
    end = parse_date(args.date_to, field="--to") if args.date_to else current.date()
    start = (parse_date(args.date_from, field="--from") if args.date_from
             else DashboardFilter.last_months(end).start)  # twelve months up to --to
    flt = DashboardFilter(start, end, owner=args.owner or None, region=args.region or None)
    target = Path(args.out).expanduser()
    if target.suffix.lower() != ".pdf":
        raise ValidationError("OUT", f"{target} should end in .pdf.",
                              f"{target} 应以 .pdf 结尾。")
    png_dir = None if args.no_png else (
        Path(args.png_dir).expanduser() if args.png_dir
        else target.with_name(target.stem + "-charts"))
    with open_db(args) as vault:
        from app.services.surveys import legacy

        with vault.sessions.begin() as session:  # 1–5 scores logged since: carried over
            legacy.sync(session, full=False)
        result = write_report(vault.sessions, target, flt, now=current, png_dir=png_dir)
    out(pick(f"Report written: {result.pdf} ({result.pages} pages)",
             f"报表已写入：{result.pdf}（共 {result.pages} 页）"))
    if result.pngs:
        err(pick(f"{len(result.pngs)} charts as PNG in {png_dir}",
                 f"{len(result.pngs)} 张图表 PNG 位于 {png_dir}"))
    return EXIT_OK


def add_report_commands(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("report", parents=[common],
                       help="the dashboard as a multi-page PDF (and each chart as PNG)")
    p.add_argument("out", metavar="OUT.pdf")
    p.add_argument("--from", dest="date_from", metavar="D",
                   help="first day (default: twelve months back)")
    p.add_argument("--to", dest="date_to", metavar="D", help="last day (default: today)")
    p.add_argument("--owner", metavar="O", help="only this account manager's customers")
    p.add_argument("--region", metavar="R", help="only customers of this region")
    p.add_argument("--png-dir", metavar="DIR", help="where the PNGs go (default: OUT-charts/)")
    p.add_argument("--no-png", action="store_true", help="write the PDF only")
    p.set_defaults(func=cmd_report)
