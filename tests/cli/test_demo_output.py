"""`demo` says what it added in words, in English and in Chinese (it printed a raw
`DemoSummary(customers=…, …)`), and the numbers are those really in the file."""

from __future__ import annotations

import json
import re


def test_demo_says_what_it_added_in_words(cli):
    assert cli("init")[0] == 0
    code, out, _ = cli("demo", "--customers", "1200", "--seed", "3")
    assert code == 0
    assert "DemoSummary" not in out and "=" not in out
    line = out.strip()
    assert line.startswith("Demo data added: 1,200 customers, ") and line.endswith(".")
    numbers = {word: int(n.replace(",", "")) for n, word in
               re.findall(r"([\d,]+) (customers|purchases|contacts|reminders|complaints)",
                          line)}
    stats = json.loads(cli("stats", "--json")[1])
    assert numbers == {"customers": 1200, "purchases": stats["purchases"],
                       "contacts": stats["contact_events"], "reminders": stats["reminders"],
                       "complaints": stats["complaints"]}


def test_demo_says_it_in_chinese(cli):
    cli("init")
    code, out, _ = cli("demo", "--customers", "30", "--seed", "3", env={"KEHU_LANG": "zh"})
    assert code == 0
    line = out.strip()
    assert line.startswith("已添加演示数据：客户 30 位，购买记录 ") and line.endswith("。")
    assert re.search(r"[A-Za-z]", line) is None  # no English word, no field name
