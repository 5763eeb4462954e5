"""Discovered groups through the CLI on a team database (issue 21): `segments discover`
before any tiers says what to do, exit 5 and no traceback; after `tiers recompute` it
finds the same groups as on the encrypted file with the same demo customers, stores
one assignment per active buyer, and a segment saved from a group has its members."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import func, select

from app.cli import main
from app.models import Customer, CustomerCluster, CustomerTier
from app.security.vault import Vault
from tests.conftest import CLI_PASSWORD

DAY = date(2026, 11, 20)


def _runner(run_cli):
    def run(*args, expect: int = 0) -> str:
        code, printed, err = run_cli(*args)
        assert code == expect and "Traceback" not in err, (args, err[-1500:])
        return printed if expect == 0 else err
    return run


def _sequence(run) -> dict:
    out = {"too soon": run("segments", "discover", expect=5)}
    run("demo", "--customers", "150", "--seed", "5")
    run("tiers", "recompute", "--as-of", DAY.isoformat())
    out["discover"] = json.loads(run("segments", "discover", "--json"))
    out["k4"] = json.loads(run("segments", "discover", "--k", "4", "--json"))
    biggest = max(out["k4"]["clusters"], key=lambda c: c["size"])
    run("segments", "save", "最大的群", "--cluster", str(biggest["id"]))
    out["members"] = json.loads(run("segments", "show", "最大的群", "--json"))
    out["biggest"] = biggest
    return out


def _stored(store) -> tuple[int, int, dict[int, int]]:
    """(active buyers with a tier, assignments, group id → size) as stored."""
    with store.sessions() as s:
        buyers = s.scalar(select(func.count()).select_from(CustomerTier).join(
            Customer, Customer.id == CustomerTier.customer_id).where(
            Customer.deleted_at.is_(None), CustomerTier.value_tier.is_not(None)))
        sizes = dict(s.execute(select(CustomerCluster.cluster_id, func.count())
                               .group_by(CustomerCluster.cluster_id)).all())
    return int(buyers), sum(sizes.values()), sizes


def test_discover_finds_the_same_groups_on_both_engines(cli, pg_team_store, capsys):
    def on_server(*args):
        code = main([*args, "--db", pg_team_store.url])
        printed, err = capsys.readouterr()
        return code, printed, err

    assert cli("init")[0] == 0
    file_out = _sequence(_runner(cli))
    with Vault.open_with_password(cli.db, CLI_PASSWORD) as vault:
        file_stored = _stored(vault)
    server_out = _sequence(_runner(on_server))
    server_stored = _stored(pg_team_store)

    assert "tiers" in server_out["too soon"].lower() or "分层" in server_out["too soon"]
    for key in ("discover", "k4", "members", "biggest"):
        assert server_out[key] == file_out[key], key
    assert server_stored == file_stored
    buyers, assigned, sizes = server_stored
    found = server_out["k4"]
    assert found["k"] == 4 and found["customers"] == buyers == assigned > 50
    assert {c["id"]: c["size"] for c in found["clusters"]} == sizes
    members = server_out["members"]
    assert members["count"] == server_out["biggest"]["size"] == len(members["members"])
    with pg_team_store.sessions() as s:  # the segment is that group's members
        codes = sorted(s.scalars(select(Customer.code).join(
            CustomerCluster, CustomerCluster.customer_id == Customer.id)
            .where(CustomerCluster.cluster_id == server_out["biggest"]["id"])))
    assert members["members"] == codes
