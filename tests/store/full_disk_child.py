"""Run inside a private mount namespace on a small tmpfs (see test_full_disk_tmpfs.py):
copy a customer file in, fill the disk up to `slack` bytes, run CLI commands, then free
the disk and check that nothing was lost. Prints one JSON document."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import sys
from pathlib import Path


def main() -> None:
    mount, template, slack = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    commands = json.loads(sys.argv[4])
    from app.security import kdf

    kdf.DEFAULT_PASSWORD_KDF.update(memory_kib=1024, iterations=1)
    from app.cli import main as cli

    db = mount / "k.db"
    for name in ("k.db", "k.db.keys"):
        shutil.copyfile(template / name, mount / name)

    def run(*args: str) -> dict:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli(["--db", str(db), *args])
        return {"args": list(args), "code": code, "out": out.getvalue(), "err": err.getvalue()}

    baseline = run("stats", "--json")
    free = shutil.disk_usage(mount).free
    with open(mount / "filler", "wb") as fh, contextlib.suppress(OSError):
        fh.write(b"\0" * max(free - slack, 0))
    left = shutil.disk_usage(mount).free
    results = [run(*[a.format(mount=mount) for a in args]) for args in commands]
    listing = sorted(str(p.relative_to(mount)) for p in mount.rglob("*"))
    (mount / "filler").unlink()
    after = {"check": run("check"), "stats": run("stats", "--json")}
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    print(json.dumps({"free": left, "baseline": baseline, "results": results,
                      "listing": listing, "after": after, "sha256": digest}))


if __name__ == "__main__":
    os.environ.setdefault("KEHU_LANG", "en")
    main()
