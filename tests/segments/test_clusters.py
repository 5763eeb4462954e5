"""Discovered groups stored on a real encrypted demo file: every active buyer in one
group of the latest run, the trash and merge tombstones left out, a new run replacing
the last, and a clear word when the tiers were never computed; the 分群 page shows the
groups and finds them again in a worker."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.errors import InvalidInput
from app.models import ClusterRun, Customer, CustomerCluster, CustomerTier
from app.services.clv import service as clv
from app.services.customers.service import move_to_trash
from app.services.demo.generator import generate_demo_data
from app.services.segments import clusters
from app.services.tiers.service import recompute


@pytest.fixture
def vault(any_store):  # every test here on both engines (issue 21)
    return any_store

DAY = date(2026, 12, 1)


def _demo(vault, n=400, with_clv=True):
    generate_demo_data(vault.sessions, n, seed=3, today=DAY)
    with vault.sessions.begin() as s:
        recompute(s, DAY, clock=lambda: datetime(2026, 12, 1, 9, 0))
        if with_clv:
            clv.refresh(s, DAY)


def _buyers(s) -> set[int]:
    return set(s.scalars(select(CustomerTier.customer_id).join(
        Customer, Customer.id == CustomerTier.customer_id).where(
            CustomerTier.value_tier.is_not(None), Customer.deleted_at.is_(None))))


def test_every_active_buyer_lands_in_one_group_of_the_latest_run(vault):
    _demo(vault)
    with vault.sessions() as s:
        gone = s.scalars(select(Customer.id).order_by(Customer.id)).first()
    with vault.sessions.begin() as s:
        move_to_trash(s, [gone])
    with vault.sessions.begin() as s:
        run, _ = clusters.rediscover(s)
    with vault.sessions() as s:
        rows = dict(s.execute(select(CustomerCluster.customer_id,
                                     CustomerCluster.cluster_id)).all())
        assert set(rows) == _buyers(s) and gone not in rows
        groups = clusters.groups(clusters.latest(s))
    assert run.used_clv and 3 <= run.k <= 8 and len(groups) == run.k
    assert sorted({*rows.values()}) == [g.id for g in groups]
    assert [g.size for g in groups] == [sum(v == g.id for v in rows.values()) for g in groups]
    assert sum(g.revenue_share for g in groups) == pytest.approx(1.0)
    assert all(g.description_zh and g.mean_clv_fen is not None for g in groups)
    values = [g.mean_clv_fen for g in groups]
    assert values == sorted(values, reverse=True)  # group 1 is the most valuable


def test_a_new_run_replaces_the_groups_and_keeps_the_history(vault):
    _demo(vault)
    with vault.sessions.begin() as s:
        clusters.rediscover(s, k=3)
    with vault.sessions.begin() as s:
        run, _ = clusters.rediscover(s, k=5)
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(ClusterRun)) == 2
        assert set(s.scalars(select(CustomerCluster.run_id))) == {run.id}
        assert set(s.scalars(select(CustomerCluster.cluster_id))) == {1, 2, 3, 4, 5}


def test_without_predicted_values_the_groups_use_the_history_alone(vault):
    _demo(vault, with_clv=False)
    with vault.sessions.begin() as s:
        run, _ = clusters.rediscover(s)
    assert not run.used_clv and all(g["mean_clv_fen"] is None for g in run.clusters)


def test_without_tiers_it_says_what_to_do_and_writes_nothing(vault):
    generate_demo_data(vault.sessions, 50, seed=3, today=DAY)
    with vault.sessions.begin() as s, pytest.raises(InvalidInput, match=r"tiers|分层"):
        clusters.rediscover(s)
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).select_from(ClusterRun)) == 0


def test_the_page_shows_an_empty_state_then_the_groups_it_finds(qtbot, vault):
    from app.views.segments.segments_page import SegmentsPage
    from app.views.shell.app_context import AppContext

    _demo(vault, n=300)
    page = SegmentsPage(AppContext(vault))
    qtbot.addWidget(page)
    page.refresh()
    assert page.table.rowCount() == 0 and "No groups yet" in page.heading.text()
    assert page.canvas.figure.texts  # the chart's empty state
    assert not page.save_button.isEnabled()
    page.k_combo.setCurrentIndex(page.k_combo.findData(4))
    page.run_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 4, timeout=20000)
    assert "4 groups found" in page.heading.text()
    assert page.canvas.figure.axes and not page.canvas.figure.texts
    sizes = [int(page.table.item(r, 2).text().replace(",", "")) for r in range(4)]
    with vault.sessions() as s:
        assert sum(sizes) == len(_buyers(s))
    page.table.selectRow(0)
    assert page.save_button.isEnabled() and page.selected_group().id == 1


def test_ctrl_4_opens_the_groups_page(qtbot, vault):
    from app.views.shell.app_context import AppContext
    from app.views.shell.main_window import SEGMENTS_PAGE, MainWindow

    window = MainWindow(AppContext(vault))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # The key itself is pressed from every widget by tests/shell/test_window_shortcuts.
    assert window.act_segments.shortcut().toString() == "Ctrl+4"
    window.act_segments.trigger()
    qtbot.waitUntil(lambda: window.current_page() == SEGMENTS_PAGE)
    assert window.segments is not None and window.act_segments.isChecked()


def test_a_group_saved_from_the_page_is_a_segment_of_its_members(qtbot, vault,
                                                                  message_boxes):
    from app.services.segments import service as segments
    from app.views.segments.segments_page import SegmentsPage
    from app.views.shell.app_context import AppContext

    _demo(vault, n=300)
    with vault.sessions.begin() as s:
        clusters.rediscover(s, k=3)
    page = SegmentsPage(AppContext(vault))
    qtbot.addWidget(page)
    page.refresh()
    assert page.save_as("第一群", 1)
    assert not page.save_as("第一群", 2)  # a taken name: said in a message, not saved
    assert message_boxes.calls and "第一群" in str(message_boxes.calls[-1])
    with vault.sessions() as s:
        members = {cid for cid, _ in segments.members(s, "第一群")}
        group = set(s.scalars(select(CustomerCluster.customer_id)
                              .where(CustomerCluster.cluster_id == 1)))
    assert members == group and len(group) == page.groups[0].size
