"""Export service: cells (no formulas, text IDs, real dates, money), masking, manifest
checksum, charts, password protection, CSV, filters, atomic writes and the audit log."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import msoffcrypto
import openpyxl
import pytest
from sqlalchemy import select, update

from app.errors import ValidationError
from app.models import (
    AuditLog,
    Complaint,
    ContactEvent,
    Customer,
    CustomerTier,
    Purchase,
    Reminder,
)
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.services.customers.validation import make_id_check_digit
from app.services.exports.manifest import ManifestError, verify_workbook
from app.services.exports.rows import ExportFilter
from app.services.exports.service import ExportCancelled, ExportOptions, export
from app.services.masking import mask_phone

NOW = datetime(2026, 11, 24, 12, 0)
INJECTIONS = ['=HYPERLINK("http://evil.example","点我")', "+1", "@x", "-2"]


def id_number(first17: str) -> str:
    return first17 + make_id_check_digit(first17)


ID_ZHANG = id_number("11010119900307123")  # 110101199003071233
ID_LI = id_number("33010619850101002")


def seed(session, *, branch: str = "西湖支行", extra: dict | None = None,
         refund: bool = True, untrimmed: bool = True) -> dict:
    """Three customers with records; one carries formula-like text everywhere. `refund`
    adds a negative purchase (a refund; the round-trip tests bring it back in);
    `untrimmed` gives 李四 text starting with tab/CR, which validation would trim."""
    zhang = create_customer(session, CustomerInput(
        name="张三丰", gender="male", birthday=date(1990, 3, 7), id_number=ID_ZHANG,
        phone="13800138000", phone2="010-12345678", email="zsf@example.com",
        wechat="@x", address="+1", region="西湖区", branch=branch, owner="王经理",
        source="-2", notes=INJECTIONS[0], tags=["VIP客户", "=tag"]))
    li = create_customer(session, CustomerInput(
        name="李四", gender="female", id_number=ID_LI, phone="13912345678", region="滨江区",
        branch=branch, owner="赵经理", tags=["潜在"], **(extra or {})))
    acme = create_customer(session, CustomerInput(
        name="杭州某某科技有限公司", kind="enterprise", phone="0571-88886666",
        branch=branch, owner="王经理"))
    # Text that validation would trim, set as it may come from older data.
    if untrimmed:
        session.execute(update(Customer).where(Customer.id == li.id)
                        .values(notes="\t=cmd|' /C calc'!A0", wechat="\rCR"))
    session.add_all([
        CustomerTier(customer_id=zhang.id, value_tier="vip", lifecycle_stage="loyal",
                     changed_at=NOW),
        CustomerTier(customer_id=acme.id, value_tier="mid", lifecycle_stage="repeat",
                     changed_at=NOW),
        Purchase(customer_id=zhang.id, purchased_on=date(2026, 3, 1), amount_fen=123456,
                 product="=SUM(A1:A9)", category="理财", quantity=2, channel="网点"),
        Purchase(customer_id=acme.id, purchased_on=date(2025, 1, 5),
                 amount_fen=-500 if refund else 500, product="退款", quantity=1),
        ContactEvent(customer_id=zhang.id, occurred_at=datetime(2026, 5, 2, 10, 30),
                     channel="phone", purpose="revisit", summary="+回访", staff="王经理"),
        ContactEvent(customer_id=zhang.id, occurred_at=datetime(2026, 6, 9, 15, 0),
                     channel="wechat", purpose="care", summary="@关怀", satisfaction=5),
        Reminder(customer_id=zhang.id, due_at=datetime(2026, 12, 1, 9), kind="revisit",
                 title="季度回访", status="open", owner="王经理"),
        Reminder(customer_id=zhang.id, due_at=datetime(2026, 11, 30, 9), kind="birthday",
                 title="生日关怀", status="cancelled"),
        Reminder(customer_id=li.id, due_at=datetime(2026, 10, 1, 9), kind="revisit",
                 title="-回访", status="done", completed_at=datetime(2026, 10, 2, 9)),
        Reminder(customer_id=li.id, due_at=datetime(2026, 11, 1, 9), kind="revisit",
                 title="逾期回访", status="open"),
        Complaint(customer_id=li.id, opened_at=datetime(2026, 7, 1, 9), category="服务",
                  description="=1+1", deadline_at=datetime(2026, 7, 3, 9)),
    ])
    session.flush()
    return {"zhang": zhang, "li": li, "acme": acme}


def do_export(session, path, **options):
    return export(session, path, ExportOptions(**options), now=NOW)


def sheet_dicts(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def by_code(wb, code: str) -> dict:
    return next(r for r in sheet_dicts(wb["客户名册"]) if r["客户编号"] == code)


@pytest.fixture
def seeded(vault):
    with vault.sessions.begin() as s:
        return seed(s)


def test_no_cell_is_a_formula_and_risky_text_is_intact(vault, seeded, tmp_path):
    out = tmp_path / "branch.xlsx"
    with vault.sessions.begin() as s:
        do_export(s, out, masked=False, reason="审计抽查")
    wb = openpyxl.load_workbook(out)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert len(cells) > 200
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    zhang = by_code(wb, seeded["zhang"].code)
    assert zhang["备注"] == INJECTIONS[0]
    assert (zhang["地址"], zhang["微信"], zhang["来源"]) == ("+1", "@x", "-2")
    assert zhang["标签"] == "=tag、VIP客户"
    li = by_code(wb, seeded["li"].code)
    assert li["备注"] == "\t=cmd|' /C calc'!A0"
    # Excel keeps such cells text even when a person edits them.
    ws = wb["客户名册"]
    note_col = [c.value for c in ws[1]].index("备注") + 1
    risky = [ws.cell(r, note_col) for r in range(2, ws.max_row + 1)
             if str(ws.cell(r, note_col).value or "").startswith(("=", "\t"))]
    assert len(risky) == 2 and all(c.quotePrefix for c in risky)
    assert sheet_dicts(wb["购买记录"])[-1]["产品"] == "=SUM(A1:A9)"
    assert sheet_dicts(wb["投诉记录"])[0]["描述"] == "=1+1"


def test_ids_and_phones_are_text_unmasked_when_chosen(vault, seeded, tmp_path):
    out = tmp_path / "full.xlsx"
    with vault.sessions.begin() as s:
        do_export(s, out, masked=False, reason="总部核对")
    ws = openpyxl.load_workbook(out)["客户名册"]
    headers = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == seeded["zhang"].code)
    cell = {h: c for h, c in zip(headers, row, strict=True)}
    assert cell["身份证号"].value == ID_ZHANG and cell["身份证号"].data_type == "s"
    assert cell["手机"].value == "13800138000" and cell["手机"].data_type == "s"
    assert cell["备用电话"].value == "010-12345678"
    assert cell["身份证号"].number_format == "@"
    assert cell["客户编号"].data_type == "s"


def test_masked_by_default_names_optional(vault, seeded, tmp_path):
    with vault.sessions.begin() as s:
        do_export(s, tmp_path / "m.xlsx")
        do_export(s, tmp_path / "n.xlsx", mask_names=True)
    wb = openpyxl.load_workbook(tmp_path / "m.xlsx")
    zhang = by_code(wb, seeded["zhang"].code)
    assert zhang["身份证号"] == "1****************3"
    assert zhang["生日"] is None  # with the gender and region it would rebuild the ID
    assert zhang["手机"] == "138****8000"
    assert (zhang["邮箱"], zhang["微信"], zhang["地址"]) == ("z***@example.com", "****", "****")
    assert zhang["备用电话"] == "010-****5678"
    assert zhang["客户名称"] == "张三丰"
    assert by_code(wb, seeded["acme"].code)["手机"] == "0571-****6666"
    text = "".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows()
                   for c in row if c.value is not None)
    assert ID_ZHANG not in text and "13800138000" not in text and "13912345678" not in text
    wb = openpyxl.load_workbook(tmp_path / "n.xlsx")
    assert by_code(wb, seeded["zhang"].code)["客户名称"] == "张**"
    assert by_code(wb, seeded["li"].code)["客户名称"] == "李*"
    assert sheet_dicts(wb["联系记录"])[0]["客户名称"] == "张**"


def test_a_landline_extension_does_not_unmask_the_number():
    assert mask_phone("010-12345678-123") == "010-****5678-123"
    assert mask_phone("0571-88886666") == "0571-****6666"
    assert mask_phone("13800138000") == "138****8000"


def test_dates_money_labels_and_layout(any_store, tmp_path):
    """On both engines (the encrypted file and a team database: any_store)."""
    vault = any_store
    with vault.sessions.begin() as s:
        seeded = seed(s)
    out = tmp_path / "x.xlsx"
    with vault.sessions.begin() as s:
        do_export(s, out, masked=False, reason="版式检查")  # a masked file has no birthdays
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["客户名册", "购买记录", "联系记录", "回访计划", "投诉记录",
                             "问卷满意度", "汇总", "清单"]
    zhang = by_code(wb, seeded["zhang"].code)
    assert zhang["生日"] == datetime(1990, 3, 7)
    assert (zhang["客户类型"], zhang["性别"], zhang["农历生日"]) == ("个人", "男", "否")
    assert (zhang["价值等级"], zhang["生命周期"]) == ("VIP", "忠诚客户")
    assert zhang["最近联系"] == datetime(2026, 6, 9, 15, 0)
    assert zhang["下次回访"] == datetime(2026, 12, 1, 9, 0)  # cancelled birthday not counted
    li = by_code(wb, seeded["li"].code)
    assert (li["价值等级"], li["生命周期"], li["最近联系"]) == (None, None, None)
    assert li["下次回访"] == datetime(2026, 11, 1, 9)
    ws = wb["客户名册"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:X4"  # through 预测价值
    assert ws.column_dimensions["A"].width >= 36 and ws.column_dimensions["C"].width >= 20
    assert ws["F1"].value == "生日" and ws["F2"].is_date
    buys = wb["购买记录"]
    amounts = [r[5] for r in buys.iter_rows(min_row=2)]
    assert [a.value for a in amounts] == [-5, 1234.56]
    assert all(a.data_type == "n" and "¥" in a.number_format for a in amounts)
    visits = sheet_dicts(wb["回访计划"])
    assert [v["状态"] for v in visits] == ["已完成", "待处理", "已取消", "待处理"]
    assert [v["是否逾期"] for v in visits] == ["否", "是", "否", "否"]
    assert [v["提醒类型"] for v in visits] == ["回访", "回访", "生日", "回访"]


def test_manifest_verifies_and_detects_one_edited_cell(vault, seeded, tmp_path):
    out = tmp_path / "branch.xlsx"
    with vault.sessions.begin() as s:
        result = do_export(s, out, branch_name="西湖支行", branch_code="HZ01",
                           flt=ExportFilter(date_from=date(2026, 1, 1)))
    manifest = verify_workbook(out)
    assert manifest.get("sha256") == result.checksum
    assert manifest.get("branch_code") == "HZ01" and manifest.get("period_from") == "2026-01-01"
    assert manifest.get("rows:客户名册") == 3 and manifest.get("rows:购买记录") == 1
    assert manifest.get("exported_at") == "2026-11-24 12:00:00"
    wb = openpyxl.load_workbook(out)
    wb["客户名册"]["P3"] = "别的经理"  # head office "just" changes one owner
    wb.save(tmp_path / "edited.xlsx")
    with pytest.raises(ManifestError, match="客户名册 was changed"):
        verify_workbook(tmp_path / "edited.xlsx")
    wb = openpyxl.load_workbook(out)
    wb["购买记录"].delete_rows(2)
    wb.save(tmp_path / "truncated.xlsx")
    with pytest.raises(ManifestError, match="购买记录 has 0 rows, the manifest says 1"):
        verify_workbook(tmp_path / "truncated.xlsx")
    wb = openpyxl.load_workbook(out)
    wb["清单"]["C4"] = "另一个网点代码"
    wb.save(tmp_path / "manifest.xlsx")
    with pytest.raises(ManifestError, match="manifest itself was changed"):
        verify_workbook(tmp_path / "manifest.xlsx")


def test_summary_sheet_carries_native_charts(vault, seeded, tmp_path):
    out = tmp_path / "s.xlsx"
    with vault.sessions.begin() as s:
        do_export(s, out)
    with zipfile.ZipFile(out) as zf:
        charts = sorted(n for n in zf.namelist() if n.startswith("xl/charts/chart"))
        assert len(charts) == 4
        kinds = [("barChart" in zf.read(n).decode(), "lineChart" in zf.read(n).decode())
                 for n in charts]
    assert sum(bar for bar, _ in kinds) == 3 and sum(line for _, line in kinds) == 1
    wb = openpyxl.load_workbook(out)
    summary = wb["汇总"]
    assert len(summary._charts) == 4
    assert all(len(ws._charts) == 0 for ws in wb.worksheets if ws.title != "汇总")
    table = {r[0]: r[1] for r in summary.iter_rows(min_row=4, max_row=8, values_only=True)}
    assert table == {"VIP": 1, "高价值": 0, "中价值": 1, "低价值": 0, "未分级": 1}


def test_password_protected_export(vault, seeded, tmp_path):
    out = tmp_path / "secret.xlsx"
    with vault.sessions.begin() as s:
        result = do_export(s, out, password="总部 pass 2026")
    assert result.encrypted
    with pytest.raises(Exception):  # noqa: B017 - any failure: it is no zip at all
        openpyxl.load_workbook(out)
    assert not zipfile.is_zipfile(out)
    office = msoffcrypto.OfficeFile(open(out, "rb"))  # noqa: SIM115
    office.load_key(password="wrong password")
    with pytest.raises(msoffcrypto.exceptions.InvalidKeyError):
        office.decrypt(io.BytesIO())
    plain = io.BytesIO()
    office = msoffcrypto.OfficeFile(open(out, "rb"))  # noqa: SIM115
    office.load_key(password="总部 pass 2026")
    office.decrypt(plain)
    wb = openpyxl.load_workbook(plain)
    assert by_code(wb, seeded["zhang"].code)["手机"] == "138****8000"
    assert verify_workbook(out, password="总部 pass 2026").get("sha256") == result.checksum


def test_unmasked_needs_reason_and_is_audited(vault, seeded, tmp_path):
    out = tmp_path / "u.xlsx"
    with vault.sessions.begin() as s, pytest.raises(ValidationError, match="reason"):
        do_export(s, out, masked=False, reason="  ")
    assert not out.exists()
    with vault.sessions.begin() as s:
        do_export(s, out, masked=False, reason="监管报送", sheets=("register",))
    with vault.sessions() as s:
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "export")).one()
    assert entry.detail["masked"] is False and entry.detail["reason"] == "监管报送"
    assert entry.detail["rows"] == {"register": 3} and entry.detail["path"] == str(out)


def test_csv_is_bom_utf8_and_neutralised(vault, seeded, tmp_path):
    out = tmp_path / "r.csv"
    with vault.sessions.begin() as s:
        do_export(s, out, sheets=("register",), masked=False, reason="核对")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    import csv

    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    zhang = next(r for r in rows if r["客户编号"] == seeded["zhang"].code)
    assert zhang["备注"] == "'" + INJECTIONS[0]
    assert (zhang["地址"], zhang["微信"], zhang["来源"]) == ("'+1", "'@x", "'-2")
    assert zhang["身份证号"] == "\t" + ID_ZHANG  # stays text in Excel
    assert zhang["生日"] == "1990-03-07"
    li = next(r for r in rows if r["客户编号"] == seeded["li"].code)
    assert li["备注"] == "'\t=cmd|' /C calc'!A0"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\r")), value
    with vault.sessions.begin() as s:
        do_export(s, tmp_path / "p.csv", sheets=("purchases",))
    text = (tmp_path / "p.csv").read_text(encoding="utf-8-sig")
    assert ",1234.56," in text and ",-5.00," in text  # numbers: exact, nothing to neutralise
    with vault.sessions.begin() as s, pytest.raises(ValidationError):
        do_export(s, tmp_path / "two.csv", sheets=("register", "purchases"))


def test_filters_choose_customers_and_period_records(vault, seeded, tmp_path):
    with vault.sessions.begin() as s:
        do_export(s, tmp_path / "o.xlsx", flt=ExportFilter(owner="王经理"))
        do_export(s, tmp_path / "t.xlsx", flt=ExportFilter(tier="vip"))
        do_export(s, tmp_path / "n.xlsx", flt=ExportFilter(tier="none"))
        do_export(s, tmp_path / "g.xlsx", flt=ExportFilter(tag="潜在"))
        do_export(s, tmp_path / "d.xlsx", flt=ExportFilter(date_from=date(2026, 5, 1),
                                                            date_to=date(2026, 5, 31)))

    def codes(name):
        return sorted(r["客户编号"] for r in sheet_dicts(
            openpyxl.load_workbook(tmp_path / name)["客户名册"]))

    z, li, acme = (seeded[k].code for k in ("zhang", "li", "acme"))
    assert codes("o.xlsx") == sorted([z, acme])
    assert codes("t.xlsx") == [z]
    assert codes("n.xlsx") == [li]
    assert codes("g.xlsx") == [li]
    wb = openpyxl.load_workbook(tmp_path / "d.xlsx")
    assert [r["摘要"] for r in sheet_dicts(wb["联系记录"])] == ["+回访"]
    assert sheet_dicts(wb["购买记录"]) == [] and len(sheet_dicts(wb["客户名册"])) == 3
    assert verify_workbook(tmp_path / "d.xlsx").get("rows:购买记录") == 0


def test_cancel_and_failure_leave_the_old_file(vault, seeded, tmp_path):
    out = tmp_path / "keep.xlsx"
    out.write_bytes(b"old contents")
    with vault.sessions.begin() as s, pytest.raises(ExportCancelled):
        export(s, out, ExportOptions(), now=NOW, cancel=lambda: True)
    assert out.read_bytes() == b"old contents"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".keep")) == []
    seen = []
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(), now=NOW, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] > 0 and zipfile.is_zipfile(out)
    with vault.sessions.begin() as s, pytest.raises(ValidationError):
        do_export(s, tmp_path / "x.xls")
