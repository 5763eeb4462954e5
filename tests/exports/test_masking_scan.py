"""Every outgoing path scanned for what masking must hide (issue 12 item 4).

Customers are seeded through the services with a mobile, a valid 18-digit ID number
and an e-mail address in every text field (name, address, notes, source, tags,
owner…), the WeChat ID equal to the mobile, a landline shared by a household, and
contacts, complaints, reminders and purchases whose texts carry the same. Then every
cell of every sheet of the masked xlsx export, each csv, the consolidation output,
the rejected-rows workbook, every string the PDF report draws, and the .ics file are
scanned for an unmasked mobile (1[3-9] and nine digits), an 18-digit ID number or an
e-mail address — and for each seeded secret in any spacing. The same scan over the
unmasked counterparts must find them (so the scan can fail).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from datetime import date, datetime

import openpyxl
import pytest
from icalendar import Calendar

from app.models import Purchase
from app.security.vault import Vault
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.services.customers.validation import make_id_check_digit
from app.services.daily import complaints as cs
from app.services.daily import contacts as ct
from app.services.daily import reminders as rs
from app.services.daily.ics import export_open_reminders
from app.services.exports.consolidation import consolidate
from app.services.exports.service import ExportOptions, export
from app.services.exports.templates import DATA_SHEETS
from tests.conftest import PASSWORD

NOW = datetime(2026, 11, 24, 12, 0)
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
ID18 = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# Kehu's own identifiers (uids, checksums) are random hex: not personal data.
TECHNICAL = re.compile(r"[0-9a-f]{64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                       r"[0-9a-f]{12}")


def _id(region: str, born: date, seq: int) -> str:
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    return first17 + make_id_check_digit(first17)


PEOPLE = [  # name, gender, birthday, mobile, e-mail
    ("张伟", "male", date(1985, 6, 12), "13912340001", "zhangwei.work@example.com"),
    ("张伟", "male", date(1990, 1, 1), "13712340002", "13712340002@139.com"),  # same name
    ("欧阳娜娜", "female", date(1978, 12, 31), "15812340003", "nana@qq.com"),
    ("李静", "female", date(2001, 2, 28), "18612340004", "jing.li@163.com"),
]
LANDLINE = "0571-88886666"  # the household of the two 张伟


def secrets_of(i: int) -> tuple[str, str, str]:
    _name, gender, born, mobile, email = PEOPLE[i]
    return mobile, _id("330106", born, 2 * i + (1 if gender == "male" else 2)), email


def _text(i: int, label: str) -> str:
    """A text field's value: its label and person i's mobile (written three ways),
    ID number and e-mail, as people type them into notes."""
    mobile, id_number, email = secrets_of(i)
    spaced = f"{mobile[:3]} {mobile[3:7]} {mobile[7:]}"
    full_width = unicodedata.normalize("NFKC", mobile).translate(
        str.maketrans("0123456789", "０１２３４５６７８９"))
    return (f"{label} 电话{mobile}，+86 {spaced}，{full_width}；身份证{id_number}；"
            f"邮箱 {email}")


def seed(session) -> list[str]:
    codes = []
    for i, (name, gender, born, mobile, email) in enumerate(PEOPLE):
        _, id_number, _ = secrets_of(i)
        owner = f"王经理{secrets_of(3)[0]}" if i % 2 else "赵经理 13600000009"
        row = create_customer(session, CustomerInput(
            name=name if i else f"{name}{mobile}", gender=gender, birthday=born,
            id_number=id_number, phone=mobile, phone2=LANDLINE if i < 2 else None,
            email=email, wechat=mobile, address=f"浙江省杭州市西湖区文三路{i}号 {_text(i, '门卫')}",
            region="西湖区", branch="西湖支行", owner=owner, source=_text(i, "来源"),
            notes=_text(i, "备注") + "\n卡号 6222 0212 3456 7890 123", tags=[f"推荐人{mobile}"]))
        codes.append(row.code)
        ct.log_contact(session, row.code, ct.ContactInput(
            channel="phone", purpose="revisit", summary=_text(i, "摘要"),
            outcome=_text(i, "结果"), staff=owner, occurred_at=datetime(2026, 5, 2, 10, i)),
            now=NOW)
        complaint = cs.open_complaint(session, row.code, category=f"服务{mobile}",
                                      severity="medium", description=_text(i, "投诉"),
                                      now=datetime(2026, 7, 1, 9), owner=owner)
        cs.change_status(session, complaint.id, "resolved", now=datetime(2026, 7, 2, 9),
                         resolution=_text(i, "处理"))
        rs.create_reminder(session, row.code, due_at=datetime(2026, 12, 1, 9),
                           title=f"回访 {mobile}", kind="revisit", note=_text(i, "提醒"),
                           owner=owner, now=NOW)
        session.add(Purchase(customer_id=row.id, purchased_on=date(2026, 3, 1),
                             amount_fen=1380013800, product=_text(i, "产品"),
                             category=f"理财{mobile}", quantity=1, channel=f"网点{email}"))
    session.flush()
    return codes


ALL_SECRETS = [s for i in range(len(PEOPLE)) for s in secrets_of(i)]


def leaks(values) -> list[str]:
    """Unmasked personal numbers and addresses in these values (cells, lines…)."""
    found = []
    for value in values:
        if value is None or isinstance(value, (int, float, date)):
            text = "" if value is None or isinstance(value, date) else str(value)
        else:
            text = str(value)
        text = TECHNICAL.sub("", unicodedata.normalize("NFKC", text))
        found += MOBILE.findall(text) + ID18.findall(text) + EMAIL.findall(text)
        joined = re.sub(r"[\s\-+]", "", text)
        found += [s for s in ALL_SECRETS if s in joined and s not in found]
    return found


def workbook_values(path, password=None) -> list:
    wb = openpyxl.load_workbook(path)
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]


@pytest.fixture
def seeded(vault):
    with vault.sessions.begin() as s:
        return seed(s)


def test_the_masked_export_carries_no_personal_number_in_any_cell(vault, seeded, tmp_path):
    with vault.sessions.begin() as s:
        export(s, tmp_path / "masked.xlsx", ExportOptions(), now=NOW)
        export(s, tmp_path / "full.xlsx", ExportOptions(masked=False, reason="核对"), now=NOW)
    values = workbook_values(tmp_path / "masked.xlsx")
    assert len(values) > 500
    assert leaks(values) == []
    wb = openpyxl.load_workbook(tmp_path / "masked.xlsx")
    assert wb.sheetnames == ["客户名册", "购买记录", "联系记录", "回访计划", "投诉记录",
                             "问卷满意度", "汇总", "清单"]
    register = [dict(zip([c.value for c in wb["客户名册"][1]], r, strict=True))
                for r in wb["客户名册"].iter_rows(min_row=2, values_only=True)]
    assert {r["微信"] for r in register} >= {"1****1", "1****2"}
    assert all(r["生日"] is None for r in register)
    assert "王经理186****0004" in str(values)  # the summary's owners too
    # The unmasked export (with a reason) carries every seeded value: the scan can fail.
    full = leaks(workbook_values(tmp_path / "full.xlsx"))
    assert set(ALL_SECRETS) <= set(full)


@pytest.mark.parametrize("sheet", list(DATA_SHEETS))
def test_every_csv_sheet_is_masked(vault, seeded, tmp_path, sheet):
    out = tmp_path / f"{sheet}.csv"
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(sheets=(sheet,)), now=NOW)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 1 + len(PEOPLE)
    assert leaks(v for row in rows for v in row) == []
    with vault.sessions.begin() as s:
        export(s, out, ExportOptions(sheets=(sheet,), masked=False, reason="核对"), now=NOW)
    assert leaks([out.read_text(encoding="utf-8-sig")])


def test_consolidation_output_is_masked_even_from_unmasked_branches(vault, seeded, tmp_path):
    other, _ = Vault.create(tmp_path / "other" / "k.db", PASSWORD)
    try:
        with other.sessions.begin() as s:
            seed(s)
        inputs = []
        for v, name in ((vault, "西湖支行"), (other, "滨江支行")):
            path = tmp_path / f"{name}.xlsx"
            with v.sessions.begin() as s:
                export(s, path, ExportOptions(masked=False, reason="总部合并", branch_name=name,
                                              branch_code=secrets_of(0)[0]), now=NOW)
            inputs.append(path)
    finally:
        other.lock()
    result = consolidate(tmp_path / "hq.xlsx", inputs, now=NOW)
    assert {c.basis for c in result.conflicts} == {"id_number", "phone"}  # on full values
    values = workbook_values(tmp_path / "hq.xlsx")
    assert len(values) > 300 and leaks(values) == []
    consolidate(tmp_path / "hq-full.xlsx", inputs, now=NOW, masked=False, reason="核对")
    assert set(ALL_SECRETS) <= set(leaks(workbook_values(tmp_path / "hq-full.xlsx")))


def test_the_rejected_rows_workbook_is_masked(vault, seeded, tmp_path):
    from app.services.imports.report import columns_of, write_rejected
    from app.services.imports.session import dry_run

    source = tmp_path / "branch.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(["姓名", "手机", "身份证号", "邮箱", "微信", "地址", "生日", "备注"])
    for i in range(len(PEOPLE)):
        mobile, id_number, email = secrets_of(i)
        ws.append([f"新客户{i}", int(mobile), id_number, email, mobile, _text(i, "地址"),
                   "生日不详", _text(i, "备注")])  # the birthday is no date: rejected
    wb.save(source)
    with vault.sessions() as s:
        plan, mappings = dry_run(s, source)
    assert plan.totals()["reject"] == len(PEOPLE)
    out = tmp_path / "rejected.xlsx"
    assert write_rejected(plan, out, sessions=vault.sessions,
                          columns=columns_of(mappings)) == len(PEOPLE)
    assert leaks(workbook_values(out)) == []
    write_rejected(plan, out, masked=False, reason="修正后重新导入", sessions=vault.sessions)
    assert set(ALL_SECRETS) <= set(leaks(workbook_values(out)))


def _figure_texts(fig) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text)]


def test_what_the_pdf_report_draws_is_masked(vault, seeded, tmp_path):
    import dataclasses

    from app.charts.dashboard_figures import CHARTS, new_figure
    from app.reports import pdf
    from app.services.dashboard.scope import DashboardFilter

    owner = f"王经理{secrets_of(3)[0]}"
    flt = DashboardFilter(date(2026, 1, 1), date(2026, 11, 24), owner=owner)
    with vault.sessions() as s:
        raw = pdf.gather(s, flt, now=NOW)
    data = pdf.printable(raw)

    def strings(obj) -> list[str]:
        if isinstance(obj, str):
            return [obj]
        if dataclasses.is_dataclass(obj):
            return [t for f in dataclasses.fields(obj) for t in strings(getattr(obj, f.name))]
        if isinstance(obj, (list, tuple)):
            return [t for v in obj for t in strings(v)]
        if isinstance(obj, dict):
            return [t for v in obj.values() for t in strings(v)]
        return []

    assert owner in strings(raw) and leaks(strings(raw))  # the data does carry them
    assert leaks(strings(data)) == []
    drawn = []
    for lang in ("zh", "en"):
        cover = new_figure(*pdf.A4_LANDSCAPE)
        pdf._cover(cover, data, lang)
        drawn += _figure_texts(cover)
        for draw in CHARTS.values():
            fig = new_figure(*pdf.A4_LANDSCAPE)
            draw(fig, data.series, lang)
            drawn += _figure_texts(fig)
        for fig in pdf._staff_pages(data, lang, lambda: new_figure(*pdf.A4_LANDSCAPE)):
            drawn += _figure_texts(fig)
    assert any("186****0004" in t for t in drawn)  # the owner is drawn, masked
    assert leaks(drawn) == []
    result = pdf.render(raw, tmp_path / "r.pdf", lang="en", scratch=vault.sessions)
    assert result.pages > 2 and (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_the_ics_file_is_masked_by_default(vault, seeded, tmp_path):
    out = tmp_path / "r.ics"
    with vault.sessions.begin() as s:
        assert export_open_reminders(s, out, now=NOW, tz="Asia/Shanghai") == len(PEOPLE)
    raw = out.read_bytes().decode("utf-8")
    cal = Calendar.from_ical(raw)
    texts = [str(c[k]) for c in cal.walk("VTODO") for k in ("SUMMARY", "DESCRIPTION")]
    unfolded = raw.replace("\r\n ", "")
    assert leaks(texts) == [] and leaks(unfolded.splitlines()) == []
    assert all("张伟" not in t and "欧阳娜娜" not in t for t in texts)
    with vault.sessions.begin() as s:
        export_open_reminders(s, out, now=NOW, masked=False, reason="出差")
    assert set(ALL_SECRETS) <= set(leaks(out.read_bytes().decode("utf-8")
                                         .replace("\r\n ", "").splitlines()))
