"""The list panel's 预测价值 column: shown in whole yuan, sorted by a header click
(in SQL), narrowed by the filter bar's value range (a preset or Custom…)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.views.customers.customer_list_panel import CustomerListPanel
from app.views.customers.customer_table_model import COL_CLV, whole_yuan
from app.views.shell.app_context import AppContext
from tests.clv_helpers import clv_by_id, with_predictions


def test_value_column_sorts_and_the_range_filters(qtbot, vault):
    valued = with_predictions(vault)
    clv = clv_by_id(vault)
    panel = CustomerListPanel(AppContext(vault))
    qtbot.addWidget(panel)
    panel.resize(900, 500)
    panel.show()
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10000)
    model = panel.model
    assert model.headerData(COL_CLV, Qt.Orientation.Horizontal) == "Predicted value"
    panel.table.horizontalHeader().setSortIndicator(COL_CLV, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not panel.busy() and model.query().order_by == "clv",
                    timeout=10000)
    best = max(clv, key=lambda cid: (clv[cid], cid))
    assert model.customer_id(0) == best
    assert model.index(0, COL_CLV).data() == whole_yuan(clv[best]) != ""
    last = model.rowCount() - 1
    assert model.customer_id(last) in valued["none"]
    assert model.index(last, COL_CLV).data() == ""  # no prediction: empty, last
    # A preset threshold, then a custom range through its dialog.
    box = panel.filter_bar.clv_box
    box.setCurrentIndex(1)
    box.activated.emit(1)
    qtbot.waitUntil(lambda: not panel.busy() and model.query().flt.clv_min_fen == 100_000,
                    timeout=10000)
    assert model.rowCount() == sum(1 for v in clv.values() if v >= 100_000)
    box.activated.emit(box.count() - 1)
    dialog = box.dialog
    assert isinstance(dialog, QDialog) and dialog.isVisible()
    values = sorted(clv.values())
    lo = values[len(values) // 3] // 100 + 1
    hi = max(lo + 1, values[2 * len(values) // 3] // 100)
    dialog.low.setValue(lo)
    dialog.high.setValue(hi)
    dialog.accept()
    qtbot.waitUntil(lambda: not panel.busy() and model.query().flt.clv_max_fen == hi * 100,
                    timeout=10000)
    want = {cid for cid, v in clv.items() if lo * 100 <= v <= hi * 100}
    assert {model.customer_id(r) for r in range(model.rowCount())} == want
    assert box.currentText() == f"¥{lo:,} – ¥{hi:,}"
