"""The bench's customer file copied into a team database (PostgreSQL), table by table
with COPY: the same rows, ids and all, so that the same queries ask the same of both
engines. The schema is made first by `team init` (the product's migrations, roles and
row-level security), the sequences are set past the copied ids afterwards. The monthly
roll-ups are copied as the file has them, with the triggers off during the copy
(`session_replication_role = replica`, superuser): a million purchases through the
row triggers in one transaction updated the same few hundred roll-up rows a million
times, and the copy ran for over 12 minutes."""

from __future__ import annotations

from sqlalchemy import Engine, text

from app.models import Base
from bench.timing import log

BATCH = 20_000


def copy_file_to_server(sqlite_engine: Engine, pg_engine: Engine) -> dict[str, int]:
    """Every table of the models from the (open, encrypted) file into the server, in
    one transaction. Returns the rows copied per table."""
    counts: dict[str, int] = {}
    raw = pg_engine.raw_connection()
    try:
        pg = raw.driver_connection
        with pg.cursor() as cur:
            cur.execute("SET LOCAL session_replication_role = replica")
            for table in Base.metadata.sorted_tables:
                if table.name in ("alembic_version",):
                    continue
                columns = [c.name for c in table.columns]
                if table.name in _already_there(cur):  # filled by the migrations
                    cur.execute(f'DELETE FROM "{table.name}"')
                n = 0
                quoted = ", ".join(f'"{c}"' for c in columns)
                with sqlite_engine.connect() as src, \
                        cur.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
                    result = src.exec_driver_sql(
                        f'SELECT {quoted} FROM "{table.name}"').yield_per(BATCH)
                    for row in result:
                        copy.write_row(_pg_values(row, table))
                        n += 1
                counts[table.name] = n
                if n:
                    log(f"team: copied {n:,} rows of {table.name}")
                if "id" in table.c and n:
                    cur.execute(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                        f"(SELECT max(id) FROM \"{table.name}\"))")
        pg.commit()
        # As a server that has been running would be: statistics, and the visibility
        # map set (index-only scans; no autovacuum pass competing with the timing).
        pg.autocommit = True
        with pg.cursor() as cur:
            cur.execute("VACUUM ANALYZE")
        pg.autocommit = False
    except BaseException:
        raw.driver_connection.rollback()
        raise
    finally:
        raw.close()
    return counts


_FILLED = ("rule_set", "tag", "survey_template", "member_level")


def _already_there(cur) -> set[str]:
    """Tables a migration seeds (a default rule set …): replaced by the file's rows."""
    out = set()
    for name in _FILLED:
        cur.execute("SELECT to_regclass(%s)", (name,))
        if cur.fetchone()[0] is not None:
            cur.execute(f'SELECT 1 FROM "{name}" LIMIT 1')
            if cur.fetchone():
                out.add(name)
    return out


def _pg_values(row, table) -> list:
    """SQLite's values as PostgreSQL's COPY takes them: booleans stored as 0/1 become
    Python booleans; dates and times stay ISO text (COPY parses them)."""
    out = list(row)
    for i, column in enumerate(table.columns):
        if out[i] is not None and _is_bool(column):
            out[i] = bool(out[i])
    return out


def _is_bool(column) -> bool:
    try:
        return column.type.python_type is bool
    except NotImplementedError:
        return False


def fill_check(pg_engine: Engine) -> int:
    with pg_engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM customer")).scalar())
