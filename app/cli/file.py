"""CLI commands on the file itself: init, stats, check, passwd, backup, restore."""

from __future__ import annotations

import json
from pathlib import Path

from app.cli.common import db_file, err, new_password, open_db, out, unlock
from app.errors import EXIT_OK, InvalidInput
from app.i18n import pick


def cmd_init(args) -> int:
    from app.security.vault import Vault

    db_path = db_file(args)
    password = new_password("KEHU_PASSWORD")
    vault, recovery = Vault.create(db_path, password)
    vault.lock()
    out(pick(f"Created the encrypted customer file {db_path}",
             f"已创建加密客户档案 {db_path}"))
    out(f"recovery key: {recovery}")
    err(pick("Write the recovery key down and keep it safe: it is shown only this once and "
             "is the only way in if the password is lost.",
             "请抄写并妥善保管恢复密钥：它只显示这一次，忘记密码时只能靠它打开档案。"))
    return EXIT_OK


def cmd_stats(args) -> int:
    from app.services.stats import table_counts

    with open_db(args) as vault, vault.sessions() as session:
        counts = table_counts(session)
    if args.json:
        out(json.dumps(counts, ensure_ascii=False))
    else:
        for key, value in counts.items():
            out(f"{key:20} {value:>10}")
    return EXIT_OK


def cmd_check(args) -> int:
    """Every page's HMAC and every b-tree, read-only (no migration, not a byte written)."""
    from app.cli.common import data_key_from
    from app.security.vault import Vault
    from app.store.engine import verify_encrypted_file
    from app.store.integrity import check_file

    db_path = db_file(args)
    header = Vault.load_header(db_path)
    data_key = data_key_from(header)
    verify_encrypted_file(db_path, data_key)
    pages = check_file(db_path, data_key, thorough=True if args.full else None)
    out(pick(f"ok: {db_path} is whole ({pages} pages: every page's HMAC and every b-tree "
             "checked)",
             f"正常：{db_path} 完好（{pages} 页：已校验每页的 HMAC 和每棵 B 树）"))
    return EXIT_OK


def cmd_passwd(args) -> int:
    from app.services import audit

    with unlock(db_file(args)) as vault:
        password = new_password("KEHU_NEW_PASSWORD")
        vault.change_password(password)
        with vault.sessions.begin() as session:
            audit.record(session, "password_change", "file", vault.db_path.name,
                         {"path": str(vault.db_path)})
    out(pick("Password changed. The recovery key is unchanged.",
             "密码已修改。恢复密钥不变。"))
    return EXIT_OK


def cmd_backup(args) -> int:
    if args.retake and args.to:
        raise InvalidInput("--retake replaces the backups beside the file; it takes no --to.",
                           "--retake 替换档案旁的备份，不能与 --to 同用。")
    with unlock(db_file(args)) as vault:
        if args.retake:  # e.g. after an erasure: no backup still holds the person
            path, removed = vault.retake_backups("retake")
            err(pick(f"{removed} earlier backup(s) replaced by this one.",
                     f"之前的 {removed} 份备份已由这份新备份替换。"))
        elif args.to:
            path = vault.backup("manual", directory=Path(args.to).expanduser(), keep=0)
        else:
            path = vault.backup("manual")
    out(str(path))
    err(pick("The backup was checked page by page and is whole.",
             "备份已逐页校验，完好无损。"))
    return EXIT_OK


def cmd_restore(args) -> int:
    from app.cli.common import data_key_from, db_file, is_team
    from app.security.key_header import KeyHeader
    from app.store import backups
    from app.store.paths import key_header_path

    if is_team(args):  # `--db postgresql://…`: not this (a server is pg_restore'd); said
        db_file(args)
    backup = Path(args.backup).expanduser()
    data_key = data_key_from(KeyHeader.load(key_header_path(backup)),
                             ("Password of the backup", "备份的密码"))
    target = Path(args.to).expanduser()
    backups.restore(backup, target, data_key, overwrite=args.overwrite)
    out(pick(f"Restored {backup.name} to {target}", f"已将 {backup.name} 恢复到 {target}"))
    return EXIT_OK


def add_file_commands(sub, common) -> None:
    p = sub.add_parser("init", parents=[common], help="create a new encrypted customer file")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("stats", parents=[common], help="counts per table")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("check", parents=[common],
                       help="check every page and b-tree of the file (read-only); exit 4 "
                            "if it is damaged")
    p.add_argument("--full", action="store_true",
                   help="also match every index with its table (integrity_check)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("passwd", parents=[common],
                       help="set a new password (from KEHU_NEW_PASSWORD, else asked)")
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser("backup", parents=[common], help="take an encrypted snapshot")
    p.add_argument("--to", metavar="DIR", help="directory (default: backups/ beside the file)")
    p.add_argument("--retake", action="store_true",
                   help="replace every backup beside the file with this fresh one (after "
                        "an erasure: no backup still holds the person)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", parents=[common],
                       help="check a snapshot, then put it and its key file in place as a pair")
    p.add_argument("backup", metavar="BACKUP")
    p.add_argument("--to", required=True, metavar="FILE")
    p.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_restore)
