"""What checking the file costs: the page check run after every unlock (and before every
CLI command, backup and migration), and the b-tree checks that vet every backup.

- cipher_integrity_check (Vault.check): the HMAC of every page, on the open vault;
- quick_check and integrity_check (app.store.integrity.check_file, read-only connection),
  as a backup's and a restore's verification run them;
- baseline: reading the same file's bytes once, sequentially (the OS cache is warm for
  all of them), and the unlock itself (the Argon2id derivation every command pays);
- a verified backup (take_backup: the source's page check, the snapshot, the copy's page
  and b-tree checks) against a bare snapshot with SQLite's backup API alone.
"""

from __future__ import annotations

import gc
import shutil
import tempfile
from pathlib import Path

from app.security.vault import Vault
from app.store.integrity import check_file
from app.store.keying import raw_key_pragma_value
from bench.fixture import PASSWORD, Fixture
from bench.timing import log, median, timed


def _read_all(path: Path) -> int:
    total = 0
    with open(path, "rb", buffering=0) as fh:
        while chunk := fh.read(4 * 2**20):
            total += len(chunk)
    return total


def _bare_snapshot(vault: Vault, target: Path) -> None:
    import sqlcipher3

    dst = sqlcipher3.connect(str(target))
    try:
        dst.execute(f'PRAGMA key = "{raw_key_pragma_value(vault.data_key)}"')
        raw = vault.engine.raw_connection()
        try:
            raw.driver_connection.backup(dst)
        finally:
            raw.close()
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()


def _backups(vault: Vault, scratch_parent: Path) -> tuple[float, float]:
    scratch = Path(tempfile.mkdtemp(prefix="check-", dir=scratch_parent))
    try:
        log("bare snapshot (backup API only)")
        bare_ms, _ = timed(lambda: _bare_snapshot(vault, scratch / "bare.db"))
        (scratch / "bare.db").unlink()
        log("verified backup (take_backup)")
        backup_ms, _ = timed(lambda: vault.backup("bench", directory=scratch, keep=0))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return bare_ms, backup_ms


def run(fx: Fixture, repeat: int, unlock_ms: float | None = None) -> dict:
    size = fx.db_path.stat().st_size
    read_ms = median([timed(lambda: _read_all(fx.db_path))[0] for _ in range(repeat)])
    vault = Vault.open_with_password(fx.db_path, PASSWORD)
    try:
        key = vault.data_key
        samples = []
        pages = 0
        for i in range(repeat):
            log(f"cipher_integrity_check run {i + 1}/{repeat}")
            gc.collect()
            ms, pages = timed(vault.check)
            samples.append(ms)
        bare_ms, backup_ms = _backups(vault, fx.db_path.parent.parent)
    finally:
        vault.lock()
    log("quick_check (as a backup's verification)")
    quick_ms, _ = timed(lambda: check_file(fx.db_path, key, thorough=False))
    log("integrity_check (check --full)")
    full_ms, _ = timed(lambda: check_file(fx.db_path, key, thorough=True))
    cipher_ms = median(samples)
    return {
        "file_mib": size / 2**20, "pages": pages, "read_ms": read_ms,
        "cipher_check_ms": cipher_ms, "cipher_check_samples": samples,
        "cipher_check_mib_s": (size / 2**20) / (cipher_ms / 1000) if cipher_ms else None,
        "cipher_vs_read": cipher_ms / read_ms if read_ms else None,
        "quick_check_ms": quick_ms, "integrity_check_ms": full_ms,
        "unlock_ms": unlock_ms,
        "bare_snapshot_ms": bare_ms, "verified_backup_ms": backup_ms,
        "backup_vs_bare": backup_ms / bare_ms if bare_ms else None,
        "cipher_vs_unlock": cipher_ms / unlock_ms if unlock_ms else None,
    }


def report_lines(res: dict) -> list[str]:
    lines = [f"Integrity checks on the {res['file_mib']:.0f} MiB file ({res['pages']} pages)",
             f"  cipher_integrity_check  {res['cipher_check_ms']:9.1f} ms  median of "
             f"{len(res['cipher_check_samples'])}, {res['cipher_check_mib_s']:.0f} MiB/s "
             "(after unlock, before each CLI command, backup, migration)",
             f"  sequential read         {res['read_ms']:9.1f} ms  "
             f"(check / read = {res['cipher_vs_read']:.1f}x)"]
    if res.get("unlock_ms"):
        lines.append(f"  unlock (open_with_password) {res['unlock_ms']:5.1f} ms  "
                     f"(check / unlock = {res['cipher_vs_unlock']:.2f}x)")
    lines += [f"  quick_check             {res['quick_check_ms']:9.1f} ms  "
              "(every backup's verification, restore)",
              f"  integrity_check         {res['integrity_check_ms']:9.1f} ms  (check --full)",
              f"  verified backup         {res['verified_backup_ms']:9.1f} ms  vs bare snapshot "
              f"{res['bare_snapshot_ms']:.1f} ms ({res['backup_vs_bare']:.1f}x)"]
    return lines
