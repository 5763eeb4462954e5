"""Search customers by name, pinyin (full or initials), phone fragment or code.

3+ characters: FTS5 trigram index (substring anywhere, ~ms at 100k customers).
1–2 Chinese characters: the same index over a spaced copy of the name ("张 三").
1–2 other characters: index range scans on the starts of name, pinyin,
initials, code and phone. Never a full table scan.
Several words are ANDed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Select, and_, intersect, literal_column, or_, select, text, union
from sqlalchemy.orm import Session

from app.models import Customer
from app.services.customer_rows import CustomerRow, rows_for_ids

_TOP = "\U0010ffff"  # sorts after every character: "ab" <= x < "ab\U0010ffff" is a prefix test
MAX_TERMS = 5
_PHONE_LIKE = re.compile(r"^\+?[\d\s\-()]{3,}$")


class Scope(StrEnum):
    ACTIVE = "active"
    TRASH = "trash"
    ALL = "all"


@dataclass(frozen=True)
class SearchResult:
    total: int
    rows: list[CustomerRow]


def normalize_query(raw: str) -> list[str]:
    """Full-width → half-width, lower-case; a pasted phone loses its separators."""
    q = unicodedata.normalize("NFKC", raw or "").strip().lower()
    if not q:
        return []
    if _PHONE_LIKE.match(q):
        digits = re.sub(r"\D", "", q)
        if digits.startswith("86") and len(digits) == 13:
            digits = digits[2:]
        return [digits] if digits else []
    return [w for w in q.split() if w]


def _fts_ids(term: str, column: str | None = None) -> Select:
    phrase = '"' + term.replace('"', '""') + '"'
    if column:
        phrase = f"{column} : {phrase}"
    return select(literal_column("rowid").label("id")).select_from(text("customer_fts")).where(
        text("customer_fts MATCH :q").bindparams(q=phrase)
    )


def _is_cjk(term: str) -> bool:
    return all(unicodedata.east_asian_width(ch) in ("W", "F") for ch in term)


def _prefix_ids(term: str) -> Select:
    lo_ci, lo_up = term, term.upper()
    conds = [
        and_(Customer.name >= lo_ci, Customer.name < lo_ci + _TOP),
        and_(Customer.name_pinyin >= lo_ci, Customer.name_pinyin < lo_ci + _TOP),
        and_(Customer.name_initials >= lo_ci, Customer.name_initials < lo_ci + _TOP),
        and_(Customer.code >= lo_up, Customer.code < lo_up + _TOP),
        and_(Customer.phone >= lo_ci, Customer.phone < lo_ci + _TOP),
    ]
    # One SELECT per index so SQLite uses each index (an OR may fall back to a scan).
    return union(*[select(Customer.id).where(c) for c in conds])


def _term_ids(term: str) -> Select:
    if len(term) < 3 and _is_cjk(term):
        # " 三 " / "娜 娜": 3-character trigrams in the spaced copy of the name.
        spaced = " ".join(term)
        return _fts_ids(f" {spaced} " if len(term) == 1 else spaced, "name_chars")
    if len(term) >= 3:
        stmt = _fts_ids(term)
        if len(term) == 18:  # a whole resident ID number: exact, indexed
            stmt = union(stmt, select(Customer.id).where(Customer.id_number == term.upper()))
        return stmt
    return _prefix_ids(term)


def search_ids(session: Session, raw: str, scope: Scope = Scope.ACTIVE) -> list[int]:
    """Ids of all matches, best first: exact name/code/phone, then by pinyin."""
    terms = normalize_query(raw)
    if not terms:
        return []
    parts = [select(_term_ids(t).subquery().c.id) for t in terms[:MAX_TERMS]]
    matched_sq = (parts[0] if len(parts) == 1 else intersect(*parts)).subquery()
    whole = " ".join(terms)
    exact = or_(Customer.name == whole, Customer.code == whole.upper(), Customer.phone == whole)
    stmt = (
        select(Customer.id)
        .join(matched_sq, matched_sq.c.id == Customer.id)
        .order_by(exact.desc(), Customer.name_pinyin, Customer.id)
    )
    if scope == Scope.ACTIVE:
        stmt = stmt.where(Customer.deleted_at.is_(None))
    elif scope == Scope.TRASH:
        stmt = stmt.where(Customer.deleted_at.is_not(None))
    return list(session.scalars(stmt))


def search(session: Session, raw: str, *, limit: int = 50,
           scope: Scope = Scope.ACTIVE) -> SearchResult:
    ids = search_ids(session, raw, scope)
    return SearchResult(total=len(ids), rows=rows_for_ids(session, ids[:limit]))


def like_scan_ids(session: Session, raw: str) -> list[int]:
    """The naive baseline (LIKE '%q%' over the same columns): for benchmarks only."""
    terms = normalize_query(raw)
    stmt = select(Customer.id).where(Customer.deleted_at.is_(None))
    for term in terms:
        pattern = f"%{term}%"
        stmt = stmt.where(or_(
            Customer.name.like(pattern), Customer.name_pinyin.like(pattern),
            Customer.name_initials.like(pattern), Customer.code.like(pattern),
            Customer.phone.like(pattern), Customer.phone2.like(pattern),
        ))
    return list(session.scalars(stmt.order_by(Customer.name_pinyin, Customer.id)))


__all__ = ["Scope", "SearchResult", "like_scan_ids", "search", "search_ids"]
