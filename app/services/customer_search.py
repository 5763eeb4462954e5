"""Search customers by name, pinyin (full or initials), phone fragment or code.

Only customers outside the trash are in the FTS5 index (kept by triggers), so:
- 3+ characters: trigram index, substring anywhere;
- 1–2 Chinese characters: the same index over a spaced copy of the name ("张 三");
- 1–2 other characters: index range scans on the starts of name, pinyin,
  initials, code and phone;
- the trash (normally small) is searched by scanning only its own rows.
Never a full table scan. Several words are ANDed.

`search` answers what the list shows first: exact matches (name, code, phone)
on top, then matches in index order, a page at a time, with the total. It never
sorts every match. `search_ids` gives the complete id list sorted by pinyin,
for an explicit sort of the results.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import (
    Select,
    and_,
    func,
    intersect,
    literal_column,
    or_,
    select,
    text,
    union,
)
from sqlalchemy.orm import Session

from app.models import Customer
from app.models.customer import in_trash
from app.services.customer_rows import CustomerRow, rows_for_ids

_TOP = "\U0010ffff"  # sorts after every character: "ab" <= x < "ab\U0010ffff" is a prefix test
_PHONE_LIKE = re.compile(r"^\+?[\d\s\-()]{3,}$")
MAX_TERMS = 5


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
    return [w for w in q.split() if w][:MAX_TERMS]


# --- active customers: the index ------------------------------------------------------
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
    active = Customer.deleted_at.is_(None)
    return union(*[select(Customer.id).where(c, active) for c in conds])


def _term_ids(term: str) -> Select:
    """Ids of active customers matching one term (unordered)."""
    if len(term) < 3 and _is_cjk(term):
        # " 三 " / "娜 娜": 3-character trigrams in the spaced copy of the name.
        spaced = " ".join(term)
        return _fts_ids(f" {spaced} " if len(term) == 1 else spaced, "name_chars")
    if len(term) >= 3:
        stmt = _fts_ids(term)
        if len(term) == 18:  # a whole resident ID number: exact, indexed
            stmt = union(stmt, select(Customer.id).where(
                Customer.id_number == term.upper(), Customer.deleted_at.is_(None)))
        return stmt
    return _prefix_ids(term)


def _active_ids(terms: list[str]) -> Select:
    parts = [_term_ids(t) for t in terms]
    if len(parts) == 1:
        return parts[0]
    return intersect(*[select(p.subquery().c.id) for p in parts])


def _exact_ids(session: Session, terms: list[str]) -> list[int]:
    """Whole-value matches, shown first (indexed equality: a handful of rows)."""
    if len(terms) != 1:
        return []
    q = terms[0]
    stmt = select(Customer.id).where(
        or_(Customer.name == q, Customer.code == q.upper(), Customer.phone == q,
            Customer.phone2 == q),
        Customer.deleted_at.is_(None),
    ).order_by(Customer.id).limit(50)
    return list(session.scalars(stmt))


# --- the trash: few rows, scanned through its index ------------------------------------
def _trash_ids(terms: list[str]) -> Select:
    stmt = select(Customer.id).where(in_trash())
    for term in terms:
        pattern = f"%{term}%"
        stmt = stmt.where(or_(
            Customer.name.like(pattern), Customer.name_pinyin.like(pattern),
            Customer.name_initials.like(pattern), Customer.code.like(pattern),
            func.replace(func.coalesce(Customer.phone, ""), "-", "").like(pattern),
            func.replace(func.coalesce(Customer.phone2, ""), "-", "").like(pattern),
            Customer.phone.like(pattern), Customer.phone2.like(pattern),
        ))
    return stmt


def _scoped_parts(terms: list[str], scope: Scope) -> list[Select]:
    """The id queries for a scope, active first. Kept apart rather than UNIONed:
    a compound makes SQLite sort both sides by id, and so scan the table."""
    parts = []
    if scope in (Scope.ACTIVE, Scope.ALL):
        parts.append(_active_ids(terms))
    if scope in (Scope.TRASH, Scope.ALL):
        parts.append(_trash_ids(terms))
    return parts


# --- public API ----------------------------------------------------------------------
def count_matches(session: Session, raw: str, scope: Scope = Scope.ACTIVE) -> int:
    terms = normalize_query(raw)
    total = 0
    for part in _scoped_parts(terms, scope) if terms else []:
        total += int(session.scalar(select(func.count()).select_from(part.subquery())) or 0)
    return total


def search_page_ids(session: Session, raw: str, *, offset: int = 0, limit: int = 50,
                    scope: Scope = Scope.ACTIVE) -> list[int]:
    """One page of matches: exact ones first, then in index order (no full sort)."""
    terms = normalize_query(raw)
    if not terms:
        return []
    exact = _exact_ids(session, terms) if scope != Scope.TRASH else []
    page: list[int] = exact[offset : offset + limit]
    skip = max(0, offset - len(exact))
    for part in _scoped_parts(terms, scope):
        if len(page) >= limit:
            break
        sub = part.subquery()
        base = select(sub.c.id)
        if exact:
            base = base.where(sub.c.id.not_in(exact))
        got = list(session.scalars(base.offset(skip).limit(limit - len(page))))
        page += got
        if not got and skip:  # this part ended before the offset: skip past it
            skip -= int(session.scalar(select(func.count()).select_from(base.subquery())) or 0)
            skip = max(skip, 0)
        else:
            skip = 0
    return page


def search(session: Session, raw: str, *, limit: int = 50,
           scope: Scope = Scope.ACTIVE) -> SearchResult:
    """The total and the first `limit` matching customers."""
    ids = search_page_ids(session, raw, limit=limit, scope=scope)
    return SearchResult(total=count_matches(session, raw, scope),
                        rows=rows_for_ids(session, ids))


def search_ids(session: Session, raw: str, scope: Scope = Scope.ACTIVE) -> list[int]:
    """All matching ids, exact matches first, then by pinyin (sorts every match)."""
    terms = normalize_query(raw)
    if not terms:
        return []
    parts = _scoped_parts(terms, scope)
    matched = (parts[0] if len(parts) == 1
               else union(*[select(p.subquery().c.id) for p in parts])).subquery()
    whole = " ".join(terms)
    exact = or_(Customer.name == whole, Customer.code == whole.upper(), Customer.phone == whole)
    stmt = (
        select(Customer.id)
        .join(matched, matched.c.id == Customer.id)
        .order_by(exact.desc(), Customer.name_pinyin, Customer.id)
    )
    return list(session.scalars(stmt))


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
