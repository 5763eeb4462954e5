"""purchase_month, contact_month: the dashboard's monthly roll-ups, kept by triggers;
purchase and contact_event date indexes carry the customer (issue 22)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# The SQL is written out here, not imported from the app: a migration keeps the
# schema of its day. Both engines get the same roll-ups and the same rules:
# - a purchase or contact counts under its customer's (branch, owner, region), NULL as
#   "", and only while the customer is outside the trash;
# - every change is a +/− upsert on the row's key; a key that empties keeps zeros;
# - a customer's change of branch, owner, region or trash state takes its rows out of
#   the old key and puts them in the new one; deleting a customer takes them out
#   BEFORE the row goes (the cascaded child deletes then no longer find it and add
#   nothing; a customer in the trash counted nothing to begin with).

_P_KEY = "month, branch, owner, region"
_C_KEY = "month, branch, owner, region, channel, actor"
_P_SET = ("purchases = purchase_month.purchases + excluded.purchases, "
          "revenue_fen = purchase_month.revenue_fen + excluded.revenue_fen")
_C_SET = ("contacts = contact_month.contacts + excluded.contacts, "
          "scored = contact_month.scored + excluded.scored, "
          "score_sum = contact_month.score_sum + excluded.score_sum")


def _month(dialect: str, expr: str) -> str:
    """'YYYY-MM' of a stored date/time: the text's prefix on SQLite, to_char on PG."""
    return f"to_char({expr}, 'YYYY-MM')" if dialect == "postgresql" else f"substr({expr}, 1, 7)"


def _purchase_row(d: str, row: str, sign: str) -> str:
    """Upsert ±1 purchase of OLD/NEW `row` (no-op when its customer does not count)."""
    return (f"INSERT INTO purchase_month ({_P_KEY}, purchases, revenue_fen) "
            f"SELECT {_month(d, row + '.purchased_on')}, coalesce(c.branch, ''), "
            f"coalesce(c.owner, ''), coalesce(c.region, ''), {sign}1, {sign}{row}.amount_fen "
            f"FROM customer c WHERE c.id = {row}.customer_id AND c.deleted_at IS NULL "
            f"ON CONFLICT ({_P_KEY}) DO UPDATE SET {_P_SET};")


def _contact_row(d: str, row: str, sign: str) -> str:
    return (f"INSERT INTO contact_month ({_C_KEY}, contacts, scored, score_sum) "
            f"SELECT {_month(d, row + '.occurred_at')}, coalesce(c.branch, ''), "
            f"coalesce(c.owner, ''), coalesce(c.region, ''), {row}.channel, "
            f"coalesce({row}.staff, c.owner, ''), {sign}1, "
            f"{sign}(CASE WHEN {row}.satisfaction IS NULL THEN 0 ELSE 1 END), "
            f"{sign}coalesce({row}.satisfaction, 0) "
            f"FROM customer c WHERE c.id = {row}.customer_id AND c.deleted_at IS NULL "
            f"ON CONFLICT ({_C_KEY}) DO UPDATE SET {_C_SET};")


def _customer_moves(d: str, row: str, sign: str) -> list[str]:
    """All of customer `row`'s purchases and contacts, ± under its key (if it counts)."""
    key = (f"coalesce({row}.branch, ''), coalesce({row}.owner, ''), "
           f"coalesce({row}.region, '')")
    return [
        f"INSERT INTO purchase_month ({_P_KEY}, purchases, revenue_fen) "
        f"SELECT {_month(d, 'p.purchased_on')} AS m, {key}, {sign}count(*), "
        f"{sign}sum(p.amount_fen) FROM purchase p "
        f"WHERE p.customer_id = {row}.id AND {row}.deleted_at IS NULL "
        f"GROUP BY {_month(d, 'p.purchased_on')} "
        f"ON CONFLICT ({_P_KEY}) DO UPDATE SET {_P_SET};",
        f"INSERT INTO contact_month ({_C_KEY}, contacts, scored, score_sum) "
        f"SELECT {_month(d, 'e.occurred_at')}, {key}, e.channel, "
        f"coalesce(e.staff, {row}.owner, ''), {sign}count(*), {sign}count(e.satisfaction), "
        f"{sign}coalesce(sum(e.satisfaction), 0) FROM contact_event e "
        f"WHERE e.customer_id = {row}.id AND {row}.deleted_at IS NULL "
        f"GROUP BY {_month(d, 'e.occurred_at')}, e.channel, coalesce(e.staff, {row}.owner, '') "
        f"ON CONFLICT ({_C_KEY}) DO UPDATE SET {_C_SET};",
    ]


_CUSTOMER_MOVED = ("OLD.branch IS DISTINCT FROM NEW.branch OR OLD.owner IS DISTINCT FROM "
                   "NEW.owner OR OLD.region IS DISTINCT FROM NEW.region OR "
                   "(OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)")
_P_COLS = "customer_id, purchased_on, amount_fen"
_C_COLS = "customer_id, occurred_at, channel, staff, satisfaction"


def _sqlite_up() -> list[str]:
    d, moved = "sqlite", _CUSTOMER_MOVED.replace("IS DISTINCT FROM", "IS NOT")

    def trigger(name: str, when: str, body: list[str], cond: str = "") -> str:
        return (f"CREATE TRIGGER {name} {when} " + (f"WHEN {cond} " if cond else "")
                + "BEGIN " + " ".join(body) + " END")

    return [
        trigger("purchase_month_ai", "AFTER INSERT ON purchase", [_purchase_row(d, "NEW", "+")]),
        trigger("purchase_month_ad", "AFTER DELETE ON purchase", [_purchase_row(d, "OLD", "-")]),
        trigger("purchase_month_au", f"AFTER UPDATE OF {_P_COLS} ON purchase",
                [_purchase_row(d, "OLD", "-"), _purchase_row(d, "NEW", "+")]),
        trigger("contact_month_ai", "AFTER INSERT ON contact_event",
                [_contact_row(d, "NEW", "+")]),
        trigger("contact_month_ad", "AFTER DELETE ON contact_event",
                [_contact_row(d, "OLD", "-")]),
        trigger("contact_month_au", f"AFTER UPDATE OF {_C_COLS} ON contact_event",
                [_contact_row(d, "OLD", "-"), _contact_row(d, "NEW", "+")]),
        trigger("customer_rollup_au", "AFTER UPDATE OF branch, owner, region, deleted_at "
                "ON customer", [*_customer_moves(d, "OLD", "-"), *_customer_moves(d, "NEW", "+")],
                moved),
        trigger("customer_rollup_bd", "BEFORE DELETE ON customer",
                _customer_moves(d, "OLD", "-")),
    ]


SQLITE_DOWN = [f"DROP TRIGGER IF EXISTS {name}" for name in (
    "purchase_month_ai", "purchase_month_ad", "purchase_month_au", "contact_month_ai",
    "contact_month_ad", "contact_month_au", "customer_rollup_au", "customer_rollup_bd")]


def _pg_function(name: str, body: str) -> str:
    return (f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"{body} RETURN NULL; END $$")


def _pg_up() -> list[str]:
    d = "postgresql"
    old_new = ("IF TG_OP <> 'INSERT' THEN {old} END IF; "
               "IF TG_OP <> 'DELETE' THEN {new} END IF;")
    moves = " ".join([*_customer_moves(d, "OLD", "-"), *_customer_moves(d, "NEW", "+")])
    return [
        _pg_function("purchase_month_sync", old_new.format(
            old=_purchase_row(d, "OLD", "-"), new=_purchase_row(d, "NEW", "+"))),
        _pg_function("contact_month_sync", old_new.format(
            old=_contact_row(d, "OLD", "-"), new=_contact_row(d, "NEW", "+"))),
        _pg_function("customer_rollup_move", f"IF {_CUSTOMER_MOVED} THEN {moves} END IF;"),
        # BEFORE DELETE must return OLD, or the delete is skipped.
        "CREATE FUNCTION customer_rollup_delete() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN " + " ".join(_customer_moves(d, "OLD", "-")) + " RETURN OLD; END $$",
        f"CREATE TRIGGER purchase_month_sync AFTER INSERT OR DELETE OR UPDATE OF {_P_COLS} "
        "ON purchase FOR EACH ROW EXECUTE FUNCTION purchase_month_sync()",
        f"CREATE TRIGGER contact_month_sync AFTER INSERT OR DELETE OR UPDATE OF {_C_COLS} "
        "ON contact_event FOR EACH ROW EXECUTE FUNCTION contact_month_sync()",
        "CREATE TRIGGER customer_rollup_move AFTER UPDATE OF branch, owner, region, "
        "deleted_at ON customer FOR EACH ROW EXECUTE FUNCTION customer_rollup_move()",
        "CREATE TRIGGER customer_rollup_delete BEFORE DELETE ON customer "
        "FOR EACH ROW EXECUTE FUNCTION customer_rollup_delete()",
    ]


PG_DOWN = [
    "DROP TRIGGER IF EXISTS purchase_month_sync ON purchase",
    "DROP TRIGGER IF EXISTS contact_month_sync ON contact_event",
    "DROP TRIGGER IF EXISTS customer_rollup_move ON customer",
    "DROP TRIGGER IF EXISTS customer_rollup_delete ON customer",
    *(f"DROP FUNCTION IF EXISTS {name}()" for name in (
        "purchase_month_sync", "contact_month_sync", "customer_rollup_move",
        "customer_rollup_delete")),
]


def _fill(d: str) -> list[str]:
    """The roll-ups of the rows already there: one GROUP BY per table."""
    key = "coalesce(c.branch, ''), coalesce(c.owner, ''), coalesce(c.region, '')"
    pm, cm = _month(d, "p.purchased_on"), _month(d, "e.occurred_at")
    actor = "coalesce(e.staff, c.owner, '')"
    return [
        f"INSERT INTO purchase_month ({_P_KEY}, purchases, revenue_fen) "
        f"SELECT {pm}, {key}, count(*), sum(p.amount_fen) FROM purchase p "
        f"JOIN customer c ON c.id = p.customer_id WHERE c.deleted_at IS NULL "
        f"GROUP BY {pm}, {key}",
        f"INSERT INTO contact_month ({_C_KEY}, contacts, scored, score_sum) "
        f"SELECT {cm}, {key}, e.channel, {actor}, count(*), count(e.satisfaction), "
        f"coalesce(sum(e.satisfaction), 0) FROM contact_event e "
        f"JOIN customer c ON c.id = e.customer_id WHERE c.deleted_at IS NULL "
        f"GROUP BY {cm}, {key}, e.channel, {actor}",
    ]


def upgrade() -> None:
    d = op.get_bind().dialect.name
    op.create_table(
        "purchase_month",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("branch", sa.String(length=100), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=False),
        sa.Column("purchases", sa.Integer(), nullable=False),
        sa.Column("revenue_fen", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("month", "branch", "owner", "region",
                                name=op.f("pk_purchase_month")),
    )
    op.create_table(
        "contact_month",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("branch", sa.String(length=100), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("contacts", sa.Integer(), nullable=False),
        sa.Column("scored", sa.Integer(), nullable=False),
        sa.Column("score_sum", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("month", "branch", "owner", "region", "channel", "actor",
                                name=op.f("pk_contact_month")),
    )
    # The date-only indexes become (date, customer): the same ranges, plus the
    # customer without a row lookup.
    op.drop_index("ix_purchase_purchased_on", table_name="purchase")
    op.create_index("ix_purchase_date_customer", "purchase", ["purchased_on", "customer_id"])
    op.drop_index("ix_contact_event_occurred_at", table_name="contact_event")
    op.create_index("ix_contact_event_time_customer", "contact_event",
                    ["occurred_at", "customer_id"])
    for statement in _fill(d):
        op.execute(statement)
    for statement in (_pg_up() if d == "postgresql" else _sqlite_up()):
        op.execute(statement)


def downgrade() -> None:
    d = op.get_bind().dialect.name
    for statement in (PG_DOWN if d == "postgresql" else SQLITE_DOWN):
        op.execute(statement)
    op.drop_index("ix_contact_event_time_customer", table_name="contact_event")
    op.create_index("ix_contact_event_occurred_at", "contact_event", ["occurred_at"])
    op.drop_index("ix_purchase_date_customer", table_name="purchase")
    op.create_index("ix_purchase_purchased_on", "purchase", ["purchased_on"])
    op.drop_table("contact_month")
    op.drop_table("purchase_month")
