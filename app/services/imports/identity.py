"""Who a customer row is: the rules, in one place, that decide whether a row names a
customer already known (in the file or earlier in this import), is a new customer, or
cannot be told apart from one — and then is held back, never guessed.

1. A sure key (uid, ID number, personal mobile, name + birthday) names the customer.
2. Otherwise the row's provenance digest (provenance.py): the row that created a
   customer in an earlier import. If that customer is still as the row describes it,
   the row names it (so a re-import of a row without any key changes nothing); if it
   was edited since, the match is uncertain.
3. A row without a sure key whose name another customer has (in the file or earlier in
   this import) is uncertain: nothing tells the two apart. So is a row whose namesake
   shares a number with it (the same person with a new mobile, most likely), unless a
   birthday or an ID number on both sides differs.
4. Anything else is a new customer. A number it shares with someone (a household's
   landline, a second phone) is a note for review, never a reason to merge or skip.
Uncertain rows are skipped with the reason; the user can add a distinguishing key to
the row (a mobile, an ID number, a birthday) and import it again.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.services.imports.matching import Matcher, NewRef, Ref
from app.services.imports.provenance import identity_digest

MATCH, CREATE, UNCERTAIN = "match", "create", "uncertain"

# How a match was made, in words for the messages: key → (English, Chinese).
HOW = {"uid": ("UID", "UID"), "id_number": ("ID number", "身份证号"),
       "phone": ("mobile", "手机号"), "name_birthday": ("name and birthday", "姓名和生日"),
       "provenance": ("the row that created it", "创建该客户的同一行内容"),
       "code": ("code", "客户编号"), "name": ("name", "姓名")}


def how_words(how: str) -> tuple[str, str]:
    return HOW.get(how, (how, how))


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: str  # MATCH, CREATE or UNCERTAIN
    ref: Ref | None = None  # MATCH: the customer; UNCERTAIN: the likeliest one
    how: str = ""
    en: str = ""  # UNCERTAIN: why the row is held back; CREATE: a note for review
    zh: str = ""


def decide(matcher: Matcher, values: dict, uid: str | None) -> Decision:
    keyed = {**values, "uid": uid}
    ref, how = matcher.match(keyed)
    if ref is not None:
        return Decision(MATCH, ref, how)
    by_provenance = _by_provenance(matcher, values)
    if by_provenance is not None:
        return by_provenance
    if not matcher.has_sure_key(keyed):
        namesakes = matcher.namesakes(values.get("name"))
        if namesakes:
            return _namesake(matcher, namesakes)
    return _create(matcher, values)


def _by_provenance(matcher: Matcher, values: dict) -> Decision | None:
    if not matcher.by_digest:
        return None  # nothing imported yet: no digest to compute
    digest = identity_digest(values)
    hits = matcher.by_digest.get(digest)
    if not hits:
        return None
    for cid in hits:
        if matcher.current_digest(cid) == digest:
            return Decision(MATCH, cid, "provenance")
    cid = hits[0]
    en, zh = matcher.describe(cid)
    batch = matcher.batch_of.get(cid)
    where_en = f" in import {batch}" if batch else ""
    where_zh = f"（导入编号 {batch}）" if batch else ""
    return Decision(UNCERTAIN, cid, "provenance",
                    f"Possibly {en}: this row created {en}{where_en}, and the customer was "
                    "edited since, so the row is no sure match; skipped. If it is someone "
                    "else, add a mobile, ID number or birthday to the row and import again.",
                    f"可能是 {zh}：此行曾创建该客户{where_zh}，之后客户资料被修改过，无法确定是"
                    "同一人，已跳过。如是另一人，请在此行补充手机号、身份证号或生日后重新导入。")


def _namesake(matcher: Matcher, namesakes: list[Ref]) -> Decision:
    first = namesakes[0]
    en, zh = matcher.describe(first)
    more = len(namesakes) - 1
    more_en = f" and {more} other(s) of that name" if more else ""
    more_zh = f"等 {more + 1} 位同名客户" if more else ""
    trashed = not isinstance(first, NewRef) and matcher.existing[first].trashed
    where_en, where_zh = (" (in the trash)", "（在回收站中）") if trashed else ("", "")
    return Decision(UNCERTAIN, first, "name",
                    f"Possibly {en}{where_en}{more_en}: the same name, and no mobile, ID "
                    "number or birthday to tell them apart; skipped, not created. Add one "
                    "of those to the row to import it as a new customer.",
                    f"可能是 {zh}{where_zh}{more_zh}：姓名相同，且没有手机号、身份证号或生日"
                    "可以区分，已跳过、未新建。如需作为新客户导入，请为此行补充其中一项。")


def _create(matcher: Matcher, values: dict) -> Decision:
    for ref, number in matcher.namesakes_sharing(values):
        if not matcher.told_apart(ref, values):
            en, zh = matcher.describe(ref)
            return Decision(UNCERTAIN, ref, "name",
                            f"Possibly {en}: the same name and the same number {number}, "
                            "though no sure key (mobile, ID number, name and birthday) "
                            "matches; skipped, not created. If it is someone else, add a "
                            "birthday or ID number to the row and import again.",
                            f"可能是 {zh}：姓名相同且共用号码 {number}，但没有可确认身份的"
                            "信息（手机号、身份证号、姓名和生日）相符，已跳过、未新建。如是另一人，"
                            "请为此行补充生日或身份证号后重新导入。")
    sharing, total = matcher.sharing(values)
    if not sharing:
        return Decision(CREATE)
    ref, number = sharing[0]
    en, zh = matcher.describe(ref)
    more = total - 1
    more_en = f" (and {more} other customer(s))" if more else ""
    more_zh = f"（另有 {more} 位客户）" if more else ""
    return Decision(CREATE, ref, "shared_number",
                    f"Possible match for review: shares the number {number} with {en}"
                    f"{more_en}. A landline or second phone is no identity (a household "
                    "shares one), so this row is a new customer.",
                    f"可能的重复，请核对：与 {zh}{more_zh}共用号码 {number}。座机或备用电话"
                    "不能确定身份（一家人常共用），因此此行按新客户导入。")
