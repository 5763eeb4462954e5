"""No lost updates on the encrypted file: a save made on a row read before someone
else's save is refused (EditConflict, naming who and when) and writes nothing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.errors import EditConflict
from app.models import Customer, Reminder
from app.models.base import system_login
from app.services.customers import service as svc
from app.services.customers.dossier import save_profile
from app.services.daily import complaints as cs
from app.services.daily import reminders as rs
from app.services.edits import versions
from tests.daily_helpers import NOW, make_customer


def _stored(vault, cid: int):
    with vault.sessions() as s:
        return s.execute(select(Customer.notes, Customer.email, Customer.version,
                                Customer.updated_by).where(Customer.id == cid)).one()


def test_the_second_save_on_the_same_version_is_refused_and_writes_nothing(vault):
    cid = make_customer(vault, "王芳")
    with vault.sessions() as s:
        mine = theirs = svc.get_customer(s, cid)  # two views, one frozen row each
    assert mine.version == 1
    saved = save_profile(vault.sessions, cid, {"notes": "李娜的修改"}, theirs.version)
    assert saved.version == 2 and saved.updated_by == (system_login() or None)
    with pytest.raises(EditConflict) as refused:
        save_profile(vault.sessions, cid, {"email": "wf@example.com", "tags": ["VIP"]},
                     mine.version)
    hhmm = saved.updated_at.strftime("%H:%M")
    assert refused.value.en == (f"王芳 was changed by {system_login()} at {hhmm}: reload "
                                "and apply your edits?")
    assert refused.value.zh == (f"王芳 已被 {system_login()} 于 {hhmm} 修改：重新载入并再次"
                                "应用您的修改？")
    assert tuple(_stored(vault, cid))[:3] == ("李娜的修改", None, 2)
    with vault.sessions() as s:
        assert svc.get_customer(s, cid).tags == ()
    # Reloaded: the same edit on the new version goes through, and counts.
    again = save_profile(vault.sessions, cid, {"email": "wf@example.com"}, saved.version)
    assert (again.notes, again.email, again.version) == ("李娜的修改", "wf@example.com", 3)


def test_a_tags_only_save_is_a_write_too(vault):
    cid = make_customer(vault, "王芳")
    row = save_profile(vault.sessions, cid, {"tags": ["VIP"]}, 1)
    assert (row.tags, row.version) == (("VIP",), 2)
    with pytest.raises(EditConflict):
        save_profile(vault.sessions, cid, {"tags": ["老客户"]}, 1)


def test_a_flush_of_a_stale_row_fails_at_the_update_itself(vault):
    """The race in the same instant: both passed the version check; the UPDATE is
    `WHERE version = :loaded`, so the later one matches no row."""
    cid = make_customer(vault, "王芳")
    late = Session(vault.engine, expire_on_commit=False)
    try:
        customer = late.get(Customer, cid)  # read at version 1 ...
        late.commit()
        save_profile(vault.sessions, cid, {"notes": "先到的修改"}, 1)  # ... another wins
        customer.notes = "晚到的修改"
        with pytest.raises(StaleDataError):  # what SQLAlchemy says of it
            late.flush()
        late.rollback()
        customer = late.get(Customer, cid)
        late.commit()
        save_profile(vault.sessions, cid, {"notes": "又一次修改"}, 2)
        with (pytest.raises(EditConflict, match="王芳 was changed by"),  # what Kehu says
              versions.guarded(late, customer, lambda s: ("王芳", "王芳"))):
            customer.notes = "晚到的修改"
        late.rollback()
    finally:
        late.close()
    assert _stored(vault, cid).notes == "又一次修改"


def test_a_save_with_no_version_given_still_counts_the_write(vault):
    cid = make_customer(vault, "王芳")
    with vault.sessions.begin() as s:
        assert svc.update_customer(s, cid, {"notes": "CLI"}).version == 2


def test_the_words_of_a_conflict_on_another_day_or_by_nobody_known():
    other_day = EditConflict("王芳", "王芳", "李娜", datetime(2026, 12, 3, 10, 42),
                             today=date(2026, 12, 4))
    assert other_day.en == ("王芳 was changed by 李娜 at 2026-12-03 10:42: reload and apply "
                            "your edits?")
    nobody = EditConflict("王芳", "王芳", None, datetime(2026, 12, 4, 10, 42),
                          today=date(2026, 12, 4))
    assert nobody.zh == "王芳 已被 他人 于 10:42 修改：重新载入并再次应用您的修改？"
    assert other_day.exit_code == 5  # invalid input: the CLI exits with words


def test_a_reminder_edited_meanwhile_is_not_overwritten(vault):
    make_customer(vault, "王芳")
    with vault.sessions.begin() as s:
        row = rs.create_reminder(s, "KH000001", due_at="2026-11-30", title="回访", now=NOW)
    assert row.version == 1
    with vault.sessions.begin() as s:
        first = rs.edit_reminder(s, row.id, {"title": "电话回访"}, now=NOW,
                                 expected_version=row.version)
    assert first.version == 2
    with (pytest.raises(EditConflict, match=f"Reminder #{row.id} of 王芳 was changed by"),
          vault.sessions.begin() as s):
        rs.edit_reminder(s, row.id, {"note": "带资料"}, now=NOW, expected_version=row.version)
    with vault.sessions() as s:
        stored = s.get(Reminder, row.id)
        assert (stored.title, stored.note, stored.version) == ("电话回访", None, 2)


def test_a_complaint_moved_meanwhile_is_not_moved_again_from_the_old_row(vault):
    make_customer(vault, "王芳")
    with vault.sessions.begin() as s:
        row = cs.open_complaint(s, "KH000001", category="服务态度", severity="medium",
                                description="态度差", now=NOW)
    with vault.sessions.begin() as s:
        assert cs.change_status(s, row.id, "in_progress", now=NOW,
                                expected_version=row.version).version == 2
    with (pytest.raises(EditConflict) as refused,  # a move the workflow allows, but
          vault.sessions.begin() as s):  # made on the row as it was before
        cs.change_status(s, row.id, "resolved", resolution="已致歉", now=NOW,
                         expected_version=row.version)
    assert refused.value.zh.startswith(f"王芳 的投诉 #{row.id} 已被 ")
    with vault.sessions() as s:
        stored = cs.get_complaint(s, row.id, now=NOW)
        assert (stored.status, stored.resolution, stored.version) == ("in_progress", None, 2)


def test_completing_a_reminder_read_before_someone_elses_edit_records_nothing(vault):
    from app.models import ContactEvent
    from tests.daily_helpers import count

    make_customer(vault, "王芳")
    with vault.sessions.begin() as s:
        row = rs.create_reminder(s, "KH000001", due_at="2026-11-30", title="回访", now=NOW)
    late = Session(vault.engine, expire_on_commit=False)
    try:
        held = late.get(Reminder, row.id)  # read in a long-lived session (and held) ...
        late.commit()
        assert held.version == 1
        with vault.sessions.begin() as s:  # ... edited elsewhere meanwhile
            rs.edit_reminder(s, row.id, {"title": "电话回访"}, now=NOW)
        with pytest.raises(EditConflict, match=f"Reminder #{row.id} of 王芳 was changed"):
            rs.complete_reminder(late, row.id, outcome="已联系", now=NOW)
        late.rollback()
    finally:
        late.close()
    assert count(vault, ContactEvent) == 0  # the contact and the completion: neither
    with vault.sessions() as s:
        assert rs.get_reminder(s, row.id).status == "open"


def test_a_stale_flush_no_service_put_in_words_still_reaches_people_typed():
    from app.store.faults import classify

    typed = classify(StaleDataError("UPDATE statement on table 'x' expected 1 row"))
    assert isinstance(typed, EditConflict)
    assert typed.en == "This record was changed by someone else: reload and apply your edits?"
