"""Migration 0012 carries the 1–5 scores over: a file at revision 0010 with scores on
contacts and complaints opens with one one-question response per score (×20), at the
score's time, counted for the customer's owner and branch; scores logged afterwards
follow by legacy.sync, which is idempotent."""

from __future__ import annotations

from datetime import datetime

from alembic import command
from sqlalchemy import DateTime, column, func, insert, select, table

from app.models import ContactEvent, SurveyResponse
from app.security.vault import Vault
from app.services.surveys import legacy, monthly
from app.store import engine as db
from tests.conftest import PASSWORD
from tests.daily_helpers import make_customer


def _responses(vault):
    with vault.sessions() as s:
        return s.execute(select(SurveyResponse.source, SurveyResponse.score,
                                SurveyResponse.answered_at, SurveyResponse.answers,
                                SurveyResponse.owner, SurveyResponse.branch,
                                SurveyResponse.contact_event_id, SurveyResponse.complaint_id)
                         .order_by(SurveyResponse.answered_at)).all()


_COMPLAINT_0010 = ("uid", "customer_id", "category", "severity", "status", "description",
                   "satisfaction_after", "owner")


def test_scores_of_revision_0010_become_one_question_responses(vault, db_path):
    cid = make_customer(vault, phone="13512345678", owner="王经理", branch="西湖支行")
    with vault.engine.begin() as conn:
        command.downgrade(db.alembic_config(conn), "0010")
    with vault.engine.begin() as conn:
        conn.exec_driver_sql("SELECT 1")
        assert "survey_response" not in {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table'")}
    with vault.sessions.begin() as s:  # the pre-0012 tables, written as 0010 had them
        for day, score in ((3, 4), (10, 2), (20, None)):
            s.add(ContactEvent(customer_id=cid, occurred_at=datetime(2026, 10, day, 10),
                               channel="phone", summary="回访", satisfaction=score,
                               staff="李四"))
        # Not through the model: it has 0017's columns (version, updated_by) by now.
        s.execute(insert(table("complaint", *(column(c) for c in _COMPLAINT_0010),
                               column("opened_at", DateTime), column("closed_at", DateTime),
                               column("created_at", DateTime),
                               column("updated_at", DateTime))).values(
            uid="c-0010", customer_id=cid, category="服务", severity="medium",
            status="open", description="", satisfaction_after=5, owner="赵主管",
            opened_at=datetime(2026, 10, 5, 9), closed_at=datetime(2026, 10, 25, 16),
            created_at=datetime(2026, 10, 5, 9), updated_at=datetime(2026, 10, 25, 16)))
    vault.lock()
    with Vault.open_with_password(db_path, PASSWORD) as reopened:
        assert db.current_revision(reopened.engine) == db.head_revision()
        rows = _responses(reopened)
        assert [(r.source, r.score, r.answered_at, r.answers) for r in rows] == [
            ("contact", 80.0, datetime(2026, 10, 3, 10), {"q1": 4}),
            ("contact", 40.0, datetime(2026, 10, 10, 10), {"q1": 2}),
            ("complaint", 100.0, datetime(2026, 10, 25, 16), {"q1": 5}),
        ]
        assert {(r.owner, r.branch) for r in rows} == {("王经理", "西湖支行")}
        assert all((r.contact_event_id is None) != (r.complaint_id is None) for r in rows)
        with reopened.sessions() as s:
            october = monthly.monthly(s, month="2026-10")[0]
        assert (october.responses, october.score) == (3, round((80 + 40 + 100) / 3, 1))
        # Nothing left to carry: sync finds the history complete.
        with reopened.sessions.begin() as s:
            assert legacy.sync(s) == legacy.Synced(0, 0, 0)


def test_scores_logged_changed_or_cleared_later_follow_by_sync(vault):
    cid = make_customer(vault, phone="13512345678", owner="王经理")
    with vault.sessions.begin() as s:
        event = ContactEvent(customer_id=cid, occurred_at=datetime(2026, 11, 2, 10),
                             channel="phone", summary="回访", satisfaction=3)
        other = ContactEvent(customer_id=cid, occurred_at=datetime(2026, 11, 3, 10),
                             channel="phone", summary="回访", satisfaction=5)
        s.add_all([event, other])
    with vault.sessions.begin() as s:
        assert legacy.sync(s) == legacy.Synced(2, 0, 0)
    with vault.sessions.begin() as s:
        assert legacy.sync(s) == legacy.Synced(0, 0, 0)  # idempotent
        s.get(ContactEvent, event.id).satisfaction = 1
        s.get(ContactEvent, other.id).satisfaction = None
    with vault.sessions.begin() as s:
        assert legacy.sync(s) == legacy.Synced(0, 1, 1)
        assert s.scalars(select(SurveyResponse.score)).all() == [20.0]
    with vault.sessions.begin() as s:
        s.delete(s.get(ContactEvent, event.id))  # the source goes, its response with it
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(SurveyResponse)) == 0


def test_the_carry_over_writes_every_score_once_as_python_would(any_store):
    """sync carries the missing scores in one INSERT … SELECT (uid, answers and all
    made by the engine): on both engines every score is carried once, with the row
    the product reads (score ×20, answers {"q1": n}, the event's time to the
    microsecond, owner and branch of the customer, the event's staff, a uuid4 uid),
    in full and in the dashboard's incremental run."""
    import re

    vault = any_store
    cid = make_customer(vault, phone="13512345679", owner="王经理", branch="西湖支行")
    with vault.sessions.begin() as s:
        s.add_all([ContactEvent(customer_id=cid, occurred_at=datetime(2026, 10, d, 10, 0, d),
                                channel="phone", summary="回访", satisfaction=1 + d % 5,
                                staff="李娜" if d % 2 else None)
                   for d in range(1, 12)])
        s.add(ContactEvent(customer_id=cid, occurred_at=datetime(2026, 10, 20, 10),
                           channel="phone", summary="无评分"))
    with vault.sessions.begin() as s:
        assert legacy.sync(s, full=False) == legacy.Synced(11, 0, 0)
    with vault.sessions.begin() as s:
        s.add_all([ContactEvent(customer_id=cid, occurred_at=datetime(2026, 11, d, 10, 30,
                                                                      0, 123456),
                                channel="phone", summary="回访", satisfaction=4)
                   for d in range(1, 8)])
    with vault.sessions.begin() as s:
        assert legacy.sync(s) == legacy.Synced(7, 0, 0)
        assert legacy.sync(s) == legacy.Synced(0, 0, 0)
    rows = _responses(vault)
    assert len(rows) == 18 and len({r.contact_event_id for r in rows}) == 18
    with vault.sessions() as s:
        events = {e.id: e for e in s.scalars(select(ContactEvent))}
        full = s.scalars(select(SurveyResponse)).all()
    for row in full:
        event = events[row.contact_event_id]
        assert row.score == event.satisfaction * 20.0
        assert row.answers == {"q1": event.satisfaction}
        assert row.answered_at == event.occurred_at
        assert (row.source, row.owner, row.branch, row.staff) == (
            "contact", "王经理", "西湖支行", event.staff)
        assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                            r"[0-9a-f]{12}", row.uid), row.uid
        assert row.created_at is not None and row.nps is None
    assert len({row.uid for row in full}) == 18
