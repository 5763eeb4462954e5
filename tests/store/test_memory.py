"""Memory given back once work is done (issue 22, GUI memory): the page caches of the
connections resting in the pool are emptied, never one in use and never by opening a
new connection; freed heap goes back to the system where glibc can do it."""

from __future__ import annotations

import sys
import threading

from sqlalchemy import event

from app import workers
from app.store.memory import _libc, release_idle_caches, return_freed_memory


def _traced(engine):
    """Statements run on each DB-API connection, keyed by connection; and connects."""
    seen: dict[int, list[str]] = {}
    connects: list[int] = []

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        connects.append(id(dbapi_conn))
        dbapi_conn.set_trace_callback(seen.setdefault(id(dbapi_conn), []).append)

    engine.dispose()  # the connections made before the listener: gone
    return seen, connects


def _shrinks(seen) -> dict[int, int]:
    return {k: sum("shrink_memory" in s for s in v) for k, v in seen.items()}


def test_idle_connections_are_shrunk_and_the_busy_one_is_not(vault):
    engine = vault.engine
    seen, connects = _traced(engine)
    a, b, busy = engine.connect(), engine.connect(), engine.connect()
    for conn in (a, b, busy):  # each reads the table, filling its own cache
        conn.exec_driver_sql("SELECT count(*) FROM customer").scalar()
    busy_id = id(busy.connection.dbapi_connection)
    a.close()
    b.close()
    assert release_idle_caches(engine) == 2
    shrinks = _shrinks(seen)
    assert shrinks[busy_id] == 0
    assert sorted(v for k, v in shrinks.items() if k != busy_id) == [1, 1]
    assert len(connects) == 3  # none opened for the purpose
    busy.exec_driver_sql("SELECT 1").scalar()  # the busy one is still usable
    busy.close()
    idle = engine.pool.checkedin()  # the pool keeps pool_size; an overflow one is closed
    assert idle >= 2 and release_idle_caches(engine) == idle


def test_nothing_to_shrink_on_a_fresh_pool_opens_nothing(vault):
    engine = vault.engine
    seen, connects = _traced(engine)
    assert release_idle_caches(engine) == 0
    assert connects == [] and seen == {}


def test_freed_heap_goes_back_on_glibc():
    assert isinstance(return_freed_memory(), bool)
    if sys.platform.startswith("linux"):
        assert _libc() is not None  # glibc: malloc_trim is there


def test_tidy_runs_once_the_last_task_is_done_and_never_during_one(vault, qtbot):
    from app.views.shell.app_context import AppContext
    from app.views.shell.memory_tidy import MemoryTidy

    ctx = AppContext(vault)
    tidy = MemoryTidy(ctx, quiet_ms=50, growth_mib=0)
    gate = threading.Event()
    task = workers.run_task(gate.wait, 10)
    assert workers.busy()
    assert tidy.tidy() is False and tidy.tidied == 0  # a task in flight: not now
    with qtbot.waitSignal(task.signals.done, timeout=5000):
        gate.set()
    qtbot.waitUntil(lambda: tidy.tidied == 1, timeout=3000)
    assert not workers.busy()


def test_a_process_that_has_not_grown_keeps_its_warm_caches(vault, qtbot):
    """The change watcher polls every few seconds: each poll ends the last task in
    flight, and emptying the caches after every one of them would leave them cold."""
    from app.views.shell.app_context import AppContext
    from app.views.shell.memory_tidy import MemoryTidy

    tidy = MemoryTidy(AppContext(vault), quiet_ms=10, growth_mib=1024)
    assert tidy.tidy() is False and tidy.tidied == 0
    eager = MemoryTidy(AppContext(vault), quiet_ms=10, growth_mib=0)
    assert eager.tidy() is True and eager.tidied == 1
