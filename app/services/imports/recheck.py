"""Re-checking a dry-run plan inside the apply transaction. The user may read the dry
run for minutes while someone else (another window, the CLI, a restore) changes the
customer file; applying the old plan then would create a duplicate, hit a unique key
half-way, or overwrite an edit the diff never showed. Run after the batch row's flush,
when the transaction already holds SQLite's write lock, so nothing can change between
this check and the commit."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.services.imports.identity import CREATE, decide, how_words
from app.services.imports.matching import Matcher, NewRef
from app.services.imports.plan import load_current as _load_current


class ImportPlanStale(InvalidInput):
    """The customer file changed between the dry run and apply; nothing was written."""

    def __init__(self, detail_en: str = "", detail_zh: str = "") -> None:
        super().__init__(
            "The customer file changed since the dry run; run the dry run again."
            + (f" ({detail_en})" if detail_en else ""),
            "客户档案在试运行之后已被修改，请重新试运行。"
            + (f"（{detail_zh}）" if detail_zh else ""))


def recheck_plan(session: Session, plan) -> None:
    """Raise ImportPlanStale if the plan no longer fits the file as it is now: a new
    customer the identity rules would now match or hold back (a sure key, a provenance,
    a namesake someone added since), a code now taken, an update on changed values."""
    matcher = Matcher(session)  # one pass over the customers, as the dry run made
    for values in plan.creates:
        decision = decide(matcher, values, values.get("uid"))
        ref, how = decision.ref, decision.how
        if decision.outcome == CREATE:
            ref = None
            if values.get("code") and values["code"] in matcher.by_code:
                ref, how = matcher.by_code[values["code"]], "code"
        if ref is not None:
            en, zh = matcher.describe(ref)
            how_en, how_zh = how_words(how)
            raise ImportPlanStale(f"new customer {values.get('name')} now matches {en} "
                                  f"by {how_en}", f"新客户 {values.get('name')} 现按{how_zh}"
                                  f"匹配到 {zh}")
    _check_updates(session, plan.updates)
    for record in (*plan.purchases, *plan.contacts):
        ref = record["customer"]
        if not isinstance(ref, NewRef) and ref not in matcher.existing:
            raise ImportPlanStale(f"customer #{ref} no longer exists",
                                  f"客户 #{ref} 已不存在")


def _check_updates(session: Session, updates) -> None:
    """Every customer to update is still there, out of the trash, and still holds the
    values the dry run's diff (and the undo record) was built on. updated_at has only
    second precision, so the fields themselves are compared too."""
    current = _load_current(session, [u.customer_id for u in updates])
    for u in updates:
        now = current.get(u.customer_id)
        if now is None:
            raise ImportPlanStale(f"customer #{u.customer_id} no longer exists",
                                  f"客户 #{u.customer_id} 已不存在")
        if now["deleted_at"] is not None or any(now[k] != v for k, v in u.old.items()):
            name, code = now["name"], now["code"]
            raise ImportPlanStale(f"{name} ({code}) was edited or moved to the trash",
                                  f"{name}（{code}）已被修改或移入回收站")
