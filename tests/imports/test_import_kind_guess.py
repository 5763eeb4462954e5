"""A new customer's type when the file does not give it: an enterprise when the name
says so (公司/有限/集团/厂/店/银行/合作社), else an individual; a given type always wins."""

from __future__ import annotations

from sqlalchemy import select

from app.models import Customer
from app.services.imports.session import run_import
from app.services.imports.values import ENTERPRISE_MARKS, guess_kind


def _kinds(vault) -> dict[str, str]:
    with vault.sessions() as s:
        return dict(s.execute(select(Customer.name, Customer.kind)).all())


def _import(vault, path, rows, headers):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(headers)
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    run_import(vault.sessions, path, backup=lambda: vault.backup("import"))


def test_the_rule():
    assert ENTERPRISE_MARKS == ("公司", "有限", "集团", "厂", "店", "银行", "合作社")
    for name in ("杭州西湖科技有限公司", "浙江某某集团", "城东五金店", "红星机械厂",
                 "农商银行城西支行", "茶农专业合作社", "某某（杭州）有限责任公司", "张记公司"):
        assert guess_kind(name) == "enterprise", name
    for name in ("张三", "李有为", "王建国", None, ""):
        assert guess_kind(name) == "individual", name


def test_without_a_type_column_a_company_name_is_an_enterprise(vault, tmp_path):
    names = ["杭州西湖科技有限公司", "城东五金店", "茶农专业合作社", "张三"]
    _import(vault, tmp_path / "a.xlsx", [[n, f"1380013800{i}"] for i, n in enumerate(names)],
            ["客户名称", "手机"])
    assert _kinds(vault) == {"杭州西湖科技有限公司": "enterprise", "城东五金店": "enterprise",
                             "茶农专业合作社": "enterprise", "张三": "individual"}


def test_a_given_type_wins_and_a_blank_cell_is_guessed(vault, tmp_path):
    rows = [["某某贸易有限公司", "个人", "13800138000"],   # the file says individual
            ["王五", "企业", "13800138001"],             # the file says enterprise
            ["李四", "机构", "13800138002"],
            ["宏达集团", None, "13800138003"]]          # blank: guessed
    _import(vault, tmp_path / "b.xlsx", rows, ["客户名称", "客户类型", "手机"])
    assert _kinds(vault) == {"某某贸易有限公司": "individual", "王五": "enterprise",
                             "李四": "institution", "宏达集团": "enterprise"}


def test_an_update_without_a_type_keeps_the_customers_type(vault, tmp_path):
    _import(vault, tmp_path / "c.xlsx", [["老王", "个人", "13800138000"]],
            ["客户名称", "客户类型", "手机"])
    # the same customer (by mobile), renamed to a shop, in a file without the type
    _import(vault, tmp_path / "d.xlsx", [["老王五金店", "13800138000"]], ["客户名称", "手机"])
    with vault.sessions() as s:
        assert s.execute(select(Customer.name, Customer.kind)).all() == [("老王", "individual")]
