"""`make bench`: performance measurements on a generated 100k-customer encrypted file.

Run with `python -m bench` (see `--help`). Never part of `make test`: it measures
against the targets in ARCHITECTURE.md ("Performance") and reports PASS/FAIL, but a
missed target is a finding, not a failure; only a crash exits non-zero.
Results: a table on stdout and bench/out/results.json (bench/out/ is git-ignored).
"""
