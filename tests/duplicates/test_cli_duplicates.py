"""The duplicates commands as a clerk types them: list, merge (dry run, --take), the
history, unmerge, not-duplicate; bad input exits non-zero with a message, no traceback."""

from __future__ import annotations

import json

import pytest

from app.i18n import set_language


@pytest.fixture
def cli2(cli):
    assert cli("init")[0] == 0
    assert cli("demo", "--customers", "400", "--seed", "4", "--duplicates", "0.05")[0] == 0
    set_language("en")
    yield cli
    set_language(None)


def test_list_merge_history_unmerge(cli2):
    code, out, _ = cli2("duplicates", "--json")
    pairs = json.loads(out)
    assert code == 0 and pairs and all(p["score"] >= 0.8 for p in pairs)
    assert pairs == sorted(pairs, key=lambda p: -p["score"])
    a, b = pairs[0]["a"], pairs[0]["b"]
    code, out, _ = cli2("merge", a, b, "--dry-run")
    assert code == 0 and "Nothing was written" in out
    code, out, _ = cli2("merge", a, b, "--take", f"name={b}", "--reason", "same person",
                        "--json")
    merged = json.loads(out)
    assert code == 0 and merged["merge_id"] and merged["merged"] == [b]
    assert not any({p["a"], p["b"]} == {a, b} for p in json.loads(cli2("duplicates",
                                                                      "--json")[1]))
    history = json.loads(cli2("merges", "--json")[1])
    assert history[0]["kept"] == a and history[0]["reason"] == "same person"
    code, out, _ = cli2("unmerge", str(merged["merge_id"]))
    assert code == 0 and "undone" in out
    assert any({p["a"], p["b"]} == {a, b} for p in json.loads(cli2("duplicates", "--json")[1]))
    code, _, err = cli2("unmerge", str(merged["merge_id"]))
    assert code != 0 and "undone already" in err and "Traceback" not in err


def test_not_duplicate_is_remembered(cli2):
    first = json.loads(cli2("duplicates", "--json")[1])[0]
    assert cli2("not-duplicate", first["a"], first["b"])[0] == 0
    left = json.loads(cli2("duplicates", "--json", "--min-score", "0")[1])
    assert not any({p["a"], p["b"]} == {first["a"], first["b"]} for p in left)


@pytest.mark.parametrize("args, words", [
    (("merge", "KH000001", "KH000001"), "itself"),
    (("merge", "KH000001", "KH999999"), "No customer"),
    (("unmerge", "77"), "no merge #77"),
    (("merge", "KH000001", "KH000002", "--take", "password=KH000002"), "Cannot choose"),
])
def test_bad_input_is_told_and_changes_nothing(cli2, args, words):
    before = cli2("merges", "--json")[1]
    code, _, err = cli2(*args)
    assert code != 0 and words in err and "Traceback" not in err
    assert cli2("merges", "--json")[1] == before


def test_a_score_out_of_range_is_refused_by_the_parser(cli2):
    with pytest.raises(SystemExit) as stop:
        cli2("duplicates", "--min-score", "2")
    assert stop.value.code == 2
