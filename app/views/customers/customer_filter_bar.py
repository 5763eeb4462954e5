"""The quick filters above the customer list: owner, region and tag combos, the trash
toggle, tier, stage, value range, a saved segment (分群) with "Save as segment…", and
the count of matches (placed by the list panel, beside the search box). Their
choices are read by `load_choices` (in a worker) and put in by `set_choices`;
`changed` fires when the filter changes, `save_requested` when
the user asks to save the chosen filters as a segment (the list panel saves it).

The strings keep the translation context "CustomerListPanel", where they were
translated first.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from app.services.customers.listing import ListFilter, distinct_values, tag_names
from app.services.customers.search import Scope
from app.services.segments.service import names as segment_names
from app.views.customers.clv_range_box import ClvRangeBox
from app.views.widgets.formatting import choices

Choices = tuple[list[str], list[str], list[str], list[str]]  # owners, regions, tags, segments


def load_choices(sessions: sessionmaker[Session]) -> Choices:
    # Segment names only: a member count would be one query per segment.
    with sessions() as session:
        return (distinct_values(session, "owner"), distinct_values(session, "region"),
                tag_names(session), segment_names(session))


def _combo(all_text: str, tooltip: str) -> QComboBox:
    box = QComboBox()
    box.addItem(all_text, None)
    box.setToolTip(tooltip)
    # Sized to six characters, not to the longest choice: five combos in a row must
    # still fit a narrow window (the popup shows the choices in full).
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(6)
    return box


class CustomerFilterBar(QWidget):
    changed = Signal()  # a combo or the trash toggle changed, or a chosen value went
    save_requested = Signal()  # "Save as segment…" clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        translate = QCoreApplication.translate
        self.owner_box = _combo(translate("CustomerListPanel", "All owners"),
                                translate("CustomerListPanel", "Account manager"))
        self.region_box = _combo(translate("CustomerListPanel", "All regions"),
                                 translate("CustomerListPanel", "Region"))
        self.tag_box = _combo(translate("CustomerListPanel", "All tags"),
                              translate("CustomerListPanel", "Tag"))
        self.tier_box = _combo(translate("CustomerListPanel", "All tiers"),
                               translate("CustomerListPanel", "Value tier"))
        for code, text in choices("value_tier"):
            self.tier_box.addItem(text, code)
        self.stage_box = _combo(translate("CustomerListPanel", "All stages"),
                                translate("CustomerListPanel", "Lifecycle stage"))
        for code, text in choices("lifecycle"):
            self.stage_box.addItem(text, code)
        self.clv_box = ClvRangeBox()  # predicted value: thresholds or a custom range
        self.clv_box.range_changed.connect(self.changed.emit)
        self.segment_box = _combo(translate("CustomerListPanel", "All segments"),
                                  translate("CustomerListPanel", "Saved segment"))
        self.segment_box.setMinimumContentsLength(8)  # "All segments" (nearly) whole in English
        self.save_segment_button = QToolButton()
        self.save_segment_button.setText(translate("CustomerListPanel", "Save as segment…"))
        self.save_segment_button.clicked.connect(self.save_requested.emit)
        # A drill-down (from the dashboard) narrows to a set no combo expresses; this
        # button names it and takes it away.
        self._ids: frozenset[int] | None = None
        self.drill_button = QToolButton()
        self.drill_button.setToolTip(translate("CustomerListPanel", "Show all customers again"))
        self.drill_button.setVisible(False)
        self.drill_button.clicked.connect(self.clear_drill_down)
        self.trash_button = QToolButton()
        self.trash_button.setText(translate("CustomerListPanel", "Trash"))
        self.trash_button.setCheckable(True)
        self.trash_button.setToolTip(
            translate("CustomerListPanel", "Show only the customers in the trash"))
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # Two rows, so that the list still fits beside the dossier in a narrow window.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(2)
        first, second = QHBoxLayout(), QHBoxLayout()
        # The segment combo and its button on the second row, the tier moved up to
        # make room, and the count beside the search box (the list panel puts it
        # there): each row must fit beside the dossier, the window down to 760 px.
        for widget in (*self.boxes(), self.tier_box, self.trash_button):
            first.addWidget(widget)
        first.addStretch(1)
        for widget in (self.stage_box, self.clv_box, self.segment_box,
                       self.save_segment_button, self.drill_button):
            second.addWidget(widget)
        second.addStretch(1)
        rows.addLayout(first)
        rows.addLayout(second)
        for box in (*self.boxes(), self.tier_box, self.stage_box, self.segment_box):
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.trash_button.toggled.connect(lambda _on: self.changed.emit())
        self.changed.connect(self._update_save_button)
        self._update_save_button()

    def boxes(self) -> tuple[QComboBox, QComboBox, QComboBox]:
        return self.owner_box, self.region_box, self.tag_box

    def current_filter(self) -> ListFilter:
        return ListFilter(
            scope=Scope.TRASH if self.trash_button.isChecked() else Scope.ACTIVE,
            owner=self.owner_box.currentData(), region=self.region_box.currentData(),
            tag=self.tag_box.currentData(), tier=self.tier_box.currentData(),
            stage=self.stage_box.currentData(), ids=self._ids,
            clv_min_fen=self.clv_box.value()[0], clv_max_fen=self.clv_box.value()[1],
            segment=self.segment_box.currentData())

    def _update_save_button(self) -> None:
        """Enabled when the chosen filters say a segment; the tooltip says why not."""
        translate = QCoreApplication.translate
        flt = self.current_filter()
        if flt.scope != Scope.ACTIVE:
            why = translate("CustomerListPanel", "The trash cannot be saved as a segment.")
        elif flt.ids is not None:
            why = translate("CustomerListPanel",
                            "A dashboard drill-down is a list of customers no condition "
                            "says; it cannot be saved as a segment.")
        elif not any((flt.owner, flt.region, flt.tag, flt.tier, flt.stage, flt.has_clv_range)):
            why = translate("CustomerListPanel",
                            "Choose an owner, region, tag, tier, stage or value range first.")
        else:
            why = ""
        self.save_segment_button.setEnabled(not why)
        self.save_segment_button.setToolTip(why or translate(
            "CustomerListPanel", "Save the chosen filters as a segment, to use again in the "
            "list and in exports"))

    def show_filter(self, flt: ListFilter, label: str = "") -> None:
        """Set every control to `flt` (a drill-down's filter); `changed` once."""
        for widget in self._controls():
            widget.blockSignals(True)
        for box, value in ((self.owner_box, flt.owner), (self.region_box, flt.region),
                           (self.tag_box, flt.tag), (self.tier_box, flt.tier),
                           (self.stage_box, flt.stage), (self.segment_box, flt.segment)):
            found = box.findData(value) if value is not None else 0
            if found < 0:  # a value the choices have not caught up with yet
                box.addItem(value, value)
                found = box.count() - 1
            box.setCurrentIndex(found)
        self.trash_button.setChecked(flt.scope == Scope.TRASH)
        self.clv_box.set_value((flt.clv_min_fen, flt.clv_max_fen))
        self._ids = flt.ids
        self.drill_button.setText(f"✕ {label}" if label else "✕")
        self.drill_button.setVisible(flt.ids is not None)
        for widget in self._controls():
            widget.blockSignals(False)
        self.changed.emit()

    def choose_segment(self, name: str) -> None:
        """Show the segment `name` alone (just saved from the chosen filters, which it
        now says): the other filters back to "all"; `changed` once."""
        self.show_filter(ListFilter(segment=name))

    def drop_segment(self, name: str) -> None:
        """The segment `name` was deleted meanwhile: out of the combo; "all segments"
        chosen (`changed`) if it was the chosen one."""
        found = self.segment_box.findData(name)
        if found <= 0:
            return
        chosen = self.segment_box.currentIndex() == found
        self.segment_box.blockSignals(True)
        self.segment_box.removeItem(found)
        self.segment_box.setCurrentIndex(0 if chosen else self.segment_box.currentIndex())
        self.segment_box.blockSignals(False)
        if chosen:
            self.changed.emit()

    def clear_drill_down(self) -> None:
        self._ids = None
        self.drill_button.setVisible(False)
        self.changed.emit()

    def _controls(self) -> tuple[QWidget, ...]:
        return (*self.boxes(), self.tier_box, self.stage_box, self.segment_box,
                self.trash_button)

    def set_choices(self, choices: Choices) -> None:
        """Put in fresh choices, keeping the chosen values; `changed` if one went."""
        gone = False
        for box, values in zip((*self.boxes(), self.segment_box), choices, strict=True):
            current = box.currentData()
            box.blockSignals(True)
            _replace_items(box, values)
            found = box.findData(current) if current is not None else 0
            box.setCurrentIndex(max(found, 0))
            gone |= current is not None and found < 0
            box.blockSignals(False)
        if gone:  # a filter value disappeared: show the list without it
            self.changed.emit()

    def reset(self) -> None:
        """No choices, nothing chosen, the count cleared (the file locked); silently."""
        for widget in self._controls():
            widget.blockSignals(True)
        for box in (*self.boxes(), self.segment_box):
            _replace_items(box, [])
            box.setCurrentIndex(0)
        self.tier_box.setCurrentIndex(0)
        self.stage_box.setCurrentIndex(0)
        self.clv_box.set_value((None, None))
        self.trash_button.setChecked(False)
        self._ids = None
        self.drill_button.setVisible(False)
        for widget in self._controls():
            widget.blockSignals(False)
        self.count_label.clear()
        self._update_save_button()


def _replace_items(box: QComboBox, values: list[str]) -> None:
    """Keep the first ("All …") item; the values after it."""
    while box.count() > 1:
        box.removeItem(1)
    for value in values:
        box.addItem(value, value)
