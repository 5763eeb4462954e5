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
sorts every match. `search_ids` gives the complete id list sorted by pinyin (or
by a SORTABLE column), for an explicit sort of the results.

Every function takes an optional `ListFilter` (owner, region, tag, scope) that is
ANDed with the words. `ListFilter` and `SORTABLE` live here, not in customer_list,
because the list imports the search (customer_list re-exports both).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    func,
    intersect,
    literal,
    not_,
    or_,
    select,
    text,
    union,
    union_all,
)
from sqlalchemy.orm import Session

from app.models import Customer, CustomerClv, CustomerTier, Tag, customer_tag
from app.models.customer import in_trash
from app.models.sql_functions import in_json_ids
from app.services.customers import search_sql
from app.services.customers.rows import CustomerRow, latest_clv_as_of, rows_for_ids
from app.services.segments import expr
from app.services.segments import service as segments

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


@dataclass(frozen=True)
class ListFilter:
    """The quick filters of the list; ANDed with each other and with a search."""

    scope: Scope = Scope.ACTIVE
    owner: str | None = None
    region: str | None = None
    tag: str | None = None
    tier: str | None = None  # a ValueTier code (the current tier, table customer_tier)
    stage: str | None = None  # a LifecycleStage code
    # An explicit set of customers (a dashboard drill-down no other filter expresses).
    ids: frozenset[int] | None = None
    # Predicted value (latest CLV run) from / to, in fen, both inclusive; a bound
    # leaves out the customers without a prediction.
    clv_min_fen: int | None = None
    clv_max_fen: int | None = None
    # A saved segment's name, and its expression as read when the list is queried
    # (`with_segment`): the name is what the bar chooses, the expression what SQL needs.
    segment: str | None = None
    segment_expression: str | None = None

    @property
    def has_clv_range(self) -> bool:
        return self.clv_min_fen is not None or self.clv_max_fen is not None

    @property
    def narrows(self) -> bool:
        """Anything besides the scope (the conditions `narrowing` writes)."""
        return self.segment is not None or bool(narrowing(self))


# What the list may sort by: a stable second key (the id) keeps pages from overlapping.
SORTABLE = {
    "code": Customer.code, "name": Customer.name_pinyin, "phone": Customer.phone,
    "owner": Customer.owner, "region": Customer.region, "branch": Customer.branch,
    "created_at": Customer.created_at, "updated_at": Customer.updated_at,
    "birthday": Customer.birthday,
    # The latest predicted value (None without one): a primary-key look-up per row
    # where SQL sorts ids; a plain list sorted by value pages by the (as_of, clv_fen)
    # index instead (customers.by_value).
    "clv": select(CustomerClv.clv_fen).where(
        CustomerClv.as_of == latest_clv_as_of(), CustomerClv.customer_id == Customer.id)
    .correlate(Customer).scalar_subquery(),
}


def sort_order(order_by: str, descending: bool) -> list:
    """ORDER BY terms for a SORTABLE key and a stable tie (the id). By value:
    the customers without a prediction come last in either direction, in name
    order (as customers.by_value pages them)."""
    column = SORTABLE[order_by]
    key = column.desc() if descending else column.asc()
    tie = Customer.id.desc() if descending else Customer.id.asc()
    if order_by == "clv":
        unvalued = column.is_(None)
        return [key.nulls_last(), case((unvalued, Customer.name_pinyin)).asc(),
                case((unvalued, Customer.id)).asc(), tie]
    return [key, tie]


def clv_in_range(flt: ListFilter) -> list[ColumnElement[bool]]:
    """The filter's value bounds on customer_clv.clv_fen (of the latest run)."""
    conds: list[ColumnElement[bool]] = []
    if flt.clv_min_fen is not None:
        conds.append(CustomerClv.clv_fen >= flt.clv_min_fen)
    if flt.clv_max_fen is not None:
        conds.append(CustomerClv.clv_fen <= flt.clv_max_fen)
    return conds


def narrowing(flt: ListFilter | None, *, by_index: bool = True) -> list[ColumnElement[bool]]:
    """The owner/region/tag conditions of a filter (the scope is applied apart).

    by_index=False writes them so that SQLite cannot drive a query by their index
    (`owner || '' = ?`): a search is driven by its words (FTS or prefix ranges, in
    proportion to the matches) and checks the filters on each match, instead of
    walking every customer of an owner to test the words."""
    if flt is None:
        return []

    def col(c):
        return c if by_index else c.concat("")

    conds: list[ColumnElement[bool]] = []
    if flt.owner:
        conds.append(col(Customer.owner) == flt.owner)
    if flt.region:
        conds.append(col(Customer.region) == flt.region)
    if flt.tag:
        tagged = (select(customer_tag.c.customer_id).join(Tag, Tag.id == customer_tag.c.tag_id)
                  .where(Tag.name == flt.tag))
        conds.append((Customer.id if by_index else Customer.id + 0).in_(tagged))
    if flt.tier or flt.stage:  # one look into customer_tier for either or both
        current = select(CustomerTier.customer_id).where(
            *([CustomerTier.value_tier == flt.tier] if flt.tier else []),
            *([CustomerTier.lifecycle_stage == flt.stage] if flt.stage else []))
        conds.append((Customer.id if by_index else Customer.id + 0).in_(current))
    if flt.has_clv_range:  # one range of the (as_of, clv_fen) index
        valued = select(CustomerClv.customer_id).where(
            CustomerClv.as_of == latest_clv_as_of(), *clv_in_range(flt))
        conds.append((Customer.id if by_index else Customer.id + 0).in_(valued))
    if flt.segment is not None:
        conds.append(_in_segment(flt, by_index))
    if flt.ids is not None:
        # One JSON parameter, however many ids: no bound-variable limit to hit.
        conds.append(in_json_ids(Customer.id if by_index else Customer.id + 0,
                                 literal(json.dumps(sorted(flt.ids)))))
    return conds


def _in_segment(flt: ListFilter, by_index: bool) -> ColumnElement[bool]:
    if flt.segment_expression is None:  # a caller's mistake: with_segment reads it
        raise ValueError(f"the expression of segment {flt.segment!r} was not read")
    where = expr.where(expr.parse(flt.segment_expression))
    if by_index:
        return where
    # The members once (an uncorrelated IN list), checked on each match of the words.
    return (Customer.id + 0).in_(select(Customer.id).where(where).correlate(None))


def with_segment(session: Session, flt: ListFilter | None) -> ListFilter | None:
    """The filter with its segment's expression read (NotFound when it was deleted)."""
    if flt is None or flt.segment is None or flt.segment_expression is not None:
        return flt
    return replace(flt, segment_expression=segments.get(session, flt.segment).expression)


def _resolve(scope: Scope, flt: ListFilter | None) -> tuple[Scope, list[ColumnElement[bool]]]:
    """A filter brings its own scope; a different explicit scope is a caller's mistake.
    (The callers read a chosen segment's expression first: with_segment.)"""
    if flt is None:
        return scope, []
    if scope not in (Scope.ACTIVE, flt.scope):
        raise ValueError(f"scope {scope} contradicts the filter's scope {flt.scope}")
    return flt.scope, narrowing(flt, by_index=False)


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
def _is_cjk(term: str) -> bool:
    return all(unicodedata.east_asian_width(ch) in ("W", "F") for ch in term)


def _prefix_ids(term: str, narrow: list[ColumnElement[bool]] = ()) -> Select:
    lo_ci, lo_up = term, term.upper()
    conds = [  # every column but the last (phone) is NOT NULL: NOT(...) below is exact
        and_(Customer.name >= lo_ci, Customer.name < lo_ci + _TOP),
        and_(Customer.name_pinyin >= lo_ci, Customer.name_pinyin < lo_ci + _TOP),
        and_(Customer.name_initials >= lo_ci, Customer.name_initials < lo_ci + _TOP),
        and_(Customer.code >= lo_up, Customer.code < lo_up + _TOP),
        and_(Customer.phone >= lo_ci, Customer.phone < lo_ci + _TOP),
    ]
    # One SELECT per index so SQLite uses each index (an OR may fall back to a scan).
    # Each branch leaves out what an earlier one found, so the branches are disjoint
    # and a UNION ALL (streamed, no sort to remove duplicates) is the union: a first
    # page costs a page of index entries even when "1" matches every phone.
    active = Customer.deleted_at.is_(None)
    return union_all(*[
        select(Customer.id).where(c, active, *[not_(e) for e in conds[:i]], *narrow)
        for i, c in enumerate(conds)
    ])


def _term_ids(term: str, dialect: str) -> Select:
    """Ids of active customers matching one term (unordered)."""
    if len(term) < 3 and _is_cjk(term):
        # SQLite: " 三 " / "娜 娜", 3-character trigrams in the spaced copy of the name.
        return search_sql.short_name_ids(dialect, term)
    if len(term) >= 3:
        stmt = search_sql.substring_ids(dialect, term)
        if len(term) == 18:  # a whole resident ID number: exact, indexed
            stmt = union(stmt, select(Customer.id).where(
                Customer.id_number == term.upper(), Customer.deleted_at.is_(None)))
        return stmt
    return _prefix_ids(term)


def _active_ids(terms: list[str], narrow: list[ColumnElement[bool]] = (),
                dialect: str = search_sql.SQLITE) -> Select:
    if len(terms) == 1 and len(terms[0]) < 3 and not _is_cjk(terms[0]):
        return _prefix_ids(terms[0], narrow)  # the filters go into each index branch
    parts = [_term_ids(t, dialect) for t in terms]
    matched = parts[0] if len(parts) == 1 else intersect(
        *[select(p.subquery().c.id) for p in parts])
    if not narrow:
        return matched
    sub = matched.subquery()
    return select(Customer.id).join(sub, sub.c.id == Customer.id).where(*narrow)


def _exact_ids(session: Session, terms: list[str],
               narrow: list[ColumnElement[bool]] = ()) -> list[int]:
    """Whole-value matches, shown first (indexed equality: a handful of rows)."""
    if len(terms) != 1:
        return []
    q = terms[0]
    stmt = select(Customer.id).where(
        or_(Customer.name == q, Customer.code == q.upper(), Customer.phone == q,
            Customer.phone2 == q),
        Customer.deleted_at.is_(None), *narrow,
    ).order_by(Customer.id).limit(50)
    return list(session.scalars(stmt))


# --- the trash: few rows, scanned through its index ------------------------------------
def _trash_ids(terms: list[str], narrow: list[ColumnElement[bool]] = ()) -> Select:
    stmt = select(Customer.id).where(in_trash(), *narrow)
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


def _scoped_parts(terms: list[str], scope: Scope, narrow: list[ColumnElement[bool]] = (),
                  dialect: str = search_sql.SQLITE) -> list[Select]:
    """The id queries for a scope, active first. Kept apart rather than UNIONed:
    a compound makes SQLite sort both sides by id, and so scan the table."""
    parts = []
    if scope in (Scope.ACTIVE, Scope.ALL):
        parts.append(_active_ids(terms, narrow, dialect))
    if scope in (Scope.TRASH, Scope.ALL):
        parts.append(_trash_ids(terms, narrow))
    return parts


# --- public API ----------------------------------------------------------------------
def count_matches(session: Session, raw: str, scope: Scope = Scope.ACTIVE, *,
                  flt: ListFilter | None = None) -> int:
    terms = normalize_query(raw)
    scope, narrow = _resolve(scope, with_segment(session, flt))
    total = 0
    dialect = search_sql.dialect_of(session)
    for part in _scoped_parts(terms, scope, narrow, dialect) if terms else []:
        total += int(session.scalar(select(func.count()).select_from(part.subquery())) or 0)
    return total


def matches(session: Session, raw: str, customer_id: int, *,
            flt: ListFilter | None = None) -> bool:
    """Whether one customer is among the matches of `raw` (and the filter): each
    part looked at for that id alone, not counted or paged."""
    terms = normalize_query(raw)
    if not terms:
        return False
    scope, narrow = _resolve(Scope.ACTIVE, with_segment(session, flt))
    for part in _scoped_parts(terms, scope, narrow, search_sql.dialect_of(session)):
        sub = part.subquery()
        if session.scalar(select(sub.c.id).where(sub.c.id == customer_id).limit(1)):
            return True
    return False


def search_page_ids(session: Session, raw: str, *, offset: int = 0, limit: int = 50,
                    scope: Scope = Scope.ACTIVE, flt: ListFilter | None = None) -> list[int]:
    """One page of matches: exact ones first, then in index order (no full sort)."""
    terms = normalize_query(raw)
    if not terms:
        return []
    scope, narrow = _resolve(scope, with_segment(session, flt))
    exact = _exact_ids(session, terms, narrow) if scope != Scope.TRASH else []
    page: list[int] = exact[offset : offset + limit]
    skip = max(0, offset - len(exact))
    for part in _scoped_parts(terms, scope, narrow, search_sql.dialect_of(session)):
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
           scope: Scope = Scope.ACTIVE, flt: ListFilter | None = None) -> SearchResult:
    """The total and the first `limit` matching customers."""
    ids = search_page_ids(session, raw, limit=limit, scope=scope, flt=flt)
    return SearchResult(total=count_matches(session, raw, scope, flt=flt),
                        rows=rows_for_ids(session, ids))


def search_ids(session: Session, raw: str, scope: Scope = Scope.ACTIVE, *,
               order_by: str | None = None, descending: bool = False,
               flt: ListFilter | None = None) -> list[int]:
    """All matching ids (sorts every match). Without `order_by`: exact matches first,
    then by pinyin; with it: by that SORTABLE column, then by id, as the list sorts."""
    terms = normalize_query(raw)
    if not terms:
        return []
    scope, narrow = _resolve(scope, with_segment(session, flt))
    parts = _scoped_parts(terms, scope, narrow, search_sql.dialect_of(session))
    # The parts are disjoint (outside / inside the trash): UNION ALL needs no sort.
    matched = (parts[0] if len(parts) == 1
               else union_all(*[select(p.subquery().c.id) for p in parts])).subquery()
    if order_by is None:
        whole = " ".join(terms)
        exact = or_(Customer.name == whole, Customer.code == whole.upper(),
                    Customer.phone == whole)
        order = [exact.desc(), Customer.name_pinyin, Customer.id]
    else:
        order = sort_order(order_by, descending)
    # SQLite drives this join from the matches (each looked up by rowid) and sorts
    # them; walking the sort column's index instead would read every customer for a
    # rare word (tests check the plan).
    stmt = (select(Customer.id).select_from(matched)
            .join(Customer, Customer.id == matched.c.id).order_by(*order))
    return list(session.scalars(stmt))


# --- why a row matched ------------------------------------------------------------------
# The fields a word can be found in, in the order a match is named: the shown ones
# first, so a name that matches is not explained by its pinyin.
MATCH_FIELDS = ("name", "code", "phone", "phone2", "pinyin", "initials", "id_number")
_MATCH_COLUMNS = (Customer.id, Customer.name, Customer.code, Customer.phone, Customer.phone2,
                  Customer.name_pinyin, Customer.name_initials, Customer.id_number)


def _field_of(term: str, values: dict[str, str]) -> str | None:
    """The first field holding `term` by the search's own rules: a short non-Chinese
    word matches the start of a value (the prefix ranges), a longer one anywhere
    (and so does a short one in the trash, which is scanned with LIKE)."""
    short = len(term) < 3 and not _is_cjk(term)
    return _field_holding(term, values, short) or (
        _field_holding(term, values, False) if short else None)


def _field_holding(term: str, values: dict[str, str], short: bool) -> str | None:
    for name in MATCH_FIELDS:
        value = values[name]
        if not value:
            continue
        if name == "id_number":
            if len(term) == 18 and value.upper() == term.upper():
                return name
            continue
        candidates = [value.lower()]
        if name in ("phone", "phone2"):
            candidates.append(value.replace("-", ""))
        if short and name == "phone2":
            continue  # short words look at the first phone's start only
        if any(c.startswith(term) if short else term in c for c in candidates):
            return name
    return None


def match_fields(session: Session, raw: str, ids: list[int]) -> dict[int, tuple[str, ...]]:
    """For each of `ids` (a page of search results): the MATCH_FIELDS its words
    were found in, one per word, without repeats. The list shows them, so that a
    row found by a second phone or by its code says so."""
    terms = normalize_query(raw)
    if not terms or not ids:
        return {}
    out: dict[int, tuple[str, ...]] = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        for rec in session.execute(select(*_MATCH_COLUMNS).where(Customer.id.in_(chunk))):
            values = dict(zip(("id", "name", "code", "phone", "phone2", "pinyin", "initials",
                               "id_number"), rec, strict=True))
            fields: list[str] = []
            for term in terms:
                found = _field_of(term, values)
                if found and found not in fields:
                    fields.append(found)
            out[rec.id] = tuple(fields)
    return out


_LIKE_COLUMNS = ("name", "name_pinyin", "name_initials", "code", "phone", "phone2")


def like_scan_ids(session: Session, raw: str) -> list[int]:
    """The naive baseline for benchmarks only: LIKE '%q%' over the same columns in
    one plain table scan (NOT INDEXED: walking an index row by row would be
    slower still and flatter the comparison)."""
    terms = normalize_query(raw)
    where = ["deleted_at IS NULL"]
    params = {}
    for i, term in enumerate(terms):
        params[f"p{i}"] = f"%{term}%"
        where.append("(" + " OR ".join(f"{c} LIKE :p{i}" for c in _LIKE_COLUMNS) + ")")
    sql = ("SELECT id FROM customer NOT INDEXED WHERE " + " AND ".join(where)
           + " ORDER BY name_pinyin, id")
    return list(session.scalars(text(sql), params))
