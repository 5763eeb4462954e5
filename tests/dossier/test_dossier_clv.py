"""The predicted value where the dossier's reader looks: the header, over the tier
history and on the portrait tab, the same figures in the same words; "No prediction"
before any CLV run and for a customer the run did not score."""

from __future__ import annotations

import pytest

from app.i18n import set_language
from app.services.clv import service as clv_service
from app.services.customers.input import CustomerInput
from app.services.customers.service import create_customer
from app.services.dashboard.portrait import load_portrait
from app.views.dossier.dossier_panel import DossierPanel
from app.views.dossier.prediction_text import figures_line
from app.views.shell.app_context import AppContext
from tests.clv.cdnow import CALIBRATION_END
from tests.clv_helpers import with_predictions
from tests.helpers import shown_widget


@pytest.fixture
def panel(qtbot, vault):
    return shown_widget(qtbot, DossierPanel(AppContext(vault)), 1000, 800)


def _show(qtbot, panel, cid):
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.show_customer(cid)


def _portrait(qtbot, panel):
    tab = panel.portrait
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        panel.tabs.setCurrentWidget(tab)
    return tab


def _best(vault, ids):
    with vault.sessions() as s:
        scored = clv_service.latest(s, ids.values())
    return max(scored.values(), key=lambda p: p.clv_fen)


def test_the_tier_tab_header_and_portrait_show_the_figures(qtbot, vault, panel):
    ids = with_predictions(vault, 40)["planted"]
    p = _best(vault, ids)
    yuan = f"¥{(p.clv_fen + 50) // 100:,}"
    _show(qtbot, panel, p.customer_id)
    assert panel.prediction == p
    assert f"Predicted value {yuan}" in panel.subtitle.text()
    text = panel.tiers.summary.text()
    assert not panel.tiers.summary.isHidden()
    assert f"Predicted value {yuan}" in text
    assert f"{p.p_alive:.0%} likely still active" in text
    assert f"{p.expected_purchases:.1f} purchases expected in the next 90 days" in text
    assert p.reason() in text and str(CALIBRATION_END) in text
    tab = _portrait(qtbot, panel)
    assert tab.portrait.prediction == p
    assert tab.value.text() == text and tab.value.isVisible()
    assert not tab.is_empty_state()


def test_no_run_and_not_scored_say_no_prediction(qtbot, vault, panel):
    with vault.sessions.begin() as s:
        cid = create_customer(s, CustomerInput(name="新客户")).id
    _show(qtbot, panel, cid)  # no run at all
    assert panel.prediction is None
    assert panel.tiers.summary.text().startswith("No prediction")
    assert "Predicted value" not in panel.subtitle.text()
    tab = _portrait(qtbot, panel)
    assert tab.value.text().startswith("No prediction") and tab.is_empty_state()
    ids = with_predictions(vault, 40)["planted"]  # a run now; 新客户 has no purchase
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.refresh()
    assert panel.prediction is None
    assert panel.tiers.summary.text().startswith("No prediction")
    _show(qtbot, panel, ids[1])  # and a scored one after it
    assert panel.prediction is not None and "Predicted value ¥" in panel.tiers.summary.text()


def test_the_words_in_chinese(vault):
    ids = with_predictions(vault, 40)["planted"]
    p = _best(vault, ids)
    with vault.sessions() as s:
        assert load_portrait(s, p.customer_id).prediction == p
    from PySide6.QtCore import QCoreApplication, QTranslator

    from app.views.shell.i18n_setup import I18N_DIR

    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "kehu_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    set_language("zh")
    try:
        assert figures_line(None) == "暂无预测"
        assert figures_line(p).startswith(f"预测价值 ¥{(p.clv_fen + 50) // 100:,}")
        assert "仍活跃概率" in figures_line(p)
    finally:
        QCoreApplication.removeTranslator(translator)
        set_language(None)
