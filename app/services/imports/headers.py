"""Which row holds the headers, what kind of records a sheet carries, and which column
is which field — by Chinese or English names and common synonyms — plus the mappings a
user corrected, saved as named profiles (JSON in the per-user data directory)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

from app.config import data_dir
from app.errors import InvalidInput
from app.i18n import pick

CUSTOMERS, PURCHASES, CONTACTS, IGNORE = "customers", "purchases", "contacts", "ignore"
KINDS = (CUSTOMERS, PURCHASES, CONTACTS)
SKIP_FIELD = "_ignore"  # recognised but never imported (read-only export columns)
HEADER_SCAN_ROWS = 30

# Fields that name the customer a purchase or contact belongs to.
KEY_FIELDS = ("uid", "code", "id_number", "phone", "name", "birthday")

_CUSTOMER_SYNONYMS = {
    "uid": ["客户UID", "uid", "客户唯一标识"],
    "code": ["客户编号", "code", "客户号", "客户代码", "客户编码", "编号"],
    "name": ["客户名称", "name", "姓名", "客户姓名", "名称", "户名", "客户"],
    "kind": ["客户类型", "kind", "类型", "客户类别"],
    "gender": ["性别", "gender", "sex"],
    "birthday": ["生日", "birthday", "出生日期", "出生年月日", "出生年月", "birth date",
                 "date of birth", "dob"],
    "birthday_lunar": ["农历生日", "lunar_birthday", "是否农历"],
    "id_number": ["身份证号", "id_number", "身份证", "身份证号码", "证件号码", "证件号",
                  "id card", "id no"],
    "phone": ["手机", "phone", "手机号", "手机号码", "联系电话", "电话", "电话号码", "mobile",
              "tel", "移动电话"],
    "phone2": ["备用电话", "phone2", "其他电话", "固定电话", "座机", "第二电话"],
    "email": ["邮箱", "email", "电子邮箱", "e-mail", "邮件地址"],
    "wechat": ["微信", "wechat", "微信号"],
    "address": ["地址", "address", "联系地址", "住址", "家庭住址"],
    "region": ["地区", "region", "区域", "所在地区"],
    "branch": ["网点", "branch", "所属网点", "营业网点", "支行"],
    "owner": ["客户经理", "owner", "归属员工", "负责人", "所属客户经理", "业务员", "归属客户经理"],
    "source": ["来源", "source", "客户来源", "获客渠道"],
    "tags": ["标签", "tags", "tag"],
    "notes": ["备注", "notes", "note", "说明"],
    SKIP_FIELD: ["价值等级", "tier", "生命周期", "stage", "最近联系", "last_contact", "下次回访",
                 "next_revisit", "预测价值", "clv", "predicted value", "predicted_value",
                 "序号", "no", "no."],
}
_KEY_SYNONYMS = {f: _CUSTOMER_SYNONYMS[f] for f in KEY_FIELDS}
_PURCHASE_SYNONYMS = {
    **_KEY_SYNONYMS,
    "purchased_on": ["购买日期", "purchased_on", "日期", "交易日期", "消费日期", "下单日期",
                     "date", "purchase date"],
    "amount": ["金额", "amount", "消费金额", "交易金额", "购买金额", "订单金额", "金额(元)",
               "金额元"],
    "product": ["产品", "product", "产品名称", "商品", "商品名称", "购买产品"],
    "category": ["类别", "category", "产品类别", "品类"],
    "quantity": ["数量", "quantity", "qty", "件数"],
    "channel": ["渠道", "channel", "购买渠道", "销售渠道"],
}
_CONTACT_SYNONYMS = {
    **_KEY_SYNONYMS,
    "occurred_at": ["联系时间", "occurred_at", "时间", "联系日期", "回访时间", "日期", "time",
                    "date"],
    "channel": ["渠道", "channel", "联系渠道", "方式", "联系方式"],
    "direction": ["方向", "direction", "呼入呼出"],
    "purpose": ["目的", "purpose", "联系目的", "事由"],
    "summary": ["摘要", "summary", "内容", "联系内容", "沟通内容", "记录", "回访内容"],
    "outcome": ["结果", "outcome", "处理结果", "回访结果"],
    "satisfaction": ["满意度", "satisfaction", "评分"],
    "staff": ["经办人", "staff", "联系人员", "员工", "客服", "回访人"],
}
SYNONYMS = {CUSTOMERS: _CUSTOMER_SYNONYMS, PURCHASES: _PURCHASE_SYNONYMS,
            CONTACTS: _CONTACT_SYNONYMS}
# Fields only one kind has: they decide the kind of a sheet.
_TELLTALE = {PURCHASES: {"purchased_on", "amount", "product", "quantity"},
             CONTACTS: {"occurred_at", "summary", "purpose", "outcome", "satisfaction"}}
REQUIRED = {CUSTOMERS: {"name"}, PURCHASES: {"purchased_on", "amount"},
            CONTACTS: {"occurred_at", "channel"}}
_IGNORED_SHEETS = {"清单", "manifest", "汇总", "summary"}
NOTE_MANIFEST = ("A manifest or summary sheet (checksums, charts): not imported.",
                 "清单或汇总工作表（校验和、图表）：不导入。")
NOTE_UNKNOWN = ("No customer, purchase or contact columns recognised: not imported unless "
                "you choose a kind.",
                "未识别出客户、购买或联系记录的列：除非手动选择类型，否则不导入。")
_SHEET_HINTS = {PURCHASES: ("购买", "消费", "交易", "订单", "purchase"),
                CONTACTS: ("联系", "回访", "沟通", "contact")}


def normalize_header(text: object) -> str:
    """Fold width and case, drop spaces, asterisks (required marks) and colons."""
    value = unicodedata.normalize("NFKC", str(text or "")).lower()
    return re.sub(r"[\s*:：]", "", value)


_LOOKUP = {kind: {normalize_header(s): f for f, names in syn.items() for s in names}
           for kind, syn in SYNONYMS.items()}


def fields_of(kind: str) -> list[str]:
    return [f for f in SYNONYMS[kind] if f != SKIP_FIELD]


@dataclass
class SheetMapping:
    """What to import from one sheet: its kind, the (1-based) header row and the
    field of each column index (columns absent from `columns` are not imported)."""

    sheet: str
    kind: str
    header_row: int
    headers: list[str] = field(default_factory=list)
    columns: dict[int, str] = field(default_factory=dict)
    # Why a sheet is not imported (or how it was recognised), English and Chinese.
    note_en: str = ""
    note_zh: str = ""

    @property
    def note(self) -> str:
        return pick(self.note_en, self.note_zh) if self.note_en else ""

    def missing_required(self) -> set[str]:
        if self.kind == IGNORE:
            return set()
        given = set(self.columns.values())
        missing = REQUIRED[self.kind] - given
        if self.kind != CUSTOMERS and not given & set(KEY_FIELDS):
            missing.add("customer")
        return missing

    def to_json(self) -> dict:
        out = {"sheet": self.sheet, "kind": self.kind, "header_row": self.header_row,
               "headers": self.headers, "columns": {str(k): v for k, v in self.columns.items()}}
        if self.note_en:
            out["note"] = self.note
        return out


def map_columns(headers: list, kind: str) -> dict[int, str]:
    lookup = _LOOKUP[kind]
    out: dict[int, str] = {}
    for index, cell in enumerate(headers):
        found = lookup.get(normalize_header(cell))
        if found and found != SKIP_FIELD and found not in out.values():
            out[index] = found
    return out


def _kind_of(row: list, sheet: str) -> str:
    lowered = sheet.lower()
    scores = {}
    for kind in (PURCHASES, CONTACTS):
        matched = {_LOOKUP[kind].get(normalize_header(c)) for c in row}
        hinted = any(h in lowered for h in _SHEET_HINTS[kind])
        scores[kind] = len(matched & _TELLTALE[kind]) * 2 + hinted
    kind = max(scores, key=scores.get)
    return kind if scores[kind] >= 3 else CUSTOMERS


def detect(sheet: str, head_rows: list[list]) -> SheetMapping:
    """Find the header row among the first rows (title rows and merged title cells
    above it have one or two filled cells and match few names) and map its columns."""
    if sheet.strip().lower() in _IGNORED_SHEETS:
        return SheetMapping(sheet, IGNORE, 1, note_en=NOTE_MANIFEST[0], note_zh=NOTE_MANIFEST[1])
    best = (0, 0, CUSTOMERS, {})
    for index, row in enumerate(head_rows[:HEADER_SCAN_ROWS]):
        kind = _kind_of(row, sheet)
        columns = map_columns(row, kind)
        if len(columns) > best[0]:
            best = (len(columns), index, kind, columns)
    score, index, kind, columns = best
    if score < 2:
        return SheetMapping(sheet, IGNORE, 1, note_en=NOTE_UNKNOWN[0], note_zh=NOTE_UNKNOWN[1])
    headers = [_header_text(c) for c in head_rows[index]]
    return SheetMapping(sheet, kind, index + 1, headers, columns)


def _header_text(cell: object) -> str:
    return "" if cell is None else str(cell).strip()


# --- saved mapping profiles ---------------------------------------------------------------
def _profiles_path():
    return data_dir() / "import_profiles.json"


def load_profiles() -> dict[str, dict]:
    try:
        raw = json.loads(_profiles_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def profile_names() -> list[str]:
    return sorted(load_profiles())


def save_profile(name: str, mappings: list[SheetMapping]) -> None:
    """Remember, per kind, header text → field, so the same layout maps itself."""
    from app.store.atomic import atomic_write_bytes

    name = name.strip()
    if not name:
        raise InvalidInput("A mapping profile needs a name.", "映射方案需要名称。")
    profile: dict[str, dict[str, str]] = {}
    for m in mappings:
        if m.kind == IGNORE:
            continue
        part = profile.setdefault(m.kind, {})
        for index, fld in m.columns.items():
            if index < len(m.headers) and m.headers[index]:
                part[normalize_header(m.headers[index])] = fld
    profiles = load_profiles()
    profiles[name] = profile
    data = json.dumps(profiles, ensure_ascii=False, indent=2).encode("utf-8")
    atomic_write_bytes(_profiles_path(), data)


def apply_profile(mapping: SheetMapping, name: str) -> SheetMapping:
    """The mapping with the profile's columns for this sheet's kind laid over it."""
    profiles = load_profiles()
    if name not in profiles:
        known = "、".join(sorted(profiles)) or "-"
        raise InvalidInput(f"There is no saved mapping named {name!r} (saved: {known}).",
                           f"没有名为 {name!r} 的映射方案（已保存：{known}）。")
    part = profiles[name].get(mapping.kind, {})
    columns = dict(mapping.columns)
    for index, header in enumerate(mapping.headers):
        fld = part.get(normalize_header(header))
        if fld:
            columns = {k: v for k, v in columns.items() if v != fld}
            columns[index] = fld
    return SheetMapping(mapping.sheet, mapping.kind, mapping.header_row, mapping.headers,
                        columns)
