"""No lost updates in team mode, on a real PostgreSQL: two clerks of one branch, each
with their own login and engine, save the same customer. The second save is refused
naming the first clerk (the login, `session_user`), and the first clerk's edit is what
is stored, whether the second read before the first saved or both saved at once."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from app.errors import EditConflict
from app.models import Customer
from app.services.customers import service as svc
from app.services.customers.dossier import save_profile
from app.services.team import roles
from app.store.server import make_server_engine
from tests.team.helpers import PASSWORD, add_customers, init_team


@pytest.fixture
def clerks(pg_server, pg_url, monkeypatch):
    """(admin engine, 王芳's id, {clerk name: sessionmaker}) for two clerks of branch A."""
    engine = init_team(pg_url)
    ids = add_customers(engine)
    database = pg_url.split("@/", 1)[1].split("?", 1)[0]
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    suffix = uuid.uuid4().hex[:6]  # roles are server-wide: names of their own
    made = {}
    for name in (f"李娜_{suffix}", f"张伟_{suffix}"):
        roles.add_user(engine, name, "clerk", "A", PASSWORD)
        clerk_engine = make_server_engine(pg_server.tcp_url(database, name))
        made[name] = sessionmaker(bind=clerk_engine, expire_on_commit=False)
    yield engine, ids["A001"], made
    for sessions in made.values():
        sessions.kw["bind"].dispose()
    engine.dispose()


def _stored(engine, cid: int):
    with Session(engine) as s:
        return s.execute(select(Customer.notes, Customer.email, Customer.version,
                                Customer.updated_by).where(Customer.id == cid)).one()


def test_the_second_clerk_is_told_who_saved_first_and_nothing_is_overwritten(clerks):
    engine, cid, sessions = clerks
    li, zhang = sessions
    with sessions[zhang]() as s:
        zhangs_row = svc.get_customer(s, cid)  # 张伟 opens the dossier ...
    with sessions[li]() as s:
        lis_row = svc.get_customer(s, cid)  # ... and so does 李娜
    saved = save_profile(sessions[li], cid, {"notes": "李娜: 已回访"}, lis_row.version)
    assert (saved.version, saved.updated_by) == (2, li)
    with pytest.raises(EditConflict) as refused:
        save_profile(sessions[zhang], cid, {"email": "wf@example.com", "notes": "张伟"},
                     zhangs_row.version)
    assert refused.value.by == li
    assert refused.value.en == (f"王芳 was changed by {li} at "
                                f"{saved.updated_at:%H:%M}: reload and apply your edits?")
    assert refused.value.zh.startswith(f"王芳 已被 {li} 于 {saved.updated_at:%H:%M} 修改")
    assert tuple(_stored(engine, cid)) == ("李娜: 已回访", None, 2, li)
    # 张伟 reloads (the new version) and saves his edit again: both are kept.
    again = save_profile(sessions[zhang], cid, {"email": "wf@example.com"}, saved.version)
    assert tuple(_stored(engine, cid)) == ("李娜: 已回访", "wf@example.com", 3, zhang)
    assert again.version == 3


def _waiting_for_a_lock(engine, user: str) -> bool:
    with engine.connect() as conn:
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE usename = :u AND "
            "wait_event_type = 'Lock'"), {"u": user}).scalar())


def test_two_saves_in_the_same_instant_the_later_update_matches_no_row(clerks):
    """Both pass the version check; the later UPDATE (`WHERE version = 1`) waits for
    the earlier transaction's row lock, then finds version 2 and matches nothing:
    StaleDataError, said as EditConflict. Nothing of the later save is written."""
    engine, cid, sessions = clerks
    li, zhang = sessions
    first = sessions[zhang]()
    first.begin()
    svc.update_customer(first, cid, {"notes": "张伟先存"}, expected_version=1)  # not committed
    outcome: dict = {}

    def second_save():
        try:
            outcome["row"] = save_profile(sessions[li], cid, {"email": "li@example.com"}, 1)
        except Exception as exc:  # handed to the test thread
            outcome["error"] = exc

    thread = threading.Thread(target=second_save)
    thread.start()
    deadline = time.monotonic() + 20
    while not _waiting_for_a_lock(engine, li):  # 李娜's UPDATE waits for 张伟's row lock
        assert thread.is_alive() and time.monotonic() < deadline, outcome
        time.sleep(0.05)
    first.commit()
    first.close()
    thread.join(20)
    assert isinstance(outcome.get("error"), EditConflict), outcome
    assert outcome["error"].by == zhang
    assert tuple(_stored(engine, cid)) == ("张伟先存", None, 2, zhang)


def test_a_clerks_change_poll_sees_their_branch_change_and_not_another_branch(clerks):
    from app.services.edits.changes import read_stamp

    engine, cid, sessions = clerks
    li, zhang = sessions
    before = read_stamp(sessions[li])
    with Session(engine) as s:  # branch B's customer changes: not 李娜's to see
        s.execute(text("UPDATE customer SET notes = 'B', updated_at = now() + interval '1 day'"
                       " WHERE code = 'B001'"))
        s.commit()
    assert read_stamp(sessions[li]) == before
    save_profile(sessions[zhang], cid, {"notes": "张伟"}, 1)  # her branch's: she is woken
    assert read_stamp(sessions[li]) != before
