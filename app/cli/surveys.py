"""CLI commands for satisfaction surveys:

    survey templates [--json]                        the questionnaires (current versions)
    survey record CUSTOMER --template NAME --answers JSON [--version N] [--at DATE]
                  [--staff NAME] [--json]           record one response (and its follow-up)
    survey import FILE [--dry-run] [--json]          a sheet of results, matched to customers
    survey texts [--month YYYY-MM] [--json]          the month's free-text answers, to read
    survey show CUSTOMER [--json]                    a customer's responses, latest and trend
    satisfaction [--month YYYY-MM] [--months N] [--by owner|branch|template] [--json]
                                                     the month's score against the target
"""

from __future__ import annotations

import json

from app.cli.common import backup_before, open_db, out, positive_int
from app.errors import EXIT_OK, InvalidInput
from app.i18n import pick
from app.models.base import now


def _templates(args) -> int:
    from app.services.surveys.templates import ensure_defaults, list_templates

    # The shipped questionnaires are stored with the first response; listing them rolls
    # back (a read writes nothing).
    with open_db(args) as vault, vault.sessions() as session:
        ensure_defaults(session)
        templates = list_templates(session)
    if args.json:
        out(json.dumps([t.to_json() for t in templates], ensure_ascii=False))
        return EXIT_OK
    for t in templates:
        out(pick(f"{t.name} (version {t.version}, {len(t.questions)} questions)",
                 f"{t.name}（第 {t.version} 版，{len(t.questions)} 题）"))
        for q in t.questions:
            shape = (f"{q.min}–{q.max}" if q.type == "scale" else
                     " / ".join(q.options) if q.options else pick("free text", "文字"))
            out(f"  {q.id}  {q.text}  [{q.type} {shape}; {pick('weight', '权重')} {q.weight:g}]")
    return EXIT_OK


def _answers(text: str) -> dict:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"--answers is not JSON ({exc.msg}); give an object such as "
                           '{"q1": 5, "q3": "已解决"}.',
                           f"--answers 不是有效的 JSON（{exc.msg}）；请写成 "
                           '{"q1": 5, "q3": "已解决"} 这样的对象。') from None
    if not isinstance(value, dict):
        raise InvalidInput("--answers must be a JSON object from question id to answer.",
                           "--answers 必须是“题目编号 → 答案”的 JSON 对象。")
    return value


def _record(args) -> int:
    from app.services.customers.service import resolve_id
    from app.services.surveys.record import record_response
    from app.services.surveys.templates import ensure_defaults

    answers = _answers(args.answers)
    with open_db(args) as vault, vault.sessions.begin() as session:
        ensure_defaults(session)
        done = record_response(session, resolve_id(session, args.customer), args.template,
                               answers, now=now(), version=args.version,
                               answered_at=args.at, staff=args.staff)
    r, f = done.response, done.follow_up
    if args.json:
        body = r.to_json()
        body["follow_up"] = None if f is None else {
            "reminder": f.reminder.id, "due_at": f.reminder.due_at.isoformat(sep=" "),
            "owner": f.reminder.owner, "suggest_complaint": list(f.complaint_categories)}
        out(json.dumps(body, ensure_ascii=False))
        return EXIT_OK
    out(pick(f"Recorded: {r.customer_code} {r.template} v{r.version}, score {r.score:g}"
             + (f", NPS answer {r.nps}" if r.nps is not None else "") + ".",
             f"已记录：{r.customer_code} {r.template}（第 {r.version} 版），得分 {r.score:g}"
             + (f"，推荐度 {r.nps}" if r.nps is not None else "") + "。"))
    if f is not None:
        out(pick(f"Follow-up reminder #{f.reminder.id} for {f.reminder.owner or 'nobody'}, "
                 f"due {f.reminder.due_at:%Y-%m-%d}.",
                 f"已为 {f.reminder.owner or '（无负责人）'} 创建跟进提醒 #{f.reminder.id}，"
                 f"截止 {f.reminder.due_at:%Y-%m-%d}。"))
        if f.complaint_categories:
            cats = "、".join(f.complaint_categories)
            out(pick(f"Consider opening a complaint: {cats}.", f"建议开立投诉：{cats}。"))
    return EXIT_OK


def _import(args) -> int:
    from app.services.imports.reader import untrusted
    from app.services.surveys import sheet
    from app.services.surveys.templates import ensure_defaults

    with open_db(args) as vault:
        with vault.sessions() as session:  # rolled back: the dry run writes nothing
            ensure_defaults(session)
            planned = sheet.plan(session, untrusted(args.file))
        recorded = 0
        if not args.dry_run and planned.planned:
            backup_before(vault, "import")()
            with vault.sessions.begin() as session:
                ensure_defaults(session)
                planned = sheet.plan(session, untrusted(args.file))
                recorded = sheet.apply(session, planned, now=now())
    if args.json:
        body = planned.to_json()
        body["dry_run"] = bool(args.dry_run)
        body["recorded"] = recorded
        out(json.dumps(body, ensure_ascii=False))
        return EXIT_OK
    n = len(planned.planned)
    if args.dry_run:
        out(pick(f"Dry run: {n} response(s) would be recorded; nothing was written.",
                 f"试运行：将记录 {n} 份问卷回答；未写入任何数据。"))
    else:
        out(pick(f"Recorded {recorded} response(s).", f"已记录 {recorded} 份问卷回答。"))
    for p in planned.planned:
        out(f"  {p.sheet}:{p.row}  {p.customer}  {p.template.name} v{p.template.version}  "
            f"{p.answered_at:%Y-%m-%d}  {p.score:g}")
    for title, notes in ((pick("Rejected", "拒绝"), planned.rejected),
                         (pick("Skipped", "跳过"), planned.skipped),
                         (pick("Sheets not read", "未读取的工作表"), planned.sheets)):
        if notes:
            out(f"{title}: {len(notes)}")
            for note in notes:
                out(f"  {note.sheet}:{note.row}  {note.reason}")
    return EXIT_OK


def _show(args) -> int:
    from app.services.customers.service import resolve_id
    from app.services.surveys.record import customer_scores, responses_of

    with open_db(args) as vault, vault.sessions() as session:
        cid = resolve_id(session, args.customer)
        scores, rows = customer_scores(session, cid), responses_of(session, cid)
    if args.json:
        out(json.dumps({**scores.to_json(), "history": [r.to_json() for r in rows]},
                       ensure_ascii=False))
        return EXIT_OK
    if not rows:
        out(pick("No survey answered yet.", "尚未回答过问卷。"))
        return EXIT_OK
    trend = " → ".join(f"{s:g}" for s in scores.trend)
    out(pick(f"{scores.count} response(s); the latest {scores.latest:g} on "
             f"{scores.latest_at:%Y-%m-%d}; trend {trend}",
             f"共 {scores.count} 份回答；最近一次 {scores.latest:g} 分（"
             f"{scores.latest_at:%Y-%m-%d}）；趋势 {trend}"))
    for r in rows:
        nps = "" if r.nps is None else f"  NPS {r.nps}"
        out(f"  {r.answered_at:%Y-%m-%d}  {r.template} v{r.version}  {r.score:g}{nps}")
    return EXIT_OK


def _texts(args) -> int:
    from app.services.surveys import monthly

    with open_db(args) as vault, vault.sessions() as session:
        texts = monthly.texts_of_month(session, args.month)
    if args.json:
        out(json.dumps([{"answered_at": t.answered_at.isoformat(sep=" "),
                         "customer": t.customer_code, "template": t.template,
                         "question": t.question, "text": t.text} for t in texts],
                       ensure_ascii=False))
        return EXIT_OK
    if not texts:
        out(pick("No free-text answers this month.", "本月没有文字回答。"))
    for t in texts:
        out(f"{t.answered_at:%Y-%m-%d}  {t.customer_code}  {t.template}  {t.question}")
        out(f"    {t.text}")
    return EXIT_OK


def _satisfaction(args) -> int:
    from app.services.surveys import legacy, monthly

    with open_db(args) as vault, vault.sessions.begin() as session:
        legacy.sync(session)
        figures = monthly.monthly(session, month=args.month, months=args.months, by=args.by)
    if args.json:
        out(json.dumps([f.to_json() for f in figures], ensure_ascii=False))
        return EXIT_OK
    for f in figures:
        who = f"  {f.group or pick('(none)', '（未填）')}" if f.by and f.responses else ""
        if not f.responses:
            out(pick(f"{f.month}: no survey responses this month (target {f.target:g}).",
                     f"{f.month}：本月没有问卷回答（目标 {f.target:g} 分）。"))
            continue
        verdict = pick("meets the target" if f.meets_target else "below the target",
                       "达标" if f.meets_target else "未达标")
        nps = "—" if f.nps is None else f"{f.nps:+g}"
        out(pick(f"{f.month}{who}: {f.score:g} of target {f.target:g} ({verdict}); "
                 f"{f.responses} response(s), {f.share_at_target:.0%} at target; NPS {nps}",
                 f"{f.month}{who}：{f.score:g} 分，目标 {f.target:g} 分（{verdict}）；"
                 f"{f.responses} 份回答，{f.share_at_target:.0%} 达到目标；NPS {nps}"))
    return EXIT_OK


def add_survey_commands(sub, common) -> None:
    p = sub.add_parser("survey", parents=[common],
                       help="satisfaction questionnaires: templates, record, import")
    what = p.add_subparsers(dest="survey_command", required=True, metavar="ACTION")
    t = what.add_parser("templates", parents=[common], help="the questionnaires")
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=_templates)
    r = what.add_parser("record", parents=[common], help="record one response")
    r.add_argument("customer", metavar="CUSTOMER", help="code (KH000123), id or uid")
    r.add_argument("--template", required=True, metavar="NAME")
    r.add_argument("--version", type=positive_int, metavar="N",
                   help="that version of the questionnaire (default: the current one)")
    r.add_argument("--answers", required=True, metavar="JSON",
                   help='question id → answer, e.g. {"q1": 5, "q3": "已解决"}')
    r.add_argument("--at", metavar="DATE", help="when it was answered (default: now)")
    r.add_argument("--staff", metavar="NAME", help="who asked")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=_record)
    i = what.add_parser("import", parents=[common], help="import a sheet of survey results")
    i.add_argument("file", metavar="FILE")
    i.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    i.add_argument("--json", action="store_true")
    i.set_defaults(func=_import)
    w = what.add_parser("show", parents=[common], help="a customer's survey responses")
    w.add_argument("customer", metavar="CUSTOMER", help="code (KH000123), id or uid")
    w.add_argument("--json", action="store_true")
    w.set_defaults(func=_show)
    x = what.add_parser("texts", parents=[common], help="the month's free-text answers")
    x.add_argument("--month", metavar="YYYY-MM", help="the month (default: this month)")
    x.add_argument("--json", action="store_true")
    x.set_defaults(func=_texts)
    s = sub.add_parser("satisfaction", parents=[common],
                       help="the month's satisfaction score (0–100) against the target")
    s.add_argument("--month", metavar="YYYY-MM", help="the month (default: this month)")
    s.add_argument("--months", type=positive_int, default=1, metavar="N",
                   help="N months ending with --month (default 1)")
    s.add_argument("--by", choices=("owner", "branch", "template"))
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=_satisfaction)
