"""The person's copy as readable Chinese text pages: the same content as the workbook
(app.services.privacy.person_xlsx: profile, consents, purchases, contacts, reminders,
complaints, tier and stage with the reason, holds, predicted value), A4 portrait, drawn
with matplotlib's PdfPages and plain Figures (no pyplot, no Qt).

`pdf_lines(copy)` is the whole text, line by line (pure: what the pages print, and what
the tests read); `write_pdf` lays those lines out on pages — a title "个人信息副本 ·
<code> <name>" and the date on every page, a long section continued on the next page
under its heading marked （续） — and replaces the target atomically.

The font is the one the printable report uses (app.charts.cjk_font, as app/reports/pdf.py):
the bundled GB 2312 subset first, embedded as a TrueType (Type 42) subset of the glyphs
drawn, so the text can be searched and copied; a system CJK font that matplotlib knows
comes second, glyph by glyph, for name characters beyond the subset (U+5586, U+5803…). On a
machine where no font has such a character, the line that holds it also names it by
its code point (［U+5586］): a copy the person is given must not silently show a box
where their name is."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path

from app.services.exports.cells import clean_text
from app.services.privacy.person_copy import PersonCopy
from app.services.privacy.person_xlsx import _text
from app.store.atomic import atomic_write_bytes

A4_PORTRAIT = (8.27, 11.69)
FONT_SIZE = 9
LINE_HEIGHT = 0.0175  # of the page height (≈ 14.7 pt)
TOP, BOTTOM, LEFT = 0.875, 0.06, 0.07
WIDTH_COLUMNS = 110  # half-width columns a line holds at FONT_SIZE (a hanzi counts two)
EMPTY = "（无记录）"
CONTINUED = "（续）"

HEADING, TEXT = "heading", "text"


@dataclass(frozen=True)
class Line:
    kind: str  # HEADING or TEXT
    text: str
    section: str  # the heading this line belongs to


def _value(value) -> str:
    return (clean_text(_text(value)) or "").replace("\t", " ")


def _yuan(fen: int | None) -> str:
    return "" if fen is None else f"{fen / 100:,.2f} 元"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, columns: int = WIDTH_COLUMNS) -> list[str]:
    """The text in lines of at most `columns` half-width columns (its own newlines kept)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, width = "", 0
        for ch in paragraph:
            w = _width(ch)
            if width + w > columns and line:
                lines.append(line)
                line, width = "", 0
            line += ch
            width += w
        lines.append(line)
    return lines


def _record(pairs) -> str:
    """One record as 「label：value」 pairs; the empty ones left out."""
    return "；".join(f"{label}：{text}" for label, value in pairs
                    if (text := value if isinstance(value, str) else _value(value)))


def name_of(copy: PersonCopy) -> str:
    return next((_value(p.value) for p in copy.profile if p.label == "姓名"), "")


def title_of(copy: PersonCopy) -> str:
    return f"个人信息副本 · {copy.code} {name_of(copy)}".rstrip()


def _sections(copy: PersonCopy) -> list[tuple[str, list[str]]]:
    profile = [f"{p.label}：{_value(p.value)}" for p in copy.profile]
    profile.append(f"标签：{'、'.join(copy.tags)}")
    profile += [f"自定义字段：{p.label}：{_value(p.value)}" for p in copy.custom_fields]
    profile.append(f"副本生成时间：{_value(copy.made_at)}")
    consents = [_record((("用途", c.purpose), ("状态", "同意" if c.granted else "撤回"),
                         ("日期", c.at), ("方式", c.channel), ("记录人", c.recorded_by),
                         ("告知文本", c.wording), ("备注", c.note),
                         ("当前有效", "是" if c.current else "否")))
                for c in copy.consents]
    purchases = [_record((("购买日期", p.purchased_on), ("金额", _yuan(p.amount_fen)),
                          ("产品", p.product), ("类别", p.category), ("数量", p.quantity),
                          ("渠道", p.channel)))
                 for p in copy.purchases]
    contacts = [_record((("联系时间", e.occurred_at), ("方式", e.channel),
                         ("方向", e.direction), ("目的", e.purpose), ("摘要", e.summary),
                         ("结果", e.outcome), ("满意度", e.satisfaction),
                         ("经办人", e.staff)))
                for e in copy.contacts]
    reminders = [_record((("到期时间", r.due_at), ("类型", r.kind), ("标题", r.title),
                          ("说明", r.note), ("状态", r.status), ("负责人", r.owner),
                          ("完成时间", r.completed_at)))
                 for r in copy.reminders]
    complaints = [_record((("受理时间", k.opened_at), ("类别", k.category),
                           ("严重程度", k.severity), ("状态", k.status),
                           ("描述", k.description), ("处理结果", k.resolution),
                           ("解决时间", k.resolved_at), ("关闭时间", k.closed_at),
                           ("处理后满意度", k.satisfaction_after)))
                  for k in copy.complaints]
    t, v = copy.tier, copy.clv
    tier = [] if t is None else [
        f"价值等级：{_value(t.tier)}", f"生命周期阶段：{_value(t.stage)}",
        f"原因：{_value(t.reason)}", f"购买次数：{t.frequency}",
        f"累计金额：{_yuan(t.monetary_fen)}", f"首次购买：{_value(t.first_purchase)}",
        f"最近购买：{_value(t.last_purchase)}", f"计算日期：{_value(t.as_of)}"]
    if v is not None:
        tier += [f"预测价值：{_yuan(v.clv_fen)}", f"预测期：{v.horizon_days} 天",
                 f"预计购买次数：{round(v.expected_purchases, 2)}",
                 f"仍活跃概率：{v.p_alive:.0%}", f"预测日期：{_value(v.as_of)}"]
    if not tier:
        tier = ["（尚未计算等级）"]
    holds = [_record((("冻结至", h.until), ("原因", h.reason), ("设置人", h.created_by),
                      ("设置时间", h.created_at), ("解除时间", h.released_at)))
             for h in copy.holds]
    merged = [_record((("合并时间", m.merged_at), ("被合并档案", m.codes),
                       ("原因", m.reason), ("操作人", m.actor), ("信息", m.values)))
              for m in copy.merged]
    handled = [_record((("时间", a.at), ("操作", a.action), ("操作人", a.actor),
                        ("说明", a.detail))) for a in copy.audit]
    sections = [("个人资料", profile), ("同意记录", consents), ("购买记录", purchases),
                ("联系记录", contacts), ("提醒", reminders), ("投诉", complaints),
                ("等级与阶段", tier), ("保留冻结", holds)]
    if copy.surveys:  # where present
        sections.append(("问卷", [_record((("回答时间", s.answered_at), ("问卷", s.template),
                                           ("得分", s.score), ("推荐度", s.nps),
                                           ("回答", s.answers), ("经办人", s.staff)))
                                  for s in copy.surveys]))
    pts = copy.points
    if pts is not None:  # only where the person has points, a level change or a coupon
        sections.append(("积分与会员", [
            f"积分余额：{pts.balance:,}", f"会员等级：{pts.level}",
            *(f"等级变化：{c}" for c in pts.level_changes),
            *(_record((("日期", e.day), ("类型", e.kind), ("积分", e.points),
                       ("到期日", e.expires_on), ("说明", e.reason))) for e in pts.ledger),
            *(_record((("优惠券", c.code), ("面值或折扣", c.offer), ("起始日", c.valid_from),
                       ("截止日", c.valid_until), ("使用时间", c.used_at)))
              for c in pts.coupons)]))
    if copy.campaigns:
        sections.append(("营销活动", list(copy.campaigns)))
    return [*sections, ("合并的档案", merged), ("处理记录", handled)]


def _named(text: str, covered: Container[int] | None) -> str:
    """The text, followed by the code points of the characters no font draws."""
    if covered is None:
        return text
    missing = dict.fromkeys(ch for ch in text if not ch.isspace() and ord(ch) not in covered)
    return text + "".join(f"［U+{ord(ch):04X}］" for ch in missing)


def layout(copy: PersonCopy, covered: Container[int] | None = None) -> list[Line]:
    """The copy's lines with their kind and section, records numbered and wrapped.
    `covered`: the code points the fonts draw (None: take every one as drawn)."""
    lines: list[Line] = []
    for heading, records in _sections(copy):
        lines.append(Line(HEADING, heading, heading))
        numbered = heading not in ("个人资料", "等级与阶段")
        for number, record in enumerate(records or [EMPTY], start=1):
            text = _named(f"{number}. {record}" if numbered and records else record, covered)
            lines += [Line(TEXT, part, heading) for part in wrap(text)]
    return lines


def pdf_lines(copy: PersonCopy, covered: Container[int] | None = None) -> list[str]:
    """Every line the pages print, in order, without the page titles."""
    return [line.text for line in layout(copy, covered)]


def covered_code_points() -> set[int]:
    """What the families of font.family draw (after cjk_font.configure)."""
    from matplotlib import font_manager, rcParams
    from matplotlib.ft2font import FT2Font

    points: set[int] = set()
    for family in rcParams["font.family"]:
        path = font_manager.findfont(font_manager.FontProperties(family=[family]),
                                     fallback_to_default=False)
        points.update(FT2Font(path).get_charmap())
    return points


def paginate(lines: list[Line], per_page: int) -> list[list[Line]]:
    """Pages of at most `per_page` lines; a section carried over begins its page with
    its heading marked （续）, and no page ends on a heading."""
    pages: list[list[Line]] = []
    page: list[Line] = []
    for i, line in enumerate(lines):
        last_on_page = len(page) == per_page - 1
        if len(page) == per_page or (line.kind == HEADING and last_on_page
                                     and i + 1 < len(lines)):
            pages.append(page)
            page = []
            if line.kind == TEXT:
                page.append(Line(HEADING, line.section + CONTINUED, line.section))
        page.append(line)
    pages.append(page)
    return pages


def lines_per_page() -> int:
    return int((TOP - BOTTOM) / LINE_HEIGHT)


def _page(copy: PersonCopy, lines: list[Line], number: int, total: int,
          covered: Container[int]):
    from matplotlib.figure import Figure

    fig = Figure(figsize=A4_PORTRAIT)
    text = dict(parse_math=False)  # a $ in a note is a dollar sign, not TeX
    fig.text(LEFT, 0.945, _named(title_of(copy), covered), fontsize=15, color="#1f3b73", **text)
    fig.text(LEFT, 0.918, f"生成日期：{copy.made_at:%Y-%m-%d %H:%M}", fontsize=9,
             color="#666666", **text)
    fig.text(1 - LEFT, 0.918, f"第 {number} / {total} 页", fontsize=9, color="#666666",
             ha="right", **text)
    fig.add_artist(_rule(fig))
    y = TOP
    for line in lines:
        if line.kind == HEADING:
            fig.text(LEFT, y, line.text, fontsize=11.5, color="#1f3b73", va="top", **text)
        else:
            fig.text(LEFT + 0.015, y, line.text, fontsize=FONT_SIZE, va="top", **text)
        y -= LINE_HEIGHT
    fig.text(LEFT, 0.03, "本副本未脱敏，仅交本人，请妥善保管。", fontsize=8,
             color="#888888", **text)
    return fig


def _rule(fig):
    from matplotlib.lines import Line2D

    return Line2D([LEFT, 1 - LEFT], [0.905, 0.905], transform=fig.transFigure,
                  color="#1f3b73", linewidth=0.6)


def render(copy: PersonCopy) -> bytes:
    """The PDF's bytes."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_pdf import PdfPages

    from app.charts.cjk_font import configure

    configure()  # outside rc_context: the font set-up is for the whole process
    covered = covered_code_points()
    pages = paginate(layout(copy, covered), lines_per_page())
    buffer = io.BytesIO()
    # Type 42: the bundled TrueType font embedded as a subset, text that can be searched.
    with rc_context({"pdf.fonttype": 42}), \
            PdfPages(buffer, metadata={"Title": f"个人信息副本 {copy.code}",
                                       "Creator": "Kehu"}) as pdf:
        for number, lines in enumerate(pages, start=1):
            pdf.savefig(_page(copy, lines, number, len(pages), covered))
    return buffer.getvalue()


def write_pdf(copy: PersonCopy, path: Path | str) -> None:
    atomic_write_bytes(path, render(copy))
