"""The words over a dossier: the line under the name (code · kind · tier · stage ·
member level · predicted value · satisfaction) with its tooltip, and the purchases
tab's summary. Plain functions of what read_pane read; the strings keep the
DossierPanel context of the catalogue."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.clv.score import Prediction
from app.services.customers.dossier import Dossier
from app.services.daily.satisfaction import CustomerSatisfaction
from app.services.surveys.record import CustomerScores
from app.views.customers.customer_table_model import whole_yuan
from app.views.dossier import dossier_columns as cols
from app.views.widgets.formatting import format_date, format_money, label


def purchase_summary(dossier: Dossier) -> str:
    s = dossier.summary
    if not s.count:
        return ""
    return QCoreApplication.translate(
        "DossierPanel", "{0:,} purchases, {1} in total. Last purchase {2}, first {3}.").format(
        s.count, format_money(s.total_fen), format_date(s.last_on), format_date(s.first_on))


def subtitle(dossier: Dossier, satisfaction: CustomerSatisfaction | None = None,
             prediction: Prediction | None = None, surveys: CustomerScores | None = None,
             level: str = "") -> tuple[str, str]:
    """(the line under the name, its tooltip)."""
    row = dossier.customer
    parts = [row.code, label("kind", row.kind)]
    if dossier.tiers.rows:
        latest = dossier.tiers.rows[0]
        parts += [cols.code_label("value_tier", latest.value_tier),
                  cols.code_label("lifecycle", latest.lifecycle_stage)]
    if level:  # in full on the points tab
        parts.append(QCoreApplication.translate("DossierPanel", "{0} member").format(level))
    if prediction is not None:  # in full on the tiers tab
        parts.append(QCoreApplication.translate("DossierPanel", "Predicted value {0}").format(
            whole_yuan(prediction.clv_fen)))
    tip = ""
    if surveys is not None and surveys.count:
        # The survey score (0–100; the 1–5 scores carried over count ×20) replaces
        # the 1–5 average, which shows only until a score is carried over.
        part, tip = survey_text(surveys)
        parts.append(part)
    elif satisfaction is not None and satisfaction.count:
        parts.append(QCoreApplication.translate(
            "DossierPanel", "Satisfaction {0:.1f} (latest {1})").format(
            satisfaction.average, satisfaction.latest))
        tip = QCoreApplication.translate(
            "DossierPanel", "Average of {0:,} satisfaction scores (1–5); the latest, {1}, "
            "was given on {2}.").format(satisfaction.count, satisfaction.latest,
                                        format_date(satisfaction.latest_at))
    return " · ".join(p for p in parts if p), tip


def survey_text(surveys: CustomerScores) -> tuple[str, str]:
    """"Survey score 85 ↑ +13" and its tooltip (the trend, oldest first)."""
    part = QCoreApplication.translate("DossierPanel", "Survey score {0:g}").format(
        surveys.latest)
    if len(surveys.trend) > 1:
        delta = round(surveys.trend[-1] - surveys.trend[-2], 1)
        arrow = "↑" if delta > 0 else "↓" if delta < 0 else "→"
        part += f" {arrow}" + (f" {delta:+g}" if delta else "")
    tip = QCoreApplication.translate(
        "DossierPanel", "Latest of {0:,} survey scores (0–100), given on {1}. Trend: {2}."
    ).format(surveys.count, format_date(surveys.latest_at),
             " → ".join(f"{v:g}" for v in surveys.trend))
    return part, tip
