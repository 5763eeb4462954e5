"""The unlocked customer file: key header + encrypted database.

create → new file and its recovery key; open_with_password / open_with_recovery_key
→ put right what a killed process left (an interrupted restore, stray temp files), verify
the slot tag, then verify the file read-only, then open and migrate.
check() → every page's HMAC; damage found by it (or by any query) trips the engine's latch,
after which nothing is written to the file in this session: no row, no key file, no backup.
lock() drops the engine and the data key.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import DamagedFile, TargetExists
from app.security.key_header import SLOT_PASSWORD, KeyHeader
from app.store import engine as db
from app.store import private_tmp, write_guard
from app.store.atomic import create_private, make_private
from app.store.faults import classify, told_truly
from app.store.paths import key_header_path
from app.store.tidy import tidy_beside


class Vault:
    def __init__(self, db_path: Path, header: KeyHeader, data_key: bytes, engine: Engine):
        self.db_path = Path(db_path)
        self.header = header
        self._data_key: bytearray | None = bytearray(data_key)
        self.engine: Engine | None = engine
        self.sessions: sessionmaker[Session] = db.session_factory(engine)
        self.last_migration_backup: Path | None = None

    # --- opening -----------------------------------------------------------------
    @classmethod
    def create(cls, db_path: Path | str, password: str) -> tuple[Vault, str]:
        """Create a new encrypted file. Returns (vault, recovery key to show once)."""
        db_path = Path(db_path)
        header_path = key_header_path(db_path)
        for path in (db_path, header_path):
            if path.exists():
                raise TargetExists(
                    f"{path} already exists; Kehu will not overwrite a customer file.",
                    f"{path} 已存在，不会覆盖已有的客户档案。",
                )
        db_path.parent.mkdir(parents=True, exist_ok=True)
        header, data_key, recovery_text = KeyHeader.create(password)
        engine = None
        try:
            create_private(db_path)  # mode 600; SQLite gives -wal/-shm the same
            engine = db.make_encrypted_engine(db_path, data_key)
            db.upgrade(engine)
            db.checkpoint(engine)
            header.save(header_path)
        except BaseException:
            if engine is not None:
                db.forget_key(engine)
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{db_path}{suffix}")
            raise
        return cls(db_path, header, data_key, engine), recovery_text

    @classmethod
    def open_with_key(cls, db_path: Path | str, header: KeyHeader, data_key: bytes,
                      **kw) -> Vault:
        """Open with a data key already unwrapped from `header` (by the caller)."""
        return cls._open(Path(db_path), header, data_key, **kw)

    @classmethod
    def load_header(cls, db_path: Path | str) -> KeyHeader:
        """The file's key header, after putting right what a killed process left beside
        the file (an interrupted restore is completed or undone first: the header read
        must be the one that belongs to the database)."""
        tidy_beside(db_path)
        return KeyHeader.load(key_header_path(db_path))

    @classmethod
    def open_with_password(cls, db_path: Path | str, password: str, **kw) -> Vault:
        header = cls.load_header(db_path)
        return cls._open(Path(db_path), header, header.unlock_with_password(password), **kw)

    @classmethod
    def open_with_recovery_key(cls, db_path: Path | str, recovery_text: str, **kw) -> Vault:
        header = cls.load_header(db_path)
        data_key = header.unlock_with_recovery_key(recovery_text)
        return cls._open(Path(db_path), header, data_key, **kw)

    @classmethod
    def _open(cls, db_path: Path, header: KeyHeader, data_key: bytes, *,
              migrate: bool = True, backups_to_keep: int = 10) -> Vault:
        if not db_path.is_file():
            raise DamagedFile(
                f"The customer file {db_path} is missing (its key file is there).",
                f"客户档案 {db_path} 不存在（密钥文件还在）。",
            )
        for path in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm"),
                     key_header_path(db_path)):
            make_private(path)  # files made by older versions: mode 600 like new ones
        db.verify_encrypted_file(db_path, data_key)
        private_tmp.cleanup_stale(db_path)  # what a crashed export/report left
        engine = db.make_encrypted_engine(db_path, data_key)
        vault = cls(db_path, header, data_key, engine)
        if migrate:
            from app.store.backups import take_backup

            def backup(reason: str) -> Path:
                return take_backup(engine, data_key, db_path, reason, keep=backups_to_keep)

            try:
                vault.last_migration_backup = db.upgrade_if_needed(engine, db_path, backup)
                if vault.last_migration_backup is not None:
                    db.checkpoint(engine)
            except DBAPIError as exc:
                vault.lock(optimize=False)
                typed = classify(exc, db_path)
                raise (typed or db.damaged_database(db_path, str(exc.orig))) from None
            except BaseException:
                vault.lock(optimize=False)
                raise
        return vault

    # --- while open --------------------------------------------------------------
    @property
    def data_key(self) -> bytes:
        if self._data_key is None:
            raise RuntimeError("the customer file is locked")
        return bytes(self._data_key)

    @property
    def is_locked(self) -> bool:
        return self._data_key is None

    @property
    def damaged(self) -> DamagedFile | None:
        """The damage found in this session (nothing is written to the file then)."""
        latch = write_guard.latch_of(self.engine) if self.engine is not None else None
        return latch.damage if latch is not None else None

    def check(self) -> int:
        """Verify the HMAC of every page of the file (read-only; ≈ 2.3 s for the 726 MiB
        file of 100k customers and 1M purchases, `make bench`). Raises DamagedFile naming
        the first bad page and trips the latch. Returns the number of pages checked.

        Damage a query met first ("malformed", no page named) does not skip the check:
        it is read-only, and the page it names is what the user is told."""
        from app.store.integrity import check_engine

        if self.engine is None:
            raise RuntimeError("the customer file is locked")
        earlier = self.damaged
        pages = check_engine(self.engine, self.db_path)
        if earlier is not None:
            raise earlier  # the pages are whole; the damage is in the b-trees
        return pages

    def _refuse_if_damaged(self) -> None:
        if self.damaged is not None:
            raise self.damaged

    def check_password(self, password: str) -> None:
        """Raise WrongPassword unless `password` opens this file's password slot."""
        self.header.unlock_with_password(password)

    def change_password(self, new_password: str) -> None:
        """Rewrap the data key under a new password; the database is not rewritten.
        The new header replaces the old one only once it is safely on disk."""
        self._refuse_if_damaged()  # a damaged file's key file is left as it is
        updated = KeyHeader.from_bytes(self.header.to_bytes())
        updated.set_slot(SLOT_PASSWORD, _pw(new_password), self.data_key)
        header_path = key_header_path(self.db_path)
        with told_truly(header_path):  # a full disk is said as such; the old header stays
            updated.save(header_path)
        self.header = updated

    def backup(self, reason: str = "manual", *, directory: Path | None = None,
               keep: int = 10) -> Path:
        from app.store.backups import take_backup

        assert self.engine is not None
        return take_backup(self.engine, self.data_key, self.db_path, reason,
                           directory=directory, keep=keep)

    def retake_backups(self, reason: str = "retake") -> tuple[Path, int]:
        """One fresh backup in place of every earlier one (app.store.backups.retake)."""
        from app.store.backups import retake

        assert self.engine is not None
        return retake(self.engine, self.data_key, self.db_path, reason)

    def lock(self, *, optimize: bool = True) -> None:
        """Close every connection and forget the data key (best effort in Python)."""
        if self.engine is not None:
            if optimize:
                db.optimize_on_close(self.engine)
            db.forget_key(self.engine)
            self.engine = None
            self.sessions.configure(bind=None)  # a stale session cannot reconnect
        if self._data_key is not None:
            for i in range(len(self._data_key)):
                self._data_key[i] = 0
            self._data_key = None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc) -> None:
        self.lock()


def _pw(password: str) -> bytes:
    from app.security.kdf import password_bytes

    return password_bytes(password)
