"""The customer list's quick filters written as a segment expression (the list's
"Save as segment…"): owner, region, tag, tier, stage and the predicted-value range,
and the conditions of a segment chosen with them. What no expression says is refused
with a reason: the trash, a dashboard drill-down (a bare set of ids), a value with a
comma (the expression's separator) or with spaces at its ends (parsing strips them)."""

from __future__ import annotations

from app.errors import InvalidInput
from app.services.customers.search import ListFilter, Scope
from app.services.segments import expr


def _text_condition(field: str, value: str) -> str:
    if "," in value:
        raise InvalidInput(
            f"“{value}” has a comma, which a segment cannot say (commas separate its "
            "conditions); choose another value or save the segment from the command line "
            "with a value without commas.",
            f"“{value}”含有逗号，分群无法表达（逗号用来分隔条件）；请选择其他值。")
    if value != value.strip():
        raise InvalidInput(f"“{value}” begins or ends with a space, which a segment cannot say.",
                           f"“{value}”以空格开头或结尾，分群无法表达。")
    return f"{field}={value}"


def expression_of(flt: ListFilter) -> str:
    """The stored form of the expression (expr.normal). A chosen segment must have its
    expression read (search.with_segment): its conditions come first."""
    if flt.scope != Scope.ACTIVE:
        raise InvalidInput("The trash cannot be saved as a segment.", "回收站不能保存为分群。")
    if flt.ids is not None:
        raise InvalidInput("A dashboard drill-down is a list of customers no condition "
                           "says; it cannot be saved as a segment.",
                           "仪表盘钻取的客户名单无法用条件表达，不能保存为分群。")
    own: list[str] = []
    for field, value in (("owner", flt.owner), ("region", flt.region), ("tag", flt.tag),
                         ("tier", flt.tier), ("stage", flt.stage)):
        if value is not None:
            own.append(_text_condition(field, value))
    if flt.clv_min_fen is not None:
        own.append(f"clv_fen>={flt.clv_min_fen}")
    if flt.clv_max_fen is not None:
        own.append(f"clv_fen<={flt.clv_max_fen}")
    if not own:
        raise InvalidInput("Choose an owner, region, tag, tier, stage or value range first.",
                           "请先选择客户经理、地区、标签、层级、阶段或价值范围。")
    if flt.segment is not None and flt.segment_expression is None:
        raise ValueError(f"the expression of segment {flt.segment!r} was not read")
    inherited = [c.text() for c in expr.parse(flt.segment_expression)] \
        if flt.segment_expression else []
    parts = list(dict.fromkeys([*inherited, *own]))  # each condition once, in order
    return expr.normal(",".join(parts))
