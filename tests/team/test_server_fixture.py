"""The throwaway server itself: it answers, and on UTF-8 (the Chinese names)."""

import psycopg
import pytest


def test_the_throwaway_server_answers_in_utf8(pg_url):
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SHOW server_encoding").fetchone()[0] == "UTF8"
        assert conn.execute("SELECT '王芳'").fetchone()[0] == "王芳"


def _run_without_binaries(ci: str | None):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["KEHU_PG_BIN"] = "/nonexistent/postgresql/bin"
    if ci is not None:
        env["CI"] = ci
    here = Path(__file__)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
         f"{here}::test_the_throwaway_server_answers_in_utf8"],
        cwd=here.parents[2], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("ci", [None, "true"])
def test_without_the_server_binaries_the_tests_fail_naming_the_package(ci):
    proc = _run_without_binaries(ci)
    assert proc.returncode != 0, proc.stdout
    assert " skipped" not in proc.stdout.splitlines()[-1]  # the summary line
    assert "install the Debian package postgresql-15" in proc.stdout
