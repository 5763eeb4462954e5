"""Giving memory back once work is done.

A big read (the dashboard's series, the segments, a scroll through 100k customers)
leaves two things behind in the process: SQLite's page caches, up to the soft heap limit
across the pool's connections, and heap that Python and SQLite have freed but glibc keeps
mapped. Neither is needed while the user reads the result; both are what made the app
stay near 480 MiB after a tour of the 100k file (issue 22). `release_idle_caches` empties
the page cache of every connection resting in the pool (PRAGMA shrink_memory; the next
query reads its pages again, decrypting them), `return_freed_memory` hands freed heap
back to the system (glibc's malloc_trim; nothing elsewhere).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools

from sqlalchemy import Engine


def release_idle_caches(engine: Engine) -> int:
    """Shrink the page cache of each SQLite connection idle in the engine's pool, never
    one in use and never by opening a new one; returns how many were shrunk. Other
    engines (PostgreSQL keeps its cache in the server) are left alone."""
    if engine.dialect.name != "sqlite":
        return 0
    pool = engine.pool
    taken = []
    try:
        # Hold each idle connection while it is shrunk, so that no worker gets it then.
        while len(taken) < 64 and _idle(pool) > 0:
            taken.append(pool.connect())
        for fairy in taken:
            cursor = fairy.dbapi_connection.cursor()
            try:
                cursor.execute("PRAGMA shrink_memory")
            finally:
                cursor.close()
    finally:
        for fairy in taken:
            with contextlib.suppress(Exception):
                fairy.close()
    return len(taken)


def _idle(pool) -> int:
    checkedin = getattr(pool, "checkedin", None)
    return int(checkedin()) if callable(checkedin) else 0


@functools.cache
def _libc():
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim  # noqa: B018 - glibc only; musl and others have none
    except (OSError, AttributeError):
        return None
    return libc


def resident_mib() -> float | None:
    """This process's resident memory now (Linux: /proc/self/statm), else None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def return_freed_memory() -> bool:
    """malloc_trim(0) where the C library has it; True if it gave memory back."""
    libc = _libc()
    if libc is None:
        return False
    return bool(libc.malloc_trim(0))
