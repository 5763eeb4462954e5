"""Import rows that probably are a customer already in the file, though no sure key
(uid, ID number, mobile, name + birthday) matches: the dry run marks them "review" with
the reason and the candidate's code; by default they are not imported, and
`--probable create` (the wizard's choice on its file page) imports them as new
customers with the note kept. A family member on the household's landline and a
namesake with another mobile are plain new customers."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import select

from app.i18n import set_language
from app.models import Customer
from app.services.duplicates import lookup
from app.services.imports.apply import apply_plan
from app.services.imports.report import columns_of, write_rejected
from app.services.imports.session import dry_run
from app.views.imports.import_wizard import ImportWizard
from app.views.shell.app_context import AppContext
from tests.duplicates.people import add
from tests.helpers import type_text
from tests.imports.test_import_words import english_words

HEADERS = ["姓名", "手机", "备用电话", "生日"]
# (name, mobile, second phone, birthday); the sheet's rows 2…
ROWS = [
    ("張偉", None, None, dt.date(1980, 5, 1)),  # 2: 张伟 in traditional characters
    ("李娜", "15011112232", None, None),  # 3: 李娜's mobile, one digit mistyped
    ("刘丽华", "13600004321", "0571-88886666", None),  # 4: 刘建国's wife, their landline
    ("王芳", "13912345678", None, None),  # 5: another 王芳
    ("赵敏", "13700001111", None, dt.date(1985, 1, 1)),  # 6: new
    ("趙敏", None, None, dt.date(1985, 1, 1)),  # 7: row 6 again, traditional
]
REVIEW_ROWS, CREATE_ROWS = (2, 3, 7), (4, 5, 6)


def _existing(session) -> dict[str, int]:
    return {
        "wangfang": add(session, "王芳", phone="13800138000", code="KH000123").id,
        "zhangwei": add(session, "张伟", birthday=dt.date(1980, 5, 1), code="KH000200").id,
        "liujianguo": add(session, "刘建国", phone="13500001234", phone2="0571-88886666",
                          code="KH000400").id,
        "lina": add(session, "李娜", phone="15011112222", code="KH000500").id,
    }


def _book(path, rows=ROWS, headers=HEADERS):
    wb = Workbook()
    ws = wb.active
    ws.title = "新名单"
    ws.append(headers)
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


@pytest.fixture
def file(vault):
    with vault.sessions.begin() as s:
        return _existing(s)


@pytest.fixture
def chinese():
    set_language("zh")
    yield
    set_language(None)


def _dump(session) -> list[tuple]:
    c = Customer
    return session.execute(select(c.id, c.code, c.name, c.phone, c.phone2, c.birthday,
                                  c.updated_at).order_by(c.id)).all()


def _fates(plan) -> dict[int, object]:
    return {f.row: f for f in plan.fates}


def test_the_dry_run_marks_probable_duplicates_review_naming_the_candidate(
        vault, file, tmp_path, chinese):
    with vault.sessions() as s:
        plan, _ = dry_run(s, _book(tmp_path / "新.xlsx"))
    fates = _fates(plan)
    assert {r: f.action for r, f in fates.items()} == {
        2: "review", 3: "review", 4: "create", 5: "create", 6: "create", 7: "review"}
    assert plan.sheets[0].counts == {"create": 3, "update": 0, "skip": 0, "reject": 0,
                                     "review": 3}
    assert fates[2].reason_zh.startswith("可能与 KH000200 张伟 重复（姓名繁简不同，生日相同）")
    assert fates[3].reason_zh.startswith("可能与 KH000500 李娜 重复（手机号一位不同）")
    # Two rows of one workbook that are one person: the second names the first.
    assert fates[7].reason_zh.startswith("可能与 工作表 新名单 第 6 行的 赵敏 重复（姓名繁简不同")
    assert all(fates[r].review and "未导入" in fates[r].reason_zh for r in REVIEW_ROWS)
    assert [english_words(fates[r].reason_zh) for r in REVIEW_ROWS] == [[], [], []]
    assert "KH000200" in fates[2].reason_en and "one digit" in fates[3].reason_en
    assert sorted(c["name"] for c in plan.creates) == ["刘丽华", "王芳", "赵敏"]


def test_a_family_member_on_the_landline_and_a_namesake_are_created_normally(
        vault, file, tmp_path):
    with vault.sessions() as s:
        plan, _ = dry_run(s, _book(tmp_path / "家人.xlsx", [ROWS[2], ROWS[3]]))
    fates = _fates(plan)
    assert [f.action for f in plan.fates] == ["create", "create"]
    assert plan.totals()["review"] == 0
    assert "duplicate of" not in fates[2].reason_en  # only the shared landline's note
    assert "0571-88886666" in fates[2].reason_en
    assert fates[3].reason_en == "" and not fates[3].review


def test_by_default_review_rows_are_not_imported_and_nothing_else_changes(
        vault, file, tmp_path):
    with vault.sessions() as s:
        before = _dump(s)
        plan, _ = dry_run(s, _book(tmp_path / "新.xlsx"))
    result = apply_plan(vault.sessions, plan, backup=lambda: tmp_path / "none.bak")
    assert result.created == 3
    with vault.sessions() as s:
        after = _dump(s)
    assert after[:len(before)] == before  # the customers already there are as they were
    assert sorted(r.name for r in after[len(before):]) == ["刘丽华", "王芳", "赵敏"]


def test_probable_create_imports_them_as_new_customers_with_the_note(vault, file, tmp_path):
    with vault.sessions() as s:
        plan, _ = dry_run(s, _book(tmp_path / "新.xlsx"), probable="create")
    fates = _fates(plan)
    assert plan.probable == "create"
    assert plan.totals() == {"create": 6, "update": 0, "skip": 0, "reject": 0, "review": 0}
    for r in REVIEW_ROWS:
        assert fates[r].action == "create" and fates[r].review
        assert "merge later" in fates[r].reason_en
    assert "可能与 KH000500 李娜 重复（手机号一位不同）；按新客户导入" in fates[3].reason_zh
    result = apply_plan(vault.sessions, plan, backup=lambda: tmp_path / "none.bak")
    assert result.created == 6
    with vault.sessions() as s:
        names = s.scalars(select(Customer.name)).all()
    assert sorted(names).count("李娜") == 2 and "張偉" in names and "趙敏" in names


def test_the_report_workbook_lists_review_rows_with_their_reason(vault, file, tmp_path,
                                                                chinese):
    with vault.sessions() as s:
        plan, mappings = dry_run(s, _book(tmp_path / "新.xlsx"))
    out = tmp_path / "待处理.xlsx"
    assert write_rejected(plan, out, sessions=vault.sessions,
                          columns=columns_of(mappings)) == 3
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert rows[0][-1] == "导入问题"
    reasons = [r[-1] for r in rows[1:]]
    assert reasons[0].startswith("第 2 行：可能与 KH000200 张伟 重复")
    assert [r.split("：")[0] for r in reasons] == ["第 2 行", "第 3 行", "第 7 行"]


def test_the_index_is_read_only_when_a_new_customer_is_about_to_be_created(
        vault, file, tmp_path, monkeypatch):
    loads = []
    real = lookup.PeopleIndex.load.__func__
    monkeypatch.setattr(lookup.PeopleIndex, "load",
                        classmethod(lambda cls, s: loads.append(1) or real(cls, s)))
    updates = [("王芳", "13800138000", None, dt.date(1970, 1, 1)),
               ("李娜", "15011112222", None, dt.date(1975, 3, 3))]
    with vault.sessions() as s:
        plan, _ = dry_run(s, _book(tmp_path / "更新.xlsx", updates))
    assert plan.totals()["update"] == 2 and loads == []
    with vault.sessions() as s:
        plan, _ = dry_run(s, _book(tmp_path / "新.xlsx"))
    assert plan.totals()["create"] == 3 and loads == [1]  # once for the whole import


def _cli_file(cli, tmp_path):
    """The CLI's file holding the four customers (imported: the CLI has no direct add)."""
    assert cli("init")[0] == 0
    first = [("王芳", "13800138000", None, None), ("张伟", None, None, dt.date(1980, 5, 1)),
             ("刘建国", "13500001234", "0571-88886666", None),
             ("李娜", "15011112222", None, None)]
    code, _, err = cli("import", str(_book(tmp_path / "老客户.xlsx", first)))
    assert code == 0, err


def test_cli_probable_skip_and_create_with_json(cli, tmp_path):
    _cli_file(cli, tmp_path)
    path = str(_book(tmp_path / "新.xlsx"))
    code, out, err = cli("import", path, "--dry-run", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["probable"] == "skip"
    assert report["totals"] == {"create": 3, "update": 0, "skip": 0, "reject": 0, "review": 3}
    assert report["sheets"][0]["review"] == 3
    review = {r["row"]: r for r in report["rows"] if r["action"] == "review"}
    assert sorted(review) == [2, 3, 7] and all(r["review"] for r in review.values())
    assert "Possibly a duplicate of KH" in review[2]["reason"] and "张伟" in review[2]["reason"]

    code, out, err = cli("import", path, "--dry-run", env={"KEHU_LANG": "zh"})
    assert code == 0, err
    assert "待核对 3" in out and "新名单!3 待核对: 可能与 KH" in out
    assert "李娜 重复（手机号一位不同）" in out

    code, out, err = cli("import", path, "--probable", "create", "--json",
                         env={"KEHU_LANG": "en"})
    assert code == 0, err
    report = json.loads(out)
    assert report["totals"]["create"] == 6 and report["totals"]["review"] == 0
    notes = {r["row"]: r["reason"] for r in report["rows"]}
    assert all("merge later" in notes[r] for r in REVIEW_ROWS)
    assert json.loads(cli("stats", "--json")[1])["customers"] == 4 + 6


def test_cli_default_imports_no_review_row(cli, tmp_path):
    _cli_file(cli, tmp_path)
    code, out, err = cli("import", str(_book(tmp_path / "新.xlsx")))
    assert code == 0, err
    assert "3 to review" in out and "3 customers created" in out
    assert json.loads(cli("stats", "--json")[1])["customers"] == 4 + 3


def _through_to_dry_run(qtbot, wizard, path, probable=None):
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    type_text(qtbot, wizard.file_page.path_edit, str(path))
    if probable is not None:
        combo = wizard.file_page.probable
        combo.setCurrentIndex(combo.findData(probable))
    for _ in range(3):  # file → sheets → mapping → dry run
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10000)
    dry = wizard.dry_run_page
    return [dry.counts.item(0, c).text() for c in range(dry.counts.columnCount())]


def test_the_wizard_choice_changes_the_outcome_and_is_remembered(qtbot, vault, file,
                                                                tmp_path):
    path = _book(tmp_path / "新.xlsx")
    ctx = AppContext(vault)
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.file_page.probable.currentData() == "skip"
    assert _through_to_dry_run(qtbot, wizard, path) == ["新名单", "3", "0", "0", "0", "3"]
    assert "held back" in wizard.dry_run_page.status.text()
    header = wizard.dry_run_page.counts.horizontalHeaderItem(5).text()
    assert header == "Review"

    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    assert _through_to_dry_run(qtbot, wizard, path, "create") == [
        "新名单", "6", "0", "0", "0", "0"]
    assert wizard.plan.probable == "create"
    # Remembered: the next wizard (and the next start, from the settings file) offers it.
    assert ImportWizard(ctx).file_page.probable.currentData() == "create"
    assert AppContext(vault).settings.import_probable == "create"


def test_rows_of_the_import_are_compared_with_the_first_in_import_new_ones_only(
        vault, file, tmp_path, monkeypatch):
    from app.services.imports import probable

    monkeypatch.setattr(probable, "IN_IMPORT", 1)
    rows = [("赵敏", "13700001111", None, dt.date(1985, 1, 1)),  # new, in the index
            ("孙丽", "13700002222", None, dt.date(1986, 2, 2)),  # new, beyond the cap
            ("張偉", None, None, dt.date(1980, 5, 1)),  # the file's 张伟: still caught
            ("趙敏", None, None, dt.date(1985, 1, 1)),  # row 2 again: no longer compared
            ("孫麗", None, None, dt.date(1986, 2, 2))]  # row 3 again: never in the index
    with vault.sessions() as s:
        plan, _ = dry_run(s, _book(tmp_path / "两次.xlsx", rows))
    assert [f.action for f in plan.fates] == ["create", "create", "review", "create",
                                              "create"]
    monkeypatch.setattr(probable, "IN_IMPORT", 20_000)
    with vault.sessions() as s:
        plan, _ = dry_run(s, _book(tmp_path / "两次.xlsx", rows))
    assert [f.action for f in plan.fates] == ["create", "create", "review", "review",
                                              "review"]
