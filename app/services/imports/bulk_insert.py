"""Many rows into one table at once, for the import's apply.

SQLAlchemy's executemany (`session.execute(insert(table), rows)`) builds the parameters
of every row through the compiled statement's bookkeeping, ~15 µs a row for a customer's
30 columns: 1.5–2 s of a 100k import, more than SQLite takes to store them. Here the
statement is compiled once and each row becomes a tuple in the statement's own
parameter order, every value passed through its column type's own bind processor
(dates and datetimes as SQLite stores them, JSON serialised, booleans as 0/1) — what
SQLAlchemy hands the driver, without the bookkeeping. It still goes through the
Connection (exec_driver_sql), so the engine's events (write guard, error translation)
see it.

Only on SQLite, and only when the rows give every column the statement would fill
(no Python-side default left to compute per row); anything else takes SQLAlchemy's
executemany (PostgreSQL's insertmanyvalues is the fast path there).
"""

from __future__ import annotations

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: list[dict]) -> None:
    """INSERT every row (dicts with the same keys) into `table`."""
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    keys = list(rows[0])
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    order = compiled.positiontup if compiled.positional else None
    if dialect.name != "sqlite" or order is None or set(order) != set(keys):
        session.execute(insert(table), rows)
        return
    processors = [(i, p, p(None)) for i, p in enumerate(
        table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in order)
        if p is not None]
    last: dict[int, tuple] = {}  # column → (value, processed): a stamp repeats on every row
    params = []
    for row in rows:
        values = [row[key] for key in order]
        for i, process, for_none in processors:
            value = values[i]
            if value is None:
                values[i] = for_none
                continue
            seen = last.get(i)
            if seen is not None and seen[0] is value:
                values[i] = seen[1]
                continue
            values[i] = processed = process(value)
            last[i] = (value, processed)
        params.append(tuple(values))
    conn.exec_driver_sql(compiled.string, params)
