"""Unlock and open the customer file, then show the first page: what a user waits for.

Vault.open_with_password is timed as a whole, and within the same call its parts are
timed by wrapping the two steps in place (restored afterwards): the Argon2id slot
unwrap and SQLCipher's read-only verification. The rest is the keyed engine and its
first query (the schema-revision check), so the shares add up to the total.
The first page is timed on the vault that was just opened: SQLCipher's page cache is
empty (every page read is decrypted) while the OS file cache is warm, as after an
idle-lock and unlock.
"""

from __future__ import annotations

import contextlib
import gc

from app.security.key_header import KeyHeader
from app.security.vault import Vault
from app.services.customers.listing import count_customers, list_customers, page_ids
from app.store import engine as db
from bench.explain import plans
from bench.fixture import PASSWORD, Fixture
from bench.timing import log, median, timed


@contextlib.contextmanager
def _spy(owner, name: str, sink: list[float]):
    """Time every call of owner.name into `sink` (bench-only instrumentation)."""
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        ms, out = timed(lambda: original(*args, **kwargs))
        sink.append(ms)
        return out

    setattr(owner, name, wrapper)
    try:
        yield
    finally:
        setattr(owner, name, original)


def _first_page(session) -> list:
    return list_customers(session, order_by="name", limit=100)


def _open_once(fx: Fixture) -> tuple[dict, Vault]:
    kdf: list[float] = []
    verify: list[float] = []
    with _spy(KeyHeader, "unlock_with_password", kdf), \
            _spy(db, "verify_encrypted_file", verify):
        total, vault = timed(lambda: Vault.open_with_password(fx.db_path, PASSWORD))
    parts = {"total_ms": total, "kdf_ms": sum(kdf), "verify_ms": sum(verify)}
    parts["engine_ms"] = total - parts["kdf_ms"] - parts["verify_ms"]
    return parts, vault


def run(fx: Fixture, runs: int, warm_repeat: int) -> dict:
    samples: dict[str, list[float]] = {k: [] for k in (
        "total_ms", "kdf_ms", "verify_ms", "engine_ms", "page_cold_ms", "count_cold_ms",
        "page_warm_ms", "count_warm_ms")}
    rows = total = 0
    page_plan: list[dict] = []
    for i in range(runs):
        log(f"unlock/open run {i + 1}/{runs}")
        gc.collect()
        parts, vault = _open_once(fx)
        for key, ms in parts.items():
            samples[key].append(ms)
        try:
            with vault.sessions() as session:
                ms, page = timed(lambda s=session: _first_page(s))
                samples["page_cold_ms"].append(ms)
                ms, total = timed(lambda s=session: count_customers(s))
                samples["count_cold_ms"].append(ms)
                rows = len(page)
                for _ in range(warm_repeat):
                    samples["page_warm_ms"].append(timed(lambda s=session: _first_page(s))[0])
                    samples["count_warm_ms"].append(
                        timed(lambda s=session: count_customers(s))[0])
                if i == 0:  # why the first page costs what it does
                    page_plan = plans(session, lambda s: page_ids(s, limit=100))
        finally:
            vault.lock()

    result = {key: median(values) for key, values in samples.items()}
    result.update(samples=samples, runs=runs, page_rows=rows, count=total, page_plan=page_plan)
    return result
