"""The editable settings of the tiering rules, one widget per setting, built from a
table so that the form, its labels and the JSON paths cannot drift apart."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.tiers.rules import TIERS, VALUE_BASES
from app.views.tiers.segment_cadence_table import SegmentCadenceTable
from app.views.widgets.formatting import label

CTX = "RulesForm"
_DAYS = QT_TRANSLATE_NOOP("RulesForm", " days")
BASIS_LABELS = {  # value_basis → its name in the combo, in VALUE_BASES order
    "monetary": QT_TRANSLATE_NOOP("RulesForm", "Historical revenue"),
    "clv": QT_TRANSLATE_NOOP("RulesForm", "Predicted value (CLV)"),
}
# (JSON path, label, kind, minimum, maximum); kind: days, count, share (%), multiple, bool
LIFECYCLE = [
    ("lifecycle.loyal_min_purchases", QT_TRANSLATE_NOOP("RulesForm", "Loyal from (purchases)"),
     "count", 2, 1000),
    ("lifecycle.single_purchase_gap_days",
     QT_TRANSLATE_NOOP("RulesForm", "Rhythm assumed after one purchase"), "days", 1, 3650),
    ("lifecycle.at_risk_multiple", QT_TRANSLATE_NOOP("RulesForm", "At risk after (× rhythm)"),
     "multiple", 1, 100),
    ("lifecycle.at_risk_floor_days", QT_TRANSLATE_NOOP("RulesForm", "At risk no sooner than"),
     "days", 0, 3650),
    ("lifecycle.churned_multiple", QT_TRANSLATE_NOOP("RulesForm", "Churned after (× rhythm)"),
     "multiple", 1, 100),
    ("lifecycle.churned_floor_days", QT_TRANSLATE_NOOP("RulesForm", "Churned no sooner than"),
     "days", 0, 3650),
    ("lifecycle.won_back_days", QT_TRANSLATE_NOOP("RulesForm", "Won back stays for"),
     "days", 1, 3650),
]
VALUE = [
    ("abc.a_share", QT_TRANSLATE_NOOP("RulesForm", "Class A: revenue share up to"), "share",
     1, 100),
    ("abc.b_share", QT_TRANSLATE_NOOP("RulesForm", "Class B: revenue share up to"), "share",
     1, 100),
]
SERVICE = [
    ("after_purchase_days", QT_TRANSLATE_NOOP("RulesForm", "Follow-up after a purchase"),
     "days", 0, 365),
    ("birthday_care", QT_TRANSLATE_NOOP("RulesForm", "Birthday care call"), "bool", 0, 1),
    ("birthday_lead_days", QT_TRANSLATE_NOOP("RulesForm", "Birthday call ahead by"), "days",
     0, 30),
    ("win_back", QT_TRANSLATE_NOOP("RulesForm", "Win-back call when at risk"), "bool", 0, 1),
    ("daily_capacity", QT_TRANSLATE_NOOP("RulesForm", "Revisits per owner per day"), "count",
     1, 1000),
]

# Wider than the rule's 1..30 on purpose: a value typed out of range stays in the box
# and the rule's message says what is allowed (a spin box would snap back silently).
PRIVACY = [
    ("retention_years", QT_TRANSLATE_NOOP("RulesForm", "Keep personal data for"), "years",
     0, 99),
]
_YEARS = QT_TRANSLATE_NOOP("RulesForm", " years")
# Satisfaction surveys (services.surveys): the monthly 0–100 target and the follow-up mark.
SURVEYS = [
    ("satisfaction_target", QT_TRANSLATE_NOOP("RulesForm", "Monthly satisfaction target"),
     "count", 1, 100),
    ("satisfaction_low", QT_TRANSLATE_NOOP("RulesForm", "Follow up a survey scoring below"),
     "count", 0, 100),
]


def _get(body: dict, path: str) -> Any:
    value: Any = body
    for part in path.split("."):
        value = value[part]
    return value


def _set(body: dict, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        body = body.setdefault(part, {})
    body[last] = value


def _tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


class RulesForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.fields: dict[str, QWidget] = {}
        # The body last set: settings this form has no widget for (clv_discount_rate …)
        # are saved as they were, not reset to their defaults.
        self._base: dict = {}
        self._clv_available = True
        layout = QVBoxLayout(self)
        layout.addWidget(self._value_box())
        layout.addWidget(self._group(self.tr("Lifecycle"), LIFECYCLE))
        layout.addWidget(self._strategy_box())
        layout.addWidget(self._group(self.tr("Satisfaction surveys (0–100)"), SURVEYS))
        layout.addWidget(self._segment_box())
        layout.addWidget(self._privacy_box())
        layout.addStretch(1)

    # --- building -------------------------------------------------------------------
    def _field(self, path: str, kind: str, lo: float, hi: float) -> QWidget:
        if kind == "bool":
            widget: QWidget = QCheckBox()
            widget.toggled.connect(self.changed)
        elif kind in ("share", "multiple"):
            widget = QDoubleSpinBox()
            widget.setRange(lo, hi)
            widget.setDecimals(0 if kind == "share" else 1)
            widget.setSingleStep(5 if kind == "share" else 0.5)
            widget.setSuffix(" %" if kind == "share" else " ×")
            widget.valueChanged.connect(self.changed)
        else:
            widget = QSpinBox()
            widget.setRange(int(lo), int(hi))
            if kind == "days":
                widget.setSuffix(_tr(_DAYS))
            elif kind == "years":
                widget.setSuffix(_tr(_YEARS))
            widget.valueChanged.connect(self.changed)
        widget.setObjectName(path)
        widget.setProperty("kind", kind)
        self.fields[path] = widget
        return widget

    def _group(self, title: str, spec: list, form: QFormLayout | None = None) -> QGroupBox:
        box = QGroupBox(title)
        form = form or QFormLayout()
        for path, text, kind, lo, hi in spec:
            form.addRow(_tr(text), self._field(path, kind, lo, hi))
        box.setLayout(form)
        return box

    def _value_box(self) -> QGroupBox:
        form = QFormLayout()
        window = QWidget()
        row = QGridLayout(window)
        row.setContentsMargins(0, 0, 0, 0)
        self.window_days = self._field("window_days", "days", 1, 36500)
        self.window_all = QCheckBox(self.tr("All history"))
        self.window_all.toggled.connect(self.window_days.setDisabled)
        self.window_all.toggled.connect(self.changed)
        row.addWidget(self.window_days, 0, 0)
        row.addWidget(self.window_all, 0, 1)
        form.addRow(self.tr("F and M counted over"), window)
        self.value_basis = QComboBox()
        self.value_basis.setObjectName("value_basis")
        for basis in VALUE_BASES:
            self.value_basis.addItem(_tr(BASIS_LABELS[basis]), basis)
        self.value_basis.setToolTip(self.tr("What the M score and the ABC classes rank: the "
                                            "revenue in the window, or each customer's "
                                            "latest predicted value (customers without a "
                                            "prediction keep their revenue)."))
        self.value_basis.currentIndexChanged.connect(self._show_clv_note)
        self.value_basis.currentIndexChanged.connect(self.changed)
        form.addRow(self.tr("Value basis"), self.value_basis)
        self.clv_note = QLabel(self.tr("No predicted values yet: ranked by historical "
                                       "revenue until the first CLV run."))
        self.clv_note.setWordWrap(True)
        self.clv_note.setVisible(False)
        form.addRow(self.clv_note)
        grid = QWidget()
        tiers = QGridLayout(grid)
        tiers.setContentsMargins(0, 0, 0, 0)
        tiers.addWidget(QLabel(self.tr("RFM score (3–15) at least")), 0, 1)
        tiers.addWidget(QLabel(self.tr("ABC class at least")), 0, 2)
        for n, tier in enumerate(("vip", "high", "mid"), start=1):
            tiers.addWidget(QLabel(label("value_tier", tier)), n, 0)
            tiers.addWidget(self._field(f"tiers.{tier}.min_score", "count", 3, 15), n, 1)
            abc = QComboBox()
            abc.addItems(["A", "B", "C"])
            abc.setObjectName(f"tiers.{tier}.min_abc")
            abc.currentIndexChanged.connect(self.changed)
            self.fields[f"tiers.{tier}.min_abc"] = abc
            tiers.addWidget(abc, n, 2)
        tiers.addWidget(QLabel(self.tr("Everyone else with a purchase is low value; "
                                       "without one, potential.")), 4, 0, 1, 3)
        form.addRow(grid)
        return self._group(self.tr("Value tiers"), VALUE, form)

    def _strategy_box(self) -> QGroupBox:
        form = QFormLayout()
        for tier in TIERS:
            form.addRow(self.tr("Revisit %1 every").replace("%1", label("value_tier", tier)),
                        self._field(f"strategy.{tier}.cadence_days", "days", 1, 3650))
        return self._group(self.tr("Service per tier"), SERVICE, form)

    def _segment_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Revisit cadence per saved segment"))
        self.segment_cadence = SegmentCadenceTable()
        self.segment_cadence.changed.connect(self.changed)
        layout = QVBoxLayout(box)
        layout.addWidget(self.segment_cadence)
        return box

    def _privacy_box(self) -> QGroupBox:
        form = QFormLayout()
        note = QLabel(self.tr("Years after a customer's last purchase or contact, 1 to 30 "
                              "(PIPL Art. 19). Customers past it are listed in the "
                              "retention review, to be erased or anonymised."))
        note.setWordWrap(True)
        box = self._group(self.tr("Retention of personal data"), PRIVACY, form)
        form.addRow(note)
        self.fields["retention_years"].setToolTip(self.tr("From 1 to 30 years; 5 by default"))
        return box

    def set_segments(self, names: list[str]) -> None:
        self.segment_cadence.set_segments(names)

    def set_clv_available(self, available: bool) -> None:
        """Whether any CLV run exists; without one "clv" ranks as revenue, said below."""
        self._clv_available = available
        self._show_clv_note()

    def _show_clv_note(self) -> None:
        self.clv_note.setVisible(self.value_basis.currentData() == "clv"
                                 and not self._clv_available)

    # --- values ---------------------------------------------------------------------
    def set_body(self, body: dict) -> None:
        self._base = copy.deepcopy(body)
        for widget in (*self.fields.values(), self.value_basis, self.segment_cadence):
            widget.blockSignals(True)
        self.window_all.blockSignals(True)
        self.value_basis.setCurrentIndex(max(0, self.value_basis.findData(
            body.get("value_basis", "monetary"))))
        self.segment_cadence.set_entries(body.get("segment_cadence") or [])
        self._show_clv_note()
        for path, widget in self.fields.items():
            if path == "window_days":
                value = _get(body, path)
                self.window_all.setChecked(value is None)
                widget.setDisabled(value is None)
                widget.setValue(365 if value is None else int(value))
                continue
            value = _get(body, path)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentText(str(value))
            elif widget.property("kind") == "share":
                widget.setValue(float(value) * 100)
            else:
                widget.setValue(value)
        for widget in (*self.fields.values(), self.value_basis, self.segment_cadence):
            widget.blockSignals(False)
        self.window_all.blockSignals(False)

    def body(self) -> dict:
        out: dict = copy.deepcopy(self._base)
        out["value_basis"] = self.value_basis.currentData()
        out["segment_cadence"] = self.segment_cadence.entries()
        for path, widget in self.fields.items():
            if isinstance(widget, QCheckBox):
                value: Any = widget.isChecked()
            elif isinstance(widget, QComboBox):
                value = widget.currentText()
            elif widget.property("kind") == "share":
                value = round(widget.value() / 100, 4)
            else:
                value = widget.value()
            _set(out, path, value)
        if self.window_all.isChecked():
            out["window_days"] = None
        return out
