"""The fixed, versioned sheet layouts of a Kehu export (what head office relies on).

Changing a sheet's columns, their order or a value label is a new SCHEMA_VERSION:
consolidation refuses versions it does not know. Version 2 added the register's last
column, 预测价值 (predicted value, read-only: ignored on re-import); a version-1
register is the same sheet without it (REGISTER_V1), still accepted. Version 3 added
the survey sheet 问卷满意度 (SURVEYS: the monthly satisfaction figures, read-only:
ignored on re-import); versions 1 and 2 are still accepted. The customer
register's headers and value labels are the contract with the import side (客户名册:
Chinese header first, English alias accepted on import).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.services import masking as M
from app.services import vocabulary

SCHEMA_VERSION = "kehu-export/3"
KNOWN_SCHEMA_VERSIONS = ("kehu-export/1", "kehu-export/2", SCHEMA_VERSION)
# Head office's merged workbook: the register with a source-branch column first.
CONSOLIDATED_SCHEMA_VERSION = "kehu-consolidated/2"

# Column kinds: how a value is written (see export_cells).
TEXT = "text"  # inline string, never a formula
CODE = "code"  # text with the '@' format, so editing in Excel keeps it text
DATE = "date"
DATETIME = "datetime"
MONEY = "money"  # integer fen in, yuan number with a ¥ format out
INT = "int"
NUMBER = "number"  # a figure with one decimal (scores, shares, NPS)


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # Chinese header, written in row 1
    alias: str  # English alias accepted on import
    kind: str = TEXT
    width: float = 12  # in Excel character units (a Chinese character counts ~2)
    # What the value is to app.services.masking: free text (scrubbed) unless declared.
    mask: str = M.TEXT

    @property
    def mask_kind(self) -> str:
        """The kind masking applies: amounts, counts and times are figures, never text
        (a big amount must not be taken for a phone number), unless declared."""
        if self.mask == M.TEXT and self.kind in (DATE, DATETIME, MONEY, INT, NUMBER):
            return M.KEY
        return self.mask


@dataclass(frozen=True)
class SheetTemplate:
    key: str
    title: str  # the sheet name
    columns: tuple[Column, ...]


def _c(key, header, alias=None, kind=TEXT, width=12, mask=M.TEXT) -> Column:
    return Column(key, header, alias or key, kind, width, mask)


REGISTER = SheetTemplate("register", "客户名册", (
    _c("uid", "客户UID", width=38, mask=M.KEY),
    _c("code", "客户编号", kind=CODE, width=14, mask=M.KEY),
    _c("name", "客户名称", width=28, mask=M.NAME),
    _c("kind", "客户类型", width=10),
    _c("gender", "性别", width=7),
    _c("birthday", "生日", kind=DATE, width=12, mask=M.BIRTHDAY),
    _c("birthday_lunar", "农历生日", "lunar_birthday", width=10),
    _c("id_number", "身份证号", kind=CODE, width=22, mask=M.ID_NUMBER),
    _c("phone", "手机", kind=CODE, width=15, mask=M.PHONE),
    _c("phone2", "备用电话", kind=CODE, width=15, mask=M.PHONE),
    _c("email", "邮箱", width=24, mask=M.EMAIL),
    _c("wechat", "微信", width=14, mask=M.WECHAT),
    _c("address", "地址", width=30, mask=M.ADDRESS),
    _c("region", "地区", width=10),
    _c("branch", "网点", width=12),
    _c("owner", "客户经理", width=12),
    _c("source", "来源", width=10),
    _c("tags", "标签", width=18),
    _c("notes", "备注", width=30),
    _c("tier", "价值等级", width=10),
    _c("stage", "生命周期", width=10),
    _c("last_contact", "最近联系", kind=DATETIME, width=17),
    _c("next_revisit", "下次回访", kind=DATETIME, width=17),
    # The latest CLV run's figure; empty for a customer it did not score (version 2).
    _c("clv", "预测价值", kind=MONEY, width=14),
))
# The register of a version-1 export (before 预测价值): accepted on import and merge.
REGISTER_V1 = SheetTemplate(REGISTER.key, REGISTER.title, REGISTER.columns[:-1])

_CUSTOMER_REF = (
    _c("customer_uid", "客户UID", width=38, mask=M.KEY),
    _c("customer_code", "客户编号", "code", kind=CODE, width=14, mask=M.KEY),
    _c("customer_name", "客户名称", "name", width=18, mask=M.NAME),
)

PURCHASES = SheetTemplate("purchases", "购买记录", (
    _c("uid", "购买UID", width=38, mask=M.KEY), *_CUSTOMER_REF,
    _c("purchased_on", "购买日期", kind=DATE, width=12),
    _c("amount", "金额", kind=MONEY, width=14),
    _c("product", "产品", width=18),
    _c("category", "类别", width=12),
    _c("quantity", "数量", kind=INT, width=8),
    _c("channel", "渠道", width=10),
))

CONTACTS = SheetTemplate("contacts", "联系记录", (
    _c("uid", "联系UID", width=38, mask=M.KEY), *_CUSTOMER_REF,
    _c("occurred_at", "联系时间", kind=DATETIME, width=17),
    _c("channel", "渠道", width=10),
    _c("direction", "方向", width=8),
    _c("purpose", "目的", width=10),
    _c("summary", "摘要", width=36),
    _c("outcome", "结果", width=24),
    _c("satisfaction", "满意度", kind=INT, width=9),
    _c("staff", "员工", width=12),
))

REVISITS = SheetTemplate("revisits", "回访计划", (
    _c("reminder_id", "提醒编号", kind=CODE, width=10, mask=M.KEY), *_CUSTOMER_REF,
    _c("kind", "提醒类型", width=10),
    _c("title", "标题", width=26),
    _c("due_at", "计划时间", kind=DATETIME, width=17),
    _c("status", "状态", width=9),
    _c("owner", "执行人", width=12),
    _c("completed_at", "完成时间", kind=DATETIME, width=17),
    _c("overdue", "是否逾期", width=10),
))

COMPLAINTS = SheetTemplate("complaints", "投诉记录", (
    _c("uid", "投诉UID", width=38, mask=M.KEY), *_CUSTOMER_REF,
    _c("opened_at", "受理时间", kind=DATETIME, width=17),
    _c("category", "投诉类别", width=12),
    _c("severity", "严重程度", width=10),
    _c("status", "状态", width=9),
    _c("deadline_at", "处理期限", kind=DATETIME, width=17),
    _c("description", "描述", width=36),
    _c("resolution", "处理结果", width=26),
    _c("resolved_at", "解决时间", kind=DATETIME, width=17),
    _c("closed_at", "结案时间", kind=DATETIME, width=17),
    _c("satisfaction_after", "事后满意度", kind=INT, width=11),
    _c("owner", "处理人", width=12),
))

DATA_SHEETS: dict[str, SheetTemplate] = {
    t.key: t for t in (REGISTER, PURCHASES, CONTACTS, REVISITS, COMPLAINTS)
}

# The survey sheet (version 3): one row per month × branch × owner × questionnaire
# version, not one per response. Head office reads the monthly 80-point target
# ("每月的客户满意度评分达到80分以上") per branch and per account manager, and compares
# questionnaires; it needs no customer's answers for that, so no customer, no answer
# and no free text leaves the branch in it (the dossier keeps them). Every row carries
# the counts behind its figures (responses, at target, NPS answers, promoters,
# detractors), so head office can add rows up — to a branch, a month, many branches —
# and recompute the mean (score × responses), the share and the NPS exactly, which a
# sheet of means alone would not allow. The branch and owner are those of the
# response (when it was given), like the dashboard's figures; they are free text,
# masked like every text column. Not a record sheet: re-import ignores it.
SURVEYS = SheetTemplate("surveys", "问卷满意度", (
    _c("month", "月份", width=9, mask=M.KEY),
    _c("branch", "网点", width=12),
    _c("owner", "客户经理", width=12),
    _c("template", "问卷", width=16),
    _c("version", "问卷版本", kind=INT, width=9),
    _c("responses", "回答数", kind=INT, width=8),
    _c("score", "平均分", "mean_score", kind=NUMBER, width=8),
    _c("target", "目标分", kind=NUMBER, width=8),
    _c("meets_target", "是否达标", width=9, mask=M.KEY),
    _c("at_target", "达标数", kind=INT, width=8),
    _c("share_at_target", "达标率(%)", "share_at_target_pct", kind=NUMBER, width=10),
    _c("nps_answers", "NPS回答数", kind=INT, width=10),
    _c("promoters", "推荐者", kind=INT, width=8),
    _c("detractors", "贬损者", kind=INT, width=8),
    _c("nps", "NPS", kind=NUMBER, width=7),
))
SURVEY_KEY = SURVEYS.key
SUMMARY_TITLE = "汇总"
MANIFEST_TITLE = "清单"
SUMMARY_KEY = "summary"
ALL_SHEET_KEYS = (*DATA_SHEETS, SURVEY_KEY, SUMMARY_KEY)

# Stored codes → the Chinese labels written in cells (import reads these back).
LABELS: dict = {
    **{kind: vocabulary.zh(kind) for kind in ("kind", "gender", "channel", "direction",
                                              "purpose", "reminder_kind", "reminder_status",
                                              "severity", "complaint_status")},
    "bool": {True: "是", False: "否"},
    "tier": vocabulary.zh("value_tier"),  # the GUI's words: one vocabulary everywhere
    "stage": vocabulary.zh("lifecycle"),
}
MANIFEST_HEADERS = ("键", "项目", "值")  # the manifest sheet's header row
TIER_ORDER = tuple(vocabulary.LABELS["value_tier"])
STAGE_ORDER = tuple(LABELS["stage"])
REVISIT_KINDS = ("revisit", "after_purchase", "birthday", "win_back")


def label(kind: str, code) -> str | None:
    """The Chinese label of a stored code; unknown codes are written as they are."""
    if code is None or code == "":
        return None
    return LABELS[kind].get(code, code)
