"""Parse a workbook in a child process, so that no reader can take the caller down.

python-calamine is Rust: a malformed file can make it panic (caught as PanicException),
but also abort on a failed allocation or die by a signal, which no `except` survives. The
GUI holds unsaved work, so it parses here: a "spawn" child (never fork a Qt process) runs
reader.open_in_process — the same checks and readers as the CLI — and hands back plain
rows in chunks over a pipe, pulled as the importer needs them, one chunk read ahead while
the parent plans the last. A child that dies becomes "the reader stopped (signal N)"; a
child silent for Limits.reader_timeout_s is stopped and reported; its address space is
capped (Limits.reader_memory), so an absurd allocation fails fast inside the child.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

from app.services.imports.file_error import ImportFileError, as_file_error, unreadable
from app.services.imports.reader import Limits, Workbook, open_in_process

FIRST_CHUNK = 64  # enough for the header search and the preview
CHUNK = 2048


def open_in_child(path: Path, limits: Limits) -> Workbook:
    child = ChildReader(path, limits)
    return Workbook(path, child.sha256, child.sheet_names, limits, child, child.uncached)


class ChildReader:
    """A Workbook source whose parser runs in its own process."""

    def __init__(self, path: Path, limits: Limits):
        self.path, self._timeout = path, limits.reader_timeout_s
        # the child's stderr: what Rust prints before an abort names the cause
        fd, self._log = tempfile.mkstemp(prefix="kehu-reader-", suffix=".log")
        os.close(fd)
        context = multiprocessing.get_context("spawn")
        self._conn, child_end = context.Pipe()
        self._process = context.Process(target=serve,
                                        args=(child_end, str(path), limits, self._log),
                                        name="kehu-import-reader", daemon=True)
        self._process.start()
        child_end.close()  # the child's end lives in the child only: its death reads as EOF
        self._ids = itertools.count()
        self._closed = False
        try:
            reply = self._receive()
            if reply[0] == "error":
                raise reply[1]
        except BaseException:
            self.close()
            raise
        _, self.sha256, self.sheet_names, self.uncached = reply

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def _send(self, message: tuple) -> None:
        try:
            self._conn.send(message)
        except (OSError, EOFError, ValueError):
            raise self._stopped() from None

    def _receive(self) -> tuple:
        try:
            if not self._conn.poll(self._timeout):
                self._process.kill()
                self._process.join(5)
                raise unreadable(self.path, f"the reader did not answer for "
                                 f"{self._timeout:,.0f} s and was stopped",
                                 f"读取进程 {self._timeout:,.0f} 秒无响应，已被终止")
            return self._conn.recv()
        except (OSError, EOFError, ValueError):
            raise self._stopped() from None

    def _stopped(self) -> ImportFileError:
        self._process.join(5)
        code = self._process.exitcode
        said = self._last_words()
        said = f": {said}" if said else ""
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = "?"
            return unreadable(self.path, f"the reader stopped (signal {-code}, {name}){said}",
                              f"读取进程意外终止（信号 {-code}，{name}）{said}")
        return unreadable(self.path, f"the reader stopped (exit code {code}){said}",
                          f"读取进程意外终止（退出码 {code}）{said}")

    def _last_words(self) -> str:
        """The first line the child wrote to stderr (e.g. "memory allocation of … bytes
        failed"), short; backtraces after it are left out."""
        try:
            with open(self._log, "rb") as fh:
                text = fh.read(64 * 1024).decode("utf-8", "replace")
        except OSError:
            return ""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        first = next((line for line in lines if not line.startswith("thread ")), "")
        return first[:160]

    def rows(self, sheet: str) -> Iterator[list]:
        ident = next(self._ids)
        self._send(("rows", ident, sheet))
        done = False
        try:
            while not done:
                self._send(("next", ident))
                reply = self._receive()
                if reply[0] == "error":
                    done = True
                    raise reply[1]
                _, chunk, done = reply
                yield from chunk
        finally:
            # stopped early (the header search) or closed by a cancelled dry run: the
            # child drops the stream; after close() there is nobody left to tell
            if not done and not self._closed:
                with contextlib.suppress(OSError, ValueError):
                    self._conn.send(("drop", ident))

    def row_count(self, sheet: str) -> int:
        self._send(("count", sheet))
        reply = self._receive()
        if reply[0] == "error":
            raise reply[1]
        return reply[1]

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._process.is_alive():
            with contextlib.suppress(OSError, ValueError):
                self._conn.send(("close",))
            self._process.join(5)
            if self._process.is_alive():
                self._process.kill()
                self._process.join(5)
        self._conn.close()
        self._process.close()
        with contextlib.suppress(OSError):
            os.unlink(self._log)


# --- in the child -------------------------------------------------------------------------
def _cap_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no address-space limit
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or soft > limit:
        with contextlib.suppress(ValueError, OSError):  # macOS may refuse RLIMIT_AS
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _take(rows: Iterator[list], count: int) -> tuple[list[list], bool]:
    chunk = list(itertools.islice(rows, count))
    return chunk, len(chunk) < count


def serve(conn, path_text: str, limits: Limits, log: str | None = None) -> None:
    """The child's loop: open, then answer rows/next/drop/count/close until told to stop
    or the parent goes away."""
    path = Path(path_text)
    if log is not None:
        os.dup2(os.open(log, os.O_WRONLY | os.O_APPEND), 2)
    _cap_memory(limits.reader_memory)
    try:
        book = open_in_process(path, limits, quiet=False)
    except BaseException as exc:
        conn.send(("error", _error(path, exc)))
        return
    conn.send(("opened", book.sha256, book.sheet_names, book.uncached_formulas))
    streams: dict[int, Iterator[list]] = {}
    ahead: dict[int, tuple] = {}  # the next reply of a stream, read while the parent works
    try:
        while True:
            try:
                request = conn.recv()
            except (EOFError, OSError):
                return
            op = request[0]
            if op == "close":
                return
            if op == "rows":
                streams[request[1]] = book.rows(request[2])
            elif op == "drop":
                ahead.pop(request[1], None)
                stream = streams.pop(request[1], None)
                if stream is not None:
                    stream.close()
            elif op == "count":
                try:
                    conn.send(("count", book.row_count_hint(request[1])))
                except BaseException as exc:
                    conn.send(("error", _error(path, exc)))
            elif op == "next":
                ident = request[1]
                reply = ahead.pop(ident, None) or _next_reply(path, streams, ident,
                                                               FIRST_CHUNK)
                conn.send(reply)
                if reply[0] == "rows" and not reply[2]:
                    ahead[ident] = _next_reply(path, streams, ident, CHUNK)
    except OSError:  # the parent went away mid-reply: nobody is left to tell
        return
    finally:
        book.close()


def _next_reply(path: Path, streams: dict, ident: int, count: int) -> tuple:
    try:
        chunk, done = _take(streams[ident], count)
    except BaseException as exc:
        return ("error", _error(path, exc))
    return ("rows", chunk, done)


def _error(path: Path, exc: BaseException) -> ImportFileError:
    error = as_file_error(path, exc)
    if error is None:  # KeyboardInterrupt and the like: still no traceback in the parent
        error = unreadable(path, f"the reader was interrupted ({type(exc).__name__})",
                           f"读取被中断（{type(exc).__name__}）")
    return error
