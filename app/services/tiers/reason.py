"""A tier or stage's reason in words. Stored as JSON (a code and figures), put in
words when shown, so a reason reads in the language of whoever looks at it.

The current rows store no day counts (they would change every day); describe()
adds them from the run's date: days since `last_purchase`, and for a comeback the
days since the day the customer came back ("back")."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from app.i18n import pick
from app.services import vocabulary


def decode(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:  # free text from an older version: show it as it is
        return {"code": "text", "text": text or ""}
    return value if isinstance(value, dict) else {"code": "text", "text": str(value)}


def _stage_words(r: dict[str, Any], lang: str) -> str:
    zh = lang == "zh"
    code, recency = r.get("code"), r.get("recency")
    if code == "no_purchase":
        return "尚无购买" if zh else "no purchase yet"
    if code == "silent":
        return (f"已 {recency} 天未购买，通常每 {r['rhythm']} 天购买一次" if zh else
                f"no purchase for {recency} days, usually buys every {r['rhythm']}")
    if code == "won_back":
        return (f"沉寂 {r['gap']} 天后，于 {r['ago']} 天前再次购买" if zh else
                f"bought again {r['ago']} days ago after {r['gap']} days away")
    if code == "rhythm":
        return (f"共购买 {r['count']} 次，约每 {r['rhythm']} 天一次，最近一次在 {recency} 天前"
                if zh else f"{r['count']} purchases, about every {r['rhythm']} days, "
                           f"the last {recency} days ago")
    if code == "first":
        return (f"首次购买在 {recency} 天前" if zh else
                f"first purchase {recency} days ago")
    return str(r.get("text", ""))


def _tier_words(r: dict[str, Any], lang: str) -> str:
    if r.get("tier") is None or r.get("score") is None:
        return ""
    tier = vocabulary.label("value_tier", r["tier"], lang)
    if r.get("basis") == "clv":  # M and ABC ranked the predicted value, not the revenue
        return (f"RFM {r['score']} 分、{r['abc']} 类（按预测价值）→ {tier}" if lang == "zh"
                else f"RFM score {r['score']}, class {r['abc']} (by predicted value) → {tier}")
    return (f"RFM {r['score']} 分、{r['abc']} 类 → {tier}" if lang == "zh" else
            f"RFM score {r['score']}, class {r['abc']} → {tier}")


def with_days(reason: str | dict[str, Any] | None, as_of: date | None,
              last_purchase: date | None) -> dict[str, Any]:
    """The reason's figures plus the day counts as of `as_of`."""
    r = dict(decode(reason) if not isinstance(reason, dict) else reason)
    if as_of is not None and last_purchase is not None and "recency" not in r:
        r["recency"] = (as_of - last_purchase).days
    if as_of is not None and "back" in r and "ago" not in r:
        r["ago"] = (as_of - date.fromisoformat(r["back"])).days
    return r


def describe(reason: str | dict[str, Any] | None, lang: str | None = None, *,
             as_of: date | None = None, last_purchase: date | None = None) -> str:
    """The reason in words ('zh' or 'en'; default: the current language), with the
    day counts as of `as_of` when the stored reason has none."""
    r = with_days(reason, as_of, last_purchase)
    lang = lang or pick("en", "zh")
    parts = [p for p in (_stage_words(r, lang), _tier_words(r, lang)) if p]
    return ("；" if lang == "zh" else "; ").join(parts)
