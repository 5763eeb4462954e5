"""Private scratch space beside the customer file, so that nothing readable is ever
left where anyone can find it — not even after a crash.

Writing an .xlsx spools each sheet through temp files (openpyxl puts them in the
system temp folder, 19–34 MB of names, phones and ID numbers for a big export), and a
target is written as a temp file beside it and then renamed. Here:

- every operation (one export, one report, one .ics…) gets its own workspace,
  `.kehu-tmp/op-XXXX/` beside the customer file (folders mode 700, files mode 600),
  holding its spool files; an open lock file in it says the operation is alive;
- the temp file of a target is written beside the target (so the final rename is
  atomic on the target's own disk) under a name listed first in the workspace's
  journal, fsynced, so that a crash leaves a record of it;
- leaving the workspace, however it is left (success, exception, cancel), removes
  its spool files, its half-written target and the workspace itself;
- `cleanup_stale(db_path)`, called whenever the customer file is opened, removes the
  workspaces whose operation is dead (lock free: killed process, power cut) and the
  half-written targets their journals name. Live ones (another window exporting
  from the same file right now) hold their lock and are left alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

from app.store.atomic import _fsync_dir

TMP_DIR_NAME = ".kehu-tmp"
WORKSPACE_PREFIX = "op-"
NEW_PREFIX = "new-"  # a workspace being made (not yet locked)
LOCK_NAME = "lock"
JOURNAL_NAME = "targets"
# The temp name of a target: .NAME.<16 hex>.tmp beside it (nothing else is ever removed).
_TARGET_TEMP = re.compile(r"^\..+\.[0-9a-f]{16}\.tmp$")


def root_for(db_path: Path | str) -> Path:
    """The private folder of a customer file: `.kehu-tmp` in the file's folder."""
    return Path(db_path).parent / TMP_DIR_NAME


def _private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)  # mkdir's mode is cut by the umask, and an old folder kept its
    return path


def _lock(fh) -> bool:
    """Take the lock of a workspace without waiting; False if a live operation has it."""
    try:
        if os.name == "posix":
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _create_private_file(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


class Workspace:
    """One operation's private folder; use through `workspace()`."""

    def __init__(self, root: Path):
        _private_dir(root)
        # Made under another name and renamed once locked: a cleaner never sees an
        # op- folder without its lock held (flock stays with the file, not its name).
        new = Path(_mkdtemp(root, NEW_PREFIX))
        self._lock_fh = open(new / LOCK_NAME, "wb")  # noqa: SIM115 - held until close
        _lock(self._lock_fh)
        self.dir = root / (WORKSPACE_PREFIX + new.name[len(NEW_PREFIX):])
        os.rename(new, self.dir)
        self._targets: list[Path] = []
        self._closers: list = []

    def add_closer(self, close) -> None:
        """Call `close()` before the workspace goes (e.g. to close open spool writers)."""
        self._closers.append(close)

    def new_file(self, suffix: str = "") -> Path:
        """A new empty file (mode 600) in the workspace, for a spool."""
        path = self.dir / f"spool-{secrets.token_hex(8)}{suffix}"
        _create_private_file(path)
        return path

    @contextlib.contextmanager
    def target(self, path: Path | str) -> Iterator[Path]:
        """Yield a temp path beside `path`; on success it replaces `path` (fsynced), on
        any failure it is removed and `path` is untouched. The temp name is journaled
        before the file exists, so a crash in between is cleaned up at the next open."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.parent / f".{path.name}.{secrets.token_hex(8)}.tmp"
        self._journal(tmp)
        try:
            _create_private_file(tmp)
            yield tmp
            _fsync_file(tmp)
            os.replace(tmp, path)
            _fsync_dir(path.parent)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise

    def _journal(self, tmp: Path) -> None:
        self._targets.append(tmp)
        with open(self.dir / JOURNAL_NAME, "a", encoding="utf-8") as fh:
            fh.write(os.fspath(tmp.absolute()) + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def close(self) -> None:
        for close in self._closers:
            with contextlib.suppress(Exception):
                close()
        for tmp in self._targets:  # a target left half-written by a failed rename
            with contextlib.suppress(OSError):
                tmp.unlink()
        with contextlib.suppress(OSError):
            self._lock_fh.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def _mkdtemp(root: Path, prefix: str) -> str:
    import tempfile

    return tempfile.mkdtemp(prefix=prefix, dir=root)  # mode 700


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


@contextlib.contextmanager
def workspace(db_path: Path | str) -> Iterator[Workspace]:
    """A private workspace beside the customer file for one operation; removed with
    everything in it when the block ends, whichever way."""
    space = Workspace(root_for(db_path))
    try:
        yield space
    finally:
        space.close()


def cleanup_stale(db_path: Path | str) -> int:
    """Remove what dead operations left (their workspaces and the half-written targets
    their journals name); return how many files were removed. Never raises: a
    customer file must open even where its folder cannot be tidied."""
    root = root_for(db_path)
    removed = 0
    try:
        entries = list(root.iterdir())
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.startswith((WORKSPACE_PREFIX, NEW_PREFIX)) or not entry.is_dir():
            continue
        try:
            removed += _clean_workspace(entry)
        except OSError:
            continue
    return removed


def _clean_workspace(folder: Path) -> int:
    lock_path = folder / LOCK_NAME
    fh = None
    if lock_path.exists():
        fh = open(lock_path, "rb+")  # noqa: SIM115 - closed below
        if not _lock(fh):
            fh.close()
            return 0  # its operation is alive
    elif folder.name.startswith(NEW_PREFIX):
        return 0  # being made this instant (one a crash left there is empty: no data)
    removed = 0
    try:
        journal = folder / JOURNAL_NAME
        if journal.exists():
            for line in journal.read_text(encoding="utf-8").splitlines():
                tmp = Path(line.strip())
                if line.strip() and _TARGET_TEMP.match(tmp.name) and tmp.is_file():
                    with contextlib.suppress(OSError):
                        tmp.unlink()
                        removed += 1
        removed += sum(1 for p in folder.iterdir()
                       if p.is_file() and p.name not in (LOCK_NAME, JOURNAL_NAME))
    finally:
        if fh is not None:
            fh.close()
    shutil.rmtree(folder, ignore_errors=True)
    return removed
