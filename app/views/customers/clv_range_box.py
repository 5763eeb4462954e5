"""The predicted-value range of the list's filter bar: a combo of a few thresholds
(all / ≥ ¥1,000 / ≥ ¥5,000 / ≥ ¥10,000) and "Custom…", which asks for a from–to
range in whole yuan. The range is in fen (ListFilter.clv_min_fen / clv_max_fen)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

Range = tuple[int | None, int | None]  # (min fen, max fen), None: unbounded
THRESHOLDS_YUAN = (1_000, 5_000, 10_000)
_MAX_YUAN = 100_000_000
_CUSTOM = "custom"


def _yuan(fen: int) -> str:
    return f"¥{fen // 100:,}"


class ClvRangeDialog(QDialog):
    """From / to in whole yuan; 0 in "to" means no upper bound."""

    def __init__(self, current: Range, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Predicted value range"))
        self.low, self.high = QSpinBox(), QSpinBox()
        for box in (self.low, self.high):
            box.setRange(0, _MAX_YUAN)
            box.setPrefix("¥")
            box.setGroupSeparatorShown(True)
            box.setSingleStep(100)
        self.high.setSpecialValueText(self.tr("no limit"))
        lo, hi = current
        self.low.setValue((lo or 0) // 100)
        self.high.setValue((hi or 0) // 100)
        form = QFormLayout(self)
        form.addRow(self.tr("&From"), self.low)
        form.addRow(self.tr("&To"), self.high)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def value(self) -> Range:
        lo, hi = self.low.value(), self.high.value()
        if hi and hi < lo:
            lo, hi = hi, lo
        return (lo * 100 if lo else None, hi * 100 if hi else None)


class ClvRangeBox(QComboBox):
    range_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setToolTip(self.tr("Predicted value (latest prediction)"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(6)
        self.addItem(self.tr("Any value"), (None, None))
        for yuan in THRESHOLDS_YUAN:
            self.addItem(self.tr("Value ≥ {0}").format(f"¥{yuan:,}"), (yuan * 100, None))
        self.addItem(self.tr("Custom…"), _CUSTOM)
        self._range: Range = (None, None)
        self._previous = 0
        self.dialog: ClvRangeDialog | None = None  # the open "Custom…" dialog
        self.activated.connect(self._chosen)

    def value(self) -> Range:
        return self._range

    def set_value(self, value: Range) -> None:
        """Show `value` (a preset, or a custom range as its own item); no signal."""
        self.blockSignals(True)
        self._range = value
        self._drop_custom_item()
        found = next((i for i in range(self.count()) if self.itemData(i) == value), -1)
        if found < 0:
            found = self.count() - 1  # before "Custom…"
            self.insertItem(found, self._text_of(value), value)
        self.setCurrentIndex(found)
        self._previous = found
        self.blockSignals(False)

    def _text_of(self, value: Range) -> str:
        lo, hi = value
        if lo is not None and hi is not None:
            return f"{_yuan(lo)} – {_yuan(hi)}"
        if hi is not None:
            return self.tr("Value ≤ {0}").format(_yuan(hi))
        return self.tr("Value ≥ {0}").format(_yuan(lo or 0))

    def _drop_custom_item(self) -> None:
        presets = 1 + len(THRESHOLDS_YUAN)
        while self.count() > presets + 1:
            self.removeItem(presets)

    def _chosen(self, index: int) -> None:
        data = self.itemData(index)
        if data != _CUSTOM:
            self._previous = index
            if data != self._range:
                self._range = data
                self.range_changed.emit()
            return
        # Back to the shown range until the dialog is answered.
        self.blockSignals(True)
        self.setCurrentIndex(self._previous)
        self.blockSignals(False)
        self.dialog = ClvRangeDialog(self._range, self)
        self.dialog.accepted.connect(lambda: self._custom(self.dialog.value()))
        self.dialog.open()

    def _custom(self, value: Range) -> None:
        if value != self._range:
            self.set_value(value)
            self.range_changed.emit()
