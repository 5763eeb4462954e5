"""A label of short parts joined by " · " that wraps only between the parts.

Qt wraps Chinese between any two characters, so a narrow dossier header showed
"钻石" on one line and "卡会员" on the next. This label breaks the line itself at the
separators that the width needs; Qt's own wrapping is left for a single part wider
than the label (a long message)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

SEPARATOR = " · "


class SegmentLabel(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self._full = ""

    def setText(self, text: str) -> None:
        self._full = text
        self._lay_out()

    def clear(self) -> None:
        self.setText("")

    def full_text(self) -> str:
        """The text as given, without the line breaks the width added."""
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def _lay_out(self) -> None:
        width = self.contentsRect().width()
        metrics = self.fontMetrics()
        lines, line = [], ""
        for part in self._full.split(SEPARATOR):
            joined = f"{line}{SEPARATOR}{part}" if line else part
            if line and width > 0 and metrics.horizontalAdvance(joined) > width:
                lines.append(line + SEPARATOR.rstrip())
                line = part
            else:
                line = joined
        lines.append(line)
        text = "\n".join(lines)
        if text != self.text():
            super().setText(text)
