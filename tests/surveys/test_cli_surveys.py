"""The survey commands: the JSON shapes the issue gives, a follow-up said in words, the
import's dry run, and bad input — exit 5, a clear message, not a byte written."""

from __future__ import annotations

import json
from datetime import date

from openpyxl import Workbook

from app.security.vault import Vault
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from tests.conftest import CLI_PASSWORD
from tests.helpers import dir_fingerprint


def _file(cli) -> None:
    assert cli("init")[0] == 0
    with Vault.open_with_password(cli.db, CLI_PASSWORD) as v, v.sessions.begin() as s:
        create_customer(s, CustomerInput(name="张三", phone="13600000001", owner="王经理",
                                         branch="西湖"))
        create_customer(s, CustomerInput(name="李四", phone="13600000002", owner="李经理"))


def test_templates_json_shape(cli):
    _file(cli)
    code, out, _ = cli("survey", "templates", "--json")
    assert code == 0
    shown = json.loads(out)
    assert [t["name"] for t in shown] == ["回访满意度", "投诉处理满意度", "网点服务满意度",
                                          "购买后满意度"]
    for t in shown:
        assert set(t) == {"name", "version", "questions"} and t["version"] == 1
        for q in t["questions"]:
            assert set(q) == {"id", "text", "type", "min", "max", "options", "weight"}
            assert q["type"] in ("scale", "single", "multiple", "text")
    q3 = shown[0]["questions"][2]
    assert q3["options"] == ["已解决", "部分解决", "未解决"] and q3["min"] is None
    assert shown[0]["questions"][3]["text"] == "您有多大可能向亲友推荐我们？"
    assert (shown[0]["questions"][3]["min"], shown[0]["questions"][3]["max"]) == (0, 10)


def test_record_then_satisfaction_json(cli):
    _file(cli)
    answers = json.dumps({"q1": 5, "q2": 4, "q3": "已解决", "nps": 9}, ensure_ascii=False)
    code, out, _ = cli("survey", "record", "KH000001", "--template", "回访满意度",
                       "--answers", answers, "--json")
    assert code == 0
    got = json.loads(out)
    assert (got["score"], got["nps"], got["follow_up"]) == (95.0, 9, None)
    low = json.dumps({"q1": 1, "q2": 2, "q3": "未解决"}, ensure_ascii=False)
    code, out, _ = cli("survey", "record", "KH000002", "--template", "回访满意度",
                       "--answers", low)
    assert code == 0 and "Follow-up reminder" in out and "王经理" not in out
    assert "Consider opening a complaint: 服务态度、问题处理" in out
    month = date.today().strftime("%Y-%m")  # (95 + 20) / 2; one NPS answer, a promoter
    code, out, _ = cli("satisfaction", "--json")
    assert code == 0
    assert json.loads(out) == [{"month": month, "score": 57.5, "target": 80.0,
                                "meets_target": False, "responses": 2, "nps": 100.0,
                                "share_at_target": 0.5}]
    code, out, _ = cli("satisfaction", "--by", "owner", "--json")
    by = {f["owner"]: f for f in json.loads(out)}
    assert set(by) == {"王经理", "李经理"} and by["王经理"]["meets_target"] is True
    for f in by.values():
        assert {"month", "score", "target", "meets_target", "responses", "nps"} <= set(f)
    code, out, _ = cli("satisfaction", "--month", "2020-01")
    assert code == 0 and "no survey responses this month" in out
    code, out, _ = cli("satisfaction", "--month", "2020-01", "--json")
    assert json.loads(out)[0]["score"] is None and json.loads(out)[0]["responses"] == 0


def test_bad_input_exits_5_and_writes_nothing(cli):
    _file(cli)
    cli("survey", "templates")  # the defaults are seeded once, before the fingerprint
    before = dir_fingerprint(cli.db.parent)
    for args, says in (
            (["--template", "回访满意度", "--answers", '{"q1": 9, "q2": 5, "q3": "已解决"}'],
             "from 1 to 5"),
            (["--template", "回访满意度", "--answers", '{"q2": 5, "q3": "已解决"}'],
             "an answer is required"),
            (["--template", "满意度调查", "--answers", '{"q1": 5}'], "No questionnaire named"),
            (["--template", "回访满意度", "--version", "3", "--answers", '{"q1": 5}'],
             "has no version 3"),
            (["--template", "回访满意度", "--answers", "{q1: 5}"], "is not JSON")):
        code, out, err = cli("survey", "record", "KH000001", *args)
        assert code == 5 and out == "" and says in err, (args, err)
    code, _, err = cli("satisfaction", "--month", "2026-13")
    assert code == 5 and "not a month" in err
    assert dir_fingerprint(cli.db.parent) == before


def test_import_dry_run_then_import(cli, tmp_path):
    _file(cli)
    wb = Workbook()
    wb.active.append(["2026年11月电话调查"])
    wb.active.append(["客户编号", "问卷", "日期", "q1", "q2", "q3"])
    wb.active.append(["KH000001", "回访满意度", "2026-11-20", 5, 5, "已解决"])
    wb.active.append(["KH000009", "回访满意度", "2026-11-20", 5, 5, "已解决"])
    wb.active.append(["合计", None, None, 10, 10, None])
    wb.save(tmp_path / "r.xlsx")
    before = dir_fingerprint(cli.db.parent)
    code, out, _ = cli("survey", "import", str(tmp_path / "r.xlsx"), "--dry-run")
    assert code == 0 and "1 response(s) would be recorded" in out
    assert "No customer in the file matches" in out and "totals" in out
    assert dir_fingerprint(cli.db.parent) == before
    code, out, _ = cli("survey", "import", str(tmp_path / "r.xlsx"), "--json")
    got = json.loads(out)
    assert code == 0 and got["recorded"] == 1 and len(got["rejected"]) == 1
    code, out, _ = cli("survey", "import", str(tmp_path / "r.xlsx"), "--json")
    assert json.loads(out)["recorded"] == 0
    code, out, _ = cli("satisfaction", "--month", "2026-11", "--json")
    assert json.loads(out)[0]["responses"] == 1


def test_the_months_free_text_is_listed_for_reading(cli):
    _file(cli)
    answers = json.dumps({"q1": 5, "q2": 5, "q3": "已解决", "q5": "希望周末也能办理"},
                         ensure_ascii=False)
    cli("survey", "record", "KH000001", "--template", "回访满意度", "--answers", answers,
        "--at", "2026-11-10")
    code, out, _ = cli("survey", "texts", "--month", "2026-11", "--json")
    assert code == 0
    assert [(t["customer"], t["question"], t["text"]) for t in json.loads(out)] == [
        ("KH000001", "您还有什么意见或建议？", "希望周末也能办理")]
    code, out, _ = cli("survey", "texts", "--month", "2026-10")
    assert code == 0 and "No free-text answers" in out


def test_show_lists_a_customers_responses_latest_first_in_the_trend(cli):
    _file(cli)
    for at, q1 in (("2026-10-01", 5), ("2026-11-01", 3)):
        cli("survey", "record", "KH000001", "--template", "回访满意度", "--at", at,
            "--answers", json.dumps({"q1": q1, "q2": 5, "q3": "已解决"}, ensure_ascii=False))
    code, out, _ = cli("survey", "show", "KH000001", "--json")
    got = json.loads(out)
    assert code == 0 and (got["responses"], got["latest"], got["trend"]) == (
        2, 80.0, [100.0, 80.0])
    assert [h["answered_at"][:10] for h in got["history"]] == ["2026-10-01", "2026-11-01"]
    code, out, _ = cli("survey", "show", "KH000002")
    assert code == 0 and "No survey answered yet" in out
