"""The set-up promises of the foundation issue that a test can hold on to: the README
opens with the two commands, `make run`/`make test`/`make bench` exist, CI is `make test`."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_opens_with_make_run_and_make_test():
    lines = [ln for ln in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
             if ln.strip()]
    assert lines[0].startswith("# ")  # the title, then the two commands at once
    assert lines[1].startswith("```")
    commands = [ln.split("#")[0].strip() for ln in lines[2:4]]
    assert commands == ["make run", "make test"]
    assert lines[4].startswith("```")


def test_make_targets_and_ci_entry_point():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z][\w-]*):", makefile, flags=re.MULTILINE))
    assert {"run", "test", "bench", "i18n"} <= targets
    test_recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "lint" in test_recipe.splitlines()[0] and "pytest" in test_recipe  # ruff first
    ci = ROOT / ".ci" / "run"
    assert ci.stat().st_mode & 0o111  # executable
    assert ci.read_text(encoding="utf-8").rstrip().endswith("exec make test")
