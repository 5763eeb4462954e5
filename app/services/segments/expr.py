"""A saved segment's filter: comma-separated conditions `field=value`, `field>=value`,
`field<=value`, ANDed (e.g. `tier=vip,stage=at_risk`, `clv_fen>=100000`,
`last_purchase<=2026-06-30`, `cluster=2`). Parsed into conditions with a clear error
naming the part that is wrong; compiled to SQL over the active customers, so a segment
is dynamic: the same expression finds today's members whenever it is used."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import aliased

from app.errors import InvalidInput
from app.models import (
    ClvRun,
    Customer,
    CustomerCluster,
    CustomerClv,
    CustomerTier,
    Tag,
    customer_tag,
)
from app.models.enums import LifecycleStage, ValueTier

TEXT = ("tag", "owner", "region", "branch")  # `=` only
CODED = {"tier": tuple(ValueTier), "stage": tuple(LifecycleStage)}  # `=` only
NUMBER = ("clv_fen", "cluster")  # `=`, `>=`, `<=`
DATE = ("last_purchase",)
FIELDS = (*CODED, *TEXT, *NUMBER, *DATE)
_PART = re.compile(r"^\s*([a-z_]+)\s*(>=|<=|=)\s*(.*?)\s*$")


@dataclass(frozen=True)
class Condition:
    field: str
    op: str  # "=", ">=", "<="
    value: str | int | date

    def text(self) -> str:
        return f"{self.field}{self.op}{self.value}"


def _bad(part: str, en: str, zh: str) -> InvalidInput:
    return InvalidInput(f"In “{part}”: {en}", f"条件“{part}”有误：{zh}")


def parse(expression: str) -> list[Condition]:
    if not expression or not expression.strip():
        raise InvalidInput("A segment needs at least one condition, e.g. tier=vip.",
                           "分群至少需要一个条件，例如 tier=vip。")
    out = []
    for part in expression.split(","):
        m = _PART.match(part)
        if not m:
            raise _bad(part.strip(), "write field=value, field>=value or field<=value.",
                       "应写作 字段=值、字段>=值 或 字段<=值。")
        name, op, raw = m.groups()
        if name not in FIELDS:
            raise _bad(part.strip(), f"unknown field {name}; the fields are "
                       f"{', '.join(FIELDS)}.", f"没有字段 {name}；可用字段：{'、'.join(FIELDS)}。")
        if not raw:
            raise _bad(part.strip(), "the value is missing.", "缺少值。")
        if op != "=" and name not in NUMBER + DATE:
            raise _bad(part.strip(), f"{name} can only be compared with =.",
                       f"{name} 只能用 = 比较。")
        value: str | int | date = raw
        if name in CODED and raw not in CODED[name]:
            codes = ", ".join(CODED[name])
            raise _bad(part.strip(), f"{raw} is not a {name}; one of {codes}.",
                       f"{raw} 不是有效的取值；可选：{codes}。")
        if name in NUMBER:
            try:
                value = int(raw)
            except ValueError:
                raise _bad(part.strip(), f"{raw} is not a whole number.",
                           f"{raw} 不是整数。") from None
        if name in DATE:
            try:
                value = date.fromisoformat(raw)
            except ValueError:
                raise _bad(part.strip(), f"{raw} is not a date like 2026-06-30.",
                           f"{raw} 不是日期（应写作 2026-06-30）。") from None
        out.append(Condition(name, op, value))
    return out


def _compare(column, op: str, value):
    return column == value if op == "=" else column >= value if op == ">=" else column <= value


def _condition(c: Condition) -> ColumnElement[bool]:
    if c.field in ("owner", "region", "branch"):
        return getattr(Customer, c.field) == c.value
    if c.field == "tag":
        return Customer.id.in_(select(customer_tag.c.customer_id).join(
            Tag, Tag.id == customer_tag.c.tag_id).where(Tag.name == c.value))
    if c.field in ("tier", "stage", "last_purchase"):
        # Aliased: a query that joins customer_tier itself (the export register) would
        # otherwise correlate the subquery with its own join.
        ct = aliased(CustomerTier)
        column = {"tier": ct.value_tier, "stage": ct.lifecycle_stage,
                  "last_purchase": ct.last_purchase}[c.field]
        return Customer.id.in_(select(ct.customer_id).where(_compare(column, c.op, c.value)))
    if c.field == "clv_fen":  # the latest run's predicted value
        latest = select(func.max(ClvRun.as_of)).scalar_subquery()
        return Customer.id.in_(select(CustomerClv.customer_id).where(
            CustomerClv.as_of == latest, _compare(CustomerClv.clv_fen, c.op, c.value)))
    return Customer.id.in_(select(CustomerCluster.customer_id).where(  # cluster
        _compare(CustomerCluster.cluster_id, c.op, c.value)))


def where(conditions: list[Condition]) -> ColumnElement[bool]:
    """The SQL condition on Customer (the caller keeps to the active customers)."""
    return and_(*(_condition(c) for c in conditions))


def normal(expression: str) -> str:
    """The expression as stored: each condition once written the same way."""
    return ",".join(c.text() for c in parse(expression))
