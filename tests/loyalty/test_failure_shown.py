"""When the daily points run cannot follow the tiers (the refresh summary's `loyalty`),
the window says so in words, with the service's reason and what it means; a run that
went well shows nothing."""

from __future__ import annotations

from datetime import date, datetime

from app.errors import InvalidInput
from app.services.loyalty import daily
from app.views.shell.app_context import AppContext
from app.views.shell.main_window import MainWindow
from tests.loyalty.people import buy, customer, points_of

CLOCK = datetime(2026, 6, 1, 9, 0)


def refresh(qtbot, vault, clock) -> MainWindow:
    window = MainWindow(AppContext(vault), clock=lambda: clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.tier_actions.refreshing, timeout=10000)
    window.tier_actions.refresh_if_stale()
    qtbot.waitUntil(lambda: not window.tier_actions.refreshing, timeout=10000)
    window.list_panel.shutdown()
    return window


def test_a_failed_points_run_is_told_in_words(qtbot, vault, message_boxes, monkeypatch):
    with vault.sessions.begin() as s:
        cid = customer(s)
        buy(s, cid, date(2026, 5, 1), 300)

    def broken(session, *args, **kw):
        raise InvalidInput("loyalty.levels.min_points: must rise from level to level.",
                           "loyalty.levels.min_points：各等级门槛须逐级升高。")

    monkeypatch.setattr(daily, "run", broken)
    window = refresh(qtbot, vault, CLOCK)
    (args,) = message_boxes.of("warning")
    assert args[0] is window and args[1] == "Points not brought up to date"
    assert "loyalty.levels.min_points: must rise from level to level\n" in args[2]
    assert "have not earned points yet" in args[2] and "kehu points run" in args[2]
    assert window.statusBar().currentMessage().startswith("Tiers brought up to date")
    assert points_of(vault, cid) == 0


def test_a_points_run_that_went_well_shows_no_warning(qtbot, vault, message_boxes):
    with vault.sessions.begin() as s:
        cid = customer(s)
        buy(s, cid, date(2026, 5, 1), 300)
    refresh(qtbot, vault, CLOCK)
    assert message_boxes.of("warning") == []
    assert points_of(vault, cid) == 300


def test_a_failed_start_up_refresh_is_told_in_the_status_bar(qtbot, vault, monkeypatch):
    """The background refresh at start fails: a typed error in its own words (a team
    login without rights), anything else by its kind with no SQL, and the window goes
    on with yesterday's tiers."""
    from sqlalchemy.exc import ProgrammingError

    from app.errors import NoRights
    from app.views.tiers import tier_actions

    window = refresh(qtbot, vault, CLOCK)  # today's run done: the next one is forced
    for failure, expected in (
            (NoRights("The tier recompute ranks the customers of every branch together.",
                      "重算价值等级需要把所有网点的客户放在一起排名。"),
             "ranks the customers of every branch together"),
            (ProgrammingError("SELECT secret_column FROM x", {}, Exception("boom")),
             "an unexpected error (ProgrammingError)")):
        def broken(*_args, failure=failure):
            raise failure
        monkeypatch.setattr(tier_actions, "refresh_stale", broken)
        window.tier_actions.refresh_if_stale()
        qtbot.waitUntil(lambda: not window.tier_actions.refreshing, timeout=10000)
        shown = window.statusBar().currentMessage()
        assert shown.startswith("Tiers could not be brought up to date: ") and expected in shown
        assert "SELECT" not in shown
