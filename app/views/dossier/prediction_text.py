"""One customer's predicted value (services.clv) in words, the same in the dossier's
tier tab and its portrait: the figures on one line (value in whole yuan, P(alive),
purchases expected over the horizon), the model's reason sentence on the next, or
"No prediction" when there is no run or the run did not score the customer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.clv.score import Prediction
from app.views.customers.customer_table_model import whole_yuan


def figures_line(p: Prediction | None) -> str:
    if p is None:
        return QCoreApplication.translate("PredictionText", "No prediction")
    return QCoreApplication.translate(
        "PredictionText", "Predicted value {0} · {1:.0%} likely still active · {2:.1f} "
        "purchases expected in the next {3} days").format(
        whole_yuan(p.clv_fen), p.p_alive, p.expected_purchases, p.horizon_days)


def detail_line(p: Prediction | None) -> str:
    if p is None:
        return QCoreApplication.translate(
            "PredictionText", "Predicted values are computed with the daily tier recompute, "
            "for customers with a purchase by then.")
    return QCoreApplication.translate("PredictionText", "{0} (as of {1})").format(
        p.reason(), p.as_of.isoformat())


def prediction_text(p: Prediction | None) -> str:
    """Both lines, for a label."""
    return f"{figures_line(p)}\n{detail_line(p)}"
