"""CLI commands for team mode (a shared PostgreSQL):

    team init --db postgresql://…          schema, roles, row-level security (idempotent)
    team add-user NAME --role R [--branch B] --db postgresql://…
                                            password from KEHU_NEW_PASSWORD, else asked
    team users [--json] --db postgresql://…
    team import-file BRANCH.db [--branch B] [--json] --db postgresql://…
                                            the branch file's password from KEHU_PASSWORD

The server's own password comes from libpq (PGPASSWORD, ~/.pgpass), never the address.
"""

from __future__ import annotations

import json

from app.cli.common import action_of, new_password, out, with_server_password
from app.errors import EXIT_OK, InvalidInput
from app.i18n import pick


def _engine(args):
    from app.store.server import is_server_url, make_server_engine
    from app.store.team_store import login_of

    if not is_server_url(getattr(args, "db", None)):
        raise InvalidInput(
            "Team commands need the team database: --db postgresql://USER@HOST/DATABASE.",
            "团队命令需要团队数据库：--db postgresql://用户@主机/数据库。")
    who = {"action": action_of(args)}  # named when the server refuses an action
    engine = with_server_password(
        args.db, lambda password: make_server_engine(args.db, password=password, who=who))
    who.update(login_of(engine))
    return engine


def _init(args) -> int:
    from app.services.team import roles
    from app.store.server import describe

    engine = _engine(args)
    try:
        roles.init(engine)
    finally:
        engine.dispose()
    groups = ", ".join(roles.group_role(r) for r in roles.ROLES)
    out(pick(f"Team database ready: {describe(args.db)} (schema at head, roles {groups}, "
             "row-level security on customers and their records).",
             f"团队数据库已就绪：{describe(args.db)}（结构为最新，角色 {groups}，"
             "客户及其记录已启用行级安全）。"))
    return EXIT_OK


def _add_user(args) -> int:
    from app.services.team import roles

    password = new_password("KEHU_NEW_PASSWORD")
    engine = _engine(args)
    try:
        roles.add_user(engine, args.name, args.role, args.branch, password)
    finally:
        engine.dispose()
    where = f" ({args.branch})" if args.branch else ""
    out(pick(f"User {args.name}: {args.role}{where}.", f"用户 {args.name}：{args.role}{where}。"))
    return EXIT_OK


def _users(args) -> int:
    from app.services.team import roles

    engine = _engine(args)
    try:
        rows = roles.users(engine)
    finally:
        engine.dispose()
    if args.json:
        out(json.dumps([u.to_json() for u in rows], ensure_ascii=False))
        return EXIT_OK
    if not rows:
        out(pick("No team users yet (kehu team add-user).", "尚无团队用户（kehu team add-user）。"))
    for u in rows:
        login = "" if u.can_login else pick("  (cannot log in)", "  （无法登录）")
        out(f"{u.name}  {u.role}  {u.branch or '—'}{login}")
    return EXIT_OK


def _import_file(args) -> int:
    from pathlib import Path

    from app.cli.common import unlock
    from app.services.team.import_file import import_file
    from app.store.server import describe
    from app.store.team_store import TeamStore

    if not _is_server(args):
        _engine(args)  # says what --db must be
    vault = unlock(Path(args.file).expanduser())
    try:
        store = TeamStore.open(args.db)
        try:
            result = import_file(vault.sessions, store.sessions, branch=args.branch)
        finally:
            store.lock()
    finally:
        vault.lock(optimize=False)
    if args.json:
        out(json.dumps(result.to_json(), ensure_ascii=False, default=str))
        return EXIT_OK
    r = result
    out(pick(f"{args.file} → {describe(args.db)}: {r.customers_in_file} customers in the file; "
             f"{r.customers_added} added, {r.customers_unchanged} unchanged, "
             f"{r.customers_conflicting} with conflicts (kept as on the server), "
             f"{r.customers_skipped} not imported (code in use).",
             f"{args.file} → {describe(args.db)}：文件中有 {r.customers_in_file} 位客户；"
             f"新增 {r.customers_added}，未变 {r.customers_unchanged}，"
             f"有冲突 {r.customers_conflicting}（保留服务器上的内容），"
             f"未导入 {r.customers_skipped}（编号已被占用）。"))
    out(pick(f"Records: {r.added_records} added, {r.unchanged_records} already there.",
             f"记录：新增 {r.added_records}，已存在 {r.unchanged_records}。"))
    for name in sorted(r.records_added):
        out(f"  {name}: +{r.records_added[name]}, ={r.records_unchanged.get(name, 0)}")
    if r.not_moved:
        left = ", ".join(f"{k} {v}" for k, v in sorted(r.not_moved.items()))
        out(pick(f"Not moved (the server computes or keeps its own): {left}.",
                 f"未迁移（由服务器自行计算或保存）：{left}。"))
    if r.conflicts:
        out(pick(f"Conflicts ({len(r.conflicts)}), the server's value kept:",
                 f"冲突（{len(r.conflicts)}），保留服务器上的值："))
        for c in r.conflicts:
            out(pick(f"  {c.code} {c.name}: {c.field}: file {c.file_value!r}, "
                     f"server {c.server_value!r}",
                     f"  {c.code} {c.name}：{c.field}：文件 {c.file_value!r}，"
                     f"服务器 {c.server_value!r}"))
    return EXIT_OK


def _is_server(args) -> bool:
    from app.store.server import is_server_url

    return is_server_url(getattr(args, "db", None))


def add_team_commands(sub, common) -> None:
    from app.services.team.roles import ROLES

    p = sub.add_parser("team", help="team mode on a shared PostgreSQL (init, users)")
    team = p.add_subparsers(dest="team_command", required=True, metavar="ACTION")
    q = team.add_parser("init", parents=[common],
                        help="create the schema, roles and row-level security (idempotent)")
    q.set_defaults(func=_init)
    q = team.add_parser("add-user", parents=[common],
                        help="a login for a person (password from KEHU_NEW_PASSWORD)")
    q.add_argument("name")
    q.add_argument("--role", required=True, choices=ROLES)
    q.add_argument("--branch", help="the branch a clerk or manager works for")
    q.set_defaults(func=_add_user)
    q = team.add_parser("users", parents=[common], help="the team's users, roles and branches")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=_users)
    q = team.add_parser("import-file", parents=[common],
                        help="move a branch's encrypted file into the team database by uid "
                             "(one way, idempotent; conflicts listed, never overwritten)")
    q.add_argument("file", metavar="BRANCH.db")
    q.add_argument("--branch", help="the branch of the file's customers that have none")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=_import_file)
