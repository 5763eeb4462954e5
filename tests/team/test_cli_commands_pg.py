"""The data commands on a team database as its administrator (`--db postgresql://…`):
one run through the commands whose services run on PostgreSQL, each exiting 0 with
no traceback, on demo data. The daily computations (tiers, predicted values, points,
segments, campaigns) have their own run with results checked: test_cli_daily_pg.py."""

from __future__ import annotations

import json

from app.cli import main
from app.models import Customer
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.services.imports.apply import apply_plan
from app.services.imports.session import dry_run
from tests.imports.test_import_helpers import messy_customers

COMMANDS = [
    ["demo", "--customers", "30", "--seed", "3"],
    ["stats", "--json"], ["search", "王"], ["search", "138"], ["agenda"], ["duplicates"],
    ["merges"], ["audit"], ["audit", "verify"], ["retention", "review"],
    ["campaign", "list"], ["survey", "templates"], ["satisfaction"], ["rewards"],
    ["segments", "list"], ["export", "{tmp}/o.xlsx"], ["export", "{tmp}/o.csv"],
    ["import", "{tmp}/o.xlsx", "--dry-run"], ["person-export", "KH000002", "{tmp}/p.xlsx"],
    # A row added the ordinary way after the demo's own numbering: a fresh id.
    ["log", "KH000001", "--channel", "phone", "--purpose", "routine", "--text", "回访",
     "--follow-up-days", "2"],
    ["export-ics", "{tmp}/a.ics"], ["consent", "KH000001"], ["points", "KH000001"],
    ["erase", "KH000004", "--reason", "本人要求"],
    ["plan", "--days", "14"], ["levels", "recompute"],
]


def test_the_data_commands_run_on_a_team_database(pg_team_store, tmp_path, capsys):
    for command in COMMANDS:
        args = [a.replace("{tmp}", str(tmp_path)) for a in command]
        code = main([*args, "--db", pg_team_store.url])
        out, err = capsys.readouterr()
        assert code == 0 and "Traceback" not in err, (command, err[-1500:])
        if command[:2] == ["stats", "--json"]:
            assert json.loads(out)["customers"] == 30


def test_rows_numbered_by_an_import_leave_the_sequence_past_them(pg_team_store, tmp_path):
    with pg_team_store.sessions() as s:
        plan, _ = dry_run(s, messy_customers(tmp_path / "messy.xlsx"))
    result = apply_plan(pg_team_store.sessions, plan, backup=lambda: None)
    assert result.created == 4
    with pg_team_store.sessions.begin() as s:  # the ordinary way: the id sequence
        row = create_customer(s, CustomerInput(name="新来的", phone="13600000009"))
    with pg_team_store.sessions() as s:
        ids = sorted(s.scalars(Customer.__table__.select().with_only_columns(Customer.id)))
    assert len(ids) == 5 and row.id == ids[-1]
