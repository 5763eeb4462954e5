"""A KPI card: a caption and a big figure; a click asks for the customers behind it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout


class KpiCard(QFrame):
    clicked = Signal(str)  # the card's key

    def __init__(self, key: str, caption: str, tip: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.setObjectName("kpiCard")
        self.setStyleSheet("#kpiCard { background: palette(base); border: 1px solid "
                           "palette(mid); border-radius: 6px; } "
                           "#kpiCard:hover { border-color: palette(highlight); }")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tip)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Enter/Space opens it too
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("color: palette(placeholder-text)")
        self.value = QLabel("…")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value.setFont(font)
        self.note = QLabel()
        self.note.setStyleSheet("color: #a05a00")
        # The note's line is kept while it is hidden: a note arriving with the figures
        # would make its row of cards taller and every chart below shorter, and each
        # chart already drawn would be drawn again at its new size.
        self.note.setMinimumHeight(self.note.fontMetrics().height())
        policy = self.note.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.note.setSizePolicy(policy)
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)

    def set_value(self, text: str, note: str = "", warn: bool = False) -> None:
        self.value.setText(text)
        self.value.setStyleSheet("color: #c0392b" if warn else "")
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit(self.key)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.key)
            return
        super().keyPressEvent(event)
