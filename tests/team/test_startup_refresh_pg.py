"""The main window's start-up tier refresh on a team server (issue 21): when the server
refuses it, the window says why in the status bar — the login, what was refused and
who may do it (NoRights from SQLSTATE 42501), never raw SQL, never a traceback, no
modal dialog — and goes on; with the rights back, the same refresh succeeds and says
so. The failure is real: head office's group role loses INSERT on tier_run in this
test's own database (a fresh one: the grant is not shared with other tests)."""

from __future__ import annotations

import uuid
from datetime import datetime

import psycopg
from sqlalchemy import func, select

from app.i18n import set_language
from app.models import TierRun
from app.services.team import roles
from app.store.team_store import TeamStore
from app.views.shell.app_context import AppContext
from app.views.shell.main_window import MainWindow
from tests.team.helpers import PASSWORD, add_customers, init_team

CLOCK = datetime(2026, 11, 24, 9, 0)


def _window(qtbot, store) -> MainWindow:
    window = MainWindow(AppContext(store), clock=lambda: CLOCK)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.tier_actions.refreshing, timeout=15000)
    return window


def _refresh(qtbot, window) -> str:
    window.tier_actions.refresh_if_stale()
    qtbot.waitUntil(lambda: not window.tier_actions.refreshing, timeout=15000)
    return window.statusBar().currentMessage()


def test_a_refused_start_up_refresh_is_told_in_the_status_bar(
        qtbot, pg_server, pg_url, monkeypatch, message_boxes):
    set_language("en")
    engine = init_team(pg_url)
    add_customers(engine)
    hq = f"hq_{uuid.uuid4().hex[:6]}"
    roles.add_user(engine, hq, "headoffice", None, PASSWORD)
    engine.dispose()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("REVOKE INSERT ON tier_run FROM kehu_headoffice")
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/kehu-test-pgpass")
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    database = pg_url.split("@/", 1)[1].split("?", 1)[0]
    store = TeamStore.open(pg_server.tcp_url(database, hq))
    try:
        window = _window(qtbot, store)
        shown = _refresh(qtbot, window)
        assert shown.startswith("Tiers could not be brought up to date: "), shown
        assert hq in shown and "has no rights to" in shown and "tier_run" in shown
        assert "team administrator" in shown  # who can help
        for raw in ("INSERT INTO", "SELECT", "Traceback", PASSWORD):
            assert raw not in shown
        assert message_boxes.calls == []  # nobody asked for the run: no dialog
        with store.sessions() as s:
            assert s.scalar(select(func.count()).select_from(TierRun)) == 0

        with psycopg.connect(pg_url, autocommit=True) as conn:  # the rights back
            conn.execute("GRANT INSERT ON tier_run TO kehu_headoffice")
        shown = _refresh(qtbot, window)
        assert shown.startswith("Tiers brought up to date"), shown
        with store.sessions() as s:
            assert s.scalar(select(func.count()).select_from(TierRun)) == 1
        window.list_panel.shutdown()
    finally:
        store.lock()
        set_language(None)
