"""The person's copy (PIPL Art. 45): one workbook or PDF pages with everything about one
person, unmasked, nothing of anyone else, no formula in any cell, audited without
personal data; an unknown format writes nothing."""

from __future__ import annotations

import json
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.errors import InvalidInput
from app.models import AuditLog, Purchase
from app.reports.person_copy_file import export
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.services.daily.complaints import open_complaint
from app.services.daily.contacts import ContactInput, record_contact
from app.services.daily.reminders import create_reminder
from app.services.privacy import consent, hold
from app.services.privacy.person_copy import collect
from app.services.tiers.service import recompute

NAME, PHONE, ID_NUMBER = "欧阳娜娜", "13912345678", "330106198001011235"
OTHER_NAME, OTHER_PHONE, OTHER_ID = "司马懿", "13800138000", "11010519491231002X"
NOW = datetime(2026, 6, 1, 10, 0)


def _people(vault) -> tuple[int, str]:
    with vault.sessions.begin() as s:
        me = create_customer(s, CustomerInput(name=NAME, phone=PHONE, id_number=ID_NUMBER,
                                              notes="=HYPERLINK(\"http://x\")",
                                              tags=["老客户"]))
        other = create_customer(s, CustomerInput(name=OTHER_NAME, phone=OTHER_PHONE,
                                                 id_number=OTHER_ID, tags=["别人的标签"]))
        for cid, fen, product in ((me.id, 12345, "茶叶礼盒"), (me.id, 9900, "=1+1"),
                                  (other.id, 77777, "别人的产品")):
            s.add(Purchase(customer_id=cid, purchased_on=date(2026, 5, 1), amount_fen=fen,
                           product=product))
        record_contact(s, me.id, ContactInput(channel="phone", purpose="routine",
                                              summary="电话回访，客户满意", satisfaction=5,
                                              occurred_at=datetime(2026, 5, 20, 9, 30)),
                       now=NOW)
        record_contact(s, other.id, ContactInput(channel="visit", purpose="routine",
                                                 summary=f"拜访{OTHER_NAME}"), now=NOW)
        create_reminder(s, me.id, due_at=date(2026, 6, 10), title="生日问候", now=NOW)
        open_complaint(s, me.id, category="服务", severity="medium",
                       description="+等待太久", now=NOW)
        consent.record(s, me.id, ["marketing_sms"], True, channel="paper")
        consent.record(s, me.id, ["marketing_sms"], False, channel="phone")
        consent.record(s, other.id, ["marketing_phone"], True, channel="counter")
        hold.put(s, me.id, until=date(2030, 1, 1), reason="诉讼保全")
        recompute(s)
        return me.id, me.code


def _cells(path) -> list:
    wb = load_workbook(path)
    return [(ws.title, c) for ws in wb.worksheets for row in ws.iter_rows() for c in row]


def _texts(path) -> str:
    return "\n".join(str(c.value) for _, c in _cells(path) if c.value is not None)


def test_the_copy_holds_the_person_unmasked_and_nobody_else(vault, tmp_path):
    cid, code = _people(vault)
    path = tmp_path / "copy.xlsx"
    with vault.sessions.begin() as s:
        export(s, cid, path)
    wb = load_workbook(path)
    for title in ("个人资料", "同意记录", "购买记录", "联系记录", "提醒", "投诉", "等级与阶段",
                  "保留冻结"):
        assert title in wb.sheetnames
    text = _texts(path)
    for needle in (NAME, PHONE, ID_NUMBER, code, "茶叶礼盒", "电话回访，客户满意", "生日问候",
                   "+等待太久", "短信营销", "撤回", "诉讼保全", "老客户"):
        assert needle in text, needle
    for needle in (OTHER_NAME, OTHER_PHONE, OTHER_ID, "别人的产品", "别人的标签", "电话营销"):
        assert needle not in text, needle
    purchases = wb["购买记录"]
    assert purchases["A1"].value == "购买日期"
    assert purchases["A2"].value == "2026-05-01" and purchases["A2"].data_type == "s"
    assert purchases["B2"].value == 123.45 and purchases["B2"].number_format == "#,##0.00"
    assert 777.77 not in [c.value for _, c in _cells(path)]
    tiers = {r[0].value: r[1].value for r in wb["等级与阶段"].iter_rows(min_row=2)}
    assert tiers["原因"] and "RFM" in tiers["原因"]  # the reason in words, in Chinese
    assert "购买" in tiers["原因"] and tiers["价值等级"] and tiers["生命周期阶段"]


def test_no_cell_is_a_formula(vault, tmp_path):
    cid, _ = _people(vault)
    path = tmp_path / "copy.xlsx"
    with vault.sessions.begin() as s:
        export(s, cid, path)
    cells = _cells(path)
    risky = [c for _, c in cells if isinstance(c.value, str) and c.value[:1] in "=+"]
    assert {c.value for c in risky} >= {"=HYPERLINK(\"http://x\")", "=1+1", "+等待太久"}
    for _, c in cells:
        if c.value is not None:
            assert c.data_type in ("s", "n"), (c.coordinate, c.value, c.data_type)
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in x or b"<f " in x for x in sheets)
    assert all(c.quotePrefix for c in risky)


def test_the_export_is_audited_without_personal_data(vault, tmp_path):
    cid, code = _people(vault)
    with vault.sessions.begin() as s:
        export(s, cid, tmp_path / "copy.xlsx")
    with vault.sessions() as s:
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "person_export")).one()
    assert entry.entity == "customer" and entry.entity_id == str(cid)
    assert entry.detail == {"code": code, "format": "xlsx"}
    words = json.dumps(entry.detail, ensure_ascii=False)
    for needle in (NAME, PHONE, ID_NUMBER):
        assert needle not in words


@pytest.mark.parametrize("name", ["copy.csv", "copy.docx", "copy", "copy.xlsx.txt"])
def test_an_unknown_format_is_refused_and_nothing_written(vault, tmp_path, name):
    cid, _ = _people(vault)
    before = sorted(tmp_path.rglob("*"))
    with vault.sessions.begin() as s, pytest.raises(InvalidInput, match=r"\.xlsx or \.pdf"):
        export(s, cid, tmp_path / name)
    assert sorted(tmp_path.rglob("*")) == before
    with vault.sessions() as s:
        assert not s.scalars(select(AuditLog).where(AuditLog.action == "person_export")).all()


def test_collect_returns_plain_frozen_values(vault):
    cid, code = _people(vault)
    with vault.sessions() as s:
        copy = collect(s, cid)
    assert copy.code == code
    assert [p.amount_fen for p in copy.purchases] == [12345, 9900]
    assert [c.current for c in copy.consents] == [True, False]
    with pytest.raises(AttributeError):
        copy.code = "x"


def test_cli_person_export_end_to_end(cli, tmp_path):
    assert cli("init")[0] == 0
    assert cli("demo", "--customers", "5")[0] == 0
    out = tmp_path / "副本.xlsx"
    code, stdout, err = cli("person-export", "KH000001", str(out))
    assert code == 0, err
    assert "KH000001" in stdout and out.exists()
    wb = load_workbook(out)
    profile = {r[0].value: r[1].value for r in wb["个人资料"].iter_rows(min_row=2)}
    assert profile["客户编号"] == "KH000001"
    code, _, err = cli("person-export", "1", str(tmp_path / "by-id.xlsx"))
    assert code == 0, err
    code, _, err = cli("person-export", "KH000001", str(tmp_path / "x.docx"))
    assert code == 5 and "xlsx" in err
    assert not (tmp_path / "x.docx").exists()
    code, stdout, _ = cli("audit", "--json")
    assert "person_export" in stdout


def test_the_dossier_button_writes_the_copy_in_a_worker(qtbot, vault, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from app.config import Settings
    from app.views.dossier.dossier_panel import DossierPanel
    from app.views.shell.app_context import AppContext
    from tests.helpers import shown_widget

    cid, code = _people(vault)
    target = tmp_path / "from-the-dossier"  # the extension is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    told = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: told.append(a)))
    panel = shown_widget(qtbot, DossierPanel(AppContext(vault, Settings())), 800, 700)
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.show_customer(cid)
    assert panel.privacy.button.isVisible() and panel.copy_action.isEnabled()
    assert panel.copy_action in panel.privacy.menu.actions()
    with qtbot.waitSignal(panel.person_copy.exported, timeout=10000) as blocker:
        panel.copy_action.trigger()
    written = tmp_path / "from-the-dossier.xlsx"
    assert blocker.args == [str(written)]
    assert PHONE in _texts(written) and OTHER_PHONE not in _texts(written)
    assert told and code in told[0][2]


def test_the_predicted_value_is_in_the_copy_in_yuan(vault, tmp_path):
    from tests.clv_helpers import clv_by_id, with_predictions

    planted = with_predictions(vault)
    values = clv_by_id(vault)
    cid = next(c for c in planted["planted"].values() if values.get(c))
    path = tmp_path / "copy.xlsx"
    with vault.sessions.begin() as s:
        export(s, cid, path)
    rows = {r[0].value: r[1] for r in load_workbook(path)["等级与阶段"].iter_rows(min_row=2)}
    assert rows["预测价值（元）"].value == round(values[cid] / 100, 2)
    assert rows["预测价值（元）"].number_format == "#,##0.00"


# --- the PDF ----------------------------------------------------------------------------
def test_a_pdf_copy_is_written_in_the_bundled_font_and_audited(vault, tmp_path):
    from tests.fonts_helpers import pdf_base_fonts, pdf_unicode_text

    cid, code = _people(vault)
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "副本.pdf"
    with vault.sessions.begin() as s:
        export(s, cid, path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    assert "NotoSansSCKehu-Regular" in pdf_base_fonts(data)
    assert b"/Subtype /Type3" not in data  # Type 42: searchable text, not pictures
    # The characters drawn (the ToUnicode maps of the embedded subsets): the name, the
    # phone's digits, the amount; none that only the other customer's rows hold.
    drawn = pdf_unicode_text(data)
    assert set(NAME + PHONE + "123.45" + "茶叶礼盒" + "诉讼保全") <= drawn
    assert not set("司懿") & drawn
    assert sorted(p.name for p in path.parent.iterdir()) == ["副本.pdf"]  # no temp left
    with vault.sessions() as s:
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "person_export")).one()
    assert entry.detail == {"code": code, "format": "pdf"}


def test_the_pdf_lines_hold_the_person_unmasked_and_nobody_else(vault):
    from app.reports.person_pdf import pdf_lines, title_of

    cid, code = _people(vault)
    with vault.sessions() as s:
        copy = collect(s, cid)
    assert title_of(copy) == f"个人信息副本 · {code} {NAME}"
    lines = pdf_lines(copy)
    text = "\n".join(lines)
    for heading in ("个人资料", "同意记录", "购买记录", "联系记录", "提醒", "投诉",
                    "等级与阶段", "保留冻结"):
        assert heading in lines, heading
    for needle in (NAME, PHONE, ID_NUMBER, code, "123.45 元", "99.00 元", "茶叶礼盒",
                   "电话回访，客户满意", "生日问候", "+等待太久", "短信营销", "撤回",
                   "诉讼保全", "老客户", "=HYPERLINK", "价值等级", "生命周期阶段"):
        assert needle in text, needle
    reason = next(line for line in lines if line.startswith("原因："))
    assert "RFM" in reason and "购买" in reason
    for needle in (OTHER_NAME, OTHER_PHONE, OTHER_ID, "别人的产品", "别人的标签", "电话营销",
                   "777.77"):
        assert needle not in text, needle


def test_a_long_pdf_copy_is_continued_over_pages(vault):
    from app.reports.person_pdf import (
        CONTINUED,
        HEADING,
        layout,
        lines_per_page,
        paginate,
        render,
        wrap,
    )

    cid, _ = _people(vault)
    with vault.sessions.begin() as s:
        s.add_all(Purchase(customer_id=cid, purchased_on=date(2025, 1, 1), amount_fen=100 + i,
                           product=f"产品{i}" + "很长的名称" * 30) for i in range(150))
    with vault.sessions() as s:
        copy = collect(s, cid)
    pages = paginate(layout(copy), lines_per_page())
    assert len(pages) > 3 and all(0 < len(p) <= lines_per_page() for p in pages)
    assert [line for page in pages for line in page if not line.text.endswith(CONTINUED)] \
        == layout(copy)  # nothing lost, nothing doubled
    assert pages[1][0].kind == HEADING and pages[1][0].text == "购买记录" + CONTINUED
    assert all(page[-1].kind != HEADING for page in pages[:-1])
    assert all(len(part) <= 110 for part in wrap("很长" * 200))
    data = render(copy)
    assert data.count(b"/Type /Page ") + data.count(b"/Type /Page\n") == len(pages)


def test_a_name_no_font_draws_is_named_by_its_code_point(vault):
    from app.reports.person_pdf import pdf_lines

    cid, _ = _people(vault)
    with vault.sessions() as s:
        copy = collect(s, cid)
    drawn = {ord(ch) for ch in "".join(pdf_lines(copy))} - {ord("娜")}
    lines = pdf_lines(copy, drawn)
    assert f"姓名：{NAME}［U+5A1C］" in lines
    assert "［U+" not in "".join(pdf_lines(copy))  # every character drawn: nothing added


def test_cli_person_export_writes_a_pdf(cli, tmp_path):
    assert cli("init")[0] == 0
    assert cli("demo", "--customers", "5")[0] == 0
    out = tmp_path / "副本.pdf"
    code, stdout, err = cli("person-export", "KH000001", str(out))
    assert code == 0, err
    assert "KH000001" in stdout and out.read_bytes().startswith(b"%PDF")
    code, stdout, _ = cli("audit", "--json")
    assert "person_export" in stdout and "pdf" in stdout


def test_the_copy_says_what_was_done_with_the_data_and_holds_merged_records(vault, tmp_path):
    """Art. 45 covers the processing too: each reveal, export and merge about the
    person, in words, and the values of a duplicate record merged into theirs."""
    from app.reports.person_pdf import pdf_lines
    from app.services.duplicates.merge import merge_customers
    from app.services.privacy import reveal

    with vault.sessions.begin() as s:
        cid = create_customer(s, CustomerInput(name="赵敏", phone="13700007777")).id
        twin = create_customer(s, CustomerInput(name="赵敏", phone="13700007778",
                                                email="zhaomin@example.com")).id
        other = create_customer(s, CustomerInput(name="周芷若", phone="13600006666")).id
    reveal.reveal(vault.sessions, cid, ["phone", "id_number"], staff="王经理")
    reveal.reveal(vault.sessions, other, ["phone"])  # someone else's: not in this copy
    with vault.sessions.begin() as s:
        merge_customers(s, cid, [twin], reason="同一人登记两次")
    with vault.sessions() as s:
        copy = collect(s, cid)
    actions = [a.action for a in copy.audit]
    assert "在屏幕上显示完整信息" in actions and "合并重复档案" in actions
    shown = next(a for a in copy.audit if a.action == "在屏幕上显示完整信息")
    assert "字段：" in shown.detail and "王经理" in shown.detail and "phone" not in shown.detail
    assert len([a for a in copy.audit if a.action == "在屏幕上显示完整信息"]) == 1
    [merged] = copy.merged
    assert "13700007778" in merged.values and "zhaomin@example.com" in merged.values
    assert merged.reason == "同一人登记两次"
    path = tmp_path / "copy.xlsx"
    with vault.sessions.begin() as s:
        export(s, cid, path)
    wb = load_workbook(path)
    assert {"处理记录", "合并的档案"} <= set(wb.sheetnames)
    assert wb["合并的档案"].max_row == 2 and wb["处理记录"].max_row >= 3
    lines = "\n".join(pdf_lines(copy))
    assert "处理记录" in lines and "13700007778" in lines
