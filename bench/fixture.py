"""The generated encrypted customer file, cached in bench/out/, and its plaintext copy.

Generating 100k customers takes a while, so the file is kept, keyed by size and seed,
with a fingerprint of what it depends on (schema head, generator source, KDF
parameters): if any of them changes, the cached file is stale and rebuilt. It is built
in a temporary directory and renamed into place, so a crashed build is never reused.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from app.security import kdf
from app.security.key_header import SLOT_PASSWORD, KeyHeader
from app.store import engine as db
from app.store.paths import key_header_path
from bench.timing import log, timed

PASSWORD = "bench 口令 Kehu-2026"  # the fixture's password; the data is all generated
OUT_DIR = Path(__file__).resolve().parent / "out"
DB_NAME = "customers.db"
ROOT = Path(__file__).resolve().parent.parent
# ~10 contact events and ~11 purchases per customer: about a million of each at
# 100k customers (the scale issues 4 and 5 measure at).
CONTACT_SCALE = 1.5
PURCHASE_SCALE = 4.0
# Planted twins (3 %) and family members on a landline, as real files hold them: the
# duplicate finder is measured on them (issue 16).
DUPLICATES = 0.03
GENERATOR_SOURCES = ("app/services/demo/generator.py", "app/services/demo/history.py",
                     "app/services/demo/rng.py", "app/services/demo/vocab.py",
                     "app/services/demo/twins.py")


@dataclass
class Fixture:
    db_path: Path
    customers: int
    seed: int
    built_now: bool
    built_at: str
    create_ms: float  # Vault.create: one real Argon2id slot + the schema migration
    generate_ms: float  # generate_demo_data alone
    db_bytes: int
    keys_bytes: int
    kdf_params: dict
    analyzed: bool  # sqlite_stat1 present: the query planner has statistics
    row_counts: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        out = asdict(self)
        out["db_path"] = str(self.db_path)
        return out


def _fingerprint() -> dict:
    digest = hashlib.sha256()
    for rel in GENERATOR_SOURCES:
        digest.update((ROOT / rel).read_bytes())
    # The migrations too: a revision edited in place (never after it has shipped)
    # keeps its id but not its schema.
    for path in sorted((ROOT / "migrations" / "versions").glob("*.py")):
        digest.update(path.read_bytes())
    return {
        "schema_head": db.head_revision(),
        "generator_sha256": digest.hexdigest(),
        "kdf": dict(kdf.DEFAULT_PASSWORD_KDF),
        "contact_scale": CONTACT_SCALE,
        "purchase_scale": PURCHASE_SCALE,
        "duplicates": DUPLICATES,
    }


def fixture_dir(customers: int, seed: int) -> Path:
    return OUT_DIR / f"fixture-n{customers}-seed{seed}"


def ensure_fixture(customers: int, seed: int, rebuild: bool = False) -> Fixture:
    """The cached fixture if it is still valid, else a freshly built one."""
    target = fixture_dir(customers, seed)
    meta_path = target / "meta.json"
    fingerprint = _fingerprint()
    if not rebuild and meta_path.is_file() and (target / DB_NAME).is_file():
        meta = json.loads(meta_path.read_text("utf-8"))
        if meta.get("fingerprint") == fingerprint:
            log(f"reusing cached fixture {target} (built {meta['fixture']['built_at']})")
            fx = Fixture(**{**meta["fixture"], "db_path": target / DB_NAME, "built_now": False})
            fx.db_bytes = fx.db_path.stat().st_size
            return fx
        changed = [k for k in fingerprint if meta.get("fingerprint", {}).get(k) != fingerprint[k]]
        log(f"cached fixture is stale ({', '.join(changed)} changed): rebuilding")
    return _build(target, customers, seed, fingerprint)


def _build(target: Path, customers: int, seed: int, fingerprint: dict) -> Fixture:
    from app.security.vault import Vault
    from app.services.demo.generator import generate_demo_data

    tmp = OUT_DIR / f".building-{target.name}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    db_path = tmp / DB_NAME
    log(f"building fixture: {customers} customers, seed {seed} (real KDF parameters)")
    try:
        create_ms, (vault, _recovery) = timed(lambda: Vault.create(db_path, PASSWORD))
        try:
            generate_ms, _ = timed(lambda: generate_demo_data(
                vault.sessions, customers, seed=seed, progress=_Progress(),
                contact_scale=CONTACT_SCALE, purchase_scale=PURCHASE_SCALE,
                duplicates=DUPLICATES))
            row_counts = _row_counts(vault)
            analyzed = _has_stats(vault)
        finally:
            vault.lock()  # closing the last connection checkpoints and removes the -wal
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log(f"generated in {generate_ms / 1000:.1f} s")
    header = KeyHeader.load(key_header_path(db_path))
    fx = Fixture(
        db_path=target / DB_NAME, customers=customers, seed=seed, built_now=True,
        built_at=datetime.now().isoformat(timespec="seconds"),
        create_ms=create_ms, generate_ms=generate_ms,
        db_bytes=db_path.stat().st_size, keys_bytes=key_header_path(db_path).stat().st_size,
        kdf_params={k: v for k, v in header.slot(SLOT_PASSWORD).kdf_params.items()
                    if k != "salt"},
        analyzed=analyzed, row_counts=row_counts,
    )
    meta = {"fingerprint": fingerprint, "fixture": _meta_fields(fx)}
    (tmp / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), "utf-8")
    shutil.rmtree(target, ignore_errors=True)
    os.replace(tmp, target)
    return fx


def _meta_fields(fx: Fixture) -> dict:
    out = fx.to_json()
    for key in ("db_path", "built_now"):
        out.pop(key)
    return out


class _Progress:
    """Accepts whatever the generator reports; logs at most every ~10%."""

    def __init__(self) -> None:
        self._last = -1

    def __call__(self, *args, **_kw) -> None:
        nums = [a for a in args if isinstance(a, int | float)]
        if len(nums) >= 2 and nums[1]:
            decile = int(10 * nums[0] / nums[1])
            if decile != self._last:
                self._last = decile
                log(f"  generating… {nums[0]}/{nums[1]}")


def _row_counts(vault) -> dict:
    from sqlalchemy import text

    tables = ("customer", "purchase", "contact_event", "reminder", "complaint", "customer_tag")
    with vault.engine.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in tables if t in names}


def _has_stats(vault) -> bool:
    with vault.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").scalar_one() > 0


# --- the plaintext copy, for the encryption-overhead ratio ----------------------------
def make_plain_copy(fx: Fixture, data_key: bytes) -> tuple[Path, float]:
    """Export the encrypted file to plaintext with SQLCipher itself (sqlcipher_export).

    Never with Python's sqlite3 module: two SQLite engines in one process on one file
    can corrupt it. Returns (path, ms). Remade each run so it always matches the file.
    """
    import sqlcipher3

    plain = OUT_DIR / f"plain-n{fx.customers}-seed{fx.seed}.db"
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{plain}{suffix}")

    def export() -> None:
        conn = sqlcipher3.connect(str(fx.db_path))
        try:
            conn.isolation_level = None  # ATTACH cannot run inside a transaction
            conn.execute(f'PRAGMA key = "{db.raw_key_pragma_value(data_key)}"')
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            quoted = str(plain).replace("'", "''")
            conn.execute(f"ATTACH DATABASE '{quoted}' AS plaintext KEY ''")
            conn.execute("SELECT sqlcipher_export('plaintext')").fetchall()
            conn.execute("DETACH DATABASE plaintext")
        finally:
            conn.close()

    ms, _ = timed(export)
    with open(plain, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise RuntimeError(f"{plain} is not a plaintext SQLite file")
    return plain, ms


def open_plain(plain: Path):
    """Engine + session factory on the plaintext copy, with the same SQLite build
    (sqlcipher3 as the DB-API module) and the same pragmas as the encrypted engine."""
    import sqlcipher3
    from sqlalchemy.orm import sessionmaker

    engine = db.make_plain_engine(f"sqlite:///{plain}", module=sqlcipher3)
    with engine.connect() as conn:
        found = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE name = 'customer_fts'").scalar_one()
    if not found:
        raise RuntimeError(f"the FTS5 table customer_fts is missing from {plain}")
    return engine, sessionmaker(bind=engine)


@contextlib.contextmanager
def scratch_copy(fx: Fixture, label: str):
    """A copy of the fixture's file and key header in a temporary directory, for a
    bench that writes; removed afterwards. Yields the copy's database path."""
    log(f"{label}: copying the fixture ({fx.db_bytes / 2**20:.0f} MiB) to a scratch dir")
    work = Path(tempfile.mkdtemp(prefix=f"kehu-bench-{label}-"))
    try:
        db_path = work / fx.db_path.name
        for suffix in ("", ".keys"):
            shutil.copyfile(f"{fx.db_path}{suffix}", f"{db_path}{suffix}")
        yield db_path
    finally:
        shutil.rmtree(work, ignore_errors=True)
