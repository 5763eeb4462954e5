"""The export's survey sheet (问卷满意度, template version 3): the monthly figures per
branch, owner and questionnaire version with the counts behind them; masked like
every sheet (the owners here carry mobiles); no answer and no free text in it."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from app.services.exports.manifest import verify_workbook
from app.services.exports.rows import ExportFilter
from app.services.exports.service import ExportOptions, export
from app.services.exports.templates import SURVEYS
from app.services.imports.reader import open_workbook
from app.services.imports.session import detect_mappings
from app.services.surveys import templates
from app.services.surveys.record import record_response
from tests.exports.test_masking_scan import leaks, secrets_of, seed

NOW = datetime(2026, 11, 24, 12, 0)
GOOD = {"q1": 5, "q2": 5, "q3": "已解决", "nps": 10}
FREE = "回访很好，有事打我 13912345678，身份证 330106198506120011"


@pytest.fixture
def answered(vault):
    """The masking scan's four customers (owners with a mobile in their name), with
    responses in October and November, one with free text full of numbers."""
    with vault.sessions.begin() as s:
        codes = seed(s)
        templates.ensure_defaults(s)
        scores = []
        for i, code in enumerate(codes):
            good = record_response(s, code, "回访满意度", {**GOOD, "q5": FREE}, now=NOW,
                                   answered_at=datetime(2026, 11, 20, 10, i))
            low = record_response(s, code, "回访满意度",
                                  {"q1": 2, "q2": 2, "q3": "未解决", "nps": 3}, now=NOW,
                                  answered_at=datetime(2026, 11, 21, 10, i))
            scores.append((good.response.score, low.response.score))
        record_response(s, codes[0], "网点服务满意度",
                        {q.id: (q.max if q.type == "scale" else None)
                         for q in templates.get_template(s, "网点服务满意度").questions
                         if q.type == "scale"},
                        now=NOW, answered_at=datetime(2026, 10, 5, 9))
    return codes, scores


def _sheet(path) -> list[dict]:
    ws = openpyxl.load_workbook(path)[SURVEYS.title]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == [c.header for c in SURVEYS.columns]
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_the_sheet_has_the_figures_per_month_branch_owner_and_template(vault, answered,
                                                                         tmp_path):
    _codes, scores = answered
    out = tmp_path / "x.xlsx"
    with vault.sessions.begin() as s:
        result = export(s, out, ExportOptions(), now=NOW)
    rows = _sheet(out)
    assert result.rows["surveys"] == len(rows) == 3  # Oct (one owner), Nov (two owners)
    assert verify_workbook(out).get("schema_version") == "kehu-export/3"
    october, *november = rows
    assert (october["月份"], october["问卷"], october["回答数"]) == ("2026-10", "网点服务满意度", 1)
    assert october["平均分"] == 100 and october["是否达标"] == "是"
    assert {r["月份"] for r in november} == {"2026-11"}
    assert sum(r["回答数"] for r in november) == 8
    # Each November row: 2 customers × (one good, one low) → the counts add up exactly.
    good, low = scores[0]
    for r in november:
        assert r["网点"] == "西湖支行" and r["问卷"] == "回访满意度" and r["问卷版本"] == 1
        assert r["回答数"] == 4 and r["目标分"] == 80
        assert r["平均分"] == pytest.approx(round((good + low) / 2, 1))
        assert (r["达标数"], r["达标率(%)"]) == (2, 50.0)
        assert (r["NPS回答数"], r["推荐者"], r["贬损者"], r["NPS"]) == (4, 2, 2, 0.0)
    # Masked: the owners' mobiles are hidden, the rows still told apart.
    owners = [r["客户经理"] for r in november]
    assert len(set(owners)) == 2 and all("*" in o for o in owners)


def test_the_masked_sheet_carries_no_phone_id_or_free_text(vault, answered, tmp_path):
    masked, unmasked = tmp_path / "m.xlsx", tmp_path / "u.xlsx"
    with vault.sessions.begin() as s:
        export(s, masked, ExportOptions(), now=NOW)
        export(s, unmasked, ExportOptions(masked=False, reason="总部核对"), now=NOW)
    cells = [v for r in _sheet(masked) for v in r.values()]
    assert cells and leaks(cells) == []
    plain = [v for r in _sheet(unmasked) for v in r.values()]
    assert secrets_of(3)[0] in " ".join(map(str, plain))  # the scan can fail: 王经理186…
    assert leaks(plain)
    # The answers themselves (free text included) never leave in this sheet.
    assert not any("回访很好" in str(v) or "13912345678" in str(v) for v in plain)


def test_the_filter_and_period_choose_the_responses(vault, answered, tmp_path):
    out = tmp_path / "p.xlsx"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(flt=ExportFilter(date_from=date(2026, 10, 1),
                                                      date_to=date(2026, 10, 31))), now=NOW)
    rows = _sheet(out)
    assert [(r["月份"], r["回答数"]) for r in rows] == [("2026-10", 1)]
    out = tmp_path / "none.xlsx"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(sheets=("register", "surveys"),
                                     flt=ExportFilter(date_from=date(2025, 1, 1),
                                                      date_to=date(2025, 1, 31))), now=NOW)
    assert _sheet(out) == []  # headers only: no month without responses is invented
    assert openpyxl.load_workbook(out).sheetnames == ["客户名册", "问卷满意度", "清单"]


def test_re_import_ignores_the_survey_sheet(vault, answered, tmp_path):
    out = tmp_path / "x.xlsx"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(), now=NOW)
    book = open_workbook(out)
    try:
        mapping = {m.sheet: m for m in detect_mappings(book)}[SURVEYS.title]
    finally:
        book.close()
    assert mapping.kind == "ignore" and "survey figures" in mapping.note_en


def test_the_cli_takes_the_sheet_by_its_title(cli, tmp_path):
    assert cli("init")[0] == 0
    code, _out, err = cli("export", str(tmp_path / "c.xlsx"), "--sheets", "客户名册,问卷满意度")
    assert code == 0, err
    assert openpyxl.load_workbook(tmp_path / "c.xlsx").sheetnames == ["客户名册", "问卷满意度",
                                                                      "清单"]
