"""Predicted value on the dashboard: the spread (bins counted in SQL, a whale in the
overflow bin instead of stretching the axis), the top 10 in order, the owner/region
scope and the trash, the figures with ¥ labels, and the page's two charts (with their
empty state before any CLV run)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update

from app.charts.clv_figures import bin_label, draw_clv_spread, draw_clv_top, yuan
from app.charts.dashboard_figures import new_figure
from app.models import Customer, CustomerClv
from app.services.clv import store
from app.services.customers.service import move_to_trash
from app.services.dashboard.clv import BINS, CAP_QUANTILE, NO_RUN, clv_overview, nice_step
from app.services.dashboard.scope import DashboardFilter
from app.views.shell.app_context import AppContext
from tests.clv.cdnow import CALIBRATION_END
from tests.clv_helpers import with_predictions

EVERYONE = DashboardFilter(date(2026, 1, 1), date(2026, 6, 30))


@pytest.fixture
def fitted(vault):
    return with_predictions(vault, 60)["planted"]  # and three customers never scored


def _values(session, owner: str | None = None) -> dict[int, int]:
    q = (select(CustomerClv.customer_id, CustomerClv.clv_fen)
         .join(Customer, Customer.id == CustomerClv.customer_id)
         .where(CustomerClv.as_of == CALIBRATION_END, Customer.deleted_at.is_(None)))
    if owner:
        q = q.where(Customer.owner == owner)
    return dict(session.execute(q).all())


def _expected_bins(values: list[int]) -> tuple[int, list[int]]:
    """The bins counted by hand: (step, counts incl. the overflow bin)."""
    ordered = sorted(values)
    cap = ordered[int(CAP_QUANTILE * (len(ordered) - 1))]
    step = nice_step(cap)
    counts = [0] * (BINS + 1)
    for v in values:
        counts[min(max(v // step, 0), BINS)] += 1
    return step, counts


def test_nice_steps_read_as_round_yuan():
    assert nice_step(0) == 100  # at least ¥1
    assert nice_step(12_345) == 2_000  # ¥123.45 over ten bins → ¥20 each
    assert nice_step(250_000) == 25_000
    assert nice_step(3_700_000) == 500_000
    for span in (1, 999, 10_001, 123_456_789):
        step = nice_step(span)
        assert step * BINS >= span  # the bins cover the span
        mantissa = step / 100 / 10 ** len(str(step // 100)[1:])
        assert mantissa in (1, 2, 2.5, 5)


def test_no_run_is_said_so(session):
    assert clv_overview(session, EVERYONE) == NO_RUN and not NO_RUN.has_run


def test_the_spread_counts_every_scored_customer_in_its_band(vault, fitted):
    with vault.sessions() as s:
        ov = clv_overview(s, EVERYONE)
        values = _values(s)
    assert (ov.as_of, ov.horizon_days) == (CALIBRATION_END, 90)
    assert ov.customers == len(values) == 60 and ov.total_fen == sum(values.values())
    step, counts = _expected_bins(list(values.values()))
    assert [(b.lo_fen, b.hi_fen) for b in ov.bins[:BINS]] == [
        (i * step, (i + 1) * step) for i in range(BINS)]
    assert [b.count for b in ov.bins] == (counts if counts[BINS] else counts[:BINS])
    assert sum(b.count for b in ov.bins) == 60


def test_a_whale_lands_in_the_overflow_bin_and_leaves_the_axis_alone(vault, fitted):
    with vault.sessions() as s:
        before = clv_overview(s, EVERYONE)
        top_id = max(_values(s).items(), key=lambda kv: kv[1])[0]
    with vault.sessions.begin() as s:
        s.execute(update(CustomerClv).where(CustomerClv.customer_id == top_id)
                  .values(clv_fen=1_000_000_000))  # ¥10 million
    with vault.sessions() as s:
        after = clv_overview(s, EVERYONE)
    step = before.bins[0].hi_fen
    assert after.bins[0].hi_fen == step  # the axis still ends near the 95th percentile
    overflow = after.bins[-1]
    assert overflow.hi_fen is None and overflow.lo_fen == BINS * step and overflow.count >= 1
    assert after.top[0].customer_id == top_id and after.top[0].clv_fen == 1_000_000_000


def test_top_ten_in_order_by_value(vault, fitted):
    with vault.sessions() as s:
        ov = clv_overview(s, EVERYONE)
        values = _values(s)
        run = store.latest_run(s)
        same = store.top_rows(s, run, 10)  # the CLI's top: the same customers, same order
        names = dict(s.execute(select(Customer.id, Customer.name)).all())
    expected = sorted(values.items(), key=lambda kv: (-kv[1], -kv[0]))[:10]
    assert [(t.customer_id, t.clv_fen) for t in ov.top] == expected
    assert [t.code for t in ov.top] == [code for _p, code, _n in same]
    assert all(t.name == names[t.customer_id] for t in ov.top)
    assert [t.clv_fen for t in ov.top] == sorted((t.clv_fen for t in ov.top), reverse=True)


def test_the_owner_filter_and_the_trash_narrow_both_charts(vault, fitted):
    mine = [fitted[k] for k in range(1, 21)]
    with vault.sessions.begin() as s:
        s.execute(update(Customer).where(Customer.id.in_(mine)).values(owner="王经理"))
        move_to_trash(s, [fitted[1]])
    with vault.sessions() as s:
        ov = clv_overview(s, DashboardFilter(EVERYONE.start, EVERYONE.end, owner="王经理"))
        values = _values(s, owner="王经理")
        everyone = clv_overview(s, EVERYONE)
        nobody = clv_overview(s, DashboardFilter(EVERYONE.start, EVERYONE.end, owner="无人"))
    assert ov.customers == len(values) == 19  # twenty of his, one in the trash
    assert sum(b.count for b in ov.bins) == 19
    assert {t.customer_id for t in ov.top} <= set(values) and len(ov.top) == 10
    assert fitted[1] not in {t.customer_id for t in everyone.top}
    assert everyone.customers == 59
    assert nobody.has_run and nobody.customers == 0 and nobody.bins == () == nobody.top


def test_the_figures_label_yuan_and_state_emptiness(vault, fitted):
    with vault.sessions() as s:
        ov = clv_overview(s, EVERYONE)
    fig = new_figure()
    assert draw_clv_spread(fig, ov, "zh")
    ax = fig.axes[0]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == [bin_label(b, "zh") for b in ov.bins] and ticks[0].startswith("¥0–")
    assert sum(p.get_height() for p in ax.patches) == ov.customers
    assert "预测价值分布" in ax.get_title() and str(CALIBRATION_END) in ax.get_title()
    assert draw_clv_top(fig, ov, "en")
    ax = fig.axes[0]
    at = {t.get_position()[1]: t.get_text() for t in ax.get_yticklabels()}
    first = ov.top[0]
    assert at[max(at)] == f"{first.name} ({first.code})"  # the best on top
    assert yuan(first.clv_fen, "en") in [t.get_text() for t in ax.texts]
    for draw in (draw_clv_spread, draw_clv_top):
        assert not draw(fig, NO_RUN, "zh")
        (note,) = [t for t in fig.texts if t.get_gid() == "empty_state"]
        assert "暂无预测价值" in note.get_text()
    assert yuan(2_140_00, "zh") == "¥2,140" and yuan(1_234_567_00, "zh") == "¥123.5万"


def _panel(qtbot, vault):
    from app.views.dashboard.dashboard_panel import DashboardPanel
    from tests.dashboard_helpers import NOW

    panel = DashboardPanel(AppContext(vault), clock=lambda: NOW)
    qtbot.addWidget(panel)
    panel.resize(1400, 900)
    with qtbot.waitSignal(panel.loaded, timeout=30000):
        panel.show()
    return panel


def test_the_page_draws_both_charts_from_the_latest_run(qtbot, vault, fitted):
    panel = _panel(qtbot, vault)
    spread, top = panel.clv_charts["clv_spread"], panel.clv_charts["clv_top"]
    assert spread.has_data and top.has_data
    assert panel._clv.customers == 60
    bars = top.figure.axes[0].patches
    assert len(bars) == 10 and bars[0].get_gid() == panel._clv.top[0].code


def test_the_page_shows_the_empty_state_without_a_run(qtbot, vault):
    panel = _panel(qtbot, vault)
    assert panel._clv == NO_RUN
    for view in panel.clv_charts.values():
        assert not view.has_data
        texts = [t.get_text() for t in view.figure.texts if t.get_gid() == "empty_state"]
        assert texts and "No predicted values yet" in texts[0]
