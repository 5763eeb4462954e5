"""Saved segments on a real encrypted demo file: the expression's errors name the part
that is wrong; members are counted again each time (dynamic), the trash and merge
tombstones left out; the CLI's JSON shapes; `export --segment` writes the members."""

from __future__ import annotations

import json
from datetime import date, datetime

import openpyxl
import pytest
from sqlalchemy import select

from app.errors import InvalidInput
from app.models import Customer, CustomerTier
from app.security.vault import Vault
from app.services.customers.service import move_to_trash
from app.services.demo.generator import generate_demo_data
from app.services.segments import expr, service
from app.services.tiers.service import recompute
from tests.conftest import CLI_PASSWORD as PW


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store

DAY = date(2026, 12, 1)


@pytest.mark.parametrize(("text", "words"), [
    ("", "at least one condition"),
    ("tier", "field=value"),
    ("colour=red", "unknown field colour"),
    ("tier=gold", "gold is not a tier; one of vip, high, mid, low"),
    ("stage>=new", "stage can only be compared with ="),
    ("clv_fen>=lots", "lots is not a whole number"),
    ("last_purchase<=June", "June is not a date"),
    ("tier=vip,owner=", "the value is missing"),
])
def test_a_bad_expression_names_the_part_that_is_wrong(text, words):
    with pytest.raises(InvalidInput) as caught:
        expr.parse(text)
    assert words in caught.value.en
    assert caught.value.zh and caught.value.zh != caught.value.en


def test_conditions_are_stored_in_one_form():
    assert expr.normal(" tier = vip , clv_fen>= 100000") == "tier=vip,clv_fen>=100000"


def _demo(vault):
    generate_demo_data(vault.sessions, 300, seed=9, today=DAY)
    with vault.sessions.begin() as s:
        recompute(s, DAY, clock=lambda: datetime(2026, 12, 1, 9, 0))


def _expected(s, tier: str, owner: str, before: date) -> set[int]:
    """The same segment written out in Python over plain rows."""
    rows = s.execute(select(Customer.id, Customer.owner, Customer.deleted_at,
                            CustomerTier.value_tier, CustomerTier.last_purchase)
                     .join(CustomerTier, CustomerTier.customer_id == Customer.id))
    return {cid for cid, own, gone, t, last in rows
            if gone is None and t == tier and own == owner and last and last <= before}


def test_members_are_todays_and_leave_out_the_trash(vault):
    _demo(vault)
    with vault.sessions() as s:
        owner = s.scalar(select(Customer.owner).where(Customer.owner.is_not(None)))
    text = f"tier=low,owner={owner},last_purchase<=2026-10-31"
    with vault.sessions.begin() as s:
        service.save(s, "低价值久未购买", text)
    with vault.sessions() as s:
        want = _expected(s, "low", owner, date(2026, 10, 31))
        got = {cid for cid, _ in service.members(s, "低价值久未购买")}
        assert got == want and len(want) > 3
        assert service.listing(s)[0].count == len(want)
    with vault.sessions.begin() as s:
        move_to_trash(s, [min(want)])
    with vault.sessions() as s:  # dynamic: evaluated again, without the trashed one
        assert {cid for cid, _ in service.members(s, "低价值久未购买")} == want - {min(want)}


def test_a_taken_name_is_refused_unless_replaced(vault):
    _demo(vault)
    with vault.sessions.begin() as s:
        service.save(s, "VIP", "tier=vip")
    with vault.sessions.begin() as s, pytest.raises(InvalidInput, match="exists already"):
        service.save(s, "VIP", "tier=high")
    with vault.sessions.begin() as s:
        service.save(s, "VIP", "tier=high", replace=True)
    with vault.sessions() as s:
        assert service.get(s, "VIP").expression == "tier=high"


def test_cli_discover_save_list_show_and_export(cli, tmp_path):
    assert cli("init")[0] == 0
    with Vault.open_with_password(cli.db, PW) as vault:
        _demo(vault)
    code, out, err = cli("segments", "discover", "--k", "4", "--json")
    assert code == 0, err
    found = json.loads(out)
    assert found["k"] == 4 and len(found["clusters"]) == 4
    assert {"id", "size", "description"} <= set(found["clusters"][0])
    code, out, err = cli("segments", "save", "最有价值", "--cluster", "1")
    assert code == 0, err
    code, out, err = cli("segments", "save", "贵宾", "--filter", "tier=vip")
    assert code == 0, err
    listed = json.loads(cli("segments", "list", "--json")[1])
    assert [r["name"] for r in listed] == ["最有价值", "贵宾"]
    assert listed[0]["count"] == found["clusters"][0]["size"]
    shown = json.loads(cli("segments", "show", "贵宾", "--json")[1])
    assert set(shown) == {"name", "expression", "count", "members"}
    assert shown["count"] == len(shown["members"]) > 0
    target = tmp_path / "vip.xlsx"
    code, _, err = cli("export", str(target), "--sheets", "register", "--segment", "贵宾")
    assert code == 0, err
    sheet = openpyxl.load_workbook(target, read_only=True).worksheets[0]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert {code for code in shown["members"]} <= set(cells)
    assert sum(c.startswith("KH") and len(c) == 8 for c in cells) == shown["count"]
    code, _, err = cli("segments", "show", "没有这个")
    assert code != 0 and "没有这个" in err
    code, _, err = cli("segments", "save", "坏", "--filter", "tier=gold")
    assert code != 0 and "gold" in err
